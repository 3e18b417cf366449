//! `trustwork journal add | list | search | show | edit | rm`: write in the
//! journal and read it from a shell. Listing and searching show what the journal screen shows
//! (free entries and written reflections, see [`crate::journal_view`]).

mod editor;
mod list;

use anyhow::Result;
use uuid::Uuid;

pub use editor::wants_editor;
use editor::{Written, entry_text, write_in_editor};
use list::write_json;
pub use list::{ListFormat, ListRequest, journal_list};

use super::text::{Marks, one_line, shown_time, snippet, truncate};
use super::{Io, Outcome, find_workbook, hold, read_as, refused, stage_id, usage, writer};
use crate::content::Content;
use crate::domain::search::Query;
use crate::domain::{Clock, Mood, NewEntry, Workbook};
use crate::journal_view::{self, Filter, Item, Source, Viewer};
use crate::open::{EntryEdit, OpenWorkbook, writable};
use crate::storage::Store;

/// What `trustwork journal add` was given.
#[derive(Debug, Default)]
pub struct AddRequest<'a> {
    pub stage: Option<&'a str>,
    pub mood: Option<Mood>,
    pub title: Option<&'a str>,
    /// `--as`: who writes, by name.
    pub author: Option<&'a str>,
    /// `--date`: when, as a person says it.
    pub date: Option<&'a str>,
    /// The text from the command line; read from stdin when `None`.
    pub text: Option<String>,
    /// Write it in the editor instead (see [`wants_editor`]).
    pub editor: bool,
}

pub fn journal_add(
    store: &mut dyn Store,
    content: &Content,
    wanted: Option<&str>,
    request: AddRequest<'_>,
    io: &mut Io<'_>,
) -> Result<()> {
    // Everything that can be refused is checked before asking for the
    // text, so nobody types an entry only to have it turned away.
    let stage = request.stage.map(|s| stage_id(content, s)).transpose()?;
    let at = request
        .date
        .map(|when| when_said(when, Clock::from_env()).map(|(at, _)| at))
        .transpose()?;
    let key = find_workbook(store, wanted)?;
    let workbook = store.read(&key)?;
    writable(&workbook).map_err(refused)?;
    // Not locked: a new entry is an append, which is safe beside the app
    // or another command holding the workbook (the store takes the
    // journal's own short lock). Who writes is settled, passphrase
    // included, before the text is asked for.
    let mut open = OpenWorkbook::without_journal(key, workbook, Clock::from_env());
    writer(&mut open, request.author)?;
    let (title, body) = if request.editor {
        match write_in_editor(
            request.text.as_deref().unwrap_or_default(),
            request.title.is_none(),
        )? {
            Written::Text { title, body } => (title, body),
            Written::Empty | Written::Unchanged => {
                writeln!(io.out, "Nothing was saved: the entry was left empty.")?;
                return Ok(());
            }
        }
    } else {
        let text = match request.text {
            Some(text) => text,
            None => read_body(io)?,
        };
        (String::new(), tidy(&text))
    };
    if body.is_empty() {
        return Err(usage(
            "the entry is empty, so nothing was written. \
             Give the text after the options, or pipe it in: echo \"…\" | trustwork journal add",
        ));
    }

    let new = NewEntry {
        stage,
        mood: request.mood,
        title: request.title.map_or(title, str::to_string),
        body,
    };
    let id = match at {
        Some(at) => open.add_entry_at(new, at),
        None => open.add_entry(new),
    }
    .map_err(refused)?;
    open.append_entries(store)?;
    let created = open.journal().get(id).map(|e| e.created_at);
    writeln!(
        io.out,
        "Added a journal entry to \"{}\" ({}).",
        open.workbook().name,
        created
            .map(|at| shown_time(at, open.clock()))
            .unwrap_or_default()
    )?;
    Ok(())
}

/// A time as a person says it ("yesterday 9pm", "last friday",
/// "2024-05-01 21:00"), relative to the clock's now, in the reader's zone
/// as it was on that date (a July evening read in December keeps its
/// summer time). Also whether it named a time of day: "yesterday" and
/// "last friday" follow the clock's time of day, "2024-05-01" is
/// midnight, "yesterday 9pm" is a time.
fn when_said(when: &str, clock: Clock) -> Result<(chrono::DateTime<chrono::FixedOffset>, bool)> {
    let now = clock.now();
    let parse = |now| interim::parse_date_string(when.trim(), now, interim::Dialect::Uk);
    let said = parse(now).map_err(|_| {
        usage(format!(
            "\"{}\" is not a time trustwork can read. Examples: --date \"yesterday 9pm\", --date \"last friday\", --date \"2024-05-01 21:00\"",
            when.trim()
        ))
    })?;
    // Read a minute later: a day without a time moves with the clock.
    let minute = chrono::Duration::minutes(1);
    let follows_clock = parse(now + minute).is_ok_and(|later| later - said == minute);
    let has_time = !follows_clock && said.time() != chrono::NaiveTime::MIN;
    // interim gives today's offset; the zone's own for that date counts.
    let at = clock.from_local(said.naive_local()).unwrap_or(said);
    Ok((at, has_time))
}

/// [`when_said`] for the start of a range (`--from`): a day without a
/// time of day starts at its midnight, as the person means it.
fn from_said(when: &str, clock: Clock) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    let (at, has_time) = when_said(when, clock)?;
    if has_time {
        return Ok(at);
    }
    let midnight = at.date_naive().and_time(chrono::NaiveTime::MIN);
    Ok(clock.from_local(midnight).unwrap_or(at))
}

/// An entry's id as typed; a wrong one is a usage error.
fn entry_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id.trim()).map_err(|_| {
        usage(format!(
            "\"{}\" is not an entry id; `trustwork journal list --json` shows them",
            id.trim()
        ))
    })
}

/// `journal show ID`: one entry in full, if the person asking may see it.
pub fn journal_show(
    store: &dyn Store,
    content: &Content,
    wanted: Option<&str>,
    id: &str,
    author: Option<&str>,
    io: &mut Io<'_>,
) -> Result<()> {
    let id = entry_id(id)?;
    let key = find_workbook(store, wanted)?;
    let (workbook, journal) = read_as(store, &key, author)?;
    let item = journal_view::item_of(
        content,
        &workbook,
        &journal,
        &Source::Entry(id),
        Viewer::Shared,
    )
    .ok_or_else(|| usage(format!("there is no entry {id} here")))?;
    writeln!(io.out, "{}", line(&workbook, &item, Clock::from_env()))?;
    writeln!(io.out)?;
    writeln!(io.out, "{}", super::text::lines_for_terminal(item.body))?;
    Ok(())
}

/// `journal rm ID`: the entry to the trash (the app's trash puts it back).
pub fn journal_rm(
    store: &mut dyn Store,
    content: &Content,
    wanted: Option<&str>,
    id: &str,
    author: Option<&str>,
    io: &mut Io<'_>,
) -> Result<()> {
    let id = entry_id(id)?;
    let key = find_workbook(store, wanted)?;
    let mut held = hold(store, key)?;
    writer(&mut held, author)?;
    held.load_journal()?;
    match held.item_of(content, &Source::Entry(id)) {
        None => return Err(usage(format!("there is no entry {id} here"))),
        Some(item) if item.deleted => {
            return Err(usage(format!("the entry {id} is already in the trash")));
        }
        Some(_) => {}
    }
    held.trash(content, &Source::Entry(id)).map_err(refused)?;
    held.save()?;
    writeln!(
        io.out,
        "Moved to the trash of \"{}\". In the app, the trash (t in the journal) puts it back.",
        held.workbook().name
    )?;
    Ok(())
}

/// `journal edit ID`: the entry's title and text in the editor; what is
/// saved there replaces them. Empty or unchanged changes nothing.
pub fn journal_edit(
    store: &mut dyn Store,
    content: &Content,
    wanted: Option<&str>,
    id: &str,
    author: Option<&str>,
    io: &mut Io<'_>,
) -> Result<()> {
    let id = entry_id(id)?;
    let key = find_workbook(store, wanted)?;
    let mut held = hold(store, key)?;
    writer(&mut held, author)?;
    // Refused before the editor opens, so nobody writes for nothing; the
    // core refuses again when the change is made.
    held.ensure_writable().map_err(refused)?;
    held.load_journal()?;
    let (title, body, stage, mood) = match held.item_of(content, &Source::Entry(id)) {
        Some(item) if !item.deleted => (
            item.title.to_string(),
            item.body.to_string(),
            item.stage.map(str::to_string),
            item.mood,
        ),
        Some(_) => {
            return Err(usage(format!(
                "the entry {id} is in the trash; put it back in the app (t in the journal) to edit it"
            )));
        }
        None => return Err(usage(format!("there is no entry {id} here"))),
    };
    let edit = match write_in_editor(&entry_text(&title, &body), true)? {
        Written::Text { title, body } => EntryEdit {
            title,
            body,
            stage,
            mood,
        },
        Written::Empty => {
            writeln!(
                io.out,
                "Nothing was changed: the text was left empty. To delete the entry: trustwork journal rm {id}"
            )?;
            return Ok(());
        }
        Written::Unchanged => {
            writeln!(io.out, "Nothing was changed.")?;
            return Ok(());
        }
    };
    held.edit_entry(id, edit).map_err(refused)?;
    held.save()?;
    writeln!(io.out, "Saved the entry in \"{}\".", held.workbook().name)?;
    Ok(())
}

/// The entry's text from stdin, with a hint first when a person is typing.
fn read_body(io: &mut Io<'_>) -> Result<String> {
    if io.interactive {
        writeln!(io.err, "Type your entry, then Ctrl+D on a new line.")?;
    }
    let mut text = String::new();
    io.input.read_to_string(&mut text)?;
    Ok(text)
}

/// The body without the blank lines and trailing spaces around it (a piped
/// `echo` always ends in a newline); the inside is kept as written.
fn tidy(text: &str) -> String {
    let start = text
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| i);
    // Back to the start of that line, so its indentation stays.
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..].trim_end().to_string()
}

/// Searches titles and texts, ignoring case in any script. Finding nothing
/// is [`Outcome::NothingFound`] (exit code 1, as with `grep`).
pub fn journal_search(
    store: &dyn Store,
    content: &Content,
    wanted: Option<&str>,
    query: &str,
    json: bool,
    author: Option<&str>,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    let asked = one_line(query.trim());
    let query = Query::new(query);
    if query.is_empty() {
        return Err(usage("give a word or phrase to search for"));
    }
    let key = find_workbook(store, wanted)?;
    let (workbook, journal) = read_as(store, &key, author)?;
    let filter = Filter {
        query: Some(query.clone()),
        ..Filter::default()
    };
    let hits: Vec<Item<'_>> =
        journal_view::items(content, &workbook, &journal, false, Viewer::Shared)
            .into_iter()
            .filter(|item| filter.accepts(item))
            .collect();
    if json {
        write_json(&workbook, &hits, io)?;
    } else {
        let marks = Marks::new(io.styled);
        let clock = Clock::from_env();
        for item in &hits {
            writeln!(io.out, "{}", line(&workbook, item, clock))?;
            let ranges = query.ranges(item.body);
            let (text, ranges) = if ranges.is_empty() {
                (item.title, query.ranges(item.title))
            } else {
                (item.body, ranges)
            };
            writeln!(io.out, "    {}", snippet(text, &ranges, &marks))?;
        }
    }
    if hits.is_empty() {
        writeln!(
            io.err,
            "Nothing in the journal of \"{}\" matches \"{asked}\".",
            workbook.name
        )?;
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}

/// Lines are kept near this many columns, so a list reads in an 80-column
/// terminal; the headline gives way first.
const LINE_WIDTH: usize = 80;
/// The least room a headline keeps, however long the rest of the line.
const MIN_HEADLINE: usize = 24;

/// One item on one line: when, stage, mood, kind, then the headline.
fn line(workbook: &Workbook, item: &Item<'_>, clock: Clock) -> String {
    fit(
        &head(workbook, item, clock),
        one_line(item.headline()).trim(),
    )
}

/// What a line starts with: when, stage, mood, who (in a workbook for
/// two) and, for a reflection, its step.
fn head(workbook: &Workbook, item: &Item<'_>, clock: Clock) -> String {
    let mut parts = vec![shown_time(item.created_at, clock)];
    if let Some(stage) = item.stage {
        parts.push(format!("[{}]", one_line(stage)));
    }
    if let Some(mood) = item.mood {
        parts.push(format!("({mood})"));
    }
    if workbook.participants.len() > 1 {
        parts.push(format!(
            "by {}",
            one_line(workbook.author_name(item.author))
        ));
    }
    if item.is_reflection() {
        parts.push(match item.step {
            Some(step) => format!("reflection · {}", one_line(step)),
            None => "reflection".to_string(),
        });
    }
    parts.join("  ")
}

/// `head` and then `text`, cut so the line stays near [`LINE_WIDTH`].
fn fit(head: &str, text: &str) -> String {
    let used = unicode_width::UnicodeWidthStr::width(head) + 2;
    let room = LINE_WIDTH.saturating_sub(used).max(MIN_HEADLINE);
    format!("{head}  {}", truncate(text, room))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_the_space_around_but_keeps_the_inside() {
        assert_eq!(
            tidy("\n\n  indented\n\nsecond  \n\n"),
            "  indented\n\nsecond"
        );
        assert_eq!(tidy(" \n\t\n"), "");
        assert_eq!(tidy("ärger\n"), "ärger");
    }
}
