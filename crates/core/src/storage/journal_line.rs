//! The top-level fields of one journal line, found without parsing it:
//! where its id, title and body are (as written, between their quotes),
//! and whether it is a purge or holds words sealed to one person. Shared
//! by the byte search (which reads lines the index does not cover) and
//! the index (which records where each line's title and body are, so a
//! search reads only those).

use std::ops::Range;

/// The line is not a journal line this scanner can read (a sealed
/// `age:` line, damage, a cut-off save).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotALine;

/// What one line holds, as byte ranges of the line given (a byte-order
/// mark before it counted in).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    /// The id's text (of `id`, or of `purged` on a purge line).
    pub id: Option<Range<usize>>,
    /// The title and body as written (between the quotes, escapes
    /// included); empty ranges when the line has none.
    pub title: Range<usize>,
    pub body: Range<usize>,
    pub purged: bool,
    pub sealed: bool,
}

/// The fields of one line: a JSON object's top-level keys, read without
/// building anything. A blank line has none.
pub(crate) fn fields(line: &[u8]) -> Result<Fields, NotALine> {
    let mut at = match line.strip_prefix(b"\xEF\xBB\xBF") {
        Some(_) => 3,
        None => 0,
    };
    at = skip_space(line, at);
    let mut record = Fields::default();
    if at == line.len() {
        return Ok(record);
    }
    if line.get(at) != Some(&b'{') {
        // A sealed line (`age:…`), or not a journal line at all.
        return Err(NotALine);
    }
    at = skip_space(line, at + 1);
    if line.get(at) == Some(&b'}') {
        return Ok(record);
    }
    loop {
        let (key_from, key_to) = string_at(line, at)?;
        let key = &line[key_from..key_to];
        at = skip_space(line, key_to + 1);
        if line.get(at) != Some(&b':') {
            return Err(NotALine);
        }
        at = skip_space(line, at + 1);
        // A string is scanned once: for where it ends, and for its text.
        let (string, value_end) = match line.get(at) {
            Some(b'"') => {
                let (from, to) = string_at(line, at)?;
                (Some(from..to), to + 1)
            }
            _ => (None, value_end(line, at)?),
        };
        match key {
            b"id" => record.id = string,
            b"purged" => {
                record.id = string;
                record.purged = true;
            }
            b"title" => record.title = string.ok_or(NotALine)?,
            b"body" => record.body = string.ok_or(NotALine)?,
            b"sealed" => record.sealed = string.is_some(),
            _ => {}
        }
        at = skip_space(line, value_end);
        match line.get(at) {
            Some(b',') => at = skip_space(line, at + 1),
            Some(b'}') => return Ok(record),
            _ => return Err(NotALine),
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
fn string_at(line: &[u8], at: usize) -> Result<(usize, usize), NotALine> {
    if line.get(at) != Some(&b'"') {
        return Err(NotALine);
    }
    let start = at + 1;
    let mut i = start;
    loop {
        let rest = line.get(i..).ok_or(NotALine)?;
        i += memchr::memchr2(b'"', b'\\', rest).ok_or(NotALine)?;
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
fn value_end(line: &[u8], at: usize) -> Result<usize, NotALine> {
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
                        depth = depth.checked_sub(1).ok_or(NotALine)?;
                        i += 1;
                        if depth == 0 {
                            return Ok(i);
                        }
                    }
                    Some(_) => i += 1,
                    None => return Err(NotALine),
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
        None => Err(NotALine),
    }
}

/// Whether every escape in `text` stands for a character a query without
/// `"`, `\` or control characters cannot hold: serde_json writes no
/// other (`\u00e9` or `\/`, from another program, are decoded instead).
pub(crate) fn only_plain_escapes(text: &[u8]) -> bool {
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

/// Whether `line` starts with entry `id` as this build writes an entry
/// line (`{"id":"…` first): a quick, sure check that a line is that
/// entry's, without reading its fields.
pub(crate) fn written_for(line: &[u8], id: uuid::Uuid) -> bool {
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    let id = id.hyphenated().encode_lower(&mut text);
    line.strip_prefix(br#"{"id":""#)
        .is_some_and(|rest| rest.starts_with(id.as_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn finds_the_fields_of_any_layout() {
        let line = "\u{feff}{ \"body\" : \"a\\\"b\", \"x\": {\"y\": [1, \"}\"]}, \"id\": \"I\", \"title\": \"\" }";
        let f = fields(line.as_bytes()).unwrap();
        assert_eq!(&line[f.body.clone()], "a\\\"b");
        assert_eq!(&line[f.id.clone().unwrap()], "I");
        assert_eq!(&line[f.title.clone()], "");
        assert!(!f.purged && !f.sealed);
        let purge = fields(b"{\"purged\":\"P\"}").unwrap();
        assert!(purge.purged);
        assert_eq!(purge.id, Some(11..12));
        assert_eq!(fields(b"age:AAAA"), Err(NotALine));
        assert_eq!(fields(b"{\"id\":\"cut"), Err(NotALine));
        assert_eq!(fields(b"  ").unwrap(), Fields::default());
    }
}
