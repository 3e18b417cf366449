//! The decision aid (stage 7): your own answers to its questions beside
//! how your check-ins have moved. It adds nothing up and gives no verdict:
//! there is no "stay" or "leave" anywhere on it. When your private
//! screening raised a concern, it leads with your safety.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::resource_lines;
use crate::action::Action;
use crate::content::Content;
use crate::domain::{AnswerValue, Measure};
use crate::engine::Place;
use crate::ui::screens::PageScreen;
use crate::ui::screens::{Command, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Scroll, draw_scrolled, inner_width, own_checkins, sparklines, wrapped};

#[derive(Debug)]
pub struct DecisionScreen {
    /// The step whose questions are shown (and where Esc goes back to).
    pub place: Place,
    pub scroll: Scroll,
}

impl DecisionScreen {
    pub fn new(place: Place) -> Self {
        Self {
            place,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Down | Action::ScrollDown => self.scroll.down(3),
            Action::Up | Action::ScrollUp => self.scroll.up(3),
            Action::Back | Action::Select => {
                return vec![Command::Goto(Screen::Page(Box::new(PageScreen::new(
                    self.place,
                ))))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let wide = area.width >= 100;
        let [left, right] = if wide {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        let width = inner_width(left);
        let mut lines = self.safety_lines(content, session, width);
        lines.extend(crate::ui::widgets::guidance_lines(
            &content.safety.decision.intro,
            width,
        ));
        lines.push(Line::default());
        lines.extend(self.answer_lines(content, session, width));
        if wide {
            self.scroll.draw(frame, left, "Your answers", lines);
            let trend = trend_lines(content, session, inner_width(right));
            draw_scrolled(frame, right, "Your check-ins", trend, 0);
        } else {
            lines.push(Line::default());
            lines.push(Line::styled("Your check-ins", theme().title));
            lines.extend(trend_lines(content, session, width));
            self.scroll.draw(frame, left, "Decision aid", lines);
        }
    }

    /// First, when the person at the keyboard said they are not safe.
    fn safety_lines(
        &self,
        content: &Content,
        session: &Session,
        width: usize,
    ) -> Vec<Line<'static>> {
        if !session.shows_own_safety_state() {
            return Vec::new();
        }
        let mut lines = wrapped(&content.safety.decision.safety_lead, theme().warning, width);
        lines.extend(wrapped(
            &content.safety.safety.emergency,
            theme().warning,
            width,
        ));
        lines.extend(resource_lines(content, session, width));
        lines.push(Line::default());
        lines
    }

    /// Each question of the step with the person's own answer.
    fn answer_lines(
        &self,
        content: &Content,
        session: &Session,
        width: usize,
    ) -> Vec<Line<'static>> {
        let engine = session.engine(content);
        let answers = &session.progress().answers;
        let mut lines = Vec::new();
        for (id, prompt) in engine.fields(self.place) {
            lines.extend(wrapped(&prompt.text, theme().title, width));
            let answer = match answers.get(&id).map(|a| &a.value) {
                Some(AnswerValue::Scale(n)) => format!("{n} / 10"),
                Some(AnswerValue::Text(t)) if !t.trim().is_empty() => t.trim().to_string(),
                Some(AnswerValue::Choice(set)) if !set.is_empty() => set
                    .iter()
                    .filter_map(|i| prompt.options.get(*i).cloned())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => "Not answered yet: Esc, then Enter on the question.".to_string(),
            };
            let style = if answers.contains_key(&id) {
                theme().accent
            } else {
                theme().muted
            };
            for paragraph in answer.lines() {
                lines.extend(wrapped(paragraph, style, width));
            }
            lines.push(Line::default());
        }
        lines
    }
}

/// The person's check-ins: first and latest score per measure, and the
/// recent ones as sparklines. Numbers only, no judgement.
fn trend_lines(content: &Content, session: &Session, width: usize) -> Vec<Line<'static>> {
    let checkins = own_checkins(session.workbook(), session.writer());
    let (Some(first), Some(last)) = (checkins.first(), checkins.last()) else {
        return wrapped(
            "No check-ins yet. Check in (3) from time to time to see how things move.",
            theme().muted,
            width,
        );
    };
    let mut lines = vec![Line::styled(
        format!(
            "{} check-ins, {} to {}",
            checkins.len(),
            session.clock().local(first.created_at).format("%-d %b %Y"),
            session.clock().local(last.created_at).format("%-d %b %Y")
        ),
        theme().muted,
    )];
    lines.push(Line::default());
    for measure in Measure::ALL {
        let label = &content.checkin.measure(measure).label;
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<22}"), theme().text),
            Span::styled(
                format!(
                    "{:>2} → {:>2}",
                    first.scores.get(measure),
                    last.scores.get(measure)
                ),
                theme().accent,
            ),
        ]));
    }
    if let Some(line) = sparklines(content, &checkins, width, 12) {
        lines.push(Line::default());
        lines.push(line);
    }
    lines
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for DecisionScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Decision
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
        "Stage 7 · decision aid".to_string()
    }
}
