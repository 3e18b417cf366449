//! The real store: one pretty-printed JSON file per workbook in the data dir.
//!
//! ```text
//! DIR/<key>.json                      the workbook
//! DIR/<key>.journal.jsonl             its journal (see `journal_file`)
//! DIR/<key>.lock                      held while a trustwork has it open
//! DIR/<key>.json.damaged-<stamp>      a file replaced by `restore` (kept)
//! DIR/backups/<key>/<stamp>-<n>.json  the last BACKUPS_KEPT saved versions
//! ```
//!
//! Safety rules: every write is atomic, and a file that does not load is
//! never written over (save refuses, restore keeps a copy aside).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

mod encrypted;

pub use encrypted::{PassphraseSource, set_default_passphrase_source};

use super::journal_file;
use super::lock::{self, Attempt, LockFile};
use super::paths::{candidate_key, slug};
use super::{BACKUPS_KEPT, Backup, Listing, ListingStatus, Store, StoreError, WorkbookKey};
use crate::domain::{Journal, SCHEMA_VERSION, Workbook};

const BACKUPS_DIR: &str = "backups";

/// The journal file beside `<key>.json`.
const JOURNAL_SUFFIX: &str = "journal.jsonl";

/// UTC, fixed width and without `:` so names sort by time and are valid on
/// every filesystem; millis because saves can come several per second.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Workbooks stored as JSON files in one directory.
#[derive(Debug)]
pub struct JsonStore {
    dir: PathBuf,
    /// Locks of the workbooks this store has open; dropping one releases it.
    locks: HashMap<WorkbookKey, LockFile>,
    /// Keys of encrypted workbooks unlocked in this process (memory only).
    ciphers: std::cell::RefCell<HashMap<WorkbookKey, std::rc::Rc<super::Cipher>>>,
    /// Asks for a passphrase when an encrypted workbook is first read.
    passphrase: PassphraseSource,
    /// Workbooks parsed while listing, with the exact bytes they were
    /// parsed from: opening one right after (every start does) reuses the
    /// parse when the file still holds the same bytes, instead of parsing
    /// it twice. Same bytes, same workbook, so nothing stale can slip in.
    parsed: std::cell::RefCell<HashMap<WorkbookKey, (Vec<u8>, Workbook)>>,
}

impl JsonStore {
    /// Uses `dir` as the data dir, creating it (private to the user) if it
    /// does not exist yet. An existing dir is used as it is.
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        ensure_private_dir(&dir, "create the data folder")?;
        Ok(Self {
            dir,
            locks: HashMap::new(),
            ciphers: Default::default(),
            passphrase: PassphraseSource::default_for_process(),
            parsed: Default::default(),
        })
    }

    /// The data dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the workbook `key` is (or would be) saved.
    pub fn path_of(&self, key: &WorkbookKey) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Where the journal of workbook `key` is (or would be) saved.
    pub fn journal_path_of(&self, key: &WorkbookKey) -> PathBuf {
        self.dir.join(format!("{key}.{JOURNAL_SUFFIX}"))
    }

    /// Moves a cut-off last journal line (from a save that never finished)
    /// out of the way before appending, keeping a copy of the file aside.
    fn repair_journal_tail(&self, key: &WorkbookKey) -> Result<(), StoreError> {
        use std::io::{Read, Seek, SeekFrom};
        let path = self.journal_path_of(key);
        let mut file = match File::open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(io_error("read", &path)(err)),
        };
        let mut last = [0u8; 1];
        let ends_cleanly = match file.seek(SeekFrom::End(-1)) {
            Ok(_) => {
                file.read_exact(&mut last)
                    .map_err(io_error("read", &path))?;
                last[0] == b'\n'
            }
            // An empty file has no last line to repair.
            Err(_) => true,
        };
        if ends_cleanly {
            return Ok(());
        }
        let cipher = self.cipher(key)?;
        let loaded = journal_file::read(&path, cipher.as_deref())?;
        if let Some(at) = loaded.torn_at {
            // Retries can come within one millisecond: number the copies.
            let stamp = Utc::now().format(STAMP_FORMAT);
            let aside = (1..)
                .map(|n: u32| {
                    let suffix = if n == 1 {
                        String::new()
                    } else {
                        format!("-{n}")
                    };
                    self.dir
                        .join(format!("{key}.{JOURNAL_SUFFIX}.damaged-{stamp}{suffix}"))
                })
                .find(|p| !p.exists())
                .unwrap_or_else(|| self.dir.join(format!("{key}.{JOURNAL_SUFFIX}.damaged")));
            journal_file::cut_torn_tail(&path, at, &aside)?;
        }
        Ok(())
    }

    /// Temp files of saves that a crash cut short (`.<key>.json.XXXX`,
    /// `.<key>.journal.jsonl.XXXX`): with the lock held nobody else is
    /// writing them, and each may be a whole copy of the workbook, so they
    /// go. Best effort.
    fn remove_stale_temp_files(&self, key: &WorkbookKey) {
        let prefixes = [format!(".{key}.json."), format!(".{key}.{JOURNAL_SUFFIX}.")];
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// The lock file of workbook `key`.
    pub fn lock_path_of(&self, key: &WorkbookKey) -> PathBuf {
        self.dir.join(format!("{key}.lock"))
    }

    /// The folder holding the backups of workbook `key`.
    pub fn backup_dir_of(&self, key: &WorkbookKey) -> PathBuf {
        self.dir.join(BACKUPS_DIR).join(&key.0)
    }

    /// Loads a workbook file; when it does not load, the error names the
    /// newest backup that does, so the user is offered a way back.
    fn load(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        let path = self.path_of(key);
        let read = fs::read(&path).map_err(io_error("read", &path))?;
        if let Some((bytes, workbook)) = self.parsed.borrow_mut().remove(key)
            && bytes == read
        {
            return Ok(workbook);
        }
        let bytes = self.unseal(key, read)?;
        parse_workbook(&bytes, &path).map_err(|err| self.with_backup(key, err))
    }

    /// How workbook `key` lists. A workbook that reads is kept, with the
    /// bytes it was read from, for an open that follows (see `parsed`).
    fn listing_status(&self, key: &WorkbookKey) -> ListingStatus {
        let path = self.path_of(key);
        let read = match fs::read(&path) {
            Ok(read) => read,
            Err(err) => {
                let message = io_error("read", &path)(err).to_string();
                return ListingStatus::Unreadable { message };
            }
        };
        // Plain files (nearly all) are parsed as read, with no copy.
        let parsed = if crate::storage::crypto::is_sealed(&read) {
            self.unseal(key, read.clone())
                .and_then(|bytes| parse_workbook(&bytes, &path))
        } else {
            parse_workbook(&read, &path)
        };
        match parsed {
            Ok(w) => {
                let status = ListingStatus::Ready {
                    role: w.role(),
                    name: w.name.clone(),
                    relationship: w.relationship,
                    updated_at: w.updated_at,
                    closed: w.closed_at.is_some(),
                };
                self.parsed.borrow_mut().insert(key.clone(), (read, w));
                status
            }
            Err(err) => ListingStatus::Unreadable {
                message: self.with_backup(key, err).to_string(),
            },
        }
    }

    fn with_backup(&self, key: &WorkbookKey, mut err: StoreError) -> StoreError {
        if let StoreError::Corrupt { backup, .. } | StoreError::NewerSchema { backup, .. } =
            &mut err
        {
            *backup = self.newest_good_backup(key);
        }
        err
    }

    fn newest_good_backup(&self, key: &WorkbookKey) -> Option<PathBuf> {
        let names = self.backup_names(key).ok()?;
        let dir = self.backup_dir_of(key);
        names
            .iter()
            .rev()
            .map(|name| dir.join(name))
            .find(|path| loads(path))
    }

    /// Takes the lock of `key`, or says who holds it.
    fn take_lock(&self, key: &WorkbookKey) -> Result<LockFile, StoreError> {
        let path = self.lock_path_of(key);
        match lock::try_lock(&path).map_err(io_error("lock", &path))? {
            Attempt::Acquired(lock) => Ok(lock),
            Attempt::Held { holder } => Err(self.locked(key, holder)),
        }
    }

    fn locked(&self, key: &WorkbookKey, holder: String) -> StoreError {
        // Best effort: the workbook's own name reads better than its key.
        let name = self.load(key).map_or_else(|_| key.0.clone(), |w| w.name);
        StoreError::Locked {
            name,
            holder,
            lock: self.lock_path_of(key),
        }
    }

    /// Backup file names of `key`, oldest first (names sort by time).
    fn backup_names(&self, key: &WorkbookKey) -> Result<Vec<String>, StoreError> {
        let dir = self.backup_dir_of(key);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(io_error("list the backups in", &dir)(err)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_error("list the backups in", &dir))?;
            if let Some(name) = entry.file_name().to_str()
                && parse_backup_name(name).is_some()
            {
                names.push(name.to_string());
            }
        }
        names.sort();
        Ok(names)
    }

    fn write_backup(&self, key: &WorkbookKey, bytes: &[u8]) -> Result<(), StoreError> {
        ensure_private_dir(&self.dir.join(BACKUPS_DIR), "create the backup folder")?;
        let dir = self.backup_dir_of(key);
        ensure_private_dir(&dir, "create the backup folder")?;
        let name = next_backup_name(self.backup_names(key)?.last().map(String::as_str));
        write_atomic(&dir.join(name), bytes)
    }

    /// Keeps a copy of what was just saved, so the newest backup is always
    /// the last saved version: if the workbook file is later damaged (by
    /// another program, a sync tool, a failing disk), `restore` loses
    /// nothing. Best effort: the save itself has already succeeded.
    fn back_up(&self, key: &WorkbookKey, bytes: &[u8]) {
        if self.write_backup(key, bytes).is_ok() {
            self.prune_backups(key);
        }
    }

    /// Deletes all but the newest [`BACKUPS_KEPT`] backups. Failures are
    /// ignored: an extra old backup is harmless and the save itself worked.
    fn prune_backups(&self, key: &WorkbookKey) {
        let Ok(names) = self.backup_names(key) else {
            return;
        };
        let excess = names.len().saturating_sub(BACKUPS_KEPT);
        let dir = self.backup_dir_of(key);
        for name in &names[..excess] {
            let _ = fs::remove_file(dir.join(name));
        }
    }

    /// Copies the current file of `key` (if any) to a new `.damaged-` file
    /// beside it, which is never deleted by trustwork.
    fn keep_aside(&self, key: &WorkbookKey) -> Result<Option<PathBuf>, StoreError> {
        let path = self.path_of(key);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(io_error("read", &path)(err)),
        };
        let stamp = Utc::now().format(STAMP_FORMAT);
        let mut n = 0;
        loop {
            n += 1;
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let aside = self.dir.join(format!("{key}.json.damaged-{stamp}{suffix}"));
            match write_new_private(&aside, &bytes) {
                Ok(()) => return Ok(Some(aside)),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => {
                    return Err(io_error("keep a copy of the damaged file at", &aside)(err));
                }
            }
        }
    }
}

impl Store for JsonStore {
    fn list(&self) -> Result<Vec<Listing>, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(io_error("list", &self.dir))?;
        // Only the latest listing's parses are worth keeping.
        self.parsed.borrow_mut().clear();
        let mut listings = Vec::new();
        for entry in entries {
            let path = entry.map_err(io_error("list", &self.dir))?.path();
            let Some(key) = workbook_key(&path) else {
                continue;
            };
            // Listing never asks for a passphrase: a locked workbook is
            // shown by its key until it is opened.
            if self.is_encrypted(&key) && !self.is_unlocked(&key) {
                listings.push(Listing {
                    key,
                    status: ListingStatus::Encrypted,
                });
                continue;
            }
            let status = self.listing_status(&key);
            listings.push(Listing { key, status });
        }
        listings.sort_by_cached_key(|l| (l.display_name().to_lowercase(), l.key.clone()));
        Ok(listings)
    }

    fn create_workbook(
        &mut self,
        workbook: Workbook,
    ) -> Result<(WorkbookKey, Workbook), StoreError> {
        super::check_name(&workbook.name)?;
        let bytes = to_json(&workbook)?;
        let base = slug(&workbook.name);
        let mut n = 0;
        loop {
            n += 1;
            let key = WorkbookKey(candidate_key(&base, n));
            let path = self.path_of(&key);
            // A journal left behind by a removed workbook keeps its key
            // taken, so its entries never turn up in a new workbook.
            let taken = |path: &Path| exists(path) || exists(&self.journal_path_of(&key));
            if taken(&path) {
                continue;
            }
            // The lock keeps two instances creating the same name at once
            // from writing over each other's new workbook.
            let lock_path = self.lock_path_of(&key);
            let Attempt::Acquired(_lock) =
                lock::try_lock(&lock_path).map_err(io_error("lock", &lock_path))?
            else {
                continue;
            };
            if taken(&path) {
                continue;
            }
            write_atomic(&path, &bytes)?;
            return Ok((key, workbook));
        }
    }

    fn open(&mut self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        if let Some(lock) = self.locks.get(key) {
            return Err(self.locked(key, lock.holder().to_string()));
        }
        // Lock first so nobody changes the file between loading and saving;
        // on a load error the lock is dropped, which releases it.
        let lock = self.take_lock(key)?;
        let workbook = self.read(key)?;
        self.remove_stale_temp_files(key);
        self.locks.insert(key.clone(), lock);
        Ok(workbook)
    }

    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.load(key).map_err(|err| match err {
            StoreError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound => {
                StoreError::UnknownWorkbook {
                    wanted: key.0.clone(),
                    available: self
                        .list()
                        .map(|ls| ls.iter().map(|l| l.display_name().to_string()).collect())
                        .unwrap_or_default(),
                }
            }
            other => other,
        })
    }

    fn save(&mut self, key: &WorkbookKey, workbook: &Workbook) -> Result<(), StoreError> {
        if !self.locks.contains_key(key) {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        let bytes = self.seal(key, to_json(workbook)?)?;
        let path = self.path_of(key);
        match fs::read(&path) {
            Ok(old) => {
                // Never replace a file we cannot read: it may still be
                // rescued by hand, and it is not ours to judge.
                let old = self.unseal(key, old)?;
                parse_workbook(&old, &path).map_err(|err| self.with_backup(key, err))?;
            }
            // Removed behind our back: just write it again.
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(io_error("read", &path)(err)),
        }
        write_atomic(&path, &bytes)?;
        self.back_up(key, &bytes);
        Ok(())
    }

    fn read_journal(&self, key: &WorkbookKey) -> Result<Journal, StoreError> {
        let cipher = self.cipher(key)?;
        Ok(journal_file::read(&self.journal_path_of(key), cipher.as_deref())?.journal)
    }

    fn journal_reader(&self, key: &WorkbookKey) -> Option<super::JournalReader> {
        // A sealed journal needs the unlocked key, which stays on this
        // thread; it is read in place.
        if self.is_encrypted(key) {
            return None;
        }
        let path = self.journal_path_of(key);
        Some(Box::new(move || {
            Ok(journal_file::read(&path, None)?.journal)
        }))
    }

    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        if !self.locks.contains_key(key) {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        let path = self.journal_path_of(key);
        let cipher = self.cipher(key)?;
        let cipher = cipher.as_deref();
        let rewrite = journal.needs_rewrite() || journal_file::worth_compacting(journal);
        if rewrite {
            journal_file::rewrite(&path, journal, cipher)?;
        } else if journal.has_changes() {
            self.repair_journal_tail(key)?;
            journal_file::append(&path, journal, cipher)?;
        }
        journal.mark_saved(rewrite);
        Ok(())
    }

    fn close(&mut self, key: &WorkbookKey) {
        self.locks.remove(key);
    }

    fn backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        let dir = self.backup_dir_of(key);
        let names = self.backup_names(key)?;
        Ok(names
            .iter()
            .rev()
            .filter_map(|name| {
                let (_, _, taken_at) = parse_backup_name(name)?;
                let path = dir.join(name);
                let loads = loads(&path);
                Some(Backup {
                    path,
                    taken_at,
                    loads,
                })
            })
            .collect())
    }

    fn restore(
        &mut self,
        key: &WorkbookKey,
        backup: &Backup,
    ) -> Result<Option<PathBuf>, StoreError> {
        // Held until the end of this call unless this store already had it.
        let _lock = if self.locks.contains_key(key) {
            None
        } else {
            Some(self.take_lock(key)?)
        };
        let bytes = fs::read(&backup.path).map_err(io_error("read the backup", &backup.path))?;
        // Putting back something that cannot be opened would help nobody.
        let plain = self.unseal(key, bytes)?;
        parse_workbook(&plain, &backup.path)?;
        let aside = self.keep_aside(key)?;
        // A backup from before encryption goes back encrypted.
        write_atomic(&self.path_of(key), &self.seal(key, plain)?)?;
        Ok(aside)
    }

    fn write_recovery(
        &mut self,
        key: Option<&WorkbookKey>,
        text: &str,
    ) -> Result<PathBuf, StoreError> {
        super::recovery_file::write(&self.dir, key, text)
    }

    fn recoveries(&self) -> Result<Vec<super::Recovered>, StoreError> {
        super::recovery_file::list(&self.dir)
    }

    fn forget_recovery(&mut self, recovered: &super::Recovered) -> Result<(), StoreError> {
        super::recovery_file::forget(recovered)
    }

    fn is_encrypted(&self, key: &WorkbookKey) -> bool {
        JsonStore::is_encrypted(self, key)
    }
}

/// The one field read before the rest: it decides how to read the rest.
#[derive(Deserialize)]
struct Header {
    schema_version: u32,
}

/// Parses a workbook file's bytes, migrating older schema versions.
fn parse_workbook(bytes: &[u8], path: &Path) -> Result<Workbook, StoreError> {
    parse_document(bytes, path)
}

/// Parses any document that is a workbook at its top level (a workbook
/// file, or an export with its journal beside the workbook's fields), with
/// the same version check and migration as the store, so an import reads
/// old files exactly as opening them would.
pub(crate) fn parse_document<T: DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
) -> Result<T, StoreError> {
    let as_corrupt = |err: serde_json::Error| corrupt(path, &err);
    let header: Header = serde_json::from_slice(bytes).map_err(as_corrupt)?;
    match header.schema_version.cmp(&SCHEMA_VERSION) {
        Ordering::Greater => Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: header.schema_version,
            supported: SCHEMA_VERSION,
            backup: None,
        }),
        // The common case reads straight from the bytes, so errors keep
        // their line and column.
        Ordering::Equal => serde_json::from_slice(bytes).map_err(as_corrupt),
        Ordering::Less => {
            let value = serde_json::from_slice(bytes).map_err(as_corrupt)?;
            let value =
                migrate(value, header.schema_version).map_err(|message| StoreError::Corrupt {
                    path: path.to_path_buf(),
                    line: 1,
                    column: 1,
                    message,
                    backup: None,
                })?;
            serde_json::from_value(value).map_err(as_corrupt)
        }
    }
}

/// Brings a document written as schema version `from` up to
/// [`SCHEMA_VERSION`], one version at a time: each step reshapes the JSON
/// and sets the next `"schema_version"`. Old files are only ever rewritten
/// by a later save, and their previous bytes are in the backups.
pub(crate) fn migrate(mut value: Value, from: u32) -> Result<Value, String> {
    for version in from..SCHEMA_VERSION {
        value = migrate_step(value, version)?;
    }
    Ok(value)
}

/// Upgrades a document from `version` to `version + 1`.
fn migrate_step(value: Value, version: u32) -> Result<Value, String> {
    match version {
        1 => v1_to_v2(value),
        2 => v2_to_v3(value),
        _ => Err(format!(
            "schema version {version} was never written by trustwork"
        )),
    }
}

/// Version 2 names who writes: the workbook's single `role` becomes its
/// first participant. The participant takes the workbook's id, so reading
/// the same old file twice gives the same participant.
fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let doc = value
        .as_object_mut()
        .ok_or("the workbook is not a JSON object")?;
    let role = doc.remove("role").ok_or("the workbook has no role")?;
    let id = doc.get("id").cloned().ok_or("the workbook has no id")?;
    doc.insert(
        "participants".into(),
        serde_json::json!([{ "id": id, "name": crate::domain::SOLO_NAME, "role": role }]),
    );
    doc.insert("schema_version".into(), Value::from(2));
    Ok(value)
}

/// Version 3 adds couple mode's conversations and agreements. Both start
/// empty, so the step only moves the number; it exists so that an older
/// trustwork, which would drop them on save, refuses the file instead.
fn v2_to_v3(mut value: Value) -> Result<Value, String> {
    let doc = value
        .as_object_mut()
        .ok_or("the workbook is not a JSON object")?;
    doc.insert("schema_version".into(), Value::from(3));
    Ok(value)
}

fn corrupt(path: &Path, err: &serde_json::Error) -> StoreError {
    // serde_json appends the position to its message; we report it apart.
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: err.line(),
        column: err.column(),
        message: full.strip_suffix(&position).unwrap_or(&full).to_string(),
        backup: None,
    }
}

/// Pretty JSON with a trailing newline, friendly to people and to diff.
fn to_json(workbook: &Workbook) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(workbook)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn loads(path: &Path) -> bool {
    // An encrypted backup cannot be checked without its key; it was
    // written from a workbook that loaded.
    fs::read(path)
        .is_ok_and(|bytes| super::is_sealed(&bytes) || parse_workbook(&bytes, path).is_ok())
}

/// The key of a workbook file: a visible `*.json` file in the data dir.
/// Temp files of atomic writes start with `.`; lock and damaged files have
/// other extensions; `backups/` is a directory.
fn workbook_key(path: &Path) -> Option<WorkbookKey> {
    let stem = path.file_stem()?.to_str()?;
    let is_json = path.extension().is_some_and(|e| e == "json");
    (is_json && !stem.starts_with('.') && path.is_file()).then(|| WorkbookKey(stem.to_string()))
}

fn exists(path: &Path) -> bool {
    // symlink_metadata so that even a dangling link counts as taken.
    fs::symlink_metadata(path).is_ok()
}

/// Splits `<stamp>-<n>.json` into its stamp, counter and time.
fn parse_backup_name(name: &str) -> Option<(&str, u32, DateTime<FixedOffset>)> {
    let (stamp, counter) = name.strip_suffix(".json")?.rsplit_once('-')?;
    let counter = counter.parse().ok()?;
    let naive = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    let taken_at = Utc
        .from_utc_datetime(&naive)
        .with_timezone(&Local)
        .fixed_offset();
    Some((stamp, counter, taken_at))
}

/// A backup name that sorts after `newest`, even within the same
/// millisecond or if the clock stepped back.
fn next_backup_name(newest: Option<&str>) -> String {
    let now = Utc::now().format(STAMP_FORMAT).to_string();
    match newest.and_then(parse_backup_name) {
        Some((stamp, n, _)) if stamp >= now.as_str() => format!("{stamp}-{:04}.json", n + 1),
        _ => format!("{now}-0000.json"),
    }
}

/// Writes `bytes` to `path` atomically: temp file in the same dir, fsync,
/// rename, fsync dir. The file is private to the user.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let error = io_error("save", path);
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).preserve_mode(false);
    }
    let mut file = options.open(path).map_err(&error)?;
    // The umask could make the mode stricter than asked; never looser, but
    // set it exactly so the result does not depend on the environment.
    #[cfg(unix)]
    set_mode(&file, 0o600).map_err(&error)?;
    file.write_all(bytes).map_err(&error)?;
    file.commit().map_err(error)
}

/// Writes a new file (refusing to replace one), private and synced.
pub(super) fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates `dir` with mode 0700 if it is missing; an existing dir is left
/// as the user made it.
pub(super) fn ensure_private_dir(dir: &Path, action: &'static str) -> Result<(), StoreError> {
    let error = io_error(action, dir);
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(&error)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => {}
        // Someone else just made it: theirs, so leave it as it is.
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(err) => return Err(error(err)),
    }
    #[cfg(unix)]
    fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).map_err(error)?;
    Ok(())
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

pub(super) fn io_error(action: &'static str, path: &Path) -> impl Fn(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path: path.clone(),
        source,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn migrate_v1_names_the_role_as_the_first_participant() {
        let id = "0190d3a2-0000-7000-8000-000000000000";
        let v1 = serde_json::json!({"schema_version": 1, "id": id, "role": "hurt", "x": 1});
        let v2 = v1_to_v2(v1).unwrap();
        assert_eq!(
            v2,
            serde_json::json!({
                "schema_version": 2, "id": id, "x": 1,
                "participants": [{"id": id, "name": "Me", "role": "hurt"}]
            })
        );
        let v3 = migrate(v2, 2).unwrap();
        assert_eq!(v3["schema_version"], 3, "v3 only moves the number");
        assert!(migrate(serde_json::json!({"schema_version": 1}), 1).is_err());
        assert!(migrate(serde_json::json!({}), 0).is_err());
    }

    #[test]
    fn backup_names_sort_in_time_order() {
        let first = next_backup_name(None);
        let second = next_backup_name(Some(&first));
        assert!(second > first, "{second} should sort after {first}");
        let future = "99990101T000000.000Z-0007.json";
        assert_eq!(
            next_backup_name(Some(future)),
            "99990101T000000.000Z-0008.json"
        );
    }
}
