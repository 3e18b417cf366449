//! `trustwork journal list`: the journal as the journal screen shows it
//! (entries and written reflections, newest first), filtered, and printed
//! one line per item, as a Markdown list, or as JSON.

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;
use uuid::Uuid;

use super::{fit, from_said, head, when_said};
use crate::commands::text::{one_line, shown_time, truncate};
use crate::commands::{Io, find_workbook, read_as, stage_id};
use crate::content::Content;
use crate::domain::{Clock, Mood, Workbook};
use crate::export::markdown::inline;
use crate::journal_view::{self, Filter, Item, Source, Viewer};
use crate::storage::Store;

/// How `journal list` prints what it found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// One line per item: date, stage, mood, title and the start of the body.
    #[default]
    Plain,
    /// A Markdown list, the person's words escaped as the exports escape them.
    Markdown,
    /// An array of objects (fields listed in `journal list --help`).
    Json,
}

/// What `trustwork journal list` was asked for. Every filter given must
/// hold; `newest` is applied last.
#[derive(Debug, Default)]
pub struct ListRequest<'a> {
    /// `--tag`: only items whose text has this @word (or #word).
    pub tag: Option<&'a str>,
    /// `--as`: whose journal, by name (in a workbook for two, without it
    /// only what the two share is listed).
    pub author: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub since: Option<NaiveDate>,
    /// `--from WHEN`: written at or after this time.
    pub from: Option<&'a str>,
    /// `--to WHEN`: written at or before this time; a day without a time
    /// ("2024-05-01", "yesterday") means up to the end of that day.
    pub to: Option<&'a str>,
    pub mood: Option<Mood>,
    /// `-n N`: only the newest N.
    pub newest: Option<usize>,
    pub trash: bool,
    pub format: ListFormat,
}

pub fn journal_list(
    store: &dyn Store,
    content: &Content,
    wanted: Option<&str>,
    request: ListRequest<'_>,
    io: &mut Io<'_>,
) -> Result<()> {
    // `--since` is a day of the reader's calendar, the one times are shown
    // in (see `in_range`).
    let filter = Filter {
        stage: request.stage.map(|s| stage_id(content, s)).transpose()?,
        mood: request.mood,
        since: None,
        query: None,
    };
    let clock = Clock::from_env();
    let from = request.from.map(|w| from_said(w, clock)).transpose()?;
    let to = request
        .to
        .map(|w| {
            when_said(w, clock).map(|(at, has_time)| match has_time {
                true => at,
                false => end_of_day(at, clock),
            })
        })
        .transpose()?;
    let key = find_workbook(store, wanted)?;
    let (workbook, journal) = read_as(store, &key, request.author)?;
    let tag = request.tag.map(|t| {
        let t = t.trim();
        if t.starts_with(['@', '#']) {
            t.to_lowercase()
        } else {
            format!("@{}", t.to_lowercase())
        }
    });
    let tagged = |item: &Item<'_>| {
        tag.as_ref().is_none_or(|tag| {
            crate::foreign::tags_in(&format!("{} {}", item.title, item.body))
                .iter()
                .any(|t| t.to_lowercase() == *tag)
        })
    };
    let in_range = |item: &Item<'_>| {
        from.is_none_or(|from| item.created_at >= from)
            && to.is_none_or(|to| item.created_at <= to)
            && request
                .since
                .is_none_or(|day| clock.local(item.created_at).date_naive() >= day)
    };
    let items: Vec<Item<'_>> =
        journal_view::items(content, &workbook, &journal, request.trash, Viewer::Shared)
            .into_iter()
            .filter(|item| filter.accepts(item) && tagged(item) && in_range(item))
            // Items come newest first, so the first N are the newest N.
            .take(request.newest.unwrap_or(usize::MAX))
            .collect();
    match request.format {
        ListFormat::Json => return write_json(&workbook, &items, io),
        ListFormat::Markdown => write_markdown(&workbook, &items, clock, io)?,
        ListFormat::Plain => {
            for item in &items {
                writeln!(io.out, "{}", list_line(&workbook, item, clock))?;
            }
        }
    }
    if items.is_empty() {
        let filtered = filter != Filter::default()
            || tag.is_some()
            || from.is_some()
            || to.is_some()
            || request.since.is_some()
            || request.newest == Some(0);
        let what = if request.trash {
            "The trash is empty"
        } else if filtered {
            "No journal entries match"
        } else {
            "The journal is empty"
        };
        writeln!(io.err, "{what}.")?;
    }
    Ok(())
}

/// "2024-05-01" and "yesterday" as an upper bound: a person means the
/// whole of that day, in their own zone.
fn end_of_day(at: DateTime<FixedOffset>, clock: Clock) -> DateTime<FixedOffset> {
    let last = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap_or(NaiveTime::MIN);
    clock
        .from_local(at.date_naive().and_time(last))
        .unwrap_or(at)
}

/// The start of an item's text as one line: its title, then its body.
fn title_and_body(item: &Item<'_>) -> String {
    let title = one_line(item.title.trim());
    let body = one_line(item.body);
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match (title.trim(), body.as_str()) {
        ("", body) => body.to_string(),
        (title, "") => title.to_string(),
        (title, body) => format!("{title} — {body}"),
    }
}

/// One item on one line: when, stage, mood, kind, title and the start of
/// the body, cut to fit an 80-column terminal.
fn list_line(workbook: &Workbook, item: &Item<'_>, clock: Clock) -> String {
    fit(&head(workbook, item, clock), &title_and_body(item))
}

/// How much of the body the Markdown list keeps, in columns.
const MARKDOWN_TEXT: usize = 160;

fn write_markdown(
    workbook: &Workbook,
    items: &[Item<'_>],
    clock: Clock,
    io: &mut Io<'_>,
) -> Result<()> {
    for item in items {
        let mut about = vec![format!("**{}**", shown_time(item.created_at, clock))];
        if let Some(stage) = item.stage {
            about.push(inline(stage));
        }
        if let Some(mood) = item.mood {
            about.push(mood.to_string());
        }
        if workbook.participants.len() > 1 {
            about.push(format!("by {}", inline(workbook.author_name(item.author))));
        }
        if item.is_reflection() {
            about.push("reflection".to_string());
        }
        let title = inline(item.title);
        let body = inline(&truncate(&one_line(item.body), MARKDOWN_TEXT));
        let text = match (title.is_empty(), body.is_empty()) {
            (true, _) => body,
            (false, true) => format!("*{title}*"),
            (false, false) => format!("*{title}* — {body}"),
        };
        writeln!(io.out, "- {}: {text}", about.join(" · "))?;
    }
    Ok(())
}

/// An item as JSON prints it: an entry has an `id`, a reflection the
/// `answer` it is stored under. The field names are kept stable for
/// scripts; `journal list --help` lists them (`JOURNAL_LIST` in
/// `cli/examples.rs`).
#[derive(Serialize)]
struct JsonItem<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
    kind: &'static str,
    created_at: DateTime<FixedOffset>,
    edited_at: DateTime<FixedOffset>,
    author: &'a str,
    stage: Option<&'a str>,
    step: Option<&'a str>,
    mood: Option<Mood>,
    title: &'a str,
    body: &'a str,
}

pub(super) fn write_json(workbook: &Workbook, items: &[Item<'_>], io: &mut Io<'_>) -> Result<()> {
    let rows: Vec<JsonItem<'_>> = items
        .iter()
        .map(|item| {
            let (id, answer, kind) = match &item.source {
                Source::Entry(id) => (Some(*id), None, "entry"),
                Source::Reflection(answer) => (None, Some(answer.as_str()), "reflection"),
            };
            JsonItem {
                id,
                answer,
                kind,
                created_at: item.created_at,
                edited_at: item.edited_at,
                author: workbook.author_name(item.author),
                stage: item.stage,
                step: item.step,
                mood: item.mood,
                title: item.title,
                body: item.body,
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *io.out, &rows)?;
    writeln!(io.out)?;
    Ok(())
}
