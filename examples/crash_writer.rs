//! A helper for the fault tests (`tests/crash_safety.rs`,
//! `tests/two_processes.rs`): a small program that writes a workbook
//! through the real library, so a test can kill it at any moment.
//!
//! ```text
//! crash_writer DIR [loop]   open (or create) the workbook "Crash test" in
//!                           DIR and save it in a loop (see below)
//! crash_writer DIR hold     open it, add one journal entry, print
//!                           "holding", then keep the workbook open until
//!                           stdin closes
//! ```
//!
//! In the loop, save number `n` sets the answer [`COUNTER`] to `n` (with a
//! large answer beside it, so a save takes a while and a kill often lands
//! in the middle of one) and saves the workbook, then adds the journal entry
//! `entry n` and saves the journal. After each save has returned, it prints
//! `ack wb N` or `ack journal N` and flushes: whatever was acknowledged is
//! on disk, and the test checks that it is still there after the kill.
//! The first number is one more than the counter found on disk, and
//! `ready N` is printed before the first save.
//!
//! Any error is printed on stderr as `error: …` and the program exits
//! with 1.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use trustwork::domain::{
    Answer, AnswerValue, JournalEntry, NewEntry, NewWorkbook, RelationshipKind, Role, Workbook, now,
};
use trustwork::storage::{JsonStore, Store, StoreError, WorkbookKey};

/// The answer holding the number of the last save.
pub const COUNTER: &str = "crash/test/counter";
/// A large answer that changes with every save.
pub const PADDING: &str = "crash/test/padding";
/// The workbook's name (and so its key, `crash-test`).
pub const NAME: &str = "Crash test";
/// The body of the entry held open by `hold`.
pub const HELD_ENTRY: &str = "written by the process that holds the workbook";

/// The large answer of save `n`: about 64 KiB, different for every `n`.
pub fn padding(n: u64) -> String {
    let line = format!("save {n}: the quick brown fox jumps over the lazy dog, 信頼 🙂\n");
    line.repeat(65_536 / line.len())
}

/// The journal entry body of save `n`; every eighth one is large (about
/// 24 KiB), so appending it takes several pages and a kill can tear it.
pub fn entry_body(n: u64) -> String {
    let head = format!("entry {n}\n");
    let filler = if n.is_multiple_of(8) {
        "a longer day, written out at length. ".repeat(650)
    } else {
        "a short note.".to_string()
    };
    format!("{head}{filler}")
}

/// The number in a body written by [`entry_body`] (for the tests, which
/// include this file as a module).
#[allow(dead_code)]
pub fn entry_number(body: &str) -> Option<u64> {
    body.lines().next()?.strip_prefix("entry ")?.parse().ok()
}

/// The number of the last save found in a workbook (0 before the first).
pub fn counter(workbook: &Workbook) -> Option<u64> {
    match &workbook.progress.answers.get(COUNTER)?.value {
        AnswerValue::Text(text) => text.parse().ok(),
        _ => None,
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: crash_writer DIR [loop|hold]");
        return ExitCode::from(2);
    };
    let mode = args.next().map(|m| m.to_string_lossy().into_owned());
    let result = match mode.as_deref() {
        None | Some("loop") => run_loop(dir),
        Some("hold") => hold(dir),
        Some(other) => Err(format!("unknown mode {other:?}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the workbook of [`NAME`], creating it first if the dir has none.
fn open(store: &mut JsonStore) -> Result<(WorkbookKey, Workbook), StoreError> {
    let key = WorkbookKey("crash-test".to_string());
    if !store.path_of(&key).exists() {
        let (created, _) = store.create(NewWorkbook {
            name: NAME.to_string(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })?;
        assert_eq!(created, key, "a fresh data dir gives the expected key");
    }
    let workbook = store.open(&key)?;
    Ok((key, workbook))
}

fn text(value: String) -> Answer {
    Answer {
        value: AnswerValue::Text(value),
        updated_at: now(),
        author: None,
        private: false,
    }
}

fn run_loop(dir: PathBuf) -> Result<(), String> {
    let mut store = JsonStore::new(dir).map_err(|e| e.to_string())?;
    let (key, mut workbook) = open(&mut store).map_err(|e| e.to_string())?;
    // As the app reads it: the journal index beside it is written anew on
    // the way (it is stale after every save), so kills land in that too.
    let mut journal = match store.journal_reader(&key) {
        Some(read) => read(),
        None => store.read_journal(&key),
    }
    .map_err(|e| e.to_string())?;
    let author = workbook.default_author();
    let first = counter(&workbook).unwrap_or(0) + 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut say = |line: String| -> Result<(), String> {
        writeln!(out, "{line}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())
    };
    say(format!("ready {first}"))?;
    for n in first.. {
        let answers = &mut workbook.progress.answers;
        answers.insert(COUNTER.to_string(), text(n.to_string()));
        answers.insert(PADDING.to_string(), text(padding(n)));
        workbook.touch(trustwork::domain::now());
        store.save(&key, &workbook).map_err(|e| e.to_string())?;
        say(format!("ack wb {n}"))?;

        journal.upsert(JournalEntry::new(
            author,
            NewEntry {
                body: entry_body(n),
                ..NewEntry::default()
            },
            trustwork::domain::now(),
        ));
        store
            .save_journal(&key, &mut journal)
            .map_err(|e| e.to_string())?;
        say(format!("ack journal {n}"))?;
    }
    Ok(())
}

fn hold(dir: PathBuf) -> Result<(), String> {
    let mut store = JsonStore::new(dir).map_err(|e| e.to_string())?;
    let (key, workbook) = open(&mut store).map_err(|e| e.to_string())?;
    let mut journal = store.read_journal(&key).map_err(|e| e.to_string())?;
    journal.upsert(JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            body: HELD_ENTRY.to_string(),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    store
        .save_journal(&key, &mut journal)
        .map_err(|e| e.to_string())?;
    println!("holding pid {}", std::process::id());
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    // Until the test closes our stdin (or kills us).
    for line in std::io::stdin().lock().lines() {
        line.map_err(|e| e.to_string())?;
    }
    store.close(&key);
    println!("released");
    Ok(())
}
