//! Bringing an export back in: merged into this workbook, or taken whole
//! into a workbook just made for it.

use super::{OpenWorkbook, Refused};
use crate::export::ExportDoc;
use crate::import::Merge;

/// What bringing in another tool's entries did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Brought {
    pub added: usize,
    /// Already here from an earlier import of the same file.
    pub skipped: usize,
}

impl OpenWorkbook {
    /// Adds entries from another journal (jrnl, tui-journal) as the person
    /// writing, with their own dates; those already brought in before are
    /// skipped. Tags the tool kept apart are added to the text as @words.
    pub fn bring_in(&mut self, entries: Vec<crate::foreign::Foreign>) -> Result<Brought, Refused> {
        self.ensure_writable()?;
        let known: std::collections::HashSet<String> = self
            .journal
            .entries()
            .iter()
            .filter_map(|e| e.source.clone())
            .collect();
        let mut brought = Brought::default();
        for foreign in entries {
            if known.contains(&foreign.source) {
                brought.skipped += 1;
                continue;
            }
            let mut body = foreign.body;
            let missing: Vec<String> = foreign
                .tags
                .iter()
                .map(|t| {
                    if t.starts_with(['@', '#']) {
                        t.clone()
                    } else {
                        format!("@{t}")
                    }
                })
                .filter(|t| !body.contains(t.as_str()) && !foreign.title.contains(t.as_str()))
                .collect();
            if !missing.is_empty() {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&missing.join(" "));
            }
            let mut entry = crate::domain::JournalEntry::new(
                self.writer,
                crate::domain::NewEntry {
                    stage: None,
                    mood: None,
                    title: foreign.title,
                    body,
                },
                foreign.at,
            );
            entry.private = self.workbook.is_couple();
            entry.source = Some(foreign.source);
            self.journal.upsert(entry);
            brought.added += 1;
        }
        Ok(brought)
    }

    /// Adds what an import brings that this workbook lacks.
    ///
    /// In a workbook for two, what comes in is the writer's own, whoever a
    /// file says wrote it: a file can be edited by anyone, so it must not
    /// put words in the other person's name. It comes in private to the
    /// writer, and answers go to the writer's own progress.
    pub fn merge_import(&mut self, mut merge: Merge) -> Result<(), Refused> {
        self.ensure_writable()?;
        if self.workbook.is_couple() {
            let me = self.writer;
            merge.participants.clear();
            for entry in &mut merge.entries {
                entry.author = me;
                entry.private = true;
            }
            for checkin in &mut merge.checkins {
                checkin.author = me;
            }
            let answers = std::mem::take(&mut merge.answers);
            let mine = self.workbook.progress_of_mut(me);
            for (id, mut answer) in answers {
                answer.author = Some(me);
                answer.private = true;
                // Never over what is here (sealed or not).
                mine.answers.entry(id).or_insert(answer);
            }
            let done = std::mem::take(&mut merge.steps_marked_done);
            mine.steps_marked_done.extend(done);
            let completed = std::mem::take(&mut merge.stages_completed);
            mine.stages_completed.extend(completed);
            self.changed();
        }
        let workbook_changes = merge.changes_workbook();
        merge.apply(&mut self.workbook, &mut self.journal);
        if workbook_changes {
            self.changed();
        }
        Ok(())
    }

    /// Takes an exported workbook whole, id included (so a later import of
    /// the same file merges into it), into the workbook just created for
    /// it. Journal entries already here under this name are kept.
    pub fn adopt_import(&mut self, doc: ExportDoc) {
        let ExportDoc { workbook, journal } = doc;
        self.workbook = workbook;
        self.writer = self.workbook.default_author();
        let ids = self.journal.ids();
        for entry in journal.into_iter().filter(|e| !ids.contains(&e.id)) {
            self.journal.upsert(entry);
        }
        self.unsaved.workbook = true;
    }
}
