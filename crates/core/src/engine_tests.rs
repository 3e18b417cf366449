#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use chrono::DateTime;

use super::*;

const STAGE_A: &str = r#"
id = "first"
title = "First"
summary = "The first stage."
intro = "Intro."
[[steps]]
id = "one"
title = "One"
guidance = "G."
[[steps.prompts]]
id = "everyone"
text = "For everyone?"
[[steps.prompts]]
id = "hurt-only"
text = "For the hurt person?"
roles = ["hurt"]
[steps.exercise]
title = "Exercise"
[[steps.exercise.fields]]
id = "extra"
text = "Extra?"
[[steps]]
id = "two"
title = "Two"
guidance = "G."
[[steps.prompts]]
id = "pick"
text = "Pick some"
kind = "choice"
options = ["a", "b"]
[checkout]
guidance = "Ready?"
[[checkout.prompts]]
id = "ready"
text = "How ready?"
kind = "scale"
[[checkout.prompts]]
id = "open"
text = "What is open?"
"#;

const STAGE_B: &str = r#"
id = "second"
title = "Second"
summary = "The second stage."
intro = "Intro."
[[steps]]
id = "only"
title = "Only"
guidance = "G."
[[steps.prompts]]
id = "q"
text = "Q?"
[checkout]
guidance = "Ready?"
[[checkout.prompts]]
id = "open"
text = "Open?"
"#;

fn content() -> Content {
    Content::from_files([
        ("a.toml".to_string(), STAGE_A.to_string()),
        ("b.toml".to_string(), STAGE_B.to_string()),
    ])
    .unwrap()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T08:00:00+01:00").unwrap()
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

#[test]
fn a_new_workbook_recommends_the_first_step() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    assert_eq!(e.recommended(&Progress::default()), Some(Place::Step(0, 0)));
}

#[test]
fn reading_order_runs_intro_steps_checkout_then_next_stage() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    let mut place = Place::Intro(0);
    let mut seen = vec![place];
    while let Some(next) = e.next(place) {
        seen.push(next);
        place = next;
    }
    assert_eq!(
        seen,
        vec![
            Place::Intro(0),
            Place::Step(0, 0),
            Place::Step(0, 1),
            Place::Checkout(0),
            Place::Intro(1),
            Place::Step(1, 0),
            Place::Checkout(1),
        ]
    );
    let mut back = vec![place];
    while let Some(prev) = e.previous(place) {
        back.push(prev);
        place = prev;
    }
    back.reverse();
    assert_eq!(back, seen);
}

#[test]
fn positions_round_trip_and_unknown_ids_fall_back() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    for place in [Place::Intro(1), Place::Step(0, 1), Place::Checkout(0)] {
        assert_eq!(e.place_of(&e.position_of(place)), place);
    }
    let gone_step = Position {
        stage: "first".into(),
        step: Some("removed".into()),
    };
    assert_eq!(e.place_of(&gone_step), Place::Intro(0));
    let gone_stage = Position {
        stage: "removed".into(),
        step: None,
    };
    assert_eq!(e.place_of(&gone_stage), Place::Intro(0));
}

#[test]
fn role_decides_which_prompts_a_step_needs() {
    let c = content();
    let mut p = Progress::default();
    let caused = Engine::new(&c, Role::Caused);
    let hurt = Engine::new(&c, Role::Hurt);
    caused
        .answer(&mut p, "first/one/everyone", text("yes"), now())
        .unwrap();
    assert_eq!(caused.step_status(&p, 0, 0), StepStatus::Complete);
    assert_eq!(hurt.step_status(&p, 0, 0), StepStatus::InProgress);
    hurt.answer(&mut p, "first/one/hurt-only", text("it hurt"), now())
        .unwrap();
    assert_eq!(hurt.step_status(&p, 0, 0), StepStatus::Complete);
    let ids: Vec<_> = caused
        .fields(Place::Step(0, 0))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["first/one/everyone", "first/one/extra"]);
}

#[test]
fn exercise_answers_start_a_step_but_do_not_complete_it() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let mut p = Progress::default();
    e.answer(&mut p, "first/one/extra", text("tried it"), now())
        .unwrap();
    assert_eq!(e.step_status(&p, 0, 0), StepStatus::InProgress);
}

#[test]
fn answering_moves_the_recommendation_on() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let mut p = Progress::default();
    e.answer(&mut p, "first/one/everyone", text("done"), now())
        .unwrap();
    assert_eq!(e.recommended(&p), Some(Place::Step(0, 1)));
    let ticked = AnswerValue::Choice(BTreeSet::from([1]));
    e.answer(&mut p, "first/two/pick", ticked, now()).unwrap();
    assert_eq!(e.recommended(&p), Some(Place::Checkout(0)));
}

#[test]
fn clearing_an_answer_removes_it_and_reports_the_change() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let mut p = Progress::default();
    assert!(
        e.answer(&mut p, "first/one/everyone", text("x"), now())
            .unwrap()
    );
    assert!(
        !e.answer(&mut p, "first/one/everyone", text("x"), now())
            .unwrap()
    );
    assert!(
        e.answer(&mut p, "first/one/everyone", text("   "), now())
            .unwrap()
    );
    assert!(p.answers.is_empty());
    assert!(
        !e.answer(&mut p, "first/one/everyone", text(""), now())
            .unwrap()
    );
}

#[test]
fn answers_are_checked_against_their_prompt() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let mut p = Progress::default();
    assert_eq!(
        e.answer(&mut p, "first/one/nope", text("x"), now()),
        Err(EngineError::UnknownPrompt("first/one/nope".into()))
    );
    assert_eq!(
        e.answer(&mut p, "first/one/everyone", AnswerValue::Scale(3), now()),
        Err(EngineError::WrongKind)
    );
    let out_of_range = AnswerValue::Choice(BTreeSet::from([7]));
    assert_eq!(
        e.answer(&mut p, "first/two/pick", out_of_range, now()),
        Err(EngineError::WrongKind)
    );
    assert_eq!(
        e.answer(
            &mut p,
            "first/checkout/ready",
            AnswerValue::Scale(11),
            now()
        ),
        Err(EngineError::WrongKind)
    );
    assert!(p.answers.is_empty());
}

#[test]
fn a_step_can_be_marked_done_without_answers_and_unmarked() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    let mut p = Progress::default();
    assert!(e.set_step_done(&mut p, 0, 0, true).unwrap());
    assert_eq!(e.step_status(&p, 0, 0), StepStatus::Complete);
    assert_eq!(e.recommended(&p), Some(Place::Step(0, 1)));
    assert!(e.set_step_done(&mut p, 0, 0, false).unwrap());
    assert_eq!(e.step_status(&p, 0, 0), StepStatus::NotStarted);
    assert_eq!(
        e.set_step_done(&mut p, 0, 9, true),
        Err(EngineError::UnknownPlace)
    );
}

#[test]
fn completing_a_stage_needs_its_checkout() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    let mut p = Progress::default();
    assert_eq!(
        e.complete_stage(&mut p, 0, now()),
        Err(EngineError::CheckoutIncomplete)
    );
    e.answer(&mut p, "first/checkout/ready", AnswerValue::Scale(0), now())
        .unwrap();
    assert_eq!(
        e.complete_stage(&mut p, 0, now()),
        Err(EngineError::CheckoutIncomplete)
    );
    e.answer(&mut p, "first/checkout/open", text("not much"), now())
        .unwrap();
    assert!(e.checkout_answered(&p, 0));
    assert!(e.complete_stage(&mut p, 0, now()).unwrap());
    assert!(!e.complete_stage(&mut p, 0, now()).unwrap());
    assert!(e.stage_complete(&p, 0));
    // A completed stage is skipped by the recommendation, even with open steps.
    assert_eq!(e.recommended(&p), Some(Place::Step(1, 0)));
    assert!(e.reopen_stage(&mut p, 0).unwrap());
    assert_eq!(e.recommended(&p), Some(Place::Step(0, 0)));
}

#[test]
fn everything_complete_means_nothing_to_recommend() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let mut p = Progress::default();
    for (id, v) in [
        ("first/checkout/ready", AnswerValue::Scale(8)),
        ("first/checkout/open", text("ok")),
        ("second/checkout/open", text("ok")),
    ] {
        e.answer(&mut p, id, v, now()).unwrap();
    }
    e.complete_stage(&mut p, 0, now()).unwrap();
    e.complete_stage(&mut p, 1, now()).unwrap();
    assert_eq!(e.recommended(&p), None);
    let s = e.summary(&p, 0);
    assert!(s.complete && s.checkout_answered);
    assert_eq!((s.steps_complete, s.steps_total), (0, 2));
}

#[test]
fn go_to_allows_any_stage_and_reports_changes() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    let mut p = Progress::default();
    assert!(e.go_to(&mut p, Place::Checkout(1)).unwrap());
    assert!(!e.go_to(&mut p, Place::Checkout(1)).unwrap());
    assert_eq!(
        p.position,
        Position {
            stage: "second".into(),
            step: Some("checkout".into())
        }
    );
    assert_eq!(
        e.go_to(&mut p, Place::Step(1, 5)),
        Err(EngineError::UnknownPlace)
    );
    assert_eq!(
        e.go_to(&mut p, Place::Intro(2)),
        Err(EngineError::UnknownPlace)
    );
}

#[test]
fn clearing_removes_any_kind_of_answer() {
    let c = content();
    let e = Engine::new(&c, Role::Hurt);
    let mut p = Progress::default();
    e.answer(&mut p, "first/checkout/ready", AnswerValue::Scale(4), now())
        .unwrap();
    assert!(e.clear_answer(&mut p, "first/checkout/ready").unwrap());
    assert!(!e.clear_answer(&mut p, "first/checkout/ready").unwrap());
    assert!(p.answers.is_empty());
    assert_eq!(
        e.clear_answer(&mut p, "first/checkout/nope"),
        Err(EngineError::UnknownPrompt("first/checkout/nope".into()))
    );
}

#[test]
fn an_exercise_can_come_before_the_prompts() {
    let first = STAGE_A.replace(
        "id = \"one\"\ntitle = \"One\"",
        "id = \"one\"\ntitle = \"One\"\nexercise_first = true",
    );
    assert_ne!(first, STAGE_A);
    let c = Content::from_files([("a.toml".to_string(), first)]).unwrap();
    let e = Engine::new(&c, Role::Hurt);
    let ids: Vec<_> = e
        .fields(Place::Step(0, 0))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        ids,
        [
            "first/one/extra",
            "first/one/everyone",
            "first/one/hurt-only"
        ]
    );
}

#[test]
fn a_stage_is_in_progress_from_any_answer_or_step_marked_done() {
    let c = content();
    let e = Engine::new(&c, Role::Caused);
    let state = |p: &Progress, stage| e.summary(p, stage).state;
    let mut p = Progress::default();
    assert_eq!(state(&p, 0), StageState::NotStarted);

    // An exercise field, with no step complete.
    e.answer(&mut p, "first/one/extra", text("a note"), now())
        .unwrap();
    assert_eq!(e.summary(&p, 0).steps_complete, 0);
    assert_eq!(state(&p, 0), StageState::InProgress);
    // A blank answer is no answer.
    let mut blank = Progress::default();
    e.answer(&mut blank, "first/one/extra", text("  "), now())
        .unwrap();
    assert_eq!(state(&blank, 0), StageState::NotStarted);
    // Only the check-out answered.
    e.answer(&mut p, "second/checkout/open", text("ok"), now())
        .unwrap();
    assert_eq!(state(&p, 1), StageState::InProgress);
    // A step marked done.
    let mut marked = Progress::default();
    e.set_step_done(&mut marked, 0, 1, true).unwrap();
    assert_eq!(state(&marked, 0), StageState::InProgress);
    // Checked out.
    e.answer(&mut p, "first/checkout/ready", AnswerValue::Scale(8), now())
        .unwrap();
    e.answer(&mut p, "first/checkout/open", text("ok"), now())
        .unwrap();
    e.complete_stage(&mut p, 0, now()).unwrap();
    assert_eq!(state(&p, 0), StageState::Complete);
    assert_eq!(StageState::InProgress.label(), "in progress");
}
