//! A page of the workbook: a stage intro, a step, or a check-out. This file
//! holds the page's state and how it handles actions; drawing lives in
//! `intro.rs`, `step.rs` and `checkout.rs`.

use std::collections::BTreeSet;

use ratatui_textarea::TextArea;

use super::OverviewScreen;
use crate::action::Action;
use crate::content::{Content, Prompt, PromptKind};
use crate::domain::AnswerValue;
use crate::engine::{Engine, Place, StepStatus};
use crate::keymap::Context;
use crate::open::Refused;
use crate::ui::screens::{Command, Effect, Screen, Session, error_popup};
use crate::ui::widgets::{paste, text_box};

/// The answer being edited right now.
#[derive(Debug)]
pub enum FieldEditor {
    Text(Box<TextArea<'static>>),
    Choice {
        cursor: usize,
        ticked: BTreeSet<usize>,
    },
    /// `None` until the user picks a point: nothing is saved for them.
    Scale(Option<u8>),
}

#[derive(Debug)]
pub struct PageScreen {
    pub place: Place,
    /// The selected question, by index into the page's fields.
    pub selected: usize,
    /// How far the guidance text is scrolled, in lines.
    pub scroll: u16,
    pub editor: Option<FieldEditor>,
    /// The largest useful scroll at the last draw (depends on the width).
    pub scroll_max: std::cell::Cell<u16>,
    /// Where each question's row was drawn, for the mouse.
    pub clicks: crate::ui::widgets::ClickMap,
}

impl PageScreen {
    pub fn new(place: Place) -> Self {
        Self {
            place,
            selected: 0,
            scroll: 0,
            editor: None,
            scroll_max: std::cell::Cell::new(u16::MAX),
            clicks: crate::ui::widgets::ClickMap::default(),
        }
    }

    /// Selects the first question without an answer, so a reopened page
    /// starts where the work is.
    pub fn select_first_open(&mut self, content: &Content, session: Option<&Session>) {
        // A page coming back with an answer half-typed (after Support)
        // keeps the field that answer is for.
        if self.editor.is_some() {
            return;
        }
        let Some(session) = session else { return };
        let fields = session.engine(content).fields(self.place);
        let answers = &session.progress().answers;
        self.selected = fields
            .iter()
            .position(|(id, _)| !answers.get(id).is_some_and(|a| a.value.is_answered()))
            .unwrap_or(0);
    }

    pub fn context(&self) -> Context {
        match self.editor {
            None if matches!(self.place, Place::Intro(_)) => Context::Intro,
            None => Context::Page,
            Some(FieldEditor::Text(_)) => Context::EditText,
            Some(FieldEditor::Choice { .. }) => Context::EditChoice,
            Some(FieldEditor::Scale(_)) => Context::EditScale,
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        let Some(session) = session else {
            return Vec::new();
        };
        if self.editor.is_some() {
            return self.update_editor(action, content, session);
        }
        let engine = session.engine(content);
        let field_count = engine.fields(self.place).len();
        match action {
            Action::Up if field_count > 0 => {
                self.selected = self.selected.saturating_sub(1);
                Vec::new()
            }
            Action::Down if field_count > 0 => {
                self.selected = (self.selected + 1).min(field_count - 1);
                Vec::new()
            }
            // Pages without questions scroll with the arrows instead.
            Action::Up | Action::ScrollUp => {
                self.scroll = self
                    .scroll
                    .saturating_sub(if action == Action::Up { 1 } else { 5 });
                Vec::new()
            }
            Action::Down | Action::ScrollDown => {
                let step = if action == Action::Down { 1 } else { 5 };
                self.scroll = self.scroll.saturating_add(step).min(self.scroll_max.get());
                Vec::new()
            }
            Action::OpenTool => self.open_tool(content),
            Action::Edit if !session.offers(content, self.place) => {
                vec![Command::Status(
                    content.safety.safety_first.set_aside.clone(),
                )]
            }
            Action::Edit => {
                self.start_edit(&engine, session);
                Vec::new()
            }
            Action::ToggleShare => match engine.fields(self.place).get(self.selected) {
                Some((id, _)) => {
                    let source = crate::journal_view::Source::Reflection(id.clone());
                    crate::ui::screens::command::toggle_share(session, &source)
                }
                None => Vec::new(),
            },
            Action::NextPage => match engine.next(self.place) {
                Some(next) => self.turn_page(Some(next)),
                None => vec![
                    Command::Goto(Screen::Overview(OverviewScreen::at(self.place.stage()))),
                    Command::Status(
                        "That was the last page. Every stage stays open to revisit.".into(),
                    ),
                ],
            },
            Action::PreviousPage => self.turn_page(engine.previous(self.place)),
            Action::Overview => vec![Command::Goto(Screen::Overview(OverviewScreen::at(
                self.place.stage(),
            )))],
            Action::ToggleStepDone => self.toggle_step_done(content, &engine, session),
            Action::CompleteStage => self.complete_stage(content, &engine, session),
            Action::StartBreathing => match self.place {
                Place::Step(s, i) => match content
                    .stages
                    .get(s)
                    .and_then(|st| st.steps.get(i))
                    .and_then(|st| st.breathing)
                {
                    Some(pattern) => vec![Command::Goto(Screen::Breathing(
                        super::BreathingScreen::new(pattern, self.place),
                    ))],
                    None => vec![Command::Status(
                        "This step has no breathing timer; stage 5 has one.".into(),
                    )],
                },
                _ => vec![Command::Status(
                    "This page has no breathing timer; stage 5 has one.".into(),
                )],
            },
            _ => Vec::new(),
        }
    }

    fn turn_page(&self, to: Option<Place>) -> Vec<Command> {
        // The app records the new position (and saves) on every page change.
        to.map(|place| Command::Goto(Screen::Page(Box::new(PageScreen::new(place)))))
            .into_iter()
            .collect()
    }

    fn start_edit(&mut self, engine: &Engine<'_>, session: &Session) {
        let fields = engine.fields(self.place);
        let Some((id, prompt)) = fields.get(self.selected) else {
            return;
        };
        let saved = session.progress().answers.get(id).map(|a| &a.value);
        self.editor = Some(editor_for(prompt, saved));
    }

    fn update_editor(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let Some(editor) = &mut self.editor else {
            return Vec::new();
        };
        match (editor, action) {
            (_, Action::FinishEdit) => self.finish_edit(content, Some(session)),
            (FieldEditor::Text(area), Action::Type(key)) => {
                area.input(key);
                Vec::new()
            }
            (FieldEditor::Text(area), Action::Paste(text)) => {
                paste(area, &text);
                Vec::new()
            }
            (FieldEditor::Choice { cursor, .. }, Action::Up) => {
                *cursor = cursor.saturating_sub(1);
                Vec::new()
            }
            (FieldEditor::Choice { cursor, .. }, Action::Down) => {
                let options = session
                    .engine(content)
                    .fields(self.place)
                    .get(self.selected)
                    .map_or(0, |(_, p)| p.options.len());
                *cursor = (*cursor + 1).min(options.saturating_sub(1));
                Vec::new()
            }
            (FieldEditor::Choice { cursor, ticked }, Action::Toggle) => {
                if !ticked.remove(cursor) {
                    ticked.insert(*cursor);
                }
                Vec::new()
            }
            // The first arrow press lands on 0, so no point is suggested.
            (FieldEditor::Scale(value), Action::Left) => {
                *value = Some(value.map_or(0, |v| v.saturating_sub(1)));
                Vec::new()
            }
            (FieldEditor::Scale(value), Action::Right) => {
                *value = Some(value.map_or(0, |v| (v + 1).min(10)));
                Vec::new()
            }
            (FieldEditor::Scale(value), Action::SetScale(n)) => {
                *value = Some(n.min(10));
                Vec::new()
            }
            (FieldEditor::Scale(value), Action::ClearAnswer) => {
                *value = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Stores the open editor's answer and closes it. Also used by Ctrl+Q,
    /// so text being typed is never lost.
    pub fn finish_edit(
        &mut self,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        let (Some(editor), Some(session)) = (self.editor.take(), session) else {
            return Vec::new();
        };
        let engine = session.engine(content);
        let fields = engine.fields(self.place);
        let Some((id, _)) = fields.get(self.selected) else {
            return Vec::new();
        };
        let id = id.clone();
        let result = match editor {
            FieldEditor::Text(area) => {
                session.answer(content, &id, AnswerValue::Text(area.lines().join("\n")))
            }
            FieldEditor::Choice { ticked, .. } => {
                session.answer(content, &id, AnswerValue::Choice(ticked))
            }
            FieldEditor::Scale(Some(value)) => {
                session.answer(content, &id, AnswerValue::Scale(value))
            }
            FieldEditor::Scale(None) => session.clear_answer(content, &id),
        };
        match result {
            Ok(true) => vec![
                Command::Effect(Effect::Save),
                Command::Status("Saved".into()),
            ],
            Ok(false) => Vec::new(),
            Err(refused @ Refused::Closed { .. }) => vec![crate::ui::screens::refused(&refused)],
            Err(e) => vec![error_popup("That answer could not be kept", e.to_string())],
        }
    }

    fn toggle_step_done(
        &mut self,
        content: &Content,
        engine: &Engine<'_>,
        session: &mut Session,
    ) -> Vec<Command> {
        let Place::Step(stage, step) = self.place else {
            return vec![Command::Status("Only steps can be marked done.".into())];
        };
        let progress = session.progress();
        let marked = engine.marked_done(progress, stage, step);
        let answered_complete =
            !marked && engine.step_status(progress, stage, step) == StepStatus::Complete;
        if answered_complete {
            return vec![Command::Status(
                "This step is already complete: every question has an answer.".into(),
            )];
        }
        match session.set_step_done(content, stage, step, !marked) {
            Ok(_) if marked => vec![
                Command::Effect(Effect::Save),
                Command::Status("Step marked as not done".into()),
            ],
            // Marked done: on to the next page, as the guidance promises.
            Ok(_) => {
                let mut commands = self.turn_page(engine.next(self.place));
                commands.push(Command::Effect(Effect::Save));
                commands.push(Command::Status(
                    "Step marked done. You can come back to it any time.".into(),
                ));
                commands
            }
            Err(e) => vec![error_popup("Could not mark the step", e.to_string())],
        }
    }

    fn complete_stage(
        &mut self,
        content: &Content,
        engine: &Engine<'_>,
        session: &mut Session,
    ) -> Vec<Command> {
        let Place::Checkout(stage) = self.place else {
            return vec![Command::Status(
                "Stages are completed from their check-out page.".into(),
            )];
        };
        if engine.stage_complete(session.progress(), stage) {
            return match session.reopen_stage(content, stage) {
                Ok(_) => vec![
                    Command::Effect(Effect::Save),
                    Command::Status("Stage reopened".into()),
                ],
                Err(e) => vec![error_popup("Could not reopen the stage", e.to_string())],
            };
        }
        match session.complete_stage(content, stage) {
            Ok(_) => vec![
                Command::Effect(Effect::Save),
                Command::Status("Stage marked complete".into()),
            ],
            Err(e) => vec![Command::Status(crate::ui::screens::capitalised(
                &e.to_string(),
            ))],
        }
    }
}

/// An editor opened on a saved answer (or an empty one).
fn editor_for(prompt: &Prompt, saved: Option<&AnswerValue>) -> FieldEditor {
    match prompt.kind {
        PromptKind::Text | PromptKind::List => {
            let text = match saved {
                Some(AnswerValue::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let hint = prompt
                .hint
                .clone()
                .unwrap_or_else(|| "Type your answer here.".into());
            FieldEditor::Text(Box::new(text_box(&text, hint)))
        }
        PromptKind::Choice => FieldEditor::Choice {
            cursor: 0,
            ticked: match saved {
                Some(AnswerValue::Choice(set)) => set.clone(),
                _ => BTreeSet::new(),
            },
        },
        PromptKind::Scale => FieldEditor::Scale(match saved {
            Some(AnswerValue::Scale(n)) => Some(*n),
            _ => None,
        }),
    }
}

impl PageScreen {
    /// The answer being typed, if a text box is open.
    pub fn open_text(&self) -> Option<String> {
        match &self.editor {
            Some(FieldEditor::Text(area)) => Some(area.lines().join("\n")),
            _ => None,
        }
    }

    /// The step's tool, if it has one.
    fn open_tool(&self, content: &Content) -> Vec<Command> {
        let Place::Step(s, i) = self.place else {
            return vec![Command::Status("This page has no tool.".into())];
        };
        let tool = content
            .stages
            .get(s)
            .and_then(|st| st.steps.get(i))
            .and_then(|step| step.tool.as_deref());
        match tool {
            Some("decision-aid") => vec![Command::Goto(Screen::Decision(Box::new(
                super::DecisionScreen::new(self.place),
            )))],
            Some("counsellor-summary") => vec![Command::Goto(Screen::Counsellor(Box::new(
                super::CounsellorScreen::new(self.place),
            )))],
            _ => vec![Command::Status(
                "This step has no tool; stage 6 and stage 7 have one.".into(),
            )],
        }
    }
}
