//! One file per screen. Each screen owns its state, handles the actions
//! meant for it, and draws itself.

mod breathing;
mod checkin;
mod checkout;
mod create;
mod dashboard;
mod entry;
mod entry_form;
mod home;
mod intro;
mod journal;
mod overview;
mod page;
mod step;
mod trash;

pub use breathing::{BreathingScreen, Phase};
pub use checkin::{CheckInField, CheckInScreen};
pub use create::{CreateField, CreateScreen};
pub use dashboard::DashboardScreen;
pub use entry::EntryScreen;
pub use entry_form::{Back, EntryFormScreen, FormField};
pub use home::HomeScreen;
pub use journal::JournalScreen;
pub use overview::OverviewScreen;
pub use page::{FieldEditor, PageScreen};
pub use trash::TrashScreen;
