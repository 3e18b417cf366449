//! The pieces of one turn: the step it is at and what was said in it.
//!
//! These are plain records; only [`Conversation::apply`] moves them along.
//!
//! [`Conversation::apply`]: super::Conversation::apply

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::step::{Illegal, Step};

/// What someone said. Many couples talk rather than type, so a tick for
/// "said aloud" is as good as text; a note needs one or the other.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Note {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub aloud: bool,
}

impl Note {
    /// A note with typed words.
    pub fn typed(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            aloud: false,
        }
    }

    /// A note that only records that it was said aloud.
    pub fn aloud() -> Self {
        Self {
            text: String::new(),
            aloud: true,
        }
    }

    /// Whether there is nothing to record: no words and no "said aloud".
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.aloud
    }

    /// The note as stored: trimmed, and refused when empty.
    pub(super) fn checked(self) -> Result<Self, Illegal> {
        if self.is_empty() {
            return Err(Illegal::EmptyNote);
        }
        Ok(Self {
            text: self.text.trim().to_string(),
            aloud: self.aloud,
        })
    }
}

/// One attempt by the listener to say back what they heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paraphrase {
    pub note: Note,
    /// The speaker said "yes, that's it".
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub confirmed: bool,
    /// The speaker said "not quite", with what was missed (maybe nothing
    /// written: `Some("")`). `None` while waiting for the answer, after a
    /// confirmation, or when the confirmation was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
}

/// One stretch of speaking and the paraphrases of it. Answering "yes" to
/// "is there more?" starts a new round in the same turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// What the speaker said. A round only exists once they have said
    /// something, so this is never missing.
    pub said: Note,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paraphrases: Vec<Paraphrase>,
}

/// One partner's turn to speak while the other listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub speaker: Uuid,
    pub listener: Uuid,
    pub started_at: DateTime<FixedOffset>,
    /// When the turn reached [`Step::Done`], or was cut short by ending the
    /// conversation (then `step` is not `Done`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub step: Step,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Note>,
    /// Steps skipped on purpose, in order, so the summary can be honest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Step>,
    /// Text typed but not yet submitted, kept so quitting mid-sentence
    /// loses nothing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft: String,
    /// Time spent in time-outs during this turn, in whole seconds (the
    /// turn timer stops during a break).
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub paused_seconds: i64,
}

impl Turn {
    pub(super) fn new(speaker: Uuid, listener: Uuid, now: DateTime<FixedOffset>) -> Self {
        Self {
            speaker,
            listener,
            started_at: now,
            ended_at: None,
            step: Step::Speak,
            rounds: Vec::new(),
            validation: None,
            skipped: Vec::new(),
            draft: String::new(),
            paused_seconds: 0,
        }
    }

    pub(super) fn finish(&mut self, now: DateTime<FixedOffset>) {
        self.step = Step::Done;
        self.ended_at = Some(now);
    }

    /// The paraphrase waiting for the speaker's answer.
    pub(super) fn last_paraphrase_mut(&mut self) -> Option<&mut Paraphrase> {
        self.rounds.last_mut()?.paraphrases.last_mut()
    }
}
