#![allow(clippy::unwrap_used)]
//! Black-box tests of writing in the person's own editor: `journal add
//! --edit` (what `journal add` does with no text at a terminal) and
//! `journal edit ID`. The "editor" is a small shell script that records
//! the file it was given and writes fixed text into it.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::cli::*;

/// A script at `dir/name` that copies the file it is given to
/// `dir/name.seen`, then runs `action` on it (`$1`).
fn fake_editor(dir: &Path, name: &str, action: &str) -> PathBuf {
    let script = dir.join(name);
    let seen = dir.join(format!("{name}.seen"));
    fs::write(
        &script,
        format!("#!/bin/sh\ncp \"$1\" '{}'\n{action}\n", seen.display()),
    )
    .unwrap();
    #[cfg(unix)]
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    script
}

/// The binary with `editor` as $EDITOR, no $VISUAL, and a config file
/// that does not exist (so no editor setting of the machine's leaks in).
fn with_editor(dir: &Path, editor: &Path, args: &[&str]) -> Run {
    let mut cmd = tw(dir);
    cmd.env("EDITOR", editor)
        .env_remove("VISUAL")
        .env_remove("TRUSTWORK_CONFIG")
        .arg("--config")
        .arg(dir.with_file_name("no-config.toml"))
        .args(args);
    run(&mut cmd)
}

fn only_entry(dir: &Path) -> Value {
    let items = list_json(dir, &[]);
    assert_eq!(items.len(), 1, "{items:?}");
    items[0].clone()
}

#[test]
fn add_in_the_editor_takes_a_title_from_the_first_line() {
    let (tmp, dir) = with_sam();
    let editor = fake_editor(
        tmp.path(),
        "ed",
        "printf '# After the call\\n\\nWe talked, @walk.\\n\\nMore.\\n' > \"$1\"",
    );
    with_editor(
        &dir,
        &editor,
        &["journal", "add", "--edit", "--mood", "calm"],
    )
    .ok()
    .stdout_has(&["Added a journal entry to \"Sam\""]);
    let entry = only_entry(&dir);
    assert_eq!(entry["title"], "After the call");
    assert_eq!(entry["body"], "We talked, @walk.\n\nMore.");
    assert_eq!(entry["mood"], "calm");
    // The editor was given a short commented template to write above.
    let seen = fs::read_to_string(tmp.path().join("ed.seen")).unwrap();
    assert!(seen.contains("# Write above these lines."), "{seen}");
}

#[test]
fn an_empty_or_untouched_file_saves_nothing_and_says_so() {
    let (tmp, dir) = with_sam();
    let before = files(&dir);
    let untouched = fake_editor(tmp.path(), "untouched", "true");
    with_editor(&dir, &untouched, &["journal", "add", "--edit"])
        .ok()
        .stdout_has(&["Nothing was saved"]);
    let emptied = fake_editor(tmp.path(), "emptied", ": > \"$1\"");
    with_editor(&dir, &emptied, &["journal", "add", "-e"])
        .ok()
        .stdout_has(&["Nothing was saved"]);
    assert_eq!(files(&dir), before);
    // An editor that fails saves nothing either.
    let failing = fake_editor(tmp.path(), "failing", "echo text > \"$1\"; exit 3");
    with_editor(&dir, &failing, &["journal", "add", "--edit"])
        .failed()
        .stderr_has(&["ended with an error", "Nothing was changed"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn the_config_editor_comes_before_editor_and_text_starts_the_file() {
    let (tmp, dir) = with_sam();
    let env_editor = fake_editor(tmp.path(), "env", "echo from env > \"$1\"");
    let config_editor = fake_editor(tmp.path(), "conf", "echo ' and more' >> \"$1\"");
    let config = tmp.path().join("config.toml");
    fs::write(
        &config,
        format!("editor = \"{}\"\n", config_editor.display()),
    )
    .unwrap();
    let mut cmd = tw(&dir);
    cmd.env("EDITOR", &env_editor)
        .env_remove("VISUAL")
        .arg("--config")
        .arg(&config)
        .args([
            "journal",
            "add",
            "--edit",
            "--title",
            "Given",
            "Started here.",
        ]);
    run(&mut cmd).ok();
    let entry = only_entry(&dir);
    assert_eq!(entry["title"], "Given");
    assert!(
        entry["body"].as_str().unwrap().starts_with("Started here."),
        "{entry}"
    );
    assert!(
        entry["body"].as_str().unwrap().ends_with("and more"),
        "{entry}"
    );
    assert!(!tmp.path().join("env.seen").exists());
}

#[test]
fn without_a_terminal_and_without_edit_stdin_is_read_as_before() {
    let (tmp, dir) = with_sam();
    let editor = fake_editor(tmp.path(), "ed", "echo never > \"$1\"");
    let mut cmd = tw(&dir);
    cmd.env("EDITOR", &editor)
        .args(["journal", "add"])
        .write_stdin("piped in\n");
    run(&mut cmd).ok();
    assert_eq!(only_entry(&dir)["body"], "piped in");
    assert!(!tmp.path().join("ed.seen").exists());
}

#[test]
fn edit_changes_the_text_and_keeps_the_rest() {
    let (tmp, dir) = with_sam();
    tw_run(
        &dir,
        &[
            "journal",
            "add",
            "--stage",
            "2",
            "--mood",
            "sad",
            "--title",
            "A title",
            "line one\nline two",
        ],
    )
    .ok();
    let id = only_entry(&dir)["id"].as_str().unwrap().to_string();

    let untouched = fake_editor(tmp.path(), "untouched", "true");
    let before = files(&dir);
    with_editor(&dir, &untouched, &["journal", "edit", &id])
        .ok()
        .stdout_has(&["Nothing was changed"]);
    assert_eq!(files(&dir), before);
    let seen = fs::read_to_string(tmp.path().join("untouched.seen")).unwrap();
    assert!(
        seen.starts_with("A title\n\nline one\nline two\n"),
        "{seen}"
    );

    let emptied = fake_editor(tmp.path(), "emptied", ": > \"$1\"");
    with_editor(&dir, &emptied, &["journal", "edit", &id])
        .ok()
        .stdout_has(&["Nothing was changed", "journal rm"]);
    assert_eq!(files(&dir), before);

    let editor = fake_editor(
        tmp.path(),
        "ed",
        "sed -i -e 's/line two/line TWO/' -e 's/A title/New title/' \"$1\"",
    );
    with_editor(&dir, &editor, &["journal", "edit", &id])
        .ok()
        .stdout_has(&["Saved the entry"]);
    let entry = only_entry(&dir);
    assert_eq!(entry["title"], "New title");
    assert_eq!(entry["body"], "line one\nline TWO");
    assert_eq!(entry["stage"], "communicate");
    assert_eq!(entry["mood"], "sad");
    assert_ne!(entry["edited_at"], entry["created_at"]);

    with_editor(&dir, &editor, &["journal", "edit", "not-an-id"]).refused();
    with_editor(
        &dir,
        &editor,
        &["journal", "edit", "0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60"],
    )
    .refused()
    .stderr_has(&["there is no entry"]);
}

#[test]
fn edit_refuses_a_closed_workbook_before_the_editor_opens() {
    let (tmp, dir) = with_sam();
    tw_run(&dir, &["journal", "add", "kept as it was"]).ok();
    let id = only_entry(&dir)["id"].as_str().unwrap().to_string();
    edit_workbook(&dir, "sam", |w, _| {
        w.closed_at = Some(trustwork::domain::now());
    });
    let before = files(&dir);
    let editor = fake_editor(tmp.path(), "ed", "echo changed > \"$1\"");
    with_editor(&dir, &editor, &["journal", "edit", &id])
        .failed()
        .stderr_has(&["closed"]);
    assert!(!tmp.path().join("ed.seen").exists(), "the editor opened");
    assert_eq!(files(&dir), before);
}

/// Runs `trustwork --data-dir DIR ARGS…` on a pseudo-terminal (util-linux
/// `script`), so stdin and stdout are both terminals as for a person.
/// `None` when `script` is not there.
fn on_a_terminal(dir: &Path, editor: &Path, args: &str) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("trustwork");
    let command = format!(
        "'{}' --config '{}' --data-dir '{}' {args}",
        bin.display(),
        dir.with_file_name("no-config.toml").display(),
        dir.display()
    );
    std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .env_remove("TRUSTWORK_CONFIG")
        .env("TRUSTWORK_TEST_LOCK_WAIT_MS", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
}

#[test]
fn add_without_text_at_a_terminal_opens_the_editor_as_jrnl_does() {
    let (tmp, dir) = with_sam();
    let editor = fake_editor(tmp.path(), "ed", "printf 'Typed at a terminal\\n' > \"$1\"");
    let Some(output) = on_a_terminal(&dir, &editor, "journal add --mood calm") else {
        println!("skipped: no `script` to make a terminal with");
        return;
    };
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("Added a journal entry"), "{shown}");
    let entry = only_entry(&dir);
    assert_eq!(entry["body"], "Typed at a terminal");
    assert_eq!(entry["mood"], "calm");
    assert!(tmp.path().join("ed.seen").exists());
}
