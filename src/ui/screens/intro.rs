//! A stage's introduction: why the stage matters and what its steps are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Session;
use crate::content::Stage;
use crate::engine::{Engine, StepStatus};
use crate::ui::theme::THEME;
use crate::ui::widgets::{draw_scrolled, guidance_lines, inner_width, wrap};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    engine: &Engine<'_>,
    session: &Session,
    stage_index: usize,
    scroll: u16,
) -> u16 {
    let Some(stage) = engine.content.stages.get(stage_index) else {
        return 0;
    };
    let width = inner_width(area);
    let mut lines: Vec<Line<'static>> = wrap(&stage.summary, width)
        .into_iter()
        .map(|l| Line::styled(l, THEME.title))
        .collect();
    lines.push(Line::default());
    lines.extend(guidance_lines(&stage.intro, width));
    lines.push(Line::default());
    lines.extend(step_list(engine, session, stage_index, stage));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("Press ", THEME.muted),
        Span::styled("Enter", THEME.key),
        Span::styled(" to begin with the first step.", THEME.muted),
    ]));
    draw_scrolled(
        frame,
        area,
        &format!("Stage {} · {}", stage_index + 1, stage.title),
        lines,
        scroll,
    )
}

fn step_list(
    engine: &Engine<'_>,
    session: &Session,
    stage_index: usize,
    stage: &Stage,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("In this stage:", THEME.muted)];
    for (i, step) in stage.steps.iter().enumerate() {
        let (mark, style) = match engine.step_status(&session.workbook.progress, stage_index, i) {
            StepStatus::Complete => ("✓ ", THEME.done),
            StepStatus::InProgress => ("◐ ", THEME.accent),
            StepStatus::NotStarted => ("· ", THEME.muted),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {mark}"), style),
            Span::styled(format!("{}. {}", i + 1, step.title), THEME.text),
        ]));
    }
    let checkout = if engine.stage_complete(&session.workbook.progress, stage_index) {
        "  ✓ "
    } else {
        "  · "
    };
    lines.push(Line::from(vec![
        Span::styled(checkout, THEME.muted),
        Span::styled("Check-out", THEME.text),
    ]));
    lines
}
