//! Things drawn over a screen: the help overlay and message popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::wrap;
use crate::keymap::{self, Context};
use crate::ui::theme::theme;

/// A rectangle of at most `width`×`height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Every key for the screen underneath, generated from the keymap.
pub fn draw_help(frame: &mut Frame, area: Rect, under: Context) {
    let mut rows: Vec<(String, &str)> = keymap::bindings_for(under)
        .filter(|b| b.action != crate::action::Action::ToggleHelp)
        .map(|b| (keymap::describe_keys(b), b.help))
        .collect();
    rows.push(("?/Esc".into(), "Close help"));
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let help_width = rows
        .iter()
        .map(|(_, h)| h.chars().count())
        .max()
        .unwrap_or(0);
    // Borders, a space each side, and two between the columns.
    let width = (key_width + help_width + 6) as u16;
    let rect = centered(area, width, rows.len() as u16 + 2);
    let room = rect.width.saturating_sub(2) as usize;
    let visible = rect.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = rows
        .iter()
        .take(visible)
        .map(|(k, help)| {
            let keys = format!(" {k:<key_width$}  ");
            let left = room.saturating_sub(keys.chars().count());
            Line::from(vec![
                Span::styled(keys, theme().key),
                Span::styled(super::truncate(help, left), theme().text),
            ])
        })
        .collect();
    let mut block = Block::bordered()
        .border_style(theme().border_focus)
        .title(" Keys ");
    if rows.len() > visible {
        // The close keys are last; say how to see the rest.
        block = block
            .title_bottom(Line::styled(" more in a larger window ", theme().muted).right_aligned());
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn draw_popup(frame: &mut Frame, area: Rect, title: &str, message: &str) {
    let width = area.width.saturating_sub(4).min(70);
    let inner_width = width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for paragraph in message.lines() {
        lines.extend(
            wrap(paragraph, inner_width)
                .into_iter()
                .map(|l| Line::styled(l, theme().text)),
        );
    }
    lines.push(Line::default());
    lines.push(Line::styled("Press Enter to close.", theme().muted));
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(theme().warning)
                .title(format!(" {title} "))
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        rect,
    );
}
