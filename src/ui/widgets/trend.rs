//! Check-in trends, shared by the overview, the check-in form and the
//! dashboard: which check-ins to show, the marker of each measure, a
//! one-line sparkline, and "3 days since your last check-in".

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::content::Content;
use crate::domain::{CheckIn, Measure, SCALE_MAX, Workbook};
use crate::ui::theme::theme;
use uuid::Uuid;

/// Each measure's marker, in `Measure::ALL` order: the chart and the
/// legends read without colour.
pub const MARKERS: [char; 4] = ['●', '◆', '▲', '■'];

/// The index of a measure in `Measure::ALL` (and so in [`MARKERS`] and
/// the theme's `series`).
pub fn measure_index(measure: Measure) -> usize {
    match measure {
        Measure::Trust => 0,
        Measure::Safety => 1,
        Measure::Communication => 2,
        Measure::Commitment => 3,
    }
}

pub fn marker(measure: Measure) -> char {
    MARKERS[measure_index(measure)]
}

pub fn series_style(measure: Measure) -> Style {
    theme().series[measure_index(measure)]
}

/// The check-ins a trend shows: `author`'s, oldest first, without those
/// still sealed in a private round. With several participants, their
/// scores are not mixed into one line.
pub fn own_checkins(workbook: &Workbook, author: Uuid) -> Vec<&CheckIn> {
    let mut checkins: Vec<&CheckIn> = workbook
        .checkins
        .iter()
        .filter(|c| c.author == author && c.is_shown())
        .collect();
    checkins.sort_by_key(|c| c.created_at);
    checkins
}

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Scores as a one-line sparkline, one character each. A 0 is the lowest
/// bar rather than a blank, so every check-in shows.
pub fn spark(values: impl IntoIterator<Item = u8>) -> String {
    values
        .into_iter()
        .map(|v| {
            let level = usize::from(v.min(SCALE_MAX)) * 7 / usize::from(SCALE_MAX);
            LEVELS[level.min(LEVELS.len() - 1)]
        })
        .collect()
}

/// "Trust ▂▄▅ 7": a measure's label, its recent scores and the latest.
fn spark_spans(content: &Content, measure: Measure, checkins: &[&CheckIn]) -> Vec<Span<'static>> {
    let label = &content.checkin.measure(measure).label;
    let mut spans = vec![
        Span::styled(format!("{label} "), theme().text),
        Span::styled(
            spark(checkins.iter().map(|c| c.scores.get(measure))),
            series_style(measure),
        ),
    ];
    if let Some(latest) = checkins.last() {
        spans.push(Span::styled(
            format!(" {}", latest.scores.get(measure)),
            theme().muted,
        ));
    }
    spans
}

/// The width of the four sparklines over `points` check-ins.
fn sparklines_width(content: &Content, points: usize) -> usize {
    let each: usize = Measure::ALL
        .iter()
        // The label, a space, the points, a space and up to two digits.
        .map(|m| content.checkin.measure(*m).label.width() + 1 + points + 3)
        .sum();
    // Two spaces between measures.
    each + 2 * (Measure::ALL.len() - 1)
}

/// The four sparklines on one line, over as many of the latest check-ins
/// as fit in `width` (at most `max_points`); `None` when fewer than two
/// check-ins would show.
pub fn sparklines(
    content: &Content,
    checkins: &[&CheckIn],
    width: usize,
    max_points: usize,
) -> Option<Line<'static>> {
    let fit = (2..=max_points.min(checkins.len()))
        .rev()
        .find(|n| sparklines_width(content, *n) <= width)?;
    let recent = &checkins[checkins.len() - fit..];
    let mut spans = Vec::new();
    for (i, measure) in Measure::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.extend(spark_spans(content, measure, recent));
    }
    Some(Line::from(spans))
}

/// "No check-ins yet", "Last check-in today", "3 days since your last
/// check-in".
pub fn since_label(days: Option<i64>) -> String {
    match days {
        None => "No check-ins yet".to_string(),
        Some(0) => "Last check-in today".to_string(),
        Some(1) => "1 day since your last check-in".to_string(),
        Some(n) => format!("{n} days since your last check-in"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_runs_from_the_lowest_bar_to_a_full_block() {
        assert_eq!(spark([0, 5, 10]), "▁▄█");
        assert_eq!(spark([]), "");
        // Out-of-range scores from a hand-edited file stay in range.
        assert_eq!(spark([200]), "█");
    }

    #[test]
    fn since_label_counts_days() {
        assert_eq!(since_label(None), "No check-ins yet");
        assert_eq!(since_label(Some(0)), "Last check-in today");
        assert_eq!(since_label(Some(1)), "1 day since your last check-in");
        assert_eq!(since_label(Some(9)), "9 days since your last check-in");
    }
}
