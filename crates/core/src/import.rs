//! Reading a JSON export back in, and merging it into a workbook that is
//! already here. Merging only ever adds: what is missing here is added by
//! id, and whatever both sides have but differently is kept as it is here
//! (and counted, so the user is told).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::{Answer, CheckIn, Journal, JournalEntry, Participant, Workbook};
use crate::export::ExportDoc;
use crate::storage::{self, ListingStatus, Store, StoreError, WorkbookKey};

/// Why a file cannot be imported. Nothing has been written in any case.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("could not read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{} could not be read as a trustwork export: {message} (line {line}, column {column}). Nothing was imported.",
        path.display()
    )]
    Unreadable {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{} was written by a newer trustwork (schema version {found}; this version understands up to {supported}). \
         Nothing was imported. Please update trustwork to import it.",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{} cannot be imported: {reason}. Nothing was imported.", path.display())]
    Invalid { path: PathBuf, reason: String },
}

/// Reads an export, or a plain workbook file (its journal is then empty).
pub fn read(path: &Path) -> Result<ExportDoc, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&bytes, path)
}

/// Parses an export's bytes with the store's own version check and
/// migration, then checks what a hand-edited file could get wrong.
pub fn parse(bytes: &[u8], path: &Path) -> Result<ExportDoc, ImportError> {
    let doc: ExportDoc = storage::parse_document(bytes, path).map_err(|err| match err {
        StoreError::Corrupt {
            line,
            column,
            message,
            ..
        } => ImportError::Unreadable {
            path: path.to_path_buf(),
            line,
            column,
            message,
        },
        StoreError::NewerSchema {
            found, supported, ..
        } => ImportError::Newer {
            path: path.to_path_buf(),
            found,
            supported,
        },
        other => ImportError::Invalid {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    })?;
    let invalid = |reason: String| ImportError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    storage::check_name(&doc.workbook.name).map_err(|err| invalid(err.to_string()))?;
    if doc.workbook.participants.is_empty() {
        return Err(invalid("it names nobody who writes in it".into()));
    }
    if let Some(bad) = doc.workbook.checkins.iter().find(|c| !c.scores.in_range()) {
        return Err(invalid(format!(
            "the check-in of {} has a score above {}",
            bad.created_at.format("%Y-%m-%d %H:%M"),
            crate::domain::SCALE_MAX
        )));
    }
    Ok(doc)
}

/// The workbook in `store` with this id, if there is one. Workbooks that
/// cannot be read are passed over.
pub fn find_by_id(
    store: &dyn Store,
    id: Uuid,
) -> Result<Option<(WorkbookKey, Workbook)>, StoreError> {
    for listing in store.list()? {
        if !matches!(listing.status, ListingStatus::Ready { .. }) {
            continue;
        }
        if let Ok(workbook) = store.read(&listing.key)
            && workbook.id == id
        {
            return Ok(Some((listing.key, workbook)));
        }
    }
    Ok(None)
}

/// What an import adds to a workbook that is already here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merge {
    pub participants: Vec<Participant>,
    pub entries: Vec<JournalEntry>,
    pub checkins: Vec<CheckIn>,
    pub answers: Vec<(String, Answer)>,
    pub steps_marked_done: Vec<String>,
    pub stages_completed: Vec<(String, DateTime<FixedOffset>)>,
    /// Answers both sides have with different values: kept as here.
    pub differing_answers: usize,
    /// Journal entries both sides have in different versions: kept as here.
    pub differing_entries: usize,
}

impl Merge {
    /// Compares an export with the workbook and journal here.
    pub fn new(workbook: &Workbook, journal: &Journal, incoming: &ExportDoc) -> Self {
        let mut merge = Self::default();
        let theirs = &incoming.workbook;

        let mut seen: HashSet<Uuid> = workbook.participants.iter().map(|p| p.id).collect();
        merge.participants = theirs
            .participants
            .iter()
            .filter(|p| seen.insert(p.id))
            .cloned()
            .collect();

        let mut seen: HashSet<Uuid> = HashSet::new();
        for entry in &incoming.journal {
            if !seen.insert(entry.id) {
                continue;
            }
            match journal.get(entry.id) {
                None => merge.entries.push(entry.clone()),
                Some(ours) if ours != entry => merge.differing_entries += 1,
                Some(_) => {}
            }
        }

        let mut seen: HashSet<Uuid> = workbook.checkins.iter().map(|c| c.id).collect();
        merge.checkins = theirs
            .checkins
            .iter()
            .filter(|c| seen.insert(c.id))
            .cloned()
            .collect();

        let ours = &workbook.progress;
        for (id, answer) in &theirs.progress.answers {
            match ours.answers.get(id) {
                None => merge.answers.push((id.clone(), answer.clone())),
                Some(here) if here.value != answer.value => merge.differing_answers += 1,
                Some(_) => {}
            }
        }
        merge.steps_marked_done = theirs
            .progress
            .steps_marked_done
            .difference(&ours.steps_marked_done)
            .cloned()
            .collect();
        merge.stages_completed = theirs
            .progress
            .stages_completed
            .iter()
            .filter(|(id, _)| !ours.stages_completed.contains_key(*id))
            .map(|(id, at)| (id.clone(), *at))
            .collect();
        merge
    }

    /// Whether there is nothing to add.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && !self.changes_workbook()
    }

    /// Whether the workbook document itself changes (not only the journal).
    pub fn changes_workbook(&self) -> bool {
        !(self.participants.is_empty()
            && self.checkins.is_empty()
            && self.answers.is_empty()
            && self.steps_marked_done.is_empty()
            && self.stages_completed.is_empty())
    }

    /// Adds everything to the workbook and journal. Check-ins stay oldest
    /// first. The caller saves (and touches the workbook if it changed).
    pub fn apply(self, workbook: &mut Workbook, journal: &mut Journal) {
        workbook.participants.extend(self.participants);
        workbook.checkins.extend(self.checkins);
        workbook.checkins.sort_by_key(|c| c.created_at);
        let progress = &mut workbook.progress;
        progress.answers.extend(self.answers);
        progress.steps_marked_done.extend(self.steps_marked_done);
        progress.stages_completed.extend(self.stages_completed);
        for entry in self.entries {
            journal.upsert(entry);
        }
    }

    /// "12 journal entries, 3 check-ins, 4 answers": what will be added.
    pub fn additions(&self) -> String {
        tally(&[
            (self.entries.len(), "journal entry", "journal entries"),
            (self.checkins.len(), "check-in", "check-ins"),
            (self.answers.len(), "answer", "answers"),
            (self.participants.len(), "participant", "participants"),
            (
                self.steps_marked_done.len(),
                "step marked done",
                "steps marked done",
            ),
            (
                self.stages_completed.len(),
                "completed stage",
                "completed stages",
            ),
        ])
    }

    /// "1 answer differs and is kept as it is here.", if any differ.
    pub fn differences(&self) -> Option<String> {
        let sentence = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one} differs and is kept as it is here.")),
            n => Some(format!("{n} {many} differ and are kept as they are here.")),
        };
        let parts: Vec<String> = [
            sentence(self.differing_entries, "journal entry", "journal entries"),
            sentence(self.differing_answers, "answer", "answers"),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// What an export holds, in the words of [`Merge::additions`].
pub fn contents(doc: &ExportDoc) -> String {
    let answered = doc
        .workbook
        .progress
        .answers
        .values()
        .filter(|a| a.value.is_answered())
        .count();
    tally(&[
        (doc.journal.len(), "journal entry", "journal entries"),
        (doc.workbook.checkins.len(), "check-in", "check-ins"),
        (answered, "answer", "answers"),
    ])
}

/// Counts in words, leaving out the zeros.
fn tally(counts: &[(usize, &str, &str)]) -> String {
    counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{AnswerValue, NewEntry, NewWorkbook, RelationshipKind, Role, Scores, now};
    use crate::export::ExportOptions;

    fn workbook() -> Workbook {
        Workbook::new(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
    }

    fn answer(text: &str) -> Answer {
        Answer {
            value: AnswerValue::Text(text.into()),
            updated_at: now(),
            author: None,
            private: false,
        }
    }

    #[test]
    fn merging_adds_what_is_missing_once_and_keeps_what_differs() {
        let mut ours = workbook();
        ours.progress
            .answers
            .insert("a/b/same".into(), answer("same"));
        ours.progress
            .answers
            .insert("a/b/differs".into(), answer("ours"));
        let mut journal = Journal::default();

        let mut theirs = ours.clone();
        theirs
            .progress
            .answers
            .insert("a/b/differs".into(), answer("theirs"));
        theirs
            .progress
            .answers
            .insert("a/b/new".into(), answer("new"));
        let scores = Scores {
            trust: 3,
            safety: 4,
            communication: 5,
            commitment: 6,
        };
        theirs.checkins.push(CheckIn::new(
            theirs.default_author(),
            scores,
            String::new(),
            crate::domain::now(),
        ));
        let mut their_journal = Journal::default();
        their_journal.upsert(JournalEntry::new(
            theirs.default_author(),
            NewEntry {
                body: "from the other computer".into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        ));
        let doc = ExportDoc::new(&theirs, &their_journal, &ExportOptions::default());

        let merge = Merge::new(&ours, &journal, &doc);
        assert_eq!(merge.additions(), "1 journal entry, 1 check-in, 1 answer");
        assert_eq!(
            merge.differences().as_deref(),
            Some("1 answer differs and is kept as it is here.")
        );
        merge.apply(&mut ours, &mut journal);
        assert_eq!(ours.checkins.len(), 1);
        assert_eq!(journal.len(), 1);
        assert_eq!(
            ours.progress.answers["a/b/differs"].value,
            AnswerValue::Text("ours".into())
        );

        let again = Merge::new(&ours, &journal, &doc);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(again.additions(), "");
    }
}
