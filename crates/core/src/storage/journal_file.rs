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

mod in_part;
pub use in_part::rewrite_in_part;

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

/// Opens the journal at `path` for reading; `None` when there is none.
/// Anything but a regular file is refused before it is opened: a pipe
/// would block every reader for ever, and a link may lead anywhere.
fn open_regular(path: &Path) -> Result<Option<fs::File>, StoreError> {
    if !is_regular_or_missing(path) {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    match fs::File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(super::files::io_error("read", path)(err)),
    }
}

/// Whether `path` is a regular file, or nothing at all (not followed
/// if it is a link).
pub fn is_regular_or_missing(path: &Path) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type().is_file(),
        Err(err) => err.kind() == io::ErrorKind::NotFound,
    }
}

/// Reads a journal file; a missing file is an empty journal. Lines sealed
/// with `cipher` (an encrypted workbook) are opened first. The file is read
/// line by line, so a long journal is never in memory twice.
pub fn read(path: &Path, cipher: Option<&Cipher>) -> Result<Loaded, StoreError> {
    let Some(file) = open_regular(path)? else {
        return Ok(Loaded {
            journal: Journal::default(),
            torn_at: None,
        });
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
    pub lines: HashMap<Uuid, LineAt>,
}

/// Where an entry's latest line is, for its index row.
#[derive(Debug, Clone, Copy)]
pub struct LineAt {
    pub offset: u64,
    /// Without the newline.
    pub len: u32,
    /// Where its title and body are (see [`journal_index::spans_in`]).
    pub spans: Option<journal_index::Spans>,
}

/// [`read`], noting where each entry's latest line is.
pub fn read_with_lines(path: &Path, cipher: Option<&Cipher>) -> Result<WithLines, StoreError> {
    let mut lines = HashMap::new();
    let loaded = match open_regular(path)? {
        Some(file) => parse_from(
            io::BufReader::with_capacity(1 << 20, file),
            path,
            cipher,
            Some(&mut lines),
        )?,
        None => Loaded {
            journal: Journal::default(),
            torn_at: None,
        },
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
    reader: impl io::BufRead,
    path: &Path,
    cipher: Option<&Cipher>,
    mut lines: Option<&mut HashMap<Uuid, LineAt>>,
) -> Result<Loaded, StoreError> {
    let mut entries: Vec<JournalEntry> = Vec::new();
    let mut index = HashMap::new();
    let scanned = scan(
        reader,
        path,
        cipher,
        0,
        Lines::LastMayBeOpen,
        |record, (offset, len), line| match record {
            Record::Entry(entry) => {
                if let Some(lines) = lines.as_deref_mut() {
                    let spans = journal_index::spans_in(line);
                    lines.insert(entry.id, LineAt { offset, len, spans });
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
        },
    )?;
    let mut journal = Journal::from_entries(entries);
    journal.set_file_records(scanned.records);
    journal.set_file_len(scanned.end);
    Ok(Loaded {
        journal,
        torn_at: scanned.torn_at,
    })
}

/// Which lines a scan takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// The last line may lack its newline, and is taken when it is whole
    /// (reading the file: an editor may have saved it so).
    LastMayBeOpen,
    /// Only lines with their newline (reading what another process is
    /// appending, which may be half written at this moment).
    Ended,
}

/// Where a scan stopped.
struct Scanned {
    /// Lines read that hold a record.
    records: usize,
    /// Where a torn last line starts (see [`Loaded::torn_at`]).
    torn_at: Option<u64>,
    /// The byte after the last line taken.
    end: u64,
}

/// Reads the records of the file from byte `from` on, in order, handing
/// each to `each` with where its line is (offset and length without the
/// newline). A line that does not read is an error, except a last line
/// cut off (see [`Lines`]).
fn scan(
    mut reader: impl io::BufRead,
    path: &Path,
    cipher: Option<&Cipher>,
    from: u64,
    take: Lines,
    mut each: impl FnMut(Record, (u64, u32), &[u8]),
) -> Result<Scanned, StoreError> {
    let mut scanned = Scanned {
        records: 0,
        torn_at: None,
        end: from,
    };
    let mut offset = from;
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
        if !complete && take == Lines::Ended {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            scanned.end = offset;
            continue;
        }
        if !complete && !whole_record(line, cipher) {
            scanned.torn_at = Some(start);
            break;
        }
        scanned.records += 1;
        // The line as it is in the file (sealed or not), for the index.
        let length = line.len();
        let damaged = |message: String| StoreError::DamagedJournal {
            path: path.to_path_buf(),
            line: n + 1,
            message,
        };
        let raw = line;
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
        let record = record(line).map_err(|err| damaged(err.to_string()))?;
        each(record, (start, length as u32), raw);
        scanned.end = offset;
    }
    Ok(scanned)
}

/// What another process appended to the journal since byte `since`.
pub enum Appended {
    /// Nothing new.
    Nothing,
    /// Whole lines, and where they end.
    Lines {
        lines: Vec<crate::domain::Appended>,
        end: u64,
    },
    /// The file is shorter than `since`: it was replaced (a backup put
    /// back), not appended to.
    Replaced,
}

/// How many lines the file at `path` has in its first `bytes` bytes.
fn lines_before(path: &Path, bytes: u64) -> usize {
    use io::Read;
    let mut counted = 0;
    if let Ok(file) = fs::File::open(path) {
        let mut buffer = Vec::new();
        if file.take(bytes).read_to_end(&mut buffer).is_ok() {
            counted = buffer.iter().filter(|b| **b == b'\n').count();
        }
    }
    counted
}

/// Reads the whole lines appended after byte `since` (see [`Appended`]).
/// A line still being written is left for the next look.
pub fn read_appended(
    path: &Path,
    since: u64,
    cipher: Option<&Cipher>,
) -> Result<Appended, StoreError> {
    use io::Seek;
    let Some(mut file) = open_regular(path)? else {
        return Ok(if since == 0 {
            Appended::Nothing
        } else {
            Appended::Replaced
        });
    };
    let len = file
        .metadata()
        .map_err(super::files::io_error("read", path))?
        .len();
    if len < since {
        return Ok(Appended::Replaced);
    }
    if len == since {
        return Ok(Appended::Nothing);
    }
    file.seek(io::SeekFrom::Start(since))
        .map_err(super::files::io_error("read", path))?;
    let mut lines = Vec::new();
    let scanned = scan(
        io::BufReader::new(file),
        path,
        cipher,
        since,
        Lines::Ended,
        |record, _, _| {
            lines.push(match record {
                Record::Entry(entry) => crate::domain::Appended::Entry(entry),
                Record::Purged { purged } => crate::domain::Appended::Purged(purged),
            })
        },
    )
    .map_err(|err| match err {
        // Counted from `since`: the line's number in the whole file is
        // what a person looking at it needs.
        StoreError::DamagedJournal {
            path,
            line,
            message,
        } => StoreError::DamagedJournal {
            line: line + lines_before(&path, since),
            path,
            message,
        },
        other => other,
    })?;
    if scanned.end == since {
        return Ok(Appended::Nothing);
    }
    Ok(Appended::Lines {
        lines,
        end: scanned.end,
    })
}

/// The index rows of the whole lines appended to the plain journal at
/// `path` after byte `since` (offsets counted from `since`), and the byte
/// after the last of them: for an index that covers the file's start to
/// take them in (see `journal_index::read_caught_up`). `None` when one
/// is damaged, sealed, still being written, or purges an entry (the index
/// would have to drop a row): then the journal is read whole.
pub fn rows_appended(path: &Path, since: u64) -> Option<(Vec<super::journal_index::Row>, u64)> {
    use io::Seek;
    let mut file = open_regular(path).ok()??;
    file.seek(io::SeekFrom::Start(since)).ok()?;
    let mut rows = Vec::new();
    let mut purges = false;
    let scanned = scan(
        io::BufReader::with_capacity(1 << 20, file),
        path,
        None,
        since,
        Lines::Ended,
        |record, (offset, _), line| match record {
            Record::Entry(entry) => {
                rows.push(super::journal_index::row_of(&entry, offset - since, line));
            }
            Record::Purged { .. } => purges = true,
        },
    )
    .ok()?;
    (!purges && scanned.torn_at.is_none()).then_some((rows, scanned.end))
}

/// Whether old versions make up most of the file, so a rewrite pays off.
pub fn worth_compacting(journal: &Journal) -> bool {
    journal.may_rewrite() && journal.file_records() > 2 * journal.len() + 64
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

/// What a write left: the file's length after it (the caller holds the
/// journal's lock, so nobody else writes in between), and the index rows
/// of the lines written, their offsets counted from where the write began
/// (none for sealed lines: an encrypted journal has no index).
pub struct Written {
    pub len: u64,
    pub rows: Vec<journal_index::Row>,
    /// Set when the index was written already (from the old one, see
    /// `rewrite_in_part`): `rows` is then empty.
    pub index_written: bool,
}

/// Appends the journal's pending changes and syncs them to disk.
pub fn append(
    path: &Path,
    journal: &Journal,
    cipher: Option<&Cipher>,
) -> Result<Written, StoreError> {
    let mut buffer = Vec::new();
    let mut rows = Vec::new();
    for entry in journal.pending() {
        let entry = journal.disk_form(entry).map_err(StoreError::Crypto)?;
        let start = buffer.len();
        write_line(&mut buffer, &entry, cipher)?;
        if cipher.is_none() {
            let line = &buffer[start..buffer.len() - 1];
            rows.push(journal_index::row_of(&entry, start as u64, line));
        }
    }
    let error = super::files::io_error("save the journal", path);
    if buffer.is_empty() {
        let len = match fs::metadata(path) {
            Ok(meta) => meta.len(),
            Err(err) if err.kind() == io::ErrorKind::NotFound => 0,
            Err(err) => return Err(error(err)),
        };
        return Ok(Written {
            len,
            rows,
            index_written: false,
        });
    }
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
    let len = file.metadata().map_err(&error)?.len();
    Ok(Written {
        len,
        rows,
        index_written: false,
    })
}

/// Writes the whole journal anew, atomically: one line per entry.
pub fn rewrite(
    path: &Path,
    journal: &Journal,
    cipher: Option<&Cipher>,
) -> Result<Written, StoreError> {
    // A journal held only in part would write the file without the
    // entries it does not hold.
    if !journal.may_rewrite() {
        return Err(StoreError::Io {
            action: "rewrite",
            path: path.to_path_buf(),
            source: std::io::Error::other("only part of the journal is in memory"),
        });
    }
    let mut buffer = Vec::with_capacity(journal.len() * 1024);
    let mut rows = Vec::new();
    for entry in journal.entries() {
        let entry = journal.disk_form(entry).map_err(StoreError::Crypto)?;
        let start = buffer.len();
        write_line(&mut buffer, &entry, cipher)?;
        if cipher.is_none() {
            let line = &buffer[start..buffer.len() - 1];
            rows.push(journal_index::row_of(&entry, start as u64, line));
        }
    }
    super::files::write_atomic(path, &buffer)?;
    Ok(Written {
        len: buffer.len() as u64,
        rows,
        index_written: false,
    })
}

/// The journal file held locked for the moments it is written: by the
/// process that has the workbook open, and by a `journal add` from the
/// shell beside it, so that lines never interleave and a line half
/// written by one is never taken for a torn one by the other. The lock is
/// the file's own (no lock file to leave behind), dropped with the file
/// or the process.
pub struct Lock {
    _file: fs::File,
}

/// Tries once to lock the journal at `path`, making an empty one if there
/// is none. `None`: someone else holds it.
pub fn lock(path: &Path) -> Result<Option<Lock>, StoreError> {
    let error = super::files::io_error("lock", path);
    // A rewrite renames a new file over the one locked: whoever was
    // waiting then holds a file that is no longer the journal, and
    // tries again on the new one.
    for _ in 0..5 {
        if !is_regular_or_missing(path) {
            return Err(StoreError::NotAFile(path.to_path_buf()));
        }
        let new = !path.exists();
        let mut options = OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path).map_err(&error)?;
        if new {
            sync_parent(path).map_err(&error)?;
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(err)) => return Err(error(err)),
        }
        if super::lock::still_at(&file, path).map_err(&error)? {
            return Ok(Some(Lock { _file: file }));
        }
    }
    Ok(None)
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

/// Cuts a torn last line off the file, keeping the fragment aside first
/// (`aside`), so not even that is lost. Only the fragment: the rest stays
/// in the journal, and a copy of it would keep words that emptying the
/// trash later removes.
pub fn cut_torn_tail(path: &Path, at: u64, aside: &Path) -> Result<(), StoreError> {
    let bytes = fs::read(path).map_err(super::files::io_error("read", path))?;
    let fragment = bytes.get(at as usize..).unwrap_or_default();
    if let Err(err) = super::files::write_new_private(aside, fragment) {
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

    fn entry(body: &str) -> JournalEntry {
        crate::domain::entry_saying(body)
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
