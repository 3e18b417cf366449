//! The real binary on a pseudo-terminal (util-linux `script`), killed with
//! SIGTERM, SIGHUP and SIGINT while an answer is being typed: the typed
//! words are kept and the terminal is given back (alternate screen left,
//! cursor shown, mouse reporting off). Skipped, and said so, where
//! `script` is not there.
#![cfg(unix)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trustwork::domain::{NewWorkbook, RelationshipKind, Role};
use trustwork::storage::{JsonStore, Store};

/// Leaves the alternate screen, shows the cursor, stops mouse reporting.
const RESTORED: [&str; 3] = ["\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l"];

/// The pid of the `trustwork` process `script` started.
fn child_of(parent: u32) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // pid (comm) state ppid …
            let after = stat.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
            let ppid = after
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && stat.contains("(trustwork)") {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Types into the first answer of stage 1, sends `signal`, and returns
/// what the terminal was sent and the workbook file afterwards.
fn typed_then(signal: &str) -> Option<(String, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = JsonStore::new(&dir).unwrap();
    store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("trustwork");
    let command = format!(
        "stty cols 100 rows 30; '{}' --config '{}' --data-dir '{}'",
        bin.display(),
        tmp.path().join("no-config.toml").display(),
        dir.display()
    );
    let mut script = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("HOME", tmp.path())
        .env("TERM", "xterm-256color")
        .env_remove("TRUSTWORK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let app = child_of(script.id())?;
    let mut keys = script.stdin.take()?;
    let mut send = |bytes: &[u8], wait: u64| {
        let _ = keys.write_all(bytes);
        let _ = keys.flush();
        std::thread::sleep(Duration::from_millis(wait));
    };
    send(b"", 1500);
    // Begin the first step, the question below, write.
    send(b"\r", 400);
    send(b"\x1b[B", 400);
    send(b"\r", 400);
    send(b"half a thought", 600);
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &app.to_string()])
        .status()
        .ok()?;
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && std::path::Path::new(&format!("/proc/{app}")).exists() {
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(keys);
    let output = script.wait_with_output().ok()?;
    let workbook = std::fs::read_to_string(dir.join("sam.json")).unwrap_or_default();
    let recovered = std::fs::read_dir(dir.join("recovered"))
        .map(|d| {
            d.flatten()
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .collect::<String>()
        })
        .unwrap_or_default();
    Some((
        String::from_utf8_lossy(&output.stdout).into_owned(),
        workbook + &recovered,
    ))
}

#[test]
fn every_way_out_by_signal_keeps_the_words_and_gives_the_terminal_back() {
    if Command::new("script").arg("--version").output().is_err() {
        println!("skipped: no `script` to make a terminal with");
        return;
    }
    for signal in ["TERM", "HUP", "INT"] {
        let Some((terminal, kept)) = typed_then(signal) else {
            println!("skipped: the app could not be started on a terminal");
            return;
        };
        assert!(
            kept.contains("half a thought"),
            "{signal}: the words were lost"
        );
        for sequence in RESTORED {
            assert!(
                terminal.contains(sequence),
                "{signal}: {sequence:?} was not sent to the terminal; it ended with {:?}",
                terminal
                    .chars()
                    .rev()
                    .take(300)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            );
        }
    }
}
