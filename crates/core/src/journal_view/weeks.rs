//! How much was written each week: the one count behind the dashboard's
//! weekly chart, so its title and its bars say the same thing.
//!
//! It counts the journal as [`super::items`] shows it: live entries, by
//! the day they were written, and written reflections (stage answers in
//! words), by the day they last changed. Hence the title says both.

use chrono::{Datelike, Days, NaiveDate};

use crate::content::Content;
use crate::domain::{Journal, Workbook};

/// The title of the weekly count wherever it is shown.
pub const PER_WEEK_TITLE: &str = "Entries and reflections per week";

/// Entries and reflections written in each of the `weeks` weeks (Monday
/// to Sunday) ending with the week of `today`, oldest first, each with
/// its Monday. Nothing after `today` counts.
pub fn written_per_week(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    today: NaiveDate,
    weeks: usize,
    viewer: super::Viewer,
) -> Vec<(NaiveDate, u64)> {
    let entries = journal
        .live()
        .filter(|e| viewer.may_see(workbook, e.author, e.private))
        .map(|e| e.created_at.date_naive());
    count_per_week(content, workbook, entries, today, weeks, viewer)
}

/// [`written_per_week`] from the journal index and the entries held in
/// memory (`held`, see `Journal::partial`), when the journal is not held
/// whole.
pub fn written_per_week_from_index(
    content: &Content,
    workbook: &Workbook,
    index: &crate::storage::journal_index::JournalIndex,
    held: &Journal,
    today: NaiveDate,
    weeks: usize,
    viewer: super::Viewer,
) -> Vec<(NaiveDate, u64)> {
    let rows = index
        .rows()
        .filter(|row| held.get(row.id()).is_none())
        .filter(|row| !row.deleted() && viewer.may_see(workbook, row.author(), row.private()))
        .map(|row| row.created_at().date_naive());
    let in_memory = held
        .live()
        .filter(|e| viewer.may_see(workbook, e.author, e.private))
        .map(|e| e.created_at.date_naive());
    count_per_week(
        content,
        workbook,
        rows.chain(in_memory),
        today,
        weeks,
        viewer,
    )
}

/// Counts `entries` (the dates of the live entries `viewer` may see) and
/// the written reflections per week.
fn count_per_week(
    content: &Content,
    workbook: &Workbook,
    entries: impl Iterator<Item = NaiveDate>,
    today: NaiveDate,
    weeks: usize,
    viewer: super::Viewer,
) -> Vec<(NaiveDate, u64)> {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let first = monday - Days::new(7 * (weeks as u64).saturating_sub(1));
    let mut counts = vec![0u64; weeks];
    let dates = entries.chain(
        super::reflection_items(content, workbook, viewer).map(|i| i.created_at.date_naive()),
    );
    for date in dates {
        if date < first || date > today {
            continue;
        }
        let week = ((date - first).num_days() / 7) as usize;
        if let Some(count) = counts.get_mut(week) {
            *count += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, n)| (first + Days::new(7 * i as u64), n))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::DateTime;

    use super::*;
    use crate::domain::{
        Answer, AnswerValue, JournalEntry, NewEntry, NewWorkbook, RelationshipKind, Role,
    };

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn at(text: &str) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{text}T20:00:00+01:00")).unwrap()
    }

    #[test]
    fn entries_and_written_reflections_count_by_week_and_the_trash_does_not() {
        let content = Content::embedded().unwrap();
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        let answer = |value, when| Answer {
            value,
            updated_at: at(when),
            author: None,
            private: false,
        };
        let answers = &mut workbook.progress.answers;
        // A reflection in words counts; a scale answer is no writing.
        answers.insert(
            "acknowledge/checkout/still-open".into(),
            answer(AnswerValue::Text("Whether it holds.".into()), "2026-11-24"),
        );
        answers.insert(
            "acknowledge/checkout/ready-to-move-on".into(),
            answer(AnswerValue::Scale(6), "2026-11-24"),
        );
        let mut journal = Journal::default();
        let days = [
            "2026-11-16",
            "2026-11-22",
            "2026-11-23",
            "2026-11-30",
            "2026-11-30",
            "2026-12-01",
        ];
        let mut ids = Vec::new();
        for (n, when) in days.into_iter().enumerate() {
            let mut entry = JournalEntry::new(
                workbook.default_author(),
                NewEntry {
                    body: format!("entry {n}"),
                    ..NewEntry::default()
                },
                crate::domain::now(),
            );
            entry.created_at = at(when);
            ids.push(entry.id);
            journal.upsert(entry);
        }
        journal.delete_at(ids[4], crate::domain::now());

        // Monday 30 November: the weeks of 16, 23 and 30 November.
        let weeks = written_per_week(
            &content,
            &workbook,
            &journal,
            day("2026-11-30"),
            3,
            super::super::Viewer::Shared,
        );
        assert_eq!(
            weeks,
            [
                (day("2026-11-16"), 2),
                // One entry and one reflection.
                (day("2026-11-23"), 2),
                // One of 30 November's is in the trash; 1 December is later.
                (day("2026-11-30"), 1),
            ]
        );
    }
}
