//! One-line text input for short things (a name, a topic): typing, paste
//! and backspace, with a length cap, without the weight of a text area.

use ratatui::crossterm::event::KeyCode;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::wrapped;
use crate::action::Action;
use crate::ui::theme::theme;

/// Applies a typing action to `text`, keeping it under `max` characters
/// and free of control characters (a pasted newline would break a line).
/// Returns whether the action was typing at all.
pub fn edit_line(text: &mut String, action: &Action, max: usize) -> bool {
    match action {
        Action::Paste(pasted) => {
            let room = max.saturating_sub(text.chars().count());
            let clean = pasted.chars().map(|c| if c.is_control() { ' ' } else { c });
            text.extend(clean.take(room));
            true
        }
        Action::Type(key) => {
            match key.code {
                KeyCode::Char(c) if text.chars().count() < max && !c.is_control() => text.push(c),
                KeyCode::Backspace => {
                    text.pop();
                }
                _ => {}
            }
            true
        }
        _ => false,
    }
}

/// The text with a cursor after it when focused, or `placeholder` in grey
/// when empty and not focused.
pub fn input_line(text: &str, focused: bool, placeholder: &str) -> Line<'static> {
    if text.is_empty() && !focused {
        return Line::styled(placeholder.to_string(), theme().muted);
    }
    let cursor = if focused { "▏" } else { "" };
    Line::from(vec![
        Span::styled(text.to_string(), theme().text),
        Span::styled(cursor, theme().accent),
    ])
}

/// Key hints packed into lines no wider than `width`; a hint is never
/// split across lines.
pub fn key_lines(keys: &[(&str, &str)], width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (key, label) in keys {
        let w = key.width() + 1 + label.width();
        if used > 0 && used + 3 + w > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("   "));
            used += 3;
        }
        spans.push(Span::styled(key.to_string(), theme().key));
        spans.push(Span::styled(format!(" {label}"), theme().text));
        used += w;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// A one-line input wrapped to `width`, with the cursor after the text.
pub fn input_lines(text: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = wrapped(text, theme().text, width.saturating_sub(1));
    if lines.is_empty() {
        lines.push(Line::default());
    }
    if let Some(last) = lines.last_mut() {
        // The space just typed shows before the cursor.
        if text.ends_with(' ') && last.width() > 0 {
            last.push_span(Span::styled(" ", theme().text));
        }
        last.spans.extend(input_line("", true, "").spans);
    }
    lines
}
