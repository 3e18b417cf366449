//! A step: the guidance on one side, the questions and answers on the other.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::page::PageScreen;
use crate::content::{Step, compose};
use crate::engine::{Engine, Place, StepStatus};
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
    let Place::Step(s, i) = page.place else {
        return 0;
    };
    let Some(step) = engine.content.stages.get(s).and_then(|st| st.steps.get(i)) else {
        return 0;
    };
    if !session.offers(engine.content, page.place) {
        let set_aside = &engine.content.safety.safety_first.set_aside;
        let lines = wrapped(set_aside, theme().muted, inner_width(area));
        return draw_scrolled(frame, area, step.title_for(engine.role), lines, 0);
    }
    let (text_area, fields_area) = split(area, page.editor.is_some());
    let width = inner_width(text_area);

    let stage_id = &engine.content.stages[s].id;
    // A filled-in composed exercise comes first, as one piece of text to
    // read aloud or copy: it is what the step produced.
    let mut lines = read_back(step, engine, stage_id, session, width);
    lines.extend(guidance_lines(&step.guidance, width));
    let exercise = step.exercise_for(engine.role);
    if let Some(exercise) = exercise {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Exercise: {}", exercise.title),
            theme().title,
        ));
        lines.extend(guidance_lines(&exercise.intro, width));
    }
    // Answers of this step are named `stage/step/prompt`.
    let here = format!("{}/{}/", engine.content.stages[s].id, step.id);
    lines.extend(together_agreements(session, &here, width));
    lines.extend(help_suggestion(engine, session, &here, width));
    lines.push(Line::default());
    let progress = session.progress();
    let (note, style) = match engine.step_status(progress, s, i) {
        StepStatus::Complete if engine.marked_done(progress, s, i) => {
            ("✓ Marked done. Press d to undo.", theme().done)
        }
        StepStatus::Complete => ("✓ Every question here has an answer.", theme().done),
        _ => (
            "Not ready to write? Press d to mark this step done and move on.",
            theme().muted,
        ),
    };
    lines.extend(wrapped(note, style, width));
    let max = draw_scrolled(
        frame,
        text_area,
        step.title_for(engine.role),
        lines,
        page.scroll,
    );

    let fields = engine.fields(page.place);
    let mut note = step_note(engine.step_status(progress, s, i), step);
    // Whether the selected answer is shared, said plainly on it.
    let selected = fields.get(page.selected).map(|(id, _)| id.clone());
    if let Some(sharing) = selected
        .map(crate::journal_view::Source::Reflection)
        .and_then(|source| session.sharing(&source))
    {
        note.spans.insert(
            0,
            Span::styled(format!(" {} ·", sharing.describe()), theme().accent),
        );
        note.spans.insert(
            1,
            Span::styled(format!(" S: {} ·", sharing.offer()), theme().key),
        );
    }
    let view = FieldsView {
        fields: &fields,
        headings: headings(step, engine),
        answers: &progress.answers,
        selected: page.selected,
        editor: page.editor.as_ref(),
        clicks: &page.clicks,
        note,
    };
    draw_fields(frame, fields_area, &view);
    max
}

/// Side by side on wide screens; stacked on narrow ones, where the
/// guidance shrinks while the user is writing so the answer has room.
pub fn split(area: Rect, editing: bool) -> (Rect, Rect) {
    if area.width >= 100 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        return (a, b);
    }
    // Short terminals keep one line of guidance (scrollable) so the
    // question and its answer stay in view.
    let text = if editing || area.height < 18 {
        Constraint::Length(3)
    } else {
        Constraint::Percentage(45)
    };
    let [a, b] = Layout::vertical([text, Constraint::Min(0)]).areas(area);
    (a, b)
}

/// The step's state under its questions, with the keys that act on it.
fn step_note(status: StepStatus, step: &Step) -> Line<'static> {
    let mut spans = Vec::new();
    if step.breathing.is_some() {
        spans.push(Span::styled(" b: breathing timer ·", theme().key));
    }
    match step.tool.as_deref() {
        Some("decision-aid") => spans.push(Span::styled(" t: side by side ·", theme().key)),
        Some("counsellor-summary") => {
            spans.push(Span::styled(" t: summary for a counsellor ·", theme().key))
        }
        _ => {}
    }
    spans.push(match status {
        StepStatus::Complete => Span::styled(" ✓ step complete ", theme().done),
        _ => Span::styled(" d: mark done ", theme().muted),
    });
    Line::from(spans)
}

/// The exercise's answers composed into one text (the apology, the
/// I-statement, the agreement), under a heading, once anything is filled in.
fn read_back(
    step: &Step,
    engine: &Engine<'_>,
    stage_id: &str,
    session: &Session,
    width: usize,
) -> Vec<Line<'static>> {
    let Some(exercise) = step.exercise_for(engine.role) else {
        return Vec::new();
    };
    let Some(text) = compose(exercise, stage_id, &step.id, &session.progress().answers) else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled(
        format!("{}, read back", exercise.title),
        theme().title,
    )];
    lines.extend(guidance_lines(&text, width));
    lines.push(Line::default());
    lines
}

/// Where the exercise (and, after it, the reflection) starts in the list.
fn headings(step: &Step, engine: &Engine<'_>) -> Vec<(usize, String)> {
    let Some(exercise) = step.exercise_for(engine.role) else {
        return Vec::new();
    };
    let title = format!("Exercise: {}", exercise.title);
    if step.exercise_first {
        let fields = step.exercise_fields_for(engine.role).count();
        vec![(0, title), (fields, "Reflection".to_string())]
    } else {
        vec![(step.prompts_for(engine.role).count(), title)]
    }
}

/// On the step where agreements are written, the ones made together in
/// couple mode, so the stage shows one list of what was agreed.
fn together_agreements(session: &Session, here: &str, width: usize) -> Vec<Line<'static>> {
    if !crate::domain::AGREEMENT_ANSWERS
        .iter()
        .any(|a| a.starts_with(here))
    {
        return Vec::new();
    }
    let active: Vec<&str> = session
        .workbook()
        .agreements
        .iter()
        .filter(|a| a.is_active())
        .map(|a| a.text.as_str())
        .collect();
    if active.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::default(),
        Line::styled(
            "Agreed together in couple mode (5, then Our agreements):",
            theme().title,
        ),
    ];
    for text in active {
        lines.extend(wrapped(&format!("✓ {text}"), theme().done, width));
    }
    lines
}

/// How many signs on the stage-6 checklist bring the gentle suggestion.
const HELP_SIGNS_FOR_SUGGESTION: usize = 2;

/// On the step with the checklist of signs that outside help would help:
/// once a few are ticked, a gentle suggestion (never a diagnosis).
fn help_suggestion(
    engine: &Engine<'_>,
    session: &Session,
    here: &str,
    width: usize,
) -> Vec<Line<'static>> {
    if !crate::domain::HELP_SIGNS_ANSWER.starts_with(here) {
        return Vec::new();
    }
    let ticked = match session
        .progress()
        .answers
        .get(crate::domain::HELP_SIGNS_ANSWER)
        .map(|a| &a.value)
    {
        // "None of these right now" is not a sign.
        Some(crate::domain::AnswerValue::Choice(set)) => {
            let options = engine
                .content
                .prompt_of_answer(crate::domain::HELP_SIGNS_ANSWER)
                .map(|(_, _, p)| p.options.as_slice())
                .unwrap_or_default();
            set.iter()
                .filter(|i| options.get(**i).is_some_and(|o| !o.starts_with("None")))
                .count()
        }
        _ => 0,
    };
    if ticked < HELP_SIGNS_FOR_SUGGESTION {
        return Vec::new();
    }
    let mut lines = vec![Line::default()];
    lines.extend(wrapped(
        &engine.content.safety.professional.suggestion,
        theme().accent,
        width,
    ));
    lines
}
