//! Safety before reconciliation, driven by key presses against a real store:
//! the private screening, the safety screen, "safety first" hiding couple
//! mode without saying why, the private review, and the tools of stages 6
//! and 7 (the decision aid, the summary for a counsellor, closing a
//! workbook).
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, Screen, start};
use trustwork::domain::{
    AnswerValue, Clock, HELP_SIGNS_ANSWER, NewWorkbook, Participant, Position, RelationshipKind,
    Role, ScreeningAnswer, Workbook,
};
use trustwork::keymap::Context;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T22:40:00+01:00").unwrap()
}

fn new_store() -> (tempfile::TempDir, JsonStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    (dir, store)
}

/// A saved workbook, changed by `setup` first.
fn saved(store: &mut dyn Store, couple: bool, setup: impl FnOnce(&mut Workbook)) -> WorkbookKey {
    let (key, _) = store
        .create(NewWorkbook {
            name: "Us".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let mut workbook = store.open(&key).unwrap();
    if couple {
        workbook.participants[0].name = "Alex".into();
        workbook
            .participants
            .push(Participant::new("Sam", Role::Caused));
    }
    setup(&mut workbook);
    store.save(&key, &workbook).unwrap();
    store.close(&key);
    key
}

fn runtime(store: &mut dyn Store) -> Runtime<'_> {
    let mut app = start(content(), store, None).unwrap();
    app.set_clock(Clock::Fixed(now()));
    Runtime::new(app, store)
}

fn workbook<'a>(rt: &'a Runtime<'_>) -> &'a Workbook {
    rt.app.session.as_ref().unwrap().workbook()
}

/// Answers the three screening questions with these keys (n, y, r).
fn answer(rt: &mut Runtime<'_>, keys: [char; 3]) {
    dismiss_note(rt);
    assert_eq!(rt.app.context(), Context::Screening);
    for k in keys {
        press(rt, &[KeyCode::Char(k)]);
    }
    press(rt, &[KeyCode::Enter]);
    crate::support::past_private_space(rt);
}

#[test]
fn a_new_workbook_starts_with_the_screening_and_a_yes_leads_to_the_safety_screen() {
    let (_dir, mut store) = new_store();
    let mut rt = runtime(&mut store);
    // Name, relationship, side, and "just me".
    create_alone(&mut rt, "Sam");
    // Once, with a new workbook: someone else may see this device.
    let note = rt.app.popup.clone().expect("the device note");
    assert!(note.message.contains("Ctrl+Q"), "{note:?}");
    // Each "yes" alone is enough.
    answer(&mut rt, ['n', 'y', 'n']);
    assert!(matches!(rt.app.screen, Screen::Safety(_)));
    let screen = render(&rt.app, 100, 70);
    assert!(screen.contains("emergency"), "{screen}");
    // Helplines come with their countries; none is the only one, and the
    // four nations of the UK each have their own.
    for nation in ["England", "Scotland", "Wales", "Northern Ireland"] {
        assert!(screen.contains(nation), "{nation}: {screen}");
    }
    assert!(screen.contains("Australia"), "{screen}");
    assert!(workbook(&rt).safety.is_safety_first());
    press(&mut rt, &[KeyCode::Enter]);
    assert!(
        matches!(rt.app.screen, Screen::Page(_)),
        "then on to the first stage"
    );
}

#[test]
fn rather_not_say_counts_like_yes_and_no_everywhere_goes_straight_on() {
    for (keys, concern) in [(['n', 'n', 'r'], true), (['n', 'n', 'n'], false)] {
        let (_dir, mut store) = new_store();
        let mut rt = runtime(&mut store);
        // Name, relationship, side, and "just me".
        create_alone(&mut rt, "Sam");
        answer(&mut rt, keys);
        assert_eq!(matches!(rt.app.screen, Screen::Safety(_)), concern);
        assert_eq!(workbook(&rt).safety.is_safety_first(), concern);
    }
}

#[test]
fn the_safety_screen_takes_a_number_of_ones_own() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('3')]);
    answer(&mut rt, ['y', 'n', 'n']);
    press(&mut rt, &[KeyCode::Char('a')]);
    type_text(&mut rt, "My sister 0123 456");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(workbook(&rt).safety.own_numbers, vec!["My sister 0123 456"]);
    assert!(render(&rt.app, 100, 70).contains("My sister 0123 456"));
    // Then on to the check-in form it came from.
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::CheckIn);
}

#[test]
fn safety_first_hides_couple_mode_with_a_neutral_reason_and_keeps_the_rest() {
    let (_dir, mut store) = new_store();
    saved(&mut store, true, |w| {
        let alex = w.participants[0].id;
        w.safety.record(trustwork::domain::Screening {
            participant: alex,
            at: now(),
            answers: [("afraid".to_string(), ScreeningAnswer::Yes)].into(),
        });
    });
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('5')]);
    assert!(matches!(rt.app.screen, Screen::Talk(_)));
    let screen = render(&rt.app, 100, 30);
    assert!(!screen.contains("Start a talk"), "{screen}");
    for revealing in ["afraid", "fear", "abuse", "unsafe", "screening"] {
        let body: String = screen.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert!(
            !body.to_lowercase().contains(revealing) || body.contains("If either of you is afraid"),
            "{revealing} in {screen}"
        );
    }
    // Enter starts nothing.
    press(&mut rt, &[KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Talk(_)));
    // The journal and stage 7 stay open.
    press(&mut rt, &[KeyCode::Char('2')]);
    assert!(matches!(rt.app.screen, Screen::Journal(_)));
}

#[test]
fn a_step_for_two_is_not_offered_in_safety_first() {
    let (stage, step) = content()
        .stages
        .iter()
        .flat_map(|s| s.steps.iter().map(move |st| (s.id.clone(), st)))
        .find(|(_, st)| st.together)
        .map(|(stage, st)| (stage, st.id.clone()))
        .unwrap();
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |w| {
        let me = w.participants[0].id;
        w.safety.safety_first.insert(me);
        w.progress.position = Position {
            stage,
            step: Some(step),
        };
    });
    let mut rt = runtime(&mut store);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("set aside for now"), "{screen}");
    assert!(!screen.contains("two people"), "{screen}");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Page, "no answer box opens");
}

#[test]
fn in_a_couple_each_is_screened_alone_and_the_other_never_sees_the_answers() {
    let (_dir, mut store) = new_store();
    saved(&mut store, true, |_| {});
    let mut rt = runtime(&mut store);
    // A couple's check-in: Alex's turn first.
    press(&mut rt, &[KeyCode::Char('3')]);
    assert_eq!(rt.app.context(), Context::LookAway);
    press(&mut rt, &[KeyCode::Enter]);
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("For Alex only"), "{screen}");
    answer(&mut rt, ['y', 'n', 'n']);
    assert!(matches!(rt.app.screen, Screen::Safety(_)));
    press(&mut rt, &[KeyCode::Enter]);
    // Alex's check-in form, then the handover to Sam.
    assert_eq!(rt.app.context(), Context::CheckIn);
    for digit in ['5', '5', '5', '5'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char('s')]);
    assert_eq!(rt.app.context(), Context::LookAway);
    press(&mut rt, &[KeyCode::Enter]);
    // Sam's screening starts blank: nothing of Alex's answers shows.
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("For Sam only"), "{screen}");
    assert!(!screen.contains('◉'), "no answer is chosen yet: {screen}");
    answer(&mut rt, ['n', 'n', 'n']);
    assert_eq!(
        rt.app.context(),
        Context::CheckIn,
        "no safety screen for Sam"
    );
    // Sam answering "no" does not switch couple mode back on.
    assert!(workbook(&rt).safety.is_safety_first());
}

#[test]
fn only_the_person_who_switched_it_off_can_switch_couple_mode_back_on() {
    let (_dir, mut store) = new_store();
    saved(&mut store, true, |w| {
        let alex = w.participants[0].id;
        w.safety.safety_first.insert(alex);
    });
    let mut rt = runtime(&mut store);
    // Sam at the keyboard turns it back on: he answers privately first.
    press(
        &mut rt,
        &[
            KeyCode::Char('W'),
            KeyCode::Enter,
            KeyCode::Char('5'),
            KeyCode::Char('o'),
        ],
    );
    assert_eq!(rt.app.context(), Context::LookAway);
    press(&mut rt, &[KeyCode::Enter]);
    let before = workbook(&rt).safety.screenings.len();
    answer(&mut rt, ['n', 'n', 'n']);
    assert!(workbook(&rt).safety.is_safety_first());
    // Then it is Alex's turn to answer alone. Sam, still at the keyboard,
    // goes on as "Alex": anyone can, so without Alex's own passphrase
    // nothing changes and nothing is recorded in her name (lifting it
    // with her passphrase is in privacy.rs).
    assert_eq!(rt.app.context(), Context::LookAway);
    assert!(render(&rt.app, 100, 30).contains("Pass the keyboard to Alex"));
    press(&mut rt, &[KeyCode::Enter]);
    answer(&mut rt, ['n', 'n', 'n']);
    assert!(workbook(&rt).safety.is_safety_first());
    assert_eq!(
        workbook(&rt).safety.screenings.len(),
        before + 1,
        "Sam's own only"
    );
    assert!(matches!(rt.app.screen, Screen::Talk(_)));
}

#[test]
fn ctrl_q_on_the_screening_keeps_the_answers_given_so_far() {
    let (dir, mut store) = new_store();
    let key = saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    press(
        &mut rt,
        &[KeyCode::Char('3'), KeyCode::Char('n'), KeyCode::Char('y')],
    );
    rt.key(ctrl('q'));
    drop(rt);
    let text = std::fs::read_to_string(dir.path().join(format!("{key}.json"))).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let answers = &doc["safety"]["screenings"][0]["answers"];
    assert_eq!(answers["afraid"], "no");
    assert_eq!(answers["harmed"], "yes");
    assert!(answers.get("controlled").is_none());
    assert!(doc["safety"]["safety_first"].is_array());
}

#[test]
fn the_markdown_export_never_mentions_the_safety_state() {
    let (dir, mut store) = new_store();
    saved(&mut store, false, |w| {
        let me = w.participants[0].id;
        w.safety.record(trustwork::domain::Screening {
            participant: me,
            at: now(),
            answers: [("afraid".to_string(), ScreeningAnswer::Yes)].into(),
        });
    });
    let out = assert_cmd::Command::cargo_bin("trustwork")
        .unwrap()
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["export", "--format", "md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap().to_lowercase();
    assert!(out.status.success());
    for word in ["screening", "safety first", "safety_first", "afraid of"] {
        assert!(!text.contains(word), "{word} in the export");
    }
}

#[test]
fn the_decision_aid_shows_answers_beside_the_trend_and_no_verdict() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |w| {
        w.progress.answers.insert(
            "walk-away/decision-aid/how-safe".into(),
            trustwork::domain::Answer {
                value: AnswerValue::Scale(3),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
        w.progress.position = Position {
            stage: "walk-away".into(),
            step: Some("decision-aid".into()),
        };
    });
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('t')]);
    assert!(matches!(rt.app.screen, Screen::Decision(_)));
    let screen = render(&rt.app, 120, 40);
    assert!(screen.contains("3 / 10"), "{screen}");
    assert!(screen.contains("No check-ins yet"), "{screen}");
    let lower = screen.to_lowercase();
    for verdict in ["you should leave", "you should stay", "score:", "result"] {
        assert!(!lower.contains(verdict), "{verdict} in {screen}");
    }
    insta::assert_snapshot!("decision_aid_120x40", screen);
    press(&mut rt, &[KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Page(_)));
}

#[test]
fn the_decision_aid_leads_with_safety_after_a_yes() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |w| {
        let me = w.participants[0].id;
        w.safety.safety_first.insert(me);
        w.progress.position = Position {
            stage: "walk-away".into(),
            step: Some("decision-aid".into()),
        };
    });
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('t')]);
    let screen = render(&rt.app, 120, 40);
    let first_text = screen.lines().nth(2).unwrap_or_default().to_string();
    assert!(!first_text.contains("3 / 10"));
    assert!(screen.contains("emergency"), "{screen}");
}

#[test]
fn the_counsellor_summary_holds_only_what_was_ticked() {
    let (dir, mut store) = new_store();
    let key = saved(&mut store, false, |w| {
        w.progress.position = Position {
            stage: "professional-help".into(),
            step: Some("what-to-bring".into()),
        };
    });
    let mut journal = trustwork::domain::Journal::default();
    for (title, body) in [
        ("Shared", "I can share this one"),
        ("Mine", "KEEP THIS PRIVATE"),
    ] {
        journal.upsert(trustwork::domain::JournalEntry::new(
            workbook_author(&mut store, &key),
            trustwork::domain::NewEntry {
                stage: None,
                mood: None,
                title: title.into(),
                body: body.into(),
            },
            trustwork::domain::now(),
        ));
    }
    store.open(&key).unwrap();
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
    let out = tempfile::tempdir().unwrap();
    let mut rt = runtime(&mut store);
    rt.export_dir = out.path().to_path_buf();
    press(&mut rt, &[KeyCode::Char('t')]);
    assert_eq!(rt.app.context(), Context::Counsellor);
    // Tick the check-in trend (second row), then the "Shared" entry.
    press(&mut rt, &[KeyCode::Down, KeyCode::Char(' ')]);
    let screen = render(&rt.app, 100, 30);
    let row = screen
        .lines()
        .position(|l| l.contains("Shared"))
        .expect("the entry is listed");
    let on_row = screen.lines().position(|l| l.contains('▸')).unwrap();
    for _ in on_row..row {
        press(&mut rt, &[KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char(' '), KeyCode::Enter]);
    let popup = rt.app.popup.clone().expect("where it was written");
    assert!(
        popup.message.contains(out.path().to_str().unwrap()),
        "{popup:?}"
    );
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("I can share this one"), "{text}");
    assert!(!text.contains("KEEP THIS PRIVATE"), "{text}");
    drop(dir);
}

fn workbook_author(store: &mut JsonStore, key: &WorkbookKey) -> uuid::Uuid {
    let workbook = store.open(key).unwrap();
    store.close(key);
    workbook.default_author()
}

#[test]
fn two_signs_bring_a_gentle_suggestion_of_outside_help() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |w| {
        w.progress.answers.insert(
            HELP_SIGNS_ANSWER.into(),
            trustwork::domain::Answer {
                value: AnswerValue::Choice([0, 1].into()),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
        w.progress.position = Position {
            stage: "professional-help".into(),
            step: Some("when-help-fits".into()),
        };
    });
    let rt = runtime(&mut store);
    let suggestion = content().safety.professional.suggestion.clone();
    let first_words: String = suggestion
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let screen = render(&rt.app, 160, 60);
    assert!(
        screen.contains(&first_words),
        "{first_words} not in {screen}"
    );
}

#[test]
fn a_closed_workbook_is_kept_readable_and_refuses_changes_until_reopened() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Esc]); // the overview
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    press(&mut rt, &[KeyCode::Char('C')]);
    assert!(
        rt.app
            .session
            .as_ref()
            .unwrap()
            .workbook()
            .closed_at
            .is_none(),
        "asks first"
    );
    press(&mut rt, &[KeyCode::Char('C')]);
    assert!(matches!(rt.app.screen, Screen::Home(_)));
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains("closed"), "{screen}");
    // Open it again: readable, but no writing.
    press(&mut rt, &[KeyCode::Enter]);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Page);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    assert_eq!(rt.app.context(), Context::Journal);
    assert!(
        rt.app
            .status
            .as_deref()
            .unwrap_or_default()
            .contains("closed")
    );
    // Reopen from the overview.
    press(
        &mut rt,
        &[KeyCode::Char('1'), KeyCode::Char('C'), KeyCode::Char('C')],
    );
    assert!(workbook(&rt).closed_at.is_none());
}

#[test]
fn support_opens_with_one_key_from_every_context_and_shows_crisis_lines() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    for context in trustwork::keymap::Context::ALL {
        assert_eq!(
            trustwork::keymap::action_for(*context, ctrl_s),
            Some(trustwork::action::Action::Support),
            "{context:?}"
        );
    }
    // With no workbook open: the first-run screen.
    let (_dir, mut store) = new_store();
    let app = trustwork::app::start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    rt.key(ctrl('s'));
    let shown = render(&rt.app, 80, 24);
    assert!(shown.contains("988"), "{shown}");
    assert!(shown.contains("116 123"), "{shown}");
    insta::assert_snapshot!("support_80x24", shown);
    insta::assert_snapshot!("support_40x12", render(&rt.app, 40, 12));
    press(&mut rt, &[KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Create(_)));
}

#[test]
fn support_from_a_text_box_returns_to_it_with_the_words_still_there() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    dismiss_note(&mut rt);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::EditText);
    type_text(&mut rt, "half a thought");
    rt.key(ctrl('s'));
    assert_eq!(rt.app.context(), Context::Support);
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::EditText);
    type_text(&mut rt, ", finished");
    press(&mut rt, &[KeyCode::Esc]);
    let answers = &workbook(&rt).progress.answers;
    assert!(
        answers
            .values()
            .any(|a| a.value
                == trustwork::domain::AnswerValue::Text("half a thought, finished".into())),
        "{answers:?}"
    );
}

#[test]
fn the_screening_and_the_safety_screen_at_80x24() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    dismiss_note(&mut rt);
    press(&mut rt, &[KeyCode::Char('3')]);
    assert_eq!(rt.app.context(), Context::Screening);
    insta::assert_snapshot!("screening_80x24", render(&rt.app, 80, 24));
    answer(&mut rt, ['n', 'y', 'n']);
    insta::assert_snapshot!("safety_screen_80x24", render(&rt.app, 80, 24));
    // The signs of higher danger are on it, below the first lines.
    let tall = render(&rt.app, 80, 60);
    assert!(tall.contains("choked or strangled"), "{tall}");
    assert!(tall.contains("talk to a helpline today"), "{tall}");
}

#[test]
fn right_now_opens_with_one_key_from_every_context_and_goes_back_as_it_was() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    for context in trustwork::keymap::Context::ALL {
        assert_eq!(
            trustwork::keymap::action_for(*context, ctrl_n),
            Some(trustwork::action::Action::RightNow),
            "{context:?}"
        );
    }
    // With no workbook open: the first-run screen offers it, and it opens.
    let (_dir, mut store) = new_store();
    let app = trustwork::app::start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    assert!(render(&rt.app, 80, 24).contains("Ctrl+N"));
    rt.key(ctrl('n'));
    let shown = render(&rt.app, 80, 24);
    assert!(shown.contains("988"), "{shown}");
    assert!(shown.contains("116 123"), "{shown}");
    insta::assert_snapshot!("right_now_80x24", shown);
    insta::assert_snapshot!("right_now_40x12", render(&rt.app, 40, 12));
    press(&mut rt, &[KeyCode::PageDown, KeyCode::PageDown]);
    let further = render(&rt.app, 80, 24);
    assert!(further.contains("No big decisions"), "{further}");
    insta::assert_snapshot!("right_now_scrolled_80x24", further);
    // Nothing to park a thought in yet: said so, nothing else happens.
    press(&mut rt, &[KeyCode::Char('p')]);
    assert_eq!(rt.app.context(), Context::RightNow);
    press(&mut rt, &[KeyCode::Esc]);
    assert!(matches!(rt.app.screen, Screen::Create(_)));
}

#[test]
fn right_now_breathes_parks_a_thought_and_keeps_the_half_typed_answer() {
    let (_dir, mut store) = new_store();
    saved(&mut store, false, |_| {});
    let mut rt = runtime(&mut store);
    dismiss_note(&mut rt);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, "half a thought");
    rt.key(ctrl('n'));
    assert_eq!(rt.app.context(), Context::RightNow);
    // Breathing, and back to "Right now".
    press(&mut rt, &[KeyCode::Char('b')]);
    assert_eq!(rt.app.context(), Context::Breathing);
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::RightNow);
    // A thought parked in the journal.
    press(&mut rt, &[KeyCode::Char('p')]);
    type_text(&mut rt, "what she said at dinner");
    press(&mut rt, &[KeyCode::Enter]);
    let journal = rt.app.session.as_ref().unwrap().journal();
    let parked = journal
        .entries()
        .iter()
        .find(|e| e.body == "what she said at dinner");
    assert_eq!(
        parked.map(|e| e.title.as_str()),
        Some("A thought parked for later")
    );
    // Back where the person was, words intact.
    press(&mut rt, &[KeyCode::Esc]);
    assert_eq!(rt.app.context(), Context::EditText);
    assert!(render(&rt.app, 100, 30).contains("half a thought"));
}

#[test]
fn the_switch_and_private_answers_look_the_same_and_either_partner_can_switch_it() {
    // Couple mode turned off with the switch, by Sam, on his own turn.
    let (_dir, mut store) = new_store();
    saved(&mut store, true, |_| {});
    let mut rt = runtime(&mut store);
    press(
        &mut rt,
        &[KeyCode::Char('W'), KeyCode::Enter, KeyCode::Char('5')],
    );
    press(&mut rt, &[KeyCode::Char('o')]);
    assert!(workbook(&rt).safety.couple_off);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Char('5')]);
    rt.app.status = None;
    let by_switch = render(&rt.app, 100, 30);
    let session = rt.app.session.as_mut().unwrap();
    session.save(&mut *rt.store).unwrap();
    let key = session.key().clone();
    rt.store.close(&key);
    drop(rt);
    // Couple mode off because of Alex's private answers, Sam at the keyboard.
    let (_dir2, mut store2) = new_store();
    saved(&mut store2, true, |w| {
        let alex = w.participants[0].id;
        w.safety.safety_first.insert(alex);
    });
    let mut rt2 = runtime(&mut store2);
    press(
        &mut rt2,
        &[KeyCode::Char('W'), KeyCode::Enter, KeyCode::Char('5')],
    );
    rt2.app.status = None;
    let by_answers = render(&rt2.app, 100, 30);
    assert_eq!(by_switch, by_answers, "the two must look the same");
    drop(rt2);

    // Turning it back on: each answers privately, then it is on.
    let mut rt = runtime(&mut store);
    press(
        &mut rt,
        &[KeyCode::Char('5'), KeyCode::Char('o'), KeyCode::Enter],
    );
    answer(&mut rt, ['n', 'n', 'n']);
    assert_eq!(rt.app.context(), Context::LookAway);
    press(&mut rt, &[KeyCode::Enter]);
    answer(&mut rt, ['n', 'n', 'n']);
    assert!(!workbook(&rt).safety.is_safety_first());
    assert!(matches!(rt.app.screen, Screen::Talk(_)));
}
