//! Plain mode: the workbook as a line-by-line conversation, for screen
//! readers, braille displays, `TERM=dumb` and piped input. Numbered
//! choices, whole sentences on their own lines, and no box drawing,
//! colour, cursor movement or decoration. It shares the engine, the
//! content and the store (and its lock) with the app, so everything
//! written here is what the app shows.
//!
//! Everything reads from a `BufRead` and writes to a `Write`, so tests
//! drive it with plain text.

mod book;
mod checkin;
mod journal;
pub mod prompt;
mod safety;
mod stages;
mod start;
mod text;

pub use prompt::{EndOfInput, Prompter};
pub use safety::screen;

use std::io::{BufRead, Write};

use anyhow::Result;

use book::Book;
use prompt::Menu;
use stages::Leave;

use crate::content::Content;
use crate::domain::Clock;
use crate::storage::Store;

/// Whether to talk in plain lines rather than open the full-screen app:
/// when asked to (`--plain`), when either end is not a terminal (the app
/// needs both), or when the terminal says it cannot move the cursor.
pub fn should_run(
    asked: bool,
    stdin_terminal: bool,
    stdout_terminal: bool,
    term: Option<&str>,
) -> bool {
    asked || !stdin_terminal || !stdout_terminal || term == Some("dumb")
}

const GOODBYE: &str = "Everything you wrote is saved. Take care of yourself.";

/// Runs plain mode to the end. The end of input is a normal way to leave:
/// what was answered is already saved. A workbook that cannot be opened
/// (locked by another copy, damaged, newer) is an error, before anything
/// is printed, with nothing written.
pub fn run(
    content: &Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    run_echoing(content, store, wanted, input, out, false)
}

/// [`run`], writing each answer after its question when `echo` (input
/// from a file or a pipe, where nothing else shows it).
pub fn run_echoing(
    content: &Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> Result<()> {
    let mut p = Prompter::new(input, out);
    p.echo = echo;
    let result = session(&mut p, content, store, wanted);
    match result {
        Err(e) if e.is::<EndOfInput>() => p.say(GOODBYE),
        other => other,
    }
}

fn session(
    p: &mut Prompter<'_>,
    content: &Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
) -> Result<()> {
    let chosen = start::choose(p, store, wanted)?;
    let mut book = Book::open(store, chosen.key, Clock::from_env())?;
    if book.is_closed() {
        p.say(&format!(
            "\"{}\" is closed, so nothing can be written in it. You can read it in the full-screen app, or with `trustwork export --format md`.",
            book.workbook().name
        ))?;
        return Ok(());
    }
    if book.locked() {
        p.say("Everyone in this workbook keeps a private space behind a passphrase of their own, which plain mode does not ask for. Open it in the full-screen app.")?;
        return Ok(());
    }
    p.say(&format!(
        "Opened the workbook \"{}\".",
        book.workbook().name
    ))?;
    // Two people write here: say plainly whose space this is, so nobody
    // reads on in someone else's.
    if book.workbook().is_couple() {
        p.say(&format!(
            "Writing as {}. If you are not {}, leave now (q) and open the full-screen app, where you can hand over with W.",
            book.writer_name(),
            book.writer_name()
        ))?;
    }
    // A new workbook starts with the private questions, as in the app; so
    // does one where a check-in from a shell could not ask them.
    if chosen.created || book.screening_owed(book.writer()) {
        safety::screen(p, content, &mut book)?;
    }
    main_menu(p, content, &mut book)?;
    p.say(GOODBYE)
}

fn main_menu(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    loop {
        let engine = book.engine(content);
        let progress = book.progress();
        let next = engine
            .recommended(progress)
            .unwrap_or_else(|| engine.place_of(&progress.position));
        let menu = Menu::new()
            .numbered([
                format!("Continue where you left off: {}", engine.describe(next)),
                "Stages".to_string(),
                "Journal".to_string(),
                "Check-in".to_string(),
                "Help".to_string(),
                "Couple mode".to_string(),
                "Support: crisis lines and helplines".to_string(),
                "Right now: a few steps for a hard moment".to_string(),
            ])
            .item("0", "Save and quit")
            .alias("q", "0")
            .alias("quit", "0")
            .alias("h", "5")
            .alias("?", "5")
            .alias("s", "7")
            .alias("n", "8")
            .on_empty("0");
        p.blank()?;
        p.say(&format!("Main menu, workbook \"{}\"", book.workbook().name))?;
        match menu.key(p.pick(&menu)?) {
            "1" => {
                if stages::walk(p, content, book, next)? == Leave::Stages {
                    stages::stages_menu(p, content, book)?;
                }
            }
            "2" => stages::stages_menu(p, content, book)?,
            "3" => journal::journal_menu(p, content, book)?,
            "4" => checkin::checkin(p, content, book)?,
            "5" => help(p)?,
            "6" => p.say("Couple mode, for two people taking turns at one screen, is only in the full-screen app: run trustwork in a terminal without --plain.")?,
            "7" => safety::support(p, content, book)?,
            "8" => safety::right_now(p, content, book)?,
            _ => return Ok(()),
        }
    }
}

fn help(p: &mut Prompter<'_>) -> Result<()> {
    p.blank()?;
    p.say("How plain mode works")?;
    for line in [
        "Each question ends with what to type. Type it and press Enter.",
        "Menus are numbered: type a number and press Enter.",
        "Checklists: type the numbers of the options that fit, separated by spaces or commas. Type none to untick them all.",
        "Scales: type a number from 0 to 10.",
        "Written answers can take several lines. Finish with a line holding only a full stop. An empty first line keeps your saved answer.",
        "On a menu, typing q, or pressing Enter on an empty line, goes back; on the main menu it leaves.",
        "Everything is saved as you go, straight after each answer. Ending the input (Ctrl+D) also saves and leaves.",
        "The full-screen app shows the same workbook: run trustwork in a terminal without --plain.",
    ] {
        p.say(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::should_run;

    #[test]
    fn plain_mode_runs_when_asked_or_without_a_full_terminal() {
        assert!(!should_run(false, true, true, Some("xterm-256color")));
        assert!(!should_run(false, true, true, None));
        assert!(should_run(true, true, true, Some("xterm")));
        assert!(should_run(false, true, false, Some("xterm")));
        assert!(should_run(false, false, true, Some("xterm")));
        assert!(should_run(false, true, true, Some("dumb")));
    }
}
