//! The mouse, on a TestBackend: a frame is drawn first (clicks find their
//! row through what was drawn), then mouse events go in as the terminal
//! would send them, or as the actions they become.
#![allow(clippy::unwrap_used)]

use crate::support::*;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use trustwork::action::{Action, Section};
use trustwork::app::{App, Loaded, Runtime, Screen, mouse_action};
use trustwork::domain::{Clock, Journal, Role};
use trustwork::engine::Place;
use trustwork::keymap::Context;
use trustwork::storage::{MemoryStore, WorkbookKey};

const SIZE: (u16, u16) = (100, 30);

/// An app with a workbook and three journal entries open, at the overview.
fn opened() -> App {
    let mut app = App::new(content(), Vec::new());
    app.set_clock(Clock::Fixed(at(20, 21)));
    let journal = Journal::from_entries(vec![
        entry(1, 18, "After the talk", "It went better.", None, None),
        entry(2, 12, "A hard day", "Quiet.", None, None),
        entry(3, 5, "Sunday", "A walk.", None, None),
    ]);
    app.update(Action::Opened(
        WorkbookKey("alex".into()),
        Ok(Box::new(Loaded {
            workbook: workbook("Alex", Role::Hurt),
            journal,
        })),
    ));
    app.update(Action::Section(Section::Stages));
    app
}

fn draw(app: &App) -> Buffer {
    render_buffer(app, SIZE.0, SIZE.1)
}

/// Where `text` is on screen (its first cell).
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    let want: Vec<String> = text.chars().map(String::from).collect();
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let fits = want.iter().enumerate().all(|(i, c)| {
                let at = x as usize + i;
                at < area.width as usize && buffer[(at as u16, y)].symbol() == c
            });
            if fits {
                return (x, y);
            }
        }
    }
    panic!("{text:?} is not on screen");
}

/// A left click on `text` where it was last drawn.
fn click_on(app: &mut App, text: &str) {
    let (column, row) = find(&draw(app), text);
    app.update(Action::Click { column, row });
}

fn mouse(kind: MouseEventKind, (column, row): (u16, u16)) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn overview_selected(app: &App) -> usize {
    match &app.screen {
        Screen::Overview(overview) => overview.selected,
        _ => panic!("not on the overview"),
    }
}

fn journal_selected(app: &App) -> usize {
    match &app.screen {
        Screen::Journal(journal) => journal.cursor.selected,
        _ => panic!("not in the journal"),
    }
}

#[test]
fn clicking_the_third_stage_selects_it_and_clicking_again_opens_it() {
    let mut app = opened();
    let third = content().stages[2].title.clone();
    click_on(&mut app, &third);
    assert_eq!(overview_selected(&app), 2);
    click_on(&mut app, &third);
    match &app.screen {
        Screen::Page(page) => assert_eq!(page.place, Place::Intro(2)),
        _ => panic!("the stage did not open"),
    }
}

#[test]
fn a_click_outside_any_list_does_nothing() {
    let mut app = opened();
    app.status = Some("Saved".into());
    let buffer = draw(&app);
    let detail = find(&buffer, "Recommended next");
    for (column, row) in [(0, 0), detail, (SIZE.0 - 1, SIZE.1 - 1)] {
        let effects = app.update(Action::Click { column, row });
        assert!(effects.is_empty());
        assert_eq!(overview_selected(&app), 0);
    }
    // Not even the status note is touched.
    assert_eq!(app.status.as_deref(), Some("Saved"));
}

#[test]
fn a_click_under_a_popup_does_nothing() {
    let mut app = opened();
    let third = content().stages[2].title.clone();
    let at = find(&draw(&app), &third);
    app.update(Action::Saved(Err("disk full".into())));
    draw(&app);
    app.update(Action::Click {
        column: at.0,
        row: at.1,
    });
    assert_eq!(overview_selected(&app), 0);
    assert!(app.popup.is_some());
}

#[test]
fn the_wheel_moves_through_the_journal_list() {
    let mut store = MemoryStore::new();
    let mut app = opened();
    app.update(Action::Section(Section::Journal));
    let mut rt = Runtime::new(app, &mut store);
    rt.set_mouse(true);
    draw(&rt.app);
    let anywhere = (10, 10);
    rt.mouse_event(mouse(MouseEventKind::ScrollDown, anywhere));
    rt.mouse_event(mouse(MouseEventKind::ScrollDown, anywhere));
    assert_eq!(journal_selected(&rt.app), 2);
    rt.mouse_event(mouse(MouseEventKind::ScrollUp, anywhere));
    assert_eq!(journal_selected(&rt.app), 1);
}

#[test]
fn clicking_a_journal_entry_selects_it_and_a_second_click_reads_it() {
    let mut app = opened();
    app.update(Action::Section(Section::Journal));
    click_on(&mut app, "Sunday");
    assert_eq!(journal_selected(&app), 2);
    click_on(&mut app, "After the talk");
    assert_eq!(journal_selected(&app), 0);
    click_on(&mut app, "After the talk");
    assert_eq!(app.context(), Context::Entry);
}

#[test]
fn clicking_a_question_selects_it_and_a_second_click_starts_the_answer() {
    let mut app = opened();
    // The first page with two questions or more.
    app.update(Action::Select);
    let content = content();
    let engine = trustwork::engine::Engine::new(&content, Role::Hurt);
    let mut second = None;
    for _ in 0..30 {
        let Screen::Page(page) = &app.screen else {
            panic!("not on a page");
        };
        if let Some((_, prompt)) = engine.fields(page.place).get(1) {
            second = Some(prompt.text.clone());
            break;
        }
        app.update(Action::NextPage);
    }
    let second = second.unwrap();
    let second = second.chars().take(20).collect::<String>();
    click_on(&mut app, &second);
    let Screen::Page(page) = &app.screen else {
        panic!("the page closed");
    };
    assert_eq!(page.selected, 1);
    assert_eq!(app.context(), Context::Page);
    click_on(&mut app, &second);
    assert!(matches!(
        app.context(),
        Context::EditText | Context::EditChoice | Context::EditScale
    ));
}

#[test]
fn with_the_mouse_off_no_event_becomes_an_action() {
    let kinds = [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
    ];
    for context in [Context::Home, Context::Overview, Context::Journal] {
        for kind in kinds {
            assert_eq!(mouse_action(mouse(kind, (5, 5)), context, false), None);
        }
    }
    // And through the runtime, which starts with the mouse off.
    let mut store = MemoryStore::new();
    let mut rt = Runtime::new(opened(), &mut store);
    assert!(!rt.mouse());
    let third = content().stages[2].title.clone();
    let at = find(&draw(&rt.app), &third);
    rt.mouse_event(mouse(MouseEventKind::Down(MouseButton::Left), at));
    rt.mouse_event(mouse(MouseEventKind::ScrollDown, at));
    assert_eq!(overview_selected(&rt.app), 0);
}

#[test]
fn with_the_mouse_on_events_become_actions() {
    let click = mouse(MouseEventKind::Down(MouseButton::Left), (3, 4));
    assert_eq!(
        mouse_action(click, Context::Overview, true),
        Some(Action::Click { column: 3, row: 4 })
    );
    let wheel = mouse(MouseEventKind::ScrollDown, (3, 4));
    assert_eq!(
        mouse_action(wheel, Context::Overview, true),
        Some(Action::Down)
    );
    // Moving the mouse and other buttons do nothing.
    let moved = mouse(MouseEventKind::Moved, (3, 4));
    assert_eq!(mouse_action(moved, Context::Overview, true), None);
    let right = mouse(MouseEventKind::Down(MouseButton::Right), (3, 4));
    assert_eq!(mouse_action(right, Context::Overview, true), None);
}

#[test]
fn in_the_trash_a_click_selects_and_never_empties_it() {
    let mut app = opened();
    let (content, session) = (&app.content, app.session.as_mut().unwrap());
    let ids: Vec<_> = session.journal().entries().iter().map(|e| e.id).collect();
    for id in &ids[1..] {
        session
            .trash(content, &trustwork::journal_view::Source::Entry(*id))
            .unwrap();
    }
    app.update(Action::Section(Section::Journal));
    app.update(Action::OpenTrash);
    assert_eq!(app.context(), Context::Trash);
    let trash_selected = |app: &App| match &app.screen {
        Screen::Trash(trash) => (trash.cursor.selected, trash.rows.len(), trash.confirming),
        _ => panic!("not in the trash"),
    };
    click_on(&mut app, "A hard day");
    assert_eq!(trash_selected(&app), (1, 2, false));
    // While it asks whether to empty the trash, a click is no answer.
    app.update(Action::EmptyTrash);
    click_on(&mut app, "Sunday");
    click_on(&mut app, "A hard day");
    assert_eq!(trash_selected(&app), (1, 2, true));
}

#[test]
fn in_the_talk_hub_a_click_picks_a_row_and_a_second_opens_it() {
    use trustwork::domain::Participant;
    let mut wb = workbook("Us", Role::Hurt);
    wb.participants = vec![
        Participant {
            id: uuid::Uuid::from_u128(0xA1E7),
            name: "Alex".into(),
            role: Role::Hurt,
            key: None,
            recipient: None,
        },
        Participant {
            id: uuid::Uuid::from_u128(0x5A77),
            name: "Sam".into(),
            role: Role::Caused,
            key: None,
            recipient: None,
        },
    ];
    let mut app = App::new(content(), Vec::new());
    app.update(Action::Opened(
        WorkbookKey("us".into()),
        Ok(Box::new(wb.into())),
    ));
    app.update(Action::Section(Section::Talk));
    assert_eq!(app.context(), Context::Talk);
    let row = find(&draw(&app), "Our agreements");
    // The second row of the menu.
    let hit = (row.0, row.1);
    app.update(Action::Click {
        column: hit.0,
        row: hit.1,
    });
    draw(&app);
    app.update(Action::Click {
        column: hit.0,
        row: hit.1,
    });
    // The agreements list, empty so far.
    assert!(matches!(app.screen, Screen::Agreements(_)));
    assert_eq!(app.context(), Context::NoAgreements);
}
