use std::fmt;

use serde::{Deserialize, Serialize};

/// How the writer felt, from a small fixed set. Always shown as a word, so
/// it reads the same without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mood {
    Calm,
    Hopeful,
    Sad,
    Angry,
    Anxious,
    Numb,
}

impl Mood {
    pub const ALL: [Mood; 6] = [
        Self::Calm,
        Self::Hopeful,
        Self::Sad,
        Self::Angry,
        Self::Anxious,
        Self::Numb,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calm => "calm",
            Self::Hopeful => "hopeful",
            Self::Sad => "sad",
            Self::Angry => "angry",
            Self::Anxious => "anxious",
            Self::Numb => "numb",
        }
    }

    /// Accepts the word in any case, so `--mood Sad` works.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// "calm, hopeful, …" for error messages and help.
    pub fn list() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }
}

impl fmt::Display for Mood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
