//! The agreements made together: those in place, those waiting for a yes,
//! and those retired or dropped, each with its history. An agreement is in
//! place only once everyone in the workbook has accepted it; a revision
//! asks everyone again, and the earlier wording is kept.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use uuid::Uuid;

use crate::action::Action;
use crate::content::{Content, fill};
use crate::couple::{Agreement, AgreementEventKind, AgreementStatus};
use crate::keymap::Context;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    edit_line, input_lines, key_lines, list_window, selection_marker, truncate, wrapped,
};

const MAX_AGREEMENT_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum AgreementsMode {
    #[default]
    List,
    /// Writing a new agreement, or a revision of the one with this id.
    Write {
        text: String,
        revising: Option<Uuid>,
    },
    /// Asking the next person who has not accepted yet.
    Vote(Uuid),
    /// "Retire this one?"
    AskRetire(Uuid),
}

#[derive(Debug, Default)]
pub struct AgreementsScreen {
    pub selected: usize,
    pub mode: AgreementsMode,
    pub problem: Option<String>,
    /// Where each agreement's row was drawn, for the mouse.
    pub clicks: crate::ui::widgets::ClickMap,
}

/// In place first, then waiting, then the rest (newest first within each).
fn ordered(session: &Session) -> Vec<&Agreement> {
    let rank = |a: &Agreement| match a.status {
        AgreementStatus::Active => 0,
        AgreementStatus::Proposed => 1,
        AgreementStatus::Retired => 2,
        AgreementStatus::Dropped => 3,
    };
    let mut list: Vec<&Agreement> = session.workbook().agreements.iter().collect();
    list.sort_by(|a, b| rank(a).cmp(&rank(b)).then(b.created_at.cmp(&a.created_at)));
    list
}

impl AgreementsScreen {
    pub fn context(&self, session: &Session) -> Context {
        match self.mode {
            AgreementsMode::List if session.workbook().agreements.is_empty() => {
                Context::NoAgreements
            }
            AgreementsMode::List => Context::Agreements,
            AgreementsMode::Write { .. } => Context::LineEdit,
            AgreementsMode::Vote(_) | AgreementsMode::AskRetire(_) => Context::Question,
        }
    }

    fn selected_id(&self, session: &Session) -> Option<Uuid> {
        ordered(session).get(self.selected).map(|a| a.id)
    }

    /// The selected agreement, if there is one (`Some`), when it can still
    /// be revised or retired: in place or waiting (inner `Some`).
    fn selected_open<'s>(&self, session: &'s Session) -> Option<Option<&'s Agreement>> {
        let agreement = session.workbook().agreement(self.selected_id(session)?)?;
        let open = matches!(
            agreement.status,
            AgreementStatus::Active | AgreementStatus::Proposed
        );
        Some(open.then_some(agreement))
    }

    /// The first person who still has to say yes to `id`.
    fn next_voter(session: &Session, id: Uuid) -> Option<Uuid> {
        let everyone = session.workbook().participant_ids();
        session
            .workbook()
            .agreement(id)
            .filter(|a| a.status == AgreementStatus::Proposed)
            .and_then(|a| a.waiting_for(&everyone).first().copied())
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        self.problem = None;
        let now = session.clock().now();
        match std::mem::replace(&mut self.mode, AgreementsMode::List) {
            AgreementsMode::List => match action {
                Action::Up => self.selected = self.selected.saturating_sub(1),
                Action::Down => {
                    self.selected = (self.selected + 1)
                        .min(session.workbook().agreements.len().saturating_sub(1))
                }
                Action::Top => self.selected = 0,
                Action::Bottom => {
                    self.selected = session.workbook().agreements.len().saturating_sub(1)
                }
                Action::Propose => {
                    self.mode = AgreementsMode::Write {
                        text: String::new(),
                        revising: None,
                    }
                }
                Action::Edit => match self.selected_open(session) {
                    Some(Some(a)) => {
                        self.mode = AgreementsMode::Write {
                            text: a.text.clone(),
                            revising: Some(a.id),
                        }
                    }
                    Some(None) => {
                        self.problem =
                            Some("Only an agreement in place or waiting can be revised.".into())
                    }
                    None => {}
                },
                Action::Delete => match self.selected_open(session) {
                    Some(Some(a)) => self.mode = AgreementsMode::AskRetire(a.id),
                    Some(None) => self.problem = Some("That one is not in place any more.".into()),
                    None => {}
                },
                Action::Select => match self.selected_id(session) {
                    Some(id) if Self::next_voter(session, id).is_some() => {
                        self.mode = AgreementsMode::Vote(id)
                    }
                    Some(_) => self.problem = Some("Nothing to decide on this one.".into()),
                    None => {}
                },
                Action::Back => {
                    return vec![Command::Goto(Screen::Talk(Box::default()))];
                }
                _ => {}
            },
            AgreementsMode::Write { mut text, revising } => match action {
                Action::Select => {
                    let writer = Some(session.writer());
                    let result = match revising {
                        Some(id) => match session.agreement_mut(id).ok() {
                            Some(a) => a
                                .revise(&text, writer, now)
                                .map(|()| id)
                                .map_err(|e| e.to_string()),
                            None => Err("it is gone".to_string()),
                        },
                        None => Agreement::propose(&text, writer, None, now)
                            .map_err(|e| e.to_string())
                            .and_then(|a| {
                                let id = a.id;
                                session.add_agreement(a).map_err(|e| e.to_string())?;
                                Ok(id)
                            }),
                    };
                    match result {
                        Ok(id) => {
                            self.selected = ordered(session)
                                .iter()
                                .position(|a| a.id == id)
                                .unwrap_or(0);
                            self.mode = AgreementsMode::Vote(id);
                            return vec![Command::Effect(Effect::Save)];
                        }
                        Err(err) => {
                            self.problem = Some(format!("Not saved: {err}."));
                            self.mode = AgreementsMode::Write { text, revising };
                        }
                    }
                }
                Action::Back => {}
                action => {
                    edit_line(&mut text, &action, MAX_AGREEMENT_CHARS);
                    self.mode = AgreementsMode::Write { text, revising };
                }
            },
            AgreementsMode::Vote(id) => {
                let Some(who) = Self::next_voter(session, id) else {
                    return Vec::new();
                };
                let everyone = session.workbook().participant_ids();
                let Some(agreement) = session.agreement_mut(id).ok() else {
                    return Vec::new();
                };
                match action {
                    Action::Confirm => {
                        let active = agreement.accept(who, &everyone, now).unwrap_or(false);
                        if !active {
                            self.mode = AgreementsMode::Vote(id);
                        }
                        let mut commands = vec![Command::Effect(Effect::Save)];
                        if active {
                            commands.push(Command::Status(
                                "Agreed by both of you. It is in place now.".into(),
                            ));
                        }
                        return commands;
                    }
                    Action::Decline => {
                        let _ = agreement.decline(who, now);
                        return vec![
                            Command::Effect(Effect::Save),
                            Command::Status(content.couple.agreements.not_now.clone()),
                        ];
                    }
                    Action::Back => {}
                    _ => self.mode = AgreementsMode::Vote(id),
                }
            }
            AgreementsMode::AskRetire(id) => {
                if action == Action::Confirm
                    && let Some(agreement) = session.agreement_mut(id).ok()
                    && agreement.retire(None, now).is_ok()
                {
                    return vec![
                        Command::Effect(Effect::Save),
                        Command::Status("Retired. It stays in the list, with its history.".into()),
                    ];
                }
            }
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.couple.agreements;
        let list = ordered(session);
        self.clicks.clear();
        let wide = area.width >= 90;
        let below = |width: usize| {
            let mut lines = self.mode_lines(content, session, width);
            if let Some(problem) = &self.problem {
                lines.extend(wrapped(problem, theme().warning, width));
            }
            lines
        };
        let listed = |width: usize| {
            if list.is_empty() {
                wrapped(&text.empty, theme().text, width).len()
            } else {
                list.len()
            }
        };
        // What the list pane needs when it is as wide as the screen: the
        // intro, the list, and the question or input below it.
        let full = area.width.saturating_sub(4) as usize;
        // A blank line goes before the question or input, if any.
        let spaced = |lines: usize| if lines == 0 { 0 } else { lines + 1 };
        let needed = 2
            + wrapped(&text.intro, theme().muted, full).len()
            + 1
            + listed(full)
            + spaced(below(full).len());
        let height = area.height as usize;
        // Without the intro, in a short window.
        let short = 2 + listed(full) + spaced(below(full).len());
        let [left, right] = if list.is_empty() {
            // No history to show yet: no empty pane beside the list.
            [area, Rect::default()]
        } else if wide {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
        } else if needed + 5 <= height {
            // The history below gets the room the list does not need.
            Layout::vertical([Constraint::Length(needed as u16), Constraint::Min(0)]).areas(area)
        } else if height >= 20 {
            Layout::vertical([Constraint::Min(6), Constraint::Length(area.height / 3)]).areas(area)
        } else if short + 3 <= height {
            // A short window: the list and its question first, then as much
            // of the history as fits.
            Layout::vertical([Constraint::Length(short as u16), Constraint::Min(0)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        let block = Block::bordered()
            .border_style(theme().border_focus)
            .title(" Our agreements ")
            .padding(Padding::horizontal(1));
        let inner = block.inner(left);
        frame.render_widget(block, left);
        let width = inner.width as usize;
        let below = below(width);
        let inside = inner.height as usize;
        let intro = wrapped(&text.intro, theme().muted, width);
        // The intro gives way first when the pane is short.
        let mut lines = Vec::new();
        if intro.len() + 1 + listed(width) + spaced(below.len()) <= inside {
            lines.extend(intro);
            lines.push(Line::default());
        }
        if list.is_empty() {
            lines.extend(wrapped(&text.empty, theme().text, width));
        }
        let rows = inside.saturating_sub(lines.len() + spaced(below.len()));
        let (start, end) = list_window(list.len(), self.selected, rows.max(1));
        let first_row = Rect {
            y: inner.y + lines.len() as u16,
            ..inner
        };
        self.clicks
            .rows(first_row.intersection(inner), start, end - start);
        for (i, agreement) in list[start..end].iter().enumerate() {
            let on = start + i == self.selected;
            let (mark, style) = match agreement.status {
                AgreementStatus::Active => ("✓ ", theme().done),
                AgreementStatus::Proposed => ("? ", theme().warning),
                _ => ("· ", theme().muted),
            };
            let body_style = if on {
                theme().selected
            } else if agreement.status == AgreementStatus::Active {
                theme().text
            } else {
                theme().muted
            };
            lines.push(Line::from(vec![
                selection_marker(on),
                Span::styled(mark, style),
                Span::styled(
                    truncate(&agreement.text, width.saturating_sub(4)),
                    body_style,
                ),
            ]));
        }
        if !below.is_empty() {
            lines.push(Line::default());
            lines.extend(below);
        }
        frame.render_widget(Paragraph::new(lines), inner);

        if right.is_empty() {
            return;
        }
        let detail = Block::bordered()
            .border_style(theme().border)
            .title(" History ")
            .padding(Padding::horizontal(1));
        let inner = detail.inner(right);
        frame.render_widget(detail, right);
        if let Some(agreement) = list.get(self.selected) {
            frame.render_widget(
                Paragraph::new(history_lines(session, agreement)).wrap(Wrap { trim: true }),
                inner,
            );
        }
    }

    fn mode_lines(&self, content: &Content, session: &Session, width: usize) -> Vec<Line<'static>> {
        let text = &content.couple.agreements;
        match &self.mode {
            AgreementsMode::List => Vec::new(),
            AgreementsMode::Write {
                text: typed,
                revising,
            } => {
                let prompt = if revising.is_some() {
                    "The new wording (both of you accept it again):"
                } else {
                    text.propose.as_str()
                };
                let mut lines = wrapped(prompt, theme().text, width);
                lines.extend(input_lines(typed, width));
                lines
            }
            AgreementsMode::Vote(id) => {
                let name = Self::next_voter(session, *id)
                    .map_or("", |v| session.workbook().author_name(v));
                let mut lines =
                    wrapped(&fill(&text.accept, &[("name", name)]), theme().title, width);
                lines.extend(key_lines(
                    &[("y", "yes, I agree"), ("n", "no"), ("Esc", "not now")],
                    width,
                ));
                lines
            }
            AgreementsMode::AskRetire(_) => [
                wrapped(
                    "Retire this agreement? It stays in the list with its history.",
                    theme().title,
                    width,
                ),
                key_lines(&[("y", "retire it"), ("n", "keep it")], width),
            ]
            .concat(),
        }
    }
}

/// What happened to an agreement, oldest first, with who did it.
fn history_lines(session: &Session, agreement: &Agreement) -> Vec<Line<'static>> {
    let workbook = session.workbook();
    let mut lines = vec![
        Line::styled(agreement.text.clone(), theme().title),
        Line::styled(
            format!("Status: {}", shown_status(agreement)),
            theme().muted,
        ),
        Line::default(),
    ];
    for event in &agreement.history {
        let who = event.by.map(|id| workbook.author_name(id).to_string());
        let what = match &event.kind {
            AgreementEventKind::Proposed { .. } => "proposed".to_string(),
            AgreementEventKind::Accepted => "accepted".to_string(),
            AgreementEventKind::Declined => "declined".to_string(),
            AgreementEventKind::Active => "in place: both said yes".to_string(),
            AgreementEventKind::Revised { from, .. } => format!("revised (was “{from}”)"),
            AgreementEventKind::Retired => "retired".to_string(),
            AgreementEventKind::Dropped => "dropped at the end of a talk".to_string(),
        };
        let at = session.clock().local(event.at).format("%-d %b %H:%M");
        let line = match who {
            Some(who) => format!("{at} · {who} {what}"),
            None => format!("{at} · {what}"),
        };
        lines.push(Line::styled(line, theme().text));
    }
    lines
}

/// The status as shown, "declined" where someone said no to this
/// wording (it can be proposed again, reworded).
fn shown_status(agreement: &Agreement) -> &'static str {
    let declined = agreement.status == AgreementStatus::Proposed
        && agreement
            .history
            .iter()
            .any(|e| matches!(e.kind, AgreementEventKind::Declined));
    match declined {
        true => "declined",
        false => status_label(agreement.status),
    }
}

fn status_label(status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Active => "in place",
        AgreementStatus::Proposed => "waiting for a yes from both",
        AgreementStatus::Retired => "retired",
        AgreementStatus::Dropped => "not agreed",
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for AgreementsScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        session.map_or(crate::keymap::Context::Agreements, |s| self.context(s))
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
        "Together · agreements".to_string()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (context == crate::keymap::Context::Agreements).then_some((&self.clicks, self.selected))
    }
}
