//! Finding, and finishing, what an encryption left in plain text. Turning
//! encryption on writes the key file first, then seals each file in turn:
//! a crash, a kill or a full disk half way leaves some files in plain
//! text. They are found here (for `doctor`, and for `encrypt` run again),
//! and [`JsonStore::finish_encryption`] seals them.

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::super::backups::Kind;
use super::super::crypto::LINE_PREFIX;
use super::super::migrate::to_json;
use super::super::{StoreError, WorkbookKey, is_sealed, journal_file};
use super::JsonStore;

/// A whole file in plain text (not an age file), if it has any bytes.
fn plain_file(path: &Path) -> bool {
    // Not a pipe or a device: reading one could block for ever.
    journal_file::is_regular_or_missing(path)
        && fs::read(path).is_ok_and(|bytes| !bytes.is_empty() && !is_sealed(&bytes))
}

/// A journal file with any line in plain text.
fn plain_lines(path: &Path) -> bool {
    journal_file::is_regular_or_missing(path)
        && fs::read(path).is_ok_and(|bytes| {
            bytes.split(|b| *b == b'\n').any(|line| {
                !line.trim_ascii().is_empty() && !line.starts_with(LINE_PREFIX.as_bytes())
            })
        })
}

/// Files in `dir` whose names start with `prefix`.
fn starting_with(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

impl JsonStore {
    /// Every file of an encrypted workbook still in plain text: the
    /// workbook, its journal, backups, damaged copies, temp files of a
    /// write that never finished, and text kept after a crash. Empty for a
    /// workbook that is not encrypted.
    pub fn plaintext_files(&self, key: &WorkbookKey) -> Vec<PathBuf> {
        if !self.is_encrypted(key) {
            return Vec::new();
        }
        let mut found = Vec::new();
        let workbook = self.path_of(key);
        if plain_file(&workbook) {
            found.push(workbook);
        }
        let journal = self.journal_path_of(key);
        if plain_lines(&journal) {
            found.push(journal);
        }
        // An index is only ever written for a plain journal: one beside an
        // encrypted journal is left from before, and holds its headlines.
        let index = super::super::journal_index::path_of(&self.journal_path_of(key));
        if index.exists() {
            found.push(index);
        }
        let shelf = self.shelf(key);
        for name in shelf.names(Kind::Workbook).unwrap_or_default() {
            let path = shelf.dir().join(name);
            if plain_file(&path) {
                found.push(path);
            }
        }
        for name in shelf.names(Kind::Journal).unwrap_or_default() {
            let path = shelf.dir().join(name);
            if plain_lines(&path) {
                found.push(path);
            }
        }
        for path in starting_with(&self.dir, &format!("{key}.")) {
            let damaged = path.to_string_lossy().contains(".damaged-");
            if damaged && plain_file(&path) {
                found.push(path);
            }
        }
        // A temp file of a write that never finished holds what was being
        // written, in whichever form.
        found.extend(starting_with(&self.dir, &format!(".{key}.")));
        found.extend(starting_with(shelf.dir(), "."));
        for recovered in super::super::recovery_file::list(&self.dir).unwrap_or_default() {
            if recovered.workbook.as_ref() == Some(key) {
                found.push(recovered.path);
            }
        }
        found
    }

    /// Seals what an interrupted `encrypt` left in plain text (see
    /// [`Self::plaintext_files`]) with the workbook's key, and removes
    /// temp files of writes that never finished. Text kept after a crash
    /// is put into the journal, sealed. Returns how many files were in
    /// plain text.
    pub fn finish_encryption(
        &mut self,
        key: &WorkbookKey,
        passphrase: &SecretString,
    ) -> Result<usize, StoreError> {
        let _lock = self.take_lock(key)?;
        self.unlock(key, passphrase)?;
        self.reseal_leftovers(key)
    }

    /// [`Self::finish_encryption`] with the lock held and the key unlocked
    /// (opening a workbook does it too, so the next start after a crash
    /// leaves nothing in plain text).
    pub(super) fn reseal_leftovers(&self, key: &WorkbookKey) -> Result<usize, StoreError> {
        // Nobody appends to the journal while it is read and written anew.
        let _journal_lock = self.take_journal_lock(key)?;
        let before = self.plaintext_files(key).len();
        let loaded = self.load(key)?;
        let author = loaded.default_author();
        let workbook = to_json(&loaded)?;
        let cipher = self.cipher(key)?;
        let mut journal =
            journal_file::read(&self.journal_path_of(key), cipher.as_deref())?.journal;
        let journal_backups = self.opened_journal_backups(key)?;
        let recovered: Vec<_> = super::super::recovery_file::list(&self.dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.workbook.as_ref() == Some(key))
            .collect();
        for kept in &recovered {
            let mut entry = crate::domain::JournalEntry::new(
                author,
                crate::domain::NewEntry {
                    title: "Kept after a crash".into(),
                    body: kept.text.clone(),
                    ..Default::default()
                },
                kept.at,
            );
            entry.private = true;
            journal.upsert(entry);
        }
        self.reseal_files(key, &workbook, &journal)?;
        for (path, journal) in journal_backups {
            journal_file::rewrite(&path, &journal, cipher.as_deref())?;
        }
        for kept in &recovered {
            super::super::recovery_file::forget(kept)?;
        }
        let shelf = self.shelf(key);
        let leftovers = starting_with(&self.dir, &format!(".{key}."))
            .into_iter()
            .chain(starting_with(shelf.dir(), "."));
        for temp in leftovers {
            let _ = fs::remove_file(temp);
        }
        Ok(before)
    }
}
