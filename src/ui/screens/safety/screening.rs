//! The private screening: three questions, each answered "no", "yes" or
//! "I'd rather not say". Asked of each person alone, when a workbook is
//! made and before each check-in. Any answer but "no" leads to the safety
//! screen and turns the workbook's exercises for two off.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use uuid::Uuid;

use super::SafetyScreen;
use crate::action::Action;
use crate::content::Content;
use crate::couple::PrivateRound;
use crate::domain::ScreeningAnswer;
use crate::open::Screened;
use crate::ui::screens::{CheckInScreen, LookAwayScreen};
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{draw_scrolled, inner_width, wrapped};

/// Where the screening leads once answered (through the safety screen
/// first, when an answer raised a concern).
#[derive(Debug, Clone, PartialEq)]
pub enum AfterScreening {
    /// A new workbook: on to where it starts.
    Start,
    /// A new couple workbook: the other person's turn to answer alone.
    Next { to: Uuid, away: Uuid },
    /// The check-in form for the same person (in a private round when two
    /// share the workbook).
    CheckIn(Option<PrivateRound>),
    /// Turning couple mode back on: this person's private review, then
    /// the other person's (the `Uuid`).
    TalkThen(Uuid),
    /// Turning couple mode back on: the last private review; then the
    /// switch goes on, and couple mode with it unless anyone's private
    /// answers keep it off (which nothing says).
    Talk,
}

#[derive(Debug)]
pub struct ScreeningScreen {
    pub who: Uuid,
    /// One per question, in the content's order; `None` until answered.
    pub answers: Vec<Option<ScreeningAnswer>>,
    pub focus: usize,
    pub then: AfterScreening,
    pub problem: Option<String>,
    /// Typing one's own passphrase: answers that would turn couple mode
    /// back on are kept only with it (see `OpenWorkbook::screen`).
    pub passphrase: Option<String>,
}

impl ScreeningScreen {
    pub fn new(content: &Content, who: Uuid, then: AfterScreening) -> Self {
        Self {
            who,
            answers: vec![None; content.safety.screening.questions.len()],
            focus: 0,
            then,
            problem: None,
            passphrase: None,
        }
    }

    fn context(&self) -> crate::keymap::Context {
        match self.passphrase {
            Some(_) => crate::keymap::Context::LineEdit,
            None => crate::keymap::Context::Screening,
        }
    }

    /// The answers given so far, by question id.
    fn given(&self, content: &Content) -> std::collections::BTreeMap<String, ScreeningAnswer> {
        content
            .safety
            .screening
            .questions
            .iter()
            .zip(&self.answers)
            .filter_map(|(q, a)| a.map(|a| (q.id.clone(), a)))
            .collect()
    }

    /// Typing one's own passphrase: Enter tries it, Esc leaves with
    /// nothing changed. Either way the words on screen say only that.
    fn on_passphrase(
        &mut self,
        action: Action,
        mut typed: String,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Select => {
                let secret = age::secrecy::SecretString::from(typed);
                if session.unlock_person(self.who, &secret) {
                    return self.finish(content, session);
                }
                self.leave_unchanged(content, session)
            }
            Action::Back => self.leave_unchanged(content, session),
            action => {
                crate::ui::widgets::edit_line(&mut typed, &action, 200);
                self.passphrase = Some(typed);
                Vec::new()
            }
        }
    }

    fn leave_unchanged(&self, content: &Content, session: &mut Session) -> Vec<Command> {
        vec![
            Command::Goto(after_screening(content, session, self.who, &self.then)),
            Command::Status("Nothing was changed.".into()),
        ]
    }

    fn set(&mut self, answer: ScreeningAnswer) {
        if let Some(slot) = self.answers.get_mut(self.focus) {
            *slot = Some(answer);
        }
        // Straight on to the next question: one key per answer.
        if self.focus + 1 < self.answers.len() {
            self.focus += 1;
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        self.problem = None;
        if let Some(typed) = self.passphrase.take() {
            return self.on_passphrase(action, typed, content, session);
        }
        let chosen = |i: usize| ScreeningAnswer::ALL.get(i).copied();
        match action {
            Action::Up => self.focus = self.focus.saturating_sub(1),
            Action::Down => self.focus = (self.focus + 1).min(self.answers.len().saturating_sub(1)),
            Action::Confirm => self.set(ScreeningAnswer::Yes),
            Action::Decline => self.set(ScreeningAnswer::No),
            Action::Skip => self.set(ScreeningAnswer::RatherNotSay),
            Action::Left | Action::Right => {
                let now = self.answers.get(self.focus).copied().flatten();
                let at = now.and_then(|a| ScreeningAnswer::ALL.iter().position(|x| *x == a));
                let len = ScreeningAnswer::ALL.len();
                let next = match (at, action == Action::Right) {
                    (None, _) => 0,
                    (Some(i), true) => (i + 1) % len,
                    (Some(i), false) => (i + len - 1) % len,
                };
                if let (Some(slot), Some(answer)) = (self.answers.get_mut(self.focus), chosen(next))
                {
                    *slot = Some(answer);
                }
            }
            Action::Select => return self.finish(content, session),
            // Not now: nothing is recorded, and the way on stays open.
            Action::Back => {
                return vec![Command::Goto(after_screening(
                    content, session, self.who, &self.then,
                ))];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Saves what has been answered so far (Ctrl+Q on this screen); a
    /// concern counts at once. Returns whether anything was kept.
    pub fn keep_answered(&self, content: &Content, session: &mut Session) -> bool {
        matches!(
            session.screen(self.who, self.given(content)),
            Screened::Recorded { .. }
        )
    }

    fn finish(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        if let Some(open) = self.answers.iter().position(Option::is_none) {
            self.focus = open;
            self.problem = Some(
                "Please answer each question; \"I'd rather not say\" is an answer too.".into(),
            );
            return Vec::new();
        }
        match session.screen(self.who, self.given(content)) {
            Screened::Recorded { .. } | Screened::Nothing => {}
            // Couple mode goes back on only with the person's own
            // passphrase; without one, nothing is kept in their name.
            Screened::NeedsTheirPassphrase if session.has_passphrase(self.who) => {
                self.passphrase = Some(String::new());
                return Vec::new();
            }
            Screened::NeedsTheirPassphrase => return self.leave_unchanged(content, session),
        }
        // The last private answer of a "turn it back on": the switch goes
        // on; couple mode follows unless anyone's answers keep it off.
        let mut said = Vec::new();
        if self.then == AfterScreening::Talk {
            let on = session.turn_couple_mode_on();
            said.push(Command::Status(
                match on {
                    true => "Couple mode is on again.",
                    false => "Couple mode stays off for now.",
                }
                .into(),
            ));
        }
        let concern = session.workbook().safety.flagged_by(self.who);
        let unprotected = session.workbook().is_couple() && !session.has_passphrase(self.who);
        let next = if concern {
            Screen::Safety(Box::new(SafetyScreen::new(self.who, self.then.clone())))
        } else if unprotected {
            Screen::Safety(Box::new(SafetyScreen::private_space(
                self.who,
                self.then.clone(),
            )))
        } else {
            after_screening(content, session, self.who, &self.then)
        };
        let mut commands = vec![Command::Effect(Effect::Save), Command::Goto(next)];
        commands.extend(said);
        commands
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let text = &content.safety.screening;
        let width = inner_width(area);
        let name = session.workbook().author_name(self.who);
        let mut lines = Vec::new();
        if session.workbook().is_couple() {
            lines.push(Line::styled(format!("For {name} only"), theme().muted));
        }
        // A review, by the person who turned couple mode off: say so to
        // them alone (this screen is behind the look-away).
        let reviewing = matches!(
            self.then,
            AfterScreening::Talk | AfterScreening::TalkThen(_)
        );
        if reviewing && self.who == session.writer() && session.shows_own_safety_state() {
            lines.extend(crate::ui::widgets::guidance_lines(
                &content.safety.safety_first.review,
                width,
            ));
            lines.push(Line::default());
        }
        lines.extend(crate::ui::widgets::guidance_lines(&text.intro, width));
        for (i, question) in text.questions.iter().enumerate() {
            lines.push(Line::default());
            let focused = i == self.focus;
            let style = if focused {
                theme().selected
            } else {
                theme().text
            };
            let marker = if focused { "▸ " } else { "  " };
            for (j, l) in crate::ui::widgets::wrap(&question.text, width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let lead = if j == 0 { marker } else { "  " };
                lines.push(Line::from(vec![
                    Span::styled(lead, style),
                    Span::styled(l, style),
                ]));
            }
            let mut spans = vec![Span::raw("   ")];
            for answer in ScreeningAnswer::ALL {
                let on = self.answers.get(i).copied().flatten() == Some(answer);
                let label = match answer {
                    ScreeningAnswer::No => &text.answers.no,
                    ScreeningAnswer::Yes => &text.answers.yes,
                    ScreeningAnswer::RatherNotSay => &text.answers.rather_not_say,
                };
                let (mark, style) = if on {
                    ("◉ ", theme().selected)
                } else {
                    ("○ ", theme().muted)
                };
                spans.push(Span::styled(mark, style));
                spans.push(Span::styled(
                    label.clone(),
                    if on { theme().selected } else { theme().text },
                ));
                spans.push(Span::raw("   "));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
        if let Some(typed) = &self.passphrase {
            lines.extend(wrapped(
                "To turn couple mode back on, type your own passphrase. Without it, nothing is changed.",
                theme().text,
                width,
            ));
            let hidden = "•".repeat(typed.chars().count());
            lines.push(crate::ui::widgets::input_line(&hidden, true, ""));
            lines.push(Line::default());
        }
        lines.extend(crate::ui::widgets::key_lines(
            &[
                ("n", "no"),
                ("y", "yes"),
                ("r", "rather not say"),
                ("Enter", "done"),
            ],
            width,
        ));
        if let Some(problem) = &self.problem {
            lines.extend(wrapped(problem, theme().warning, width));
        }
        // Keep the focused question in view in a small window.
        let scroll = if area.height < 20 {
            (self.focus as u16) * 3
        } else {
            0
        };
        draw_scrolled(frame, area, &text.title, lines, scroll);
    }
}

/// Where a finished screening leads.
pub fn after_screening(
    content: &Content,
    session: &mut Session,
    who: Uuid,
    then: &AfterScreening,
) -> Screen {
    match then {
        AfterScreening::Start => {
            // The last person to answer is the one at the keyboard: the
            // workbook goes on in their space, not the first person's.
            session.set_writer(who);
            crate::ui::screens::resume_screen(content, session)
        }
        AfterScreening::Next { to, away } => Screen::LookAway(Box::new(LookAwayScreen::screening(
            *to,
            *away,
            AfterScreening::Start,
            Some(who),
        ))),
        AfterScreening::CheckIn(Some(round)) => Screen::CheckIn(Box::new(CheckInScreen::private(
            content,
            session,
            who,
            round.clone(),
        ))),
        AfterScreening::CheckIn(None) => {
            Screen::CheckIn(Box::new(CheckInScreen::resumed(content, session)))
        }
        AfterScreening::TalkThen(other) => Screen::LookAway(Box::new(LookAwayScreen::screening(
            *other,
            who,
            AfterScreening::Talk,
            Some(who),
        ))),
        AfterScreening::Talk => Screen::Talk(Box::default()),
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for ScreeningScreen {
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

    fn keep_on_quick_exit(
        &mut self,
        content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        match session {
            Some(session) => match self.keep_answered(content, session) {
                true => vec![crate::ui::screens::Command::Effect(
                    crate::ui::screens::Effect::Save,
                )],
                false => Vec::new(),
            },
            None => Vec::new(),
        }
    }
}
