//! Writing a journal entry in the person's own editor, as jrnl does:
//! `journal add` with no text at a terminal (or `--edit`), and
//! `journal edit ID`. The editor gets a private temp file (see
//! [`crate::external_editor`]) holding the text and a short commented
//! template, which is taken out again when the file is read back.

use anyhow::{Result, anyhow};

use super::tidy;

/// The template's lines, under the text. Only lines exactly like these
/// are taken out again, so a line of the person's own that starts with
/// `#` (a Markdown heading, a #tag) is kept.
const TEMPLATE: [&str; 4] = [
    "# ── trustwork ─────────────────────────────────────────────────",
    "# Write above these lines. A short first line and then a blank",
    "# line make that first line the title. Save and close to keep it;",
    "# an empty or unchanged text keeps nothing. These lines are removed.",
];

/// The longest first line (in characters) still taken as a title.
const TITLE_MAX: usize = 80;

/// Whether `journal add` opens the editor: when asked to (`--edit`), or
/// when no text was given and a person is at a terminal on both ends (as
/// jrnl does), provided an editor is set. Without one, the text is read
/// from stdin as before.
pub fn wants_editor(forced: bool, has_text: bool, terminal: bool) -> bool {
    forced || (!has_text && terminal && crate::external_editor::configured().is_some())
}

/// What the person wrote in the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// The text, tidied, with the title split off when it looks like one.
    Text { title: String, body: String },
    /// Nothing there (only the template, or blank).
    Empty,
    /// Saved as it was given.
    Unchanged,
}

/// The file the editor starts with: `text` (an entry's title, a blank
/// line and its body, or nothing for a new one), then the template.
fn file_for(text: &str) -> String {
    let mut file = String::new();
    if !text.is_empty() {
        file.push_str(text);
        file.push('\n');
    }
    file.push('\n');
    for line in TEMPLATE {
        file.push_str(line);
        file.push('\n');
    }
    file
}

/// An entry as the editor shows it: its title (if any), a blank line, its
/// body; read back by [`read_back`] into the same title and body.
pub fn entry_text(title: &str, body: &str) -> String {
    if title.trim().is_empty() {
        body.to_string()
    } else {
        format!("{}\n\n{body}", title.trim())
    }
}

/// Opens the editor on `text` (see [`entry_text`]) and reads back what was
/// written. `split_title`: whether a title may be taken from the first
/// line (not when `--title` gave one).
pub fn write_in_editor(text: &str, split_title: bool) -> Result<Written> {
    let command = crate::external_editor::configured().ok_or_else(|| {
        anyhow!(
            "no editor is set. Set editor in config.toml, or $VISUAL or $EDITOR \
             (for example EDITOR=nano), or give the text after the options"
        )
    })?;
    let edited = crate::external_editor::edit(&command, &file_for(text)).map_err(|e| anyhow!(e))?;
    Ok(read_back(&edited, text, split_title))
}

/// What the editor left, without the template: empty, unchanged from
/// `before`, or a title and body.
pub fn read_back(edited: &str, before: &str, split_title: bool) -> Written {
    let kept: Vec<&str> = edited
        .lines()
        .filter(|line| !TEMPLATE.contains(&line.trim_end()))
        .collect();
    let text = tidy(&kept.join("\n"));
    if text.is_empty() {
        return Written::Empty;
    }
    if text == tidy(before) {
        return Written::Unchanged;
    }
    let (title, body) = if split_title {
        title_and_body(&text)
    } else {
        (String::new(), text)
    };
    Written::Text { title, body }
}

/// The first line is the title when it is short and a blank line follows
/// it (jrnl takes the first sentence; a line is clearer in an editor). A
/// leading Markdown `#` on it is dropped.
fn title_and_body(text: &str) -> (String, String) {
    let mut lines = text.splitn(3, '\n');
    let first = lines.next().unwrap_or_default().trim();
    let blank = lines.next().is_some_and(|l| l.trim().is_empty());
    let rest = lines.next().map(tidy).unwrap_or_default();
    if blank && !rest.is_empty() && first.chars().count() <= TITLE_MAX {
        let title = first.trim_start_matches('#').trim().to_string();
        if !title.is_empty() {
            return (title, rest);
        }
    }
    (String::new(), text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str, body: &str) -> Written {
        Written::Text {
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn the_editor_opens_when_asked_or_at_a_terminal_without_text() {
        assert!(wants_editor(true, true, false));
        assert!(wants_editor(true, false, false));
        // Text given, or a script at either end: never the editor.
        assert!(!wants_editor(false, true, true));
        assert!(!wants_editor(false, false, false));
    }

    #[test]
    fn the_template_alone_or_blank_is_empty() {
        assert_eq!(read_back(&file_for(""), "", true), Written::Empty);
        assert_eq!(read_back("  \n\n", "", true), Written::Empty);
    }

    #[test]
    fn the_same_text_again_is_unchanged() {
        let before = entry_text("A title", "line one\nline two");
        assert_eq!(
            read_back(&file_for(&before), &before, true),
            Written::Unchanged
        );
    }

    #[test]
    fn a_short_first_line_and_a_blank_line_make_a_title() {
        let edited = format!(
            "# After the call\n\nWe talked.\n\nMore.\n{}",
            TEMPLATE.join("\n")
        );
        assert_eq!(
            read_back(&edited, "", true),
            text("After the call", "We talked.\n\nMore.")
        );
        // Without the blank line, or with --title given, all of it is the body.
        assert_eq!(
            read_back("One line\nand the next", "", true),
            text("", "One line\nand the next")
        );
        assert_eq!(
            read_back("Short\n\nrest", "", false),
            text("", "Short\n\nrest")
        );
        // A #tag line of the person's own is not taken for the template.
        assert_eq!(read_back("#hope\n", "", true), text("", "#hope"));
    }
}
