//! Search over the journal file's bytes: one buffer, JSON lines as the
//! store writes them, searched with the same case folding as the parsed
//! entries (`domain::search`) without parsing an entry. Only each
//! entry's latest line counts, and only its title and body. The file is
//! searched from its end to its start in stretches, so the caller can
//! show what is found while the rest is searched.
//!
//! A title or body is searched as it is written in the line: serde_json
//! writes every character as itself but `"`, `\` and control characters
//! (a line break is `\n`). A match of a query without those characters
//! is a match of the text, unless it starts inside an escape (the `n` of
//! `\n`): such matches are skipped. Text with other escapes (`\u00e9`,
//! `\/`, as another program may write), and any text for a query with
//! those characters, is decoded first.

use std::borrow::Cow;
use std::collections::HashSet;

use uuid::Uuid;

use crate::domain::search::Query;
use crate::storage::journal_index::IdHash;

/// Why the bytes cannot be searched as they are: search the parsed
/// entries instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSearchable;

/// Searches `text` (a whole journal file, checked as UTF-8 once when it
/// was read, not again per entry) for entries whose latest line matches
/// `query`, from the end of the file to its start, in about
/// `stretches` stretches: `found` gets the ids each stretch matched as
/// soon as it is searched, and stops the search by returning `false`.
/// Entries whose words are sealed to one person are not found here (their
/// words are not in the file). Returns whether it ran to the start of the
/// file.
pub fn search(
    text: &str,
    query: &Query,
    stretches: usize,
    mut found: impl FnMut(Vec<Uuid>) -> bool,
) -> Result<bool, NotSearchable> {
    let bytes = text.as_bytes();
    let as_written = !query.mentions(|c| c == '"' || c == '\\' || c.is_control());
    let mut decided: HashSet<u128, IdHash> = HashSet::with_hasher(IdHash);
    let stretch = (bytes.len() / stretches.max(1)).max(1);
    let mut end = bytes.len();
    while end > 0 {
        let start = line_start_before(bytes, end.saturating_sub(stretch));
        // Two cores: the older half of the stretch on another thread.
        let middle = line_start_before(bytes, start + (end - start) / 2);
        let last = end == bytes.len();
        let (newer, older) = std::thread::scope(|scope| {
            let older = (middle > start).then(|| {
                scope.spawn(|| lines_backward(text, start..middle, false, query, as_written))
            });
            let newer = lines_backward(text, middle..end, last, query, as_written);
            let older = older.map(|o| o.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            (newer, older)
        });
        let mut matched = Vec::new();
        for (id, matches) in newer?
            .into_iter()
            .chain(older.transpose()?.into_iter().flatten())
        {
            // The newest line of an entry decides; older ones are old
            // versions.
            if decided.insert(id) && matches {
                matched.push(Uuid::from_u128(id));
            }
        }
        if !found(matched) {
            return Ok(false);
        }
        end = start;
    }
    Ok(true)
}

/// Where the line holding byte `at` starts.
fn line_start_before(bytes: &[u8], at: usize) -> usize {
    match at {
        0 => 0,
        _ => memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1),
    }
}

/// Each entry line in `lines` (whole lines of `text`), last first: its id
/// and whether it matches (a purge, or words sealed to one person, never
/// do). `last`: the stretch ends the file, so its last line may be a save
/// cut off.
fn lines_backward(
    text: &str,
    lines: std::ops::Range<usize>,
    mut last: bool,
    query: &Query,
    as_written: bool,
) -> Result<Vec<(u128, bool)>, NotSearchable> {
    let bytes = text.as_bytes();
    let mut seen = Vec::new();
    let mut line_end = lines.end;
    while line_end > lines.start {
        let line_start = memchr::memrchr(b'\n', &bytes[lines.start..line_end - 1])
            .map_or(lines.start, |i| lines.start + i + 1);
        let mut line = text.get(line_start..line_end).unwrap_or_default();
        let whole = line.ends_with('\n');
        if whole {
            line = &line[..line.len() - 1];
        }
        // A last line without its newline is a save cut off, unless it
        // reads.
        let cut_off = last && !whole;
        last = false;
        line_end = line_start;
        let record = match fields(line) {
            Ok(record) => record,
            Err(_) if cut_off => continue,
            Err(err) => return Err(err),
        };
        let Some(id) = record.id else { continue };
        let hit = !record.purged
            && !record.sealed
            && matches(query, as_written, record.title, record.body);
        seen.push((id.as_u128(), hit));
    }
    Ok(seen)
}

/// What one line holds for a search.
#[derive(Debug, Default)]
struct Fields<'a> {
    id: Option<Uuid>,
    /// The title and body as written in the line (between the quotes).
    title: &'a str,
    body: &'a str,
    purged: bool,
    sealed: bool,
}

/// The fields of one line: a JSON object's top-level keys, read without
/// building anything. A blank line has none.
fn fields(text: &str) -> Result<Fields<'_>, NotSearchable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.as_bytes();
    let mut at = skip_space(line, 0);
    let mut record = Fields::default();
    if at == line.len() {
        return Ok(record);
    }
    if line.get(at) != Some(&b'{') {
        // A sealed line (`age:…`), or not a journal line at all.
        return Err(NotSearchable);
    }
    at = skip_space(line, at + 1);
    if line.get(at) == Some(&b'}') {
        return Ok(record);
    }
    loop {
        let (key_from, key_to) = string_at(line, at)?;
        let key = &line[key_from..key_to];
        let after = key_to + 1;
        at = skip_space(line, after);
        if line.get(at) != Some(&b':') {
            return Err(NotSearchable);
        }
        at = skip_space(line, at + 1);
        // A string is scanned once: for where it ends, and for its text
        // (quotes are ASCII, so its ends are character boundaries).
        let (string, value_end) = match line.get(at) {
            Some(b'"') => {
                let (from, to) = string_at(line, at)?;
                (text.get(from..to), to + 1)
            }
            _ => (None, value_end(line, at)?),
        };
        match key {
            b"id" => record.id = string.and_then(|id| Uuid::parse_str(id).ok()),
            b"purged" => {
                record.id = string.and_then(|id| Uuid::parse_str(id).ok());
                record.purged = true;
            }
            b"title" => record.title = string.ok_or(NotSearchable)?,
            b"body" => record.body = string.ok_or(NotSearchable)?,
            b"sealed" => record.sealed = string.is_some(),
            _ => {}
        }
        at = skip_space(line, value_end);
        match line.get(at) {
            Some(b',') => at = skip_space(line, at + 1),
            Some(b'}') => return Ok(record),
            _ => return Err(NotSearchable),
        }
    }
}

fn skip_space(line: &[u8], mut at: usize) -> usize {
    while line.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The string starting at `at` (its opening quote): where its text starts
/// and ends (the closing quote).
fn string_at(line: &[u8], at: usize) -> Result<(usize, usize), NotSearchable> {
    if line.get(at) != Some(&b'"') {
        return Err(NotSearchable);
    }
    let start = at + 1;
    let mut i = start;
    loop {
        let rest = line.get(i..).ok_or(NotSearchable)?;
        i += memchr::memchr2(b'"', b'\\', rest).ok_or(NotSearchable)?;
        if line[i] == b'"' {
            return Ok((start, i));
        }
        // An escape: skip the backslash and the character it escapes.
        i += 2;
    }
}

/// Where the value starting at `at` ends: a string, an object or array
/// (strings inside them skipped whole), or a number, `true`, `false` or
/// `null`.
fn value_end(line: &[u8], at: usize) -> Result<usize, NotSearchable> {
    match line.get(at) {
        Some(b'"') => Ok(string_at(line, at)?.1 + 1),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match line.get(i) {
                    Some(b'"') => i = string_at(line, i)?.1 + 1,
                    Some(b'{' | b'[') => {
                        depth += 1;
                        i += 1;
                    }
                    Some(b'}' | b']') => {
                        depth -= 1;
                        i += 1;
                        if depth == 0 {
                            return Ok(i);
                        }
                    }
                    Some(_) => i += 1,
                    None => return Err(NotSearchable),
                }
            }
        }
        Some(_) => {
            let mut i = at;
            while line
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            Ok(i)
        }
        None => Err(NotSearchable),
    }
}

/// Whether an entry with this title and body (as written in its line)
/// matches `query`. `as_written`: the query holds no character that
/// would be escaped.
fn matches(query: &Query, as_written: bool, title: &str, body: &str) -> bool {
    let title = text_of(title, as_written);
    let body = text_of(body, as_written);
    let texts = [title.text(), body.text()];
    let escaped = [title.escaped(), body.escaped()];
    query.matches_in_where(&texts, |i, start| {
        !escaped[i] || !inside_escape(texts[i].as_bytes(), start)
    })
}

/// A title or body ready to be searched.
enum Text<'a> {
    /// As written, with no escape in it, or only escapes of characters
    /// the query does not hold (matches inside them are skipped).
    Written(&'a str, bool),
    /// Decoded from its escapes.
    Decoded(String),
}

impl Text<'_> {
    fn text(&self) -> &str {
        match self {
            Text::Written(text, _) => text,
            Text::Decoded(text) => text,
        }
    }

    /// Whether matches inside escapes must be skipped.
    fn escaped(&self) -> bool {
        matches!(self, Text::Written(_, true))
    }
}

fn text_of(written: &str, as_written: bool) -> Text<'_> {
    if memchr::memchr(b'\\', written.as_bytes()).is_none() {
        return Text::Written(written, false);
    }
    if as_written && only_plain_escapes(written.as_bytes()) {
        return Text::Written(written, true);
    }
    let decoded: Cow<'_, str> = serde_json::from_str::<String>(&format!("\"{written}\""))
        .map_or(Cow::Borrowed(written), Cow::Owned);
    Text::Decoded(decoded.into_owned())
}

/// Whether every escape in `text` stands for a character a query without
/// `"`, `\` or control characters cannot hold: serde_json writes no
/// other (`\u00e9` or `\/`, from another program, are decoded instead).
fn only_plain_escapes(text: &[u8]) -> bool {
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'\\', &text[at..]) {
        let i = at + found;
        match text.get(i + 1) {
            Some(b'n' | b'r' | b't' | b'b' | b'f' | b'"' | b'\\') => at = i + 2,
            Some(b'u') => {
                let code = text
                    .get(i + 2..i + 6)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok());
                match code {
                    Some(code) if code < 0x20 => at = i + 6,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    true
}

/// Whether byte `at` of `text` (as written) is inside an escape: after
/// the backslash of `\n` or `\u001f`.
fn inside_escape(text: &[u8], at: usize) -> bool {
    (at.saturating_sub(5)..at).any(|p| {
        text[p] == b'\\' && starts_escape(text, p) && {
            let len = if text.get(p + 1) == Some(&b'u') { 6 } else { 2 };
            p + len > at
        }
    })
}

/// Whether the backslash at `p` starts an escape (it is not the escaped
/// second half of `\\`): an odd run of backslashes ends at it.
fn starts_escape(text: &[u8], p: usize) -> bool {
    let run = text[..=p].iter().rev().take_while(|&&b| b == b'\\').count();
    run % 2 == 1
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::{JournalEntry, NewEntry};

    fn entry(title: &str, body: &str) -> JournalEntry {
        JournalEntry::new(
            Uuid::now_v7(),
            NewEntry {
                title: title.into(),
                body: body.into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        )
    }

    /// Every id the byte search finds, in any stretch.
    fn found(text: &str, query: &str, stretches: usize) -> HashSet<Uuid> {
        let mut all = HashSet::new();
        let done = search(text, &Query::new(query), stretches, |ids| {
            all.extend(ids);
            true
        });
        assert_eq!(done, Ok(true));
        all
    }

    #[test]
    fn finds_what_the_parsed_search_finds_escapes_and_all() {
        let texts = [
            ("", "end.\n\nThe next day"),
            ("Tab\there", "a \"quoted\" word and a back\\slash"),
            ("", "Ärger über STRASSE; straße\r\nnew line"),
            ("n", "nothing"),
            ("\\n is not a line break", "literal \\n and \\\\n"),
            ("Bell \u{7}", "control \u{1f} chars"),
            ("😊 信頼", "emoji and kanji"),
        ];
        let mut entries: Vec<JournalEntry> = texts.iter().map(|(t, b)| entry(t, b)).collect();
        // An entry edited (its older line must not count) and one purged.
        let mut edited = entries[0].clone();
        edited.body = "rewritten: no day here".into();
        let gone = entries[3].id;
        let mut file = String::new();
        for e in &entries {
            file.push_str(&serde_json::to_string(e).unwrap());
            file.push('\n');
        }
        file.push_str(&serde_json::to_string(&edited).unwrap());
        file.push('\n');
        file.push_str(&format!("{{\"purged\":\"{gone}\"}}\n"));
        entries[0] = edited;
        entries.remove(3);

        let queries = [
            "n",
            "nthe",
            "the",
            "day",
            "\"quoted\"",
            "\\",
            "back\\slash",
            "t",
            "there",
            "ärger",
            "strasse",
            "ß",
            "line",
            "\\n",
            "n and",
            "u001f",
            "😊",
            "信",
            "rewritten",
            "nothing",
            "-day",
            "word -tab",
            "bell",
        ];
        for stretches in [1, 3, 50] {
            for query in queries {
                let q = Query::new(query);
                let expected: HashSet<Uuid> = entries
                    .iter()
                    .filter(|e| q.matches_in(&[&e.title, &e.body]))
                    .map(|e| e.id)
                    .collect();
                assert_eq!(
                    found(&file, query, stretches),
                    expected,
                    "{query:?} in {stretches} stretches"
                );
            }
        }
    }

    #[test]
    fn other_writers_escapes_and_layout_are_read() {
        // Spaces, keys in another order, an escaped é and slash, a nested
        // object, a cut-off last line.
        let id = Uuid::now_v7();
        let file = format!(
            "{{ \"body\" : \"caf\\u00e9 and a\\/b\", \"extra\": {{\"x\": [1, \"}}\"]}}, \"id\": \"{id}\", \"title\": \"\" }}\n{{\"id\": \"{}\", \"bo",
            Uuid::now_v7()
        );
        assert_eq!(found(&file, "café", 1), HashSet::from([id]));
        assert_eq!(found(&file, "a/b", 2), HashSet::from([id]));
        assert!(found(&file, "u00e9", 1).is_empty());
    }

    #[test]
    fn sealed_lines_are_not_searched_as_bytes() {
        let file = "age:AAAA\n";
        assert_eq!(
            search(file, &Query::new("a"), 1, |_| true),
            Err(NotSearchable)
        );
        // A damaged line in the middle is not skipped either.
        let file = format!(
            "{{oops\n{}\n",
            serde_json::to_string(&entry("a", "b")).unwrap()
        );
        assert_eq!(
            search(&file, &Query::new("a"), 1, |_| true),
            Err(NotSearchable)
        );
    }

    #[test]
    fn newest_lines_come_first_and_a_search_can_stop() {
        let entries: Vec<JournalEntry> = (0..40).map(|n| entry("", &format!("word {n}"))).collect();
        let file: String = entries
            .iter()
            .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
            .collect();
        let mut batches = Vec::new();
        let done = search(&file, &Query::new("word"), 4, |ids| {
            batches.push(ids);
            batches.len() < 2
        });
        assert_eq!(done, Ok(false));
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[0][0], entries[39].id, "the last line first");
    }
}
