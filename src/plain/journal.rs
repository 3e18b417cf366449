//! The journal: write an entry, or read the newest ten (free entries and
//! written reflections, as the app's journal screen lists them).

use anyhow::Result;

use super::book::Book;
use super::prompt::{Block, EndOfInput, Menu, Prompter};
use crate::content::Content;
use crate::domain::{Mood, NewEntry};
use crate::journal_view;

/// How many entries the list shows.
const SHOWN: usize = 10;

const DATE_TIME: &str = "%Y-%m-%d %H:%M";

pub fn journal_menu(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    loop {
        let menu = Menu::new()
            .numbered(["Write an entry", "Read your newest entries"])
            .item("0", "Back to the main menu")
            .alias("q", "0")
            .on_empty("0");
        p.blank()?;
        p.say("Your journal")?;
        match menu.key(p.pick(&menu)?) {
            "1" => write(p, book)?,
            "2" => read(p, content, book)?,
            _ => return Ok(()),
        }
    }
}

/// Asks for the text, a title and a mood, then saves the entry.
fn write(p: &mut Prompter<'_>, book: &mut Book<'_>) -> Result<()> {
    p.blank()?;
    p.say("Write what is on your mind. It can take several lines. Finish with a line holding only a full stop. An empty first line goes back without writing anything.")?;
    let (body, ended) = match p.block()? {
        Block::Keep => return Ok(()),
        Block::Text(text) => (text, false),
        Block::Ended(text) => (text, true),
    };
    // The text is the part that took effort: when the input ends here, it
    // is saved without a title or mood rather than lost.
    // The same when it ends at the title or the mood: what was given so
    // far is kept, and the end of input is passed on after saving.
    let mut ended = ended;
    let mut title = String::new();
    let mut mood = None;
    if !ended {
        match p.line("A title, if you like (press Enter for none): ") {
            Ok(typed) => title = typed,
            Err(e) if e.is::<EndOfInput>() => ended = true,
            Err(e) => return Err(e),
        }
    }
    if !ended {
        let moods = Menu::new()
            .numbered(Mood::ALL.map(Mood::as_str))
            .item("0", "No mood")
            .on_empty("0");
        p.say("How do you feel? Press Enter to leave it out.")?;
        match p.pick(&moods) {
            Ok(picked) => mood = Mood::ALL.get(picked).copied(),
            Err(e) if e.is::<EndOfInput>() => ended = true,
            Err(e) => return Err(e),
        }
    }
    book.load_journal()?;
    book.add_entry(NewEntry {
        stage: None,
        mood,
        title,
        body,
    })?;
    book.save()?;
    p.say("Saved to your journal.")?;
    if ended {
        return Err(EndOfInput.into());
    }
    Ok(())
}

/// The newest entries, one line each; a number shows one in full.
fn read(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    book.load_journal()?;
    // Entries added from the shell meanwhile (`journal add`) are listed
    // too; a file that cannot be read now is reported by the next save.
    let _ = book.take_appended();
    let (workbook, journal) = (book.workbook(), book.journal());
    let items = journal_view::items(content, workbook, journal, false, book.viewer());
    p.blank()?;
    if items.is_empty() {
        p.say("Your journal is empty so far. Entries you write, and answers you give in the stages, will show here.")?;
        return Ok(());
    }
    let shown: Vec<_> = items.into_iter().take(SHOWN).collect();
    p.say(&match shown.len() {
        1 => "Your one entry so far:".to_string(),
        n => format!("Your newest {n} entries, newest first:"),
    })?;
    let labels = shown.iter().map(|item| {
        let kind = if item.is_reflection() {
            match item.step {
                Some(step) => format!(" (your answer in {step})"),
                None => " (your answer)".to_string(),
            }
        } else {
            String::new()
        };
        format!(
            "{}{kind}: {}",
            book.clock().local(item.created_at).format(DATE_TIME),
            one_line(item.headline())
        )
    });
    let menu = Menu::new()
        .numbered(labels)
        .item("0", "Back")
        .alias("q", "0")
        .on_empty("0");
    loop {
        let picked = p.pick(&menu)?;
        let Some(item) = shown.get(picked) else {
            return Ok(());
        };
        p.blank()?;
        if !item.title.trim().is_empty() {
            p.say(item.title)?;
        }
        let mood = item
            .mood
            .map(|m| format!(", feeling {m}"))
            .unwrap_or_default();
        p.say(&format!(
            "Written {}{mood}.",
            book.clock().local(item.created_at).format(DATE_TIME)
        ))?;
        p.say(item.body)?;
        p.say("End of entry.")?;
        p.blank()?;
        p.say("Type another number to read it, or press Enter to go back.")?;
    }
}

/// A headline on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
