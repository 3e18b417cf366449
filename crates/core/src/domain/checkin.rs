use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::couple::{PrivateMark, PrivateState};

/// The four things a check-in rates, each from 0 to 10. What the ends of
/// each scale mean is content (`content/checkin.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    Trust,
    Safety,
    Communication,
    Commitment,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Self::Trust,
        Self::Safety,
        Self::Communication,
        Self::Commitment,
    ];

    /// The id used in content, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trust => "trust",
            Self::Safety => "safety",
            Self::Communication => "communication",
            Self::Commitment => "commitment",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The highest point of every check-in scale.
pub const SCALE_MAX: u8 = 10;

/// One rating of the four measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub trust: u8,
    pub safety: u8,
    pub communication: u8,
    pub commitment: u8,
}

impl Scores {
    pub fn get(&self, measure: Measure) -> u8 {
        match measure {
            Measure::Trust => self.trust,
            Measure::Safety => self.safety,
            Measure::Communication => self.communication,
            Measure::Commitment => self.commitment,
        }
    }

    pub fn set(&mut self, measure: Measure, value: u8) {
        let value = value.min(SCALE_MAX);
        match measure {
            Measure::Trust => self.trust = value,
            Measure::Safety => self.safety = value,
            Measure::Communication => self.communication = value,
            Measure::Commitment => self.commitment = value,
        }
    }

    /// Whether every score is within 0–10 (a file edited by hand may not
    /// be).
    pub fn in_range(&self) -> bool {
        Measure::ALL.iter().all(|m| self.get(*m) <= SCALE_MAX)
    }
}

/// Whether a commitment was kept since the last check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentCheck {
    /// The commitment as written in the accountability tracker.
    pub commitment: String,
    pub kept: bool,
}

/// A check-in left half-filled by a quick exit (Ctrl+Q): the scores
/// chosen so far and the note, kept for the same person's next check-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInDraft {
    /// In [`Measure::ALL`] order; `None` where none was chosen yet.
    pub scores: [Option<u8>; 4],
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl CheckInDraft {
    pub fn is_empty(&self) -> bool {
        self.scores.iter().all(Option::is_none) && self.note.trim().is_empty()
    }
}

/// One participant's check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: Uuid,
    pub created_at: DateTime<FixedOffset>,
    pub author: Uuid,
    #[serde(flatten)]
    pub scores: Scores,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentCheck>,
    /// Set on a check-in answered privately in a couple workbook: hidden
    /// from every screen until both partners agree to reveal the round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<PrivateMark>,
}

impl CheckIn {
    /// A check-in made at `at` (the caller's clock).
    pub fn new(author: Uuid, scores: Scores, note: String, at: DateTime<FixedOffset>) -> Self {
        Self {
            id: Uuid::now_v7(),
            created_at: at,
            author,
            scores,
            note: note.trim().to_string(),
            commitments: Vec::new(),
            private: None,
        }
    }

    /// Whether it may be shown: not private, or revealed by both.
    pub fn is_shown(&self) -> bool {
        self.private
            .is_none_or(|mark| mark.state == PrivateState::Revealed)
    }
}
