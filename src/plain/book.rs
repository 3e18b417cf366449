//! The workbook plain mode has open: held locked in the store, the same
//! lock the app takes, and released on every way out (dropping it closes
//! it), so the TUI and another copy are kept out while it is in use.

use anyhow::Result;
use uuid::Uuid;

use crate::domain::{Journal, Workbook};
use crate::storage::{Store, StoreError, WorkbookKey};

pub struct Book<'s> {
    store: &'s mut dyn Store,
    pub key: WorkbookKey,
    pub workbook: Workbook,
    /// Read the first time the journal is used: a long journal is not
    /// read for someone who only answers a step.
    journal: Option<Journal>,
    /// Who is writing: new answers, entries and check-ins are theirs, as
    /// in the app (the workbook's first participant).
    pub writer: Uuid,
}

impl<'s> Book<'s> {
    /// Locks and loads a workbook. Nothing is written on failure.
    pub fn open(store: &'s mut dyn Store, key: WorkbookKey) -> Result<Self, StoreError> {
        let workbook = store.open(&key)?;
        let writer = workbook.default_author();
        Ok(Self {
            store,
            key,
            workbook,
            journal: None,
            writer,
        })
    }

    /// Saves the workbook now, as the app does after every change.
    pub fn save(&mut self) -> Result<()> {
        self.workbook.touch();
        self.store.save(&self.key, &self.workbook)?;
        Ok(())
    }

    pub fn journal(&mut self) -> Result<&mut Journal> {
        let journal = match self.journal.take() {
            Some(journal) => journal,
            None => self.store.read_journal(&self.key)?,
        };
        Ok(self.journal.insert(journal))
    }

    /// Writes the journal's new and changed entries.
    pub fn save_journal(&mut self) -> Result<()> {
        if let Some(journal) = self.journal.as_mut() {
            self.store.save_journal(&self.key, journal)?;
        }
        Ok(())
    }

    /// The workbook and its journal together, for views that need both.
    pub fn with_journal(&mut self) -> Result<(&Workbook, &Journal)> {
        self.journal()?;
        match &self.journal {
            Some(journal) => Ok((&self.workbook, journal)),
            None => anyhow::bail!("the journal could not be read"),
        }
    }
}

impl Drop for Book<'_> {
    fn drop(&mut self) {
        self.store.close(&self.key);
    }
}
