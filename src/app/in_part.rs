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
    /// reflection back in its step. Returns `false` when the action is
    /// left for after the next frame (see [`Self::run_after_frame`]).
    pub(super) fn hold_what_is_needed(&mut self, action: &Action) -> bool {
        if !self.journal_in_part() || is_feedback(action) {
            return true;
        }
        if self.needs_whole_journal(action) {
            if self.slow_after_frame {
                self.app.status = Some(READING_WHOLE.into());
                self.after_frame = Some(Later::Action(action.clone()));
                return false;
            }
            self.load_journal();
            return true;
        }
        self.read_selected_entry();
        if matches!(action, Action::OpenTrash)
            && let Some(session) = self.app.session.as_mut()
        {
            session.read_in_trash(&*self.store);
        }
        true
    }

    /// Does what was left for after the frame, the frame that says so
    /// being on screen (see [`Runtime::slow_after_frame`]). Returns
    /// whether there was anything (then the screen is drawn again).
    pub fn run_after_frame(&mut self) -> bool {
        match self.after_frame.take() {
            Some(Later::Action(action)) => {
                self.load_journal();
                self.dispatch(action);
                true
            }
            Some(Later::WholeJournal) => {
                self.load_journal();
                self.app.journal_changed();
                true
            }
            None => false,
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
        if wanted && self.slow_after_frame {
            self.after_frame = Some(Later::WholeJournal);
            self.app.status = Some(READING_WHOLE.into());
        } else if wanted {
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

/// What waits for the frame that says it is coming.
pub(super) enum Later {
    /// An action that needs the whole journal, once it is read.
    Action(Action),
    /// The whole journal, which the last action asked for.
    WholeJournal,
}

/// Said while a journal of years is read whole (a second or so).
const READING_WHOLE: &str = "One moment: reading the whole journal…";

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
