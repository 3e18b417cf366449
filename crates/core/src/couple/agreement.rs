//! Agreements between the participants of a workbook.
//!
//! An agreement only binds anyone once every participant has said yes to it
//! themselves: one partner proposing, or pressing confirm for both, is not
//! agreement. Changing the words makes it a new proposal that needs
//! everyone's yes again. Nothing is ever deleted; the history keeps every
//! wording and every yes and no.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementStatus {
    /// Waiting for everyone to accept.
    Proposed,
    /// Everyone accepted; it binds.
    Active,
    /// No longer needed; kept for the record.
    Retired,
    /// Never accepted by everyone, and let go.
    Dropped,
}

impl AgreementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Active => "active",
            Self::Retired => "retired",
            Self::Dropped => "dropped",
        }
    }
}

impl fmt::Display for AgreementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing that happened to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementEvent {
    pub at: DateTime<FixedOffset>,
    /// Who did it; `None` when it simply followed (becoming active) or
    /// nobody in particular did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Uuid>,
    #[serde(flatten)]
    pub kind: AgreementEventKind,
}

/// What happened, written into the event itself in the JSON:
/// `{"at": …, "by": …, "kind": "revised", "from": …, "to": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum AgreementEventKind {
    Proposed { text: String },
    Accepted,
    Declined,
    Active,
    Revised { from: String, to: String },
    Retired,
    Dropped,
}

/// Why an agreement refused a change. A refused change leaves it as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("an agreement needs some words")]
    EmptyText,
    #[error("the agreement already says that")]
    Unchanged,
    #[error("only someone in this workbook can accept an agreement")]
    NotAParticipant,
    #[error("can't {action} an agreement that is {status}")]
    NotNow {
        status: AgreementStatus,
        action: &'static str,
    },
}

/// Something the participants agree to do or not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: Uuid,
    /// The current wording (earlier ones are in the history).
    pub text: String,
    pub status: AgreementStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<Uuid>,
    /// Who accepted the current wording.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub accepted_by: BTreeSet<Uuid>,
    /// The conversation it was proposed in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Uuid>,
    pub created_at: DateTime<FixedOffset>,
    /// Oldest first.
    #[serde(default)]
    pub history: Vec<AgreementEvent>,
}

fn checked_text(text: &str) -> Result<String, AgreementError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AgreementError::EmptyText);
    }
    Ok(text.to_string())
}

impl Agreement {
    /// A new proposal. Proposing is not accepting: the proposer presses
    /// their own confirm like everyone else.
    pub fn propose(
        text: &str,
        by: Option<Uuid>,
        conversation: Option<Uuid>,
        now: DateTime<FixedOffset>,
    ) -> Result<Self, AgreementError> {
        let text = checked_text(text)?;
        Ok(Self {
            id: Uuid::now_v7(),
            history: vec![AgreementEvent {
                at: now,
                by,
                kind: AgreementEventKind::Proposed { text: text.clone() },
            }],
            text,
            status: AgreementStatus::Proposed,
            proposed_by: by,
            accepted_by: BTreeSet::new(),
            conversation,
            created_at: now,
        })
    }

    pub fn is_active(&self) -> bool {
        self.status == AgreementStatus::Active
    }

    fn record(&mut self, by: Option<Uuid>, kind: AgreementEventKind, now: DateTime<FixedOffset>) {
        self.history.push(AgreementEvent { at: now, by, kind });
    }

    fn require(
        &self,
        allowed: &[AgreementStatus],
        action: &'static str,
    ) -> Result<(), AgreementError> {
        if allowed.contains(&self.status) {
            Ok(())
        } else {
            Err(AgreementError::NotNow {
                status: self.status,
                action,
            })
        }
    }

    /// `by` accepts the current wording. Returns whether this made the
    /// agreement active (everyone in `participants` has now accepted).
    /// Accepting twice is harmless and records nothing new.
    pub fn accept(
        &mut self,
        by: Uuid,
        participants: &[Uuid],
        now: DateTime<FixedOffset>,
    ) -> Result<bool, AgreementError> {
        self.require(&[AgreementStatus::Proposed], "accept")?;
        if !participants.contains(&by) {
            return Err(AgreementError::NotAParticipant);
        }
        if !self.accepted_by.insert(by) {
            return Ok(false);
        }
        self.record(Some(by), AgreementEventKind::Accepted, now);
        if self.waiting_for(participants).is_empty() {
            self.status = AgreementStatus::Active;
            self.record(None, AgreementEventKind::Active, now);
            return Ok(true);
        }
        Ok(false)
    }

    /// `by` says no to the current wording. It stays proposed so it can be
    /// talked about and reworded; the UI may offer to drop it. An earlier
    /// yes from `by` is withdrawn.
    pub fn decline(&mut self, by: Uuid, now: DateTime<FixedOffset>) -> Result<(), AgreementError> {
        self.require(&[AgreementStatus::Proposed], "decline")?;
        self.accepted_by.remove(&by);
        self.record(Some(by), AgreementEventKind::Declined, now);
        Ok(())
    }

    /// Lets go of a proposal that not everyone accepted.
    pub fn drop_unaccepted(&mut self, now: DateTime<FixedOffset>) -> Result<(), AgreementError> {
        self.require(&[AgreementStatus::Proposed], "drop")?;
        self.status = AgreementStatus::Dropped;
        self.record(None, AgreementEventKind::Dropped, now);
        Ok(())
    }

    /// New wording for an active agreement (or a proposal being talked
    /// over). It becomes a proposal again and every acceptance is cleared:
    /// nobody agreed to the new words yet, the reviser included. The old
    /// wording stays in the history.
    pub fn revise(
        &mut self,
        to: &str,
        by: Option<Uuid>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), AgreementError> {
        self.require(
            &[AgreementStatus::Active, AgreementStatus::Proposed],
            "revise",
        )?;
        let to = checked_text(to)?;
        if to == self.text {
            return Err(AgreementError::Unchanged);
        }
        let from = std::mem::replace(&mut self.text, to.clone());
        self.status = AgreementStatus::Proposed;
        self.accepted_by.clear();
        self.record(by, AgreementEventKind::Revised { from, to }, now);
        Ok(())
    }

    /// Retires an agreement that is no longer needed. It is kept, with its
    /// history, for the record.
    pub fn retire(
        &mut self,
        by: Option<Uuid>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), AgreementError> {
        self.require(
            &[AgreementStatus::Active, AgreementStatus::Proposed],
            "retire",
        )?;
        self.status = AgreementStatus::Retired;
        self.record(by, AgreementEventKind::Retired, now);
        Ok(())
    }

    /// The participants whose yes is still missing, in the order given.
    /// Empty unless the agreement is proposed.
    pub fn waiting_for(&self, participants: &[Uuid]) -> Vec<Uuid> {
        if self.status != AgreementStatus::Proposed {
            return Vec::new();
        }
        participants
            .iter()
            .copied()
            .filter(|p| !self.accepted_by.contains(p))
            .collect()
    }
}

#[cfg(test)]
#[path = "agreement_tests.rs"]
mod tests;
