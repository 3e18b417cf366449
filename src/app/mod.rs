//! The app's state and its one mutator, [`App::update`]. Screens handle the
//! actions meant for them and answer with [`Command`]s; the ones that need
//! I/O leave `update` as [`Effect`]s, which the runtime carries out against
//! a [`crate::storage::Store`] and feeds back as actions.

mod mouse;
mod recovery;
mod runtime;
mod start;

use crate::action::{Action, Section};
use crate::content::Content;
use crate::domain::{Clock, NewWorkbook};
use crate::keymap::Context;
use crate::storage::{Listing, WorkbookKey};
use crate::ui::screens::{
    AfterPartners, AgreementsScreen, BreathingScreen, CheckInScreen, CounsellorScreen,
    CreateScreen, DashboardScreen, DecisionScreen, EntryFormScreen, EntryScreen, FloorScreen,
    HomeScreen, JournalScreen, LookAwayScreen, OverviewScreen, PageScreen, PartnersScreen,
    RevealScreen, SafetyScreen, ScreeningScreen, SetupScreen, SummaryScreen, TalkScreen,
    TimeOutScreen, TrashScreen,
};

pub use crate::journal_view::Source as EditTarget;
pub use crate::open::Loaded;
pub use mouse::mouse_action;
pub use recovery::{Crashed, RECOVERED_TITLE};
pub use runtime::{Editor, Exit, Runtime, apply};
pub use start::{Prepared, prepare, start, start_prepared, start_with, start_with_settings};

/// The screen on show. Each variant's state lives in its own file under
/// `ui/screens/`.
#[derive(Debug)]
pub enum Screen {
    Home(HomeScreen),
    Create(CreateScreen),
    Overview(OverviewScreen),
    Page(Box<PageScreen>),
    Breathing(BreathingScreen),
    Journal(Box<JournalScreen>),
    Entry(Box<EntryScreen>),
    EntryForm(Box<EntryFormScreen>),
    Trash(Box<TrashScreen>),
    CheckIn(Box<CheckInScreen>),
    Dashboard(Box<DashboardScreen>),
    Partners(Box<PartnersScreen>),
    Talk(Box<TalkScreen>),
    TalkSetup(Box<SetupScreen>),
    Floor(Box<FloorScreen>),
    TimeOut(Box<TimeOutScreen>),
    TalkSummary(Box<SummaryScreen>),
    Agreements(Box<AgreementsScreen>),
    LookAway(Box<LookAwayScreen>),
    Reveal(Box<RevealScreen>),
    Screening(Box<ScreeningScreen>),
    Safety(Box<SafetyScreen>),
    Decision(Box<DecisionScreen>),
    Counsellor(Box<CounsellorScreen>),
}

/// The workbook that is open (and locked) right now: the core's
/// [`crate::open::OpenWorkbook`], whose methods are every change a screen
/// can make.
pub type Session = crate::open::OpenWorkbook;

/// A message over the screen until dismissed: a failed save, a refused
/// action.
#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    pub title: String,
    pub message: String,
}

/// What a screen asks for after handling an action.
#[derive(Debug)]
pub enum Command {
    Goto(Screen),
    Popup(Popup),
    /// A short note in the footer ("Saved", "Stage complete").
    Status(String),
    Effect(Effect),
}

/// Work that needs the outside world. Carried out by the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write what changed in the open workbook and its journal, in the
    /// order the core sets (see [`crate::open::OpenWorkbook::save`]).
    Save,
    /// Hand this text to the user's own editor; the result comes back as
    /// [`Action::ExternallyEdited`].
    EditExternally(EditTarget, String),
    /// Read the list of workbooks again.
    List,
    Open(WorkbookKey),
    /// Create a workbook and open it; `together` asks for both partners'
    /// names once it is open.
    Create {
        new: NewWorkbook,
        together: bool,
    },
    /// Release the open workbook (going back to the home screen).
    Close(WorkbookKey),
    Quit,
    /// Quit now, clearing the screen (Ctrl+Q).
    QuickExit,
    /// Write an export for the person (a summary for a counsellor) into
    /// their documents folder as `name`; the path comes back as
    /// [`Action::Exported`].
    WriteExport {
        name: String,
        text: String,
    },
}

pub struct App {
    pub content: Content,
    pub screen: Screen,
    pub session: Option<Session>,
    pub listings: Vec<Listing>,
    pub popup: Option<Popup>,
    pub help_open: bool,
    pub status: Option<String>,
    /// Set when a save failed; the data is still in memory (the open
    /// workbook knows what is unwritten) and the next save tries again.
    pub unsaved: bool,
    /// Handling the result of a save: no new save is queued from it (a
    /// failing save would otherwise be retried forever, in one go).
    settling: bool,
    /// Where the date comes from; tests fix it with [`App::set_clock`],
    /// which sets it for the open workbook too: there is one clock.
    clock: Clock,
    /// Hide workbook names (home screen, header) and use a neutral window
    /// title: for a device someone else may glance at.
    pub discreet: bool,
    /// `C` was pressed once on the overview: a second press closes (or
    /// reopens) the workbook.
    confirm_close: bool,
    /// A workbook is being created (`Some(true)` for two people): once it
    /// opens, ask both names, then the private screening.
    creating: Option<bool>,
    /// What `config.toml` asks for that the app itself applies.
    pub settings: Settings,
}

/// The person's settings that shape an opened or new workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// In a workbook for two, who is writing when it opens (by name).
    pub default_author: Option<String>,
    /// The check-in reminder interval of new workbooks, in days.
    pub checkin_interval_days: Option<u32>,
}

impl App {
    /// Applies the settings to a workbook just opened: who writes, and a
    /// new workbook's reminder interval (saved at once).
    fn apply_settings(&self, session: &mut Session) -> Vec<Command> {
        if let Some(name) = &self.settings.default_author {
            // A name that is not in this workbook leaves the default.
            let _ = session.write_as(name);
        }
        match self.settings.checkin_interval_days {
            Some(days)
                if self.creating.is_some()
                    && session.set_checkin_interval(days).unwrap_or(false) =>
            {
                vec![Command::Effect(Effect::Save)]
            }
            _ => Vec::new(),
        }
    }

    /// Sets the one clock of the app and of the open workbook.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
        if let Some(session) = &mut self.session {
            session.set_clock(clock);
        }
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn new(content: Content, listings: Vec<Listing>) -> Self {
        let screen = if listings.is_empty() {
            Screen::Create(CreateScreen::new(true))
        } else {
            Screen::Home(HomeScreen::default())
        };
        Self {
            content,
            screen,
            session: None,
            listings,
            popup: None,
            help_open: false,
            status: None,
            unsaved: false,
            settling: false,
            clock: Clock::from_env(),
            discreet: false,
            creating: None,
            settings: Settings::default(),
            confirm_close: false,
        }
    }

    /// Whether something on screen moves by itself, so the event loop
    /// should send ticks instead of waiting for a key.
    pub fn animating(&self) -> bool {
        match &self.screen {
            Screen::Breathing(b) => b.running(),
            Screen::TimeOut(t) => t.running(),
            // The turn timer's gauge moves.
            Screen::Floor(_) => self
                .session
                .as_ref()
                .and_then(|s| s.workbook().open_conversation())
                .is_some_and(|t| t.turn_minutes.is_some()),
            _ => false,
        }
    }

    /// The key context of what has focus right now.
    pub fn context(&self) -> Context {
        if self.popup.is_some() {
            return Context::Popup;
        }
        if self.help_open {
            return Context::Help;
        }
        self.screen_context()
    }

    /// The key context of the screen itself, under any popup or help.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Create(_) => Context::Create,
            Screen::Overview(_) => Context::Overview,
            Screen::Page(page) => page.context(),
            Screen::Breathing(_) => Context::Breathing,
            Screen::Journal(journal) => journal.context(),
            Screen::Entry(_) => Context::Entry,
            Screen::EntryForm(_) => Context::EntryForm,
            Screen::Trash(_) => Context::Trash,
            Screen::CheckIn(checkin) => checkin.context(),
            Screen::Dashboard(_) => Context::Dashboard,
            Screen::Partners(_) => Context::Partners,
            Screen::Talk(_) => match &self.session {
                Some(session) => TalkScreen::context(session),
                None => Context::Talk,
            },
            Screen::TalkSetup(setup) => setup.context(),
            Screen::Floor(floor) => match &self.session {
                Some(session) => floor.context(session),
                None => Context::Floor,
            },
            Screen::TimeOut(_) => Context::TimeOut,
            Screen::TalkSummary(_) => Context::TalkSummary,
            Screen::Agreements(agreements) => match &self.session {
                Some(session) => agreements.context(session),
                None => Context::Agreements,
            },
            Screen::LookAway(_) => Context::LookAway,
            Screen::Reveal(reveal) => reveal.context(),
            Screen::Screening(_) => Context::Screening,
            Screen::Safety(safety) => safety.context(),
            Screen::Decision(_) => Context::Decision,
            Screen::Counsellor(_) => Context::Counsellor,
        }
    }

    /// The only place app state changes. Returns the effects to carry out.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // A click stands for key actions (see `mouse.rs`); a click on
        // nothing is no action, and leaves the status note.
        if let Action::Click { column, row } = action {
            return self.click(column, row);
        }
        // A status note lasts until the user's next action; results fed
        // back from effects must not wipe the note they belong to.
        if !matches!(
            action,
            Action::Listed(_)
                | Action::Opened(..)
                | Action::Saved(_)
                | Action::JournalRead(_)
                | Action::Closed(_)
                | Action::CreateFailed(_)
                | Action::Exported(_)
        ) {
            self.status = None;
        }
        let confirming = std::mem::take(&mut self.confirm_close);
        if let Some(refused) = self.refuse_if_closed(&action) {
            return self.apply_commands(vec![refused]);
        }
        // A save's result is settled without queueing another save; the
        // next action of the person retries what failed.
        self.settling = matches!(action, Action::Saved(_));
        let commands = match action {
            Action::CloseWorkbook => self.close_workbook(confirming),
            Action::QuickExit => {
                // Keep whatever is being typed: it is the one thing that
                // would otherwise be lost.
                let mut commands = self.commit_open_edit();
                commands.push(Command::Effect(Effect::QuickExit));
                commands
            }
            Action::Dismiss => {
                self.popup = None;
                Vec::new()
            }
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                Vec::new()
            }
            Action::Quit => vec![Command::Effect(Effect::Quit)],
            // Closing the workbook would drop a change that failed to save:
            // try the save again instead, and close on the next Esc.
            Action::Back if self.unsaved && matches!(self.screen, Screen::Overview(_)) => vec![
                Command::Effect(Effect::Save),
                Command::Status(
                    "Tried to save your last change again first. Press Esc once more to go back."
                        .into(),
                ),
            ],
            // Time does not pass behind a popup or the help overlay.
            Action::Tick(_) if self.popup.is_some() || self.help_open => Vec::new(),
            Action::Listed(Ok(listings)) => {
                self.listings = listings;
                if let Screen::Home(home) = &mut self.screen {
                    home.clamp(self.listings.len());
                }
                Vec::new()
            }
            Action::Listed(Err(message)) => {
                vec![error_popup("Could not list your workbooks", message)]
            }
            Action::Opened(key, Ok(loaded)) => {
                let Loaded { workbook, journal } = *loaded;
                let mut session = Session::new(key, workbook, journal, self.clock);
                let mut commands = self.apply_settings(&mut session);
                self.session = Some(session);
                // The device note comes with a workbook made here, once.
                if self.creating.is_some() {
                    commands.extend(self.device_note());
                }
                commands.extend(match (self.creating.take(), &self.session) {
                    (Some(true), Some(session)) => vec![Command::Goto(Screen::Partners(Box::new(
                        PartnersScreen::new(session, AfterPartners::Start),
                    )))],
                    // A new workbook starts with the private screening.
                    (Some(false), Some(session)) => vec![Command::Goto(Screen::Screening(
                        Box::new(ScreeningScreen::new(
                            &self.content,
                            session.writer(),
                            crate::ui::screens::AfterScreening::Start,
                        )),
                    ))],
                    // The private questions a shell could not ask come
                    // first (see `trustwork new` and `checkin`).
                    (None, Some(session)) if session.screening_owed(session.writer()) => {
                        vec![Command::Goto(Screen::Screening(Box::new(
                            ScreeningScreen::new(
                                &self.content,
                                session.writer(),
                                crate::ui::screens::AfterScreening::Start,
                            ),
                        )))]
                    }
                    _ => self.resume(),
                });
                commands
            }
            Action::JournalRead(Ok(journal)) => {
                if let Some(session) = &mut self.session {
                    session.set_journal(*journal);
                }
                Vec::new()
            }
            // A journal that cannot be read closes the workbook with the
            // reason, as opening it would have.
            Action::JournalRead(Err(message)) => match &self.session {
                Some(session) => vec![
                    Command::Effect(Effect::Close(session.key().clone())),
                    Command::Goto(Screen::Home(HomeScreen::default())),
                    error_popup("Could not open the workbook", message),
                ],
                None => Vec::new(),
            },
            Action::Closed(key) => {
                if self.session.as_ref().is_some_and(|s| *s.key() == key) {
                    self.session = None;
                }
                vec![Command::Effect(Effect::List)]
            }
            Action::CreateFailed(message) => {
                self.creating = None;
                vec![error_popup("Could not create the workbook", message)]
            }
            Action::Opened(_, Err(message)) => {
                vec![error_popup("Could not open the workbook", message)]
            }
            Action::Saved(Ok(())) => {
                self.unsaved = false;
                Vec::new()
            }
            Action::Exported(Ok(path)) => vec![Command::Popup(Popup {
                title: "Summary written".into(),
                message: format!(
                    "It is in {}.\n\nOnly what you ticked is in it. Anyone who can open that folder can read it, so move or delete it when it has served its purpose.",
                    path.display()
                ),
            })],
            Action::Exported(Err(message)) => {
                vec![error_popup("The summary could not be written", message)]
            }
            Action::Saved(Err(message)) => {
                self.unsaved = true;
                vec![error_popup(
                    "Your last change is not saved yet",
                    format!(
                        "{message}\n\nEverything you wrote is still here, and trustwork will try again with your next change. You can keep going."
                    ),
                )]
            }
            action => self.screen_update(action),
        };
        let effects = self.apply_commands(commands);
        self.settling = false;
        effects
    }

    /// Once per workbook: someone else may see this device, and Ctrl+Q
    /// leaves at once.
    fn device_note(&mut self) -> Vec<Command> {
        let Some(session) = &mut self.session else {
            return Vec::new();
        };
        if !session.take_device_note() {
            return Vec::new();
        }
        vec![
            Command::Popup(Popup {
                title: "A note about this device".into(),
                message: self.content.safety.device.note.clone(),
            }),
            Command::Effect(Effect::Save),
        ]
    }

    /// Opens the page where the user left off in the open workbook.
    fn resume(&mut self) -> Vec<Command> {
        match &self.session {
            Some(session) => vec![Command::Goto(resume_screen(&self.content, session))],
            None => Vec::new(),
        }
    }

    /// A closed workbook is read, not written: actions that would change
    /// it are refused with a word on how to reopen it.
    fn refuse_if_closed(&self, action: &Action) -> Option<Command> {
        let closed = self.session.as_ref().is_some_and(|s| s.is_closed());
        let writes = matches!(
            action,
            Action::Edit
                | Action::Toggle
                | Action::SetScale(_)
                | Action::ClearAnswer
                | Action::ToggleStepDone
                | Action::CompleteStage
                | Action::NewEntry
                | Action::Delete
                | Action::Undo
                | Action::Restore
                | Action::EmptyTrash
                | Action::EditExternal
                | Action::Propose
                | Action::SaveCheckIn
                | Action::EditPartners
                | Action::Section(Section::CheckIn | Section::Talk)
        );
        (closed && writes).then(|| Command::Status(CLOSED_NOTE.into()))
    }

    /// `C` on the overview: the first press asks, the second closes (or
    /// reopens). A closed workbook is kept, readable and never deleted.
    fn close_workbook(&mut self, confirmed: bool) -> Vec<Command> {
        let Some(session) = &mut self.session else {
            return Vec::new();
        };
        if !matches!(self.screen, Screen::Overview(_)) {
            return Vec::new();
        }
        let closed = session.is_closed();
        if !confirmed {
            self.confirm_close = true;
            let text = if closed {
                "Press C again to reopen this workbook for writing."
            } else {
                "Press C again to close this workbook. It is kept on this computer and stays readable; you can reopen it any time."
            };
            return vec![Command::Status(text.into())];
        }
        if closed {
            session.reopen();
            return vec![
                Command::Effect(Effect::Save),
                Command::Status("Reopened. You can write in it again.".into()),
            ];
        }
        session.close();
        vec![
            Command::Effect(Effect::Save),
            Command::Effect(Effect::Close(session.key().clone())),
            Command::Goto(Screen::Home(HomeScreen::default())),
            Command::Status("Closed and kept. Open it from the list to read it.".into()),
        ]
    }

    /// Remembers the page the user is on, so a reopened workbook resumes
    /// there. Returns whether the position changed.
    fn record_position(&mut self, place: crate::engine::Place) -> bool {
        match &mut self.session {
            Some(session) => session.go_to(&self.content, place),
            None => false,
        }
    }

    fn commit_open_edit(&mut self) -> Vec<Command> {
        match &mut self.screen {
            Screen::Page(page) => page.finish_edit(&self.content, self.session.as_mut()),
            Screen::CheckIn(checkin) => checkin.keep_on_exit(self.session.as_mut()),
            Screen::EntryForm(form) => match self.session.as_mut() {
                Some(session) => form.commit(&self.content, session),
                None => Vec::new(),
            },
            Screen::Screening(screening) => match self.session.as_mut() {
                Some(session) => match screening.keep_answered(&self.content, session) {
                    true => vec![Command::Effect(Effect::Save)],
                    false => Vec::new(),
                },
                None => Vec::new(),
            },
            Screen::Floor(floor) => match self.session.as_mut() {
                Some(session) => match floor.keep_draft(session) {
                    true => vec![Command::Effect(Effect::Save)],
                    false => Vec::new(),
                },
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn screen_update(&mut self, action: Action) -> Vec<Command> {
        let content = &self.content;
        if let (Action::Section(section), Some(session)) = (&action, &self.session) {
            return vec![Command::Goto(section_screen(*section, content, session))];
        }
        if let (Action::SwitchWriter, Some(session)) = (&action, self.session.as_mut()) {
            return switch_writer(session);
        }
        match (&mut self.screen, self.session.as_mut()) {
            (Screen::Home(home), _) => home.update(action, &self.listings),
            (Screen::Create(create), _) => create.update(action, !self.listings.is_empty()),
            (Screen::Overview(overview), session) => {
                overview.update(action, content, session.as_deref())
            }
            (Screen::Page(page), session) => page.update(action, content, session),
            (Screen::Breathing(breathing), _) => breathing.update(action),
            (Screen::Journal(journal), Some(session)) => journal.update(action, content, session),
            (Screen::Entry(entry), Some(session)) => entry.update(action, content, session),
            (Screen::EntryForm(form), Some(session)) => form.update(action, content, session),
            (Screen::Trash(trash), Some(session)) => trash.update(action, content, session),
            (Screen::CheckIn(checkin), Some(session)) => checkin.update(action, content, session),
            (Screen::Dashboard(dashboard), Some(session)) => {
                dashboard.update(action, content, session)
            }
            (Screen::Partners(partners), Some(session)) => {
                partners.update(action, content, session)
            }
            (Screen::Talk(talk), Some(session)) => talk.update(action, content, session),
            (Screen::TalkSetup(setup), Some(session)) => setup.update(action, session),
            (Screen::Floor(floor), Some(session)) => floor.update(action, content, session),
            (Screen::TimeOut(time_out), Some(session)) => time_out.update(action, session),
            (Screen::TalkSummary(summary), Some(_)) => summary.update(action),
            (Screen::Agreements(agreements), Some(session)) => {
                agreements.update(action, content, session)
            }
            (Screen::LookAway(look_away), Some(session)) => {
                look_away.update(action, content, session)
            }
            (Screen::Reveal(reveal), Some(session)) => reveal.update(action, content, session),
            (Screen::Screening(screening), Some(session)) => {
                screening.update(action, content, session)
            }
            (Screen::Safety(safety), Some(session)) => safety.update(action, content, session),
            (Screen::Decision(decision), Some(_)) => decision.update(action),
            (Screen::Counsellor(counsellor), Some(session)) => {
                counsellor.update(action, content, session)
            }
            // A workbook screen without a workbook cannot happen.
            _ => Vec::new(),
        }
    }

    fn apply_commands(&mut self, commands: Vec<Command>) -> Vec<Effect> {
        let mut effects = Vec::new();
        // Several commands may ask for a save; one save carries them all.
        let mut save = false;
        for command in commands {
            match command {
                Command::Goto(mut screen) => {
                    self.help_open = false;
                    if let Screen::Page(page) = &mut screen {
                        save |= self.record_position(page.place);
                        page.select_first_open(&self.content, self.session.as_ref());
                    }
                    self.screen = screen;
                }
                Command::Popup(popup) => self.popup = Some(popup),
                Command::Status(text) => self.status = Some(text),
                Command::Effect(Effect::Save) => save = true,
                Command::Effect(Effect::Create { new, together }) => {
                    self.creating = Some(together);
                    effects.push(Effect::Create { new, together });
                }
                Command::Effect(effect @ (Effect::Close(_) | Effect::Quit | Effect::QuickExit)) => {
                    // Save before the workbook is closed or the app ends; a
                    // failed save is retried on the way out.
                    // The session stays until the runtime has carried out
                    // these saves; it ends the session when it closes.
                    self.flush_save(save || self.unsaved, &mut effects);
                    save = false;
                    effects.push(effect);
                }
                Command::Effect(effect) => effects.push(effect),
            }
        }
        self.flush_save(save, &mut effects);
        effects
    }

    /// Adds the save when one is due: when asked, and whenever the journal
    /// has changes (so a failed journal save is retried with the next
    /// action).
    fn flush_save(&mut self, save: bool, effects: &mut Vec<Effect>) {
        let Some(session) = &mut self.session else {
            return;
        };
        if self.settling {
            return;
        }
        // The open workbook knows what changed and in which order the two
        // files must be written; one save carries it all.
        if save || session.journal().has_changes() {
            effects.push(Effect::Save);
        }
    }
}

/// The page where the user left off in the open workbook.
pub fn resume_screen(content: &Content, session: &Session) -> Screen {
    let engine = crate::engine::Engine::new(content, session.workbook().role());
    let place = engine.place_of(&session.workbook().progress.position);
    Screen::Page(Box::new(PageScreen::new(place)))
}

/// Hands the keyboard to the next participant: what they write from now on
/// is theirs.
fn switch_writer(session: &mut Session) -> Vec<Command> {
    match session.switch_writer() {
        Ok(next) => vec![Command::Status(format!(
            "{} is writing now: new answers and entries are theirs.",
            next.name
        ))],
        Err(_) => vec![Command::Status(
            "Only one person writes in this workbook. Couple mode (5) can add a second.".into(),
        )],
    }
}

/// The first screen of a section of the open workbook.
pub fn section_screen(section: Section, content: &Content, session: &Session) -> Screen {
    match section {
        Section::Stages => {
            let engine = crate::engine::Engine::new(content, session.workbook().role());
            let place = engine.place_of(&session.workbook().progress.position);
            Screen::Overview(OverviewScreen::at(place.stage()))
        }
        Section::Journal => Screen::Journal(Box::new(JournalScreen::new(content, session))),
        // Two people check in privately, one after the other.
        Section::CheckIn if session.workbook().is_couple() => {
            crate::ui::screens::private_checkin(content, session)
        }
        // One person: the private questions, then the form.
        Section::CheckIn => Screen::Screening(Box::new(ScreeningScreen::new(
            content,
            session.writer(),
            crate::ui::screens::AfterScreening::CheckIn(None),
        ))),
        Section::Progress => Screen::Dashboard(Box::new(DashboardScreen::new(content, session))),
        // A talk in progress is where couple mode opens.
        // Not offered in "safety first": the hub says so, neutrally.
        Section::Talk if session.workbook().safety.is_safety_first() => {
            Screen::Talk(Box::default())
        }
        Section::Talk => crate::ui::screens::talk_in_progress(session)
            .unwrap_or_else(|| Screen::Talk(Box::default())),
    }
}

pub fn error_popup(title: &str, message: impl Into<String>) -> Command {
    Command::Popup(Popup {
        title: title.to_string(),
        message: message.into(),
    })
}

/// The first letter in capitals, for a message that starts a sentence.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The workbook's refusal, said in the footer. The core decides; this is
/// only how the app words it.
pub fn refused(refused: &crate::open::Refused) -> Command {
    match refused {
        crate::open::Refused::Closed { .. } => Command::Status(CLOSED_NOTE.into()),
        other => Command::Status(capitalised(&other.to_string())),
    }
}

/// What a closed workbook says when something would write in it.
const CLOSED_NOTE: &str = "This workbook is closed: you can read it. To write in it again, press C twice on the overview.";
