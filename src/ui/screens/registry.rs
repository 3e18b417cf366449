//! Every screen in one place. A screen is a type in its own file that
//! implements [`View`] (its keys, how it handles actions, how it draws,
//! where the header says you are, whether it is a private moment, what
//! Ctrl+Q keeps, which list takes clicks), plus one line in the
//! [`screens!`] list below. The app dispatches through [`Screen::view`]
//! and [`Screen::view_mut`] only, so nothing else needs editing to add a
//! screen. The quick exit is not a screen's business at all: the keymap
//! finds it before any screen's keys (see `Keymap::is_quick_exit`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::command::{Command, Session};
use super::*;
use crate::action::Action;
use crate::content::Content;
use crate::keymap::Context;
use crate::storage::Listing;
use crate::ui::widgets::ClickMap;

/// What a screen may change while handling an action.
pub struct Cx<'a> {
    pub content: &'a Content,
    /// The open workbook; `None` on the home and create screens.
    pub session: Option<&'a mut Session>,
    pub listings: &'a [Listing],
}

/// What a screen may read while drawing.
pub struct Look<'a> {
    pub content: &'a Content,
    pub session: Option<&'a Session>,
    pub listings: &'a [Listing],
    /// Workbook names are hidden (a device others may glance at).
    pub discreet: bool,
    /// The app's clock: saved times are shown in its reader's zone.
    pub clock: crate::domain::Clock,
}

/// What every screen is to the app.
pub trait View {
    /// The key context of the screen itself (popups and help come above
    /// it).
    fn context(&self, session: Option<&Session>) -> Context;
    /// Handles an action meant for this screen.
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Vec<Command>;
    /// Draws the body of the screen.
    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look<'_>);
    /// Where the header says you are ("Progress", "Stage 2 of 7 · …").
    fn location(&self, look: &Look<'_>) -> String;
    /// A private moment (a look-away, a screening, a private check-in, a
    /// talk in progress): the header does not name who is writing.
    fn private(&self) -> bool {
        false
    }
    /// Whether something on screen moves by itself (the event loop then
    /// sends ticks).
    fn animating(&self, _session: Option<&Session>) -> bool {
        false
    }
    /// Ctrl+Q on this screen: keep what is being typed, the one thing
    /// that would otherwise be lost.
    fn keep_on_quick_exit(
        &mut self,
        _content: &Content,
        _session: Option<&mut Session>,
    ) -> Vec<Command> {
        Vec::new()
    }
    /// The list that takes clicks, with its selected row, in `context`.
    fn click_target(&self, _context: Context) -> Option<(&ClickMap, usize)> {
        None
    }
}

/// A boxed screen is the screen (large screens are boxed in [`Screen`]).
impl<T: View> View for Box<T> {
    fn context(&self, session: Option<&Session>) -> Context {
        View::context(&**self, session)
    }
    fn update(&mut self, action: Action, cx: Cx<'_>) -> Vec<Command> {
        View::update(&mut **self, action, cx)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look<'_>) {
        View::draw(&**self, frame, area, look);
    }
    fn location(&self, look: &Look<'_>) -> String {
        View::location(&**self, look)
    }
    fn private(&self) -> bool {
        View::private(&**self)
    }
    fn animating(&self, session: Option<&Session>) -> bool {
        View::animating(&**self, session)
    }
    fn keep_on_quick_exit(
        &mut self,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        View::keep_on_quick_exit(&mut **self, content, session)
    }
    fn click_target(&self, context: Context) -> Option<(&ClickMap, usize)> {
        View::click_target(&**self, context)
    }
}

/// The list of screens: the enum and its one dispatch.
macro_rules! screens {
    ($($name:ident($ty:ty),)*) => {
        /// The screen on show. Each variant's state lives in its own file
        /// under `ui/screens/`.
        #[derive(Debug)]
        pub enum Screen {
            $($name($ty),)*
        }

        impl Screen {
            /// The screen, as the app talks to every screen.
            pub fn view(&self) -> &dyn View {
                match self {
                    $(Self::$name(screen) => screen,)*
                }
            }

            pub fn view_mut(&mut self) -> &mut dyn View {
                match self {
                    $(Self::$name(screen) => screen,)*
                }
            }
        }
    };
}

screens! {
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
    Support(Box<SupportScreen>),
    RightNow(Box<RightNowScreen>),
}
