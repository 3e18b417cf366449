//! Running the `trustwork` binary in tests: a temporary data dir each,
//! empty stdin, a timeout, and what the run printed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

/// The binary with no data dir from the environment, empty stdin and a
/// timeout, so a regression that starts the TUI fails instead of hanging.
pub fn bare() -> Command {
    let mut cmd = Command::cargo_bin("trustwork").unwrap();
    // A refused lock is refused at once here; `two_processes.rs` tests
    // the wait itself.
    cmd.env_remove("TRUSTWORK_DATA_DIR")
        .env("TRUSTWORK_TEST_LOCK_WAIT_MS", "0")
        .write_stdin("")
        .timeout(Duration::from_secs(20));
    cmd
}

/// The binary using `dir` as its data dir.
pub fn tw(dir: &Path) -> Command {
    let mut cmd = bare();
    cmd.arg("--data-dir").arg(dir);
    cmd
}

/// What a finished run printed.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// A failure reported by trustwork itself (exit code 1, a message on
    /// stderr, nothing on stdout: in particular no terminal set-up codes).
    pub fn failed(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit code 1\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "nothing on stdout, got: {:?}",
            self.stdout
        );
        assert!(
            self.stderr.starts_with("trustwork: "),
            "stderr: {}",
            self.stderr
        );
        self
    }

    /// A request trustwork refused as wrong (exit code 2, its own message
    /// on stderr): an unknown stage, name or workbook, an empty entry…
    pub fn refused(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(2),
            "expected exit code 2\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(
            self.stderr.starts_with("trustwork: "),
            "stderr: {}",
            self.stderr
        );
        self
    }

    /// Exit code 1 without an error message: a search that found nothing.
    pub fn failed_quietly(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit code 1\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(self.stdout.is_empty(), "stdout: {}", self.stdout);
        assert!(
            !self.stderr.starts_with("trustwork: "),
            "stderr: {}",
            self.stderr
        );
        self
    }

    /// A usage error reported by clap (exit code 2).
    pub fn usage_error(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(2),
            "expected exit code 2\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(self.stdout.is_empty(), "stdout: {}", self.stdout);
        assert!(
            self.stderr.starts_with("error: "),
            "stderr: {}",
            self.stderr
        );
        self
    }

    pub fn stdout_has(&self, words: &[&str]) -> &Self {
        for word in words {
            assert!(
                self.stdout.contains(word),
                "stdout should contain {word:?}:\n{}",
                self.stdout
            );
        }
        self
    }

    pub fn stderr_has(&self, words: &[&str]) -> &Self {
        for word in words {
            assert!(
                self.stderr.contains(word),
                "stderr should contain {word:?}:\n{}",
                self.stderr
            );
        }
        self
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs `trustwork --data-dir DIR ARGS…`.
pub fn tw_run(dir: &Path, args: &[&str]) -> Run {
    run(tw(dir).args(args))
}

/// A temp dir and a data dir inside it that does not exist yet, so the
/// binary has to create it.
pub fn data_dir() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("data");
    (tmp, dir)
}

/// A workbook as `trustwork new` makes one, with its private screening
/// answered "no" three times: what `new` leaves owed to the next start
/// when no terminal is there to ask it (tested on its own in `cli.rs`) is
/// settled, so tests of other things start at the main menu.
pub fn create(dir: &Path, name: &str, role: &str) {
    use trustwork::domain::{NewWorkbook, RelationshipKind, Role, ScreeningAnswer};
    use trustwork::storage::{JsonStore, Store};
    let mut store = JsonStore::new(dir).unwrap();
    let new = NewWorkbook {
        name: name.to_string(),
        relationship: RelationshipKind::Partner,
        role: Role::parse(role).unwrap(),
    };
    let (key, mut workbook) = store.create(new).unwrap();
    // Written over in place (no save, so no backup is made of it).
    workbook.safety.record(trustwork::domain::Screening {
        participant: workbook.default_author(),
        at: workbook.created_at,
        answers: trustwork::content::SCREENING_IDS
            .map(|id| (id.to_string(), ScreeningAnswer::No))
            .into(),
    });
    fs::write(
        store.path_of(&key),
        serde_json::to_vec_pretty(&workbook).unwrap(),
    )
    .unwrap();
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

pub fn status_json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["status", "--json"];
    args.extend_from_slice(extra);
    let run = tw_run(dir, &args);
    run.ok();
    serde_json::from_str(&run.stdout).unwrap()
}

/// Writes the first half of a valid workbook over it: truncated JSON.
pub fn corrupt(path: &Path) -> Vec<u8> {
    let good = fs::read(path).unwrap();
    let bad = good[..good.len() / 2].to_vec();
    fs::write(path, &bad).unwrap();
    bad
}

/// Opens the workbook `key` in-process and saves it `saves` times, each
/// with a change (the check-in interval: a save that only touches the
/// workbook keeps no backup), so the store keeps backups of it.
pub fn save_times(dir: &Path, key: &str, saves: usize) {
    let key = WorkbookKey(key.to_string());
    let mut store = JsonStore::new(dir).unwrap();
    let mut workbook = store.open(&key).unwrap();
    for _ in 0..saves {
        workbook.checkin_interval_days += 1;
        workbook.touch(trustwork::domain::now());
        store.save(&key, &workbook).unwrap();
    }
    store.close(&key);
}

/// Runs `trustwork --data-dir DIR ARGS…` with `input` on stdin.
pub fn tw_input(dir: &Path, args: &[&str], input: &str) -> Run {
    run(tw(dir).args(args).write_stdin(input))
}

/// Every file under `dir` with its bytes, to show that a refused command
/// wrote nothing at all (no lock, temp or backup file left either).
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.insert(path.clone(), fs::read(&path).unwrap());
        }
    }
    found
}

/// A data dir with the workbook "Sam" (key `sam`) in it.
pub fn with_sam() -> (TempDir, PathBuf) {
    let (tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    (tmp, dir)
}

/// Changes a workbook and its journal in-process, as the app would, and
/// saves both.
pub fn edit_workbook(
    dir: &Path,
    key: &str,
    change: impl FnOnce(&mut trustwork::domain::Workbook, &mut trustwork::domain::Journal),
) {
    let key = WorkbookKey(key.to_string());
    let mut store = JsonStore::new(dir).unwrap();
    let mut workbook = store.open(&key).unwrap();
    let mut journal = store.read_journal(&key).unwrap();
    change(&mut workbook, &mut journal);
    store.save(&key, &workbook).unwrap();
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
}

/// `trustwork journal list --json` with `extra` arguments, parsed.
pub fn list_json(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["journal", "list", "--json"];
    args.extend_from_slice(extra);
    let run = tw_run(dir, &args);
    run.ok();
    serde_json::from_str(&run.stdout).unwrap()
}
