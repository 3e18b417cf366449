//! Helpers shared by the integration tests: fixed workbooks, key presses,
//! and rendering the app to a string.
#![allow(dead_code, clippy::unwrap_used)]

pub mod cli;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustwork::app::{App, Runtime};
use trustwork::content::Content;
use trustwork::domain::{NewWorkbook, RelationshipKind, Role, Workbook};
use uuid::Uuid;

/// The shipped stages, in order.
pub const STAGE_IDS: [&str; 7] = [
    "acknowledge",
    "communicate",
    "accountability",
    "boundaries",
    "self-care",
    "professional-help",
    "walk-away",
];

pub fn content() -> Content {
    Content::embedded().unwrap()
}

/// A workbook with fixed id and dates, so snapshots never change.
pub fn workbook(name: &str, role: Role) -> Workbook {
    let mut wb = Workbook::new(NewWorkbook {
        name: name.to_string(),
        relationship: RelationshipKind::Partner,
        role,
    });
    let fixed = DateTime::parse_from_rfc3339("2026-11-20T21:30:00+00:00").unwrap();
    wb.id = Uuid::nil();
    wb.created_at = fixed;
    wb.updated_at = fixed;
    wb
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses each key in turn.
pub fn press(rt: &mut Runtime<'_>, keys: &[KeyCode]) {
    for code in keys {
        rt.key(key(*code));
    }
}

/// Types text one character at a time, as a person would.
pub fn type_text(rt: &mut Runtime<'_>, text: &str) {
    for c in text.chars() {
        rt.key(key(KeyCode::Char(c)));
    }
}

/// The app drawn at a size, as plain text (one line per row).
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| trustwork::app::draw(app, frame))
        .unwrap();
    terminal.backend().to_string()
}

/// The drawn screen with styles, for checks that care about colour.
pub fn render_buffer(app: &App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| trustwork::app::draw(app, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The names of the files in a folder, sorted.
pub fn file_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The text of every run of reverse-video cells (search matches), row by
/// row, so snapshots can show what is highlighted.
pub fn reversed_runs(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    use ratatui::style::Modifier;
    let area = buffer.area;
    let mut runs = Vec::new();
    for y in 0..area.height {
        let mut run = String::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

/// A fixed time on 2026-11-`day` at `hour`:00 UTC.
pub fn at(day: u32, hour: u32) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00+00:00")).unwrap()
}

/// A journal entry with fixed id and times.
pub fn entry(
    n: u128,
    day: u32,
    title: &str,
    body: &str,
    stage: Option<&str>,
    mood: Option<trustwork::domain::Mood>,
) -> trustwork::domain::JournalEntry {
    trustwork::domain::JournalEntry {
        id: Uuid::from_u128(n),
        created_at: at(day, 21),
        edited_at: at(day, 21),
        author: Uuid::nil(),
        stage: stage.map(str::to_string),
        mood,
        title: title.to_string(),
        body: body.to_string(),
        deleted_at: None,
        reflection: None,
        private: false,
        source: None,
        sealed: None,
    }
}

/// Answers the private screening before a check-in with three "no"s, when
/// it is on screen.
pub fn through_screening(rt: &mut Runtime<'_>) {
    dismiss_note(rt);
    if rt.app.context() == trustwork::keymap::Context::Screening {
        press(
            rt,
            &[
                KeyCode::Char('n'),
                KeyCode::Char('n'),
                KeyCode::Char('n'),
                KeyCode::Enter,
            ],
        );
    }
    past_private_space(rt);
}

/// Goes on past the offer of a passphrase for one's private space, shown
/// after private answers in a workbook for two ("not now").
pub fn past_private_space(rt: &mut Runtime<'_>) {
    if let trustwork::ui::screens::Screen::Safety(screen) = &rt.app.screen
        && screen.private_space
    {
        press(rt, &[KeyCode::Enter]);
    }
}

/// Closes the one-time note about the device shown with a new workbook.
pub fn dismiss_note(rt: &mut Runtime<'_>) {
    if rt.app.popup.is_some() {
        press(rt, &[KeyCode::Enter]);
    }
}

/// Three workbooks as the home screen lists them: one open, one closed,
/// one that cannot be read.
#[allow(dead_code)]
pub fn listings() -> Vec<trustwork::storage::Listing> {
    let when = chrono::DateTime::parse_from_rfc3339("2026-11-20T21:30:00+00:00").unwrap();
    vec![
        trustwork::storage::Listing {
            key: trustwork::storage::WorkbookKey("alex".into()),
            status: trustwork::storage::ListingStatus::Ready {
                name: "Alex".into(),
                relationship: trustwork::domain::RelationshipKind::Partner,
                role: trustwork::domain::Role::Hurt,
                updated_at: when,
                closed: false,
                for_two: false,
            },
        },
        trustwork::storage::Listing {
            key: trustwork::storage::WorkbookKey("mum".into()),
            status: trustwork::storage::ListingStatus::Ready {
                name: "Mum".into(),
                relationship: trustwork::domain::RelationshipKind::Family,
                role: trustwork::domain::Role::Both,
                updated_at: when,
                closed: true,
                for_two: false,
            },
        },
        trustwork::storage::Listing {
            key: trustwork::storage::WorkbookKey("old".into()),
            status: trustwork::storage::ListingStatus::Unreadable {
                message: "old.json could not be read".into(),
            },
        },
    ]
}

/// Fills the create form as a first-time user does: the name, then Enter
/// through relationship, side and "just me", which creates the workbook.
#[allow(dead_code)]
pub fn create_alone(rt: &mut Runtime<'_>, name: &str) {
    type_text(rt, name);
    press(rt, &[KeyCode::Enter; 4]);
}

/// A store in `dir` holding one new workbook, Sam's (a partner; you were
/// hurt), and its key.
#[allow(dead_code)]
pub fn store_with_sam(
    dir: &std::path::Path,
) -> (
    trustwork::storage::JsonStore,
    trustwork::storage::WorkbookKey,
) {
    use trustwork::storage::Store;
    let mut store = trustwork::storage::JsonStore::new(dir).unwrap();
    let (key, _) = store
        .create(trustwork::domain::NewWorkbook {
            name: "Sam".into(),
            relationship: trustwork::domain::RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    (store, key)
}

/// "Us", a workbook for two saved in `store`: Alex (hurt, first) and Sam
/// (caused the hurt). Its key.
#[allow(dead_code)]
pub fn alex_and_sam(store: &mut dyn trustwork::storage::Store) -> trustwork::storage::WorkbookKey {
    let (key, _) = store
        .create(NewWorkbook {
            name: "Us".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let mut workbook = store.open(&key).unwrap();
    workbook.participants[0].name = "Alex".into();
    workbook
        .participants
        .push(trustwork::domain::Participant::new("Sam", Role::Caused));
    store.save(&key, &workbook).unwrap();
    store.close(&key);
    key
}
