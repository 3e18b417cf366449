//! Writing or editing a journal entry: title, stage, mood and the text.
//! A reflection (a stage answer) is edited as its text only.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use ratatui_textarea::TextArea;

use super::{EntryScreen, JournalScreen};
use crate::action::Action;
use crate::content::Content;
use crate::domain::{Mood, NewEntry};
use crate::journal_view::Source;
use crate::open::EntryEdit;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{paste, text_box, truncate};

/// Where the form returns to.
#[derive(Debug)]
pub enum Back {
    List(Box<JournalScreen>),
    Entry(Box<EntryScreen>),
}

impl From<JournalScreen> for Back {
    fn from(list: JournalScreen) -> Self {
        Self::List(Box::new(list))
    }
}

impl From<EntryScreen> for Back {
    fn from(entry: EntryScreen) -> Self {
        Self::Entry(Box::new(entry))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Title,
    Stage,
    Mood,
    Body,
}

const FIELDS: [FormField; 4] = [
    FormField::Body,
    FormField::Title,
    FormField::Stage,
    FormField::Mood,
];

#[derive(Debug)]
pub struct EntryFormScreen {
    pub back: Option<Back>,
    /// What is being edited; `None` for a new entry.
    pub target: Option<Source>,
    pub focus: FormField,
    pub title: String,
    /// Index into the content's stages.
    pub stage: Option<usize>,
    pub mood: Option<Mood>,
    pub body: Box<TextArea<'static>>,
    /// For a reflection: the question it answers (not editable here).
    pub question: Option<String>,
}

impl EntryFormScreen {
    pub fn new_entry(back: Back) -> Self {
        Self {
            back: Some(back),
            target: None,
            focus: FormField::Body,
            title: String::new(),
            stage: None,
            mood: None,
            body: Box::new(text_area("")),
            question: None,
        }
    }

    pub fn edit(content: &Content, session: &Session, source: Source, back: Back) -> Self {
        let mut form = Self::new_entry(back);
        if let Some(item) = session.item_of(content, &source) {
            form.body = Box::new(text_area(item.body));
            if item.is_reflection() {
                form.question = Some(item.title.to_string());
            } else {
                form.title = item.title.to_string();
                form.stage = item.stage.and_then(|id| content.stage_index(id));
                form.mood = item.mood;
            }
        }
        form.target = Some(source);
        form
    }

    fn fields(&self) -> &[FormField] {
        if self.question.is_some() {
            &FIELDS[..1]
        } else {
            &FIELDS
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::NextField => self.move_focus(1),
            Action::PreviousField => self.move_focus(-1),
            Action::FinishEdit => {
                let mut commands = self.commit(content, session);
                commands.push(self.leave(content, session));
                return commands;
            }
            Action::Type(key) => self.type_key(key, content),
            Action::Paste(text) => match self.focus {
                FormField::Title => self.title.push_str(text.lines().next().unwrap_or("")),
                FormField::Body => paste(&mut self.body, &text),
                FormField::Stage | FormField::Mood => {}
            },
            _ => {}
        }
        Vec::new()
    }

    fn move_focus(&mut self, delta: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = (at as isize + delta).rem_euclid(fields.len() as isize) as usize;
        self.focus = fields[next];
    }

    fn type_key(&mut self, key: KeyEvent, content: &Content) {
        match self.focus {
            FormField::Body => {
                self.body.input(key);
            }
            FormField::Title => match key.code {
                KeyCode::Enter | KeyCode::Down => self.move_focus(1),
                KeyCode::Up => self.move_focus(-1),
                _ => {
                    super::journal::edit_line(&mut self.title, key);
                }
            },
            FormField::Stage | FormField::Mood => match key.code {
                KeyCode::Right | KeyCode::Char(' ') => self.cycle(1, content),
                KeyCode::Left => self.cycle(-1, content),
                KeyCode::Enter | KeyCode::Down => self.move_focus(1),
                KeyCode::Up => self.move_focus(-1),
                _ => {}
            },
        }
    }

    /// Steps the stage or mood through "none" and each choice.
    fn cycle(&mut self, delta: isize, content: &Content) {
        let step = |current: Option<usize>, len: usize| -> Option<usize> {
            // Positions: 0 = none, 1..=len = choices.
            let at = current.map_or(0, |i| i + 1) as isize;
            let next = (at + delta).rem_euclid(len as isize + 1) as usize;
            next.checked_sub(1)
        };
        match self.focus {
            FormField::Stage => self.stage = step(self.stage, content.stages.len()),
            FormField::Mood => {
                let at = self
                    .mood
                    .and_then(|m| Mood::ALL.iter().position(|x| *x == m));
                self.mood = step(at, Mood::ALL.len()).map(|i| Mood::ALL[i]);
            }
            FormField::Title | FormField::Body => {}
        }
    }

    fn body_text(&self) -> String {
        self.body.lines().join("\n")
    }

    /// Saves what is in the form. Called on Esc and on a quick exit, so
    /// nothing typed is lost.
    pub fn commit(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        let body = self.body_text();
        let title = self.title.trim().to_string();
        let stage = self
            .stage
            .and_then(|i| content.stages.get(i))
            .map(|s| s.id.clone());
        match self.target.clone() {
            None if body.trim().is_empty() && title.is_empty() => {
                vec![Command::Status(
                    "Nothing was written, so nothing was saved.".into(),
                )]
            }
            None => {
                let new = NewEntry {
                    stage,
                    mood: self.mood,
                    title,
                    body,
                };
                match session.add_entry(new) {
                    Ok(id) => {
                        self.target = Some(Source::Entry(id));
                        vec![Command::Status("Saved to your journal.".into())]
                    }
                    Err(refused) => vec![crate::ui::screens::refused(&refused)],
                }
            }
            Some(Source::Entry(id)) => {
                let edit = EntryEdit {
                    title,
                    body,
                    stage,
                    mood: self.mood,
                };
                match session.edit_entry(id, edit) {
                    Ok(_) => vec![Command::Status("Saved.".into())],
                    Err(refused) => vec![crate::ui::screens::refused(&refused)],
                }
            }
            Some(Source::Reflection(answer)) => match session.write_reflection(&answer, body) {
                Ok(true) => vec![
                    Command::Status("Saved, here and on its step.".into()),
                    Command::Effect(Effect::Save),
                ],
                Ok(false) => Vec::new(),
                Err(refused) => vec![crate::ui::screens::refused(&refused)],
            },
        }
    }

    fn leave(&mut self, content: &Content, session: &Session) -> Command {
        let target = self.target.clone();
        let screen = match self.back.take() {
            Some(Back::Entry(mut entry)) if target.is_some() => {
                entry.list.refresh(content, session);
                Screen::Entry(entry)
            }
            Some(Back::Entry(entry)) => {
                let mut list = entry.list;
                list.refresh(content, session);
                Screen::Journal(Box::new(list))
            }
            Some(Back::List(mut list)) => {
                list.refresh(content, session);
                if let Some(target) = &target {
                    list.select(target);
                }
                Screen::Journal(list)
            }
            None => Screen::Journal(Box::new(JournalScreen::new(content, session))),
        };
        Command::Goto(screen)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content) {
        let heading = match (&self.target, &self.question) {
            (None, _) => " New journal entry ",
            (Some(_), Some(_)) => " Edit your reflection ",
            (Some(_), None) => " Edit journal entry ",
        };
        let block = Block::bordered()
            .border_style(theme().border_focus)
            .title(heading)
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let top_rows = if self.question.is_some() { 2 } else { 4 };
        let [top, body] =
            Layout::vertical([Constraint::Length(top_rows), Constraint::Min(1)]).areas(inner);
        let width = top.width as usize;
        let lines = match &self.question {
            Some(question) => vec![
                Line::styled(truncate(question, width), theme().accent),
                Line::default(),
            ],
            None => {
                let stage = self
                    .stage
                    .and_then(|i| content.stages.get(i))
                    .map_or("none", |s| s.title.as_str());
                let mood = self.mood.map_or("none", Mood::as_str);
                let cursor = if self.focus == FormField::Title {
                    "▏"
                } else {
                    ""
                };
                vec![
                    self.field_line(
                        FormField::Title,
                        "Title",
                        &format!("{}{cursor}", self.title),
                        width,
                    ),
                    self.field_line(FormField::Stage, "Stage", &format!("‹ {stage} ›"), width),
                    self.field_line(FormField::Mood, "Mood ", &format!("‹ {mood} ›"), width),
                    Line::default(),
                ]
            }
        };
        frame.render_widget(Paragraph::new(lines), top);
        let body_style = if self.focus == FormField::Body {
            theme().border_focus
        } else {
            theme().border
        };
        let body_block = Block::bordered()
            .border_style(body_style)
            .title(" Your words ");
        let body_inner = body_block.inner(body);
        frame.render_widget(body_block, body);
        frame.render_widget(&*self.body, body_inner);
    }

    fn field_line(
        &self,
        field: FormField,
        label: &str,
        value: &str,
        width: usize,
    ) -> Line<'static> {
        let focused = self.focus == field;
        let marker = if focused { "▸ " } else { "  " };
        let style = if focused {
            theme().selected
        } else {
            theme().text
        };
        let room = width.saturating_sub(label.len() + 4);
        Line::from(vec![
            Span::styled(marker, theme().selected),
            Span::styled(format!("{label}  "), theme().muted),
            Span::styled(truncate(value, room), style),
        ])
    }
}

/// The body box, with a reminder of how the form works.
fn text_area(text: &str) -> TextArea<'static> {
    text_box(
        text,
        "Write whatever is on your mind. Tab moves to the title, stage and mood; Esc saves.",
    )
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for EntryFormScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::EntryForm
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, cx.content, session)
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        if look.session.is_some() {
            self.draw(frame, area, look.content);
        }
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        "Journal · writing".to_string()
    }

    fn keep_on_quick_exit(
        &mut self,
        content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        match session {
            Some(session) => self.commit(content, session),
            None => Vec::new(),
        }
    }
}
