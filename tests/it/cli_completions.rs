#![allow(clippy::unwrap_used)]
//! Completions offer what can really be typed: the moods, the stage ids,
//! and the workbook and people names in the data folder (never file
//! names for these).

use std::path::Path;
use std::process::Command as Process;

use trustwork::content::Content;
use trustwork::domain::Mood;

use crate::support::cli::*;

fn script(shell: &str) -> String {
    let run = run(bare().args(["completions", shell]));
    run.ok();
    run.stdout.clone()
}

/// The words a bash completion case offers for `option`, in the first
/// place the script handles it.
fn bash_offers<'a>(script: &'a str, option: &str) -> &'a str {
    let case = format!("\n                {option})\n");
    let start = script
        .find(&case)
        .unwrap_or_else(|| panic!("no case for {option}"))
        + case.len();
    script[start..].lines().next().unwrap().trim()
}

#[test]
fn the_bash_script_offers_the_moods_and_the_stage_ids() {
    let bash = script("bash");
    let moods = Mood::ALL.map(Mood::as_str).join(" ");
    assert!(
        bash_offers(&bash, "--mood").contains(&format!("compgen -W \"{moods}\"")),
        "{}",
        bash_offers(&bash, "--mood")
    );
    let content = Content::embedded().unwrap();
    let stages: Vec<&str> = content.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stages.len(), 7);
    assert!(
        bash_offers(&bash, "--stage").contains(&format!("compgen -W \"{}\"", stages.join(" "))),
        "{}",
        bash_offers(&bash, "--stage")
    );
    // Names come from the data folder, not from file names.
    for option in ["--workbook", "-w"] {
        assert!(
            bash_offers(&bash, option).contains("trustwork names workbooks"),
            "{option}: {}",
            bash_offers(&bash, option)
        );
    }
    assert!(bash_offers(&bash, "--as").contains("trustwork names people"));
}

#[test]
fn zsh_and_fish_ask_for_the_names_too() {
    for shell in ["zsh", "fish"] {
        let text = script(shell);
        assert!(text.contains("trustwork names workbooks"), "{shell}");
        assert!(text.contains("trustwork names people"), "{shell}");
        assert!(text.contains("hopeful"), "{shell}");
        assert!(text.contains("walk-away"), "{shell}");
    }
}

/// A data dir with Sam (alone) and "Us two" (Alex and Robin).
fn two_workbooks() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = with_sam();
    tw_run(
        &dir,
        &[
            "new",
            "--name",
            "Us two",
            "--role",
            "hurt",
            "--me",
            "Alex",
            "--partner",
            "Robin",
        ],
    )
    .ok();
    (tmp, dir)
}

#[test]
fn names_lists_the_workbooks_and_the_people_of_workbooks_for_two() {
    let (_tmp, dir) = two_workbooks();
    assert_eq!(
        tw_run(&dir, &["names", "workbooks"]).stdout,
        "Sam\nUs two\n"
    );
    assert_eq!(tw_run(&dir, &["names", "people"]).stdout, "Alex\nRobin\n");
    // Nowhere to look is no names, quietly.
    let run = tw_run(&dir.join("missing"), &["names", "workbooks"]);
    run.ok();
    assert!(run.stdout.is_empty() && run.stderr.is_empty());
    assert!(!dir.join("missing").exists());
}

/// What bash's completion offers for `words` (the last one being typed),
/// with the real script and binary.
fn complete_in_bash(script: &Path, data: &Path, words: &[&str]) -> Option<Vec<String>> {
    let bin = assert_cmd::cargo::cargo_bin("trustwork");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _trustwork trustwork '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = Process::new("bash")
        .arg("-c")
        .arg(program)
        .env("PATH", path)
        .env("TRUSTWORK_DATA_DIR", data)
        .output()
        .ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn bash_completes_names_moods_and_stages_for_real() {
    let (tmp, dir) = two_workbooks();
    let script = tmp.path().join("trustwork.bash");
    std::fs::write(&script, self::script("bash")).unwrap();
    let Some(workbooks) = complete_in_bash(
        &script,
        &dir,
        &["trustwork", "journal", "add", "--workbook", ""],
    ) else {
        println!("skipped: bash is not available");
        return;
    };
    assert_eq!(workbooks, ["Sam", "Us two"]);
    let people = complete_in_bash(
        &script,
        &dir,
        &["trustwork", "journal", "list", "--as", "R"],
    );
    assert_eq!(people.unwrap(), ["Robin"]);
    let moods = complete_in_bash(
        &script,
        &dir,
        &["trustwork", "journal", "add", "--mood", "a"],
    );
    assert_eq!(moods.unwrap(), ["angry", "anxious"]);
    let stages = complete_in_bash(
        &script,
        &dir,
        &["trustwork", "journal", "list", "--stage", "b"],
    );
    assert_eq!(stages.unwrap(), ["boundaries"]);
}
