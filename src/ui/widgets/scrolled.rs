//! A bordered block of pre-wrapped lines that scrolls, with a hint in the
//! bottom border when there is more to read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::ui::theme::theme;

/// Draws `lines` from `scroll` (clamped) and returns the largest useful
/// scroll offset for this size, so the page can clamp its own.
pub fn draw_scrolled(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
) -> u16 {
    let height = area.height.saturating_sub(2);
    let max = (lines.len() as u16).saturating_sub(height);
    let scroll = scroll.min(max);
    let mut block = Block::bordered()
        .border_style(theme().border)
        .title(format!(" {title} "))
        .padding(Padding::horizontal(1));
    if scroll < max {
        block =
            block.title_bottom(Line::styled(" more below · PgDn ", theme().muted).right_aligned());
    } else if scroll > 0 {
        block = block
            .title_bottom(Line::styled(" PgUp to scroll back ", theme().muted).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
    max
}

/// The width left for text inside a scrolled block (borders and padding).
pub fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(4) as usize
}

/// The scroll position of a [`draw_scrolled`] block, kept within what the
/// last draw could show (a long text in a small window).
#[derive(Debug, Default)]
pub struct Scroll {
    pub offset: u16,
    max: std::cell::Cell<u16>,
}

impl Scroll {
    pub fn down(&mut self, lines: u16) {
        self.offset = self.offset.saturating_add(lines).min(self.max.get());
    }

    pub fn up(&mut self, lines: u16) {
        self.offset = self.offset.saturating_sub(lines);
    }

    /// PgDn / PgUp (and ↓ / ↑ where given): whether the action scrolled.
    pub fn update(&mut self, action: &crate::action::Action) -> bool {
        use crate::action::Action;
        match action {
            Action::ScrollDown => self.down(5),
            Action::ScrollUp => self.up(5),
            _ => return false,
        }
        true
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>) {
        self.max
            .set(draw_scrolled(frame, area, title, lines, self.offset));
    }
}
