#![allow(clippy::unwrap_used)]
//! The journal file through the real store: appends, edits, the trash, a
//! save cut off half-way, a damaged line, permissions and compaction.

use std::fs;
use std::path::PathBuf;

use tempfile::TempDir;
use trustwork::domain::{Journal, JournalEntry, NewEntry, NewWorkbook, RelationshipKind, Role};
use trustwork::storage::{JsonStore, Store, StoreError, WorkbookKey};
use uuid::Uuid;

/// A store with the workbook "Sam" open, and where its journal lives.
struct Fixture {
    _tmp: TempDir,
    store: JsonStore,
    key: WorkbookKey,
    path: PathBuf,
    author: Uuid,
}

fn fixture() -> Fixture {
    let tmp = TempDir::new().unwrap();
    let mut store = JsonStore::new(tmp.path().join("data")).unwrap();
    let (key, workbook) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    store.open(&key).unwrap();
    let path = store.journal_path_of(&key);
    Fixture {
        _tmp: tmp,
        store,
        key,
        path,
        author: workbook.default_author(),
    }
}

impl Fixture {
    fn entry(&self, body: &str) -> JournalEntry {
        JournalEntry::new(
            self.author,
            NewEntry {
                body: body.into(),
                ..NewEntry::default()
            },
            trustwork::domain::now(),
        )
    }

    /// The journal as a fresh store on the same folder reads it.
    fn reload(&self) -> Journal {
        JsonStore::new(self.store.dir())
            .unwrap()
            .read_journal(&self.key)
            .unwrap()
    }

    fn save(&mut self, journal: &mut Journal) {
        self.store.save_journal(&self.key, journal).unwrap();
        assert!(!journal.has_changes());
    }

    fn lines(&self) -> usize {
        fs::read_to_string(&self.path).unwrap().lines().count()
    }
}

#[test]
fn saving_appends_and_a_reload_reads_it_all() {
    let mut f = fixture();
    let mut journal = f.store.read_journal(&f.key).unwrap();
    assert!(journal.is_empty(), "no file yet is an empty journal");
    let first = f.entry("first");
    journal.upsert(first.clone());
    f.save(&mut journal);
    let after_one = fs::read(&f.path).unwrap();
    assert_eq!(f.lines(), 1);

    let second = f.entry("second");
    journal.upsert(second.clone());
    f.save(&mut journal);
    assert_eq!(f.lines(), 2);
    assert!(
        fs::read(&f.path).unwrap().starts_with(&after_one),
        "the first line was not rewritten"
    );
    assert_eq!(f.reload().entries(), &[first, second]);
}

#[test]
fn saving_needs_the_workbook_open() {
    let mut f = fixture();
    f.store.close(&f.key);
    let mut journal = Journal::default();
    journal.upsert(f.entry("not saved"));
    assert!(matches!(
        f.store.save_journal(&f.key, &mut journal),
        Err(StoreError::NotOpen(_))
    ));
    assert!(!f.path.exists());
}

#[test]
fn an_edit_is_appended_and_the_latest_version_wins() {
    let mut f = fixture();
    let mut journal = Journal::default();
    let entry = f.entry("before");
    journal.upsert(entry.clone());
    f.save(&mut journal);
    assert!(
        journal.edit(entry.id, trustwork::domain::now(), |e| e.body =
            "after".into())
    );
    f.save(&mut journal);
    assert_eq!(f.lines(), 2, "the old version stays until compaction");

    let reloaded = f.reload();
    assert_eq!(reloaded.len(), 1);
    let read = reloaded.get(entry.id).unwrap();
    assert_eq!(read.body, "after");
    assert!(read.edited_at >= read.created_at);
    assert_eq!(read, journal.get(entry.id).unwrap());
}

#[test]
fn the_trash_survives_a_reload_and_restore_brings_entries_back() {
    let mut f = fixture();
    let mut journal = Journal::default();
    let entry = f.entry("into the trash and back");
    journal.upsert(entry.clone());
    f.save(&mut journal);

    assert!(journal.delete_at(entry.id, trustwork::domain::now()));
    f.save(&mut journal);
    let reloaded = f.reload();
    assert!(reloaded.get(entry.id).unwrap().is_deleted());
    assert_eq!(reloaded.trashed().count(), 1);
    assert_eq!(reloaded.live().count(), 0);

    assert!(journal.restore(entry.id));
    f.save(&mut journal);
    let reloaded = f.reload();
    assert!(!reloaded.get(entry.id).unwrap().is_deleted());
    assert_eq!(reloaded.get(entry.id).unwrap().body, entry.body);
}

#[test]
fn emptying_the_trash_removes_the_words_from_the_file() {
    let mut f = fixture();
    let mut journal = Journal::default();
    let secret = f.entry("words that must really go");
    let kept = f.entry("kept");
    journal.upsert(secret.clone());
    journal.upsert(kept.clone());
    f.save(&mut journal);
    journal.delete_at(secret.id, trustwork::domain::now());
    f.save(&mut journal);
    let path = f.path.clone();
    let contains = |needle: &str| {
        let bytes = fs::read(&path).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    assert!(contains("must really go"), "in the trash, still on disk");
    // An index that lists it (as the app's opening writes one).
    f.store.settle_index();
    trustwork::storage::journal_index::read_and_index(&path).unwrap();
    let index = trustwork::storage::journal_index::path_of(&path);
    let in_index = || {
        let bytes = fs::read(&index).unwrap_or_default();
        bytes.windows(14).any(|w| w == b"must really go")
    };
    assert!(in_index());

    assert_eq!(journal.empty_trash(), 1);
    f.save(&mut journal);
    // Gone from the index as the save returns, the index written anew
    // (not left for later, when a kill could keep the old one).
    assert!(!in_index(), "purged text is gone from the index");
    let fresh = trustwork::storage::journal_index::read_fresh(&path).expect("written anew");
    assert_eq!(fresh.len(), 1);
    assert!(
        !contains("must really go"),
        "purged text is gone from the file"
    );
    assert_eq!(f.lines(), 1);
    assert_eq!(f.reload().entries(), &[kept]);
    // Nor is it back once the index is written again.
    f.store.settle_index();
    assert!(index.exists());
    assert!(!in_index());
    let leftovers: Vec<_> = fs::read_dir(f.store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temp files: {leftovers:?}");
}

#[test]
fn a_cut_off_last_line_is_ignored_then_set_aside_before_the_next_save() {
    let mut f = fixture();
    let mut journal = Journal::default();
    let first = f.entry("complete");
    journal.upsert(first.clone());
    f.save(&mut journal);
    // A save that died half-way through its line.
    let half = serde_json::to_string(&f.entry("cut off")).unwrap();
    let half = &half[..half.len() / 2];
    let mut bytes = fs::read(&f.path).unwrap();
    bytes.extend_from_slice(half.as_bytes());
    fs::write(&f.path, &bytes).unwrap();

    let mut journal = f.store.read_journal(&f.key).unwrap();
    assert_eq!(journal.entries(), std::slice::from_ref(&first));

    let next = f.entry("after the crash");
    journal.upsert(next.clone());
    f.save(&mut journal);
    let text = fs::read_to_string(&f.path).unwrap();
    assert!(!text.contains(half), "the fragment is out of the file");
    assert!(text.ends_with('\n'));
    assert_eq!(f.reload().entries(), &[first, next]);

    let aside: Vec<PathBuf> = fs::read_dir(f.store.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("sam.journal.jsonl.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "one copy kept aside");
    let fragment = fs::read(&aside[0]).unwrap();
    assert!(
        !fragment.is_empty() && bytes.ends_with(&fragment),
        "the fragment"
    );
    assert!(
        !String::from_utf8_lossy(&fragment).contains("complete"),
        "only the fragment: the whole entries stay in the journal alone"
    );
}

#[test]
fn a_damaged_middle_line_is_named_and_the_file_left_alone() {
    let mut f = fixture();
    let mut journal = Journal::default();
    journal.upsert(f.entry("one"));
    journal.upsert(f.entry("two"));
    journal.upsert(f.entry("three"));
    f.save(&mut journal);
    let text = fs::read_to_string(&f.path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1] = "{\"this is\": not json";
    let damaged = format!("{}\n", lines.join("\n"));
    fs::write(&f.path, &damaged).unwrap();

    let err = f.store.read_journal(&f.key).unwrap_err();
    assert!(
        matches!(err, StoreError::DamagedJournal { line: 2, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains(&f.path.display().to_string()), "{message}");
    assert!(message.contains("has not been changed"), "{message}");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), damaged);
}

#[cfg(unix)]
#[test]
fn the_journal_file_is_private_also_after_a_rewrite() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = fixture();
    let mode = |f: &Fixture| fs::metadata(&f.path).unwrap().permissions().mode() & 0o777;
    let mut journal = Journal::default();
    let entry = f.entry("private");
    journal.upsert(entry.clone());
    journal.upsert(f.entry("also private"));
    f.save(&mut journal);
    assert_eq!(mode(&f), 0o600);
    journal.delete_at(entry.id, trustwork::domain::now());
    journal.empty_trash();
    f.save(&mut journal);
    assert_eq!(mode(&f), 0o600);
}

#[test]
fn old_versions_are_compacted_so_the_file_stays_bounded() {
    let mut f = fixture();
    let mut journal = Journal::default();
    let entry = f.entry("version 0");
    journal.upsert(entry.clone());
    f.save(&mut journal);
    let mut longest = 0;
    for n in 1..=100 {
        journal.edit(entry.id, trustwork::domain::now(), |e| {
            e.body = format!("version {n}")
        });
        f.save(&mut journal);
        longest = longest.max(f.lines());
    }
    // One entry: rewritten once old versions outnumber it by 64 or so.
    assert!(longest <= 2 + 64 + 1, "grew to {longest} lines");
    assert!(f.lines() < 100);
    let reloaded = f.reload();
    assert_eq!(reloaded.len(), 1);
    assert_eq!(reloaded.get(entry.id).unwrap().body, "version 100");
}

#[test]
fn a_journal_left_behind_is_never_handed_to_a_new_workbook() {
    let mut f = fixture();
    let mut journal = Journal::default();
    journal.upsert(JournalEntry::new(
        f.author,
        NewEntry {
            body: "from the old workbook".into(),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    f.store.save_journal(&f.key, &mut journal).unwrap();
    f.store.close(&f.key);
    // The workbook file goes (deleted by hand); its journal stays.
    fs::remove_file(f.store.path_of(&f.key)).unwrap();
    let (key, _) = f
        .store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    assert_ne!(key, f.key, "the old key stays taken");
    assert!(f.store.read_journal(&key).unwrap().is_empty());
}

#[test]
fn a_whole_last_entry_without_its_newline_is_kept_and_appended_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let (key, _) = store
        .create(trustwork::domain::NewWorkbook {
            name: "Sam".into(),
            relationship: trustwork::domain::RelationshipKind::Partner,
            role: trustwork::domain::Role::Hurt,
        })
        .unwrap();
    let clock = trustwork::domain::Clock::System;
    let mut held = trustwork::open::Held::open(&mut store, key.clone(), clock).unwrap();
    held.load_journal().unwrap();
    held.add_entry(trustwork::domain::NewEntry {
        body: "first, saved by an editor".into(),
        ..Default::default()
    })
    .unwrap();
    held.save().unwrap();
    drop(held);
    // As an editor may save it: the final newline gone.
    let path = dir.path().join("sam.journal.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.trim_end_matches('\n')).unwrap();
    assert_eq!(
        store.read_journal(&key).unwrap().len(),
        1,
        "the entry is not torn"
    );
    let mut held = trustwork::open::Held::open(&mut store, key.clone(), clock).unwrap();
    held.load_journal().unwrap();
    held.add_entry(trustwork::domain::NewEntry {
        body: "second".into(),
        ..Default::default()
    })
    .unwrap();
    held.save().unwrap();
    drop(held);
    let journal = store.read_journal(&key).unwrap();
    let bodies: Vec<&str> = journal.entries().iter().map(|e| e.body.as_str()).collect();
    assert_eq!(bodies, ["first, saved by an editor", "second"]);
    let damaged = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("damaged")
        })
        .count();
    assert_eq!(damaged, 0, "nothing was moved aside");
}
