//! Couple mode's shared records: talks, agreements, private check-in
//! rounds. Their state machines live in `crate::couple`; these methods
//! hand them out only when the workbook may be written, and mark it
//! changed.

use uuid::Uuid;

use super::{OpenWorkbook, Refused};
use crate::content::Content;
use crate::couple::{Agreement, AgreementStatus, Conversation, Illegal, PrivateState, Summary};
use crate::domain::{JournalEntry, NewEntry};

/// Why a talk could not end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndTalk {
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error("{0}")]
    Illegal(Illegal),
}

impl OpenWorkbook {
    /// The talk in progress, to move it on (turns, notes, time-outs).
    pub fn talk_mut(&mut self) -> Result<&mut Conversation, Refused> {
        self.ensure_writable()?;
        if self.workbook.open_conversation().is_none() {
            return Err(Refused::NotFound("a talk in progress"));
        }
        self.changed();
        self.workbook
            .open_conversation_mut()
            .ok_or(Refused::NotFound("a talk in progress"))
    }

    /// Starts a talk.
    pub fn start_talk(&mut self, talk: Conversation) -> Result<(), Refused> {
        self.ensure_writable()?;
        self.workbook.conversations.push(talk);
        self.changed();
        Ok(())
    }

    /// An agreement, to vote on, revise or retire it.
    pub fn agreement_mut(&mut self, id: Uuid) -> Result<&mut Agreement, Refused> {
        self.ensure_writable()?;
        if self.workbook.agreement(id).is_none() {
            return Err(Refused::NotFound("the agreement"));
        }
        self.changed();
        self.workbook
            .agreement_mut(id)
            .ok_or(Refused::NotFound("the agreement"))
    }

    /// Adds a proposed agreement, to the talk in progress if there is one.
    pub fn add_agreement(&mut self, agreement: Agreement) -> Result<(), Refused> {
        self.ensure_writable()?;
        let id = agreement.id;
        self.workbook.agreements.push(agreement);
        if let Some(talk) = self.workbook.open_conversation_mut() {
            talk.add_agreement(id);
        }
        self.changed();
        Ok(())
    }

    /// Whether a private round's answers may be shown side by side: not
    /// while couple mode is off, when showing them could put someone at
    /// risk (the answers stay saved, each private).
    pub fn reveal_offered(&self) -> bool {
        !self.workbook.safety.is_safety_first()
    }

    /// Sets the state of every check-in of a private round (revealed, or
    /// kept sealed). Revealing is refused while it is not offered.
    pub fn settle_private_round(
        &mut self,
        round: Uuid,
        state: PrivateState,
    ) -> Result<(), Refused> {
        self.ensure_writable()?;
        if state == PrivateState::Revealed && !self.reveal_offered() {
            return Err(Refused::NotFound("a reveal"));
        }
        self.workbook.settle_private_round(round, state);
        self.changed();
        Ok(())
    }

    /// Ends the talk in progress: proposals nobody accepted are dropped,
    /// the summary is kept on the talk and as a journal entry. Returns the
    /// talk's id.
    pub fn end_talk(&mut self, content: &Content) -> Result<Uuid, EndTalk> {
        self.ensure_writable()?;
        let now = self.clock.now();
        let today = self.clock.today();
        let workbook = &mut self.workbook;
        let ids = workbook
            .open_conversation()
            .map(|t| t.agreements.clone())
            .unwrap_or_default();
        for id in ids {
            if let Some(a) = workbook.agreement_mut(id)
                && a.status == AgreementStatus::Proposed
            {
                let _ = a.drop_unaccepted(now);
            }
        }
        let next_checkin = Some(workbook.next_checkin(today));
        let talk = workbook
            .open_conversation_mut()
            .ok_or(Refused::NotFound("a talk in progress"))?;
        talk.end(now).map_err(EndTalk::Illegal)?;
        let id = talk.id;
        let index = workbook
            .conversations
            .iter()
            .position(|t| t.id == id)
            .ok_or(Refused::NotFound("the talk"))?;
        let talk = &workbook.conversations[index];
        let stage = talk.stage.clone().or(Some("communicate".to_string()));
        let summary = Summary::of(talk, &workbook.agreements, next_checkin, now);
        workbook.conversations[index].summary = Some(summary.clone());
        // The summary belongs to both; it is filed under the first person.
        let author = workbook.default_author();
        let [a, b] = workbook.conversations[index].partners;
        let by = format!(
            "By {} and {}, together\n",
            workbook.author_name(a),
            workbook.author_name(b)
        );
        let entry = JournalEntry::new(
            author,
            NewEntry {
                stage: stage.filter(|s| content.stages.iter().any(|st| st.id == *s)),
                mood: None,
                title: format!("We talked about “{}”", summary.topic),
                body: by + &summary.to_text(),
            },
            now,
        );
        self.journal.upsert(entry);
        self.changed();
        Ok(id)
    }

    /// Turns couple mode off with the workbook's switch: anyone may, at
    /// any time, without a reason.
    pub fn turn_couple_mode_off(&mut self) -> Result<(), Refused> {
        if !self.workbook.is_couple() {
            return Err(Refused::OnePerson);
        }
        if !self.workbook.safety.couple_off {
            self.workbook.safety.couple_off = true;
            self.changed();
        }
        Ok(())
    }

    /// Turns the switch back on, once each person has answered privately
    /// (the app asks them in turn). Returns whether couple mode is on now:
    /// it stays off while anyone's private answers keep it off, and the
    /// answer does not say whose.
    pub fn turn_couple_mode_on(&mut self) -> bool {
        if self.workbook.safety.couple_off {
            self.workbook.safety.couple_off = false;
            self.changed();
        }
        !self.workbook.safety.is_safety_first()
    }
}
