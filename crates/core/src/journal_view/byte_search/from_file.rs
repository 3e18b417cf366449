//! The byte search straight from the journal file, never holding it
//! whole: each thread reads about a megabyte at a time into a buffer of
//! its own (positioned reads, from the page cache once the file has been
//! read), so a search costs a few megabytes, not the file's size.
//!
//! With the journal's index, only what the index points to is read and
//! searched: each entry's latest line, and in it only the title and body
//! (the index says where they are), with no JSON to scan and no older
//! line to skip. Lines appended after the index was made (this app's own
//! saves, another process's `journal add`) are searched line by line
//! first, and decide over the index's rows of the same entries. An index
//! that no longer covers the start of the file (the file was rewritten
//! or put back) is not used; a line that is not where and what the index
//! says makes the whole search [`NotSearchable`], never a wrong result.

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use uuid::Uuid;

use super::{IdSet, NotSearchable, journal_line, written};
use crate::domain::search::Query;
use crate::storage::files::read_exact_at;
use crate::storage::journal_index::{self, IdHash, JournalIndex, RowRef};

/// About how much one thread reads at a time.
const CHUNK: u64 = 1 << 20;

/// Searches the journal file at `path` for entries whose latest line
/// matches `query`, newest lines first, in about `stretches` stretches:
/// `found` gets what each stretch matched as soon as it is searched, and
/// stops the search by returning `false`. With `index` (the journal's
/// index, see `journal_index::read_for_search`) only the words it points
/// to are read. Returns whether it ran to the start of the file.
pub fn search_file(
    path: &Path,
    index: Option<&JournalIndex>,
    query: &Query,
    stretches: usize,
    found: impl FnMut(Vec<Uuid>) -> bool,
) -> Result<bool, NotSearchable> {
    search_file_until(path, index, query, stretches, &|| false, found)
}

/// [`search_file`], given up as soon as `stop` says so (it is asked
/// after each chunk read, on both threads): a search made moot by a
/// newer one ends within a megabyte, not at the end of its stretch.
/// What the stretch under way found is then not given to `found`.
pub fn search_file_until(
    path: &Path,
    index: Option<&JournalIndex>,
    query: &Query,
    stretches: usize,
    stop: &(dyn Fn() -> bool + Sync),
    mut found: impl FnMut(Vec<Uuid>) -> bool,
) -> Result<bool, NotSearchable> {
    // Only a regular file: a pipe would block this thread for ever.
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    if !regular {
        return Err(NotSearchable);
    }
    let file = File::open(path).map_err(|_| NotSearchable)?;
    let len = file.metadata().map_err(|_| NotSearchable)?.len();
    let search = Search {
        file: &file,
        len,
        query,
        as_written: !query.mentions(|c| c == '"' || c == '\\' || c.is_control()),
        stop,
    };
    let mut decided = IdSet::with_hasher(IdHash);
    let mut buffers = [Vec::new(), Vec::new()];
    let index = index.filter(|index| journal_index::covers(index, &file).unwrap_or(false));
    let Some(index) = index else {
        return search.lines(0..len, stretches, &mut decided, &mut buffers, found);
    };
    // Lines appended since the index was made are the newest: they go
    // first, and decide over the index's rows.
    let covered = index.journal().len;
    let mut newest = Vec::new();
    let whole = search.lines(covered..len, 1, &mut decided, &mut buffers, |ids| {
        newest.extend(ids);
        true
    })?;
    if !whole {
        return Ok(false);
    }
    let order = index.by_line();
    if order.is_empty() {
        return Ok(found(newest));
    }
    let rows = Rows {
        index,
        covered,
        decided: &decided,
    };
    let per_stretch = order.len().div_ceil(stretches.max(1));
    for stretch in order.chunks(per_stretch) {
        // Two cores: the older half of the stretch on another thread.
        let (newer, older) = stretch.split_at(stretch.len().div_ceil(2));
        let [here, there] = &mut buffers;
        let (newer, older) = std::thread::scope(|scope| {
            let older = scope.spawn(|| search.rows(&rows, older, there));
            let newer = search.rows(&rows, newer, here);
            let older = older
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (newer, older)
        });
        let (newer, older) = (newer?, older?);
        if (search.stop)() {
            return Ok(false);
        }
        let mut matched = std::mem::take(&mut newest);
        matched.extend(newer);
        matched.extend(older);
        if !found(matched) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One search of one open journal file.
struct Search<'a> {
    file: &'a File,
    /// The file's length when the search began: what is appended while
    /// it runs waits for the next search.
    len: u64,
    query: &'a Query,
    /// The query holds no character that would be escaped.
    as_written: bool,
    /// Whether to give up (see [`search_file_until`]).
    stop: &'a (dyn Fn() -> bool + Sync),
}

/// The index's rows, for [`Search::rows`].
struct Rows<'a> {
    index: &'a JournalIndex,
    /// How much of the file the index was made from.
    covered: u64,
    /// Entries a line after `covered` decided.
    decided: &'a IdSet,
}

impl Search<'_> {
    /// Searches the lines of `region` (it starts at a line's start) from
    /// its end to its start in about `stretches` stretches, each split
    /// across two threads, line by line (see `lines_backward`): the
    /// newest line of an entry decides, and `decided` notes each id seen.
    fn lines(
        &self,
        region: Range<u64>,
        stretches: usize,
        decided: &mut IdSet,
        buffers: &mut [Vec<u8>; 2],
        mut found: impl FnMut(Vec<Uuid>) -> bool,
    ) -> Result<bool, NotSearchable> {
        let stretch = ((region.end - region.start) / stretches.max(1) as u64).max(1);
        let mut end = region.end;
        while end > region.start {
            let from = end.saturating_sub(stretch).max(region.start);
            let start = self.line_start(region.start, from)?;
            let middle = self.line_start(start, start + (end - start) / 2)?;
            let [here, there] = &mut *buffers;
            let (newer, older) = std::thread::scope(|scope| {
                let older = (middle > start)
                    .then(|| scope.spawn(|| self.lines_backward(start..middle, there)));
                let newer = self.lines_backward(middle..end, here);
                let older =
                    older.map(|o| o.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                (newer, older)
            });
            if (self.stop)() {
                return Ok(false);
            }
            let mut matched = Vec::new();
            for (id, matches) in newer?
                .into_iter()
                .chain(older.transpose()?.into_iter().flatten())
            {
                if decided.insert(id) && matches {
                    matched.push(Uuid::from_u128(id));
                }
            }
            if !found(matched) {
                return Ok(false);
            }
            end = start;
        }
        Ok(true)
    }

    /// Where the line holding byte `at` starts (not before `floor`, a
    /// line's start).
    fn line_start(&self, floor: u64, at: u64) -> Result<u64, NotSearchable> {
        let mut buffer = [0u8; 4096];
        let mut end = at;
        while end > floor {
            let from = end.saturating_sub(buffer.len() as u64).max(floor);
            let window = &mut buffer[..(end - from) as usize];
            read_exact_at(self.file, window, from).map_err(|_| NotSearchable)?;
            if let Some(i) = memchr::memrchr(b'\n', window) {
                return Ok(from + i as u64 + 1);
            }
            end = from;
        }
        Ok(floor)
    }

    /// The lines of `lines` (whole lines), last first, read a chunk at a
    /// time into `buffer`: each one's id and whether it matches.
    fn lines_backward(
        &self,
        lines: Range<u64>,
        buffer: &mut Vec<u8>,
    ) -> Result<Vec<(u128, bool)>, NotSearchable> {
        let mut seen = Vec::new();
        let mut end = lines.end;
        while end > lines.start && !(self.stop)() {
            // Whole lines only: a chunk starts after its first newline,
            // and grows when a line is longer than a chunk.
            let mut from = end.saturating_sub(CHUNK).max(lines.start);
            let start = loop {
                let chunk = read(self.file, buffer, from..end)?;
                if from == lines.start {
                    break 0;
                }
                // Not the chunk's last byte: that newline ends the line
                // that ends the chunk, which starts before it.
                let before_last = &chunk[..chunk.len().saturating_sub(1)];
                if let Some(i) = memchr::memchr(b'\n', before_last) {
                    break i + 1;
                }
                from = from.saturating_sub(CHUNK).max(lines.start);
            };
            // Not checked as UTF-8 whole: where a match is tried (see
            // `Query::matches_in_where`).
            let chunk = &buffer[start..(end - from) as usize];
            // The file's last line may be a save cut off.
            let last = end == self.len;
            seen.extend(super::lines_backward(
                chunk,
                0..chunk.len(),
                last,
                self.query,
                self.as_written,
            )?);
            end = from + start as u64;
        }
        Ok(seen)
    }

    /// The entries of `order` (row numbers of `rows.index`, last line
    /// first) that match and were not decided by a newer line, read a
    /// chunk of lines at a time into `buffer`.
    fn rows(
        &self,
        rows: &Rows<'_>,
        order: &[u32],
        buffer: &mut Vec<u8>,
    ) -> Result<Vec<Uuid>, NotSearchable> {
        let row = |i: usize| {
            order
                .get(i)
                .and_then(|&n| rows.index.row(n as usize))
                .ok_or(NotSearchable)
        };
        let mut matched = Vec::new();
        let mut next = 0;
        while next < order.len() && !(self.stop)() {
            // A chunk: this line and the older ones that fit with it,
            // with the byte before the first (a newline) and after the
            // last (a newline, unless the index ends there).
            let (offset, len) = row(next)?.line();
            let end = (offset + u64::from(len) + 1).min(rows.covered);
            let mut start = offset;
            let mut until = next + 1;
            while until < order.len() {
                let (older, _) = row(until)?.line();
                if end.saturating_sub(older) > CHUNK || older >= start {
                    break;
                }
                start = older;
                until += 1;
            }
            let from = start.saturating_sub(1);
            let chunk = read(self.file, buffer, from..end)?;
            for i in next..until {
                let row = row(i)?;
                let at = (row.line().0 - from) as usize;
                let Some(id) = self.entry(&row, chunk, at, from == 0 && at == 0)? else {
                    continue;
                };
                if !rows.decided.contains(&id.as_u128()) {
                    matched.push(id);
                }
            }
            next = until;
        }
        Ok(matched)
    }

    /// The entry of `row`, when it matches: its line is at `at` in
    /// `chunk` (`first`: it is the file's first line). Checks that the
    /// line is where and what the index says: a whole line, of that
    /// entry, its title and body between quotes.
    fn entry(
        &self,
        row: &RowRef<'_>,
        chunk: &[u8],
        at: usize,
        first: bool,
    ) -> Result<Option<Uuid>, NotSearchable> {
        let len = row.line().1 as usize;
        let line = chunk.get(at..at + len).ok_or(NotSearchable)?;
        let starts_line = first || (at > 0 && chunk.get(at - 1) == Some(&b'\n'));
        let ends_line = chunk.get(at + len).is_none_or(|&b| b == b'\n');
        let id = row.id();
        if !starts_line || !ends_line || !holds_id(line, id) {
            return Err(NotSearchable);
        }
        // Words sealed to one person are not in the line.
        if row.sealed() {
            return Ok(None);
        }
        let spans = row.spans().ok_or(NotSearchable)?;
        let title = quoted(line, spans.title)?;
        let body = quoted(line, spans.body)?;
        let hit = match spans.plain && self.as_written {
            true => written::matches_plain(self.query, title, body),
            false => written::matches(self.query, self.as_written, title, body),
        };
        let hit = hit.map_err(|_| NotSearchable)?;
        Ok(hit.then_some(id))
    }
}

/// Reads `range` of `file` into `buffer` (grown, never shrunk: it is
/// reused chunk after chunk).
fn read<'b>(
    file: &File,
    buffer: &'b mut Vec<u8>,
    range: Range<u64>,
) -> Result<&'b [u8], NotSearchable> {
    let len = range
        .end
        .checked_sub(range.start)
        .and_then(|len| usize::try_from(len).ok())
        .ok_or(NotSearchable)?;
    if buffer.len() < len {
        buffer.resize(len, 0);
    }
    let chunk = &mut buffer[..len];
    read_exact_at(file, chunk, range.start).map_err(|_| NotSearchable)?;
    Ok(chunk)
}

/// Whether `line` is entry `id`'s: its id is written first, as this app
/// writes it, or (another program's layout) where the line says.
fn holds_id(line: &[u8], id: Uuid) -> bool {
    if journal_line::written_for(line, id) {
        return true;
    }
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let text = id.hyphenated().encode_lower(&mut text).as_bytes();
    journal_line::fields(line)
        .ok()
        .and_then(|fields| line.get(fields.id?))
        .is_some_and(|written| written.eq_ignore_ascii_case(text))
}

/// The text of a span of `line`, as written: between quotes. An empty
/// span is an absent title or body. Not checked as UTF-8 here: where a
/// match is tried (checking every byte would cost more than the search).
fn quoted(line: &[u8], (from, len): (u32, u32)) -> Result<&[u8], NotSearchable> {
    if len == 0 {
        return Ok(b"");
    }
    let (from, len) = (from as usize, len as usize);
    let opened = from.checked_sub(1).and_then(|b| line.get(b)) == Some(&b'"');
    let closed = line.get(from + len) == Some(&b'"');
    line.get(from..from + len)
        .filter(|_| opened && closed)
        .ok_or(NotSearchable)
}
