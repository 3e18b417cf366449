//! The stage overview: the seven stages with their progress, and the
//! recommended next step highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::{HomeScreen, PageScreen};
use crate::action::Action;
use crate::app::{Command, Effect, Screen, Session};
use crate::content::Content;
use crate::engine::{Engine, Place, StageSummary};
use crate::ui::theme::THEME;
use crate::ui::widgets::{
    list_window, progress_dots, selection_marker, stage_step_lines, truncate,
};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default)]
pub struct OverviewScreen {
    pub selected: usize,
}

impl OverviewScreen {
    pub fn at(stage: usize) -> Self {
        Self { selected: stage }
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
        let engine = Engine::new(content, session.workbook.role());
        let recommended = engine.recommended(&session.workbook.progress);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(content.stages.len().saturating_sub(1))
            }
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
                    Command::Effect(Effect::Close(session.key.clone())),
                    Command::Goto(Screen::Home(HomeScreen::default())),
                ];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let engine = Engine::new(content, session.workbook.role());
        let progress = &session.workbook.progress;
        let recommended = engine.recommended(progress);
        let [list_area, detail_area] = Layout::vertical([
            Constraint::Length(content.stages.len() as u16 + 2),
            Constraint::Min(0),
        ])
        .areas(area);

        let block = Block::bordered()
            .border_style(THEME.border)
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
        frame.render_widget(Paragraph::new(rows[start..end].to_vec()), inner);

        let Some(stage) = content.stages.get(self.selected) else {
            return;
        };
        let mut detail = vec![
            Line::styled(stage.summary.clone(), THEME.text),
            Line::default(),
        ];
        detail.extend(stage_step_lines(&engine, progress, self.selected));
        detail.push(Line::default());
        detail.push(match recommended {
            Some(place) => Line::from(vec![
                Span::styled("Recommended next: ", THEME.muted),
                Span::styled(engine.describe(place), THEME.accent),
                Span::styled("  (c)", THEME.muted),
            ]),
            None => Line::styled(
                "Every stage is complete. You can revisit any of them.",
                THEME.accent,
            ),
        });
        frame.render_widget(
            Paragraph::new(detail).wrap(Wrap { trim: true }).block(
                Block::bordered()
                    .border_style(THEME.border)
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
    let title_style = if selected { THEME.selected } else { THEME.text };
    let (state, symbol, state_style) = if summary.complete {
        ("✓ complete", "✓", THEME.done)
    } else if next {
        ("← next", "←", THEME.accent)
    } else {
        ("", " ", THEME.muted)
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
        Span::styled(lead, THEME.muted),
        Span::styled(title, title_style),
        Span::raw(" ".repeat(width.saturating_sub(used))),
    ];
    if show_dots {
        spans.push(Span::styled(format!("{dots} "), THEME.accent));
    }
    spans.push(Span::styled(counts, THEME.muted));
    spans.push(Span::styled(state, state_style));
    Line::from(spans)
}
