#![allow(clippy::unwrap_used)]
//! Storage behaviour on a real filesystem: round trips, listing, keys,
//! atomic saves and backups, refusing damaged or newer files, locks,
//! permissions, restoring, and where the data dir is.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tempfile::TempDir;
use trustwork::domain::{
    Answer, AnswerValue, NewWorkbook, RelationshipKind, Role, SCHEMA_VERSION, Workbook, now,
};
use trustwork::storage::*;

fn new_workbook(name: &str) -> NewWorkbook {
    NewWorkbook {
        name: name.to_string(),
        relationship: RelationshipKind::Partner,
        role: Role::Hurt,
    }
}

/// A store in a data dir that does not exist yet (so `new` creates it).
fn store() -> (TempDir, JsonStore) {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonStore::new(tmp.path().join("data")).unwrap();
    (tmp, store)
}

fn answer(workbook: &mut Workbook, text: &str) {
    let value = AnswerValue::Text(text.to_string());
    let answer = Answer {
        value,
        updated_at: now(),
        author: None,
        private: false,
    };
    workbook
        .progress
        .answers
        .insert("stage/step/prompt".to_string(), answer);
    workbook.touch(trustwork::domain::now());
}

fn answer_text(workbook: &Workbook) -> Option<&str> {
    match &workbook.progress.answers.get("stage/step/prompt")?.value {
        AnswerValue::Text(text) => Some(text),
        _ => None,
    }
}

/// Creates a workbook and saves it `saves` times with answers "v1", "v2"…
fn workbook_with_saves(store: &mut JsonStore, name: &str, saves: usize) -> (WorkbookKey, Workbook) {
    let (key, _) = store.create(new_workbook(name)).unwrap();
    let mut workbook = store.open(&key).unwrap();
    for i in 1..=saves {
        answer(&mut workbook, &format!("v{i}"));
        store.save(&key, &workbook).unwrap();
    }
    store.close(&key);
    (key, workbook)
}

#[test]
fn round_trip_create_open_save_read() {
    let (_tmp, mut store) = store();
    let (key, created) = store.create(new_workbook("  Sam & Alex  ")).unwrap();
    assert_eq!(key, WorkbookKey("sam-alex".to_string()));
    assert_eq!(created.name, "Sam & Alex");
    assert_eq!(created.schema_version, SCHEMA_VERSION);

    let mut workbook = store.open(&key).unwrap();
    assert_eq!(workbook, created);
    answer(&mut workbook, "I felt unseen");
    store.save(&key, &workbook).unwrap();
    store.close(&key);

    assert_eq!(store.read(&key).unwrap(), workbook);
    assert_eq!(resolve(&store, None).unwrap(), key);
    assert_eq!(resolve(&store, Some("sam & ALEX")).unwrap(), key);
}

#[test]
fn save_needs_the_workbook_open() {
    let (_tmp, mut store) = store();
    let (key, workbook) = store.create(new_workbook("Sam")).unwrap();
    assert!(matches!(
        store.save(&key, &workbook),
        Err(StoreError::NotOpen(_))
    ));
    store.open(&key).unwrap();
    store.close(&key);
    assert!(matches!(
        store.save(&key, &workbook),
        Err(StoreError::NotOpen(_))
    ));
}

#[test]
fn unknown_and_empty_names_are_refused() {
    let (_tmp, mut store) = store();
    assert!(matches!(
        store.create(new_workbook(" \t ")),
        Err(StoreError::EmptyName)
    ));
    let missing = WorkbookKey("nobody".to_string());
    assert!(matches!(
        store.open(&missing),
        Err(StoreError::UnknownWorkbook { .. })
    ));
    assert!(
        !store.lock_path_of(&missing).exists(),
        "a failed open leaves no lock"
    );
    assert!(matches!(
        resolve(&store, None),
        Err(StoreError::NoWorkbooks)
    ));
}

#[test]
fn list_sorts_by_name_and_reports_unreadable_files() {
    let (_tmp, mut store) = store();
    for name in ["zoe", "Alex", "bea"] {
        store.create(new_workbook(name)).unwrap();
    }
    fs::write(store.dir().join("Broken.json"), "{\"schema_version\": 1,").unwrap();
    // Not workbooks: other extensions, hidden temp files, lock files.
    fs::write(store.dir().join("notes.txt"), "hi").unwrap();
    fs::write(store.dir().join(".zoe.json.Ab12Cd"), "{").unwrap();
    fs::write(store.dir().join("zoe.lock"), "pid 1").unwrap();

    let listings = store.list().unwrap();
    let names: Vec<&str> = listings.iter().map(Listing::display_name).collect();
    assert_eq!(names, ["Alex", "bea", "Broken", "zoe"]);
    match &listings[2].status {
        ListingStatus::Unreadable { message } => {
            assert!(message.contains("Broken.json"), "{message}");
            assert!(message.contains("line 1"), "{message}");
        }
        ready => panic!("expected unreadable, got {ready:?}"),
    }
    match &listings[0].status {
        ListingStatus::Ready {
            name,
            relationship,
            role,
            ..
        } => {
            assert_eq!(
                (name.as_str(), *relationship, *role),
                ("Alex", RelationshipKind::Partner, Role::Hurt)
            );
        }
        other => panic!("expected ready, got {other:?}"),
    }
    assert!(matches!(
        resolve(&store, None),
        Err(StoreError::WhichWorkbook { .. })
    ));
}

#[test]
fn colliding_names_get_numbered_keys() {
    let (_tmp, mut store) = store();
    let keys: Vec<String> = ["Sam", "sam", "SAM!", "💔", "信頼"]
        .into_iter()
        .map(|name| store.create(new_workbook(name)).unwrap().0.0)
        .collect();
    assert_eq!(keys, ["sam", "sam-2", "sam-3", "workbook", "workbook-2"]);
    assert_eq!(
        store
            .read(&WorkbookKey("workbook-2".to_string()))
            .unwrap()
            .name,
        "信頼"
    );
}

#[test]
fn save_is_atomic_pretty_and_leaves_no_temp_files() {
    let (_tmp, mut store) = store();
    let (key, workbook) = workbook_with_saves(&mut store, "Sam", 2);
    assert_eq!(
        crate::support::file_names(store.dir()),
        ["backups", "sam.json"]
    );
    assert_eq!(
        crate::support::file_names(&store.backup_dir_of(&key)).len(),
        2
    );

    let text = fs::read_to_string(store.path_of(&key)).unwrap();
    assert!(text.ends_with("}\n"), "trailing newline");
    assert!(
        text.contains(&format!(
            "\n  \"schema_version\": {},\n",
            trustwork::domain::SCHEMA_VERSION
        )),
        "pretty-printed:\n{text}"
    );
    assert_eq!(serde_json::from_str::<Workbook>(&text).unwrap(), workbook);
}

#[test]
fn backups_rotate_keeping_the_newest_five() {
    let (_tmp, mut store) = store();
    // All on one day (not across a midnight), so no daily backup is kept.
    store.set_clock(trustwork::domain::Clock::Fixed(now()));
    let (key, _) = workbook_with_saves(&mut store, "Sam", 8);

    let backups = store.backups(&key).unwrap();
    assert_eq!(backups.len(), BACKUPS_KEPT);
    assert_eq!(
        crate::support::file_names(&store.backup_dir_of(&key)).len(),
        BACKUPS_KEPT
    );
    assert!(backups.iter().all(|b| b.loads));
    for pair in backups.windows(2) {
        assert!(pair[0].path > pair[1].path, "newest first: {:?}", pair);
        assert!(pair[0].taken_at >= pair[1].taken_at);
    }
    // Every save is also backed up: the newest five are the last five saves.
    let texts: Vec<String> = backups
        .iter()
        .map(|b| {
            let workbook: Workbook = serde_json::from_slice(&fs::read(&b.path).unwrap()).unwrap();
            answer_text(&workbook).unwrap().to_string()
        })
        .collect();
    assert_eq!(texts, ["v8", "v7", "v6", "v5", "v4"]);
}

#[test]
fn corrupt_file_is_reported_and_never_overwritten() {
    let (_tmp, mut store) = store();
    let (key, _) = workbook_with_saves(&mut store, "Sam", 2);
    let path = store.path_of(&key);
    let good = fs::read(&path).unwrap();
    let truncated = &good[..good.len() / 2];
    fs::write(&path, truncated).unwrap();

    let err = store.open(&key).unwrap_err();
    let StoreError::Corrupt {
        path: reported,
        line,
        column,
        backup,
        ..
    } = &err
    else {
        panic!("expected Corrupt, got {err:?}");
    };
    // Truncation shows up as an unexpected end at the very end of the text.
    let text = String::from_utf8_lossy(truncated);
    assert_eq!(reported, &path);
    let last_line = text.rsplit('\n').next().unwrap();
    assert_eq!(*line, text.matches('\n').count() + 1);
    assert_eq!(*column, last_line.len());
    assert_eq!(backup.as_ref(), Some(&store.backups(&key).unwrap()[0].path));
    let message = err.to_string();
    assert!(
        message.contains("has not been changed") && message.contains("trustwork restore"),
        "{message}"
    );

    assert_eq!(fs::read(&path).unwrap(), truncated, "open never writes");
    assert!(
        !store.lock_path_of(&key).exists(),
        "a failed open releases its lock"
    );
    assert!(matches!(store.read(&key), Err(StoreError::Corrupt { .. })));
}

#[test]
fn save_refuses_to_replace_a_file_that_does_not_load() {
    let (_tmp, mut store) = store();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let mut workbook = store.open(&key).unwrap();
    // Damaged by something else while open here.
    let path = store.path_of(&key);
    fs::write(&path, b"{\"schema_version\": 1, \"name\": ").unwrap();

    answer(&mut workbook, "lost?");
    let err = store.save(&key, &workbook).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(
        fs::read(&path).unwrap(),
        b"{\"schema_version\": 1, \"name\": "
    );
    assert!(
        store.backups(&key).unwrap().is_empty(),
        "a damaged file is not rotated in"
    );
}

#[test]
fn missing_schema_version_is_corrupt() {
    let (_tmp, mut store) = store();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let path = store.path_of(&key);
    let mut value: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    value.as_object_mut().unwrap().remove("schema_version");
    fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
    let err = store.open(&key).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { message, .. } if message.contains("schema_version")),
        "{err:?}"
    );
}

#[test]
fn newer_schema_is_refused_and_untouched() {
    let (_tmp, mut store) = store();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let path = store.path_of(&key);
    let mut value: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    value["schema_version"] = 99.into();
    value["from_the_future"] = true.into();
    let newer = serde_json::to_vec_pretty(&value).unwrap();
    fs::write(&path, &newer).unwrap();

    let err = store.open(&key).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NewerSchema {
                found: 99,
                supported: SCHEMA_VERSION,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("update trustwork"));
    assert!(matches!(
        store.list().unwrap()[0].status,
        ListingStatus::Unreadable { .. }
    ));
    assert_eq!(fs::read(&path).unwrap(), newer);
}

#[test]
fn a_second_store_cannot_open_a_locked_workbook() {
    let (tmp, mut first) = store();
    let mut second = JsonStore::new(tmp.path().join("data")).unwrap();
    let (key, _) = first.create(new_workbook("Sam")).unwrap();
    first.open(&key).unwrap();

    let err = second.open(&key).unwrap_err();
    let pid = format!("pid {}", std::process::id());
    let StoreError::Locked { name, holder, lock } = &err else {
        panic!("expected Locked, got {err:?}");
    };
    assert_eq!(name, "Sam");
    assert!(holder.starts_with(&pid), "{holder}");
    assert_eq!(lock, &first.lock_path_of(&key));
    assert!(err.to_string().contains(&pid));
    // Reading without the lock still works, for `status` and the like.
    assert_eq!(second.read(&key).unwrap().name, "Sam");
    // The same store opening twice is refused too.
    assert!(matches!(first.open(&key), Err(StoreError::Locked { .. })));

    first.close(&key);
    assert!(
        !first.lock_path_of(&key).exists(),
        "close removes the lock file"
    );
    second.open(&key).unwrap();
    drop(second);
    assert!(!first.lock_path_of(&key).exists(), "drop releases the lock");
    first.open(&key).unwrap();
}

#[test]
fn a_stale_lock_file_is_recovered() {
    let (_tmp, mut store) = store();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let lock = store.lock_path_of(&key);
    // Left by a process that died: the file is there but no OS lock is held.
    fs::write(
        &lock,
        "pid 4000000 on ghost since 2020-01-01T00:00:00+00:00\n",
    )
    .unwrap();

    store.open(&key).unwrap();
    let text = fs::read_to_string(&lock).unwrap();
    assert!(
        text.starts_with(&format!("pid {} on ", std::process::id())),
        "{text}"
    );
    assert!(
        text.ends_with('\n') && text.lines().count() == 1,
        "{text:?}"
    );
    store.close(&key);
    assert!(!lock.exists());
}

#[cfg(unix)]
#[test]
fn files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;

    let (_tmp, mut store) = store();
    assert_eq!(mode(store.dir()), 0o700);
    let (key, mut workbook) = store.create(new_workbook("Sam")).unwrap();
    assert_eq!(mode(&store.path_of(&key)), 0o600);
    store.open(&key).unwrap();
    assert_eq!(mode(&store.lock_path_of(&key)), 0o600);
    answer(&mut workbook, "x");
    store.save(&key, &workbook).unwrap();
    assert_eq!(mode(&store.path_of(&key)), 0o600);
    assert_eq!(mode(&store.dir().join("backups")), 0o700);
    assert_eq!(mode(&store.backup_dir_of(&key)), 0o700);
    assert_eq!(mode(&store.backups(&key).unwrap()[0].path), 0o600);

    // A folder the user already has is used as it is.
    let existing = tempfile::tempdir().unwrap();
    fs::set_permissions(existing.path(), fs::Permissions::from_mode(0o750)).unwrap();
    JsonStore::new(existing.path()).unwrap();
    assert_eq!(mode(existing.path()), 0o750);
}

#[test]
fn restore_after_corruption_keeps_the_damaged_file_aside() {
    let (_tmp, mut store) = store();
    let (key, _) = workbook_with_saves(&mut store, "Sam", 2);
    let path = store.path_of(&key);
    fs::write(&path, b"{ not json").unwrap();
    let Err(StoreError::Corrupt {
        backup: Some(good), ..
    }) = store.open(&key)
    else {
        panic!("expected Corrupt with a backup");
    };
    let backups = store.backups(&key).unwrap();
    assert_eq!(good, backups[0].path);

    // Another instance holding the lock stops a restore.
    let mut other = JsonStore::new(store.dir()).unwrap();
    let (other_key, _) = other.create(new_workbook("Alex")).unwrap();
    other.open(&other_key).unwrap();
    assert!(matches!(
        store.restore(&other_key, &backups[0]),
        Err(StoreError::Locked { .. })
    ));

    let aside = store.restore(&key, &backups[0]).unwrap().unwrap();
    assert_eq!(fs::read(&aside).unwrap(), b"{ not json");
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("sam.json.damaged-")
    );
    assert!(
        !store.lock_path_of(&key).exists(),
        "restore released its lock"
    );
    // The newest backup is the last save: nothing saved is lost.
    let restored = store.open(&key).unwrap();
    assert_eq!(answer_text(&restored), Some("v2"));
    let keys: Vec<String> = store.list().unwrap().into_iter().map(|l| l.key.0).collect();
    assert_eq!(keys, ["alex", "sam"], "the damaged copy is not listed");

    // Restoring while this store has it open keeps it open.
    let again = store.restore(&key, &backups[1]).unwrap();
    assert!(again.is_some());
    assert!(store.lock_path_of(&key).exists());
    store.save(&key, &restored).unwrap();
}

#[test]
fn data_dir_precedence_is_flag_then_env_then_default() {
    let default = || Ok(PathBuf::from("/default"));
    let flag = Path::new("/flag");
    let env = || Some(OsString::from("/env"));
    let choose = |flag, env, default| choose_data_dir(flag, env, default).unwrap();

    assert_eq!(choose(Some(flag), env(), default), flag);
    assert_eq!(choose(None, env(), default), Path::new("/env"));
    assert_eq!(
        choose(None, Some(OsString::new()), default),
        Path::new("/default")
    );
    assert_eq!(choose(None, None, default), Path::new("/default"));
    // With an override, a missing home dir does not matter.
    let no_home = || Err(anyhow::anyhow!("no home"));
    assert_eq!(
        choose_data_dir(None, env(), no_home).unwrap(),
        Path::new("/env")
    );
    assert!(choose_data_dir(None, None, no_home).is_err());
    assert_eq!(DATA_DIR_ENV, "TRUSTWORK_DATA_DIR");
}

#[test]
fn memory_store_follows_the_same_rules() {
    let mut store = MemoryStore::new();
    assert!(matches!(
        store.create(new_workbook(" ")),
        Err(StoreError::EmptyName)
    ));
    let (sam, _) = store.create(new_workbook("Sam")).unwrap();
    let (sam2, _) = store.create(new_workbook("sam")).unwrap();
    assert_eq!((sam.0.as_str(), sam2.0.as_str()), ("sam", "sam-2"));
    assert!(matches!(
        resolve(&store, None),
        Err(StoreError::WhichWorkbook { .. })
    ));
    assert_eq!(resolve(&store, Some("SAM-2")).unwrap(), sam2);

    let mut workbook = store.open(&sam).unwrap();
    assert!(matches!(store.open(&sam), Err(StoreError::Locked { .. })));
    answer(&mut workbook, "x");
    store.save(&sam, &workbook).unwrap();
    assert_eq!(store.read(&sam).unwrap(), workbook);
    store.close(&sam);
    assert!(matches!(
        store.save(&sam, &workbook),
        Err(StoreError::NotOpen(_))
    ));
    store.open(&sam).unwrap();

    assert!(store.backups(&sam).unwrap().is_empty());
    let backup = Backup {
        path: PathBuf::from("x"),
        taken_at: now(),
        loads: true,
    };
    assert!(matches!(
        store.restore(&sam, &backup),
        Err(StoreError::NoBackup(_))
    ));
}

fn is_slug(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !key.starts_with('-')
        && !key.ends_with('-')
        && !key.contains("--")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_name_round_trips(name in any::<String>()) {
        let (_tmp, mut store) = store();
        match store.create(new_workbook(&name)) {
            Ok((key, _)) => {
                prop_assert!(!name.trim().is_empty());
                prop_assert!(is_slug(&key.0), "bad key {:?}", key);
                prop_assert_eq!(store.read(&key).unwrap().name, name.trim());
            }
            Err(err) => {
                prop_assert!(name.trim().is_empty(), "{}", err);
                prop_assert!(matches!(err, StoreError::EmptyName));
            }
        }
    }
}

#[test]
fn opening_removes_temp_files_left_by_a_save_that_was_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path()).unwrap();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let stale = dir.path().join(format!(".{key}.json.Ab12Cd"));
    let stale_journal = dir.path().join(format!(".{key}.journal.jsonl.Zz99Yy"));
    let other = dir.path().join(".other.json.Ab12Cd");
    for path in [&stale, &stale_journal, &other] {
        fs::write(path, "a whole copy of someone's words").unwrap();
    }
    store.open(&key).unwrap();
    assert!(!stale.exists() && !stale_journal.exists());
    assert!(other.exists(), "another workbook's files are not touched");
}

#[test]
fn fields_this_version_does_not_know_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let (key, _) = store
        .create(trustwork::domain::NewWorkbook {
            name: "Sam".into(),
            relationship: trustwork::domain::RelationshipKind::Partner,
            role: trustwork::domain::Role::Hurt,
        })
        .unwrap();
    let path = dir.path().join("sam.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["from_a_newer_version"] = serde_json::json!({ "kept": [1, 2, 3] });
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    // Opened and changed through the core, then saved.
    let mut held =
        trustwork::open::Held::open(&mut store, key, trustwork::domain::Clock::System).unwrap();
    assert!(held.set_checkin_interval(3).unwrap());
    held.save().unwrap();
    drop(held);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["from_a_newer_version"]["kept"][2], 3);
    assert_eq!(saved["checkin_interval_days"], 3);
}

#[test]
fn a_save_does_not_write_over_a_change_made_elsewhere_after_a_lock_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app_store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let (key, _) = app_store
        .create(trustwork::domain::NewWorkbook {
            name: "Sam".into(),
            relationship: trustwork::domain::RelationshipKind::Partner,
            role: trustwork::domain::Role::Hurt,
        })
        .unwrap();
    let mut app = app_store.open(&key).unwrap();
    // Someone removes the lock, and a command line writes a check-in.
    std::fs::remove_file(dir.path().join("sam.lock")).unwrap();
    let mut cli_store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let mut cli = cli_store.open(&key).unwrap();
    cli.checkin_interval_days = 3;
    cli_store.save(&key, &cli).unwrap();
    cli_store.close(&key);
    // The app's next save notices and keeps the other change.
    app.checkin_interval_days = 14;
    let err = app_store.save(&key, &app).unwrap_err();
    assert!(
        err.to_string().contains("changed by another program"),
        "{err}"
    );
    assert_eq!(cli_store.read(&key).unwrap().checkin_interval_days, 3);
}

#[test]
fn a_byte_order_mark_from_an_editor_is_accepted_in_the_workbook_and_the_journal() {
    let (tmp, mut store) = store();
    let (key, _) = store.create(new_workbook("Sam")).unwrap();
    let workbook = {
        let mut opened = store.open(&key).unwrap();
        answer(&mut opened, "kept through the mark");
        store.save(&key, &opened).unwrap();
        let mut journal = trustwork::domain::Journal::default();
        journal.upsert(trustwork::domain::JournalEntry::new(
            opened.default_author(),
            trustwork::domain::NewEntry {
                body: "an entry after the mark".into(),
                ..Default::default()
            },
            trustwork::domain::now(),
        ));
        store.save_journal(&key, &mut journal).unwrap();
        store.close(&key);
        opened
    };
    // An editor saved both files with a BOM in front.
    for name in [format!("{key}.json"), format!("{key}.journal.jsonl")] {
        let path = tmp.path().join("data").join(&name);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(&path).unwrap());
        fs::write(&path, bytes).unwrap();
    }
    let read = store.read(&key).unwrap();
    assert_eq!(answer_text(&read), answer_text(&workbook));
    let journal = store.read_journal(&key).unwrap();
    assert!(journal.live().any(|e| e.body == "an entry after the mark"));
    // And it still saves (the file it read is the one it replaces).
    let opened = store.open(&key).unwrap();
    store.save(&key, &opened).unwrap();
}

#[test]
fn two_workbooks_of_one_name_are_told_apart_on_the_list() {
    let (_tmp, mut store) = store();
    store.create(new_workbook("Sam")).unwrap();
    store.create(new_workbook("sam")).unwrap();
    store.create(new_workbook("Robin")).unwrap();
    let app = trustwork::app::start(crate::support::content(), &mut store, None).unwrap();
    let shown = crate::support::render(&app, 100, 20);
    assert!(shown.contains("Sam (saved as sam)"), "{shown}");
    assert!(shown.contains("sam (saved as sam-2)"), "{shown}");
    assert!(!shown.contains("Robin (saved"), "{shown}");
}
