//! The journal index: `<key>.journal.idx` beside the journal, so the app's
//! journal list is on screen before a journal of years is parsed.
//!
//! It holds, per live or trashed entry, what the list shows (id, dates,
//! author, private, stage, mood, tags, headline) and where the entry's
//! latest line is in the journal (byte offset and length). It is derived
//! data and never trusted over the journal: its first line records the
//! journal's length, modification time and a hash of its last bytes, and an
//! index that does not match them, does not read, or is of another version
//! is ignored and written anew from the journal. It is written atomically
//! (temp file, fsync, rename), so a kill leaves the old index or the new.
//! An append to the journal changes its length, which marks the index
//! stale; the next full read of the journal rewrites it.
//!
//! Only what a plain journal line holds in plain text goes in: an encrypted
//! workbook's journal lines are sealed, and no index is written for it.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{Journal, JournalEntry, Mood};

/// Bumped whenever a row's meaning changes: an index of another version is
/// rebuilt, not read.
pub const VERSION: u32 = 1;

/// How many bytes at the end of the journal the header's hash covers: an
/// edit of the last lines that keeps the length is still noticed.
const TAIL: u64 = 4096;

/// The longest headline kept: a list row is one line.
const HEADLINE_CHARS: usize = 160;

/// The index file of the journal at `journal`.
pub fn path_of(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".idx");
    // "<key>.journal.jsonl.idx" reads badly; "<key>.journal.idx" is nicer.
    let name = PathBuf::from(name);
    match name.to_str().and_then(|s| s.strip_suffix(".jsonl.idx")) {
        Some(stem) => PathBuf::from(format!("{stem}.idx")),
        None => name,
    }
}

/// What the index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    trustwork_journal_index: u32,
    journal_len: u64,
    journal_mtime_ns: u128,
    tail_hash: u64,
    rows: usize,
}

/// One entry as the list needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: Uuid,
    pub created_at: DateTime<FixedOffset>,
    pub edited_at: DateTime<FixedOffset>,
    pub author: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
    /// The title, else the first line of the body, cut to one list row.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headline: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// Where the entry's latest line starts in the journal, and its length
    /// without the newline.
    pub offset: u64,
    pub len: u32,
}

impl Row {
    pub fn of(entry: &JournalEntry, offset: u64, len: u32) -> Self {
        let headline: String = entry.headline().chars().take(HEADLINE_CHARS).collect();
        let tags = crate::foreign::tags_in(&format!("{}\n{}", entry.title, entry.body));
        Self {
            id: entry.id,
            created_at: entry.created_at,
            edited_at: entry.edited_at,
            author: entry.author,
            stage: entry.stage.clone(),
            mood: entry.mood,
            headline,
            tags,
            private: entry.private,
            deleted: entry.is_deleted(),
            offset,
            len,
        }
    }

    /// The row as a stand-in entry for the list: its headline as the
    /// title, no body. Never saved (see [`Preview`]).
    fn stand_in(self) -> JournalEntry {
        JournalEntry {
            id: self.id,
            created_at: self.created_at,
            edited_at: self.edited_at,
            author: self.author,
            stage: self.stage,
            mood: self.mood,
            title: self.headline,
            body: String::new(),
            deleted_at: self.deleted.then_some(self.edited_at),
            reflection: None,
            private: self.private,
            source: None,
            sealed: None,
        }
    }
}

/// A journal made from the index alone: every entry with its headline as
/// its title and no body. For drawing the list while the journal itself is
/// read; nothing may be saved from it.
#[derive(Debug, Clone)]
pub struct Preview(pub Journal);

/// Where the journal stands on disk: what a fresh index must match.
fn fingerprint(journal: &Path) -> io::Result<(u64, u128, u64)> {
    let mut file = fs::File::open(journal)?;
    let meta = file.metadata()?;
    let len = meta.len();
    let mtime = meta
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let from = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(from))?;
    let mut tail = Vec::with_capacity(TAIL as usize);
    file.take(TAIL).read_to_end(&mut tail)?;
    Ok((len, mtime, fnv1a(&tail)))
}

/// FNV-1a: stable across builds (std's hasher is not promised to be).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The index's rows when it matches the journal as it is now; `None` when
/// it is missing, stale, damaged or of another version (then the journal
/// must be read, and [`write`] makes a new one).
pub fn read_fresh(journal: &Path) -> Option<Vec<Row>> {
    let bytes = fs::read(path_of(journal)).ok()?;
    let (len, mtime, tail_hash) = fingerprint(journal).ok()?;
    let mut lines = bytes.split(|&b| b == b'\n');
    let header: Header = serde_json::from_slice(lines.next()?).ok()?;
    let expected = Header {
        trustwork_journal_index: VERSION,
        journal_len: len,
        journal_mtime_ns: mtime,
        tail_hash,
        rows: header.rows,
    };
    if header != expected {
        return None;
    }
    let mut rows = Vec::with_capacity(header.rows);
    for line in lines.filter(|l| !l.is_empty()) {
        rows.push(serde_json::from_slice::<Row>(line).ok()?);
    }
    (rows.len() == header.rows).then_some(rows)
}

/// The index as a stand-in journal for the list, when it is fresh.
pub fn preview(journal: &Path) -> Option<Preview> {
    let rows = read_fresh(journal)?;
    Some(Preview(Journal::from_entries(
        rows.into_iter().map(Row::stand_in).collect(),
    )))
}

/// Writes the index for the journal file as it is now, from its rows
/// (`rows` must come from reading that file). Atomic. A journal that
/// changed since (another save) makes the index stale, never wrong: the
/// fingerprint is taken before the rows were read by the caller's read,
/// and checked again here.
pub fn write(
    journal: &Path,
    rows: &[Row],
    before: (u64, u128, u64),
) -> Result<(), super::StoreError> {
    let now = fingerprint(journal).map_err(super::files::io_error("read", journal))?;
    if now != before {
        return Ok(());
    }
    let header = Header {
        trustwork_journal_index: VERSION,
        journal_len: now.0,
        journal_mtime_ns: now.1,
        tail_hash: now.2,
        rows: rows.len(),
    };
    let mut buffer = Vec::with_capacity(64 + rows.len() * 200);
    serde_json::to_writer(&mut buffer, &header)?;
    buffer.push(b'\n');
    for row in rows {
        serde_json::to_writer(&mut buffer, row)?;
        buffer.push(b'\n');
    }
    super::files::write_atomic(&path_of(journal), &buffer)
}

/// The journal's fingerprint, for [`write`]: taken before reading it.
pub fn fingerprint_of(journal: &Path) -> Option<(u64, u128, u64)> {
    fingerprint(journal).ok()
}

/// Reads the plain journal at `journal` and brings its index up to date
/// when it is missing or stale. The index is a convenience: failing to
/// write it loses nothing, so that failure is ignored.
pub fn read_and_index(journal: &Path) -> Result<Journal, super::StoreError> {
    let before = fingerprint_of(journal);
    let fresh = read_fresh(journal).is_some();
    let loaded = super::journal_file::read_with_lines(journal, None)?;
    if let (false, Some(before), None) = (fresh, before, loaded.loaded.torn_at) {
        let rows: Vec<Row> = loaded
            .loaded
            .journal
            .newest_first()
            .filter_map(|entry| {
                let &(offset, len) = loaded.lines.get(&entry.id)?;
                Some(Row::of(entry, offset, len))
            })
            .collect();
        let _ = write(journal, &rows, before);
    }
    Ok(loaded.loaded.journal)
}

/// Reads one entry's latest line by its row, to show its body without
/// reading the journal. `None` when the line there is not that entry
/// (the journal changed): then read the journal.
pub fn read_entry(journal: &Path, row: &Row) -> Option<JournalEntry> {
    let mut file = fs::File::open(journal).ok()?;
    file.seek(SeekFrom::Start(row.offset)).ok()?;
    let mut line = vec![0; row.len as usize];
    file.read_exact(&mut line).ok()?;
    let entry: JournalEntry = serde_json::from_slice(&line).ok()?;
    (entry.id == row.id).then_some(entry)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::NewEntry;

    fn entry(title: &str, body: &str) -> JournalEntry {
        JournalEntry::new(
            Uuid::now_v7(),
            NewEntry {
                title: title.into(),
                body: body.into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        )
    }

    fn write_journal(path: &Path, entries: &[&JournalEntry]) {
        let text: String = entries
            .iter()
            .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
            .collect();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn the_index_is_named_beside_the_journal() {
        assert_eq!(
            path_of(Path::new("/d/bench.journal.jsonl")),
            PathBuf::from("/d/bench.journal.idx")
        );
    }

    #[test]
    fn a_read_writes_the_index_and_the_index_finds_each_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.journal.jsonl");
        let a = entry("", "first line of a\nmore @work");
        let b = entry("B's title", "body of b");
        let mut a2 = a.clone();
        a2.body = "a, edited\nsecond".into();
        write_journal(&path, &[&a, &b, &a2]);
        assert!(read_fresh(&path).is_none(), "no index yet");

        let journal = read_and_index(&path).unwrap();
        assert_eq!(journal.len(), 2);
        let rows = read_fresh(&path).expect("a fresh index");
        assert_eq!(rows.len(), 2);
        let row_a = rows.iter().find(|r| r.id == a.id).unwrap();
        assert_eq!(row_a.headline, "a, edited");
        assert_eq!(read_entry(&path, row_a).unwrap(), a2);
        let row_b = rows.iter().find(|r| r.id == b.id).unwrap();
        assert_eq!(row_b.headline, "B's title");
        assert_eq!(read_entry(&path, row_b).unwrap(), b);

        let preview = preview(&path).unwrap().0;
        assert_eq!(preview.get(b.id).unwrap().title, "B's title");
        assert!(preview.get(b.id).unwrap().body.is_empty());
    }

    #[test]
    fn an_append_makes_the_index_stale_and_a_damaged_one_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.journal.jsonl");
        let a = entry("a", "x");
        write_journal(&path, &[&a]);
        read_and_index(&path).unwrap();
        assert!(read_fresh(&path).is_some());

        // An append: stale, and the next read writes it anew.
        let b = entry("b", "y");
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&format!("{}\n", serde_json::to_string(&b).unwrap()));
        fs::write(&path, text).unwrap();
        assert!(read_fresh(&path).is_none());
        read_and_index(&path).unwrap();
        assert_eq!(read_fresh(&path).unwrap().len(), 2);

        // A damaged index (a row cut short) is never read.
        let idx = path_of(&path);
        let bytes = fs::read(&idx).unwrap();
        fs::write(&idx, &bytes[..bytes.len() - 20]).unwrap();
        assert!(read_fresh(&path).is_none());
        // Garbage too.
        fs::write(&idx, b"not an index\n").unwrap();
        assert!(read_fresh(&path).is_none());
        // And the journal still reads, and mends the index.
        assert_eq!(read_and_index(&path).unwrap().len(), 2);
        assert!(read_fresh(&path).is_some());
    }
}
