//! Plain-text helpers for command output: one-line text that cannot carry
//! terminal codes, truncation by display width, and search snippets.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// How dates and times are shown on the command line.
pub const DATE_TIME: &str = "%Y-%m-%d %H:%M";

/// A saved time as the command line shows it: in the reader's time zone
/// (see [`crate::domain::Clock::local`]), as [`DATE_TIME`]. The clock is
/// read from the environment once per command, not once per line.
pub fn shown_time(
    at: chrono::DateTime<chrono::FixedOffset>,
    clock: crate::domain::Clock,
) -> String {
    clock.local(at).format(DATE_TIME).to_string()
}

/// User text for one line of output: line breaks, tabs and other control
/// characters (escape codes included) become spaces.
/// Several lines of a person's text for a terminal: each line as
/// [`one_line`] makes it (no control characters), the line breaks kept.
pub fn lines_for_terminal(text: &str) -> String {
    text.lines().map(one_line).collect::<Vec<_>>().join("\n")
}

pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `text` cut to at most `width` terminal columns, ending in `…` when cut.
/// Cuts fall between characters, never inside one.
pub fn truncate(text: &str, width: usize) -> String {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Make room for the ellipsis.
            let mut keep = i;
            let mut room = used;
            while room + 1 > width && keep > 0 {
                let Some(last) = text[..keep].chars().next_back() else {
                    break;
                };
                keep -= last.len_utf8();
                room -= last.width().unwrap_or(0);
            }
            return format!("{}…", text[..keep].trim_end());
        }
        used += w;
    }
    text.to_string()
}

/// How a match is marked: brackets that read without colour, and styles
/// added inside them only on a terminal.
pub struct Marks {
    pub open: &'static str,
    pub close: &'static str,
}

impl Marks {
    pub fn new(styled: bool) -> Self {
        if styled {
            Self {
                open: "«\x1b[1m",
                close: "\x1b[0m»",
            }
        } else {
            Self {
                open: "«",
                close: "»",
            }
        }
    }
}

/// Characters shown before the first match in a snippet.
const BEFORE: usize = 24;
/// Characters a snippet shows in all (more if the match is longer).
const SNIPPET: usize = 72;

/// A short piece of `text` around its first match, on one line, with every
/// match inside it marked. `ranges` are byte ranges into `text` (as
/// [`crate::domain::search::Query::ranges`] gives them), in order.
pub fn snippet(text: &str, ranges: &[Range<usize>], marks: &Marks) -> String {
    let Some(first) = ranges.first() else {
        return truncate(&one_line(text), SNIPPET);
    };
    let mut start = text[..first.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    // Begin at a word, not inside one, when there is a space to start after.
    if start > 0
        && let Some((i, space)) = text[start..first.start]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
    {
        start += i + space.len_utf8();
    }
    let mut end = text[start..]
        .char_indices()
        .nth(SNIPPET)
        .map_or(text.len(), |(i, _)| start + i)
        .max(first.end);
    // A match the cut would split is shown whole.
    if let Some(r) = ranges.iter().find(|r| r.start < end && r.end > end) {
        end = r.end;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for r in ranges.iter().filter(|r| r.start >= start && r.end <= end) {
        out.push_str(&one_line(&text[at..r.start]));
        out.push_str(marks.open);
        out.push_str(&one_line(&text[r.clone()]));
        out.push_str(marks.close);
        at = r.end;
    }
    out.push_str(&one_line(&text[at..end]));
    if end < text.len() {
        out.push('…');
    }
    out
}

/// "1 day", "3 days".
pub fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::Query;

    #[test]
    fn truncation_counts_columns_and_never_splits_a_character() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly10!", 10), "exactly10!");
        assert_eq!(truncate("a bit too long", 10), "a bit too…");
        assert_eq!(truncate("信頼信頼信頼", 7), "信頼信…");
        assert_eq!(truncate("🙂🙂🙂🙂", 5), "🙂🙂…");
    }

    #[test]
    fn one_line_removes_breaks_and_escape_codes() {
        assert_eq!(one_line("a\nb\t\u{1b}[31mc"), "a b  [31mc");
    }

    #[test]
    fn snippets_mark_matches_around_the_first() {
        let plain = Marks::new(false);
        let text = "Viel Ärger heute.\nUnd morgen wieder ärger?";
        let q = Query::new("ärger");
        assert_eq!(
            snippet(text, &q.ranges(text), &plain),
            "Viel «Ärger» heute. Und morgen wieder «ärger»?"
        );
        let long = format!("{}needle{}", "x ".repeat(40), " y".repeat(60));
        let q = Query::new("NEEDLE");
        let s = snippet(&long, &q.ranges(&long), &plain);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("«needle»"), "{s}");
        assert!(s.chars().count() < 90, "{s}");
    }
}
