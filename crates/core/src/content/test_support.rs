//! What the content files' unit tests share: a shipped file with one
//! change made, and the check that a broken file is refused by name.
#![allow(clippy::unwrap_used)]

use super::ContentError;

/// `shipped` (a file's embedded text) with its first `from` replaced by
/// `to`; `from` must be there, or the test would test nothing.
pub fn with(shipped: &str, file: &str, from: &str, to: &str) -> String {
    assert!(shipped.contains(from), "{file} has no {from:?}");
    shipped.replacen(from, to, 1)
}

/// Expects `parsed` to be refused as invalid, with a message that starts
/// with the file's name and mentions every phrase.
pub fn refused<T: std::fmt::Debug>(parsed: Result<T, ContentError>, file: &str, expected: &[&str]) {
    let err = parsed.expect_err("must not load");
    assert!(matches!(err, ContentError::Invalid { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("{file}: ")), "{message}");
    for phrase in expected {
        assert!(message.contains(phrase), "{message:?} lacks {phrase:?}");
    }
}
