//! A guided breath: a bar that fills while you breathe in and empties while
//! you breathe out, at a set pace. Shared by the breathing step and couple
//! mode's time-out. Time moves only on ticks, so tests drive it directly.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::content::Breathing;
use crate::ui::theme::theme;

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

#[derive(Debug, Clone)]
pub struct Breath {
    pub pattern: Breathing,
    pub elapsed: Duration,
    pub paused: bool,
}

impl Breath {
    pub fn new(pattern: Breathing) -> Self {
        Self {
            pattern,
            elapsed: Duration::ZERO,
            paused: false,
        }
    }

    pub fn total(&self) -> Duration {
        Duration::from_secs(u64::from(self.pattern.minutes) * 60)
    }

    /// Whether time should move: the runtime only ticks while this is true.
    pub fn running(&self) -> bool {
        !self.paused && self.phase() != Phase::Done
    }

    /// Lets `step` of time pass, unless paused; stops at the end.
    pub fn tick(&mut self, step: Duration) {
        if self.running() {
            self.elapsed = (self.elapsed + step).min(self.total());
        }
    }

    pub fn toggle_pause(&mut self) {
        if self.phase() != Phase::Done {
            self.paused = !self.paused;
        }
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

    /// The cue ("Breathe in…") in `word` and the bar in `bar`.
    pub fn draw(&self, frame: &mut Frame, word: Rect, bar: Rect) {
        let (cue, fill) = match self.phase() {
            Phase::In { fill, .. } => ("Breathe in…", fill),
            Phase::Out { fill, .. } => ("…and breathe out", fill),
            Phase::Done => ("Done. Breathe normally.", 0.0),
        };
        let cue = if self.paused {
            "Paused. Space to go on."
        } else {
            cue
        };
        frame.render_widget(
            Paragraph::new(Line::styled(cue, theme().title).centered()),
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
                Span::styled("█".repeat(filled), theme().accent),
                Span::styled("░".repeat(width - filled), theme().muted),
            ])),
            bar,
        );
    }
}
