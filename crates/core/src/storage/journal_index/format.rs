//! The index file's bytes: a fixed header, fixed-width rows (newest
//! first) and one table of strings the rows point into. Read with one
//! `fs::read`; a row is decoded only when it is looked at, so opening an
//! index of 100,000 rows costs a read and a checksum, not 100,000 parses.
//!
//! ```text
//! header (64 bytes, little-endian)
//!   0  magic "TWJINDEX"        8  version u32     12  row width u32
//!   16 journal length u64      24 journal mtime (ns) u64
//!   32 hash of the journal's last 4 KiB u64
//!   40 rows u64                48 string table length u64
//!   56 checksum of everything after the header u64
//! row (120 bytes)
//!   0  id [16]                 16 author [16]
//!   32 created: seconds i64, nanoseconds u32, UTC offset (s) i32
//!   48 edited: the same
//!   64 the entry's latest line in the journal: offset u64, length u32
//!   76 flags u8 (1 private, 2 deleted, 4 has a stage, 8 its words are
//!      sealed to one person (not in the line), 16 the spans below are
//!      known, 32 they hold no escape but those serde_json writes:
//!      `\n`, `\"`, `\\`… and `\u00XX` for control characters)
//!   77 mood u8 (0 none, else 1 + its place in `Mood::ALL`)
//!   80 headline, 88 stage, 96 tags (joined by '\n'): offset u32, length u32
//!      into the string table
//!   104 title, 112 body: where the text is in the latest line, as
//!      written between its quotes (escapes included): offset from the
//!      line's start u32, length u32 (bytes); empty when there is none
//! ```
//!
//! Version 3 added the title and body spans (a search reads only them,
//! not the whole line); they point into the journal, and say nothing the
//! journal line does not.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Offset};
use uuid::Uuid;

use super::Fingerprint;
use crate::domain::Mood;

pub const MAGIC: &[u8; 8] = b"TWJINDEX";
/// Bumped whenever the layout or a field's meaning changes: an index of
/// another version is rebuilt, not read. 4: the checksum in four lanes.
pub const VERSION: u32 = 4;
/// The version before, the same layout with the checksum in one lane:
/// still read (an index of years is not rebuilt for a faster checksum),
/// and written as [`VERSION`] at its next write.
const LAST_VERSION: u32 = 3;
pub const HEADER: usize = 64;
pub const ROW: usize = 120;

const PRIVATE: u8 = 1;
const DELETED: u8 = 2;
const HAS_STAGE: u8 = 4;
const SEALED: u8 = 8;
const HAS_SPANS: u8 = 16;
const PLAIN_ESCAPES: u8 = 32;

/// Where an entry's title and body are in its latest line, as written
/// between their quotes (escapes included): offset from the line's start
/// and length, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spans {
    pub title: (u32, u32),
    pub body: (u32, u32),
    /// They hold no escape but those serde_json writes (never `\u00e9`
    /// or `\/`, as another program may write): a query without `"`,
    /// `\` or control characters is searched in them as written.
    pub plain: bool,
}

/// One entry as the list needs it: what a new index is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: Uuid,
    pub created_at: DateTime<FixedOffset>,
    pub edited_at: DateTime<FixedOffset>,
    pub author: Uuid,
    pub stage: Option<String>,
    pub mood: Option<Mood>,
    /// The title, else the first line of the body, cut to one list row.
    pub headline: String,
    pub tags: Vec<String>,
    pub private: bool,
    pub deleted: bool,
    /// Where the entry's latest line starts in the journal, and its length
    /// without the newline.
    pub offset: u64,
    pub len: u32,
    /// Where the title and body are in that line; `None` when the line
    /// could not be read for them (a search reads it whole instead).
    pub spans: Option<Spans>,
    /// The entry's words are sealed to one person: the line does not
    /// hold them, so a search of the file cannot find it.
    pub sealed: bool,
}

/// A whole index file, checked: its header matched the journal and its
/// checksum its contents. Rows are decoded when asked for.
#[derive(Clone)]
pub struct JournalIndex {
    bytes: Vec<u8>,
    rows: usize,
    /// Where each entry's row is, by id; made on first use (drawing the
    /// list looks rows up by id).
    by_id: std::sync::OnceLock<HashMap<u128, u32, IdHash>>,
    /// Row numbers by where their line is in the journal, last line
    /// first; made on first use (a search reads the journal in order).
    by_line: std::sync::OnceLock<Vec<u32>>,
}

/// Megabytes of rows say nothing in a debug print: their count does.
impl std::fmt::Debug for JournalIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalIndex")
            .field("rows", &self.rows)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// One row of a [`JournalIndex`], decoded field by field.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    raw: &'a [u8],
    strings: &'a [u8],
}

impl JournalIndex {
    /// The index in `bytes` when it is whole and was made from the journal
    /// `now` describes; `None` otherwise (then it must be rebuilt).
    pub fn check(bytes: Vec<u8>, now: Fingerprint) -> Option<Self> {
        Self::whole(bytes).filter(|index| index.journal() == now)
    }

    /// The index in `bytes` when it is whole (of this version, its
    /// checksum right), whatever journal it was made from: the caller
    /// checks that against the journal (see [`Self::journal`]).
    pub fn whole(bytes: Vec<u8>) -> Option<Self> {
        let header = bytes.get(..HEADER)?;
        let version = u32_at(header, 8);
        if header.get(..8)? != MAGIC
            || !(version == VERSION || version == LAST_VERSION)
            || u32_at(header, 12) as usize != ROW
        {
            return None;
        }
        let rows = usize::try_from(u64_at(header, 40)).ok()?;
        let strings = usize::try_from(u64_at(header, 48)).ok()?;
        let expected = rows
            .checked_mul(ROW)
            .and_then(|r| r.checked_add(strings))
            .and_then(|r| r.checked_add(HEADER))?;
        let sum = match version {
            LAST_VERSION => checksum_in_one_lane(bytes.get(HEADER..)?),
            _ => checksum(bytes.get(HEADER..)?),
        };
        if bytes.len() != expected || sum != u64_at(header, 56) {
            return None;
        }
        Some(Self {
            bytes,
            rows,
            by_id: std::sync::OnceLock::new(),
            by_line: std::sync::OnceLock::new(),
        })
    }

    /// The journal as it was when the index was made.
    pub fn journal(&self) -> Fingerprint {
        Fingerprint::from_header(self.bytes.get(..HEADER).unwrap_or_default())
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The length of the journal file this index was made from: lines
    /// after it were appended since.
    pub fn journal_len(&self) -> u64 {
        self.bytes
            .get(..HEADER)
            .map_or(0, |header| Fingerprint::from_header(header).len)
    }

    /// Row `i`, newest first.
    pub fn row(&self, i: usize) -> Option<RowRef<'_>> {
        if i >= self.rows {
            return None;
        }
        let at = HEADER + i * ROW;
        Some(RowRef {
            raw: self.bytes.get(at..at + ROW)?,
            strings: self.bytes.get(HEADER + self.rows * ROW..)?,
        })
    }

    /// Every row, newest first.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> {
        (0..self.rows).filter_map(|i| self.row(i))
    }

    /// The row of entry `id`.
    pub fn find(&self, id: Uuid) -> Option<RowRef<'_>> {
        let by_id = self.by_id.get_or_init(|| {
            let mut map = HashMap::with_capacity_and_hasher(self.rows, IdHash);
            for (i, row) in self.rows().enumerate() {
                map.insert(row.id().as_u128(), i as u32);
            }
            map
        });
        self.row(*by_id.get(&id.as_u128())? as usize)
    }

    /// Row numbers in the order of their lines in the journal, the last
    /// line first.
    pub fn by_line(&self) -> &[u32] {
        self.by_line.get_or_init(|| {
            let mut order: Vec<(u64, u32)> = (0..self.rows)
                .filter_map(|i| Some((self.row(i)?.line().0, i as u32)))
                .collect();
            order.sort_unstable_by(|a, b| b.cmp(a));
            order.into_iter().map(|(_, i)| i).collect()
        })
    }

    /// Prepares [`Self::find`] now (on the reading thread, not at the
    /// first frame that needs it).
    pub fn prepare(&self) {
        let _ = self.find(Uuid::nil());
    }
}

impl<'a> RowRef<'a> {
    pub fn id(&self) -> Uuid {
        Uuid::from_bytes(bytes16(self.raw, 0))
    }

    pub fn author(&self) -> Uuid {
        Uuid::from_bytes(bytes16(self.raw, 16))
    }

    pub fn created_at(&self) -> DateTime<FixedOffset> {
        time_at(self.raw, 32)
    }

    /// When it was written, as an instant (seconds and nanoseconds since
    /// the Unix epoch): what the list's order compares, without building
    /// a date.
    pub fn created_instant(&self) -> (i64, u32) {
        (u64_at(self.raw, 32) as i64, u32_at(self.raw, 40))
    }

    pub fn edited_at(&self) -> DateTime<FixedOffset> {
        time_at(self.raw, 48)
    }

    /// The entry's latest line in the journal: offset and length.
    pub fn line(&self) -> (u64, u32) {
        (u64_at(self.raw, 64), u32_at(self.raw, 72))
    }

    fn flags(&self) -> u8 {
        self.raw.get(76).copied().unwrap_or(0)
    }

    pub fn private(&self) -> bool {
        self.flags() & PRIVATE != 0
    }

    pub fn deleted(&self) -> bool {
        self.flags() & DELETED != 0
    }

    /// The entry's words are sealed to one person (not in its line).
    pub fn sealed(&self) -> bool {
        self.flags() & SEALED != 0
    }

    /// Where the title and body are in the entry's latest line.
    pub fn spans(&self) -> Option<Spans> {
        (self.flags() & HAS_SPANS != 0).then(|| Spans {
            title: (u32_at(self.raw, 104), u32_at(self.raw, 108)),
            body: (u32_at(self.raw, 112), u32_at(self.raw, 116)),
            plain: self.flags() & PLAIN_ESCAPES != 0,
        })
    }

    pub fn mood(&self) -> Option<Mood> {
        let code = self.raw.get(77).copied().unwrap_or(0);
        Mood::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }

    pub fn headline(&self) -> &'a str {
        self.string(80)
    }

    pub fn stage(&self) -> Option<&'a str> {
        (self.flags() & HAS_STAGE != 0).then(|| self.string(88))
    }

    pub fn tags(&self) -> impl Iterator<Item = &'a str> {
        self.string(96).split('\n').filter(|t| !t.is_empty())
    }

    /// The string a row points to at `at`; empty if it does not read
    /// (never for an index this build wrote: the checksum says so).
    fn string(&self, at: usize) -> &'a str {
        let from = u32_at(self.raw, at) as usize;
        let len = u32_at(self.raw, at + 4) as usize;
        self.strings
            .get(from..from + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .unwrap_or("")
    }

    /// The row as an owned [`Row`].
    pub fn to_row(&self) -> Row {
        let (offset, len) = self.line();
        Row {
            id: self.id(),
            created_at: self.created_at(),
            edited_at: self.edited_at(),
            author: self.author(),
            stage: self.stage().map(str::to_string),
            mood: self.mood(),
            headline: self.headline().to_string(),
            tags: self.tags().map(str::to_string).collect(),
            private: self.private(),
            deleted: self.deleted(),
            offset,
            len,
            spans: self.spans(),
            sealed: self.sealed(),
        }
    }
}

/// Builds an index file: rows are added newest first.
pub struct Builder {
    rows: Vec<u8>,
    strings: Vec<u8>,
    count: usize,
    /// Stage ids repeat on every row: each is stored once.
    stages: HashMap<String, (u32, u32)>,
}

impl Builder {
    pub fn with_capacity(rows: usize) -> Self {
        Self {
            rows: Vec::with_capacity(rows * ROW),
            strings: Vec::with_capacity(rows * 96),
            count: 0,
            stages: HashMap::new(),
        }
    }

    fn string(&mut self, text: &str) -> (u32, u32) {
        let at = self.strings.len() as u32;
        self.strings.extend_from_slice(text.as_bytes());
        (at, text.len() as u32)
    }

    /// A stage id, stored once however many rows name it.
    fn stage(&mut self, stage: &str) -> (u32, u32) {
        if let Some(&at) = self.stages.get(stage) {
            return at;
        }
        let at = self.string(stage);
        self.stages.insert(stage.to_string(), at);
        at
    }

    pub fn push(&mut self, row: &Row) {
        let mut raw = [0u8; ROW];
        raw[0..16].copy_from_slice(row.id.as_bytes());
        raw[16..32].copy_from_slice(row.author.as_bytes());
        put_time(&mut raw, 32, row.created_at);
        put_time(&mut raw, 48, row.edited_at);
        raw[64..72].copy_from_slice(&row.offset.to_le_bytes());
        raw[72..76].copy_from_slice(&row.len.to_le_bytes());
        let mut flags = 0;
        if row.private {
            flags |= PRIVATE;
        }
        if row.deleted {
            flags |= DELETED;
        }
        if row.stage.is_some() {
            flags |= HAS_STAGE;
        }
        if row.sealed {
            flags |= SEALED;
        }
        if let Some(spans) = row.spans {
            flags |= HAS_SPANS;
            if spans.plain {
                flags |= PLAIN_ESCAPES;
            }
            put_ref(&mut raw, 104, spans.title);
            put_ref(&mut raw, 112, spans.body);
        }
        raw[76] = flags;
        raw[77] = row
            .mood
            .and_then(|m| Mood::ALL.iter().position(|&x| x == m))
            .map_or(0, |i| i as u8 + 1);
        let headline = self.string(&row.headline);
        put_ref(&mut raw, 80, headline);
        if let Some(stage) = &row.stage {
            let at = self.stage(stage);
            put_ref(&mut raw, 88, at);
        }
        let tags = self.string(&row.tags.join("\n"));
        put_ref(&mut raw, 96, tags);
        self.rows.extend_from_slice(&raw);
        self.count += 1;
    }

    /// Copies a row of another index (its strings come along).
    pub fn push_row_of(&mut self, row: &RowRef<'_>) {
        self.push_row_at(row, row.line().0);
    }

    /// [`Self::push_row_of`], its line now starting at `offset` (the
    /// journal was written anew around it).
    pub fn push_row_at(&mut self, row: &RowRef<'_>, offset: u64) {
        let mut raw = [0u8; ROW];
        raw.copy_from_slice(row.raw);
        raw[64..72].copy_from_slice(&offset.to_le_bytes());
        let headline = self.string(row.headline());
        put_ref(&mut raw, 80, headline);
        if let Some(stage) = row.stage() {
            let at = self.stage(stage);
            put_ref(&mut raw, 88, at);
        }
        let tags = self.string(row.string(96));
        put_ref(&mut raw, 96, tags);
        self.rows.extend_from_slice(&raw);
        self.count += 1;
    }

    /// Writes the file to `out`, its header naming the journal as
    /// `journal`, without gathering megabytes of rows and strings into
    /// one more buffer first.
    pub fn finish_into(
        self,
        journal: Fingerprint,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        // Rows are whole words (ROW is a multiple of 8), so the checksum
        // of rows then strings is that of the two end to end.
        let sum = checksum_of(&[&self.rows, &self.strings]);
        out.write_all(&self.header(journal, sum))?;
        out.write_all(&self.rows)?;
        out.write_all(&self.strings)
    }

    fn header(&self, journal: Fingerprint, sum: u64) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(HEADER);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&(ROW as u32).to_le_bytes());
        bytes.extend_from_slice(&journal.len.to_le_bytes());
        bytes.extend_from_slice(&journal.mtime_ns.to_le_bytes());
        bytes.extend_from_slice(&journal.tail_hash.to_le_bytes());
        bytes.extend_from_slice(&(self.count as u64).to_le_bytes());
        bytes.extend_from_slice(&(self.strings.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&sum.to_le_bytes());
        bytes
    }
}

impl Fingerprint {
    fn from_header(header: &[u8]) -> Self {
        Self {
            len: u64_at(header, 16),
            mtime_ns: u64_at(header, 24),
            tail_hash: u64_at(header, 32),
        }
    }
}

/// Notices damage (a bit flipped, a block of zeros), eight bytes a step
/// in four lanes (word `n` goes to lane `n % 4`), so the processor works
/// on four words at once: at 100,000 rows (20 MB) well under a
/// millisecond, where one chain of multiplies took a few. Each step is a
/// bijection of its lane for a given word, so a changed word always
/// changes its lane, and the lanes are folded together the same way.
fn checksum(bytes: &[u8]) -> u64 {
    checksum_of(&[bytes])
}

/// The checksum of index version 3 ([`LAST_VERSION`]): one chain of
/// multiplies, eight bytes a step.
pub(super) fn checksum_in_one_lane(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        hash = mix(hash, word_at(word));
    }
    for &b in words.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^ bytes.len() as u64
}

/// One step of a lane.
fn mix(lane: u64, word: u64) -> u64 {
    (lane ^ word)
        .wrapping_mul(0x0000_0100_0000_01b3)
        .rotate_left(29)
}

fn word_at(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]))
}

/// [`checksum`] of `parts` end to end; every part but the last must be
/// whole words (a multiple of 8 bytes).
fn checksum_of(parts: &[&[u8]]) -> u64 {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let mut lanes = [START, START ^ 1, START ^ 2, START ^ 3];
    let mut n = 0usize;
    let mut len = 0;
    let mut tail: &[u8] = &[];
    for part in parts {
        // One word at a time up to lane 0, then four at a time.
        let lead = ((4 - n % 4) % 4).min(part.len() / 8) * 8;
        let (lead, rest) = part.split_at(lead);
        for word in lead.chunks_exact(8) {
            lanes[n % 4] = mix(lanes[n % 4], word_at(word));
            n += 1;
        }
        let mut blocks = rest.chunks_exact(32);
        for block in &mut blocks {
            for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
                *lane = mix(*lane, word_at(word));
            }
            n += 4;
        }
        let mut words = blocks.remainder().chunks_exact(8);
        for word in &mut words {
            lanes[n % 4] = mix(lanes[n % 4], word_at(word));
            n += 1;
        }
        tail = words.remainder();
        len += part.len();
    }
    let mut hash = lanes.into_iter().fold(START, mix);
    for &b in tail {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^ len as u64
}

/// Hashes ids for [`JournalIndex::find`]: their bits are random already
/// (UUID v7 ends in 62 random bits), so a multiply is enough, where
/// std's SipHash would make the lookup table cost as much as the index.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHash;

#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u128(&mut self, id: u128) {
        self.0 = ((id as u64) ^ ((id >> 64) as u64)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

fn bytes16(raw: &[u8], at: usize) -> [u8; 16] {
    raw.get(at..at + 16)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; 16])
}

fn u64_at(raw: &[u8], at: usize) -> u64 {
    raw.get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

fn u32_at(raw: &[u8], at: usize) -> u32 {
    raw.get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn put_ref(raw: &mut [u8; ROW], at: usize, (offset, len): (u32, u32)) {
    raw[at..at + 4].copy_from_slice(&offset.to_le_bytes());
    raw[at + 4..at + 8].copy_from_slice(&len.to_le_bytes());
}

fn put_time(raw: &mut [u8; ROW], at: usize, time: DateTime<FixedOffset>) {
    raw[at..at + 8].copy_from_slice(&time.timestamp().to_le_bytes());
    raw[at + 8..at + 12].copy_from_slice(&time.timestamp_subsec_nanos().to_le_bytes());
    raw[at + 12..at + 16].copy_from_slice(&time.offset().local_minus_utc().to_le_bytes());
}

/// A time as written by [`put_time`]; the Unix epoch if it does not read
/// (never for an index this build wrote).
fn time_at(raw: &[u8], at: usize) -> DateTime<FixedOffset> {
    let secs = u64_at(raw, at) as i64;
    let nanos = u32_at(raw, at + 8);
    let offset = u32_at(raw, at + 12) as i32;
    let offset = FixedOffset::east_opt(offset).unwrap_or(chrono::Utc.fix());
    DateTime::from_timestamp(secs, nanos)
        .unwrap_or_default()
        .with_timezone(&offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checksum of parts is that of the same bytes whole, wherever
    /// the parts meet (a whole number of words into the file: rows are
    /// 15 words), and a changed word or a word moved is noticed.
    #[test]
    fn parts_sum_as_the_whole_and_a_change_is_noticed() {
        let bytes: Vec<u8> = (0u32..1000).map(|n| (n * 7 + n / 13) as u8).collect();
        let whole = checksum(&bytes);
        for words in [0, 1, 2, 3, 4, 5, 15, 30, 45, 124] {
            let (a, b) = bytes.split_at(words * 8);
            assert_eq!(checksum_of(&[a, b]), whole, "split after {words} words");
        }
        for at in [0, 9, 500, 999] {
            let mut changed = bytes.clone();
            changed[at] ^= 1;
            assert_ne!(checksum(&changed), whole, "a flipped bit at {at}");
        }
        let mut swapped = bytes.clone();
        swapped[800..808].copy_from_slice(&bytes[..8]);
        swapped[..8].copy_from_slice(&bytes[800..808]);
        assert_ne!(checksum(&swapped), whole, "two words swapped");
        assert_ne!(checksum(&bytes[..992]), whole, "cut short");
    }
}
