#![allow(clippy::unwrap_used)]
//! `trustwork export` and `trustwork import`: the Markdown document (a
//! snapshot of the pure renderer, and a black-box run), and JSON round
//! trips between data folders, merges and refusals.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::cli::*;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;
use trustwork::domain::{
    Answer, AnswerValue, CheckIn, CommitmentCheck, Journal, JournalEntry, Mood, Participant, Role,
    Scores, Workbook, now,
};
use trustwork::export::{ExportOptions, markdown};
use trustwork::storage::{JsonStore, Store, WorkbookKey};
use uuid::Uuid;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn text(value: &str) -> AnswerValue {
    AnswerValue::Text(value.into())
}

/// A workbook with something in every section, fixed to the second.
fn fixed_workbook() -> (Workbook, Journal) {
    let mut wb = crate::support::workbook("Sam", Role::Hurt);
    wb.participants[0].id = Uuid::from_u128(1);
    wb.participants.push(Participant {
        id: Uuid::from_u128(2),
        name: "Alex".into(),
        role: Role::Caused,
        key: None,
        recipient: None,
    });
    let answers = [
        (
            "acknowledge/name-what-happened/kind-of-breach",
            AnswerValue::Choice(BTreeSet::from([2, 3])),
        ),
        (
            "acknowledge/name-what-happened/what-happened",
            text(
                "I found the messages in May.\nIt had been going on since winter.\n\n# not a heading",
            ),
        ),
        (
            "acknowledge/checkout/ready-to-move-on",
            AnswerValue::Scale(7),
        ),
        (
            "acknowledge/checkout/still-open",
            text("Whether I can believe the apology."),
        ),
        (
            "accountability/commitments/my-commitments",
            text("- Home by 7 on weeknights\n- Phone stays unlocked\n"),
        ),
        (
            "boundaries/agreements/acceptable",
            text("Evenings out with friends are fine"),
        ),
        (
            "boundaries/agreements/not-acceptable",
            text("Deleting messages"),
        ),
        (
            "acknowledge/retired-step/gone",
            text("An answer to a question that was removed."),
        ),
        ("communicate/listen/empty", text("   ")),
    ];
    for (id, value) in answers {
        wb.progress.answers.insert(
            id.into(),
            Answer {
                value,
                updated_at: at("2026-11-21T19:00:00+01:00"),
                author: None,
                private: false,
            },
        );
    }
    wb.progress
        .stages_completed
        .insert("acknowledge".into(), at("2026-11-21T20:00:00+01:00"));
    let checkin = |n: u128, when: &str, author: u128, trust: u8, note: &str| CheckIn {
        id: Uuid::from_u128(100 + n),
        created_at: at(when),
        author: Uuid::from_u128(author),
        scores: Scores {
            trust,
            safety: 6,
            communication: 5,
            commitment: 8,
        },
        note: note.into(),
        commitments: Vec::new(),
        private: None,
    };
    let mut second = checkin(2, "2026-11-28T21:00:00+01:00", 2, 5, "");
    second.commitments = vec![
        CommitmentCheck {
            commitment: "Home by 7 on weeknights".into(),
            kept: true,
        },
        CommitmentCheck {
            commitment: "Phone stays unlocked".into(),
            kept: false,
        },
    ];
    wb.checkins = vec![
        checkin(
            1,
            "2026-11-21T21:00:00+01:00",
            1,
            3,
            "Talked | a little\nthen stopped",
        ),
        second,
    ];
    let entry = |n: u128, when: &str, author: u128, title: &str, body: &str| JournalEntry {
        id: Uuid::from_u128(200 + n),
        created_at: at(when),
        edited_at: at(when),
        author: Uuid::from_u128(author),
        stage: None,
        mood: None,
        title: title.into(),
        body: body.into(),
        deleted_at: None,
        reflection: None,
        private: false,
        source: None,
        sealed: None,
    };
    let mut talk = entry(
        1,
        "2026-11-21T22:10:00+01:00",
        1,
        "After the talk",
        "It was hard.\n\nBut we listened.",
    );
    talk.stage = Some("acknowledge".into());
    talk.mood = Some(Mood::Sad);
    let mut binned = entry(
        3,
        "2026-11-23T08:00:00+01:00",
        1,
        "Binned",
        "Should not appear",
    );
    binned.deleted_at = Some(at("2026-11-23T09:00:00+01:00"));
    let journal = Journal::from_entries(vec![
        entry(2, "2026-11-22T08:00:00+01:00", 2, "", "Slept badly."),
        talk,
        binned,
    ]);
    (wb, journal)
}

#[test]
fn markdown_export_snapshot() {
    let (workbook, journal) = fixed_workbook();
    let text = markdown::render(
        &crate::support::content(),
        &workbook,
        &journal,
        &ExportOptions::default(),
        trustwork::domain::Clock::Fixed(at("2026-11-30T10:00:00+01:00")),
    );
    insta::assert_snapshot!("markdown_export", text);
}

#[test]
fn markdown_export_narrowed_to_a_stage_and_a_date() {
    let (workbook, journal) = fixed_workbook();
    let render = |options: &ExportOptions| {
        markdown::render(
            &crate::support::content(),
            &workbook,
            &journal,
            options,
            trustwork::domain::Clock::Fixed(at("2026-11-30T10:00:00+01:00")),
        )
    };
    let stage = render(&ExportOptions {
        stage: Some("accountability".into()),
        ..ExportOptions::default()
    });
    assert!(stage.contains("## Commitments"), "{stage}");
    assert!(stage.contains("### 3. Accountability"), "{stage}");
    for absent in [
        "### 1. Acknowledge",
        "## Agreements",
        "## Journal",
        "Other answers",
    ] {
        assert!(!stage.contains(absent), "{absent} in:\n{stage}");
    }
    assert!(
        stage.contains("## Check-ins"),
        "check-ins belong to no stage"
    );

    let since = render(&ExportOptions {
        since: NaiveDate::from_ymd_opt(2026, 11, 22),
        ..ExportOptions::default()
    });
    assert!(since.contains("Slept badly."), "{since}");
    assert!(!since.contains("After the talk"), "{since}");
    assert!(!since.contains("Talked"), "{since}");
    assert!(since.contains("| 2026-11-28 | Alex | 5 |"), "{since}");
    assert!(since.contains("from 22 November 2026 on"), "{since}");
}

// ---------------------------------------------------------------- export (binary)

/// Sam with a bit of everything, written the way a user would.
fn sam_with_content() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = with_sam();
    tw_run(
        &dir,
        &[
            "journal",
            "add",
            "--stage",
            "2",
            "--mood",
            "hopeful",
            "We talked | calmly",
        ],
    )
    .ok();
    tw_run(
        &dir,
        &["journal", "add", "--title", "To bin", "soon in the trash"],
    )
    .ok();
    tw_run(
        &dir,
        &[
            "checkin",
            "--trust",
            "4",
            "--safety",
            "6",
            "--communication",
            "5",
            "--commitment",
            "7",
            "--note",
            "a | b",
        ],
    )
    .ok();
    edit_workbook(&dir, "sam", |workbook, journal| {
        workbook.progress.answers.insert(
            "acknowledge/name-what-happened/what-happened".into(),
            Answer {
                value: text("I found the messages."),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
        let bin = journal
            .entries()
            .iter()
            .find(|e| e.title == "To bin")
            .unwrap()
            .id;
        journal.delete_at(bin, trustwork::domain::now());
    });
    (tmp, dir)
}

#[test]
fn markdown_export_from_the_command_line() {
    let (_tmp, dir) = sam_with_content();
    let before = files(&dir);
    let run = tw_run(&dir, &["export", "--format", "md"]);
    run.ok().stdout_has(&[
        "# Trust workbook: Sam\n",
        "- About: Sam, a partner or spouse",
        "## Stages\n",
        "### 1. Acknowledge\n",
        "**Describe what happened and roughly when, as plainly as you can.**\n\nI found the messages.\n",
        "## Check-ins\n",
        "| Date | Who | Trust | Safety | Communication | Commitment | Note |",
        "| Me | 4 | 6 | 5 | 7 | a \\| b |",
        "## Journal\n",
        "Stage: Communicate · Mood: hopeful",
        "We talked | calmly",
    ]);
    assert!(!run.stdout.contains("trash"), "{}", run.stdout);
    assert!(!run.stdout.contains("To bin"), "{}", run.stdout);
    assert_eq!(files(&dir), before, "export writes nothing in the data dir");
}

#[test]
fn export_to_a_file_is_private_and_says_where_it_went() {
    let (tmp, dir) = sam_with_content();
    let out = tmp.path().join("for-counsellor.md");
    let run = tw_run(
        &dir,
        &["export", "--format", "md", "-o", out.to_str().unwrap()],
    );
    run.ok()
        .stdout_has(&["Wrote \"Sam\" to", &out.display().to_string()]);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Trust workbook: Sam")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // Never into the data folder, where it could replace a workbook.
    let before = files(&dir);
    let inside = dir.join("sam.json");
    tw_run(
        &dir,
        &["export", "--format", "json", "-o", inside.to_str().unwrap()],
    )
    .refused()
    .stderr_has(&["inside the folder where workbooks are kept"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn export_refuses_bad_arguments() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["export"])
        .usage_error()
        .stderr_has(&["--format"]);
    tw_run(&dir, &["export", "--format", "pdf"])
        .usage_error()
        .stderr_has(&["pdf", "md", "json"]);
    tw_run(&dir, &["export", "--format", "md", "--stage", "nine"])
        .refused()
        .stderr_has(&["no stage \"nine\""]);
    tw_run(&dir, &["export", "--format", "md", "--since", "soon"])
        .usage_error()
        .stderr_has(&["YYYY-MM-DD"]);
    tw_run(&dir, &["export", "--format", "md", "-w", "nobody"])
        .refused()
        .stderr_has(&["no workbook called \"nobody\""]);

    let (_tmp, missing) = data_dir();
    tw_run(&missing, &["export", "--format", "json"])
        .refused()
        .stderr_has(&["no workbooks"]);
    assert!(!missing.exists(), "export does not create the data dir");
}

#[test]
fn export_works_while_the_workbook_is_open() {
    let (_tmp, dir) = sam_with_content();
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&WorkbookKey("sam".into())).unwrap();
    tw_run(&dir, &["export", "--format", "json"]).ok();
}

#[test]
fn a_narrowed_json_export_says_it_is_partial() {
    let (_tmp, dir) = sam_with_content();
    let full: Value =
        serde_json::from_str(&tw_run(&dir, &["export", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        full["journal"].as_array().unwrap().len(),
        2,
        "trash included"
    );
    assert_eq!(full["name"], "Sam");
    assert_eq!(full["schema_version"], trustwork::domain::SCHEMA_VERSION);

    let run = tw_run(
        &dir,
        &["export", "--format", "json", "--stage", "communicate"],
    );
    run.ok().stderr_has(&["only part"]);
    let part: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(part["journal"].as_array().unwrap().len(), 1);
    assert_eq!(part["checkins"].as_array().unwrap().len(), 1);
    let run = tw_run(
        &dir,
        &["export", "--format", "json", "--since", "2999-01-01"],
    );
    let later: Value = serde_json::from_str(&run.ok().stdout).unwrap();
    assert!(later["journal"].as_array().unwrap().is_empty());
    assert!(later["checkins"].as_array().unwrap().is_empty());
}

// ---------------------------------------------------------------- import

/// Exports `dir`'s only workbook as JSON to `file`.
fn export_json(dir: &Path, file: &Path) -> Vec<u8> {
    tw_run(
        dir,
        &["export", "--format", "json", "-o", file.to_str().unwrap()],
    )
    .ok();
    fs::read(file).unwrap()
}

fn import(dir: &Path, file: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    tw_run(dir, &args)
}

#[test]
fn export_then_import_elsewhere_gives_the_same_workbook() {
    let (tmp, a) = sam_with_content();
    let b = tmp.path().join("elsewhere");
    let from_a = export_json(&a, &tmp.path().join("a.json"));

    import(&b, &tmp.path().join("a.json"), &["--yes"])
        .ok()
        .stdout_has(&[
            "Will create the workbook \"Sam\" with 2 journal entries, 1 check-in, 1 answer.",
            "Imported \"Sam\"",
        ]);
    let from_b = export_json(&b, &tmp.path().join("b.json"));
    assert_eq!(
        String::from_utf8(from_b).unwrap(),
        String::from_utf8(from_a).unwrap()
    );
    assert_eq!(
        fs::read(b.join("sam.json")).unwrap(),
        fs::read(a.join("sam.json")).unwrap()
    );

    // The same file again adds nothing, and writes nothing.
    let before = files(&b);
    import(&b, &tmp.path().join("a.json"), &["--yes"])
        .ok()
        .stdout_has(&["Nothing to add: \"Sam\" already has everything"]);
    assert_eq!(files(&b), before);
}

#[test]
fn import_merges_into_the_same_workbook_without_duplicates() {
    let (tmp, a) = sam_with_content();
    let first = tmp.path().join("first.json");
    export_json(&a, &first);
    let b = tmp.path().join("b");
    import(&b, &first, &["--yes"]).ok();

    // Both sides go on: B writes its own entry and changes an answer,
    // A writes a new entry and checks in again.
    tw_run(&b, &["journal", "add", "written on B"]).ok();
    edit_workbook(&b, "sam", |workbook, _| {
        workbook
            .progress
            .answers
            .get_mut("acknowledge/name-what-happened/what-happened")
            .unwrap()
            .value = text("B's own words.");
    });
    tw_run(&a, &["journal", "add", "written on A later"]).ok();
    let checkin = [
        "checkin",
        "--trust",
        "6",
        "--safety",
        "6",
        "--communication",
        "6",
        "--commitment",
        "6",
    ];
    tw_run(&a, &checkin).ok();
    let second = tmp.path().join("second.json");
    export_json(&a, &second);

    // No terminal to ask and no --yes: the plan, and nothing written.
    let before = files(&b);
    let plan = "Will add to \"Sam\": 1 journal entry, 1 check-in. \
                1 answer differs and is kept as it is here.";
    import(&b, &second, &[])
        .refused()
        .stdout_has(&[plan])
        .stderr_has(&["nothing was written", "Run again with --yes"]);
    import(&b, &second, &["--dry-run"])
        .ok()
        .stdout_has(&[plan, "Dry run: nothing was written."]);
    assert_eq!(files(&b), before);

    import(&b, &second, &["--yes"])
        .ok()
        .stdout_has(&[plan, "Imported into \"Sam\"."]);
    let items = list_json(&b, &[]);
    let bodies: BTreeSet<&str> = items.iter().map(|i| i["body"].as_str().unwrap()).collect();
    assert_eq!(
        bodies,
        BTreeSet::from([
            "B's own words.",
            "We talked | calmly",
            "written on A later",
            "written on B",
        ])
    );
    let trash = list_json(&b, &["--trash"]);
    assert_eq!(trash.len(), 1);
    let doc = read_json(&b.join("sam.json"));
    assert_eq!(doc["checkins"].as_array().unwrap().len(), 2);
    assert_eq!(
        crate::support::file_names(&b)
            .iter()
            .filter(|n| n.ends_with(".json"))
            .count(),
        1
    );

    import(&b, &second, &["--yes"]).ok().stdout_has(&[
        "Nothing to add",
        "1 answer differs and is kept as it is here.",
    ]);
}

#[test]
fn a_workbook_of_the_same_name_but_another_id_is_kept_apart() {
    let (tmp, a) = sam_with_content();
    let file = tmp.path().join("a.json");
    export_json(&a, &file);
    let (_tmp_b, b) = with_sam();
    import(&b, &file, &["--yes"])
        .ok()
        .stdout_has(&["Will create the workbook \"Sam\"", "sam-2.json"]);
    assert_eq!(
        crate::support::file_names(&b)
            .into_iter()
            .filter(|n| n.ends_with(".json"))
            .collect::<Vec<_>>(),
        ["sam-2.json", "sam.json"]
    );
}

#[test]
fn import_refuses_a_newer_schema() {
    let (tmp, a) = with_sam();
    let file = tmp.path().join("a.json");
    let mut doc: Value = serde_json::from_slice(&export_json(&a, &file)).unwrap();
    doc["schema_version"] = 99.into();
    fs::write(&file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();

    let b = tmp.path().join("b");
    import(&b, &file, &["--yes"]).refused().stderr_has(&[
        "newer trustwork",
        "99",
        "Nothing was imported",
        "update trustwork",
    ]);
    assert!(!b.exists(), "nothing written, not even the data dir");
}

#[test]
fn import_refuses_a_file_it_cannot_read() {
    let (tmp, dir) = with_sam();
    let before = files(&dir);
    let file = tmp.path().join("broken.json");
    fs::write(&file, "{\n  \"schema_version\": 2,\n  oops\n}\n").unwrap();
    import(&dir, &file, &["--yes"]).refused().stderr_has(&[
        "broken.json",
        "(line 3, column 3)",
        "Nothing was imported",
    ]);

    let mut doc = read_json(&dir.join("sam.json"));
    doc["checkins"] = serde_json::json!([{
        "id": Uuid::from_u128(7), "created_at": "2026-11-20T21:30:00+00:00",
        "author": doc["participants"][0]["id"], "trust": 11, "safety": 1,
        "communication": 1, "commitment": 1
    }]);
    fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    import(&dir, &file, &["--yes"])
        .refused()
        .stderr_has(&["score above 10"]);

    import(&dir, &tmp.path().join("missing.json"), &["--yes"])
        .refused()
        .stderr_has(&["could not read", "missing.json"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn import_reads_plain_workbook_files_of_older_schemas() {
    let (tmp, dir) = data_dir();
    let file = tmp.path().join("old.json");
    let v1 = serde_json::json!({
        "schema_version": 1,
        "id": "0190d3a2-0000-7000-8000-000000000001",
        "name": "Old friend",
        "relationship": "friend",
        "role": "caused",
        "created_at": "2025-01-01T10:00:00+00:00",
        "updated_at": "2025-01-01T10:00:00+00:00",
        "progress": {}
    });
    fs::write(&file, serde_json::to_vec_pretty(&v1).unwrap()).unwrap();
    import(&dir, &file, &["--yes"])
        .ok()
        .stdout_has(&["Will create the workbook \"Old friend\" (nothing written in it yet)."]);
    let doc = read_json(&dir.join("old-friend.json"));
    assert_eq!(doc["schema_version"], trustwork::domain::SCHEMA_VERSION);
    assert_eq!(doc["id"], "0190d3a2-0000-7000-8000-000000000001");
    assert_eq!(doc["participants"][0]["role"], "caused");
    assert_eq!(status_json(&dir, &[])["role"], "caused");

    // A plain schema-2 workbook file merges by id like an export.
    import(&dir, &dir.join("old-friend.json"), &["--yes"])
        .ok()
        .stdout_has(&["Nothing to add"]);
}

#[cfg(unix)]
#[test]
fn export_output_leaves_links_devices_and_pipes_alone() {
    let (_tmp, dir) = with_sam();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("real.md");
    std::fs::write(&target, "mine").unwrap();
    let link = outside.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let folder = outside.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    for path in [link.as_path(), folder.as_path(), Path::new("/dev/null")] {
        let out = path.to_str().unwrap();
        tw_run(&dir, &["export", "--format", "md", "--output", out])
            .refused()
            .stderr_has(&["not a regular file"]);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert!(Path::new("/dev/null").exists());
}
