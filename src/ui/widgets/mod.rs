//! Small drawing helpers shared by the screens.

mod breath;
mod clicks;
mod cursor;
mod entry_list;
mod fields;
mod footer;
mod line_input;
mod overlay;
mod scrolled;
mod text;
mod text_box;
mod trend;

use ratatui::text::{Line, Span};

use crate::domain::Progress;
use crate::engine::{Engine, StepStatus};

pub use breath::{Breath, Phase};
pub use clicks::ClickMap;
pub use cursor::ListCursor;
pub use entry_list::{EntryRow, draw_entry_rows, draw_list_frame, highlighted, thousands};
pub use fields::{FieldsView, draw_fields};
pub use footer::draw_footer;
pub use line_input::{edit_line, input_line, input_lines, key_lines};
pub use overlay::{centered, draw_help, draw_popup};
pub use scrolled::{Scroll, draw_scrolled, inner_width};
pub use text::{guidance_lines, truncate, wrap, wrapped};
pub use text_box::{paste, text_box};
pub use trend::{
    MARKERS, marker, measure_index, own_checkins, series_style, since_label, sparklines,
};

use crate::ui::theme::theme;

/// The "▸ " in front of the selected row (a marker, not only a colour).
pub fn selection_marker(selected: bool) -> Span<'static> {
    if selected {
        Span::styled("▸ ", theme().selected)
    } else {
        Span::raw("  ")
    }
}

/// How a choice in a list of options looks: the chosen one stands out,
/// more so while its field has focus.
pub fn choice_style(chosen: bool, focused: bool) -> ratatui::style::Style {
    match (chosen, focused) {
        (true, true) => theme().selected,
        (true, false) => theme().accent,
        _ => theme().text,
    }
}

/// Options one per line, the chosen one marked with "▸" (not only by
/// colour).
pub fn choice_lines<'a>(
    labels: impl IntoIterator<Item = &'a str>,
    chosen: usize,
    focused: bool,
) -> Vec<Line<'static>> {
    labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let on = i == chosen;
            Line::from(vec![
                selection_marker(on),
                Span::styled(label.to_string(), choice_style(on, focused)),
            ])
        })
        .collect()
}

/// The rows `[start, end)` of a list to show so the selected row is in view.
pub fn list_window(len: usize, selected: usize, height: usize) -> (usize, usize) {
    if len <= height {
        return (0, len);
    }
    let start = (selected + 1).saturating_sub(height).min(len - height);
    (start, (start + height).min(len))
}

/// A stage's steps with a mark for each (✓ done, ◐ started, · not yet),
/// and its check-out: shown on the stage intro and in the overview.
pub fn stage_step_lines(
    engine: &Engine<'_>,
    progress: &Progress,
    stage: usize,
) -> Vec<Line<'static>> {
    let Some(st) = engine.content.stages.get(stage) else {
        return Vec::new();
    };
    let mut lines: Vec<Line<'static>> = st
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let (mark, style) = match engine.step_status(progress, stage, i) {
                StepStatus::Complete => ("✓ ", theme().done),
                StepStatus::InProgress => ("◐ ", theme().accent),
                StepStatus::NotStarted => ("· ", theme().muted),
            };
            Line::from(vec![
                Span::styled(format!("  {mark}"), style),
                Span::styled(
                    format!("{}. {}", i + 1, step.title_for(engine.role)),
                    theme().text,
                ),
            ])
        })
        .collect();
    let (mark, style) = if engine.stage_complete(progress, stage) {
        ("  ✓ ", theme().done)
    } else {
        ("  · ", theme().muted)
    };
    lines.push(Line::from(vec![
        Span::styled(mark, style),
        Span::styled("Check-out", theme().text),
    ]));
    lines
}

/// "●●●○○" for 3 of 5.
pub fn progress_dots(done: usize, total: usize) -> String {
    "●".repeat(done.min(total)) + &"○".repeat(total.saturating_sub(done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_window_keeps_the_selection_visible() {
        assert_eq!(list_window(3, 2, 10), (0, 3));
        assert_eq!(list_window(10, 0, 4), (0, 4));
        assert_eq!(list_window(10, 5, 4), (2, 6));
        assert_eq!(list_window(10, 9, 4), (6, 10));
        assert_eq!(list_window(10, 3, 0), (4, 4));
    }

    #[test]
    fn progress_dots_count() {
        assert_eq!(progress_dots(2, 4), "●●○○");
        assert_eq!(progress_dots(9, 2), "●●");
    }
}
