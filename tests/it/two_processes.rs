#![allow(clippy::unwrap_used)]
//! Two processes on one workbook, black-box: while one process holds the
//! workbook (a helper process using the library, or the real TUI in a
//! pseudo-terminal), a second `trustwork` that would change the workbook
//! is refused with a message naming the holder and the lock file, exits
//! with 1 and writes nothing; what the first process wrote stays intact,
//! and once it is gone (closed, or killed and its lock left behind)
//! writing works again. A new journal entry is only an append, so
//! `journal add` works beside the holder, and the TUI shows it. Many CLI
//! writers started at once all write their entry; none is ever lost or
//! half written.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::support::cli::*;

/// The body of the entry written by the helper that holds the workbook
/// (`HELD_ENTRY` in examples/crash_writer.rs).
const HELD_ENTRY: &str = "written by the process that holds the workbook";

/// The helper binary (see tests/crash_safety.rs), built beside the tests.
fn helper() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("crash_writer{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if !matches!((modified(&path), modified(&exe)), (Some(w), Some(t)) if w >= t) {
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev",
            Some(other) => other,
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let _ = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--example",
                "crash_writer",
                "--profile",
                profile,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status();
    }
    assert!(
        path.is_file(),
        "the helper is missing at {}: build it with `cargo build --example crash_writer`",
        path.display()
    );
    path
}

/// Lines a child prints, as they come.
fn lines_of(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// A process holding the workbook "Crash test" open, with one journal
/// entry of its own saved.
struct Holder {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl Holder {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(helper())
            .arg(dir)
            .arg("hold")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let lines = lines_of(child.stdout.take().unwrap());
        let first = lines.recv_timeout(Duration::from_secs(20)).unwrap();
        assert_eq!(first, format!("holding pid {}", child.id()));
        Self {
            child,
            stdin,
            lines,
        }
    }

    fn pid(&self) -> String {
        format!("pid {}", self.child.id())
    }

    /// Closes the workbook the normal way and waits for the process.
    fn release(mut self) {
        drop(self.stdin.take());
        assert_eq!(
            self.lines.recv_timeout(Duration::from_secs(20)).unwrap(),
            "released"
        );
        assert!(self.child.wait().unwrap().success());
    }

    /// SIGKILL: the lock file stays behind.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn bodies(dir: &Path) -> Vec<String> {
    let mut bodies: Vec<String> = list_json(dir, &[])
        .iter()
        .map(|item| item["body"].as_str().unwrap().to_string())
        .collect();
    bodies.sort();
    bodies
}

const CHECKIN: [&str; 9] = [
    "checkin",
    "--trust",
    "5",
    "--safety",
    "5",
    "--communication",
    "5",
    "--commitment",
    "5",
];

#[test]
fn a_second_process_is_refused_while_the_first_holds_the_workbook() {
    let (_tmp, dir) = data_dir();
    let holder = Holder::start(&dir);
    let lock = dir.join("crash-test.lock");
    let before = files(&dir);

    let pid = holder.pid();
    let refused = [
        "\"Crash test\" is already open",
        pid.as_str(),
        "Lock file:",
        &lock.display().to_string(),
    ];
    tw_run(&dir, &CHECKIN).failed().stderr_has(&refused);
    // The TUI checks the lock before it looks for a terminal, so it is
    // refused the same way.
    tw_run(&dir, &[]).failed().stderr_has(&refused);
    // Reading needs no lock, and sees what the holder saved.
    assert_eq!(bodies(&dir), [HELD_ENTRY]);
    assert_eq!(files(&dir), before, "nothing written, nothing half written");
    // A journal entry is an append: it goes in beside the holder.
    tw_run(&dir, &["journal", "add", "from the second process"]).ok();
    assert_eq!(bodies(&dir), ["from the second process", HELD_ENTRY]);

    holder.release();
    assert!(!lock.exists(), "closing removes the lock file");
    tw_run(&dir, &CHECKIN).ok();
    assert_eq!(bodies(&dir), ["from the second process", HELD_ENTRY]);
}

#[test]
fn a_killed_holder_leaves_a_lock_that_the_next_writer_takes_over() {
    let (_tmp, dir) = data_dir();
    let holder = Holder::start(&dir);
    let lock = dir.join("crash-test.lock");
    holder.kill();
    assert!(lock.exists(), "a killed process leaves its lock file");
    let started = Instant::now();
    tw_run(&dir, &["journal", "add", "after the crash"]).ok();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "no waiting for a dead holder"
    );
    assert_eq!(bodies(&dir), ["after the crash", HELD_ENTRY]);
}

#[test]
fn writers_started_together_each_write_and_nothing_is_lost() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    writers_together(&dir, &[]);
}

#[test]
fn writers_started_together_beside_a_holder_each_write_and_nothing_is_lost() {
    let (_tmp, dir) = data_dir();
    let holder = Holder::start(&dir);
    let mut expected = writers_together(&dir, &[HELD_ENTRY]);
    holder.release();
    expected.sort();
    assert_eq!(bodies(&dir), expected, "the holder's close keeps them all");
}

/// Starts eighteen `journal add`s, six at a time, and checks that each
/// wrote its entry once and whole, beside `already` in the journal.
/// Returns every body now in it.
fn writers_together(dir: &Path, already: &[&str]) -> Vec<String> {
    let binary = Path::new(env!("CARGO_BIN_EXE_trustwork"));
    let mut written = Vec::new();
    let mut refused = 0;
    for round in 0..3 {
        let children: Vec<(String, Child)> = (0..6)
            .map(|i| {
                let body = format!("round {round} writer {i} 信頼");
                let child = Command::new(binary)
                    .arg("--data-dir")
                    .arg(dir)
                    .args(["journal", "add", &body])
                    .env_remove("TRUSTWORK_DATA_DIR")
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (body, child)
            })
            .collect();
        for (body, child) in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            match out.status.code() {
                Some(0) => written.push(body),
                Some(1) => {
                    assert!(stderr.contains("is already open"), "{stderr}");
                    refused += 1;
                }
                other => panic!("{body}: exit {other:?}: {stderr}"),
            }
        }
    }
    written.extend(already.iter().map(|s| s.to_string()));
    written.sort();
    assert_eq!(bodies(dir), written, "every entry written, once, whole");
    // Commands wait a moment for each other's lock (issue 18: 39 of 50
    // were refused): all eighteen write.
    assert_eq!(refused, 0, "a writer was refused instead of waiting");
    assert_eq!(written.len(), 18 + already.len());
    println!("{} writers wrote, {refused} were refused", 18 - refused);
    written
}

/// The real TUI in a pseudo-terminal (`script` from util-linux), so it
/// holds the workbook as a person using it would.
struct Tui {
    child: Child,
    stdin: ChildStdin,
    /// Everything it has drawn so far.
    drawn: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Tui {
    fn start(dir: &Path) -> Option<Self> {
        let binary = Path::new(env!("CARGO_BIN_EXE_trustwork"));
        let command = format!(
            "stty rows 30 cols 100 2>/dev/null; exec '{}' --data-dir '{}'",
            binary.display(),
            dir.display()
        );
        let mut child = Command::new("script")
            .args(["--quiet", "--return", "--command", &command, "/dev/null"])
            .env("TERM", "xterm-256color")
            .env_remove("TRUSTWORK_DATA_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take().unwrap();
        // Keep what it draws, so it never blocks on a full pipe and the
        // test can look for a text on its screen.
        let mut out = child.stdout.take().unwrap();
        let drawn = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = drawn.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = out.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Some(Self {
            child,
            stdin,
            drawn,
        })
    }

    fn keys(&mut self, keys: &[u8]) {
        self.stdin.write_all(keys).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Whether `text` is drawn within `wait`. A word without spaces: the
    /// terminal is sent only the cells that changed, so a space already
    /// on screen at its place is skipped over.
    fn shows(&self, text: &str, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            let drawn = String::from_utf8_lossy(&self.drawn.lock().unwrap()).to_string();
            if drawn.contains(text) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn quit(mut self) -> bool {
        // Ctrl+Q: save and leave.
        let _ = self.stdin.write_all(b"\x11");
        let _ = self.stdin.flush();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_journal_entry_added_while_the_tui_is_open_shows_in_it_and_other_writes_wait() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    tw_run(&dir, &["journal", "add", "before the TUI"]).ok();
    let lock = dir.join("sam.lock");
    let Some(mut tui) = Tui::start(&dir) else {
        println!("skipped: `script` (util-linux) is not available to give the TUI a terminal");
        return;
    };
    // Wait until the TUI holds the workbook.
    let deadline = Instant::now() + Duration::from_secs(15);
    while !std::fs::read_to_string(&lock).is_ok_and(|t| t.contains("pid ")) {
        if Instant::now() > deadline {
            println!("skipped: the TUI did not start in a pseudo-terminal here");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let holder = std::fs::read_to_string(&lock).unwrap();
    // To the journal list.
    tui.keys(b"2");
    assert!(
        tui.shows("before", Duration::from_secs(10)),
        "the journal list is up"
    );

    tw_run(&dir, &["journal", "add", "Shellnote7QX"]).ok();
    assert!(
        tui.shows("Shellnote7QX", Duration::from_secs(10)),
        "the TUI shows the entry added from the shell"
    );
    let before = files(&dir);
    tw_run(&dir, &CHECKIN).failed().stderr_has(&[
        "\"Sam\" is already open",
        // The pid and host; the time is shown in the reader's zone.
        holder.split(" since ").next().unwrap_or_default(),
    ]);
    tw_run(&dir, &[]).failed().stderr_has(&["already open"]);
    assert_eq!(files(&dir), before, "the refused runs wrote nothing");

    assert!(tui.quit(), "the TUI leaves with Ctrl+Q");
    assert!(!lock.exists(), "the TUI released its lock");
    tw_run(&dir, &["journal", "add", "after the TUI"]).ok();
    assert_eq!(
        bodies(&dir),
        ["Shellnote7QX", "after the TUI", "before the TUI"]
    );
}
