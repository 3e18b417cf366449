#![allow(clippy::unwrap_used)]
//! Backups that cover time: page turns keep no backup, and the workbook
//! and its journal each keep their newest five versions plus the last
//! one of each of seven days before them. The store's clock is fixed, so
//! ten days pass in an instant.

use std::fs;

use chrono::{DateTime, Duration, FixedOffset};
use tempfile::TempDir;
use trustwork::domain::{
    Answer, AnswerValue, Clock, Journal, JournalEntry, NewEntry, NewWorkbook, Position,
    RelationshipKind, Role, Workbook,
};
use trustwork::storage::{BACKUPS_KEPT, DAILY_BACKUPS_KEPT, JsonStore, Store, WorkbookKey};

/// The first day of the simulated ten, at 08:00 in UTC+1.
fn morning(day: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-01T08:00:00+01:00").unwrap() + Duration::days(day)
}

fn open_workbook() -> (TempDir, JsonStore, WorkbookKey, Workbook) {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(tmp.path().join("data")).unwrap();
    store.set_clock(Clock::Fixed(morning(0)));
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let workbook = store.open(&key).unwrap();
    (tmp, store, key, workbook)
}

/// A change worth keeping: a new answer.
fn write(workbook: &mut Workbook, text: &str) {
    workbook.progress.answers.insert(
        "acknowledge/name-what-happened/what-happened".into(),
        Answer {
            value: AnswerValue::Text(text.into()),
            updated_at: workbook.updated_at,
            author: None,
            private: false,
        },
    );
    workbook.touch(trustwork::domain::now());
}

fn answer_of(path: &std::path::Path) -> String {
    let workbook: Workbook = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    match &workbook.progress.answers.values().next().unwrap().value {
        AnswerValue::Text(text) => text.clone(),
        other => panic!("{other:?}"),
    }
}

/// The day and hour each backup was taken, oldest first, in UTC+1.
fn taken(backups: &[trustwork::storage::Backup]) -> Vec<String> {
    let offset = *morning(0).offset();
    let mut out: Vec<String> = backups
        .iter()
        .map(|b| {
            b.taken_at
                .with_timezone(&offset)
                .format("%d %H")
                .to_string()
        })
        .collect();
    out.reverse();
    out
}

#[test]
fn turning_pages_keeps_no_backup_but_writing_does() {
    let (_tmp, mut store, key, mut workbook) = open_workbook();
    write(&mut workbook, "first");
    store.save(&key, &workbook).unwrap();
    assert_eq!(store.backups(&key).unwrap().len(), 1);

    for (n, stage) in ["acknowledge", "communicate", "accountability"]
        .iter()
        .enumerate()
    {
        store.set_clock(Clock::Fixed(morning(0) + Duration::minutes(n as i64 + 1)));
        workbook.progress.position = Position {
            stage: stage.to_string(),
            step: Some("a-step".into()),
        };
        workbook.touch(trustwork::domain::now());
        store.save(&key, &workbook).unwrap();
        assert_eq!(
            store.read(&key).unwrap(),
            workbook,
            "the page turn is saved"
        );
    }
    let backups = store.backups(&key).unwrap();
    assert_eq!(backups.len(), 1, "page turns keep no backup: {backups:?}");

    write(&mut workbook, "second");
    store.save(&key, &workbook).unwrap();
    let backups = store.backups(&key).unwrap();
    assert_eq!(backups.len(), 2);
    assert_eq!(answer_of(&backups[0].path), "second");
}

#[test]
fn ten_days_of_saves_keep_the_newest_five_and_one_a_day_for_seven_days() {
    let (_tmp, mut store, key, mut workbook) = open_workbook();
    // Three saves a day, at 08:00, 13:00 and 21:00, for ten days.
    for day in 0..10 {
        for hour in [0, 5, 13] {
            store.set_clock(Clock::Fixed(morning(day) + Duration::hours(hour)));
            write(&mut workbook, &format!("day {} at {}", day + 1, 8 + hour));
            store.save(&key, &workbook).unwrap();
        }
    }
    let backups = store.backups(&key).unwrap();
    assert_eq!(backups.len(), BACKUPS_KEPT + DAILY_BACKUPS_KEPT);
    assert!(backups.iter().all(|b| b.loads));
    assert_eq!(
        taken(&backups),
        [
            // The last of each of the seven days before…
            "02 21", "03 21", "04 21", "05 21", "06 21", "07 21", "08 21",
            // …the newest five, which cover days 9 and 10.
            "09 13", "09 21", "10 08", "10 13", "10 21",
        ]
    );
    // Each is the version saved then, and restoring the oldest works.
    assert_eq!(answer_of(&backups[0].path), "day 10 at 21");
    let oldest = backups.last().unwrap();
    assert_eq!(answer_of(&oldest.path), "day 2 at 21");
    store.restore(&key, oldest).unwrap();
    assert_eq!(answer_of(&store.path_of(&key)), "day 2 at 21");
}

#[test]
fn the_journal_is_backed_up_beside_the_workbook_and_rotates_the_same_way() {
    let (_tmp, mut store, key, workbook) = open_workbook();
    let mut journal = Journal::default();
    // An entry every four hours for ten days: at most one copy an hour,
    // so each save is copied.
    for day in 0..10 {
        for hour in [0, 4, 8, 12] {
            store.set_clock(Clock::Fixed(morning(day) + Duration::hours(hour)));
            journal.upsert(JournalEntry::new(
                workbook.default_author(),
                NewEntry {
                    body: format!("day {} at {}", day + 1, 8 + hour),
                    ..NewEntry::default()
                },
                trustwork::domain::now(),
            ));
            store.save_journal(&key, &mut journal).unwrap();
        }
    }
    let copies = store.journal_backups(&key).unwrap();
    assert_eq!(copies.len(), BACKUPS_KEPT + DAILY_BACKUPS_KEPT);
    assert!(copies.iter().all(|b| b.loads));
    let names: Vec<String> = copies
        .iter()
        .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with(".journal.jsonl")),
        "{names:?}"
    );
    assert_eq!(copies[0].path.parent().unwrap(), store.backup_dir_of(&key));
    // The newest copy is the journal as last saved; then the newest five
    // cover days 10 and 9, and one copy a day goes back to day 2.
    assert_eq!(
        fs::read(&copies[0].path).unwrap(),
        fs::read(store.journal_path_of(&key)).unwrap()
    );
    assert_eq!(
        taken(&copies),
        [
            "02 20", "03 20", "04 20", "05 20", "06 20", "07 20", "08 20", "09 20", "10 08",
            "10 12", "10 16", "10 20",
        ]
    );
    // Journal copies are not workbook backups: restore never offers them.
    assert!(store.backups(&key).unwrap().is_empty());
}

#[test]
fn journal_saves_within_the_hour_share_one_copy() {
    let (_tmp, mut store, key, workbook) = open_workbook();
    let mut journal = Journal::default();
    for minute in [0, 20, 40, 60] {
        store.set_clock(Clock::Fixed(morning(0) + Duration::minutes(minute)));
        journal.upsert(JournalEntry::new(
            workbook.default_author(),
            NewEntry {
                body: format!("at minute {minute}"),
                ..NewEntry::default()
            },
            trustwork::domain::now(),
        ));
        store.save_journal(&key, &mut journal).unwrap();
    }
    // The first save, then the one an hour later.
    assert_eq!(store.journal_backups(&key).unwrap().len(), 2);
}

#[test]
fn emptying_the_trash_leaves_no_copy_of_the_deleted_words() {
    let (_tmp, mut store, key, workbook) = open_workbook();
    let mut journal = Journal::default();
    let secret = JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            body: "words to forget".into(),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    );
    let id = secret.id;
    journal.upsert(secret);
    store.save_journal(&key, &mut journal).unwrap();
    store.set_clock(Clock::Fixed(morning(1)));
    journal.delete_at(id, trustwork::domain::now());
    store.save_journal(&key, &mut journal).unwrap();
    assert_eq!(store.journal_backups(&key).unwrap().len(), 2);

    store.set_clock(Clock::Fixed(morning(1) + Duration::minutes(1)));
    assert_eq!(journal.empty_trash(), 1);
    store.save_journal(&key, &mut journal).unwrap();
    let copies = store.journal_backups(&key).unwrap();
    assert_eq!(copies.len(), 1, "only the journal as it is now");
    for copy in fs::read_dir(store.backup_dir_of(&key)).unwrap() {
        let text = fs::read_to_string(copy.unwrap().path()).unwrap();
        assert!(!text.contains("words to forget"), "{text}");
    }
}

#[test]
fn a_long_journal_is_backed_up_behind_the_save_as_that_save_left_it() {
    let (_tmp, mut store, key, workbook) = open_workbook();
    let path = store.journal_path_of(&key);
    let entry = |n: usize| {
        JournalEntry::new(
            workbook.default_author(),
            NewEntry {
                body: format!("{n} {}", "a long page of words ".repeat(60)),
                ..NewEntry::default()
            },
            trustwork::domain::now(),
        )
    };
    // Past the size a copy is made behind the save (a few megabytes).
    let mut journal = Journal::default();
    for n in 0..5_000 {
        journal.upsert(entry(n));
    }
    store.save_journal(&key, &mut journal).unwrap();
    let saved = fs::read(&path).unwrap();
    assert!(saved.len() > 5 << 20);
    // The next save, an hour not passed: no copy of its own. Whenever the
    // first copy runs, it holds the journal as the first save left it.
    journal.upsert(entry(5_000));
    store.save_journal(&key, &mut journal).unwrap();
    store.settle_index();
    let copies = store.journal_backups(&key).unwrap();
    assert_eq!(copies.len(), 1);
    assert!(copies[0].loads);
    assert_eq!(fs::read(&copies[0].path).unwrap(), saved);
}
