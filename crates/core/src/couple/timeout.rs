//! A break in a conversation, as recorded in it. The rules for calling
//! and ending one, and the turn timer, are in `pauses`.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A break in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOut {
    /// Who asked for it; `None` when it was called for both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called_by: Option<Uuid>,
    pub started_at: DateTime<FixedOffset>,
    /// When the partners agreed to come back.
    pub return_at: DateTime<FixedOffset>,
    /// When they did come back; `None` while the break goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
}

impl TimeOut {
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none()
    }

    /// Time left until the agreed return, never below zero.
    pub fn remaining(&self, now: DateTime<FixedOffset>) -> Duration {
        (self.return_at - now).max(Duration::zero())
    }

    /// How long the break lasted (or has lasted so far), never below zero.
    pub fn length(&self, now: DateTime<FixedOffset>) -> Duration {
        (self.ended_at.unwrap_or(now) - self.started_at).max(Duration::zero())
    }
}
