//! A talk in progress: who holds the floor, the step of the turn, and what
//! each of you writes (or ticks as said aloud). The steps only move through
//! the conversation's state machine, so nothing is skipped by accident; a
//! time-out, a proposal or the end are one key away at any moment.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::{SummaryScreen, TalkScreen, TimeOutScreen};
use crate::action::Action;
use crate::app::{Command, Effect, Screen, Session};
use crate::content::{Content, fill};
use crate::couple::{Agreement, AgreementStatus, Conversation, Event, Note, Step, Summary};
use crate::domain::{JournalEntry, NewEntry};
use crate::keymap::Context;
use crate::ui::theme::THEME;
use crate::ui::widgets::{edit_line, input_line, paste, text_box, truncate, wrapped};

/// How long a time-out lasts unless the two of you change it.
pub const TIME_OUT_MINUTES: u32 = 20;
/// An agreement is one sentence.
const MAX_AGREEMENT_CHARS: usize = 200;

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
    pub fn new(_content: &Content, session: &Session) -> Self {
        let draft = session
            .workbook
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

    fn typed(&self) -> String {
        self.text.lines().join("\n")
    }

    /// Keeps what is in the box on the talk, so leaving, a break or Ctrl+Q
    /// loses nothing. Returns whether the saved draft changed.
    pub fn keep_draft(&self, session: &mut Session) -> bool {
        let typed = self.typed();
        match session.workbook.open_conversation_mut() {
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
            return vec![Command::Goto(Screen::Talk(Box::new(TalkScreen::new(
                session,
            ))))];
        }
        // A time-out is one key away whatever is on screen; a question or
        // a proposal being written is asked again later.
        if action == Action::TimeOut {
            self.mode = FloorMode::Step;
            return self.time_out(content, session);
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
                let mut commands = vec![Command::Goto(Screen::Talk(Box::new(TalkScreen::new(
                    session,
                ))))];
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
                let now = session.clock.now();
                match session
                    .workbook
                    .open_conversation_mut()
                    .map(|t| t.next_turn(now))
                {
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
    fn apply(&mut self, event: Event, _content: &Content, session: &mut Session) -> Vec<Command> {
        let now = session.clock.now();
        let Some(talk) = session.workbook.open_conversation_mut() else {
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

    fn refused(&mut self, err: crate::couple::Illegal) -> Vec<Command> {
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
            Some(i) => prompts.get(i).is_some_and(|p| *p == self.typed()),
            None => self.typed().trim().is_empty(),
        };
        if !untouched {
            self.problem = Some("Sentence starters only go into an empty box.".into());
            return;
        }
        let next = self.starter.map_or(0, |i| (i + 1) % prompts.len());
        *self.text = text_box(&prompts[next], "");
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
                let now = session.clock.now();
                if let Some(talk) = session.workbook.open_conversation_mut()
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

    fn on_propose(
        &mut self,
        action: Action,
        mut text: String,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Select => {
                let now = session.clock.now();
                let talk_id = talk(session).map(|t| t.id);
                match Agreement::propose(&text, None, talk_id, now) {
                    Ok(agreement) => {
                        let id = agreement.id;
                        session.workbook.agreements.push(agreement);
                        if let Some(talk) = session.workbook.open_conversation_mut() {
                            talk.add_agreement(id);
                        }
                        self.mode = FloorMode::Vote {
                            agreement: id,
                            voter: 0,
                            ending: false,
                        };
                        let _ = content;
                        return vec![Command::Effect(Effect::Save)];
                    }
                    Err(_) => {
                        self.problem =
                            Some("Write the agreement first: one clear, doable thing.".into());
                        self.mode = FloorMode::Propose(text);
                    }
                }
            }
            Action::Back => {}
            action => {
                edit_line(&mut text, &action, MAX_AGREEMENT_CHARS);
                self.mode = FloorMode::Propose(text);
            }
        }
        Vec::new()
    }

    /// The partners in the order they are asked: the one holding the floor
    /// first.
    fn voters(session: &Session) -> Vec<Uuid> {
        match talk(session) {
            Some(t) => match (t.speaker(), t.listener()) {
                (Some(s), Some(l)) => vec![s, l],
                _ => t.partners.to_vec(),
            },
            None => Vec::new(),
        }
    }

    fn on_vote(
        &mut self,
        action: Action,
        id: Uuid,
        voter: usize,
        ending: bool,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let voters = Self::voters(session);
        let Some(&who) = voters.get(voter) else {
            return Vec::new();
        };
        let now = session.clock.now();
        let everyone = session.workbook.participant_ids();
        let Some(agreement) = session.workbook.agreement_mut(id) else {
            return Vec::new();
        };
        let mut commands = vec![Command::Effect(Effect::Save)];
        match action {
            Action::Confirm => match agreement.accept(who, &everyone, now) {
                Ok(true) => commands.push(Command::Status(
                    "You both agreed. It is in your agreements list now.".into(),
                )),
                Ok(false) if voter + 1 < voters.len() => {
                    self.mode = FloorMode::Vote {
                        agreement: id,
                        voter: voter + 1,
                        ending,
                    };
                    return commands;
                }
                Ok(false) => {}
                Err(err) => {
                    self.problem = Some(format!("{err}."));
                    return Vec::new();
                }
            },
            Action::Decline => {
                let _ = agreement.decline(who, now);
                // At the end a no leaves it out; during the talk it stays
                // open to talk about.
                let status = if ending {
                    "Not agreed this time, so it is left out. That is fine.".to_string()
                } else {
                    content.couple.agreements.not_now.clone()
                };
                commands.push(Command::Status(status));
            }
            // "Not now": left open without a no; asked again at the end.
            Action::Back if !ending => return Vec::new(),
            Action::Back => {}
            _ => {
                self.mode = FloorMode::Vote {
                    agreement: id,
                    voter,
                    ending,
                };
                return Vec::new();
            }
        }
        if ending {
            commands.extend(self.finish(content, session));
        }
        commands
    }

    fn time_out(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        self.keep_draft(session);
        let now = session.clock.now();
        let Some(talk) = session.workbook.open_conversation_mut() else {
            return Vec::new();
        };
        match talk.call_time_out(None, TIME_OUT_MINUTES, now) {
            Ok(()) => vec![
                Command::Effect(Effect::Save),
                Command::Goto(Screen::TimeOut(Box::new(TimeOutScreen::new(content)))),
            ],
            Err(err) => self.refused(err),
        }
    }

    /// Ends the talk: first every proposal still open is put to both; what
    /// did not get two yeses is dropped. Then the summary is kept on the
    /// talk and in the journal.
    fn finish(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        let voters = Self::voters(session);
        let Some(talk) = talk(session) else {
            return Vec::new();
        };
        let open = talk.agreements.iter().copied().find(|id| {
            session.workbook.agreement(*id).is_some_and(|a| {
                a.status == AgreementStatus::Proposed
                    && !a
                        .history
                        .iter()
                        .any(|e| matches!(e.kind, crate::couple::AgreementEventKind::Declined))
                    && voters.iter().any(|v| !a.accepted_by.contains(v))
            })
        });
        if let Some(agreement) = open {
            let voter = session
                .workbook
                .agreement(agreement)
                .and_then(|a| voters.iter().position(|v| !a.accepted_by.contains(v)))
                .unwrap_or(0);
            self.mode = FloorMode::Vote {
                agreement,
                voter,
                ending: true,
            };
            return Vec::new();
        }
        self.keep_draft(session);
        let now = session.clock.now();
        let workbook = &mut session.workbook;
        let ids = workbook
            .open_conversation()
            .map(|t| t.agreements.clone())
            .unwrap_or_default();
        for id in ids {
            if let Some(a) = workbook.agreement_mut(id)
                && a.status == AgreementStatus::Proposed
            {
                let _ = a.drop_unaccepted(now);
            }
        }
        let next_checkin = Some(next_checkin_date(workbook, session.clock.today()));
        let Some(talk) = workbook.open_conversation_mut() else {
            return Vec::new();
        };
        if let Err(err) = talk.end(now) {
            return self.refused(err);
        }
        let id = talk.id;
        let Some(index) = workbook.conversations.iter().position(|t| t.id == id) else {
            return Vec::new();
        };
        let talk = &workbook.conversations[index];
        let stage = talk.stage.clone().or(Some("communicate".to_string()));
        let summary = Summary::of(talk, &workbook.agreements, next_checkin, now);
        workbook.conversations[index].summary = Some(summary.clone());
        let author = workbook.default_author();
        let mut entry = JournalEntry::new(
            author,
            NewEntry {
                stage: stage.filter(|s| content.stages.iter().any(|st| st.id == *s)),
                mood: None,
                title: format!("We talked about “{}”", summary.topic),
                body: summary.to_text(),
            },
        );
        entry.created_at = now;
        entry.edited_at = now;
        session.journal.upsert(entry);
        vec![
            Command::Effect(Effect::Save),
            Command::Goto(Screen::TalkSummary(Box::new(SummaryScreen::new(id)))),
        ]
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let Some(talk) = talk(session) else {
            return;
        };
        let Some(turn) = talk.current() else {
            return;
        };
        let workbook = &session.workbook;
        let speaker = workbook.author_name(turn.speaker);
        let listener = workbook.author_name(turn.listener);
        let now = session.clock.now();
        let timer = talk.turn_minutes.is_some();
        // Time being up is a gentle note over at most two lines, not a bar.
        let time_up = time_up_note(content, area.width as usize);
        let gauge_height = match (timer, talk.time_is_up(now)) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => time_up.len() as u16,
        };
        let [banner, gauge, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(gauge_height),
            Constraint::Min(0),
        ])
        .areas(area);

        // Who holds the floor, in reverse video so it reads without colour.
        let floor = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let turn_no = talk.turns.len();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" ▶ {speaker} has the floor "), floor),
                Span::styled(format!("   {listener} listens"), THEME.text),
                Span::styled(format!("   · turn {turn_no}"), THEME.muted),
            ])),
            banner,
        );
        if timer {
            draw_gauge(frame, gauge, talk, now, time_up);
        }

        let step = turn.step;
        let names = [("speaker", speaker), ("listener", listener)];
        let Some(text) = content.couple.step(step_name(step, &self.mode)) else {
            return;
        };
        let title = format!(" {} ", fill(&text.title, &names));
        let block = Block::bordered()
            .border_style(THEME.border_focus)
            .title(Line::styled(title, THEME.title))
            .title_bottom(Line::styled(
                format!(" Topic: {} ", talk.topic),
                THEME.muted,
            ))
            .padding(Padding::horizontal(1));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let width = inner.width as usize;

        let mut lines = wrapped(&fill(&text.guide, &names), THEME.text, width);
        if step == Step::Speak && self.mode == FloorMode::Step {
            lines.extend(wrapped(&content.couple.reminder, THEME.muted, width));
        }
        let context = self.context_lines(session, step, width);
        lines.extend(context.iter().cloned());
        let writing = self.mode == FloorMode::Step
            && matches!(step, Step::Speak | Step::Paraphrase | Step::Validate);
        let box_height = if writing {
            (inner.height / 3).clamp(3, 7)
        } else {
            0
        };
        // Each bottom line is already wrapped to the width, so none is cut.
        let mut bottom_lines = self.mode_lines(content, session, step, width);
        if let Some(problem) = &self.problem {
            bottom_lines.extend(wrapped(problem, THEME.warning, width));
        }
        // The words on screen first, then the box to write in right under
        // them, then the question or keys; blank space goes to the end.
        let bottom_height = bottom_lines.len() as u16;
        let room = inner.height.saturating_sub(box_height + bottom_height);
        // In a small window, what was said matters more than the guide
        // (the title still names the step), and the gap goes first.
        if lines.len() as u16 > room && !context.is_empty() {
            lines = context.into_iter().skip_while(|l| l.width() == 0).collect();
        }
        let gap = u16::from((lines.len() as u16) < room);
        let [top, _, boxed, bottom] = Layout::vertical([
            Constraint::Length((lines.len() as u16).min(room.saturating_sub(gap).max(1))),
            Constraint::Length(gap),
            Constraint::Length(box_height),
            Constraint::Length(bottom_height),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(lines), top);
        if writing {
            let (long, short) = match step {
                Step::Speak => (
                    format!(" {speaker}'s words (or Ctrl+L: said aloud) "),
                    format!(" {speaker}'s words (Ctrl+L: aloud) "),
                ),
                Step::Paraphrase => (
                    format!(" What {listener} heard (or Ctrl+L: said aloud) "),
                    format!(" What {listener} heard (Ctrl+L: aloud) "),
                ),
                _ => (
                    format!(" {listener}'s words (Tab: a sentence starter) "),
                    format!(" {listener}'s words (Tab: a starter) "),
                ),
            };
            // A label that fits the box rather than one cut mid-word.
            let fits = boxed.width.saturating_sub(2) as usize;
            let label = if long.width() <= fits {
                long
            } else if short.width() <= fits {
                short
            } else {
                truncate(&short, fits)
            };
            let mut area = (*self.text).clone();
            area.set_block(
                Block::bordered()
                    .border_style(THEME.border_focus)
                    .title(label),
            );
            area.set_cursor_line_style(Style::new());
            frame.render_widget(&area, boxed);
        }
        frame.render_widget(Paragraph::new(bottom_lines), bottom);
    }

    /// What the step needs to see: the speaker's words while paraphrasing
    /// and confirming, the paraphrase while confirming.
    fn context_lines(&self, session: &Session, step: Step, width: usize) -> Vec<Line<'static>> {
        let Some(turn) = talk(session).and_then(Conversation::current) else {
            return Vec::new();
        };
        let workbook = &session.workbook;
        let mut lines = Vec::new();
        let quote = |who: &str, verb: &str, note: &Note| -> Vec<Line<'static>> {
            let said = if note.text.is_empty() {
                "(said aloud)".to_string()
            } else {
                format!("“{}”", note.text)
            };
            wrapped(&format!("{who} {verb}: {said}"), THEME.accent, width)
        };
        let round = turn.rounds.last();
        let paraphrase = round.and_then(|r| r.paraphrases.last());
        match step {
            Step::Paraphrase | Step::More | Step::Validate => {
                if let Some(round) = round {
                    lines.push(Line::default());
                    lines.extend(quote(
                        workbook.author_name(turn.speaker),
                        "said",
                        &round.said,
                    ));
                }
                if step == Step::Paraphrase
                    && let Some(p) = paraphrase
                    && let Some(correction) = &p.correction
                    && !correction.is_empty()
                {
                    lines.extend(wrapped(
                        &format!("Not quite. What was missed: “{correction}”"),
                        THEME.warning,
                        width,
                    ));
                }
            }
            Step::Confirm => {
                if let Some(round) = round {
                    lines.push(Line::default());
                    lines.extend(quote(
                        workbook.author_name(turn.speaker),
                        "said",
                        &round.said,
                    ));
                }
                if let Some(p) = paraphrase {
                    lines.extend(quote(workbook.author_name(turn.listener), "heard", &p.note));
                }
            }
            Step::Speak | Step::Done => {}
        }
        lines
    }

    /// The question or input below the step, and the keys for it.
    fn mode_lines(
        &self,
        content: &Content,
        session: &Session,
        step: Step,
        width: usize,
    ) -> Vec<Line<'static>> {
        let keys = |keys: &[(&str, &str)]| key_lines(keys, width);
        let workbook = &session.workbook;
        match &self.mode {
            FloorMode::Step => match step {
                Step::Confirm => keys(&[("y", "yes, that's it"), ("n", "not quite")]),
                Step::More => keys(&[("y", "yes, there is more"), ("n", "that's all for now")]),
                Step::Done => {
                    let next = talk(session)
                        .and_then(|t| t.listener())
                        .map_or("", |l| workbook.author_name(l));
                    keys(&[
                        ("Enter", &format!("{next}'s turn to speak")),
                        ("e", "end the talk"),
                    ])
                }
                _ => Vec::new(),
            },
            // The step's guide above already asks what was missed.
            FloorMode::Correct(text) => input_lines(text, width),
            FloorMode::Propose(text) => {
                let mut lines = wrapped(&content.couple.agreements.propose, THEME.text, width);
                lines.extend(input_lines(text, width));
                lines
            }
            FloorMode::Vote {
                agreement, voter, ..
            } => {
                let voters = Self::voters(session);
                let name = voters.get(*voter).map_or("", |v| workbook.author_name(*v));
                let text = workbook
                    .agreement(*agreement)
                    .map_or("", |a| a.text.as_str());
                let mut lines = wrapped(&format!("Proposed: “{text}”"), THEME.accent, width);
                lines.extend(wrapped(
                    &fill(&content.couple.agreements.accept, &[("name", name)]),
                    THEME.title,
                    width,
                ));
                lines.extend(keys(&[
                    ("y", "yes, I agree"),
                    ("n", "no"),
                    ("Esc", "not now"),
                ]));
                lines
            }
            FloorMode::AskSkip => [
                wrapped(
                    "Skip this step? It will be noted in the summary.",
                    THEME.title,
                    width,
                ),
                keys(&[("y", "skip it"), ("n", "no, go back")]),
            ]
            .concat(),
            FloorMode::AskEnd => [
                wrapped(
                    "End the talk here? Anything proposed is put to both of you first.",
                    THEME.title,
                    width,
                ),
                keys(&[("y", "end and see the summary"), ("n", "keep talking")]),
            ]
            .concat(),
        }
    }
}

/// Key hints packed into lines no wider than `width`; a hint is never
/// split across lines.
pub(super) fn key_lines(keys: &[(&str, &str)], width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (key, label) in keys {
        let w = key.width() + 1 + label.width();
        if used > 0 && used + 3 + w > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("   "));
            used += 3;
        }
        spans.push(Span::styled(key.to_string(), THEME.key));
        spans.push(Span::styled(format!(" {label}"), THEME.text));
        used += w;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// A one-line input wrapped to `width`, with the cursor after the text.
pub(super) fn input_lines(text: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = wrapped(text, THEME.text, width.saturating_sub(1));
    if lines.is_empty() {
        lines.push(Line::default());
    }
    if let Some(last) = lines.last_mut() {
        // The space just typed shows before the cursor.
        if text.ends_with(' ') && last.width() > 0 {
            last.push_span(Span::styled(" ", THEME.text));
        }
        last.spans.extend(input_line("", true, "").spans);
    }
    lines
}

/// The note that the turn's time is up: whole when it fits in two lines,
/// else its first sentence.
fn time_up_note(content: &Content, width: usize) -> Vec<Line<'static>> {
    let note = format!("⏱ {}", content.couple.timer.ended.trim());
    let lines = wrapped(&note, THEME.warning, width);
    if lines.len() <= 2 {
        return lines;
    }
    let first = note.split_inclusive(". ").next().unwrap_or(&note).trim();
    wrapped(first, THEME.warning, width)
        .into_iter()
        .take(2)
        .collect()
}

/// The talk in progress.
fn talk(session: &Session) -> Option<&Conversation> {
    session.workbook.open_conversation()
}

fn event_for(step: Step, note: Note) -> Event {
    match step {
        Step::Speak => Event::Say(note),
        Step::Paraphrase => Event::Paraphrase(note),
        _ => Event::Validate(note),
    }
}

/// The content's name for what is on screen.
fn step_name(step: Step, mode: &FloorMode) -> &'static str {
    if matches!(mode, FloorMode::Correct(_)) {
        return "correct";
    }
    step.as_str()
}

/// The next check-in date: the interval after the last check-in, or today
/// when one is due already.
pub fn next_checkin_date(
    workbook: &crate::domain::Workbook,
    today: chrono::NaiveDate,
) -> chrono::NaiveDate {
    let interval = chrono::Days::new(u64::from(workbook.checkin_interval_days));
    workbook
        .last_checkin()
        .map(|c| c.created_at.date_naive() + interval)
        .filter(|date| *date > today)
        .unwrap_or(today)
}

/// The turn timer as a bar that empties; when time is up, a gentle note
/// instead of a cut-off.
fn draw_gauge(
    frame: &mut Frame,
    area: Rect,
    talk: &Conversation,
    now: chrono::DateTime<chrono::FixedOffset>,
    time_up: Vec<Line<'static>>,
) {
    let (Some(total), Some(left)) = (talk.turn_minutes, talk.turn_remaining(now)) else {
        return;
    };
    if talk.time_is_up(now) {
        frame.render_widget(Paragraph::new(time_up), area);
        return;
    }
    let secs = left.num_seconds().max(0);
    let label = format!(" {}:{:02} left", secs / 60, secs % 60);
    let width = (area.width as usize)
        .saturating_sub(label.len() + 2)
        .min(40);
    let fraction = secs as f64 / f64::from(total * 60).max(1.0);
    let filled = ((fraction * width as f64).round() as usize).min(width);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("⏱ ", THEME.muted),
            Span::styled("█".repeat(filled), THEME.accent),
            Span::styled("░".repeat(width - filled), THEME.muted),
            Span::styled(label, THEME.muted),
        ])),
        area,
    );
}
