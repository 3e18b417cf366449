//! Safety before reconciliation. Each participant answers a short private
//! screening (afraid of the other person; hurt, threatened or forced;
//! controlled). Any "yes" or "I'd rather not say" puts the workbook in
//! "safety first": exercises for two are not offered until that same
//! person, privately, says otherwise. Answers belong to the person who gave
//! them and are never shown to anyone else.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One answer to a screening question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScreeningAnswer {
    No,
    Yes,
    RatherNotSay,
}

impl ScreeningAnswer {
    pub const ALL: [ScreeningAnswer; 3] = [Self::No, Self::Yes, Self::RatherNotSay];

    /// "I'd rather not say" is taken as seriously as "yes": someone who
    /// cannot say may be the one most at risk.
    pub fn raises_concern(self) -> bool {
        !matches!(self, Self::No)
    }
}

/// One person's answers, at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    pub participant: Uuid,
    pub at: DateTime<FixedOffset>,
    /// By question id (`afraid`, `harmed`, `controlled`).
    pub answers: BTreeMap<String, ScreeningAnswer>,
}

impl Screening {
    pub fn raises_concern(&self) -> bool {
        self.answers.values().any(|a| a.raises_concern())
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The workbook's safety state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Safety {
    /// Every screening, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub screenings: Vec<Screening>,
    /// Who put the workbook in "safety first". Only that person's own later
    /// screening can take them out of it, so nobody else can switch it off.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub safety_first: BTreeSet<Uuid>,
    /// People owed the private screening: a check-in or a new workbook
    /// made from a shell without a terminal could not ask it, so the next
    /// interactive start does.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub owed: BTreeSet<Uuid>,
    /// Helpline numbers the person added themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own_numbers: Vec<String>,
    /// In a workbook for two, each person's own numbers, shown to them
    /// alone (and sealed to their key where they have one).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub own_numbers_of: BTreeMap<Uuid, Vec<String>>,
    /// Couple mode turned off with the workbook's switch: either partner
    /// may, at any time and without a reason. Turning it on again asks
    /// each of them privately (see the app's couple-mode screen), so it
    /// looks and behaves exactly as "safety first" does.
    #[serde(default, skip_serializing_if = "is_default")]
    pub couple_off: bool,

    /// The note that someone else may see this device was shown.
    #[serde(default, skip_serializing_if = "is_default")]
    pub device_note_seen: bool,
}

impl Safety {
    /// Couple mode is off, and exercises for two are not offered: by the
    /// switch, or by someone's private answers. The two are one state to
    /// everything that shows it, so nothing tells them apart.
    pub fn is_safety_first(&self) -> bool {
        !self.safety_first.is_empty() || self.couple_off
    }

    /// Keeps a screening and updates the state: a concern puts its person
    /// in "safety first"; an all-clear from that same person takes them
    /// out. Returns whether it raised a concern.
    pub fn record(&mut self, screening: Screening) -> bool {
        let concern = screening.raises_concern();
        if concern {
            self.safety_first.insert(screening.participant);
        } else {
            self.safety_first.remove(&screening.participant);
        }
        self.screenings.push(screening);
        concern
    }

    /// Whether `who`'s answers put the workbook in "safety first".
    pub fn flagged_by(&self, who: Uuid) -> bool {
        self.safety_first.contains(&who)
    }

    /// `who`'s latest screening.
    pub fn latest(&self, who: Uuid) -> Option<&Screening> {
        self.screenings
            .iter()
            .filter(|s| s.participant == who)
            .max_by_key(|s| s.at)
    }

    pub fn is_default(&self) -> bool {
        is_default(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn screening(who: u128, answer: ScreeningAnswer) -> Screening {
        Screening {
            participant: Uuid::from_u128(who),
            at: DateTime::parse_from_rfc3339("2026-11-23T21:00:00+01:00").unwrap(),
            answers: BTreeMap::from([
                ("afraid".to_string(), ScreeningAnswer::No),
                ("harmed".to_string(), answer),
            ]),
        }
    }

    #[test]
    fn any_yes_or_rather_not_say_means_safety_first() {
        for answer in [ScreeningAnswer::Yes, ScreeningAnswer::RatherNotSay] {
            let mut safety = Safety::default();
            assert!(safety.record(screening(1, answer)));
            assert!(safety.is_safety_first());
        }
        let mut safety = Safety::default();
        assert!(!safety.record(screening(1, ScreeningAnswer::No)));
        assert!(!safety.is_safety_first());
    }

    #[test]
    fn only_the_person_who_raised_it_can_clear_it() {
        let mut safety = Safety::default();
        safety.record(screening(1, ScreeningAnswer::Yes));
        safety.record(screening(2, ScreeningAnswer::No));
        assert!(safety.is_safety_first(), "the other person cannot clear it");
        assert!(safety.flagged_by(Uuid::from_u128(1)));
        assert!(!safety.flagged_by(Uuid::from_u128(2)));
        safety.record(screening(1, ScreeningAnswer::No));
        assert!(!safety.is_safety_first());
        assert_eq!(safety.screenings.len(), 3, "history is kept");
    }
}
