//! The byte search's reading of lines (escapes, other writers' layout,
//! sealed and damaged lines, newest first), on journal files without an
//! index: every line read and decided as it is written.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use super::*;
use crate::domain::JournalEntry;

use crate::domain::entry_titled as entry;

/// [`search_file`] of a journal file holding `text`, without an index.
fn search(
    text: &str,
    query: &Query,
    stretches: usize,
    found: impl FnMut(Vec<Uuid>) -> bool,
) -> Result<bool, NotSearchable> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    std::fs::write(&path, text).unwrap();
    search_file(&path, None, query, stretches, found)
}

/// Every id the byte search finds, in any stretch.
fn found(text: &str, query: &str, stretches: usize) -> HashSet<Uuid> {
    let mut all = HashSet::new();
    let done = search(text, &Query::new(query), stretches, |ids| {
        all.extend(ids);
        true
    });
    assert_eq!(done, Ok(true));
    all
}

#[test]
fn finds_what_the_parsed_search_finds_escapes_and_all() {
    let texts = [
        ("", "end.\n\nThe next day"),
        ("Tab\there", "a \"quoted\" word and a back\\slash"),
        ("", "Ärger über STRASSE; straße\r\nnew line"),
        ("n", "nothing"),
        ("\\n is not a line break", "literal \\n and \\\\n"),
        ("Bell \u{7}", "control \u{1f} chars"),
        ("😊 信頼", "emoji and kanji"),
    ];
    let mut entries: Vec<JournalEntry> = texts.iter().map(|(t, b)| entry(t, b)).collect();
    // An entry edited (its older line must not count) and one purged.
    let mut edited = entries[0].clone();
    edited.body = "rewritten: no day here".into();
    let gone = entries[3].id;
    let mut file = String::new();
    for e in &entries {
        file.push_str(&serde_json::to_string(e).unwrap());
        file.push('\n');
    }
    file.push_str(&serde_json::to_string(&edited).unwrap());
    file.push('\n');
    file.push_str(&format!("{{\"purged\":\"{gone}\"}}\n"));
    entries[0] = edited;
    entries.remove(3);

    let queries = [
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
        "strasse",
        "ß",
        "line",
        "\\n",
        "n and",
        "u001f",
        "😊",
        "信",
        "rewritten",
        "nothing",
        "-day",
        "word -tab",
        "bell",
    ];
    for stretches in [1, 3, 50] {
        for query in queries {
            let q = Query::new(query);
            let expected: HashSet<Uuid> = entries
                .iter()
                .filter(|e| q.matches_in(&[&e.title, &e.body]))
                .map(|e| e.id)
                .collect();
            assert_eq!(
                found(&file, query, stretches),
                expected,
                "{query:?} in {stretches} stretches"
            );
        }
    }
}

#[test]
fn other_writers_escapes_and_layout_are_read() {
    // Spaces, keys in another order, an escaped é and slash, a nested
    // object, a cut-off last line.
    let id = Uuid::now_v7();
    let file = format!(
        "{{ \"body\" : \"caf\\u00e9 and a\\/b\", \"extra\": {{\"x\": [1, \"}}\"]}}, \"id\": \"{id}\", \"title\": \"\" }}\n{{\"id\": \"{}\", \"bo",
        Uuid::now_v7()
    );
    assert_eq!(found(&file, "café", 1), HashSet::from([id]));
    assert_eq!(found(&file, "a/b", 2), HashSet::from([id]));
    assert!(found(&file, "u00e9", 1).is_empty());
}

#[test]
fn sealed_lines_are_not_searched_as_bytes() {
    let file = "age:AAAA\n";
    assert_eq!(
        search(file, &Query::new("a"), 1, |_| true),
        Err(NotSearchable)
    );
    // A damaged line in the middle is not skipped either.
    let file = format!(
        "{{oops\n{}\n",
        serde_json::to_string(&entry("a", "b")).unwrap()
    );
    assert_eq!(
        search(&file, &Query::new("a"), 1, |_| true),
        Err(NotSearchable)
    );
}

#[test]
fn newest_lines_come_first_and_a_search_can_stop() {
    let entries: Vec<JournalEntry> = (0..40).map(|n| entry("", &format!("word {n}"))).collect();
    let file: String = entries
        .iter()
        .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
        .collect();
    let mut batches = Vec::new();
    let done = search(&file, &Query::new("word"), 4, |ids| {
        batches.push(ids);
        batches.len() < 2
    });
    assert_eq!(done, Ok(false));
    assert_eq!(batches.len(), 2);
    assert_eq!(batches[0][0], entries[39].id, "the last line first");
}
