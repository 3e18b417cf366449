//! Carries out effects against a store and feeds the results back into the
//! app. Kept apart from the terminal so tests can drive the whole app with
//! key events and a real store in a temp dir.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::{App, Effect, Loaded};
use crate::action::Action;
use crate::domain::Journal;
use crate::keymap;
use crate::storage::{Store, StoreError, WorkbookKey};

/// How the app ended, so the terminal code knows whether to clear the
/// screen first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    QuickExit,
}

/// Runs the user's own editor on a text and returns the edited text. The
/// terminal code provides one that hands the terminal over while it runs.
pub type Editor<'s> = Box<dyn FnMut(&str) -> Result<String, String> + 's>;

/// The app plus the store it saves to.
pub struct Runtime<'s> {
    pub app: App,
    pub store: &'s mut dyn Store,
    pub exit: Option<Exit>,
    pub editor: Editor<'s>,
    /// Set when something else drew on the terminal (an external editor),
    /// so the next frame must be drawn in full.
    pub redraw_all: bool,
    /// Where exports for the person go: their documents folder (tests
    /// point it at a temp dir).
    pub export_dir: std::path::PathBuf,
    /// A test-only trigger: this key makes the app panic, to prove that a
    /// failure keeps the open text (see `key_guarded`). Set from
    /// `TRUSTWORK_TEST_PANIC_KEY` in debug builds only.
    pub panic_on: Option<char>,
    /// Whether the mouse is used (clicks in lists, the wheel). Off unless
    /// set: capturing the mouse takes away the terminal's own text
    /// selection, which some people rely on.
    mouse: bool,
    /// The journal being read on another thread, after the first frame:
    /// first its index's stand-in (when fresh), then the journal itself.
    journal_on_its_way: Option<std::sync::mpsc::Receiver<Reading>>,
    /// Whether the index's stand-in is in the session while the journal
    /// is read (see [`Self::may_go_ahead`]).
    preview_shown: bool,
    /// Tells the journal-reading thread to go on from the index to the
    /// journal (see [`Self::release_journal`]).
    journal_go: Option<std::sync::mpsc::Sender<()>>,
    /// The journal's search, on a thread of its own.
    searcher: super::search::Searcher,
    /// Whether searches run on that thread (the terminal's event loop
    /// sets it); otherwise each runs whole before the next frame, as
    /// tests need.
    pub search_behind: bool,
    /// From how many entries (by the index) the journal is held in part
    /// rather than read whole (see `Journal::partial`): below it, reading
    /// it whole takes a few milliseconds. Tests lower it.
    pub in_part_from: usize,
    /// Whether work that writes a journal of years anew (a second or so)
    /// waits until a frame saying so is on screen: the terminal's event
    /// loop sets it and calls [`Self::run_after_frame`] after each frame;
    /// otherwise it is done at once, as tests need.
    pub slow_after_frame: bool,
    /// Whether a workbook opened from the list has its journal read
    /// behind the first frame, as at the start (the terminal's event loop
    /// sets it and looks for the journal); otherwise it is read as the
    /// workbook opens, as tests need.
    pub journal_later: bool,
    /// That work, until the frame is drawn.
    pub(super) after_frame: Option<super::in_part::Later>,
}

/// See [`Runtime::in_part_from`]: the point where a search too moves
/// behind the list.
pub const IN_PART_FROM: usize = 5_000;

/// How long [`Runtime::journal_arrived`] waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Until the journal is in (a key needs it).
    ForJournal,
    /// Until the thread's first word: the index's stand-in, or else the
    /// journal (a key came, and may only need the index).
    ForFirstWord,
    /// Not at all: take only what is there.
    No,
}

/// How long the journal-reading thread waits, after the index, before it
/// parses the journal anyway (see [`Runtime::release_journal`]).
const JOURNAL_GRACE: std::time::Duration = std::time::Duration::from_millis(100);

/// What the journal-reading thread sends.
enum Reading {
    /// The index, and whether the journal is to be held in part (then
    /// nothing follows: the thread has ended).
    Preview(crate::storage::journal_index::JournalIndex, bool),
    Journal(Result<Journal, StoreError>),
}

impl<'s> Runtime<'s> {
    pub fn new(app: App, store: &'s mut dyn Store) -> Self {
        Self {
            app,
            store,
            exit: None,
            editor: Box::new(|_| Err("There is no terminal to run an editor in.".to_string())),
            redraw_all: false,
            export_dir: default_export_dir(),
            panic_on: None,
            mouse: false,
            journal_on_its_way: None,
            preview_shown: false,
            journal_go: None,
            searcher: Default::default(),
            search_behind: false,
            in_part_from: IN_PART_FROM,
            slow_after_frame: false,
            journal_later: false,
            after_frame: None,
        }
    }

    /// Turns the mouse on or off. Set it before `tui::run`, which captures
    /// the mouse only when it is on.
    pub fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
    }

    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// A mouse event, as the terminal reports it; ignored with the mouse
    /// off.
    pub fn mouse_event(&mut self, event: MouseEvent) {
        if let Some(action) = super::mouse_action(event, self.app.context(), self.mouse) {
            self.dispatch(action);
        }
    }

    /// A key press, as the terminal reports it.
    pub fn key(&mut self, event: KeyEvent) {
        if let Some(action) = keymap::action_for(self.app.context(), event) {
            self.dispatch(action);
        }
    }

    /// Runs an action and every effect that follows from it.
    pub fn dispatch(&mut self, action: Action) {
        self.hold_what_is_needed(&action);
        if self.leave_for_after_frame(&action) {
            return;
        }
        let effects = self.app.update(action);
        apply(self, effects);
        self.hold_after();
    }
}

impl Runtime<'_> {
    /// Reads the open workbook's journal if it was left for later. Called
    /// once the first frame is on screen and before any key is handled, so
    /// nothing can act on a journal not read yet. A journal that cannot be
    /// read closes the workbook with the reason, as opening it would have.
    pub fn load_journal(&mut self) {
        let Some(session) = self.app.session.as_mut() else {
            return;
        };
        if session.journal_loaded() {
            return;
        }
        let read = self.store.read_journal(session.key());
        self.take_journal(read);
    }

    /// Starts reading the journal on another thread (see
    /// [`Self::load_journal`]; a store that cannot, reads it here). Until
    /// [`Self::journal_arrived`] takes it, no key may be handled.
    pub fn begin_journal_load(&mut self) {
        if !self.begin_journal_read() {
            self.load_journal();
        }
    }

    /// Starts reading the journal on another thread when the store can
    /// (see [`Self::begin_journal_load`]); returns whether it is on its way
    /// (or in already). Called before the first frame, so the index is
    /// read on the other core while this one draws.
    pub fn begin_journal_read(&mut self) -> bool {
        let Some(session) = self.app.session.as_ref() else {
            return true;
        };
        if session.journal_loaded() || self.journal_on_its_way.is_some() {
            return true;
        }
        let Some(read) = self.store.journal_reader(session.key()) else {
            return false;
        };
        let preview = self.store.journal_preview(session.key());
        let in_part_from = self.in_part_from;
        let (send, receive) = std::sync::mpsc::channel();
        let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                // The index first (a fraction of the journal's size), so
                // the list can be drawn while the journal is read.
                if let Some(preview) = preview.and_then(|read| read()) {
                    // A journal of years is never read whole: entries are
                    // read from their lines as they are needed.
                    let in_part = preview.len() >= in_part_from;
                    let _ = send.send(Reading::Preview(preview, in_part));
                    if in_part {
                        return;
                    }
                    // On two cores, parsing a journal of years right away
                    // would compete with drawing the list from the index:
                    // it waits for that frame, or for a key that needs
                    // the journal, or a moment at most.
                    let _ = wait_for_go.recv_timeout(JOURNAL_GRACE);
                }
                let _ = send.send(Reading::Journal(read()));
            });
        match spawned {
            Ok(_) => {
                self.journal_on_its_way = Some(receive);
                self.journal_go = Some(go);
                true
            }
            Err(_) => false,
        }
    }

    /// Lets the journal-reading thread go on from the index to the journal
    /// now (a frame drawn from the index is up, or a key needs the
    /// journal).
    pub fn release_journal(&mut self) {
        if let Some(go) = self.journal_go.take() {
            let _ = go.send(());
        }
    }

    /// Whether a journal is still being read on another thread.
    pub fn journal_pending(&self) -> bool {
        self.journal_on_its_way.is_some()
    }

    /// Takes what the journal-reading thread sent: waiting as `wait`
    /// says. Returns whether anything was taken (the screen may show more
    /// now).
    pub fn journal_arrived(&mut self, wait: Wait) -> bool {
        use std::sync::mpsc::TryRecvError;
        if wait == Wait::ForJournal {
            self.release_journal();
        }
        let mut taken = false;
        loop {
            let Some(receive) = &self.journal_on_its_way else {
                return taken;
            };
            let block = match wait {
                Wait::ForJournal => true,
                Wait::ForFirstWord => !taken && !self.preview_shown,
                Wait::No => false,
            };
            // `None`: the thread is gone.
            let next = if block {
                receive.recv().ok()
            } else {
                match receive.try_recv() {
                    Ok(next) => Some(next),
                    Err(TryRecvError::Empty) => return taken,
                    Err(TryRecvError::Disconnected) => None,
                }
            };
            match next {
                Some(Reading::Preview(preview, true)) => {
                    // Nothing follows: the journal stays on disk.
                    self.journal_on_its_way = None;
                    self.journal_go = None;
                    self.show_preview(preview);
                    // Nothing is on its way: a later opening waits for
                    // its own first word again.
                    self.preview_shown = false;
                    return true;
                }
                Some(Reading::Preview(preview, false)) => {
                    self.show_preview(preview);
                    // The key that waited for this goes ahead now; the
                    // journal is taken at the next look.
                    if wait == Wait::ForFirstWord {
                        return true;
                    }
                    taken = true;
                }
                Some(Reading::Journal(read)) => {
                    self.journal_on_its_way = None;
                    self.preview_shown = false;
                    self.take_journal(read);
                    return true;
                }
                None => {
                    // The reading thread failed: read it here instead.
                    self.journal_on_its_way = None;
                    self.preview_shown = false;
                    self.load_journal();
                    return true;
                }
            }
        }
    }

    /// Puts the index's stand-in into the session, and redraws the
    /// journal list from it when it is on screen.
    fn show_preview(&mut self, index: crate::storage::journal_index::JournalIndex) {
        if let Some(session) = self.app.session.as_mut() {
            session.show_index(index);
            session.read_in_sealed(&*self.store);
            self.preview_shown = true;
            self.journal_changed();
        }
    }

    /// Whether `key` may be handled before the journal is in, on the
    /// index: going to the journal list and moving in it, which show
    /// headlines only and change nothing, and opening an entry to read it
    /// (read here from its line, see [`Self::read_selected_entry`]) and
    /// leaving it again. Every other key waits for the journal.
    pub fn may_go_ahead(&mut self, key: KeyEvent) -> bool {
        use crate::action::Section;
        use crate::ui::screens::Screen;
        if !self.preview_shown {
            return false;
        }
        let Some(action) = keymap::action_for(self.app.context(), key) else {
            return false;
        };
        let bare = self.app.popup.is_none() && !self.app.help_open;
        let in_list = matches!(self.app.screen, Screen::Journal(_)) && bare;
        let in_entry = matches!(self.app.screen, Screen::Entry(_)) && bare;
        match action {
            Action::Section(Section::Journal) => bare,
            Action::Up
            | Action::Down
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Top
            | Action::Bottom => in_list || in_entry,
            Action::Select => in_list && self.read_selected_entry(),
            Action::Back => in_entry,
            // Searching reads the journal's bytes, not the parsed journal.
            Action::Search => in_list && self.searches_bytes(),
            Action::Type(_) | Action::Paste(_) | Action::FinishEdit | Action::ClearFilters => {
                self.app.context() == crate::keymap::Context::JournalSearch && self.searches_bytes()
            }
            _ => false,
        }
    }

    /// Whether the open workbook's journal is searched as bytes (so a
    /// search needs no parsed journal).
    fn searches_bytes(&self) -> bool {
        self.app
            .session
            .as_ref()
            .is_some_and(|s| self.store.journal_search_file(s.key()).is_some())
    }

    /// Reads the journal list's selected entry from its line in the
    /// journal, so it can be opened before the journal is in. Returns
    /// whether it can be (a reflection always can: it is in the
    /// workbook).
    pub(super) fn read_selected_entry(&mut self) -> bool {
        use crate::journal_view::Source;
        use crate::ui::screens::Screen;
        let (Screen::Journal(list), Some(session)) = (&self.app.screen, &mut self.app.session)
        else {
            return false;
        };
        match list.selected() {
            Some(Source::Reflection(_)) => true,
            Some(Source::Entry(id)) => {
                let id = *id;
                session
                    .indexed_line(id)
                    .and_then(|line| self.store.read_entry_at(session.key(), id, line))
                    .is_some_and(|entry| session.show_entry(entry))
            }
            None => false,
        }
    }

    /// Whether a search is running behind the list.
    pub fn search_pending(&self) -> bool {
        self.searcher.pending()
    }

    /// Takes what the search found since the last look. Returns whether
    /// anything came (the list may show more now).
    pub fn search_arrived(&mut self) -> bool {
        let found = self.searcher.arrived();
        let came = !found.is_empty();
        for found in found {
            self.dispatch(Action::SearchFound(found));
        }
        came
    }

    /// Starts a search of the journal's bytes (see [`Effect::Search`]):
    /// behind the list, or here when [`Self::search_behind`] is off. A
    /// store that cannot (an encrypted workbook) answers at once that
    /// the parsed journal must be searched.
    fn search(&mut self, generation: u64, query: String) -> Option<Action> {
        let session = self.app.session.as_ref();
        let path = session.and_then(|s| self.store.journal_search_file(s.key()));
        let index = session.and_then(|s| s.shared_index());
        let Some(path) = path else {
            return Some(Action::SearchFound(super::Found {
                generation,
                ids: None,
                done: true,
            }));
        };
        if self.search_behind {
            self.searcher.start(path, generation, query, index);
            return None;
        }
        if query.trim().is_empty() {
            return None;
        }
        Some(Action::SearchFound(super::search::search_here(
            &path, generation, &query, index,
        )))
    }

    /// Puts a journal just read into the session, or closes the workbook
    /// with the reason it could not be read.
    /// Takes in journal entries another process added (a `journal add`
    /// from the shell while this workbook is open) and shows them.
    /// Returns whether anything came, so the screen is drawn again. A
    /// file that cannot be read now is left for the next save, which
    /// reads it again and says what is wrong.
    pub fn look_for_news(&mut self) -> bool {
        let Some(session) = self.app.session.as_mut() else {
            return false;
        };
        let came = session.take_appended(&*self.store).unwrap_or(false);
        if came {
            self.journal_changed();
        }
        came
    }

    /// Shows a change to the journal on the list (see
    /// [`App::journal_changed`]), and starts what it asks for.
    pub(super) fn journal_changed(&mut self) {
        let effects = self.app.journal_changed();
        apply(self, effects);
    }

    fn take_journal(&mut self, read: Result<Journal, StoreError>) {
        let read = read.map(Box::new).map_err(|e| e.to_string());
        self.dispatch(Action::JournalRead(read));
    }
}

/// Carries out effects in order; results come back as actions, which may
/// bring more effects.
pub fn apply(rt: &mut Runtime<'_>, effects: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let feedback = match effect {
            // Another program's editor would get a plain copy on disk.
            Effect::EditExternally(target, _)
                if rt
                    .app
                    .session
                    .as_ref()
                    .is_some_and(|s| rt.store.is_encrypted(s.key())) =>
            {
                Some(Action::ExternallyEdited(
                    target,
                    Err("This workbook is encrypted. Your own editor would need a copy in plain text on disk, so it is not used here: press e to edit in trustwork.".into()),
                ))
            }
            Effect::EditExternally(target, text) => {
                let edited = (rt.editor)(&text);
                rt.redraw_all = true;
                Some(Action::ExternallyEdited(target, edited))
            }
            Effect::Save => save(rt),
            Effect::List => Some(Action::Listed(rt.store.list().map_err(|e| e.to_string()))),
            Effect::Open(key) if rt.journal_later => {
                // As at the start: the workbook now, its journal read
                // behind the first frame (from its index, for a journal
                // of years, which is then held in part).
                match rt.store.open(&key) {
                    Ok(workbook) => {
                        let loaded = Box::new(super::Loaded::from(workbook));
                        queue.extend(rt.app.update(Action::Opened(key, Ok(loaded))));
                        if let Some(session) = rt.app.session.as_mut() {
                            session.journal_to_follow();
                        }
                        rt.begin_journal_load();
                        None
                    }
                    Err(e) => Some(Action::Opened(key, Err(e.to_string()))),
                }
            }
            Effect::Open(key) => {
                let opened = open(rt.store, &key)
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                Some(Action::Opened(key, opened))
            }
            Effect::Create { new, .. } => match rt.store.create(new) {
                Ok((key, _)) => {
                    queue.push_back(Effect::List);
                    queue.push_back(Effect::Open(key));
                    None
                }
                Err(e) => Some(Action::CreateFailed(e.to_string())),
            },
            Effect::Close(key) => {
                // After the saves queued before it, which need the session.
                rt.store.close(&key);
                Some(Action::Closed(key))
            }
            Effect::Quit => {
                // If the save just tried failed, stay, so nothing is lost
                // silently: the popup explains, and Ctrl+Q still leaves.
                if !rt.app.unsaved {
                    rt.exit = Some(Exit::Quit);
                }
                None
            }
            Effect::QuickExit => {
                // Leaving at once after a save that failed: the words not
                // written go to a recovery file (never for an encrypted
                // workbook), and the next start puts them in the journal.
                if rt.app.unsaved
                    && let Some(session) = rt.app.session.as_ref()
                    && !rt.store.is_encrypted(session.key())
                    && let Some(words) = session.unsaved_words()
                {
                    let key = session.key().clone();
                    let _ = rt.store.write_recovery(Some(&key), &words);
                }
                rt.exit = Some(Exit::QuickExit);
                None
            }
            Effect::Search { generation, query } => rt.search(generation, query),
            Effect::WriteExport { name, text } => {
                let path = rt.export_dir.join(name);
                let written = crate::storage::write_atomic(&path, text.as_bytes())
                    .map(|()| path)
                    .map_err(|e| e.to_string());
                Some(Action::Exported(written))
            }
        };
        if let Some(action) = feedback {
            queue.extend(rt.app.update(action));
        }
    }
}

/// Locks and reads a workbook with its journal. If the journal cannot be
/// read, the workbook is closed again: it is not opened half.
pub(super) fn open(store: &mut dyn Store, key: &WorkbookKey) -> Result<Loaded, StoreError> {
    let workbook = store.open(key)?;
    match store.read_journal(key) {
        Ok(journal) => Ok(Loaded { workbook, journal }),
        Err(err) => {
            store.close(key);
            Err(err)
        }
    }
}

fn save(rt: &mut Runtime<'_>) -> Option<Action> {
    let session = rt.app.session.as_mut()?;
    let result = session.save(rt.store).map_err(|e| e.to_string());
    Some(Action::Saved(result))
}

/// The documents folder, else the home folder, else the current folder.
fn default_export_dir() -> std::path::PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .map(std::path::Path::to_path_buf)
                .or_else(|| Some(dirs.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}
