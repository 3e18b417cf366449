//! One workbook open for writing: the workbook, its journal, the clock and
//! who is writing. Every change any front end makes (the TUI, plain mode,
//! the command line) is one of its methods, so each rule lives here once:
//! a closed workbook refuses, answers and entries are signed by the person
//! writing, time comes from the clock it was given, and a change that
//! moves text between the workbook and the journal is saved in the order
//! that keeps the text in at least one file (see [`save`]).
//!
//! The fields are private: a front end reads through the getters and
//! changes only through the methods, which the compiler enforces.

mod changes;
mod import;
mod journal;
mod person;
mod save;
mod seal;
mod talk;
#[cfg(test)]
mod tests;
mod visible;

use chrono::{DateTime, FixedOffset, NaiveDate};
use uuid::Uuid;

use crate::content::Content;
use crate::domain::{Clock, Journal, Participant, Workbook};
use crate::storage::WorkbookKey;

pub use changes::NewCheckIn;
pub use import::Brought;
pub use journal::{EntryEdit, Sharing};
pub use person::Screened;
pub use save::{Held, SaveError};
pub use seal::PrivatePart;
pub use talk::EndTalk;
pub use visible::seen_by;

/// A workbook and its journal as read from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub workbook: Workbook,
    pub journal: Journal,
}

impl From<Workbook> for Loaded {
    /// A workbook with an empty journal.
    fn from(workbook: Workbook) -> Self {
        Self {
            workbook,
            journal: Journal::default(),
        }
    }
}

/// Why a change was not made. Front ends say it in their own words; the
/// decision is made here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The workbook was closed (stage 7, or `C` twice on the overview):
    /// it is kept to be read, not written.
    #[error(
        "\"{name}\" is closed: it is kept so you can read it, and nothing can be written in it. To write in it again, reopen it in trustwork (press C twice on its overview)"
    )]
    Closed { name: String },
    /// Only one person writes in this workbook.
    #[error("only one person writes in this workbook")]
    OnePerson,
    /// Nobody of that name (or id) writes in this workbook.
    #[error("nobody called \"{wanted}\" writes in \"{workbook}\". Names: {names}")]
    UnknownPerson {
        wanted: String,
        workbook: String,
        names: String,
    },
    /// The step engine refused (an unknown question, a check-out not
    /// answered yet, an answer of the wrong kind).
    #[error("{0}")]
    Engine(#[from] crate::engine::EngineError),
    /// Only the person themselves may do this, and they have not shown
    /// their own passphrase.
    #[error("only that person can do this, with their own passphrase")]
    NeedsTheirPassphrase,
    /// What was asked for is not there (an entry, an agreement, a talk).
    #[error("{0} is not there")]
    NotFound(&'static str),
    /// A name of the two people is blank (`which`: 0 or 1).
    #[error("please write both names: a first name or a nickname is enough")]
    BlankName { which: usize },
    /// The two people's names are the same, letter case aside: `--as`,
    /// the handover and every "by" line could not tell them apart.
    #[error("the two names are the same. Add an initial to one, so every answer shows whose it is")]
    SameNames,
    /// Emptying the trash of a journal held in part whose trash could not
    /// all be read from its lines.
    #[error(
        "the trash could not be read whole, so nothing was deleted. Close the trash and open it again"
    )]
    NotHeldWhole,
}

/// The rule for the names of a workbook for two, for every front end:
/// neither blank, and told apart without regard to letter case (as `--as`
/// matches names).
pub fn check_partner_names(names: [&str; 2]) -> Result<(), Refused> {
    if let Some(which) = names.iter().position(|n| n.trim().is_empty()) {
        return Err(Refused::BlankName { which });
    }
    if name_as_read(names[0]) == name_as_read(names[1]) {
        return Err(Refused::SameNames);
    }
    Ok(())
}

/// A name as a person reads it on screen, for telling two apart: letter
/// case aside, without the characters that show as nothing (zero-width
/// spaces and joiners, soft hyphens, direction marks, a byte-order mark),
/// and with full-width Latin letters as their usual form. Look-alike
/// letters of other scripts are not caught.
fn name_as_read(name: &str) -> String {
    let invisible = |c: char| {
        matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{FEFF}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}')
    };
    let usual = |c: char| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    };
    name.chars()
        .filter(|c| !invisible(*c))
        .map(usual)
        .collect::<String>()
        .trim()
        .to_lowercase()
}

/// Whether a workbook may be written: the rule behind every change, for a
/// front end that must refuse before it asks the person for anything (the
/// command line checks it before reading an entry's text).
pub fn writable(workbook: &Workbook) -> Result<(), Refused> {
    match workbook.closed_at {
        Some(_) => Err(Refused::Closed {
            name: workbook.name.clone(),
        }),
        None => Ok(()),
    }
}

/// What is changed in memory and not yet written. The order matters when
/// a change moved text from one file to the other: see [`save`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Unsaved {
    workbook: bool,
    order: Order,
}

/// The order of the two files in the next save.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Order {
    /// Nothing moved between the files: each is written whatever becomes
    /// of the other.
    #[default]
    Independent,
    /// Text left the workbook for the journal (a reflection moved to the
    /// trash): the journal first, and the workbook only once the text is
    /// on disk in the journal.
    JournalFirst,
    /// Text came back from the journal into the workbook (a reflection
    /// restored): the workbook first, and the journal drops its copy only
    /// once the workbook holds the text on disk.
    WorkbookFirst,
}

/// A workbook open for writing. See the module documentation.
#[derive(Debug, Clone)]
pub struct OpenWorkbook {
    key: WorkbookKey,
    workbook: Workbook,
    journal: Journal,
    /// Whether `journal` has been read yet: the TUI reads it just after
    /// its first frame, plain mode when it is first used.
    journal_loaded: bool,
    /// The journal index, while the journal is not held whole (see
    /// [`Self::show_index`]): `journal` then holds only the entries read
    /// or written in this sitting. Shared with the search worker.
    index: Option<std::sync::Arc<crate::storage::journal_index::JournalIndex>>,
    clock: Clock,
    /// Who is at the keyboard: new answers, entries and check-ins are
    /// theirs.
    writer: Uuid,
    unsaved: Unsaved,
    /// People who showed their own passphrase in this sitting.
    unlocked: std::collections::BTreeSet<Uuid>,
    /// People who answered their own private questions in this sitting:
    /// the private moment a first passphrase of their own is offered in.
    flagged_now: std::collections::BTreeSet<Uuid>,
    /// The unlocked keys of people who showed their passphrase in this
    /// sitting: what is sealed to them has been opened into memory (see
    /// [`seal`]). Kept after a handover, so their words can be opened
    /// again when the journal is read later.
    /// Older keys of someone who changed their passphrase stay too, so
    /// entries still sealed to the old key open, and are sealed to the new
    /// one when the journal is next written.
    keys: Vec<(Uuid, std::sync::Arc<crate::storage::Cipher>)>,
    /// Set when someone's words have just become sealed: older backups,
    /// which hold them in plain, are replaced after the next save.
    refresh_backups: bool,
    /// Set when the journal must be written whole again with the keys of
    /// now (a first or a changed passphrase); applied once it is read.
    reseal_journal: bool,
    /// People whose private entries, sealed to them, were read in from
    /// their lines while the journal is held in part (see
    /// [`Self::read_in_sealed`]).
    sealed_read_for: std::collections::BTreeSet<Uuid>,
    /// Whether every trashed entry the index lists was read in (see
    /// [`Self::read_in_trash`]).
    trash_read_in: bool,
    /// Set when entries another process appended came in (see
    /// [`Self::take_appended`]), until the front end asks.
    appended_in: bool,
    /// Answers changed since the workbook was last written: what a quick
    /// exit after a failed save keeps in a recovery file.
    changed_answers: std::collections::BTreeSet<String>,
}

impl OpenWorkbook {
    /// A workbook and its journal, as read from the store.
    pub fn new(key: WorkbookKey, workbook: Workbook, journal: Journal, clock: Clock) -> Self {
        let mut open = Self::without_journal(key, workbook, clock);
        open.set_journal(journal);
        open
    }

    /// A workbook whose journal is read later ([`Self::set_journal`]).
    pub fn without_journal(key: WorkbookKey, workbook: Workbook, clock: Clock) -> Self {
        // Whoever opens the workbook is not known: it opens for someone
        // whose private space is not behind a passphrase (the first such
        // person), so nobody's protected words are on screen before they
        // show their passphrase.
        let writer = workbook
            .participants
            .iter()
            .find(|p| p.key.is_none())
            .map_or_else(|| workbook.default_author(), |p| p.id);
        Self {
            key,
            workbook,
            journal: Journal::default(),
            journal_loaded: false,
            index: None,
            clock,
            writer,
            unsaved: Unsaved::default(),
            unlocked: std::collections::BTreeSet::new(),
            flagged_now: std::collections::BTreeSet::new(),
            keys: Vec::new(),
            refresh_backups: false,
            reseal_journal: false,
            appended_in: false,
            sealed_read_for: std::collections::BTreeSet::new(),
            trash_read_in: false,
            changed_answers: std::collections::BTreeSet::new(),
        }
    }

    /// Puts the journal in once it has been read.
    pub fn set_journal(&mut self, mut journal: Journal) {
        // Read from disk: a private entry of a person with a passphrase
        // that is not sealed there is one a sealing did not get to (a
        // full disk, a kill). It is sealed at the next save.
        let protected = self.protected_people();
        if journal
            .entries()
            .iter()
            .any(|e| e.private && e.sealed.is_none() && protected.contains(&e.author))
        {
            journal.rewrite_on_next_save();
            self.refresh_backups = true;
        }
        // What was read, changed and saved while only part of the
        // journal was here stays, over what the whole reading found.
        let part = std::mem::take(&mut self.journal);
        if part.is_partial() {
            journal.absorb(part);
        }
        self.journal = journal;
        self.journal_loaded = true;
        self.install_sealer();
        for (who, cipher) in self.keys.clone() {
            self.open_sealed_entries(who, &cipher);
        }
        if std::mem::take(&mut self.reseal_journal) {
            self.journal.rewrite_on_next_save();
        }
        self.index = None;
    }

    /// Lists the journal from its index (every entry's headline, no
    /// bodies) instead of holding it whole: the journal becomes a partial
    /// one (see [`Journal::partial`]), holding only the entries read
    /// ([`Self::show_entry`]) or written in this sitting, whose changes
    /// are appends. [`Self::set_journal`] puts the whole journal in when
    /// something needs all of it, keeping what the partial one holds.
    pub fn show_index(&mut self, index: crate::storage::journal_index::JournalIndex) {
        if self.journal_loaded || self.journal.has_changes() {
            return;
        }
        if !self.journal.is_partial() {
            self.journal = Journal::partial(index.journal_len());
            // Words a person keeps behind their passphrase are sealed
            // when written, from a partial journal as from a whole one.
            self.install_sealer();
        }
        if self.unsealed_on_disk(&index) {
            self.reseal_journal = true;
            // Copies of the journal hold those words in plain too.
            self.refresh_backups = true;
        }
        self.index = Some(std::sync::Arc::new(index));
    }

    /// Whether the list comes from the index (the journal is not held
    /// whole).
    pub fn showing_index(&self) -> bool {
        self.index.is_some()
    }

    /// The journal index while the list comes from it.
    pub fn index(&self) -> Option<&crate::storage::journal_index::JournalIndex> {
        self.index.as_deref()
    }

    /// Reads into memory every entry of the trash the index lists (the
    /// trash is shown from entries, and is small). Returns whether every
    /// one was read; one that could not be stays out of the trash shown
    /// until the whole journal is read.
    pub fn read_in_trash(&mut self, store: &dyn crate::storage::Store) -> bool {
        let Some(index) = &self.index else {
            return true;
        };
        let lines: Vec<(uuid::Uuid, (u64, u32))> = index
            .rows()
            .filter(|row| row.deleted() && self.journal.get(row.id()).is_none())
            .map(|row| (row.id(), row.line()))
            .collect();
        let mut all = true;
        for (id, line) in lines {
            let read = store.read_entry_at(&self.key, id, line);
            all &= read.is_some_and(|entry| self.show_entry(entry));
        }
        self.trash_read_in = all;
        all
    }

    /// Reads in the entries `ids` not held yet (a summary's ticked ones)
    /// from their lines, while the journal is held in part.
    pub fn read_in_entries(&mut self, store: &dyn crate::storage::Store, ids: &[Uuid]) {
        let Some(index) = &self.index else {
            return;
        };
        let lines: Vec<(Uuid, (u64, u32))> = ids
            .iter()
            .filter(|id| self.journal.get(**id).is_none())
            .filter_map(|id| Some((*id, index.find(*id)?.line())))
            .collect();
        for (id, line) in lines {
            if let Some(entry) = store.read_entry_at(&self.key, id, line) {
                self.show_entry(entry);
            }
        }
    }

    /// Whether the journal is held only in part (listed from the index).
    pub fn journal_in_part(&self) -> bool {
        !self.journal_loaded && self.journal.is_partial()
    }

    /// Whether the journal, held in part, is to be sealed again with a
    /// new passphrase ([`Self::reseal_in_part`]).
    pub fn wants_reseal(&self) -> bool {
        self.journal_in_part() && self.reseal_journal
    }

    /// Seals the journal again, held in part, after a passphrase was set
    /// or changed: every private entry of each person with a key of this
    /// sitting is read in (and opened), so the next save writes the file
    /// anew with them sealed to the key of now, and no older line of
    /// theirs left (see `journal_file::rewrite_in_part`). Returns whether
    /// it was done (then the journal must be saved).
    pub fn reseal_in_part(&mut self, store: &dyn crate::storage::Store) -> bool {
        if !self.wants_reseal() {
            return false;
        }
        // Everything of the people whose keys are here (to be sealed to
        // their key of now), and whatever private line of a person with a
        // passphrase is not sealed yet (a sealing that failed before).
        let keyed: Vec<Uuid> = self.keys.iter().map(|(who, _)| *who).collect();
        let protected: Vec<Uuid> = self.protected_people();
        self.read_in_private_where(store, |row| {
            keyed.contains(&row.author()) || (protected.contains(&row.author()) && !row.sealed())
        });
        self.journal.rewrite_on_next_save();
        self.reseal_journal = false;
        true
    }

    /// The people with a passphrase of their own.
    fn protected_people(&self) -> Vec<Uuid> {
        self.workbook
            .participants
            .iter()
            .filter(|p| p.recipient.is_some())
            .map(|p| p.id)
            .collect()
    }

    /// Whether the index lists a private entry of a person with a
    /// passphrase whose line is not sealed: a sealing that did not get to
    /// the disk (a full disk, a kill). It is done again at this opening.
    fn unsealed_on_disk(&self, index: &crate::storage::journal_index::JournalIndex) -> bool {
        let protected = self.protected_people();
        !protected.is_empty()
            && index
                .rows()
                .any(|row| row.private() && !row.sealed() && protected.contains(&row.author()))
    }

    /// Reads in the private entries of `people` not held yet, opening
    /// what is sealed to a key of this sitting. Returns whether any came.
    fn read_in_private_of(&mut self, store: &dyn crate::storage::Store, people: &[Uuid]) -> bool {
        self.read_in_private_where(store, |row| people.contains(&row.author()))
    }

    /// Reads in the private entries whose rows `wanted` picks, not held
    /// yet, opening what is sealed to a key of this sitting. Returns
    /// whether any came.
    fn read_in_private_where(
        &mut self,
        store: &dyn crate::storage::Store,
        wanted: impl Fn(&crate::storage::journal_index::RowRef<'_>) -> bool,
    ) -> bool {
        let Some(index) = &self.index else {
            return false;
        };
        let lines: Vec<(Uuid, (u64, u32))> = index
            .rows()
            .filter(|row| row.private() && wanted(row))
            .filter(|row| self.journal.get(row.id()).is_none())
            .map(|row| (row.id(), row.line()))
            .collect();
        let mut came = false;
        for (id, line) in lines {
            if let Some(entry) = store.read_entry_at(&self.key, id, line) {
                came |= self.journal.read_in(entry);
            }
        }
        if came {
            for (who, cipher) in self.keys.clone() {
                self.open_sealed_entries(who, &cipher);
            }
        }
        came
    }

    /// Reads in the private entries of each person whose passphrase was
    /// shown in this sitting, while the journal is held in part: their
    /// lines hold them sealed, so the index lists them without a
    /// headline, and they are opened here as the whole journal's reading
    /// would open them. Done once per person. Returns whether any came.
    pub fn read_in_sealed(&mut self, store: &dyn crate::storage::Store) -> bool {
        if self.index.is_none() {
            return false;
        }
        let new: Vec<Uuid> = self
            .keys
            .iter()
            .map(|(who, _)| *who)
            .filter(|who| !self.sealed_read_for.contains(who))
            .collect();
        if new.is_empty() {
            return false;
        }
        self.sealed_read_for.extend(new.iter().copied());
        self.read_in_private_of(store, &new)
    }

    /// The index the list comes from, for a search of the journal file
    /// to read only what it points to (`None` once the journal is in).
    pub fn shared_index(
        &self,
    ) -> Option<std::sync::Arc<crate::storage::journal_index::JournalIndex>> {
        self.index.clone()
    }

    /// Where entry `id`'s latest line is in the journal, by the index
    /// (only while the list comes from it).
    pub fn indexed_line(&self, id: uuid::Uuid) -> Option<(u64, u32)> {
        Some(self.index.as_ref()?.find(id)?.line())
    }

    /// Entries whose words in memory are not what the journal file holds
    /// (a change not saved yet, words sealed to their author: opened
    /// here, or not): a search of the file's bytes must search these
    /// here. An opened entry no longer carries its seal, so it is known
    /// by what the file holds of it: the private entry of a person with a
    /// passphrase of their own is sealed there.
    pub fn words_off_disk(&self) -> impl Iterator<Item = &crate::domain::JournalEntry> {
        let sealed_on_disk = |e: &crate::domain::JournalEntry| {
            e.sealed.is_some() || (e.private && self.has_passphrase(e.author))
        };
        self.journal.pending().chain(
            self.journal
                .entries()
                .iter()
                .filter(move |e| sealed_on_disk(e) && !self.journal.is_pending(e.id)),
        )
    }

    /// An entry as shown.
    fn entry_shown(&self, id: uuid::Uuid) -> Option<&crate::domain::JournalEntry> {
        self.journal.get(id)
    }

    /// Takes one entry whole, read from its line while the list comes
    /// from the index (the journal held in part), so it can be opened,
    /// changed or deleted like any other. Only an entry the index lists
    /// is taken; one in memory already stays as it is (it may have
    /// changed since). Words sealed to a person whose passphrase was
    /// shown in this sitting are opened, as the whole journal's reading
    /// opens them. Returns whether the entry is here now.
    pub fn show_entry(&mut self, entry: crate::domain::JournalEntry) -> bool {
        if self.journal.get(entry.id).is_some() {
            return true;
        }
        let listed = self
            .index
            .as_ref()
            .is_some_and(|i| i.find(entry.id).is_some());
        if !listed || !self.journal.is_partial() {
            return false;
        }
        let sealed = entry.sealed.is_some();
        self.journal.read_in(entry);
        if sealed {
            for (who, cipher) in self.keys.clone() {
                self.open_sealed_entries(who, &cipher);
            }
        }
        true
    }

    /// Marks the journal as not read yet (the TUI reads it after its first
    /// frame, then calls [`Self::set_journal`]).
    pub fn journal_to_follow(&mut self) {
        self.journal_loaded = false;
    }

    pub fn journal_loaded(&self) -> bool {
        self.journal_loaded
    }

    pub fn key(&self) -> &WorkbookKey {
        &self.key
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Sets the clock (the app's one clock, fixed by tests).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Now, by the clock this workbook was opened with.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn writer(&self) -> Uuid {
        self.writer
    }

    /// The name of the person writing.
    pub fn writer_name(&self) -> &str {
        self.workbook.author_name(self.writer)
    }

    pub fn is_closed(&self) -> bool {
        self.workbook.closed_at.is_some()
    }

    /// The one check every change makes first.
    pub fn ensure_writable(&self) -> Result<(), Refused> {
        writable(&self.workbook)
    }

    /// The step engine for the stages of the person writing: each person
    /// gets their own side's questions.
    pub fn engine<'c>(&self, content: &'c Content) -> crate::engine::Engine<'c> {
        crate::engine::Engine::new(content, self.workbook.role_of(self.writer))
            .with_relationship(self.workbook.relationship)
    }

    /// The progress of the person writing: their answers, steps and place.
    pub fn progress(&self) -> &crate::domain::Progress {
        self.workbook.progress_of(self.writer)
    }

    /// Who is looking, for everything the journal and exports show: the
    /// person writing.
    pub fn viewer(&self) -> crate::journal_view::Viewer {
        crate::journal_view::Viewer::Person(self.writer)
    }

    /// The journal as the person writing may see it (see
    /// [`crate::journal_view::items`]).
    pub fn items<'a>(
        &'a self,
        content: &'a Content,
        trash: bool,
    ) -> Vec<crate::journal_view::Item<'a>> {
        crate::journal_view::items(content, &self.workbook, &self.journal, trash, self.viewer())
    }

    /// Entries and reflections the person writing may see, per week, for
    /// the `weeks` weeks ending with this one (see
    /// [`crate::journal_view::written_per_week`]): from the journal, or
    /// from its index when it is not held whole.
    pub fn written_per_week(&self, content: &Content, weeks: usize) -> Vec<(NaiveDate, u64)> {
        let (workbook, today, viewer) = (&self.workbook, self.today(), self.viewer());
        match &self.index {
            Some(index) => crate::journal_view::written_per_week_from_index(
                content,
                workbook,
                index,
                &self.journal,
                today,
                weeks,
                viewer,
            ),
            None => crate::journal_view::written_per_week(
                content,
                workbook,
                &self.journal,
                today,
                weeks,
                viewer,
            ),
        }
    }

    /// The journal list's rows as the person writing may see them, newest
    /// first, that `filter` lets through, and how many there are before
    /// filtering: from the journal, or from its index while the journal
    /// is read.
    pub fn sources(
        &self,
        content: &Content,
        filter: &crate::journal_view::Filter,
    ) -> (Vec<crate::journal_view::Source>, usize) {
        match &self.index {
            Some(index) => crate::journal_view::index_sources(
                content,
                &self.workbook,
                index,
                &self.journal,
                filter,
                self.viewer(),
            ),
            None => crate::journal_view::sources(
                content,
                &self.workbook,
                &self.journal,
                filter,
                self.viewer(),
            ),
        }
    }

    /// One item, if the person writing may see it (from the index while
    /// the journal is read: its headline, no body).
    pub fn item_of<'a>(
        &'a self,
        content: &'a Content,
        source: &crate::journal_view::Source,
    ) -> Option<crate::journal_view::Item<'a>> {
        if let Some(index) = &self.index {
            return crate::journal_view::index_item_of(
                content,
                &self.workbook,
                index,
                &self.journal,
                source,
                self.viewer(),
            );
        }
        crate::journal_view::item_of(
            content,
            &self.workbook,
            &self.journal,
            source,
            self.viewer(),
        )
    }

    // ----- who writes ---------------------------------------------------

    /// Who the keyboard goes to next.
    pub fn next_writer(&self) -> Result<&Participant, Refused> {
        let people = &self.workbook.participants;
        if people.len() < 2 {
            return Err(Refused::OnePerson);
        }
        let at = people.iter().position(|p| p.id == self.writer).unwrap_or(0);
        Ok(&people[(at + 1) % people.len()])
    }

    /// Hands the keyboard to `who`. A person with a passphrase of their own
    /// must have shown it; the person handing over counts as away again,
    /// so switching back to them asks for theirs once more.
    pub fn switch_to(&mut self, who: Uuid) -> Result<&Participant, Refused> {
        if self.workbook.participant(who).is_none() {
            return Err(Refused::NotFound("that person"));
        }
        if self.has_passphrase(who) && !self.is_unlocked(who) {
            return Err(Refused::NeedsTheirPassphrase);
        }
        if who != self.writer {
            self.unlocked.remove(&self.writer);
        }
        self.writer = who;
        self.workbook
            .participant(who)
            .ok_or(Refused::NotFound("that person"))
    }

    /// Sets who writes, by name (`--as NAME`, `default_author` in the
    /// config). Names are matched without regard to case.
    pub fn write_as(&mut self, name: &str) -> Result<Uuid, Refused> {
        match self.workbook.participant_named(name) {
            Some(person) if person.key.is_some() && !self.unlocked.contains(&person.id) => {
                Err(Refused::NeedsTheirPassphrase)
            }
            Some(person) => {
                self.writer = person.id;
                Ok(person.id)
            }
            None => Err(Refused::UnknownPerson {
                wanted: name.trim().to_string(),
                workbook: self.workbook.name.clone(),
                names: self
                    .workbook
                    .participants
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Sets who writes, by id, when that person writes here and has no
    /// passphrase of their own still to show.
    pub fn set_writer(&mut self, id: Uuid) -> bool {
        let known = self.workbook.participant(id).is_some()
            && (!self.has_passphrase(id) || self.is_unlocked(id));
        if known {
            self.writer = id;
        }
        known
    }
}
