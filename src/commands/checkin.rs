//! `trustwork checkin`: record the four check-in scores from a shell.

use std::io::Write;

use anyhow::Result;

use super::text::count;
use super::{Opened, author_id, find_workbook};
use crate::domain::{CheckIn, Scores};
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
    wanted: Option<&str>,
    request: CheckInRequest<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    let key = find_workbook(store, wanted)?;
    let mut opened = Opened::open(store, key)?;
    let author = author_id(&opened.workbook, request.author)?;
    let checkin = CheckIn::new(
        author,
        request.scores,
        request.note.unwrap_or_default().to_string(),
    );
    let since = opened
        .workbook
        .days_since_checkin(checkin.created_at.date_naive());
    let s = checkin.scores;
    opened.workbook.checkins.push(checkin);
    opened.workbook.touch();
    opened.save()?;
    writeln!(
        out,
        "Saved a check-in to \"{}\": trust {}, safety {}, communication {}, commitment {}.",
        opened.workbook.name, s.trust, s.safety, s.communication, s.commitment
    )?;
    let when = match since {
        None => "This is the first check-in.".to_string(),
        Some(0) => "The last one was earlier today.".to_string(),
        Some(days) => format!("The last one was {} ago.", count(days, "day", "days")),
    };
    writeln!(out, "{when}")?;
    Ok(())
}
