#![allow(clippy::unwrap_used)]
//! Black-box tests of `trustwork journal list`: how many (-n), when
//! (--from/--to), which (--stage, --mood, --tag), and how it prints
//! (--format plain|md|json), with the clock fixed.

use serde_json::Value;

use crate::support::cli::*;

const NOW: &str = "2026-12-03T21:00:00+01:00";

/// Runs the binary with the clock at [`NOW`].
fn at_now(dir: &std::path::Path, args: &[&str]) -> Run {
    let mut cmd = tw(dir);
    cmd.env("TRUSTWORK_NOW", NOW).args(args);
    run(&mut cmd)
}

/// Sam with four entries over four days, oldest first:
/// Nov 30 (acknowledge, sad), Dec 1 (communicate, hopeful, @walk),
/// Dec 2 21:00 (communicate, sad), Dec 3 09:00 (no stage, calm).
fn sam_with_four_days() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = with_sam();
    let add = |args: &[&str]| {
        let mut all = vec!["journal", "add"];
        all.extend_from_slice(args);
        at_now(&dir, &all).ok();
    };
    add(&[
        "--date",
        "2026-11-30 20:00",
        "--stage",
        "acknowledge",
        "--mood",
        "sad",
        "--title",
        "The night it came out",
        "I could not sleep.",
    ]);
    add(&[
        "--date",
        "2026-12-01 18:00",
        "--stage",
        "communicate",
        "--mood",
        "hopeful",
        "We went for a @walk and talked.",
    ]);
    add(&[
        "--date",
        "yesterday 9pm",
        "--stage",
        "2",
        "--mood",
        "sad",
        "--title",
        "Hard talk",
        "It went wrong again.\nSecond line.",
    ]);
    add(&["--date", "today 9am", "--mood", "calm", "Quiet morning."]);
    (tmp, dir)
}

fn bodies(dir: &std::path::Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["journal", "list", "--format", "json"];
    args.extend_from_slice(extra);
    let run = at_now(dir, &args);
    run.ok();
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    items
        .iter()
        .map(|i| {
            i["body"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn n_keeps_the_newest() {
    let (_tmp, dir) = sam_with_four_days();
    assert_eq!(
        bodies(&dir, &["-n", "2"]),
        ["Quiet morning.", "It went wrong again."]
    );
    assert_eq!(bodies(&dir, &["--number", "10"]).len(), 4);
    let none = at_now(&dir, &["journal", "list", "-n", "0"]);
    none.ok().stderr_has(&["No journal entries match"]);
    assert!(none.stdout.is_empty());
    at_now(&dir, &["journal", "list", "-n", "many"]).usage_error();
}

#[test]
fn from_and_to_take_times_as_people_say_them() {
    let (_tmp, dir) = sam_with_four_days();
    // "yesterday" is midnight as a start, and the whole day as an end.
    assert_eq!(
        bodies(&dir, &["--from", "yesterday"]),
        ["Quiet morning.", "It went wrong again."]
    );
    assert_eq!(bodies(&dir, &["--to", "yesterday"]).len(), 3);
    assert_eq!(
        bodies(&dir, &["--from", "2026-12-01", "--to", "2026-12-01"]),
        ["We went for a @walk and talked."]
    );
    // A time of day is taken as given.
    assert_eq!(
        bodies(
            &dir,
            &["--from", "2026-12-02 21:00", "--to", "2026-12-03 08:59"]
        ),
        ["It went wrong again."]
    );
    at_now(&dir, &["journal", "list", "--from", "the twelfth of never"])
        .refused()
        .stderr_has(&["is not a time", "yesterday 9pm"]);
}

#[test]
fn filters_combine() {
    let (_tmp, dir) = sam_with_four_days();
    assert_eq!(
        bodies(&dir, &["--mood", "sad"]),
        ["It went wrong again.", "I could not sleep."]
    );
    assert_eq!(
        bodies(&dir, &["--mood", "sad", "--stage", "communicate"]),
        ["It went wrong again."]
    );
    assert_eq!(
        bodies(&dir, &["--mood", "sad", "--from", "2026-12-01", "-n", "5"]),
        ["It went wrong again."]
    );
    assert_eq!(
        bodies(&dir, &["--stage", "2", "--tag", "walk"]),
        ["We went for a @walk and talked."]
    );
    assert!(bodies(&dir, &["--stage", "acknowledge", "--mood", "calm"]).is_empty());
    // -n is applied after the filters: the newest sad one, not the newest.
    assert_eq!(
        bodies(&dir, &["--mood", "sad", "-n", "1"]),
        ["It went wrong again."]
    );
}

#[test]
fn plain_shows_date_title_and_the_start_of_the_body_on_one_line() {
    let (_tmp, dir) = sam_with_four_days();
    let list = at_now(&dir, &["journal", "list"]);
    let lines: Vec<&str> = list.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", list.stdout);
    assert!(lines[0].starts_with("2026-12-03 09:00"), "{}", lines[0]);
    assert!(lines[0].ends_with("Quiet morning."), "{}", lines[0]);
    assert!(
        lines[1].starts_with("2026-12-02 21:00  [communicate]  (sad)"),
        "{}",
        lines[1]
    );
    // The body's lines are joined, and the line is cut to 80 columns.
    assert!(
        lines[1].ends_with("Hard talk — It went wrong again. Second…"),
        "{}",
        lines[1]
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{lines:?}");
}

#[test]
fn md_is_a_markdown_list_with_the_words_escaped() {
    let (_tmp, dir) = sam_with_four_days();
    at_now(
        &dir,
        &[
            "journal",
            "add",
            "--title",
            "[click](http://x)",
            "<script>alert(1)</script>",
        ],
    )
    .ok();
    let md = at_now(&dir, &["journal", "list", "--format", "md", "-n", "3"]);
    let lines: Vec<&str> = md.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", md.stdout);
    assert!(
        lines.iter().all(|l| l.starts_with("- **2026-")),
        "{}",
        md.stdout
    );
    assert!(
        lines[0].contains("*\\[click\\](http://x)* — &lt;script>alert(1)&lt;/script>"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].contains("communicate · sad: *Hard talk* — It went wrong again. Second line."),
        "{}",
        lines[2]
    );
}

#[test]
fn json_has_the_documented_fields() {
    let (_tmp, dir) = sam_with_four_days();
    let run = at_now(&dir, &["journal", "list", "--format", "json", "-n", "1"]);
    let items: Vec<Value> = serde_json::from_str(&run.ok().stdout).unwrap();
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let help = tw_run(&dir, &["journal", "list", "--help"]);
    for key in &keys {
        assert!(
            help.stdout.contains(&format!("\n  {key} ")),
            "{key} is not documented in --help:\n{}",
            help.stdout
        );
    }
    for key in ["id", "kind", "created_at", "title", "body", "mood", "stage"] {
        assert!(keys.contains(&key), "{key} missing: {keys:?}");
    }
    assert_eq!(items[0]["created_at"], "2026-12-03T09:00:00+01:00");
    // --json is still the same as --format json.
    assert_eq!(
        at_now(&dir, &["journal", "list", "--json", "-n", "1"]).stdout,
        run.stdout
    );
    at_now(&dir, &["journal", "list", "--json", "--format", "md"]).usage_error();
}
