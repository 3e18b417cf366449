//! A journal of years held in part (see `Journal::partial`): the list
//! comes from the index, and the runtime reads into memory, before each
//! action, just what that action needs: the entry it is about (from its
//! own line), the trash when it opens, or, for the few changes that
//! rewrite the journal file, the whole journal.

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
    /// documentation). Reading an entry's line takes microseconds; the
    /// whole journal is read only for emptying the trash or putting a
    /// reflection back in its step.
    pub(super) fn hold_what_is_needed(&mut self, action: &Action) {
        if !self.journal_in_part() || is_feedback(action) {
            return;
        }
        if self.needs_whole_journal(action) {
            self.load_journal();
            return;
        }
        self.read_selected_entry();
        if matches!(action, Action::OpenTrash)
            && let Some(session) = self.app.session.as_mut()
        {
            session.read_in_trash(&*self.store);
        }
    }

    /// After an action: the whole journal when the change asks for it (a
    /// passphrase set or changed: the journal is sealed again whole) or
    /// the screen shows all of it (the summary for a counsellor); and the
    /// entries sealed to someone who has just shown their passphrase.
    pub(super) fn hold_whole_if_wanted(&mut self) {
        if !self.journal_in_part() {
            return;
        }
        let wanted = self
            .app
            .session
            .as_ref()
            .is_some_and(|s| s.wants_whole_journal())
            || matches!(self.app.screen, Screen::Counsellor(_));
        if wanted {
            self.load_journal();
            self.app.journal_changed();
        } else if let Some(session) = self.app.session.as_mut()
            && session.read_in_sealed(&*self.store)
        {
            self.app.journal_changed();
        }
    }

    fn needs_whole_journal(&self, action: &Action) -> bool {
        let Some(session) = self.app.session.as_ref() else {
            return false;
        };
        match (action, &self.app.screen) {
            (Action::EmptyTrash, _) => true,
            (Action::Restore, Screen::Trash(trash)) => trash
                .selected()
                .is_some_and(|id| session.restore_needs_whole_journal(id)),
            (Action::Undo, Screen::Journal(list)) => list
                .undo
                .last()
                .is_some_and(|&id| session.restore_needs_whole_journal(id)),
            _ => false,
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
