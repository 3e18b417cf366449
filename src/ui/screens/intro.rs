//! A stage's introduction: why the stage matters and what its steps are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::engine::Engine;
use crate::ui::screens::Session;
use crate::ui::theme::theme;
use crate::ui::widgets::{
    draw_scrolled, guidance_lines, inner_width, stage_step_lines, wrap, wrapped,
};

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
        .map(|l| Line::styled(l, theme().title))
        .collect();
    lines.push(Line::default());
    lines.extend(guidance_lines(&stage.intro, width));
    lines.push(Line::default());
    lines.push(Line::styled("In this stage:", theme().muted));
    lines.extend(stage_step_lines(engine, session.progress(), stage_index));
    lines.push(Line::default());
    lines.extend(wrapped(
        "Press Enter to begin with the first step.",
        theme().muted,
        width,
    ));
    draw_scrolled(
        frame,
        area,
        &format!("Stage {} · {}", stage_index + 1, stage.title),
        lines,
        scroll,
    )
}
