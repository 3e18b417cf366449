//! Snapshots of the check-in form, the progress dashboard and the
//! overview's check-in note, with the app's clock fixed so "12 days since
//! your last check-in" never changes. Review with `cargo insta review`.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use chrono::{DateTime, FixedOffset};
use trustwork::action::{Action, Section};
use trustwork::app::{App, Loaded};
use trustwork::domain::{
    AnswerValue, COMMITMENTS_ANSWER, CheckIn, Clock, Journal, Role, Scores, Workbook,
};
use trustwork::engine::Engine;
use trustwork::storage::WorkbookKey;
use uuid::Uuid;

/// Monday 30 November 2026, in the evening.
fn today() -> DateTime<FixedOffset> {
    when(11, 30, 21)
}

fn when(month: u32, day: u32, hour: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-{month:02}-{day:02}T{hour:02}:00:00+00:00"))
        .unwrap()
}

fn checkin(n: u128, at: DateTime<FixedOffset>, scores: [u8; 4], author: Uuid) -> CheckIn {
    let [trust, safety, communication, commitment] = scores;
    CheckIn {
        id: Uuid::from_u128(n),
        created_at: at,
        author,
        scores: Scores {
            trust,
            safety,
            communication,
            commitment,
        },
        note: String::new(),
        commitments: Vec::new(),
        private: None,
    }
}

/// Seven weekly check-ins from October on, slowly (not steadily) rising;
/// the last one twelve days ago.
fn history(workbook: &mut Workbook) {
    let me = workbook.default_author();
    let scores = [
        [2, 3, 1, 4],
        [3, 3, 2, 5],
        [2, 4, 4, 5],
        [4, 5, 4, 6],
        [5, 5, 6, 6],
        [4, 6, 5, 7],
        [6, 7, 6, 8],
    ];
    let dates = [
        when(10, 5, 21),
        when(10, 12, 20),
        when(10, 20, 22),
        when(10, 27, 21),
        when(11, 3, 21),
        when(11, 10, 21),
        when(11, 18, 21),
    ];
    for (i, (at, s)) in dates.into_iter().zip(scores).enumerate() {
        workbook.checkins.push(checkin(i as u128 + 1, at, s, me));
    }
}

/// Stage 1 complete, two steps of stage 2 done, and three commitments in
/// the accountability tracker.
fn progress(workbook: &mut Workbook) {
    let content = content();
    let engine = Engine::new(&content, workbook.role());
    let p = &mut workbook.progress;
    for step in 0..5 {
        engine.set_step_done(p, 0, step, true).unwrap();
    }
    engine
        .answer(
            p,
            "acknowledge/checkout/ready-to-move-on",
            AnswerValue::Scale(6),
            when(10, 25, 20),
        )
        .unwrap();
    engine
        .answer(
            p,
            "acknowledge/checkout/still-open",
            AnswerValue::Text("Whether the apology holds.".into()),
            when(10, 25, 20),
        )
        .unwrap();
    engine.complete_stage(p, 0, when(10, 25, 21)).unwrap();
    engine.set_step_done(p, 1, 0, true).unwrap();
    engine.set_step_done(p, 1, 1, true).unwrap();
    engine
        .answer(
            p,
            COMMITMENTS_ANSWER,
            AnswerValue::Text(
                "- Call if I'm going to be late\n- No phone at the dinner table\n- A money talk every Sunday evening, even when it is hard".into(),
            ),
            when(11, 2, 20),
        )
        .unwrap();
    p.position.stage = "communicate".into();
}

/// A few journal entries over the last weeks.
fn journal() -> Journal {
    let days = [2, 3, 5, 9, 10, 16, 17, 18, 19, 24, 26, 30];
    Journal::from_entries(
        days.iter()
            .enumerate()
            .map(|(i, day)| entry(i as u128 + 1, *day, "", "A few lines.", None, None))
            .collect(),
    )
}

/// An app at the overview of a workbook, clock fixed at [`today`].
fn opened(setup: impl FnOnce(&mut Workbook), journal: Journal) -> App {
    let mut app = App::new(content(), Vec::new());
    app.set_clock(Clock::Fixed(today()));
    let mut workbook = workbook("Alex", Role::Hurt);
    setup(&mut workbook);
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(Loaded { workbook, journal })),
    ));
    app.update(Action::Section(Section::Stages));
    app
}

fn full() -> App {
    opened(
        |wb| {
            history(wb);
            progress(wb);
        },
        journal(),
    )
}

fn snap(name: &str, app: &App, sizes: &[(u16, u16)]) {
    for (w, h) in sizes {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, *w, *h));
    }
}

const ALL_SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 12)];

#[test]
fn checkin_form_empty() {
    let mut app = opened(|_| {}, Journal::default());
    to_checkin_form(&mut app);
    snap("checkin_empty", &app, &ALL_SIZES);
}

#[test]
fn checkin_form_filled_with_commitments() {
    let mut app = full();
    to_checkin_form(&mut app);
    for score in [6, 5, 7, 8] {
        app.update(Action::SetScale(score));
        app.update(Action::NextField);
    }
    app.update(Action::Toggle); // kept
    app.update(Action::NextField);
    app.update(Action::Toggle);
    app.update(Action::Toggle); // missed
    app.update(Action::NextField); // the third stays unrated
    snap("checkin_commitments", &app, &[(80, 24), (120, 40)]);
}

#[test]
fn checkin_form_writing_the_note() {
    let mut app = full();
    to_checkin_form(&mut app);
    app.update(Action::Edit);
    app.update(Action::Paste(
        "We talked on Sunday and it went better than I feared.".into(),
    ));
    snap("checkin_note", &app, &[(80, 24)]);
}

#[test]
fn checkin_form_asks_before_leaving() {
    let mut app = full();
    to_checkin_form(&mut app);
    app.update(Action::SetScale(4));
    app.update(Action::Back);
    snap("checkin_leave", &app, &[(80, 24), (40, 12)]);
}

#[test]
fn dashboard_with_several_checkins() {
    let mut app = full();
    app.update(Action::Section(Section::Progress));
    snap("dashboard", &app, &ALL_SIZES);
    insta::assert_snapshot!("dashboard_100x30", render(&app, 100, 30));
}

#[test]
fn dashboard_scrolled_to_the_end_in_a_small_window() {
    let mut app = full();
    app.update(Action::Section(Section::Progress));
    render(&app, 80, 24);
    for _ in 0..5 {
        app.update(Action::ScrollDown);
    }
    snap("dashboard_scrolled", &app, &[(80, 24)]);
}

#[test]
fn dashboard_with_no_checkins() {
    let mut app = opened(|_| {}, Journal::default());
    app.update(Action::Section(Section::Progress));
    snap("dashboard_empty", &app, &[(80, 24), (120, 40)]);
}

#[test]
fn dashboard_after_one_checkin() {
    let mut app = opened(
        |wb| {
            let me = wb.default_author();
            wb.checkins
                .push(checkin(1, when(11, 27, 21), [3, 4, 2, 5], me));
        },
        Journal::default(),
    );
    app.update(Action::Section(Section::Progress));
    snap("dashboard_one", &app, &[(120, 40)]);
}

#[test]
fn overview_with_a_checkin_due() {
    let app = full();
    snap("overview_due", &app, &ALL_SIZES);
}

#[test]
fn overview_with_recent_checkins() {
    let app = opened(
        |wb| {
            history(wb);
            progress(wb);
            wb.checkin_interval_days = 14;
        },
        journal(),
    );
    snap("overview_recent", &app, &[(80, 24), (120, 40)]);
}

#[test]
fn overview_before_the_first_checkin() {
    let app = opened(|_| {}, Journal::default());
    snap("overview_first", &app, &[(80, 24)]);
}

#[test]
fn every_progress_screen_draws_at_odd_sizes() {
    let mut app = full();
    for section in [Section::CheckIn, Section::Progress, Section::Stages] {
        if section == Section::Progress {
            app.update(Action::Section(Section::Stages));
        }
        app.update(Action::Section(section));
        for (w, h) in [
            (40, 12),
            (41, 13),
            (60, 15),
            (99, 20),
            (100, 12),
            (200, 60),
            (1, 1),
        ] {
            render(&app, w, h);
        }
    }
    // Writing the note in a tiny window.
    app.update(Action::Section(Section::Stages));
    to_checkin_form(&mut app);
    app.update(Action::Edit);
    for (w, h) in [(40, 12), (45, 14)] {
        render(&app, w, h);
    }
}

/// Section 3, past the private screening (three "no"s), to the form.
fn to_checkin_form(app: &mut App) {
    app.update(Action::Section(Section::CheckIn));
    for action in [
        Action::Decline,
        Action::Decline,
        Action::Decline,
        Action::Select,
    ] {
        app.update(action);
    }
}
