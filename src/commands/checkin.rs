//! `trustwork checkin`: record the four check-in scores from a shell. As
//! in the app, a check-in begins with the three private safety questions:
//! asked here when a person is at a terminal, else owed to the next time
//! the workbook is opened (the app or plain mode asks them first).

use anyhow::Result;

use super::text::count;
use super::{Io, find_workbook, hold, refused, writer};
use crate::content::Content;
use crate::domain::Scores;
use crate::open::{Held, NewCheckIn};
use crate::plain::{Prompter, screen};
use crate::storage::Store;

/// What `trustwork checkin` was given. The scores are already known to be
/// within 0–10 (the command line refuses anything else).
#[derive(Debug)]
pub struct CheckInRequest<'a> {
    pub scores: Scores,
    pub note: Option<&'a str>,
    /// `--as`: who checks in, by name.
    pub author: Option<&'a str>,
}

pub fn checkin(
    store: &mut dyn Store,
    content: &Content,
    wanted: Option<&str>,
    request: CheckInRequest<'_>,
    io: &mut Io<'_>,
) -> Result<()> {
    let key = find_workbook(store, wanted)?;
    let mut held = hold(store, key)?;
    writer(&mut held, request.author)?;
    let today = held.today();
    let since = held.workbook().days_since_checkin(today);
    let new = NewCheckIn {
        scores: request.scores,
        note: request.note.unwrap_or_default().to_string(),
        commitments: Vec::new(),
        private: None,
    };
    let s = held.check_in(new).map_err(refused)?.scores;
    held.save()?;
    writeln!(
        io.out,
        "Saved a check-in to \"{}\": trust {}, safety {}, communication {}, commitment {}.",
        held.workbook().name,
        s.trust,
        s.safety,
        s.communication,
        s.commitment
    )?;
    let when = match since {
        None => "This is the first check-in.".to_string(),
        Some(0) => "The last one was earlier today.".to_string(),
        Some(days) => format!("The last one was {} ago.", count(days, "day", "days")),
    };
    writeln!(io.out, "{when}")?;
    ask_screening(&mut held, content, io)
}

/// Said when the private questions cannot be asked here.
pub(super) const OWED: &str =
    "The three private safety questions will be asked the next time this workbook is opened.";

/// The private safety questions of the person writing: asked now at a
/// terminal, otherwise owed to their next interactive start.
pub(super) fn ask_screening(held: &mut Held<'_>, content: &Content, io: &mut Io<'_>) -> Result<()> {
    if !io.interactive {
        let writer = held.writer();
        held.owe_screening(writer);
        held.save()?;
        writeln!(io.out, "{OWED}")?;
        return Ok(());
    }
    let mut prompter = Prompter::new(io.input, io.out);
    match screen(&mut prompter, content, held) {
        Err(e) if e.is::<crate::plain::EndOfInput>() => Ok(()),
        other => other.map(|_| ()),
    }
}
