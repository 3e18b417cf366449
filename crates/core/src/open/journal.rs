//! Changes to the journal: new entries, edits, the trash. A reflection (a
//! stage answer shown in the journal) lives in the workbook file, so
//! trashing or restoring one moves text between the two files; the order
//! they are saved in is set here (see `save.rs`).

use uuid::Uuid;

use super::{OpenWorkbook, Refused};
use crate::content::Content;
use crate::domain::{JournalEntry, Mood, NewEntry};
use crate::journal_view::{self, Restored, Source};

/// An entry's fields as the person leaves them in a form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryEdit {
    pub title: String,
    pub body: String,
    pub stage: Option<String>,
    pub mood: Option<Mood>,
}

impl OpenWorkbook {
    /// A new journal entry by the person writing, dated now. Returns its
    /// id.
    pub fn add_entry(&mut self, new: NewEntry) -> Result<Uuid, Refused> {
        let at = self.clock.now();
        self.add_entry_at(new, at)
    }

    /// A new entry dated `at` (`journal add --date`, an import). Its
    /// created and edited times are both `at`.
    pub fn add_entry_at(
        &mut self,
        new: NewEntry,
        at: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Uuid, Refused> {
        self.ensure_writable()?;
        let mut entry = JournalEntry::new(self.writer, new, at);
        // In a workbook for two, a new entry is its writer's own until they
        // share it.
        entry.private = self.workbook.is_couple();
        let id = entry.id;
        self.journal.upsert(entry);
        Ok(id)
    }

    /// An entry the person writing may change: in a workbook for two,
    /// only its author may (a shared entry is there to be read by the
    /// other, not rewritten or thrown away in its author's name).
    fn own_entry(&self, id: Uuid) -> Result<&crate::domain::JournalEntry, Refused> {
        let entry = self.journal.get(id).ok_or(Refused::NotFound("the entry"))?;
        if self.workbook.is_couple() && entry.author != self.writer {
            return Err(Refused::NotFound("an entry of yours"));
        }
        Ok(entry)
    }

    /// Whether the person writing may change an item (see `own_entry`):
    /// front ends ask before they open an editor, so nobody types into a
    /// form whose words would be thrown away.
    pub fn may_change(&self, source: &Source) -> bool {
        match source {
            Source::Entry(id) => self.own_entry(*id).is_ok(),
            Source::Reflection(_) => true,
        }
    }

    /// Changes an entry's fields. Returns whether anything changed.
    pub fn edit_entry(&mut self, id: Uuid, edit: EntryEdit) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let before = self.own_entry(id)?.clone();
        let at = self.clock.now();
        self.journal.edit(id, at, |e| {
            e.title = edit.title.trim().to_string();
            e.body = edit.body;
            e.stage = edit.stage;
            e.mood = edit.mood;
        });
        Ok(self.journal.get(id) != Some(&before))
    }

    /// Changes only an entry's text (an edit in the person's own editor).
    pub fn edit_entry_body(&mut self, id: Uuid, body: String) -> Result<bool, Refused> {
        let entry = self.own_entry(id)?;
        let edit = EntryEdit {
            title: entry.title.clone(),
            body,
            stage: entry.stage.clone(),
            mood: entry.mood,
        };
        self.edit_entry(id, edit)
    }

    /// Writes a reflection's text back to its answer, signed by the person
    /// writing; blank text clears it. Returns whether it changed.
    pub fn write_reflection(&mut self, answer: &str, text: String) -> Result<bool, Refused> {
        self.ensure_writable()?;
        let at = self.clock.now();
        let changed =
            journal_view::write_reflection(&mut self.workbook, answer, text, at, self.writer);
        if changed {
            self.changed();
        }
        Ok(changed)
    }

    /// Moves an item to the trash and returns the id of its trash entry.
    /// A reflection becomes a trashed journal entry that remembers its
    /// step; the journal is then saved before the workbook, so the text is
    /// always in at least one file.
    pub fn trash(&mut self, content: &Content, source: &Source) -> Result<Uuid, Refused> {
        self.ensure_writable()?;
        if let Source::Entry(id) = source {
            self.own_entry(*id)?;
        }
        let at = self.clock.now();
        let viewer = self.viewer();
        let id = journal_view::delete(
            content,
            &mut self.workbook,
            &mut self.journal,
            source,
            at,
            viewer,
        )
        .ok_or(Refused::NotFound("the entry"))?;
        if matches!(source, Source::Reflection(_)) {
            self.changed();
            self.unsaved.order = super::Order::JournalFirst;
        }
        Ok(id)
    }

    /// Takes an entry out of the trash. A reflection goes back to its step;
    /// the workbook is then saved before the journal drops its trash copy.
    pub fn restore(&mut self, id: Uuid) -> Result<Restored, Refused> {
        self.ensure_writable()?;
        self.own_entry(id)?;
        let at = self.clock.now();
        let restored = journal_view::restore(&mut self.workbook, &mut self.journal, id, at);
        if restored == Restored::Reflection {
            self.changed();
            // The text is back in the workbook; until that is on disk, the
            // journal's trash copy is the only one there.
            self.unsaved.order = super::Order::WorkbookFirst;
        }
        Ok(restored)
    }

    /// Shares an item of the person writing with the other person, or
    /// keeps it to themselves again. Only its owner can. Returns whether
    /// it changed.
    pub fn share(&mut self, source: &Source, shared: bool) -> Result<bool, Refused> {
        self.ensure_writable()?;
        if !self.workbook.is_couple() {
            return Err(Refused::OnePerson);
        }
        let writer = self.writer;
        match source {
            Source::Entry(id) => {
                let entry = self
                    .journal
                    .get(*id)
                    .ok_or(Refused::NotFound("the entry"))?;
                if entry.author != writer {
                    return Err(Refused::NotFound("an entry of yours"));
                }
                if entry.private != shared {
                    return Ok(false);
                }
                let at = entry.edited_at;
                let changed = self.journal.edit(*id, at, |e| e.private = !shared);
                if changed && self.unsharing_seals(shared) {
                    // Its words become sealed: the file is written anew
                    // without the lines that hold them in plain, and the
                    // backups that hold them so are replaced.
                    self.journal.rewrite_on_next_save();
                    self.refresh_backups = true;
                }
                Ok(changed)
            }
            Source::Reflection(id) => {
                let answer = self
                    .workbook
                    .progress_of_mut(writer)
                    .answers
                    .get_mut(id)
                    .ok_or(Refused::NotFound("an answer of yours"))?;
                if answer.private != shared {
                    return Ok(false);
                }
                answer.private = !shared;
                if self.unsharing_seals(shared) {
                    // The workbook's backups hold the answer in plain.
                    self.refresh_backups = true;
                }
                self.changed();
                Ok(true)
            }
        }
    }

    /// Whether keeping an item to themselves again (`shared` false) seals
    /// its words: the person writing has a passphrase of their own.
    fn unsharing_seals(&self, shared: bool) -> bool {
        !shared && self.has_passphrase(self.writer)
    }

    /// Whether keeping entry `source` to its author again writes the
    /// journal file anew (see [`Self::share`]): a front end may say so
    /// first, as it takes a moment with a journal of years.
    pub fn unsharing_rewrites(&self, source: &Source) -> bool {
        let Source::Entry(id) = source else {
            return false;
        };
        self.journal
            .get(*id)
            .is_some_and(|e| e.author == self.writer && !e.private)
            && self.unsharing_seals(false)
    }

    /// Whether an item of the person writing is shared with the other
    /// person, and their name: what every front end shows plainly on the
    /// item. `None` in a one-person workbook, and for what is not theirs.
    pub fn sharing(&self, source: &Source) -> Option<Sharing> {
        if !self.workbook.is_couple() {
            return None;
        }
        let private = match source {
            Source::Entry(id) => self
                .entry_shown(*id)
                .filter(|e| e.author == self.writer)
                .map(|e| e.private)?,
            Source::Reflection(id) => self.progress().answers.get(id).map(|a| a.private)?,
        };
        let partner = self.next_writer().ok()?.name.clone();
        Some(Sharing {
            shared: !private,
            partner,
        })
    }

    /// Flips [`Self::sharing`]: shares a private item, or keeps a shared
    /// one private again. Returns the new state.
    pub fn toggle_share(&mut self, source: &Source) -> Result<Sharing, Refused> {
        let now = self
            .sharing(source)
            .ok_or(Refused::NotFound("an item of yours"))?;
        self.share(source, !now.shared)?;
        Ok(Sharing {
            shared: !now.shared,
            ..now
        })
    }

    /// The trash of the person writing: in a workbook for two, only
    /// what they threw away (the other's trash is theirs, private or not,
    /// and only they may put it back or delete it for good).
    pub fn trash_of_writer(&self) -> impl Iterator<Item = &crate::domain::JournalEntry> {
        let only = self.trash_owner();
        self.journal
            .trashed()
            .filter(move |e| only.is_none_or(|who| e.author == who))
    }

    /// Empties the trash of the person writing for good (see
    /// [`Self::trash_of_writer`]). Returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize, Refused> {
        self.ensure_writable()?;
        // Held in part, the trash is emptied of what was read in of it:
        // all of it, or nothing.
        if self.journal_in_part() && !self.trash_read_in {
            return Err(Refused::NotHeldWhole);
        }
        Ok(self.journal.empty_trash_of(self.trash_owner()))
    }

    /// Whose trash the person writing sees and empties: their own in a
    /// workbook for two, everything in a workbook of one.
    fn trash_owner(&self) -> Option<Uuid> {
        self.workbook.is_couple().then_some(self.writer)
    }
}

/// Whether an item is shared, and with whom (see
/// [`OpenWorkbook::sharing`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharing {
    pub shared: bool,
    pub partner: String,
}

impl Sharing {
    /// The line shown on the item, the same in every front end.
    pub fn describe(&self) -> String {
        match self.shared {
            true => format!("{} can see this", self.partner),
            false => "Only you can see this".to_string(),
        }
    }

    /// What pressing the share key would do.
    pub fn offer(&self) -> String {
        match self.shared {
            true => "keep it to yourself".to_string(),
            false => format!("share with {}", self.partner),
        }
    }
}
