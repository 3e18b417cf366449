//! Word wrapping that counts display width (CJK and emoji are two columns
//! wide), so long answers and guidance never break the layout, and so the
//! screens know how many lines a text takes before drawing it.

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::ui::theme::theme;

/// Wraps one paragraph to `width` columns. Words longer than a line are
/// split. Always returns at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let word_width = word.width();
        if line_width > 0 && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if line_width > 0 {
            line.push(' ');
            line_width += 1;
        }
        if word_width <= width - line_width {
            line.push_str(word);
            line_width += word_width;
            continue;
        }
        // A word wider than the line: break it by characters.
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if line_width + w > width && line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One paragraph, wrapped, in one style: for the short notes under the
/// guidance, which must wrap like the text above them.
pub fn wrapped(text: &str, style: ratatui::style::Style, width: usize) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// Cuts `text` to `width` columns, ending with "…" when it was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Guidance text as screen lines: paragraphs separated by blank lines, and
/// "- " bullets with a hanging indent.
pub fn guidance_lines(text: &str, width: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    for paragraph in text.trim().split("\n\n") {
        if !out.is_empty() {
            out.push(Line::default());
        }
        // Within a paragraph, bullet lines stand alone; other lines join.
        let mut pending = String::new();
        let flush = |pending: &mut String, out: &mut Vec<Line<'static>>| {
            if !pending.trim().is_empty() {
                out.extend(
                    wrap(pending, width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme().text)),
                );
            }
            pending.clear();
        };
        for raw in paragraph.lines() {
            let line = raw.trim();
            if let Some(item) = line.strip_prefix("- ") {
                flush(&mut pending, &mut out);
                for (i, part) in wrap(item, width.saturating_sub(2)).into_iter().enumerate() {
                    let lead = if i == 0 {
                        Span::styled("• ", theme().accent)
                    } else {
                        Span::raw("  ")
                    };
                    out.push(Line::from(vec![lead, Span::styled(part, theme().text)]));
                }
            } else {
                if !pending.is_empty() {
                    pending.push(' ');
                }
                pending.push_str(line);
            }
        }
        flush(&mut pending, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
    }

    #[test]
    fn splits_words_longer_than_the_line() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn counts_wide_characters_as_two_columns() {
        for line in wrap("信頼を取り戻すには時間がかかります 🙂🙂🙂", 6) {
            assert!(line.width() <= 6, "{line:?}");
        }
    }

    #[test]
    fn truncate_marks_the_cut_and_respects_wide_characters() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert!(truncate("信頼を取り戻す", 6).width() <= 6);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn bullets_get_a_marker_and_paragraphs_a_gap() {
        let lines = guidance_lines("First para\ncontinues.\n\n- one\n- two", 40);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["First para continues.", "", "• one", "• two"]);
    }
}
