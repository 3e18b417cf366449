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
        if !self.journal_in_part() || is_feedback(action) {
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
    /// its private entries read in and is saved (written anew); entries
    /// sealed to someone who has just shown their passphrase are read in
    /// and opened.
    pub(super) fn hold_after(&mut self) {
        if !self.journal_in_part() {
            return;
        }
        let Some(session) = self.app.session.as_mut() else {
            return;
        };
        let came = session.read_in_sealed(&*self.store);
        if session.reseal_in_part(&*self.store) {
            super::runtime::apply(self, vec![super::Effect::Save]);
        }
        if came {
            self.app.journal_changed();
        }
    }
}

/// Actions that report what a store or thread did, not what a person
/// asked for.
fn is_feedback(action: &Action) -> bool {
    matches!(
        action,
        Action::Listed(_)
            | Action::Opened(..)
            | Action::Saved(_)
            | Action::JournalRead(_)
            | Action::Closed(_)
            | Action::CreateFailed(_)
            | Action::Exported(_)
            | Action::ExternallyEdited(..)
            | Action::SearchFound(_)
            | Action::Tick(_)
    )
}
