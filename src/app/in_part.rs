//! A journal of years held in part (see `Journal::partial`): the list
//! comes from the index, and the runtime reads into memory, before each
//! action, just what that action needs: the entry it is about (from its
//! own line), the trash when it opens, the entries ticked for a
//! counsellor's summary, and after a new passphrase every private entry
//! of the people whose words are sealed. The journal is never read whole.

use super::Runtime;
use crate::action::Action;
use crate::ui::screens::Screen;

impl Runtime<'_> {
    /// Whether the open workbook's journal is held in part.
    fn journal_in_part(&self) -> bool {
        self.app
            .session
            .as_ref()
            .is_some_and(|s| s.journal_in_part())
    }

    /// Before `action`: reads in what it needs (see the module
    /// documentation). Reading an entry's line takes microseconds.
    pub(super) fn hold_what_is_needed(&mut self, action: &Action) {
        if !self.journal_in_part() || action.is_feedback() || matches!(action, Action::Tick(_)) {
            return;
        }
        self.read_selected_entry();
        let Some(session) = self.app.session.as_mut() else {
            return;
        };
        match (action, &self.app.screen) {
            (Action::OpenTrash, _) => {
                session.read_in_trash(&*self.store);
            }
            (Action::Select, Screen::Counsellor(summary)) => {
                let ticked: Vec<uuid::Uuid> = summary.ticked_entries().collect();
                session.read_in_entries(&*self.store, &ticked);
            }
            _ => {}
        }
    }

    /// After an action: a journal to seal again with a new passphrase has
    /// its private entries read in and is saved (written anew, after a
    /// frame that says so); entries sealed to someone who has just shown
    /// their passphrase are read in and opened.
    pub(super) fn hold_after(&mut self) {
        if !self.journal_in_part() {
            return;
        }
        let Some(session) = self.app.session.as_mut() else {
            return;
        };
        let came = session.read_in_sealed(&*self.store);
        if session.wants_reseal() {
            match self.slow_after_frame {
                true => self.later(
                    Later::Reseal,
                    "Sealing your journal with the new passphrase…",
                ),
                false => self.reseal(),
            }
        }
        if came {
            self.journal_changed();
        }
    }

    fn reseal(&mut self) {
        if let Some(session) = self.app.session.as_mut()
            && session.reseal_in_part(&*self.store)
        {
            super::runtime::apply(self, vec![super::Effect::Save]);
        }
    }

    /// Whether `action` writes the whole journal file anew (a second or
    /// so for a journal of years): then it waits for a frame that says
    /// so (see [`Runtime::slow_after_frame`]). Returns whether it was
    /// left for then.
    pub(super) fn leave_for_after_frame(&mut self, action: &Action) -> bool {
        if !self.slow_after_frame || !self.journal_in_part() {
            return false;
        }
        let Some(session) = self.app.session.as_ref() else {
            return false;
        };
        let is_reflection = |id: uuid::Uuid| {
            session
                .journal()
                .get(id)
                .is_some_and(|e| e.reflection.is_some())
        };
        let says = match (action, &self.app.screen) {
            (Action::Confirm, Screen::Trash(trash)) if trash.confirming => "Emptying the trash…",
            (Action::Restore, Screen::Trash(trash))
                if trash.selected().is_some_and(is_reflection) =>
            {
                "Putting it back in its step…"
            }
            (Action::Undo, Screen::Journal(list))
                if list.undo.last().is_some_and(|&id| is_reflection(id)) =>
            {
                "Putting it back in its step…"
            }
            (Action::ToggleShare, Screen::Journal(list))
                if list
                    .selected()
                    .is_some_and(|s| session.unsharing_rewrites(s)) =>
            {
                "Keeping it to yourself…"
            }
            (Action::ToggleShare, Screen::Entry(entry))
                if session.unsharing_rewrites(&entry.source) =>
            {
                "Keeping it to yourself…"
            }
            _ => return false,
        };
        self.later(Later::Action(action.clone()), says);
        true
    }

    fn later(&mut self, work: Later, says: &str) {
        self.app.status = Some(says.into());
        self.after_frame = Some(work);
    }

    /// Does what was left for after the frame, now that the frame saying
    /// so is on screen. Returns whether there was anything (the screen is
    /// then drawn again).
    pub fn run_after_frame(&mut self) -> bool {
        match self.after_frame.take() {
            Some(Later::Action(action)) => {
                let slow = std::mem::replace(&mut self.slow_after_frame, false);
                self.dispatch(action);
                self.slow_after_frame = slow;
                true
            }
            Some(Later::Reseal) => {
                self.reseal();
                true
            }
            None => false,
        }
    }
}

/// Work that waits for the frame that says it is coming.
pub(super) enum Later {
    /// An action that writes the journal file anew.
    Action(Action),
    /// The journal sealed again with a new passphrase, and saved.
    Reseal,
}
