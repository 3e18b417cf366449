//! A failure inside the app (a panic, set off by the test-only trigger)
//! must not take what the person was typing with it: the text goes to a
//! recovery file, and the next start puts it in the journal and says so.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{RECOVERED_TITLE, Runtime, start};
use trustwork::domain::{NewWorkbook, RelationshipKind, Role};
use trustwork::storage::{JsonStore, Store};

#[test]
fn a_panic_while_typing_keeps_the_text_and_the_next_start_recovers_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    {
        let app = start(content(), &mut store, None).unwrap();
        let mut rt = Runtime::new(app, &mut store);
        // Begin, then the text question of the first step.
        press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
        type_text(&mut rt, "words not saved yet");
        rt.panic_on = Some('~');
        // The default hook would print the test-only panic; keep the
        // output quiet.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let crashed = rt.key_guarded(key_event('~'));
        std::panic::set_hook(hook);
        let crashed = crashed.expect_err("the trigger panics");
        let kept = crashed.kept.clone().expect("the text was kept");
        assert!(kept.starts_with(dir.path()), "{kept:?}");
        let text = std::fs::read_to_string(&kept).unwrap();
        assert!(text.contains("words not saved yet"), "{text}");
        assert!(crashed.to_string().contains("next time"), "{crashed}");
    }
    // The process would have ended, releasing its lock.
    store.close(&key);

    let app = start(content(), &mut store, None).unwrap();
    let popup = app.popup.clone().expect("the person is told");
    assert!(popup.message.contains(RECOVERED_TITLE), "{popup:?}");
    let journal = &app.session.as_ref().unwrap().journal();
    let entry = journal
        .live()
        .find(|e| e.title == RECOVERED_TITLE)
        .expect("the text is in the journal");
    assert_eq!(entry.body, "words not saved yet");
    assert!(
        store.recoveries().unwrap().is_empty(),
        "recovered once only"
    );
}

#[test]
fn a_panic_with_nothing_typed_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.panic_on = Some('~');
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let crashed = rt.key_guarded(key_event('~'));
    std::panic::set_hook(hook);
    let crashed = crashed.expect_err("the trigger panics");
    assert!(crashed.kept.is_none());
    drop(rt);
    assert!(store.recoveries().unwrap().is_empty());
}

fn key_event(c: char) -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::Char(c))
}
