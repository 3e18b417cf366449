#![allow(clippy::unwrap_used)]
//! `trustwork export --for-counsellor`: a summary holding only what was
//! chosen, run as a user would.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::cli::*;
use trustwork::couple::{PrivateMark, PrivateState};
use trustwork::domain::{Answer, AnswerValue, CheckIn, Scores, ScreeningAnswer, now};
use uuid::Uuid;

const WHAT_HAPPENED: &str = "acknowledge/name-what-happened/what-happened";
const ANSWER_TEXT: &str = "I found the messages.";
const KEPT_ENTRY: &str = "We talked calmly";
const OTHER_ENTRY: &str = "A night of bad sleep";

/// Sam with two journal entries, a written answer and a check-in.
fn sam_with_content() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "--stage", "2", KEPT_ENTRY]).ok();
    tw_run(&dir, &["journal", "add", "--title", "Tired", OTHER_ENTRY]).ok();
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
            "a private note",
        ],
    )
    .ok();
    edit_workbook(&dir, "sam", |workbook, _| {
        workbook.progress.answers.insert(
            WHAT_HAPPENED.into(),
            Answer {
                value: AnswerValue::Text(ANSWER_TEXT.into()),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
    });
    (tmp, dir)
}

/// The id of the journal entry whose body is `body`.
fn entry_id(dir: &Path, body: &str) -> String {
    list_json(dir, &[])
        .into_iter()
        .find(|item| item["body"] == body)
        .and_then(|item| item["id"].as_str().map(str::to_string))
        .unwrap()
}

fn counsellor(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["export", "--for-counsellor"];
    args.extend_from_slice(extra);
    tw_run(dir, &args)
}

const PRIVATE: [&str; 6] = [
    ANSWER_TEXT,
    KEPT_ENTRY,
    OTHER_ENTRY,
    "a private note",
    "| 4 |",
    "Trust",
];

fn lacks(run: &Run, words: &[&str]) {
    for word in words {
        assert!(!run.stdout.contains(word), "{word:?} in:\n{}", run.stdout);
    }
}

#[test]
fn by_default_nothing_private_is_included() {
    let (_tmp, dir) = sam_with_content();
    let before = files(&dir);
    let run = counsellor(&dir, &[]);
    run.ok()
        .stdout_has(&["# For a counsellor — Sam\n", "Made on ", "nothing more"])
        .stderr_has(&["--include stages,checkins,agreements", "--entry ID"]);
    lacks(&run, &PRIVATE);
    lacks(&run, &["## ", "Me"]);
    assert_eq!(files(&dir), before, "nothing is written in the data dir");
}

#[test]
fn include_checkins_adds_the_score_table_only() {
    let (_tmp, dir) = sam_with_content();
    // A private check-in of a round not revealed stays out.
    edit_workbook(&dir, "sam", |workbook, _| {
        let mut sealed = CheckIn::new(
            workbook.default_author(),
            Scores {
                trust: 9,
                safety: 9,
                communication: 9,
                commitment: 9,
            },
            String::new(),
            trustwork::domain::now(),
        );
        sealed.private = Some(PrivateMark {
            round: Uuid::now_v7(),
            state: PrivateState::Sealed,
        });
        workbook.checkins.push(sealed);
    });
    let run = counsellor(&dir, &["--include", "checkins"]);
    run.ok().stdout_has(&[
        "## Check-ins\n",
        "| Date | Trust | Safety | Communication | Commitment |",
        "| 4 | 6 | 5 | 7 |",
    ]);
    assert!(run.stderr.is_empty(), "no hint once something is chosen");
    lacks(
        &run,
        &[
            ANSWER_TEXT,
            KEPT_ENTRY,
            "a private note",
            "| 9 |",
            "## Stages",
        ],
    );

    let all = counsellor(&dir, &["--include", "stages,checkins,agreements"]);
    all.ok().stdout_has(&[
        "## Stages\n",
        "- 1. Acknowledge: in progress, 0 of ",
        "## Check-ins\n",
        "## Agreements\n",
    ]);
    lacks(&all, &[ANSWER_TEXT, KEPT_ENTRY, OTHER_ENTRY, "| 9 |"]);
}

#[test]
fn entry_adds_exactly_that_entry_or_reflection() {
    let (_tmp, dir) = sam_with_content();
    let kept = entry_id(&dir, KEPT_ENTRY);
    let run = counsellor(&dir, &["--entry", &kept]);
    run.ok()
        .stdout_has(&["## From the journal\n", KEPT_ENTRY, "Stage: Communicate"]);
    lacks(
        &run,
        &[OTHER_ENTRY, ANSWER_TEXT, "Tired", "| 4 |", "## Stages"],
    );

    let both = counsellor(&dir, &["--entry", WHAT_HAPPENED, "--entry", &kept]);
    both.ok().stdout_has(&[KEPT_ENTRY, ANSWER_TEXT]);
    lacks(&both, &[OTHER_ENTRY]);
}

#[test]
fn an_unknown_or_trashed_entry_is_refused_by_name() {
    let (_tmp, dir) = sam_with_content();
    counsellor(&dir, &["--entry", "acknowledge/nowhere/nothing"])
        .refused()
        .stderr_has(&["acknowledge/nowhere/nothing", "journal list --json"]);
    let missing = Uuid::now_v7().to_string();
    let run = counsellor(&dir, &["--include", "stages", "--entry", &missing]);
    run.refused().stderr_has(&[&missing]);
    assert!(run.stdout.is_empty(), "nothing printed: {}", run.stdout);

    let other = entry_id(&dir, OTHER_ENTRY);
    edit_workbook(&dir, "sam", |_, journal| {
        journal.delete_at(other.parse().unwrap(), trustwork::domain::now());
    });
    counsellor(&dir, &["--entry", &other])
        .refused()
        .stderr_has(&[&other, "trash"]);
}

#[test]
fn output_writes_a_private_file() {
    let (tmp, dir) = sam_with_content();
    let out = tmp.path().join("for-counsellor.md");
    let run = counsellor(
        &dir,
        &["--include", "checkins", "-o", out.to_str().unwrap()],
    );
    run.ok()
        .stdout_has(&["Wrote \"Sam\" to", &out.display().to_string()]);
    let written = fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# For a counsellor — Sam\n"),
        "{written}"
    );
    assert!(written.contains("| 4 | 6 | 5 | 7 |"), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let before = files(&dir);
    let inside = dir.join("summary.md");
    counsellor(&dir, &["-o", inside.to_str().unwrap()])
        .refused()
        .stderr_has(&["inside the folder where workbooks are kept"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn counsellor_options_that_make_no_sense_are_usage_errors() {
    let (_tmp, dir) = with_sam();
    for args in [
        &["export", "--for-counsellor", "--format", "md"][..],
        &["export", "--for-counsellor", "--since", "2026-11-01"],
        &["export", "--for-counsellor", "--stage", "2"],
    ] {
        tw_run(&dir, args)
            .usage_error()
            .stderr_has(&["cannot be used with"]);
    }
    tw_run(&dir, &["export", "--format", "md", "--include", "stages"])
        .usage_error()
        .stderr_has(&["--include", "cannot be used with"]);
    tw_run(&dir, &["export", "--format", "json", "--entry", "x"])
        .usage_error()
        .stderr_has(&["--entry", "cannot be used with"]);
    tw_run(&dir, &["export", "--include", "stages"])
        .usage_error()
        .stderr_has(&["--format"]);
    counsellor(&dir, &["--include", "answers"])
        .usage_error()
        .stderr_has(&["answers", "stages", "checkins", "agreements"]);
    tw_run(&dir, &["export"])
        .usage_error()
        .stderr_has(&["--format"]);
}

#[test]
fn the_workbook_is_chosen_as_for_any_export() {
    let (_tmp, dir) = with_sam();
    create(&dir, "Kim", "caused");
    counsellor(&dir, &[]).refused().stderr_has(&["--workbook"]);
    counsellor(&dir, &["-w", "Kim"])
        .ok()
        .stdout_has(&["# For a counsellor — Kim\n"]);
}

#[test]
fn the_safety_screening_is_never_in_it_whatever_is_ticked() {
    let (_tmp, dir) = sam_with_content();
    edit_workbook(&dir, "sam", |workbook, _| {
        let me = workbook.default_author();
        workbook.safety.record(trustwork::domain::Screening {
            participant: me,
            at: now(),
            answers: [("afraid".to_string(), ScreeningAnswer::Yes)].into(),
        });
    });
    let kept = entry_id(&dir, KEPT_ENTRY);
    let run = counsellor(
        &dir,
        &[
            "--include",
            "stages,checkins,agreements",
            "--entry",
            &kept,
            "--entry",
            WHAT_HAPPENED,
        ],
    );
    run.ok()
        .stdout_has(&["## Stages", "## Check-ins", KEPT_ENTRY]);
    let text = run.stdout.to_lowercase();
    for word in ["screening", "safety first", "afraid", "was hurt"] {
        assert!(!text.contains(word), "{word} in:\n{}", run.stdout);
    }
}
