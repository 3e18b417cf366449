//! Creating a workbook: a name, who it is about, and the user's side of it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::HomeScreen;
use crate::action::Action;
use crate::domain::{NewWorkbook, RelationshipKind, Role};
use crate::ui::screens::{Command, Effect, Screen};
use crate::ui::theme::theme;
use crate::ui::widgets::{choice_lines, edit_line, input_line};

/// Long enough for any real name, short enough to fit a header.
const MAX_NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateField {
    Name,
    Relationship,
    Role,
    /// One person, or a couple sharing the screen.
    Who,
}

/// The answers to "who will write in it?", in order.
const WHO: [&str; 2] = ["Just me", "The two of us, together at this screen"];

#[derive(Debug)]
pub struct CreateScreen {
    pub name: String,
    pub relationship: usize,
    pub role: usize,
    /// Index into [`WHO`]: 1 means a couple workbook.
    pub who: usize,
    pub focus: CreateField,
    /// The very first workbook: there is nothing to go back to.
    pub first: bool,
    pub problem: Option<String>,
}

impl CreateScreen {
    pub fn new(first: bool) -> Self {
        Self {
            name: String::new(),
            relationship: 0,
            role: 0,
            who: 0,
            focus: CreateField::Name,
            first,
            problem: None,
        }
    }

    pub fn update(&mut self, action: Action, has_workbooks: bool) -> Vec<Command> {
        use CreateField::*;
        self.problem = None;
        match action {
            // Enter moves through the form and creates on the last field.
            Action::Select if self.focus == Who => return self.submit(),
            // Say at once that a name is needed, rather than two fields later.
            Action::Select if self.focus == Name && self.name.trim().is_empty() => {
                return self.submit();
            }
            Action::NextField | Action::Select => {
                self.focus = match self.focus {
                    Name => Relationship,
                    Relationship => Role,
                    Role => Who,
                    Who => Name,
                }
            }
            Action::PreviousField => {
                self.focus = match self.focus {
                    Name => Who,
                    Relationship => Name,
                    Role => Relationship,
                    Who => Role,
                }
            }
            Action::Left => self.cycle(false),
            Action::Right => self.cycle(true),
            // Up and down walk through the options like one long form:
            // past the last option of a list is the next field.
            // step_choice moves within a list; only at its end does the
            // focus move on to the neighbouring field.
            Action::Up if !self.step_choice(false) => {
                self.focus = match self.focus {
                    Name | Relationship => Name,
                    Role => Relationship,
                    Who => Role,
                }
            }
            Action::Down if !self.step_choice(true) => {
                self.focus = match self.focus {
                    Name => Relationship,
                    Relationship => Role,
                    Role | Who => Who,
                }
            }
            action @ (Action::Paste(_) | Action::Type(_)) if self.focus == Name => {
                edit_line(&mut self.name, &action, MAX_NAME_CHARS);
            }
            Action::Back if has_workbooks => {
                return vec![Command::Goto(Screen::Home(HomeScreen::default()))];
            }
            // Nothing to go back to on a first run: cancelling leaves.
            Action::Back => return vec![Command::Effect(Effect::Quit)],
            _ => {}
        }
        Vec::new()
    }

    /// The focused list's selection and its length; none on the name.
    fn focused_choice(&mut self) -> Option<(&mut usize, usize)> {
        match self.focus {
            CreateField::Name => None,
            CreateField::Relationship => {
                Some((&mut self.relationship, RelationshipKind::ALL.len()))
            }
            CreateField::Role => Some((&mut self.role, Role::ALL.len())),
            CreateField::Who => Some((&mut self.who, WHO.len())),
        }
    }

    fn cycle(&mut self, forward: bool) {
        let Some((value, len)) = self.focused_choice() else {
            return;
        };
        *value = if forward {
            (*value + 1) % len
        } else {
            (*value + len - 1) % len
        };
    }

    /// Moves within the focused list; false at its end (or on the name).
    fn step_choice(&mut self, forward: bool) -> bool {
        let Some((value, len)) = self.focused_choice() else {
            return false;
        };
        match forward {
            true if *value + 1 < len => *value += 1,
            false if *value > 0 => *value -= 1,
            _ => return false,
        }
        true
    }

    fn submit(&mut self) -> Vec<Command> {
        if self.name.trim().is_empty() {
            self.focus = CreateField::Name;
            self.problem = Some(
                "Please give the workbook a name first: a first name or a nickname is enough."
                    .into(),
            );
            return Vec::new();
        }
        vec![Command::Effect(Effect::Create {
            new: NewWorkbook {
                name: self.name.trim().to_string(),
                relationship: RelationshipKind::ALL[self.relationship],
                role: Role::ALL[self.role],
            },
            together: self.who == 1,
        })]
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let heading = if self.first {
            "Welcome. Let's start a workbook."
        } else {
            "A new workbook"
        };
        let fields = [
            CreateField::Name,
            CreateField::Relationship,
            CreateField::Role,
            CreateField::Who,
        ];
        // Short terminals show one field at a time; the rest are a Tab away.
        let compact = area.height < 22;
        let shown: Vec<CreateField> = if compact {
            vec![self.focus]
        } else {
            fields.to_vec()
        };
        let intro_height = if compact && self.problem.is_none() {
            2
        } else {
            3
        };
        let mut constraints = vec![Constraint::Length(intro_height)];
        constraints.extend(
            shown
                .iter()
                .map(|f| Constraint::Length(self.field_lines(*f).len() as u16 + 2)),
        );
        constraints.push(Constraint::Min(0));
        let areas = Layout::vertical(constraints).split(area);

        let mut intro = vec![Line::styled(heading, theme().title)];
        // A problem takes the place of the note under the heading, where
        // it is seen at every size.
        intro.push(match (&self.problem, compact) {
            (Some(problem), _) => Line::styled(problem.clone(), theme().warning),
            (None, true) => {
                let n = fields.iter().position(|f| *f == self.focus).unwrap_or(0) + 1;
                Line::styled(
                    format!("Question {n} of {} · Tab for the next", fields.len()),
                    theme().muted,
                )
            }
            (None, false) => Line::styled(
                "Everything stays on this computer. A first name or a nickname is enough. A hard moment right now? Press Ctrl+N.",
                theme().muted,
            ),
        });
        frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), areas[0]);

        for (i, field) in shown.iter().enumerate() {
            let border = if self.focus == *field {
                theme().border_focus
            } else {
                theme().border
            };
            let title = match field {
                CreateField::Name => " Who is this workbook about? ",
                CreateField::Relationship => " They are… ",
                CreateField::Role => " What happened between you? ",
                CreateField::Who => " Who will write in it? ",
            };
            frame.render_widget(
                Paragraph::new(self.field_lines(*field))
                    .block(Block::bordered().border_style(border).title(title)),
                areas[i + 1],
            );
        }
    }

    /// The lines inside one field's box.
    fn field_lines(&self, field: CreateField) -> Vec<Line<'static>> {
        let options = |labels: Vec<&'static str>, chosen: usize| {
            choice_lines(labels, chosen, self.focus == field)
        };
        match field {
            CreateField::Name => vec![input_line(
                &self.name,
                self.focus == CreateField::Name,
                "e.g. Alex, or Mum, or Work",
            )],
            CreateField::Relationship => options(
                RelationshipKind::ALL.iter().map(|k| k.label()).collect(),
                self.relationship,
            ),
            CreateField::Role => options(Role::ALL.iter().map(|r| r.label()).collect(), self.role),
            CreateField::Who => options(WHO.to_vec(), self.who),
        }
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for CreateScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Create
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        self.update(action, !cx.listings.is_empty())
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        let _ = look;
        self.draw(frame, area);
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        "New workbook".to_string()
    }
}
