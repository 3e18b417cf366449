//! One-line text input for short things (a name, a topic): typing, paste
//! and backspace, with a length cap, without the weight of a text area.

use ratatui::crossterm::event::KeyCode;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::ui::theme::THEME;

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
        return Line::styled(placeholder.to_string(), THEME.muted);
    }
    let cursor = if focused { "▏" } else { "" };
    Line::from(vec![
        Span::styled(text.to_string(), THEME.text),
        Span::styled(cursor, THEME.accent),
    ])
}
