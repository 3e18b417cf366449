//! Encryption at rest: an encrypted workbook round-trips, and no plain
//! copy of its words is ever left in the data folder (backups and damaged
//! copies included) or the temp folder; a wrong passphrase changes nothing.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::cli::{run, tw};
use crate::support::*;
use age::secrecy::SecretString;
use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, start};
use trustwork::domain::{
    AnswerValue, Journal, JournalEntry, NewEntry, NewWorkbook, RelationshipKind, Role,
};
use trustwork::storage::{JsonStore, ListingStatus, Store, StoreError, WorkbookKey};

const MARKER: &str = "PURPLE-ELEPHANT-SECRET";
/// Cheap scrypt for the binary under test (debug builds honour it).
const TEST_LOG_N: &str = "10";

fn pass(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str, newer_than: Option<SystemTime>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            // The temp folder is shared: look one level down only.
            if newer_than.is_none() {
                found.extend(files_containing(&path, needle, newer_than));
            }
            continue;
        }
        if let Some(since) = newer_than
            && meta.modified().is_ok_and(|m| m < since)
        {
            continue;
        }
        if meta.len() < 50_000_000
            && fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        {
            found.push(path);
        }
    }
    found
}

/// A workbook with the marker in an answer and a journal entry, saved a
/// few times so it has backups.
fn workbook_with_marker(store: &mut JsonStore) -> WorkbookKey {
    let (key, _) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let mut workbook = store.open(&key).unwrap();
    for n in 0..3 {
        workbook.progress.answers.insert(
            "acknowledge/name-what-happened/what-happened".into(),
            trustwork::domain::Answer {
                value: AnswerValue::Text(format!("{MARKER} {n}")),
                updated_at: trustwork::domain::now(),
                author: None,
                private: false,
            },
        );
        store.save(&key, &workbook).unwrap();
    }
    let mut journal = Journal::default();
    journal.upsert(JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            stage: None,
            mood: None,
            title: "Private".into(),
            body: format!("Only for me: {MARKER}"),
        },
        trustwork::domain::now(),
    ));
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
    key
}

#[test]
fn an_encrypted_workbook_round_trips_and_leaves_no_plain_text() {
    let started = SystemTime::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = workbook_with_marker(&mut store);
    assert!(
        !files_containing(&dir, MARKER, None).is_empty(),
        "plain before"
    );

    store
        .encrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());

    // A fresh process: locked until unlocked, then everything is there.
    let mut store = JsonStore::new(&dir).unwrap();
    assert!(matches!(
        store.list().unwrap()[0].status,
        ListingStatus::Encrypted
    ));
    assert!(matches!(
        store.open(&key),
        Err(StoreError::NeedsPassphrase(_))
    ));
    store.unlock(&key, &pass("long walk home")).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    let session = rt.app.session.as_ref().unwrap();
    assert!(session.journal().live().any(|e| e.body.contains(MARKER)));
    // Writing through the app: a new answer and a journal entry.
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, &format!("{MARKER} from the app"));
    press(&mut rt, &[KeyCode::Esc]);
    // The own-editor key is refused rather than writing a plain temp file.
    press(&mut rt, &[KeyCode::Char('E')]);
    let popup = rt.app.popup.clone().expect("a word on why");
    assert!(popup.message.contains("encrypted"), "{popup:?}");
    drop(rt);
    store.close(&key);

    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());
    assert_eq!(
        files_containing(&std::env::temp_dir(), MARKER, Some(started)),
        Vec::<PathBuf>::new(),
        "no plain copy in the temp folder"
    );

    // And back: decrypting gives plain JSON that opens without a key.
    store
        .decrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    let mut plain = JsonStore::new(&dir).unwrap();
    let journal = plain.read_journal(&key).unwrap();
    assert!(
        journal
            .live()
            .any(|e| e.body == format!("{MARKER} from the app"))
    );
    assert!(plain.open(&key).is_ok());
    assert!(!dir.join(format!("{key}.key.age")).exists());
}

#[test]
fn a_wrong_passphrase_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = workbook_with_marker(&mut store);
    store.encrypt_workbook(&key, &pass("right")).unwrap();
    let before = snapshot(&dir);
    let store = JsonStore::new(&dir).unwrap();
    assert!(matches!(
        store.unlock(&key, &pass("wrong")),
        Err(StoreError::WrongPassphrase)
    ));
    let mut store = JsonStore::new(&dir).unwrap();
    assert!(store.decrypt_workbook(&key, &pass("wrong")).is_err());
    assert_eq!(snapshot(&dir), before);
}

/// Every file's bytes, by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_none_or(|e| e != "lock") {
                all.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn the_command_line_encrypts_reads_with_a_passphrase_file_and_decrypts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let secret = tmp.path().join("passphrase");
    fs::write(&secret, "tea at five\n").unwrap();
    let with_pass = |args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_PASSPHRASE_FILE", &secret)
            .env("TRUSTWORK_TEST_SCRYPT_LOG_N", TEST_LOG_N)
            .args(args);
        run(&mut cmd)
    };
    with_pass(&["new", "--name", "Sam", "--role", "hurt", "--encrypt"]).ok();
    with_pass(&["journal", "add", "--title", "Night", MARKER]).ok();
    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());
    let listed = with_pass(&["journal", "list"]);
    listed.ok();
    assert!(listed.stdout.contains("Night"), "{}", listed.stdout);

    // Without the passphrase: a clear message, nothing printed.
    let locked = run(tw(&dir).args(["journal", "list"]));
    assert_ne!(locked.code, Some(0));
    assert!(locked.stderr.contains("passphrase"), "{}", locked.stderr);
    // A wrong one: the same, and nothing changes.
    let wrong = tmp.path().join("wrong");
    fs::write(&wrong, "coffee").unwrap();
    let before = snapshot(&dir);
    let refused = run(tw(&dir)
        .env("TRUSTWORK_PASSPHRASE_FILE", &wrong)
        .env("TRUSTWORK_TEST_SCRYPT_LOG_N", TEST_LOG_N)
        .args(["journal", "add", "--title", "x", "y"]));
    assert_ne!(refused.code, Some(0));
    assert!(
        refused.stderr.contains("does not open"),
        "{}",
        refused.stderr
    );
    assert_eq!(snapshot(&dir), before);

    with_pass(&["decrypt"]).ok();
    let plain = run(tw(&dir).args(["journal", "list"]));
    plain.ok();
    assert!(plain.stdout.contains("Night"));
}

#[test]
fn journal_backups_are_sealed_with_the_workbook_and_opened_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    // A plain copy of the journal exists before encryption…
    let key = workbook_with_marker(&mut store);
    let copies = store.journal_backups(&key).unwrap();
    assert_eq!(copies.len(), 1);
    let copy = fs::read_to_string(&copies[0].path).unwrap();
    assert!(copy.contains(MARKER), "plain before");

    // …is sealed by encrypting, and new copies are sealed as written.
    store
        .encrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    store.open(&key).unwrap();
    let mut journal = store.read_journal(&key).unwrap();
    let later = trustwork::domain::now() + chrono::Duration::hours(2);
    store.set_clock(trustwork::domain::Clock::Fixed(later));
    journal.upsert(JournalEntry::new(
        uuid::Uuid::nil(),
        NewEntry {
            body: format!("Later: {MARKER}"),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
    let copies = store.journal_backups(&key).unwrap();
    assert_eq!(copies.len(), 2);
    assert!(copies.iter().all(|c| c.loads));
    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());

    // Decrypting opens every copy again, line by line.
    store
        .decrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    for copy in JsonStore::new(&dir).unwrap().journal_backups(&key).unwrap() {
        let text = fs::read_to_string(&copy.path).unwrap();
        assert!(text.contains(MARKER), "{text}");
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.extend(snapshot_files(&path));
        } else {
            all.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    all
}

#[test]
fn an_encrypt_that_did_not_finish_is_found_by_doctor_and_finished_by_encrypt_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = workbook_with_marker(&mut store);
    let plain = snapshot_files(&dir);
    store
        .encrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    drop(store);
    // As a kill half way leaves it: the key file is there, but the journal
    // and the backups are still the plain versions.
    for (path, bytes) in &plain {
        if !path.to_string_lossy().ends_with(&format!("{key}.json")) {
            fs::write(path, bytes).unwrap();
        }
    }
    assert!(!files_containing(&dir, MARKER, None).is_empty());
    let secret = tmp.path().join("passphrase");
    fs::write(&secret, "long walk home\n").unwrap();
    let doctor = run(tw(&dir).arg("doctor"));
    assert_eq!(doctor.code, Some(1), "{}", doctor.stdout);
    assert!(
        doctor.stdout.contains("in plain text") && doctor.stdout.contains("trustwork encrypt"),
        "{}",
        doctor.stdout
    );
    let again = run(tw(&dir)
        .args(["encrypt", "--workbook", &key.0])
        .env("TRUSTWORK_PASSPHRASE_FILE", &secret)
        .env("TRUSTWORK_TEST_SCRYPT_LOG_N", TEST_LOG_N));
    again.ok().stdout_has(&["Finished encrypting"]);
    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());
    let doctor = run(tw(&dir).arg("doctor"));
    assert!(
        !doctor.stdout.contains("in plain text"),
        "{}",
        doctor.stdout
    );
    // Nothing lost: the words are all there, behind the passphrase.
    let store = JsonStore::new(&dir).unwrap();
    store.unlock(&key, &pass("long walk home")).unwrap();
    let journal = store.read_journal(&key).unwrap();
    assert!(journal.live().any(|e| e.body.contains(MARKER)));
}

#[test]
fn doctor_reads_the_journal_and_names_a_damaged_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = workbook_with_marker(&mut store);
    drop(store);
    let journal = dir.join(format!("{key}.journal.jsonl"));
    let mut text = fs::read_to_string(&journal).unwrap();
    text.insert_str(0, "{ not json\n");
    fs::write(&journal, text).unwrap();
    let doctor = run(tw(&dir).arg("doctor"));
    assert_eq!(doctor.code, Some(1), "{}", doctor.stdout);
    assert!(doctor.stdout.contains("journal of"), "{}", doctor.stdout);
}

#[test]
fn encrypting_removes_the_journal_index_and_a_leftover_one_is_found() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = workbook_with_marker(&mut store);
    let journal = store.journal_path_of(&key);
    // Headlines go into the index: one that holds the marker.
    let mut entries = trustwork::storage::journal_index::read_and_index(&journal).unwrap();
    let id = entries.live().next().unwrap().id;
    let mut titled = entries.get(id).unwrap().clone();
    titled.title = format!("Title {MARKER}");
    entries.upsert(titled);
    store.open(&key).unwrap();
    store.save_journal(&key, &mut entries).unwrap();
    store.close(&key);
    store.settle_index();
    let index = trustwork::storage::journal_index::path_of(&journal);
    assert!(index.exists());
    assert!(
        std::fs::read(&index)
            .unwrap()
            .windows(MARKER.len())
            .any(|w| w == MARKER.as_bytes())
    );

    let plain = std::fs::read(&index).unwrap();
    store
        .encrypt_workbook(&key, &pass("long walk home"))
        .unwrap();
    assert!(!index.exists(), "a sealed journal has no index");
    assert_eq!(files_containing(&dir, MARKER, None), Vec::<PathBuf>::new());

    // One left from before (a copy put back by hand, an older build): it
    // is plain text, found and removed like any other.
    std::fs::write(&index, plain).unwrap();
    assert!(store.plaintext_files(&key).contains(&index));
    store
        .finish_encryption(&key, &pass("long walk home"))
        .unwrap();
    assert!(!index.exists());
}
