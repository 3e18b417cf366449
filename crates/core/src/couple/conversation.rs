//! A structured conversation: two partners take turns, one speaking and one
//! listening, about one topic.
//!
//! The steps of a turn are the ones couples counsellors teach (speak,
//! paraphrase, confirm, ask for more, validate). The machine only moves
//! forward through [`Conversation::apply`], and only along legal
//! transitions, so the listener cannot skip past "did I hear you right?" by
//! pressing the wrong key. Skipping is possible, but only on purpose, and it
//! is recorded.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::step::{Illegal, Step};
use super::timeout::TimeOut;
use super::turn::{Note, Paraphrase, Round, Turn};

/// Something that happened in the conversation: the only way steps move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Event {
    /// The speaker has spoken (Speak → Paraphrase).
    Say(Note),
    /// The listener has said back what they heard (Paraphrase → Confirm).
    Paraphrase(Note),
    /// "Yes, that's it" (Confirm → More).
    Confirm,
    /// "Not quite", with what was missed (Confirm → Paraphrase).
    NotQuite(String),
    /// "There is more" (More → Speak, a new round).
    More,
    /// "That's all" (More → Validate).
    NoMore,
    /// The listener has validated (Validate → Done).
    Validate(Note),
    /// Skip the paraphrase or confirmation (→ More) or the validation
    /// (→ Done). Recorded on the turn.
    Skip,
}

impl Event {
    /// The id used in error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Say(_) => "say",
            Self::Paraphrase(_) => "paraphrase",
            Self::Confirm => "confirm",
            Self::NotQuite(_) => "not-quite",
            Self::More => "more",
            Self::NoMore => "no-more",
            Self::Validate(_) => "validate",
            Self::Skip => "skip",
        }
    }
}

/// A structured talk between the two partners about one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: Uuid,
    pub topic: String,
    /// The stage the topic came from, if any (a stage id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub partners: [Uuid; 2],
    pub first_speaker: Uuid,
    /// Optional turn timer, in minutes (None = off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn_minutes: Option<u32>,
    pub started_at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Oldest first; the last one is the current turn while not ended.
    pub turns: Vec<Turn>,
    /// Oldest first; the last one, if not ended, is the active break.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub time_outs: Vec<TimeOut>,
    /// Agreements proposed during this talk (ids into the workbook's
    /// agreement list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Uuid>,
    /// What the talk came to, kept when it ends (see [`Summary`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<super::Summary>,
}

impl Conversation {
    /// Starts a conversation with `first_speaker` speaking. `stage` is
    /// trimmed and dropped when empty.
    pub fn start(
        topic: &str,
        stage: Option<&str>,
        partners: [Uuid; 2],
        first_speaker: Uuid,
        turn_minutes: Option<u32>,
        now: DateTime<FixedOffset>,
    ) -> Result<Self, Illegal> {
        let topic = topic.trim();
        if topic.is_empty() {
            return Err(Illegal::EmptyTopic);
        }
        if partners[0] == partners[1] {
            return Err(Illegal::SamePerson);
        }
        if turn_minutes == Some(0) {
            return Err(Illegal::ZeroMinutes);
        }
        let [a, b] = partners;
        let listener = match first_speaker {
            s if s == a => b,
            s if s == b => a,
            _ => return Err(Illegal::NotAPartner),
        };
        Ok(Self {
            id: Uuid::now_v7(),
            topic: topic.to_string(),
            stage: stage
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            partners,
            first_speaker,
            turn_minutes,
            started_at: now,
            ended_at: None,
            turns: vec![Turn::new(first_speaker, listener, now)],
            time_outs: Vec::new(),
            agreements: Vec::new(),
            summary: None,
        })
    }

    pub fn is_ended(&self) -> bool {
        self.ended_at.is_some()
    }

    /// The turn in progress (or just done); `None` once the conversation has
    /// ended.
    pub fn current(&self) -> Option<&Turn> {
        if self.is_ended() {
            return None;
        }
        self.turns.last()
    }

    pub fn step(&self) -> Option<Step> {
        self.current().map(|t| t.step)
    }

    pub fn speaker(&self) -> Option<Uuid> {
        self.current().map(|t| t.speaker)
    }

    pub fn listener(&self) -> Option<Uuid> {
        self.current().map(|t| t.listener)
    }

    /// The other partner, or `None` if `who` is not a partner.
    /// Who acts at this step: the speaker speaks, confirms and says if
    /// there is more; the listener says back and validates. A proposal
    /// made mid-talk is theirs.
    pub fn actor(&self) -> Option<Uuid> {
        match self.step()? {
            Step::Paraphrase | Step::Validate => self.listener(),
            Step::Speak | Step::Confirm | Step::More | Step::Done => self.speaker(),
        }
    }

    pub fn partner_of(&self, who: Uuid) -> Option<Uuid> {
        match self.partners {
            [a, b] if a == who => Some(b),
            [a, b] if b == who => Some(a),
            _ => None,
        }
    }

    /// The current turn, if events may change it now. A conversation with
    /// no turn at all (only a hand-edited file has one) counts as ended.
    fn open_turn_mut(&mut self) -> Result<&mut Turn, Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        if self.on_time_out().is_some() {
            return Err(Illegal::OnTimeOut);
        }
        self.turns.last_mut().ok_or(Illegal::Ended)
    }

    /// Moves the current turn along. Only legal transitions happen; anything
    /// else is refused and changes nothing. A successful event clears the
    /// draft, since the typed text has now been said.
    pub fn apply(&mut self, event: Event, now: DateTime<FixedOffset>) -> Result<(), Illegal> {
        let turn = self.open_turn_mut()?;
        let step = turn.step;
        let not_now = Illegal::NotNow {
            step,
            event: event.name(),
        };
        match (step, event) {
            (Step::Speak, Event::Say(note)) => {
                let said = note.checked()?;
                turn.rounds.push(Round {
                    said,
                    paraphrases: Vec::new(),
                });
                turn.step = Step::Paraphrase;
            }
            (Step::Paraphrase, Event::Paraphrase(note)) => {
                let note = note.checked()?;
                let round = turn.rounds.last_mut().ok_or(not_now)?;
                round.paraphrases.push(Paraphrase {
                    note,
                    confirmed: false,
                    correction: None,
                });
                turn.step = Step::Confirm;
            }
            (Step::Confirm, Event::Confirm) => {
                turn.last_paraphrase_mut().ok_or(not_now)?.confirmed = true;
                turn.step = Step::More;
            }
            (Step::Confirm, Event::NotQuite(correction)) => {
                let paraphrase = turn.last_paraphrase_mut().ok_or(not_now)?;
                paraphrase.correction = Some(correction.trim().to_string());
                turn.step = Step::Paraphrase;
            }
            (Step::More, Event::More) => turn.step = Step::Speak,
            (Step::More, Event::NoMore) => turn.step = Step::Validate,
            (Step::Validate, Event::Validate(note)) => {
                turn.validation = Some(note.checked()?);
                turn.finish(now);
            }
            (Step::Paraphrase | Step::Confirm, Event::Skip) => {
                turn.skipped.push(step);
                turn.step = Step::More;
            }
            (Step::Validate, Event::Skip) => {
                turn.skipped.push(step);
                turn.finish(now);
            }
            _ => return Err(not_now),
        }
        turn.draft.clear();
        Ok(())
    }

    /// Starts the next turn with the roles swapped. Only once the current
    /// turn is done.
    pub fn next_turn(&mut self, now: DateTime<FixedOffset>) -> Result<(), Illegal> {
        let turn = self.open_turn_mut()?;
        if turn.step != Step::Done {
            return Err(Illegal::NotNow {
                step: turn.step,
                event: "next-turn",
            });
        }
        let next = Turn::new(turn.listener, turn.speaker, now);
        self.turns.push(next);
        Ok(())
    }

    /// Keeps typed text on the current turn. Allowed during a time-out: it
    /// moves nothing, and keeping words is always better than losing them.
    pub fn set_draft(&mut self, text: impl Into<String>) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        let turn = self.turns.last_mut().ok_or(Illegal::Ended)?;
        turn.draft = text.into();
        Ok(())
    }

    /// The typed text kept on the current turn.
    pub fn draft(&self) -> &str {
        self.current().map_or("", |t| t.draft.as_str())
    }

    /// Turns the turn timer on (`Some(minutes)`) or off (`None`).
    pub fn set_turn_minutes(&mut self, minutes: Option<u32>) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        if minutes == Some(0) {
            return Err(Illegal::ZeroMinutes);
        }
        self.turn_minutes = minutes;
        Ok(())
    }

    /// Ends the conversation, at any step. An active time-out ends with it,
    /// and a turn in progress is closed as it stands (its step is kept, so
    /// it does not count as taken).
    pub fn end(&mut self, now: DateTime<FixedOffset>) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        self.close_time_out(now);
        if let Some(turn) = self.turns.last_mut()
            && turn.ended_at.is_none()
        {
            turn.ended_at = Some(now);
        }
        self.ended_at = Some(now);
        Ok(())
    }

    /// Notes an agreement proposed during this talk. Also allowed after the
    /// end, so a closing summary can still propose one.
    pub fn add_agreement(&mut self, id: Uuid) {
        if !self.agreements.contains(&id) {
            self.agreements.push(id);
        }
    }

    /// Turns that reached [`Step::Done`].
    pub fn turns_taken(&self) -> usize {
        self.turns.iter().filter(|t| t.step == Step::Done).count()
    }

    /// Paraphrases the speaker confirmed with "yes, that's it".
    pub fn paraphrases_confirmed(&self) -> usize {
        self.turns
            .iter()
            .flat_map(|t| &t.rounds)
            .flat_map(|r| &r.paraphrases)
            .filter(|p| p.confirmed)
            .count()
    }

    /// Steps skipped on purpose, over all turns.
    pub fn skips(&self) -> usize {
        self.turns.iter().map(|t| t.skipped.len()).sum()
    }

    pub fn time_out_count(&self) -> usize {
        self.time_outs.len()
    }
}

#[cfg(test)]
#[path = "conversation_tests.rs"]
mod tests;
