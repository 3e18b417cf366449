//! Private moments: answering alone, then choosing together to show.
//!
//! In a couple workbook each partner rates a check-in alone while the other
//! looks away. Seeing the other's answer first would change one's own, and
//! being shown an answer one did not agree to share breaks the safety the
//! workbook is trying to build. So answers stay sealed until both have
//! answered and both say yes to revealing them; either can keep them
//! private.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether a private answer may be shown to the other partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrivateState {
    /// Not shown yet; the reveal has not been decided.
    #[default]
    Sealed,
    /// Both agreed to show it.
    Revealed,
    /// Someone chose to keep it private.
    KeptPrivate,
}

/// Stored on each private answer (e.g. on a check-in), tying it to its
/// round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateMark {
    pub round: Uuid,
    pub state: PrivateState,
}

/// Why a private round refused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PrivateError {
    #[error("a private round needs two different people")]
    SamePerson,
    #[error("that person is not part of this round")]
    NotInRound,
    #[error("it is not that person's turn to answer")]
    NotYourTurn,
    #[error("that person has already answered")]
    AlreadyAnswered,
}

/// What happens next in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum RoundStep {
    /// Hand the keyboard to `to`, while `away` looks away.
    Handover { to: Uuid, away: Uuid },
    /// Both have answered: time to decide about revealing.
    Reveal,
}

/// A round of private answers in progress. It is derived from the answers
/// already given (their [`PrivateMark`]s), so it survives a restart without
/// being saved itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateRound {
    pub id: Uuid,
    /// Who answers first, then second.
    pub order: [Uuid; 2],
    /// Who has answered so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered: Vec<Uuid>,
}

impl PrivateRound {
    pub fn new(order: [Uuid; 2]) -> Result<Self, PrivateError> {
        Self::resume(Uuid::now_v7(), order, &[])
    }

    /// Rebuilds a round from the authors of the answers already saved with
    /// its id. Their order does not matter and repeats are ignored.
    pub fn resume(id: Uuid, order: [Uuid; 2], answered: &[Uuid]) -> Result<Self, PrivateError> {
        if order[0] == order[1] {
            return Err(PrivateError::SamePerson);
        }
        if answered.iter().any(|who| !order.contains(who)) {
            return Err(PrivateError::NotInRound);
        }
        let answered = order
            .into_iter()
            .filter(|who| answered.contains(who))
            .collect();
        Ok(Self {
            id,
            order,
            answered,
        })
    }

    /// Who should answer next, or that both are done.
    pub fn next(&self) -> RoundStep {
        let [a, b] = self.order;
        match (self.answered.contains(&a), self.answered.contains(&b)) {
            (false, _) => RoundStep::Handover { to: a, away: b },
            (true, false) => RoundStep::Handover { to: b, away: a },
            (true, true) => RoundStep::Reveal,
        }
    }

    /// Notes that `who` has answered. Only the person whose turn it is,
    /// and only once.
    pub fn record(&mut self, who: Uuid) -> Result<(), PrivateError> {
        if !self.order.contains(&who) {
            return Err(PrivateError::NotInRound);
        }
        if self.answered.contains(&who) {
            return Err(PrivateError::AlreadyAnswered);
        }
        match self.next() {
            RoundStep::Handover { to, .. } if to == who => {
                self.answered.push(who);
                Ok(())
            }
            _ => Err(PrivateError::NotYourTurn),
        }
    }

    /// The mark to store on an answer in this round.
    pub fn mark(&self, state: PrivateState) -> PrivateMark {
        PrivateMark {
            round: self.id,
            state,
        }
    }
}

/// The decision to reveal a round's answers: everyone must say yes, and a
/// single no keeps them private (a no always wins).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RevealVote {
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub agreed: BTreeSet<Uuid>,
    /// Who chose to keep the answers private, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined_by: Option<Uuid>,
}

impl RevealVote {
    /// `who` says yes to revealing. Returns whether the answers may now be
    /// shown: everyone in `participants` said yes and nobody said no.
    /// Someone outside `participants` changes nothing.
    pub fn agree(&mut self, who: Uuid, participants: &[Uuid]) -> bool {
        if participants.contains(&who) {
            self.agreed.insert(who);
        }
        self.outcome(participants) == PrivateState::Revealed
    }

    /// `who` chooses to keep the answers private.
    pub fn decline(&mut self, who: Uuid) {
        self.declined_by.get_or_insert(who);
    }

    /// What the vote means for the answers so far.
    pub fn outcome(&self, participants: &[Uuid]) -> PrivateState {
        if self.declined_by.is_some() {
            PrivateState::KeptPrivate
        } else if !participants.is_empty() && participants.iter().all(|p| self.agreed.contains(p)) {
            PrivateState::Revealed
        } else {
            PrivateState::Sealed
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ids() -> (Uuid, Uuid, Uuid) {
        (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3))
    }

    #[test]
    fn handovers_follow_the_order_then_reveal() {
        let (a, b, _) = ids();
        let mut round = PrivateRound::new([b, a]).unwrap();
        assert_eq!(round.next(), RoundStep::Handover { to: b, away: a });
        round.record(b).unwrap();
        assert_eq!(round.next(), RoundStep::Handover { to: a, away: b });
        round.record(a).unwrap();
        assert_eq!(round.next(), RoundStep::Reveal);
        assert_eq!(round.answered, vec![b, a]);
    }

    #[test]
    fn wrong_person_is_refused_and_nothing_changes() {
        let (a, b, c) = ids();
        let mut round = PrivateRound::new([a, b]).unwrap();
        let before = round.clone();
        assert_eq!(round.record(b), Err(PrivateError::NotYourTurn));
        assert_eq!(round.record(c), Err(PrivateError::NotInRound));
        assert_eq!(round, before);
        round.record(a).unwrap();
        let before = round.clone();
        assert_eq!(round.record(a), Err(PrivateError::AlreadyAnswered));
        assert_eq!(round, before);
        round.record(b).unwrap();
        assert_eq!(round.record(b), Err(PrivateError::AlreadyAnswered));
        assert_eq!(PrivateRound::new([a, a]), Err(PrivateError::SamePerson));
    }

    #[test]
    fn resume_rebuilds_from_answers_given() {
        let (a, b, c) = ids();
        let id = Uuid::from_u128(42);
        let round = PrivateRound::resume(id, [a, b], &[a]).unwrap();
        assert_eq!(round.next(), RoundStep::Handover { to: b, away: a });
        let done = PrivateRound::resume(id, [a, b], &[b, a, b]).unwrap();
        assert_eq!(done.answered, vec![a, b]);
        assert_eq!(done.next(), RoundStep::Reveal);
        assert_eq!(
            PrivateRound::resume(id, [a, b], &[c]),
            Err(PrivateError::NotInRound)
        );
        assert_eq!(
            round.mark(PrivateState::Sealed),
            PrivateMark {
                round: id,
                state: PrivateState::Sealed
            }
        );
        let json = serde_json::to_value(round.mark(PrivateState::KeptPrivate)).unwrap();
        assert_eq!(json["state"], "kept-private");
    }

    #[test]
    fn reveal_only_after_both_agree() {
        let (a, b, c) = ids();
        let mut vote = RevealVote::default();
        assert_eq!(vote.outcome(&[a, b]), PrivateState::Sealed);
        assert!(!vote.agree(a, &[a, b]));
        assert!(!vote.agree(a, &[a, b]));
        assert!(!vote.agree(c, &[a, b]));
        assert_eq!(vote.outcome(&[a, b]), PrivateState::Sealed);
        assert!(vote.agree(b, &[a, b]));
        assert_eq!(vote.outcome(&[a, b]), PrivateState::Revealed);
        assert!(!RevealVote::default().agree(a, &[]));
    }

    #[test]
    fn one_no_keeps_it_private() {
        let (a, b, _) = ids();
        let mut vote = RevealVote::default();
        vote.agree(a, &[a, b]);
        vote.decline(b);
        assert_eq!(vote.outcome(&[a, b]), PrivateState::KeptPrivate);
        assert!(!vote.agree(b, &[a, b]));
        assert_eq!(vote.declined_by, Some(b));
    }
}
