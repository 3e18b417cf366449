use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CheckIn, CheckInDraft, Participant, SOLO_NAME, Safety};
use crate::couple::{Agreement, Conversation, PrivateRound, PrivateState};

/// The answer holding the commitments tracker (stage 3). Checked against
/// the shipped content by a test, so a renamed id cannot go unnoticed.
pub const COMMITMENTS_ANSWER: &str = "accountability/commitments/my-commitments";

/// The stage-6 checklist of signs that outside help would help. Ticking
/// two or more brings a gentle suggestion (never a diagnosis).
pub const HELP_SIGNS_ANSWER: &str = "professional-help/when-help-fits/signs-help-fits";

/// The answers holding the agreements lists (stage 4), with their headings.
pub const AGREEMENT_ANSWERS: [&str; 2] = [
    "boundaries/agreements/acceptable",
    "boundaries/agreements/not-acceptable",
];

/// The version of the JSON document this build writes. Older documents are
/// migrated on load; newer ones are refused and never rewritten.
pub const SCHEMA_VERSION: u32 = 3;

/// Who the workbook is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationshipKind {
    Partner,
    Family,
    Friend,
    Colleague,
    Other,
}

impl RelationshipKind {
    pub const ALL: [RelationshipKind; 5] = [
        Self::Partner,
        Self::Family,
        Self::Friend,
        Self::Colleague,
        Self::Other,
    ];

    /// The word used on screen and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Partner => "partner",
            Self::Family => "family",
            Self::Friend => "friend",
            Self::Colleague => "colleague",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Partner => "A partner or spouse",
            Self::Family => "A family member",
            Self::Friend => "A friend",
            Self::Colleague => "A colleague",
            Self::Other => "Someone else",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for RelationshipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which side of the breach the user is on. Content prompts may be limited
/// to some roles, so each person sees the questions that fit them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// "I was hurt"
    Hurt,
    /// "I caused the hurt"
    Caused,
    /// "Both, or not sure"
    Both,
}

impl Role {
    pub const ALL: [Role; 3] = [Self::Hurt, Self::Caused, Self::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hurt => "hurt",
            Self::Caused => "caused",
            Self::Both => "both",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Hurt => "I was hurt",
            Self::Caused => "I caused the hurt",
            Self::Both => "Both, or I'm not sure",
        }
    }

    /// The role as said to the user in a list: "you were hurt".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Hurt => "you were hurt",
            Self::Caused => "you caused the hurt",
            Self::Both => "both, or not sure",
        }
    }

    /// The side across from this one: the person who was hurt and the one
    /// who caused it; "both" stays both.
    pub fn other_side(self) -> Self {
        match self {
            Self::Hurt => Self::Caused,
            Self::Caused => Self::Hurt,
            Self::Both => Self::Both,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the user is in the workbook. `step == None` means the stage intro;
/// the check-out is addressed by its own id, [`crate::content::CHECKOUT_ID`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    pub stage: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// A saved answer to one prompt or exercise field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub value: AnswerValue,
    pub updated_at: DateTime<FixedOffset>,
    /// Who wrote it, in a workbook with more than one participant. Older
    /// answers have none and count as the first participant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Uuid>,
    /// Kept to its author in a workbook for two (the default for a new
    /// answer there); older answers were seen by both and stay so until
    /// their author chooses otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The value of an answer; its shape follows the prompt's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum AnswerValue {
    /// Free text (also `list` prompts: one item per line).
    Text(String),
    /// The options ticked in a checklist, by index into the options.
    Choice(BTreeSet<usize>),
    /// A point on a 0–10 scale.
    Scale(u8),
}

impl AnswerValue {
    /// An empty answer does not count as answered (a cleared text box, a
    /// checklist with nothing ticked).
    pub fn is_answered(&self) -> bool {
        match self {
            Self::Text(t) => !t.trim().is_empty(),
            Self::Choice(set) => !set.is_empty(),
            Self::Scale(_) => true,
        }
    }
}

/// Everything the step engine needs to know about a workbook's progress.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Progress {
    /// Where the user was last; a reopened workbook resumes here.
    #[serde(default)]
    pub position: Position,
    /// Answers by full prompt id (`stage/step/prompt`).
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Steps the user marked as done without answering every prompt
    /// (`stage/step`): a forgiving way to move on.
    #[serde(default)]
    pub steps_marked_done: BTreeSet<String>,
    /// Stages whose check-out the user completed, with when.
    #[serde(default)]
    pub stages_completed: BTreeMap<String, DateTime<FixedOffset>>,
}

/// The items of a list answer (one per line), trimmed, without blanks or
/// the bullets people type out of habit.
pub fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
}

/// How many days between check-ins unless a workbook says otherwise.
pub const DEFAULT_CHECKIN_INTERVAL_DAYS: u32 = 7;

/// The note shown once in a workbook for two made before each person had
/// their own answers and private space: what changed, and that nothing
/// written before was hidden.
pub const NOTICE_PRIVATE_BY_PERSON: &str = "private-by-person";

/// The reminder intervals, in days, a workbook may have: the check-in form
/// offers these, and the config file may not set another.
pub const CHECKIN_INTERVAL_DAYS: std::ops::RangeInclusive<u32> = 1..=60;

fn default_checkin_interval() -> u32 {
    DEFAULT_CHECKIN_INTERVAL_DAYS
}

/// One relationship's workbook: the JSON document on disk. The journal is
/// kept beside it in its own file (see `storage`), so this stays small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub schema_version: u32,
    pub id: Uuid,
    pub name: String,
    pub relationship: RelationshipKind,
    /// Who writes in this workbook; the first is the default author.
    pub participants: Vec<Participant>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// After how many days without a check-in one is suggested.
    #[serde(default = "default_checkin_interval")]
    pub checkin_interval_days: u32,
    /// The first participant's progress (a one-person workbook has only
    /// this one).
    #[serde(default)]
    pub progress: Progress,
    /// Every other participant's own progress, by id: in a workbook for
    /// two, each person answers their own side's questions.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub progress_of_others: BTreeMap<Uuid, Progress>,
    /// Check-ins, oldest first.
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    /// Check-ins left half-filled by a quick exit, by person: each is
    /// offered back to its own writer only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checkin_drafts: BTreeMap<Uuid, CheckInDraft>,
    /// Couple mode's structured conversations, oldest first; the last one
    /// may still be going on (it resumes where it was).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversations: Vec<Conversation>,
    /// Agreements made together (and those proposed, revised or retired,
    /// with their history), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// Private screenings and the "safety first" state.
    #[serde(default, skip_serializing_if = "Safety::is_default")]
    pub safety: Safety,
    /// When the workbook was closed: kept, read-only, not deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Private items of people with a passphrase of their own, sealed to
    /// their key (base64 age, each a [`crate::open::PrivatePart`]): what
    /// has not been opened in this sitting stays here as it was read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sealed: BTreeMap<Uuid, Vec<String>>,
    /// One-time notes already shown (see [`NOTICE_PRIVATE_BY_PERSON`]).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub notices_seen: BTreeSet<String>,
    /// Fields this version does not know (written by a newer version of
    /// the same schema, or by hand): kept as they are and written back, so
    /// a save never drops what it could not read.
    #[serde(flatten)]
    pub unknown: serde_json::Map<String, serde_json::Value>,
}

/// What a user chooses when creating a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkbook {
    pub name: String,
    pub relationship: RelationshipKind,
    pub role: Role,
}

/// The current local time with its offset, as stored in every timestamp.
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

impl Workbook {
    pub fn new(new: NewWorkbook) -> Self {
        let now = now();
        Self {
            schema_version: SCHEMA_VERSION,
            id: Uuid::now_v7(),
            name: new.name.trim().to_string(),
            relationship: new.relationship,
            participants: vec![Participant::new(SOLO_NAME, new.role)],
            created_at: now,
            updated_at: now,
            checkin_interval_days: DEFAULT_CHECKIN_INTERVAL_DAYS,
            progress: Progress::default(),
            progress_of_others: BTreeMap::new(),
            checkins: Vec::new(),
            checkin_drafts: BTreeMap::new(),
            conversations: Vec::new(),
            agreements: Vec::new(),
            safety: Safety::default(),
            closed_at: None,
            sealed: BTreeMap::new(),
            // Made by this version: nothing changed under its feet.
            notices_seen: BTreeSet::from([NOTICE_PRIVATE_BY_PERSON.to_string()]),
            unknown: serde_json::Map::new(),
        }
    }

    /// The role the stages are written for: the first participant's.
    pub fn role(&self) -> Role {
        self.participants.first().map_or(Role::Both, |p| p.role)
    }

    /// The side `who` writes from: each person gets their own side's
    /// questions, whichever order the two were entered in.
    pub fn role_of(&self, who: Uuid) -> Role {
        self.participant(who)
            .map_or_else(|| self.role(), |p| p.role)
    }

    /// `who`'s own progress: the first participant's is `progress`.
    pub fn progress_of(&self, who: Uuid) -> &Progress {
        if who == self.default_author() {
            return &self.progress;
        }
        static NONE: std::sync::OnceLock<Progress> = std::sync::OnceLock::new();
        self.progress_of_others
            .get(&who)
            .unwrap_or_else(|| NONE.get_or_init(Progress::default))
    }

    pub fn progress_of_mut(&mut self, who: Uuid) -> &mut Progress {
        if who == self.default_author() {
            return &mut self.progress;
        }
        self.progress_of_others.entry(who).or_default()
    }

    /// Everyone's progress with whose it is, the first person first.
    pub fn all_progress(&self) -> impl Iterator<Item = (Uuid, &Progress)> {
        std::iter::once((self.default_author(), &self.progress))
            .chain(self.progress_of_others.iter().map(|(id, p)| (*id, p)))
    }

    /// Moves answers another participant wrote into `progress` (as older
    /// workbooks for two kept one set of answers for both) to that
    /// person's own progress. Nothing is lost and nothing becomes private:
    /// they stay visible to both, as before. Run on every load; a workbook
    /// already split is left as it is.
    pub fn split_progress_by_author(&mut self) {
        let first = self.default_author();
        let others: Vec<(String, Uuid)> = self
            .progress
            .answers
            .iter()
            .filter_map(|(id, a)| a.author.map(|who| (id.clone(), who)))
            .filter(|(_, who)| *who != first && self.participant(*who).is_some())
            .collect();
        for (id, who) in others {
            if let Some(answer) = self.progress.answers.remove(&id) {
                self.progress_of_others
                    .entry(who)
                    .or_default()
                    .answers
                    .entry(id)
                    .or_insert(answer);
            }
        }
    }

    /// Who writes when nobody says otherwise: the first participant.
    pub fn default_author(&self) -> Uuid {
        self.participants.first().map_or(self.id, |p| p.id)
    }

    pub fn participant(&self, id: Uuid) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// The participant called `name` (ignoring case and outer spaces).
    pub fn participant_named(&self, name: &str) -> Option<&Participant> {
        let name = name.trim().to_lowercase();
        self.participants
            .iter()
            .find(|p| p.name.to_lowercase() == name)
    }

    /// The name of the participant with `id`, for display.
    pub fn author_name(&self, id: Uuid) -> &str {
        self.participant(id).map_or("someone", |p| p.name.as_str())
    }

    /// The newest check-in, if any.
    pub fn last_checkin(&self) -> Option<&CheckIn> {
        self.checkins.iter().max_by_key(|c| c.created_at)
    }

    /// Whole days since the newest check-in, counted in calendar days as
    /// of `today`; `None` before the first one.
    pub fn days_since_checkin(&self, today: NaiveDate) -> Option<i64> {
        let last = self.last_checkin()?.created_at.date_naive();
        Some((today - last).num_days().max(0))
    }

    /// The first day a check-in is due (see [`Self::checkin_due`]): the
    /// day the interval after the last one ends ("after 7 days" from a
    /// Wednesday is the next Wednesday), or `today` when one is due
    /// already.
    pub fn next_checkin(&self, today: NaiveDate) -> NaiveDate {
        let wait = chrono::Days::new(u64::from(self.checkin_interval_days));
        self.last_checkin()
            .and_then(|c| c.created_at.date_naive().checked_add_days(wait))
            .filter(|day| *day > today)
            .unwrap_or(today)
    }

    /// Whether a check-in is due: none yet, or the interval (in calendar
    /// days) has passed since the last one. [`Self::next_checkin`] names
    /// the first day this says yes.
    pub fn checkin_due(&self, today: NaiveDate) -> bool {
        self.days_since_checkin(today)
            .is_none_or(|days| days >= i64::from(self.checkin_interval_days))
    }

    /// The lines of a list answer (`stage/step/prompt`), trimmed, without
    /// blanks: the commitments tracker, the agreements lists.
    pub fn list_answer(&self, id: &str) -> Vec<&str> {
        match self.progress.answers.get(id).map(|a| &a.value) {
            Some(AnswerValue::Text(text)) => list_items(text).collect(),
            _ => Vec::new(),
        }
    }

    /// The commitments written in the accountability tracker.
    pub fn commitments(&self) -> Vec<&str> {
        self.list_answer(COMMITMENTS_ANSWER)
    }

    /// Two people write in it: couple mode is on offer.
    pub fn is_couple(&self) -> bool {
        self.participants.len() >= 2
    }

    /// The two partners of a couple workbook, in order.
    pub fn partners(&self) -> Option<[Uuid; 2]> {
        match self.participants.as_slice() {
            [a, b, ..] => Some([a.id, b.id]),
            _ => None,
        }
    }

    /// The ids of everyone who must accept an agreement.
    pub fn participant_ids(&self) -> Vec<Uuid> {
        self.participants.iter().map(|p| p.id).collect()
    }

    /// The conversation still going on, if any.
    pub fn open_conversation(&self) -> Option<&Conversation> {
        self.conversations.last().filter(|c| !c.is_ended())
    }

    pub fn open_conversation_mut(&mut self) -> Option<&mut Conversation> {
        self.conversations.last_mut().filter(|c| !c.is_ended())
    }

    pub fn agreement(&self, id: Uuid) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }

    pub fn agreement_mut(&mut self, id: Uuid) -> Option<&mut Agreement> {
        self.agreements.iter_mut().find(|a| a.id == id)
    }

    /// The private check-in round still waiting for answers or for the
    /// decision to reveal, rebuilt from the sealed check-ins (so it
    /// survives a restart). Whoever answered first stays first.
    pub fn open_private_round(&self) -> Option<PrivateRound> {
        let partners = self.partners()?;
        let sealed = |c: &&CheckIn| c.private.is_some_and(|m| m.state == PrivateState::Sealed);
        let round = self
            .checkins
            .iter()
            .filter(sealed)
            .max_by_key(|c| c.created_at)?;
        let id = round.private?.round;
        let mut answered: Vec<&CheckIn> = self
            .checkins
            .iter()
            .filter(|c| c.private.is_some_and(|m| m.round == id))
            .collect();
        answered.sort_by_key(|c| c.created_at);
        let authors: Vec<Uuid> = answered.iter().map(|c| c.author).collect();
        let order = match authors.first() {
            Some(first) if *first == partners[1] => [partners[1], partners[0]],
            _ => partners,
        };
        PrivateRound::resume(id, order, &authors).ok()
    }

    /// Sets the state of every check-in of a private round.
    pub fn settle_private_round(&mut self, round: Uuid, state: PrivateState) {
        for checkin in &mut self.checkins {
            if let Some(mark) = &mut checkin.private
                && mark.round == round
            {
                mark.state = state;
            }
        }
    }

    /// Records that the workbook changed at `at`, so `updated_at` stays
    /// honest.
    pub fn touch(&mut self, at: DateTime<FixedOffset>) {
        self.updated_at = at;
    }
}

#[cfg(test)]
#[path = "workbook_tests.rs"]
mod tests;
