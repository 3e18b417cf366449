//! The subcommands that do their work and print, without the TUI: one file
//! per subcommand, and here what they share (how errors map to exit codes,
//! finding the workbook, holding it open, reading stages and authors).

mod checkin;
mod doctor;
mod encrypt;
mod export;
mod import;
mod journal;
mod manual;
mod names;
mod new;
mod restore;
mod settings;
mod status;
mod text;

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Result;
use thiserror::Error;

use crate::content::Content;
use crate::domain::Clock;
use crate::journal_view::Viewer;
use crate::open::{Held, Refused};
use crate::storage::{JsonStore, Store, StoreError, WorkbookKey, resolve};

pub use checkin::{CheckInRequest, checkin};
pub use doctor::doctor;
pub use encrypt::{decrypt, encrypt, encrypt_with};
pub use export::{CounsellorRequest, ExportFormat, ExportRequest, export};
pub use import::{ImportRequest, import};
pub use journal::{
    AddRequest, ListFormat, ListRequest, journal_add, journal_edit, journal_list, journal_rm,
    journal_search, journal_show, wants_editor,
};
pub use manual::{completions, man};
pub use names::{Names, names};
pub use new::{NewRequest, first_screening, new};
pub use restore::{RestoreRequest, restore};
pub use settings::config;
pub use status::status;

/// A request that cannot be carried out as given: an unknown stage, mood
/// or name, a value out of range, an empty entry. `main` exits with code 2
/// for it, as clap does for its own usage errors; nothing has been written.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A [`UsageError`] with this message, ready to return.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// How a command that ran without an error ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A search found nothing: exit code 1, as `grep` does.
    NothingFound,
    /// A check (`doctor`, `config`) found problems and listed them: exit
    /// code 1, with no error message of its own.
    ProblemsFound,
}

/// Where a command reads and writes: the process's streams in `main`.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub input: &'a mut dyn BufRead,
    /// Whether stdin is a terminal, so a person can be asked or prompted.
    pub interactive: bool,
    /// Whether stdout is a terminal that may be styled (and `NO_COLOR` is
    /// not set). Marks are written either way; styles only add to them.
    pub styled: bool,
}

pub fn path(dir: &Path, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", dir.display())?;
    Ok(())
}

/// The store in an existing data dir. Only commands that write may create
/// the data dir; a mistyped --data-dir must not quietly become a new, empty
/// one.
pub fn existing_store(dir: &Path) -> Result<JsonStore> {
    if !dir.is_dir() {
        anyhow::bail!(no_data_dir(dir));
    }
    Ok(JsonStore::new(dir)?)
}

fn no_data_dir(dir: &Path) -> String {
    format!(
        "there are no workbooks in {} (the folder does not exist). \
         Create one with `trustwork` or `trustwork new --name NAME`",
        dir.display()
    )
}

/// [`existing_store`] for the journal, check-in, export and import
/// commands, where a missing workbook is a usage error (exit 2). `status`
/// and `restore` keep exiting with 1, as they always have.
pub fn workbook_store(dir: &Path) -> Result<JsonStore> {
    if !dir.is_dir() {
        return Err(usage(no_data_dir(dir)));
    }
    Ok(JsonStore::new(dir)?)
}

/// The workbook the user means; not finding it is a usage error.
fn find_workbook(store: &dyn Store, wanted: Option<&str>) -> Result<WorkbookKey> {
    resolve(store, wanted).map_err(|err| match err {
        StoreError::NoWorkbooks
        | StoreError::WhichWorkbook { .. }
        | StoreError::UnknownWorkbook { .. } => usage(err.to_string()),
        other => other.into(),
    })
}

/// Opens (locks) a workbook for writing, with the clock the command line
/// runs on. Dropping it releases the lock on every way out.
///
/// Another command writing at the same moment (two quick captures from a
/// script) holds the lock for a few milliseconds: it is waited for, a few
/// seconds at most (two), rather than refused. The app holds its workbook for as
/// long as it is open, so that still refuses after the wait, with who
/// holds it.
fn hold(store: &mut dyn Store, key: WorkbookKey) -> Result<Held<'_>, StoreError> {
    let wait = lock_wait();
    let deadline = std::time::Instant::now() + wait;
    let mut pause = std::time::Duration::from_millis(5);
    let mut said = false;
    loop {
        match store.open(&key) {
            Ok(workbook) => return Ok(Held::adopt(store, key, workbook, Clock::from_env())),
            Err(StoreError::Locked { name, holder, .. })
                if std::time::Instant::now() < deadline =>
            {
                // Said once, on stderr, so a script's output stays clean
                // and a person knows why nothing happens for a moment.
                if !std::mem::replace(&mut said, true) {
                    eprintln!(
                        "trustwork: \"{}\" is open in another trustwork ({}): waiting up to {} seconds for it (--no-wait: stop at once)…",
                        text::one_line(&name),
                        text::one_line(&holder),
                        wait.as_secs_f32()
                    );
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(200));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Set by `--no-wait`: commands refuse a workbook held by another
/// trustwork at once instead of waiting (see [`hold`]).
static NO_WAIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets `--no-wait` for this process.
pub fn set_no_wait(on: bool) {
    NO_WAIT.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// How long a command waits for another command's lock: two seconds.
/// Tests of the refusal itself set `TRUSTWORK_TEST_LOCK_WAIT_MS` (debug
/// builds only) so they do not wait.
fn lock_wait() -> std::time::Duration {
    if NO_WAIT.load(std::sync::atomic::Ordering::Relaxed) {
        return std::time::Duration::ZERO;
    }
    let test = cfg!(debug_assertions)
        .then(|| std::env::var("TRUSTWORK_TEST_LOCK_WAIT_MS").ok())
        .flatten()
        .and_then(|ms| ms.parse().ok());
    std::time::Duration::from_millis(test.unwrap_or(2000))
}

/// A workbook and its journal as `who` (`--as NAME`) may see them (see
/// [`crate::open::seen_by`]): in a workbook for two, without `--as`, only
/// what the two share. Nothing is locked or written.
fn read_as(
    store: &dyn Store,
    key: &WorkbookKey,
    who: Option<&str>,
) -> Result<(crate::domain::Workbook, crate::domain::Journal)> {
    let workbook = store.read(key)?;
    let journal = store.read_journal(key)?;
    let viewer = match who {
        None if workbook.is_couple() => Viewer::Shared,
        None => Viewer::Person(workbook.default_author()),
        // Their passphrase, where they set one, also opens what is
        // sealed to them.
        Some(name) => {
            let mut open =
                crate::open::OpenWorkbook::new(key.clone(), workbook, journal, Clock::System);
            let who = as_person(&mut open, name)?;
            return Ok(crate::open::seen_by(
                open.workbook(),
                open.journal(),
                Viewer::Person(who),
            ));
        }
    };
    Ok(crate::open::seen_by(&workbook, &journal, viewer))
}

/// Who writes, for a command that writes: `--as NAME`, which a workbook
/// for two needs (two people share it, and a file must never record
/// words in the wrong person's name by default).
fn writer(open: &mut crate::open::OpenWorkbook, name: Option<&str>) -> Result<()> {
    match name {
        Some(name) => as_person(open, name).map(|_| ()),
        None if open.workbook().is_couple() => {
            let names: Vec<&str> = open
                .workbook()
                .participants
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            Err(usage(format!(
                "\"{}\" is written by two people ({}): say who is writing with --as NAME",
                open.workbook().name,
                names.join(" and ")
            )))
        }
        None => Ok(()),
    }
}

/// Makes `name` the person writing (`--as NAME`). Someone with a
/// passphrase of their own is asked for it at a terminal; without one,
/// the command stops with nothing shown or written.
fn as_person(open: &mut crate::open::OpenWorkbook, name: &str) -> Result<uuid::Uuid> {
    match open.write_as(name) {
        Err(Refused::NeedsTheirPassphrase) => {
            let who = open
                .workbook()
                .participant_named(name)
                .map(|p| (p.id, p.name.clone()));
            let typed = match who {
                Some((_, ref shown)) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                    crate::passphrase::prompt(&format!("{shown}'s own passphrase: "))
                }
                _ => None,
            };
            match (who, typed) {
                (Some((id, _)), Some(secret)) if open.unlock_person(id, &secret) => {
                    open.write_as(name).map_err(refused)
                }
                (Some((_, shown)), Some(_)) => Err(anyhow::anyhow!(
                    "that is not {shown}'s passphrase. Nothing was shown or written"
                )),
                (who, _) => Err(anyhow::anyhow!(
                    "{} has a passphrase of their own: run this at a terminal and type it",
                    who.map_or_else(|| name.trim().to_string(), |(_, shown)| shown)
                )),
            }
        }
        other => other.map_err(refused),
    }
}

/// A refusal of the workbook's rules, as the command line reports it: a
/// name that is not in the workbook is a usage error (exit 2); a closed
/// workbook is an error (exit 1) that says how to reopen it.
fn refused(refused: Refused) -> anyhow::Error {
    match refused {
        Refused::UnknownPerson { .. } => usage(refused.to_string()),
        other => anyhow::Error::new(other),
    }
}

/// A stage by its id or its number (1 for the first), as the content
/// names it.
fn stage_id(content: &Content, wanted: &str) -> Result<String> {
    let wanted = wanted.trim();
    let by_number = wanted
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| content.stages.get(i));
    let by_id = || {
        content
            .stages
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(wanted))
    };
    match by_number.or_else(by_id) {
        Some(stage) => Ok(stage.id.clone()),
        None => {
            let known: Vec<String> = content
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{} {}", i + 1, s.id))
                .collect();
            Err(usage(format!(
                "there is no stage \"{wanted}\". Use a stage's id or number: {}",
                known.join(", ")
            )))
        }
    }
}
