//! The journal in the TUI: snapshots of its screens, and key-driven runs
//! that add, edit, search, delete, undo and empty the trash, saved to a
//! real store.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::action::{Action, Section};
use trustwork::app::{App, Loaded, Runtime, Screen, start};
use trustwork::domain::{
    Answer, AnswerValue, Clock, Journal, Mood, NewWorkbook, RelationshipKind, Role,
};
use trustwork::storage::{JsonStore, Store, WorkbookKey};

const REFLECTION: &str = "acknowledge/name-what-happened/what-happened";

/// A journal with a few entries in different stages and moods.
fn sample_journal() -> Journal {
    Journal::from_entries(vec![
        entry(
            1,
            10,
            "First week",
            "I keep going over the messages on the phone. It feels unreal.",
            Some("acknowledge"),
            Some(Mood::Numb),
        ),
        entry(
            2,
            12,
            "",
            "Talked for ten minutes without shouting. Small, but real.",
            Some("communicate"),
            Some(Mood::Hopeful),
        ),
        entry(
            3,
            14,
            "Angry day",
            "Anger came back hard when the phone buzzed at dinner. I said so calmly.",
            None,
            Some(Mood::Angry),
        ),
        entry(
            4,
            16,
            "信頼について",
            "少しずつ。Walked by the river 🙂 and felt calm for the first time.",
            Some("self-care"),
            Some(Mood::Calm),
        ),
        entry(
            5,
            18,
            "",
            "No title on this one, just a line about sleep.",
            None,
            None,
        ),
    ])
}

fn opened_app() -> App {
    let mut app = App::new(content(), Vec::new());
    app.set_clock(Clock::Fixed(at(20, 9)));
    let mut wb = workbook("Alex", Role::Hurt);
    wb.progress.answers.insert(
        REFLECTION.into(),
        Answer {
            value: AnswerValue::Text("The late messages, and the lies about them.".into()),
            updated_at: at(11, 22),
            author: None,
            private: false,
        },
    );
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(Loaded {
            workbook: wb,
            journal: sample_journal(),
        })),
    ));
    app.update(Action::Section(Section::Journal));
    app
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

#[test]
fn journal_list() {
    let app = opened_app();
    snap("journal_list", &app);
    insta::assert_snapshot!("journal_list_40x12", render(&app, 40, 12));
}

#[test]
fn journal_entry_view() {
    let mut app = opened_app();
    app.update(Action::Down);
    app.update(Action::Select);
    snap("journal_entry", &app);
}

#[test]
fn journal_search_marks_matches() {
    let mut app = opened_app();
    app.update(Action::Search);
    for c in "PHONE".chars() {
        app.update(Action::Type(key(KeyCode::Char(c))));
    }
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&app, w, h);
        let marked = reversed_runs(&render_buffer(&app, w, h));
        insta::assert_snapshot!(
            format!("journal_search_{w}x{h}"),
            format!("{screen}\nhighlighted: {marked:?}")
        );
    }
    // Both entries that mention the phone, and only those.
    let Screen::Journal(journal) = &app.screen else {
        panic!("still in the journal")
    };
    assert_eq!(journal.rows.len(), 2);
}

#[test]
fn journal_trash() {
    let mut app = opened_app();
    app.update(Action::Delete);
    app.update(Action::Down);
    app.update(Action::Delete);
    app.update(Action::OpenTrash);
    snap("journal_trash", &app);
    app.update(Action::EmptyTrash);
    insta::assert_snapshot!("journal_trash_confirm_80x24", render(&app, 80, 24));
}

#[test]
fn journal_entry_form() {
    let mut app = opened_app();
    app.update(Action::NewEntry);
    for c in "Better today".chars() {
        app.update(Action::Type(key(KeyCode::Char(c))));
    }
    app.update(Action::NextField);
    for c in "A title".chars() {
        app.update(Action::Type(key(KeyCode::Char(c))));
    }
    app.update(Action::NextField);
    app.update(Action::Type(key(KeyCode::Right)));
    snap("journal_form", &app);
}

#[test]
fn filters_narrow_by_stage_and_mood_and_esc_clears_them() {
    let mut app = opened_app();
    let rows = |app: &App| match &app.screen {
        Screen::Journal(j) => j.rows.len(),
        _ => panic!("not the journal"),
    };
    assert_eq!(rows(&app), 6, "five entries and one reflection");
    app.update(Action::CycleStageFilter); // acknowledge
    assert_eq!(rows(&app), 2, "an entry and the stage-1 reflection");
    app.update(Action::CycleMoodFilter); // calm
    assert_eq!(rows(&app), 0);
    app.update(Action::Back);
    assert_eq!(rows(&app), 6);
    app.update(Action::Back);
    assert!(matches!(app.screen, Screen::Overview(_)));
}

// ---- Key-driven runs against a real store ----

fn store_with_workbook() -> (tempfile::TempDir, JsonStore, WorkbookKey) {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(tmp.path().join("data")).unwrap();
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    (tmp, store, key)
}

fn reopen(store: &mut JsonStore, key: &WorkbookKey) -> Journal {
    store.read_journal(key).unwrap()
}

#[test]
fn write_an_entry_with_keys_and_find_it_after_a_restart() {
    let (_tmp, mut store, key) = store_with_workbook();
    {
        let app = start(content(), &mut store, None).unwrap();
        let mut rt = Runtime::new(app, &mut store);
        press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
        type_text(&mut rt, "Walked together. Ärger faded a little.");
        press(&mut rt, &[KeyCode::Tab]);
        type_text(&mut rt, "Evening walk");
        press(
            &mut rt,
            &[
                KeyCode::Tab,
                KeyCode::Right,
                KeyCode::Tab,
                KeyCode::Right,
                KeyCode::Right,
            ],
        );
        press(&mut rt, &[KeyCode::Esc]);
        assert_eq!(rt.app.status.as_deref(), Some("Saved to your journal."));
        press(&mut rt, &[KeyCode::Char('q')]);
    }
    // As when the process ends: the lock goes.
    store.close(&key);
    let journal = reopen(&mut store, &key);
    let entry = &journal.entries()[0];
    assert_eq!(entry.title, "Evening walk");
    assert_eq!(entry.body, "Walked together. Ärger faded a little.");
    assert_eq!(entry.stage.as_deref(), Some("acknowledge"));
    assert_eq!(entry.mood, Some(Mood::Hopeful));

    // Search finds it by a word in the body, whatever its case.
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('/')]);
    type_text(&mut rt, "ärger");
    let Screen::Journal(journal) = &rt.app.screen else {
        panic!("in the journal")
    };
    assert_eq!(journal.rows.len(), 1);
    type_text(&mut rt, "x");
    let Screen::Journal(journal) = &rt.app.screen else {
        panic!("in the journal")
    };
    assert!(journal.rows.is_empty());
}

#[test]
fn edit_delete_undo_and_empty_the_trash() {
    let (_tmp, mut store, key) = store_with_workbook();
    let path = store.journal_path_of(&key);
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, "private words");
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('e')]);
    type_text(&mut rt, ", edited");
    press(&mut rt, &[KeyCode::Esc]);
    // Delete, then undo: back in the list.
    press(&mut rt, &[KeyCode::Char('d')]);
    assert_eq!(rt.store.read_journal(&key).unwrap().trashed().count(), 1);
    press(&mut rt, &[KeyCode::Char('u')]);
    let journal = rt.store.read_journal(&key).unwrap();
    assert_eq!(journal.live().count(), 1);
    assert_eq!(journal.live().next().unwrap().body, "private words, edited");
    // Delete again and empty the trash: the words are gone from the disk.
    press(
        &mut rt,
        &[KeyCode::Char('d'), KeyCode::Char('t'), KeyCode::Char('X')],
    );
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(
        rt.store.read_journal(&key).unwrap().trashed().count(),
        1,
        "n keeps it"
    );
    press(&mut rt, &[KeyCode::Char('X'), KeyCode::Char('y')]);
    assert!(rt.store.read_journal(&key).unwrap().is_empty());
    let raw = std::fs::read_to_string(path).unwrap();
    assert!(
        !raw.contains("private words"),
        "purged text left on disk: {raw}"
    );
}

#[test]
fn deleting_a_reflection_clears_its_answer_and_undo_puts_it_back() {
    let (_tmp, mut store, key) = store_with_workbook();
    {
        let mut wb = store.open(&key).unwrap();
        wb.progress.answers.insert(
            REFLECTION.into(),
            Answer {
                value: AnswerValue::Text("What happened, in my words.".into()),
                updated_at: at(11, 22),
                author: None,
                private: false,
            },
        );
        store.save(&key, &wb).unwrap();
        store.close(&key);
    }
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('d')]);
    assert!(
        !rt.store
            .read(&key)
            .unwrap()
            .progress
            .answers
            .contains_key(REFLECTION)
    );
    press(&mut rt, &[KeyCode::Char('u')]);
    let answers = rt.store.read(&key).unwrap().progress.answers;
    assert_eq!(
        answers[REFLECTION].value,
        AnswerValue::Text("What happened, in my words.".into())
    );
    assert!(
        rt.store.read_journal(&key).unwrap().is_empty(),
        "no copy left in the trash"
    );
}

#[test]
fn a_quick_exit_while_writing_keeps_the_entry() {
    let (_tmp, mut store, key) = store_with_workbook();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, "half a thought");
    rt.key(ctrl('q'));
    assert!(rt.exit.is_some());
    let journal = rt.store.read_journal(&key).unwrap();
    assert_eq!(journal.live().next().unwrap().body, "half a thought");
}

#[test]
fn the_external_editor_changes_the_entry() {
    let (_tmp, mut store, key) = store_with_workbook();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.editor = Box::new(|text| Ok(format!("{text} and more\n")));
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, "start");
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('E')]);
    assert_eq!(
        rt.store
            .read_journal(&key)
            .unwrap()
            .live()
            .next()
            .unwrap()
            .body,
        "start and more"
    );
    // An editor that fails changes nothing and says so.
    rt.editor = Box::new(|_| Err("The editor ended with an error.".into()));
    press(&mut rt, &[KeyCode::Char('E')]);
    assert!(rt.app.popup.is_some());
    assert_eq!(
        rt.store
            .read_journal(&key)
            .unwrap()
            .live()
            .next()
            .unwrap()
            .body,
        "start and more"
    );
}

#[test]
fn typing_further_narrows_and_backspace_widens_the_search_again() {
    let mut app = opened_app();
    app.update(Action::Search);
    let rows = |app: &App| match &app.screen {
        Screen::Journal(journal) => journal.rows.clone(),
        _ => panic!("still in the journal"),
    };
    let all = rows(&app).len();
    let mut seen = Vec::new();
    for c in "th".chars() {
        app.update(Action::Type(key(KeyCode::Char(c))));
        seen.push(rows(&app));
    }
    // "t" then "th": each a subset of the one before, and the same as a
    // search typed in one go.
    assert!(seen[1].iter().all(|s| seen[0].contains(s)));
    let mut fresh = opened_app();
    fresh.update(Action::Search);
    fresh.update(Action::Paste("th".into()));
    assert_eq!(rows(&fresh), seen[1]);
    app.update(Action::Type(key(KeyCode::Backspace)));
    assert_eq!(rows(&app), seen[0], "backspace searches anew");
    app.update(Action::Type(key(KeyCode::Backspace)));
    assert_eq!(rows(&app).len(), all);
}

#[test]
fn the_list_and_an_entry_show_times_in_the_readers_zone() {
    let (_tmp, mut store, key) = store_with_workbook();
    {
        let mut held =
            trustwork::open::Held::open(&mut store, key.clone(), trustwork::domain::Clock::System)
                .unwrap();
        held.load_journal().unwrap();
        let berlin = chrono::DateTime::parse_from_rfc3339("2026-11-30T22:30:00+01:00").unwrap();
        held.add_entry_at(
            trustwork::domain::NewEntry {
                body: "Written late in Berlin".into(),
                ..Default::default()
            },
            berlin,
        )
        .unwrap();
        held.save().unwrap();
    }
    let mut app = start(content(), &mut store, None).unwrap();
    let tokyo = chrono::DateTime::parse_from_rfc3339("2026-12-04T09:00:00+09:00").unwrap();
    app.set_clock(trustwork::domain::Clock::Fixed(tokyo));
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('2')]);
    // Wide enough for the list to show times.
    let list = render(&rt.app, 110, 30);
    assert!(list.contains("2026-12-01 06:30"), "{list}");
    assert!(!list.contains("2026-11-30"), "{list}");
    press(&mut rt, &[KeyCode::Enter]);
    let entry = render(&rt.app, 110, 30);
    assert!(entry.contains("Tuesday 1 December 2026, 06:30"), "{entry}");
}
