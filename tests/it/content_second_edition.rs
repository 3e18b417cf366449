//! Issue 17's content: the new steps and exercises, headings that follow
//! the reader's role, fields that follow the relationship, and composed
//! exercises read back as one text on the step and in the export.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::DateTime;
use trustwork::action::Action;
use trustwork::app::App;
use trustwork::content::{Content, Stage};
use trustwork::domain::Journal;
use trustwork::domain::{AnswerValue, RelationshipKind, Role};
use trustwork::engine::{Engine, Place};
use trustwork::export::{ExportOptions, markdown};
use trustwork::storage::WorkbookKey;

/// The steps that need both people at the screen: the only ones "safety
/// first" sets aside. Everything else a person can do alone.
const TOGETHER: [&str; 10] = [
    "acknowledge/apology-builder",
    "communicate/choose-the-moment",
    "communicate/speak-honestly-and-kindly",
    "communicate/listen-to-understand",
    "communicate/one-topic-at-a-time",
    "communicate/plan-check-ins",
    "accountability/commitments",
    "boundaries/saying-the-unsaid",
    "boundaries/handling-conflict",
    "boundaries/agreements",
];

/// The steps issue 17 added, with the role that sees all of them.
const NEW_STEPS: [&str; 5] = [
    "acknowledge/has-it-stopped",
    "communicate/questions-and-answers",
    "accountability/how-we-got-here",
    "boundaries/transparency-agreement",
    "self-care/rebuilding-closeness",
];

/// Existing steps that gained an exercise in issue 17.
const NEW_EXERCISES: [(&str, &str); 9] = [
    (
        "communicate/choose-the-moment",
        "Repair attempts and what worked",
    ),
    ("accountability/small-promises", "Amends plan"),
    ("accountability/letting-change-count", "Trigger plan"),
    ("boundaries/protect-not-punish", "What matters to me"),
    (
        "boundaries/reassurance-and-space",
        "Who knows, and what children hear",
    ),
    ("self-care/not-a-straight-line", "Worry window"),
    ("self-care/no-rushing", "A letter you don't send"),
    ("walk-away/safety-first", "A plan, just in case"),
    ("acknowledge/has-it-stopped", "Ending it clearly"),
];

/// Words a partner glancing at a heading must not read.
const FEAR_WORDS: [&str; 12] = [
    "fear", "afraid", "scared", "frighten", "abuse", "danger", "threat", "violen", "unsafe",
    "safety", "harm", "control",
];

fn shipped() -> Content {
    content()
}

fn step_place(content: &Content, path: &str) -> (usize, usize) {
    let (stage, step) = path.split_once('/').unwrap();
    let s = content.stages.iter().position(|st| st.id == stage).unwrap();
    let i = content.stages[s]
        .steps
        .iter()
        .position(|st| st.id == step)
        .unwrap_or_else(|| panic!("no step {path}"));
    (s, i)
}

fn headings(stage: &Stage) -> Vec<(String, String)> {
    let mut out = vec![
        (format!("{} title", stage.id), stage.title.clone()),
        (format!("{} summary", stage.id), stage.summary.clone()),
    ];
    for step in &stage.steps {
        let at = format!("{}/{}", stage.id, step.id);
        for role in Role::ALL {
            out.push((
                format!("{at} title for {role}"),
                step.title_for(role).to_string(),
            ));
        }
        if let Some(exercise) = &step.exercise {
            out.push((format!("{at} exercise title"), exercise.title.clone()));
        }
    }
    out
}

#[test]
fn only_the_steps_that_need_both_people_are_marked_together() {
    for stage in shipped().stages {
        for step in &stage.steps {
            let at = format!("{}/{}", stage.id, step.id);
            assert_eq!(
                step.together,
                TOGETHER.contains(&at.as_str()),
                "{at}: together is {}",
                step.together
            );
            if step.together {
                assert!(
                    step.couple,
                    "{at} needs both people but is no topic for a talk"
                );
            }
        }
    }
}

#[test]
fn the_new_steps_stay_open_to_one_person_and_are_topics_for_a_talk() {
    let content = shipped();
    for path in NEW_STEPS {
        let (s, i) = step_place(&content, path);
        let step = &content.stages[s].steps[i];
        assert!(!step.together, "{path} is closed in safety first");
        assert!(step.couple, "{path} is not offered as a topic for a talk");
    }
}

#[test]
fn no_heading_or_title_names_fear() {
    for stage in shipped().stages {
        for (at, text) in headings(&stage) {
            let lower = text.to_lowercase();
            for word in FEAR_WORDS {
                assert!(!lower.contains(word), "{at} ({text:?}) names {word:?}");
            }
        }
    }
}

#[test]
fn the_person_who_was_hurt_is_not_told_to_own_their_part_in_a_heading() {
    for stage in shipped().stages {
        assert!(!stage.summary.to_lowercase().contains("own your part"));
        for step in &stage.steps {
            let title = step.title_for(Role::Hurt).to_lowercase();
            assert!(
                !title.contains("responsibility") && !title.contains("own your"),
                "{}/{} reads {title:?} to the person who was hurt",
                stage.id,
                step.id
            );
        }
    }
    let content = shipped();
    let (s, i) = step_place(&content, "acknowledge/take-responsibility");
    let step = &content.stages[s].steps[i];
    assert_eq!(step.title_for(Role::Caused), "Take full responsibility");
    assert_eq!(step.title_for(Role::Hurt), "Ownership or defence?");
}

#[test]
fn check_outs_ask_about_the_next_stage_never_about_moving_on() {
    for stage in shipped().stages {
        let scale = &stage.checkout.prompts[0];
        let words = format!(
            "{} {} {}",
            scale.text,
            scale.max_label.clone().unwrap_or_default(),
            stage.checkout.guidance
        )
        .to_lowercase();
        assert!(!words.contains("move on"), "{}: {words}", stage.id);
        assert!(!words.contains("moving on"), "{}: {words}", stage.id);
    }
}

#[test]
fn no_stage_sends_the_reader_to_the_last_stage_for_help_but_every_intro_names_support() {
    for stage in shipped().stages {
        assert!(
            stage.intro.contains("Ctrl+S"),
            "{} intro does not point to Support",
            stage.id
        );
    }
}

#[test]
fn every_new_exercise_exists_where_a_reader_would_look() {
    let content = shipped();
    for (path, title) in NEW_EXERCISES {
        let (s, i) = step_place(&content, path);
        let exercise = content.stages[s].steps[i].exercise.as_ref();
        assert_eq!(exercise.map(|e| e.title.as_str()), Some(title), "{path}");
    }
}

#[test]
fn affection_and_intimacy_are_offered_to_partners_only() {
    let content = shipped();
    let (s, i) = step_place(&content, "self-care/rebuilding-closeness");
    let ids = |kind: RelationshipKind| -> Vec<String> {
        Engine::new(&content, Role::Both)
            .with_relationship(kind)
            .fields(Place::Step(s, i))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let intimacy = "self-care/rebuilding-closeness/affection-and-intimacy".to_string();
    let unknown: Vec<String> = Engine::new(&content, Role::Both)
        .fields(Place::Step(s, i))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert!(
        !unknown.contains(&intimacy),
        "shown with no relationship known"
    );
    assert!(ids(RelationshipKind::Partner).contains(&intimacy));
    for kind in [
        RelationshipKind::Family,
        RelationshipKind::Friend,
        RelationshipKind::Colleague,
        RelationshipKind::Other,
    ] {
        let got = ids(kind);
        assert!(!got.contains(&intimacy), "{kind} is offered intimacy");
        assert!(got.contains(&"self-care/rebuilding-closeness/ritual".to_string()));
    }
}

#[test]
fn the_device_note_covers_what_a_person_at_risk_needs_to_know() {
    let note = shipped().safety.device.note.to_lowercase();
    for needed in [
        "device they cannot",
        "history",
        "suspicion",
        "secretly tracking",
    ] {
        assert!(note.contains(needed), "the device note lacks {needed:?}");
    }
}

#[test]
fn the_safety_plan_warns_that_a_shared_device_may_be_read() {
    let content = shipped();
    let (s, i) = step_place(&content, "walk-away/safety-first");
    let step = &content.stages[s].steps[i];
    assert!(step.guidance.contains("shared phone or computer"));
    assert!(step.guidance.contains("behaviour"));
}

// ---------------------------------------------------------------------------
// Every new step renders (80×24)

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

fn fixed_time() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T22:10:00+00:00").unwrap()
}

/// The app on one step of the "Alex" workbook, with these answers.
fn on_step(role: Role, path: &str, answers: &[(&str, &str)]) -> App {
    let content = content();
    let mut wb = workbook("Alex", role);
    let engine = Engine::new(&content, role);
    for (id, value) in answers {
        engine
            .answer(&mut wb.progress, id, text(value), fixed_time())
            .unwrap();
    }
    let (stage, step) = path.split_once('/').unwrap();
    wb.progress.position.stage = stage.into();
    wb.progress.position.step = Some(step.into());
    let mut app = App::new(content, listings());
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(wb.into())),
    ));
    app
}

fn snapshot_name(path: &str) -> String {
    format!("new_step_{}_80x24", path.replace(['/', '-'], "_"))
}

#[test]
fn every_new_step_renders() {
    let paths = NEW_STEPS
        .iter()
        .copied()
        .chain(NEW_EXERCISES.iter().map(|(p, _)| *p))
        .collect::<std::collections::BTreeSet<_>>();
    let content = shipped();
    for path in paths {
        let (s, i) = step_place(&content, path);
        let title = content.stages[s].steps[i].title_for(Role::Both).to_string();
        let app = on_step(Role::Both, path, &[]);
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains(&title),
            "{path} does not show {title:?}:\n{screen}"
        );
        insta::assert_snapshot!(snapshot_name(path), screen);
    }
}

#[test]
fn the_hurt_person_sees_their_own_heading() {
    let app = on_step(Role::Hurt, "acknowledge/take-responsibility", &[]);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Ownership or defence?"), "{screen}");
    assert!(!screen.contains("Take full responsibility"), "{screen}");
}

// ---------------------------------------------------------------------------
// Read-back

const APOLOGY: [(&str, &str); 6] = [
    (
        "acknowledge/apology-builder/what-i-did",
        "I hid the debt from you for a year",
    ),
    (
        "acknowledge/apology-builder/impact-i-understand",
        "You felt foolish and alone with the bills",
    ),
    (
        "acknowledge/apology-builder/what-i-regret",
        "I regret every month I let you worry",
    ),
    ("acknowledge/apology-builder/it-was-wrong", "It was wrong."),
    (
        "acknowledge/apology-builder/what-i-will-change",
        "I will show you every statement",
    ),
    (
        "acknowledge/apology-builder/amends",
        "I will pay it off from my own wages",
    ),
];

#[test]
fn the_apology_is_read_back_as_one_text_without_the_optional_ask() {
    let app = on_step(Role::Caused, "acknowledge/apology-builder", &APOLOGY);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Apology builder, read back"), "{screen}");
    assert!(
        screen.contains("I hid the debt from you for a year."),
        "{screen}"
    );
    insta::assert_snapshot!("read_back_apology_80x24", screen);
}

#[test]
fn the_i_statement_is_read_back_as_one_sentence() {
    let app = on_step(
        Role::Hurt,
        "communicate/speak-honestly-and-kindly",
        &[
            ("communicate/speak-honestly-and-kindly/i-felt", "shaken"),
            (
                "communicate/speak-honestly-and-kindly/when",
                "I found the messages",
            ),
            (
                "communicate/speak-honestly-and-kindly/i-need",
                "the truth, even when it is hard",
            ),
        ],
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("I felt shaken when I found the messages."),
        "{screen}"
    );
    insta::assert_snapshot!("read_back_i_statement_80x24", screen);
}

#[test]
fn the_transparency_agreement_is_read_back_with_its_review_date() {
    let app = on_step(
        Role::Caused,
        "boundaries/transparency-agreement",
        &[
            (
                "boundaries/transparency-agreement/what-i-will-share",
                "my plans for the day",
            ),
            (
                "boundaries/transparency-agreement/what-we-will-not-do",
                "no tracking apps",
            ),
            ("boundaries/transparency-agreement/review-date", "1 March"),
        ],
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Transparency agreement, read back"),
        "{screen}"
    );
    assert!(screen.contains("again on 1 March."), "{screen}");
    insta::assert_snapshot!("read_back_transparency_80x24", screen);
}

#[test]
fn nothing_is_read_back_before_anything_is_filled_in() {
    let app = on_step(Role::Caused, "acknowledge/apology-builder", &[]);
    assert!(!render(&app, 80, 24).contains("read back"));
}

#[test]
fn the_markdown_export_includes_the_composed_apology() {
    let content = content();
    let mut wb = workbook("Alex", Role::Caused);
    let engine = Engine::new(&content, Role::Caused);
    for (id, value) in APOLOGY {
        engine
            .answer(&mut wb.progress, id, text(value), fixed_time())
            .unwrap();
    }
    let md = markdown::render(
        &content,
        &wb,
        &Journal::default(),
        &ExportOptions::default(),
        trustwork::domain::Clock::Fixed(fixed_time()),
    );
    assert!(md.contains("**Apology builder, read back**"), "{md}");
    assert!(
        md.contains(
            "I hid the debt from you for a year.\n\nYou felt foolish and alone with the bills.\n\n\
             I regret every month I let you worry.\n\nIt was wrong.\n\n"
        ),
        "{md}"
    );
    assert!(
        !md.contains("for a chance"),
        "the optional ask, unanswered, is left out"
    );
}

#[test]
fn a_friend_workbook_export_keeps_heading_by_role() {
    let content = content();
    let mut wb = workbook("Alex", Role::Hurt);
    wb.relationship = RelationshipKind::Friend;
    let engine = Engine::new(&content, Role::Hurt);
    engine
        .answer(
            &mut wb.progress,
            "acknowledge/take-responsibility/what-ive-heard",
            text("Mostly defence."),
            fixed_time(),
        )
        .unwrap();
    let md = markdown::render(
        &content,
        &wb,
        &Journal::default(),
        &ExportOptions::default(),
        trustwork::domain::Clock::Fixed(fixed_time()),
    );
    assert!(md.contains("#### Ownership or defence?"), "{md}");
}
