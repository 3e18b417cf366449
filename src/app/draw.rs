//! The frame around the screen on show: the header (the workbook, who is
//! writing, where you are), the footer, help and popups. Reads the app's
//! state and never changes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::App;
use crate::ui::theme::theme;
use crate::ui::widgets;
use crate::ui::{MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH};

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
    app.screen.view().draw(frame, body, &app.look());
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
    let right = app.screen.view().location(&app.look());
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
        // A private moment (a look-away, a screening, a talk, where the
        // banner says who is at the keyboard) does not name anyone.
        let writer = match app.screen.view().private() {
            true => None,
            false if session.workbook().is_couple() => Some(format!(
                " · ✎ {}",
                session.workbook().author_name(session.writer())
            )),
            false => None,
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
