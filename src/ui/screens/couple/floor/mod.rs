//! A talk in progress: who holds the floor, the step of the turn, and what
//! each of you writes (or ticks as said aloud). The steps only move through
//! the conversation's state machine, so nothing is skipped by accident; a
//! time-out, a proposal or the end are one key away at any moment.
//!
//! `ending.rs` holds proposals, votes, time-outs and the end of the talk;
//! `view.rs` draws it.

mod ending;
mod view;

use ratatui_textarea::TextArea;
use uuid::Uuid;

use crate::action::Action;
use crate::content::Content;
use crate::couple::{Conversation, Event, Note, Step};
use crate::keymap::Context;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::widgets::{edit_line, paste, text_box};

/// How long a time-out lasts unless the two of you change it.
pub(super) const TIME_OUT_MINUTES: u32 = 20;
/// An agreement is one sentence.
pub(super) const MAX_AGREEMENT_CHARS: usize = 200;

/// What the screen is doing besides showing the step.
#[derive(Debug, Clone, PartialEq)]
pub enum FloorMode {
    Step,
    /// The speaker said "not quite" and is writing what was missed.
    Correct(String),
    /// Someone is writing an agreement to propose.
    Propose(String),
    /// Asking each partner in turn to accept an agreement; `ending` when
    /// this happens on the way to the summary.
    Vote {
        agreement: Uuid,
        voter: usize,
        ending: bool,
    },
    AskSkip,
    AskEnd,
}

#[derive(Debug)]
pub struct FloorScreen {
    text: Box<TextArea<'static>>,
    pub mode: FloorMode,
    /// The sentence starter last put in the box (Tab while validating).
    starter: Option<usize>,
    pub problem: Option<String>,
}

impl FloorScreen {
    /// The screen for the talk in progress, with any words kept from
    /// before a break or a restart back in the box.
    pub fn new(session: &Session) -> Self {
        let draft = session
            .workbook()
            .open_conversation()
            .map_or("", Conversation::draft);
        Self {
            text: Box::new(text_box(draft, "")),
            mode: FloorMode::Step,
            starter: None,
            problem: None,
        }
    }

    pub fn context(&self, session: &Session) -> Context {
        match &self.mode {
            FloorMode::Step => match talk(session).and_then(Conversation::step) {
                Some(Step::Speak | Step::Paraphrase | Step::Validate) => Context::Floor,
                Some(Step::Done) => Context::FloorDone,
                _ => Context::FloorChoice,
            },
            FloorMode::Correct(_) | FloorMode::Propose(_) => Context::LineEdit,
            FloorMode::Vote { .. } | FloorMode::AskSkip | FloorMode::AskEnd => Context::Question,
        }
    }

    pub(super) fn typed(&self) -> String {
        self.text.lines().join("\n")
    }

    /// What is in the box right now.
    pub fn open_text(&self) -> String {
        self.typed()
    }

    /// Keeps what is in the box on the talk, so leaving, a break or Ctrl+Q
    /// loses nothing. Returns whether the saved draft changed.
    pub fn keep_draft(&self, session: &mut Session) -> bool {
        let typed = self.typed();
        match session.talk_mut().ok() {
            Some(talk) if talk.draft() != typed => talk.set_draft(typed).is_ok(),
            _ => false,
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        // Ticks only move the timer gauge, which is drawn from the clock;
        // they must not touch a question on screen or its message.
        if matches!(action, Action::Tick(_)) {
            return Vec::new();
        }
        self.problem = None;
        if talk(session).is_none() {
            return vec![Command::Goto(Screen::Talk(Box::default()))];
        }
        // A time-out is one key away whatever is on screen; a question or
        // a proposal being written is asked again later.
        if action == Action::TimeOut {
            self.mode = FloorMode::Step;
            return self.time_out(session);
        }
        match std::mem::replace(&mut self.mode, FloorMode::Step) {
            FloorMode::Step => self.on_step(action, content, session),
            FloorMode::Correct(text) => self.on_correct(action, text, session),
            FloorMode::Propose(text) => self.on_propose(action, text, content, session),
            FloorMode::Vote {
                agreement,
                voter,
                ending,
            } => self.on_vote(action, agreement, voter, ending, content, session),
            FloorMode::AskSkip => match action {
                Action::Confirm => self.apply(Event::Skip, content, session),
                Action::Decline | Action::Back => Vec::new(),
                _ => {
                    self.mode = FloorMode::AskSkip;
                    Vec::new()
                }
            },
            FloorMode::AskEnd => match action {
                Action::Confirm => self.finish(content, session),
                Action::Decline | Action::Back => Vec::new(),
                _ => {
                    self.mode = FloorMode::AskEnd;
                    Vec::new()
                }
            },
        }
    }

    fn on_step(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let Some(step) = talk(session).and_then(Conversation::step) else {
            return Vec::new();
        };
        match action {
            Action::Back => {
                let changed = self.keep_draft(session);
                let mut commands = vec![Command::Goto(Screen::Talk(Box::default()))];
                commands.push(Command::Status(
                    "The talk waits here; carry on from couple mode.".into(),
                ));
                if changed {
                    commands.push(Command::Effect(Effect::Save));
                }
                return commands;
            }
            Action::Propose => self.mode = FloorMode::Propose(String::new()),
            Action::EndTalk => self.mode = FloorMode::AskEnd,
            Action::Skip if matches!(step, Step::Paraphrase | Step::Confirm | Step::Validate) => {
                self.mode = FloorMode::AskSkip
            }
            Action::Skip => {
                return vec![Command::Status(
                    "There is nothing to skip at this step.".into(),
                )];
            }
            _ => {}
        }
        if self.mode != FloorMode::Step {
            return Vec::new();
        }
        match (step, action) {
            (Step::Speak | Step::Paraphrase | Step::Validate, Action::Select) => {
                let note = Note::typed(self.typed());
                if note.is_empty() {
                    self.problem =
                        Some("Write a few words, or press Ctrl+L if it was said aloud.".into());
                    return Vec::new();
                }
                self.apply(event_for(step, note), content, session)
            }
            (Step::Speak | Step::Paraphrase | Step::Validate, Action::SaidAloud) => {
                let note = Note {
                    text: self.typed().trim().to_string(),
                    aloud: true,
                };
                self.apply(event_for(step, note), content, session)
            }
            (Step::Validate, Action::NextField) => {
                self.next_starter(content);
                Vec::new()
            }
            (Step::Speak | Step::Paraphrase | Step::Validate, Action::Type(key)) => {
                self.text.input(key);
                self.starter = None;
                Vec::new()
            }
            (Step::Speak | Step::Paraphrase | Step::Validate, Action::Paste(text)) => {
                paste(&mut self.text, &text);
                Vec::new()
            }
            (Step::Confirm, Action::Confirm) => self.apply(Event::Confirm, content, session),
            (Step::Confirm, Action::Decline) => {
                self.mode = FloorMode::Correct(String::new());
                Vec::new()
            }
            (Step::More, Action::Confirm) => self.apply(Event::More, content, session),
            (Step::More, Action::Decline) => self.apply(Event::NoMore, content, session),
            (Step::Done, Action::Select | Action::Confirm) => {
                let now = session.clock().now();
                match session.talk_mut().ok().map(|t| t.next_turn(now)) {
                    Some(Ok(())) => vec![Command::Effect(Effect::Save)],
                    Some(Err(err)) => self.refused(err),
                    None => Vec::new(),
                }
            }
            (Step::Done, Action::Decline) => {
                self.mode = FloorMode::AskEnd;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Moves the talk on; the box empties for the next step.
    pub(super) fn apply(
        &mut self,
        event: Event,
        _content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let now = session.clock().now();
        let Some(talk) = session.talk_mut().ok() else {
            return Vec::new();
        };
        match talk.apply(event, now) {
            Ok(()) => {
                *self.text = text_box("", "");
                self.starter = None;
                vec![Command::Effect(Effect::Save)]
            }
            Err(err) => self.refused(err),
        }
    }

    pub(super) fn refused(&mut self, err: crate::couple::Illegal) -> Vec<Command> {
        self.problem = Some(format!("That can't happen now: {err}."));
        Vec::new()
    }

    fn next_starter(&mut self, content: &Content) {
        let prompts = &content.couple.steps.validate.prompts;
        if prompts.is_empty() {
            return;
        }
        // Only replace the box while it holds nothing but a starter.
        let untouched = match self.starter {
            Some(i) => prompts
                .get(i)
                .is_some_and(|p| starter_gap(p).0 == self.typed()),
            None => self.typed().trim().is_empty(),
        };
        if !untouched {
            self.problem = Some("Sentence starters only go into an empty box.".into());
            return;
        }
        let next = self.starter.map_or(0, |i| (i + 1) % prompts.len());
        let (text, at) = starter_gap(&prompts[next]);
        *self.text = text_box(&text, "");
        // The cursor waits in the first gap, where the listener's own
        // words go.
        if let Some(col) = at {
            self.text
                .move_cursor(ratatui_textarea::CursorMove::Jump(0, col));
        }
        self.starter = Some(next);
    }

    fn on_correct(
        &mut self,
        action: Action,
        mut text: String,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Select => {
                let now = session.clock().now();
                if let Some(talk) = session.talk_mut().ok()
                    && let Err(err) = talk.apply(Event::NotQuite(text), now)
                {
                    return self.refused(err);
                }
                return vec![Command::Effect(Effect::Save)];
            }
            Action::Back => {}
            action => {
                edit_line(&mut text, &action, MAX_AGREEMENT_CHARS);
                self.mode = FloorMode::Correct(text);
            }
        }
        Vec::new()
    }
}

/// The talk in progress.
pub(super) fn talk(session: &Session) -> Option<&Conversation> {
    session.workbook().open_conversation()
}

pub(super) fn event_for(step: Step, note: Note) -> Event {
    match step {
        Step::Speak => Event::Say(note),
        Step::Paraphrase => Event::Paraphrase(note),
        _ => Event::Validate(note),
    }
}

/// The content's name for what is on screen.
pub(super) fn step_name(step: Step, mode: &FloorMode) -> &'static str {
    if matches!(mode, FloorMode::Correct(_)) {
        return "correct";
    }
    step.as_str()
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for FloorScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        session.map_or(crate::keymap::Context::Floor, |s| self.context(s))
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
        "Together · talking".to_string()
    }

    fn private(&self) -> bool {
        true
    }

    /// The turn timer's gauge moves.
    fn animating(&self, session: Option<&crate::ui::screens::Session>) -> bool {
        session
            .and_then(|s| s.workbook().open_conversation())
            .is_some_and(|t| t.turn_minutes.is_some())
    }

    fn keep_on_quick_exit(
        &mut self,
        _content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        match session {
            Some(session) => match self.keep_draft(session) {
                true => vec![crate::ui::screens::Command::Effect(
                    crate::ui::screens::Effect::Save,
                )],
                false => Vec::new(),
            },
            None => Vec::new(),
        }
    }
}

/// A sentence starter as it goes into the box: its first gap (`…`)
/// opened for typing, and where that gap is (in characters).
fn starter_gap(starter: &str) -> (String, Option<u16>) {
    match starter.find('…') {
        Some(at) => {
            let col = starter[..at].chars().count();
            let text = format!("{}{}", &starter[..at], &starter[at + '…'.len_utf8()..]);
            (text, u16::try_from(col).ok())
        }
        None => (starter.to_string(), None),
    }
}
