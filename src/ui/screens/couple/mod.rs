//! Couple mode's screens: two people at one keyboard. The rules of a talk
//! live in `crate::couple`; these screens show it and turn keys into its
//! events.

mod agreements;
mod floor;
mod partners;
mod private;
mod setup;
mod summary;
mod talk;
mod time_out;

pub use agreements::{AgreementsMode, AgreementsScreen};
pub use floor::{FloorMode, FloorScreen};
pub use partners::{AfterPartners, PartnerField, PartnersScreen};
pub use private::{Handover, LookAwayScreen, RevealScreen, private_checkin, round_screen};
pub use setup::{SetupField, SetupScreen};
pub use summary::SummaryScreen;
pub use talk::{TalkRow, TalkScreen, talk_in_progress};
pub use time_out::TimeOutScreen;
