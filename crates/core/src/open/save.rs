//! Writing an open workbook: both files, in the order its changes need,
//! and [`Held`], an open workbook together with the store that holds its
//! lock (the command line and plain mode; the TUI keeps the store in its
//! runtime and calls [`OpenWorkbook::save`] itself).

use std::ops::{Deref, DerefMut};

use super::{OpenWorkbook, Order};
use crate::domain::Clock;
use crate::storage::{Store, StoreError, WorkbookKey};

/// A save that did not complete: which file failed, and whether the other
/// was left unwritten on purpose (to keep text that moved in one file).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0}")]
    Workbook(StoreError),
    #[error("{0}")]
    Journal(StoreError),
}

impl SaveError {
    pub fn store_error(&self) -> &StoreError {
        match self {
            Self::Workbook(e) | Self::Journal(e) => e,
        }
    }
}

impl OpenWorkbook {
    /// Whether anything is changed and not yet written.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.workbook || self.journal.has_changes()
    }

    /// The words changed and not yet written (the writer's answers, by
    /// question, and journal entries), as one text: what leaving at once
    /// after a failed save keeps in a recovery file, for the next start to
    /// put in the journal. `None` when there are none, or when the writer's
    /// words are sealed to their key (a recovery file is plain text).
    pub fn unsaved_words(&self) -> Option<String> {
        let sealed = self
            .workbook
            .participant(self.writer)
            .is_some_and(|p| p.recipient.is_some());
        if sealed {
            return None;
        }
        let mut parts = Vec::new();
        if self.unsaved.workbook {
            let answers = &self.workbook.progress_of(self.writer).answers;
            for id in &self.changed_answers {
                if let Some(crate::domain::AnswerValue::Text(text)) =
                    answers.get(id).map(|a| &a.value)
                    && !text.trim().is_empty()
                {
                    parts.push(format!("{id}\n{text}"));
                }
            }
        }
        for entry in self.journal.pending() {
            if !entry.body.trim().is_empty() && entry.sealed.is_none() {
                parts.push(
                    format!("{}\n{}", entry.title, entry.body)
                        .trim()
                        .to_string(),
                );
            }
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// Whether the workbook file (not the journal) has changes to write.
    pub fn workbook_unsaved(&self) -> bool {
        self.unsaved.workbook
    }

    /// Writes what changed. When a change moved text between the files,
    /// the file receiving the text is written first and the other only if
    /// that worked, so a failure (or a kill) between the two leaves the
    /// text in at least one of them. Otherwise both are tried. What failed
    /// stays unsaved and is tried again by the next save.
    pub fn save(&mut self, store: &mut dyn Store) -> Result<(), SaveError> {
        match self.unsaved.order {
            Order::JournalFirst => {
                self.write_journal(store)?;
                self.write_workbook(store)?;
            }
            Order::WorkbookFirst => {
                self.write_workbook(store)?;
                self.write_journal(store)?;
            }
            Order::Independent => {
                let workbook = self.write_workbook(store);
                let journal = self.write_journal(store);
                workbook?;
                journal?;
            }
        }
        self.unsaved.order = Order::Independent;
        // Only once the journal too has been written whole again: until
        // then its file still holds the words in plain.
        // (Held in part, it was written anew when it was resealed.)
        let journal_there = self.journal_loaded() || self.journal_in_part();
        if self.refresh_backups
            && journal_there
            && !self.journal.needs_rewrite()
            && !self.reseal_journal
        {
            self.refresh_backups = false;
            store.refresh_backups(&self.key);
        }
        Ok(())
    }

    fn write_workbook(&mut self, store: &mut dyn Store) -> Result<(), SaveError> {
        if !self.unsaved.workbook {
            return Ok(());
        }
        let on_disk = self.for_disk().map_err(SaveError::Workbook)?;
        store
            .save(&self.key, &on_disk)
            .map_err(SaveError::Workbook)?;
        self.unsaved.workbook = false;
        self.changed_answers.clear();
        Ok(())
    }

    fn write_journal(&mut self, store: &mut dyn Store) -> Result<(), SaveError> {
        // A journal not read yet, or held in part while the list comes
        // from the index (see `show_index`), is written too: its changes
        // are appends.
        if !self.journal.has_changes() {
            return Ok(());
        }
        let rewritten_in_part = self.journal_in_part() && self.journal.needs_rewrite();
        if rewritten_in_part {
            // Every line is about to move, and the store reads the index
            // of the file as it is for itself: this copy of megabytes
            // goes now rather than being held beside that one.
            self.index = None;
        }
        let saved = store
            .save_journal(&self.key, &mut self.journal)
            .map_err(SaveError::Journal);
        if rewritten_in_part {
            self.index_again(store);
        }
        saved?;
        self.open_appended();
        Ok(())
    }

    /// After the file was written anew while held in part (or a try that
    /// failed), lines moved: the list and the entries read from their
    /// lines need the index of the file as it is now (written before the
    /// save returned). Should it not read, the journal is read whole
    /// instead, so nothing is read from a wrong place.
    fn index_again(&mut self, store: &mut dyn Store) {
        match store.journal_preview(&self.key).and_then(|read| read()) {
            Some(index) if index.journal_len() >= self.journal.file_len() => {
                self.index = Some(std::sync::Arc::new(index));
            }
            _ => {
                self.index = None;
                if let Ok(whole) = store.read_journal(&self.key) {
                    self.set_journal(whole);
                }
            }
        }
    }

    /// Writes only the journal's new entries, with the workbook not open
    /// (locked) here: a `journal add` from the shell while the app has
    /// the workbook. Sealed as a save would seal them.
    pub fn append_entries(&mut self, store: &mut dyn Store) -> Result<(), StoreError> {
        self.install_sealer();
        store.append_to_journal(&self.key, &mut self.journal)
    }

    /// Takes in journal entries another process appended since the file
    /// was last read or written here (a `journal add` from the shell), as
    /// the app does every second while it waits for a key. Returns whether
    /// any came in since last asked, here or during a save.
    pub fn take_appended(&mut self, store: &dyn Store) -> Result<bool, StoreError> {
        if (self.journal_loaded() && self.index.is_none()) || self.journal_in_part() {
            store.take_appended(&self.key, &mut self.journal)?;
            self.open_appended();
        }
        Ok(std::mem::take(&mut self.appended_in))
    }

    /// Opens what of the lines just taken in is sealed to a person whose
    /// passphrase was shown, as the journal's first reading did.
    fn open_appended(&mut self) {
        if self.journal.take_merged() {
            for (who, cipher) in self.keys.clone() {
                self.open_sealed_entries(who, &cipher);
            }
            self.appended_in = true;
        }
    }
}

/// An open workbook with the store that holds its lock. Dropping it
/// releases the lock, on every way out, errors included.
pub struct Held<'s> {
    store: &'s mut dyn Store,
    open: OpenWorkbook,
}

impl<'s> Held<'s> {
    /// Locks and reads a workbook; its journal is read when first needed
    /// ([`Self::load_journal`]). Nothing is written.
    pub fn open(
        store: &'s mut dyn Store,
        key: WorkbookKey,
        clock: Clock,
    ) -> Result<Self, StoreError> {
        let workbook = store.open(&key)?;
        Ok(Self {
            open: OpenWorkbook::without_journal(key, workbook, clock),
            store,
        })
    }

    /// A workbook the caller has just opened (locked) in `store`.
    pub fn adopt(
        store: &'s mut dyn Store,
        key: WorkbookKey,
        workbook: crate::domain::Workbook,
        clock: Clock,
    ) -> Self {
        Self {
            open: OpenWorkbook::without_journal(key, workbook, clock),
            store,
        }
    }

    /// Reads the journal if it has not been read yet.
    pub fn load_journal(&mut self) -> Result<(), StoreError> {
        if !self.open.journal_loaded() {
            let journal = self.store.read_journal(self.open.key())?;
            self.open.set_journal(journal);
        }
        Ok(())
    }

    /// Writes what changed (see [`OpenWorkbook::save`]).
    pub fn save(&mut self) -> Result<(), SaveError> {
        self.open.save(self.store)
    }

    /// Takes in journal entries another process appended (see
    /// [`OpenWorkbook::take_appended`]).
    pub fn take_appended(&mut self) -> Result<bool, StoreError> {
        self.open.take_appended(self.store)
    }

    /// The store, for reading what is not part of this workbook.
    pub fn store(&self) -> &dyn Store {
        self.store
    }
}

impl Deref for Held<'_> {
    type Target = OpenWorkbook;
    fn deref(&self) -> &OpenWorkbook {
        &self.open
    }
}

impl DerefMut for Held<'_> {
    fn deref_mut(&mut self) -> &mut OpenWorkbook {
        &mut self.open
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let key = self.open.key().clone();
        self.store.close(&key);
    }
}
