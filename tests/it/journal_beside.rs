//! `journal add` from the shell while another process has the workbook
//! open (issue 18): the entry is appended under the journal's own short
//! lock, and the holder takes it in, when it looks (the app does every
//! second) or at its next save, whether that save appends or rewrites
//! the file. Nothing is lost or written twice, encrypted or not.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use age::secrecy::SecretString;
use trustwork::domain::{Clock, NewEntry};
use trustwork::journal_view::Source;
use trustwork::open::OpenWorkbook;
use trustwork::storage::{JsonStore, Store, WorkbookKey};

use crate::support::cli::*;
use crate::support::content;

const PASSPHRASE: &str = "lanterns in the rain";

fn entry(body: &str) -> NewEntry {
    NewEntry {
        body: body.into(),
        ..NewEntry::default()
    }
}

/// Live entries' bodies, sorted.
fn bodies(open: &OpenWorkbook) -> Vec<String> {
    let mut bodies: Vec<String> = open.journal().live().map(|e| e.body.clone()).collect();
    bodies.sort();
    bodies
}

/// How many lines of the journal file hold `text` (in plain text).
fn lines_with(dir: &Path, text: &str) -> usize {
    std::fs::read_to_string(dir.join("sam.journal.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| l.contains(text))
        .count()
}

/// The whole round: the holder saves, the shell adds, the holder looks,
/// appends and rewrites; `shell` runs `journal add` with what the
/// workbook needs (a passphrase file for an encrypted one).
fn round(mut store: JsonStore, shell: impl Fn(&str)) {
    let key = WorkbookKey("sam".into());
    let workbook = store.open(&key).unwrap();
    let journal = store.read_journal(&key).unwrap();
    let mut open = OpenWorkbook::new(key.clone(), workbook, journal, Clock::System);
    let mine = open.add_entry(entry("mine, trashed later")).unwrap();
    open.save(&mut store).unwrap();

    // Seen when the holder looks, as the app does while it waits.
    shell("from the shell, seen by looking");
    assert!(open.take_appended(&store).unwrap(), "it came in");
    assert!(!open.take_appended(&store).unwrap(), "and only once");
    assert!(bodies(&open).contains(&"from the shell, seen by looking".to_string()));

    // Taken in by the holder's next save, which appends.
    shell("from the shell, before an append");
    open.add_entry(entry("mine, appended")).unwrap();
    open.save(&mut store).unwrap();
    assert!(open.take_appended(&store).unwrap(), "the save took it in");

    // Kept by a save that rewrites the whole file (emptying the trash).
    shell("from the shell, before a rewrite");
    open.trash(&content(), &Source::Entry(mine)).unwrap();
    open.empty_trash().unwrap();
    open.save(&mut store).unwrap();
    let expected = [
        "from the shell, before a rewrite",
        "from the shell, before an append",
        "from the shell, seen by looking",
        "mine, appended",
    ];
    assert_eq!(bodies(&open), expected);
    store.close(&key);

    let reread = store.read_journal(&key).unwrap();
    let mut on_disk: Vec<String> = reread.live().map(|e| e.body.clone()).collect();
    on_disk.sort();
    assert_eq!(on_disk, expected, "the file holds each once");
    assert_eq!(reread.len(), expected.len(), "and nothing else");
}

#[test]
fn entries_from_the_shell_come_in_and_survive_appends_and_rewrites() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let store = JsonStore::new(&dir).unwrap();
    round(store, |body| {
        tw_run(&dir, &["journal", "add", body]).ok();
    });
    // The rewrite left one line per entry: no old copy of a line.
    assert_eq!(lines_with(&dir, "from the shell, seen by looking"), 1);
}

#[test]
fn an_encrypted_journal_takes_sealed_lines_from_the_shell() {
    let (tmp, dir) = data_dir();
    let secret = tmp.path().join("passphrase");
    std::fs::write(&secret, format!("{PASSPHRASE}\n")).unwrap();
    let shell = |args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_PASSPHRASE_FILE", &secret)
            .env("TRUSTWORK_TEST_SCRYPT_LOG_N", "8")
            .args(args);
        run(&mut cmd).ok();
    };
    shell(&["new", "--name", "Sam", "--role", "hurt", "--encrypt"]);
    let store = JsonStore::new(&dir).unwrap();
    store
        .unlock(
            &WorkbookKey("sam".into()),
            &SecretString::from(PASSPHRASE.to_string()),
        )
        .unwrap();
    round(store, |body| shell(&["journal", "add", body]));
    assert_eq!(lines_with(&dir, "from the shell"), 0, "sealed on disk");
}

#[test]
fn a_line_still_being_written_is_left_for_the_next_look() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("sam".into());
    let workbook = store.open(&key).unwrap();
    let journal = store.read_journal(&key).unwrap();
    let mut open = OpenWorkbook::new(key.clone(), workbook, journal, Clock::System);
    open.add_entry(entry("mine")).unwrap();
    open.save(&mut store).unwrap();

    // Another process is halfway through writing a line: it is not
    // taken (nor taken for a torn line), and once whole it comes in.
    let path = dir.join("sam.journal.jsonl");
    // A different id, so it is an entry of its own.
    let id = open.journal().entries()[0].id.to_string();
    let other = uuid::Uuid::now_v7().to_string();
    let line = std::fs::read_to_string(&path)
        .unwrap()
        .replace("mine", "theirs")
        .replace(&id, &other);
    let (first, rest) = line.split_at(line.len() / 2);
    let append = |text: &str| {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    };
    append(first);
    assert!(
        !open.take_appended(&store).unwrap(),
        "half a line: nothing yet"
    );
    append(rest);
    assert!(open.take_appended(&store).unwrap(), "whole: it comes in");
    assert_eq!(bodies(&open), ["mine", "theirs"]);
}

/// Runs `journal add`s one after another on another thread while `main`
/// runs, and returns the bodies each acknowledged (exit 0).
fn adds_during(dir: &Path, secret: &Path, main: &[&str]) -> Vec<String> {
    let adder = {
        let (dir, secret) = (dir.to_path_buf(), secret.to_path_buf());
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            for n in 0..15 {
                let body = format!("added during the change {n}");
                let mut cmd = tw(&dir);
                cmd.env("TRUSTWORK_PASSPHRASE_FILE", &secret)
                    .env("TRUSTWORK_TEST_SCRYPT_LOG_N", "8")
                    .args(["journal", "add", &body]);
                if run(&mut cmd).code == Some(0) {
                    acknowledged.push(body);
                }
            }
            acknowledged
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(30));
    let mut cmd = tw(dir);
    cmd.env("TRUSTWORK_PASSPHRASE_FILE", secret)
        .env("TRUSTWORK_TEST_SCRYPT_LOG_N", "8")
        .args(main);
    let ran = run(&mut cmd);
    assert_eq!(ran.code, Some(0), "{main:?}: {}", ran.stderr);
    adder.join().unwrap()
}

#[test]
fn entries_added_while_encrypt_or_decrypt_runs_are_all_kept_and_readable() {
    let (tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let secret = tmp.path().join("passphrase");
    std::fs::write(&secret, format!("{PASSPHRASE}\n")).unwrap();
    // A journal long enough for each change to take a while.
    {
        let mut store = JsonStore::new(&dir).unwrap();
        let mut held =
            trustwork::open::Held::open(&mut store, WorkbookKey("sam".into()), Clock::System)
                .unwrap();
        held.load_journal().unwrap();
        for n in 0..200 {
            held.add_entry(entry(&format!(
                "an older entry {n} {}",
                "words ".repeat(40)
            )))
            .unwrap();
        }
        held.save().unwrap();
    }
    let listed = |dir: &Path| -> Vec<String> {
        let mut cmd = tw(dir);
        cmd.env("TRUSTWORK_PASSPHRASE_FILE", &secret)
            .env("TRUSTWORK_TEST_SCRYPT_LOG_N", "8")
            .args(["journal", "list", "--json"]);
        let out = run(&mut cmd);
        out.ok();
        let items: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["body"].as_str().unwrap().to_string())
            .collect()
    };
    let during_encrypt = adds_during(&dir, &secret, &["encrypt", "-w", "Sam"]);
    let during_decrypt = adds_during(&dir, &secret, &["decrypt", "-w", "Sam"]);
    let now_there = listed(&dir);
    for body in during_encrypt.iter().chain(&during_decrypt) {
        assert!(now_there.contains(body), "{body} was acknowledged but lost");
    }
    println!(
        "{} and {} entries added during encrypt and decrypt, all kept",
        during_encrypt.len(),
        during_decrypt.len()
    );
    assert_eq!(
        now_there.len(),
        200 + during_encrypt.len() + during_decrypt.len()
    );
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_pipe_or_a_link_is_refused_not_waited_on() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    let journal = dir.join("sam.journal.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&journal)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("skipped: mkfifo is not available to make a pipe");
        return;
    }
    // Each would block for ever on the pipe (the binary's timeout is 20 s).
    for args in [
        &["journal", "add", "into a pipe"][..],
        &["journal", "list"][..],
    ] {
        tw_run(&dir, args)
            .failed()
            .stderr_has(&["not a regular file", "sam.journal.jsonl"]);
    }
    let doctor = tw_run(&dir, &["doctor"]);
    assert!(
        doctor.stdout.contains("not a regular file"),
        "{}{}",
        doctor.stdout,
        doctor.stderr
    );

    // A link is not followed out of the data folder.
    std::fs::remove_file(&journal).unwrap();
    let elsewhere = dir.parent().unwrap().join("elsewhere.jsonl");
    std::fs::write(&elsewhere, "").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &journal).unwrap();
    tw_run(&dir, &["journal", "add", "through a link"])
        .failed()
        .stderr_has(&["not a regular file"]);
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "");
}

#[test]
fn a_damaged_line_appended_by_another_is_named_by_its_line_in_the_file() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    for n in 0..4 {
        tw_run(&dir, &["journal", "add", &format!("entry {n}")]).ok();
    }
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("sam".into());
    let workbook = store.open(&key).unwrap();
    let journal = store.read_journal(&key).unwrap();
    let mut open = OpenWorkbook::new(key.clone(), workbook, journal, Clock::System);
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("sam.journal.jsonl"))
        .unwrap()
        .write_all(b"{not an entry\n")
        .unwrap();
    let err = open.take_appended(&store).unwrap_err().to_string();
    assert!(err.contains("line 5"), "{err}");
}

#[test]
fn doctor_tells_of_a_last_line_cut_off() {
    let (_tmp, dir) = data_dir();
    create(&dir, "Sam", "hurt");
    tw_run(&dir, &["journal", "add", "whole"]).ok();
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("sam.journal.jsonl"))
        .unwrap()
        .write_all(br#"{"id":"0192"#)
        .unwrap();
    let doctor = tw_run(&dir, &["doctor"]);
    assert!(
        doctor.stdout.contains("cut off part way"),
        "{}",
        doctor.stdout
    );
    assert_eq!(doctor.code, Some(1), "{}", doctor.stdout);
}
