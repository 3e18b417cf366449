//! Writing the journal file anew from a journal held in part (see
//! `Journal::partial`): emptying the trash, a reflection going back to its
//! step, or a person's words sealed to a new passphrase, without ever
//! holding the journal whole. The file streams through, line by line:
//! every line of an entry the journal does not hold is copied as it is,
//! in its place; every line of an entry it holds (whose newest version
//! is in memory) or removed for good is dropped; the held entries are
//! written after the copied lines, as they are in memory (sealed where
//! they must be). No older line of a held or removed entry is left.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufReader, Write};
use std::path::Path;

use uuid::Uuid;

use super::{Lines, Record, Written, open_regular, scan, write_line};
use crate::domain::Journal;
use crate::storage::{StoreError, journal_index};

/// Writes the file at `path` anew from `journal`, held in part (see the
/// module documentation), atomically. A plain journal only: a held-in-part
/// journal has an index, which an encrypted workbook never has. A line
/// that does not read stops it before anything is replaced.
pub fn rewrite_in_part(path: &Path, journal: &Journal) -> Result<Written, StoreError> {
    let held: HashSet<Uuid> = journal.ids();
    let dropped = |id: &Uuid| held.contains(id) || journal.gone().contains(id);
    let source = open_regular(path)?;
    // The index's rows of the new file: each entry's latest line, as the
    // lines stream by (a later line replaces an earlier one; a purge
    // removes it).
    let mut rows: HashMap<Uuid, journal_index::Row> = HashMap::new();
    let mut written: u64 = 0;
    // An error inside the copy, kept to be returned as it is (the atomic
    // write only carries an `io::Error`, and drops its temp file).
    let mut failed: Option<StoreError> = None;
    let outcome = super::super::files::write_atomic_with(path, |file| {
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        if let Some(source) = source {
            let mut io_failed = None;
            let scanned = scan(
                BufReader::with_capacity(1 << 20, source),
                path,
                None,
                0,
                Lines::LastMayBeOpen,
                |record, _, line| {
                    let keep = match &record {
                        Record::Entry(entry) => !dropped(&entry.id),
                        Record::Purged { purged } => !dropped(purged),
                    };
                    if !keep || io_failed.is_some() {
                        return;
                    }
                    if let Err(err) = out.write_all(line).and_then(|()| out.write_all(b"\n")) {
                        io_failed = Some(err);
                        return;
                    }
                    match record {
                        Record::Entry(entry) => {
                            rows.insert(entry.id, journal_index::row_of(&entry, written, line));
                        }
                        Record::Purged { purged } => {
                            rows.remove(&purged);
                        }
                    }
                    written += line.len() as u64 + 1;
                },
            );
            if let Some(err) = io_failed {
                return Err(err);
            }
            if let Err(err) = scanned {
                failed = Some(err);
                return Err(io::Error::other("a journal line does not read"));
            }
        }
        let mut buffer = Vec::new();
        for entry in journal.entries() {
            let entry = match journal.disk_form(entry) {
                Ok(entry) => entry,
                Err(message) => {
                    failed = Some(StoreError::Crypto(message));
                    return Err(io::Error::other("an entry could not be sealed"));
                }
            };
            buffer.clear();
            if let Err(err) = write_line(&mut buffer, &entry, None) {
                failed = Some(err);
                return Err(io::Error::other("an entry could not be written"));
            }
            let line = &buffer[..buffer.len() - 1];
            rows.insert(entry.id, journal_index::row_of(&entry, written, line));
            out.write_all(&buffer)?;
            written += buffer.len() as u64;
        }
        out.flush()
    });
    if let Some(err) = failed {
        return Err(err);
    }
    outcome?;
    Ok(Written {
        len: written,
        rows: rows.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{JournalEntry, NewEntry};

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
    fn lines_not_held_are_copied_and_every_line_of_held_or_gone_entries_goes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.journal.jsonl");
        let (a, b, c, d) = (entry("a"), entry("b"), entry("c"), entry("d"));
        let mut a2 = a.clone();
        a2.body = "a, second".into();
        let mut b2 = b.clone();
        b2.body = "b, second".into();
        // Another writer's line: keys in another order, spaces, escapes.
        let other = format!(
            "{{ \"body\": \"caf\\u00e9\", \"author\": \"{}\", \"id\": \"{}\", \"created_at\": \"2026-11-01T08:00:00+01:00\", \"edited_at\": \"2026-11-01T08:00:00+01:00\" }}\n",
            Uuid::now_v7(),
            d.id
        );
        let file = format!(
            "{}{}{}{}{{\"purged\":\"{}\"}}\n{}{}",
            line(&a),
            line(&b),
            line(&c),
            line(&a2),
            c.id,
            line(&b2),
            other,
        );
        std::fs::write(&path, &file).unwrap();
        let before = super::super::read(&path, None).unwrap().journal;

        // Held: b (read in, then changed); gone: a.
        let mut part = Journal::partial(file.len() as u64);
        part.read_in(b2.clone());
        part.edit(b.id, crate::domain::now(), |e| e.body = "b, third".into());
        part.read_in(a2.clone());
        part.delete_at(a.id, crate::domain::now());
        assert_eq!(part.empty_trash(), 1);
        let written = rewrite_in_part(&path, &part).unwrap();

        let after = super::super::read(&path, None).unwrap().journal;
        assert!(after.get(a.id).is_none(), "gone");
        assert_eq!(after.get(b.id).unwrap().body, "b, third");
        assert!(after.get(c.id).is_none(), "still purged");
        assert_eq!(after.get(d.id).unwrap().body, "café", "copied as it was");
        assert_eq!(after.len(), before.len() - 1);
        let raw = std::fs::read_to_string(&path).unwrap();
        assert!(!raw.contains("\"a\"") && !raw.contains("a, second"));
        assert!(!raw.contains("b, second"), "no older line of a held entry");
        assert!(
            raw.contains("caf\\u00e9"),
            "a line not held is copied byte for byte"
        );
        assert_eq!(written.len, raw.len() as u64);
        // The rows are the new file's: each entry's latest line.
        let mut rows: Vec<(Uuid, u64, u32)> = written
            .rows
            .iter()
            .map(|r| (r.id, r.offset, r.len))
            .collect();
        rows.sort();
        let lines = super::super::read_with_lines(&path, None).unwrap().lines;
        let mut expected: Vec<(Uuid, u64, u32)> = after
            .entries()
            .iter()
            .map(|e| (e.id, lines[&e.id].offset, lines[&e.id].len))
            .collect();
        expected.sort();
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_line_that_does_not_read_stops_it_and_the_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.journal.jsonl");
        let a = entry("a");
        let file = format!("{}{{oops\n{}", line(&a), line(&entry("b")));
        std::fs::write(&path, &file).unwrap();
        let mut part = Journal::partial(file.len() as u64);
        part.read_in(a.clone());
        part.rewrite_on_next_save();
        assert!(matches!(
            rewrite_in_part(&path, &part),
            Err(StoreError::DamagedJournal { line: 2, .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), file);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp file left");
    }
}
