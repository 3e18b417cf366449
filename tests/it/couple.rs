//! Couple mode driven by key presses against a real store in a temp dir:
//! two people at one keyboard hold a whole talk, and what they did ends up
//! in the workbook JSON and the journal.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyCode;
use trustwork::action::Action;
use trustwork::app::{Runtime, Screen, start};
use trustwork::couple::{Agreement, AgreementStatus, Step};
use trustwork::domain::{Clock, Position, Workbook};
use trustwork::keymap::Context;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T20:00:00+01:00").unwrap()
}

/// A couple workbook, Alex and Sam, saved in the store.
fn couple(store: &mut dyn Store) -> WorkbookKey {
    crate::support::alex_and_sam(store)
}

fn runtime(store: &mut dyn Store) -> Runtime<'_> {
    let mut app = start(content(), store, None).unwrap();
    app.set_clock(Clock::Fixed(now()));
    Runtime::new(app, store)
}

fn workbook<'a>(rt: &'a Runtime<'_>) -> &'a Workbook {
    rt.app.session.as_ref().unwrap().workbook()
}

fn step(rt: &Runtime<'_>) -> Option<Step> {
    workbook(rt).open_conversation().and_then(|t| t.step())
}

/// From anywhere in the workbook: a new talk about `topic`, the first
/// partner speaking, no timer, past the ground rules.
fn start_talk(rt: &mut Runtime<'_>, topic: &str) {
    press(rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    type_text(rt, topic);
    press(
        rt,
        &[
            KeyCode::Tab,
            KeyCode::Tab,
            KeyCode::Tab,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
}

fn say(rt: &mut Runtime<'_>, text: &str) {
    type_text(rt, text);
    press(rt, &[KeyCode::Enter]);
}

/// One turn, start to end: speak, paraphrase, confirm, no more, validate.
fn full_turn(rt: &mut Runtime<'_>, said: &str, heard: &str) {
    assert_eq!(step(rt), Some(Step::Speak));
    say(rt, said);
    assert_eq!(step(rt), Some(Step::Paraphrase));
    say(rt, heard);
    assert_eq!(step(rt), Some(Step::Confirm));
    press(rt, &[KeyCode::Char('y')]);
    assert_eq!(step(rt), Some(Step::More));
    press(rt, &[KeyCode::Char('n')]);
    assert_eq!(step(rt), Some(Step::Validate));
    rt.key(key(KeyCode::Tab));
    press(rt, &[KeyCode::Enter]);
    assert_eq!(step(rt), Some(Step::Done));
}

#[test]
fn two_people_hold_a_whole_talk_with_a_time_out_and_an_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkSetup);
    type_text(&mut rt, "Late nights");
    // Topic, suggestions, who starts (Sam), timer (2 minutes), the rules.
    press(
        &mut rt,
        &[
            KeyCode::Tab,
            KeyCode::Tab,
            KeyCode::Right,
            KeyCode::Tab,
            KeyCode::Right,
        ],
    );
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkRules);
    press(&mut rt, &[KeyCode::Enter]);
    let sam = workbook(&rt).participants[1].id;
    assert_eq!(
        workbook(&rt).open_conversation().unwrap().speaker(),
        Some(sam)
    );

    // Sam speaks; Alex's first paraphrase is "not quite".
    say(&mut rt, "I feel tired and guilty");
    say(&mut rt, "You are tired");
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(rt.app.context(), Context::LineEdit);
    say(&mut rt, "guilty too");
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    // Enter on an empty box does not move on by accident.
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    type_text(&mut rt, "You feel tired, and gu");

    // A time-out mid-sentence, then back exactly where it was.
    rt.key(ctrl('t'));
    assert!(matches!(rt.app.screen, Screen::TimeOut(_)));
    assert!(
        workbook(&rt)
            .open_conversation()
            .unwrap()
            .on_time_out()
            .is_some()
    );
    press(&mut rt, &[KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Floor(_)));
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    type_text(&mut rt, "ilty");
    press(&mut rt, &[KeyCode::Enter]);
    let talk = workbook(&rt).open_conversation().unwrap();
    let round = &talk.current().unwrap().rounds[0];
    assert_eq!(
        round.paraphrases[0].correction.as_deref(),
        Some("guilty too")
    );
    assert_eq!(round.paraphrases[1].note.text, "You feel tired, and guilty");
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Char('n')]);
    // Ctrl+L: the validation was said aloud.
    rt.key(ctrl('l'));
    assert_eq!(step(&rt), Some(Step::Done));

    // An agreement, accepted by each in turn.
    rt.key(ctrl('g'));
    say(&mut rt, "Home by eight on weekdays");
    assert_eq!(rt.app.context(), Context::Question);
    press(&mut rt, &[KeyCode::Char('y')]);
    let pending = &workbook(&rt).agreements[0];
    assert_eq!(
        pending.status,
        AgreementStatus::Proposed,
        "one yes is not enough"
    );
    press(&mut rt, &[KeyCode::Char('y')]);
    assert_eq!(workbook(&rt).agreements[0].status, AgreementStatus::Active);

    // Roles swap: Alex speaks.
    press(&mut rt, &[KeyCode::Enter]);
    let alex = workbook(&rt).participants[0].id;
    assert_eq!(
        workbook(&rt).open_conversation().unwrap().speaker(),
        Some(alex)
    );
    full_turn(&mut rt, "I felt alone", "You felt alone");

    rt.key(ctrl('e'));
    assert_eq!(rt.app.context(), Context::Question);
    press(&mut rt, &[KeyCode::Char('y')]);
    assert!(matches!(rt.app.screen, Screen::TalkSummary(_)));
    drop(rt);

    // On disk: the ended talk with its summary, the agreement, the journal.
    let text = std::fs::read_to_string(dir.path().join(format!("{key}.json"))).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let talk = &doc["conversations"][0];
    assert!(talk["ended_at"].is_string());
    assert_eq!(talk["summary"]["topic"], "Late nights");
    assert_eq!(talk["summary"]["turns_taken"], 2);
    assert_eq!(talk["summary"]["paraphrases_confirmed"], 2);
    assert_eq!(talk["summary"]["time_outs"], 1);
    assert_eq!(
        talk["summary"]["agreements"][0],
        "Home by eight on weekdays"
    );
    assert_eq!(doc["agreements"][0]["status"], "active");
    let journal = std::fs::read_to_string(dir.path().join(format!("{key}.journal.jsonl"))).unwrap();
    assert!(journal.contains("We talked about"), "{journal}");
    assert!(journal.contains("Home by eight on weekdays"), "{journal}");
}

#[test]
fn quitting_mid_talk_and_reopening_resumes_the_same_turn_and_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = couple(&mut store);
    {
        let mut rt = runtime(&mut store);
        start_talk(&mut rt, "Money");
        say(&mut rt, "I worry about money");
        type_text(&mut rt, "You wor");
        rt.key(ctrl('q'));
    }
    // The process would end here, releasing its lock.
    store.close(&key);
    let mut rt = runtime(&mut store);
    // The paused talk is offered as the workbook opens.
    let offered = render(&rt.app, 100, 30);
    assert!(offered.contains("A talk is paused"), "{offered}");
    assert!(offered.contains("“Money”"), "{offered}");
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('5')]);
    assert!(matches!(rt.app.screen, Screen::Floor(_)));
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("You wor"), "{screen}");
    assert!(screen.contains("I worry about money"), "{screen}");
}

#[test]
fn a_skip_must_be_asked_for_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    start_talk(&mut rt, "Chores");
    // Nothing to skip while speaking.
    rt.key(ctrl('x'));
    assert_eq!(step(&rt), Some(Step::Speak));
    say(&mut rt, "I do most of it");
    rt.key(ctrl('x'));
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(step(&rt), Some(Step::Paraphrase), "no means no skip");
    rt.key(ctrl('x'));
    // The turn timer's ticks keep coming while the question is on screen.
    rt.dispatch(Action::Tick(std::time::Duration::from_millis(250)));
    assert_eq!(rt.app.context(), Context::Question);
    press(&mut rt, &[KeyCode::Char('y')]);
    assert_eq!(step(&rt), Some(Step::More));
    let turn = workbook(&rt)
        .open_conversation()
        .unwrap()
        .current()
        .unwrap()
        .clone();
    assert_eq!(turn.skipped, vec![Step::Paraphrase]);
}

#[test]
fn a_proposal_not_accepted_by_both_is_dropped_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    start_talk(&mut rt, "Weekends");
    rt.key(ctrl('g'));
    say(&mut rt, "Saturday mornings are ours");
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Esc]);
    assert_eq!(
        workbook(&rt).agreements[0].status,
        AgreementStatus::Proposed
    );
    // At the end it is put to the one who has not said yes; a no drops it.
    rt.key(ctrl('e'));
    press(&mut rt, &[KeyCode::Char('y')]);
    assert_eq!(rt.app.context(), Context::Question);
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(workbook(&rt).agreements[0].status, AgreementStatus::Dropped);
    assert!(matches!(rt.app.screen, Screen::TalkSummary(_)));
}

#[test]
fn private_check_in_ratings_are_hidden_until_both_agree_to_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('3')]);
    assert_eq!(rt.app.context(), Context::LookAway);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Pass the keyboard to Alex"), "{screen}");
    assert!(screen.contains("Sam, please look away"), "{screen}");
    press(&mut rt, &[KeyCode::Enter]);
    through_screening(&mut rt);
    assert_eq!(rt.app.context(), Context::CheckIn);
    // Alex: 7, 8, 6, 9.
    for digit in ['7', '8', '6', '9'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char('s')]);
    // Alex's answers are gone from the screen before Sam sits down.
    assert_eq!(rt.app.context(), Context::LookAway);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Pass the keyboard to Sam"), "{screen}");
    assert!(
        !screen.contains("7 / 10") && !screen.contains(" 7 "),
        "{screen}"
    );
    assert!(workbook(&rt).checkins.iter().all(|c| !c.is_shown()));
    // Nothing private on the dashboard meanwhile.
    press(&mut rt, &[KeyCode::Enter]);
    through_screening(&mut rt);
    for digit in ['3', '4', '5', '2'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char('s')]);
    assert_eq!(rt.app.context(), Context::Reveal);
    // One yes is not enough.
    press(&mut rt, &[KeyCode::Char('y')]);
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("/ 10"), "{screen}");
    press(&mut rt, &[KeyCode::Char('y')]);
    let screen = render(&rt.app, 100, 30);
    assert!(
        screen.contains(" 7 / 10") && screen.contains(" 3 / 10"),
        "{screen}"
    );
    assert!(workbook(&rt).checkins.iter().all(|c| c.is_shown()));
}

#[test]
fn one_no_keeps_private_answers_private() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('3')]);
    for _ in 0..2 {
        press(&mut rt, &[KeyCode::Enter]);
        through_screening(&mut rt);
        for digit in ['5', '5', '5', '5'] {
            press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
        }
        press(&mut rt, &[KeyCode::Char('s')]);
    }
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Char('n')]);
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("/ 10"), "{screen}");
    assert!(workbook(&rt).checkins.iter().all(|c| !c.is_shown()));
    assert_eq!(workbook(&rt).checkins.len(), 2, "kept, not deleted");
}

#[test]
fn agreements_made_together_show_on_the_boundaries_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = couple(&mut store);
    let mut wb = store.open(&key).unwrap();
    let everyone = wb.participant_ids();
    let mut agreement = Agreement::propose("Phones away at dinner", None, None, now()).unwrap();
    for id in &everyone {
        agreement.accept(*id, &everyone, now()).unwrap();
    }
    let mut waiting = Agreement::propose("Not yet agreed", None, None, now()).unwrap();
    waiting.accept(everyone[0], &everyone, now()).unwrap();
    wb.agreements = vec![agreement, waiting];
    wb.progress.position = Position {
        stage: "boundaries".into(),
        step: Some("agreements".into()),
    };
    store.save(&key, &wb).unwrap();
    store.close(&key);
    let rt = runtime(&mut store);
    let screen = render(&rt.app, 120, 40);
    assert!(screen.contains("Agreed together"), "{screen}");
    assert!(screen.contains("✓ Phones away at dinner"), "{screen}");
    assert!(!screen.contains("Not yet agreed"), "{screen}");
}

#[test]
fn answers_entries_and_check_ins_are_attributed_to_who_is_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    let sam = workbook(&rt).participants[1].id;
    // The stage intro: W hands the keyboard to Sam, through the "please
    // look away" screen, and he starts from the overview.
    press(&mut rt, &[KeyCode::Char('W')]);
    assert!(render(&rt.app, 100, 30).contains("Pass the keyboard to Sam"));
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.session.as_ref().unwrap().writer(), sam);
    assert!(render(&rt.app, 100, 30).contains("✎ Sam"));
    // The overview's Enter goes on to the first step.
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "It was the lying");
    press(&mut rt, &[KeyCode::Esc]);
    // Sam's answer is in Sam's own progress, his to share or not; the
    // first person's answers do not hold it.
    let wb = workbook(&rt);
    let answer = wb
        .progress_of(sam)
        .answers
        .values()
        .find(|a| a.author.is_some())
        .unwrap();
    assert_eq!(answer.author, Some(sam));
    assert!(
        answer.private,
        "a new answer in a workbook for two is private"
    );
    assert!(wb.progress.answers.values().all(|a| a.author != Some(sam)));
    // A journal entry written now is Sam's too.
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, "A hard evening");
    press(&mut rt, &[KeyCode::Esc]);
    let journal = &rt.app.session.as_ref().unwrap().journal();
    assert!(journal.live().all(|e| e.author == sam && e.private));
    assert_eq!(journal.live().count(), 1);
}

#[test]
fn enter_after_a_typed_topic_keeps_it_rather_than_taking_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    type_text(&mut rt, "Chores");
    // Topic, who speaks first, the timer, the rules: Enter all the way.
    press(
        &mut rt,
        &[
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    assert_eq!(workbook(&rt).open_conversation().unwrap().topic, "Chores");
}

#[test]
fn the_talk_notes_gently_places_the_cursor_and_records_who_proposed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    start_talk(&mut rt, "Evenings");
    let speaker = workbook(&rt)
        .open_conversation()
        .unwrap()
        .speaker()
        .unwrap();
    // "You always" gets a gentle note, and sends all the same.
    type_text(&mut rt, "You always come home late");
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("A gentle note"), "{screen}");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    // A paraphrase that argues back is noticed too; one that says back is not.
    type_text(&mut rt, "But I was");
    assert!(render(&rt.app, 100, 30).contains("only for saying back"));
    for _ in 0.."But I was".len() {
        press(&mut rt, &[KeyCode::Backspace]);
    }
    type_text(&mut rt, "You miss me in the evenings");
    assert!(!render(&rt.app, 100, 30).contains("A gentle note"));
    press(
        &mut rt,
        &[KeyCode::Enter, KeyCode::Char('y'), KeyCode::Char('n')],
    );
    assert_eq!(step(&rt), Some(Step::Validate));
    // A sentence starter waits with the cursor in its gap.
    rt.key(key(KeyCode::Tab));
    type_text(&mut rt, "lonely");
    let screen = render(&rt.app, 100, 30);
    assert!(
        screen.contains("It makes sense that you feel lonely because"),
        "{screen}"
    );
    press(&mut rt, &[KeyCode::Enter]);
    // A proposal made now is the one whose turn it is: the speaker's,
    // back at the start of the next turn's step... or this one's end.
    rt.key(ctrl('g'));
    say(&mut rt, "Dinner together on Sundays");
    let agreement = workbook(&rt).agreements.last().unwrap();
    let talk = workbook(&rt).open_conversation().unwrap();
    assert_eq!(agreement.proposed_by, talk.actor());
    assert!(agreement.proposed_by.is_some());
    let _ = speaker;
    // Declined: the record says so.
    press(&mut rt, &[KeyCode::Char('n')]);
    let agreement = workbook(&rt).agreements.last().unwrap();
    assert!(
        agreement
            .history
            .iter()
            .any(|e| matches!(e.kind, trustwork::couple::AgreementEventKind::Declined)),
        "{agreement:?}"
    );
}
