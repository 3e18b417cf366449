//! A guided breathing timer: a bar that fills while you breathe in and
//! empties while you breathe out, at the pace the content sets. Time moves
//! on `Action::Tick`, so tests can drive it without waiting.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::PageScreen;
use crate::action::Action;
use crate::app::{Command, Screen};
use crate::content::Breathing;
use crate::engine::Place;
use crate::ui::theme::THEME;

#[derive(Debug)]
pub struct BreathingScreen {
    pub pattern: Breathing,
    pub elapsed: Duration,
    pub paused: bool,
    /// The page to go back to.
    pub from: Place,
}

/// Where in the breath the timer is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// `fill` runs 0→1 over the in-breath; `seconds_left` counts down.
    In {
        fill: f64,
        seconds_left: u64,
    },
    /// `fill` runs 1→0 over the out-breath.
    Out {
        fill: f64,
        seconds_left: u64,
    },
    Done,
}

impl BreathingScreen {
    pub fn new(pattern: Breathing, from: Place) -> Self {
        Self {
            pattern,
            elapsed: Duration::ZERO,
            paused: false,
            from,
        }
    }

    fn total(&self) -> Duration {
        Duration::from_secs(u64::from(self.pattern.minutes) * 60)
    }

    /// Whether time should move: the runtime only ticks while this is true.
    pub fn running(&self) -> bool {
        !self.paused && self.phase() != Phase::Done
    }

    pub fn phase(&self) -> Phase {
        if self.elapsed >= self.total() {
            return Phase::Done;
        }
        let inhale = u128::from(self.pattern.inhale_seconds) * 1000;
        let exhale = u128::from(self.pattern.exhale_seconds) * 1000;
        let at = self.elapsed.as_millis() % (inhale + exhale).max(1);
        let seconds_left = |left_ms: u128| (left_ms.div_ceil(1000)) as u64;
        if at < inhale {
            Phase::In {
                fill: at as f64 / inhale as f64,
                seconds_left: seconds_left(inhale - at),
            }
        } else {
            let into = at - inhale;
            Phase::Out {
                fill: 1.0 - into as f64 / exhale.max(1) as f64,
                seconds_left: seconds_left(exhale - into),
            }
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Tick(step) if self.running() => {
                self.elapsed = (self.elapsed + step).min(self.total())
            }
            Action::Toggle if self.phase() != Phase::Done => self.paused = !self.paused,
            Action::Back => {
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
            .border_style(THEME.border)
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

        let left = self.total().saturating_sub(self.elapsed).as_secs();
        let (cue, fill, seconds) = match self.phase() {
            Phase::In { fill, seconds_left } => ("Breathe in…", fill, Some(seconds_left)),
            Phase::Out { fill, seconds_left } => ("…and breathe out", fill, Some(seconds_left)),
            Phase::Done => ("Done. Breathe normally.", 0.0, None),
        };
        let cue = if self.paused {
            "Paused. Space to go on."
        } else {
            cue
        };
        frame.render_widget(
            Paragraph::new(Line::styled(cue, THEME.title).centered()),
            word,
        );

        let [bar] = Layout::horizontal([Constraint::Max(50)])
            .flex(Flex::Center)
            .areas(bar);
        // A plain bar with a visible track, so the breath reads without
        // colour too.
        let width = bar.width as usize;
        let filled = ((fill.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("█".repeat(filled), THEME.accent),
                Span::styled("░".repeat(width - filled), THEME.muted),
            ])),
            bar,
        );
        if let Some(s) = seconds {
            let text = format!("{s}   ·   {}:{:02} left", left / 60, left % 60);
            frame.render_widget(
                Paragraph::new(Line::styled(text, THEME.muted).centered()),
                count,
            );
        }
        let note = match self.phase() {
            Phase::Done => "Notice how you feel now. Press Enter to go back to the step, where you can rate how tense you feel after breathing.".to_string(),
            _ => format!(
                "In for {} seconds, out for {}. If you feel dizzy or short of breath, stop and breathe normally.",
                self.pattern.inhale_seconds, self.pattern.exhale_seconds
            ),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(note, THEME.muted).centered()).wrap(Wrap { trim: true }),
            note_area,
        );
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(screen.elapsed, Duration::ZERO);
        assert!(!screen.running());
        screen.update(Action::Toggle);
        screen.update(Action::Tick(Duration::from_secs(3)));
        assert_eq!(screen.elapsed, Duration::from_secs(3));
    }

    #[test]
    fn time_stops_at_the_end() {
        let mut screen = BreathingScreen::new(Breathing::default(), Place::Intro(0));
        screen.update(Action::Tick(Duration::from_secs(1000)));
        assert_eq!(screen.elapsed, Duration::from_secs(180));
        assert!(!screen.running());
    }
}
