//! The journal file: JSON Lines, one entry per line, beside the workbook.
//!
//! Saving appends the changed entries (one `write` and one `fsync`), so a
//! save costs the same with ten entries or a hundred thousand. A later line
//! with the same id replaces an earlier one; a `{"purged": ID}` line removes
//! an entry for good. The file is rewritten whole (atomically) only to drop
//! entries from the trash for good, or when old versions pile up.
//!
//! A last line without its newline is a save that was cut off before it was
//! acknowledged (power loss, a kill): it is ignored when reading and moved
//! aside before the next write. Any other line that does not read makes the
//! whole file off limits for writing, so nothing is lost by accident.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Cipher, StoreError, journal_index};
use crate::domain::{Journal, JournalEntry};

/// One line of the file.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Record {
    Purged { purged: Uuid },
    Entry(Box<JournalEntry>),
}

/// What was read, and what the reading noticed.
pub struct Loaded {
    pub journal: Journal,
    /// Bytes of the file up to the end of the last complete line, when a
    /// cut-off line follows it.
    pub torn_at: Option<u64>,
}

/// Reads a journal file; a missing file is an empty journal. Lines sealed
/// with `cipher` (an encrypted workbook) are opened first. The file is read
/// line by line, so a long journal is never in memory twice.
pub fn read(path: &Path, cipher: Option<&Cipher>) -> Result<Loaded, StoreError> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Ok(Loaded {
                journal: Journal::default(),
                torn_at: None,
            });
        }
        Err(err) => return Err(super::files::io_error("read", path)(err)),
    };
    parse_from(
        io::BufReader::with_capacity(1 << 20, file),
        path,
        cipher,
        None,
    )
}

/// What was read, with where each entry's latest line is (byte offset and
/// length without the newline), for the index.
pub struct WithLines {
    pub loaded: Loaded,
    pub lines: HashMap<Uuid, (u64, u32)>,
}

/// [`read`], noting where each entry's latest line is.
pub fn read_with_lines(path: &Path, cipher: Option<&Cipher>) -> Result<WithLines, StoreError> {
    let mut lines = HashMap::new();
    let loaded = match fs::File::open(path) {
        Ok(file) => parse_from(
            io::BufReader::with_capacity(1 << 20, file),
            path,
            cipher,
            Some(&mut lines),
        )?,
        Err(err) if err.kind() == io::ErrorKind::NotFound => Loaded {
            journal: Journal::default(),
            torn_at: None,
        },
        Err(err) => return Err(super::files::io_error("read", path)(err)),
    };
    Ok(WithLines { loaded, lines })
}

#[cfg(test)]
fn parse(bytes: &[u8], path: &Path, cipher: Option<&Cipher>) -> Result<Loaded, StoreError> {
    parse_from(bytes, path, cipher, None)
}

/// A `{"purged": ID}` line.
#[derive(Deserialize)]
struct Purged {
    purged: Uuid,
}

/// One line's record. Entries are parsed straight into their type; a line
/// that is not an entry may be a purge (how this build writes them starts
/// with `{"purged"`, so those are tried first).
fn record(line: &[u8]) -> Result<Record, serde_json::Error> {
    // A byte-order mark (an editor's, at the start of the file) is not
    // part of the line.
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    if line.starts_with(br#"{"purged""#)
        && let Ok(p) = serde_json::from_slice::<Purged>(line)
    {
        return Ok(Record::Purged { purged: p.purged });
    }
    match serde_json::from_slice::<JournalEntry>(line) {
        Ok(entry) => Ok(Record::Entry(Box::new(entry))),
        Err(err) => serde_json::from_slice::<Purged>(line)
            .map(|p| Record::Purged { purged: p.purged })
            .map_err(|_| err),
    }
}

fn parse_from(
    mut reader: impl io::BufRead,
    path: &Path,
    cipher: Option<&Cipher>,
    mut lines: Option<&mut HashMap<Uuid, (u64, u32)>>,
) -> Result<Loaded, StoreError> {
    let mut entries: Vec<JournalEntry> = Vec::new();
    let mut index = HashMap::new();
    let mut records = 0;
    let mut torn_at = None;
    let mut offset: u64 = 0;
    let mut buffer = Vec::with_capacity(4096);
    for n in 0.. {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(super::files::io_error("read", path))?;
        if read == 0 {
            break;
        }
        let start = offset;
        offset += read as u64;
        // A last line without its newline is either a save cut off before
        // it was acknowledged (it does not parse: torn) or a whole entry an
        // editor saved without the final newline (it parses: kept).
        let (line, complete) = match buffer.strip_suffix(b"\n") {
            Some(line) => (line, true),
            None => (&buffer[..], false),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !complete && !whole_record(line, cipher) {
            torn_at = Some(start);
            break;
        }
        records += 1;
        // The line as it is in the file (sealed or not), for the index.
        let length = line.len();
        let damaged = |message: String| StoreError::DamagedJournal {
            path: path.to_path_buf(),
            line: n + 1,
            message,
        };
        let opened;
        let line = match (
            cipher,
            line.starts_with(super::crypto::LINE_PREFIX.as_bytes()),
        ) {
            (Some(cipher), true) => {
                let text = std::str::from_utf8(line).map_err(|e| damaged(e.to_string()))?;
                opened = cipher.open_line(text)?;
                opened.as_bytes()
            }
            (None, true) => {
                return Err(StoreError::NeedsPassphrase(path.display().to_string()));
            }
            (_, false) => line,
        };
        match record(line).map_err(|err| damaged(err.to_string()))? {
            Record::Entry(entry) => {
                if let Some(lines) = lines.as_deref_mut() {
                    lines.insert(entry.id, (start, length as u32));
                }
                match index.get(&entry.id) {
                    Some(&i) => entries[i] = *entry,
                    None => {
                        index.insert(entry.id, entries.len());
                        entries.push(*entry);
                    }
                }
            }
            Record::Purged { purged } => {
                if let Some(i) = index.remove(&purged) {
                    entries.remove(i);
                    for slot in index.values_mut() {
                        if *slot > i {
                            *slot -= 1;
                        }
                    }
                }
            }
        }
    }
    let mut journal = Journal::from_entries(entries);
    journal.set_file_records(records);
    Ok(Loaded { journal, torn_at })
}

/// Whether old versions make up most of the file, so a rewrite pays off.
pub fn worth_compacting(journal: &Journal) -> bool {
    journal.file_records() > 2 * journal.len() + 64
}

/// One entry as a line of the file (sealed for an encrypted workbook),
/// with its newline.
fn write_line(
    buffer: &mut Vec<u8>,
    entry: &JournalEntry,
    cipher: Option<&Cipher>,
) -> Result<(), StoreError> {
    match cipher {
        Some(cipher) => {
            let line = serde_json::to_string(entry)?;
            buffer.extend_from_slice(cipher.seal_line(&line)?.as_bytes());
        }
        None => serde_json::to_writer(&mut *buffer, entry)?,
    }
    buffer.push(b'\n');
    Ok(())
}

/// Whether an unterminated last line is a whole record (it opens, when
/// sealed, and parses).
fn whole_record(line: &[u8], cipher: Option<&Cipher>) -> bool {
    let sealed = line.starts_with(super::crypto::LINE_PREFIX.as_bytes());
    match (cipher, sealed) {
        (Some(cipher), true) => std::str::from_utf8(line)
            .ok()
            .and_then(|text| cipher.open_line(text).ok())
            .is_some_and(|opened| record(opened.as_bytes()).is_ok()),
        (None, true) => false,
        (_, false) => record(line).is_ok(),
    }
}

/// Ends a file whose last line is whole but has no newline, so the next
/// append starts a line of its own.
pub fn end_last_line(path: &Path) -> Result<(), StoreError> {
    let error = super::files::io_error("save the journal", path);
    let mut file = OpenOptions::new().append(true).open(path).map_err(&error)?;
    file.write_all(b"\n").map_err(&error)?;
    file.sync_data().map_err(&error)
}

/// Appends the journal's pending changes and syncs them to disk. Returns
/// the index rows of the lines written, their offsets counted from where
/// the file ended (none for sealed lines: an encrypted journal has no
/// index).
pub fn append(
    path: &Path,
    journal: &Journal,
    cipher: Option<&Cipher>,
) -> Result<Vec<journal_index::Row>, StoreError> {
    let mut buffer = Vec::new();
    let mut rows = Vec::new();
    for entry in journal.pending() {
        let entry = journal.disk_form(entry).map_err(StoreError::Crypto)?;
        let start = buffer.len();
        write_line(&mut buffer, &entry, cipher)?;
        if cipher.is_none() {
            let len = (buffer.len() - start - 1) as u32;
            rows.push(journal_index::row_of(&entry, start as u64, len));
        }
    }
    if buffer.is_empty() {
        return Ok(rows);
    }
    let error = super::files::io_error("save the journal", path);
    let new = !path.exists();
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(&error)?;
    file.write_all(&buffer).map_err(&error)?;
    file.sync_data().map_err(&error)?;
    if new {
        sync_parent(path).map_err(&error)?;
    }
    Ok(rows)
}

/// Writes the whole journal anew, atomically: one line per entry.
/// Returns the index rows of the new file (none when sealed).
pub fn rewrite(
    path: &Path,
    journal: &Journal,
    cipher: Option<&Cipher>,
) -> Result<Vec<journal_index::Row>, StoreError> {
    let mut buffer = Vec::with_capacity(journal.len() * 1024);
    let mut rows = Vec::new();
    for entry in journal.entries() {
        let entry = journal.disk_form(entry).map_err(StoreError::Crypto)?;
        let start = buffer.len();
        write_line(&mut buffer, &entry, cipher)?;
        if cipher.is_none() {
            let len = (buffer.len() - start - 1) as u32;
            rows.push(journal_index::row_of(&entry, start as u64, len));
        }
    }
    super::files::write_atomic(path, &buffer)?;
    Ok(rows)
}

/// Makes a new file's name durable, not only its contents.
fn sync_parent(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Cuts a torn last line off the file, keeping a copy of the whole file
/// aside first (`aside`), so not even the fragment is lost.
pub fn cut_torn_tail(path: &Path, at: u64, aside: &Path) -> Result<(), StoreError> {
    let bytes = fs::read(path).map_err(super::files::io_error("read", path))?;
    if let Err(err) = super::files::write_new_private(aside, &bytes) {
        // A copy cut short (a full disk) is no copy: do not leave it about.
        if err.kind() != io::ErrorKind::AlreadyExists {
            let _ = fs::remove_file(aside);
        }
        return Err(super::files::io_error(
            "keep a copy of the journal at",
            aside,
        )(err));
    }
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(super::files::io_error("repair", path))?;
    file.set_len(at)
        .and_then(|()| file.sync_all())
        .map_err(super::files::io_error("repair", path))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::NewEntry;

    fn entry(body: &str) -> JournalEntry {
        JournalEntry::new(
            Uuid::now_v7(),
            NewEntry {
                body: body.into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        )
    }

    fn line(entry: &JournalEntry) -> String {
        format!("{}\n", serde_json::to_string(entry).unwrap())
    }

    #[test]
    fn later_lines_win_and_purged_entries_go() {
        let a = entry("first");
        let b = entry("second");
        let mut a2 = a.clone();
        a2.body = "first, edited".into();
        let text = format!(
            "{}{}{}{{\"purged\":\"{}\"}}\n",
            line(&a),
            line(&b),
            line(&a2),
            b.id
        );
        let loaded = parse(text.as_bytes(), Path::new("j"), None).unwrap();
        assert_eq!(loaded.journal.entries(), &[a2]);
        assert_eq!(loaded.journal.file_records(), 4);
        assert_eq!(loaded.torn_at, None);
    }

    #[test]
    fn a_cut_off_last_line_is_ignored_but_a_bad_middle_line_is_refused() {
        let a = entry("kept");
        let full = line(&a);
        let torn = format!("{full}{}", &line(&entry("cut"))[..20]);
        let loaded = parse(torn.as_bytes(), Path::new("j"), None).unwrap();
        assert_eq!(loaded.journal.len(), 1);
        assert_eq!(loaded.torn_at, Some(full.len() as u64));

        let bad = format!("{full}{{oops\n{full}");
        match parse(bad.as_bytes(), Path::new("j"), None) {
            Err(StoreError::DamagedJournal { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected a damaged journal, got {:?}", other.err()),
        }
    }
}
