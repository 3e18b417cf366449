#![allow(clippy::unwrap_used)]
//! Plain mode, driven as a person with a screen reader would use it: the
//! real binary, answers piped to stdin (so stdout is not a terminal and
//! plain mode starts by itself), then what ended up in the store and on
//! the app's screen.

use std::fs;
use std::path::Path;

use crate::support::cli::*;
use crate::support::{content, render};
use ratatui::crossterm::event::KeyCode;
use trustwork::domain::{AnswerValue, Workbook};
use trustwork::storage::{JsonStore, Store, WorkbookKey};

const ANSWER_ID: &str = "acknowledge/name-what-happened/what-happened";
const KINDS_ID: &str = "acknowledge/name-what-happened/kind-of-breach";
const READY_ID: &str = "acknowledge/checkout/ready-to-move-on";

/// Creating "Sam" (partner, "I was hurt") and answering the screening with
/// three "no"s.
const CREATE: &str = "Sam\n1\n1\n1\n1\n1\n";

/// From the main menu: continue to the first step, skip the checklist,
/// write the answer, skip the third question, back to the main menu and
/// quit.
fn answer_first_step(answer: &str) -> String {
    format!("1\n\n{answer}\n.\n\n0\n0\n")
}

fn sam() -> WorkbookKey {
    WorkbookKey("sam".to_string())
}

fn read_sam(dir: &Path) -> Workbook {
    JsonStore::new(dir).unwrap().read(&sam()).unwrap()
}

fn text_answer(workbook: &Workbook, id: &str) -> Option<String> {
    match workbook.progress.answers.get(id).map(|a| &a.value) {
        Some(AnswerValue::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

/// Plain output: no box drawing, no escape sequences, no cursor codes.
fn assert_plain(out: &str) {
    assert!(!out.contains('\u{1b}'), "an escape sequence in:\n{out}");
    let boxes: Vec<char> = out
        .chars()
        .filter(|c| ('\u{2500}'..='\u{257f}').contains(c))
        .collect();
    assert!(boxes.is_empty(), "box drawing {boxes:?} in:\n{out}");
    for marker in ['▸', '◉', '○', '✓', '•'] {
        assert!(!out.contains(marker), "{marker} in:\n{out}");
    }
}

#[test]
fn a_piped_session_creates_a_workbook_and_the_app_shows_the_answer() {
    let (_tmp, dir) = data_dir();
    let answer = "It was the money. I found out in May. 信頼 🙂";
    let input = format!("{CREATE}{}", answer_first_step(answer));
    let run = tw_input(&dir, &[], &input);
    run.ok().stdout_has(&[
        "Welcome",
        "A few private questions",
        "Stage 1 of 7: Acknowledge",
        "Step 1 of 6: Name what happened",
        "Question 2 of 3: Describe what happened",
        "Saved.",
        "Everything you wrote is saved",
    ]);
    // Piped answers are written after their questions, so the transcript
    // reads as a conversation and no line runs on from a question.
    assert!(
        run.stdout
            .contains("Type a number and press Enter: 0\nEverything you wrote is saved"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    assert_plain(&run.stdout);

    // Stored where the app reads it, written by the workbook's writer.
    let workbook = read_sam(&dir);
    assert_eq!(text_answer(&workbook, ANSWER_ID).as_deref(), Some(answer));
    let saved = &workbook.progress.answers[ANSWER_ID];
    assert_eq!(saved.author, Some(workbook.participants[0].id));
    assert!(!workbook.progress.answers.contains_key(KINDS_ID), "skipped");
    assert_eq!(workbook.safety.screenings.len(), 1);
    assert!(!workbook.safety.is_safety_first());
    assert_eq!(crate::support::file_names(&dir), ["backups", "sam.json"]);

    // The app opens on that step (on the first open question); one step
    // down, the answer is on screen.
    let mut store = JsonStore::new(&dir).unwrap();
    let app = trustwork::app::start(content(), &mut store, None).unwrap();
    let mut rt = trustwork::app::Runtime::new(app, &mut store);
    let screen = render(&rt.app, 200, 60);
    assert!(screen.contains("Name what happened"), "{screen}");
    crate::support::press(&mut rt, &[KeyCode::Down]);
    let screen = render(&rt.app, 200, 60);
    assert!(screen.contains("I found out in May."), "{screen}");
}

#[test]
fn the_plain_flag_opens_an_existing_workbook_and_saves_a_scale() {
    let (_tmp, dir) = with_sam();
    // Stages, stage 1, its check-out (after the intro and six steps):
    // a 7 on the scale, nothing for the text, then back out and quit.
    let input = "2\n1\n8\n7\n\n0\n0\n";
    let run = tw_input(&dir, &["--plain", "--workbook", "Sam"], input);
    run.ok().stdout_has(&[
        "Opened the workbook \"Sam\"",
        "Check-out",
        "0 means Not ready yet. 10 means Ready for the next stage.",
        "Saved.",
    ]);
    assert_plain(&run.stdout);
    let workbook = read_sam(&dir);
    assert_eq!(
        workbook.progress.answers[READY_ID].value,
        AnswerValue::Scale(7)
    );
    // An existing workbook does not ask the screening again.
    assert_eq!(workbook.safety.screenings.len(), 1);
}

#[test]
fn bad_input_is_asked_again_calmly() {
    let (_tmp, dir) = with_sam();
    // A letter, an emoji and 11 on the main menu; 12 and "x" on the
    // checklist, then 1 and 3; empty lines skip the texts; then
    // the scale on the check-out: 11, "five", then 4.
    let input = "x\n🙂\n11\n1\n12\nx\n1, 3\n\n\n0\n2\n1\n8\n11\nfive\n4\n\n0\n0\n";
    let run = tw_input(&dir, &[], input);
    run.ok();
    assert_plain(&run.stdout);
    let menu_again = run
        .stdout
        .matches("Please type one of the numbers shown: 1, 2, 3, 4, 5, 6, 7, 8 or 0.")
        .count();
    assert_eq!(menu_again, 3, "{}", run.stdout);
    assert_eq!(
        run.stdout
            .matches("from 1 to 9, separated by spaces")
            .count(),
        2,
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout
            .matches("Please type a whole number from 0 to 10")
            .count(),
        2,
        "{}",
        run.stdout
    );
    let workbook = read_sam(&dir);
    assert_eq!(
        workbook.progress.answers[KINDS_ID].value,
        AnswerValue::Choice([0, 2].into())
    );
    assert_eq!(
        workbook.progress.answers[READY_ID].value,
        AnswerValue::Scale(4)
    );
}

#[test]
fn the_end_of_input_saves_what_was_typed_and_exits_0() {
    let (_tmp, dir) = with_sam();
    // Half-way through a text answer, the input ends.
    let run = tw_input(&dir, &[], "1\n\nThe first line\nand a second");
    run.ok()
        .stdout_has(&["Saved.", "Everything you wrote is saved"]);
    let workbook = read_sam(&dir);
    assert_eq!(
        text_answer(&workbook, ANSWER_ID).as_deref(),
        Some("The first line\nand a second")
    );
    // The lock was released: the workbook opens again.
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&sam()).unwrap();
    store.close(&sam());

    // Empty input leaves at once, quietly and successfully.
    let run = tw_input(&dir, &[], "");
    run.ok().stdout_has(&["Everything you wrote is saved"]);
}

#[test]
fn the_end_of_input_at_an_entrys_title_or_mood_keeps_the_entry() {
    for (input, title) in [
        // Ctrl+D at the title.
        ("3\n1\nKept at the title.\n.\n", ""),
        // Ctrl+D at the mood, after a title.
        ("3\n1\nKept at the mood.\n.\nA title\n", "A title"),
    ] {
        let (_tmp, dir) = with_sam();
        let run = tw_input(&dir, &[], input);
        run.ok()
            .stdout_has(&["Saved to your journal.", "Everything you wrote is saved"]);
        let store = JsonStore::new(&dir).unwrap();
        let journal = store.read_journal(&sam()).unwrap();
        let entry = journal.live().next().expect("the entry was lost");
        assert!(entry.body.starts_with("Kept at the"), "{}", entry.body);
        assert_eq!(entry.title, title);
    }
}

#[test]
fn a_screening_yes_shows_the_helplines_before_anything_else() {
    let (_tmp, dir) = data_dir();
    // "No", "Yes", "I'd rather not say"; then Enter past the own-number
    // question, and quit.
    let run = tw_input(&dir, &[], "Sam\n1\n1\n1\n2\n3\n\n0\n");
    run.ok();
    let out = &run.stdout;
    assert_plain(out);
    let safety = content().safety;
    for line in [
        safety.safety.title.as_str(),
        safety.safety.emergency.as_str(),
        "1800RESPECT",
        "0808 2000 247",
    ] {
        assert!(out.contains(line), "{line:?} missing in:\n{out}");
    }
    let helplines = out.find("1800RESPECT").unwrap();
    let menu = out.find("Main menu").unwrap();
    assert!(helplines < menu, "the helplines come first:\n{out}");
    let workbook = read_sam(&dir);
    assert!(workbook.safety.is_safety_first());
    assert!(workbook.safety.flagged_by(workbook.participants[0].id));
}

#[test]
fn a_number_of_ones_own_is_added_to_the_list() {
    let (_tmp, dir) = data_dir();
    let run = tw_input(&dir, &[], "Sam\n1\n1\n2\n1\n1\nMy sister 0123 456\n\n0\n");
    run.ok().stdout_has(&["Added to your list."]);
    assert_eq!(read_sam(&dir).safety.own_numbers, ["My sister 0123 456"]);
}

#[test]
fn term_dumb_uses_plain_mode() {
    let (_tmp, dir) = with_sam();
    // Here stdout is a pipe too; the choice itself is unit-tested in
    // `plain::should_run`, where a terminal can be pretended.
    let run = run(tw(&dir).env("TERM", "dumb").write_stdin("5\n0\n"));
    run.ok()
        .stdout_has(&["How plain mode works", "Ctrl+D", "saved as you go"]);
    assert_plain(&run.stdout);
}

#[test]
fn escape_codes_typed_into_an_answer_are_not_printed_back() {
    let (_tmp, dir) = with_sam();
    let typed = "\u{1b}[2J\u{1b}[31mred\u{7}";
    tw_input(&dir, &[], &answer_first_step(typed)).ok();
    assert_eq!(
        text_answer(&read_sam(&dir), ANSWER_ID).as_deref(),
        Some(typed)
    );
    // Shown again as the saved answer: cleaned.
    let run = tw_input(&dir, &[], "1\n\n\n\n0\n0\n");
    run.ok().stdout_has(&["Your saved answer:", "[31mred"]);
    assert_plain(&run.stdout);
}

#[test]
fn a_journal_entry_and_a_checkin_are_saved() {
    let (_tmp, dir) = with_sam();
    let input = concat!(
        // Journal, write: two lines, a title, the mood "hopeful".
        "3\n1\nA better day.\nWe talked.\n.\nTuesday\n2\n",
        // Read the newest: the entry is listed; read it, then back.
        "2\n1\n0\n0\n",
        // Check-in: screening, four scores, a note.
        "4\n1\n1\n1\n6\n5\n4\n8\nSlow going.\n.\n",
        "0\n"
    );
    let run = tw_input(&dir, &[], input);
    run.ok().stdout_has(&[
        "Saved to your journal.",
        "Tuesday",
        "Written ",
        "feeling hopeful",
        "Check-in saved: trust 6, feeling safe 5, communication 4, commitment 8.",
    ]);
    assert_plain(&run.stdout);
    let store = JsonStore::new(&dir).unwrap();
    let journal = store.read_journal(&sam()).unwrap();
    let entries: Vec<_> = journal.live().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].body, "A better day.\nWe talked.");
    assert_eq!(entries[0].title, "Tuesday");
    let workbook = read_sam(&dir);
    assert_eq!(entries[0].author, workbook.participants[0].id);
    let checkin = workbook.checkins.last().unwrap();
    assert_eq!(
        (
            checkin.scores.trust,
            checkin.scores.safety,
            checkin.scores.communication,
            checkin.scores.commitment
        ),
        (6, 5, 4, 8)
    );
    assert_eq!(checkin.note, "Slow going.");
    // The one from when it was made, and this check-in's.
    assert_eq!(workbook.safety.screenings.len(), 2, "screened first");
}

#[test]
fn several_workbooks_are_listed_by_number() {
    let (_tmp, dir) = with_sam();
    create(&dir, "Alex", "caused");
    let run = tw_input(&dir, &[], "4\n2\n0\n");
    run.ok().stdout_has(&[
        "Which workbook would you like to open?",
        "1. Alex (a partner or spouse, you caused the hurt)",
        "2. Sam (a partner or spouse, you were hurt)",
        "3. Start a new workbook",
        "Please type one of the numbers shown: 1, 2 or 3.",
        "Opened the workbook \"Sam\"",
    ]);
}

#[test]
fn a_workbook_open_elsewhere_is_reported_and_left_alone() {
    let (_tmp, dir) = with_sam();
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&sam()).unwrap();
    let before = fs::read(dir.join("sam.json")).unwrap();
    tw_input(&dir, &["--plain"], "1\n\nNot written.\n.\n0\n0\n")
        .failed()
        .stderr_has(&["\"Sam\" is already open"]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), before);
    store.close(&sam());
}

#[test]
fn a_damaged_workbook_is_reported_and_left_alone() {
    let (_tmp, dir) = with_sam();
    let bad = corrupt(&dir.join("sam.json"));
    tw_input(&dir, &["--plain"], "0\n")
        .failed()
        .stderr_has(&["could not be read as a workbook", "has not been changed"]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), bad);
}

/// Runs plain mode in this process on `input`, as `main` does; returns
/// what it printed.
fn run_in_process(dir: &Path, input: &str) -> String {
    let mut store = JsonStore::new(dir).unwrap();
    let mut out = Vec::new();
    trustwork::plain::run(
        &content(),
        &mut store,
        None,
        &mut input.as_bytes(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn two_or_more_signs_bring_the_suggestion_of_outside_help() {
    let (_tmp, dir) = with_sam();
    // Stages, stage 6, its first step; tick two signs, skip the text.
    let out = run_in_process(&dir, "2\n6\n2\n1 2\n\n0\n0\n");
    assert!(out.contains("talking with a counsellor"), "{out}");
    // "None of these right now" is not a sign.
    let out = run_in_process(&dir, "2\n6\n2\n1 6\n\n0\n0\n");
    assert!(!out.contains("talking with a counsellor"), "{out}");
}

#[test]
fn a_workbook_for_two_leaves_the_private_checkin_to_the_app() {
    let (_tmp, dir) = with_sam();
    edit_workbook(&dir, "sam", |workbook, _| {
        workbook
            .participants
            .push(trustwork::domain::Participant::new(
                "Alex",
                trustwork::domain::Role::Caused,
            ));
    });
    let out = run_in_process(&dir, "4\n6\n0\n");
    // Whose space this is, said at once (nobody reads on in another's).
    assert!(out.contains("Writing as "), "{out}");
    assert!(out.contains("private rounds"), "{out}");
    assert!(out.contains("Couple mode, for two people"), "{out}");
    let workbook = read_sam(&dir);
    assert!(workbook.checkins.is_empty());
    // Only the screening from when it was made: nothing was asked.
    assert_eq!(workbook.safety.screenings.len(), 1, "nothing was asked");
}

#[test]
fn a_step_can_be_marked_done_and_a_stage_completed() {
    let (_tmp, dir) = with_sam();
    // Continue to step 1, skip its three questions, mark it done: on to
    // step 2, where its one question is skipped. Then to the main menu, the stages, stage 1's check-out:
    // try to complete it before answering, then answer and complete it.
    let out = run_in_process(
        &dir,
        concat!(
            "1\n\n\n\n2\n\n0\n",
            "2\n1\n8\n\n\n2\n3\n6\nNothing yet.\n.\n2\n0\n0\n"
        ),
    );
    assert!(out.contains("Step marked done."), "{out}");
    assert!(out.contains("Step 2 of 6: Has it stopped?"), "{out}");
    assert!(
        out.contains("Not yet: answer the check-out questions"),
        "{out}"
    );
    assert!(out.contains("Stage marked complete."), "{out}");
    let workbook = read_sam(&dir);
    assert!(
        workbook
            .progress
            .steps_marked_done
            .contains("acknowledge/name-what-happened")
    );
    assert!(
        workbook
            .progress
            .stages_completed
            .contains_key("acknowledge")
    );
}

#[test]
fn support_is_one_choice_from_the_main_menu() {
    let (_tmp, dir) = with_sam();
    let run = tw_input(&dir, &[], "s\n0\n");
    run.ok()
        .stdout_has(&["988", "116 123", "13 11 14", "findahelpline.com"]);
}

#[test]
fn right_now_is_one_choice_from_the_main_menu_and_parks_a_thought() {
    let (_tmp, dir) = with_sam();
    let run = tw_input(&dir, &[], "n\nthe argument about money\n0\n");
    run.ok().stdout_has(&[
        "Right now",
        "No big decisions",
        "988",
        "Parked in your journal",
    ]);
    let list = tw_run(&dir, &["journal", "search", "argument"]);
    list.ok().stdout_has(&["A thought parked for later"]);
}

#[test]
fn a_filled_in_i_statement_is_read_back_on_its_step() {
    let (_tmp, dir) = with_sam();
    edit_workbook(&dir, "sam", |workbook, _| {
        let content = content();
        let engine = trustwork::engine::Engine::new(&content, workbook.role());
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T22:10:00+00:00").unwrap();
        for (field, text) in [("i-felt", "shaken"), ("when", "I found the messages")] {
            let id = format!("communicate/speak-honestly-and-kindly/{field}");
            engine
                .answer(
                    &mut workbook.progress,
                    &id,
                    AnswerValue::Text(text.into()),
                    at,
                )
                .unwrap();
        }
    });
    // Stages, stage 2, its second step (after the intro and one step).
    let out = run_in_process(&dir, "2\n2\n3\n");
    assert!(
        out.contains(
            "From blame to I-statement, read back:\nI felt shaken when I found the messages."
        ),
        "{out}"
    );
}
