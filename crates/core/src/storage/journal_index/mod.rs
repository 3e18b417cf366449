//! The journal index: `<key>.journal.idx` beside the journal, so the app's
//! journal list is on screen before a journal of years is parsed.
//!
//! It holds, per live or trashed entry, what the list shows (id, dates,
//! author, private, stage, mood, tags, headline) and where the entry's
//! latest line is in the journal (byte offset and length, and where its
//! title and body are in that line, for the search), in a compact
//! binary layout (see `format`) that is read with one `fs::read` and
//! decoded only for the rows looked at. It is derived data and never
//! trusted over the journal: its header records the journal's length,
//! modification time and a hash of its last bytes, and an index that does
//! not match them, fails its checksum, or is of another version is
//! ignored and written anew from the journal. It is written atomically
//! (temp file, fsync, rename), so a kill leaves the old index or the new.
//!
//! Saves keep it fresh: after the store appends lines to the journal (or
//! rewrites it), a worker thread (`keeper`) writes the index again with
//! the new rows, when the index was fresh for the journal just before
//! the save; otherwise it is left stale, and the next opening rebuilds it.
//!
//! Only what a plain journal line holds in plain text goes in: an encrypted
//! workbook's journal lines are sealed, and no index is written for it.

mod format;
mod keeper;

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

pub use format::{IdHash, IdHasher};
pub use format::{JournalIndex, Row, RowRef, Spans, VERSION};
pub(crate) use keeper::{Job, Keeper};

use crate::domain::{Journal, JournalEntry};

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

/// Where the journal stands on disk: what a fresh index must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub mtime_ns: u64,
    pub tail_hash: u64,
}

impl Fingerprint {
    /// The journal file as it is now.
    pub fn of(journal: &Path) -> io::Result<Self> {
        if !crate::storage::journal_file::is_regular_or_missing(journal) {
            return Err(io::Error::other("the journal is not a regular file"));
        }
        let mut file = fs::File::open(journal)?;
        let meta = file.metadata()?;
        let len = meta.len();
        let mtime_ns = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        let from = len.saturating_sub(TAIL);
        file.seek(SeekFrom::Start(from))?;
        let mut tail = Vec::with_capacity(TAIL as usize);
        file.take(TAIL).read_to_end(&mut tail)?;
        Ok(Self {
            len,
            mtime_ns,
            tail_hash: fnv1a(&tail),
        })
    }
}

/// FNV-1a: stable across builds (std's hasher is not promised to be).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// An entry's row, its latest line at `offset` (`line`: its bytes as in
/// the file, without the newline). `entry` is the entry as written on
/// disk: a title or body sealed to one person is not in it, so not in the
/// index either.
pub fn row_of(entry: &JournalEntry, offset: u64, line: &[u8]) -> Row {
    row_at(entry, offset, line.len() as u32, spans_in(line))
}

/// [`row_of`], with the line's length and spans found already.
pub fn row_at(entry: &JournalEntry, offset: u64, len: u32, spans: Option<Spans>) -> Row {
    let headline: String = entry.headline().chars().take(HEADLINE_CHARS).collect();
    let tags = crate::foreign::tags_in(&format!("{}\n{}", entry.title, entry.body));
    Row {
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
        spans,
        sealed: entry.sealed.is_some(),
    }
}

/// Where the title and body are in an entry's line; `None` when it does
/// not read as one (never for a line the store wrote).
pub fn spans_in(line: &[u8]) -> Option<Spans> {
    let fields = super::journal_line::fields(line).ok()?;
    let span = |range: std::ops::Range<usize>| {
        Some((
            u32::try_from(range.start).ok()?,
            u32::try_from(range.len()).ok()?,
        ))
    };
    (fields.id.is_some() && !fields.purged).then_some(())?;
    let plain = [&fields.title, &fields.body].iter().all(|range| {
        line.get((*range).clone())
            .is_some_and(super::journal_line::only_plain_escapes)
    });
    Some(Spans {
        title: span(fields.title)?,
        body: span(fields.body)?,
        plain,
    })
}

/// The index when it matches the journal as it is now; `None` when it is
/// missing, stale, damaged or of another version (then the journal must
/// be read, and [`read_and_index`] makes a new one).
pub fn read_fresh(journal: &Path) -> Option<JournalIndex> {
    let bytes = fs::read(path_of(journal)).ok()?;
    let now = Fingerprint::of(journal).ok()?;
    JournalIndex::check(bytes, now)
}

/// [`read_fresh`], or else an index made from the journal's start and
/// brought up to date with only the lines appended since (a `journal
/// add` from the shell, saves whose index was still to be written when
/// the process ended): those lines are read and the index written anew
/// from its rows and theirs, as after a save, then read as fresh. A
/// journal of years is not read whole for a few lines. `None` when the
/// index does not cover the journal's start (see [`covers`]), or the new
/// lines cannot be taken in so (see `journal_file::rows_appended`): then
/// the journal is read whole and the index made from it.
pub fn read_caught_up(journal: &Path) -> Option<JournalIndex> {
    if !crate::storage::journal_file::is_regular_or_missing(journal) {
        return None;
    }
    // Read once: fresh (as `read_fresh` tells), or the start to build on.
    let index = JournalIndex::whole(fs::read(path_of(journal)).ok()?)?;
    if index.journal() == Fingerprint::of(journal).ok()? {
        return Some(index);
    }
    let file = fs::File::open(journal).ok()?;
    if !covers(&index, &file).ok()? {
        return None;
    }
    let (rows, end) = super::journal_file::rows_appended(journal, index.journal().len)?;
    // Only what was read is taken in: a line appended meanwhile leaves
    // the journal longer than `end`, and the index is not made.
    let after = Fingerprint::of(journal).ok()?;
    if after.len != end {
        return None;
    }
    append_rows(journal, &index, after, rows).ok()?;
    drop(index);
    read_fresh(journal)
}

/// The index beside `journal` for a search of its bytes: whole (checksum
/// right, this version), and made from the journal as it was up to
/// [`JournalIndex::journal`]'s length, which lines may have been appended
/// to since (see [`covers`]). `None` otherwise.
pub fn read_for_search(journal: &Path) -> Option<JournalIndex> {
    let index = JournalIndex::whole(fs::read(path_of(journal)).ok()?)?;
    let file = fs::File::open(journal).ok()?;
    covers(&index, &file).ok()?.then_some(index)
}

/// Whether the journal `file` still starts with what `index` was made
/// from: as long or longer, and the same last bytes before the index's
/// end (lines appended since are not in the index; a rewrite, or a file
/// put back from a backup, makes it not cover the file).
pub fn covers(index: &JournalIndex, file: &fs::File) -> io::Result<bool> {
    let made_from = index.journal();
    if file.metadata()?.len() < made_from.len {
        return Ok(false);
    }
    let from = made_from.len.saturating_sub(TAIL);
    let mut tail = vec![0; (made_from.len - from) as usize];
    super::files::read_exact_at(file, &mut tail, from)?;
    Ok(fnv1a(&tail) == made_from.tail_hash)
}

/// Newest first, as the journal lists them: by creation, ties by id.
fn sort_newest_first(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.id.cmp(&a.id))
    });
}

/// Writes the index for the journal file as it is now, from its rows
/// (`rows` must come from reading that file, newest first). Atomic. A
/// journal that changed since `before` (taken before the caller read it)
/// is left without a fresh index, never with a wrong one.
pub fn write(journal: &Path, rows: &[Row], before: Fingerprint) -> Result<(), super::StoreError> {
    let now = Fingerprint::of(journal).map_err(super::files::io_error("read", journal))?;
    if now != before {
        return Ok(());
    }
    write_rows(journal, rows, now)
}

fn write_rows(journal: &Path, rows: &[Row], of: Fingerprint) -> Result<(), super::StoreError> {
    let mut builder = format::Builder::with_capacity(rows.len());
    for row in rows {
        builder.push(row);
    }
    super::files::write_atomic_streamed(&path_of(journal), |out| builder.finish_into(of, out))
}

/// Writes the index of a journal written anew from the file `old`
/// describes, without making a row of it: each of `old`'s rows at its
/// line's new place (`moved[i]` for row `i`; `None` when its entry went
/// or a newer line replaced it), and the `extra` rows (entries written
/// from memory, lines `old` did not describe), newest first. `after` is
/// the new file.
pub fn write_moved(
    journal: &Path,
    old: &JournalIndex,
    moved: &[Option<u64>],
    mut extra: Vec<Row>,
    after: Fingerprint,
) -> Result<(), super::StoreError> {
    sort_newest_first(&mut extra);
    let kept = moved.iter().flatten().count();
    let mut builder = format::Builder::with_capacity(kept + extra.len());
    let mut new = extra.into_iter().peekable();
    for (i, row) in old.rows().enumerate() {
        let Some(offset) = moved.get(i).copied().flatten() else {
            continue;
        };
        let (created, id) = (row.created_at(), row.id());
        while let Some(extra) = new.next_if(|r| (r.created_at, r.id) > (created, id)) {
            builder.push(&extra);
        }
        builder.push_row_at(&row, offset);
    }
    for extra in new {
        builder.push(&extra);
    }
    super::files::write_atomic_streamed(&path_of(journal), |out| builder.finish_into(after, out))
}

/// The journal's fingerprint, for [`write`]: taken before reading it.
pub fn fingerprint_of(journal: &Path) -> Option<Fingerprint> {
    Fingerprint::of(journal).ok()
}

/// Reads the plain journal at `journal` and brings its index up to date
/// when it is missing or stale. The index is a convenience: failing to
/// write it loses nothing, so that failure is ignored.
pub fn read_and_index(journal: &Path) -> Result<Journal, super::StoreError> {
    let before = fingerprint_of(journal);
    if read_fresh(journal).is_some() {
        // Where the lines are is not needed: the index has it.
        return Ok(super::journal_file::read(journal, None)?.journal);
    }
    let loaded = super::journal_file::read_with_lines(journal, None)?;
    if let (Some(before), None) = (before, loaded.loaded.torn_at) {
        let rows: Vec<Row> = loaded
            .loaded
            .journal
            .newest_first()
            .filter_map(|entry| {
                let line = loaded.lines.get(&entry.id)?;
                Some(row_at(entry, line.offset, line.len, line.spans))
            })
            .collect();
        let _ = write(journal, &rows, before);
    }
    Ok(loaded.loaded.journal)
}

/// Removes the index of the journal at `journal`, if there is one (the
/// journal is being sealed).
pub fn remove(journal: &Path) -> io::Result<()> {
    match fs::remove_file(path_of(journal)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Reads entry `id` from its latest line (`line`: offset and length, from
/// its row), to show it without reading the journal. `None` when the line
/// there is not that entry (the journal changed): then read the journal.
pub fn read_entry(
    journal: &Path,
    id: uuid::Uuid,
    (offset, len): (u64, u32),
) -> Option<JournalEntry> {
    if !crate::storage::journal_file::is_regular_or_missing(journal) {
        return None;
    }
    let mut file = fs::File::open(journal).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut line = vec![0; len as usize];
    file.read_exact(&mut line).ok()?;
    let entry: JournalEntry = serde_json::from_slice(&line).ok()?;
    (entry.id == id).then_some(entry)
}

/// Brings the index up to date after lines were appended to the journal:
/// `rows` are the appended entries (offsets counted from where the
/// journal ended, `before`), and `after` is the journal right after the
/// append. Only an index that was fresh for `before` is brought along;
/// any other is left to be rebuilt at the next opening.
fn after_append(
    journal: &Path,
    before: Fingerprint,
    after: Fingerprint,
    rows: Vec<Row>,
) -> Result<(), super::StoreError> {
    let Some(index) = fs::read(path_of(journal))
        .ok()
        .and_then(|bytes| JournalIndex::check(bytes, before))
    else {
        return Ok(());
    };
    append_rows(journal, &index, after, rows)
}

/// Writes the index anew from `index`'s rows and `rows`, the entries of
/// the lines appended after the journal `index` was made from (offsets
/// counted from its end), for the journal `after` the append.
fn append_rows(
    journal: &Path,
    index: &JournalIndex,
    after: Fingerprint,
    mut rows: Vec<Row>,
) -> Result<(), super::StoreError> {
    for row in &mut rows {
        row.offset += index.journal().len;
    }
    // The same entry saved twice in one append: its last line counts.
    let mut seen = std::collections::HashSet::new();
    rows.reverse();
    rows.retain(|row| seen.insert(row.id));
    sort_newest_first(&mut rows);
    let mut builder = format::Builder::with_capacity(index.len() + rows.len());
    let mut new = rows.into_iter().peekable();
    for old in index.rows() {
        if seen.contains(&old.id()) {
            continue;
        }
        let (created, id) = (old.created_at(), old.id());
        while let Some(row) = new.next_if(|r| (r.created_at, r.id) > (created, id)) {
            builder.push(&row);
        }
        builder.push_row_of(&old);
    }
    for row in new {
        builder.push(&row);
    }
    super::files::write_atomic_streamed(&path_of(journal), |out| builder.finish_into(after, out))
}

/// Writes the index anew after the journal was rewritten whole: `rows`
/// are every entry of the new file, and `after` is that file.
fn after_rewrite(
    journal: &Path,
    after: Fingerprint,
    mut rows: Vec<Row>,
) -> Result<(), super::StoreError> {
    sort_newest_first(&mut rows);
    write_rows(journal, &rows, after)
}

#[cfg(test)]
mod tests;
