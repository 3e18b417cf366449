//! Plain data that is saved to disk. No I/O and no terminal code lives here,
//! so the engine, the storage and the UI can all share these types.

mod checkin;
mod clock;
mod journal;
#[cfg(test)]
pub(crate) use journal::{entry_saying, entry_titled};
mod mood;
mod participant;
mod safety;
pub mod search;
mod workbook;

pub use checkin::{CheckIn, CheckInDraft, CommitmentCheck, Measure, SCALE_MAX, Scores};
pub use clock::Clock;
pub use journal::{Appended, Journal, JournalEntry, NewEntry, Sealer, first_line};
pub use mood::Mood;
pub use participant::{Participant, SOLO_NAME};
pub use safety::{Safety, Screening, ScreeningAnswer};
pub use workbook::{
    AGREEMENT_ANSWERS, Answer, AnswerValue, CHECKIN_INTERVAL_DAYS, COMMITMENTS_ANSWER,
    DEFAULT_CHECKIN_INTERVAL_DAYS, HELP_SIGNS_ANSWER, NOTICE_PRIVATE_BY_PERSON, NewWorkbook,
    Position, Progress, RelationshipKind, Role, SCHEMA_VERSION, Workbook, list_items, now,
};

/// Text read from a file as it may be printed to a terminal: control
/// characters (escape codes, bells) dropped, so a name in a workbook cannot
/// recolour, retitle or clear the terminal it is shown in.
pub fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
