//! A finished talk's summary: the topic, turns taken, paraphrases
//! confirmed, agreements made and the next check-in. Shown when the talk
//! ends and from couple mode's list of earlier talks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use uuid::Uuid;

use crate::action::Action;
use crate::content::Content;
use crate::couple::Summary;
use crate::ui::screens::{Command, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Scroll, guidance_lines, inner_width, wrapped};

#[derive(Debug)]
pub struct SummaryScreen {
    /// The conversation shown.
    pub talk: Uuid,
    /// Kept within the text, however often ↓ is pressed.
    pub scroll: Scroll,
}

impl SummaryScreen {
    pub fn new(talk: Uuid) -> Self {
        Self {
            talk,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Down => self.scroll.down(1),
            Action::Up => self.scroll.up(1),
            Action::Back | Action::Select => {
                return vec![Command::Goto(Screen::Talk(Box::default()))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let workbook = session.workbook();
        let Some(talk) = workbook.conversations.iter().find(|t| t.id == self.talk) else {
            return;
        };
        let width = inner_width(area);
        // Talks saved before summaries were kept are summed up now.
        let summary = talk.summary.clone().unwrap_or_else(|| {
            Summary::of(
                talk,
                &workbook.agreements,
                None,
                talk.ended_at.unwrap_or(talk.started_at),
            )
        });
        let mut lines = guidance_lines(&content.couple.summary.intro, width);
        lines.push(Line::default());
        // Label and value side by side; in a narrow window the value goes
        // under its label rather than off the edge.
        let columns = width >= 24 + 20;
        let fact = |label: &str, value: String| -> Vec<Line<'static>> {
            let (indent, mut lines) = if columns {
                (24, Vec::new())
            } else {
                (2, vec![Line::styled(label.to_string(), theme().muted)])
            };
            for (i, part) in wrapped(&value, theme().title, width.saturating_sub(indent))
                .into_iter()
                .enumerate()
            {
                let lead = match (columns, i) {
                    (true, 0) => format!("{label:<24}"),
                    _ => " ".repeat(indent),
                };
                let mut spans = vec![Span::styled(lead, theme().muted)];
                spans.extend(part.spans);
                lines.push(Line::from(spans));
            }
            lines
        };
        lines.extend(fact("Topic", summary.topic.clone()));
        // The record is both people's, whoever held the keyboard.
        let [a, b] = talk.partners;
        let workbook = session.workbook();
        lines.extend(fact(
            "By",
            format!(
                "{} and {}",
                workbook.author_name(a),
                workbook.author_name(b)
            ),
        ));
        lines.extend(fact(
            "When",
            session
                .clock()
                .local(talk.started_at)
                .format("%A %-d %B %Y, %H:%M")
                .to_string(),
        ));
        lines.extend(fact("Turns taken", summary.turns_taken.to_string()));
        lines.extend(fact(
            "Paraphrases confirmed",
            summary.paraphrases_confirmed.to_string(),
        ));
        if summary.steps_skipped > 0 {
            lines.extend(fact(
                "Steps skipped on purpose",
                summary.steps_skipped.to_string(),
            ));
        }
        if summary.time_outs > 0 {
            lines.extend(fact("Time-outs", summary.time_outs.to_string()));
        }
        if let Some(date) = summary.next_checkin {
            lines.extend(fact("Next check-in", date.format("%A %-d %B").to_string()));
        }
        lines.push(Line::default());
        if summary.agreements.is_empty() {
            lines.push(Line::styled(
                "No agreements this time; that is fine.",
                theme().muted,
            ));
        } else {
            lines.push(Line::styled("Agreed by both of you:", theme().text));
            for a in &summary.agreements {
                lines.extend(wrapped(&format!("✓ {a}"), theme().done, width));
            }
        }
        if !summary.not_agreed.is_empty() {
            lines.push(Line::styled("Proposed, for another time:", theme().muted));
            for a in &summary.not_agreed {
                lines.extend(wrapped(&format!("· {a}"), theme().muted, width));
            }
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            "This summary is kept in your journal too.",
            theme().muted,
        ));
        self.scroll
            .draw(frame, area, &content.couple.summary.title, lines);
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for SummaryScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::TalkSummary
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        if cx.session.is_none() {
            return Vec::new();
        }
        self.update(action)
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
        "Together · summary".to_string()
    }
}
