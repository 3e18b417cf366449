//! Matching a title or body as it is written in a journal line (between
//! its quotes, JSON escapes included), with the same result as matching
//! the decoded text: see the module above.

use crate::domain::search::{NotUtf8, Query};
use crate::storage::journal_line::only_plain_escapes;

/// Whether an entry with this title and body (as written in its line)
/// matches `query`. `as_written`: the query holds no character that
/// would be escaped. The words are checked as UTF-8 where a match is
/// tried (see [`Query::matches_in_where`]).
pub(super) fn matches(
    query: &Query,
    as_written: bool,
    title: &[u8],
    body: &[u8],
) -> Result<bool, NotUtf8> {
    let title = text_of(title, as_written)?;
    let body = text_of(body, as_written)?;
    let texts = [title.text(), body.text()];
    let escaped = [title.escaped(), body.escaped()];
    query.matches_in_where(&texts, |i, start| {
        !escaped[i] || !inside_escape(texts[i], start)
    })
}

/// [`matches`] for words known to hold only the escapes serde_json
/// writes (the index says so): nothing to look for before searching.
pub(super) fn matches_plain(query: &Query, title: &[u8], body: &[u8]) -> Result<bool, NotUtf8> {
    let texts = [title, body];
    query.matches_in_where(&texts, |i, start| !inside_escape(texts[i], start))
}

/// A title or body ready to be searched.
enum Text<'a> {
    /// As written, with no escape in it, or only escapes of characters
    /// the query does not hold (matches inside them are skipped).
    Written(&'a [u8], bool),
    /// Decoded from its escapes.
    Decoded(String),
}

impl Text<'_> {
    fn text(&self) -> &[u8] {
        match self {
            Text::Written(text, _) => text,
            Text::Decoded(text) => text.as_bytes(),
        }
    }

    /// Whether matches inside escapes must be skipped.
    fn escaped(&self) -> bool {
        matches!(self, Text::Written(_, true))
    }
}

fn text_of(written: &[u8], as_written: bool) -> Result<Text<'_>, NotUtf8> {
    if memchr::memchr(b'\\', written).is_none() {
        return Ok(Text::Written(written, false));
    }
    if as_written && only_plain_escapes(written) {
        return Ok(Text::Written(written, true));
    }
    let written = std::str::from_utf8(written).map_err(|_| NotUtf8)?;
    let decoded = serde_json::from_str::<String>(&format!("\"{written}\""))
        .unwrap_or_else(|_| written.to_string());
    Ok(Text::Decoded(decoded))
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
