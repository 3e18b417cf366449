//! The real store: one pretty-printed JSON file per workbook in the data dir.
//!
//! ```text
//! DIR/<key>.json                      the workbook
//! DIR/<key>.journal.jsonl             its journal (see `journal_file`)
//! DIR/<key>.lock                      held while a trustwork has it open
//! DIR/<key>.json.damaged-<stamp>      a file replaced by `restore` (kept)
//! DIR/backups/<key>/                  earlier versions (see `backups`)
//! DIR/recovered/                      text kept by a crash (`recovery_file`)
//! ```
//!
//! Safety rules: every write is atomic, and a file that does not load is
//! never written over (save refuses, restore keeps a copy aside).

use std::collections::HashMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, Local};

mod encrypted;
mod plaintext;

pub use encrypted::{PassphraseSource, set_default_passphrase_source};

use super::backups::{self, Kind, Shelf};
use super::files::{ensure_private_dir, exists, io_error, stamp, write_atomic, write_new_private};
use super::journal_file;
use super::journal_index;
use super::lock::{self, Attempt, LockFile};
use super::migrate::{parse_workbook, to_json};
use super::paths::{candidate_key, slug};
use super::{Backup, Listing, ListingStatus, Store, StoreError, WorkbookKey};
use crate::domain::{Clock, Journal, Workbook};

/// The journal file beside `<key>.json`.
const JOURNAL_SUFFIX: &str = "journal.jsonl";

/// How long after a copy of the journal the next one is taken. Copying
/// reads the whole file, and journal saves come with every entry, so
/// copies are spaced out; a save that rewrites the file is always copied.
const JOURNAL_BACKUP_EVERY: Duration = Duration::hours(1);

/// From this many bytes a journal's backup is copied behind the save (see
/// `back_up_journal`): a few megabytes copy in milliseconds.
const BACKUP_BEHIND_FROM: u64 = 4 << 20;

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
    /// When backups and set-aside copies are taken, and which day that
    /// is; fixed in tests, so keeping a backup a day needs no waiting.
    clock: Clock,
    /// What each open workbook's file held when it was opened or last
    /// saved here (a hash of its bytes): a save finds out when something
    /// else wrote it in between (a lock removed by hand) and does not
    /// write over it.
    known: HashMap<WorkbookKey, u64>,
    /// Writes the journal index again behind each journal save.
    index_keeper: journal_index::Keeper,
    /// When a journal's backup copy was last handed to `index_keeper`:
    /// until it is on the shelf, the next save must not count it missing
    /// and copy the journal again.
    copy_queued: HashMap<WorkbookKey, DateTime<FixedOffset>>,
}

/// A hash of a file's bytes, to notice a change.
fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
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
            clock: Clock::System,
            known: HashMap::new(),
            index_keeper: Default::default(),
            copy_queued: HashMap::new(),
        })
    }

    /// Takes the time from `clock` from now on (for backups and the names
    /// of set-aside copies; what a workbook records comes from the app).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Waits until the journal index has caught up with every journal
    /// save so far (it is written on a thread of its own; dropping the
    /// store waits too).
    pub fn settle_index(&mut self) {
        self.index_keeper.settle();
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
            let stamp = stamp(&self.clock.now());
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
        } else {
            // A whole last entry without its newline (as some editors
            // save a file): kept, and the line ended before appending.
            journal_file::end_last_line(&path)?;
        }
        Ok(())
    }

    /// Temp files of saves that a crash cut short (`.<key>.json.XXXX`,
    /// `.<key>.journal.jsonl.XXXX`, `.<key>.journal.idx.XXXX`): with the lock held nobody else is
    /// writing them, and each may be a whole copy of the workbook, so they
    /// go. Best effort.
    fn remove_stale_temp_files(&self, key: &WorkbookKey) {
        let prefixes = [
            format!(".{key}.json."),
            format!(".{key}.{JOURNAL_SUFFIX}."),
            format!(".{key}.journal.idx."),
        ];
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

    /// Has the journal index follow lines just appended to a plain
    /// journal: `before` is the journal before the append, and `rows`
    /// the appended lines. The index is written behind the save (see
    /// `journal_index::Keeper`); if anything else wrote to the journal
    /// around this append, it is left stale and rebuilt at the next
    /// opening.
    fn index_appended(
        &mut self,
        journal: &Path,
        before: Option<journal_index::Fingerprint>,
        rows: Vec<journal_index::Row>,
    ) {
        let Some(before) = before else { return };
        let Some(after) = journal_index::fingerprint_of(journal) else {
            return;
        };
        let appended = rows.iter().map(|r| u64::from(r.len) + 1).sum::<u64>();
        if rows.is_empty() || after.len != before.len + appended {
            return;
        }
        self.index_keeper.submit(journal_index::Job::Appended {
            journal: journal.to_path_buf(),
            before,
            after,
            rows,
        });
    }

    /// Removes the journal index before entries are deleted for good: its
    /// headlines must not outlive them, not even until the index is
    /// written again (a kill in between). Index writes already queued go
    /// first, so none can bring them back.
    fn forget_index(&mut self, journal: &Path) -> Result<(), StoreError> {
        self.index_keeper.settle();
        journal_index::remove(journal).map_err(io_error("remove", &journal_index::path_of(journal)))
    }

    /// Has the journal index follow a journal just written whole (a
    /// plain one: `plain`). After entries were deleted for good
    /// (`purged`, rare) it is written here, before the save returns, so
    /// the next opening lists from it at once.
    fn index_rewritten(
        &mut self,
        journal: &Path,
        plain: bool,
        rows: Vec<journal_index::Row>,
        purged: bool,
    ) {
        if !plain {
            return;
        }
        let Some(after) = journal_index::fingerprint_of(journal) else {
            return;
        };
        let job = journal_index::Job::Rewritten {
            journal: journal.to_path_buf(),
            after,
            rows,
        };
        match purged {
            true => {
                // Index writes still queued go first: none may land after
                // this one.
                self.index_keeper.settle();
                job.run();
            }
            false => self.index_keeper.submit(job),
        }
    }

    /// The lock file of workbook `key`.
    pub fn lock_path_of(&self, key: &WorkbookKey) -> PathBuf {
        self.dir.join(format!("{key}.lock"))
    }

    /// Takes the journal's lock (see [`journal_file::lock`]). It is held
    /// for a write and a sync, so a few seconds is far more than any
    /// holder needs; past that, whoever holds it is stuck, and saying so
    /// beats waiting for ever.
    fn take_journal_lock(&self, key: &WorkbookKey) -> Result<journal_file::Lock, StoreError> {
        let path = self.journal_path_of(key);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut pause = std::time::Duration::from_millis(1);
        loop {
            if let Some(lock) = journal_file::lock(&path)? {
                return Ok(lock);
            }
            if std::time::Instant::now() >= deadline {
                return Err(StoreError::JournalBusy(key.0.clone()));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(std::time::Duration::from_millis(50));
        }
    }

    /// Takes the journal's lock for an append by a process that does not
    /// hold the workbook, with the key its lines are sealed with, decided
    /// under the lock: whether the workbook is encrypted is read from
    /// disk now, not remembered, as an `encrypt` or `decrypt` may have
    /// run since. While the workbook is between the two (some files
    /// sealed, some plain), whoever holds it is left to finish: an
    /// encryption a crash cut short is finished here when nobody does,
    /// as opening the workbook would; a running `encrypt` or `decrypt`
    /// is waited for, a few seconds at most.
    fn journal_for_appending(
        &self,
        key: &WorkbookKey,
    ) -> Result<(journal_file::Lock, Option<std::rc::Rc<super::Cipher>>), StoreError> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let journal_lock = self.take_journal_lock(key)?;
            if !self.is_encrypted(key) {
                // A key remembered from before a `decrypt` must not seal.
                self.ciphers.borrow_mut().remove(key);
                return Ok((journal_lock, None));
            }
            if self.plaintext_files(key).is_empty() {
                return Ok((journal_lock, self.cipher(key)?));
            }
            drop(journal_lock);
            if let Ok(_workbook_lock) = self.take_lock(key) {
                self.cipher(key)?;
                self.reseal_leftovers(key)?;
                continue;
            }
            if std::time::Instant::now() >= deadline {
                return Err(StoreError::JournalBusy(key.0.clone()));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Takes into `journal` the lines another process appended since it
    /// last read or wrote the file (see [`journal_file::read_appended`]).
    fn merge_appended(&self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        let cipher = self.cipher(key)?;
        let path = self.journal_path_of(key);
        if let journal_file::Appended::Lines { lines, end } =
            journal_file::read_appended(&path, journal.file_len(), cipher.as_deref())?
        {
            journal.merge_appended(lines, end);
        }
        Ok(())
    }

    /// The folder holding the backups of workbook `key`.
    pub fn backup_dir_of(&self, key: &WorkbookKey) -> PathBuf {
        self.shelf(key).dir().to_path_buf()
    }

    fn shelf(&self, key: &WorkbookKey) -> Shelf {
        Shelf::new(&self.dir, key)
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
                    for_two: w.is_couple(),
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
            holder: super::lock::shown_holder(&holder, self.clock),
            lock: self.lock_path_of(key),
        }
    }

    /// Workbook backup file names of `key`, oldest first.
    fn backup_names(&self, key: &WorkbookKey) -> Result<Vec<String>, StoreError> {
        self.shelf(key).names(Kind::Workbook)
    }

    /// Keeps a copy of what was just saved, so the newest backup is always
    /// the last saved version (but for where the user was: page turns keep
    /// none): if the workbook file is later damaged (by another program, a
    /// sync tool, a failing disk), `restore` loses nothing. Best effort:
    /// the save itself has already succeeded.
    fn back_up(&self, key: &WorkbookKey, bytes: &[u8]) {
        let _ = self.shelf(key).put(Kind::Workbook, bytes, self.clock.now());
    }

    /// See [`Store::refresh_backups`].
    fn refresh_shelf(&self, key: &WorkbookKey) {
        let shelf = self.shelf(key);
        shelf.clear(Kind::Workbook);
        shelf.clear(Kind::Journal);
        let now = self.clock.now();
        if let Ok(bytes) = fs::read(self.path_of(key)) {
            let _ = shelf.put(Kind::Workbook, &bytes, now);
        }
        // Copied a stretch at a time: a journal of years is not read
        // into memory for its backup.
        if let Ok(file) = File::open(self.journal_path_of(key)) {
            let _ = shelf.put_copy(Kind::Journal, file, now);
        }
    }

    /// Keeps a copy of the journal file as just saved, its lines sealed as
    /// they are on disk: after a rewrite, and otherwise when the newest
    /// copy is [`JOURNAL_BACKUP_EVERY`] old. Entries deleted for good
    /// (`purged`) must not live on in older copies, so those go first.
    /// Best effort, like [`Self::back_up`].
    fn back_up_journal(&mut self, key: &WorkbookKey, rewrote: bool, purged: bool, len: u64) {
        let shelf = self.shelf(key);
        if purged {
            // A copy still queued holds the purged words: it goes first,
            // then every copy.
            self.index_keeper.settle();
            self.copy_queued.remove(key);
            shelf.clear(Kind::Journal);
        }
        let now = self.clock.now();
        let queued = self.copy_queued.get(key).map(DateTime::to_utc);
        let due = rewrote
            || shelf
                .newest(Kind::Journal)
                .max(queued)
                .is_none_or(|taken| now.to_utc() - taken >= JOURNAL_BACKUP_EVERY);
        if !due {
            return;
        }
        // Copied a stretch at a time: a journal of years is not read
        // into memory for its backup. The copy is of the journal as this
        // save left it (its first `len` bytes, from the file as opened
        // now: a later rewrite renames a new file over it, a later append
        // adds after it). A long one is copied behind the save, so the
        // key that saved does not wait for a copy of megabytes.
        let Ok(file) = File::open(self.journal_path_of(key)) else {
            return;
        };
        let source = io::Read::take(file, len);
        if len < BACKUP_BEHIND_FROM {
            let _ = shelf.put_copy(Kind::Journal, source, now);
        } else {
            self.copy_queued.insert(key.clone(), now);
            self.index_keeper
                .submit(journal_index::Job::Behind(Box::new(move || {
                    let _ = shelf.put_copy(Kind::Journal, source, now);
                })));
        }
    }

    /// Reads a plain workbook's journal whole, as a check: whether it ends
    /// in a line cut off by a crash (set aside at the next save; see
    /// `journal_file`), or why it does not read.
    pub fn journal_cut_off(&self, key: &WorkbookKey) -> Result<bool, StoreError> {
        journal_file::read(&self.journal_path_of(key), None).map(|loaded| loaded.torn_at.is_some())
    }

    /// The copies of `key`'s journal, newest first. `loads` says whether
    /// the copy reads as a journal (sealed lines count as reading when
    /// the workbook is not unlocked in this process).
    pub fn journal_backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        let shelf = self.shelf(key);
        let cipher = self.ciphers.borrow().get(key).cloned();
        Ok(shelf
            .names(Kind::Journal)?
            .iter()
            .rev()
            .filter_map(|name| {
                let (_, _, taken) = backups::parse_name(name, Kind::Journal)?;
                let path = shelf.dir().join(name);
                let loads = match journal_file::read(&path, cipher.as_deref()) {
                    Ok(_) | Err(StoreError::NeedsPassphrase(_)) => true,
                    Err(_) => false,
                };
                Some(Backup {
                    path,
                    taken_at: taken.with_timezone(&Local).fixed_offset(),
                    loads,
                })
            })
            .collect())
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
        let stamp = stamp(&self.clock.now());
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
        listings.extend(self.orphans(&listings)?);
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
        // An encryption a crash cut short is finished first: nothing of an
        // encrypted workbook stays in plain text past its next opening.
        if self.is_encrypted(key) && !self.plaintext_files(key).is_empty() {
            self.cipher(key)?;
            self.reseal_leftovers(key)?;
        }
        let workbook = self.read(key)?;
        if let Ok(bytes) = fs::read(self.path_of(key)) {
            self.known.insert(key.clone(), fingerprint(&bytes));
        }
        self.remove_stale_temp_files(key);
        self.locks.insert(key.clone(), lock);
        Ok(workbook)
    }

    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        // A workbook whose file is gone (or not a file) while its journal
        // or backups remain says so, with how to get it back.
        if !self.path_of(key).is_file()
            && let Ok(orphans) = self.orphans(&[])
            && let Some(ListingStatus::Unreadable { message }) = orphans
                .into_iter()
                .find(|l| l.key == *key)
                .map(|l| l.status)
        {
            return Err(StoreError::Missing(message));
        }
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
        let old = match fs::read(&path) {
            Ok(old) => {
                let changed = self.known.get(key).is_some_and(|k| *k != fingerprint(&old));
                // Never replace a file we cannot read: it may still be
                // rescued by hand, and it is not ours to judge.
                let old = self.unseal(key, old)?;
                let old = parse_workbook(&old, &path).map_err(|err| self.with_backup(key, err))?;
                if changed {
                    return Err(StoreError::ChangedElsewhere(path.clone()));
                }
                Some(old)
            }
            // Removed behind our back: just write it again.
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(io_error("read", &path)(err)),
        };
        write_atomic(&path, &bytes)?;
        self.known.insert(key.clone(), fingerprint(&bytes));
        // A page turn is saved too, and would otherwise push real versions
        // out of the backups; once there is a backup, only work counts.
        let moved_only = old.is_some_and(|old| backups::moved_only(&old, workbook));
        if !moved_only || self.backup_names(key).is_ok_and(|n| n.is_empty()) {
            self.back_up(key, &bytes);
        }
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
        // The index beside it is brought up to date on the way.
        Some(Box::new(move || {
            super::journal_index::read_and_index(&path)
        }))
    }

    fn refresh_backups(&mut self, key: &WorkbookKey) {
        self.refresh_shelf(key);
    }

    fn journal_preview(&self, key: &WorkbookKey) -> Option<super::PreviewReader> {
        // A sealed journal has no index: it would tell what the seal hides.
        if self.is_encrypted(key) {
            return None;
        }
        let path = self.journal_path_of(key);
        Some(Box::new(move || {
            let index = journal_index::read_caught_up(&path)?;
            // Drawing the list looks rows up by id: ready that here,
            // off the thread that draws.
            index.prepare();
            Some(index)
        }))
    }

    fn journal_search_file(&self, key: &WorkbookKey) -> Option<PathBuf> {
        (!self.is_encrypted(key)).then(|| self.journal_path_of(key))
    }

    fn read_entry_at(
        &self,
        key: &WorkbookKey,
        id: uuid::Uuid,
        line: (u64, u32),
    ) -> Option<crate::domain::JournalEntry> {
        // A sealed journal has no index, so no line to read.
        if self.is_encrypted(key) {
            return None;
        }
        journal_index::read_entry(&self.journal_path_of(key), id, line)
    }

    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        if !self.locks.contains_key(key) {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        // Only emptying the trash or purging asks for a rewrite.
        let purged = journal.needs_rewrite();
        let rewrite = purged || journal_file::worth_compacting(journal);
        let changed = journal.has_changes();
        if !rewrite && !changed {
            return Ok(());
        }
        let _journal_lock = self.take_journal_lock(key)?;
        let path = self.journal_path_of(key);
        let cipher = self.cipher(key)?;
        let cipher = cipher.as_deref();
        self.repair_journal_tail(key)?;
        // What a `journal add` from the shell appended meanwhile comes in
        // first: a rewrite must keep it, and the length must count it.
        self.merge_appended(key, journal)?;
        let written = if rewrite {
            // A journal held in part has the rest of its lines copied
            // from the file, with their rows from the index as it is;
            // the new index is written before the save returns, as the
            // app lists from it at once.
            let in_part = !journal.may_rewrite();
            let old = match in_part && cipher.is_none() {
                true => {
                    // The index on disk describes the start of the file,
                    // which is all the rewrite needs of it: appends held
                    // for it are not written first (megabytes), as the
                    // new file gets an index of its own.
                    self.index_keeper.forget_held();
                    self.index_keeper.settle();
                    journal_index::read_for_search(&path)
                }
                false => None,
            };
            if purged {
                self.forget_index(&path)?;
            }
            let written = match in_part {
                true if cipher.is_none() => {
                    journal_file::rewrite_in_part(&path, journal, old.as_ref())?
                }
                _ => journal_file::rewrite(&path, journal, cipher)?,
            };
            if !written.index_written {
                self.index_rewritten(&path, cipher.is_none(), written.rows, purged || in_part);
            }
            written.len
        } else {
            let before = journal_index::fingerprint_of(&path);
            let written = journal_file::append(&path, journal, cipher)?;
            self.index_appended(&path, before, written.rows);
            written.len
        };
        journal.mark_saved(rewrite);
        journal.set_file_len(written);
        self.back_up_journal(key, rewrite, purged, written);
        Ok(())
    }

    fn append_to_journal(
        &mut self,
        key: &WorkbookKey,
        journal: &mut Journal,
    ) -> Result<(), StoreError> {
        if journal.needs_rewrite() {
            return Err(StoreError::NotOpen(key.0.clone()));
        }
        if !journal.has_changes() {
            return Ok(());
        }
        let (_journal_lock, cipher) = self.journal_for_appending(key)?;
        let path = self.journal_path_of(key);
        // A journal with a line that does not read is never written to
        // (see `journal_file`): it is read whole first, as a save by the
        // app would have.
        journal_file::read(&path, cipher.as_deref())?;
        self.repair_journal_tail(key)?;
        // A fresh index is kept fresh (the store waits for it when it is
        // dropped), so the app's next opening lists the journal from it
        // instead of reading the journal whole to rebuild it.
        let before = journal_index::fingerprint_of(&path);
        let written = journal_file::append(&path, journal, cipher.as_deref())?;
        if cipher.is_none() {
            self.index_appended(&path, before, written.rows);
        }
        journal.mark_saved(false);
        journal.set_file_len(written.len);
        self.back_up_journal(key, false, false, written.len);
        Ok(())
    }

    fn take_appended(&self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        self.merge_appended(key, journal)
    }

    fn close(&mut self, key: &WorkbookKey) {
        // The index follows the saves of this sitting before the workbook
        // can be opened again (see `journal_index::Keeper`).
        self.index_keeper.settle();
        self.locks.remove(key);
        self.known.remove(key);
    }

    fn backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        let dir = self.backup_dir_of(key);
        let names = self.backup_names(key)?;
        Ok(names
            .iter()
            .rev()
            .filter_map(|name| {
                let (_, _, taken) = backups::parse_name(name, Kind::Workbook)?;
                let path = dir.join(name);
                let loads = loads(&path);
                Some(Backup {
                    path,
                    taken_at: taken.with_timezone(&Local).fixed_offset(),
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
        let sealed = self.seal(key, plain)?;
        write_atomic(&self.path_of(key), &sealed)?;
        // Put back by this store: not a change made elsewhere.
        if self.locks.contains_key(key) {
            self.known.insert(key.clone(), fingerprint(&sealed));
        }
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

fn loads(path: &Path) -> bool {
    // An encrypted backup cannot be checked without its key; it was
    // written from a workbook that loaded.
    fs::read(path)
        .is_ok_and(|bytes| super::is_sealed(&bytes) || parse_workbook(&bytes, path).is_ok())
}

/// The key of a workbook file: a visible `*.json` file in the data dir.
/// Temp files of atomic writes start with `.`; lock and damaged files have
/// other extensions; `backups/` is a directory.
/// What is left of a workbook whose file is gone or is not a regular file
/// (a folder, a pipe, a dangling link) while its journal or its backups
/// are still here: listed as unreadable, with how to get it back, instead
/// of the workbook silently vanishing from every list.
impl JsonStore {
    fn orphans(&self, listed: &[Listing]) -> Result<Vec<Listing>, StoreError> {
        let mut keys = std::collections::BTreeSet::new();
        let entries = fs::read_dir(&self.dir).map_err(io_error("list", &self.dir))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some(key) = name.strip_suffix(&format!(".{JOURNAL_SUFFIX}")) {
                keys.insert(key.to_string());
            } else if let Some(key) = name.strip_suffix(".json")
                && !key.starts_with('.')
                && !entry.path().is_file()
            {
                keys.insert(key.to_string());
            }
        }
        if let Ok(entries) = fs::read_dir(self.dir.join("backups")) {
            for entry in entries.flatten() {
                if entry.path().is_dir() {
                    keys.insert(entry.file_name().to_string_lossy().to_string());
                }
            }
        }
        Ok(keys
            .into_iter()
            .map(WorkbookKey)
            .filter(|key| !listed.iter().any(|l| l.key == *key))
            .filter(|key| !self.path_of(key).is_file())
            .map(|key| {
                let path = self.path_of(&key);
                let message = format!(
                    "the workbook file {} is missing or is not a regular file, but its journal or backups are still here. Nothing was changed. `trustwork restore --workbook {key} --list` shows the backups to put back.",
                    path.display()
                );
                Listing {
                    key,
                    status: ListingStatus::Unreadable { message },
                }
            })
            .collect())
    }
}

fn workbook_key(path: &Path) -> Option<WorkbookKey> {
    let stem = path.file_stem()?.to_str()?;
    let is_json = path.extension().is_some_and(|e| e == "json");
    (is_json && !stem.starts_with('.') && path.is_file()).then(|| WorkbookKey(stem.to_string()))
}
