//! A stage's check-out: are you ready to move on, and what is still open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::page::PageScreen;
use super::step::split;
use crate::engine::{Engine, Place};
use crate::ui::screens::Session;
use crate::ui::theme::theme;
use crate::ui::widgets::{
    FieldsView, draw_fields, draw_scrolled, guidance_lines, inner_width, wrapped,
};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    engine: &Engine<'_>,
    session: &Session,
    page: &PageScreen,
) -> u16 {
    let Place::Checkout(s) = page.place else {
        return 0;
    };
    let Some(stage) = engine.content.stages.get(s) else {
        return 0;
    };
    let (text_area, fields_area) = split(area, page.editor.is_some());
    let progress = session.progress();

    let width = inner_width(text_area);
    let mut lines = guidance_lines(&stage.checkout.guidance, width);
    lines.push(Line::default());
    let completed = progress.stages_completed.get(&stage.id);
    let (note, style) = match completed {
        Some(when) => (
            format!(
                "✓ Completed on {}. Press c to reopen it.",
                session.clock().local(*when).format("%-d %B %Y")
            ),
            theme().done,
        ),
        None if engine.checkout_answered(progress, s) => (
            "When you feel ready, press c to mark this stage complete.".to_string(),
            theme().text,
        ),
        None => (
            "Answer the check-out questions first; then you can mark the stage complete."
                .to_string(),
            theme().muted,
        ),
    };
    lines.extend(wrapped(&note, style, width));
    let max = draw_scrolled(
        frame,
        text_area,
        &format!("Check-out · {}", stage.title),
        lines,
        page.scroll,
    );

    let fields = engine.fields(page.place);
    let view = FieldsView {
        fields: &fields,
        headings: Vec::new(),
        answers: &progress.answers,
        selected: page.selected,
        editor: page.editor.as_ref(),
        clicks: &page.clicks,
        note: match completed {
            Some(_) => Line::styled(" ✓ stage complete ", theme().done),
            None if engine.checkout_answered(progress, s) => {
                Line::styled(" c: mark the stage complete ", theme().key)
            }
            None => Line::styled(" answer these to complete the stage ", theme().muted),
        },
    };
    draw_fields(frame, fields_area, &view);
    max
}
