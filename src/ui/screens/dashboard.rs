//! The progress dashboard: the seven stages at a glance, when the last
//! check-in was and when the next is suggested, a chart of the four
//! check-in scores over time, and journal entries and reflections per
//! week. Side by side where there is room, stacked and scrolling where
//! there is not.

use std::cell::Cell;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, Block, Chart, Dataset, GraphType, Padding, Paragraph, Widget,
};
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::content::Content;
use crate::domain::{CheckIn, Measure, SCALE_MAX};
use crate::engine::{Engine, StageState, StageSummary};
use crate::journal_view::PER_WEEK_TITLE;
use crate::ui::screens::{Command, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    marker, own_checkins, progress_dots, series_style, since_label, truncate, wrap,
};

/// How many weeks of journal counts are kept; the chart shows as many of
/// the latest as fit.
const WEEKS: usize = 26;
/// From this width of the screen's body (a 100-column terminal) the stages
/// and the check-in status sit side by side.
const WIDE: u16 = 98;
/// The fewest weeks the journal counts show.
const MIN_WEEKS: usize = 8;
/// A chart tall enough for one row per point of the scale.
const CHART_HEIGHT: u16 = 17;

#[derive(Debug)]
pub struct DashboardScreen {
    /// Lines scrolled, when the window is too small for everything.
    pub scroll: u16,
    /// The largest useful scroll at the last draw (depends on the size).
    scroll_max: Cell<u16>,
    /// Journal entries and written reflections per week (weeks start on
    /// Monday), oldest first, ending with this week. Counted once, when
    /// the dashboard opens, so drawing stays quick with a long journal.
    weeks: Vec<(NaiveDate, u64)>,
}

impl DashboardScreen {
    pub fn new(content: &Content, session: &Session) -> Self {
        let weeks = session.written_per_week(content, WEEKS);
        Self {
            scroll: 0,
            scroll_max: Cell::new(u16::MAX),
            weeks,
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        _content: &Content,
        _session: &mut Session,
    ) -> Vec<Command> {
        let max = self.scroll_max.get();
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::ScrollDown => self.scroll = self.scroll.saturating_add(10).min(max),
            Action::ScrollUp => self.scroll = self.scroll.saturating_sub(10),
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let view = View::new(content, session, &self.weeks);
        // Everything is drawn on a canvas as tall as it needs, and the part
        // that fits is copied to the screen: charts scroll like text.
        let needed = view.height(area.width);
        let canvas_height = needed.max(area.height);
        let max = canvas_height - area.height;
        // Remembered so scrolling stops at the end; only a cache.
        self.scroll_max.set(max);
        let top = self.scroll.min(max);
        let mut canvas = Buffer::empty(Rect::new(0, 0, area.width, canvas_height));
        let whole = canvas.area;
        view.render(&mut canvas, whole);
        let screen = frame.buffer_mut();
        for y in 0..area.height {
            for x in 0..area.width {
                if let (Some(from), Some(to)) = (
                    canvas.cell((x, y + top)),
                    screen.cell_mut((area.x + x, area.y + y)),
                ) {
                    *to = from.clone();
                }
            }
        }
        let hint = if top < max {
            Some(" ↓ more below ")
        } else if top > 0 {
            Some(" ↑ more above ")
        } else {
            None
        };
        if let Some(hint) = hint {
            let width = hint.width() as u16;
            if area.width > width + 2 {
                let at = Rect::new(area.right() - width - 2, area.bottom() - 1, width, 1);
                frame.render_widget(Line::styled(hint, theme().muted), at);
            }
        }
    }
}

/// What the dashboard shows, worked out once per frame.
struct View<'a> {
    content: &'a Content,
    session: &'a Session,
    checkins: Vec<&'a CheckIn>,
    weeks: &'a [(NaiveDate, u64)],
}

impl<'a> View<'a> {
    fn new(content: &'a Content, session: &'a Session, weeks: &'a [(NaiveDate, u64)]) -> Self {
        Self {
            content,
            session,
            checkins: own_checkins(session.workbook(), session.writer()),
            weeks,
        }
    }

    fn stages_height(&self) -> u16 {
        self.content.stages.len() as u16 + 2
    }

    fn status_height(&self, width: u16) -> u16 {
        self.status_lines(inner_width(width)).len() as u16 + 2
    }

    fn chart_height(&self, width: u16) -> u16 {
        if self.checkins.len() < 2 {
            self.no_chart_lines(inner_width(width)).len() as u16 + 2
        } else {
            CHART_HEIGHT
        }
    }

    /// A row per week: eight weeks when stacked. A note when nothing was
    /// written.
    fn journal_height(&self, width: u16) -> u16 {
        if self.weeks.iter().all(|(_, n)| *n == 0) {
            nothing_written(MIN_WEEKS, inner_width(width)).len() as u16 + 2
        } else {
            MIN_WEEKS as u16 + 2
        }
    }

    /// The rows everything needs at this width.
    fn height(&self, width: u16) -> u16 {
        if width >= WIDE {
            let (left, right) = columns(width);
            self.stages_height().max(self.status_height(right))
                + self.chart_height(left).max(self.journal_height(right))
        } else {
            self.stages_height()
                + self.status_height(width)
                + self.chart_height(width)
                + self.journal_height(width)
        }
    }

    fn render(&self, buf: &mut Buffer, area: Rect) {
        // A real chart takes the room that is left; a note in its place
        // does not, and the room stays empty at the bottom.
        let spare = area.height.saturating_sub(self.height(area.width));
        let grow = |rows: u16| {
            if self.checkins.len() >= 2 {
                Constraint::Length(rows + spare)
            } else {
                Constraint::Length(rows)
            }
        };
        if area.width >= WIDE {
            // Stages and check-ins on top, chart and weeks below.
            let (left, right) = columns(area.width);
            let top = self.stages_height().max(self.status_height(right));
            let bottom = self.chart_height(left).max(self.journal_height(right));
            let [top_row, bottom_row, _] =
                Layout::vertical([Constraint::Length(top), grow(bottom), Constraint::Fill(1)])
                    .areas(area);
            let split = Layout::horizontal([Constraint::Length(left), Constraint::Length(right)]);
            let [stages, status] = split.areas(top_row);
            let [chart, journal] = split.areas(bottom_row);
            self.render_stages(buf, stages);
            self.render_status(buf, status);
            self.render_chart(buf, chart);
            self.render_journal(buf, journal);
        } else {
            let [stages, status, chart, journal, _] = Layout::vertical([
                Constraint::Length(self.stages_height()),
                Constraint::Length(self.status_height(area.width)),
                grow(self.chart_height(area.width)),
                Constraint::Length(self.journal_height(area.width)),
                Constraint::Fill(1),
            ])
            .areas(area);
            self.render_stages(buf, stages);
            self.render_status(buf, status);
            self.render_chart(buf, chart);
            self.render_journal(buf, journal);
        }
    }

    fn render_stages(&self, buf: &mut Buffer, area: Rect) {
        let block = section(" Stages ");
        let inner = block.inner(area);
        block.render(area, buf);
        let engine = Engine::new(self.content, self.session.workbook().role());
        let progress = &self.session.progress();
        let rows: Vec<Line> = self
            .content
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                stage_row(
                    i,
                    &stage.title,
                    engine.summary(progress, i),
                    inner.width as usize,
                )
            })
            .collect();
        Paragraph::new(rows).render(inner, buf);
    }

    fn status_lines(&self, width: usize) -> Vec<Line<'static>> {
        let workbook = self.session.workbook();
        let today = self.session.clock().today();
        let interval = workbook.checkin_interval_days;
        let after = if interval == 1 {
            "after a day".to_string()
        } else {
            format!("after {interval} days")
        };
        let mut lines = Vec::new();
        let last = workbook
            .last_checkin()
            .map(|c| self.session.clock().local(c.created_at).date_naive());
        let when = last
            .map(|d| d.format("%a %-d %b").to_string())
            .unwrap_or_default();
        match workbook.days_since_checkin(today) {
            // The suggestion says there is none yet.
            None => lines.extend(
                wrap(&self.content.checkin.first(interval), width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme().text)),
            ),
            Some(days) if workbook.checkin_due(today) => {
                // The suggestion says how long it has been.
                lines.push(Line::styled(
                    format!("Last check-in: {when}"),
                    theme().muted,
                ));
                lines.extend(
                    wrap(&self.content.checkin.due(days, interval), width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme().text)),
                );
            }
            Some(days) => {
                let since = match days {
                    0 => since_label(Some(days)),
                    _ => format!("{} ({when})", since_label(Some(days))),
                };
                lines.extend(
                    wrap(&since, width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme().text)),
                );
                // Due on the day `interval` days after the last one.
                let next = format!(
                    "Next reminder: {} ({after})",
                    workbook.next_checkin(today).format("%a %-d %b")
                );
                lines.extend(
                    wrap(&next, width)
                        .into_iter()
                        .map(|l| Line::styled(l, theme().muted)),
                );
            }
        }
        lines
    }

    fn render_status(&self, buf: &mut Buffer, area: Rect) {
        let count = self
            .session
            .workbook()
            .checkins
            .iter()
            .filter(|c| c.is_shown())
            .count();
        let title = match count {
            0 => " Check-ins ".to_string(),
            1 => " Check-ins · 1 so far ".to_string(),
            n => format!(" Check-ins · {n} so far "),
        };
        let block = section(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        Paragraph::new(self.status_lines(inner.width as usize)).render(inner, buf);
    }

    fn no_chart_lines(&self, width: usize) -> Vec<Line<'static>> {
        let text = match self.checkins.len() {
            0 => &self.content.checkin.dashboard.chart_empty,
            _ => &self.content.checkin.dashboard.chart_one,
        };
        wrap(text, width)
            .into_iter()
            .map(|l| Line::styled(l, theme().muted))
            .collect()
    }

    fn render_chart(&self, buf: &mut Buffer, area: Rect) {
        let workbook = self.session.workbook();
        let title = if workbook.participants.len() > 1 {
            format!(
                " Check-in scores over time · {} ",
                workbook.author_name(self.session.writer())
            )
        } else {
            " Check-in scores over time ".to_string()
        };
        let block = section(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        let (Some(first), Some(last)) = (self.checkins.first(), self.checkins.last()) else {
            Paragraph::new(self.no_chart_lines(inner.width as usize)).render(inner, buf);
            return;
        };
        if self.checkins.len() < 2 {
            Paragraph::new(self.no_chart_lines(inner.width as usize)).render(inner, buf);
            return;
        }
        // The legend under the chart names each marker, with the latest
        // score, so the chart reads without colour.
        let legend = legend(self.content, last, inner.width as usize);
        let legend_height = legend.len() as u16;
        let [chart_area, _, legend_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(legend_height),
        ])
        .areas(inner);
        Paragraph::new(legend).render(legend_area, buf);

        let start = first.created_at;
        let days = |c: &CheckIn| (c.created_at - start).num_seconds() as f64 / 86_400.0;
        // At least an hour wide, so check-ins on one evening spread out.
        let span = days(last).max(1.0 / 24.0);
        // One column of the plot, in days (the y labels and axis take 5).
        let column = span / f64::from(chart_area.width.saturating_sub(6).max(1));
        let series = |shift: f64| -> Vec<Vec<(f64, f64)>> {
            Measure::ALL
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    // Equal scores on one day would hide each other: the
                    // markers sit side by side, a column apart.
                    let x_shift = shift * (i as f64 - 1.5) * column;
                    self.checkins
                        .iter()
                        .map(|c| (days(c) + x_shift, f64::from(c.scores.get(*m))))
                        .collect()
                })
                .collect()
        };
        let lines = series(0.0);
        let markers = series(1.0);
        let mut datasets = Vec::new();
        // Thin lines first, then each check-in's marker on top.
        for (measure, points) in Measure::ALL.iter().zip(&lines) {
            datasets.push(
                Dataset::default()
                    .data(points)
                    .graph_type(GraphType::Line)
                    .marker(Marker::Braille)
                    .style(series_style(*measure)),
            );
        }
        for (measure, points) in Measure::ALL.iter().zip(&markers) {
            datasets.push(
                Dataset::default()
                    .data(points)
                    .graph_type(GraphType::Scatter)
                    .marker(Marker::Custom(marker(*measure)))
                    .style(series_style(*measure)),
            );
        }
        let local = |c: &CheckIn| self.session.clock().local(c.created_at);
        let first_date = local(first).date_naive();
        let last_date = local(last).date_naive();
        let label = |d: NaiveDate| Line::styled(d.format("%-d %b").to_string(), theme().muted);
        let middle = first_date + chrono::Duration::days((last_date - first_date).num_days() / 2);
        let x_labels = if middle != first_date && middle != last_date {
            vec![label(first_date), label(middle), label(last_date)]
        } else if first_date != last_date {
            vec![label(first_date), label(last_date)]
        } else {
            // All on one day: the times tell them apart.
            let time = |c: &CheckIn| local(c).format("%H:%M").to_string();
            vec![
                Line::styled(time(first), theme().muted),
                Line::styled(time(last), theme().muted),
            ]
        };
        let max = f64::from(SCALE_MAX);
        Chart::new(datasets)
            .x_axis(
                Axis::default()
                    // Room for the side-by-side markers at both ends.
                    .bounds([-2.0 * column, span + 2.0 * column])
                    .labels(x_labels)
                    .style(theme().border),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, max])
                    .labels(["0", "5", "10"].map(|l| Line::styled(l, theme().muted)))
                    .style(theme().border),
            )
            .legend_position(None)
            .render(chart_area, buf);
    }

    fn render_journal(&self, buf: &mut Buffer, area: Rect) {
        // A row per week, this week last: as many as fit, from the first
        // week with an entry (but at least the last eight).
        let rows = area.height.saturating_sub(2).max(1) as usize;
        let written = self
            .weeks
            .iter()
            .position(|(_, n)| *n > 0)
            .map_or(0, |first| self.weeks.len() - first);
        let shown = &self.weeks[self
            .weeks
            .len()
            .saturating_sub(rows.min(written.max(MIN_WEEKS)))..];
        let block = section(&format!(" {PER_WEEK_TITLE} "));
        let inner = block.inner(area);
        block.render(area, buf);
        if shown.iter().all(|(_, n)| *n == 0) {
            // The note's height was planned for the fewest weeks shown.
            let weeks = if self.weeks.iter().all(|(_, n)| *n == 0) {
                MIN_WEEKS
            } else {
                shown.len()
            };
            Paragraph::new(nothing_written(weeks, inner.width as usize)).render(inner, buf);
            return;
        }
        let bars: Vec<Bar> = shown
            .iter()
            .map(|(monday, n)| {
                Bar::default()
                    .value(*n)
                    .label(Line::from(monday.format("%-d %b").to_string()))
                    .text_value(format!("{n} "))
            })
            .collect();
        BarChart::horizontal(bars)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme().accent)
            .value_style(
                theme()
                    .accent
                    .add_modifier(ratatui::style::Modifier::REVERSED),
            )
            .label_style(theme().muted)
            .render(inner, buf);
    }
}

/// "No journal entries … in the last 8 weeks."
fn nothing_written(weeks: usize, width: usize) -> Vec<Line<'static>> {
    let text = format!("No journal entries or written reflections in the last {weeks} weeks.");
    wrap(&text, width)
        .into_iter()
        .map(|l| Line::styled(l, theme().muted))
        .collect()
}

/// The widths of the two columns of the top row on a wide screen.
fn columns(width: u16) -> (u16, u16) {
    let left = width * 3 / 5;
    (left, width - left)
}

/// The width inside a section's border and padding.
fn inner_width(width: u16) -> usize {
    width.saturating_sub(4) as usize
}

fn section(title: &str) -> Block<'static> {
    Block::bordered()
        .border_style(theme().border)
        .title(title.to_string())
        .padding(Padding::horizontal(1))
}

/// "● Trust 7   ◆ Feeling safe 5 …": each marker named, with the latest
/// score, wrapped between (never inside) the items.
fn legend(content: &Content, latest: &CheckIn, width: usize) -> Vec<Line<'static>> {
    const GAP: &str = "   ";
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for measure in Measure::ALL {
        let item = [
            Span::styled(marker(measure).to_string(), series_style(measure)),
            Span::styled(
                format!(" {} ", content.checkin.measure(measure).label),
                theme().text,
            ),
            Span::styled(latest.scores.get(measure).to_string(), theme().muted),
        ];
        let item_width: usize = item.iter().map(Span::width).sum();
        if used > 0 && used + GAP.len() + item_width > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw(GAP));
            used += GAP.len();
        }
        line.extend(item);
        used += item_width;
    }
    lines.push(Line::from(line));
    lines
}

/// "1  Acknowledge      ●●●○○  3/5  ✓ complete", or "in progress" for a
/// stage that has begun (as `status` and the exports say). Narrow screens
/// drop the dots and take shorter words.
fn stage_row(index: usize, title: &str, summary: StageSummary, width: usize) -> Line<'static> {
    let lead = format!("{}  ", index + 1);
    let counts = format!("  {}/{}", summary.steps_complete, summary.steps_total);
    let dots = progress_dots(summary.steps_complete, summary.steps_total);
    let show_dots = width >= 44;
    let (done, begun, state_width) = if show_dots {
        ("  ✓ complete", "  in progress", 13)
    } else {
        ("  ✓ done", "  started", 9)
    };
    let (state, state_style) = match summary.state {
        StageState::Complete => (done, theme().done),
        StageState::InProgress => (begun, theme().muted),
        StageState::NotStarted => ("", theme().muted),
    };
    let fixed =
        lead.width() + counts.width() + state_width + if show_dots { dots.width() + 1 } else { 0 };
    let title = truncate(title, width.saturating_sub(fixed + 1));
    let pad = width.saturating_sub(fixed + title.width());
    let mut spans = vec![
        Span::styled(lead, theme().muted),
        Span::styled(title, theme().text),
        Span::raw(" ".repeat(pad)),
    ];
    if show_dots {
        spans.push(Span::styled(format!(" {dots}"), theme().accent));
    }
    spans.push(Span::styled(counts, theme().muted));
    spans.push(Span::styled(format!("{state:<state_width$}"), state_style));
    Line::from(spans)
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for DashboardScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Dashboard
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, cx.content, session)
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
        "Progress".to_string()
    }
}
