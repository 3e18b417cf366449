//! One file per screen. Each screen owns its state, handles the actions
//! meant for it, and draws itself.

mod breathing;
mod checkout;
mod create;
mod home;
mod intro;
mod overview;
mod page;
mod step;

pub use breathing::{BreathingScreen, Phase};
pub use create::{CreateField, CreateScreen};
pub use home::HomeScreen;
pub use overview::OverviewScreen;
pub use page::{FieldEditor, PageScreen};
