//! Couple mode: the pure state machines behind doing the workbook together.
//!
//! Two people at one keyboard need structure more than features: a talk that
//! takes turns (speak, paraphrase, confirm, validate), agreements that only
//! count once both have said yes, and private answers that stay hidden until
//! both choose to show them. Everything here is plain data plus the rules for
//! changing it. There is no I/O and no terminal code, and "now" is always
//! passed in, so every rule can be tested with fixed times and every state
//! can be saved in the workbook JSON and restored exactly.

mod agreement;
mod conversation;
mod gentle;
mod pauses;
mod private;
mod step;
pub mod summary;
mod timeout;
mod turn;

pub use agreement::{
    Agreement, AgreementError, AgreementEvent, AgreementEventKind, AgreementStatus,
};
pub use conversation::{Conversation, Event};
pub use gentle::{Gentle, gentle_note};
pub use private::{PrivateError, PrivateMark, PrivateRound, PrivateState, RevealVote, RoundStep};
pub use step::{Illegal, Step};
pub use summary::Summary;
pub use timeout::TimeOut;
pub use turn::{Note, Paraphrase, Round, Turn};

/// For `skip_serializing_if`: leave `false` flags out of the JSON.
fn is_false(flag: &bool) -> bool {
    !*flag
}

/// For `skip_serializing_if`: leave zero counters out of the JSON.
fn is_zero(n: &i64) -> bool {
    *n == 0
}
