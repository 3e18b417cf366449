//! Drawing. Reads the app state and never changes it or does I/O.

pub mod screens;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Screen};
use crate::engine::{Engine, Place};
use theme::theme;

/// Below this the layout cannot show a question and its answer.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The widest the screens grow.
pub const MAX_WIDTH: u16 = 140;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, frame, header);
    // On very wide terminals, lines of 200 characters are hard to read:
    // the screens keep to a comfortable width in the middle.
    let [body] = Layout::horizontal([Constraint::Max(MAX_WIDTH)])
        .flex(ratatui::layout::Flex::Center)
        .areas(body.inner(ratatui::layout::Margin::new(1, 0)));
    match (&app.screen, &app.session) {
        (Screen::Home(home), _) => home.draw(frame, body, &app.listings, app.discreet),
        (Screen::Create(create), _) => create.draw(frame, body),
        (Screen::Overview(overview), Some(session)) => {
            overview.draw(frame, body, &app.content, session)
        }
        (Screen::Page(page), Some(session)) => page.draw(frame, body, &app.content, session),
        (Screen::Breathing(breathing), _) => breathing.draw(frame, body),
        (Screen::Journal(journal), Some(session)) => {
            journal.draw(frame, body, &app.content, session)
        }
        (Screen::Entry(entry), Some(session)) => entry.draw(frame, body, &app.content, session),
        (Screen::EntryForm(form), Some(_)) => form.draw(frame, body, &app.content),
        (Screen::Trash(trash), Some(session)) => trash.draw(frame, body, &app.content, session),
        (Screen::CheckIn(checkin), Some(session)) => {
            checkin.draw(frame, body, &app.content, session)
        }
        (Screen::Dashboard(dashboard), Some(session)) => {
            dashboard.draw(frame, body, &app.content, session)
        }
        (Screen::Partners(partners), Some(_)) => partners.draw(frame, body),
        (Screen::Talk(talk), Some(session)) => talk.draw(frame, body, &app.content, session),
        (Screen::TalkSetup(setup), Some(session)) => setup.draw(frame, body, &app.content, session),
        (Screen::Floor(floor), Some(session)) => floor.draw(frame, body, &app.content, session),
        (Screen::TimeOut(time_out), Some(session)) => {
            time_out.draw(frame, body, &app.content, session)
        }
        (Screen::TalkSummary(summary), Some(session)) => {
            summary.draw(frame, body, &app.content, session)
        }
        (Screen::Agreements(agreements), Some(session)) => {
            agreements.draw(frame, body, &app.content, session)
        }
        (Screen::LookAway(look_away), Some(session)) => {
            look_away.draw(frame, body, &app.content, session)
        }
        (Screen::Reveal(reveal), Some(session)) => reveal.draw(frame, body, &app.content, session),
        (Screen::Screening(screening), Some(session)) => {
            screening.draw(frame, body, &app.content, session)
        }
        (Screen::Safety(safety), Some(session)) => safety.draw(frame, body, &app.content, session),
        (Screen::Decision(decision), Some(session)) => {
            decision.draw(frame, body, &app.content, session)
        }
        (Screen::Counsellor(counsellor), Some(session)) => {
            counsellor.draw(frame, body, &app.content, session)
        }
        // A workbook screen without an open workbook cannot happen; draw
        // nothing rather than panic.
        _ => {}
    }
    let under = app.screen_context();
    widgets::draw_footer(
        frame,
        footer,
        app.context(),
        app.status.as_deref(),
        app.unsaved,
    );
    if app.help_open {
        widgets::draw_help(frame, body, under);
    }
    if let Some(popup) = &app.popup {
        widgets::draw_popup(frame, area, &popup.title, &popup.message);
    }
}

/// "trustwork · Alex" on the left, where you are on the right.
fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let right = match (&app.screen, &app.session) {
        (Screen::Page(page), Some(session)) => {
            let engine = Engine::new(&app.content, session.workbook().role());
            location(&engine, page.place)
        }
        (Screen::Overview(_), Some(_)) => "Overview".to_string(),
        (Screen::Home(_), _) => "Workbooks".to_string(),
        (Screen::Create(_), _) => "New workbook".to_string(),
        (Screen::Breathing(_), _) => "Breathing".to_string(),
        (Screen::Journal(journal), _) => journal.location(),
        (Screen::Entry(entry), _) => entry.list.location(),
        (Screen::EntryForm(_), _) => "Journal · writing".to_string(),
        (Screen::Trash(_), _) => "Journal · trash".to_string(),
        (Screen::CheckIn(_), _) => "Check-in".to_string(),
        (Screen::Dashboard(_), _) => "Progress".to_string(),
        (Screen::Partners(_), _) => "Together · names".to_string(),
        (Screen::Talk(_), _) => "Together".to_string(),
        (Screen::TalkSetup(_), _) => "Together · a new talk".to_string(),
        (Screen::Floor(_), _) => "Together · talking".to_string(),
        (Screen::TimeOut(_), _) => "Together · time-out".to_string(),
        (Screen::TalkSummary(_), _) => "Together · summary".to_string(),
        (Screen::Agreements(_), _) => "Together · agreements".to_string(),
        (Screen::LookAway(_) | Screen::Reveal(_), _) => "Private".to_string(),
        (Screen::Screening(_) | Screen::Safety(_), _) => "Private".to_string(),
        (Screen::Decision(_), _) => "Stage 7 · decision aid".to_string(),
        (Screen::Counsellor(_), _) => "Stage 6 · summary for a counsellor".to_string(),
        _ => String::new(),
    };
    let right = Line::styled(format!("{right} "), theme().muted).right_aligned();
    // A long name gives way to where the user is.
    let brand = Span::styled(" trustwork", theme().title);
    const SEPARATOR: &str = " · ";
    // What is left for the name beside the brand, the separator, the
    // location and a space before it.
    let room = (area.width as usize).saturating_sub(
        brand.width() + unicode_width::UnicodeWidthStr::width(SEPARATOR) + right.width() + 1,
    );
    let mut left = vec![brand];
    if let Some(session) = &app.session
        && room >= 4
        && !app.discreet
    {
        // In a couple workbook, whose words go in matters: say who is
        // writing (W switches), unless a private moment is on screen.
        let writer = match &app.screen {
            Screen::LookAway(_)
            | Screen::Reveal(_)
            | Screen::CheckIn(_)
            | Screen::Screening(_)
            | Screen::Safety(_)
            // In a talk the banner says who is at the keyboard.
            | Screen::Floor(_)
            | Screen::TimeOut(_)
            | Screen::TalkSetup(_) => None,
            _ if session.workbook().is_couple() => Some(format!(
                " · ✎ {}",
                session.workbook().author_name(session.writer())
            )),
            _ => None,
        };
        let writer_width = writer
            .as_deref()
            .map_or(0, unicode_width::UnicodeWidthStr::width);
        let name_room = if room >= writer_width + 8 {
            room - writer_width
        } else {
            room
        };
        left.push(Span::styled(
            format!(
                "{SEPARATOR}{}",
                widgets::truncate(&session.workbook().name, name_room)
            ),
            theme().accent,
        ));
        if let Some(writer) = writer
            && room >= writer_width + 8
        {
            left.push(Span::styled(writer, theme().muted));
        }
        if session.workbook().closed_at.is_some() {
            left.push(Span::styled(" · closed, read only", theme().warning));
        }
    }
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right.width() as u16)])
        .areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(Paragraph::new(right), r);
}

/// "Stage 2 of 7 · Step 3 of 5" for the header.
fn location(engine: &Engine<'_>, place: Place) -> String {
    let stages = engine.content.stages.len();
    let s = place.stage();
    let steps = engine.content.stages.get(s).map_or(0, |st| st.steps.len());
    match place {
        Place::Intro(_) => format!("Stage {} of {stages}", s + 1),
        Place::Step(_, i) => format!("Stage {} of {stages} · Step {} of {steps}", s + 1, i + 1),
        Place::Checkout(_) => format!("Stage {} of {stages} · Check-out", s + 1),
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Please enlarge this window. trustwork needs at least {MIN_WIDTH}×{MIN_HEIGHT}; it is {}×{} now. Nothing is lost meanwhile.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme().warning)
            .wrap(Wrap { trim: true }),
        area,
    );
}
