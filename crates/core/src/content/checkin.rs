//! The check-in's words, as written in `content/checkin.toml`: what each
//! of the four measures asks and what its ends mean, the commitments part,
//! the note, the reminder and the dashboard's notes. Validated so every
//! measure is there exactly once and no text is empty.

use std::collections::HashSet;

use serde::Deserialize;

use super::ContentError;
use super::validate::{check_placeholders, check_text};
use crate::domain::Measure;

/// The check-in file's name, in `content/` and in a `--content-dir`.
pub const CHECKIN_FILE: &str = "checkin.toml";

/// The shipped text as written (the app embeds the JSON the build makes).
#[cfg(test)]
pub(super) const EMBEDDED_CHECKIN: &str = include_str!("../../../../content/checkin.toml");

/// How one measure is asked about.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureText {
    /// One of `trust`, `safety`, `communication`, `commitment`.
    pub id: String,
    /// The measure's name on screen ("Feeling safe").
    pub label: String,
    /// The one-line question.
    pub question: String,
    /// What 0 means.
    pub min_label: String,
    /// What 10 means.
    pub max_label: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentsText {
    /// "Since your last check-in, which commitments were kept?"
    pub intro: String,
    /// That a missed one is something to talk about, not a verdict.
    pub reassurance: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteText {
    pub prompt: String,
    /// The placeholder in the empty note box.
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderText {
    /// Shown when a check-in is due; `{days}` and `{interval}` are filled in.
    pub due: String,
    /// Shown before the first check-in; `{interval}` is filled in.
    pub first: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardText {
    /// Instead of the chart when there is no check-in yet.
    pub chart_empty: String,
    /// Instead of the chart after the first check-in.
    pub chart_one: String,
}

/// The file as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CheckinFile {
    pub intro: String,
    pub measures: Vec<MeasureText>,
    pub commitments: CommitmentsText,
    pub note: NoteText,
    pub reminder: ReminderText,
    pub dashboard: DashboardText,
}

/// The check-in's words, validated: one text per measure, in
/// [`Measure::ALL`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinText {
    pub intro: String,
    measures: [MeasureText; 4],
    pub commitments: CommitmentsText,
    pub note: NoteText,
    pub reminder: ReminderText,
    pub dashboard: DashboardText,
}

impl CheckinText {
    /// Parses and validates a check-in file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ContentError> {
        let raw: CheckinFile = super::decode(file, text)?;
        let invalid = |message: String| ContentError::Invalid {
            file: file.to_string(),
            message,
        };
        validate_checkin(&raw).map_err(invalid)?;
        let CheckinFile {
            intro,
            measures,
            commitments,
            note,
            reminder,
            dashboard,
        } = trimmed(raw);
        let mut ordered = Vec::with_capacity(Measure::ALL.len());
        for measure in Measure::ALL {
            // Validation made sure each is there exactly once.
            if let Some(text) = measures.iter().find(|m| m.id == measure.as_str()) {
                ordered.push(text.clone());
            }
        }
        let measures: [MeasureText; 4] = ordered
            .try_into()
            .map_err(|_| invalid("the four measures are not all there".into()))?;
        Ok(Self {
            intro,
            measures,
            commitments,
            note,
            reminder,
            dashboard,
        })
    }

    /// The shipped text.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::parse(CHECKIN_FILE, super::built!("checkin.json"))
    }

    pub fn measure(&self, measure: Measure) -> &MeasureText {
        let [trust, safety, communication, commitment] = &self.measures;
        match measure {
            Measure::Trust => trust,
            Measure::Safety => safety,
            Measure::Communication => communication,
            Measure::Commitment => commitment,
        }
    }

    /// The suggestion when a check-in is due.
    pub fn due(&self, days: i64, interval: u32) -> String {
        fill(&self.reminder.due, days, interval)
    }

    /// The suggestion before the first check-in.
    pub fn first(&self, interval: u32) -> String {
        fill(&self.reminder.first, 0, interval)
    }
}

/// The placeholders the reminder texts may use.
const REMINDER_PLACEHOLDERS: [&str; 2] = ["{days}", "{interval}"];

/// Checks the check-in text: each of the four measures exactly once (and
/// no other), no empty text, and only the placeholders a text can fill.
fn validate_checkin(file: &CheckinFile) -> Result<(), String> {
    let known: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
    let mut seen = HashSet::new();
    for measure in &file.measures {
        if !known.contains(&measure.id.as_str()) {
            return Err(format!(
                "unknown measure \"{}\" (the measures are: {})",
                measure.id,
                known.join(", ")
            ));
        }
        if !seen.insert(measure.id.as_str()) {
            return Err(format!("the measure \"{}\" is there twice", measure.id));
        }
        let here = format!("measure \"{}\"", measure.id);
        for (text, what) in [
            (&measure.label, "label"),
            (&measure.question, "question"),
            (&measure.min_label, "min_label"),
            (&measure.max_label, "max_label"),
        ] {
            check_text(text, &format!("{here} {what}"))?;
            check_placeholders(text, &format!("{here} {what}"), &[])?;
        }
    }
    if let Some(missing) = known.iter().find(|id| !seen.contains(*id)) {
        return Err(format!("the measure \"{missing}\" is missing"));
    }
    let texts: [(&str, &str, &[&str]); 9] = [
        (&file.intro, "intro", &[]),
        (&file.commitments.intro, "commitments.intro", &[]),
        (
            &file.commitments.reassurance,
            "commitments.reassurance",
            &[],
        ),
        (&file.note.prompt, "note.prompt", &[]),
        (&file.note.hint, "note.hint", &[]),
        (&file.reminder.due, "reminder.due", &REMINDER_PLACEHOLDERS),
        (
            &file.reminder.first,
            "reminder.first",
            &REMINDER_PLACEHOLDERS[1..],
        ),
        (&file.dashboard.chart_empty, "dashboard.chart_empty", &[]),
        (&file.dashboard.chart_one, "dashboard.chart_one", &[]),
    ];
    for (text, what, allowed) in texts {
        check_text(text, what)?;
        check_placeholders(text, what, allowed)?;
    }
    Ok(())
}

fn fill(text: &str, days: i64, interval: u32) -> String {
    text.replace("{days}", &days.to_string())
        .replace("{interval}", &interval.to_string())
}

/// TOML's multi-line strings keep a final newline; the screens wrap text
/// themselves, so outer whitespace goes.
fn trimmed(mut raw: CheckinFile) -> CheckinFile {
    let trim = |s: &mut String| *s = s.trim().to_string();
    trim(&mut raw.intro);
    for m in &mut raw.measures {
        trim(&mut m.label);
        trim(&mut m.question);
        trim(&mut m.min_label);
        trim(&mut m.max_label);
    }
    trim(&mut raw.commitments.intro);
    trim(&mut raw.commitments.reassurance);
    trim(&mut raw.note.prompt);
    trim(&mut raw.note.hint);
    trim(&mut raw.reminder.due);
    trim(&mut raw.reminder.first);
    trim(&mut raw.dashboard.chart_empty);
    trim(&mut raw.dashboard.chart_one);
    raw
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        let text = CheckinText::embedded().unwrap();
        assert!(text.due(9, 7).contains("9 days"), "{}", text.due(9, 7));
        assert!(!text.due(9, 7).contains('{'));
        assert!(!text.first(7).contains('{'));
    }

    #[test]
    fn measures_come_in_the_domain_order() {
        let text = CheckinText::embedded().unwrap();
        for measure in Measure::ALL {
            assert_eq!(text.measure(measure).id, measure.as_str());
        }
    }
}
