//! Where workbooks live. The rest of the app talks to the [`Store`] trait;
//! [`JsonStore`] keeps each workbook as a JSON file in the data dir and
//! [`MemoryStore`] keeps them in memory for tests.

mod backups;
mod crypto;
mod error;
pub(crate) mod files;
mod journal_file;
pub mod journal_index;
pub(crate) mod journal_line;
mod json;
mod lock;
mod memory;
mod migrate;
mod paths;
mod recovery_file;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::domain::{Journal, NewWorkbook, RelationshipKind, Role, Workbook};

pub use crypto::{Cipher, is_sealed, seal_to};
pub use error::StoreError;
pub use files::write_atomic;
pub use json::{JsonStore, PassphraseSource, set_default_passphrase_source};
pub use lock::shown_holder;
pub use memory::MemoryStore;
pub(crate) use migrate::parse_document;
pub use paths::{DATA_DIR_ENV, choose_data_dir, data_dir};

/// How many of the newest backups of a workbook (and of its journal) are
/// kept, whatever their day.
pub const BACKUPS_KEPT: usize = 5;

/// For how many more days, before those, the last backup of the day is
/// kept: history that a busy evening of saves cannot push out.
pub const DAILY_BACKUPS_KEPT: usize = 7;

/// Names a workbook inside a store: the file stem for the JSON store.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct WorkbookKey(pub String);

impl std::fmt::Display for WorkbookKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One row of the home screen: enough to pick a workbook without keeping
/// every workbook in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub key: WorkbookKey,
    pub status: ListingStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListingStatus {
    /// Encrypted and not unlocked in this process: only its key is known.
    Encrypted,
    Ready {
        name: String,
        relationship: RelationshipKind,
        role: Role,
        updated_at: DateTime<FixedOffset>,
        /// Closed: kept and readable, not written to.
        closed: bool,
        /// Written by two people: `role` is only the first person's side,
        /// so lists say "for two" instead of telling it to both.
        for_two: bool,
    },
    /// The file is there but cannot be opened (corrupt, newer schema…);
    /// the message says why and what to do.
    Unreadable { message: String },
}

impl Listing {
    /// The name to show: the workbook's own, or its key when unreadable.
    pub fn display_name(&self) -> &str {
        match &self.status {
            ListingStatus::Ready { name, .. } => name,
            ListingStatus::Unreadable { .. } | ListingStatus::Encrypted => &self.key.0,
        }
    }
}

/// Whether another workbook in `listings` shows the same name as the one
/// at `at` (case aside): lists then add the name it is saved under, so two
/// workbooks about "Sam" can be told apart.
pub fn name_shared(listings: &[Listing], at: usize) -> bool {
    let Some(this) = listings.get(at) else {
        return false;
    };
    let name = this.display_name().to_lowercase();
    listings
        .iter()
        .enumerate()
        .any(|(i, l)| i != at && l.display_name().to_lowercase() == name)
}

/// A backup of a workbook that can be restored.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub path: PathBuf,
    pub taken_at: DateTime<FixedOffset>,
    /// Whether the backup itself loads as a workbook this build understands.
    pub loads: bool,
}

/// The storage boundary. Opening a workbook takes its lock; the lock is held
/// until `close` or until the store is dropped.
/// Reads one journal, on whichever thread runs it.
pub type PreviewReader = Box<dyn FnOnce() -> Option<journal_index::JournalIndex> + Send>;
pub type JournalReader = Box<dyn FnOnce() -> Result<Journal, StoreError> + Send>;

pub trait Store {
    /// Every workbook in the store, sorted by name.
    fn list(&self) -> Result<Vec<Listing>, StoreError>;
    /// Creates and saves a new workbook; it is not opened (not locked).
    fn create(&mut self, new: NewWorkbook) -> Result<(WorkbookKey, Workbook), StoreError> {
        self.create_workbook(Workbook::new(new))
    }
    /// Saves a workbook made in memory under a new key (a name of its
    /// own, `-2` and on for a name taken); it is not opened.
    fn create_workbook(
        &mut self,
        workbook: Workbook,
    ) -> Result<(WorkbookKey, Workbook), StoreError>;
    /// Locks and loads a workbook for editing.
    fn open(&mut self, key: &WorkbookKey) -> Result<Workbook, StoreError>;
    /// Loads without locking, for read-only commands such as `status`.
    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError>;
    /// Saves an opened workbook atomically, keeping a backup unless only
    /// the position moved.
    fn save(&mut self, key: &WorkbookKey, workbook: &Workbook) -> Result<(), StoreError>;
    /// Reads a workbook's journal (no lock needed; an open workbook's
    /// journal is read the same way).
    fn read_journal(&self, key: &WorkbookKey) -> Result<Journal, StoreError>;

    /// [`Self::read_journal`] as work that can run on another thread, when
    /// the store can offer it: the app reads a journal of years while its
    /// first screen is already up. `None` means read it in place.
    fn journal_reader(&self, _key: &WorkbookKey) -> Option<JournalReader> {
        None
    }
    /// The journal index (see `journal_index`), read as work for another
    /// thread: `None` when the store keeps no index (an encrypted
    /// workbook, a store in memory); the work gives `None` when the index
    /// is missing, stale or damaged.
    fn journal_preview(&self, _key: &WorkbookKey) -> Option<PreviewReader> {
        None
    }
    /// The journal file of `key`, when a search may read its bytes as
    /// they are (a plain journal): `None` for an encrypted workbook and a
    /// store in memory, whose journals are searched parsed.
    fn journal_search_file(&self, _key: &WorkbookKey) -> Option<std::path::PathBuf> {
        None
    }
    /// One entry read from its line in the journal (`line`: offset and
    /// length, from the index), without reading the journal: `None` when
    /// the store keeps no index, or the line there is not that entry.
    fn read_entry_at(
        &self,
        _key: &WorkbookKey,
        _id: uuid::Uuid,
        _line: (u64, u32),
    ) -> Option<crate::domain::JournalEntry> {
        None
    }
    /// Writes the journal's changes since the last save; the workbook must
    /// be open. On success the journal is marked saved. Lines another
    /// process appended meanwhile are taken in first (see
    /// [`Self::append_to_journal`]).
    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError>;
    /// Appends the journal's new entries without the workbook being open
    /// here: a `journal add` from the shell works while the app has the
    /// workbook, whose next look ([`Self::take_appended`]) or save takes
    /// them in. Only appends: a journal that needs rewriting is refused.
    /// A store that cannot write beside an open workbook saves as usual.
    fn append_to_journal(
        &mut self,
        key: &WorkbookKey,
        journal: &mut Journal,
    ) -> Result<(), StoreError> {
        self.save_journal(key, journal)
    }
    /// Takes into `journal` what another process appended to its file
    /// since it was read or written here (see [`Journal::merge_appended`]).
    fn take_appended(&self, _key: &WorkbookKey, _journal: &mut Journal) -> Result<(), StoreError> {
        Ok(())
    }
    /// Releases the lock taken by `open`.
    fn close(&mut self, key: &WorkbookKey);
    /// Replaces every backup of the workbook and its journal with one copy
    /// of each file as it is now: older copies may hold words that have
    /// since been sealed to their author's own key. Best effort.
    fn refresh_backups(&mut self, _key: &WorkbookKey) {}
    /// Backups of a workbook, newest first.
    fn backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError>;
    /// Replaces the workbook with a backup; the file being replaced is kept
    /// aside (never deleted). Returns where the replaced file was moved.
    fn restore(
        &mut self,
        key: &WorkbookKey,
        backup: &Backup,
    ) -> Result<Option<PathBuf>, StoreError>;
    /// Keeps text that a crash would lose, for the next start. Returns
    /// where it went.
    fn write_recovery(
        &mut self,
        key: Option<&WorkbookKey>,
        text: &str,
    ) -> Result<PathBuf, StoreError>;
    /// Text kept by earlier crashes, oldest first.
    fn recoveries(&self) -> Result<Vec<Recovered>, StoreError>;
    /// Drops a recovery once its text is safely in a journal.
    fn forget_recovery(&mut self, recovered: &Recovered) -> Result<(), StoreError>;
    /// Whether the workbook is encrypted at rest: then nothing of it may
    /// be written anywhere in plain text (no editor files, no recovery
    /// files).
    fn is_encrypted(&self, _key: &WorkbookKey) -> bool {
        false
    }
}

/// Text kept by a crash (see [`Store::write_recovery`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recovered {
    /// The workbook that was open, if one was.
    #[serde(default)]
    pub workbook: Option<WorkbookKey>,
    pub text: String,
    pub at: DateTime<FixedOffset>,
    /// Where it is kept (not part of the file).
    #[serde(skip)]
    pub path: PathBuf,
}

/// Checks a new workbook's name: not blank, and no control characters,
/// which would break one-line listings or inject terminal escape codes.
pub fn check_name(name: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() {
        Err(StoreError::EmptyName)
    } else if name.chars().any(char::is_control) {
        Err(StoreError::InvalidName)
    } else {
        Ok(())
    }
}

/// Finds the workbook the user means. With no name and exactly one workbook,
/// that one; otherwise the name must match a workbook's name or key
/// (ignoring case).
pub fn resolve(store: &dyn Store, wanted: Option<&str>) -> Result<WorkbookKey, StoreError> {
    resolve_in(&store.list()?, wanted)
}

/// [`resolve`] among listings already read (reading them costs a parse of
/// every workbook).
pub fn resolve_in(listings: &[Listing], wanted: Option<&str>) -> Result<WorkbookKey, StoreError> {
    let names = || {
        listings
            .iter()
            .map(|l| l.display_name().to_string())
            .collect()
    };
    match wanted {
        None => match listings {
            [] => Err(StoreError::NoWorkbooks),
            [only] => Ok(only.key.clone()),
            _ => Err(StoreError::WhichWorkbook { available: names() }),
        },
        Some(wanted) => {
            let wanted = wanted.trim();
            let folded = wanted.to_lowercase();
            // An exact name first, then an exact key, so "Other" and
            // "other" (saved as other-2) can both be reached; then ignoring
            // case, for convenience.
            let exact = listings
                .iter()
                .find(|l| l.display_name() == wanted)
                .or_else(|| listings.iter().find(|l| l.key.0 == wanted));
            let loose = || {
                listings.iter().find(|l| {
                    l.key.0.to_lowercase() == folded || l.display_name().to_lowercase() == folded
                })
            };
            exact
                .or_else(loose)
                .map(|l| l.key.clone())
                .ok_or_else(|| StoreError::UnknownWorkbook {
                    wanted: wanted.to_string(),
                    available: names(),
                })
        }
    }
}
