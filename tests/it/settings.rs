//! `config.toml` in force in the app: rebound keys change what a key does
//! and what help and footers show, mistakes are told on the first screen
//! while the app still starts, and the workbook settings are applied.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Exit, Runtime, Settings, start_with_settings};
use trustwork::config::{self, apply, tell};
use trustwork::keymap::{self, Keymap};
use trustwork::storage::{JsonStore, Store};

fn settings(text: &str) -> config::Applied {
    let loaded = config::parse(text, "config.toml");
    apply(&loaded.config, loaded.problems, "config.toml", false)
}

/// A store in a temp dir holding one workbook, Sam's.
fn sam() -> (tempfile::TempDir, JsonStore) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store_with_sam(dir.path());
    (dir, store)
}

#[test]
fn a_rebound_quit_key_quits_and_the_old_one_does_not() {
    let applied = settings("[keys]\nquit = \"z\"\n");
    assert_eq!(applied.problems, Vec::<String>::new());
    let (_dir, mut store) = sam();
    let app = start_with_settings(content(), &mut store, None, false, applied.app).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('q')]);
    assert_eq!(rt.exit, None, "q is no longer quit");
    press(&mut rt, &[KeyCode::Char('z')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    keymap::set_active(Keymap::default());
}

#[test]
fn help_and_footer_show_the_keys_in_force() {
    let applied = settings("[keys]\nquit = \"z\"\nsection_journal = \"f2\"\n");
    assert_eq!(applied.problems, Vec::<String>::new());
    let (_dir, mut store) = sam();
    let app = start_with_settings(content(), &mut store, None, false, applied.app).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    let footer = render(&rt.app, 100, 30);
    let last = footer.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(last.contains("z quit"), "{last}");
    press(&mut rt, &[KeyCode::Char('?')]);
    let screen = render(&rt.app, 100, 30);
    let quit = screen
        .lines()
        .find(|l| l.contains("Save and quit"))
        .unwrap();
    assert!(quit.contains(" z ") && quit.contains("quit"), "{quit}");
    let journal = screen
        .lines()
        .find(|l| l.contains("section_journal"))
        .unwrap();
    assert!(journal.contains("F2"), "{journal}");
    assert!(
        !screen.contains(" q  "),
        "the old key is not listed:\n{screen}"
    );
    keymap::set_active(Keymap::default());
}

#[test]
fn mistakes_are_told_on_the_first_screen_and_the_rest_applies() {
    let text = "theme = \"dark\"\n[keys]\nfly = \"x\"\nquit = \"n\"\n";
    let applied = settings(text);
    let (_dir, mut store) = sam();
    let mut app = start_with_settings(content(), &mut store, None, false, applied.app).unwrap();
    tell(&mut app, &applied.problems);
    let screen = render(&app, 100, 30);
    for words in [
        "Your settings",
        "line 1",
        "dark",
        "line 3",
        "fly",
        "new_entry",
    ] {
        assert!(screen.contains(words), "{words:?} missing:\n{screen}");
    }
    // The good line still applies: n quits (it took the key from "new entry").
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]); // close the message
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    keymap::set_active(Keymap::default());
}

#[test]
fn a_new_workbook_takes_the_configured_check_in_interval() {
    let applied = settings("checkin_interval_days = 14\n");
    assert_eq!(
        applied.app,
        Settings {
            default_author: None,
            checkin_interval_days: Some(14)
        }
    );
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let app = start_with_settings(content(), &mut store, None, false, applied.app).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    // Name, relationship, side, and "just me".
    create_alone(&mut rt, "Sam");
    through_screening(&mut rt);
    drop(rt);
    let file = std::fs::read_to_string(dir.path().join("sam.json")).unwrap();
    assert!(file.contains("\"checkin_interval_days\": 14"), "{file}");
}

#[test]
fn the_default_author_writes_when_a_workbook_for_two_opens() {
    let (_dir, mut store) = sam();
    let key = store.list().unwrap()[0].key.clone();
    let mut workbook = store.open(&key).unwrap();
    workbook.participants[0].name = "Alex".into();
    let mut second = workbook.participants[0].clone();
    second.id = uuid::Uuid::now_v7();
    second.name = "Robin".into();
    workbook.participants.push(second.clone());
    store.save(&key, &workbook).unwrap();
    store.close(&key);

    let applied = settings("default_author = \"robin\"\n");
    let app = start_with_settings(content(), &mut store, None, false, applied.app).unwrap();
    assert_eq!(app.session.as_ref().unwrap().writer(), second.id);
}

#[test]
fn vim_keys_move_through_the_stage_list_alongside_the_arrows() {
    let (_dir, mut store) = sam();
    let app = start_with_settings(content(), &mut store, None, false, Settings::default()).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Char('1')]);
    let selected = |rt: &Runtime<'_>| match &rt.app.screen {
        trustwork::app::Screen::Overview(overview) => overview.selected,
        _ => panic!("not on the overview"),
    };
    press(&mut rt, &[KeyCode::Char('G')]);
    assert_eq!(selected(&rt), 6, "G: the last stage");
    press(&mut rt, &[KeyCode::Char('k'), KeyCode::Up]);
    assert_eq!(selected(&rt), 4);
    press(&mut rt, &[KeyCode::Char('g')]);
    assert_eq!(selected(&rt), 0, "g: the first");
    press(&mut rt, &[KeyCode::Char('j'), KeyCode::Down, KeyCode::End]);
    assert_eq!(selected(&rt), 6);
    press(&mut rt, &[KeyCode::Home]);
    assert_eq!(selected(&rt), 0);
}
