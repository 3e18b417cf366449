//! The multi-line text box every screen uses for writing (answers, journal
//! entries, check-in notes), set up one way so they all behave alike.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::ui::theme::theme;

/// A soft-wrapping text box holding `text`, with the cursor at its end and
/// `placeholder` shown while it is empty.
pub fn text_box(text: &str, placeholder: impl Into<String>) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area.set_placeholder_text(placeholder);
    // The text box's own defaults are colours; the theme decides.
    area.set_placeholder_style(theme().muted);
    area.set_selection_style(theme().text_selection);
    area
}

/// Inserts pasted text. Terminals send line breaks in pastes as `\r`.
pub fn paste(area: &mut TextArea<'static>, text: &str) {
    area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
}
