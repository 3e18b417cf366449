#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::DateTime;

use super::*;
use crate::content::{Content, PromptKind};
use crate::domain::{
    AnswerValue, Journal, NewEntry, NewWorkbook, RelationshipKind, Role, Scores, ScreeningAnswer,
};
use crate::journal_view::{Restored, Source};
use crate::storage::{Backup, Listing, MemoryStore, Recovered, Store, StoreError, WorkbookKey};

/// A memory store whose workbook or journal writes can be made to fail,
/// as a full disk would: the fault injected between the two files.
#[derive(Default)]
struct Faulty {
    inner: MemoryStore,
    fail_workbook: bool,
    fail_journal: bool,
}

fn disk_full() -> StoreError {
    StoreError::Io {
        action: "write",
        path: PathBuf::from("memory:full"),
        source: std::io::Error::other("no space left on device"),
    }
}

impl Store for Faulty {
    fn list(&self) -> Result<Vec<Listing>, StoreError> {
        self.inner.list()
    }
    fn create_workbook(&mut self, w: Workbook) -> Result<(WorkbookKey, Workbook), StoreError> {
        self.inner.create_workbook(w)
    }
    fn open(&mut self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.inner.open(key)
    }
    fn read(&self, key: &WorkbookKey) -> Result<Workbook, StoreError> {
        self.inner.read(key)
    }
    fn save(&mut self, key: &WorkbookKey, workbook: &Workbook) -> Result<(), StoreError> {
        match self.fail_workbook {
            true => Err(disk_full()),
            false => self.inner.save(key, workbook),
        }
    }
    fn read_journal(&self, key: &WorkbookKey) -> Result<Journal, StoreError> {
        self.inner.read_journal(key)
    }
    fn save_journal(&mut self, key: &WorkbookKey, journal: &mut Journal) -> Result<(), StoreError> {
        match self.fail_journal {
            true => Err(disk_full()),
            false => self.inner.save_journal(key, journal),
        }
    }
    fn close(&mut self, key: &WorkbookKey) {
        self.inner.close(key);
    }
    fn backups(&self, key: &WorkbookKey) -> Result<Vec<Backup>, StoreError> {
        self.inner.backups(key)
    }
    fn restore(&mut self, key: &WorkbookKey, b: &Backup) -> Result<Option<PathBuf>, StoreError> {
        self.inner.restore(key, b)
    }
    fn write_recovery(
        &mut self,
        key: Option<&WorkbookKey>,
        text: &str,
    ) -> Result<PathBuf, StoreError> {
        self.inner.write_recovery(key, text)
    }
    fn recoveries(&self) -> Result<Vec<Recovered>, StoreError> {
        self.inner.recoveries()
    }
    fn forget_recovery(&mut self, recovered: &Recovered) -> Result<(), StoreError> {
        self.inner.forget_recovery(recovered)
    }
}

fn at(text: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(text).unwrap())
}

/// A store with one workbook "Sam", opened with a fixed clock.
fn opened() -> (Faulty, OpenWorkbook) {
    let mut store = Faulty::default();
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let workbook = store.open(&key).unwrap();
    let journal = store.read_journal(&key).unwrap();
    let open = OpenWorkbook::new(key, workbook, journal, at("2026-11-20T21:00:00+01:00"));
    (store, open)
}

/// The first written question of the shipped content.
fn first_text_prompt(content: &Content) -> String {
    let stage = &content.stages[0];
    let step = stage
        .steps
        .iter()
        .find(|s| s.prompts.iter().any(|p| p.kind == PromptKind::Text))
        .unwrap();
    let prompt = step
        .prompts
        .iter()
        .find(|p| p.kind == PromptKind::Text)
        .unwrap();
    format!("{}/{}/{}", stage.id, step.id, prompt.id)
}

const WORDS: &str = "What I need is to be told the truth, even when it is hard.";

/// An answered reflection, saved in the store.
fn with_reflection() -> (Faulty, OpenWorkbook, Content, String) {
    let content = Content::embedded().unwrap();
    let (mut store, mut open) = opened();
    let id = first_text_prompt(&content);
    open.answer(&content, &id, AnswerValue::Text(WORDS.into()))
        .unwrap();
    open.save(&mut store).unwrap();
    (store, open, content, id)
}

/// Whether the words are in the workbook file, the journal file, or both.
fn where_on_disk(store: &Faulty, key: &WorkbookKey, id: &str) -> (bool, bool) {
    let workbook = store.inner.read(key).unwrap();
    let in_workbook = workbook
        .progress
        .answers
        .get(id)
        .is_some_and(|a| a.value == AnswerValue::Text(WORDS.into()));
    let journal = store.inner.read_journal(key).unwrap();
    let in_journal = journal.entries().iter().any(|e| e.body == WORDS);
    (in_workbook, in_journal)
}

#[test]
fn a_closed_workbook_refuses_every_change_and_keeps_nothing_to_save() {
    let content = Content::embedded().unwrap();
    let (mut store, mut open) = opened();
    assert!(open.close());
    open.save(&mut store).unwrap();
    let before = store.inner.read(open.key()).unwrap();
    let closed = |r: Result<(), Refused>| matches!(r, Err(Refused::Closed { .. }));
    let id = first_text_prompt(&content);
    assert!(closed(open.add_entry(NewEntry::default()).map(drop)));
    assert!(closed(
        open.answer(&content, &id, AnswerValue::Text("x".into()))
            .map(drop)
    ));
    let checkin = NewCheckIn {
        scores: Scores::default(),
        note: String::new(),
        commitments: Vec::new(),
        private: None,
    };
    assert!(closed(open.check_in(checkin).map(drop)));
    assert!(closed(open.complete_stage(&content, 0).map(drop)));
    assert!(closed(open.set_checkin_interval(3).map(drop)));
    assert!(closed(open.talk_mut().map(drop)));
    assert!(!open.has_unsaved());
    open.save(&mut store).unwrap();
    assert_eq!(store.inner.read(open.key()).unwrap(), before);
    // The message says how to write in it again.
    let message = open.ensure_writable().unwrap_err().to_string();
    assert!(message.contains("reopen"), "{message}");
    assert!(open.reopen());
    assert!(open.add_entry(NewEntry::default()).is_ok());
}

#[test]
fn changes_are_signed_by_the_writer_and_dated_by_the_clock() {
    let content = Content::embedded().unwrap();
    let (_store, mut open) = opened();
    let id = first_text_prompt(&content);
    open.answer(&content, &id, AnswerValue::Text("mine".into()))
        .unwrap();
    let answer = &open.workbook().progress.answers[&id];
    assert_eq!(answer.author, Some(open.writer()));
    assert_eq!(answer.updated_at, open.now());
    let entry = open.add_entry(NewEntry::default()).unwrap();
    assert_eq!(open.journal().get(entry).unwrap().created_at, open.now());
    assert_eq!(open.workbook().updated_at, open.now());
}

#[test]
fn trashing_a_reflection_writes_the_journal_before_the_workbook() {
    let (mut store, mut open, content, id) = with_reflection();
    let key = open.key().clone();
    open.trash(&content, &Source::Reflection(id.clone()))
        .unwrap();
    // The journal cannot be written: the workbook is left as it was, so
    // the words stay on disk in it.
    store.fail_journal = true;
    assert!(matches!(open.save(&mut store), Err(SaveError::Journal(_))));
    assert_eq!(where_on_disk(&store, &key, &id), (true, false));
    assert!(open.has_unsaved());
    // The journal written, then the workbook fails: the words are in both.
    store.fail_journal = false;
    store.fail_workbook = true;
    assert!(matches!(open.save(&mut store), Err(SaveError::Workbook(_))));
    assert_eq!(where_on_disk(&store, &key, &id), (true, true));
    // And the next save finishes the move.
    store.fail_workbook = false;
    open.save(&mut store).unwrap();
    assert_eq!(where_on_disk(&store, &key, &id), (false, true));
    assert!(!open.has_unsaved());
}

#[test]
fn restoring_a_reflection_writes_the_workbook_before_the_journal() {
    let (mut store, mut open, content, id) = with_reflection();
    let key = open.key().clone();
    let trashed = open
        .trash(&content, &Source::Reflection(id.clone()))
        .unwrap();
    open.save(&mut store).unwrap();
    assert_eq!(where_on_disk(&store, &key, &id), (false, true));
    assert_eq!(open.restore(trashed).unwrap(), Restored::Reflection);
    // The workbook cannot be written: the journal keeps its trash copy.
    store.fail_workbook = true;
    assert!(matches!(open.save(&mut store), Err(SaveError::Workbook(_))));
    assert_eq!(where_on_disk(&store, &key, &id), (false, true));
    // The workbook written, then the journal fails: the words are in both.
    store.fail_workbook = false;
    store.fail_journal = true;
    assert!(matches!(open.save(&mut store), Err(SaveError::Journal(_))));
    assert_eq!(where_on_disk(&store, &key, &id), (true, true));
    store.fail_journal = false;
    open.save(&mut store).unwrap();
    assert_eq!(where_on_disk(&store, &key, &id), (true, false));
}

#[test]
fn a_failed_journal_does_not_hold_back_an_unrelated_workbook_change() {
    let content = Content::embedded().unwrap();
    let (mut store, mut open) = opened();
    let id = first_text_prompt(&content);
    open.answer(&content, &id, AnswerValue::Text("kept".into()))
        .unwrap();
    open.add_entry(NewEntry {
        body: "an entry".into(),
        ..NewEntry::default()
    })
    .unwrap();
    store.fail_journal = true;
    assert!(open.save(&mut store).is_err());
    let saved = store.inner.read(open.key()).unwrap();
    assert!(saved.progress.answers.contains_key(&id));
}

#[test]
fn a_screening_owed_is_settled_by_the_next_one() {
    let (_store, mut open) = opened();
    let me = open.writer();
    assert!(!open.screening_owed(me));
    open.owe_screening(me);
    assert!(open.screening_owed(me));
    let answers: BTreeMap<String, ScreeningAnswer> = crate::content::SCREENING_IDS
        .map(|id| (id.to_string(), ScreeningAnswer::No))
        .into();
    assert!(!open.record_screening(me, answers.clone()));
    assert!(!open.screening_owed(me));
    open.owe_screening(me);
    assert!(open.screening_owed(me));
    open.record_screening(me, answers);
    assert!(!open.screening_owed(me));
}

#[test]
fn check_ins_are_kept_oldest_first_for_a_known_person_only() {
    let (_store, mut open) = opened();
    let new = || NewCheckIn {
        scores: Scores::default(),
        note: " slow ".into(),
        commitments: Vec::new(),
        private: None,
    };
    let stranger = uuid::Uuid::now_v7();
    assert_eq!(
        open.check_in_as(stranger, new()).unwrap_err(),
        Refused::NotFound("that person")
    );
    let made = open.check_in(new()).unwrap().clone();
    assert_eq!(made.note, "slow");
    assert_eq!(made.author, open.writer());
    assert_eq!(made.created_at, open.now());
}

#[test]
fn in_safety_first_every_step_a_person_does_alone_stays_open() {
    let content = Content::embedded().unwrap();
    for couple in [false, true] {
        let (_store, mut open) = opened();
        if couple {
            let partners = [
                ("Alex".to_string(), Role::Hurt),
                ("Sam".to_string(), Role::Caused),
            ];
            open.set_partners(partners).unwrap();
        }
        let me = open.writer();
        let worried: BTreeMap<String, ScreeningAnswer> = crate::content::SCREENING_IDS
            .map(|id| (id.to_string(), ScreeningAnswer::RatherNotSay))
            .into();
        assert!(open.record_screening(me, worried));
        let mut alone = 0;
        for (s, stage) in content.stages.iter().enumerate() {
            for (i, step) in stage.steps.iter().enumerate() {
                let place = crate::engine::Place::Step(s, i);
                assert_eq!(open.offers(&content, place), !step.together, "{}", step.id);
                alone += usize::from(!step.together);
            }
        }
        // The six individual at heart among them.
        for id in [
            "name-the-impact",
            "small-wins",
            "no-rushing",
            "care-for-the-long-run",
            "when-help-fits",
            "prepare-first-session",
        ] {
            let step = content
                .stages
                .iter()
                .flat_map(|s| &s.steps)
                .find(|s| s.id == id)
                .unwrap();
            assert!(!step.together, "{id} is set aside");
        }
        assert!(alone > 20, "{alone}");
    }
    // Neither text says "two people": it is true in a one-person workbook.
    let set_aside = &content.safety.safety_first.set_aside;
    assert!(!set_aside.contains("two people"), "{set_aside}");
}
