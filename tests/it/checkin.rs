//! The check-in form driven by key presses against a real store: what a
//! person presses, and what ends up on disk.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Exit, Runtime, Screen, start};
use trustwork::domain::{
    AnswerValue, COMMITMENTS_ANSWER, CheckIn, Clock, CommitmentCheck, Measure, NewWorkbook,
    RelationshipKind, Role, Scores, Workbook,
};
use trustwork::keymap::Context;
use trustwork::storage::{JsonStore, MemoryStore, Store, WorkbookKey};
use trustwork::ui::screens::CheckInField;

const COMMITMENTS: &str = "- Call if I'm late\n- No phone at dinner\n- Sunday money talk";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-30T21:15:00+01:00").unwrap()
}

/// A workbook in the store, changed by `setup` and saved.
fn create(store: &mut dyn Store, setup: impl FnOnce(&mut Workbook)) -> WorkbookKey {
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Caused,
        })
        .unwrap();
    let mut workbook = store.open(&key).unwrap();
    setup(&mut workbook);
    store.save(&key, &workbook).unwrap();
    store.close(&key);
    key
}

fn with_commitments(workbook: &mut Workbook) {
    workbook.progress.answers.insert(
        COMMITMENTS_ANSWER.into(),
        trustwork::domain::Answer {
            value: AnswerValue::Text(COMMITMENTS.into()),
            updated_at: now(),
            author: None,
            private: false,
        },
    );
}

/// The app started on the store, with the clock fixed, on the check-in
/// form (3 from the page it opens on).
fn on_the_form(store: &mut dyn Store) -> Runtime<'_> {
    let mut app = start(content(), store, None).unwrap();
    app.set_clock(Clock::Fixed(now()));
    let mut rt = Runtime::new(app, store);
    press(&mut rt, &[KeyCode::Char('3')]);
    through_screening(&mut rt);
    assert!(matches!(rt.app.screen, Screen::CheckIn(_)));
    rt
}

fn form<'a>(rt: &'a Runtime<'_>) -> &'a trustwork::ui::screens::CheckInScreen {
    match &rt.app.screen {
        Screen::CheckIn(form) => form,
        _ => panic!("not on the check-in form"),
    }
}

fn checkins(rt: &Runtime<'_>, key: &WorkbookKey) -> Vec<CheckIn> {
    rt.store.read(key).unwrap().checkins
}

#[test]
fn a_check_in_filled_with_keys_is_saved_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let key = create(&mut store, with_commitments);
    let mut rt = on_the_form(&mut store);

    // The scales start unchosen; a digit, arrows, and → up to 10.
    assert_eq!(form(&rt).scores, [None; 4]);
    press(&mut rt, &[KeyCode::Char('6'), KeyCode::Down]);
    press(&mut rt, &[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    press(&mut rt, &[KeyCode::Tab, KeyCode::Char('7'), KeyCode::Down]);
    press(
        &mut rt,
        &[KeyCode::Char('9'), KeyCode::Right, KeyCode::Right],
    );
    assert_eq!(form(&rt).scores, [Some(6), Some(2), Some(7), Some(10)]);

    // Commitments: kept with Space, missed with → twice, the last unrated.
    press(&mut rt, &[KeyCode::Down, KeyCode::Char(' ')]);
    press(&mut rt, &[KeyCode::Down, KeyCode::Right, KeyCode::Right]);
    press(&mut rt, &[KeyCode::Down]);
    assert_eq!(form(&rt).focused(), CheckInField::Commitment(2));

    // The note: keys that are commands elsewhere are typed here.
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::EditText);
    type_text(&mut rt, "A better week. q s 3 ✓");
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::CheckIn);

    // Remind me after 10 days.
    press(
        &mut rt,
        &[
            KeyCode::Down,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
        ],
    );
    assert_eq!(form(&rt).interval, 10);
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);

    assert!(matches!(rt.app.screen, Screen::Dashboard(_)));
    assert_eq!(rt.app.status.as_deref(), Some("Check-in saved"));
    let on_disk = rt.store.read(&key).unwrap();
    assert_eq!(on_disk.checkin_interval_days, 10);
    let [saved] = on_disk.checkins.as_slice() else {
        panic!("one check-in: {:?}", on_disk.checkins);
    };
    assert_eq!(
        saved.scores,
        Scores {
            trust: 6,
            safety: 2,
            communication: 7,
            commitment: 10
        }
    );
    assert_eq!(saved.note, "A better week. q s 3 ✓");
    assert_eq!(saved.created_at, now());
    assert_eq!(saved.author, on_disk.default_author());
    assert_eq!(
        saved.commitments,
        [
            CommitmentCheck {
                commitment: "Call if I'm late".into(),
                kept: true
            },
            CommitmentCheck {
                commitment: "No phone at dinner".into(),
                kept: false
            },
        ]
    );
}

#[test]
fn saving_waits_until_every_scale_has_a_point() {
    let mut store = MemoryStore::new();
    let key = create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Down, KeyCode::Down]);
    press(&mut rt, &[KeyCode::Char('4'), KeyCode::Char('s')]);
    let status = rt.app.status.clone().unwrap();
    assert!(status.contains("Feeling safe"), "{status}");
    assert_eq!(form(&rt).focused(), CheckInField::Scale(Measure::Safety));
    assert!(checkins(&rt, &key).is_empty());

    // The Save button says the same; nothing is lost meanwhile.
    press(&mut rt, &[KeyCode::Char('0')]);
    for _ in 0..10 {
        press(&mut rt, &[KeyCode::Down]);
    }
    assert_eq!(form(&rt).focused(), CheckInField::Save);
    press(&mut rt, &[KeyCode::Enter]);
    assert!(
        rt.app.status.as_deref().unwrap().contains("Commitment"),
        "{:?}",
        rt.app.status
    );
    assert_eq!(form(&rt).scores, [Some(5), Some(0), Some(4), None]);

    press(&mut rt, &[KeyCode::Char('8'), KeyCode::Char('s')]);
    assert_eq!(checkins(&rt, &key).len(), 1);
    assert_eq!(
        rt.store.read(&key).unwrap().checkin_interval_days,
        7,
        "the interval stays as it was"
    );
}

#[test]
fn a_scale_can_be_cleared_and_the_first_arrow_lands_on_zero() {
    let mut store = MemoryStore::new();
    create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    press(&mut rt, &[KeyCode::Left]);
    assert_eq!(form(&rt).scores[0], Some(0));
    press(
        &mut rt,
        &[KeyCode::Left, KeyCode::Char('9'), KeyCode::Right],
    );
    press(&mut rt, &[KeyCode::Right]);
    assert_eq!(form(&rt).scores[0], Some(10), "10 is the top");
    press(&mut rt, &[KeyCode::Backspace]);
    assert_eq!(form(&rt).scores[0], None);
}

#[test]
fn leaving_an_empty_form_needs_no_question() {
    let mut store = MemoryStore::new();
    create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    press(&mut rt, &[KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
}

#[test]
fn leaving_a_filled_form_asks_first() {
    let mut store = MemoryStore::new();
    let key = create(&mut store, with_commitments);
    let mut rt = on_the_form(&mut store);
    press(&mut rt, &[KeyCode::Char('4'), KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::CheckInLeave);
    assert!(render(&rt.app, 80, 24).contains("Leave this check-in?"));

    // No: back to the form, with the point still chosen.
    press(&mut rt, &[KeyCode::Char('n')]);
    assert_eq!(rt.app.context(), Context::CheckIn);
    assert_eq!(form(&rt).scores[0], Some(4));

    // Esc twice: leave without saving.
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    assert!(checkins(&rt, &key).is_empty());

    // Only a commitment rated, or only the interval changed, also asks;
    // y leaves.
    press(&mut rt, &[KeyCode::Char('3')]);
    through_screening(&mut rt);
    for _ in 0..4 {
        press(&mut rt, &[KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char(' '), KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::CheckInLeave);
    press(&mut rt, &[KeyCode::Char('y')]);
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    assert!(checkins(&rt, &key).is_empty());
}

#[test]
fn the_leave_question_offers_to_save_a_complete_form() {
    let mut store = MemoryStore::new();
    let key = create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    for digit in ['3', '4', '5', '6'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Esc]);
    assert!(render(&rt.app, 80, 24).contains("save it"));
    press(&mut rt, &[KeyCode::Char('s')]);
    assert!(matches!(rt.app.screen, Screen::Dashboard(_)));
    assert_eq!(checkins(&rt, &key).len(), 1);
}

#[test]
fn ctrl_q_keeps_a_complete_check_in_and_a_partial_one_as_a_draft() {
    let mut store = MemoryStore::new();
    let key = create(&mut store, |_| {});
    {
        let mut rt = on_the_form(&mut store);
        press(&mut rt, &[KeyCode::Char('2'), KeyCode::Down]);
        rt.key(ctrl('q'));
        assert_eq!(rt.exit, Some(Exit::QuickExit));
        assert!(
            checkins(&rt, &key).is_empty(),
            "half a check-in is not saved as one"
        );
        let drafts = rt.store.read(&key).unwrap().checkin_drafts;
        assert_eq!(drafts.values().next().unwrap().scores[0], Some(2));
        // The process would end here, and its lock with it.
        rt.store.close(&key);
    }
    let mut rt = on_the_form(&mut store);
    // The next check-in starts where the last one was left.
    assert_eq!(form(&rt).scores[0], Some(2));
    assert!(render(&rt.app, 80, 24).contains("you were writing here"));
    for digit in ['2', '3', '4'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    // Writing the note when Ctrl+Q comes: the note goes in too.
    press(&mut rt, &[KeyCode::Char('5'), KeyCode::Char('e')]);
    type_text(&mut rt, "tired");
    rt.key(ctrl('q'));
    assert_eq!(rt.exit, Some(Exit::QuickExit));
    let saved = checkins(&rt, &key);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].scores.commitment, 5);
    assert_eq!(saved[0].note, "tired");
    assert!(rt.store.read(&key).unwrap().checkin_drafts.is_empty());
}

#[test]
fn the_dashboard_goes_to_a_check_in_and_back_to_the_overview() {
    let mut store = MemoryStore::new();
    create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('4')]);
    assert!(matches!(rt.app.screen, Screen::Dashboard(_)));
    press(&mut rt, &[KeyCode::Char('c')]);
    through_screening(&mut rt);
    assert!(matches!(rt.app.screen, Screen::CheckIn(_)));
    press(
        &mut rt,
        &[KeyCode::Esc, KeyCode::Char('4'), KeyCode::Char('o')],
    );
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    press(&mut rt, &[KeyCode::Char('4'), KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
}

#[test]
fn a_new_check_in_clears_the_reminder_on_the_overview() {
    let mut store = MemoryStore::new();
    create(&mut store, |_| {});
    let mut rt = on_the_form(&mut store);
    for digit in ['3', '4', '5', '6'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char('s'), KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    let screen = render(&rt.app, 80, 24);
    assert!(screen.contains("Last check-in today"), "{screen}");
    assert!(!screen.contains("No check-ins yet"), "{screen}");
}

#[test]
fn the_next_check_in_is_the_first_day_one_is_due() {
    let mut workbook = crate::support::workbook("Sam", Role::Hurt);
    let today = now().date_naive();
    assert_eq!(workbook.next_checkin(today), today, "none yet: today");
    let mut checkin = CheckIn::new(
        workbook.default_author(),
        Scores {
            trust: 5,
            safety: 5,
            communication: 5,
            commitment: 5,
        },
        String::new(),
        trustwork::domain::now(),
    );
    checkin.created_at = now();
    workbook.checkins.push(checkin);
    workbook.checkin_interval_days = 7;
    let next = workbook.next_checkin(today);
    assert_eq!(next, today + chrono::Days::new(7), "after 7 days, not 8");
    // The day it names is the first day `checkin_due` says yes.
    assert!(!workbook.checkin_due(next - chrono::Days::new(1)));
    assert!(workbook.checkin_due(next));
    // Once due, it is today.
    let later = today + chrono::Days::new(20);
    assert_eq!(workbook.next_checkin(later), later);
}
