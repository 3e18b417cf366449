#![allow(clippy::unwrap_used)]
//! Black-box tests of the commands that fit trustwork into a terminal
//! setup: `completions`, `man`, `config`, `path --config` and `doctor`.
//! Every run gets its own data dir and its own config file (through
//! TRUSTWORK_CONFIG or --config), so nothing touches the real home.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::cli::*;
use assert_cmd::Command;
use tempfile::TempDir;
use trustwork::domain::SCHEMA_VERSION;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

/// `trustwork --data-dir DIR` with the config file at `config` (which need
/// not exist).
fn eco(dir: &Path, config: &Path) -> Command {
    let mut cmd = tw(dir);
    cmd.env("TRUSTWORK_CONFIG", config).env_remove("NO_COLOR");
    cmd
}

fn eco_run(dir: &Path, config: &Path, args: &[&str]) -> Run {
    run(eco(dir, config).args(args))
}

/// A temp dir holding a data dir with "Sam" in it, and where the config
/// file goes (not written yet).
fn setup() -> (TempDir, PathBuf, PathBuf) {
    let (tmp, dir) = with_sam();
    let config = tmp.path().join("config.toml");
    (tmp, dir, config)
}

/// Exit code 1 with a report on stdout (not an error message).
fn found_problems(run: &Run) -> &Run {
    assert_eq!(
        run.code,
        Some(1),
        "expected exit code 1\nstdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    run
}

// --------------------------------------------------------- completions

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    let (_tmp, dir, config) = setup();
    for shell in ["bash", "zsh", "fish"] {
        let run = eco_run(&dir, &config, &["completions", shell]);
        run.ok()
            .stdout_has(&["trustwork", "doctor", "journal", "checkin", "completions"]);
        assert!(run.stdout.lines().count() > 10, "{shell}: {}", run.stdout);
    }
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let (_tmp, dir, config) = setup();
    eco_run(&dir, &config, &["completions", "tcsh"]).usage_error();
}

// ----------------------------------------------------------------- man

#[test]
fn man_prints_a_roff_page_that_lists_the_commands() {
    let (_tmp, dir, config) = setup();
    let run = eco_run(&dir, &config, &["man"]);
    run.ok().stdout_has(&[
        ".TH trustwork 1",
        ".SH NAME",
        ".SH \"TRUSTWORK DOCTOR\"",
        "doctor",
    ]);
    assert!(run.stdout.starts_with('.'), "{}", run.stdout);
}

// -------------------------------------------------------------- config

#[test]
fn the_default_config_round_trips_through_config() {
    let (_tmp, dir, config) = setup();
    let run = eco_run(&dir, &config, &["config", "--default"]);
    run.ok()
        .stdout_has(&["# theme = \"default\"", "# mouse = true", "# [keys]"]);
    fs::write(&config, &run.stdout).unwrap();

    let check = eco_run(&dir, &config, &["config"]);
    check
        .ok()
        .stdout_has(&[&config.display().to_string(), "No problems found."]);
}

#[test]
fn config_without_a_file_says_the_defaults_are_in_use() {
    let (_tmp, dir, config) = setup();
    eco_run(&dir, &config, &["config"])
        .ok()
        .stdout_has(&["There is no file there yet", "trustwork config --default >"]);
    assert!(!config.exists(), "checking writes nothing");
}

#[test]
fn config_names_each_bad_line_and_exits_1() {
    let (_tmp, dir, config) = setup();
    fs::write(
        &config,
        "# mine\nmouse = false\ntheme = \"dark\"\n\n[keys]\nquit = \"ctlr+q\"\n",
    )
    .unwrap();
    let run = eco_run(&dir, &config, &["config"]);
    found_problems(&run).stdout_has(&[
        "2 problems found:",
        "line 3: theme \"dark\" is not one of default, high-contrast, light",
        "line 6: key \"ctlr+q\"",
    ]);
}

#[test]
fn config_checks_the_keys_as_the_app_does() {
    let (_tmp, dir, config) = setup();
    fs::write(&config, "[keys]\nfly = \"x\"\nquit = \"n\"\n").unwrap();
    let run = eco_run(&dir, &config, &["config"]);
    found_problems(&run).stdout_has(&[
        "4 problems found:",
        "line 2: there is no action called \"fly\"",
        "key n now does \"quit\", so \"new_entry\" loses it",
    ]);
}

#[test]
fn the_config_flag_wins_over_the_environment() {
    let (tmp, dir, config) = setup();
    let other = tmp.path().join("other.toml");
    fs::write(&other, "colour = \"red\"\n").unwrap();
    let flag = other.to_str().unwrap();
    // The flag before or after the subcommand.
    for args in [["--config", flag, "config"], ["config", "--config", flag]] {
        let run = eco_run(&dir, &config, &args);
        found_problems(&run).stdout_has(&[&format!("{flag} line 1: unknown setting \"colour\"")]);
    }
}

#[test]
fn a_config_syntax_error_is_one_problem() {
    let (_tmp, dir, config) = setup();
    fs::write(&config, "theme = \"light\"\nmouse = \n").unwrap();
    let run = eco_run(&dir, &config, &["config"]);
    found_problems(&run).stdout_has(&[
        "1 problem found:",
        "line 2: this is not valid TOML",
        "so the default settings are in use",
    ]);
}

// ---------------------------------------------------------------- path

#[test]
fn path_config_prints_the_config_file() {
    let (tmp, dir, config) = setup();
    let env_path = config.display().to_string();
    eco_run(&dir, &config, &["path", "--config"])
        .ok()
        .stdout_has(&[&env_path]);

    let flag = tmp.path().join("flag.toml");
    let flag = flag.to_str().unwrap();
    let run = eco_run(&dir, &config, &["--config", flag, "path", "--config"]);
    assert_eq!(run.ok().stdout, format!("{flag}\n"));
    // The same value, given inside `path` (where --config is the flag).
    let run = eco_run(&dir, &config, &["path", "--config", "--config-file", flag]);
    assert_eq!(run.ok().stdout, format!("{flag}\n"));

    // Plain `path` is unchanged: the data dir, whatever the config.
    let run = eco_run(&dir, &config, &["--config", flag, "path"]);
    assert_eq!(run.ok().stdout, format!("{}\n", dir.display()));
}

#[test]
fn path_config_defaults_to_the_config_folder() {
    let (tmp, dir, _config) = setup();
    let home = tmp.path().join("home");
    let run = run(tw(&dir)
        .env_remove("TRUSTWORK_CONFIG")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .args(["path", "--config"]));
    let printed = PathBuf::from(run.ok().stdout.trim_end());
    assert!(printed.ends_with("config.toml"), "{}", printed.display());
    assert!(
        printed.to_string_lossy().contains("trustwork"),
        "{}",
        printed.display()
    );
    if cfg!(target_os = "linux") {
        assert_eq!(printed, home.join(".config/trustwork/config.toml"));
    }
}

// -------------------------------------------------------------- doctor

#[test]
fn doctor_on_a_healthy_data_dir_lists_the_workbook() {
    let (_tmp, dir, config) = setup();
    fs::write(&config, "theme = \"light\"\n").unwrap();
    save_times(&dir, "sam", 2);
    let run = eco_run(&dir, &config, &["doctor"]);
    run.ok().stdout_has(&[
        &format!("Data folder: {}", dir.display()),
        "exists, and can be written to",
        &format!("Config file: {}", config.display()),
        "read, and every setting is fine",
        "Workbooks: 1",
        "sam.json (Sam): ",
        &format!("schema version {SCHEMA_VERSION}"),
        "not encrypted",
        "not open in any trustwork",
        "backups: 2, the newest from ",
        "Terminal: not a terminal",
        "Colours: NO_COLOR is not set",
        "No problems found.",
    ]);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    assert!(
        crate::support::file_names(&dir)
            .iter()
            .all(|f| !f.starts_with(".doctor")),
        "the write check leaves nothing behind"
    );
}

#[test]
fn doctor_on_a_broken_data_dir_names_every_problem() {
    let (_tmp, dir, config) = setup();
    create(&dir, "Alex", "caused");
    corrupt(&dir.join("alex.json"));
    fs::write(&config, "mouse = true\n\nmouse_speed = 3\n").unwrap();
    let run = eco_run(&dir, &config, &["doctor"]);
    found_problems(&run).stdout_has(&[
        "Workbooks: 2",
        "alex.json: ",
        "schema version unknown",
        &format!("schema version {SCHEMA_VERSION}"),
        "read, with 1 problem (listed below)",
        "2 problems found:",
        "line 3: unknown setting \"mouse_speed\"",
        "alex.json could not be read as a workbook",
    ]);
}

#[test]
fn doctor_on_a_missing_data_dir_does_not_make_it() {
    let (tmp, dir) = data_dir();
    let config = tmp.path().join("config.toml");
    eco_run(&dir, &config, &["doctor"]).ok().stdout_has(&[
        "does not exist yet",
        "Workbooks: none",
        "not there, so the default settings are in use",
        "No problems found.",
    ]);
    assert!(!dir.exists());
}

#[test]
fn doctor_says_who_holds_a_lock_without_taking_it() {
    let (_tmp, dir, config) = setup();
    let key = WorkbookKey("sam".into());
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&key).unwrap();
    let run = eco_run(&dir, &config, &["doctor"]);
    run.ok().stdout_has(&[&format!(
        "open elsewhere: locked by pid {} on ",
        std::process::id()
    )]);
    // Still ours: a save needs the lock.
    let workbook = store.read(&key).unwrap();
    store.save(&key, &workbook).unwrap();
    store.close(&key);
}

#[cfg(target_os = "linux")]
#[test]
fn doctor_recognises_a_lock_left_by_a_crash() {
    let (_tmp, dir, config) = setup();
    // Far above any pid Linux hands out (pid_max is at most 2^22).
    fs::write(
        dir.join("sam.lock"),
        "pid 99999999 on here since 2026-11-23T10:00:00+00:00\n",
    )
    .unwrap();
    eco_run(&dir, &config, &["doctor"]).ok().stdout_has(&[
        "a lock left behind by pid 99999999, which is no longer running",
        "No problems found.",
    ]);
}

#[test]
fn doctor_reports_a_data_dir_that_is_a_file() {
    let (tmp, _dir, config) = setup();
    let file = tmp.path().join("not-a-folder");
    fs::write(&file, "").unwrap();
    let run = eco_run(&file, &config, &["doctor"]);
    found_problems(&run).stdout_has(&["is a file, not a folder", "1 problem found:"]);
}

#[test]
fn doctor_says_when_the_support_lines_were_checked_and_when_that_is_long_ago() {
    let (_tmp, dir) = with_sam();
    tw_run(&dir, &["doctor"]).stdout_has(&["Support lines: checked in"]);
    let later = run(tw(&dir)
        .arg("doctor")
        .env("TRUSTWORK_NOW", "2029-01-15T21:00:00+00:00"));
    later.stdout_has(&["over a year ago", "findahelpline.com"]);
}
