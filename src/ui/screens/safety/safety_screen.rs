//! The calm safety screen, shown privately after a screening answer that
//! raised a concern: it is not your fault, exercises for two are not the
//! right tool while there is fear or harm, support for you comes first,
//! and where to find it. Helplines are listed with their countries, never
//! one country as the default, and the person can add their own numbers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use uuid::Uuid;

use super::{AfterScreening, after_screening};
use crate::action::Action;
use crate::content::Content;
use crate::keymap::Context;
use crate::ui::screens::{Command, Effect, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Scroll, edit_line, guidance_lines, inner_width, input_line, wrapped};

/// A phone number or a website, with a name: one line.
const MAX_NUMBER_CHARS: usize = 80;

#[derive(Debug)]
pub struct SafetyScreen {
    pub who: Uuid,
    pub then: AfterScreening,
    pub scroll: Scroll,
    /// Typing a number of one's own.
    pub adding: Option<String>,
}

impl SafetyScreen {
    pub fn new(who: Uuid, then: AfterScreening) -> Self {
        Self {
            who,
            then,
            scroll: Scroll::default(),
            adding: None,
        }
    }

    pub fn context(&self) -> Context {
        if self.adding.is_some() {
            Context::LineEdit
        } else {
            Context::Safety
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        if let Some(mut text) = self.adding.take() {
            return match action {
                Action::Select if session.add_own_number(&text) => {
                    vec![
                        Command::Effect(Effect::Save),
                        Command::Status("Added to your list.".into()),
                    ]
                }
                Action::Select | Action::Back => Vec::new(),
                action => {
                    edit_line(&mut text, &action, MAX_NUMBER_CHARS);
                    self.adding = Some(text);
                    Vec::new()
                }
            };
        }
        match action {
            Action::Down | Action::ScrollDown => self.scroll.down(3),
            Action::Up | Action::ScrollUp => self.scroll.up(3),
            Action::Propose => self.adding = Some(String::new()),
            Action::Select | Action::Back => {
                return vec![Command::Goto(after_screening(
                    content, session, self.who, &self.then,
                ))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.safety;
        let width = inner_width(area);
        let mut lines = guidance_lines(&text.safety.body, width);
        lines.push(Line::default());
        lines.extend(wrapped(&text.safety.emergency, theme().warning, width));
        lines.push(Line::default());
        lines.extend(resource_lines(content, session, width));
        lines.push(Line::default());
        match &self.adding {
            Some(typed) => {
                lines.push(Line::styled(
                    "Your number (a name and a number or website):",
                    theme().text,
                ));
                lines.push(input_line(typed, true, ""));
            }
            None => lines.extend(wrapped(&text.safety.own_numbers, theme().muted, width)),
        }
        lines.push(Line::default());
        lines.extend(crate::ui::widgets::key_lines(
            &[
                ("a", "add a number"),
                ("Enter", "go on"),
                ("Ctrl+Q", "leave at once"),
            ],
            width,
        ));
        self.scroll.draw(frame, area, &text.safety.title, lines);
    }
}

/// The helplines, each with its country, then the person's own numbers.
pub fn resource_lines(content: &Content, session: &Session, width: usize) -> Vec<Line<'static>> {
    let text = &content.safety;
    let mut lines = wrapped(&text.safety.resources_intro, theme().text, width);
    let bullet = |text: &str, style| -> Vec<Line<'static>> {
        // A hanging indent, so each helpline reads as one item.
        crate::ui::widgets::wrap(text, width.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
            .map(|(i, l)| Line::styled(format!("{}{l}", if i == 0 { "• " } else { "  " }), style))
            .collect()
    };
    for resource in &text.resources {
        let item = format!(
            "{} — {}: {}",
            resource.country, resource.name, resource.contact
        );
        lines.extend(bullet(&item, theme().text));
    }
    for own in &session.workbook().safety.own_numbers {
        lines.extend(bullet(own, theme().accent));
    }
    lines
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for SafetyScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        self.context()
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
        let Some(session) = look.session else {
            return;
        };
        self.draw(frame, area, look.content, session);
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        "Private".to_string()
    }

    fn private(&self) -> bool {
        true
    }
}
