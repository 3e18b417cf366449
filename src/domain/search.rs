//! Case-insensitive, Unicode-aware text search. Comparisons use full
//! lower-case folding (`'Ä'` matches `'ä'`, `'ẞ'` matches `"ß"`), and match
//! ranges are byte ranges into the original text, for highlighting.

use std::ops::Range;

/// A query folded once, to be matched against many texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    folded: Vec<char>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            folded: text.trim().chars().flat_map(char::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether every text this query matches is also matched by `other`
    /// (it is `other` typed further): then a search can narrow the
    /// previous results instead of starting over.
    pub fn extends(&self, other: &Query) -> bool {
        self.folded.starts_with(&other.folded)
    }

    /// Whether `text` contains the query. An empty query matches all.
    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.find_from(text, 0).is_some()
    }

    /// Every non-overlapping match in `text`, as byte ranges of `text`.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if self.is_empty() {
            return found;
        }
        let mut from = 0;
        while let Some(range) = self.find_from(text, from) {
            from = range.end;
            found.push(range);
        }
        found
    }

    /// The first match starting at or after byte `from`.
    fn find_from(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let first = *self.folded.first()?;
        // Most queries start with an ASCII character: then only the bytes
        // equal to it in either case can start a match, and memchr finds
        // them without decoding the text. ('i' and 'k' are left out: 'İ'
        // and the Kelvin sign fold to them.)
        if first.is_ascii() && !matches!(first, 'i' | 'k') {
            let bytes = text.as_bytes();
            let (lower, upper) = (first as u8, first.to_ascii_uppercase() as u8);
            let mut at = from;
            while at < bytes.len() {
                let start = at + memchr::memchr2(lower, upper, bytes.get(at..)?)?;
                // An ASCII byte always starts a character.
                if let Some(len) = self.match_at(&text[start..]) {
                    return Some(start..start + len);
                }
                at = start + 1;
            }
            return None;
        }
        self.find_slow(text, from)
    }

    /// [`Self::find_from`] by decoding every character: for queries that
    /// start with a non-ASCII character (and to check the fast way).
    fn find_slow(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let first = *self.folded.first()?;
        let rest = text.get(from..)?;
        for (offset, c) in rest.char_indices() {
            // Cheap test first: most characters fold to themselves.
            let starts = if c.is_ascii() {
                c.to_ascii_lowercase() == first
            } else {
                c.to_lowercase().next() == Some(first)
            };
            if starts && let Some(len) = self.match_at(&rest[offset..]) {
                let start = from + offset;
                return Some(start..start + len);
            }
        }
        None
    }

    /// The byte length of the match at the start of `text`, if any. A
    /// match ends on a character boundary of `text`.
    fn match_at(&self, text: &str) -> Option<usize> {
        let mut want = self.folded.iter();
        for (offset, c) in text.char_indices() {
            for lower in c.to_lowercase() {
                if want.next() != Some(&lower) {
                    return None;
                }
            }
            if want.as_slice().is_empty() {
                return Some(offset + c.len_utf8());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_way_finds_what_decoding_every_character_finds() {
        let texts = [
            "Straße, STRASSE and strasse",
            "İstanbul is not ISTANBUL for everyone; KELVIN K and Kelvin",
            "Ärger über Übermut: ärgerlich. 気持ち 😊 ok OK Ok",
            "no match here at all",
            "aaaaab aab ab b",
        ];
        let queries = [
            "str", "ü", "ärger", "ok", "ab", "istan", "kel", "気", "😊", " a", "b", "zz",
        ];
        for text in texts {
            for query in queries {
                let q = Query::new(query);
                let mut from = 0;
                loop {
                    let fast = q.find_from(text, from);
                    assert_eq!(
                        fast,
                        q.find_slow(text, from),
                        "{query:?} in {text:?} from {from}"
                    );
                    match fast {
                        Some(range) => from = range.end,
                        None => break,
                    }
                }
            }
        }
    }

    use super::*;

    #[test]
    fn ignores_case_across_scripts() {
        let q = Query::new("ÄRGER");
        assert_eq!(q.ranges("Viel ärger heute"), vec![5..11]);
        assert!(Query::new("straße").matches("STRAẞE"));
        assert!(Query::new("Σ").matches("σοφία"));
    }

    #[test]
    fn finds_every_match_and_keeps_boundaries() {
        let q = Query::new("ab");
        assert_eq!(q.ranges("ab xAB ab"), vec![0..2, 4..6, 7..9]);
        assert_eq!(Query::new("🙂").ranges("ok 🙂 ok"), vec![3..7]);
        assert!(Query::new("").matches("anything"));
        assert!(Query::new("  ").ranges("a").is_empty());
        assert!(!Query::new("xyz").matches("xy"));
    }
}
