//! The check-in form: the four scales, the commitments kept or missed since
//! last time, a note, and when to be reminded next. The scales start
//! unchosen, so no point is suggested; saving needs all four.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::{DashboardScreen, OverviewScreen, round_screen};
use crate::action::Action;
use crate::content::Content;
use crate::couple::{PrivateRound, PrivateState};
use crate::domain::{CommitmentCheck, Measure, SCALE_MAX, Scores};
use crate::keymap::Context;
use crate::open::NewCheckIn;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    centered, measure_index, own_checkins, paste, selection_marker, text_box, truncate, wrap,
};

/// The shortest and longest reminder interval the form offers, in days
/// (the config file is held to the same).
pub const INTERVAL_DAYS: std::ops::RangeInclusive<u32> = crate::domain::CHECKIN_INTERVAL_DAYS;

/// Lines of the note box while writing in it.
const NOTE_EDIT_LINES: usize = 5;
/// Lines of a written note shown while not writing.
const NOTE_SHOWN_LINES: usize = 4;

/// One stop of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInField {
    Scale(Measure),
    /// A commitment from the tracker, by index.
    Commitment(usize),
    Note,
    Interval,
    Save,
}

#[derive(Debug)]
pub struct CheckInScreen {
    /// In `Measure::ALL` order; `None` until chosen.
    pub scores: [Option<u8>; 4],
    /// The commitments from the accountability tracker, each with
    /// `Some(kept)` once rated.
    pub commitments: Vec<(String, Option<bool>)>,
    note: Box<TextArea<'static>>,
    pub editing_note: bool,
    /// Days until the next reminder.
    pub interval: u32,
    initial_interval: u32,
    /// The focused field, by index into [`CheckInScreen::fields`].
    pub focus: usize,
    /// Asking whether to leave without saving.
    pub confirm_leave: bool,
    /// The previous check-in's scores, shown beside the scales.
    last: Option<Scores>,
    /// Whose check-in this is.
    pub author: Uuid,
    /// Set when answering privately in a couple workbook: the answers are
    /// sealed in this round and hidden as soon as they are saved.
    pub private: Option<PrivateRound>,
    /// A draft from a quick exit was put back: the form says so.
    pub resumed: bool,
}

impl CheckInScreen {
    pub fn new(content: &Content, session: &Session) -> Self {
        let workbook = session.workbook();
        let note = text_box("", content.checkin.note.hint.clone());
        Self {
            scores: [None; 4],
            commitments: workbook
                .commitments()
                .into_iter()
                .map(|c| (c.to_string(), None))
                .collect(),
            note: Box::new(note),
            editing_note: false,
            interval: workbook.checkin_interval_days,
            initial_interval: workbook.checkin_interval_days,
            focus: 0,
            confirm_leave: false,
            last: own_checkins(workbook, session.writer())
                .last()
                .map(|c| c.scores),
            author: session.writer(),
            private: None,
            resumed: false,
        }
    }

    /// The form for the person writing, with what a quick exit kept of
    /// their last unfinished check-in.
    pub fn resumed(content: &Content, session: &Session) -> Self {
        let mut form = Self::new(content, session);
        form.restore_draft(content, session);
        form
    }

    /// The form for `author` answering alone, in a private round: it starts
    /// from their own last check-in, never the partner's.
    pub fn private(
        content: &Content,
        session: &Session,
        author: Uuid,
        round: PrivateRound,
    ) -> Self {
        let mut form = Self::new(content, session);
        form.last = own_checkins(session.workbook(), author)
            .last()
            .map(|c| c.scores);
        form.author = author;
        form.private = Some(round);
        form.restore_draft(content, session);
        form
    }

    /// Puts back what a quick exit kept of this person's last, unfinished
    /// check-in. Returns whether there was any.
    pub fn restore_draft(&mut self, content: &Content, session: &Session) -> bool {
        let Some(draft) = session.checkin_draft(self.author) else {
            return false;
        };
        self.scores = draft.scores;
        let mut note = text_box(&draft.note, content.checkin.note.hint.clone());
        note.move_cursor(CursorMove::Bottom);
        note.move_cursor(CursorMove::End);
        *self.note = note;
        self.resumed = true;
        true
    }

    /// What is filled in so far, as a draft to keep.
    fn draft(&self) -> crate::domain::CheckInDraft {
        crate::domain::CheckInDraft {
            scores: self.scores,
            note: self.note_text(),
        }
    }

    pub fn context(&self) -> Context {
        if self.editing_note {
            Context::EditText
        } else if self.confirm_leave {
            Context::CheckInLeave
        } else {
            Context::CheckIn
        }
    }

    /// Every stop of the form, in order.
    pub fn fields(&self) -> Vec<CheckInField> {
        let mut fields: Vec<CheckInField> =
            Measure::ALL.into_iter().map(CheckInField::Scale).collect();
        fields.extend((0..self.commitments.len()).map(CheckInField::Commitment));
        fields.extend([
            CheckInField::Note,
            CheckInField::Interval,
            CheckInField::Save,
        ]);
        fields
    }

    pub fn focused(&self) -> CheckInField {
        self.fields()
            .get(self.focus)
            .copied()
            .unwrap_or(CheckInField::Save)
    }

    pub fn score(&self, measure: Measure) -> Option<u8> {
        self.scores[measure_index(measure)]
    }

    pub fn note_text(&self) -> String {
        self.note.lines().join("\n").trim().to_string()
    }

    /// Whether anything was filled in (and would be lost by leaving).
    pub fn touched(&self) -> bool {
        self.scores.iter().any(Option::is_some)
            || self.commitments.iter().any(|(_, kept)| kept.is_some())
            || !self.note_text().is_empty()
            || self.interval != self.initial_interval
    }

    /// The first scale without a point, if any.
    fn first_unchosen(&self) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| self.score(*m).is_none())
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        if self.editing_note {
            match action {
                Action::FinishEdit => self.editing_note = false,
                Action::Type(key) => {
                    self.note.input(key);
                }
                Action::Paste(text) => paste(&mut self.note, &text),
                _ => {}
            }
            return Vec::new();
        }
        if self.confirm_leave {
            return match action {
                Action::Confirm => vec![
                    Command::Goto(overview(content, session)),
                    Command::Status("You left the check-in; nothing was saved.".into()),
                ],
                Action::Decline => {
                    self.confirm_leave = false;
                    Vec::new()
                }
                Action::SaveCheckIn => {
                    self.confirm_leave = false;
                    self.save(content, session)
                }
                _ => Vec::new(),
            };
        }
        let last = self.fields().len().saturating_sub(1);
        match action {
            Action::NextField | Action::Down => self.focus = (self.focus + 1).min(last),
            Action::PreviousField | Action::Up => self.focus = self.focus.saturating_sub(1),
            Action::Left => self.step(-1),
            Action::Right => self.step(1),
            Action::Toggle => {
                if let CheckInField::Commitment(i) = self.focused() {
                    self.cycle_commitment(i, 1);
                }
            }
            Action::SetScale(n) => {
                if let CheckInField::Scale(m) = self.focused() {
                    self.scores[measure_index(m)] = Some(n.min(SCALE_MAX));
                }
            }
            Action::ClearAnswer => match self.focused() {
                CheckInField::Scale(m) => self.scores[measure_index(m)] = None,
                CheckInField::Commitment(i) => {
                    if let Some((_, kept)) = self.commitments.get_mut(i) {
                        *kept = None;
                    }
                }
                _ => {}
            },
            Action::Edit => self.edit_note(),
            Action::Select => match self.focused() {
                CheckInField::Note => self.edit_note(),
                CheckInField::Save => return self.save(content, session),
                _ => self.focus = (self.focus + 1).min(last),
            },
            Action::SaveCheckIn => return self.save(content, session),
            Action::Back if self.touched() => self.confirm_leave = true,
            Action::Back => return vec![Command::Goto(overview(content, session))],
            _ => {}
        }
        Vec::new()
    }

    /// ←/→ on the focused field.
    fn step(&mut self, by: i32) {
        match self.focused() {
            CheckInField::Scale(m) => {
                let value = &mut self.scores[measure_index(m)];
                // The first press lands on 0, so no point is suggested.
                *value = Some(match (*value, by > 0) {
                    (None, _) => 0,
                    (Some(v), true) => (v + 1).min(SCALE_MAX),
                    (Some(v), false) => v.saturating_sub(1),
                });
            }
            CheckInField::Commitment(i) => self.cycle_commitment(i, by),
            CheckInField::Interval => {
                let (low, high) = (*INTERVAL_DAYS.start(), *INTERVAL_DAYS.end());
                self.interval = self.interval.saturating_add_signed(by).clamp(low, high);
            }
            CheckInField::Note | CheckInField::Save => {}
        }
    }

    /// Not rated → kept → missed → not rated (backwards for `by < 0`).
    fn cycle_commitment(&mut self, index: usize, by: i32) {
        let Some((_, kept)) = self.commitments.get_mut(index) else {
            return;
        };
        *kept = match (*kept, by >= 0) {
            (None, true) => Some(true),
            (Some(true), true) => Some(false),
            (Some(false), true) => None,
            (None, false) => Some(false),
            (Some(false), false) => Some(true),
            (Some(true), false) => None,
        };
    }

    fn edit_note(&mut self) {
        if let Some(at) = self.fields().iter().position(|f| *f == CheckInField::Note) {
            self.focus = at;
        }
        self.note.move_cursor(CursorMove::Bottom);
        self.note.move_cursor(CursorMove::End);
        self.editing_note = true;
    }

    /// The check-in as filled in, or `None` while a scale is unchosen.
    fn checkin(&self) -> Option<NewCheckIn> {
        let mut scores = Scores {
            trust: 0,
            safety: 0,
            communication: 0,
            commitment: 0,
        };
        for measure in Measure::ALL {
            scores.set(measure, self.score(measure)?);
        }
        // Commitments left unrated are left out rather than guessed.
        let commitments = self
            .commitments
            .iter()
            .filter_map(|(commitment, kept)| {
                kept.map(|kept| CommitmentCheck {
                    commitment: commitment.clone(),
                    kept,
                })
            })
            .collect();
        Some(NewCheckIn {
            scores,
            note: self.note_text(),
            commitments,
            private: self.private.as_ref().map(|r| r.mark(PrivateState::Sealed)),
        })
    }

    /// Adds the check-in to the workbook with the reminder interval.
    /// `false` while a scale is unchosen, or when the workbook refuses.
    fn record(&self, session: &mut Session) -> bool {
        let Some(checkin) = self.checkin() else {
            return false;
        };
        if session.check_in_as(self.author, checkin).is_err() {
            return false;
        }
        let _ = session.set_checkin_interval(self.interval);
        true
    }

    fn save(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        if let Some(missing) = self.first_unchosen() {
            if let Some(at) = self
                .fields()
                .iter()
                .position(|f| *f == CheckInField::Scale(missing))
            {
                self.focus = at;
            }
            let label = &content.checkin.measure(missing).label;
            return vec![Command::Status(format!(
                "{label} has no point yet: ←/→ or a digit, then save"
            ))];
        }
        if !self.record(session) {
            return Vec::new();
        }
        if let Some(round) = &mut self.private {
            // Straight on to the next person: nothing of these answers
            // stays on screen.
            let _ = round.record(self.author);
            return vec![
                Command::Effect(Effect::Save),
                Command::Goto(round_screen(round, Some(self.author))),
            ];
        }
        vec![
            Command::Effect(Effect::Save),
            Command::Goto(Screen::Dashboard(Box::new(DashboardScreen::new(
                content, session,
            )))),
            Command::Status("Check-in saved".into()),
        ]
    }

    /// Ctrl+Q on the form: a complete check-in is saved (the person was
    /// about to); a half-filled one is kept as a draft, never saved as a
    /// check-in (one missing a score would say something the person never
    /// said), and offered back at their next check-in.
    pub fn keep_on_exit(&mut self, session: Option<&mut Session>) -> Vec<Command> {
        let Some(session) = session else {
            return Vec::new();
        };
        if self.record(session) || session.keep_checkin_draft(self.author, self.draft()) {
            return vec![Command::Effect(Effect::Save)];
        }
        Vec::new()
    }
}

/// The stage overview, at the stage the user is in.
fn overview(content: &Content, session: &Session) -> Screen {
    let engine = session.engine(content);
    let place = engine.place_of(&session.progress().position);
    Screen::Overview(OverviewScreen::at(place.stage()))
}

// ---------------------------------------------------------------------------
// Drawing

/// The form as lines, with where each field is.
struct Form {
    lines: Vec<Line<'static>>,
    /// Each field's lines, `[start, end)`.
    fields: Vec<(usize, usize)>,
    /// The first line inside the note box.
    note_at: usize,
}

impl Form {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}

impl CheckInScreen {
    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let workbook = session.workbook();
        let date = session.clock().today().format("%A %-d %B").to_string();
        let title = if workbook.participants.len() > 1 {
            let name = workbook.author_name(self.author);
            format!(" Check-in · {name} · {date} ")
        } else {
            format!(" Check-in · {date} ")
        };
        let mut block = Block::bordered()
            .border_style(theme().border)
            .title(title)
            .padding(Padding::horizontal(1));
        if self.resumed {
            block = block
                .title(Line::styled(" you were writing here ", theme().accent).right_aligned());
        }
        let inner = block.inner(area);
        if inner.width == 0 || inner.height == 0 {
            frame.render_widget(block, area);
            return;
        }
        let form = self.form(content, inner.width as usize);
        let height = inner.height as usize;
        let focus = form.fields.get(self.focus).copied().unwrap_or((0, 0));
        let top = scroll_to(form.lines.len(), height, focus);
        if top + height < form.lines.len() {
            block =
                block.title_bottom(Line::styled(" ↓ more below ", theme().muted).right_aligned());
        } else if top > 0 {
            block =
                block.title_bottom(Line::styled(" ↑ more above ", theme().muted).right_aligned());
        }
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(form.lines).scroll((top as u16, 0)), inner);

        if self.editing_note
            && let Some(rect) = note_rect(inner, form.note_at, top)
        {
            frame.render_widget(&*self.note, rect);
        }
        if self.confirm_leave {
            self.draw_confirm(frame, area);
        }
    }

    fn form(&self, content: &Content, width: usize) -> Form {
        let text = &content.checkin;
        let fields = self.fields();
        let mut form = Form {
            lines: Vec::new(),
            fields: Vec::with_capacity(fields.len()),
            note_at: 0,
        };
        for line in wrap(&text.intro, width) {
            form.push(Line::styled(line, theme().text));
        }
        form.blank();
        for (index, field) in fields.iter().enumerate() {
            let focused = index == self.focus;
            let start = form.lines.len();
            match *field {
                CheckInField::Scale(measure) => {
                    self.scale_lines(&mut form, content, measure, focused, width)
                }
                CheckInField::Commitment(i) => {
                    if i == 0 {
                        for line in wrap(&text.commitments.intro, width) {
                            form.push(Line::styled(line, theme().title));
                        }
                        for line in wrap(&text.commitments.reassurance, width) {
                            form.push(Line::styled(line, theme().muted));
                        }
                    }
                    self.commitment_lines(&mut form, i, focused, width);
                }
                CheckInField::Note => self.note_lines(&mut form, content, focused, width),
                CheckInField::Interval => {
                    let days = if self.interval == 1 {
                        "1 day".to_string()
                    } else {
                        format!("{} days", self.interval)
                    };
                    let value = if focused {
                        format!("← {days} →")
                    } else {
                        days
                    };
                    form.push(Line::from(vec![
                        selection_marker(focused),
                        Span::styled("Remind me after  ", label_style(focused)),
                        Span::styled(value, theme().accent),
                    ]));
                }
                CheckInField::Save => {
                    let chosen = self.scores.iter().filter(|s| s.is_some()).count();
                    let button = if focused {
                        theme().selected.add_modifier(Modifier::REVERSED)
                    } else {
                        theme().title
                    };
                    let note = if chosen == Measure::ALL.len() {
                        "  ready when you are".to_string()
                    } else {
                        format!("  {chosen} of {} scales chosen", Measure::ALL.len())
                    };
                    form.push(Line::from(vec![
                        selection_marker(focused),
                        Span::styled("[ Save check-in ]", button),
                        Span::styled(note, theme().muted),
                    ]));
                }
            }
            form.fields.push((start, form.lines.len()));
            let next_is_commitment =
                matches!(fields.get(index + 1), Some(CheckInField::Commitment(i)) if *i > 0);
            if !next_is_commitment {
                form.blank();
            }
        }
        // No blank line after the last field.
        form.lines.pop();
        form
    }

    fn scale_lines(
        &self,
        form: &mut Form,
        content: &Content,
        measure: Measure,
        focused: bool,
        width: usize,
    ) {
        let text = content.checkin.measure(measure);
        form.lines
            .extend(labelled(focused, &text.label, &text.question, width));
        let value = self.score(measure);
        let mut bar = vec![Span::raw("  ")];
        bar.extend(scale_bar(value, width.saturating_sub(2)));
        let room = width.saturating_sub(bar.iter().map(Span::width).sum());
        // Narrow screens get the short words.
        let state = match (value, focused) {
            (Some(v), _) => Span::styled(format!("  {v}/{SCALE_MAX}"), theme().accent),
            (None, true) if room >= 22 => Span::styled("  ←/→ or 0–9 to choose", theme().muted),
            (None, true) => Span::styled("  ←/→ or 0–9", theme().muted),
            (None, false) if room >= 16 => Span::styled("  not chosen yet", theme().muted),
            (None, false) => Span::styled("  not yet", theme().muted),
        };
        let room = room.saturating_sub(state.width());
        bar.push(state);
        if let Some(last) = self.last {
            let last = Span::styled(
                format!("  (last time {})", last.get(measure)),
                theme().muted,
            );
            if last.width() <= room {
                bar.push(last);
            }
        }
        form.push(Line::from(bar));
        let ends = format!("0 = {} · {SCALE_MAX} = {}", text.min_label, text.max_label);
        for line in wrap(&ends, width.saturating_sub(2)) {
            form.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(line, theme().muted),
            ]));
        }
    }

    fn commitment_lines(&self, form: &mut Form, index: usize, focused: bool, width: usize) {
        let Some((commitment, kept)) = self.commitments.get(index) else {
            return;
        };
        let (state, style) = match kept {
            Some(true) => ("✓ kept", theme().done),
            Some(false) => ("✗ missed", theme().warning),
            None => ("· not rated", theme().muted),
        };
        const STATE_WIDTH: usize = 13;
        let text_width = width.saturating_sub(2 + STATE_WIDTH).max(8);
        let text_style = if focused {
            theme().selected
        } else {
            theme().text
        };
        for (i, line) in wrap(commitment, text_width).into_iter().enumerate() {
            let lead = if i == 0 {
                vec![
                    selection_marker(focused),
                    Span::styled(format!("{state:<STATE_WIDTH$}"), style),
                ]
            } else {
                vec![Span::raw(" ".repeat(2 + STATE_WIDTH))]
            };
            let mut spans = lead;
            spans.push(Span::styled(line, text_style));
            form.push(Line::from(spans));
        }
    }

    fn note_lines(&self, form: &mut Form, content: &Content, focused: bool, width: usize) {
        let text = &content.checkin.note;
        form.lines
            .extend(labelled(focused, "Note", &text.prompt, width));
        // A box drawn with text, so it scrolls with the form; the editor
        // is drawn inside it while writing.
        let box_width = width.saturating_sub(2).max(4);
        let inside = box_width - 4;
        let border = if self.editing_note {
            theme().border_focus
        } else {
            theme().border
        };
        let title = if self.editing_note {
            " Esc when done "
        } else {
            ""
        };
        let top_rule = box_width.saturating_sub(2 + title.width());
        form.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("┌{title}{}┐", "─".repeat(top_rule)), border),
        ]));
        form.note_at = form.lines.len();
        let rows: Vec<(String, Style)> = if self.editing_note {
            vec![(String::new(), theme().text); NOTE_EDIT_LINES]
        } else {
            let note = self.note_text();
            if note.is_empty() {
                wrap(&text.hint, inside)
                    .into_iter()
                    .map(|l| (l, theme().muted.add_modifier(Modifier::ITALIC)))
                    .collect()
            } else {
                let mut rows: Vec<(String, Style)> = note
                    .lines()
                    .flat_map(|l| wrap(l, inside))
                    .map(|l| (l, theme().text))
                    .collect();
                if rows.len() > NOTE_SHOWN_LINES {
                    rows.truncate(NOTE_SHOWN_LINES);
                    if let Some((last, _)) = rows.last_mut() {
                        *last = truncate(&format!("{last} …"), inside);
                    }
                }
                rows
            }
        };
        for (row, style) in rows {
            let pad = inside.saturating_sub(row.width());
            form.push(Line::from(vec![
                Span::raw("  "),
                Span::styled("│ ", border),
                Span::styled(row, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(" │", border),
            ]));
        }
        form.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(
                format!("└{}┘", "─".repeat(box_width.saturating_sub(2))),
                border,
            ),
        ]));
    }

    fn draw_confirm(&self, frame: &mut Frame, area: Rect) {
        let width = area.width.min(44);
        let mut lines: Vec<Line> = wrap(
            "What you filled in is not saved yet.",
            width.saturating_sub(4) as usize,
        )
        .into_iter()
        .map(|l| Line::styled(l, theme().text))
        .collect();
        lines.push(Line::default());
        lines.push(option_line("y", "leave without saving"));
        lines.push(option_line("n", "keep filling in"));
        if self.first_unchosen().is_none() {
            lines.push(option_line("s", "save it"));
        }
        let rect = centered(area, width, lines.len() as u16 + 2);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::bordered()
                    .border_style(theme().border_focus)
                    .title(" Leave this check-in? ")
                    .padding(Padding::horizontal(1)),
            ),
            rect,
        );
    }
}

fn option_line(key: &'static str, label: &'static str) -> Line<'static> {
    Line::from(vec![
        Span::styled(key, theme().key),
        Span::styled(format!("  {label}"), theme().text),
    ])
}

fn label_style(focused: bool) -> Style {
    if focused {
        theme().selected
    } else {
        theme().title
    }
}

/// "▸ Trust · How much trust…", wrapped with the label in its own style
/// and later lines indented.
fn labelled(focused: bool, label: &str, text: &str, width: usize) -> Vec<Line<'static>> {
    let joined = format!("{label} · {text}");
    wrap(&joined, width.saturating_sub(2))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                let (head, rest) = match line.strip_prefix(label) {
                    Some(rest) => (label.to_string(), rest.to_string()),
                    None => (String::new(), line),
                };
                Line::from(vec![
                    selection_marker(focused),
                    Span::styled(head, label_style(focused)),
                    Span::styled(rest, theme().text),
                ])
            } else {
                Line::from(vec![Span::raw("  "), Span::styled(line, theme().text)])
            }
        })
        .collect()
}

/// "0 ████████░░░░░░░░░░░░ 10": one or two cells per point, so it fits.
fn scale_bar(value: Option<u8>, room: usize) -> Vec<Span<'static>> {
    let points = usize::from(SCALE_MAX);
    // The ends' numbers and the value after the bar need about 20 columns.
    let cells = if room >= 2 * points + 24 { 2 } else { 1 };
    let filled = value.map_or(0, |v| usize::from(v.min(SCALE_MAX)) * cells);
    let style = if value.is_some() {
        theme().accent
    } else {
        theme().muted
    };
    vec![
        Span::styled("0 ", theme().muted),
        Span::styled("█".repeat(filled), style),
        Span::styled("░".repeat(points * cells - filled), theme().muted),
        Span::styled(format!(" {SCALE_MAX}"), theme().muted),
    ]
}

/// The first line to show so the focused field is in view, with a little
/// of what comes before it. Worked out from the focus alone, so drawing
/// needs no memory of the last frame.
fn scroll_to(total: usize, height: usize, (start, end): (usize, usize)) -> usize {
    // Scroll only once the field is below the first screenful.
    if total <= height || end <= height {
        return 0;
    }
    let mut top = start.saturating_sub(height / 4);
    if end > top + height {
        // A field taller than the room shows from its start.
        top = if end - start > height {
            start
        } else {
            end - height
        };
    }
    top.min(total - height)
}

/// Where the note editor goes on screen: inside the text box, clipped to
/// the form's area.
fn note_rect(inner: Rect, note_at: usize, top: usize) -> Option<Rect> {
    let first = note_at.checked_sub(top)?;
    let y = inner.y.checked_add(u16::try_from(first).ok()?)?;
    if y >= inner.bottom() {
        return None;
    }
    // Two for the indent, two for the box's side and a space (each side).
    let x = inner.x + 4;
    let width = inner.width.checked_sub(6)?;
    let height = (NOTE_EDIT_LINES as u16).min(inner.bottom() - y);
    (width > 0).then(|| Rect::new(x, y, width, height))
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for CheckInScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        self.context()
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
        "Check-in".to_string()
    }

    fn private(&self) -> bool {
        true
    }

    fn keep_on_quick_exit(
        &mut self,
        _content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        self.keep_on_exit(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_keeps_the_focus_in_view() {
        assert_eq!(scroll_to(10, 20, (5, 8)), 0);
        assert_eq!(scroll_to(40, 20, (0, 4)), 0);
        // A few lines of context above.
        assert_eq!(scroll_to(40, 20, (20, 24)), 15);
        // Never past the end.
        assert_eq!(scroll_to(40, 20, (36, 40)), 20);
        // A field taller than the room shows from its start.
        assert_eq!(scroll_to(40, 5, (10, 20)), 10);
    }

    #[test]
    fn the_bar_fits_narrow_screens() {
        let width = |spans: Vec<Span<'_>>| spans.iter().map(Span::width).sum::<usize>();
        assert_eq!(width(scale_bar(Some(3), 80)), 2 + 20 + 3);
        assert_eq!(width(scale_bar(None, 30)), 2 + 10 + 3);
    }
}
