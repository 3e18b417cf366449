//! A guided breathing timer: a bar that fills while you breathe in and
//! empties while you breathe out, at the pace the content sets. Time moves
//! on `Action::Tick`, so tests can drive it without waiting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::PageScreen;
use crate::action::Action;
use crate::content::Breathing;
use crate::engine::Place;
use crate::ui::screens::{Command, Screen};
use crate::ui::theme::theme;
use crate::ui::widgets::{Breath, Phase};

#[derive(Debug)]
pub struct BreathingScreen {
    pub breath: Breath,
    /// The page to go back to.
    pub from: Place,
    /// Or the screen to go back to, as it was (breathing from "Right
    /// now").
    pub back_to: Option<Box<Screen>>,
}

impl BreathingScreen {
    pub fn new(pattern: Breathing, from: Place) -> Self {
        Self {
            breath: Breath::new(pattern),
            from,
            back_to: None,
        }
    }

    /// Breathing that goes back to `screen` when done.
    pub fn returning_to(pattern: Breathing, screen: Screen) -> Self {
        Self {
            back_to: Some(Box::new(screen)),
            ..Self::new(pattern, Place::Intro(0))
        }
    }

    /// Whether time should move: the runtime only ticks while this is true.
    pub fn running(&self) -> bool {
        self.breath.running()
    }

    pub fn phase(&self) -> Phase {
        self.breath.phase()
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Tick(step) => self.breath.tick(step),
            Action::Toggle => self.breath.toggle_pause(),
            Action::Back => {
                if let Some(screen) = self.back_to.take() {
                    return vec![Command::Goto(*screen)];
                }
                return vec![Command::Goto(Screen::Page(Box::new(PageScreen::new(
                    self.from,
                ))))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let block = Block::bordered()
            .border_style(theme().border)
            .title(" Slow breathing ")
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [word, bar, count, note_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(3),
        ])
        .flex(Flex::Center)
        .areas(inner);

        let left = self
            .breath
            .total()
            .saturating_sub(self.breath.elapsed)
            .as_secs();
        self.breath.draw(frame, word, bar);
        let seconds = match self.phase() {
            Phase::In { seconds_left, .. } | Phase::Out { seconds_left, .. } => Some(seconds_left),
            Phase::Done => None,
        };
        if let Some(s) = seconds {
            let text = format!("{s}   ·   {}:{:02} left", left / 60, left % 60);
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme().muted).centered()),
                count,
            );
        }
        let note = match self.phase() {
            Phase::Done if self.back_to.is_some() => {
                "Notice how you feel now. Press Enter to go back.".to_string()
            }
            Phase::Done => "Notice how you feel now. Press Enter to go back to the step, where you can rate how tense you feel after breathing.".to_string(),
            _ => format!(
                "In for {} seconds, out for {}. If you feel dizzy or short of breath, stop and breathe normally.",
                self.breath.pattern.inhale_seconds, self.breath.pattern.exhale_seconds
            ),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(note, theme().muted).centered()).wrap(Wrap { trim: true }),
            note_area,
        );
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for BreathingScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Breathing
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let _ = cx;
        self.update(action)
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
        "Breathing".to_string()
    }

    fn animating(&self, _session: Option<&crate::ui::screens::Session>) -> bool {
        self.running()
    }

    /// Ctrl+Q while breathing from "Right now" keeps what was being typed
    /// where the person came from.
    fn keep_on_quick_exit(
        &mut self,
        content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        match &mut self.back_to {
            Some(screen) => screen.view_mut().keep_on_quick_exit(content, session),
            None => Vec::new(),
        }
    }

    /// From "Right now", a private moment as that screen is.
    fn private(&self) -> bool {
        self.back_to.is_some()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: f64) -> Phase {
        let mut screen = BreathingScreen::new(Breathing::default(), Place::Intro(0));
        screen.update(Action::Tick(Duration::from_secs_f64(seconds)));
        screen.phase()
    }

    #[test]
    fn the_bar_fills_breathing_in_and_empties_breathing_out() {
        assert_eq!(
            at(0.0),
            Phase::In {
                fill: 0.0,
                seconds_left: 4
            }
        );
        assert_eq!(
            at(2.0),
            Phase::In {
                fill: 0.5,
                seconds_left: 2
            }
        );
        assert_eq!(
            at(4.0),
            Phase::Out {
                fill: 1.0,
                seconds_left: 6
            }
        );
        assert_eq!(
            at(7.0),
            Phase::Out {
                fill: 0.5,
                seconds_left: 3
            }
        );
        assert_eq!(
            at(10.0),
            Phase::In {
                fill: 0.0,
                seconds_left: 4
            }
        );
        assert_eq!(at(180.0), Phase::Done);
    }

    #[test]
    fn a_paused_timer_does_not_move() {
        let mut screen = BreathingScreen::new(Breathing::default(), Place::Intro(0));
        screen.update(Action::Toggle);
        screen.update(Action::Tick(Duration::from_secs(3)));
        assert_eq!(screen.breath.elapsed, Duration::ZERO);
        assert!(!screen.running());
        screen.update(Action::Toggle);
        screen.update(Action::Tick(Duration::from_secs(3)));
        assert_eq!(screen.breath.elapsed, Duration::from_secs(3));
    }

    #[test]
    fn time_stops_at_the_end() {
        let mut screen = BreathingScreen::new(Breathing::default(), Place::Intro(0));
        screen.update(Action::Tick(Duration::from_secs(1000)));
        assert_eq!(screen.breath.elapsed, Duration::from_secs(180));
        assert!(!screen.running());
    }
}
