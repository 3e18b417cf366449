//! Couple mode's home: start a structured talk (or go back to the one in
//! progress), the agreements made together, and earlier talks. In a
//! one-person workbook it explains what couple mode needs and offers to add
//! the second person.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use uuid::Uuid;

use super::{
    AfterPartners, FloorScreen, LookAwayScreen, PartnersScreen, SetupScreen, SummaryScreen,
};
use crate::action::{Action, Section};
use crate::content::Content;
use crate::couple::AgreementStatus;
use crate::ui::screens::{AfterScreening, ScreeningScreen};
use crate::ui::screens::{Command, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    guidance_lines, inner_width, list_window, selection_marker, truncate, wrapped,
};

/// One row of the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TalkRow {
    /// Start a talk, or go back to the one in progress.
    Talk,
    Agreements,
    /// An earlier talk's summary.
    Past(Uuid),
    Names,
}

#[derive(Debug, Default)]
pub struct TalkScreen {
    pub selected: usize,
    /// The text above the menu, in a small window.
    pub scroll: crate::ui::widgets::Scroll,
    /// Where each row of the menu was drawn, for the mouse.
    pub clicks: crate::ui::widgets::ClickMap,
}

impl TalkScreen {
    pub fn context(session: &Session) -> crate::keymap::Context {
        if session.workbook().safety.is_safety_first() {
            crate::keymap::Context::TalkOff
        } else {
            crate::keymap::Context::Talk
        }
    }

    /// The menu for this workbook, in order; empty for one person.
    pub fn rows(session: &Session) -> Vec<TalkRow> {
        let workbook = session.workbook();
        if !workbook.is_couple() || workbook.safety.is_safety_first() {
            return Vec::new();
        }
        let mut rows = vec![TalkRow::Talk, TalkRow::Agreements, TalkRow::Names];
        rows.extend(
            workbook
                .conversations
                .iter()
                .rev()
                .filter(|c| c.is_ended())
                .map(|c| TalkRow::Past(c.id)),
        );
        rows
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        if self.scroll.update(&action) {
            return Vec::new();
        }
        let rows = Self::rows(session);
        // Switched off: the only way on is a private review, by whoever is
        // at the keyboard (only the person who switched it off can switch
        // it back on, see `Safety::record`).
        if session.workbook().safety.is_safety_first() {
            return match action {
                Action::Edit => vec![Command::Goto(review(content, session))],
                Action::Back => vec![Command::Goto(crate::ui::screens::section_screen(
                    Section::Stages,
                    content,
                    session,
                ))],
                _ => Vec::new(),
            };
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(rows.len().saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = rows.len().saturating_sub(1),
            Action::CoupleModeOff => {
                return match session.turn_couple_mode_off() {
                    Ok(()) => vec![
                        Command::Effect(crate::ui::screens::Effect::Save),
                        Command::Status(
                            "Couple mode is off. Either of you can turn it back on here (o)."
                                .into(),
                        ),
                    ],
                    Err(err) => vec![crate::ui::screens::command::refused(&err)],
                };
            }
            Action::EditPartners => return partners(session),
            Action::Select if rows.is_empty() => return partners(session),
            Action::Select => {
                let screen = match rows.get(self.selected) {
                    Some(TalkRow::Talk) => match talk_in_progress(session) {
                        Some(screen) => screen,
                        None => Screen::TalkSetup(Box::new(SetupScreen::new(content, session))),
                    },
                    Some(TalkRow::Agreements) => Screen::Agreements(Box::default()),
                    Some(TalkRow::Past(id)) => {
                        Screen::TalkSummary(Box::new(SummaryScreen::new(*id)))
                    }
                    Some(TalkRow::Names) => return partners(session),
                    None => return Vec::new(),
                };
                return vec![Command::Goto(screen)];
            }
            Action::Back => {
                return vec![Command::Goto(crate::ui::screens::section_screen(
                    Section::Stages,
                    content,
                    session,
                ))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let rows = Self::rows(session);
        self.clicks.clear();
        let text = &content.couple;
        let list_height = if rows.is_empty() {
            0
        } else {
            (rows.len() as u16 + 2).min(area.height / 2).max(5)
        };
        let [about, list] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);
        let width = inner_width(about);
        let mut lines = Vec::new();
        if session.workbook().safety.is_safety_first() {
            // Neutral on purpose: nothing here tells a partner why.
            lines.extend(guidance_lines(&content.safety.safety_first.reason, width));
            lines.push(Line::default());
            lines.extend(crate::ui::widgets::key_lines(
                &[(
                    "o",
                    "turn it back on: each of you answers a few questions privately first",
                )],
                width,
            ));
        } else if rows.is_empty() {
            lines.extend(guidance_lines(&text.solo, width));
            lines.push(Line::default());
            let mut keys = Line::from(vec![
                Span::styled("Enter", theme().key),
                Span::styled(" or ", theme().muted),
                Span::styled("p", theme().key),
            ]);
            let what = "add the second person's name";
            // In a narrow window the words go under the keys, not off the edge.
            if keys.width() + 1 + what.len() <= width {
                keys.push_span(Span::styled(format!(" {what}"), theme().muted));
                lines.push(keys);
            } else {
                lines.push(keys);
                lines.extend(wrapped(what, theme().muted, width));
            }
        } else {
            lines.extend(guidance_lines(&text.intro, width));
        }
        // The word on fear stands beside couple mode while it is on; beside
        // the switch turned off it would say why, to anyone glancing.
        if !session.workbook().safety.is_safety_first() {
            lines.push(Line::default());
            lines.extend(
                guidance_lines(&text.safety, width)
                    .into_iter()
                    .map(|l| l.style(theme().muted)),
            );
        }
        let title = match session.workbook().partners() {
            Some([a, b]) => format!(
                " Together · {} & {} ",
                session.workbook().author_name(a),
                session.workbook().author_name(b)
            ),
            None => " Together ".to_string(),
        };
        self.scroll.draw(frame, about, title.trim(), lines);
        if rows.is_empty() {
            return;
        }
        let block = Block::bordered()
            .border_style(theme().border_focus)
            .padding(Padding::horizontal(1));
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let (start, end) = list_window(rows.len(), self.selected, inner.height as usize);
        self.clicks.rows(inner, start, end - start);
        let width = inner.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = rows[start..end]
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let on = start + i == self.selected;
                let style = if on { theme().selected } else { theme().text };
                let (label, note) = row_text(session, *row);
                let label = truncate(&label, width);
                let room =
                    width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()) + 2);
                let note = if note.is_empty() {
                    String::new()
                } else {
                    format!("  {}", truncate(&note, room))
                };
                Line::from(vec![
                    selection_marker(on),
                    Span::styled(label, style),
                    Span::styled(note, theme().muted),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The talk going on, where it is: its time-out, or the floor.
pub fn talk_in_progress(session: &Session) -> Option<Screen> {
    let talk = session.workbook().open_conversation()?;
    Some(match talk.on_time_out() {
        Some(_) => Screen::TimeOut(Box::default()),
        None => Screen::Floor(Box::new(FloorScreen::new(session))),
    })
}

/// The private review: the person at the keyboard answers the screening
/// again, alone (the other looks away in a couple workbook).
fn review(content: &Content, session: &Session) -> Screen {
    let who = session.writer();
    let other = session
        .workbook()
        .participants
        .iter()
        .map(|p| p.id)
        .find(|id| *id != who);
    // Each of them answers privately, the one at the keyboard first.
    match other {
        Some(away) => Screen::LookAway(Box::new(LookAwayScreen::screening(
            who,
            away,
            AfterScreening::TalkThen(away),
            None,
        ))),
        None => Screen::Screening(Box::new(ScreeningScreen::new(
            content,
            who,
            AfterScreening::Talk,
        ))),
    }
}

fn partners(session: &Session) -> Vec<Command> {
    vec![Command::Goto(Screen::Partners(Box::new(
        PartnersScreen::new(session, AfterPartners::Talk),
    )))]
}

/// A row's label and its grey note.
fn row_text(session: &Session, row: TalkRow) -> (String, String) {
    let workbook = session.workbook();
    match row {
        TalkRow::Talk => match workbook.open_conversation() {
            Some(talk) => {
                let who = talk
                    .speaker()
                    .map(|s| format!("{} has the floor", workbook.author_name(s)))
                    .unwrap_or_default();
                let note = if talk.on_time_out().is_some() {
                    "on a time-out".to_string()
                } else {
                    who
                };
                (format!("Carry on talking about “{}”", talk.topic), note)
            }
            None => (
                "Start a talk".to_string(),
                "one topic, taking turns".to_string(),
            ),
        },
        TalkRow::Agreements => {
            let count = |status| {
                workbook
                    .agreements
                    .iter()
                    .filter(|a| a.status == status)
                    .count()
            };
            let active = count(AgreementStatus::Active);
            let waiting = count(AgreementStatus::Proposed);
            let note = match (active, waiting) {
                (0, 0) => "none yet".to_string(),
                (a, 0) => format!("{a} in place"),
                (a, w) => format!("{a} in place, {w} waiting for a yes"),
            };
            ("Our agreements".to_string(), note)
        }
        TalkRow::Names => {
            let names = workbook
                .participants
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" & ");
            ("Names and sides".to_string(), names)
        }
        TalkRow::Past(id) => match workbook.conversations.iter().find(|c| c.id == id) {
            Some(talk) => (
                format!("“{}”", talk.topic),
                session
                    .clock()
                    .local(talk.started_at)
                    .format("%-d %b %Y")
                    .to_string(),
            ),
            None => (String::new(), String::new()),
        },
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for TalkScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        session.map_or(crate::keymap::Context::Talk, TalkScreen::context)
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
        "Together".to_string()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (context == crate::keymap::Context::Talk).then_some((&self.clicks, self.selected))
    }
}
