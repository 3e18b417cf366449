//! The questions of a step or check-out: a compact list with a mark for each
//! answered one, and below it the selected question with its answer (or
//! its editor while answering).

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::{list_window, selection_marker, truncate, wrap};
use crate::content::{Prompt, PromptKind};
use crate::domain::{Answer, AnswerValue};
use crate::ui::screens::FieldEditor;
use crate::ui::theme::theme;

/// What the question area needs to draw itself.
pub struct FieldsView<'a> {
    pub fields: &'a [(String, &'a Prompt)],
    /// Headings inside the list, each before the field at its index
    /// ("Exercise: Apology builder", "Reflection").
    pub headings: Vec<(usize, String)>,
    pub answers: &'a BTreeMap<String, Answer>,
    pub selected: usize,
    pub editor: Option<&'a FieldEditor>,
    /// The page's state in a word or two, kept in view under the list
    /// ("✓ step complete", "c: mark the stage complete").
    pub note: Line<'static>,
    /// Where each question's row is drawn, for the mouse.
    pub clicks: &'a super::ClickMap,
}

pub fn draw_fields(frame: &mut Frame, area: Rect, view: &FieldsView<'_>) {
    let (rows, owners) = question_rows(view, area.width.saturating_sub(6) as usize);
    // The answer box gets the room; the list stays compact but shows at
    // least the selected question.
    let list_height = (rows.len() as u16 + 2).min((area.height / 2).max(3));
    let [list_area, answer_area] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(area);

    let block = Block::bordered()
        .border_style(theme().border)
        .title(format!(
            " Questions {}/{} ",
            view.selected + 1,
            view.fields.len()
        ))
        .title_bottom(view.note.clone().right_aligned());
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let headings_above = view
        .headings
        .iter()
        .filter(|(at, _)| *at <= view.selected)
        .count();
    let selected_row = view.selected + headings_above;
    let (start, end) = list_window(rows.len(), selected_row, inner.height as usize);
    view.clicks.clear();
    for (y, owner) in (inner.y..inner.bottom()).zip(&owners[start..end]) {
        if let Some(field) = owner {
            view.clicks
                .add(Rect::new(inner.x, y, inner.width, 1), *field);
        }
    }
    frame.render_widget(Paragraph::new(rows[start..end].to_vec()), inner);

    let Some((id, prompt)) = view.fields.get(view.selected) else {
        return;
    };
    draw_answer(
        frame,
        answer_area,
        prompt,
        view.answers.get(id).map(|a| &a.value),
        view.editor,
    );
}

/// The list's rows, and for each row the question it shows (none for a
/// heading).
fn question_rows(view: &FieldsView<'_>, width: usize) -> (Vec<Line<'static>>, Vec<Option<usize>>) {
    let mut rows = Vec::new();
    let mut owners = Vec::new();
    for (i, (id, prompt)) in view.fields.iter().enumerate() {
        for (_, heading) in view.headings.iter().filter(|(at, _)| *at == i) {
            rows.push(Line::styled(format!("  {heading}"), theme().title));
            owners.push(None);
        }
        owners.push(Some(i));
        let selected = i == view.selected;
        let answered = view.answers.get(id).is_some_and(|a| a.value.is_answered());
        let mark = if answered {
            Span::styled("✓ ", theme().done)
        } else {
            Span::styled("· ", theme().muted)
        };
        let style = if selected {
            theme().selected
        } else {
            theme().text
        };
        rows.push(Line::from(vec![
            selection_marker(selected),
            mark,
            Span::styled(truncate(&prompt.text, width), style),
        ]));
    }
    (rows, owners)
}

fn draw_answer(
    frame: &mut Frame,
    area: Rect,
    prompt: &Prompt,
    saved: Option<&AnswerValue>,
    editor: Option<&FieldEditor>,
) {
    let title = if editor.is_some() {
        " Your answer · Esc when done "
    } else {
        " Your answer "
    };
    let border = if editor.is_some() {
        theme().border_focus
    } else {
        theme().border
    };
    let block = Block::bordered()
        .border_style(border)
        .title(title)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let question: Vec<Line> = wrap(&prompt.text, inner.width as usize)
        .into_iter()
        .map(|l| Line::styled(l, theme().title))
        .collect();
    let question_height = (question.len() as u16 + 1).min(inner.height.saturating_sub(1));
    let [question_area, body] =
        Layout::vertical([Constraint::Length(question_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(question), question_area);

    match (prompt.kind, editor) {
        (_, Some(FieldEditor::Text(area))) => frame.render_widget(&**area, body),
        (PromptKind::Text | PromptKind::List, _) => {
            let lines = match saved {
                Some(AnswerValue::Text(text)) => text
                    .lines()
                    .flat_map(|l| wrap(l, body.width as usize))
                    .map(|l| Line::styled(l, theme().text))
                    .collect(),
                _ => not_answered(prompt, body.width as usize),
            };
            frame.render_widget(Paragraph::new(lines), body);
        }
        (PromptKind::Choice, _) => {
            let (cursor, ticked) = match (editor, saved) {
                (Some(FieldEditor::Choice { cursor, ticked }), _) => {
                    (Some(*cursor), ticked.clone())
                }
                (_, Some(AnswerValue::Choice(set))) => (None, set.clone()),
                _ => (None, Default::default()),
            };
            let rows: Vec<Line> = prompt
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let here = cursor == Some(i);
                    let tick = if ticked.contains(&i) { "[x] " } else { "[ ] " };
                    let style = if here { theme().selected } else { theme().text };
                    Line::from(vec![
                        selection_marker(here),
                        Span::styled(format!("{tick}{option}"), style),
                    ])
                })
                .collect();
            let (start, end) = list_window(rows.len(), cursor.unwrap_or(0), body.height as usize);
            let mut shown = rows[start..end].to_vec();
            if editor.is_none() && ticked.is_empty() && body.height as usize > rows.len() {
                shown.push(Line::styled(
                    "Press Enter to tick what applies.",
                    theme().muted,
                ));
            }
            frame.render_widget(Paragraph::new(shown), body);
        }
        (PromptKind::Scale, _) => {
            let value = match (editor, saved) {
                (Some(FieldEditor::Scale(v)), _) => *v,
                (_, Some(AnswerValue::Scale(v))) => Some(*v),
                _ => None,
            };
            frame.render_widget(
                Paragraph::new(scale_lines(prompt, value, editor.is_some(), body.width)),
                body,
            );
        }
    }
}

fn not_answered(prompt: &Prompt, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        "Not answered yet. Press Enter to write.",
        theme().muted,
    )];
    if let Some(hint) = &prompt.hint {
        lines.extend(
            wrap(hint, width)
                .into_iter()
                .map(|l| Line::styled(l, theme().muted.add_modifier(Modifier::ITALIC))),
        );
    }
    lines
}

/// A 0–10 scale: the points, the chosen one marked, and what the ends mean.
fn scale_lines(
    prompt: &Prompt,
    value: Option<u8>,
    editing: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let mut points = vec![Span::styled("0 ", theme().muted)];
    for n in 0..=10u8 {
        let (glyph, style) = if Some(n) == value {
            ("●", theme().selected)
        } else {
            ("─", theme().muted)
        };
        points.push(Span::styled(format!("{glyph} "), style));
    }
    points.push(Span::styled("10", theme().muted));
    if let Some(v) = value {
        points.push(Span::styled(format!("   {v}/10"), theme().accent));
    }
    let mut lines = vec![Line::from(points)];
    let ends = match (&prompt.min_label, &prompt.max_label) {
        (Some(min), Some(max)) => format!("0 = {min} · 10 = {max}"),
        (Some(min), None) => format!("0 = {min}"),
        (None, Some(max)) => format!("10 = {max}"),
        (None, None) => String::new(),
    };
    lines.extend(
        wrap(&ends, width as usize)
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(|l| Line::styled(l, theme().muted)),
    );
    let help = match (editing, value) {
        (true, None) => "Not chosen yet: ←/→ or a digit (0–9) to choose.",
        (true, Some(_)) => "←/→ or a digit to change, Backspace to clear, Enter when done.",
        (false, None) => "Not answered yet. Press Enter to choose.",
        (false, Some(_)) => "",
    };
    if !help.is_empty() {
        lines.push(Line::styled(help, theme().muted));
    }
    lines
}
