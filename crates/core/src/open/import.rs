//! Bringing an export back in: merged into this workbook, or taken whole
//! into a workbook just made for it.

use super::{OpenWorkbook, Refused};
use crate::export::ExportDoc;
use crate::import::Merge;

impl OpenWorkbook {
    /// Adds what an import brings that this workbook lacks.
    pub fn merge_import(&mut self, merge: Merge) -> Result<(), Refused> {
        self.ensure_writable()?;
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
