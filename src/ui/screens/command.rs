//! What a screen answers after handling an action: the [`Command`]s the
//! app carries out, the [`Effect`]s that need the outside world, and the
//! few helpers every screen words its answers with.

use crate::action::Section;
use crate::content::Content;
use crate::domain::NewWorkbook;
use crate::storage::WorkbookKey;

use super::{DashboardScreen, JournalScreen, OverviewScreen, PageScreen, Screen, ScreeningScreen};

/// The workbook that is open (and locked) right now: the core's
/// [`crate::open::OpenWorkbook`], whose methods are every change a screen
/// can make.
pub type Session = crate::open::OpenWorkbook;

/// The source of an edit in the person's own editor.
pub use crate::journal_view::Source as EditTarget;

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
    /// Search the journal's bytes for `query` (off the thread that draws,
    /// when it can); what is found comes back as [`Action::SearchFound`]
    /// with this `generation`. An empty query ends searching.
    Search {
        generation: u64,
        query: String,
    },
}

/// The page where the user left off in the open workbook.
pub fn resume_screen(content: &Content, session: &Session) -> Screen {
    // While couple mode is off in a workbook for two, the app opens on the
    // overview, not on whatever page was open when someone left in a
    // hurry (a decision aid, a safety plan).
    let workbook = session.workbook();
    if workbook.is_couple() && workbook.safety.is_safety_first() {
        return Screen::Overview(OverviewScreen::at(0));
    }
    let engine = session.engine(content);
    let place = engine.place_of(&session.progress().position);
    Screen::Page(Box::new(PageScreen::new(place)))
}

/// The first screen of a section of the open workbook.
pub fn section_screen(section: Section, content: &Content, session: &Session) -> Screen {
    match section {
        Section::Stages => {
            let engine = session.engine(content);
            let place = engine.place_of(&session.progress().position);
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
pub const CLOSED_NOTE: &str = "This workbook is closed: you can read it. To write in it again, press C twice on the overview.";

/// Shares an item of the person writing, or keeps it to them again, and
/// says which in the footer.
pub fn toggle_share(session: &mut Session, source: &EditTarget) -> Vec<Command> {
    match session.toggle_share(source) {
        Ok(now) => vec![
            Command::Effect(Effect::Save),
            Command::Status(format!("{}.", now.describe())),
        ],
        Err(err) => vec![refused(&err)],
    }
}
