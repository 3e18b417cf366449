//! The JSON store's side of encryption at rest: which workbooks are
//! encrypted (they have a key file), unlocking them with a passphrase once
//! per process, sealing and opening their files, and turning encryption on
//! or off for a workbook with all its files (workbook, journal, backups,
//! damaged copies). Nothing is ever written in plain text for an encrypted
//! workbook: sealing happens before every write.

use std::fs;
use std::rc::Rc;

use age::secrecy::SecretString;

use super::super::backups::Kind;
use super::super::crypto::Cipher;
use super::super::files::{io_error, write_atomic};
use super::super::migrate::to_json;
use super::super::{StoreError, WorkbookKey, is_sealed, journal_file};
use super::JsonStore;

/// Where a passphrase comes from when an encrypted workbook is first read:
/// given the workbook's key, it asks (a prompt without echo, a file), or
/// says there is none.
#[derive(Default)]
pub struct PassphraseSource(Option<Box<Ask>>);

/// Given a workbook's key, its passphrase, or none.
type Ask = dyn Fn(&str) -> Option<SecretString>;

impl std::fmt::Debug for PassphraseSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "PassphraseSource(set)"
        } else {
            "PassphraseSource(none)"
        })
    }
}

impl PassphraseSource {
    pub fn new(ask: impl Fn(&str) -> Option<SecretString> + 'static) -> Self {
        Self(Some(Box::new(ask)))
    }

    /// The one the program set for every store it makes (see
    /// [`set_default_passphrase_source`]); none in tests and libraries.
    pub fn default_for_process() -> Self {
        match DEFAULT.get() {
            Some(ask) => Self::new(*ask),
            None => Self::default(),
        }
    }
}

static DEFAULT: std::sync::OnceLock<fn(&str) -> Option<SecretString>> = std::sync::OnceLock::new();

/// Makes every store of this process ask for passphrases with `ask` (the
/// program sets this once; a library user never needs to).
pub fn set_default_passphrase_source(ask: fn(&str) -> Option<SecretString>) {
    let _ = DEFAULT.set(ask);
}

impl JsonStore {
    /// Where the key file of workbook `key` is.
    pub fn key_path_of(&self, key: &WorkbookKey) -> std::path::PathBuf {
        self.dir.join(format!("{key}.key.age"))
    }

    pub fn is_encrypted(&self, key: &WorkbookKey) -> bool {
        self.key_path_of(key).exists()
    }

    pub fn is_unlocked(&self, key: &WorkbookKey) -> bool {
        self.ciphers.borrow().contains_key(key)
    }

    /// How passphrases are asked for from now on (none: reading a locked
    /// workbook fails with [`StoreError::NeedsPassphrase`]).
    pub fn set_passphrase_source(&mut self, source: PassphraseSource) {
        self.passphrase = source;
    }

    /// Unlocks an encrypted workbook with `passphrase` for this process.
    pub fn unlock(&self, key: &WorkbookKey, passphrase: &SecretString) -> Result<(), StoreError> {
        let path = self.key_path_of(key);
        let key_file = fs::read(&path).map_err(io_error("read", &path))?;
        let cipher = Cipher::unlock(&key_file, passphrase)?;
        self.ciphers
            .borrow_mut()
            .insert(key.clone(), Rc::new(cipher));
        Ok(())
    }

    /// The keys of `key` if it is encrypted, asking for the passphrase the
    /// first time; `None` for a workbook in plain JSON.
    pub(super) fn cipher(&self, key: &WorkbookKey) -> Result<Option<Rc<Cipher>>, StoreError> {
        if let Some(cipher) = self.ciphers.borrow().get(key) {
            return Ok(Some(Rc::clone(cipher)));
        }
        if !self.is_encrypted(key) {
            return Ok(None);
        }
        let Some(ask) = &self.passphrase.0 else {
            return Err(StoreError::NeedsPassphrase(key.0.clone()));
        };
        let passphrase = ask(&key.0).ok_or_else(|| StoreError::NeedsPassphrase(key.0.clone()))?;
        self.unlock(key, &passphrase)?;
        Ok(self.ciphers.borrow().get(key).cloned())
    }

    /// Bytes as they go to disk for `key`: sealed when it is encrypted.
    pub(super) fn seal(&self, key: &WorkbookKey, plain: Vec<u8>) -> Result<Vec<u8>, StoreError> {
        match self.cipher(key)? {
            Some(cipher) => cipher.encrypt(&plain),
            None => Ok(plain),
        }
    }

    /// Bytes as read from disk for `key`, opened when sealed.
    pub(super) fn unseal(&self, key: &WorkbookKey, bytes: Vec<u8>) -> Result<Vec<u8>, StoreError> {
        if !is_sealed(&bytes) {
            return Ok(bytes);
        }
        match self.cipher(key)? {
            Some(cipher) => cipher.decrypt(&bytes),
            None => Err(StoreError::NeedsPassphrase(key.0.clone())),
        }
    }

    /// Encrypts workbook `key` with a new passphrase: a key file, then the
    /// workbook, its journal and its backups, each replaced atomically. A
    /// crash half way leaves a mix that still reads (plain and sealed files
    /// are told apart by their first bytes).
    pub fn encrypt_workbook(
        &mut self,
        key: &WorkbookKey,
        passphrase: &SecretString,
    ) -> Result<(), StoreError> {
        if self.is_encrypted(key) {
            return Err(StoreError::AlreadyEncrypted(key.0.clone()));
        }
        let _lock = self.take_lock(key)?;
        // Held to the end: a `journal add` beside it waits, and then seals
        // its line (see `journal_for_appending`), rather than writing a
        // line this rewrite would drop.
        let _journal_lock = self.take_journal_lock(key)?;
        let workbook = to_json(&self.load(key)?)?;
        let journal = journal_file::read(&self.journal_path_of(key), None)?.journal;
        let journal_backups = self.opened_journal_backups(key)?;
        let (cipher, key_file) = Cipher::create(passphrase)?;
        write_atomic(&self.key_path_of(key), &key_file)?;
        self.ciphers
            .borrow_mut()
            .insert(key.clone(), Rc::new(cipher));
        self.reseal_files(key, &workbook, &journal)?;
        let cipher = self.cipher(key)?;
        for (path, journal) in journal_backups {
            journal_file::rewrite(&path, &journal, cipher.as_deref())?;
        }
        Ok(())
    }

    /// Turns encryption off: everything is written in plain JSON again and
    /// the key file goes last.
    pub fn decrypt_workbook(
        &mut self,
        key: &WorkbookKey,
        passphrase: &SecretString,
    ) -> Result<(), StoreError> {
        if !self.is_encrypted(key) {
            return Err(StoreError::NotEncrypted(key.0.clone()));
        }
        let _lock = self.take_lock(key)?;
        // Held to the end, as in `encrypt_workbook`.
        let _journal_lock = self.take_journal_lock(key)?;
        self.unlock(key, passphrase)?;
        let workbook = to_json(&self.load(key)?)?;
        let cipher = self.cipher(key)?;
        let journal = journal_file::read(&self.journal_path_of(key), cipher.as_deref())?.journal;
        // Reading the old files needs the key; writing them plain does not.
        let backups = self.opened_backups(key)?;
        let damaged = self.opened_damaged(key)?;
        let journal_backups = self.opened_journal_backups(key)?;
        self.ciphers.borrow_mut().remove(key);
        write_atomic(&self.path_of(key), &workbook)?;
        journal_file::rewrite(&self.journal_path_of(key), &journal, None)?;
        for (path, plain) in backups.into_iter().chain(damaged) {
            write_atomic(&path, &plain)?;
        }
        for (path, journal) in journal_backups {
            journal_file::rewrite(&path, &journal, None)?;
        }
        let key_path = self.key_path_of(key);
        fs::remove_file(&key_path).map_err(io_error("remove", &key_path))
    }

    /// Writes the workbook, journal, backups and damaged copies of `key`
    /// sealed with its (new) key.
    pub(super) fn reseal_files(
        &self,
        key: &WorkbookKey,
        workbook: &[u8],
        journal: &crate::domain::Journal,
    ) -> Result<(), StoreError> {
        write_atomic(&self.path_of(key), &self.seal(key, workbook.to_vec())?)?;
        let cipher = self.cipher(key)?;
        let journal_path = self.journal_path_of(key);
        journal_file::rewrite(&journal_path, journal, cipher.as_deref())?;
        // The index of the plain journal holds its headlines and tags in
        // plain text: a sealed journal has none.
        let index = super::super::journal_index::path_of(&journal_path);
        super::super::journal_index::remove(&journal_path).map_err(io_error("remove", &index))?;
        for (path, plain) in self
            .opened_backups(key)?
            .into_iter()
            .chain(self.opened_damaged(key)?)
        {
            write_atomic(&path, &self.seal(key, plain)?)?;
        }
        Ok(())
    }

    /// Every backup of `key` with its bytes opened.
    fn opened_backups(
        &self,
        key: &WorkbookKey,
    ) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>, StoreError> {
        let dir = self.backup_dir_of(key);
        let mut out = Vec::new();
        for name in self.backup_names(key)? {
            let path = dir.join(name);
            let bytes = fs::read(&path).map_err(io_error("read", &path))?;
            out.push((path, self.unseal(key, bytes)?));
        }
        Ok(out)
    }

    /// Every copy of `key`'s journal, read with the key it is unlocked
    /// with (none while it is still plain). Its lines are sealed one by
    /// one like the journal's, so each is written back line by line.
    pub(super) fn opened_journal_backups(
        &self,
        key: &WorkbookKey,
    ) -> Result<Vec<(std::path::PathBuf, crate::domain::Journal)>, StoreError> {
        let shelf = self.shelf(key);
        let cipher = self.ciphers.borrow().get(key).cloned();
        let mut out = Vec::new();
        for name in shelf.names(Kind::Journal)? {
            let path = shelf.dir().join(name);
            let journal = journal_file::read(&path, cipher.as_deref())?.journal;
            out.push((path, journal));
        }
        Ok(out)
    }

    /// The `.damaged-` copies kept beside `key`'s files, opened. Journal
    /// copies are whole files, sealed as one.
    fn opened_damaged(
        &self,
        key: &WorkbookKey,
    ) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>, StoreError> {
        let prefix = format!("{key}.");
        let mut out = Vec::new();
        let entries = fs::read_dir(&self.dir).map_err(io_error("list", &self.dir))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let damaged = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.contains(".damaged-"));
            if damaged {
                let bytes = fs::read(&path).map_err(io_error("read", &path))?;
                out.push((path, self.unseal(key, bytes)?));
            }
        }
        Ok(out)
    }
}
