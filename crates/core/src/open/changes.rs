//! Changes to the workbook file itself: answers, steps and stages, the
//! place, check-ins, the private screening, closing and reopening.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::{OpenWorkbook, Refused};
use crate::content::Content;
use crate::domain::{
    AnswerValue, CheckIn, CommitmentCheck, Participant, Role, Scores, Screening, ScreeningAnswer,
};
use crate::engine::Place;

/// What a check-in needs from the person: their scores, a note, the
/// commitments they rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckIn {
    pub scores: Scores,
    pub note: String,
    pub commitments: Vec<CommitmentCheck>,
    /// Set for a private round in a couple workbook.
    pub private: Option<crate::couple::PrivateMark>,
}

impl OpenWorkbook {
    /// Marks the workbook file as changed, stamped with the clock.
    pub(super) fn changed(&mut self) {
        self.workbook.touch(self.clock.now());
        self.unsaved.workbook = true;
    }

    /// Stores an answer of the person writing (an empty one removes it).
    /// Returns whether anything changed.
    pub fn answer(
        &mut self,
        content: &Content,
        id: &str,
        value: AnswerValue,
    ) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let engine = self.engine(content);
        let now = self.clock.now();
        // A new answer in a workbook for two is its writer's own; an
        // edited one keeps what its writer chose.
        let private_if_new = self.workbook.is_couple();
        let progress = self.workbook.progress_of_mut(self.writer);
        let was_private = progress.answers.get(id).map(|a| a.private);
        let changed = engine.answer(progress, id, value, now)?;
        if changed {
            if let Some(answer) = progress.answers.get_mut(id) {
                answer.author = Some(self.writer);
                answer.private = was_private.unwrap_or(private_if_new);
            }
            self.changed_answers.insert(id.to_string());
            self.changed();
        }
        Ok(changed)
    }

    /// Removes an answer (a scale set back to "not chosen").
    pub fn clear_answer(&mut self, content: &Content, id: &str) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let engine = self.engine(content);
        let changed = engine.clear_answer(self.workbook.progress_of_mut(self.writer), id)?;
        if changed {
            self.changed();
        }
        Ok(changed)
    }

    /// Marks a step done (or not). Returns whether it changed.
    pub fn set_step_done(
        &mut self,
        content: &Content,
        stage: usize,
        step: usize,
        done: bool,
    ) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let engine = self.engine(content);
        let progress = self.workbook.progress_of_mut(self.writer);
        let changed = engine.set_step_done(progress, stage, step, done)?;
        if changed {
            self.changed();
        }
        Ok(changed)
    }

    /// Marks a stage complete (its check-out answered first).
    pub fn complete_stage(&mut self, content: &Content, stage: usize) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let engine = self.engine(content);
        let now = self.clock.now();
        let changed =
            engine.complete_stage(self.workbook.progress_of_mut(self.writer), stage, now)?;
        if changed {
            self.changed();
        }
        Ok(changed)
    }

    /// Opens a completed stage again; the answers stay.
    pub fn reopen_stage(&mut self, content: &Content, stage: usize) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let engine = self.engine(content);
        let changed = engine.reopen_stage(self.workbook.progress_of_mut(self.writer), stage)?;
        if changed {
            self.changed();
        }
        Ok(changed)
    }

    /// Whether a page is open to this workbook: a step that needs both
    /// people is not while anyone's private answers have put it in
    /// "safety first"; what a person does alone always is.
    pub fn offers(&self, content: &Content, place: Place) -> bool {
        let Place::Step(s, i) = place else {
            return true;
        };
        let for_two = content
            .stages
            .get(s)
            .and_then(|st| st.steps.get(i))
            .is_some_and(|step| step.together);
        !(for_two && self.workbook.safety.is_safety_first())
    }

    /// Remembers the page the person is on, so the workbook reopens there.
    /// A closed workbook is not written to, not even its place. Returns
    /// whether the place changed (and so wants saving).
    pub fn go_to(&mut self, content: &Content, place: Place) -> bool {
        if self.is_closed() {
            return false;
        }
        let engine = self.engine(content);
        let changed = engine
            .go_to(self.workbook.progress_of_mut(self.writer), place)
            .unwrap_or(false);
        if changed {
            // Only the place moved: no new time stamp, so a page turn is
            // not mistaken for new writing.
            self.unsaved.workbook = true;
        }
        changed
    }

    /// Records a check-in of the person writing, kept oldest first.
    pub fn check_in(&mut self, new: NewCheckIn) -> Result<&CheckIn, Refused> {
        self.check_in_as(self.writer, new)
    }

    /// Records a check-in of `who` (one partner's turn in a private
    /// round), kept oldest first.
    pub fn check_in_as(&mut self, who: Uuid, new: NewCheckIn) -> Result<&CheckIn, Refused> {
        self.ensure_writable()?;
        if self.workbook.participant(who).is_none() {
            return Err(Refused::NotFound("that person"));
        }
        // A draft left by a quick exit is done with once they check in.
        self.workbook.checkin_drafts.remove(&who);
        let mut checkin = CheckIn::new(who, new.scores, new.note, self.clock.now());
        checkin.commitments = new.commitments;
        checkin.private = new.private;
        let id = checkin.id;
        let checkins = &mut self.workbook.checkins;
        checkins.push(checkin);
        checkins.sort_by_key(|c| c.created_at);
        self.changed();
        self.workbook
            .checkins
            .iter()
            .find(|c| c.id == id)
            .ok_or(Refused::NotFound("the check-in"))
    }

    /// Keeps a half-filled check-in of `who` (Ctrl+Q) for their next one.
    /// Returns whether anything was kept.
    pub fn keep_checkin_draft(&mut self, who: Uuid, draft: crate::domain::CheckInDraft) -> bool {
        if self.is_closed() || draft.is_empty() || self.workbook.participant(who).is_none() {
            return false;
        }
        if self.workbook.checkin_drafts.get(&who) == Some(&draft) {
            return false;
        }
        self.workbook.checkin_drafts.insert(who, draft);
        self.changed();
        true
    }

    /// `who`'s half-filled check-in, if a quick exit left one.
    pub fn checkin_draft(&self, who: Uuid) -> Option<&crate::domain::CheckInDraft> {
        self.workbook.checkin_drafts.get(&who)
    }

    /// The reminder interval, in days (from the check-in form or the
    /// config of a new workbook), kept within the intervals offered.
    pub fn set_checkin_interval(&mut self, days: u32) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let range = crate::domain::CHECKIN_INTERVAL_DAYS;
        let days = days.clamp(*range.start(), *range.end());
        if self.workbook.checkin_interval_days == days {
            return Ok(false);
        }
        self.workbook.checkin_interval_days = days;
        self.changed();
        Ok(true)
    }

    /// Keeps `who`'s answers to the private screening. Returns whether
    /// they raised a concern (couple mode is then set aside). An empty set
    /// of answers is not a screening and changes nothing. A closed
    /// workbook still takes them: safety is never refused.
    pub(super) fn record_screening(
        &mut self,
        who: Uuid,
        answers: BTreeMap<String, ScreeningAnswer>,
    ) -> bool {
        if answers.is_empty() {
            return false;
        }
        let concern = self.workbook.safety.record(Screening {
            participant: who,
            at: self.clock.now(),
            answers,
        });
        // Their own private questions: the moment a first passphrase of
        // their own is offered, to them alone.
        self.flagged_now.insert(who);
        self.workbook.safety.owed.remove(&who);
        self.changed();
        concern
    }

    /// Whether `who` is owed the private screening: a new workbook or a
    /// check-in made where nobody could be asked (a shell without a
    /// terminal) leaves it for the next time they open the workbook.
    pub fn screening_owed(&self, who: Uuid) -> bool {
        self.workbook.safety.owed.contains(&who)
    }

    /// Leaves the private screening for `who`'s next interactive start.
    pub fn owe_screening(&mut self, who: Uuid) {
        if self.workbook.safety.owed.insert(who) {
            self.changed();
        }
    }

    /// A number of the person's own for the safety screen.
    pub fn add_own_number(&mut self, number: &str) -> bool {
        let number = number.trim();
        if number.is_empty() {
            return false;
        }
        let safety = &mut self.workbook.safety;
        match self.workbook.participants.len() > 1 {
            true => safety
                .own_numbers_of
                .entry(self.writer)
                .or_default()
                .push(number.to_string()),
            false => safety.own_numbers.push(number.to_string()),
        }
        self.changed();
        true
    }

    /// The numbers the person writing added: in a workbook for two their
    /// own only (with any kept from before there were two).
    pub fn own_numbers(&self) -> Vec<&str> {
        let safety = &self.workbook.safety;
        let mine = safety
            .own_numbers_of
            .get(&self.writer)
            .into_iter()
            .flatten();
        safety
            .own_numbers
            .iter()
            .chain(mine)
            .map(String::as_str)
            .collect()
    }

    /// The note about who else may see this device, shown once per
    /// workbook. Returns whether it is due now (and marks it shown).
    pub fn take_device_note(&mut self) -> bool {
        if self.workbook.safety.device_note_seen || self.is_closed() {
            return false;
        }
        self.workbook.safety.device_note_seen = true;
        self.changed();
        true
    }

    /// Closes the workbook: kept, readable, never deleted.
    pub fn close(&mut self) -> bool {
        if self.is_closed() {
            return false;
        }
        self.workbook.closed_at = Some(self.clock.now());
        self.changed();
        true
    }

    /// Opens a closed workbook for writing again.
    pub fn reopen(&mut self) -> bool {
        if self.workbook.closed_at.take().is_none() {
            return false;
        }
        self.changed();
        true
    }

    /// Names the two people of a couple workbook and their sides. The
    /// first keeps the id of the workbook's first participant, so what
    /// they wrote alone stays theirs.
    pub fn set_partners(&mut self, people: [(String, Role); 2]) -> Result<(), Refused> {
        self.ensure_writable()?;
        super::check_partner_names([&people[0].0, &people[1].0])?;
        // A name is who `--as` and every handover mean: someone whose
        // space is behind a passphrase is renamed (or given another
        // side) only with it shown, or names could be swapped to write
        // and read as them.
        for (person, (name, role)) in self.workbook.participants.iter().zip(&people) {
            let changed = person.name != *name || person.role != *role;
            if changed && person.key.is_some() && !self.unlocked.contains(&person.id) {
                return Err(Refused::NeedsTheirPassphrase);
            }
        }
        let participants = &mut self.workbook.participants;
        for (i, (name, role)) in people.into_iter().enumerate() {
            match participants.get_mut(i) {
                Some(person) => {
                    person.name = name;
                    person.role = role;
                }
                None => participants.push(Participant::new(name, role)),
            }
        }
        self.changed();
        Ok(())
    }

    /// Whether this workbook for two was made before each person had
    /// their own answers and private space, and has not been told yet.
    pub fn private_by_person_notice_due(&self) -> bool {
        self.workbook.is_couple()
            && !self
                .workbook
                .notices_seen
                .contains(crate::domain::NOTICE_PRIVATE_BY_PERSON)
    }

    /// Records that the note was shown (once is enough, for both).
    pub fn private_by_person_notice_shown(&mut self) {
        let new = self
            .workbook
            .notices_seen
            .insert(crate::domain::NOTICE_PRIVATE_BY_PERSON.to_string());
        if new {
            self.unsaved.workbook = true;
        }
    }
}
