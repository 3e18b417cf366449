//! A time-out: a calm screen with a breathing timer and the time you agreed
//! to come back. The talk is paused on the conversation itself (its turn
//! timer stops), so it resumes exactly where it was, even after a restart.

use chrono::{DateTime, FixedOffset, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::FloorScreen;
use crate::action::Action;
use crate::content::{Breathing, Content};
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Breath, wrapped};

/// The return time moves in steps of this many minutes.
const STEP_MINUTES: i64 = 5;
/// A break is never shorter than this (coming back calmer takes time) or
/// longer than two hours (then it is another day's talk).
const MIN_MINUTES: i64 = 5;
const MAX_MINUTES: i64 = 120;

#[derive(Debug)]
pub struct TimeOutScreen {
    /// Slow breathing for as long as a break may last.
    pub breath: Breath,
}

impl Default for TimeOutScreen {
    /// Slow breathing for as long as a break may last.
    fn default() -> Self {
        Self {
            breath: Breath::new(Breathing {
                minutes: MAX_MINUTES as u8,
                ..Breathing::default()
            }),
        }
    }
}

impl TimeOutScreen {
    pub fn running(&self) -> bool {
        self.breath.running()
    }

    pub fn update(&mut self, action: Action, session: &mut Session) -> Vec<Command> {
        let now = session.clock().now();
        let Some(talk) = session.talk_mut().ok() else {
            return vec![Command::Goto(Screen::Talk(Box::default()))];
        };
        match action {
            Action::Tick(step) => self.breath.tick(step),
            Action::Toggle => self.breath.toggle_pause(),
            Action::Left | Action::Right => {
                let Some(break_) = talk.on_time_out() else {
                    return Vec::new();
                };
                let (start, at) = (break_.started_at, break_.return_at);
                let delta = if action == Action::Left {
                    -STEP_MINUTES
                } else {
                    STEP_MINUTES
                };
                let minutes = ((at - start).num_minutes() + delta).clamp(MIN_MINUTES, MAX_MINUTES);
                if talk
                    .set_return_at(start + chrono::Duration::minutes(minutes))
                    .is_ok()
                {
                    return vec![Command::Effect(Effect::Save)];
                }
            }
            Action::Select => {
                // A break already over (say, after a restart) just resumes.
                let _ = talk.resume(now);
                return vec![
                    Command::Effect(Effect::Save),
                    Command::Goto(Screen::Floor(Box::new(FloorScreen::new(session)))),
                    Command::Status("Welcome back. You are where you left off.".into()),
                ];
            }
            Action::Back => {
                return vec![
                    Command::Goto(Screen::Talk(Box::default())),
                    Command::Status(
                        "The time-out goes on; come back to the talk from here.".into(),
                    ),
                ];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.couple.time_out;
        let block = Block::bordered()
            .border_style(theme().border)
            .title(format!(" {} ", text.title))
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let back_lines = self.back_lines(content, session, width);
        // The return time and the keys come first; in a short window the
        // words above shrink to their first sentence.
        let fixed = 4 + back_lines.len();
        let mut body_lines = wrapped(&text.body, theme().text, width);
        if body_lines.len() + 1 + fixed > inner.height as usize {
            let first = text.body.split_inclusive(". ").next().unwrap_or(&text.body);
            body_lines = wrapped(first, theme().text, width);
        }
        let gap = u16::from(body_lines.len() + 1 + fixed <= inner.height as usize);
        let [body, word, bar, back] = Layout::vertical([
            Constraint::Length(body_lines.len() as u16 + gap),
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(back_lines.len() as u16),
        ])
        .flex(Flex::Center)
        .areas(inner);
        frame.render_widget(
            Paragraph::new(
                body_lines
                    .into_iter()
                    .map(Line::centered)
                    .collect::<Vec<_>>(),
            ),
            body,
        );
        self.breath.draw(frame, word, bar);
        frame.render_widget(Paragraph::new(back_lines), back);
    }

    /// When the two of you come back, and the keys to change it or carry
    /// on, each line no wider than `width`.
    fn back_lines(&self, content: &Content, session: &Session, width: usize) -> Vec<Line<'static>> {
        let text = &content.couple.time_out;
        let now = session.clock().now();
        match session
            .workbook()
            .open_conversation()
            .and_then(|t| t.on_time_out())
        {
            Some(break_) => {
                // Whole minutes, rounded up: "in 20 min" right after the call.
                let left = ((break_.return_at - now).num_seconds() + 59) / 60;
                let when = if left > 0 {
                    format!("in {left} min")
                } else {
                    "now, whenever you are ready".to_string()
                };
                let change = [
                    Span::styled("← →", theme().key),
                    Span::styled(" change the time", theme().muted),
                ];
                let ready = [
                    Span::styled("Enter", theme().key),
                    Span::styled(" we're ready to carry on", theme().muted),
                ];
                let mut lines = vec![
                    Line::from(vec![
                        Span::styled(format!("{} ", text.return_label), theme().muted),
                        Span::styled(clock_time(break_.return_at), theme().title),
                        Span::styled(format!(" ({when})"), theme().muted),
                    ])
                    .centered(),
                ];
                let keys = Line::from([&change[..], &[Span::raw("   ")], &ready[..]].concat());
                if keys.width() <= width {
                    lines.push(keys.centered());
                } else {
                    lines.push(Line::from(change.to_vec()).centered());
                    lines.push(Line::from(ready.to_vec()).centered());
                }
                lines
            }
            None => Vec::new(),
        }
    }
}

/// "21:45": the time on the wall, as people agree on it.
fn clock_time(at: DateTime<FixedOffset>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for TimeOutScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::TimeOut
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, session)
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
        "Together · time-out".to_string()
    }

    fn private(&self) -> bool {
        true
    }

    fn animating(&self, _session: Option<&crate::ui::screens::Session>) -> bool {
        self.running()
    }
}
