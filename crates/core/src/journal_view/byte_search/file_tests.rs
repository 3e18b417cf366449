//! The search from the file, with the index and without, against the
//! parsed search, over journals as the store and other programs write
//! them, appended to after the index, and rewritten under it.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use uuid::Uuid;

use super::*;
use crate::domain::JournalEntry;
use crate::storage::journal_index::{self, JournalIndex};

use crate::domain::entry_titled as entry;

fn line(entry: &JournalEntry) -> String {
    format!("{}\n", serde_json::to_string(entry).unwrap())
}

fn purge(id: Uuid) -> String {
    format!("{{\"purged\":\"{id}\"}}\n")
}

fn append(path: &Path, text: &str) {
    let mut all = fs::read_to_string(path).unwrap_or_default();
    all.push_str(text);
    fs::write(path, all).unwrap();
}

/// Another program's line: spaces, keys in another order, `\u` escapes
/// (`é` in the body, `Ä` in the title) and an escaped slash.
fn foreign_line(id: Uuid) -> String {
    format!(
        "{{ \"body\" : \"caf\\u00e9 and a\\/b\", \"extra\": {{\"x\": [1, \"}}\"]}}, \"id\": \"{id}\", \"created_at\": \"2024-01-01T00:00:00Z\", \"edited_at\": \"2024-01-01T00:00:00Z\", \"author\": \"{}\", \"title\": \"\\u00c4rger\" }}\n",
        Uuid::nil()
    )
}

const QUERIES: [&str; 28] = [
    "n",
    "nthe",
    "the",
    "day",
    "\"quoted\"",
    "\\",
    "back\\slash",
    "t",
    "there",
    "ärger",
    "ÄRGER",
    "strasse",
    "ß",
    "ẞ",
    "line",
    "\\n",
    "n and",
    "u001f",
    "😊",
    "信",
    "信頼",
    "rewritten",
    "nothing",
    "-day",
    "word -tab",
    "bell",
    "café",
    "a/b",
];

/// What the parsed search finds in the journal file as it is now: each
/// entry's latest line, its words not sealed.
fn parsed(path: &Path, query: &str) -> HashSet<Uuid> {
    let journal = journal_index::read_and_index(path).unwrap();
    let q = Query::new(query);
    journal
        .entries()
        .iter()
        .filter(|e| e.sealed.is_none() && q.matches_in(&[&e.title, &e.body]))
        .map(|e| e.id)
        .collect()
}

fn from_file(
    path: &Path,
    index: Option<&JournalIndex>,
    query: &str,
    stretches: usize,
) -> Result<HashSet<Uuid>, NotSearchable> {
    let mut all = HashSet::new();
    let mut batches = 0;
    let done = search_file(path, index, &Query::new(query), stretches, |ids| {
        batches += 1;
        for id in ids {
            assert!(all.insert(id), "{id} found twice");
        }
        true
    })?;
    assert!(done);
    Ok(all)
}

/// Every query, in 1, 3 and 50 stretches, with the index and without:
/// what the parsed search finds.
fn same_as_parsed(path: &Path, index: Option<&JournalIndex>) {
    for stretches in [1, 3, 50] {
        for query in QUERIES {
            let expected = parsed(path, query);
            assert_eq!(
                from_file(path, index, query, stretches),
                Ok(expected.clone()),
                "{query:?} in {stretches} stretches, index: {}",
                index.is_some()
            );
            assert_eq!(from_file(path, None, query, stretches), Ok(expected));
        }
    }
}

/// A journal of every kind of text, with an edited entry (its older line
/// must not count), a purged one, words sealed to one person, and
/// another program's line; indexed.
fn journal(path: &Path) -> Vec<JournalEntry> {
    let texts = [
        ("", "end.\n\nThe next day"),
        ("Tab\there", "a \"quoted\" word and a back\\slash"),
        ("", "Ärger über STRASSE; straße\r\nnew line"),
        ("n", "nothing"),
        ("\\n is not a line break", "literal \\n and \\\\n"),
        ("Bell \u{7}", "control \u{1f} chars"),
        ("😊 信頼", "emoji and kanji"),
        ("GROSS ẞ", "day"),
    ];
    let entries: Vec<JournalEntry> = texts.iter().map(|(t, b)| entry(t, b)).collect();
    let mut text: String = entries.iter().map(line).collect();
    let mut edited = entries[0].clone();
    edited.body = "rewritten: no d-a-y here".into();
    text.push_str(&line(&edited));
    text.push_str(&purge(entries[3].id));
    let mut sealed = entry("", "");
    sealed.sealed = Some("AAAA".into());
    text.push_str(&line(&sealed));
    text.push_str(&foreign_line(Uuid::now_v7()));
    // More than the last 4 KiB the index's hash covers, so a change to
    // the lines above is told by the lines alone.
    for n in 0..20 {
        text.push_str(&line(&entry(
            &format!("filler {n}"),
            &"lorem ipsum ".repeat(30),
        )));
    }
    fs::write(path, text).unwrap();
    journal_index::read_and_index(path).unwrap();
    entries
}

#[test]
fn the_index_finds_what_the_parsed_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    journal(&path);
    let index = journal_index::read_fresh(&path).expect("indexed");
    assert_eq!(index.rows().filter(|r| r.sealed()).count(), 1);
    same_as_parsed(&path, Some(&index));
    // Spot checks that the comparison means something.
    assert_eq!(from_file(&path, Some(&index), "café", 1).unwrap().len(), 1);
    assert_eq!(from_file(&path, Some(&index), "ärger", 1).unwrap().len(), 2);
    assert!(
        from_file(&path, Some(&index), "nothing", 1)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn lines_appended_after_the_index_decide() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let entries = journal(&path);
    let index = journal_index::read_for_search(&path).unwrap();
    // Edited so it no longer matches "day", edited so it now matches
    // "kanji" twice over, purged, and new ones: as this app's saves and
    // another process's `journal add` append them.
    let mut no_day = entries[7].clone();
    no_day.body = "night".into();
    let mut more = entries[1].clone();
    more.title = "kanji 信頼 too".into();
    let mut tail = line(&no_day) + &line(&more) + &purge(entries[6].id);
    tail.push_str(&line(&entry("new day", "straße")));
    tail.push_str(&foreign_line(Uuid::now_v7()));
    append(&path, &tail);
    assert!(journal_index::read_fresh(&path).is_none(), "stale now");
    same_as_parsed(&path, Some(&index));
    assert_eq!(
        from_file(&path, Some(&index), "信頼", 1).unwrap(),
        HashSet::from([more.id])
    );
    // A save cut off at the end is not a line yet.
    append(&path, "{\"id\":\"0199");
    same_as_parsed(&path, Some(&index));
}

#[test]
fn a_file_rewritten_under_the_index_gives_no_wrong_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let entries = journal(&path);
    let index = journal_index::read_fresh(&path).unwrap();
    let original = fs::read_to_string(&path).unwrap();
    let rewrites = [
        // The trash emptied: the file written anew, shorter.
        entries[1..].iter().map(line).collect::<String>(),
        // An older copy put back.
        entries[..3].iter().map(line).collect(),
        // Longer, other lines at the index's places.
        entries.iter().rev().map(line).collect::<String>() + &original,
        // The same length, a word changed in an early line (before the
        // last bytes the index's hash covers: only the lines tell).
        original.replacen("The next day", "The next dax", 1),
        // The same length, the second line moved by two bytes: the
        // index's places are not lines any more.
        original.replacen("The next day", "The next d", 1).replacen(
            "Tab\\there",
            "Tab\\thereXX",
            1,
        ),
        // Empty.
        String::new(),
    ];
    let mut searched = 0;
    for (n, text) in rewrites.iter().enumerate() {
        fs::write(&path, text).unwrap();
        let file = fs::File::open(&path).unwrap();
        searched += usize::from(journal_index::covers(&index, &file).unwrap());
        for query in QUERIES {
            // Not searchable is a right answer; a wrong list is not.
            if let Ok(found) = from_file(&path, Some(&index), query, 3) {
                assert_eq!(found, parsed(&path, query), "rewrite {n}, {query:?}");
            }
        }
    }
    assert_eq!(searched, 2, "the index still seems to cover two of them");
    // A line moved under an index that still seems to cover the file.
    let moved = rewrites[4].clone();
    fs::write(&path, moved).unwrap();
    assert_eq!(from_file(&path, Some(&index), "day", 1), Err(NotSearchable));
}

#[test]
fn a_damaged_or_sealed_file_is_not_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    fs::write(&path, "age:AAAA\n").unwrap();
    assert_eq!(from_file(&path, None, "a", 1), Err(NotSearchable));
    fs::write(&path, format!("{{oops\n{}", line(&entry("a", "b")))).unwrap();
    assert_eq!(from_file(&path, None, "a", 1), Err(NotSearchable));
    // Not a regular file, or none.
    assert_eq!(from_file(dir.path(), None, "a", 1), Err(NotSearchable));
    assert_eq!(
        from_file(&dir.path().join("missing"), None, "a", 1),
        Err(NotSearchable)
    );
}

#[test]
fn long_lines_and_many_chunks_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    // Lines longer than a chunk, and enough of them for many chunks.
    let long = "word ".repeat(300_000);
    let mut entries: Vec<JournalEntry> =
        (0..3).map(|n| entry(&format!("long {n}"), &long)).collect();
    entries.extend((0..3000).map(|n| entry("", &format!("short {n} día"))));
    entries.push(entry("zebra", "at the very end"));
    let text: String = entries.iter().map(line).collect();
    fs::write(&path, text).unwrap();
    journal_index::read_and_index(&path).unwrap();
    let index = journal_index::read_fresh(&path).unwrap();
    for query in ["word", "día", "zebra", "short 2999", "long 1", "nowhere"] {
        for stretches in [1, 4] {
            let expected = parsed(&path, query);
            assert_eq!(
                from_file(&path, Some(&index), query, stretches),
                Ok(expected.clone())
            );
            assert_eq!(
                from_file(&path, None, query, stretches),
                Ok(expected),
                "{query}"
            );
        }
    }
}

#[test]
fn the_newest_lines_come_first_and_a_search_can_stop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let entries: Vec<JournalEntry> = (0..40).map(|n| entry("", &format!("word {n}"))).collect();
    let mut old: String = entries[..30].iter().map(line).collect();
    fs::write(&path, &old).unwrap();
    journal_index::read_and_index(&path).unwrap();
    let index = journal_index::read_fresh(&path).unwrap();
    old = entries[30..].iter().map(line).collect();
    append(&path, &old);
    for index in [Some(&index), None] {
        let mut batches = Vec::new();
        let done = search_file(&path, index, &Query::new("word"), 4, |ids| {
            batches.push(ids);
            batches.len() < 2
        });
        assert_eq!(done, Ok(false));
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[0][0], entries[39].id, "the last line first");
    }
}

#[test]
fn a_moot_search_gives_up_inside_its_stretch() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let entries: Vec<JournalEntry> = (0..40).map(|n| entry("", &format!("word {n}"))).collect();
    let old: String = entries[..30].iter().map(line).collect();
    fs::write(&path, &old).unwrap();
    journal_index::read_and_index(&path).unwrap();
    let index = journal_index::read_fresh(&path).unwrap();
    append(&path, &entries[30..].iter().map(line).collect::<String>());
    for index in [Some(&index), None] {
        // One stretch: only its end would give anything to `found`.
        let asked = AtomicUsize::new(0);
        let moot = || asked.fetch_add(1, Ordering::Relaxed) >= 1;
        let mut batches = 0;
        let done = search_file_until(&path, index, &Query::new("word"), 1, &moot, |_| {
            batches += 1;
            true
        });
        assert_eq!(done, Ok(false), "index: {}", index.is_some());
        assert_eq!(batches, 0, "nothing of a moot search is given");
        // Never moot: the whole search, as `search_file` runs it.
        let mut found = 0;
        let done = search_file_until(&path, index, &Query::new("word"), 1, &|| false, |ids| {
            found += ids.len();
            true
        });
        assert_eq!((done, found), (Ok(true), 40));
    }
}
