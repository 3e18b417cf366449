//! Drawing a talk: the banner, the timer, the step with what was said,
//! the box to write in, and the question or keys below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{FloorMode, FloorScreen, step_name, talk};
use crate::content::{Content, fill};
use crate::couple::{Conversation, Note, Step};
use crate::ui::screens::Session;
use crate::ui::theme::theme;
use crate::ui::widgets::{input_lines, key_lines, truncate, wrapped};

impl FloorScreen {
    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let Some(talk) = talk(session) else {
            return;
        };
        let Some(turn) = talk.current() else {
            return;
        };
        let workbook = session.workbook();
        let speaker = workbook.author_name(turn.speaker);
        let listener = workbook.author_name(turn.listener);
        let now = session.clock().now();
        let timer = talk.turn_minutes.is_some();
        // Time being up is a gentle note over at most two lines, not a bar.
        let time_up = time_up_note(content, area.width as usize);
        let gauge_height = match (timer, talk.time_is_up(now)) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => time_up.len() as u16,
        };
        let [banner, gauge, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(gauge_height),
            Constraint::Min(0),
        ])
        .areas(area);

        // Who holds the floor, in reverse video so it reads without colour.
        let floor = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let turn_no = talk.turns.len();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" ▶ {speaker} has the floor "), floor),
                Span::styled(format!("   {listener} listens"), theme().text),
                Span::styled(format!("   · turn {turn_no}"), theme().muted),
            ])),
            banner,
        );
        if timer {
            draw_gauge(frame, gauge, talk, now, time_up);
        }

        let step = turn.step;
        let names = [("speaker", speaker), ("listener", listener)];
        let Some(text) = content.couple.step(step_name(step, &self.mode)) else {
            return;
        };
        let title = format!(" {} ", fill(&text.title, &names));
        let block = Block::bordered()
            .border_style(theme().border_focus)
            .title(Line::styled(title, theme().title))
            .title_bottom(Line::styled(
                format!(" Topic: {} ", talk.topic),
                theme().muted,
            ))
            .padding(Padding::horizontal(1));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let width = inner.width as usize;

        let mut lines = wrapped(&fill(&text.guide, &names), theme().text, width);
        if step == Step::Speak && self.mode == FloorMode::Step {
            lines.extend(wrapped(&content.couple.reminder, theme().muted, width));
        }
        let context = self.context_lines(session, step, width);
        lines.extend(context.iter().cloned());
        let writing = self.mode == FloorMode::Step
            && matches!(step, Step::Speak | Step::Paraphrase | Step::Validate);
        let box_height = if writing {
            (inner.height / 3).clamp(3, 7)
        } else {
            0
        };
        // Each bottom line is already wrapped to the width, so none is cut.
        let mut bottom_lines = self.mode_lines(content, session, step, width);
        // A gentle note under the box, never blocking the send.
        let gentle = match step {
            Step::Speak | Step::Paraphrase if self.mode == FloorMode::Step => {
                crate::couple::gentle_note(step, &self.typed())
            }
            _ => None,
        };
        if let Some(note) = gentle {
            let words = match note {
                crate::couple::Gentle::Absolutes => &content.couple.gentle.absolutes,
                crate::couple::Gentle::Rebuttal => &content.couple.gentle.rebuttal,
            };
            bottom_lines.extend(wrapped(words, theme().muted, width));
        }
        if let Some(problem) = &self.problem {
            bottom_lines.extend(wrapped(problem, theme().warning, width));
        }
        // The words on screen first, then the box to write in right under
        // them, then the question or keys; blank space goes to the end.
        let bottom_height = bottom_lines.len() as u16;
        let room = inner.height.saturating_sub(box_height + bottom_height);
        // In a small window, what was said matters more than the guide
        // (the title still names the step), and the gap goes first.
        if lines.len() as u16 > room && !context.is_empty() {
            lines = context.into_iter().skip_while(|l| l.width() == 0).collect();
        }
        let gap = u16::from((lines.len() as u16) < room);
        let [top, _, boxed, bottom] = Layout::vertical([
            Constraint::Length((lines.len() as u16).min(room.saturating_sub(gap).max(1))),
            Constraint::Length(gap),
            Constraint::Length(box_height),
            Constraint::Length(bottom_height),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(lines), top);
        if writing {
            let (long, short) = match step {
                Step::Speak => (
                    format!(" {speaker}'s words (or Ctrl+L: said aloud) "),
                    format!(" {speaker}'s words (Ctrl+L: aloud) "),
                ),
                Step::Paraphrase => (
                    format!(" What {listener} heard (or Ctrl+L: said aloud) "),
                    format!(" What {listener} heard (Ctrl+L: aloud) "),
                ),
                _ => (
                    format!(" {listener}'s words (Tab: a sentence starter) "),
                    format!(" {listener}'s words (Tab: a starter) "),
                ),
            };
            // A label that fits the box rather than one cut mid-word.
            let fits = boxed.width.saturating_sub(2) as usize;
            let label = if long.width() <= fits {
                long
            } else if short.width() <= fits {
                short
            } else {
                truncate(&short, fits)
            };
            let mut area = (*self.text).clone();
            area.set_block(
                Block::bordered()
                    .border_style(theme().border_focus)
                    .title(label),
            );
            area.set_cursor_line_style(Style::new());
            frame.render_widget(&area, boxed);
        }
        frame.render_widget(Paragraph::new(bottom_lines), bottom);
    }

    /// What the step needs to see: the speaker's words while paraphrasing
    /// and confirming, the paraphrase while confirming.
    pub(super) fn context_lines(
        &self,
        session: &Session,
        step: Step,
        width: usize,
    ) -> Vec<Line<'static>> {
        let Some(turn) = talk(session).and_then(Conversation::current) else {
            return Vec::new();
        };
        let workbook = session.workbook();
        let mut lines = Vec::new();
        let quote = |who: &str, verb: &str, note: &Note| -> Vec<Line<'static>> {
            let said = if note.text.is_empty() {
                "(said aloud)".to_string()
            } else {
                format!("“{}”", note.text)
            };
            wrapped(&format!("{who} {verb}: {said}"), theme().accent, width)
        };
        let round = turn.rounds.last();
        let paraphrase = round.and_then(|r| r.paraphrases.last());
        match step {
            Step::Paraphrase | Step::More | Step::Validate => {
                if let Some(round) = round {
                    lines.push(Line::default());
                    lines.extend(quote(
                        workbook.author_name(turn.speaker),
                        "said",
                        &round.said,
                    ));
                }
                if step == Step::Paraphrase
                    && let Some(p) = paraphrase
                    && let Some(correction) = &p.correction
                    && !correction.is_empty()
                {
                    lines.extend(wrapped(
                        &format!("Not quite. What was missed: “{correction}”"),
                        theme().warning,
                        width,
                    ));
                }
            }
            Step::Confirm => {
                if let Some(round) = round {
                    lines.push(Line::default());
                    lines.extend(quote(
                        workbook.author_name(turn.speaker),
                        "said",
                        &round.said,
                    ));
                }
                if let Some(p) = paraphrase {
                    lines.extend(quote(workbook.author_name(turn.listener), "heard", &p.note));
                }
            }
            Step::Speak | Step::Done => {}
        }
        lines
    }

    /// The question or input below the step, and the keys for it.
    pub(super) fn mode_lines(
        &self,
        content: &Content,
        session: &Session,
        step: Step,
        width: usize,
    ) -> Vec<Line<'static>> {
        let keys = |keys: &[(&str, &str)]| key_lines(keys, width);
        let workbook = session.workbook();
        match &self.mode {
            FloorMode::Step => match step {
                Step::Confirm => keys(&[("y", "yes, that's it"), ("n", "not quite")]),
                Step::More => keys(&[("y", "yes, there is more"), ("n", "that's all for now")]),
                Step::Done => {
                    let next = talk(session)
                        .and_then(|t| t.listener())
                        .map_or("", |l| workbook.author_name(l));
                    keys(&[
                        ("Enter", &format!("{next}'s turn to speak")),
                        ("e", "end the talk"),
                    ])
                }
                _ => Vec::new(),
            },
            // The step's guide above already asks what was missed.
            FloorMode::Correct(text) => input_lines(text, width),
            FloorMode::Propose(text) => {
                let mut lines = wrapped(&content.couple.agreements.propose, theme().text, width);
                lines.extend(input_lines(text, width));
                lines
            }
            FloorMode::Vote {
                agreement, voter, ..
            } => {
                let voters = Self::voters(session);
                let name = voters.get(*voter).map_or("", |v| workbook.author_name(*v));
                let text = workbook
                    .agreement(*agreement)
                    .map_or("", |a| a.text.as_str());
                let mut lines = wrapped(&format!("Proposed: “{text}”"), theme().accent, width);
                lines.extend(wrapped(
                    &fill(&content.couple.agreements.accept, &[("name", name)]),
                    theme().title,
                    width,
                ));
                lines.extend(keys(&[
                    ("y", "yes, I agree"),
                    ("n", "no"),
                    ("Esc", "not now"),
                ]));
                lines
            }
            FloorMode::AskSkip => [
                wrapped(
                    "Skip this step? It will be noted in the summary.",
                    theme().title,
                    width,
                ),
                keys(&[("y", "skip it"), ("n", "no, go back")]),
            ]
            .concat(),
            FloorMode::AskEnd => [
                wrapped(
                    "End the talk here? Anything proposed is put to both of you first.",
                    theme().title,
                    width,
                ),
                keys(&[("y", "end and see the summary"), ("n", "keep talking")]),
            ]
            .concat(),
        }
    }
}

/// The note that the turn's time is up: whole when it fits in two lines,
/// else its first sentence.
fn time_up_note(content: &Content, width: usize) -> Vec<Line<'static>> {
    let note = format!("⏱ {}", content.couple.timer.ended.trim());
    let lines = wrapped(&note, theme().warning, width);
    if lines.len() <= 2 {
        return lines;
    }
    let first = note.split_inclusive(". ").next().unwrap_or(&note).trim();
    wrapped(first, theme().warning, width)
        .into_iter()
        .take(2)
        .collect()
}

/// The turn timer as a bar that empties; when time is up, a gentle note
/// instead of a cut-off.
fn draw_gauge(
    frame: &mut Frame,
    area: Rect,
    talk: &Conversation,
    now: chrono::DateTime<chrono::FixedOffset>,
    time_up: Vec<Line<'static>>,
) {
    let (Some(total), Some(left)) = (talk.turn_minutes, talk.turn_remaining(now)) else {
        return;
    };
    if talk.time_is_up(now) {
        frame.render_widget(Paragraph::new(time_up), area);
        return;
    }
    let secs = left.num_seconds().max(0);
    let label = format!(" {}:{:02} left", secs / 60, secs % 60);
    let width = (area.width as usize)
        .saturating_sub(label.len() + 2)
        .min(40);
    let fraction = secs as f64 / f64::from(total * 60).max(1.0);
    let filled = ((fraction * width as f64).round() as usize).min(width);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("⏱ ", theme().muted),
            Span::styled("█".repeat(filled), theme().accent),
            Span::styled("░".repeat(width - filled), theme().muted),
            Span::styled(label, theme().muted),
        ])),
        area,
    );
}
