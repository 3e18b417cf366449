//! The journal index beside the journal: the app's list comes up from it
//! while the journal itself is read, and the journal replaces it.

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, Wait};
use trustwork::domain::{JournalEntry, NewEntry};

fn entry(title: &str, body: &str) -> JournalEntry {
    JournalEntry::new(
        uuid::Uuid::now_v7(),
        NewEntry {
            title: title.into(),
            body: body.into(),
            ..Default::default()
        },
        trustwork::domain::now(),
    )
}

#[test]
fn the_list_comes_up_from_the_index_and_the_journal_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    let lines: String = [
        entry("Walk by the river", "we talked"),
        entry("", "Dinner\nlate"),
    ]
    .iter()
    .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
    .collect();
    std::fs::write(&journal, lines).unwrap();

    // The first opening has no index: the journal is read, and the index
    // is written on the way.
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(!rt.may_go_ahead(key_of('2')), "no index yet: keys wait");
    assert!(rt.journal_arrived(Wait::ForJournal));
    let index = dir.path().join(format!("{name}.journal.idx"));
    assert!(index.exists(), "the index is written beside the journal");
    let held = rt.app.session.as_ref().unwrap().key().clone();
    drop(rt);
    trustwork::storage::Store::close(&mut store, &held);

    // The next opening: the index comes first; going to the journal and
    // moving in it go ahead on it, with headlines and no bodies.
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(rt.journal_pending(), "the index came first");
    {
        assert!(rt.may_go_ahead(key_of('2')));
        rt.key(key_of('2'));
        assert!(matches!(rt.app.screen, Screen::Journal(_)));
        let drawn = render(&rt.app, 100, 30);
        assert!(drawn.contains("Walk by the river"), "{drawn}");
        assert!(drawn.contains("Dinner"), "{drawn}");
        assert!(rt.may_go_ahead(key(KeyCode::Down)));
        // Anything that needs the journal waits for it.
        assert!(!rt.may_go_ahead(key_of('a')));
        // The list is the index's: no entry of the journal is in memory.
        let session = rt.app.session.as_ref().unwrap();
        assert!(!session.journal_loaded());
        assert!(session.showing_index());
        assert!(session.journal().is_empty());
    }
    assert!(rt.journal_arrived(Wait::ForJournal));
    let session = rt.app.session.as_ref().unwrap();
    assert!(session.journal_loaded());
    assert!(!session.showing_index());
    assert!(session.journal().live().any(|e| e.body == "we talked"));
}

#[test]
fn a_save_keeps_the_index_fresh_for_the_next_opening() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    let first = format!("{}\n", serde_json::to_string(&entry("Old", "x")).unwrap());
    std::fs::write(&journal, first).unwrap();

    // A sitting: the journal is read (and indexed), an entry is added
    // and one edited, each saved.
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForJournal));
    let session = rt.app.session.as_mut().unwrap();
    let added = session
        .add_entry(NewEntry {
            title: "Written today".into(),
            body: "by the sea".into(),
            ..Default::default()
        })
        .unwrap();
    session.save(rt.store).unwrap();
    let old = session
        .journal()
        .live()
        .find(|e| e.title == "Old")
        .unwrap()
        .id;
    let edit = trustwork::open::EntryEdit {
        title: "Old, renamed".into(),
        body: "x".into(),
        ..Default::default()
    };
    session.edit_entry(old, edit).unwrap();
    session.save(rt.store).unwrap();
    let held = session.key().clone();
    drop(rt);
    trustwork::storage::Store::close(&mut store, &held);
    store.settle_index();

    // The index followed both saves: fresh, and what a rebuild makes.
    let index = trustwork::storage::journal_index::read_fresh(&journal).expect("fresh");
    let headlines: Vec<&str> = index.rows().map(|r| r.headline()).collect();
    assert_eq!(headlines, ["Written today", "Old, renamed"]);
    assert_eq!(index.find(added).unwrap().headline(), "Written today");

    // So the next opening lists from it before the journal is in.
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(rt.journal_pending(), "the index came first");
    rt.key(key_of('2'));
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("Written today"), "{drawn}");
    assert!(drawn.contains("Old, renamed"), "{drawn}");
}

#[test]
fn a_stale_or_damaged_index_is_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    let line = |title: &str| format!("{}\n", serde_json::to_string(&entry(title, "x")).unwrap());
    let (first, second, third) = (line("Old title"), line("New title"), line("Third title"));
    std::fs::write(&journal, &first).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    let index = dir.path().join(format!("{name}.journal.idx"));
    assert!(index.exists());
    let close = |rt: Runtime<'_>| rt.app.session.as_ref().unwrap().key().clone();

    // The journal grows behind the index's back (another process): only
    // the new line is read, and the index, caught up, comes first.
    std::fs::write(&journal, format!("{first}{second}")).unwrap();
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(rt.journal_pending(), "the caught-up index came first");
    let fresh = trustwork::storage::journal_index::read_fresh(&journal).expect("caught up");
    assert_eq!(fresh.len(), 2);
    rt.key(key_of('2'));
    let drawn = render(&rt.app, 100, 30);
    assert!(
        drawn.contains("New title") && drawn.contains("Old title"),
        "{drawn}"
    );
    assert!(rt.journal_arrived(Wait::ForJournal));
    let held = close(rt);
    trustwork::storage::Store::close(&mut store, &held);

    // Written anew under the index (its start is not what the index was
    // made from): no stand-in, the first word is the journal itself.
    std::fs::write(&journal, format!("{third}{second}")).unwrap();
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(!rt.journal_pending());
    let session = rt.app.session.as_ref().unwrap();
    let titles: Vec<&str> = session.journal().live().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"Third title") && !titles.contains(&"Old title"));
    let held = close(rt);
    trustwork::storage::Store::close(&mut store, &held);

    // A damaged index is the same: not read, and written anew.
    std::fs::write(&index, b"{\"trustwork_journal_index\":1}\ngarbage\n").unwrap();
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(!rt.journal_pending());
    let rows = trustwork::storage::journal_index::read_fresh(&journal).expect("mended");
    assert_eq!(rows.len(), 2);
}

fn key_of(c: char) -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Char(c))
}

#[test]
fn an_entry_opens_from_its_line_before_the_journal_is_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, name) = store_with_sam(dir.path());
    let journal = dir.path().join(format!("{name}.journal.jsonl"));
    let lines: String = [
        entry("Older", "an older body"),
        entry("Walk by the river", "we talked for an hour"),
    ]
    .iter()
    .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
    .collect();
    std::fs::write(&journal, lines).unwrap();
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();

    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.begin_journal_load();
    assert!(rt.journal_arrived(Wait::ForFirstWord));
    assert!(rt.journal_pending());
    rt.key(key_of('2'));
    // Enter reads the selected entry's line; the entry opens whole.
    assert!(rt.may_go_ahead(key(KeyCode::Enter)));
    rt.key(key(KeyCode::Enter));
    assert!(matches!(rt.app.screen, Screen::Entry(_)));
    let drawn = render(&rt.app, 100, 30);
    assert!(drawn.contains("we talked for an hour"), "{drawn}");
    // Reading and leaving go ahead; changing it waits for the journal.
    assert!(rt.may_go_ahead(key(KeyCode::Down)));
    assert!(!rt.may_go_ahead(key_of('e')));
    assert!(!rt.may_go_ahead(key_of('d')));
    assert!(rt.may_go_ahead(key(KeyCode::Esc)));
    rt.key(key(KeyCode::Esc));
    assert!(matches!(rt.app.screen, Screen::Journal(_)));
    assert!(!rt.app.session.as_ref().unwrap().journal_loaded());

    // A journal that changed under the index: the line is not the entry,
    // so Enter waits for the journal instead of showing something else.
    std::fs::write(&journal, "\n".repeat(4096)).unwrap();
    assert!(!rt.may_go_ahead(key(KeyCode::Enter)));
}

#[test]
fn an_entry_added_from_the_command_line_keeps_a_fresh_index_fresh() {
    use crate::support::cli::{tw_run, with_sam};
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "First words"]).ok();
    // An index made now, as the app's opening makes it.
    let journal = dir.join("sam.journal.jsonl");
    trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    tw_run(
        &dir,
        &["journal", "add", "--title", "From the shell", "later words"],
    )
    .ok();
    // The next opening lists from it, without reading the journal whole
    // to rebuild it.
    let index = trustwork::storage::journal_index::read_fresh(&journal).expect("still fresh");
    let headlines: Vec<&str> = index.rows().map(|r| r.headline()).collect();
    assert_eq!(headlines, ["From the shell", "First words"]);
}

#[test]
fn a_run_of_saves_writes_the_index_once_when_the_workbook_is_closed() {
    use trustwork::storage::{Store, journal_index};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = store_with_sam(dir.path());
    let journal = store.journal_path_of(&key);
    std::fs::write(
        &journal,
        format!("{}\n", serde_json::to_string(&entry("Old", "x")).unwrap()),
    )
    .unwrap();
    journal_index::read_and_index(&journal).unwrap();
    let index_file = journal_index::path_of(&journal);
    let written_at = || std::fs::metadata(&index_file).unwrap().modified().unwrap();
    let first = written_at();
    {
        let mut held =
            trustwork::open::Held::open(&mut store, key.clone(), trustwork::domain::Clock::System)
                .unwrap();
        held.load_journal().unwrap();
        for n in 0..3 {
            held.add_entry(NewEntry {
                title: format!("Saved {n}"),
                body: "by the sea".into(),
                ..Default::default()
            })
            .unwrap();
            held.save().unwrap();
        }
        // Three saves, and the index not written for each of them.
        assert_eq!(written_at(), first);
    }
    // Closed: written once, for all three.
    let index = journal_index::read_fresh(&journal).expect("fresh");
    let headlines: Vec<&str> = index.rows().map(|r| r.headline()).collect();
    assert_eq!(headlines, ["Saved 2", "Saved 1", "Saved 0", "Old"]);
    store.close(&key);
}
