//! Snapshots of every couple-mode screen and mode: the partners form, the
//! talk hub, the setup and ground rules, each step of the floor and its
//! questions, the time-out, the summary, the agreements, and the private
//! check-in with its reveal. The app is driven with key presses on a
//! memory store, with the clock, the people and the workbook fixed, so the
//! snapshots never change. Review with `cargo insta review`.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::{DateTime, Duration, FixedOffset};
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, start};
use trustwork::couple::{Agreement, Step};
use trustwork::domain::{Clock, NewWorkbook, Participant, Role, Workbook};
use trustwork::keymap::Context;
use trustwork::storage::{MemoryStore, Store};
use trustwork::ui::screens::{AfterPartners, PartnersScreen};
use uuid::Uuid;

const ALEX: Uuid = Uuid::from_u128(0xA1E7);
const SAM: Uuid = Uuid::from_u128(0x5A77);

const MAIN: [(u16, u16); 3] = [(100, 30), (80, 24), (40, 12)];
const TWO: [(u16, u16); 2] = [(100, 30), (40, 12)];

/// Monday 23 November 2026, eight in the evening.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T20:00:00+01:00").unwrap()
}

/// A one-person workbook: Alex alone (still called "Me").
fn solo() -> Workbook {
    let mut wb = workbook("Alex", Role::Hurt);
    wb.participants[0].id = ALEX;
    wb
}

/// A couple workbook, "Us": Alex (hurt) and Sam (caused the hurt).
fn couple() -> Workbook {
    let mut wb = workbook("Us", Role::Hurt);
    wb.participants = vec![
        Participant {
            id: ALEX,
            name: "Alex".into(),
            role: Role::Hurt,
            key: None,
            recipient: None,
        },
        Participant {
            id: SAM,
            name: "Sam".into(),
            role: Role::Caused,
            key: None,
            recipient: None,
        },
    ];
    wb
}

/// The app opened on `wb` (put in the store as it is), clock fixed.
fn open(store: &mut MemoryStore, wb: Workbook) -> Runtime<'_> {
    let (key, _) = store
        .create(NewWorkbook {
            name: wb.name.clone(),
            relationship: wb.relationship,
            role: wb.role(),
        })
        .unwrap();
    store.open(&key).unwrap();
    store.save(&key, &wb).unwrap();
    store.close(&key);
    let mut app = start(content(), store, None).unwrap();
    app.set_clock(Clock::Fixed(now()));
    Runtime::new(app, store)
}

/// Moves the clock on, as if time had passed.
fn later(rt: &mut Runtime<'_>, seconds: i64) {
    let at = Clock::Fixed(now() + Duration::seconds(seconds));
    rt.app.set_clock(at);
}

fn snap(name: &str, rt: &Runtime<'_>, sizes: &[(u16, u16)]) {
    for (w, h) in sizes {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&rt.app, *w, *h));
    }
}

fn wb<'a>(rt: &'a Runtime<'_>) -> &'a Workbook {
    rt.app.session.as_ref().unwrap().workbook()
}

fn step(rt: &Runtime<'_>) -> Option<Step> {
    wb(rt).open_conversation().and_then(|t| t.step())
}

fn say(rt: &mut Runtime<'_>, text: &str) {
    type_text(rt, text);
    press(rt, &[KeyCode::Enter]);
}

/// From the stage page: a new talk about "Late nights", Alex first, with
/// or without the two-minute timer, past the ground rules.
fn begin(rt: &mut Runtime<'_>, timer: bool) {
    press(rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    type_text(rt, "Late nights");
    press(rt, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    if timer {
        press(rt, &[KeyCode::Right]);
    }
    press(rt, &[KeyCode::Enter, KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Floor(_)));
    assert_eq!(step(rt), Some(Step::Speak));
}

const SAID: &str = "I feel tired and guilty when you come home late, because I wait up and then I lie awake worrying.";

/// Alex has spoken; Sam is to say back what he heard.
fn at_paraphrase(rt: &mut Runtime<'_>) {
    begin(rt, false);
    say(rt, SAID);
    assert_eq!(step(rt), Some(Step::Paraphrase));
}

/// Sam's paraphrase waits for Alex's answer.
fn at_confirm(rt: &mut Runtime<'_>) {
    at_paraphrase(rt);
    say(rt, "You feel tired when I come home late.");
    assert_eq!(step(rt), Some(Step::Confirm));
}

/// Alex said "not quite", added what was missed, and Sam is trying again.
fn after_not_quite(rt: &mut Runtime<'_>) {
    at_confirm(rt);
    press(rt, &[KeyCode::Char('n')]);
    say(rt, "That I feel guilty too, not only tired");
    assert_eq!(step(rt), Some(Step::Paraphrase));
}

/// A whole turn: Alex spoke and Sam listened, paraphrased and validated.
fn turn_done(rt: &mut Runtime<'_>) {
    after_not_quite(rt);
    say(
        rt,
        "You feel tired, and guilty too, when I come home late and you wait up.",
    );
    press(rt, &[KeyCode::Char('y'), KeyCode::Char('n')]);
    assert_eq!(step(rt), Some(Step::Validate));
    press(rt, &[KeyCode::Tab, KeyCode::Enter]);
    assert_eq!(step(rt), Some(Step::Done));
}

/// One row down in couple mode's menu, with the arrow key.
fn hub_down(rt: &mut Runtime<'_>) {
    assert_eq!(rt.app.context(), Context::Talk);
    press(rt, &[KeyCode::Down]);
}

// ---------------------------------------------------------------------------
// The partners form

/// The form as shown right after creating a workbook for two.
fn partners_form(store: &mut MemoryStore) -> Runtime<'_> {
    let mut rt = open(store, solo());
    let session = rt.app.session.as_ref().unwrap();
    rt.app.screen = Screen::Partners(Box::new(PartnersScreen::new(session, AfterPartners::Start)));
    rt
}

#[test]
fn partners_form_empty() {
    let mut store = MemoryStore::new();
    let rt = partners_form(&mut store);
    assert_eq!(rt.app.context(), Context::Partners);
    snap("partners_empty", &rt, &MAIN);
}

#[test]
fn partners_form_with_the_same_name_twice() {
    let mut store = MemoryStore::new();
    let mut rt = partners_form(&mut store);
    type_text(&mut rt, "Alex");
    press(&mut rt, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut rt, "alex");
    press(&mut rt, &[KeyCode::Tab, KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Partners(_)), "not saved");
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("The two names are the same"), "{screen}");
    snap("partners_same_name", &rt, &TWO);
}

// ---------------------------------------------------------------------------
// Couple mode's home

#[test]
fn talk_hub_in_a_one_person_workbook_explains_couple_mode() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, solo());
    press(&mut rt, &[KeyCode::Char('5')]);
    assert_eq!(rt.app.context(), Context::Talk);
    snap("talk_solo", &rt, &MAIN);
}

#[test]
fn talk_hub_in_a_couple_workbook() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    press(&mut rt, &[KeyCode::Char('5')]);
    snap("talk_start", &rt, &MAIN);
}

#[test]
fn talk_hub_switched_off_until_a_private_review() {
    let mut store = MemoryStore::new();
    let mut wb = couple();
    wb.safety.safety_first.insert(SAM);
    let mut rt = open(&mut store, wb);
    press(&mut rt, &[KeyCode::Char('5')]);
    assert_eq!(rt.app.context(), Context::TalkOff);
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("Start a talk"), "{screen}");
    snap("talk_switched_off", &rt, &MAIN);
}

#[test]
fn talk_hub_with_a_talk_in_progress() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_paraphrase(&mut rt);
    type_text(&mut rt, "You feel tired");
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::Talk);
    snap("talk_in_progress", &rt, &TWO);
}

/// An ended talk with one agreement made and one not agreed.
fn talk_ended(rt: &mut Runtime<'_>) {
    turn_done(rt);
    rt.key(ctrl('g'));
    say(rt, "Home by eight on weekdays, or a message by seven");
    press(rt, &[KeyCode::Char('y'), KeyCode::Char('y')]);
    rt.key(ctrl('g'));
    say(rt, "A walk together every Sunday morning");
    press(rt, &[KeyCode::Char('y'), KeyCode::Esc]);
    rt.key(ctrl('e'));
    press(rt, &[KeyCode::Char('y')]);
    // The proposal still open is put to Sam, who says no.
    assert_eq!(rt.app.context(), Context::Question);
    press(rt, &[KeyCode::Char('n')]);
    assert!(matches!(rt.app.screen, Screen::TalkSummary(_)));
}

#[test]
fn talk_hub_with_an_earlier_talk_and_agreements() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    talk_ended(&mut rt);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Talk);
    // One more proposal, waiting for a yes.
    hub_down(&mut rt);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('a')]);
    say(&mut rt, "Phones away at dinner");
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Esc, KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::Talk);
    let screen = render(&rt.app, 100, 30);
    assert!(
        screen.contains("1 in place, 1 waiting for a yes"),
        "{screen}"
    );
    assert!(screen.contains("“Late nights”"), "{screen}");
    snap("talk_history", &rt, &MAIN);
}

// ---------------------------------------------------------------------------
// Setting up a talk

#[test]
fn setup_form_and_ground_rules() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkSetup);
    type_text(&mut rt, "Late nights");
    snap("setup_form", &rt, &MAIN);
    // Sam first, with a three-minute timer: the small window shows the
    // focused field only.
    press(
        &mut rt,
        &[
            KeyCode::Tab,
            KeyCode::Tab,
            KeyCode::Right,
            KeyCode::Tab,
            KeyCode::Right,
            KeyCode::Right,
        ],
    );
    snap("setup_timer", &rt, &TWO);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkRules);
    snap("setup_rules", &rt, &MAIN);
}

#[test]
fn setup_without_a_topic_asks_for_one() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Enter]);
    press(&mut rt, &[KeyCode::BackTab, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkSetup);
    snap("setup_no_topic", &rt, &TWO);
}

// ---------------------------------------------------------------------------
// The floor, step by step

#[test]
fn floor_speak() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    begin(&mut rt, false);
    type_text(&mut rt, "I feel tired when");
    // Who holds the floor reads without colour.
    let runs = reversed_runs(&render_buffer(&rt.app, 100, 30));
    assert!(
        runs.iter().any(|r| r == " ▶ Alex has the floor "),
        "{runs:?}"
    );
    snap("floor_speak", &rt, &MAIN);
}

#[test]
fn floor_speak_with_the_timer() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    begin(&mut rt, true);
    type_text(&mut rt, "I feel tired when");
    later(&mut rt, 45);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("1:15 left"), "{screen}");
    snap("floor_speak_timer", &rt, &TWO);
    // Time is up: a gentle note, and the words stay.
    later(&mut rt, 150);
    snap("floor_time_up", &rt, &MAIN);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(step(&rt), Some(Step::Paraphrase), "never a cut-off");
}

#[test]
fn floor_empty_enter_is_refused_gently() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_paraphrase(&mut rt);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(step(&rt), Some(Step::Paraphrase));
    snap("floor_empty_enter", &rt, &TWO);
}

#[test]
fn floor_confirm() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_confirm(&mut rt);
    snap("floor_confirm", &rt, &MAIN);
}

#[test]
fn floor_correct() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_confirm(&mut rt);
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(rt.app.context(), Context::LineEdit);
    type_text(&mut rt, "That I feel guilty too");
    snap("floor_correct", &rt, &MAIN);
}

#[test]
fn floor_paraphrase_after_not_quite() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    after_not_quite(&mut rt);
    type_text(&mut rt, "You feel tired, and guilty");
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Not quite. What was missed"), "{screen}");
    snap("floor_paraphrase", &rt, &MAIN);
}

#[test]
fn floor_more_validate_and_done() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    after_not_quite(&mut rt);
    say(
        &mut rt,
        "You feel tired, and guilty too, when I come home late.",
    );
    press(&mut rt, &[KeyCode::Char('y')]);
    assert_eq!(step(&rt), Some(Step::More));
    snap("floor_more", &rt, &TWO);
    press(&mut rt, &[KeyCode::Char('n'), KeyCode::Tab]);
    assert_eq!(step(&rt), Some(Step::Validate));
    snap("floor_validate", &rt, &MAIN);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(step(&rt), Some(Step::Done));
    snap("floor_done", &rt, &MAIN);
    // The next turn: the banner moves to Sam.
    press(&mut rt, &[KeyCode::Enter]);
    let runs = reversed_runs(&render_buffer(&rt.app, 100, 30));
    assert!(
        runs.iter().any(|r| r == " ▶ Sam has the floor "),
        "{runs:?}"
    );
    assert!(!runs.iter().any(|r| r.contains("Alex has")), "{runs:?}");
}

#[test]
fn floor_propose_and_vote() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    turn_done(&mut rt);
    rt.key(ctrl('g'));
    type_text(&mut rt, "Home by eight on weekdays, or a message by seven");
    assert_eq!(rt.app.context(), Context::LineEdit);
    snap("floor_propose", &rt, &TWO);
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Question);
    snap("floor_vote_first", &rt, &TWO);
    press(&mut rt, &[KeyCode::Char('y')]);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Sam, do you agree to this?"), "{screen}");
    snap("floor_vote_second", &rt, &TWO);
}

#[test]
fn floor_ask_skip() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_paraphrase(&mut rt);
    rt.key(ctrl('x'));
    assert_eq!(rt.app.context(), Context::Question);
    snap("floor_ask_skip", &rt, &TWO);
}

#[test]
fn floor_ask_end() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_paraphrase(&mut rt);
    rt.key(ctrl('e'));
    assert_eq!(rt.app.context(), Context::Question);
    snap("floor_ask_end", &rt, &TWO);
}

// ---------------------------------------------------------------------------
// Time-out and summary

#[test]
fn time_out_screen() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    at_paraphrase(&mut rt);
    type_text(&mut rt, "You feel");
    rt.key(ctrl('t'));
    assert!(matches!(rt.app.screen, Screen::TimeOut(_)));
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("20:20 (in 20 min)"), "{screen}");
    snap("time_out", &rt, &MAIN);
}

#[test]
fn summary_with_one_agreement_made_and_one_not() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    talk_ended(&mut rt);
    let screen = render(&rt.app, 100, 30);
    assert!(
        screen.contains("✓ Home by eight on weekdays, or a message by seven"),
        "{screen}"
    );
    assert!(
        screen.contains("· A walk together every Sunday morning"),
        "{screen}"
    );
    snap("summary", &rt, &MAIN);
}

// ---------------------------------------------------------------------------
// Agreements

fn agreements_screen(rt: &mut Runtime<'_>) {
    press(rt, &[KeyCode::Char('5')]);
    hub_down(rt);
    press(rt, &[KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Agreements(_)));
}

#[test]
fn agreements_empty() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    agreements_screen(&mut rt);
    // Nothing to accept, revise or retire yet: only a new one is offered.
    assert_eq!(rt.app.context(), Context::NoAgreements);
    snap("agreements_empty", &rt, &TWO);
}

/// One in place (reworded once), one waiting for Sam, one retired and one
/// dropped, with fixed ids and times.
fn with_agreements() -> Workbook {
    let mut wb = couple();
    let both = [ALEX, SAM];
    let mut active = Agreement::propose("No phones at dinner", Some(SAM), None, at(2, 20)).unwrap();
    active.accept(SAM, &both, at(2, 20)).unwrap();
    active
        .revise("Phones away at dinner, both of us", Some(ALEX), at(9, 21))
        .unwrap();
    active.accept(ALEX, &both, at(9, 21)).unwrap();
    active.accept(SAM, &both, at(10, 8)).unwrap();
    let mut waiting = Agreement::propose(
        "A walk together every Sunday morning",
        Some(ALEX),
        None,
        at(16, 19),
    )
    .unwrap();
    waiting.accept(ALEX, &both, at(16, 19)).unwrap();
    let mut retired = Agreement::propose(
        "Call if either of us is going to be more than half an hour late",
        Some(ALEX),
        None,
        at(1, 9),
    )
    .unwrap();
    retired.accept(ALEX, &both, at(1, 9)).unwrap();
    retired.accept(SAM, &both, at(1, 10)).unwrap();
    retired.retire(Some(SAM), at(18, 22)).unwrap();
    let mut dropped =
        Agreement::propose("Separate holidays this year", None, None, at(5, 20)).unwrap();
    dropped.drop_unaccepted(at(5, 21)).unwrap();
    wb.agreements = vec![retired, active, dropped, waiting];
    for (i, a) in wb.agreements.iter_mut().enumerate() {
        a.id = Uuid::from_u128(0xA9_0000 + i as u128);
    }
    wb
}

#[test]
fn agreements_list_with_history() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, with_agreements());
    agreements_screen(&mut rt);
    snap("agreements_list", &rt, &MAIN);
    press(&mut rt, &[KeyCode::Down, KeyCode::Down]);
    snap("agreements_retired", &rt, &TWO);
}

#[test]
fn agreements_write_a_new_one() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, with_agreements());
    agreements_screen(&mut rt);
    press(&mut rt, &[KeyCode::Char('a')]);
    assert_eq!(rt.app.context(), Context::LineEdit);
    type_text(&mut rt, "One evening a week just for us");
    snap("agreements_write", &rt, &TWO);
}

#[test]
fn agreements_vote() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, with_agreements());
    agreements_screen(&mut rt);
    // The one waiting: Alex said yes, so Sam is asked.
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Question);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Sam, do you agree to this?"), "{screen}");
    snap("agreements_vote", &rt, &TWO);
}

#[test]
fn agreements_ask_retire() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, with_agreements());
    agreements_screen(&mut rt);
    press(&mut rt, &[KeyCode::Char('x')]);
    assert_eq!(rt.app.context(), Context::Question);
    snap("agreements_ask_retire", &rt, &TWO);
}

// ---------------------------------------------------------------------------
// Private check-in

fn answer(rt: &mut Runtime<'_>, scores: [char; 4]) {
    for digit in scores {
        press(rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(rt, &[KeyCode::Char('s')]);
}

#[test]
fn private_checkin_look_away_form_and_reveal() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    press(&mut rt, &[KeyCode::Char('3')]);
    assert_eq!(rt.app.context(), Context::LookAway);
    snap("look_away_first", &rt, &MAIN);

    press(&mut rt, &[KeyCode::Enter]);
    through_screening(&mut rt);
    assert_eq!(rt.app.context(), Context::CheckIn);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Check-in · Alex"), "{screen}");
    snap("private_form", &rt, &MAIN);

    answer(&mut rt, ['7', '8', '6', '9']);
    assert_eq!(rt.app.context(), Context::LookAway);
    for (w, h) in TWO {
        let screen = render(&rt.app, w, h);
        assert!(
            !screen.contains("/ 10") && !screen.chars().any(|c| matches!(c, '6'..='9')),
            "none of Alex's scores on Sam's screen: {screen}"
        );
    }
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("Thank you, Alex"), "{screen}");
    assert!(screen.contains("Pass the keyboard to Sam"), "{screen}");
    snap("look_away_second", &rt, &TWO);

    press(&mut rt, &[KeyCode::Enter]);
    through_screening(&mut rt);
    answer(&mut rt, ['3', '4', '5', '2']);
    assert_eq!(rt.app.context(), Context::Reveal);
    snap("reveal_question", &rt, &TWO);

    press(&mut rt, &[KeyCode::Char('y')]);
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("/ 10"), "one yes is not enough: {screen}");
    snap("reveal_one_yes", &rt, &TWO);

    press(&mut rt, &[KeyCode::Char('y')]);
    let screen = render(&rt.app, 100, 30);
    assert!(
        screen.contains(" 7 / 10") && screen.contains(" 3 / 10"),
        "{screen}"
    );
    snap("revealed", &rt, &MAIN);
}

#[test]
fn private_checkin_kept_private() {
    let mut store = MemoryStore::new();
    let mut rt = open(&mut store, couple());
    press(&mut rt, &[KeyCode::Char('3')]);
    for scores in [['7', '8', '6', '9'], ['3', '4', '5', '2']] {
        press(&mut rt, &[KeyCode::Enter]);
        through_screening(&mut rt);
        answer(&mut rt, scores);
    }
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Char('n')]);
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("/ 10"), "{screen}");
    snap("kept_private", &rt, &TWO);
}
