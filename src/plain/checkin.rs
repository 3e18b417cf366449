//! A check-in: the private screening first, as the app asks it, then the
//! four 0–10 scores, the commitments kept or missed, and a note.

use anyhow::Result;

use super::book::Book;
use super::prompt::{Block, Menu, Prompter, parse_scale};
use crate::content::Content;
use crate::domain::{CommitmentCheck, Measure, Scores};
use crate::open::NewCheckIn;

pub fn checkin(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    // Two people check in privately, sealed until both agree to reveal:
    // that hand-over needs the app's look-away screens.
    if book.workbook().is_couple() {
        p.blank()?;
        p.say("In a workbook for two, check-ins are private rounds, taken one after the other in the full-screen app. Run trustwork in a terminal without --plain.")?;
        return Ok(());
    }
    super::safety::screen(p, content, book)?;
    let text = &content.checkin;
    p.blank()?;
    p.say("Check-in")?;
    p.paragraphs(&text.intro)?;
    // A half-filled check-in is let go when the input ends, as the app
    // lets one go: a score missing is not one to guess.
    let mut scores = Scores {
        trust: 0,
        safety: 0,
        communication: 0,
        commitment: 0,
    };
    for (n, measure) in Measure::ALL.into_iter().enumerate() {
        let m = text.measure(measure);
        p.blank()?;
        p.say(&format!(
            "Score {} of 4, {}: {}",
            n + 1,
            m.label,
            m.question
        ))?;
        p.say(&format!(
            "0 means {}. 10 means {}.",
            m.min_label, m.max_label
        ))?;
        let score = p.ask("Type a number from 0 to 10: ", |t| match parse_scale(t) {
            Ok(Some(n)) => Ok(n),
            _ => Err(
                "Please type a whole number from 0 to 10; each score is needed for a check-in."
                    .into(),
            ),
        })?;
        scores.set(measure, score);
    }
    let commitments = rate_commitments(p, content, book)?;
    p.blank()?;
    p.say(&text.note.prompt)?;
    p.say(&format!(
        "{} Finish with a line holding only a full stop, or press Enter now to leave it out.",
        text.note.hint
    ))?;
    let (note, ended) = match p.block()? {
        Block::Keep => (String::new(), false),
        Block::Text(note) => (note, false),
        Block::Ended(note) => (note, true),
    };
    book.check_in(NewCheckIn {
        scores,
        note,
        commitments,
        private: None,
    })?;
    book.save()?;
    p.blank()?;
    p.say(&format!(
        "Check-in saved: trust {}, feeling safe {}, communication {}, commitment {}.",
        scores.trust, scores.safety, scores.communication, scores.commitment
    ))?;
    if ended {
        return Err(super::prompt::EndOfInput.into());
    }
    Ok(())
}

/// Each commitment from the accountability tracker, kept or missed; any
/// left unrated are left out rather than guessed.
fn rate_commitments(
    p: &mut Prompter<'_>,
    content: &Content,
    book: &Book<'_>,
) -> Result<Vec<CommitmentCheck>> {
    let commitments: Vec<String> = book
        .workbook()
        .commitments()
        .into_iter()
        .map(str::to_string)
        .collect();
    if commitments.is_empty() {
        return Ok(Vec::new());
    }
    let text = &content.checkin.commitments;
    p.blank()?;
    p.say(&text.intro)?;
    p.say(&text.reassurance)?;
    let menu = Menu::new()
        .numbered(["Kept", "Missed", "Leave it unrated"])
        .on_empty("3");
    let mut rated = Vec::new();
    for commitment in commitments {
        p.blank()?;
        p.say(&commitment)?;
        let kept = match menu.key(p.pick(&menu)?) {
            "1" => true,
            "2" => false,
            _ => continue,
        };
        rated.push(CommitmentCheck { commitment, kept });
    }
    Ok(rated)
}
