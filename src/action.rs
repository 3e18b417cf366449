//! Everything that can happen in the app, as one enum. Keys become actions
//! in `keymap.rs`; `App::update` is the only place that acts on them.

use ratatui::crossterm::event::KeyEvent;

use crate::domain::Journal;
use crate::journal_view::Source;
use crate::open::Loaded;
use crate::storage::{Listing, WorkbookKey};

/// The parts of an open workbook, reachable from each other by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The stage overview.
    Stages,
    Journal,
    CheckIn,
    /// The progress dashboard.
    Progress,
    /// Couple mode.
    Talk,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Save, clear the screen and leave at once (Ctrl+Q, from anywhere).
    QuickExit,
    /// Save and quit normally.
    Quit,
    ToggleHelp,
    /// Close a popup.
    Dismiss,
    /// Leave the current screen for the one above it.
    Back,

    Up,
    Down,
    Left,
    Right,
    /// Enter: open, choose or confirm what is selected.
    Select,
    NextField,
    PreviousField,

    NewWorkbook,
    /// Jump to one of the workbook's sections (number keys).
    Section(Section),
    /// Continue with the recommended next step.
    Continue,
    Overview,
    NextPage,
    PreviousPage,
    ScrollUp,
    ScrollDown,
    /// Start answering the selected question.
    Edit,
    /// Leave the answer editor; the answer is saved.
    FinishEdit,
    /// Tick or untick a checklist option.
    Toggle,
    /// Set a 0–10 scale directly with a digit (0–9; Right reaches 10).
    SetScale(u8),
    /// Set a scale back to "not chosen".
    ClearAnswer,
    /// Text pasted from the clipboard (bracketed paste), kept whole so it
    /// is never read as key presses.
    Paste(String),
    ToggleStepDone,
    /// Open the guided breathing timer of this step.
    StartBreathing,
    /// Close the workbook (kept, read-only) or reopen it; asks first.
    CloseWorkbook,
    /// Open the step's tool (the decision aid, the summary for a
    /// counsellor).
    OpenTool,
    /// Time passed (for the breathing timer).
    Tick(std::time::Duration),
    CompleteStage,
    /// A key typed into a text box.
    Type(KeyEvent),
    /// A left click at a screen cell: selects the list row there, and
    /// opens it when it is already selected (like a double click). Never
    /// anything that deletes or leaves.
    Click {
        column: u16,
        row: u16,
    },

    // The journal
    /// Focus the search box.
    Search,
    /// Show the next stage (or all) in the journal.
    CycleStageFilter,
    /// Show the next mood (or all) in the journal.
    CycleMoodFilter,
    /// Clear the search and filters.
    ClearFilters,
    /// Write a new journal entry.
    NewEntry,
    /// Move the selected entry to the trash.
    Delete,
    /// Take the last deleted entry back out of the trash.
    Undo,
    OpenTrash,
    /// Take the selected entry out of the trash.
    Restore,
    /// Delete everything in the trash for good (asks first).
    EmptyTrash,
    /// Answer yes to a question on screen.
    Confirm,
    /// Edit in the user's own editor ($VISUAL / $EDITOR).
    EditExternal,
    /// Share the selected item of one's own with the other person, or keep
    /// it private again (a workbook for two).
    ToggleShare,
    /// Open the step a reflection belongs to.
    OpenStep,
    /// First / last row of a list.
    Top,
    Bottom,

    // The check-in
    /// Save the check-in being filled in.
    SaveCheckIn,
    /// Answer no to a question on screen.
    Decline,

    // Couple mode
    /// Switch who is at the keyboard (whose answers are written).
    SwitchWriter,
    /// Edit the two partners' names and sides.
    EditPartners,
    /// Call a time-out in a talk.
    TimeOut,
    /// Propose an agreement.
    Propose,
    /// Skip the current step of a talk, on purpose.
    Skip,
    /// Record that it was said aloud rather than typed.
    SaidAloud,
    /// End the talk (asks first).
    EndTalk,
    /// A passphrase of one's own (the private safety screen).
    SetPassphrase,
    /// Support: crisis lines and helplines, from anywhere.
    Support,
    /// "Right now": a few steps for a hard moment, from anywhere.
    RightNow,
    /// Turn couple mode off with the workbook's switch.
    CoupleModeOff,
    /// Write a thought down to park it in the journal ("Right now").
    ParkThought,

    // Results of effects, fed back by the runtime.
    Listed(Result<Vec<Listing>, String>),
    Opened(WorkbookKey, Result<Box<Loaded>, String>),
    /// The workbook file was saved (or why not).
    Saved(Result<(), String>),
    /// The journal, read after the first frame (or why it could not be).
    JournalRead(Result<Box<Journal>, String>),
    /// The store released the workbook (after a close).
    Closed(WorkbookKey),
    /// A workbook could not be created (the reason, for a popup).
    CreateFailed(String),
    /// Where an export was written (or why it could not be).
    Exported(Result<std::path::PathBuf, String>),
    /// The text back from the external editor (or why it failed).
    ExternallyEdited(Source, Result<String, String>),
    /// Entries a search of the journal's bytes found (see
    /// [`crate::app::Found`]).
    SearchFound(crate::app::Found),
}

impl Action {
    /// Whether it reports what a store or a thread did (fed back from an
    /// effect) rather than what the person asked for.
    pub fn is_feedback(&self) -> bool {
        matches!(
            self,
            Action::Listed(_)
                | Action::Opened(..)
                | Action::Saved(_)
                | Action::JournalRead(_)
                | Action::Closed(_)
                | Action::CreateFailed(_)
                | Action::Exported(_)
                | Action::SearchFound(_)
        )
    }

    /// The action's name in `config.toml` (`quick_exit`,
    /// `section_journal`), written out once here so that renaming a
    /// variant can never rename a setting people have written. `None` for
    /// what no key can be bound to. The match has no catch-all: a new
    /// action must be given its name (or `None`) here.
    pub fn config_name(&self) -> Option<&'static str> {
        Some(match self {
            Self::QuickExit => "quick_exit",
            Self::Quit => "quit",
            Self::ToggleHelp => "toggle_help",
            Self::Dismiss => "dismiss",
            Self::Back => "back",
            Self::Up => "up",
            Self::Down => "down",
            Self::Left => "left",
            Self::Right => "right",
            Self::Select => "select",
            Self::NextField => "next_field",
            Self::PreviousField => "previous_field",
            Self::NewWorkbook => "new_workbook",
            Self::Continue => "continue",
            Self::Overview => "overview",
            Self::NextPage => "next_page",
            Self::PreviousPage => "previous_page",
            Self::ScrollUp => "scroll_up",
            Self::ScrollDown => "scroll_down",
            Self::Edit => "edit",
            Self::FinishEdit => "finish_edit",
            Self::Toggle => "toggle",
            Self::ClearAnswer => "clear_answer",
            Self::ToggleStepDone => "toggle_step_done",
            Self::StartBreathing => "start_breathing",
            Self::CloseWorkbook => "close_workbook",
            Self::OpenTool => "open_tool",
            Self::CompleteStage => "complete_stage",
            Self::Search => "search",
            Self::CycleStageFilter => "cycle_stage_filter",
            Self::CycleMoodFilter => "cycle_mood_filter",
            Self::ClearFilters => "clear_filters",
            Self::NewEntry => "new_entry",
            Self::Delete => "delete",
            Self::Undo => "undo",
            Self::OpenTrash => "open_trash",
            Self::Restore => "restore",
            Self::EmptyTrash => "empty_trash",
            Self::Confirm => "confirm",
            Self::EditExternal => "edit_external",
            Self::ToggleShare => "toggle_share",
            Self::OpenStep => "open_step",
            Self::Top => "top",
            Self::Bottom => "bottom",
            Self::SaveCheckIn => "save_check_in",
            Self::Decline => "decline",
            Self::SwitchWriter => "switch_writer",
            Self::EditPartners => "edit_partners",
            Self::TimeOut => "time_out",
            Self::Propose => "propose",
            Self::Skip => "skip",
            Self::SaidAloud => "said_aloud",
            Self::EndTalk => "end_talk",
            Self::SetPassphrase => "set_passphrase",
            Self::Support => "support",
            Self::RightNow => "right_now",
            Self::CoupleModeOff => "couple_mode_off",
            Self::ParkThought => "park_thought",
            Self::Section(Section::Stages) => "section_stages",
            Self::Section(Section::Journal) => "section_journal",
            Self::Section(Section::CheckIn) => "section_check_in",
            Self::Section(Section::Progress) => "section_progress",
            Self::Section(Section::Talk) => "section_talk",
            // Not keys: typed text, time, the mouse and results fed back.
            Self::SetScale(_)
            | Self::Paste(_)
            | Self::Tick(_)
            | Self::Type(_)
            | Self::Click { .. }
            | Self::Listed(_)
            | Self::Opened(..)
            | Self::Saved(_)
            | Self::JournalRead(_)
            | Self::Closed(_)
            | Self::CreateFailed(_)
            | Self::Exported(_)
            | Self::ExternallyEdited(..)
            | Self::SearchFound(_) => return None,
        })
    }
}
