//! The bottom line: the few keys that matter here, a status note, and the
//! quick-exit key always on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::keymap::{self, Context};
use crate::ui::theme::theme;

pub fn draw_footer(
    frame: &mut Frame,
    area: Rect,
    context: Context,
    status: Option<&str>,
    unsaved: bool,
) {
    let right = Line::from(vec![
        Span::styled("Ctrl+Q", theme().key),
        Span::styled(" leave", theme().muted),
    ]);
    let right_width = right.width() as u16;
    // A column of space keeps a long status off "Ctrl+Q leave" (hints
    // are only ever shown whole, so they need none).
    let gap = u16::from(status.is_some());
    let [left_area, _, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(gap),
        Constraint::Length(right_width),
    ])
    .areas(area);

    let mut spans = Vec::new();
    if unsaved {
        spans.push(Span::styled("● not saved yet  ", theme().warning));
    }
    if let Some(status) = status {
        // A status too long for the line ends in "…" rather than mid-word
        // against the edge.
        let room = (left_area.width as usize).saturating_sub(2);
        spans.push(Span::styled(
            format!("{}  ", super::truncate(status, room)),
            theme().done,
        ));
    }
    // Whole hints only: one that does not fit is left out rather than cut.
    let room = left_area.width as usize;
    let mut used: usize = spans.iter().map(|s| s.width()).sum();
    for (key, hint) in keymap::hints_for(context) {
        let label = format!(" {hint}  ");
        let width = key.chars().count() + label.chars().count();
        if used + width > room {
            break;
        }
        used += width;
        spans.push(Span::styled(key, theme().key));
        spans.push(Span::styled(label, theme().muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left_area);
    if area.width > right_width + 10 {
        frame.render_widget(Paragraph::new(right), right_area);
    }
}
