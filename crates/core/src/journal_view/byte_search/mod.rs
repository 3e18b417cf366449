//! Search over the journal file's bytes: JSON lines as the store writes
//! them, searched with the same case folding as the parsed entries
//! (`domain::search`) without parsing an entry. Only each entry's latest
//! line counts, and only its title and body. The file is searched from
//! its end to its start in stretches, so the caller can show what is
//! found while the rest is searched.
//!
//! [`search_file`] reads the file a chunk at a time, never holding it
//! whole, through the journal's index when there is one (see
//! `from_file`).
//!
//! A title or body is searched as it is written in the line: serde_json
//! writes every character as itself but `"`, `\` and control characters
//! (a line break is `\n`). A match of a query without those characters
//! is a match of the text, unless it starts inside an escape (the `n` of
//! `\n`): such matches are skipped. Text with other escapes (`\u00e9`,
//! `\/`, as another program may write), and any text for a query with
//! those characters, is decoded first.

use std::collections::HashSet;

use uuid::Uuid;

use crate::domain::search::Query;
use crate::storage::journal_index::IdHash;
use crate::storage::journal_line;

/// A set of entry ids (as `Uuid::as_u128`), hashed by a multiply: what a
/// search found, looked up once per listed row, and the entries a newer
/// line decided during a search.
pub type IdSet = HashSet<u128, IdHash>;

/// Why the bytes cannot be searched as they are: search the parsed
/// entries instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSearchable;

/// Each entry line in `lines` (whole lines of `bytes`), last first: its id
/// and whether it matches (a purge, or words sealed to one person, never
/// do). `last`: the stretch ends the file, so its last line may be a save
/// cut off.
fn lines_backward(
    bytes: &[u8],
    lines: std::ops::Range<usize>,
    mut last: bool,
    query: &Query,
    as_written: bool,
) -> Result<Vec<(u128, bool)>, NotSearchable> {
    let mut seen = Vec::new();
    let mut line_end = lines.end;
    while line_end > lines.start {
        let line_start = memchr::memrchr(b'\n', &bytes[lines.start..line_end - 1])
            .map_or(lines.start, |i| lines.start + i + 1);
        let mut line = &bytes[line_start..line_end];
        let whole = line.ends_with(b"\n");
        if whole {
            line = &line[..line.len() - 1];
        }
        // A last line without its newline is a save cut off, unless it
        // reads.
        let cut_off = last && !whole;
        last = false;
        line_end = line_start;
        let record = match journal_line::fields(line) {
            Ok(record) => record,
            Err(_) if cut_off => continue,
            Err(_) => return Err(NotSearchable),
        };
        let id = record
            .id
            .and_then(|id| Uuid::try_parse_ascii(line.get(id)?).ok());
        let Some(id) = id else { continue };
        let hit = !record.purged
            && !record.sealed
            && written::matches(
                query,
                as_written,
                line.get(record.title).unwrap_or_default(),
                line.get(record.body).unwrap_or_default(),
            )
            .map_err(|_| NotSearchable)?;
        seen.push((id.as_u128(), hit));
    }
    Ok(seen)
}

mod from_file;
mod written;

pub use from_file::{search_file, search_file_until};

#[cfg(test)]
mod file_tests;
#[cfg(test)]
mod tests;
