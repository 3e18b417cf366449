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
    /// Choosing a passphrase of one's own: typed once, then again.
    pub choosing: Option<Choosing>,
    /// Shown after private answers that raised no concern, in a workbook
    /// for two: only the offer of a passphrase for one's private space,
    /// without the safety text.
    pub private_space: bool,
}

/// A passphrase being chosen.
#[derive(Debug, Default)]
pub struct Choosing {
    /// The first typing, once Enter was pressed.
    pub first: Option<String>,
    pub typed: String,
}

/// Fewer characters than this are too easy to guess for a passphrase
/// that guards the way back into couple mode.
const MIN_PASSPHRASE_CHARS: usize = 8;

impl SafetyScreen {
    pub fn new(who: Uuid, then: AfterScreening) -> Self {
        Self {
            who,
            then,
            scroll: Scroll::default(),
            adding: None,
            choosing: None,
            private_space: false,
        }
    }

    /// The private-space offer alone (see [`Self::private_space`]).
    pub fn private_space(who: Uuid, then: AfterScreening) -> Self {
        Self {
            private_space: true,
            ..Self::new(who, then)
        }
    }

    pub fn context(&self) -> Context {
        if self.adding.is_some() || self.choosing.is_some() {
            Context::LineEdit
        } else if self.private_space {
            Context::PrivateSpace
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
        if let Some(choosing) = self.choosing.take() {
            return self.on_choosing(action, choosing, session);
        }
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
            Action::Propose if !self.private_space => {
                self.adding = Some(String::new());
                self.scroll.down(u16::MAX);
            }
            Action::SetPassphrase => {
                self.choosing = Some(Choosing::default());
                // The box is near the end: bring it into view.
                self.scroll.down(u16::MAX);
            }
            Action::Select | Action::Back => {
                return vec![Command::Goto(after_screening(
                    content, session, self.who, &self.then,
                ))];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Typing a passphrase of one's own, twice. Only the person whose
    /// answers just set couple mode aside may set a first one (the core
    /// refuses anyone else).
    fn on_choosing(
        &mut self,
        action: Action,
        mut choosing: Choosing,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Back => Vec::new(),
            Action::Select if choosing.typed.chars().count() < MIN_PASSPHRASE_CHARS => {
                self.choosing = Some(choosing);
                vec![Command::Status(format!(
                    "Please use at least {MIN_PASSPHRASE_CHARS} characters; a few words are easy to remember."
                ))]
            }
            Action::Select => match choosing.first.take() {
                None => {
                    choosing.first = Some(std::mem::take(&mut choosing.typed));
                    self.choosing = Some(choosing);
                    vec![Command::Status("Type it once more.".into())]
                }
                Some(first) if first != choosing.typed => {
                    self.choosing = Some(Choosing::default());
                    vec![Command::Status(
                        "The two did not match. Please type it again.".into(),
                    )]
                }
                Some(first) => {
                    let secret = age::secrecy::SecretString::from(first);
                    match session.set_passphrase(self.who, &secret) {
                        Ok(()) => vec![
                            Command::Effect(Effect::Save),
                            Command::Status(
                                "Your passphrase is set. What is private to you is sealed with it."
                                    .into(),
                            ),
                        ],
                        Err(_) => vec![Command::Status("Nothing was changed.".into())],
                    }
                }
            },
            action => {
                edit_line(&mut choosing.typed, &action, 200);
                self.choosing = Some(choosing);
                Vec::new()
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        if self.private_space {
            return self.draw_private_space(frame, area, content, session);
        }
        let text = &content.safety;
        let width = inner_width(area);
        let mut lines = guidance_lines(&text.safety.body, width);
        lines.push(Line::default());
        lines.extend(wrapped(&text.safety.emergency, theme().warning, width));
        lines.push(Line::default());
        lines.extend(resource_lines(content, session, width));
        lines.push(Line::default());
        lines.extend(self.choosing_lines());
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
        // In a workbook for two, the other person could switch to you and
        // answer in your name: a passphrase of your own stops that.
        let offer = session.workbook().is_couple() && !session.has_passphrase(self.who);
        if offer {
            lines.extend(wrapped(
                &content.safety.private_space.unprotected,
                theme().muted,
                width,
            ));
            lines.push(Line::default());
        }
        let mut keys = vec![("a", "add a number")];
        if offer {
            keys.push(("p", "a passphrase of your own"));
        }
        keys.extend([("Enter", "go on"), ("Ctrl+Q", "leave at once")]);
        lines.extend(crate::ui::widgets::key_lines(&keys, width));
        self.scroll.draw(frame, area, &text.safety.title, lines);
    }
}

impl SafetyScreen {
    /// The passphrase being chosen, hidden as it is typed.
    fn choosing_lines(&self) -> Vec<Line<'static>> {
        let Some(choosing) = &self.choosing else {
            return Vec::new();
        };
        let ask = match choosing.first {
            None => "A passphrase of your own (only you will know it):",
            Some(_) => "The same passphrase again:",
        };
        let hidden = "•".repeat(choosing.typed.chars().count());
        vec![
            Line::styled(ask, theme().text),
            input_line(&hidden, true, ""),
            Line::default(),
        ]
    }

    /// The offer of a passphrase for one's private space, said honestly:
    /// without one, anyone at this computer could switch to you.
    fn draw_private_space(
        &self,
        frame: &mut Frame,
        area: Rect,
        content: &Content,
        session: &Session,
    ) {
        let text = &content.safety.private_space;
        let width = inner_width(area);
        let name = session.workbook().author_name(self.who);
        let mut lines = vec![Line::styled(format!("For {name} only"), theme().muted)];
        lines.extend(guidance_lines(&text.body, width));
        lines.push(Line::default());
        let offer = !session.has_passphrase(self.who);
        if offer {
            lines.extend(wrapped(&text.unprotected, theme().text, width));
            lines.push(Line::default());
        }
        lines.extend(self.choosing_lines());
        let mut keys = Vec::new();
        if offer {
            keys.push(("p", "a passphrase of your own"));
        }
        keys.push(("Enter", if offer { "not now" } else { "go on" }));
        lines.extend(crate::ui::widgets::key_lines(&keys, width));
        self.scroll.draw(frame, area, &text.title, lines);
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
    for own in session.own_numbers() {
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
