//! The app's state and its one mutator, [`App::update`]. Screens handle the
//! actions meant for them and answer with [`Command`]s; the ones that need
//! I/O leave `update` as [`Effect`]s, which the runtime carries out against
//! a [`crate::storage::Store`] and feeds back as actions.

mod draw;
mod in_part;
mod mouse;
mod recovery;
mod runtime;
mod search;
mod start;

use crate::action::{Action, Section};
use crate::content::Content;
use crate::domain::Clock;
use crate::keymap::Context;
use crate::storage::Listing;
use crate::ui::screens::{
    AfterPartners, CLOSED_NOTE, CreateScreen, Cx, HomeScreen, Look, PartnersScreen,
    ScreeningScreen, section_screen,
};

pub use crate::open::Loaded;
pub use crate::ui::screens::{
    Command, EditTarget, Effect, Popup, Screen, Session, capitalised, error_popup, refused,
    resume_screen,
};
pub use draw::draw;
pub use mouse::mouse_action;
pub use recovery::{Crashed, RECOVERED_TITLE};
pub use runtime::{Editor, Exit, IN_PART_FROM, Runtime, Wait, apply};
pub use search::Found;
pub use start::{Prepared, prepare, start, start_prepared, start_with, start_with_settings};

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
    /// Who was at the keyboard when a workbook for two was left for the
    /// workbook list in this run: opening it again keeps them there, as
    /// going back and forth is no handover (`W` is the one way to switch).
    last_writer: std::collections::HashMap<crate::storage::WorkbookKey, uuid::Uuid>,
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
            last_writer: std::collections::HashMap::new(),
            settings: Settings::default(),
            confirm_close: false,
        }
    }

    /// Whether something on screen moves by itself, so the event loop
    /// should send ticks instead of waiting for a key.
    pub fn animating(&self) -> bool {
        self.screen.view().animating(self.session.as_ref())
    }

    /// Redraws the journal list's rows from the session's journal, when
    /// the list is on screen (the journal came in after it was drawn, or
    /// another process added to it), and runs its search behind the list
    /// again, if it has one: what the change brought is searched too.
    #[must_use = "the effects start the search again"]
    pub fn journal_changed(&mut self) -> Vec<Effect> {
        let commands = match (&mut self.screen, &self.session) {
            (Screen::Journal(list), Some(session)) => {
                list.refresh(&self.content, session);
                list.search_again()
            }
            _ => Vec::new(),
        };
        self.apply_commands(commands)
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
        self.screen.view().context(self.session.as_ref())
    }

    /// What the screens may read while drawing.
    pub fn look(&self) -> Look<'_> {
        Look {
            content: &self.content,
            session: self.session.as_ref(),
            listings: &self.listings,
            discreet: self.discreet,
            clock: self.clock,
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
        if !action.is_feedback() {
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
            // Support, from anywhere: the screen underneath waits, as it was.
            Action::Support if matches!(self.screen, Screen::Support(_)) => Vec::new(),
            Action::Support => {
                self.popup = None;
                let here = std::mem::replace(&mut self.screen, Screen::Home(HomeScreen::default()));
                vec![Command::Goto(Screen::Support(Box::new(
                    crate::ui::screens::SupportScreen::new(here),
                )))]
            }
            Action::RightNow if matches!(self.screen, Screen::RightNow(_)) => Vec::new(),
            Action::RightNow => {
                self.popup = None;
                let here = std::mem::replace(&mut self.screen, Screen::Home(HomeScreen::default()));
                vec![Command::Goto(Screen::RightNow(Box::new(
                    crate::ui::screens::RightNowScreen::new(here),
                )))]
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
                let last = self.last_writer.get(&key).copied();
                let mut session = Session::new(key, workbook, journal, self.clock);
                let mut commands = self.apply_settings(&mut session);
                // Back to whoever had the keyboard; someone who keeps
                // their space behind a passphrase shows it again first.
                let door = last.filter(|&who| who != session.writer() && !session.set_writer(who));
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
                    (None, Some(session)) if door.is_some() => {
                        let me = session.writer();
                        let mut door =
                            crate::ui::screens::LookAwayScreen::writer(door.unwrap_or(me), me);
                        door.typing = Some(String::new());
                        vec![Command::Goto(Screen::LookAway(Box::new(door)))]
                    }
                    // Everyone here keeps a private space behind a
                    // passphrase: nothing opens until one of them shows
                    // theirs.
                    (None, Some(session)) if session.locked() => {
                        let me = session.writer();
                        let other = session.next_writer().map_or(me, |p| p.id);
                        let mut door = crate::ui::screens::LookAwayScreen::writer(me, other);
                        door.typing = Some(String::new());
                        vec![Command::Goto(Screen::LookAway(Box::new(door)))]
                    }
                    // The private questions a shell could not ask come
                    // first (see `trustwork new` and `checkin`).
                    // In a workbook for two, whoever is at the keyboard
                    // is not known: the handover comes first.
                    (None, Some(session))
                        if session.screening_owed(session.writer())
                            && session.workbook().is_couple() =>
                    {
                        let me = session.writer();
                        let other = session.next_writer().map_or(me, |p| p.id);
                        vec![Command::Goto(Screen::LookAway(Box::new(
                            crate::ui::screens::LookAwayScreen::screening(
                                me,
                                other,
                                crate::ui::screens::AfterScreening::Start,
                                None,
                            ),
                        )))]
                    }
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
                // The list may be up already, drawn from the index.
                return self.journal_changed();
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
                if let Some(session) = self.session.as_ref().filter(|s| *s.key() == key) {
                    if session.workbook().is_couple() {
                        self.last_writer.insert(key, session.writer());
                    }
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
            Action::SearchFound(found) => {
                // The list may be under an entry opened from it.
                let list = match &mut self.screen {
                    Screen::Journal(list) => Some(&mut **list),
                    Screen::Entry(entry) => Some(&mut entry.list),
                    _ => None,
                };
                if let (Some(list), Some(session)) = (list, &self.session) {
                    list.found(found, &self.content, session);
                }
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
                // A note such as "Saved to your journal." came just before
                // the save was tried: it is not true now.
                self.status = None;
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
        let Some(session) = &mut self.session else {
            return Vec::new();
        };
        let mut commands = vec![Command::Goto(resume_screen(&self.content, session))];
        // Told once, to a workbook for two made before each person had a
        // private space: what changed, and that nothing was hidden.
        if session.private_by_person_notice_due() {
            session.private_by_person_notice_shown();
            commands.push(Command::Popup(Popup {
                title: "What changed".into(),
                message: self.content.couple.what_changed.clone(),
            }));
            commands.push(Command::Effect(Effect::Save));
        }
        // A talk left mid-way is offered back (never in "safety first",
        // where talks are not offered at all).
        let workbook = session.workbook();
        if let Some(talk) = workbook.open_conversation()
            && !workbook.safety.is_safety_first()
            && !session.is_closed()
        {
            commands.push(Command::Popup(Popup {
                title: "A talk is paused".into(),
                message: format!(
                    "Your talk about “{}” is paused where you left it. When you are both ready, press 5 to go back to it.",
                    talk.topic
                ),
            }));
        }
        commands
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
        self.screen
            .view_mut()
            .keep_on_quick_exit(&self.content, self.session.as_mut())
    }

    fn screen_update(&mut self, action: Action) -> Vec<Command> {
        let content = &self.content;
        if let (Action::Section(section), Some(session)) = (&action, &self.session) {
            return vec![Command::Goto(section_screen(*section, content, session))];
        }
        if let (Action::SwitchWriter, Some(session)) = (&action, self.session.as_ref()) {
            return switch_writer(session);
        }
        let cx = Cx {
            content,
            session: self.session.as_mut(),
            listings: &self.listings,
        };
        self.screen.view_mut().update(action, cx)
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

/// Hands the keyboard to the next participant: what they write from now on
/// is theirs.
/// `W`: the keyboard goes to the other person through the same "please
/// look away" screen as the private questions, never as a silent toggle.
fn switch_writer(session: &Session) -> Vec<Command> {
    match session.next_writer() {
        Ok(next) => vec![Command::Goto(Screen::LookAway(Box::new(
            crate::ui::screens::LookAwayScreen::writer(next.id, session.writer()),
        )))],
        Err(_) => vec![Command::Status(
            "Only one person writes in this workbook. Couple mode (5) can add a second.".into(),
        )],
    }
}
