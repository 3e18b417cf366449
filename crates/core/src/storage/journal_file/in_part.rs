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
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use uuid::Uuid;

use super::{Record, Written, open_regular, record, write_line};
use crate::domain::Journal;
use crate::storage::StoreError;
use crate::storage::journal_index::{self, JournalIndex};

/// Writes the file at `path` anew from `journal`, held in part (see the
/// module documentation), atomically. A plain journal only: a held-in-part
/// journal has an index, which an encrypted workbook never has. `old`:
/// the index of the file as it is (of its first bytes at least), whose
/// rows are taken for the lines they describe instead of parsing them;
/// any other line is parsed. A line that does not read stops it before
/// anything is replaced.
pub fn rewrite_in_part(
    path: &Path,
    journal: &Journal,
    old: Option<&JournalIndex>,
) -> Result<Written, StoreError> {
    let held: HashSet<Uuid> = journal.ids();
    let dropped = |id: &Uuid| held.contains(id) || journal.gone().contains(id);
    // The old index's rows by where their line starts.
    let described: HashMap<u64, usize> = old
        .map(|index| {
            (0..index.len())
                .filter_map(|i| Some((index.row(i)?.line().0, i)))
                .collect()
        })
        .unwrap_or_default();
    let source = open_regular(path)?;
    // The index's rows of the new file: each entry's latest line, as the
    // lines stream by (a later line replaces an earlier one; a purge
    // removes it). One list, changed in place: a journal of years has
    // megabytes of rows, and they are not copied.
    let mut rows = Rows::default();
    // With the old index: where each of its rows' lines now is, so the
    // new index is made from the old one's rows, none of them built.
    let mut moved: Vec<Option<u64>> = vec![None; old.map_or(0, JournalIndex::len)];
    let mut written: u64 = 0;
    // An error inside the copy, kept to be returned as it is (the atomic
    // write only carries an `io::Error`, and drops its temp file).
    let mut failed: Option<StoreError> = None;
    let outcome = super::super::files::write_atomic_with(path, |file| {
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        if let Some(source) = source {
            let mut reader = BufReader::with_capacity(1 << 20, source);
            let mut buffer = Vec::with_capacity(4096);
            let mut at: u64 = 0;
            for n in 1.. {
                buffer.clear();
                let read = reader.read_until(b'\n', &mut buffer)?;
                if read == 0 {
                    break;
                }
                let start = at;
                at += read as u64;
                let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let known = described.get(&start).and_then(|&i| {
                    let row = old?.row(i)?;
                    (row.line().1 as usize == line.len()
                        && crate::storage::journal_line::written_for(line, row.id()))
                    .then_some((i, row))
                });
                if let Some((i, row)) = known {
                    if !dropped(&row.id()) {
                        out.write_all(line)?;
                        out.write_all(b"\n")?;
                        // Its latest line: an older one read before goes.
                        rows.remove(row.id());
                        moved[i] = Some(written);
                        written += line.len() as u64 + 1;
                    }
                    continue;
                }
                // A line the old index does not describe is parsed.
                let (id, purge, row) = match record(line) {
                    Ok(Record::Entry(entry)) => (
                        entry.id,
                        false,
                        Some(journal_index::row_of(&entry, 0, line)),
                    ),
                    Ok(Record::Purged { purged }) => (purged, true, None),
                    Err(err) => {
                        failed = Some(StoreError::DamagedJournal {
                            path: path.to_path_buf(),
                            line: n,
                            message: err.to_string(),
                        });
                        return Err(io::Error::other("a journal line does not read"));
                    }
                };
                if dropped(&id) {
                    continue;
                }
                out.write_all(line)?;
                out.write_all(b"\n")?;
                // A newer line, or a purge, of an entry the old index
                // describes: its row there no longer counts.
                if let Some(i) = old.and_then(|o| described.get(&o.find(id)?.line().0)) {
                    moved[*i] = None;
                }
                match row {
                    Some(mut row) => {
                        row.offset = written;
                        rows.put(row);
                    }
                    None if purge => rows.remove(id),
                    None => {}
                }
                written += line.len() as u64 + 1;
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
            rows.put(journal_index::row_of(&entry, written, line));
            out.write_all(&buffer)?;
            written += buffer.len() as u64;
        }
        out.flush()
    });
    if let Some(err) = failed {
        return Err(err);
    }
    outcome?;
    let rows = rows.finish();
    if let Some(old) = old {
        // Failing to write it loses nothing: the next opening rebuilds it.
        let written_index = journal_index::fingerprint_of(path).is_some_and(|after| {
            journal_index::write_moved(path, old, &moved, rows, after).is_ok()
        });
        if !written_index {
            let _ = journal_index::remove(path);
        }
        return Ok(Written {
            len: written,
            rows: Vec::new(),
            index_written: true,
        });
    }
    Ok(Written {
        len: written,
        rows,
        index_written: false,
    })
}

/// The rows of a file being written, by id, in one list.
#[derive(Default)]
struct Rows {
    rows: Vec<journal_index::Row>,
    at: HashMap<Uuid, usize>,
    removed: HashSet<Uuid>,
}

impl Rows {
    fn put(&mut self, row: journal_index::Row) {
        self.removed.remove(&row.id);
        match self.at.get(&row.id) {
            Some(&i) => self.rows[i] = row,
            None => {
                self.at.insert(row.id, self.rows.len());
                self.rows.push(row);
            }
        }
    }

    fn remove(&mut self, id: Uuid) {
        if self.at.contains_key(&id) {
            self.removed.insert(id);
        }
    }

    fn finish(self) -> Vec<journal_index::Row> {
        let Rows {
            mut rows, removed, ..
        } = self;
        rows.retain(|row| !removed.contains(&row.id));
        rows
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::JournalEntry;

    fn entry(body: &str) -> JournalEntry {
        crate::domain::entry_saying(body)
    }

    fn line(entry: &JournalEntry) -> String {
        format!("{}\n", serde_json::to_string(entry).unwrap())
    }

    #[test]
    fn lines_not_held_are_copied_and_every_line_of_held_or_gone_entries_goes() {
        copied_and_dropped(false);
    }

    #[test]
    fn the_old_index_gives_the_rows_of_the_lines_it_describes() {
        copied_and_dropped(true);
    }

    fn copied_and_dropped(with_index: bool) {
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
        let old = with_index.then(|| {
            journal_index::read_and_index(&path).unwrap();
            journal_index::read_for_search(&path).unwrap()
        });

        // Held: b (read in, then changed); gone: a.
        let mut part = Journal::partial(file.len() as u64);
        part.read_in(b2.clone());
        part.edit(b.id, crate::domain::now(), |e| e.body = "b, third".into());
        part.read_in(a2.clone());
        part.delete_at(a.id, crate::domain::now());
        assert_eq!(part.empty_trash(), 1);
        let written = rewrite_in_part(&path, &part, old.as_ref()).unwrap();

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
        // The rows are the new file's: what indexing it afresh makes
        // (written already, from the old index, when there was one).
        let mut rows = match with_index {
            true => {
                assert!(written.index_written && written.rows.is_empty());
                let index = journal_index::read_fresh(&path).expect("written fresh");
                index.rows().map(|r| r.to_row()).collect()
            }
            false => written.rows,
        };
        rows.sort_by_key(|r| r.id);
        journal_index::read_and_index(&path).unwrap();
        let fresh = journal_index::read_fresh(&path).unwrap();
        let mut expected: Vec<journal_index::Row> = fresh.rows().map(|r| r.to_row()).collect();
        expected.sort_by_key(|r| r.id);
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
            rewrite_in_part(&path, &part, None),
            Err(StoreError::DamagedJournal { line: 2, .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), file);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp file left");
    }
}
