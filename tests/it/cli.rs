#![allow(clippy::unwrap_used)]
//! Black-box tests of the `trustwork` binary: every test runs the real
//! executable against its own temporary data dir, with empty stdin, and
//! never reaches the interactive terminal (the bare `trustwork` runs here
//! all stop with an error before the TUI starts; a timeout guards that).

use std::fs;
use std::path::Path;

use crate::support::cli::*;
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

/// The seven stage titles, in order, as the shipped content names them.
const STAGE_TITLES: [&str; 7] = [
    "Acknowledge",
    "Communicate",
    "Accountability & consistency",
    "Boundaries & expectations",
    "Patience & self-care",
    "Professional help",
    "Know when to walk away",
];

// ---------------------------------------------------------------- new

#[test]
fn new_creates_a_workbook_file() {
    let (_tmp, dir) = data_dir();
    let run = tw_run(
        &dir,
        &[
            "new",
            "--name",
            "Sam",
            "--relationship",
            "partner",
            "--role",
            "hurt",
        ],
    );
    run.ok().stdout_has(&["\"Sam\"", "Created"]);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);

    assert_eq!(crate::support::file_names(&dir), ["sam.json"]);
    let doc = read_json(&dir.join("sam.json"));
    assert_eq!(doc["schema_version"], trustwork::domain::SCHEMA_VERSION);
    assert_eq!(doc["name"], "Sam");
    assert_eq!(doc["relationship"], "partner");
    assert_eq!(doc["participants"][0]["role"], "hurt");
}

#[test]
fn new_defaults_to_partner_and_trims_the_name() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "  Mum  ", "--role", "caused"])
        .ok()
        .stdout_has(&["\"Mum\""]);
    let doc = read_json(&dir.join("mum.json"));
    assert_eq!(doc["name"], "Mum");
    assert_eq!(doc["relationship"], "partner");
    assert_eq!(doc["participants"][0]["role"], "caused");
}

#[test]
fn new_with_the_same_name_twice_gets_a_second_key() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "Sam", "--role", "hurt"])
        .ok()
        .stdout_has(&["saved as sam.json"]);
    tw_run(&dir, &["new", "--name", "Sam", "--role", "both"])
        .ok()
        .stdout_has(&["saved as sam-2.json"]);
    assert_eq!(crate::support::file_names(&dir), ["sam-2.json", "sam.json"]);
    assert_eq!(
        read_json(&dir.join("sam-2.json"))["participants"][0]["role"],
        "both"
    );
}

#[test]
fn new_accepts_names_without_ascii_letters() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "信頼", "--role", "hurt"])
        .ok()
        .stdout_has(&["\"信頼\""]);
    assert_eq!(crate::support::file_names(&dir), ["workbook.json"]);
    assert_eq!(status_json(&dir, &[])["workbook"], "信頼");
}

#[cfg(unix)]
#[test]
fn new_keeps_files_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "a created data dir is private");
    assert_eq!(mode(&dir.join("sam.json")), 0o600, "workbooks are private");
}

#[test]
fn new_refuses_a_bad_role() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "Sam", "--role", "victim"])
        .usage_error()
        .stderr_has(&["victim", "--role", "hurt", "caused", "both"]);
    assert!(!dir.join("sam.json").exists());
}

#[test]
fn new_refuses_a_bad_relationship() {
    let (_tmp, dir) = data_dir();
    let args = [
        "new",
        "--name",
        "Sam",
        "--relationship",
        "enemy",
        "--role",
        "hurt",
    ];
    tw_run(&dir, &args).usage_error().stderr_has(&[
        "enemy",
        "--relationship",
        "partner",
        "family",
        "friend",
        "colleague",
        "other",
    ]);
    assert!(!dir.join("sam.json").exists());
}

#[test]
fn new_needs_a_name_and_a_role() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--role", "hurt"])
        .usage_error()
        .stderr_has(&["required", "--name"]);
    tw_run(&dir, &["new", "--name", "Sam"])
        .usage_error()
        .stderr_has(&["required", "--role"]);
}

#[test]
fn new_refuses_an_empty_name() {
    for name in ["", "   "] {
        let (_tmp, dir) = data_dir();
        tw_run(&dir, &["new", "--name", name, "--role", "hurt"])
            .failed()
            .stderr_has(&["needs a name"]);
        let left: Vec<_> = fs::read_dir(&dir)
            .map(|entries| entries.collect())
            .unwrap_or_default();
        assert!(left.is_empty(), "no workbook written for {name:?}");
    }
}

// ---------------------------------------------------------------- status

#[test]
fn status_json_reports_seven_stages() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let report = status_json(&dir, &[]);
    assert_eq!(report["workbook"], "Sam");
    assert_eq!(report["relationship"], "partner");
    assert_eq!(report["role"], "hurt");
    assert!(report["updated_at"].is_string());

    let stages = report["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 7);
    for (i, stage) in stages.iter().enumerate() {
        assert_eq!(stage["id"], crate::support::STAGE_IDS[i]);
        assert_eq!(stage["title"], STAGE_TITLES[i]);
        assert_eq!(stage["steps_complete"], 0, "{stage}");
        assert!(stage["steps_total"].as_u64().unwrap() > 0, "{stage}");
        assert_eq!(stage["complete"], false, "{stage}");
        assert_eq!(stage["checkout_answered"], false, "{stage}");
    }

    // A new workbook starts at the first step of the first stage.
    let next = report["recommended"].as_str().unwrap();
    assert!(next.contains("Stage 1"), "recommended: {next}");
    assert!(next.contains("Name what happened"), "recommended: {next}");
}

#[test]
fn status_text_lists_the_seven_stages() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let run = tw_run(&dir, &["status"]);
    run.ok()
        .stdout_has(&["Sam", "not started", "Next: "])
        .stdout_has(&STAGE_TITLES);
    for (i, title) in STAGE_TITLES.iter().enumerate() {
        let numbered = run
            .stdout
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{}. {title}", i + 1)));
        assert!(
            numbered,
            "stage {} line for {title}:\n{}",
            i + 1,
            run.stdout
        );
    }
}

#[test]
fn status_and_the_exports_agree_a_stage_with_an_answer_is_in_progress() {
    let (_tmp, dir) = with_sam();
    // Only the check-out of stage 2 is answered: no step is complete.
    edit_workbook(&dir, "sam", |workbook, _| {
        workbook.progress.answers.insert(
            "communicate/checkout/still-open".into(),
            trustwork::domain::Answer {
                value: trustwork::domain::AnswerValue::Text("Listening more.".into()),
                updated_at: trustwork::domain::now(),
                author: None,
                private: false,
            },
        );
    });
    let status = tw_run(&dir, &["status"]);
    status.ok();
    let line = |title: &str| {
        let found = status.stdout.lines().find(|l| l.contains(title));
        found.unwrap_or_default().trim_end().to_string()
    };
    assert!(
        line("Communicate").ends_with("0/6 steps  in progress"),
        "{}",
        status.stdout
    );
    assert!(
        line("Accountability").ends_with("not started"),
        "{}",
        status.stdout
    );
    let report = status_json(&dir, &[]);
    assert_eq!(report["stages"][1]["state"], "in-progress");
    assert_eq!(report["stages"][2]["state"], "not-started");

    tw_run(&dir, &["export", "--format", "md"])
        .ok()
        .stdout_has(&["### 2. Communicate\n\nIn progress: 0 of 6 steps done."]);
    tw_run(&dir, &["export", "--for-counsellor", "--include", "stages"])
        .ok()
        .stdout_has(&[
            "- 2. Communicate: in progress, 0 of 6 steps done",
            "- 3. Accountability & consistency: not started",
        ]);
}

#[test]
fn status_with_two_workbooks_needs_a_choice() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    create(&dir, "Alex Jones", "caused");
    tw_run(&dir, &["status"]).failed().stderr_has(&[
        "several workbooks",
        "--workbook",
        "Sam",
        "Alex Jones",
    ]);
    tw_run(&dir, &["status", "--json"])
        .failed()
        .stderr_has(&["Sam", "Alex Jones"]);
}

#[test]
fn status_workbook_flag_picks_one_ignoring_case() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    create(&dir, "Alex Jones", "caused");

    let report = status_json(&dir, &["--workbook", "ALEX JONES"]);
    assert_eq!(report["workbook"], "Alex Jones");
    assert_eq!(report["role"], "caused");

    // By key, with the short flag, and with the flag before the command.
    assert_eq!(
        status_json(&dir, &["-w", "alex-jones"])["workbook"],
        "Alex Jones"
    );
    let run = run(tw(&dir).args(["--workbook", "sAm", "status", "--json"]));
    run.ok();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["workbook"], "Sam");
}

#[test]
fn status_with_an_unknown_workbook_lists_the_others() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    create(&dir, "Alex Jones", "caused");
    tw_run(&dir, &["status", "--workbook", "nobody"])
        .failed()
        .stderr_has(&["no workbook called", "nobody", "Sam", "Alex Jones"]);
}

#[test]
fn status_without_workbooks_says_how_to_create_one() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["status"])
        .failed()
        .stderr_has(&["no workbooks", "trustwork new --name"]);
    assert!(
        !dir.exists(),
        "a read-only command must not create the data dir"
    );
    fs::create_dir(&dir).unwrap();
    tw_run(&dir, &["status", "--workbook", "Sam"])
        .failed()
        .stderr_has(&["no workbook called \"Sam\"", "none yet"]);
}

#[test]
fn restore_refuses_to_replace_a_workbook_that_opens() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    save_times(&dir, "sam", 2);
    let before = fs::read(dir.join("sam.json")).unwrap();
    tw_run(&dir, &["restore"])
        .failed()
        .stderr_has(&["opens fine", "--force"]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), before);
    // With --force it does, and keeps the replaced file aside.
    tw_run(&dir, &["restore", "--force"]).ok();
    assert!(
        crate::support::file_names(&dir)
            .iter()
            .any(|n| n.contains("damaged"))
    );
}

#[test]
fn new_refuses_control_characters_in_names() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "a\u{1b}[31mb", "--role", "hurt"])
        .failed()
        .stderr_has(&["control characters"]);
}

#[test]
fn names_may_start_with_a_hyphen() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["new", "--name", "-Sam", "--role", "hurt"]).ok();
    tw_run(&dir, &["status", "--workbook", "-Sam"]).ok();
}

// ---------------------------------------------------------------- path

#[test]
fn path_prints_the_data_dir_flag() {
    let (_tmp, dir) = data_dir();
    let run = tw_run(&dir, &["path"]);
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", dir.display()));
}

#[test]
fn path_honours_the_environment_variable() {
    let (_tmp, dir) = data_dir();
    let run = run(bare().env("TRUSTWORK_DATA_DIR", &dir).arg("path"));
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", dir.display()));
}

#[test]
fn path_flag_wins_over_the_environment() {
    let (tmp, dir) = data_dir();
    let from_env = tmp.path().join("from-env");
    let run = run(bare()
        .env("TRUSTWORK_DATA_DIR", &from_env)
        .arg("--data-dir")
        .arg(&dir)
        .arg("path"));
    run.ok();
    assert_eq!(run.stdout, format!("{}\n", dir.display()));
}

#[test]
fn data_dir_from_the_environment_is_used_for_workbooks() {
    let (_tmp, dir) = data_dir();
    let new = run(bare()
        .env("TRUSTWORK_DATA_DIR", &dir)
        .args(["new", "--name", "Sam", "--role", "hurt"]));
    new.ok();
    assert!(dir.join("sam.json").is_file());
    assert_eq!(status_json(&dir, &[])["workbook"], "Sam");
}

// ---------------------------------------------------------------- clap

#[test]
fn version_comes_from_cargo_toml() {
    let run = run(bare().arg("--version"));
    run.ok();
    assert_eq!(
        run.stdout.trim(),
        format!("trustwork {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_subcommands() {
    let run = run(bare().arg("--help"));
    run.ok()
        .stdout_has(&["Usage: trustwork", "--data-dir", "--workbook"])
        .stdout_has(&["new", "status", "path", "restore"])
        .stdout_has(&["journal", "checkin", "export", "import"])
        .stdout_has(&["not therapy"]);
}

#[test]
fn subcommand_help_explains_ranges_and_exit_codes() {
    run(bare().args(["checkin", "--help"]))
        .ok()
        .stdout_has(&["--trust <0-10>", "--as <NAME>"]);
    run(bare().args(["journal", "search", "--help"]))
        .ok()
        .stdout_has(&["1 when nothing does"]);
    run(bare().args(["import", "--help"])).ok().stdout_has(&[
        "--yes",
        "--dry-run",
        "exit code is 2",
    ]);
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["--bogus"]).usage_error().stderr_has(&[
        "unexpected argument",
        "--bogus",
        "Usage:",
    ]);
    tw_run(&dir, &["status", "--bogus"])
        .usage_error()
        .stderr_has(&["--bogus"]);
    assert!(!dir.exists(), "a usage error touches nothing");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["frobnicate"]).usage_error().stderr_has(&[
        "unrecognized subcommand",
        "frobnicate",
        "Usage:",
    ]);
    assert!(!dir.exists(), "a usage error touches nothing");
}

// ---------------------------------------------------------------- damaged files

#[test]
fn corrupt_workbook_is_reported_and_left_alone() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let file = dir.join("sam.json");
    let bad = corrupt(&file);
    let file_name = file.display().to_string();

    for args in [&["status"][..], &["status", "--json"], &[]] {
        tw_run(&dir, args).failed().stderr_has(&[
            &file_name,
            "could not be read as a workbook",
            "line ",
            "column ",
            "has not been changed",
        ]);
        assert_eq!(fs::read(&file).unwrap(), bad, "after {args:?}");
    }
    assert_eq!(
        crate::support::file_names(&dir),
        ["sam.json"],
        "no lock or temp file left"
    );
}

#[test]
fn corrupt_workbook_names_the_line_and_column() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let file = dir.join("sam.json");
    // A syntax error at a known place: line 3, just after the name.
    let text = fs::read_to_string(&file).unwrap();
    let broken = text.replacen("\"name\": \"Sam\",", "\"name\": \"Sam\" oops,", 1);
    assert_ne!(broken, text);
    fs::write(&file, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("oops"))
        .map(|i| i + 1)
        .unwrap();

    tw_run(&dir, &["status"])
        .failed()
        .stderr_has(&[&format!("(line {line}, column ")]);
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn newer_schema_is_refused_and_left_alone() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let file = dir.join("sam.json");
    let mut doc = read_json(&file);
    doc["schema_version"] = 99.into();
    let newer = serde_json::to_vec_pretty(&doc).unwrap();
    fs::write(&file, &newer).unwrap();
    let file_name = file.display().to_string();

    for args in [&["status"][..], &[]] {
        tw_run(&dir, args).failed().stderr_has(&[
            &file_name,
            "newer trustwork",
            "99",
            "update trustwork",
            "has not been changed",
        ]);
        assert_eq!(fs::read(&file).unwrap(), newer, "after {args:?}");
    }
}

#[test]
fn a_damaged_workbook_does_not_hide_the_others() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    create(&dir, "Alex", "caused");
    corrupt(&dir.join("sam.json"));
    assert_eq!(status_json(&dir, &["-w", "alex"])["workbook"], "Alex");
    tw_run(&dir, &["status", "-w", "sam"])
        .failed()
        .stderr_has(&["sam.json", "could not be read"]);
}

// ---------------------------------------------------------------- restore

#[test]
fn restore_puts_back_a_backup_and_keeps_the_damaged_file() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    save_times(&dir, "sam", 3);
    let file = dir.join("sam.json");
    let bad = corrupt(&file);

    // The damaged file offers the way back.
    tw_run(&dir, &["status"])
        .failed()
        .stderr_has(&["newest good backup", "trustwork restore"]);

    let list = tw_run(&dir, &["restore", "--list"]);
    list.ok();
    let rows: Vec<&str> = list.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "one row per backup:\n{}", list.stdout);
    for row in &rows {
        assert!(row.ends_with("good"), "{row}");
        assert!(row.contains("backups"), "{row}");
    }
    assert_eq!(fs::read(&file).unwrap(), bad, "--list changes nothing");

    let restored = tw_run(&dir, &["restore"]);
    restored
        .ok()
        .stdout_has(&["Restored \"sam\"", "kept at", ".damaged-"]);

    let report = status_json(&dir, &[]);
    assert_eq!(report["workbook"], "Sam");
    assert_eq!(report["stages"].as_array().unwrap().len(), 7);

    let damaged: Vec<String> = crate::support::file_names(&dir)
        .into_iter()
        .filter(|n| n.starts_with("sam.json.damaged-"))
        .collect();
    assert_eq!(damaged.len(), 1, "{:?}", crate::support::file_names(&dir));
    assert!(restored.stdout.contains(&damaged[0]));
    assert_eq!(fs::read(dir.join(&damaged[0])).unwrap(), bad);

    // The kept file is not mistaken for a workbook.
    assert_eq!(status_json(&dir, &[])["workbook"], "Sam");
}

#[test]
fn restore_a_chosen_backup() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    save_times(&dir, "sam", 2);
    corrupt(&dir.join("sam.json"));

    let list = tw_run(&dir, &["restore", "--list"]);
    list.ok();
    let oldest = list.stdout.lines().last().unwrap();
    let path = oldest.split("  ").nth(1).unwrap();
    assert!(Path::new(path).is_file(), "{path}");

    tw_run(&dir, &["restore", "--backup", path])
        .ok()
        .stdout_has(&["Restored"]);
    assert_eq!(status_json(&dir, &[])["workbook"], "Sam");
}

#[test]
fn restore_refuses_a_file_that_is_not_a_backup() {
    let (tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    save_times(&dir, "sam", 1);
    let stranger = tmp.path().join("stranger.json");
    fs::write(&stranger, "{}").unwrap();
    let before = fs::read(dir.join("sam.json")).unwrap();

    tw_run(
        &dir,
        &["restore", "--force", "--backup", stranger.to_str().unwrap()],
    )
    .failed()
    .stderr_has(&["stranger.json", "is not a backup", "restore --list"]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), before);
}

#[test]
fn restore_without_backups_says_so() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let bad = corrupt(&dir.join("sam.json"));

    tw_run(&dir, &["restore", "--list"])
        .ok()
        .stdout_has(&["no backups"]);
    tw_run(&dir, &["restore"])
        .failed()
        .stderr_has(&["no backup", "sam"]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), bad);
    assert_eq!(crate::support::file_names(&dir), ["sam.json"]);
}

#[test]
fn restore_without_workbooks_says_how_to_create_one() {
    let (_tmp, dir) = data_dir();
    tw_run(&dir, &["restore", "--list"])
        .failed()
        .stderr_has(&["no workbooks"]);
}

// ---------------------------------------------------------------- lock

#[test]
fn an_open_workbook_is_not_opened_twice() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let key = WorkbookKey("sam".to_string());
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&key).unwrap();
    let lock = store.lock_path_of(&key);
    assert!(lock.is_file());

    let pid = format!("pid {}", std::process::id());
    tw_run(&dir, &[]).failed().stderr_has(&[
        "\"Sam\" is already open",
        &pid,
        &lock.display().to_string(),
    ]);
    // Listing backups needs no lock.
    tw_run(&dir, &["restore", "--list"]).ok();
    // Reading needs no lock.
    assert_eq!(status_json(&dir, &[])["workbook"], "Sam");
    assert!(lock.is_file(), "the refused run left our lock alone");

    drop(store);
    assert!(!lock.exists(), "dropping the store releases the lock");
    assert_eq!(status_json(&dir, &[])["workbook"], "Sam");
    assert_eq!(crate::support::file_names(&dir), ["sam.json"]);
}

#[test]
fn restore_is_refused_while_the_workbook_is_open() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    save_times(&dir, "sam", 1);
    let key = WorkbookKey("sam".to_string());
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&key).unwrap();
    let before = fs::read(dir.join("sam.json")).unwrap();

    let pid = format!("pid {}", std::process::id());
    tw_run(&dir, &["restore", "--force"])
        .failed()
        .stderr_has(&["already open", &pid]);
    assert_eq!(fs::read(dir.join("sam.json")).unwrap(), before);
    assert!(
        !crate::support::file_names(&dir)
            .iter()
            .any(|n| n.contains("damaged"))
    );
}

// ---------------------------------------------------------------- content

/// A copy of the shipped stage files in a temp dir, to break.
fn content_copy() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    tmp
}

#[test]
fn content_dir_with_the_shipped_files_works() {
    let (_tmp, dir) = data_dir();
    let content = content_copy();
    create(&dir, "Sam", "hurt");
    let report = status_json(&dir, &["--content-dir", content.path().to_str().unwrap()]);
    assert_eq!(report["stages"].as_array().unwrap().len(), 7);
}

#[test]
fn content_dir_with_a_duplicate_step_id_is_refused() {
    let (_tmp, dir) = data_dir();
    let content = content_copy();
    let file = content.path().join("02-communicate.toml");
    let text = fs::read_to_string(&file).unwrap();
    // Give the second step the id of the first.
    let step_id = |chunk: &str| {
        let line = chunk.lines().find(|l| l.starts_with("id = ")).unwrap();
        line.trim_start_matches("id = ")
            .trim_matches('"')
            .to_string()
    };
    let chunks: Vec<&str> = text.split("[[steps]]").collect();
    assert!(chunks.len() > 2, "the stage has at least two steps");
    let (first, second) = (step_id(chunks[1]), step_id(chunks[2]));
    let second_at = text.match_indices("[[steps]]").nth(1).unwrap().0;
    let (head, tail) = text.split_at(second_at);
    let tail = tail.replacen(
        &format!("id = \"{second}\""),
        &format!("id = \"{first}\""),
        1,
    );
    fs::write(&file, format!("{head}{tail}")).unwrap();

    create(&dir, "Sam", "hurt");
    let content_dir = content.path().to_str().unwrap();
    for args in [&["status"][..], &[]] {
        let mut args = args.to_vec();
        args.extend(["--content-dir", content_dir]);
        tw_run(&dir, &args).failed().stderr_has(&[
            "content is not valid",
            &file.display().to_string(),
            "duplicate step id",
            &format!("communicate/{first}"),
        ]);
    }
}

#[test]
fn content_dir_with_bad_toml_is_refused() {
    let (_tmp, dir) = data_dir();
    let content = content_copy();
    let file = content.path().join("05-self-care.toml");
    fs::write(&file, "id = \"self-care\"\ntitle = [unclosed\n").unwrap();
    create(&dir, "Sam", "hurt");
    tw_run(
        &dir,
        &["status", "--content-dir", content.path().to_str().unwrap()],
    )
    .failed()
    .stderr_has(&[
        "content is not valid",
        &file.display().to_string(),
        "line 2",
    ]);
}

#[test]
fn content_dir_without_stage_files_is_refused() {
    let (tmp, dir) = data_dir();
    let empty = tmp.path().join("no-content");
    fs::create_dir(&empty).unwrap();
    tw_run(&dir, &["status", "--content-dir", empty.to_str().unwrap()])
        .failed()
        .stderr_has(&["no stage files", &empty.display().to_string()]);

    let missing = tmp.path().join("missing");
    tw_run(
        &dir,
        &["status", "--content-dir", missing.to_str().unwrap()],
    )
    .failed()
    .stderr_has(&["could not read content", &missing.display().to_string()]);
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any printable name with a visible character round-trips through
    /// `new` and `status --json`, and `--workbook` finds it in any case.
    #[test]
    fn names_round_trip(name in "[A-Za-z0-9 &'é信-]{0,12}[A-Za-z信][A-Za-z0-9 ]{0,6}") {
        let (_tmp, dir) = data_dir();
        // `--name=` so a name starting with `-` is not taken for a flag.
        let arg = format!("--name={name}");
        tw_run(&dir, &["new", &arg, "--role", "both"]).ok();
        let report = status_json(&dir, &[]);
        prop_assert_eq!(report["workbook"].as_str().unwrap(), name.trim());
        let upper = name.to_uppercase();
        let picked = status_json(&dir, &[&format!("--workbook={upper}")]);
        prop_assert_eq!(&picked["workbook"], &report["workbook"]);
    }
}

#[test]
fn an_exact_name_wins_over_a_case_insensitive_match() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Other", "hurt");
    create(&dir, "other", "caused");
    let run = tw_run(&dir, &["status", "--json", "--workbook", "other"]);
    let report: Value = serde_json::from_str(&run.ok().stdout).unwrap();
    assert_eq!(report["role"], "caused");
}

#[test]
fn a_damaged_workbook_names_the_exact_restore_command() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    create(&dir, "Alex", "hurt");
    save_times(&dir, "sam", 1);
    corrupt(&dir.join("sam.json"));
    tw_run(&dir, &["status", "--workbook", "Alex"]).ok();
    tw_run(&dir, &["status", "--workbook", "sam"])
        .failed()
        .stderr_has(&["trustwork restore --workbook sam --data-dir"]);
    tw_run(&dir, &["restore", "--workbook", "sam"]).ok();
}

#[test]
fn a_missing_workbook_file_is_reported_while_its_journal_and_backups_remain() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "kept in the journal"]).ok();
    std::fs::remove_file(dir.join("sam.json")).unwrap();
    let before = files(&dir);
    let status = tw_run(&dir, &["status"]);
    let said = format!("{}{}", status.stdout, status.stderr);
    assert!(!said.contains("no workbooks yet"), "{said}");
    assert!(said.contains("missing"), "{said}");
    // And a folder where the file should be is reported the same way.
    std::fs::create_dir(dir.join("sam.json")).unwrap();
    let status = tw_run(&dir, &["status"]);
    assert!(format!("{}{}", status.stdout, status.stderr).contains("missing"));
    std::fs::remove_dir(dir.join("sam.json")).unwrap();
    assert_eq!(files(&dir), before, "nothing was written");
}

/// A workbook name read from the file is printed without its control
/// characters: an escape code in it cannot reach the terminal.
#[test]
fn status_prints_a_name_without_its_escape_codes() {
    let (_tmp, dir) = crate::support::cli::with_sam();
    crate::support::cli::edit_workbook(&dir, "sam", |workbook, _| {
        workbook.name = "Sam\u{1b}[31mRED\u{7}".into();
    });
    let run = crate::support::cli::tw_run(&dir, &["status"]);
    run.ok();
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(!run.stdout.contains('\u{7}'), "{:?}", run.stdout);
    assert!(run.stdout.starts_with("Sam[31mRED ("), "{:?}", run.stdout);
}
