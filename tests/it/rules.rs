//! The workbook's rules hold in every front end, because each goes through
//! the core's open workbook: a closed workbook refuses the shell as it
//! refuses the app, and the private safety questions that `new` and
//! `checkin` cannot ask without a terminal are asked at the next start.

use std::io::Cursor;

use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, start};
use trustwork::commands::{self, CheckInRequest, Io};
use trustwork::domain::{Scores, ScreeningAnswer};
use trustwork::keymap::Context;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

use crate::support::cli::*;
use crate::support::{content, press};

fn sam_key() -> WorkbookKey {
    WorkbookKey("sam".into())
}

fn read_sam(dir: &std::path::Path) -> trustwork::domain::Workbook {
    JsonStore::new(dir).unwrap().read(&sam_key()).unwrap()
}

/// "Sam", closed in stage 7, with an entry in its journal.
fn closed_sam() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "Before it ended."]).ok();
    edit_workbook(&dir, "sam", |workbook, _| {
        workbook.closed_at = Some(trustwork::domain::now());
    });
    (tmp, dir)
}

#[test]
fn a_closed_workbook_refuses_journal_add_and_leaves_every_file_as_it_was() {
    let (_tmp, dir) = closed_sam();
    let before = files(&dir);
    let run = tw_run(&dir, &["journal", "add", "One more thing."]);
    run.failed().stderr_has(&["closed", "reopen"]);
    assert_eq!(files(&dir), before, "nothing was written");
    // Text piped in is refused before it is read, the same way.
    let piped = tw_input(&dir, &["journal", "add"], "Typed, then refused.");
    piped.failed().stderr_has(&["closed"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn a_closed_workbook_refuses_a_checkin_and_leaves_every_file_as_it_was() {
    let (_tmp, dir) = closed_sam();
    let before = files(&dir);
    let run = tw_run(
        &dir,
        &[
            "checkin",
            "--trust",
            "4",
            "--safety",
            "6",
            "--communication",
            "5",
            "--commitment",
            "7",
        ],
    );
    run.failed().stderr_has(&["closed", "reopen"]);
    assert_eq!(files(&dir), before, "nothing was written");
}

#[test]
fn new_without_a_terminal_owes_the_screening_and_plain_mode_asks_it_first() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "Sam", "--role", "hurt"])
        .ok()
        .stdout_has(&["private safety questions will be asked"]);
    let owed = read_sam(&dir);
    assert!(owed.safety.owed.contains(&owed.default_author()));
    // The next start (plain mode here) asks them before anything else.
    let run = tw_input(&dir, &["--plain"], "1\n1\n1\n0\n");
    run.ok()
        .stdout_has(&["A few private questions", "Question 1 of 3"]);
    let asked = read_sam(&dir);
    assert!(asked.safety.owed.is_empty(), "no longer owed");
    assert_eq!(asked.safety.screenings.len(), 1);
    assert!(!asked.safety.is_safety_first());
}

#[test]
fn a_checkin_without_a_terminal_owes_the_screening_to_the_next_start_of_the_app() {
    let (_tmp, dir) = with_sam();
    let run = tw_run(
        &dir,
        &[
            "checkin",
            "--trust",
            "4",
            "--safety",
            "6",
            "--communication",
            "5",
            "--commitment",
            "7",
        ],
    );
    run.ok()
        .stdout_has(&["Saved a check-in", "private safety questions will be asked"]);
    let workbook = read_sam(&dir);
    assert_eq!(workbook.checkins.len(), 1);
    assert!(workbook.safety.owed.contains(&workbook.default_author()));

    // The app opens on the private questions, then where Sam left off.
    let mut store = JsonStore::new(&dir).unwrap();
    let app = start(content(), &mut store, Some("Sam")).unwrap();
    assert_eq!(app.context(), Context::Screening);
    let mut rt = Runtime::new(app, &mut store);
    press(
        &mut rt,
        &[
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Enter,
        ],
    );
    assert!(matches!(rt.app.screen, Screen::Page(_)));
    drop(rt);
    store.close(&sam_key());
    let settled = read_sam(&dir);
    assert!(settled.safety.owed.is_empty());
    assert_eq!(settled.safety.screenings.len(), 2);
}

/// `trustwork checkin` at a terminal, with what the person types.
fn checkin_at_a_terminal(dir: &std::path::Path, typed: &str) -> String {
    let mut store = JsonStore::new(dir).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = Cursor::new(typed.as_bytes().to_vec());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        input: &mut input,
        interactive: true,
        styled: false,
    };
    let request = CheckInRequest {
        scores: Scores {
            trust: 3,
            safety: 2,
            communication: 4,
            commitment: 5,
        },
        note: None,
        author: None,
    };
    commands::checkin(&mut store, &content(), None, request, &mut io).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_checkin_at_a_terminal_asks_the_three_private_questions() {
    let (_tmp, dir) = with_sam();
    let out = checkin_at_a_terminal(&dir, "1\n2\n1\n\n");
    assert!(out.contains("Question 3 of 3"), "{out}");
    let workbook = read_sam(&dir);
    let latest = workbook.safety.latest(workbook.default_author()).unwrap();
    assert_eq!(latest.answers["harmed"], ScreeningAnswer::Yes);
    // A worrying answer brings the safety text and the helplines at once.
    assert!(workbook.safety.is_safety_first());
    assert!(
        out.contains("helpline") || out.contains("Helpline"),
        "{out}"
    );
    assert!(workbook.safety.owed.is_empty());
}
