//! Whole-app journeys driven by key presses against a real JSON store in a
//! temp dir: what a person does, and what ends up on disk.
#![allow(clippy::unwrap_used)]

use std::cell::Cell;
use std::rc::Rc;

use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{App, Exit, Runtime, Screen, start};
use trustwork::domain::{AnswerValue, Journal, NewWorkbook, Workbook};
use trustwork::engine::Place;
use trustwork::storage::{Backup, JsonStore, Listing, MemoryStore, Store, StoreError, WorkbookKey};

const ANSWER: &str = "It was the money. I found out in May. 信頼 🙂";
const ANSWER_ID: &str = "acknowledge/name-what-happened/what-happened";

fn page_place(app: &App) -> Option<Place> {
    match &app.screen {
        Screen::Page(page) => Some(page.place),
        _ => None,
    }
}

fn saved_answer(workbook: &Workbook) -> Option<String> {
    match workbook.progress.answers.get(ANSWER_ID).map(|a| &a.value) {
        Some(AnswerValue::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

#[test]
fn create_answer_quit_reopen_lands_on_the_same_step_with_the_answer() {
    let dir = tempfile::tempdir().unwrap();

    {
        let mut store = JsonStore::new(dir.path()).unwrap();
        let app = start(content(), &mut store, None).unwrap();
        assert!(
            matches!(app.screen, Screen::Create(_)),
            "a first run starts by creating a workbook"
        );
        let mut rt = Runtime::new(app, &mut store);
        // Name, relationship, side, and "just me".
        create_alone(&mut rt, "Sam");
        // A new workbook asks the private questions first.
        through_screening(&mut rt);
        assert_eq!(
            page_place(&rt.app),
            Some(Place::Intro(0)),
            "a new workbook opens on the first intro"
        );
        press(&mut rt, &[KeyCode::Enter]); // begin
        assert_eq!(page_place(&rt.app), Some(Place::Step(0, 0)));
        press(&mut rt, &[KeyCode::Down, KeyCode::Enter]); // the text question
        type_text(&mut rt, ANSWER);
        press(&mut rt, &[KeyCode::Esc]);
        assert_eq!(rt.app.status.as_deref(), Some("Saved"));
        press(&mut rt, &[KeyCode::Char('q')]);
        assert_eq!(rt.exit, Some(Exit::Quit));
    }

    // The answer is on disk, in the workbook's JSON file.
    let file = std::fs::read_to_string(dir.path().join("sam.json")).unwrap();
    assert!(
        file.contains("It was the money. I found out in May. 信頼 🙂"),
        "{file}"
    );

    // Starting again resumes on the same step, with the answer shown.
    let mut store = JsonStore::new(dir.path()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    assert_eq!(page_place(&app), Some(Place::Step(0, 0)));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("✓ Describe what happened"), "{screen}");
    assert_eq!(
        saved_answer(app.session.as_ref().unwrap().workbook()).as_deref(),
        Some(ANSWER)
    );

    // And the earlier answer is editable: open it, add a line, keep it.
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter, KeyCode::Enter]);
    type_text(&mut rt, "More later.");
    press(&mut rt, &[KeyCode::Esc]);
    let key = WorkbookKey("sam".into());
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(
        saved_answer(&on_disk).unwrap(),
        format!("{ANSWER}\nMore later.")
    );
}

#[test]
fn turning_a_page_saves_the_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Right, KeyCode::Right]);
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(on_disk.progress.position.stage, "acknowledge");
    assert_eq!(
        on_disk.progress.position.step.as_deref(),
        Some("has-it-stopped")
    );
}

#[test]
fn ctrl_q_while_typing_keeps_the_text_and_leaves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "half a thought");
    rt.key(ctrl('q'));
    assert_eq!(rt.exit, Some(Exit::QuickExit));
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(saved_answer(&on_disk).as_deref(), Some("half a thought"));
}

#[test]
fn the_stage_overview_recommends_and_continues() {
    let mut store = MemoryStore::new();
    store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Esc]); // intro → overview
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    press(&mut rt, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(
        page_place(&rt.app),
        Some(Place::Intro(2)),
        "any stage can be opened"
    );
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('c')]);
    assert_eq!(
        page_place(&rt.app),
        Some(Place::Step(0, 0)),
        "continue goes to the first open step"
    );
}

#[test]
fn marking_a_stage_complete_needs_the_checkout() {
    let mut store = MemoryStore::new();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Left]); // nothing before the first page
    // The intro and the six steps of stage 1.
    for _ in 0..7 {
        press(&mut rt, &[KeyCode::Right]);
    }
    assert_eq!(page_place(&rt.app), Some(Place::Checkout(0)));
    press(&mut rt, &[KeyCode::Char('c')]);
    assert!(
        rt.app.status.as_deref().unwrap().contains("check-out"),
        "{:?}",
        rt.app.status
    );
    press(
        &mut rt,
        &[KeyCode::Enter, KeyCode::Char('8'), KeyCode::Enter],
    );
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "The apology.");
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('c')]);
    assert_eq!(rt.app.status.as_deref(), Some("Stage marked complete"));
    let on_disk = rt.store.read(&key).unwrap();
    assert!(
        on_disk
            .progress
            .stages_completed
            .contains_key("acknowledge")
    );
}

#[test]
fn a_step_can_be_marked_done_without_writing() {
    let mut store = MemoryStore::new();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('d')]);
    let on_disk = rt.store.read(&key).unwrap();
    assert!(
        on_disk
            .progress
            .steps_marked_done
            .contains("acknowledge/name-what-happened")
    );
}

#[test]
fn the_breathing_timer_runs_on_ticks_and_returns_to_its_step() {
    let mut store = MemoryStore::new();
    store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('b')]);
    assert!(
        rt.app.status.as_deref().unwrap().contains("stage 5"),
        "{:?}",
        rt.app.status
    );
    // Stage 5, step 4 offers the timer.
    press(&mut rt, &[KeyCode::Esc]);
    for _ in 0..4 {
        press(&mut rt, &[KeyCode::Down]);
    }
    press(
        &mut rt,
        &[
            KeyCode::Enter,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
        ],
    );
    let breathing_step = page_place(&rt.app).unwrap();
    assert_eq!(breathing_step, Place::Step(4, 3));
    press(&mut rt, &[KeyCode::Char('b')]);
    assert!(rt.app.animating());
    rt.dispatch(trustwork::action::Action::Tick(
        std::time::Duration::from_secs(2),
    ));
    assert!(render(&rt.app, 80, 24).contains("Breathe in"));
    rt.dispatch(trustwork::action::Action::Tick(
        std::time::Duration::from_secs(3),
    ));
    assert!(render(&rt.app, 80, 24).contains("breathe out"));
    press(&mut rt, &[KeyCode::Char(' ')]);
    assert!(!rt.app.animating(), "paused");
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(page_place(&rt.app), Some(breathing_step));
}

/// A store whose saves fail while `fail` is set, like a full disk.
struct FlakyStore {
    inner: MemoryStore,
    fail: Rc<Cell<bool>>,
    attempts: Rc<Cell<usize>>,
}

impl Store for FlakyStore {
    fn list(&self) -> Result<Vec<Listing>, StoreError> {
        self.inner.list()
    }
    fn create_workbook(&mut self, w: Workbook) -> Result<(WorkbookKey, Workbook), StoreError> {
        self.inner.create_workbook(w)
    }
    fn open(&mut self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.inner.open(key)
    }
    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.inner.read(key)
    }
    fn save(&mut self, key: &WorkbookKey, workbook: &Workbook) -> Result<(), StoreError> {
        self.attempts.set(self.attempts.get() + 1);
        if self.fail.get() {
            return Err(StoreError::Io {
                action: "write",
                path: "/data/sam.json".into(),
                source: std::io::Error::other("No space left on device"),
            });
        }
        self.inner.save(key, workbook)
    }
    fn read_journal(&self, key: &WorkbookKey) -> Result<Journal, StoreError> {
        self.inner.read_journal(key)
    }
    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        self.attempts.set(self.attempts.get() + 1);
        if self.fail.get() {
            return Err(StoreError::Io {
                action: "write",
                path: "/data/sam.journal.jsonl".into(),
                source: std::io::Error::other("No space left on device"),
            });
        }
        self.inner.save_journal(key, journal)
    }
    fn close(&mut self, key: &WorkbookKey) {
        self.inner.close(key)
    }
    fn backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        self.inner.backups(key)
    }
    fn restore(
        &mut self,
        key: &WorkbookKey,
        backup: &Backup,
    ) -> Result<Option<std::path::PathBuf>, StoreError> {
        self.inner.restore(key, backup)
    }
    fn write_recovery(
        &mut self,
        key: Option<&WorkbookKey>,
        text: &str,
    ) -> Result<std::path::PathBuf, StoreError> {
        self.inner.write_recovery(key, text)
    }
    fn recoveries(&self) -> Result<Vec<trustwork::storage::Recovered>, StoreError> {
        self.inner.recoveries()
    }
    fn forget_recovery(
        &mut self,
        recovered: &trustwork::storage::Recovered,
    ) -> Result<(), StoreError> {
        self.inner.forget_recovery(recovered)
    }
}

#[test]
fn a_failed_save_shows_a_popup_keeps_the_answer_and_retries() {
    let mut inner = MemoryStore::new();
    let (key, _) = inner.create(new_workbook()).unwrap();
    let fail = Rc::new(Cell::new(false));
    let attempts = Rc::new(Cell::new(0));
    let mut store = FlakyStore {
        inner,
        fail: fail.clone(),
        attempts: attempts.clone(),
    };
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]); // to the first step (saves the position)
    // The disk fills up.
    fail.set(true);
    let attempts_before = attempts.get();
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "keep me");
    press(&mut rt, &[KeyCode::Esc]);
    let popup = rt.app.popup.clone().expect("a failed save shows a popup");
    assert!(
        popup.message.contains("No space left on device"),
        "{popup:?}"
    );
    assert!(rt.app.unsaved);
    assert_eq!(
        saved_answer(rt.app.session.as_ref().unwrap().workbook()).as_deref(),
        Some("keep me")
    );

    // Quitting while unsaved retries, fails again, and stays open.
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('q')]);
    assert_eq!(rt.exit, None, "the app does not quit with unsaved work");

    // Space again: the next save succeeds and the popup can be closed.
    assert!(
        attempts.get() >= attempts_before + 2,
        "the quit retried the save"
    );
    fail.set(false);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('q')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    assert!(!rt.app.unsaved);
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(saved_answer(&on_disk).as_deref(), Some("keep me"));
}

fn new_workbook() -> NewWorkbook {
    NewWorkbook {
        name: "Sam".into(),
        relationship: trustwork::domain::RelationshipKind::Partner,
        role: trustwork::domain::Role::Hurt,
    }
}

#[test]
fn escape_on_the_very_first_screen_leaves() {
    let mut store = MemoryStore::new();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    assert!(rt.store.list().unwrap().is_empty(), "nothing was created");
}

#[test]
fn effects_come_once_and_in_a_safe_order() {
    use trustwork::action::Action;
    use trustwork::app::Effect;
    let mut app = App::new(content(), Vec::new());
    let key = WorkbookKey("sam".into());
    let workbook = Workbook::new(new_workbook());
    // A new workbook's position is set to the first page: one save.
    assert_eq!(
        app.update(Action::Opened(key.clone(), Ok(Box::new(workbook.into())))),
        vec![Effect::Save]
    );
    // A page turn records the position: one save.
    assert_eq!(app.update(Action::NextPage), vec![Effect::Save]);
    // After a failed save, going back retries the save instead of closing
    // (which would drop the unsaved change), and quitting retries it too.
    app.update(Action::Saved(Err("disk full".into())));
    app.update(Action::Dismiss);
    app.update(Action::Overview);
    assert_eq!(app.update(Action::Back), vec![Effect::Save]);
    assert!(app.session.is_some());
    app.update(Action::Saved(Err("disk full".into())));
    app.update(Action::Dismiss);
    assert_eq!(app.update(Action::Quit), vec![Effect::Save, Effect::Quit]);
    // Once saved, going back closes it.
    app.update(Action::Saved(Ok(())));
    assert_eq!(app.update(Action::Back), vec![Effect::Close(key)]);
    // The session ends when the runtime has carried out the close (after
    // any save queued before it).
    assert!(matches!(app.screen, Screen::Home(_)));
}

#[test]
fn pasted_text_is_typed_into_a_text_box_and_ignored_elsewhere() {
    use trustwork::action::Action;
    let mut store = MemoryStore::new();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]);
    // Outside a text box a paste of "dq" must not mark the step or quit.
    rt.dispatch(Action::Paste("dq".into()));
    assert_eq!(rt.exit, None);
    assert!(
        rt.store
            .read(&key)
            .unwrap()
            .progress
            .steps_marked_done
            .is_empty()
    );
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    rt.dispatch(Action::Paste("first line\r\nsecond line".into()));
    press(&mut rt, &[KeyCode::Esc]);
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(
        saved_answer(&on_disk).as_deref(),
        Some("first line\nsecond line")
    );
}

#[test]
fn a_scale_saves_nothing_until_a_point_is_chosen() {
    let mut store = MemoryStore::new();
    let (key, _) = store.create(new_workbook()).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    // The intro and the six steps of stage 1.
    for _ in 0..7 {
        press(&mut rt, &[KeyCode::Right]);
    }
    let ready = "acknowledge/checkout/ready-to-move-on";
    press(&mut rt, &[KeyCode::Enter, KeyCode::Enter]);
    assert!(
        !rt.store
            .read(&key)
            .unwrap()
            .progress
            .answers
            .contains_key(ready)
    );
    press(
        &mut rt,
        &[
            KeyCode::Enter,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Enter,
        ],
    );
    let value = rt.store.read(&key).unwrap().progress.answers[ready]
        .value
        .clone();
    assert_eq!(value, AnswerValue::Scale(1));
    press(
        &mut rt,
        &[KeyCode::Enter, KeyCode::Backspace, KeyCode::Enter],
    );
    assert!(
        !rt.store
            .read(&key)
            .unwrap()
            .progress
            .answers
            .contains_key(ready)
    );
}

#[test]
fn the_journal_can_wait_until_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let (key, workbook) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: trustwork::domain::RelationshipKind::Partner,
            role: trustwork::domain::Role::Hurt,
        })
        .unwrap();
    store.open(&key).unwrap();
    let mut journal = Journal::default();
    journal.upsert(trustwork::domain::JournalEntry::new(
        workbook.default_author(),
        trustwork::domain::NewEntry {
            stage: None,
            mood: None,
            title: "Kept".into(),
            body: "from before".into(),
        },
        trustwork::domain::now(),
    ));
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);

    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let session = app.session.as_ref().unwrap();
    assert!(!session.journal_loaded());
    assert_eq!(session.journal().live().count(), 0, "not read yet");
    let mut rt = Runtime::new(app, &mut store);
    rt.load_journal();
    let session = rt.app.session.as_ref().unwrap();
    assert!(session.journal_loaded());
    assert_eq!(session.journal().live().count(), 1);
}

#[test]
fn a_damaged_journal_read_after_the_first_frame_closes_the_workbook_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, key) = store_with_sam(dir.path());
    std::fs::write(
        dir.path().join(format!("{key}.journal.jsonl")),
        "not json\n{}\n",
    )
    .unwrap();
    let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.load_journal();
    assert!(rt.app.session.is_none());
    assert!(matches!(rt.app.screen, Screen::Home(_)));
    let popup = rt.app.popup.clone().expect("the reason");
    assert!(popup.message.contains("line 1"), "{popup:?}");
}

/// The journal read on another thread after the first frame arrives whole,
/// and a damaged one closes the workbook with the reason, as in place.
#[test]
fn a_journal_read_on_another_thread_arrives_before_any_key_is_handled() {
    for damaged in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, key) = store_with_sam(dir.path());
        let line = if damaged {
            "not json\n".to_string()
        } else {
            let entry = trustwork::domain::JournalEntry::new(
                uuid::Uuid::now_v7(),
                trustwork::domain::NewEntry {
                    body: "from before".into(),
                    ..Default::default()
                },
                trustwork::domain::now(),
            );
            format!("{}\n", serde_json::to_string(&entry).unwrap())
        };
        std::fs::write(dir.path().join(format!("{key}.journal.jsonl")), line).unwrap();
        let app = trustwork::app::start_with(content(), &mut store, None, true).unwrap();
        let mut rt = Runtime::new(app, &mut store);
        rt.begin_journal_load();
        assert!(rt.journal_pending());
        // What the terminal loop does when a key comes in: wait for it.
        assert!(rt.journal_arrived(trustwork::app::Wait::ForJournal));
        assert!(!rt.journal_pending());
        if damaged {
            assert!(rt.app.session.is_none());
            let popup = rt.app.popup.clone().expect("the reason");
            assert!(popup.message.contains("line 1"), "{popup:?}");
        } else {
            let session = rt.app.session.as_ref().unwrap();
            assert!(session.journal_loaded());
            assert_eq!(session.journal().live().count(), 1);
        }
    }
}

#[test]
fn ctrl_q_after_a_failed_save_keeps_the_words_for_the_next_start() {
    let mut inner = MemoryStore::new();
    inner.create(new_workbook()).unwrap();
    let fail = Rc::new(Cell::new(false));
    let attempts = Rc::new(Cell::new(0));
    let mut store = FlakyStore {
        inner,
        fail: fail.clone(),
        attempts,
    };
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]);
    fail.set(true);
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "do not lose me");
    press(&mut rt, &[KeyCode::Esc]);
    assert!(rt.app.unsaved);
    // Ctrl+Q leaves at once; the save fails again, the words are kept.
    rt.key(ctrl('q'));
    assert_eq!(rt.exit, Some(Exit::QuickExit));
    let kept = rt.store.recoveries().unwrap();
    assert!(
        kept.iter().any(|r| r.text.contains("do not lose me")),
        "{kept:?}"
    );
}
