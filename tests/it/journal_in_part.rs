//! A journal of years is held in part: the list comes from the index,
//! and an entry is read from its own line when it is opened, changed or
//! deleted. Nothing waits for the whole journal but the changes that
//! rewrite its file, and nothing written in part loses an entry.

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, Wait};
use trustwork::domain::{JournalEntry, NewEntry};
use trustwork::journal_view::Source;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

const ENTRIES: usize = 300;

fn journal_lines(author: uuid::Uuid) -> String {
    (0..ENTRIES)
        .map(|n| {
            let mut entry = JournalEntry::new(
                author,
                NewEntry {
                    title: format!("Walk {n}"),
                    body: format!("Day {n}.\n\nThe river was calm"),
                    ..Default::default()
                },
                trustwork::domain::now(),
            );
            entry.created_at = at(1, 0) + chrono::Duration::minutes(n as i64);
            format!("{}\n", serde_json::to_string(&entry).unwrap())
        })
        .collect()
}

/// A store holding Sam's workbook with a journal of `ENTRIES` entries
/// and its index.
fn long_journal(dir: &std::path::Path) -> (JsonStore, WorkbookKey) {
    let (store, key) = store_with_sam(dir);
    let author = store.read(&key).unwrap().default_author();
    let journal = store.journal_path_of(&key);
    std::fs::write(&journal, journal_lines(author)).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    (store, key)
}

/// The app started on `store` with the journal held in part.
fn in_part(store: &mut JsonStore) -> Runtime<'_> {
    let app = trustwork::app::start_with(content(), store, None, true).unwrap();
    let mut rt = Runtime::new(app, store);
    rt.in_part_from = 100;
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(!rt.journal_pending(), "nothing more is read");
    rt
}

fn held(rt: &Runtime<'_>) -> usize {
    rt.app.session.as_ref().unwrap().journal().len()
}

fn in_part_still(rt: &Runtime<'_>) -> bool {
    rt.app.session.as_ref().unwrap().journal_in_part()
}

fn rows(rt: &Runtime<'_>) -> Vec<Source> {
    match &rt.app.screen {
        Screen::Journal(list) => list.rows.clone(),
        _ => panic!("not on the journal list"),
    }
}

/// The journal as the file holds it, read whole.
fn on_disk(rt: &Runtime<'_>, key: &WorkbookKey) -> trustwork::domain::Journal {
    rt.store.read_journal(key).unwrap()
}

#[test]
fn entries_are_read_opened_written_edited_and_deleted_without_the_whole_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = long_journal(dir.path());
    let path = store.journal_path_of(&key);
    let mut rt = in_part(&mut store);
    assert!(in_part_still(&rt));
    assert_eq!(held(&rt), 0, "no entry is read until one is needed");

    press(&mut rt, &[KeyCode::Char('2')]);
    assert_eq!(rows(&rt).len(), ENTRIES);
    // The newest entry, opened: read from its line, body and all.
    press(&mut rt, &[KeyCode::Enter]);
    let drawn = render(&rt.app, 100, 30);
    assert!(
        drawn.contains("Day 299.") && drawn.contains("river"),
        "{drawn}"
    );
    assert_eq!(held(&rt), 1);
    press(&mut rt, &[KeyCode::Esc]);

    // A new entry: saved as an append, listed first.
    press(&mut rt, &[KeyCode::Char('a')]);
    type_text(&mut rt, "Written in part");
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.status.as_deref(), Some("Saved to your journal."));
    assert_eq!(on_disk(&rt, &key).live().count(), ENTRIES + 1);
    assert_eq!(rows(&rt).len(), ENTRIES + 1);
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Written in part"), "{drawn}");

    // An older entry edited: the list shows the new words; the file keeps
    // every entry.
    press(&mut rt, &[KeyCode::Down, KeyCode::Down, KeyCode::Char('e')]);
    type_text(&mut rt, " and the sea");
    press(&mut rt, &[KeyCode::Esc]);
    let journal = on_disk(&rt, &key);
    assert_eq!(journal.live().count(), ENTRIES + 1);
    assert!(
        journal
            .live()
            .any(|e| e.body == "Day 298.\n\nThe river was calm and the sea"),
        "the edit is on disk"
    );

    // Deleted, then undone; deleted again and found in the trash.
    press(&mut rt, &[KeyCode::Char('d')]);
    assert_eq!(on_disk(&rt, &key).trashed().count(), 1);
    assert_eq!(rows(&rt).len(), ENTRIES);
    press(&mut rt, &[KeyCode::Char('u')]);
    assert_eq!(on_disk(&rt, &key).trashed().count(), 0);
    assert_eq!(rows(&rt).len(), ENTRIES + 1);
    press(&mut rt, &[KeyCode::Char('d'), KeyCode::Char('t')]);
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Walk 298"), "{drawn}");
    assert!(
        in_part_still(&rt),
        "nothing so far needed the whole journal"
    );
    assert!(held(&rt) < 10, "only what was used is held: {}", held(&rt));

    // Emptying the trash writes the file anew, still in part: the lines
    // of the entries not held are copied, every line of the deleted one
    // goes, and every other entry stays.
    press(&mut rt, &[KeyCode::Char('X'), KeyCode::Char('y')]);
    assert!(in_part_still(&rt));
    let journal = on_disk(&rt, &key);
    assert_eq!(journal.live().count(), ENTRIES);
    assert_eq!(journal.trashed().count(), 0);
    assert!(journal.live().any(|e| e.body == "Written in part"));
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(!raw.contains("and the sea"), "purged words left on disk");
    assert_eq!(raw.lines().count(), ENTRIES, "one line an entry");
    // The list and the entries' lines follow the new file.
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rows(&rt).len(), ENTRIES);
    press(&mut rt, &[KeyCode::End, KeyCode::Enter]);
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Day 0."), "{drawn}");
    let index = trustwork::storage::journal_index::read_fresh(&path).expect("a fresh index");
    assert_eq!(index.len(), ENTRIES);
    assert!(held(&rt) < 10, "still only what was used: {}", held(&rt));
}

#[test]
fn many_changes_in_part_append_and_never_rewrite_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = long_journal(dir.path());
    let mut rt = in_part(&mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Down]);
    // Far more saves of one entry than a whole journal would take before
    // compacting its file: a partial one must never rewrite it.
    for n in 0..80 {
        press(&mut rt, &[KeyCode::Char('e')]);
        type_text(&mut rt, &format!(" {n}"));
        press(&mut rt, &[KeyCode::Esc]);
    }
    assert!(in_part_still(&rt));
    let journal = on_disk(&rt, &key);
    assert_eq!(journal.live().count(), ENTRIES);
    let edited = journal.live().find(|e| e.title == "Walk 298").unwrap();
    assert!(edited.body.ends_with(" 78 79"), "{}", edited.body);
}

#[test]
fn an_entry_added_from_the_shell_is_listed_and_the_whole_journal_keeps_changes_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = long_journal(dir.path());
    let path = store.journal_path_of(&key);
    let author = store.read(&key).unwrap().default_author();
    let mut rt = in_part(&mut store);
    press(&mut rt, &[KeyCode::Char('2')]);

    // Another process appends an entry: it comes in from where the index
    // ends, alone.
    let mut entry = JournalEntry::new(
        author,
        NewEntry {
            title: "From the shell".into(),
            body: "added beside the app".into(),
            ..Default::default()
        },
        trustwork::domain::now(),
    );
    entry.created_at = at(20, 0);
    let line = format!("{}\n", serde_json::to_string(&entry).unwrap());
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    assert!(rt.look_for_news());
    assert_eq!(held(&rt), 1);
    assert_eq!(rows(&rt)[0], Source::Entry(entry.id));
    assert_eq!(rows(&rt).len(), ENTRIES + 1);

    // A change not saved yet, then the whole journal read: the change is
    // kept, to be saved, and every entry is there once.
    let session = rt.app.session.as_mut().unwrap();
    let weeks_in_part = session.written_per_week(&content(), 12);
    let oldest = match rows(&rt).last() {
        Some(Source::Entry(id)) => *id,
        other => panic!("{other:?}"),
    };
    rt.dispatch(trustwork::action::Action::Bottom);
    let session = rt.app.session.as_mut().unwrap();
    let line = session.index().unwrap().find(oldest).unwrap().line();
    let read = rt.store.read_entry_at(&key, oldest, line).unwrap();
    let session = rt.app.session.as_mut().unwrap();
    assert!(session.show_entry(read));
    session
        .edit_entry(
            oldest,
            trustwork::open::EntryEdit {
                title: "Walk 0".into(),
                body: "changed, not saved yet".into(),
                ..Default::default()
            },
        )
        .unwrap();
    rt.load_journal();
    let session = rt.app.session.as_ref().unwrap();
    assert!(!session.journal_in_part());
    assert_eq!(session.journal().len(), ENTRIES + 1);
    assert_eq!(
        session.journal().get(oldest).unwrap().body,
        "changed, not saved yet"
    );
    assert_eq!(session.written_per_week(&content(), 12), weeks_in_part);
    // The app saves what changed once the journal is in.
    let journal = on_disk(&rt, &key);
    assert_eq!(journal.len(), ENTRIES + 1);
    assert_eq!(journal.get(oldest).unwrap().body, "changed, not saved yet");
}

const ALEX_WORDS: &str = "I looked at the flat listings again tonight";

/// `count` entries written as the person at the keyboard, each with
/// Alex's words and its number.
fn alex_writes(held: &mut trustwork::open::Held<'_>, count: usize) {
    for n in 0..count {
        held.add_entry(NewEntry {
            body: format!("{ALEX_WORDS} ({n})"),
            ..Default::default()
        })
        .unwrap();
    }
}

#[test]
fn held_in_part_each_person_sees_only_their_own_private_entries_sealed_ones_included() {
    use trustwork::domain::Clock;
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = alex_and_sam(&mut store);
    let secret = || age::secrecy::SecretString::from("a river at dawn".to_string());
    // Alex keeps her space behind a passphrase; both write, privately.
    let (alex, sam) = {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let (alex, sam) = (
            held.workbook().participants[0].id,
            held.workbook().participants[1].id,
        );
        give_passphrase(&mut held, alex, &secret());
        held.load_journal().unwrap();
        held.switch_to(alex).unwrap();
        alex_writes(&mut held, 60);
        held.switch_to(sam).unwrap();
        for n in 0..60 {
            held.add_entry(NewEntry {
                body: format!("Sam's own page {n}"),
                ..Default::default()
            })
            .unwrap();
        }
        held.save().unwrap();
        (alex, sam)
    };
    let journal = store.journal_path_of(&key);
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();

    let mut rt = in_part(&mut store);
    let session = rt.app.session.as_ref().unwrap();
    assert_eq!(
        session.writer(),
        sam,
        "it opens for the one without a passphrase"
    );
    press(&mut rt, &[KeyCode::Char('2')]);
    assert_eq!(rows(&rt).len(), 60);
    let mut seen = render(&rt.app, 120, 40);
    press(&mut rt, &[KeyCode::Char('/')]);
    type_text(&mut rt, "flat");
    assert!(rows(&rt).is_empty(), "Sam finds none of Alex's words");
    seen.push_str(&render(&rt.app, 120, 40));
    assert!(!seen.contains("flat listings"), "{seen}");

    // Alex, with her passphrase: her sealed entries are read in and opened.
    let session = rt.app.session.as_mut().unwrap();
    assert!(session.unlock_person(alex, &secret()));
    session.switch_to(alex).unwrap();
    press(
        &mut rt,
        &[KeyCode::Esc, KeyCode::Char('1'), KeyCode::Char('2')],
    );
    assert_eq!(rows(&rt).len(), 60);
    let drawn = render(&rt.app, 120, 40);
    assert!(drawn.contains("flat listings"), "{drawn}");
    assert!(!drawn.contains("Sam's own page"), "{drawn}");
    // She finds her own words, sealed on disk, by searching.
    press(&mut rt, &[KeyCode::Char('/')]);
    type_text(&mut rt, "flat");
    assert_eq!(rows(&rt).len(), 60);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc]);

    // Back to Sam: nothing of hers, though it is in memory now.
    let session = rt.app.session.as_mut().unwrap();
    session.switch_to(sam).unwrap();
    press(&mut rt, &[KeyCode::Char('1'), KeyCode::Char('2')]);
    let mut seen = render(&rt.app, 120, 40);
    press(&mut rt, &[KeyCode::Enter]);
    seen.push_str(&render(&rt.app, 120, 40));
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('/')]);
    type_text(&mut rt, "flat");
    seen.push_str(&render(&rt.app, 120, 40));
    assert!(rows(&rt).is_empty());
    assert!(!seen.contains("flat listings"), "{seen}");
    // Her words are sealed in every file of the data folder.
    assert_nowhere_in_plain(dir.path(), "flat listings");
}

/// Every file under `dir`, recursively, as text.
fn every_file(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            found.extend(every_file(&path));
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            found.push((path, text));
        }
    }
    found
}

#[test]
fn a_first_passphrase_set_in_part_seals_every_private_line_and_copy() {
    use trustwork::domain::Clock;
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = alex_and_sam(&mut store);
    // Alex writes privately, with no passphrase yet: plain on disk, and in
    // the journal's backup copy.
    let alex = {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let alex = held.workbook().participants[0].id;
        held.load_journal().unwrap();
        alex_writes(&mut held, 150);
        held.save().unwrap();
        alex
    };
    let journal = store.journal_path_of(&key);
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    assert!(
        every_file(dir.path())
            .iter()
            .any(|(_, text)| text.contains("flat listings"))
    );

    // In part, Alex answers her private questions and sets a passphrase.
    let mut rt = in_part(&mut store);
    let session = rt.app.session.as_mut().unwrap();
    assert_eq!(session.writer(), alex);
    let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
    give_passphrase(session, alex, &secret);
    press(&mut rt, &[KeyCode::Char('2')]);

    // Her words are sealed in every file, copies included; every entry is
    // still there, and she reads them.
    assert_nowhere_in_plain(dir.path(), "flat listings");
    assert!(in_part_still(&rt));
    assert_eq!(on_disk(&rt, &key).len(), 150);
    let drawn = render(&rt.app, 120, 40);
    assert!(drawn.contains("flat listings"), "{drawn}");
    press(&mut rt, &[KeyCode::End, KeyCode::Enter]);
    let drawn = render(&rt.app, 120, 40);
    assert!(drawn.contains("(0)"), "{drawn}");
}

#[test]
fn emptying_the_trash_in_part_says_so_in_its_frame_before_the_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = long_journal(dir.path());
    let mut rt = in_part(&mut store);
    // As the terminal's loop runs it: long work after its frame.
    rt.slow_after_frame = true;
    press(
        &mut rt,
        &[
            KeyCode::Char('2'),
            KeyCode::Char('d'),
            KeyCode::Char('t'),
            KeyCode::Char('X'),
            KeyCode::Char('y'),
        ],
    );
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Emptying the trash…"), "{drawn}");
    assert_eq!(on_disk(&rt, &key).trashed().count(), 1, "not yet");
    assert!(rt.run_after_frame());
    assert!(!rt.run_after_frame(), "once");
    let journal = on_disk(&rt, &key);
    assert_eq!(journal.trashed().count(), 0);
    assert_eq!(journal.live().count(), ENTRIES - 1);
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Deleted 1 entry for good"), "{drawn}");
}

#[test]
fn an_entry_kept_to_herself_again_leaves_no_plain_line_or_copy() {
    use trustwork::domain::Clock;
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = alex_and_sam(&mut store);
    let secret = || age::secrecy::SecretString::from("a river at dawn".to_string());
    // Alex, with a passphrase, shares one entry among many.
    {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let alex = held.workbook().participants[0].id;
        give_passphrase(&mut held, alex, &secret());
        held.load_journal().unwrap();
        held.switch_to(alex).unwrap();
        for n in 0..150 {
            let id = held
                .add_entry(NewEntry {
                    body: format!("Alex's page {n}"),
                    ..Default::default()
                })
                .unwrap();
            if n == 149 {
                held.share(&Source::Entry(id), true).unwrap();
                held.edit_entry(
                    id,
                    trustwork::open::EntryEdit {
                        body: ALEX_WORDS.into(),
                        ..Default::default()
                    },
                )
                .unwrap();
            }
        }
        held.save().unwrap();
    }
    let journal = store.journal_path_of(&key);
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    assert!(
        std::fs::read_to_string(&journal)
            .unwrap()
            .contains("flat listings")
    );

    // In part, she keeps it to herself again (S on the newest entry).
    let mut rt = in_part(&mut store);
    let session = rt.app.session.as_mut().unwrap();
    let alex = session.workbook().participants[0].id;
    assert!(session.unlock_person(alex, &secret()));
    session.switch_to(alex).unwrap();
    rt.slow_after_frame = true;
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('S')]);
    assert!(render(&rt.app, 120, 40).contains("Keeping it to yourself"));
    assert!(rt.run_after_frame());
    assert_nowhere_in_plain(dir.path(), "flat listings");
    assert_eq!(on_disk(&rt, &key).len(), 150);
    assert!(in_part_still(&rt));
}

#[test]
fn a_workbook_opened_again_from_the_list_is_held_in_part_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = long_journal(dir.path());
    let mut rt = in_part(&mut store);
    // As the terminal's loop runs it.
    rt.journal_later = true;
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, "Before the list");
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc, KeyCode::Esc]);
    assert!(rt.app.session.is_none(), "on the workbook list");
    press(&mut rt, &[KeyCode::Enter]);
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(!rt.journal_pending());
    assert!(in_part_still(&rt));
    assert_eq!(held(&rt), 0);
    press(&mut rt, &[KeyCode::Char('2')]);
    assert_eq!(rows(&rt).len(), ENTRIES + 1);
    assert!(render(&rt.app, 100, 30).contains("Before the list"));
}

/// `who` answers their private questions and sets a passphrase of their
/// own, as the app offers it then.
fn give_passphrase(
    open: &mut trustwork::open::OpenWorkbook,
    who: uuid::Uuid,
    secret: &age::secrecy::SecretString,
) {
    let answers = trustwork::content::SCREENING_IDS
        .map(|id| (id.to_string(), trustwork::domain::ScreeningAnswer::No))
        .into();
    open.screen(who, answers);
    open.set_passphrase(who, secret).unwrap();
}

#[test]
fn a_sealing_that_never_reached_the_disk_is_done_at_the_next_opening() {
    use trustwork::domain::Clock;
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = alex_and_sam(&mut store);
    let journal = store.journal_path_of(&key);
    // Alex writes privately, then sets a passphrase; the journal's
    // sealing does not reach the disk (a full disk): its plain lines
    // are back, while the workbook holds her key.
    let plain = {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let alex = held.workbook().participants[0].id;
        held.load_journal().unwrap();
        alex_writes(&mut held, 150);
        held.save().unwrap();
        let plain = std::fs::read(&journal).unwrap();
        let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
        give_passphrase(&mut held, alex, &secret);
        held.save().unwrap();
        plain
    };
    std::fs::write(&journal, plain).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();

    // The next opening, held in part, by Sam, without her passphrase.
    let mut rt = in_part(&mut store);
    press(&mut rt, &[KeyCode::Char('2')]);
    assert_nowhere_in_plain(dir.path(), "flat listings");
    assert_eq!(on_disk(&rt, &key).len(), 150);
    assert!(!render(&rt.app, 120, 40).contains("flat listings"));
}

/// Fails if any file under `dir` holds `words` in plain text.
fn assert_nowhere_in_plain(dir: &std::path::Path, words: &str) {
    for (path, text) in every_file(dir) {
        assert!(!text.contains(words), "in plain text in {}", path.display());
    }
}

/// The search behind the list is run again when another process adds
/// to the journal while it is on screen: the new entry is listed if it
/// matches, and the selection stays where it was.
#[test]
fn a_search_on_screen_takes_in_what_another_process_adds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, workbook) = long_journal(dir.path());
    let path = store.journal_path_of(&workbook);
    let author = store.read(&workbook).unwrap().default_author();
    let mut rt = in_part(&mut store);
    rt.search_behind = true;
    let wait = |rt: &mut Runtime<'_>| {
        while rt.search_pending() {
            rt.search_arrived();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        rt.search_arrived();
    };
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('/')]);
    for c in "Walk 1".chars() {
        rt.key(key(KeyCode::Char(c)));
    }
    wait(&mut rt);
    // `walk` and `1`: every walk whose number has a 1 in it.
    let ones = (0..ENTRIES).filter(|n| n.to_string().contains('1')).count();
    assert_eq!(rows(&rt).len(), ones);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Down]);
    let selected = rows(&rt)[2].clone();

    let added = |title: &str, minute: i64| {
        let mut entry = JournalEntry::new(
            author,
            NewEntry {
                title: title.into(),
                body: "from the shell".into(),
                ..Default::default()
            },
            trustwork::domain::now(),
        );
        entry.created_at = at(1, 0) + chrono::Duration::minutes(minute);
        use std::io::Write;
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(format!("{}\n", serde_json::to_string(&entry).unwrap()).as_bytes())
            .unwrap();
        entry.id
    };
    // One that matches (older than the selected rows), one that does not.
    let matching = added("Walk 1, again", -5);
    added("A swim", -4);
    assert!(rt.look_for_news());
    wait(&mut rt);
    let listed = rows(&rt);
    assert_eq!(listed.len(), ones + 1, "the new match, not the other");
    assert_eq!(listed.last(), Some(&Source::Entry(matching)));
    let Screen::Journal(list) = &rt.app.screen else {
        panic!("not on the list")
    };
    assert_eq!(list.selected(), Some(&selected), "the selection stays");
}
