//! Safety screens: the private screening, the safety screen it can lead
//! to, and the tools of stages 6 and 7 that must respect it.

mod counsellor;
mod decision;
mod right_now;
mod safety_screen;
mod screening;
mod support;

pub use counsellor::CounsellorScreen;
pub use decision::DecisionScreen;
pub use right_now::RightNowScreen;
pub use safety_screen::{SafetyScreen, resource_lines};
pub use screening::{AfterScreening, ScreeningScreen, after_screening};
pub use support::SupportScreen;
