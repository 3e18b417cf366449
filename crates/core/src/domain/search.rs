//! Case-insensitive, Unicode-aware text search. Comparisons use full
//! lower-case folding (`'Ä'` matches `'ä'`, `'ẞ'` matches `"ß"`), and match
//! ranges are byte ranges into the original text, for highlighting.
//!
//! The search syntax, the same in the app and in `journal search`: words
//! separated by spaces must all be found (anywhere, in any order);
//! `"a quoted phrase"` is found as written, spaces included; `-word` (or
//! `-"a phrase"`) must not be found. An unclosed quote runs to the end.

use std::ops::Range;

/// A search as typed, parsed once, to be matched against many texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

/// One word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    needle: Needle,
    /// `-word`: a text that holds it does not match.
    exclude: bool,
}

impl Query {
    pub fn new(text: &str) -> Self {
        let mut terms = Vec::new();
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            let (exclude, after) = match rest.strip_prefix('-') {
                // A lone "-" (or "- ") is a word of its own, not an exclusion.
                Some(after) if !after.is_empty() && !after.starts_with(char::is_whitespace) => {
                    (true, after)
                }
                _ => (false, rest),
            };
            let (word, next) = match after.strip_prefix('"') {
                Some(quoted) => match quoted.find('"') {
                    Some(end) => (&quoted[..end], &quoted[end + 1..]),
                    None => (quoted, ""),
                },
                None => match after.find(char::is_whitespace) {
                    Some(end) => (&after[..end], &after[end..]),
                    None => (after, ""),
                },
            };
            let needle = Needle::new(word);
            if !needle.is_empty() {
                terms.push(Term { needle, exclude });
            }
            rest = next.trim_start();
        }
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every text this query matches is also matched by `other`
    /// (it is `other` typed further): then a search can narrow the
    /// previous results instead of starting over. A word typed longer,
    /// or a word more, narrows; an exclusion typed longer excludes less,
    /// so it must be the same.
    pub fn extends(&self, other: &Query) -> bool {
        other.terms.len() <= self.terms.len()
            && self.terms.iter().zip(&other.terms).all(|(new, old)| {
                new.exclude == old.exclude
                    && if new.exclude {
                        new.needle == old.needle
                    } else {
                        new.needle.extends(&old.needle)
                    }
            })
    }

    /// Whether `text` matches: every word found, no excluded one. An
    /// empty query matches all.
    pub fn matches(&self, text: &str) -> bool {
        self.matches_in(&[text])
    }

    /// Whether the texts (an entry's title and body) match together: each
    /// word found in one of them, no excluded word in any.
    pub fn matches_in(&self, texts: &[&str]) -> bool {
        self.terms.iter().all(|term| {
            let found = texts.iter().any(|text| term.needle.matches(text));
            found != term.exclude
        })
    }

    /// [`Self::matches_in`] over texts as bytes, counting only the
    /// matches whose start `counts(text, start)` accepts (`text`: which of
    /// `texts`): a search of encoded text skips what only matches inside
    /// an escape. The bytes are not checked as UTF-8 beforehand (which
    /// would cost more than the search): only where a match is tried,
    /// and [`NotUtf8`] says a tried place was not.
    pub fn matches_in_where(
        &self,
        texts: &[&[u8]],
        counts: impl Fn(usize, usize) -> bool,
    ) -> Result<bool, NotUtf8> {
        for term in &self.terms {
            let mut found = false;
            for (i, text) in texts.iter().enumerate() {
                if term.needle.found_where(text, |start| counts(i, start))? {
                    found = true;
                    break;
                }
            }
            if found == term.exclude {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether any word or phrase of the query, folded, holds a character
    /// `which` accepts.
    pub fn mentions(&self, which: impl Fn(char) -> bool) -> bool {
        self.terms
            .iter()
            .any(|term| term.needle.folded.iter().any(|&c| which(c)))
    }

    /// Every match of the words to find in `text`, as byte ranges of
    /// `text`, in order and not overlapping.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut found: Vec<Range<usize>> = self
            .terms
            .iter()
            .filter(|term| !term.exclude)
            .flat_map(|term| term.needle.ranges(text))
            .collect();
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// Bytes that are not UTF-8 where a match was tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8;

/// One word or phrase folded once, to be found in many texts.
#[derive(Debug, Clone)]
struct Needle {
    folded: Vec<char>,
    /// Which of its characters the text is scanned for: the rarest (in
    /// text as people write it) of those a match's start can be found
    /// back from (see [`anchor_of`]). `q` in `quiet`, `ñ` in `mañana`.
    anchor: usize,
    /// How to find where that character can be: worked out once per
    /// query.
    starts: Starts,
    /// The only two bytes that can follow an ASCII first character, when
    /// the query's second character is one only ASCII folds to.
    second: Option<[u8; 2]>,
    /// The same for the character after the anchor (when it is not the
    /// first).
    after_anchor: Option<[u8; 2]>,
    /// The only two bytes the character before the anchor can be, when
    /// only ASCII folds to it: `t` in `tr`, scanned for `r`. Most
    /// candidates of a common letter end here.
    before_anchor: Option<[u8; 2]>,
    /// For a common anchor letter beside another letter only ASCII folds
    /// to: where the anchor can next be, found by the pair (see [`Pair`]).
    pair: Option<Pair>,
}

/// From this rarity (see [`rarity`]) an anchor letter is common enough
/// that scanning for it stops too often: its pair is scanned for first.
const PAIR_FROM: u32 = 15;

/// The anchor and the letter beside it, both letters only ASCII folds
/// to (`ge` of `together`): far rarer in text than the anchor alone. The
/// lower-case pair is found with memmem; a pair with an upper-case letter
/// is found by that letter, and left to the anchor's scan.
#[derive(Debug, Clone)]
struct Pair {
    lower: memchr::memmem::Finder<'static>,
    /// The pair's letters in upper case (none for characters without
    /// case).
    upper: Vec<u8>,
    /// Where the anchor is in the pair: 0 (first) or 1 (second).
    anchor_at: usize,
}

impl Pair {
    fn of(folded: &[char], anchor: usize) -> Option<Self> {
        let this = *folded.get(anchor)?;
        if rarity(Some(this)) < PAIR_FROM {
            return None;
        }
        let this = only_ascii(this)?;
        let next = folded.get(anchor + 1).and_then(|&c| only_ascii(c));
        let before = anchor
            .checked_sub(1)
            .and_then(|b| folded.get(b))
            .and_then(|&c| only_ascii(c));
        let (pair, anchor_at) = match (next, before) {
            (Some(next), _) => ([this, next], 0),
            (None, Some(before)) => ([before, this], 1),
            (None, None) => return None,
        };
        let [[lower_a, upper_a], [lower_b, upper_b]] = pair;
        let mut upper: Vec<u8> = [(lower_a, upper_a), (lower_b, upper_b)]
            .into_iter()
            .filter(|(lower, upper)| lower != upper)
            .map(|(_, upper)| upper)
            .collect();
        upper.dedup();
        Some(Self {
            lower: memchr::memmem::Finder::new(&[lower_a, lower_b]).into_owned(),
            upper,
            anchor_at,
        })
    }

    /// The first place at or after `at` where the anchor of a match can
    /// be; `None` when no match has its anchor there or after. Never
    /// past a match: a pair in lower case is found by memmem, one with
    /// an upper-case letter by that letter (looked for only up to the
    /// lower-case pair).
    fn next_anchor(&self, bytes: &[u8], at: usize) -> Option<(usize, Hit)> {
        let from = at.checked_sub(self.anchor_at)?;
        let lower = self
            .lower
            .find(bytes.get(from..)?)
            .map(|i| from + i + self.anchor_at);
        // A match before the lower-case pair has its letters before
        // `lower + 2`.
        let end = lower.map_or(bytes.len(), |l| (l + 2).min(bytes.len()));
        let window = bytes.get(from..end)?;
        let upper = match self.upper[..] {
            [a] => memchr::memchr(a, window),
            [a, b] => memchr::memchr2(a, b, window),
            _ => None,
        }
        // The anchor is that letter or the one after it.
        .map(|i| (from + i).saturating_sub(1).max(at));
        match (lower, upper) {
            (Some(lower), Some(upper)) if upper < lower => Some((upper, Hit::Near)),
            (Some(lower), _) => Some((lower, Hit::Anchor)),
            (None, upper) => upper.map(|upper| (upper, Hit::Near)),
        }
    }
}

/// What [`Pair::next_anchor`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    /// The anchor itself, in a lower-case pair.
    Anchor,
    /// A place at or before the next anchor: scan from there.
    Near,
}

/// How the text is scanned for characters that fold to the query's
/// anchor character.
#[derive(Debug, Clone)]
enum Starts {
    /// By their lead bytes, with memchr (at most three: `a`/`A`; `k`/`K`
    /// and the Kelvin sign). A lead byte never occurs inside another
    /// character, so a hit is always a whole character's start.
    Bytes(Vec<u8>),
    /// By their whole UTF-8 encodings, with memmem, when one is not
    /// ASCII: its lead byte alone (`Ã` for `ä`) is shared by every
    /// accented letter.
    Encodings(Vec<memchr::memmem::Finder<'static>>),
    /// Too many to scan for: decode every character.
    Any,
}

impl Starts {
    fn of(first: char) -> Self {
        let chars = starters(first);
        if chars.len() > 3 {
            return Self::Any;
        }
        if chars.iter().all(char::is_ascii) {
            let mut leads: Vec<u8> = chars.iter().map(|&c| c as u8).collect();
            leads.dedup();
            return Self::Bytes(leads);
        }
        Self::Encodings(
            chars
                .iter()
                .map(|c| memchr::memmem::Finder::new(c.encode_utf8(&mut [0; 4])).into_owned())
                .collect(),
        )
    }
}

/// Needles are equal when they fold to the same text; the rest follows
/// from it.
impl PartialEq for Needle {
    fn eq(&self, other: &Self) -> bool {
        self.folded == other.folded
    }
}

impl Eq for Needle {}

impl Needle {
    fn new(text: &str) -> Self {
        let folded: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        let anchor = anchor_of(&folded);
        let starts = folded.get(anchor).map_or(Starts::Any, |&c| Starts::of(c));
        let second = folded.get(1).and_then(|&c| only_ascii(c));
        let after_anchor = folded
            .get(anchor + 1)
            .filter(|_| anchor > 0)
            .and_then(|&c| only_ascii(c));
        let before_anchor = anchor
            .checked_sub(1)
            .and_then(|before| folded.get(before))
            .and_then(|&c| only_ascii(c));
        let pair = Pair::of(&folded, anchor);
        Self {
            folded,
            anchor,
            starts,
            second,
            after_anchor,
            before_anchor,
            pair,
        }
    }

    fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether it is `other` typed further.
    fn extends(&self, other: &Needle) -> bool {
        self.folded.starts_with(&other.folded)
    }

    /// Whether `text` contains it. An empty needle is in every text.
    fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.find_from(text, 0).is_some()
    }

    /// Whether `text` contains it at a start `counts` accepts.
    fn found_where(&self, text: &[u8], counts: impl Fn(usize) -> bool) -> Result<bool, NotUtf8> {
        if self.is_empty() {
            return Ok(true);
        }
        let mut from = 0;
        while let Some(range) = self.find_in(text, from)? {
            if counts(range.start) {
                return Ok(true);
            }
            // On to the next character: a match may start inside this one.
            from = range.start + char_at(text, range.start)?.map_or(1, char::len_utf8);
        }
        Ok(false)
    }

    /// Every non-overlapping match in `text`, as byte ranges of `text`.
    fn ranges(&self, text: &str) -> Vec<Range<usize>> {
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
        self.find_in(text.as_bytes(), from).ok().flatten()
    }

    /// [`Self::find_from`] in bytes, decoded only where a match is tried.
    fn find_in(&self, bytes: &[u8], from: usize) -> Result<Option<Range<usize>>, NotUtf8> {
        // A match holds a character that folds to the query's anchor
        // character, `anchor` characters after its start: the text is
        // scanned for those alone, with memchr/memmem, without decoding
        // it (see `Starts`), and each one's start found back from it.
        let mut next = [None; 3];
        // Each character before the anchor is at least a byte.
        let mut at = from + self.anchor;
        while at < bytes.len() {
            let rest = &bytes[at..];
            let start = match &self.starts {
                Starts::Bytes(leads) => {
                    // A common letter: skip to where its pair is first.
                    match &self.pair {
                        Some(pair) => match pair.next_anchor(bytes, at) {
                            Some((anchor, Hit::Anchor)) => Some(anchor),
                            Some((near, Hit::Near)) => scan_bytes(leads, bytes, near),
                            None => return Ok(None),
                        },
                        None => scan_bytes(leads, bytes, at),
                    }
                }
                Starts::Encodings(finders) => {
                    // Each finder's next hit is kept until passed, so no
                    // stretch is scanned twice by the same finder.
                    for (finder, hit) in finders.iter().zip(next.iter_mut()) {
                        if hit.is_none_or(|h| h < at) {
                            *hit = finder.find(rest).map(|i| at + i);
                        }
                    }
                    next.iter().flatten().copied().min()
                }
                Starts::Any => {
                    let text = std::str::from_utf8(bytes).map_err(|_| NotUtf8)?;
                    return Ok(self.find_slow(text, from));
                }
            };
            let Some(found) = start else {
                return Ok(None);
            };
            at = found + 1;
            if cannot_follow(self.after_anchor, bytes, found)
                || cannot_precede(self.before_anchor, bytes, found)
            {
                continue;
            }
            let Some(start) = chars_back(bytes, found, self.anchor).filter(|&s| s >= from) else {
                continue;
            };
            if !self.second_cannot_follow(bytes, start)
                && let Some(len) = self.match_at(bytes, start)?
            {
                return Ok(Some(start..start + len));
            }
        }
        Ok(None)
    }

    /// A quick no for a candidate start: an ASCII first character whose
    /// next byte is not one the query's second character can be. Most
    /// candidates of a common first letter end here, not in `match_at`.
    fn second_cannot_follow(&self, bytes: &[u8], start: usize) -> bool {
        cannot_follow(self.second, bytes, start)
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
            let start = from + offset;
            if starts && let Ok(Some(len)) = self.match_at(text.as_bytes(), start) {
                return Some(start..start + len);
            }
        }
        None
    }

    /// The byte length of the match at byte `start` of `text` (a
    /// character's start), if any. A match ends on a character boundary.
    fn match_at(&self, text: &[u8], start: usize) -> Result<Option<usize>, NotUtf8> {
        let mut want = self.folded.iter();
        let mut at = start;
        while let Some(c) = char_at(text, at)? {
            if c.is_ascii() {
                // Most characters: their lower case is one ASCII letter.
                if want.next() != Some(&c.to_ascii_lowercase()) {
                    return Ok(None);
                }
            } else {
                for lower in c.to_lowercase() {
                    if want.next() != Some(&lower) {
                        return Ok(None);
                    }
                }
            }
            at += c.len_utf8();
            if want.as_slice().is_empty() {
                return Ok(Some(at - start));
            }
        }
        Ok(None)
    }
}

/// The first of `leads` in `bytes` at or after `at`.
fn scan_bytes(leads: &[u8], bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    match *leads {
        [a] => memchr::memchr(a, rest),
        [a, b] => memchr::memchr2(a, b, rest),
        [a, b, c] => memchr::memchr3(a, b, c, rest),
        _ => None,
    }
    .map(|i| at + i)
}

/// The only two bytes (lower and upper case) a character can be written
/// as, when only ASCII folds to it.
fn only_ascii(c: char) -> Option<[u8; 2]> {
    match starters(c)[..] {
        [only] if only.is_ascii() => Some([only as u8; 2]),
        [lower, upper] if lower.is_ascii() && upper.is_ascii() => Some([lower as u8, upper as u8]),
        _ => None,
    }
}

/// Whether the byte after an ASCII character at `at` cannot be the next
/// character (`next`: the two bytes it must be, from [`only_ascii`]).
fn cannot_follow(next: Option<[u8; 2]>, bytes: &[u8], at: usize) -> bool {
    match (next, bytes.get(at), bytes.get(at + 1)) {
        (Some([lower, upper]), Some(this), Some(&after)) if this.is_ascii() => {
            after != lower && after != upper
        }
        _ => false,
    }
}

/// Whether the byte before the character at `at` cannot be the one
/// before it in the query (`before`: the two bytes it must be, from
/// [`only_ascii`]). A byte of a longer character is never one of them.
fn cannot_precede(before: Option<[u8; 2]>, bytes: &[u8], at: usize) -> bool {
    match (before, at.checked_sub(1).and_then(|b| bytes.get(b))) {
        (Some([lower, upper]), Some(&byte)) => byte != lower && byte != upper,
        _ => false,
    }
}

/// Which character of a folded query the text is scanned for: the one
/// rarest in text as people write it, among the first and those after
/// characters that only single characters fold to (then a match's start
/// is exactly that many characters before it). The first, when none is
/// rarer.
fn anchor_of(folded: &[char]) -> usize {
    let mut best = (0, rarity(folded.first().copied()));
    for (k, pair) in folded.windows(2).enumerate() {
        let folds_from_single = starters(pair[0])
            .iter()
            .all(|c| c.to_lowercase().count() == 1);
        if !folds_from_single {
            break;
        }
        let score = rarity(Some(pair[1]));
        if score < best.1 {
            best = (k + 1, score);
        }
    }
    best.0
}

/// How often a character (folded) is met in text, per mille, roughly
/// (English letter frequencies; other scripts' characters are rare in
/// any one text). Characters too many fold to for a scan come last.
fn rarity(c: Option<char>) -> u32 {
    let Some(c) = c else { return u32::MAX };
    if starters(c).len() > 3 {
        return u32::MAX;
    }
    const LETTERS: [u32; 26] = [
        82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24,
        2, 20, 1,
    ];
    match c {
        'a'..='z' => LETTERS[(c as u8 - b'a') as usize],
        ' ' => 180,
        '0'..='9' => 5,
        _ if c.is_ascii() => 10,
        _ => 3,
    }
}

/// Where the character `count` characters before the one at byte `at`
/// starts; `None` before the text's start.
fn chars_back(text: &[u8], at: usize, count: usize) -> Option<usize> {
    let mut start = at;
    for _ in 0..count {
        start = start.checked_sub(1)?;
        while start > 0 && text.get(start).is_some_and(|b| b & 0xC0 == 0x80) {
            start -= 1;
        }
    }
    Some(start)
}

/// The character starting at byte `at` of `text` (`None` at its end),
/// decoded from its own bytes only.
fn char_at(text: &[u8], at: usize) -> Result<Option<char>, NotUtf8> {
    let Some(&lead) = text.get(at) else {
        return Ok(None);
    };
    let width = match lead {
        0..0x80 => return Ok(Some(char::from(lead))),
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => return Err(NotUtf8),
    };
    let bytes = text.get(at..at + width).ok_or(NotUtf8)?;
    let decoded = std::str::from_utf8(bytes).map_err(|_| NotUtf8)?;
    Ok(decoded.chars().next())
}

/// The last character with a lower case of its own (Adlam's last capital
/// letter's partner, U+1E943); a test checks none comes after it.
const LAST_CASED: u32 = 0x1E943;

/// Every character whose lower case begins with `first` (`first` itself
/// included), so each can start a match.
fn starters(first: char) -> Vec<char> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    // Built once, from every character Unicode lower-cases to something
    // else: about 1,400 of them, all below `LAST_CASED`, found in about a
    // millisecond on first use.
    static FOLDED_FROM: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    let map = FOLDED_FROM.get_or_init(|| {
        let mut map: HashMap<char, Vec<char>> = HashMap::new();
        for c in (0..=LAST_CASED).filter_map(char::from_u32) {
            if let Some(lower) = c.to_lowercase().next()
                && lower != c
            {
                map.entry(lower).or_default().push(c);
            }
        }
        map
    });
    let mut all = vec![first];
    all.extend(map.get(&first).into_iter().flatten());
    all
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
            "MAÑANA mañana mAñAnA m-a m a; M.",
            "ΣΟΦΊΑ σοφία ς; Å (Ångström sign) å Å; Ω ohm ω Ω; ẞ ß; ϴ θ Θ; ǅ ǆ Ǆ",
            "quiet QUIET qUiEt; xİs xi\u{307}s XİS; mAÑAna mañ; trust TRUST tRuSt; 信頼 a信",
            "r at the start; ţr ŢR ǂr Tr tR TR; to-gether TOGETHER toGEther; rr tr",
            "tRuly: ge gE Ge GE, oG og Og; together, toGether, togetheR; e G ogre enGE",
        ];
        let queries = [
            "str",
            "ü",
            "ärger",
            "ok",
            "ab",
            "istan",
            "kel",
            "気",
            "😊",
            " a",
            "b",
            "zz",
            "σοφ",
            "å",
            "ω",
            "ß",
            "θ",
            "ǆ",
            "i",
            "k",
            "İ",
            "mañana",
            "ma",
            "m ",
            "m.",
            "ki",
            "ñ",
            "quiet",
            "trust",
            "tr",
            "together",
            "ogeth",
            "rr",
            "og",
            "ge",
            "ng",
            "er",
            "g e",
            "rust",
            "ust",
            "xi\u{307}s",
            "xİs",
            "i\u{307}s",
            "kelvin k",
            "vin k",
            "ångström",
            "ström",
            "rger",
            "über",
            "σοφία",
            "a信",
            "信頼",
            "ok ok",
            "na m",
        ];
        for text in texts {
            for query in queries {
                let q = Needle::new(query);
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
    fn bytes_are_matched_as_their_text_and_checked_where_tried() {
        let texts = [
            "Straße, STRASSE and strasse",
            "Ärger über Übermut: ärgerlich. 気持ち 😊 ok OK Ok",
            "ΣΟΦΊΑ σοφία ς; Å (Ångström sign) å Å; Ω ohm ω Ω; ẞ ß",
            "",
        ];
        let queries = [
            "str",
            "ärger",
            "ẞ",
            "😊 ok",
            "-ok",
            "σοφ ω",
            "zz",
            "Å",
            "ss -ü",
        ];
        for a in texts {
            for b in texts {
                for query in queries {
                    let q = Query::new(query);
                    assert_eq!(
                        q.matches_in_where(&[a.as_bytes(), b.as_bytes()], |_, _| true),
                        Ok(q.matches_in(&[a, b])),
                        "{query:?} in {a:?} and {b:?}"
                    );
                }
            }
        }
        // Bytes that are not UTF-8 count only where a match is tried.
        let broken: &[u8] = b"no match \xff here; \xc3 tried";
        let q = Query::new("here");
        assert_eq!(q.matches_in_where(&[broken], |_, _| true), Ok(true));
        let q = Query::new("t\u{e9}");
        assert_eq!(q.matches_in_where(&[broken], |_, _| true), Ok(false));
        let cut: &[u8] = b"x\xc3\xffz";
        assert_eq!(
            Query::new("x\u{e9}z").matches_in_where(&[cut], |_, _| true),
            Err(NotUtf8)
        );
    }

    #[test]
    fn no_character_after_the_last_cased_one_changes_in_lower_case() {
        let changed = (LAST_CASED + 1..=0x10FFFF)
            .filter_map(char::from_u32)
            .find(|&c| c.to_lowercase().next() != Some(c));
        assert_eq!(changed, None);
    }

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

#[cfg(test)]
mod syntax {
    use super::*;

    #[test]
    fn every_word_must_be_found_in_any_order() {
        let q = Query::new("river  WALK");
        assert!(q.matches("We walked by the river"));
        assert!(!q.matches("We walked home"));
        // Across an entry's title and body.
        assert!(q.matches_in(&["Walk", "by the river"]));
        assert!(!q.matches_in(&["Walk", "by the sea"]));
    }

    #[test]
    fn a_quoted_phrase_is_found_as_written() {
        let q = Query::new("\"by the river\" walk");
        assert!(q.matches("walk by the river"));
        assert!(!q.matches("the river, walk by"));
        // An unclosed quote runs to the end.
        assert!(Query::new("\"the riv").matches("by THE RIVer"));
        assert!(!Query::new("\"the riv").matches("the sea, a riv"));
    }

    #[test]
    fn a_minus_excludes_a_word_or_phrase() {
        let q = Query::new("dinner -late");
        assert!(q.matches("dinner at six"));
        assert!(!q.matches("dinner, LATE again"));
        assert!(!q.matches_in(&["Late", "dinner"]));
        let q = Query::new("dinner -\"too late\"");
        assert!(q.matches("dinner, late"));
        assert!(!q.matches("dinner, too late"));
        // A lone minus is a word; an empty query matches all.
        assert!(Query::new("a - b").matches("a - b"));
        assert!(Query::new("  ").matches("anything"));
        assert!(Query::new("\"\"").is_empty());
    }

    #[test]
    fn highlights_every_word_to_find_and_none_excluded() {
        let q = Query::new("ab cd -ef");
        assert_eq!(q.ranges("cd ab ef ab"), vec![0..2, 3..5, 9..11]);
        // Overlapping words merge into one range.
        assert_eq!(Query::new("abc bcd").ranges("abcd"), vec![0..4]);
    }

    #[test]
    fn typing_further_narrows_but_a_longer_exclusion_does_not() {
        let q = |t: &str| Query::new(t);
        assert!(q("rive").extends(&q("riv")));
        assert!(q("river wa").extends(&q("river")));
        assert!(q("river -late").extends(&q("river")));
        assert!(!q("river -lat").extends(&q("river -la")));
        assert!(!q("wa").extends(&q("river")));
    }
}
