//! What one viewer may see of a workbook, as a copy holding nothing else:
//! the exports and the command line's reports are made from it, so
//! nothing private to the other person can reach a file or a shell by
//! mistake.

use crate::domain::{Journal, Workbook};
use crate::journal_view::Viewer;

/// The workbook and journal as `viewer` may see them. In a workbook for
/// two:
/// - stage answers are the viewer's own (their side's questions, their
///   place); without a viewer, the first person's shared answers;
/// - journal entries are the viewer's own and those shared with them;
///   the trash is each person's own (see `OpenWorkbook::trash_of_writer`),
///   so what the other threw away is left out, shared or not, and without
///   a viewer no trash at all;
/// - check-in notes of the other person are left out (their scores stay:
///   the trend is the couple's);
/// - private screenings and who set "safety first" are left out, except
///   the viewer's own.
///
/// What is kept is marked shared in the copy: it is all the viewer's to
/// see. A one-person workbook comes back whole.
pub fn seen_by(workbook: &Workbook, journal: &Journal, viewer: Viewer) -> (Workbook, Journal) {
    if !workbook.is_couple() {
        return (workbook.clone(), journal.clone());
    }
    let mut seen = workbook.clone();
    let person = match viewer {
        Viewer::Person(who) if workbook.participant(who).is_some() => Some(who),
        _ => None,
    };
    let owner = person.unwrap_or_else(|| workbook.default_author());
    let mut progress = workbook.progress_of(owner).clone();
    progress
        .answers
        .retain(|_, a| viewer.may_see(workbook, owner, a.private));
    for answer in progress.answers.values_mut() {
        answer.private = false;
    }
    seen.progress = progress;
    seen.progress_of_others.clear();
    // The viewer first: the copy's stages are written for their side.
    if let Some(at) = seen.participants.iter().position(|p| p.id == owner) {
        let me = seen.participants.remove(at);
        seen.participants.insert(0, me);
    }
    // The other person's private check-ins not revealed by both stay
    // theirs, scores and all.
    seen.checkins.retain(|c| {
        Some(c.author) == person
            || c.private
                .as_ref()
                .is_none_or(|m| m.state == crate::couple::PrivateState::Revealed)
    });
    for checkin in &mut seen.checkins {
        if Some(checkin.author) != person {
            checkin.note.clear();
        }
    }
    seen.checkin_drafts.retain(|who, _| Some(*who) == person);
    let safety = &mut seen.safety;
    // Couple mode off, for whatever reason, reads as the switch being off:
    // nothing in the copy tells whose answers (if any) turned it off.
    let off = safety.is_safety_first();
    safety.screenings.retain(|s| Some(s.participant) == person);
    safety.safety_first.retain(|who| Some(*who) == person);
    safety.couple_off = off && safety.safety_first.is_empty();
    safety.owed.retain(|who| Some(*who) == person);
    safety.own_numbers_of.retain(|who, _| Some(*who) == person);
    let entries = journal
        .entries()
        .iter()
        .filter(|e| viewer.may_see(workbook, e.author, e.private))
        .filter(|e| !e.is_deleted() || Some(e.author) == person)
        .cloned()
        .map(|mut e| {
            e.private = false;
            e
        })
        .collect();
    (seen, Journal::from_entries(entries))
}
