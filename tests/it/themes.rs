//! The themes. With `NO_COLOR` every main screen draws without a single
//! colour and the selection still shows (reverse video beside the ▸
//! marker); the high-contrast and light themes are snapshotted with their
//! styles at 100×30. The theme is per thread, so each test sets its own
//! and the tests run in parallel. Review with `cargo insta review`.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use trustwork::action::{Action, Section};
use trustwork::app::{App, Loaded};
use trustwork::domain::{CheckIn, Clock, Journal, Mood, Participant, Role, Scores, Workbook};
use trustwork::storage::WorkbookKey;
use trustwork::ui::theme::{ThemeChoice, set_theme, theme_for};
use uuid::Uuid;

const ALL: [ThemeChoice; 3] = [
    ThemeChoice::Default,
    ThemeChoice::HighContrast,
    ThemeChoice::Light,
];

/// Three weekly check-ins, so the dashboard draws its chart.
fn checkins(workbook: &mut Workbook) {
    let me = workbook.default_author();
    for (i, day) in [2u32, 9, 16].into_iter().enumerate() {
        let n = i as u8;
        workbook.checkins.push(CheckIn {
            id: Uuid::from_u128(i as u128 + 1),
            created_at: at(day, 21),
            author: me,
            scores: Scores {
                trust: 3 + n,
                safety: 4 + n,
                communication: 2 + n,
                commitment: 5 + n,
            },
            note: String::new(),
            commitments: Vec::new(),
            private: None,
        });
    }
}

fn journal() -> Journal {
    Journal::from_entries(vec![
        entry(
            1,
            18,
            "After the talk",
            "It went better.",
            None,
            Some(Mood::Hopeful),
        ),
        entry(2, 12, "", "A hard day.", Some("acknowledge"), None),
        entry(3, 5, "Sunday", "A walk.", None, None),
    ])
}

/// An app with `workbook` open, clock fixed, at the overview.
fn opened(workbook: Workbook) -> App {
    let mut app = App::new(content(), listings());
    app.set_clock(Clock::Fixed(at(20, 21)));
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(Loaded {
            workbook,
            journal: journal(),
        })),
    ));
    app.update(Action::Section(Section::Stages));
    app
}

fn solo() -> App {
    let mut wb = workbook("Alex", Role::Hurt);
    checkins(&mut wb);
    opened(wb)
}

fn couple() -> App {
    let mut wb = workbook("Us", Role::Hurt);
    wb.participants = vec![
        Participant {
            id: Uuid::from_u128(0xA1E7),
            name: "Alex".into(),
            role: Role::Hurt,
            key: None,
            recipient: None,
        },
        Participant {
            id: Uuid::from_u128(0x5A77),
            name: "Sam".into(),
            role: Role::Caused,
            key: None,
            recipient: None,
        },
    ];
    opened(wb)
}

/// The main screens, by name, each with whether it shows a selected row.
fn screens() -> Vec<(&'static str, App, bool)> {
    let with = |mut app: App, actions: &[Action]| {
        for action in actions {
            app.update(action.clone());
        }
        app
    };
    vec![
        ("home", App::new(content(), listings()), true),
        ("overview", solo(), true),
        (
            "page",
            with(solo(), &[Action::Continue, Action::NextPage]),
            true,
        ),
        (
            "journal",
            with(solo(), &[Action::Section(Section::Journal)]),
            true,
        ),
        (
            "dashboard",
            with(solo(), &[Action::Section(Section::Progress)]),
            false,
        ),
        (
            "checkin",
            with(
                solo(),
                &[
                    Action::Section(Section::CheckIn),
                    Action::Decline,
                    Action::Decline,
                    Action::Decline,
                    Action::Select,
                ],
            ),
            true,
        ),
        (
            "talk",
            with(couple(), &[Action::Section(Section::Talk)]),
            true,
        ),
    ]
}

fn draw(app: &App) -> Buffer {
    render_buffer(app, 100, 30)
}

/// The rows that show the ▸ marker of a selection.
fn marked_rows(buffer: &Buffer) -> Vec<u16> {
    (0..buffer.area.height)
        .filter(|&y| (0..buffer.area.width).any(|x| buffer[(x, y)].symbol() == "▸"))
        .collect()
}

#[test]
fn no_color_draws_every_main_screen_without_colour() {
    set_theme(theme_for(ThemeChoice::Default, true));
    for (name, app, selects) in screens() {
        let buffer = draw(&app);
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                let cell = &buffer[(x, y)];
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{name}: colour at {x},{y} ({:?})",
                    cell.symbol()
                );
            }
        }
        if !selects {
            continue;
        }
        // The selection is shown twice over: the marker, and reverse
        // video on the selected row.
        let rows = marked_rows(&buffer);
        assert!(!rows.is_empty(), "{name}: no ▸ marker");
        for y in rows {
            let reversed = (0..buffer.area.width)
                .any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
            assert!(reversed, "{name}: the selected row {y} is not reversed");
        }
    }
}

#[test]
fn no_color_wins_over_every_theme() {
    for choice in ALL {
        let theme = theme_for(choice, true);
        let styles = theme.styles();
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{choice:?}");
        }
    }
}

#[test]
fn the_default_theme_is_the_default() {
    // Nothing set on this thread: screens draw with the default theme.
    let buffer = draw(&solo());
    let cyan = buffer.content().iter().any(|c| c.fg == Color::Cyan);
    assert!(cyan, "the default accent is cyan");
}

#[test]
fn high_contrast_never_uses_dark_grey() {
    set_theme(theme_for(ThemeChoice::HighContrast, false));
    for (name, app, _) in screens() {
        let buffer = draw(&app);
        let faint = buffer.content().iter().any(|c| c.fg == Color::DarkGray);
        assert!(!faint, "{name} uses dark grey");
    }
}

#[test]
fn light_never_writes_yellow_or_cyan() {
    set_theme(theme_for(ThemeChoice::Light, false));
    for (name, app, _) in screens() {
        let buffer = draw(&app);
        let pale = buffer.content().iter().any(|c| {
            matches!(
                c.fg,
                Color::Yellow | Color::LightYellow | Color::Cyan | Color::LightCyan
            )
        });
        assert!(!pale, "{name} writes in a colour too pale for white");
    }
}

/// Snapshots with styles (the buffer's debug form lists them run by run).
fn snapshot_styles(prefix: &str, choice: ThemeChoice) {
    set_theme(theme_for(choice, false));
    for (name, app, _) in screens() {
        if matches!(name, "home" | "overview" | "journal" | "dashboard") {
            insta::assert_snapshot!(
                format!("{prefix}_{name}_100x30"),
                format!("{:?}", draw(&app))
            );
        }
    }
}

#[test]
fn high_contrast_snapshots() {
    snapshot_styles("high_contrast", ThemeChoice::HighContrast);
}

#[test]
fn light_snapshots() {
    snapshot_styles("light", ThemeChoice::Light);
}
