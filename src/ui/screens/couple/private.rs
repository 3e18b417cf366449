//! Private moments at one screen: "Pass the keyboard to Alex — Sam, please
//! look away", then Alex answers alone. Nothing of an answer stays on
//! screen after it is saved. Once both have answered, both are asked
//! whether to reveal; only two yeses show the answers side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
use uuid::Uuid;

use crate::action::{Action, Section};
use crate::content::{Content, fill};
use crate::couple::{PrivateRound, PrivateState, RevealVote, RoundStep};
use crate::domain::{CheckIn, Measure};
use crate::keymap::Context;
use crate::ui::screens::{AfterScreening, CheckInScreen, ScreeningScreen};
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{inner_width, truncate, wrapped};

/// Where a couple's check-in goes next: the next handover, or the reveal.
/// A round is started when none is open.
pub fn private_checkin(content: &Content, session: &Session) -> Screen {
    let round = session.workbook().open_private_round().or_else(|| {
        let partners = session.workbook().partners()?;
        // Whoever is writing now starts.
        let order = if partners[1] == session.writer() {
            [partners[1], partners[0]]
        } else {
            partners
        };
        PrivateRound::new(order).ok()
    });
    match round {
        Some(round) => round_screen(&round, None),
        // Not a couple workbook after all: the ordinary form.
        None => Screen::CheckIn(Box::new(CheckInScreen::new(content, session))),
    }
}

/// What the person handed the keyboard goes on to do alone.
#[derive(Debug, Clone, PartialEq)]
pub enum Handover {
    /// Their private check-in, in this round (after their screening).
    CheckIn(PrivateRound),
    /// Only the screening (a new workbook, or a private review).
    Screening(AfterScreening),
    /// Writing from now on (`W`): their own answers, entries and
    /// check-ins, behind their passphrase if they set one.
    Writer,
}

#[derive(Debug)]
pub struct LookAwayScreen {
    pub purpose: Handover,
    pub to: Uuid,
    pub away: Uuid,
    /// Who just answered, for the "saved and hidden" note.
    pub just_answered: Option<Uuid>,
    /// The passphrase of `to`, being typed (a handover to someone who set
    /// one).
    pub typing: Option<String>,
    /// Whether `to` showed their passphrase at this handover. Every
    /// handover to a person who set one asks for it, even if they showed
    /// it earlier in this sitting: the one at the keyboard may have
    /// changed since.
    pub shown: bool,
}

impl LookAwayScreen {
    /// A handover for `to`'s screening alone.
    pub fn screening(
        to: Uuid,
        away: Uuid,
        then: AfterScreening,
        just_answered: Option<Uuid>,
    ) -> Self {
        Self {
            purpose: Handover::Screening(then),
            to,
            away,
            just_answered,
            typing: None,
            shown: false,
        }
    }

    /// The keyboard goes to `to` for writing (`W`).
    pub fn writer(to: Uuid, away: Uuid) -> Self {
        Self {
            purpose: Handover::Writer,
            to,
            away,
            just_answered: None,
            typing: None,
            shown: false,
        }
    }

    fn context(&self) -> Context {
        match self.typing {
            Some(_) => Context::LineEdit,
            None => Context::LookAway,
        }
    }

    /// On, once `to` is known to be at the keyboard: for writing, or to
    /// their private questions (then, for a check-in, the form). The
    /// person looking away counts as away again: their passphrase is
    /// asked anew before anything of theirs is opened.
    fn proceed(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        session.count_as_away(self.away);
        let then = match &self.purpose {
            Handover::Writer => return self.hand_over(content, session),
            Handover::CheckIn(round) => AfterScreening::CheckIn(Some(round.clone())),
            Handover::Screening(then) => then.clone(),
        };
        vec![Command::Goto(Screen::Screening(Box::new(
            ScreeningScreen::new(content, self.to, then),
        )))]
    }

    /// Hands the keyboard over for writing, once `to` is known to be at it.
    fn hand_over(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        let needs_passphrase = session.has_passphrase(self.to) && !self.shown;
        if needs_passphrase {
            self.typing = Some(String::new());
            return Vec::new();
        }
        let Ok(person) = session.switch_to(self.to) else {
            return vec![Command::Status("Nothing was changed.".into())];
        };
        let name = person.name.clone();
        // Said to them alone, in their private moment: a person without a
        // passphrase of their own can be switched to by anyone here.
        let note = if session.has_passphrase(self.to) {
            format!("{name} is writing now.")
        } else {
            format!("{name} is writing now. Anyone at this computer could switch to {name} too.")
        };
        // Their private questions first, if a shell could not ask them.
        let next = if session.screening_owed(self.to) {
            Screen::Screening(Box::new(ScreeningScreen::new(
                content,
                self.to,
                AfterScreening::Start,
            )))
        } else {
            crate::ui::screens::section_screen(Section::Stages, content, session)
        };
        vec![Command::Goto(next), Command::Status(note)]
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        if let Some(mut typed) = self.typing.take() {
            return match action {
                Action::Select => {
                    let secret = age::secrecy::SecretString::from(typed);
                    if session.unlock_person(self.to, &secret) {
                        self.shown = true;
                        self.proceed(content, session)
                    } else {
                        // A workbook that opened locked stays at its door.
                        if session.locked() {
                            self.typing = Some(String::new());
                        }
                        vec![Command::Status(
                            "That is not the passphrase. Nothing was changed.".into(),
                        )]
                    }
                }
                Action::Back if session.locked() => {
                    self.typing = Some(String::new());
                    vec![Command::Status(
                        "Type your passphrase, or press Ctrl+Q to leave.".into(),
                    )]
                }
                Action::Back => vec![Command::Status("Nothing was changed.".into())],
                action => {
                    crate::ui::widgets::edit_line(&mut typed, &action, 200);
                    self.typing = Some(typed);
                    Vec::new()
                }
            };
        }
        if self.purpose == Handover::Writer {
            return match action {
                Action::Select => self.hand_over(content, session),
                Action::Back => vec![Command::Goto(crate::ui::screens::section_screen(
                    Section::Stages,
                    content,
                    session,
                ))],
                _ => Vec::new(),
            };
        }
        match action {
            // Their own private moment: a person with a passphrase of
            // their own shows it first, as when switching to them.
            Action::Select if session.has_passphrase(self.to) && !self.shown => {
                self.typing = Some(String::new());
                Vec::new()
            }
            Action::Select => self.proceed(content, session),
            Action::Back => vec![
                Command::Goto(crate::ui::screens::section_screen(
                    Section::Stages,
                    content,
                    session,
                )),
                Command::Status("The answers given so far stay saved and hidden.".into()),
            ],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.couple.look_away;
        let workbook = session.workbook();
        let names = [
            ("to", workbook.author_name(self.to)),
            ("away", workbook.author_name(self.away)),
        ];
        let width = inner_width(area).saturating_sub(2);
        let centered = |text: &str, style| -> Vec<Line<'static>> {
            wrapped(&fill(text, &names), style, width)
                .into_iter()
                .map(Line::centered)
                .collect()
        };
        let hidden = self.just_answered.map(|who| {
            wrapped(
                &fill(&text.hidden, &[("name", workbook.author_name(who))]),
                theme().done,
                width,
            )
        });
        let title = centered(&text.title, theme().title);
        let body = centered(&text.body, theme().text);
        let ready = centered(&text.ready, theme().accent);
        let block = Block::bordered()
            .border_style(theme().border_focus)
            .title(" Private moment ")
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // In a short window the blank lines go first, then the request to
        // look away (the title says it too), so who presses Enter stays.
        let height = inner.height as usize;
        let count = |parts: &[&Vec<Line<'static>>]| parts.iter().map(|p| p.len()).sum::<usize>();
        let no_note = Vec::new();
        let note = hidden.as_ref().unwrap_or(&no_note);
        let blanks = usize::from(hidden.is_some()) + 2;
        let with_body = count(&[note, &title, &body, &ready]);
        let (gap, body) = if with_body + blanks <= height {
            (true, body)
        } else if with_body <= height {
            (false, body)
        } else {
            (false, Vec::new())
        };
        let typing = self.typing.as_ref().map(|typed| {
            let mut lines = centered(
                &format!("{}, your own passphrase:", workbook.author_name(self.to)),
                theme().text,
            );
            let hidden = "•".repeat(typed.chars().count());
            lines.push(Line::from(hidden).centered());
            lines
        });
        let ready = typing.unwrap_or(ready);
        let mut lines = Vec::new();
        for part in [note, &title, &body, &ready] {
            if part.is_empty() {
                continue;
            }
            if gap && !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.extend(part.iter().cloned());
        }
        let [middle] = Layout::vertical([Constraint::Length(lines.len() as u16)])
            .flex(Flex::Center)
            .areas(inner);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), middle);
    }
}

/// Both have answered: ask each whether to reveal, then show the answers
/// side by side, or say they stay private.
#[derive(Debug)]
pub struct RevealScreen {
    pub round: PrivateRound,
    pub vote: RevealVote,
    /// Whose yes or no is asked now (index into the round's order).
    pub asking: usize,
    /// The outcome, once decided.
    pub outcome: Option<PrivateState>,
    pub scroll: crate::ui::widgets::Scroll,
}

impl RevealScreen {
    pub fn new(round: PrivateRound) -> Self {
        Self {
            round,
            vote: RevealVote::default(),
            asking: 0,
            outcome: None,
            scroll: Default::default(),
        }
    }

    pub fn context(&self) -> Context {
        match self.outcome {
            None => Context::Reveal,
            Some(_) => Context::TalkSummary,
        }
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
        // While couple mode is off there is no reveal: the answers stay
        // saved, each private, and the screen says only that.
        if self.outcome.is_none() && !session.reveal_offered() {
            self.outcome = Some(PrivateState::KeptPrivate);
            let _ = session.settle_private_round(self.round.id, PrivateState::KeptPrivate);
            return vec![Command::Effect(Effect::Save)];
        }
        if self.outcome.is_some() {
            return match action {
                Action::Back | Action::Select => vec![Command::Goto(
                    crate::ui::screens::section_screen(Section::Progress, content, session),
                )],
                _ => Vec::new(),
            };
        }
        let order = self.round.order;
        let who = order[self.asking.min(1)];
        let decided = match action {
            Action::Confirm => {
                if self.vote.agree(who, &order) {
                    Some(PrivateState::Revealed)
                } else {
                    self.asking += 1;
                    None
                }
            }
            Action::Decline => {
                self.vote.decline(who);
                Some(PrivateState::KeptPrivate)
            }
            Action::Back => {
                return vec![
                    Command::Goto(crate::ui::screens::section_screen(
                        Section::Stages,
                        content,
                        session,
                    )),
                    Command::Status(
                        "Your answers stay saved and hidden; decide another time.".into(),
                    ),
                ];
            }
            _ => None,
        };
        match decided {
            Some(state) => {
                self.outcome = Some(state);
                let _ = session.settle_private_round(self.round.id, state);
                vec![Command::Effect(Effect::Save)]
            }
            None => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.couple.reveal;
        let workbook = session.workbook();
        let width = inner_width(area);
        let mut lines = Vec::new();
        let outcome = match self.outcome {
            None if !session.reveal_offered() => Some(PrivateState::KeptPrivate),
            outcome => outcome,
        };
        match outcome {
            None => {
                lines.extend(wrapped(&text.question, theme().text, width));
                lines.push(Line::default());
                for (i, who) in self.round.order.iter().enumerate() {
                    let name = workbook.author_name(*who);
                    let state = if self.vote.agreed.contains(who) {
                        Span::styled("✓ yes", theme().done)
                    } else if i == self.asking {
                        Span::styled("y yes · n keep them private", theme().key)
                    } else {
                        Span::styled("waiting", theme().muted)
                    };
                    let marker = if i == self.asking { "▸ " } else { "  " };
                    let who = Span::styled(format!("{marker}{name}: "), theme().title);
                    // The keys go under the name when the line is too long.
                    if who.width() + state.width() <= width {
                        lines.push(Line::from(vec![who, state]));
                    } else {
                        lines.push(Line::from(who));
                        lines.push(Line::from(vec![Span::raw("    "), state]));
                    }
                }
            }
            Some(PrivateState::Revealed) => {
                lines.extend(side_by_side(content, session, &self.round, width));
                lines.push(Line::default());
                lines.extend(wrapped(
                    "Enter to see your progress together.",
                    theme().muted,
                    width,
                ));
            }
            Some(_) => lines.extend(wrapped(&text.kept_private, theme().text, width)),
        }
        self.scroll.draw(frame, area, &text.title, lines);
    }
}

/// The two check-ins of a round as a table: one row per measure, one
/// column per person, then each one's note.
fn side_by_side(
    content: &Content,
    session: &Session,
    round: &PrivateRound,
    width: usize,
) -> Vec<Line<'static>> {
    let workbook = session.workbook();
    let answers: Vec<Option<&CheckIn>> = round
        .order
        .iter()
        .map(|who| {
            workbook
                .checkins
                .iter()
                .find(|c| c.author == *who && c.private.is_some_and(|m| m.round == round.id))
        })
        .collect();
    let label_width = 22.min(width / 2);
    let column = (width.saturating_sub(label_width) / 2).max(6);
    let mut header = vec![Span::raw(" ".repeat(label_width))];
    for who in round.order {
        header.push(Span::styled(
            format!(
                "{:<column$}",
                truncate(workbook.author_name(who), column - 1)
            ),
            theme().title,
        ));
    }
    let mut lines = vec![Line::from(header)];
    for measure in Measure::ALL {
        let label = truncate(&content.checkin.measure(measure).label, label_width - 1);
        let mut spans = vec![Span::styled(format!("{label:<label_width$}"), theme().text)];
        for answer in &answers {
            let value = answer.map_or("—".to_string(), |c| {
                format!("{:>2} / 10", c.scores.get(measure))
            });
            spans.push(Span::styled(format!("{value:<column$}"), theme().accent));
        }
        lines.push(Line::from(spans));
    }
    for (who, answer) in round.order.iter().zip(&answers) {
        if let Some(checkin) = answer
            && !checkin.note.is_empty()
        {
            lines.push(Line::default());
            lines.extend(wrapped(
                &format!("{}'s note: {}", workbook.author_name(*who), checkin.note),
                theme().text,
                width,
            ));
        }
    }
    lines
}

/// The next screen of a private round: the handover to whoever answers
/// next (with a note that `just_answered`'s answers are hidden), or the
/// reveal.
pub fn round_screen(round: &PrivateRound, just_answered: Option<Uuid>) -> Screen {
    match round.next() {
        RoundStep::Handover { to, away } => Screen::LookAway(Box::new(LookAwayScreen {
            purpose: Handover::CheckIn(round.clone()),
            to,
            away,
            just_answered,
            typing: None,
            shown: false,
        })),
        RoundStep::Reveal => Screen::Reveal(Box::new(RevealScreen::new(round.clone()))),
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for LookAwayScreen {
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
        "Private".to_string()
    }

    fn private(&self) -> bool {
        true
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for RevealScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        match session {
            Some(s) if self.outcome.is_none() && !s.reveal_offered() => {
                crate::keymap::Context::TalkSummary
            }
            _ => self.context(),
        }
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
        "Private".to_string()
    }

    fn private(&self) -> bool {
        true
    }
}
