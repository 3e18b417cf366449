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

/// Every key for the screen underneath, generated from the keymap in
/// force, with each action's name for `config.toml` when there is room.
pub fn draw_help(frame: &mut Frame, area: Rect, under: Context) {
    let toggle = crate::action::Action::ToggleHelp;
    let mut rows: Vec<(String, &str, String)> = keymap::bindings_for(under)
        .into_iter()
        .filter(|b| b.action != toggle)
        .map(|b| (b.label(), b.help, b.name()))
        .collect();
    // Closing help, with the keys that close it (they can be rebound).
    let close = keymap::bindings_for(Context::Help)
        .into_iter()
        .find(|b| b.action == toggle)
        .map_or_else(|| "Esc".to_string(), |b| b.label());
    rows.push((close, "Close help", keymap::action_name(&toggle)));
    let widest =
        |column: fn(&(String, &str, String)) -> usize| rows.iter().map(column).max().unwrap_or(0);
    let key_width = widest(|r| r.0.chars().count());
    let help_width = widest(|r| r.1.chars().count());
    let name_width = widest(|r| r.2.chars().count());
    // Borders, a space each side, and two between the columns; the names
    // only when the whole table fits.
    let bare = key_width + help_width + 6;
    let with_names = bare + name_width + 2;
    let names = with_names <= area.width as usize;
    let width = if names { with_names } else { bare } as u16;
    let rect = centered(area, width, rows.len() as u16 + 2);
    let room = rect.width.saturating_sub(2) as usize;
    let visible = rect.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = rows
        .iter()
        .take(visible)
        .map(|(k, help, name)| {
            let keys = format!(" {k:<key_width$}  ");
            let left = room.saturating_sub(keys.chars().count());
            let mut spans = vec![Span::styled(keys, theme().key)];
            if names {
                spans.push(Span::styled(format!("{help:<help_width$}  "), theme().text));
                spans.push(Span::styled(name.clone(), theme().muted));
            } else {
                spans.push(Span::styled(super::truncate(help, left), theme().text));
            }
            Line::from(spans)
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
