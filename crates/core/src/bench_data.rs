//! Deterministic workbooks for benchmarks: `examples/generate.rs` and the
//! divan benches in `benches/` make their data here, through the real
//! [`JsonStore`], so what they measure is what a person's data dir holds.
//!
//! Everything comes from a fixed seed: the same `entries` give the same
//! files, byte for byte (only the backup's file name carries the time).
//! Not part of the app: hidden from the docs and used by nothing else.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone, Utc};
use uuid::Uuid;

use crate::content::{CHECKOUT_ID, Content, Prompt, PromptKind, SCREENING_IDS, answer_id};
use crate::domain::{
    Answer, AnswerValue, CheckIn, CommitmentCheck, Journal, JournalEntry, Mood, NewWorkbook,
    Position, RelationshipKind, Role, Scores, Screening, ScreeningAnswer, Workbook,
};
use crate::storage::{JsonStore, Store, WorkbookKey};

/// The workbook name the peer harness looks for on the first frame.
pub const DEFAULT_NAME: &str = "bench";

/// The newest entry is written shortly before this day (UTC+1); the oldest
/// six years earlier.
const END: (i32, u32, u32) = (2026, 11, 1);
const YEARS: i64 = 6;

/// Words for the generated prose: mostly plain English, with accents, CJK
/// and an emoji so search and width handling meet real Unicode.
const WORDS: &[&str] = &[
    "trust", "repair", "honest", "listen", "promise", "kept", "broken", "apology", "patience",
    "boundary", "evening", "talk", "walk", "dinner", "phone", "message", "late", "worried", "calm",
    "hopeful", "sad", "angry", "forgive", "slowly", "together", "apart", "therapy", "session",
    "week", "morning", "coffee", "children", "work", "weekend", "family", "friend", "remember",
    "notice", "small", "change", "effort", "grateful", "café", "naïve", "déjà", "vu", "信頼", "😊",
    "mañana", "Ärger", "straße",
];

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub key: WorkbookKey,
    /// Journal entries written (trashed ones included).
    pub entries: usize,
    /// Of which in the trash.
    pub trashed: usize,
    pub checkins: usize,
    pub answers: usize,
}

/// SplitMix64: tiny, fast and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.next_u64().is_multiple_of(n)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }

    /// A version-7 id whose time part is `at`, as a fresh one would have.
    fn uuid_at(&mut self, at: DateTime<FixedOffset>) -> Uuid {
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        random[8..].copy_from_slice(&self.next_u64().to_le_bytes()[..2]);
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }
}

fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap_or(Utc.fix())
}

fn end() -> DateTime<FixedOffset> {
    let (y, m, d) = END;
    offset()
        .with_ymd_and_hms(y, m, d, 8, 0, 0)
        .single()
        .unwrap_or_else(|| DateTime::UNIX_EPOCH.fixed_offset())
}

/// The day the generated journal ends: a fixed clock for benches, so the
/// dashboard's weekly counts have something to show.
pub fn end_of_data() -> DateTime<FixedOffset> {
    end()
}

fn start() -> DateTime<FixedOffset> {
    end() - Duration::days(365 * YEARS)
}

fn word(rng: &mut Rng) -> &'static str {
    WORDS[rng.range(0, WORDS.len() as u64 - 1) as usize]
}

/// A sentence of 6–16 words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, out: &mut String) {
    let n = rng.range(6, 16);
    let begin = out.len();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word(rng));
    }
    // Capitalise the first letter (a CJK word or an emoji stays as it is).
    if let Some(first) = out[begin..].chars().next()
        && first.is_lowercase()
    {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(begin..begin + first.len_utf8(), &upper);
    }
    out.push('.');
}

/// Prose of `lo..=hi` characters, in paragraphs of about 250.
pub fn prose(rng: &mut Rng, lo: u64, hi: u64) -> String {
    let target = rng.range(lo, hi) as usize;
    let mut text = String::with_capacity(target * 2);
    let mut chars = 0;
    let mut paragraph = 0;
    while chars < target {
        if paragraph > 250 {
            text.push_str("\n\n");
            chars += 2;
            paragraph = 0;
        } else if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        let before = text.len();
        sentence(rng, &mut text);
        let added = text[before..].chars().count();
        chars += added;
        paragraph += added;
    }
    // Too long: cut at the last word that fits, and end the sentence.
    if let Some((at, _)) = text.char_indices().nth(hi as usize - 1) {
        let cut = text[..at].rfind(' ').unwrap_or(at);
        text.truncate(cut);
        text.truncate(text.trim_end_matches(['.', ' ', '\n']).len());
        text.push('.');
    }
    text
}

fn title(rng: &mut Rng) -> String {
    let n = rng.range(2, 5);
    let words: Vec<&str> = (0..n).map(|_| word(rng)).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next()
        && first.is_lowercase()
    {
        let upper: String = first.to_uppercase().collect();
        title.replace_range(..first.len_utf8(), &upper);
    }
    title
}

/// `n` journal entries, oldest first, spread evenly over the years with a
/// little jitter; some with a title, stage or mood, a few edited later,
/// about one in two hundred in the trash.
pub fn journal_entries(
    rng: &mut Rng,
    n: usize,
    author: Uuid,
    stages: &[&str],
) -> Vec<JournalEntry> {
    let start = start();
    let span = (end() - start).num_seconds() - 3600;
    (0..n)
        .map(|i| {
            let offset = span * i as i64 / n.max(1) as i64 + rng.range(0, 3000) as i64;
            let created_at = start + Duration::seconds(offset);
            let edited_at = if rng.one_in(10) {
                created_at + Duration::minutes(rng.range(5, 60 * 24 * 3) as i64)
            } else {
                created_at
            };
            let id = rng.uuid_at(created_at);
            let stage = rng
                .one_in(3)
                .then(|| (*rng.pick(stages)).to_string())
                .filter(|_| !stages.is_empty());
            let mood = rng.one_in(2).then(|| *rng.pick(&Mood::ALL));
            let title = if rng.range(0, 9) < 6 {
                title(rng)
            } else {
                String::new()
            };
            let body = prose(rng, 600, 1000);
            let deleted_at = rng
                .one_in(200)
                .then(|| edited_at + Duration::days(rng.range(1, 30) as i64));
            JournalEntry {
                id,
                created_at,
                edited_at,
                author,
                stage,
                mood,
                title,
                body,
                deleted_at,
                reflection: None,
                private: false,
                source: None,
                sealed: None,
            }
        })
        .collect()
}

/// An answer of the prompt's kind.
fn answer_value(rng: &mut Rng, prompt: &Prompt) -> AnswerValue {
    match prompt.kind {
        PromptKind::Text => AnswerValue::Text(prose(rng, 200, 600)),
        PromptKind::List => {
            let lines: Vec<String> = (0..rng.range(3, 6))
                .map(|_| format!("- {}", title(rng)))
                .collect();
            AnswerValue::Text(lines.join("\n"))
        }
        PromptKind::Choice => {
            let options = prompt.options.len().max(1) as u64;
            let ticked: BTreeSet<usize> = (0..rng.range(1, options.min(3)))
                .map(|_| rng.range(0, options - 1) as usize)
                .collect();
            AnswerValue::Choice(ticked)
        }
        PromptKind::Scale => AnswerValue::Scale(rng.range(0, 10) as u8),
    }
}

/// An answer to every prompt and exercise field the role sees, in every
/// step and check-out, dated over the first years of the journal.
fn answers(rng: &mut Rng, content: &Content, role: Role) -> BTreeMap<String, Answer> {
    let start = start();
    let mut answers = BTreeMap::new();
    let mut put = |rng: &mut Rng, id: String, prompt: &Prompt| {
        let updated_at = start + Duration::hours(rng.range(0, 24 * 365 * 4) as i64);
        let value = answer_value(rng, prompt);
        answers.insert(
            id,
            Answer {
                value,
                updated_at,
                author: None,
                private: false,
            },
        );
    };
    for stage in &content.stages {
        for step in &stage.steps {
            for prompt in step.prompts_for(role).chain(step.exercise_fields_for(role)) {
                put(rng, answer_id(&stage.id, &step.id, &prompt.id), prompt);
            }
        }
        for prompt in stage.checkout.prompts_for(role) {
            put(rng, answer_id(&stage.id, CHECKOUT_ID, &prompt.id), prompt);
        }
    }
    answers
}

/// A check-in every week or so, with scores that drift slowly.
fn checkins(rng: &mut Rng, author: Uuid, commitments: &[String]) -> Vec<CheckIn> {
    let mut at = start() + Duration::days(3);
    let end = end();
    let mut level = [4i64, 6, 4, 5];
    let mut out = Vec::new();
    while at < end {
        for score in &mut level {
            *score = (*score + rng.range(0, 2) as i64 - 1).clamp(0, 10);
        }
        let [trust, safety, communication, commitment] = level.map(|s| s as u8);
        let note = if rng.one_in(3) {
            prose(rng, 40, 160)
        } else {
            String::new()
        };
        let checks = if rng.one_in(2) {
            commitments
                .iter()
                .map(|c| CommitmentCheck {
                    commitment: c.clone(),
                    kept: !rng.one_in(4),
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(CheckIn {
            id: rng.uuid_at(at),
            created_at: at,
            author,
            scores: Scores {
                trust,
                safety,
                communication,
                commitment,
            },
            note,
            commitments: checks,
            private: None,
        });
        at += Duration::days(rng.range(6, 9) as i64) + Duration::minutes(rng.range(0, 600) as i64);
    }
    out
}

/// Writes a workbook called `name` with `entries` journal entries into the
/// data dir `dir` (created if needed), through [`JsonStore`]: check-ins,
/// answers to every step, and the journal saved in one go.
pub fn generate(dir: &Path, entries: usize, name: &str) -> Result<Generated> {
    let content = Content::embedded().context("the built-in content does not load")?;
    let mut store = JsonStore::new(dir)?;
    let (key, _) = store.create(NewWorkbook {
        name: name.to_string(),
        relationship: RelationshipKind::Partner,
        role: Role::Hurt,
    })?;
    let mut workbook = store.open(&key)?;
    let result = fill(&mut store, &key, &mut workbook, &content, entries);
    store.close(&key);
    result
}

fn fill(
    store: &mut JsonStore,
    key: &WorkbookKey,
    workbook: &mut Workbook,
    content: &Content,
    entries: usize,
) -> Result<Generated> {
    let mut rng = Rng::new(0x7275_7374_776f_726b ^ entries as u64);
    let start = start();
    // Fixed ids and times, so the file is the same on every run.
    workbook.id = rng.uuid_at(start);
    workbook.created_at = start;
    workbook.updated_at = end();
    let Some(me) = workbook.participants.first_mut() else {
        bail!("a new workbook has no participant");
    };
    me.id = rng.uuid_at(start);
    let author = me.id;
    let role = workbook.role();

    workbook.progress.answers = answers(&mut rng, content, role);
    let stages: Vec<&str> = content.stages.iter().map(|s| s.id.as_str()).collect();
    // Where the person left off: the first step of the last stage, with the
    // stages before it completed.
    if let Some(last) = content.stages.last() {
        workbook.progress.position = Position {
            stage: last.id.clone(),
            step: last.steps.first().map(|s| s.id.clone()),
        };
    }
    for (i, stage) in stages
        .iter()
        .take(stages.len().saturating_sub(1))
        .enumerate()
    {
        let at = start + Duration::days(120 * (i as i64 + 1));
        workbook
            .progress
            .stages_completed
            .insert((*stage).to_string(), at);
    }
    let commitments: Vec<String> = workbook
        .commitments()
        .into_iter()
        .map(str::to_string)
        .collect();
    workbook.checkins = checkins(&mut rng, author, &commitments);
    workbook.safety.screenings = vec![Screening {
        participant: author,
        at: start,
        answers: SCREENING_IDS
            .iter()
            .map(|id| ((*id).to_string(), ScreeningAnswer::No))
            .collect(),
    }];
    workbook.safety.device_note_seen = true;
    store.save(key, workbook)?;

    let mut list = journal_entries(&mut rng, entries, author, &stages);
    let trashed = list.iter().filter(|e| e.is_deleted()).count();
    // The whole journal in one write: a journal made from entries has
    // nothing pending, so a throw-away entry removed for good marks it for
    // a rewrite, which writes every entry (atomically) in one go.
    let spare = JournalEntry {
        id: rng.uuid_at(start),
        ..list.first().cloned().unwrap_or_else(|| JournalEntry {
            id: Uuid::nil(),
            created_at: start,
            edited_at: start,
            author,
            stage: None,
            mood: None,
            title: String::new(),
            body: String::new(),
            deleted_at: None,
            reflection: None,
            private: false,
            source: None,
            sealed: None,
        })
    };
    let spare_id = spare.id;
    list.push(spare);
    let mut journal = Journal::from_entries(list);
    journal.purge(spare_id);
    store.save_journal(key, &mut journal)?;

    Ok(Generated {
        key: key.clone(),
        entries: journal.len(),
        trashed,
        checkins: workbook.checkins.len(),
        answers: workbook.progress.answers.len(),
    })
}
