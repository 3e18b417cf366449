//! Where a turn is, and why a conversation refuses a change: the words
//! every other part of a conversation shares, so they sit below all of
//! them (turns, conversations and time-outs all use these; these use
//! nothing of theirs).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a turn is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// The speaker says what they feel and need, in I-statements.
    Speak,
    /// The listener says back what they heard.
    Paraphrase,
    /// The speaker says whether the paraphrase got it right.
    Confirm,
    /// "Is there more?"
    More,
    /// The listener says why the speaker's feelings make sense.
    Validate,
    /// The turn is complete; the next one swaps the roles.
    Done,
}

impl Step {
    /// The id used in JSON and in error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Speak => "speak",
            Self::Paraphrase => "paraphrase",
            Self::Confirm => "confirm",
            Self::More => "more",
            Self::Validate => "validate",
            Self::Done => "done",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a conversation refused a change. A refused change leaves the
/// conversation exactly as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Illegal {
    #[error("can't {event} at the {step} step")]
    NotNow { step: Step, event: &'static str },
    #[error("write something, or tick that it was said aloud")]
    EmptyNote,
    #[error("you're on a time-out; resume first")]
    OnTimeOut,
    #[error("there is no time-out to resume")]
    NotOnTimeOut,
    #[error("this conversation has ended")]
    Ended,
    #[error("a conversation needs two different people")]
    SamePerson,
    #[error("that person is not one of the two partners")]
    NotAPartner,
    #[error("a conversation needs a topic")]
    EmptyTopic,
    #[error("a timer needs at least one minute")]
    ZeroMinutes,
    #[error("the return time can't be before the time-out started")]
    ReturnBeforeStart,
}
