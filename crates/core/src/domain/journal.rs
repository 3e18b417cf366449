//! Journal entries and the in-memory journal. Entries are saved apart from
//! the workbook document (see `storage::journal`), so the journal also keeps
//! track of which entries changed since the last save.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Mood;

/// One free journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: Uuid,
    pub created_at: DateTime<FixedOffset>,
    pub edited_at: DateTime<FixedOffset>,
    /// The participant who wrote it.
    pub author: Uuid,
    /// The stage it is about, if any (a stage id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub body: String,
    /// Set while the entry is in the trash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<FixedOffset>>,
    /// The answer (`stage/step/prompt`) this entry held before it was
    /// deleted from the journal, so undo can put it back there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<String>,
    /// Kept to its author in a workbook for two (the default for a new
    /// entry there); older entries were seen by both and stay so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// Where an imported entry came from (tool, date, title): importing the
    /// same file again adds nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The entry's words (title, body, stage, mood, where it came from),
    /// sealed to its author's own key: a private entry of a person with a
    /// passphrase of their own is written so, and its title and body stay
    /// empty until that person opens it with their passphrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// What a writer gives for a new entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEntry {
    pub stage: Option<String>,
    pub mood: Option<Mood>,
    pub title: String,
    pub body: String,
}

impl JournalEntry {
    /// A new entry written at `at` (the caller's clock: the core never
    /// reads the wall clock itself).
    pub fn new(author: Uuid, new: NewEntry, at: DateTime<FixedOffset>) -> Self {
        Self {
            id: Uuid::now_v7(),
            created_at: at,
            edited_at: at,
            author,
            stage: new.stage,
            mood: new.mood,
            title: new.title.trim().to_string(),
            body: new.body,
            deleted_at: None,
            reflection: None,
            private: false,
            source: None,
            sealed: None,
        }
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// The title, or else the first non-blank line of the body: what a
    /// list shows.
    pub fn headline(&self) -> &str {
        if !self.title.trim().is_empty() {
            return self.title.trim();
        }
        first_line(&self.body)
    }
}

/// The first non-blank line of a text, trimmed.
pub fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// All entries of a workbook, with the ids changed since the last save.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    entries: Vec<JournalEntry>,
    index: HashMap<Uuid, usize>,
    /// Changed entries not yet written, in the order they changed.
    pending: Vec<Uuid>,
    /// The same ids, to tell quickly whether one is pending already (an
    /// import changes thousands at once).
    pending_set: std::collections::HashSet<Uuid>,
    /// Set when entries were removed for good: the file must be rewritten
    /// without them, not appended to.
    rewrite: bool,
    /// Lines in the file on disk, old versions included: the store uses it
    /// to decide when rewriting the file is worth it.
    file_records: usize,
    /// Indices of `entries`, newest first, worked out once per change:
    /// opening the journal or leaving an entry must not sort a journal of
    /// years again (a derived value, so it is left out of equality).
    newest_first: OnceLock<Vec<u32>>,
    /// How an entry is written to disk when that differs from memory: a
    /// private entry of a person with their own passphrase is sealed to
    /// their key (set by the open workbook, which knows the keys).
    seal: SealHook,
    /// Bytes of the file this journal has read or written, up to the end
    /// of its last whole line: lines after it were appended by another
    /// process (a `journal add` from the shell) and are read from there.
    file_len: u64,
    /// Set when such lines came in since [`Self::take_merged`] was last
    /// asked: the open workbook then opens what of them is sealed.
    merged: bool,
    /// Set for a journal of which only some entries are in memory (see
    /// [`Self::partial`]).
    partial: bool,
    /// Entries of a partial journal removed for good since the last save:
    /// its rewrite drops every line of them (the whole journal simply
    /// does not hold them any more).
    gone: HashSet<Uuid>,
}

/// One line another process appended to the journal file.
#[derive(Debug, Clone, PartialEq)]
pub enum Appended {
    Entry(Box<JournalEntry>),
    Purged(Uuid),
}

/// Turns an entry into what is written to disk, or `None` where it is
/// written as it is; an error stops the save (nothing is written in the
/// clear instead).
pub type Sealer = dyn Fn(&JournalEntry) -> Result<Option<JournalEntry>, String> + Send + Sync;

/// The journal's [`Sealer`], if any.
#[derive(Clone, Default)]
struct SealHook(Option<std::sync::Arc<Sealer>>);

impl std::fmt::Debug for SealHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "SealHook(set)"
        } else {
            "SealHook(none)"
        })
    }
}

impl PartialEq for Journal {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
            && self.index == other.index
            && self.pending == other.pending
            && self.pending_set == other.pending_set
            && self.rewrite == other.rewrite
            && self.file_records == other.file_records
    }
}

impl Journal {
    /// A journal as loaded from disk: nothing pending.
    pub fn from_entries(entries: Vec<JournalEntry>) -> Self {
        let mut journal = Self::default();
        for entry in entries {
            journal.put(entry);
        }
        journal
    }

    /// A journal of which only the entries read or written in this
    /// sitting are in memory: the rest stay on disk, listed by the
    /// journal index, and are read one by one when they are needed
    /// ([`Self::read_in`]), so a journal of years is never held whole.
    /// Its changes are appends. When the file must be written anew
    /// (entries removed for good, words sealed again), the lines of the
    /// entries it does not hold are copied as they are (see
    /// `journal_file::rewrite_in_part`), never dropped.
    /// `file_len`: the length of the file the index describes, where lines
    /// other processes append start.
    pub fn partial(file_len: u64) -> Self {
        Self {
            partial: true,
            file_len,
            ..Self::default()
        }
    }

    /// Whether only some entries are in memory (see [`Self::partial`]).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Takes in an entry read from its line in the file: not a change, so
    /// nothing is written. An entry already here is kept as it is (it may
    /// have changed since). Returns whether it was taken.
    pub fn read_in(&mut self, entry: JournalEntry) -> bool {
        if self.index.contains_key(&entry.id) {
            return false;
        }
        self.put(entry);
        true
    }

    /// The whole journal, read at last, takes in what was read, changed
    /// and saved while only part of it was in memory: those versions are
    /// the newest (the workbook was held here, so no other process
    /// changed an entry; others only add), and changes not saved yet stay
    /// to be saved.
    pub fn absorb(&mut self, part: Journal) {
        let Journal {
            entries,
            pending_set,
            file_len,
            file_records,
            gone,
            rewrite,
            ..
        } = part;
        for entry in entries {
            if pending_set.contains(&entry.id) {
                self.upsert(entry);
            } else {
                self.put(entry);
            }
        }
        // Removed for good there and not saved yet: removed here too.
        for id in gone {
            self.purge(id);
        }
        self.rewrite |= rewrite;
        self.file_len = self.file_len.max(file_len);
        self.file_records += file_records;
    }

    /// Every entry, trash included, in the order they were first saved.
    pub fn entries(&self) -> &[JournalEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: Uuid) -> Option<&JournalEntry> {
        self.index.get(&id).map(|&i| &self.entries[i])
    }

    /// Every entry, trash included, newest first (by creation, ties by id,
    /// newest id first). Sorted once after each change, then borrowed.
    pub fn newest_first(&self) -> impl Iterator<Item = &JournalEntry> {
        let order = self.newest_first.get_or_init(|| {
            // Entries are saved in the order they were written, so the
            // sort usually meets a single run and is linear.
            let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
            order.sort_by(|&a, &b| {
                let (a, b) = (&self.entries[a as usize], &self.entries[b as usize]);
                b.created_at
                    .cmp(&a.created_at)
                    .then_with(|| b.id.cmp(&a.id))
            });
            order
        });
        order.iter().map(|&i| &self.entries[i as usize])
    }

    /// Entries not in the trash.
    pub fn live(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter().filter(|e| !e.is_deleted())
    }

    /// Entries in the trash.
    pub fn trashed(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter().filter(|e| e.is_deleted())
    }

    /// Adds or replaces an entry (by id) without marking it for saving.
    fn put(&mut self, entry: JournalEntry) {
        self.newest_first.take();
        match self.index.get(&entry.id) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.index.insert(entry.id, self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    /// Replaces an entry with the same entry as it reads once opened (a
    /// sealed private entry its author has just unlocked): not a change,
    /// so nothing is written.
    pub fn open_in_place(&mut self, entry: JournalEntry) {
        if self.index.contains_key(&entry.id) {
            self.put(entry);
        }
    }

    /// Makes the next save rewrite the whole file, so no older line of an
    /// entry stays on disk (after its author's words became sealed).
    pub fn rewrite_on_next_save(&mut self) {
        self.rewrite = true;
    }

    /// Sets how entries are written to disk (see [`Sealer`]).
    pub fn set_sealer(&mut self, sealer: std::sync::Arc<Sealer>) {
        self.seal = SealHook(Some(sealer));
    }

    /// `entry` as it is written to disk.
    pub fn disk_form<'a>(
        &self,
        entry: &'a JournalEntry,
    ) -> Result<std::borrow::Cow<'a, JournalEntry>, String> {
        let sealed = match &self.seal.0 {
            Some(seal) => seal(entry)?,
            None => None,
        };
        Ok(match sealed {
            Some(on_disk) => std::borrow::Cow::Owned(on_disk),
            None => std::borrow::Cow::Borrowed(entry),
        })
    }

    /// Adds or replaces an entry and marks it for the next save.
    pub fn upsert(&mut self, entry: JournalEntry) {
        let id = entry.id;
        self.put(entry);
        self.mark(id);
    }

    /// Changes an entry in place; `edited_at` is set to `at` when it
    /// really changed. Returns whether the entry exists.
    pub fn edit(
        &mut self,
        id: Uuid,
        at: DateTime<FixedOffset>,
        change: impl FnOnce(&mut JournalEntry),
    ) -> bool {
        let Some(&i) = self.index.get(&id) else {
            return false;
        };
        let before = self.entries[i].clone();
        change(&mut self.entries[i]);
        if self.entries[i] != before {
            self.newest_first.take();
            self.entries[i].edited_at = at;
            self.mark(id);
        }
        true
    }

    /// Moves an entry to the trash at time `at`. Returns whether it was
    /// there to move.
    pub fn delete_at(&mut self, id: Uuid, at: DateTime<FixedOffset>) -> bool {
        self.set_deleted(id, Some(at))
    }

    /// Takes an entry back out of the trash.
    pub fn restore(&mut self, id: Uuid) -> bool {
        self.set_deleted(id, None)
    }

    fn set_deleted(&mut self, id: Uuid, at: Option<DateTime<FixedOffset>>) -> bool {
        let Some(&i) = self.index.get(&id) else {
            return false;
        };
        if self.entries[i].deleted_at.is_some() == at.is_some() {
            return false;
        }
        self.entries[i].deleted_at = at;
        self.mark(id);
        self.newest_first.take();
        true
    }

    /// Removes one entry for good (used when a deleted reflection goes back
    /// to its step).
    pub fn purge(&mut self, id: Uuid) -> bool {
        let Some(i) = self.index.remove(&id) else {
            return false;
        };
        self.entries.remove(i);
        if self.partial {
            self.gone.insert(id);
        }
        self.reindex();
        self.rewrite = true;
        true
    }

    /// Empties the trash for good. Returns how many entries went.
    pub fn empty_trash(&mut self) -> usize {
        self.empty_trash_of(None)
    }

    /// Empties the trash of what `author` threw away (of everyone's, for
    /// `None`). Returns how many entries went.
    pub fn empty_trash_of(&mut self, author: Option<Uuid>) -> usize {
        let before = self.entries.len();
        let gone = &mut self.gone;
        let partial = self.partial;
        self.entries.retain(|e| {
            let keep = !e.is_deleted() || author.is_some_and(|a| e.author != a);
            if !keep && partial {
                gone.insert(e.id);
            }
            keep
        });
        let purged = before - self.entries.len();
        if purged > 0 {
            self.reindex();
            self.rewrite = true;
        }
        purged
    }

    fn reindex(&mut self) {
        self.newest_first.take();
        self.index = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        let index = &self.index;
        self.pending.retain(|id| index.contains_key(id));
        self.pending_set.retain(|id| index.contains_key(id));
    }

    fn mark(&mut self, id: Uuid) {
        if self.pending_set.insert(id) {
            self.pending.push(id);
        }
    }

    /// Whether anything changed since the last save.
    pub fn has_changes(&self) -> bool {
        !self.pending.is_empty() || self.rewrite
    }

    /// Whether the next save must rewrite the whole file.
    pub fn needs_rewrite(&self) -> bool {
        self.rewrite
    }

    /// Whether the whole file may be written from this journal alone
    /// (not from a partial one: it would leave out the entries it does
    /// not hold).
    pub fn may_rewrite(&self) -> bool {
        !self.partial
    }

    /// Entries of a partial journal removed for good since the last save.
    pub fn gone(&self) -> &HashSet<Uuid> {
        &self.gone
    }

    /// The entries changed since the last save, in the order they changed.
    pub fn pending(&self) -> impl Iterator<Item = &JournalEntry> {
        self.pending.iter().filter_map(|id| self.get(*id))
    }

    /// Whether entry `id` changed since the last save.
    pub fn is_pending(&self, id: Uuid) -> bool {
        self.pending_set.contains(&id)
    }

    /// Called by the store once the changes are safely on disk.
    pub fn mark_saved(&mut self, rewritten: bool) {
        self.file_records = if rewritten {
            self.entries.len()
        } else {
            self.file_records + self.pending.len()
        };
        self.pending.clear();
        self.pending_set.clear();
        self.rewrite = false;
        if rewritten {
            self.gone.clear();
        }
    }

    pub fn file_records(&self) -> usize {
        self.file_records
    }

    pub fn set_file_records(&mut self, records: usize) {
        self.file_records = records;
    }

    /// See the `file_len` field: where lines written by others start.
    pub fn file_len(&self) -> u64 {
        self.file_len
    }

    /// Set by the store after reading or writing the file.
    pub fn set_file_len(&mut self, len: u64) {
        self.file_len = len;
    }

    /// Takes in lines another process appended to the file, which ends
    /// at `file_len` now. An entry changed here and not yet saved keeps
    /// this version: it is written after theirs, so it is the one that
    /// counts when the file is read again. Returns how many lines changed
    /// something.
    pub fn merge_appended(&mut self, lines: Vec<Appended>, file_len: u64) -> usize {
        let mut changed = 0;
        let count = lines.len();
        for line in lines {
            match line {
                Appended::Entry(entry) if !self.pending_set.contains(&entry.id) => {
                    self.put(*entry);
                    changed += 1;
                }
                Appended::Purged(id) if !self.pending_set.contains(&id) => {
                    if let Some(&i) = self.index.get(&id) {
                        // Positions after it move down: indexed again at
                        // once, as the next line may name any entry.
                        self.entries.remove(i);
                        self.reindex();
                        changed += 1;
                    }
                }
                _ => {}
            }
        }
        self.file_records += count;
        self.file_len = file_len;
        self.merged |= changed > 0;
        changed
    }

    /// Whether lines from another process came in since last asked.
    pub fn take_merged(&mut self) -> bool {
        std::mem::take(&mut self.merged)
    }

    /// Ids of entries that are in `self`, for merging without duplicates.
    pub fn ids(&self) -> HashSet<Uuid> {
        self.index.keys().copied().collect()
    }
}

/// An entry of a new author with `body`, written now: for tests.
#[cfg(test)]
pub(crate) fn entry_saying(body: &str) -> JournalEntry {
    entry_titled("", body)
}

/// An entry of a new author with `title` and `body`, written now: for
/// tests.
#[cfg(test)]
pub(crate) fn entry_titled(title: &str, body: &str) -> JournalEntry {
    JournalEntry::new(
        Uuid::now_v7(),
        NewEntry {
            title: title.into(),
            body: body.into(),
            ..NewEntry::default()
        },
        crate::domain::now(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry(body: &str) -> JournalEntry {
        entry_saying(body)
    }

    #[test]
    fn a_partial_journal_records_what_went_and_the_whole_one_absorbs_it() {
        let (a, b, c) = (entry("a"), entry("b"), entry("c"));
        let mut part = Journal::partial(100);
        assert!(part.read_in(a.clone()));
        assert!(!part.read_in(a.clone()), "read once");
        assert!(!part.has_changes());
        assert!(!part.may_rewrite(), "never written from memory alone");
        // A change saved (b), one not saved yet (a), one removed for good
        // (c, in the trash).
        part.upsert(b.clone());
        part.mark_saved(false);
        part.set_file_len(180);
        part.edit(a.id, crate::domain::now(), |e| e.body = "a, edited".into());
        part.read_in(c.clone());
        part.delete_at(c.id, crate::domain::now());
        assert_eq!(part.empty_trash(), 1);
        assert!(part.needs_rewrite());
        assert_eq!(part.gone(), &HashSet::from([c.id]));

        // The whole journal, read before b was written.
        let mut whole = Journal::from_entries(vec![a.clone(), c.clone()]);
        whole.set_file_len(100);
        whole.absorb(part);
        assert!(whole.may_rewrite());
        assert!(whole.needs_rewrite(), "c's lines must go");
        assert!(whole.get(c.id).is_none());
        assert_eq!(whole.len(), 2);
        assert_eq!(whole.get(a.id).unwrap().body, "a, edited");
        assert!(whole.is_pending(a.id), "still to be saved");
        assert!(!whole.is_pending(b.id), "saved already");
        assert!(whole.get(b.id).is_some());
        assert_eq!(whole.file_len(), 180, "lines after it are someone else's");
    }
}
