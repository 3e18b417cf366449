//! The stage overview: the seven stages with their progress, and the
//! recommended next step highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::{HomeScreen, PageScreen};
use crate::action::Action;
use crate::content::Content;
use crate::engine::{Place, StageSummary};
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    ClickMap, list_window, own_checkins, progress_dots, selection_marker, since_label, sparklines,
    stage_step_lines, truncate, wrap,
};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default)]
pub struct OverviewScreen {
    pub selected: usize,
    /// Where each stage's row was drawn, for the mouse.
    pub clicks: ClickMap,
}

impl OverviewScreen {
    pub fn at(stage: usize) -> Self {
        Self {
            selected: stage,
            clicks: ClickMap::default(),
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: Option<&Session>,
    ) -> Vec<Command> {
        let Some(session) = session else {
            return Vec::new();
        };
        let engine = session.engine(content);
        let recommended = engine.recommended(session.progress());
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(content.stages.len().saturating_sub(1))
            }
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = content.stages.len().saturating_sub(1),
            Action::Select => {
                // Into the stage where the work is: its recommended step if
                // the recommendation is in this stage, else its intro.
                let place = recommended
                    .filter(|p| p.stage() == self.selected)
                    .unwrap_or(Place::Intro(self.selected));
                return open_page(place);
            }
            Action::Continue => {
                return match recommended {
                    Some(place) => open_page(place),
                    None => vec![Command::Status(
                        "Every stage is complete. You can revisit any of them.".into(),
                    )],
                };
            }
            Action::Back => {
                return vec![
                    Command::Effect(Effect::Close(session.key().clone())),
                    Command::Goto(Screen::Home(HomeScreen::default())),
                ];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let engine = session.engine(content);
        let progress = session.progress();
        let recommended = engine.recommended(progress);
        let [list_area, rest] = Layout::vertical([
            Constraint::Length(content.stages.len() as u16 + 2),
            Constraint::Min(0),
        ])
        .areas(area);

        let block = Block::bordered()
            .border_style(theme().border)
            .title(" Stages ");
        let inner = block.inner(list_area);
        frame.render_widget(block, list_area);
        let rows: Vec<Line> = content
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let summary = engine.summary(progress, i);
                let selected = i == self.selected;
                let next = recommended.is_some_and(|p| p.stage() == i);
                stage_row(i, &stage.title, summary, selected, next, inner.width)
            })
            .collect();
        let (start, end) = list_window(rows.len(), self.selected, inner.height as usize);
        self.clicks.rows(inner, start, end - start);
        frame.render_widget(Paragraph::new(rows[start..end].to_vec()), inner);

        let Some(stage) = content.stages.get(self.selected) else {
            return;
        };
        // The check-in note goes under the stage's box; both give way
        // when the window is short (see `fit_checkin_strip`).
        let text_width = rest.width.saturating_sub(4) as usize;
        let summary = wrap(&stage.summary, text_width);
        let steps = stage_step_lines(&engine, progress, self.selected);
        // Summary, a blank line, the steps, a blank line, the recommendation.
        let full = summary.len() + steps.len() + 3 + 2;
        let (strip, spaced) = fit_checkin_strip(content, session, text_width, rest.height, full);
        // The note sits right under the stage's box, which keeps to the
        // height it needs.
        let detail_rows = if spaced { full } else { full - 1 } as u16;
        let [detail_area, strip_area, _] = Layout::vertical([
            Constraint::Length(detail_rows.min(rest.height.saturating_sub(strip.len() as u16))),
            Constraint::Length(strip.len() as u16),
            Constraint::Fill(1),
        ])
        .areas(rest);
        frame.render_widget(
            Paragraph::new(strip),
            strip_area.inner(ratatui::layout::Margin::new(2, 0)),
        );
        if detail_area.height == 0 {
            return;
        }
        let mut detail: Vec<Line> = summary
            .into_iter()
            .map(|l| Line::styled(l, theme().text))
            .collect();
        if spaced {
            detail.push(Line::default());
        }
        detail.extend(steps);
        detail.push(Line::default());
        // After private answers that raised a concern, support comes
        // first: said only to that person, once they have shown it is them
        // (in a workbook for one, always).
        let own_concern = session.workbook().safety.flagged_by(session.writer())
            && session.shows_own_safety_state();
        detail.push(match recommended {
            _ if own_concern => Line::from(vec![
                Span::styled("Recommended next: ", theme().muted),
                Span::styled("support for you", theme().accent),
                Span::styled("  (Ctrl+S)", theme().muted),
            ]),
            Some(place) => Line::from(vec![
                Span::styled("Recommended next: ", theme().muted),
                Span::styled(engine.describe(place), theme().accent),
                Span::styled("  (c)", theme().muted),
            ]),
            None => Line::styled(
                "Every stage is complete. You can revisit any of them.",
                theme().accent,
            ),
        });
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: true }).block(
                Block::bordered()
                    .border_style(theme().border)
                    .title(format!(" {} ", stage.title))
                    .padding(Padding::horizontal(1)),
            ),
            detail_area,
        );
    }
}

fn open_page(place: Place) -> Vec<Command> {
    // The app records the new position (and saves) on every page change.
    vec![Command::Goto(Screen::Page(Box::new(PageScreen::new(
        place,
    ))))]
}

fn stage_row(
    index: usize,
    title: &str,
    summary: StageSummary,
    selected: bool,
    next: bool,
    width: u16,
) -> Line<'static> {
    let width = width as usize;
    let title_style = if selected {
        theme().selected
    } else {
        theme().text
    };
    let (state, symbol, state_style) = if summary.complete {
        ("✓ complete", "✓", theme().done)
    } else if next {
        ("← next", "←", theme().accent)
    } else {
        ("", " ", theme().muted)
    };
    // Fixed-width columns on the right, so the rows line up whatever the
    // state of each stage. Narrow screens get a compact form.
    let dots = progress_dots(summary.steps_complete, summary.steps_total);
    let (counts, state) = if width >= 60 {
        (
            format!(
                " {:>10}  ",
                format!("{}/{} steps", summary.steps_complete, summary.steps_total)
            ),
            format!("{state:<10}"),
        )
    } else {
        (
            format!(" {}/{} ", summary.steps_complete, summary.steps_total),
            symbol.to_string(),
        )
    };
    let lead = format!("{}  ", index + 1);
    let fixed = 2 + lead.chars().count() + counts.chars().count() + state.chars().count();
    let show_dots = width >= 60;
    let dots_width = if show_dots {
        dots.chars().count() + 1
    } else {
        0
    };
    let title = truncate(title, width.saturating_sub(fixed + dots_width + 1));
    let used = fixed + dots_width + title.width();
    let mut spans = vec![
        selection_marker(selected),
        Span::styled(lead, theme().muted),
        Span::styled(title, title_style),
        Span::raw(" ".repeat(width.saturating_sub(used))),
    ];
    if show_dots {
        spans.push(Span::styled(format!("{dots} "), theme().accent));
    }
    spans.push(Span::styled(counts, theme().muted));
    spans.push(Span::styled(state, state_style));
    Line::from(spans)
}

/// The check-in note under the stage's box: the suggestion when one is due
/// (or how long since the last), and the recent scores as sparklines.
/// Returns the lines that fit in `height` beside the stage detail (which
/// needs `detail` rows with its blank line), and whether that blank line
/// stays. The stage detail comes first; the note shortens, then goes.
fn fit_checkin_strip(
    content: &Content,
    session: &Session,
    width: usize,
    height: u16,
    detail: usize,
) -> (Vec<Line<'static>>, bool) {
    let workbook = session.workbook();
    let today = session.clock().today();
    let days = workbook.days_since_checkin(today);
    let due = workbook.checkin_due(today);
    let interval = workbook.checkin_interval_days;
    let suggestion = match days {
        Some(days) if due => Some(content.checkin.due(days, interval)),
        None => Some(content.checkin.first(interval)),
        Some(_) => None,
    };
    let short = with_key(&since_label(days), due, theme().muted, width);
    let long = match &suggestion {
        Some(text) => with_key(text, true, theme().text, width),
        None => short.clone(),
    };
    let checkins = own_checkins(workbook, session.writer());
    let sparks = sparklines(content, &checkins, width, 8);
    let plus_sparks = |lines: &[Line<'static>]| -> Vec<Line<'static>> {
        lines.iter().cloned().chain(sparks.clone()).collect()
    };
    let height = height as usize;
    let choices = [
        plus_sparks(&long),
        long.clone(),
        plus_sparks(&short),
        short.clone(),
    ];
    for strip in choices {
        // The full detail, then without the blank line under the summary.
        for (spaced, rows) in [(true, detail), (false, detail - 1)] {
            if strip.len() + rows <= height {
                return (strip, spaced);
            }
        }
    }
    // Not even the stage detail fits: the short note in one line, if
    // there is a line.
    let lines = match height {
        0 => Vec::new(),
        _ if short.len() == 1 => short,
        _ => vec![Line::styled(
            truncate(&since_label(days), width),
            theme().muted,
        )],
    };
    (lines, false)
}

/// A text wrapped to `width`, followed (when `key` is set) by "(3)", the
/// key that starts a check-in from here (as "(c)" follows the
/// recommendation).
fn with_key(
    text: &str,
    key: bool,
    style: ratatui::style::Style,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    if !key {
        return lines;
    }
    let press = vec![
        Span::styled("(", theme().muted),
        Span::styled("3", theme().key),
        Span::styled(")", theme().muted),
    ];
    const PRESS_WIDTH: usize = 5;
    match lines.last_mut() {
        Some(last) if last.width() + PRESS_WIDTH <= width => {
            last.spans.push(Span::raw("  "));
            last.spans.extend(press);
        }
        _ => lines.push(Line::from(press)),
    }
    lines
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for OverviewScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Overview
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        self.update(action, cx.content, cx.session.as_deref())
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
        "Overview".to_string()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (true).then_some((&self.clicks, self.selected))
    }
}
