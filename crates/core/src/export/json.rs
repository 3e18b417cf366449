//! The JSON export: the workbook document with its journal inside, so one
//! file holds everything and `trustwork import` can read it back exactly.

use serde::{Deserialize, Serialize};

use super::ExportOptions;
use crate::domain::{Journal, JournalEntry, Workbook};

/// A workbook's fields at the top level (so a plain workbook file reads
/// as an export with an empty journal) plus every journal entry, the trash
/// included, so a round trip through import loses nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDoc {
    #[serde(flatten)]
    pub workbook: Workbook,
    #[serde(default)]
    pub journal: Vec<JournalEntry>,
}

impl ExportDoc {
    /// The export of a workbook. Narrowing options drop journal entries and
    /// check-ins, so a narrowed export is partial (import still merges it).
    pub fn new(workbook: &Workbook, journal: &Journal, options: &ExportOptions) -> Self {
        let mut workbook = workbook.clone();
        workbook.checkins.retain(|c| options.keeps_checkin(c));
        let journal = journal
            .entries()
            .iter()
            .filter(|e| options.keeps_entry(e))
            .cloned()
            .collect();
        Self { workbook, journal }
    }

    /// Pretty JSON with a trailing newline, like the workbook files.
    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{NewEntry, NewWorkbook, RelationshipKind, Role};

    #[test]
    fn a_plain_workbook_reads_as_an_export_and_an_export_round_trips() {
        let workbook = Workbook::new(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        let plain: ExportDoc =
            serde_json::from_value(serde_json::to_value(&workbook).unwrap()).unwrap();
        assert_eq!(plain.workbook, workbook);
        assert!(plain.journal.is_empty());

        let mut journal = Journal::default();
        let entry = JournalEntry::new(
            workbook.default_author(),
            NewEntry {
                body: "kept".into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        );
        journal.upsert(entry.clone());
        journal.delete_at(entry.id, crate::domain::now());
        let doc = ExportDoc::new(&workbook, &journal, &ExportOptions::default());
        let back: ExportDoc = serde_json::from_slice(&doc.to_bytes().unwrap()).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.journal.len(), 1, "the trash is exported too");
        assert!(back.journal[0].is_deleted());
    }
}
