//! Journals written by other tools, read as entries to bring in:
//!
//! - jrnl's JSON export (`jrnl --format json`, jrnl 4.x): `{"tags": {…},
//!   "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
//!   "tags": […], "starred"}]}`, times in the writer's local time;
//! - jrnl's plain-text journal file (default `timeformat` `%Y-%m-%d %H:%M`):
//!   each entry starts with a line `[YYYY-MM-DD HH:MM] Title`, a ` *` after
//!   the title marks it starred, and the body runs to the next such line;
//! - tui-journal's JSON file (0.18, `tjournal -b json`): `[{"id", "date":
//!   RFC 3339, "title", "content", "tags": […], "priority"}]`.
//!
//! Formats checked against files the tools themselves wrote (the fixtures
//! in `tests/it/fixtures/`, from jrnl 4.6 and tui-journal 0.18). Each entry
//! gets a stable source key (tool, date and title), so importing the same
//! file twice adds nothing the second time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;

/// Which tool wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JrnlJson,
    JrnlText,
    TuiJournal,
}

impl Format {
    /// By its name on the command line (`--from`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "jrnl" => Some(Self::JrnlJson),
            "jrnl-txt" => Some(Self::JrnlText),
            "tui-journal" => Some(Self::TuiJournal),
            _ => None,
        }
    }

    fn tool(self) -> &'static str {
        match self {
            Self::JrnlJson | Self::JrnlText => "jrnl",
            Self::TuiJournal => "tui-journal",
        }
    }
}

/// One entry from another tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    pub at: DateTime<FixedOffset>,
    pub title: String,
    pub body: String,
    /// `@words` (and jrnl's `#words`), as the tool had them.
    pub tags: Vec<String>,
    pub starred: bool,
    /// Stable across imports of the same file.
    pub source: String,
}

/// Which tool wrote `bytes`, if it is one this reads.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.trim_start();
    if start.starts_with('[') && serde_json::from_str::<Vec<TuiEntry>>(text).is_ok() {
        return Some(Format::TuiJournal);
    }
    if start.starts_with('{') && serde_json::from_str::<JrnlExport>(text).is_ok() {
        return Some(Format::JrnlJson);
    }
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(jrnl_header)
        .map(|_| Format::JrnlText)
}

/// The entries of a file in `format`; local times (jrnl's) are read in
/// `offset`.
pub fn parse(format: Format, bytes: &[u8], offset: FixedOffset) -> Result<Vec<Foreign>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    let mut entries = match format {
        Format::JrnlJson => jrnl_json(text, offset)?,
        Format::JrnlText => jrnl_text(text, offset)?,
        Format::TuiJournal => tui_journal(text)?,
    };
    for entry in &mut entries {
        entry.source = format!(
            "{}:{}:{}",
            format.tool(),
            entry.at.format("%Y-%m-%d %H:%M"),
            entry.title
        );
    }
    Ok(entries)
}

#[derive(Deserialize)]
struct JrnlExport {
    entries: Vec<JrnlEntry>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

#[derive(Deserialize)]
struct TuiEntry {
    date: DateTime<FixedOffset>,
    title: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    tags: Vec<String>,
}

fn local(date: NaiveDate, time: NaiveTime, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    offset
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
}

fn jrnl_json(text: &str, offset: FixedOffset) -> Result<Vec<Foreign>, String> {
    let export: JrnlExport =
        serde_json::from_str(text).map_err(|e| format!("not a jrnl JSON export: {e}"))?;
    export
        .entries
        .into_iter()
        .map(|e| {
            let date = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
                .map_err(|_| format!("\"{}\": the date {} is not YYYY-MM-DD", e.title, e.date))?;
            let time = NaiveTime::parse_from_str(&e.time, "%H:%M")
                .map_err(|_| format!("\"{}\": the time {} is not HH:MM", e.title, e.time))?;
            let at = local(date, time, offset)
                .ok_or_else(|| format!("\"{}\": {} {} is not a time", e.title, e.date, e.time))?;
            Ok(Foreign {
                at,
                title: e.title,
                body: e.body,
                tags: e.tags,
                starred: e.starred,
                source: String::new(),
            })
        })
        .collect()
}

/// `[YYYY-MM-DD HH:MM] Title`: the time and the rest of the line.
fn jrnl_header(line: &str) -> Option<(NaiveDateTime, &str)> {
    let rest = line.strip_prefix('[')?;
    let (stamp, title) = rest.split_once("] ")?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M").ok()?;
    Some((at, title))
}

fn jrnl_text(text: &str, offset: FixedOffset) -> Result<Vec<Foreign>, String> {
    let mut entries: Vec<Foreign> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let finish = |entries: &mut Vec<Foreign>, body: &mut Vec<&str>| {
        if let Some(last) = entries.last_mut() {
            while body.last().is_some_and(|l| l.trim().is_empty()) {
                body.pop();
            }
            last.body = body.join("\n");
            last.tags = tags_in(&format!("{} {}", last.title, last.body));
        }
        body.clear();
    };
    for line in text.lines() {
        match jrnl_header(line) {
            Some((at, title)) => {
                finish(&mut entries, &mut body);
                let (title, starred) = match title.trim_end().strip_suffix(" *") {
                    Some(title) => (title, true),
                    None => (title.trim_end(), false),
                };
                let at = offset
                    .from_local_datetime(&at)
                    .single()
                    .ok_or_else(|| format!("{line}: not a time"))?;
                entries.push(Foreign {
                    at,
                    title: title.to_string(),
                    body: String::new(),
                    tags: Vec::new(),
                    starred,
                    source: String::new(),
                });
            }
            None if entries.is_empty() && !line.trim().is_empty() => {
                return Err(format!(
                    "the first line is not a jrnl entry line like \"[2024-05-01 21:00] A title\": {line}"
                ));
            }
            None => body.push(line),
        }
    }
    finish(&mut entries, &mut body);
    Ok(entries)
}

fn tui_journal(text: &str) -> Result<Vec<Foreign>, String> {
    let list: Vec<TuiEntry> =
        serde_json::from_str(text).map_err(|e| format!("not a tui-journal file: {e}"))?;
    Ok(list
        .into_iter()
        .map(|e| Foreign {
            at: e.date,
            title: e.title,
            body: e.content,
            tags: e.tags,
            starred: false,
            source: String::new(),
        })
        .collect())
}

/// Journal items as a jrnl plain-text journal (`%Y-%m-%d %H:%M`), oldest
/// first, which `jrnl --import` (and trustwork's own import) reads back:
/// nobody is locked in. jrnl's times carry no zone and are read as local,
/// so they are written in the reader's (see [`crate::domain::Clock::local`]).
pub fn to_jrnl_text(
    items: &[crate::journal_view::Item<'_>],
    clock: crate::domain::Clock,
) -> String {
    let mut sorted: Vec<&crate::journal_view::Item<'_>> = items.iter().collect();
    sorted.sort_by_key(|i| i.created_at);
    let mut out = String::new();
    for item in sorted {
        // One line of title; a text without one gives its first line.
        let title = item.headline().lines().next().unwrap_or("").trim();
        let body = if item.title.trim().is_empty() {
            item.body
                .trim()
                .strip_prefix(title)
                .unwrap_or(item.body.trim())
        } else {
            item.body.trim()
        };
        // A line of the body that looks like an entry line would split it.
        let body: Vec<String> = body
            .lines()
            .map(|l| match jrnl_header(l) {
                Some(_) => format!(" {l}"),
                None => l.to_string(),
            })
            .collect();
        out.push_str(&format!(
            "[{}] {title}\n",
            clock.local(item.created_at).format("%Y-%m-%d %H:%M")
        ));
        let body = body.join("\n");
        let body = body.trim_matches('\n');
        if !body.is_empty() {
            out.push_str(body);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The `@words` and `#words` in a text, in order, each once.
pub fn tags_in(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let word =
            word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '@' && c != '#');
        let is_tag = (word.starts_with('@') || word.starts_with('#'))
            && word.chars().nth(1).is_some_and(char::is_alphanumeric);
        if is_tag && !tags.iter().any(|t| t == word) {
            tags.push(word.to_string());
        }
    }
    tags
}
