//! Every key binding, defined once. Key handling, the `?` help overlay and
//! the footer hints are all generated from [`BINDINGS`], so they can never
//! disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, Section};

mod active;
pub use active::{Bound, Keymap, action_name, active, set_active};

/// One line of `[keys]`: an action and the keys that should do it. The
/// action name is not checked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: String,
    pub keys: Vec<Key>,
    /// The line in the file, for the keymap's own messages.
    pub line: usize,
}

/// Where the user is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Create,
    Overview,
    /// A stage's introduction page.
    Intro,
    /// A step or check-out page.
    Page,
    /// Typing an answer (or a name) into a text box.
    EditText,
    /// Ticking options in a checklist answer.
    EditChoice,
    /// Choosing a point on a 0–10 scale.
    EditScale,
    /// The guided breathing timer.
    Breathing,
    /// The journal list.
    Journal,
    /// Typing in the journal's search box.
    JournalSearch,
    /// Reading one journal entry.
    Entry,
    /// The fields of a journal entry being written (not the body text).
    EntryForm,
    /// The journal's trash.
    Trash,
    /// The check-in form.
    CheckIn,
    /// The check-in form asking whether to leave without saving.
    CheckInLeave,
    /// The progress dashboard.
    Dashboard,
    /// The two partners' names and sides.
    Partners,
    /// Couple mode's home: start or continue a talk, agreements, past talks.
    Talk,
    /// Setting up a talk: topic, who starts, the timer.
    TalkSetup,
    /// The ground rules, before a talk begins.
    TalkRules,
    /// A talk, at a step where someone writes (speaking, paraphrasing,
    /// validating).
    Floor,
    /// A talk, at a step where the speaker answers (confirm, is there
    /// more).
    FloorChoice,
    /// A talk, when a turn is done: on to the next, or end.
    FloorDone,
    /// Couple mode's home while couple mode is turned off.
    TalkOff,
    /// A yes-or-no question on screen (skip this step? accept this
    /// agreement? reveal the answers?).
    Question,
    /// Typing one short text (an agreement, a correction), Enter to keep it.
    LineEdit,
    /// A time-out in a talk.
    TimeOut,
    /// A talk's summary.
    TalkSummary,
    /// The list of agreements.
    Agreements,
    /// The list of agreements while there are none: only a new one can be
    /// proposed, so nothing else is offered.
    NoAgreements,
    /// "Pass the keyboard to …" before a private answer.
    LookAway,
    /// Both private answers are in: reveal them, or not.
    Reveal,
    /// The private screening questions.
    Screening,
    /// The safety screen after a screening.
    Safety,
    /// The offer of a passphrase for one's private space, after private
    /// answers that raised no concern.
    PrivateSpace,
    /// The decision aid: answers beside the check-in trend.
    Decision,
    /// Choosing what goes into a summary for a counsellor.
    Counsellor,
    /// Support: crisis lines and helplines (Ctrl+S, from anywhere).
    Support,
    /// "Right now": a few steps for a hard moment (Ctrl+N, from anywhere).
    RightNow,
    Help,
    Popup,
}

/// A key as written in the table: a code plus modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// One binding: the keys, where they apply, what they do, and the words
/// shown for them.
pub struct Binding {
    pub keys: &'static [Key],
    pub contexts: &'static [Context],
    pub action: Action,
    pub help: &'static str,
    /// The short label in the footer; empty when the binding is only in help.
    pub hint: &'static str,
}

use Context::*;

impl Context {
    /// Every context, for tests and the help of keys that work everywhere.
    pub const ALL: &'static [Context] = EVERYWHERE;
}

const EVERYWHERE: &[Context] = &[
    Breathing,
    Home,
    Create,
    Overview,
    Intro,
    Page,
    EditText,
    EditChoice,
    EditScale,
    Journal,
    JournalSearch,
    Entry,
    EntryForm,
    Trash,
    CheckIn,
    CheckInLeave,
    Dashboard,
    Partners,
    Talk,
    TalkSetup,
    TalkRules,
    Floor,
    FloorChoice,
    FloorDone,
    TalkOff,
    Question,
    LineEdit,
    TimeOut,
    TalkSummary,
    Agreements,
    NoAgreements,
    LookAway,
    Reveal,
    Screening,
    Safety,
    PrivateSpace,
    Decision,
    Counsellor,
    Support,
    RightNow,
    Help,
    Popup,
];
const BROWSING: &[Context] = &[
    Home,
    Overview,
    Intro,
    Page,
    Breathing,
    Journal,
    Entry,
    Trash,
    Dashboard,
    Talk,
    TalkOff,
    TalkSummary,
    Agreements,
    NoAgreements,
];
/// Inside an open workbook, where the number keys switch sections.
const SECTIONS: &[Context] = &[
    Overview,
    Intro,
    Page,
    Journal,
    Entry,
    Trash,
    Dashboard,
    Talk,
    TalkOff,
    TalkSummary,
    Agreements,
    NoAgreements,
];
/// Anywhere in a talk, where a time-out is one key away.
const IN_TALK: &[Context] = &[Floor, FloorChoice, FloorDone];
/// A talk where letters are commands, not typing.
const TALK_KEYS: &[Context] = &[FloorChoice, FloorDone];
/// Forms of short fields moved through with Tab.
const FORMS: &[Context] = &[Partners, TalkSetup];
const PAGES: &[Context] = &[Intro, Page];
const LISTS: &[Context] = &[
    Home, Overview, Intro, Page, EditChoice, Journal, Trash, Talk,
];

pub const BINDINGS: &[Binding] = &[
    Binding {
        // Ctrl+C too: it is what people reach for to get out, and it
        // should save, not lose, what they typed.
        keys: &[ctrl('q'), ctrl('c')],
        contexts: EVERYWHERE,
        action: Action::QuickExit,
        help: "Save and leave at once",
        hint: "",
    },
    Binding {
        // Ctrl+S: found before any screen's own keys, like Ctrl+Q, so it
        // works in every screen and text box (raw mode frees it from
        // terminal flow control).
        keys: &[ctrl('s')],
        contexts: EVERYWHERE,
        action: Action::Support,
        help: "Support: crisis lines and helplines",
        hint: "",
    },
    Binding {
        // Ctrl+N, "now": found before any screen's own keys, like Ctrl+S.
        keys: &[ctrl('n')],
        contexts: EVERYWHERE,
        action: Action::RightNow,
        help: "Right now: a few steps for a hard moment",
        hint: "",
    },
    Binding {
        keys: &[ch('b')],
        contexts: &[RightNow],
        action: Action::StartBreathing,
        help: "Slow breathing, a few minutes",
        hint: "breathe",
    },
    Binding {
        keys: &[ch('p')],
        contexts: &[RightNow],
        action: Action::ParkThought,
        help: "Park a thought in your journal",
        hint: "park a thought",
    },
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::PageDown), ch('j')],
        contexts: &[RightNow],
        action: Action::ScrollDown,
        help: "Scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::PageUp), ch('k')],
        contexts: &[RightNow],
        action: Action::ScrollUp,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), key(KeyCode::Enter)],
        contexts: &[Support, RightNow],
        action: Action::Back,
        help: "Back to where you were",
        hint: "back",
    },
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::PageDown), ch('j')],
        contexts: &[Support],
        action: Action::ScrollDown,
        help: "Scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::PageUp), ch('k')],
        contexts: &[Support],
        action: Action::ScrollUp,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter), key(KeyCode::Esc)],
        contexts: &[Popup],
        action: Action::Dismiss,
        help: "Close this message",
        hint: "close",
    },
    Binding {
        keys: &[ch('?'), key(KeyCode::Esc)],
        contexts: &[Help],
        action: Action::ToggleHelp,
        help: "Close help",
        hint: "close",
    },
    Binding {
        keys: &[ch('?')],
        contexts: BROWSING,
        action: Action::ToggleHelp,
        help: "Show all keys",
        hint: "keys",
    },
    Binding {
        keys: &[ch('q')],
        contexts: BROWSING,
        action: Action::Quit,
        help: "Save and quit",
        hint: "quit",
    },
    // Lists
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: LISTS,
        action: Action::Up,
        help: "Move up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: LISTS,
        action: Action::Down,
        help: "Move down",
        hint: "",
    },
    // Home
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Home],
        action: Action::Select,
        help: "Open the workbook",
        hint: "open",
    },
    Binding {
        keys: &[ch('n')],
        contexts: &[Home],
        action: Action::NewWorkbook,
        help: "New workbook",
        hint: "new",
    },
    // Create form
    Binding {
        keys: &[key(KeyCode::Tab)],
        contexts: &[Create],
        action: Action::NextField,
        help: "Next field",
        hint: "next field",
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        contexts: &[Create],
        action: Action::PreviousField,
        help: "Previous field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up)],
        contexts: &[Create],
        action: Action::Up,
        help: "Previous choice or field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down)],
        contexts: &[Create],
        action: Action::Down,
        help: "Next choice or field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Left)],
        contexts: &[Create, EditScale],
        action: Action::Left,
        help: "Previous choice / lower",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right)],
        contexts: &[Create, EditScale],
        action: Action::Right,
        help: "Next choice / higher",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Create],
        action: Action::Select,
        help: "Create the workbook",
        hint: "next / create",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Create],
        action: Action::Back,
        help: "Cancel",
        hint: "cancel",
    },
    // Overview
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Overview],
        action: Action::Select,
        help: "Open the stage",
        hint: "open",
    },
    Binding {
        keys: &[ch('c')],
        contexts: &[Overview],
        action: Action::Continue,
        help: "Continue where it is recommended",
        hint: "continue",
    },
    Binding {
        keys: &[ch('C')],
        contexts: &[Overview],
        action: Action::CloseWorkbook,
        help: "Close this workbook: kept and readable, not written to (or reopen it); asks first",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('w')],
        contexts: &[Overview],
        action: Action::Back,
        help: "Back to the workbooks",
        hint: "workbooks",
    },
    // Pages (intro, step, check-out)
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Intro],
        action: Action::NextPage,
        help: "Begin the first step",
        hint: "begin",
    },
    Binding {
        keys: &[key(KeyCode::Enter), ch('e')],
        contexts: &[Page],
        action: Action::Edit,
        help: "Answer the selected question",
        hint: "answer",
    },
    Binding {
        keys: &[key(KeyCode::Right), ch('n'), ch('l')],
        contexts: PAGES,
        action: Action::NextPage,
        help: "Next page",
        hint: "next",
    },
    Binding {
        keys: &[key(KeyCode::Left), ch('p'), ch('h')],
        contexts: PAGES,
        action: Action::PreviousPage,
        help: "Previous page",
        hint: "back",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        contexts: PAGES,
        action: Action::ScrollDown,
        help: "Scroll the text down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        contexts: PAGES,
        action: Action::ScrollUp,
        help: "Scroll the text up",
        hint: "",
    },
    Binding {
        keys: &[ch('d')],
        contexts: &[Page],
        action: Action::ToggleStepDone,
        help: "Mark the step done (or not)",
        hint: "",
    },
    Binding {
        keys: &[ch('b')],
        contexts: &[Page],
        action: Action::StartBreathing,
        help: "Guided breathing timer (where a step offers one)",
        hint: "",
    },
    Binding {
        keys: &[ch('t')],
        contexts: &[Page],
        action: Action::OpenTool,
        help: "Open this step's tool (decision aid, summary for a counsellor)",
        hint: "",
    },
    Binding {
        keys: &[ch('c')],
        contexts: &[Page],
        action: Action::CompleteStage,
        help: "Mark the stage complete (check-out)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('o')],
        contexts: PAGES,
        action: Action::Overview,
        help: "Stage overview",
        hint: "overview",
    },
    // Answering
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[EditText],
        action: Action::FinishEdit,
        help: "Done: keep the answer",
        hint: "done",
    },
    Binding {
        keys: &[key(KeyCode::Esc), key(KeyCode::Enter)],
        contexts: &[EditChoice, EditScale],
        action: Action::FinishEdit,
        help: "Done: keep the answer",
        hint: "done",
    },
    Binding {
        keys: &[key(KeyCode::Backspace), key(KeyCode::Delete)],
        contexts: &[EditScale],
        action: Action::ClearAnswer,
        help: "Clear the answer",
        hint: "",
    },
    Binding {
        keys: &[ch(' '), ch('x')],
        contexts: &[EditChoice],
        action: Action::Toggle,
        help: "Tick or untick",
        hint: "tick",
    },
    // Breathing timer
    Binding {
        keys: &[ch(' ')],
        contexts: &[Breathing],
        action: Action::Toggle,
        help: "Pause or go on",
        hint: "pause",
    },
    Binding {
        keys: &[key(KeyCode::Esc), key(KeyCode::Enter)],
        contexts: &[Breathing],
        action: Action::Back,
        help: "Stop and go back to the step",
        hint: "back",
    },
    // Journal
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Journal],
        action: Action::Select,
        help: "Read the entry",
        hint: "read",
    },
    Binding {
        keys: &[ch('a'), ch('n')],
        contexts: &[Journal],
        action: Action::NewEntry,
        help: "Write a new entry",
        hint: "new",
    },
    Binding {
        keys: &[ch('e')],
        contexts: &[Journal, Entry],
        action: Action::Edit,
        help: "Edit the entry here",
        hint: "edit",
    },
    Binding {
        keys: &[ch('/')],
        contexts: &[Journal],
        action: Action::Search,
        help: "Search titles and text",
        hint: "search",
    },
    Binding {
        keys: &[ch('d'), key(KeyCode::Delete)],
        contexts: &[Journal, Entry],
        action: Action::Delete,
        help: "Move the entry to the trash",
        hint: "delete",
    },
    Binding {
        keys: &[ch('u')],
        contexts: &[Journal],
        action: Action::Undo,
        help: "Undo the last delete",
        hint: "undo",
    },
    Binding {
        keys: &[ch('E')],
        contexts: &[Journal, Entry],
        action: Action::EditExternal,
        help: "Edit in your own editor ($VISUAL or $EDITOR)",
        hint: "",
    },
    Binding {
        keys: &[ch('S')],
        contexts: &[Journal, Entry, Page],
        action: Action::ToggleShare,
        help: "Share or keep to yourself (workbooks for two)",
        hint: "",
    },
    Binding {
        keys: &[ch('s')],
        contexts: &[Journal],
        action: Action::CycleStageFilter,
        help: "Show one stage, the next, or all",
        hint: "",
    },
    Binding {
        keys: &[ch('m')],
        contexts: &[Journal],
        action: Action::CycleMoodFilter,
        help: "Show one mood, the next, or all",
        hint: "",
    },
    Binding {
        keys: &[ch('t')],
        contexts: &[Journal],
        action: Action::OpenTrash,
        help: "Open the trash",
        hint: "trash",
    },
    Binding {
        keys: &[key(KeyCode::Home), ch('g')],
        contexts: &[Journal, Trash],
        action: Action::Top,
        help: "First (newest) entry",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::End), ch('G')],
        contexts: &[Journal, Trash],
        action: Action::Bottom,
        help: "Last (oldest) entry",
        hint: "",
    },
    // The same keys in the other lists, as in vim and less.
    Binding {
        keys: &[key(KeyCode::Home), ch('g')],
        contexts: &[Home, Overview, Talk, Agreements],
        action: Action::Top,
        help: "First in the list",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::End), ch('G')],
        contexts: &[Home, Overview, Talk, Agreements],
        action: Action::Bottom,
        help: "Last in the list",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        contexts: &[Journal, Trash, Entry],
        action: Action::ScrollDown,
        help: "A page down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        contexts: &[Journal, Trash, Entry],
        action: Action::ScrollUp,
        help: "A page up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Journal],
        action: Action::Back,
        help: "Clear the search and filters, or back to the stages",
        hint: "back",
    },
    // Journal search box
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[JournalSearch],
        action: Action::FinishEdit,
        help: "Keep this search and go to the list",
        hint: "done",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[JournalSearch],
        action: Action::ClearFilters,
        help: "Clear the search",
        hint: "clear",
    },
    Binding {
        keys: &[key(KeyCode::Up)],
        contexts: &[JournalSearch],
        action: Action::Up,
        help: "Move up the list",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down)],
        contexts: &[JournalSearch],
        action: Action::Down,
        help: "Move down the list",
        hint: "",
    },
    // Reading an entry
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: &[Entry],
        action: Action::ScrollDown,
        help: "Scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: &[Entry],
        action: Action::ScrollUp,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right), ch('l')],
        contexts: &[Entry],
        action: Action::NextPage,
        help: "Next (older) entry",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Left), ch('h')],
        contexts: &[Entry],
        action: Action::PreviousPage,
        help: "Previous (newer) entry",
        hint: "",
    },
    Binding {
        keys: &[ch('s')],
        contexts: &[Entry],
        action: Action::OpenStep,
        help: "Open the step a reflection belongs to",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), key(KeyCode::Backspace)],
        contexts: &[Entry],
        action: Action::Back,
        help: "Back to the journal",
        hint: "back",
    },
    // Writing an entry
    Binding {
        keys: &[key(KeyCode::Tab)],
        contexts: &[EntryForm],
        action: Action::NextField,
        help: "Next field",
        hint: "next field",
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        contexts: &[EntryForm],
        action: Action::PreviousField,
        help: "Previous field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[EntryForm],
        action: Action::FinishEdit,
        help: "Done: save the entry",
        hint: "save",
    },
    // Trash
    Binding {
        keys: &[key(KeyCode::Enter), ch('r'), ch('u')],
        contexts: &[Trash],
        action: Action::Restore,
        help: "Put the entry back in the journal",
        hint: "put back",
    },
    Binding {
        keys: &[ch('X')],
        contexts: &[Trash],
        action: Action::EmptyTrash,
        help: "Empty the trash for good (asks first)",
        hint: "empty",
    },
    Binding {
        keys: &[ch('y')],
        contexts: &[Trash],
        action: Action::Confirm,
        help: "Yes, empty the trash (when asked)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Trash],
        action: Action::Back,
        help: "Back to the journal",
        hint: "back",
    },
    // Check-in
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Tab)],
        contexts: &[CheckIn],
        action: Action::NextField,
        help: "Next field",
        hint: "next",
    },
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::BackTab)],
        contexts: &[CheckIn],
        action: Action::PreviousField,
        help: "Previous field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Left)],
        contexts: &[CheckIn],
        action: Action::Left,
        help: "Lower or the previous choice (0–9 set a scale)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right)],
        contexts: &[CheckIn],
        action: Action::Right,
        help: "Higher, or the next choice",
        hint: "",
    },
    Binding {
        keys: &[ch(' ')],
        contexts: &[CheckIn],
        action: Action::Toggle,
        help: "A commitment: kept, missed or not rated",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Backspace), key(KeyCode::Delete)],
        contexts: &[CheckIn],
        action: Action::ClearAnswer,
        help: "Clear the choice (back to not chosen)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[CheckIn],
        action: Action::Select,
        help: "Write the note, save, or go to the next field",
        hint: "",
    },
    Binding {
        keys: &[ch('e')],
        contexts: &[CheckIn],
        action: Action::Edit,
        help: "Write the note",
        hint: "note",
    },
    Binding {
        keys: &[ch('y'), key(KeyCode::Esc)],
        contexts: &[CheckInLeave],
        action: Action::Confirm,
        help: "Yes, leave without saving",
        hint: "leave without saving",
    },
    Binding {
        keys: &[ch('n'), key(KeyCode::Enter)],
        contexts: &[CheckInLeave],
        action: Action::Decline,
        help: "No, keep filling in",
        hint: "keep going",
    },
    Binding {
        keys: &[ch('s')],
        contexts: &[CheckIn, CheckInLeave],
        action: Action::SaveCheckIn,
        help: "Save the check-in",
        hint: "save",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[CheckIn],
        action: Action::Back,
        help: "Leave (asks first if you filled something in)",
        hint: "back",
    },
    Binding {
        keys: &[ch('?')],
        contexts: &[CheckIn],
        action: Action::ToggleHelp,
        help: "Show all keys",
        hint: "keys",
    },
    // Dashboard
    Binding {
        keys: &[ch('c')],
        contexts: &[Dashboard],
        action: Action::Section(Section::CheckIn),
        help: "Check in now",
        // The footer already shows "3 check in".
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('o')],
        contexts: &[Dashboard],
        action: Action::Section(Section::Stages),
        help: "Back to the stage overview",
        hint: "overview",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: &[Dashboard],
        action: Action::Down,
        help: "Scroll down (in a small window)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: &[Dashboard],
        action: Action::Up,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        contexts: &[Dashboard],
        action: Action::ScrollDown,
        help: "A page down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        contexts: &[Dashboard],
        action: Action::ScrollUp,
        help: "A page up",
        hint: "",
    },
    // Partners and talk setup forms
    Binding {
        keys: &[key(KeyCode::Tab)],
        contexts: FORMS,
        action: Action::NextField,
        help: "Next field",
        hint: "next field",
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        contexts: FORMS,
        action: Action::PreviousField,
        help: "Previous field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up)],
        contexts: FORMS,
        action: Action::Up,
        help: "Previous choice or field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down)],
        contexts: FORMS,
        action: Action::Down,
        help: "Next choice or field",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Left)],
        contexts: FORMS,
        action: Action::Left,
        help: "Previous choice",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right)],
        contexts: FORMS,
        action: Action::Right,
        help: "Next choice",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Partners],
        action: Action::Select,
        help: "Next field; save on the last",
        hint: "next / save",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[TalkSetup],
        action: Action::Select,
        help: "Use the suggestion, next field; on the last, go on",
        hint: "next",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: FORMS,
        action: Action::Back,
        help: "Cancel",
        hint: "cancel",
    },
    // Couple mode's home
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Talk],
        action: Action::Select,
        help: "Open",
        hint: "open",
    },
    Binding {
        keys: &[ch('o'), ch('r')],
        contexts: &[TalkOff],
        action: Action::Edit,
        help: "Turn couple mode back on: each of you answers privately first",
        hint: "turn on",
    },
    Binding {
        keys: &[ch('o')],
        contexts: &[Talk],
        action: Action::CoupleModeOff,
        help: "Turn couple mode off (either of you, any time)",
        hint: "",
    },
    Binding {
        keys: &[ch('p')],
        contexts: &[Talk],
        action: Action::EditPartners,
        help: "Names and sides of the two of you",
        hint: "names",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Talk, TalkOff, Agreements, NoAgreements],
        action: Action::Back,
        help: "Back",
        hint: "back",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[TalkRules],
        action: Action::Select,
        help: "Begin the talk",
        hint: "begin",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[TalkRules],
        action: Action::Back,
        help: "Back to the topic",
        hint: "back",
    },
    // A talk
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Floor],
        action: Action::Select,
        help: "Done: keep what is written and move on",
        hint: "done",
    },
    Binding {
        keys: &[ctrl('l')],
        contexts: &[Floor],
        action: Action::SaidAloud,
        help: "Said it aloud instead of typing (and move on)",
        hint: "said aloud",
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        contexts: &[Floor],
        action: Action::NextField,
        help: "A sentence starter (when validating)",
        hint: "",
    },
    Binding {
        keys: &[ch('y')],
        contexts: &[FloorChoice, Question, Reveal],
        action: Action::Confirm,
        help: "Yes",
        hint: "yes",
    },
    Binding {
        keys: &[ch('n')],
        contexts: &[FloorChoice, Question, Reveal],
        action: Action::Decline,
        help: "No / not quite",
        hint: "no",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[FloorDone],
        action: Action::Select,
        help: "On to the next turn",
        hint: "next turn",
    },
    Binding {
        keys: &[ctrl('t'), ch('t')],
        contexts: TALK_KEYS,
        action: Action::TimeOut,
        help: "Time-out: a calm break, the talk waits",
        hint: "time-out",
    },
    Binding {
        keys: &[ctrl('t')],
        contexts: &[Floor],
        action: Action::TimeOut,
        help: "Time-out: a calm break, the talk waits",
        hint: "time-out",
    },
    Binding {
        // So a time-out is one key away even in the middle of a question
        // or a proposal (elsewhere these contexts ignore it).
        keys: &[ctrl('t')],
        contexts: &[Question, LineEdit],
        action: Action::TimeOut,
        help: "Time-out (during a talk)",
        hint: "",
    },
    Binding {
        keys: &[ctrl('g'), ch('a')],
        contexts: TALK_KEYS,
        action: Action::Propose,
        help: "Propose an agreement",
        hint: "agreement",
    },
    Binding {
        keys: &[ctrl('g')],
        contexts: &[Floor],
        action: Action::Propose,
        help: "Propose an agreement",
        hint: "agreement",
    },
    Binding {
        keys: &[ctrl('x'), ch('x')],
        contexts: &[FloorChoice],
        action: Action::Skip,
        help: "Skip this step on purpose (asks first; noted in the summary)",
        hint: "",
    },
    Binding {
        keys: &[ctrl('x')],
        contexts: &[Floor],
        action: Action::Skip,
        help: "Skip this step on purpose (asks first; noted in the summary)",
        hint: "",
    },
    Binding {
        keys: &[ctrl('e'), ch('e')],
        contexts: TALK_KEYS,
        action: Action::EndTalk,
        help: "End the talk (asks first)",
        hint: "end",
    },
    Binding {
        keys: &[ctrl('e')],
        contexts: &[Floor],
        action: Action::EndTalk,
        help: "End the talk (asks first)",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: IN_TALK,
        action: Action::Back,
        help: "Pause and leave; the talk waits where it is",
        hint: "pause",
    },
    Binding {
        keys: &[ch('?')],
        contexts: &[FloorChoice, FloorDone, TalkRules, TimeOut, LookAway],
        action: Action::ToggleHelp,
        help: "Show all keys",
        hint: "keys",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Question],
        action: Action::Back,
        help: "Not now",
        hint: "not now",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[LineEdit],
        action: Action::Select,
        help: "Keep it",
        hint: "keep",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[LineEdit],
        action: Action::Back,
        help: "Cancel",
        hint: "cancel",
    },
    // Time-out
    Binding {
        keys: &[key(KeyCode::Enter), ch('r')],
        contexts: &[TimeOut],
        action: Action::Select,
        help: "We're ready: carry on where we were",
        hint: "carry on",
    },
    Binding {
        keys: &[key(KeyCode::Left), key(KeyCode::Down)],
        contexts: &[TimeOut],
        action: Action::Left,
        help: "Come back 5 minutes sooner",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right), key(KeyCode::Up)],
        contexts: &[TimeOut],
        action: Action::Right,
        help: "Come back 5 minutes later",
        hint: "later",
    },
    Binding {
        keys: &[ch(' ')],
        contexts: &[TimeOut],
        action: Action::Toggle,
        help: "Pause or go on breathing",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[TimeOut],
        action: Action::Back,
        help: "Leave the screen (the break goes on; the talk waits)",
        hint: "leave",
    },
    // Summary, agreements, private answers
    Binding {
        keys: &[key(KeyCode::Enter), key(KeyCode::Esc)],
        contexts: &[TalkSummary],
        action: Action::Back,
        help: "Back to couple mode",
        hint: "done",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: &[TalkSummary, Agreements],
        action: Action::Down,
        help: "Down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: &[TalkSummary, Agreements],
        action: Action::Up,
        help: "Up",
        hint: "",
    },
    Binding {
        keys: &[ch('a')],
        contexts: &[Agreements, NoAgreements],
        action: Action::Propose,
        help: "Propose a new agreement",
        hint: "new",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Agreements],
        action: Action::Select,
        help: "Accept or decline (one waiting for you)",
        hint: "accept",
    },
    Binding {
        keys: &[ch('r')],
        contexts: &[Agreements],
        action: Action::Edit,
        help: "Revise (both accept the new wording again)",
        hint: "revise",
    },
    Binding {
        keys: &[ch('x')],
        contexts: &[Agreements],
        action: Action::Delete,
        help: "Retire it (kept in the history; asks first)",
        hint: "retire",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[LookAway],
        action: Action::Select,
        help: "Ready: only I can see the screen",
        hint: "ready",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[LookAway, Reveal],
        action: Action::Back,
        help: "Not now (answers so far stay saved and hidden)",
        hint: "not now",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Reveal],
        action: Action::Select,
        help: "Done",
        hint: "",
    },
    Binding {
        keys: &[ch('W')],
        contexts: SECTIONS,
        action: Action::SwitchWriter,
        help: "Switch who is writing (couple workbooks)",
        hint: "",
    },
    // The private screening and the safety screen
    Binding {
        keys: &[ch('n')],
        contexts: &[Screening],
        action: Action::Decline,
        help: "No",
        hint: "no",
    },
    Binding {
        keys: &[ch('y')],
        contexts: &[Screening],
        action: Action::Confirm,
        help: "Yes",
        hint: "yes",
    },
    Binding {
        keys: &[ch('r')],
        contexts: &[Screening],
        action: Action::Skip,
        help: "I'd rather not say",
        hint: "rather not say",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: &[Screening, Safety, PrivateSpace],
        action: Action::Up,
        help: "Previous question / scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: &[Screening, Safety, PrivateSpace],
        action: Action::Down,
        help: "Next question / scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Left)],
        contexts: &[Screening],
        action: Action::Left,
        help: "Previous answer",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Right)],
        contexts: &[Screening],
        action: Action::Right,
        help: "Next answer",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Screening],
        action: Action::Select,
        help: "Done",
        hint: "done",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Screening],
        action: Action::Back,
        help: "Not now (nothing is recorded)",
        hint: "not now",
    },
    Binding {
        keys: &[ch('a')],
        contexts: &[Safety],
        action: Action::Propose,
        help: "Add a number of your own",
        hint: "add a number",
    },
    Binding {
        keys: &[ch('p')],
        contexts: &[Safety, PrivateSpace],
        action: Action::SetPassphrase,
        help: "A passphrase of your own: your private words sealed with it",
        hint: "passphrase",
    },
    Binding {
        keys: &[key(KeyCode::Enter), key(KeyCode::Esc)],
        contexts: &[PrivateSpace],
        action: Action::Select,
        help: "Not now, or go on",
        hint: "go on",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        contexts: &[Safety],
        action: Action::ScrollDown,
        help: "Scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        contexts: &[Safety],
        action: Action::ScrollUp,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Enter), key(KeyCode::Esc)],
        contexts: &[Safety],
        action: Action::Select,
        help: "Go on",
        hint: "go on",
    },
    // Decision aid and the summary for a counsellor
    Binding {
        keys: &[key(KeyCode::Down), ch('j'), key(KeyCode::PageDown)],
        contexts: &[Decision],
        action: Action::Down,
        help: "Scroll down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k'), key(KeyCode::PageUp)],
        contexts: &[Decision],
        action: Action::Up,
        help: "Scroll up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Esc), key(KeyCode::Enter)],
        contexts: &[Decision],
        action: Action::Back,
        help: "Back to the step",
        hint: "back",
    },
    Binding {
        keys: &[key(KeyCode::Up), ch('k')],
        contexts: &[Counsellor],
        action: Action::Up,
        help: "Up",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::Down), ch('j')],
        contexts: &[Counsellor],
        action: Action::Down,
        help: "Down",
        hint: "",
    },
    Binding {
        keys: &[ch(' '), ch('x')],
        contexts: &[Counsellor],
        action: Action::Toggle,
        help: "Tick or untick",
        hint: "tick",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        contexts: &[Counsellor],
        action: Action::Select,
        help: "Write the summary file",
        hint: "write",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        contexts: &[Counsellor],
        action: Action::Back,
        help: "Back to the step",
        hint: "back",
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        contexts: &[Talk, TalkOff, TalkRules, Reveal],
        action: Action::ScrollDown,
        help: "Scroll the text down",
        hint: "",
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        contexts: &[Talk, TalkOff, TalkRules, Reveal],
        action: Action::ScrollUp,
        help: "Scroll the text up",
        hint: "",
    },
    // Sections of an open workbook: last, so screen keys come first in footers
    Binding {
        keys: &[ch('1')],
        contexts: SECTIONS,
        action: Action::Section(Section::Stages),
        help: "Stages (overview)",
        hint: "",
    },
    Binding {
        keys: &[ch('2')],
        contexts: SECTIONS,
        action: Action::Section(Section::Journal),
        help: "Journal",
        hint: "journal",
    },
    Binding {
        keys: &[ch('3')],
        contexts: SECTIONS,
        action: Action::Section(Section::CheckIn),
        help: "Check in",
        hint: "check in",
    },
    Binding {
        keys: &[ch('4')],
        contexts: SECTIONS,
        action: Action::Section(Section::Progress),
        help: "Progress dashboard",
        hint: "progress",
    },
    Binding {
        keys: &[ch('5')],
        contexts: SECTIONS,
        action: Action::Section(Section::Talk),
        help: "Couple mode: talk together, agreements",
        hint: "together",
    },
];

/// The action for a key in a context. In text boxes, keys without a binding
/// are typed; on a scale, digits set the value.
pub fn action_for(context: Context, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals report Shift with upper-case letters, symbols like '?' and
    // Shift+Tab (BackTab); the table is written without it.
    let modifiers = match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    let pressed = Key {
        code: event.code,
        modifiers,
    };
    let bound = active().action(context, &pressed);
    if bound.is_some() {
        return bound;
    }
    match (context, event.code) {
        (EditText | JournalSearch | EntryForm | Floor | LineEdit, _) => Some(Action::Type(event)),
        // Any key answers "no" to the trash's "empty it for good?".
        (Trash, _) => Some(Action::Type(event)),
        (
            Create | Partners | TalkSetup,
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete | KeyCode::Home | KeyCode::End,
        ) => Some(Action::Type(event)),
        (EditScale, KeyCode::Char(c)) => c.to_digit(10).map(|d| Action::SetScale(d as u8)),
        // On the check-in form a digit sets the focused scale.
        (CheckIn, KeyCode::Char(c)) => c.to_digit(10).map(|d| Action::SetScale(d as u8)),
        _ => None,
    }
}

/// How a key is written for people: "Ctrl+Q", "Enter", "?".
pub fn describe(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift+Tab".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{}", name.to_uppercase())
    } else {
        name
    }
}

/// The bindings in force in a context, in the order tried.
pub fn bindings_for(context: Context) -> Vec<Bound> {
    active().bindings_for(context).cloned().collect()
}

/// The footer hints for a context: the few keys that matter there.
pub fn hints_for(context: Context) -> Vec<(String, &'static str)> {
    active()
        .bindings_for(context)
        .filter(|b| !b.hint.is_empty())
        .map(|b| (b.keys.first().map(describe).unwrap_or_default(), b.hint))
        .collect()
}

/// Bindings that share a key within a context: a table bug. Checked by a
/// test so a new binding can never silently shadow an old one.
pub fn conflicts() -> Vec<String> {
    let mut found = Vec::new();
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            for context in a.contexts.iter().filter(|c| b.contexts.contains(c)) {
                for k in a.keys.iter().filter(|k| b.keys.contains(k)) {
                    found.push(format!(
                        "{} in {context:?}: {} / {}",
                        describe(k),
                        a.help,
                        b.help
                    ));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        assert_eq!(conflicts(), Vec::<String>::new());
    }

    #[test]
    fn ctrl_q_quits_from_everywhere_even_while_typing() {
        let event = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        // The quick exit is found before the context is looked at (see
        // `Keymap::is_quick_exit`), so no screen can be missing from a
        // list; every context is tried here all the same.
        for context in EVERYWHERE {
            assert_eq!(
                action_for(*context, event),
                Some(Action::QuickExit),
                "{context:?}"
            );
        }
    }

    #[test]
    fn letters_are_typed_in_text_boxes_not_taken_as_commands() {
        let q = press(KeyCode::Char('q'));
        assert_eq!(action_for(EditText, q), Some(Action::Type(q)));
        assert_eq!(action_for(Create, q), Some(Action::Type(q)));
        assert_eq!(action_for(Page, q), Some(Action::Quit));
    }

    #[test]
    fn shift_tab_goes_back_a_field() {
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Create, event), Some(Action::PreviousField));
    }

    #[test]
    fn ctrl_c_leaves_safely_like_ctrl_q() {
        let event = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(EditText, event), Some(Action::QuickExit));
    }

    #[test]
    fn shifted_question_mark_opens_help() {
        let event = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Page, event), Some(Action::ToggleHelp));
    }

    #[test]
    fn digits_set_a_scale() {
        assert_eq!(
            action_for(EditScale, press(KeyCode::Char('7'))),
            Some(Action::SetScale(7))
        );
        assert_eq!(action_for(EditScale, press(KeyCode::Char('x'))), None);
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut event = press(KeyCode::Char('q'));
        event.kind = KeyEventKind::Release;
        assert_eq!(action_for(Page, event), None);
    }

    #[test]
    fn every_context_has_footer_hints() {
        for context in EVERYWHERE {
            assert!(!hints_for(*context).is_empty(), "{context:?}");
        }
    }
}
