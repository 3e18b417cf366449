#![allow(clippy::unwrap_used)]
//! Black-box tests of `trustwork journal …` and `trustwork checkin`: the
//! real binary against a temporary data dir, as a script would use them.

use std::fs;

use crate::support::cli::*;
use chrono::{Duration, Local};
use serde_json::Value;
use trustwork::domain::{Answer, AnswerValue, CheckIn, Scores, now};
use trustwork::storage::{JsonStore, Store, WorkbookKey};

fn sam_key() -> WorkbookKey {
    WorkbookKey("sam".to_string())
}

// ---------------------------------------------------------------- journal add

#[test]
fn an_entry_added_from_the_command_line_is_listed_and_found() {
    let (_tmp, dir) = with_sam();
    let added = tw_run(
        &dir,
        &[
            "journal",
            "add",
            "--stage",
            "acknowledge",
            "--mood",
            "Sad",
            "--title",
            "After the call",
            "Viel",
            "ärger",
            "heute.",
        ],
    );
    added
        .ok()
        .stdout_has(&["Added a journal entry to \"Sam\"", "("]);
    assert!(
        dir.join("sam.journal.jsonl").is_file(),
        "{:?}",
        files(&dir).keys()
    );

    let list = tw_run(&dir, &["journal", "list"]);
    list.ok()
        .stdout_has(&["[acknowledge]", "(sad)", "After the call"]);
    assert_eq!(list.stdout.lines().count(), 1, "{}", list.stdout);

    // Upper case finds lower case, beyond ASCII too.
    let found = tw_run(&dir, &["journal", "search", "ÄRGER"]);
    found
        .ok()
        .stdout_has(&["After the call", "Viel «ärger» heute."]);
    assert!(
        !found.stdout.contains('\u{1b}'),
        "no colour codes into a pipe: {:?}",
        found.stdout
    );

    let items: Vec<Value> =
        serde_json::from_str(&tw_run(&dir, &["journal", "search", "ärger", "--json"]).stdout)
            .unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["body"], "Viel ärger heute.");
}

#[test]
fn the_text_can_come_from_stdin() {
    let (_tmp, dir) = with_sam();
    tw_input(
        &dir,
        &["journal", "add", "--title", "Piped"],
        "\nfirst line\n\nsecond line\n",
    )
    .ok();
    let items = list_json(&dir, &[]);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["kind"], "entry");
    assert_eq!(item["title"], "Piped");
    assert_eq!(item["body"], "first line\n\nsecond line");
    assert_eq!(item["author"], "Me");
    assert!(item["id"].is_string());
    assert!(item.get("answer").is_none());
    assert_eq!(item["stage"], Value::Null);
    assert_eq!(item["mood"], Value::Null);
    assert!(item["created_at"].as_str().unwrap().contains('T'));
}

#[test]
fn an_empty_entry_is_refused_and_nothing_is_written() {
    let (_tmp, dir) = with_sam();
    let before = files(&dir);
    for input in ["", "  \n\n\t\n"] {
        tw_input(&dir, &["journal", "add", "--mood", "calm"], input)
            .refused()
            .stderr_has(&["empty", "nothing was written"]);
    }
    tw_run(&dir, &["journal", "add", "  "]).refused();
    assert_eq!(files(&dir), before);
}

#[test]
fn stages_are_taken_by_id_or_number_and_unknown_ones_refused() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "--stage", "3", "by number"]).ok();
    tw_run(&dir, &["journal", "add", "--stage", "self-care", "by id"]).ok();
    let stages: Vec<Value> = list_json(&dir, &[])
        .iter()
        .map(|i| i["stage"].clone())
        .collect();
    assert_eq!(stages, ["self-care", "accountability"]);

    let before = files(&dir);
    for stage in ["8", "0", "healing", ""] {
        let run = tw_run(&dir, &["journal", "add", "--stage", stage, "text"]);
        run.refused().stderr_has(&["no stage", "1 acknowledge"]);
        run.stderr_has(&crate::support::STAGE_IDS);
    }
    tw_run(&dir, &["journal", "list", "--stage", "healing"])
        .refused()
        .stderr_has(&["no stage \"healing\""]);
    assert_eq!(files(&dir), before);
}

#[test]
fn an_unknown_mood_is_refused_with_the_list() {
    let (_tmp, dir) = with_sam();
    let before = files(&dir);
    tw_run(&dir, &["journal", "add", "--mood", "grumpy", "text"])
        .usage_error()
        .stderr_has(&[
            "grumpy",
            "--mood",
            "calm, hopeful, sad, angry, anxious, numb",
        ]);
    tw_run(&dir, &["journal", "list", "--mood", "grumpy"]).usage_error();
    assert_eq!(files(&dir), before);
}

#[test]
fn the_author_is_chosen_by_name() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "--as", " me ", "mine"]).ok();
    assert_eq!(list_json(&dir, &[])[0]["author"], "Me");

    let before = files(&dir);
    tw_run(&dir, &["journal", "add", "--as", "Alex", "not mine"])
        .refused()
        .stderr_has(&["nobody called \"Alex\"", "Me"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn an_unknown_workbook_is_refused_and_no_data_dir_is_made() {
    let (_tmp, dir) = with_sam();
    let before = files(&dir);
    tw_run(&dir, &["journal", "add", "-w", "nobody", "text"])
        .refused()
        .stderr_has(&["no workbook called \"nobody\"", "Sam"]);
    tw_run(&dir, &["journal", "list", "-w", "nobody"]).refused();
    assert_eq!(files(&dir), before);

    let (_tmp, missing) = data_dir();
    tw_run(&missing, &["journal", "add", "text"])
        .refused()
        .stderr_has(&["no workbooks"]);
    tw_run(&missing, &["journal", "search", "x"]).refused();
    assert!(!missing.exists(), "the data dir is not created");
}

#[test]
fn an_open_workbook_takes_a_journal_entry_but_no_other_write() {
    let (_tmp, dir) = with_sam();
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&sam_key()).unwrap();
    let workbook = dir.join("sam.json");
    let lock = dir.join("sam.lock");
    let (workbook_before, lock_before) = (
        std::fs::read(&workbook).unwrap(),
        std::fs::read(&lock).unwrap(),
    );

    // A new entry is an append, which is safe beside whoever holds the
    // workbook (issue 18): it is written, and the holder takes it in.
    tw_run(&dir, &["journal", "add", "while open"]).ok();
    let pid = format!("pid {}", std::process::id());
    let checkin = checkin_args("5", None);
    tw_run(&dir, &checkin)
        .failed()
        .stderr_has(&["\"Sam\" is already open", &pid]);
    assert_eq!(std::fs::read(&workbook).unwrap(), workbook_before);
    assert_eq!(
        std::fs::read(&lock).unwrap(),
        lock_before,
        "our lock untouched"
    );
    let bodies: Vec<String> = list_json(&dir, &[])
        .iter()
        .map(|item| item["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies, ["while open"]);
    drop(store);
    tw_run(&dir, &checkin).ok();
}

#[test]
fn a_held_workbook_is_waited_for_with_a_message_unless_no_wait() {
    let (_tmp, dir) = with_sam();
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&sam_key()).unwrap();
    let checkin = checkin_args("5", None);
    let mut waiting = tw(&dir);
    waiting
        .env("TRUSTWORK_TEST_LOCK_WAIT_MS", "300")
        .args(&checkin);
    let started = std::time::Instant::now();
    run(&mut waiting).failed().stderr_has(&[
        "waiting up to 0.3 seconds",
        "--no-wait",
        "already open",
    ]);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));

    let mut at_once = tw(&dir);
    at_once
        .env("TRUSTWORK_TEST_LOCK_WAIT_MS", "300")
        .arg("--no-wait")
        .args(&checkin);
    let refused = run(&mut at_once);
    refused.failed().stderr_has(&["already open"]);
    assert!(!refused.stderr.contains("waiting"), "{}", refused.stderr);
}

#[test]
fn a_damaged_journal_is_not_written_to() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "first"]).ok();
    tw_run(&dir, &["journal", "add", "second"]).ok();
    let path = dir.join("sam.journal.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    let damaged = text.replacen('{', "{oops", 1);
    fs::write(&path, &damaged).unwrap();

    tw_run(&dir, &["journal", "add", "third"])
        .failed()
        .stderr_has(&["line 1", "could not be read as a journal entry"]);
    tw_run(&dir, &["journal", "list"])
        .failed()
        .stderr_has(&["line 1"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), damaged);
}

// ---------------------------------------------------------------- journal list

/// Sam with a written reflection, an entry in the trash and one left.
fn sam_with_reflection_and_trash() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "--title", "Binned", "gone"]).ok();
    tw_run(&dir, &["journal", "add", "--mood", "hopeful", "kept"]).ok();
    edit_workbook(&dir, "sam", |workbook, journal| {
        workbook.progress.answers.insert(
            "acknowledge/name-what-happened/what-happened".into(),
            Answer {
                value: AnswerValue::Text("I found the messages in May.".into()),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
        let binned = journal
            .entries()
            .iter()
            .find(|e| e.title == "Binned")
            .unwrap()
            .id;
        journal.delete_at(binned, trustwork::domain::now());
    });
    (tmp, dir)
}

#[test]
fn the_list_holds_reflections_and_leaves_out_the_trash() {
    let (_tmp, dir) = sam_with_reflection_and_trash();
    let list = tw_run(&dir, &["journal", "list"]);
    list.ok().stdout_has(&[
        "[acknowledge]",
        "reflection · Name what happened",
        "Describe what happened",
        "(hopeful)",
        "kept",
    ]);
    assert!(!list.stdout.contains("Binned"), "{}", list.stdout);
    // Newest first: the reflection was written last.
    assert!(list.stdout.lines().next().unwrap().contains("reflection"));

    let items = list_json(&dir, &[]);
    assert_eq!(items.len(), 2);
    let reflection = &items[0];
    assert_eq!(reflection["kind"], "reflection");
    assert_eq!(
        reflection["answer"],
        "acknowledge/name-what-happened/what-happened"
    );
    assert!(reflection.get("id").is_none());
    assert_eq!(reflection["step"], "Name what happened");
    assert_eq!(reflection["body"], "I found the messages in May.");

    let trash = list_json(&dir, &["--trash"]);
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0]["title"], "Binned");
    tw_run(&dir, &["journal", "list", "--trash"])
        .ok()
        .stdout_has(&["Binned"]);

    // A search does not reach into the trash either.
    tw_run(&dir, &["journal", "search", "gone"]).failed_quietly();
}

#[test]
fn the_list_filters_by_stage_mood_and_date() {
    let (_tmp, dir) = sam_with_reflection_and_trash();
    let titles = |extra: &[&str]| -> Vec<String> {
        list_json(&dir, extra)
            .iter()
            .map(|i| i["body"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&["--stage", "1"]), ["I found the messages in May."]);
    assert_eq!(titles(&["--mood", "hopeful"]), ["kept"]);
    let today = Local::now().date_naive();
    let tomorrow = (today + Duration::days(1)).to_string();
    assert_eq!(titles(&["--since", &today.to_string()]).len(), 2);
    assert!(titles(&["--since", &tomorrow]).is_empty());
    tw_run(&dir, &["journal", "list", "--since", &tomorrow])
        .ok()
        .stderr_has(&["No journal entries match"]);

    for bad in ["yesterday", "2026-13-01", "23.11.2026"] {
        tw_run(&dir, &["journal", "list", "--since", bad])
            .usage_error()
            .stderr_has(&["--since", "YYYY-MM-DD"]);
    }
}

#[test]
fn long_headlines_are_cut_on_a_character_boundary() {
    let (_tmp, dir) = with_sam();
    let title = "信頼".repeat(60);
    tw_run(&dir, &["journal", "add", "--title", &title, "text"]).ok();
    let list = tw_run(&dir, &["journal", "list"]);
    let line = list.ok().stdout.lines().next().unwrap().to_string();
    assert!(line.ends_with('…'), "{line}");
    let columns: usize = line
        .chars()
        .map(|c| if c == '信' || c == '頼' { 2 } else { 1 })
        .sum();
    assert!(columns <= 80, "{columns} columns: {line}");
}

#[test]
fn an_empty_journal_says_so() {
    let (_tmp, dir) = with_sam();
    let run = tw_run(&dir, &["journal", "list"]);
    run.ok().stderr_has(&["The journal is empty"]);
    assert!(run.stdout.is_empty());
    assert!(list_json(&dir, &[]).is_empty());
}

// ---------------------------------------------------------------- journal search

#[test]
fn a_search_without_hits_exits_with_1_like_grep() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "something else"]).ok();
    tw_run(&dir, &["journal", "search", "absent"])
        .failed_quietly()
        .stderr_has(&["Nothing in the journal of \"Sam\" matches"]);
    let run = tw_run(&dir, &["journal", "search", "absent", "--json"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout.trim(), "[]");

    tw_run(&dir, &["journal", "search", "  "])
        .refused()
        .stderr_has(&["word or phrase"]);
}

#[test]
fn search_marks_every_match_in_the_snippet() {
    let (_tmp, dir) = with_sam();
    let body = format!(
        "{} the Word and the word again {}",
        "lead ".repeat(20),
        "tail ".repeat(30)
    );
    tw_run(&dir, &["journal", "add", "--title", "Long one", &body]).ok();
    let run = tw_run(&dir, &["journal", "search", "WORD"]);
    let snippet = run.ok().stdout.lines().nth(1).unwrap().to_string();
    assert!(snippet.starts_with("    …"), "{snippet}");
    assert!(snippet.ends_with('…'), "{snippet}");
    assert!(
        snippet.contains("the «Word» and the «word» again"),
        "{snippet}"
    );
}

/// The search syntax, the same as the app's: all words, "phrases",
/// -excluded words.
#[test]
fn search_takes_several_words_phrases_and_exclusions() {
    let (_tmp, dir) = with_sam();
    tw_run(
        &dir,
        &["journal", "add", "--title", "Walk", "by the river, late"],
    )
    .ok();
    tw_run(
        &dir,
        &[
            "journal",
            "add",
            "--title",
            "Dinner",
            "the river view at dinner",
        ],
    )
    .ok();
    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["journal", "search", "--json"];
        all.extend_from_slice(args);
        let run = tw_run(&dir, &all);
        let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_default();
        let mut titles: Vec<String> = hits
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["title"].as_str().map(str::to_string))
            .collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(&["river"]), ["Dinner", "Walk"]);
    assert_eq!(titles(&["river walk"]), ["Walk"]);
    assert_eq!(titles(&["late river"]), ["Walk"]);
    assert_eq!(titles(&["river -late"]), ["Dinner"]);
    assert_eq!(titles(&["\"by the river\""]), ["Walk"]);
    assert_eq!(titles(&["\"river view\" -walk"]), ["Dinner"]);
    assert!(titles(&["\"the river by\""]).is_empty());
    tw_run(&dir, &["journal", "search", "-late"])
        .ok()
        .stdout_has(&["Dinner"]);
}

// ---------------------------------------------------------------- checkin

fn checkin_args<'a>(trust: &'a str, note: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec![
        "checkin",
        "--trust",
        trust,
        "--safety",
        "7",
        "--communication",
        "5",
        "--commitment",
        "8",
    ];
    if let Some(note) = note {
        args.extend(["--note", note]);
    }
    args
}

#[test]
fn a_check_in_is_saved_with_its_scores_and_note() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &checkin_args("6", Some("Talked | a little")))
        .ok()
        .stdout_has(&[
            "Saved a check-in to \"Sam\"",
            "trust 6, safety 7, communication 5, commitment 8",
            "first check-in",
        ]);
    let doc = read_json(&dir.join("sam.json"));
    let checkin = &doc["checkins"][0];
    assert_eq!(checkin["trust"], 6);
    assert_eq!(checkin["safety"], 7);
    assert_eq!(checkin["communication"], 5);
    assert_eq!(checkin["commitment"], 8);
    assert_eq!(checkin["note"], "Talked | a little");
    assert_eq!(checkin["author"], doc["participants"][0]["id"]);

    tw_run(&dir, &checkin_args("0", None))
        .ok()
        .stdout_has(&["earlier today"]);
    tw_run(&dir, &checkin_args("10", None)).ok();
    let doc = read_json(&dir.join("sam.json"));
    assert_eq!(doc["checkins"].as_array().unwrap().len(), 3);
    assert_eq!(doc["checkins"][2]["trust"], 10);
}

#[test]
fn a_check_in_says_how_long_it_has_been() {
    let (_tmp, dir) = with_sam();
    edit_workbook(&dir, "sam", |workbook, _| {
        let scores = Scores {
            trust: 1,
            safety: 2,
            communication: 3,
            commitment: 4,
        };
        let mut old = CheckIn::new(
            workbook.default_author(),
            scores,
            String::new(),
            trustwork::domain::now(),
        );
        old.created_at = now() - Duration::days(3);
        workbook.checkins.push(old);
    });
    tw_run(&dir, &checkin_args("4", None))
        .ok()
        .stdout_has(&["The last one was 3 days ago."]);
}

#[test]
fn scores_outside_0_to_10_are_refused_naming_the_flag() {
    let (_tmp, dir) = with_sam();
    let before = files(&dir);
    for bad in ["11", "-1", "abc", "3.5", "", "256"] {
        tw_run(&dir, &checkin_args(bad, None))
            .usage_error()
            .stderr_has(&["--trust", "whole number from 0 to 10"]);
    }
    let mut args = checkin_args("5", None);
    args.truncate(7);
    tw_run(&dir, &args)
        .usage_error()
        .stderr_has(&["required", "--commitment"]);
    tw_run(
        &dir,
        &checkin_args("5", None)
            .into_iter()
            .chain(["--as", "Alex"])
            .collect::<Vec<_>>(),
    )
    .refused()
    .stderr_has(&["nobody called \"Alex\""]);
    assert_eq!(files(&dir), before);
}

#[test]
fn times_are_shown_in_the_zone_of_whoever_reads_them() {
    let (_tmp, dir) = with_sam();
    let in_zone = |now: &str, args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_NOW", now).args(args);
        run(&mut cmd)
    };
    // Written at 21:00 in Berlin (the time the writer sees)…
    in_zone(
        "2026-12-03T21:00:00+01:00",
        &["journal", "add", "written in Berlin"],
    )
    .ok()
    .stdout_has(&["2026-12-03 21:00"]);
    // …read in Tokyo the next morning, where it was 05:00.
    let listed = in_zone("2026-12-04T08:00:00+09:00", &["journal", "list"]);
    listed
        .ok()
        .stdout_has(&["2026-12-04 05:00", "written in Berlin"]);
    assert!(!listed.stdout.contains("21:00"), "{}", listed.stdout);
    let markdown = in_zone(
        "2026-12-04T08:00:00+09:00",
        &["export", "--format", "markdown"],
    );
    markdown.ok().stdout_has(&["4 December 2026, 05:00"]);
    // A day in a filter is a day of the same calendar the times are
    // shown in: the entry shown on the 4th is found from the 4th on.
    in_zone(
        "2026-12-04T08:00:00+09:00",
        &["journal", "list", "--since", "2026-12-04"],
    )
    .ok()
    .stdout_has(&["written in Berlin"]);
    in_zone(
        "2026-12-04T08:00:00+09:00",
        &["export", "--format", "jrnl", "--since", "2026-12-04"],
    )
    .ok()
    .stdout_has(&["[2026-12-04 05:00] written in Berlin"]);
    // The saved time keeps its own offset: nothing is rewritten.
    let json = list_json(&dir, &[]);
    assert_eq!(json[0]["created_at"], "2026-12-03T21:00:00+01:00");
}

#[test]
fn journal_add_takes_a_date_as_people_say_it() {
    let (_tmp, dir) = with_sam();
    let add = |when: &str, text: &str| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_NOW", "2026-12-03T21:00:00+01:00")
            .args(["journal", "add", "--date", when, text]);
        run(&mut cmd)
    };
    add("yesterday 9pm", "from yesterday").ok();
    add("2024-05-01 21:00", "from may").ok();
    add("last friday", "from friday").ok();
    let store = JsonStore::new(&dir).unwrap();
    let journal = store.read_journal(&WorkbookKey("sam".into())).unwrap();
    let at = |body: &str| {
        journal
            .entries()
            .iter()
            .find(|e| e.body == body)
            .unwrap()
            .created_at
    };
    assert_eq!(
        at("from yesterday").to_rfc3339(),
        "2026-12-02T21:00:00+01:00"
    );
    assert_eq!(at("from may").to_rfc3339(), "2024-05-01T21:00:00+01:00");
    assert_eq!(at("from friday").date_naive().to_string(), "2026-11-27");
    add("the day after never", "x")
        .refused()
        .stderr_has(&["is not a time", "yesterday 9pm"]);
}

#[test]
fn journal_show_and_rm_by_id() {
    let (_tmp, dir) = with_sam();
    tw_run(
        &dir,
        &["journal", "add", "--title", "A title", "line one\nline two"],
    )
    .ok();
    let listed = list_json(&dir, &[]);
    let id = listed[0]["id"].as_str().unwrap().to_string();
    tw_run(&dir, &["journal", "show", &id])
        .ok()
        .stdout_has(&["A title", "line one\nline two"]);
    tw_run(&dir, &["journal", "show", "not-an-id"]).refused();
    tw_run(&dir, &["journal", "rm", &id])
        .ok()
        .stdout_has(&["Moved to the trash"]);
    assert!(list_json(&dir, &[]).is_empty());
    assert_eq!(list_json(&dir, &["--trash"]).len(), 1);
    tw_run(&dir, &["journal", "rm", &id]).refused();
}

#[test]
fn a_date_in_summer_keeps_summer_time_and_a_day_means_from_its_start() {
    let (_tmp, dir) = with_sam();
    if !std::path::Path::new("/usr/share/zoneinfo/Europe/London").exists() {
        println!("skipped: no time zone data here to read TZ=Europe/London");
        return;
    }
    // No fixed clock: the machine's zone, London, read in December.
    let london = |args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env_remove("TRUSTWORK_NOW")
            .env("TZ", "Europe/London")
            .args(args);
        run(&mut cmd)
    };
    london(&[
        "journal",
        "add",
        "--date",
        "2026-07-15 23:30",
        "a summer night",
    ])
    .ok()
    .stdout_has(&["2026-07-15 23:30"]);
    let json = list_json(&dir, &[]);
    assert_eq!(json[0]["created_at"], "2026-07-15T23:30:00+01:00");
    london(&[
        "journal",
        "list",
        "--from",
        "2026-07-15",
        "--to",
        "2026-07-15",
    ])
    .ok()
    .stdout_has(&["2026-07-15 23:30", "a summer night"]);
    london(&[
        "journal",
        "list",
        "--from",
        "2026-07-15 23:00",
        "--to",
        "2026-07-15 23:59",
    ])
    .ok()
    .stdout_has(&["a summer night"]);

    // "yesterday" as the start of a range is yesterday from midnight.
    let at_ten = |args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_NOW", "2026-12-04T10:00:00+00:00")
            .args(args);
        run(&mut cmd)
    };
    at_ten(&[
        "journal",
        "add",
        "--date",
        "2026-12-03 02:00",
        "early yesterday",
    ])
    .ok();
    at_ten(&["journal", "list", "--from", "yesterday"])
        .ok()
        .stdout_has(&["early yesterday"]);
    let to_yesterday = at_ten(&["journal", "list", "--to", "yesterday"]);
    to_yesterday
        .ok()
        .stdout_has(&["early yesterday", "a summer night"]);
}
