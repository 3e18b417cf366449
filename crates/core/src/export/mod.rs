//! Exports of a workbook: Markdown to read or share with a counsellor
//! ([`markdown`]), JSON to keep or import elsewhere ([`json`]), and a
//! summary for a counsellor holding only what the person chose
//! ([`counsellor`]). All are pure functions of the data: the command
//! decides where the bytes go.

pub mod counsellor;
pub mod json;
pub mod markdown;

use chrono::NaiveDate;

use crate::domain::{CheckIn, JournalEntry};

pub use counsellor::{CounsellorChoice, counsellor_markdown};
pub use json::ExportDoc;

/// What an export is narrowed to. `since` applies to what is dated
/// (journal entries and check-ins); `stage` narrows journal entries and,
/// in Markdown, the stages shown. Stage answers are always the current
/// ones: they are the state of the work, not events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only entries and check-ins from this day on.
    pub since: Option<NaiveDate>,
    /// Only this stage (a stage id).
    pub stage: Option<String>,
    /// Whose calendar `since` is a day of: the reader's (see
    /// [`crate::domain::Clock::local`]), as the dates in the export are.
    pub zone: crate::domain::Clock,
}

impl ExportOptions {
    /// Whether anything is left out, so a JSON export is not the whole
    /// workbook.
    pub fn is_partial(&self) -> bool {
        self.since.is_some() || self.stage.is_some()
    }

    pub fn keeps_entry(&self, entry: &JournalEntry) -> bool {
        self.from_since(entry.created_at)
            && self
                .stage
                .as_deref()
                .is_none_or(|s| entry.stage.as_deref() == Some(s))
    }

    /// Check-ins belong to no stage, so only `since` narrows them.
    pub fn keeps_checkin(&self, checkin: &CheckIn) -> bool {
        self.from_since(checkin.created_at)
    }

    /// Whether a time falls on or after the day `since`, in the reader's
    /// calendar.
    pub fn from_since(&self, at: chrono::DateTime<chrono::FixedOffset>) -> bool {
        self.since
            .is_none_or(|day| self.zone.local(at).date_naive() >= day)
    }

    /// Whether a stage (or an answer of it, by its stage id) is shown.
    pub fn keeps_stage(&self, stage: &str) -> bool {
        self.stage.as_deref().is_none_or(|s| s == stage)
    }
}
