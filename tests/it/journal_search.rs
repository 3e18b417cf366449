//! A long journal's search runs over the journal file's bytes, behind the
//! list: it finds what searching the parsed entries finds, changes not
//! saved yet included, and it works while the journal is still being
//! read.

use std::collections::BTreeSet;

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, Wait};
use trustwork::domain::search::Query;
use trustwork::domain::{JournalEntry, NewEntry};
use trustwork::journal_view::{Filter, Source};

/// Enough entries for the search to run behind the list.
const ENTRIES: usize = 5_000;

fn journal_lines(author: uuid::Uuid) -> String {
    (0..ENTRIES)
        .map(|n| {
            let mut entry = JournalEntry::new(
                author,
                NewEntry {
                    title: if n % 3 == 0 {
                        format!("Walk {n}")
                    } else {
                        String::new()
                    },
                    body: format!(
                        "Day {n}.\n\nThe river{} was {}",
                        n % 7,
                        ["calm", "Ärger", "\"loud\""][n % 3]
                    ),
                    ..Default::default()
                },
                trustwork::domain::now(),
            );
            entry.created_at = at(1, 0) + chrono::Duration::minutes(n as i64);
            format!("{}\n", serde_json::to_string(&entry).unwrap())
        })
        .collect()
}

/// The rows the journal list shows.
fn rows(rt: &Runtime<'_>) -> Vec<Source> {
    match &rt.app.screen {
        Screen::Journal(list) => list.rows.clone(),
        _ => panic!("not on the journal list"),
    }
}

/// What searching the parsed journal lists for `query`.
fn parsed_search(rt: &Runtime<'_>, query: &str) -> Vec<Source> {
    let session = rt.app.session.as_ref().unwrap();
    let filter = Filter {
        query: Some(Query::new(query)),
        ..Filter::default()
    };
    session.sources(&content(), &filter).0
}

fn typed(rt: &mut Runtime<'_>, text: &str) {
    for c in text.chars() {
        rt.key(key(KeyCode::Char(c)));
    }
}

#[test]
fn a_long_journal_is_searched_as_bytes_and_finds_what_the_parsed_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let author = trustwork::storage::Store::read(&store, &name)
        .unwrap()
        .default_author();
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    std::fs::write(&journal, journal_lines(author)).unwrap();

    let app = trustwork::app::start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.key(key_of('2'));
    rt.key(key_of('/'));
    // Escapes in the file (`\n`, `\"`) neither hide a match nor make one.
    for query in [
        "river3",
        "ärger",
        "nthe",
        "\"loud\"",
        "walk -river1",
        "day 12.",
    ] {
        for _ in 0..20 {
            rt.key(key(KeyCode::Backspace));
        }
        typed(&mut rt, query);
        assert_eq!(rows(&rt), parsed_search(&rt, query), "{query:?}");
    }

    // A change not saved yet is searched in memory, not in the file.
    let session = rt.app.session.as_mut().unwrap();
    let first = session.journal().live().next().unwrap().id;
    let edit = trustwork::open::EntryEdit {
        title: "Zebra crossing".into(),
        body: "nothing else".into(),
        ..Default::default()
    };
    session.edit_entry(first, edit).unwrap();
    for _ in 0..20 {
        rt.key(key(KeyCode::Backspace));
    }
    typed(&mut rt, "zebra");
    assert_eq!(rows(&rt), vec![Source::Entry(first)]);
}

#[test]
fn behind_the_list_the_results_come_while_keys_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let author = trustwork::storage::Store::read(&store, &name)
        .unwrap()
        .default_author();
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    std::fs::write(&journal, journal_lines(author)).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();

    // The journal is still being read: the list comes from the index,
    // and a search goes ahead on the file's bytes.
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.search_behind = true;
    // The journal read whole after its index (not held in part: see
    // journal_in_part.rs).
    rt.in_part_from = usize::MAX;
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(rt.journal_pending());
    rt.key(key_of('2'));
    for k in [key_of('/'), key_of('r'), key_of('i'), key_of('v')] {
        assert!(rt.may_go_ahead(k), "{k:?} goes ahead on the index");
        rt.key(k);
    }
    // Typing was answered at once; the results come as they are found.
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Search riv"), "{drawn}");
    while rt.search_pending() {
        rt.search_arrived();
        std::thread::yield_now();
    }
    rt.search_arrived();
    let found: BTreeSet<Source> = rows(&rt).into_iter().collect();
    assert_eq!(found.len(), ENTRIES, "every entry mentions the river");

    // Once the journal is in, the same search lists the same rows.
    assert!(rt.journal_arrived(Wait::ForJournal));
    let found: Vec<Source> = rows(&rt);
    assert_eq!(found, parsed_search(&rt, "riv"));
}

fn key_of(c: char) -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Char(c))
}

#[test]
fn lines_appended_after_the_index_are_searched_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let author = trustwork::storage::Store::read(&store, &name)
        .unwrap()
        .default_author();
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    std::fs::write(&journal, journal_lines(author)).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();

    let app = trustwork::app::start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    // Another process adds entries (`journal add` from the shell): the
    // index is stale now, and its rows are still the start of the file.
    let mut added = String::new();
    for body in ["a zebra from the shell", "a river, but no stripes"] {
        let entry = JournalEntry::new(
            author,
            NewEntry {
                body: body.into(),
                ..Default::default()
            },
            trustwork::domain::now(),
        );
        added.push_str(&format!("{}\n", serde_json::to_string(&entry).unwrap()));
    }
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str(&added);
    std::fs::write(&journal, text).unwrap();
    assert!(rt.look_for_news(), "the app takes them in");
    rt.key(key_of('2'));
    rt.key(key_of('/'));
    for behind in [false, true] {
        rt.search_behind = behind;
        for query in ["zebra", "stripes -zebra", "river3", "shell"] {
            for _ in 0..20 {
                rt.key(key(KeyCode::Backspace));
            }
            typed(&mut rt, query);
            while rt.search_pending() {
                rt.search_arrived();
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            rt.search_arrived();
            assert_eq!(
                rows(&rt),
                parsed_search(&rt, query),
                "{query:?}, behind: {behind}"
            );
        }
    }
    assert_eq!(rows(&rt).len(), 1, "the shell's zebra");
}
