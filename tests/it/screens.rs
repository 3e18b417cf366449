//! A snapshot of every screen, at the standard 80×24 and at the smallest
//! supported size (40×12), plus a wide layout. Snapshots live in
//! tests/snapshots/; review changes with `cargo insta review`.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::DateTime;
use ratatui::crossterm::event::KeyCode;
use trustwork::action::Action;
use trustwork::app::App;
use trustwork::domain::{AnswerValue, Role};
use trustwork::engine::Engine;
use trustwork::storage::WorkbookKey;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

fn snapshot_sizes(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

/// An app with the "Alex" workbook open, resumed at its saved position.
fn opened(role: Role, setup: impl FnOnce(&Engine<'_>, &mut trustwork::domain::Progress)) -> App {
    let content = content();
    let mut wb = workbook("Alex", role);
    setup(&Engine::new(&content, role), &mut wb.progress);
    let mut app = App::new(content, listings());
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(wb.into())),
    ));
    app
}

fn at(
    stage: &str,
    step: Option<&str>,
) -> impl FnOnce(&Engine<'_>, &mut trustwork::domain::Progress) {
    let stage = stage.to_string();
    let step = step.map(str::to_string);
    move |_, p| {
        p.position.stage = stage;
        p.position.step = step;
    }
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

fn fixed_time() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T22:10:00+00:00").unwrap()
}

#[test]
fn home() {
    let app = App::new(content(), listings());
    snapshot_sizes("home", &app);
}

#[test]
fn create_first_workbook() {
    let app = App::new(content(), Vec::new());
    snapshot_sizes("create_first", &app);
}

#[test]
fn create_filled_in_with_a_missing_name_warning() {
    let mut app = App::new(content(), listings());
    app.update(Action::NewWorkbook);
    app.update(Action::Down); // relationship list
    app.update(Action::Down);
    app.update(Action::Down); // "A friend"
    app.update(Action::NextField); // role
    app.update(Action::NextField); // who writes
    app.update(Action::Select); // no name yet
    snapshot_sizes("create_missing_name", &app);
}

#[test]
fn overview() {
    let mut app = opened(Role::Hurt, |e, p| {
        e.answer(
            p,
            "acknowledge/name-what-happened/what-happened",
            text("It was the money."),
            fixed_time(),
        )
        .unwrap();
        e.set_step_done(p, 0, 1, true).unwrap();
    });
    app.update(Action::Overview);
    snapshot_sizes("overview", &app);
}

#[test]
fn stage_intro() {
    let app = opened(Role::Hurt, at("acknowledge", None));
    snapshot_sizes("intro", &app);
}

#[test]
fn step_with_an_answer() {
    let mut app = opened(Role::Hurt, |e, p| {
        e.answer(
            p,
            "acknowledge/name-what-happened/what-happened",
            text("I found the messages in May. It had been going on since winter."),
            fixed_time(),
        )
        .unwrap();
        p.position.stage = "acknowledge".into();
        p.position.step = Some("name-what-happened".into());
    });
    app.update(Action::Down); // the answered question
    snapshot_sizes("step_answered", &app);
    insta::assert_snapshot!("step_answered_120x40", render(&app, 120, 40));
}

#[test]
fn step_editing_text_with_unicode() {
    let mut app = opened(Role::Caused, at("acknowledge", Some("take-responsibility")));
    app.update(Action::Edit);
    for c in "I lied about where I was. 我很抱歉 🙏".chars() {
        app.update(Action::Type(key(KeyCode::Char(c))));
    }
    snapshot_sizes("step_editing_text", &app);
}

#[test]
fn step_editing_a_checklist() {
    let mut app = opened(Role::Hurt, at("acknowledge", Some("name-what-happened")));
    app.update(Action::Edit);
    app.update(Action::Down);
    app.update(Action::Toggle);
    app.update(Action::Down);
    snapshot_sizes("step_editing_choice", &app);
}

#[test]
fn checkout_with_a_scale_being_set() {
    let mut app = opened(Role::Hurt, at("acknowledge", Some("checkout")));
    app.update(Action::Edit);
    app.update(Action::SetScale(3));
    snapshot_sizes("checkout_editing_scale", &app);
}

#[test]
fn checkout_completed() {
    let app = opened(Role::Both, |e, p| {
        e.answer(
            p,
            "acknowledge/checkout/ready-to-move-on",
            AnswerValue::Scale(6),
            fixed_time(),
        )
        .unwrap();
        e.answer(
            p,
            "acknowledge/checkout/still-open",
            text("Whether I can trust the apology."),
            fixed_time(),
        )
        .unwrap();
        e.complete_stage(p, 0, fixed_time()).unwrap();
        p.position.stage = "acknowledge".into();
        p.position.step = Some("checkout".into());
    });
    snapshot_sizes("checkout_completed", &app);
}

#[test]
fn help_overlay_lists_the_keys_of_the_screen_under_it() {
    let mut app = opened(Role::Hurt, at("communicate", Some("choose-the-moment")));
    app.update(Action::ToggleHelp);
    snapshot_sizes("help_on_step", &app);
}

#[test]
fn error_popup_after_a_failed_save() {
    let mut app = opened(Role::Hurt, at("acknowledge", None));
    app.update(Action::Saved(Err(
        "could not write /data/alex.json: No space left on device".into(),
    )));
    snapshot_sizes("popup_save_failed", &app);
}

#[test]
fn too_small_asks_to_enlarge() {
    let app = opened(Role::Hurt, at("acknowledge", None));
    insta::assert_snapshot!("too_small_30x8", render(&app, 30, 8));
    // Even absurd sizes draw something rather than panic.
    for (w, h) in [(1, 1), (2, 40), (39, 24), (80, 11)] {
        render(&app, w, h);
    }
}

#[test]
fn breathing_timer_mid_breath() {
    let mut app = opened(Role::Hurt, at("self-care", Some("slow-breathing")));
    app.update(Action::StartBreathing);
    app.update(Action::Tick(std::time::Duration::from_millis(6500)));
    snapshot_sizes("breathing", &app);
}
