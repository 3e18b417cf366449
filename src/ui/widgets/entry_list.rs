//! Rows of journal entries, shared by the journal list and the trash:
//! date, stage, mood and the first line, with search matches marked.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{ListCursor, selection_marker, truncate};
use crate::content::Content;
use crate::domain::search::Query;
use crate::journal_view::Item;
use crate::ui::theme::theme;

/// One row as the list shows it.
pub struct EntryRow<'a> {
    pub item: Item<'a>,
    /// The date shown (written, or deleted for the trash).
    pub when: DateTime<FixedOffset>,
}

/// The frame of an entry list: a bordered block titled `title` with
/// `count` on the right, `top` rows for a note or search bar, a blank row,
/// and the list. Returns the top and list areas.
pub fn draw_list_frame(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    count: String,
    top: u16,
) -> (Rect, Rect) {
    let block = Block::bordered()
        .border_style(theme().border)
        .title(format!(" {title} "))
        .title_top(Line::styled(count, theme().muted).right_aligned())
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, _, list] = Layout::vertical([
        Constraint::Length(top),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    (top, list)
}

/// Draws the rows in view; `row(i)` builds row `i` of `len`, so only the
/// visible rows are ever looked at, however long the journal.
pub fn draw_entry_rows<'a>(
    frame: &mut Frame,
    area: Rect,
    content: &Content,
    len: usize,
    row: impl Fn(usize) -> Option<EntryRow<'a>>,
    cursor: &ListCursor,
    query: Option<&Query>,
) {
    let (start, end) = cursor.window(len, area.height as usize);
    let width = area.width as usize;
    cursor.clicks.clear();
    let mut lines: Vec<Line> = Vec::new();
    for i in start..end {
        let Some(row) = row(i) else { continue };
        // The stage's title, not its id: "Patience & self-care".
        let stage = row.item.stage.and_then(|id| content.stage(id));
        let stage = stage.map(|s| s.title.as_str());
        let y = area.y + lines.len() as u16;
        cursor.clicks.add(Rect::new(area.x, y, area.width, 1), i);
        lines.push(entry_line(&row, stage, i == cursor.selected, width, query));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn entry_line(
    row: &EntryRow<'_>,
    stage: Option<&str>,
    selected: bool,
    width: usize,
    query: Option<&Query>,
) -> Line<'static> {
    let mut spans = vec![selection_marker(selected)];
    let time = if width >= 100 { " %H:%M" } else { "" };
    let date = row.when.format(&format!("%Y-%m-%d{time}")).to_string();
    spans.push(Span::styled(format!("{date}  "), theme().muted));
    if width >= 60 {
        // Stage titles are long ("Patience & self-care"): whole when wide.
        let room = if width >= 100 { 22 } else { 14 };
        let stage = truncate(stage.unwrap_or("—"), room);
        let pad = room.saturating_sub(stage.width());
        spans.push(Span::styled(
            format!("{stage}{}  ", " ".repeat(pad)),
            theme().accent,
        ));
    }
    if width >= 72 {
        let (kind, style) = match (row.item.is_reflection(), row.item.mood) {
            (true, _) => (
                "reflection".to_string(),
                theme().muted.add_modifier(Modifier::ITALIC),
            ),
            (false, Some(mood)) => (mood.to_string(), theme().text),
            (false, None) => ("—".to_string(), theme().muted),
        };
        spans.push(Span::styled(format!("{kind:<10}  "), style));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = width.saturating_sub(used);
    let text = headline(&row.item, query);
    let base = if selected {
        theme().selected
    } else {
        theme().text
    };
    spans.extend(highlighted(&truncate(&text, room), query, base));
    Line::from(spans)
}

/// The headline, or, when the search matches only the body, the part of
/// the body around the first match, so the user sees why it is listed.
fn headline(item: &Item<'_>, query: Option<&Query>) -> String {
    let head = item.headline();
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return head.to_string();
    };
    if query.matches(head) {
        return head.to_string();
    }
    let Some(first) = query.ranges(item.body).into_iter().next() else {
        return head.to_string();
    };
    // A few words of lead-in before the match, starting on a word.
    let before = &item.body[..first.start];
    let lead = before.char_indices().rev().nth(24).map_or(0, |(i, _)| {
        before[i..]
            .find(char::is_whitespace)
            .map_or(i, |space| i + space + 1)
    });
    let snippet: String = item.body[lead..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if lead > 0 {
        format!("…{snippet}")
    } else {
        snippet
    }
}

/// `text` as spans, with every match of `query` shown in reverse video
/// (visible without colour). On a row already in reverse video (the
/// selection in some themes) matches are underlined instead.
pub fn highlighted(text: &str, query: Option<&Query>, base: Style) -> Vec<Span<'static>> {
    let ranges = query.map(|q| q.ranges(text)).unwrap_or_default();
    let mark = if base.add_modifier.contains(Modifier::REVERSED) {
        Modifier::UNDERLINED | Modifier::BOLD
    } else {
        Modifier::REVERSED | Modifier::BOLD
    };
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            spans.push(Span::styled(text[at..range.start].to_string(), base));
        }
        spans.push(Span::styled(
            text[range.clone()].to_string(),
            base.add_modifier(mark),
        ));
        at = range.end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_string(), base));
    }
    spans
}

/// 4031 → "4,031": long counts read at a glance.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4031), "4,031");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn matches_are_marked_without_relying_on_colour() {
        let spans = highlighted(
            "I felt Angry, angry",
            Some(&Query::new("ANGRY")),
            Style::new(),
        );
        let marked: Vec<&str> = spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::REVERSED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["Angry", "angry"]);
        assert_eq!(
            UnicodeWidthStr::width(
                spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .as_str()
            ),
            19
        );
    }
}
