//! One file per screen. Each screen owns its state, handles the actions
//! meant for it, and draws itself.

mod breathing;
mod checkin;
mod checkout;
mod command;
mod couple;
mod create;
mod dashboard;
mod entry;
mod entry_form;
mod home;
mod intro;
mod journal;
mod overview;
mod page;
mod page_view;
mod registry;
mod safety;
mod step;
mod trash;

pub use breathing::BreathingScreen;
pub use checkin::{CheckInField, CheckInScreen};
pub use command::{
    CLOSED_NOTE, Command, EditTarget, Effect, Popup, Session, capitalised, error_popup, refused,
    resume_screen, section_screen,
};
pub use couple::{
    AfterPartners, AgreementsMode, AgreementsScreen, FloorMode, FloorScreen, Handover,
    LookAwayScreen, PartnerField, PartnersScreen, RevealScreen, SetupField, SetupScreen,
    SummaryScreen, TalkRow, TalkScreen, TimeOutScreen, private_checkin, round_screen,
    talk_in_progress,
};
pub use create::{CreateField, CreateScreen};
pub use dashboard::DashboardScreen;
pub use entry::EntryScreen;
pub use entry_form::{Back, EntryFormScreen, FormField};
pub use home::HomeScreen;
pub use journal::JournalScreen;
pub use overview::OverviewScreen;
pub use page::{FieldEditor, PageScreen};
pub use registry::{Cx, Look, Screen, View};
pub use safety::{
    AfterScreening, CounsellorScreen, DecisionScreen, RightNowScreen, SafetyScreen,
    ScreeningScreen, SupportScreen, after_screening, resource_lines,
};
pub use trash::TrashScreen;
