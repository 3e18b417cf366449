//! A store that keeps workbooks in memory, for tests of the app and engine.
//! It follows the same rules as [`super::JsonStore`] (names, keys, locks)
//! but keeps no backups.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::paths::{candidate_key, slug};
use super::{Backup, Listing, ListingStatus, Store, StoreError, WorkbookKey};
use crate::domain::{Journal, JournalEntry, Workbook};

/// Workbooks in a map; "locks" are the keys currently open.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    workbooks: HashMap<WorkbookKey, Workbook>,
    journals: HashMap<WorkbookKey, Vec<JournalEntry>>,
    open: HashSet<WorkbookKey>,
    recovered: Vec<super::Recovered>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn get(&self, key: &WorkbookKey) -> Result<&Workbook, StoreError> {
        self.workbooks
            .get(key)
            .ok_or_else(|| StoreError::UnknownWorkbook {
                wanted: key.0.clone(),
                available: self.names(),
            })
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.workbooks.values().map(|w| w.name.clone()).collect();
        names.sort_by_key(|n| n.to_lowercase());
        names
    }
}

impl Store for MemoryStore {
    fn list(&self) -> Result<Vec<Listing>, StoreError> {
        let mut listings: Vec<Listing> = self
            .workbooks
            .iter()
            .map(|(key, w)| Listing {
                key: key.clone(),
                status: ListingStatus::Ready {
                    name: w.name.clone(),
                    relationship: w.relationship,
                    role: w.role(),
                    updated_at: w.updated_at,
                    closed: w.closed_at.is_some(),
                    for_two: w.is_couple(),
                },
            })
            .collect();
        listings.sort_by_cached_key(|l| (l.display_name().to_lowercase(), l.key.clone()));
        Ok(listings)
    }

    fn create_workbook(
        &mut self,
        workbook: Workbook,
    ) -> Result<(WorkbookKey, Workbook), StoreError> {
        super::check_name(&workbook.name)?;
        let base = slug(&workbook.name);
        let key = (1..)
            .map(|n| WorkbookKey(candidate_key(&base, n)))
            .find(|key| !self.workbooks.contains_key(key))
            .unwrap_or_else(|| WorkbookKey(base.clone()));
        self.workbooks.insert(key.clone(), workbook.clone());
        Ok((key, workbook))
    }

    fn open(&mut self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        let workbook = self.get(key)?.clone();
        if !self.open.insert(key.clone()) {
            return Err(StoreError::Locked {
                name: workbook.name,
                holder: format!("pid {} (in memory)", std::process::id()),
                lock: PathBuf::from(format!("memory:{key}.lock")),
            });
        }
        Ok(workbook)
    }

    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.get(key).cloned()
    }

    fn save(&mut self, key: &WorkbookKey, workbook: &Workbook) -> Result<(), StoreError> {
        if !self.open.contains(key) {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        self.workbooks.insert(key.clone(), workbook.clone());
        Ok(())
    }

    fn read_journal(&self, key: &WorkbookKey) -> Result<Journal, StoreError> {
        self.get(key)?;
        Ok(Journal::from_entries(
            self.journals.get(key).cloned().unwrap_or_default(),
        ))
    }

    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        if !self.open.contains(key) {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        self.journals
            .insert(key.clone(), journal.entries().to_vec());
        journal.mark_saved(true);
        Ok(())
    }

    fn append_to_journal(
        &mut self,
        key: &WorkbookKey,
        journal: &mut Journal,
    ) -> Result<(), StoreError> {
        self.get(key)?;
        let stored = self.journals.entry(key.clone()).or_default();
        for entry in journal.pending() {
            match stored.iter_mut().find(|e| e.id == entry.id) {
                Some(old) => *old = entry.clone(),
                None => stored.push(entry.clone()),
            }
        }
        journal.mark_saved(false);
        Ok(())
    }

    fn close(&mut self, key: &WorkbookKey) {
        self.open.remove(key);
    }

    fn backups(&self, _key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        Ok(Vec::new())
    }

    fn restore(
        &mut self,
        key: &WorkbookKey,
        _backup: &Backup,
    ) -> Result<Option<PathBuf>, StoreError> {
        Err(StoreError::NoBackup(key.0.clone()))
    }

    fn write_recovery(
        &mut self,
        key: Option<&WorkbookKey>,
        text: &str,
    ) -> Result<PathBuf, StoreError> {
        let path = PathBuf::from(format!("memory:recovered-{}", self.recovered.len()));
        self.recovered.push(super::Recovered {
            workbook: key.cloned(),
            text: text.to_string(),
            at: crate::domain::now(),
            path: path.clone(),
        });
        Ok(path)
    }

    fn recoveries(&self) -> Result<Vec<super::Recovered>, StoreError> {
        Ok(self.recovered.clone())
    }

    fn forget_recovery(&mut self, recovered: &super::Recovered) -> Result<(), StoreError> {
        self.recovered.retain(|r| r.path != recovered.path);
        Ok(())
    }
}
