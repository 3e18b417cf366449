//! "Right now", one key (Ctrl+N) from anywhere, with or without a workbook
//! open: a few small steps for a hard moment. Slow breathing, coming back
//! to the room, no big decisions tonight, one act of care, who to call,
//! the crisis lines, and a thought parked in the journal so it can rest.
//! Esc goes back to exactly where the person was.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::action::Action;
use crate::content::{Breathing, Content};
use crate::keymap::Context;
use crate::ui::screens::{BreathingScreen, Command, Effect, HomeScreen, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Scroll, edit_line, guidance_lines, inner_width, input_line, wrapped};

/// A parked thought is a few lines at most; the journal is for more.
const MAX_THOUGHT_CHARS: usize = 2000;

#[derive(Debug)]
pub struct RightNowScreen {
    /// Where the person was; they go back to it as it was.
    pub back: Box<Screen>,
    pub scroll: Scroll,
    /// A thought being written down to park.
    pub parking: Option<String>,
}

impl RightNowScreen {
    pub fn new(back: Screen) -> Self {
        Self {
            back: Box::new(back),
            scroll: Scroll::default(),
            parking: None,
        }
    }

    fn take_back(&mut self) -> Screen {
        let back = std::mem::replace(
            &mut self.back,
            Box::new(Screen::Home(HomeScreen::default())),
        );
        *back
    }

    fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        if let Some(mut thought) = self.parking.take() {
            return match action {
                Action::Select => self.park(thought, content, session),
                Action::Back => vec![Command::Status("Nothing was parked.".into())],
                action => {
                    edit_line(&mut thought, &action, MAX_THOUGHT_CHARS);
                    self.parking = Some(thought);
                    Vec::new()
                }
            };
        }
        if self.scroll.update(&action) {
            return Vec::new();
        }
        match action {
            Action::Down => self.scroll.down(3),
            Action::Up => self.scroll.up(3),
            Action::ParkThought if session.is_some() => {
                self.parking = Some(String::new());
                // The box is at the end: bring it into view.
                self.scroll.down(u16::MAX);
            }
            Action::ParkThought => {
                return vec![Command::Status(
                    "Open a workbook first: a parked thought waits in its journal.".into(),
                )];
            }
            Action::StartBreathing => {
                // Breathing comes back here, and from here to where the
                // person was.
                let here = Screen::RightNow(Box::new(RightNowScreen::new(self.take_back())));
                let breathing = BreathingScreen::returning_to(Breathing::default(), here);
                return vec![Command::Goto(Screen::Breathing(breathing))];
            }
            Action::Back | Action::Select => return vec![Command::Goto(self.take_back())],
            _ => {}
        }
        Vec::new()
    }

    /// Writes the thought into the journal (private to its writer in a
    /// workbook for two, as every new entry is).
    fn park(
        &mut self,
        thought: String,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        if thought.trim().is_empty() {
            return vec![Command::Status("Nothing was parked.".into())];
        }
        let Some(session) = session else {
            return Vec::new();
        };
        let new = crate::domain::NewEntry {
            title: content.safety.right_now.park_title.clone(),
            body: thought,
            ..Default::default()
        };
        match session.add_entry(new) {
            Ok(_) => vec![
                Command::Effect(Effect::Save),
                Command::Status("Parked in your journal. It can rest there.".into()),
            ],
            Err(err) => vec![crate::ui::screens::command::refused(&err)],
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: Option<&Session>) {
        let text = &content.safety.right_now;
        let width = inner_width(area);
        let mut lines = guidance_lines(&text.intro, width);
        let part = |lines: &mut Vec<Line<'static>>, key: Option<(&str, &str)>, body: &str| {
            lines.push(Line::default());
            if let Some(keys) = key {
                lines.extend(crate::ui::widgets::key_lines(&[keys], width));
            }
            lines.extend(wrapped(body, theme().text, width));
        };
        lines.push(Line::default());
        lines.extend(wrapped(
            "If you are thinking about ending your life, or you are in danger, talk to someone now:",
            theme().warning,
            width,
        ));
        for line in &content.safety.crisis {
            lines.extend(wrapped(
                &format!("• {} — {}: {}", line.country, line.name, line.contact),
                theme().text,
                width,
            ));
        }
        lines.extend(crate::ui::widgets::key_lines(
            &[("Ctrl+S", "every helpline, and emergency numbers")],
            width,
        ));
        part(
            &mut lines,
            Some(("b", "breathe slowly for a few minutes")),
            "In for four, out for six: a longer breath out helps your body settle.",
        );
        part(&mut lines, None, &text.grounding_intro);
        for (i, step) in text.grounding.iter().enumerate() {
            lines.extend(wrapped(&format!("{}. {step}", i + 1), theme().text, width));
        }
        part(&mut lines, None, &text.tonight);
        part(&mut lines, None, &text.body);
        part(&mut lines, None, &text.call);
        if session.is_some() {
            part(&mut lines, Some(("p", "park a thought")), &text.park);
            if let Some(thought) = &self.parking {
                lines.push(input_line(thought, true, "Your thought, then Enter"));
            }
        }
        lines.push(Line::default());
        lines.extend(crate::ui::widgets::key_lines(
            &[
                ("Esc", "back to where you were"),
                ("Ctrl+Q", "leave at once"),
            ],
            width,
        ));
        self.scroll.draw(frame, area, &text.title, lines);
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for RightNowScreen {
    fn context(&self, _session: Option<&Session>) -> Context {
        match self.parking {
            Some(_) => Context::LineEdit,
            None => Context::RightNow,
        }
    }

    fn update(&mut self, action: Action, cx: crate::ui::screens::Cx<'_>) -> Vec<Command> {
        self.update(action, cx.content, cx.session)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &crate::ui::screens::Look<'_>) {
        self.draw(frame, area, look.content, look.session);
    }

    fn location(&self, _look: &crate::ui::screens::Look<'_>) -> String {
        "Right now".to_string()
    }

    /// Nobody's name in the header in a hard moment.
    fn private(&self) -> bool {
        true
    }

    /// Ctrl+Q keeps the thought being parked, and what was being typed on
    /// the screen underneath.
    fn keep_on_quick_exit(
        &mut self,
        content: &Content,
        mut session: Option<&mut Session>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(thought) = self.parking.take() {
            commands.extend(self.park(thought, content, session.as_deref_mut()));
        }
        commands.extend(self.back.view_mut().keep_on_quick_exit(content, session));
        commands
    }
}
