#![allow(clippy::unwrap_used)]
//! The loaders never panic and always answer with a typed error: arbitrary
//! bytes and mutated good files (flipped bytes, cut-off ends, inserted
//! junk, fields of the wrong type or missing, every schema version) go
//! through the store (`list`, `open`, `read`, `read_journal`) and the
//! import parser. A file that does not load is never changed by trying.
//! Whatever does load saves and loads back the same, and save→load is the
//! identity for arbitrary workbooks and journals (names, answers,
//! check-ins, screenings, talks, agreements and entries with any text).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use serde_json::{Value, json};
use tempfile::TempDir;
use trustwork::couple::{Agreement, Conversation};
use trustwork::domain::{
    Answer, AnswerValue, CheckIn, CommitmentCheck, Journal, JournalEntry, Mood, NewEntry,
    NewWorkbook, Participant, Position, RelationshipKind, Role, SCHEMA_VERSION, Scores, Screening,
    ScreeningAnswer, Workbook,
};
use trustwork::import::{self, ImportError};
use trustwork::storage::{JsonStore, ListingStatus, Store, StoreError, WorkbookKey};
use uuid::Uuid;

const KEY: &str = "fuzz";

fn key() -> WorkbookKey {
    WorkbookKey(KEY.to_string())
}

fn at(secs: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .timestamp_opt(secs, 0)
        .unwrap()
}

/// A workbook with something in every part, to mutate.
fn rich_workbook() -> Workbook {
    let mut wb = Workbook::new(NewWorkbook {
        name: "Sam & Alex 信頼 🙂".into(),
        relationship: RelationshipKind::Partner,
        role: Role::Hurt,
    });
    let alex = wb.participants[0].id;
    wb.participants[0].name = "Alex".into();
    wb.participants.push(Participant::new("Sam", Role::Caused));
    let sam = wb.participants[1].id;
    let answers = &mut wb.progress.answers;
    for (id, value) in [
        (
            "acknowledge/name-what-happened/what-happened",
            AnswerValue::Text("It was the money.\nIn May.".into()),
        ),
        (
            "acknowledge/name-what-happened/feelings",
            AnswerValue::Choice([0, 2, 5].into()),
        ),
        (
            "acknowledge/checkout/ready-to-move-on",
            AnswerValue::Scale(6),
        ),
    ] {
        answers.insert(
            id.into(),
            Answer {
                value,
                updated_at: at(1_790_000_000),
                author: Some(alex),
                private: false,
            },
        );
    }
    wb.progress.position = Position {
        stage: "acknowledge".into(),
        step: Some("name-what-happened".into()),
    };
    wb.progress
        .steps_marked_done
        .insert("acknowledge/intro".into());
    wb.progress
        .stages_completed
        .insert("acknowledge".into(), at(1_790_000_100));
    wb.checkins.push(CheckIn {
        id: Uuid::from_u128(7),
        created_at: at(1_790_000_200),
        author: alex,
        scores: Scores {
            trust: 3,
            safety: 7,
            communication: 5,
            commitment: 9,
        },
        note: "A calmer week.".into(),
        commitments: vec![CommitmentCheck {
            commitment: "Call if late".into(),
            kept: true,
        }],
        private: None,
    });
    wb.safety.screenings.push(Screening {
        participant: alex,
        at: at(1_790_000_300),
        answers: [("afraid".to_string(), ScreeningAnswer::No)].into(),
    });
    wb.safety.own_numbers.push("0800 123 456".into());
    wb.conversations.push(
        Conversation::start(
            "Late nights",
            Some("communicate"),
            [alex, sam],
            alex,
            Some(2),
            at(1_790_000_400),
        )
        .unwrap(),
    );
    let mut agreement =
        Agreement::propose("Home by eight", Some(alex), None, at(1_790_000_500)).unwrap();
    agreement
        .accept(alex, &[alex, sam], at(1_790_000_500))
        .unwrap();
    wb.agreements.push(agreement);
    wb
}

fn rich_json() -> Vec<u8> {
    serde_json::to_vec_pretty(&rich_workbook()).unwrap()
}

/// A journal file with a few entries, one edited and one purged.
fn rich_journal() -> Vec<u8> {
    let entry = |n: u128, body: &str| JournalEntry {
        id: Uuid::from_u128(n),
        created_at: at(1_790_000_000),
        edited_at: at(1_790_000_000),
        author: Uuid::from_u128(1),
        stage: Some("acknowledge".into()),
        mood: Some(Mood::Calm),
        title: "A title".into(),
        body: body.into(),
        deleted_at: None,
        reflection: None,
        private: false,
        source: None,
        sealed: None,
    };
    let mut text = String::new();
    for (n, body) in [(1, "first"), (2, "second 信頼"), (1, "first, edited")] {
        text.push_str(&serde_json::to_string(&entry(n, body)).unwrap());
        text.push('\n');
    }
    text.push_str(&format!("{{\"purged\":\"{}\"}}\n", Uuid::from_u128(2)));
    text.into_bytes()
}

/// A data dir holding `bytes` as the workbook file `fuzz.json`.
fn dir_with(bytes: &[u8]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(format!("{KEY}.json")), bytes).unwrap();
    (tmp, dir)
}

/// Every error a workbook file can give when it does not load.
fn is_load_error(err: &StoreError) -> bool {
    matches!(
        err,
        StoreError::Corrupt { .. } | StoreError::NewerSchema { .. }
    )
}

/// Feeds `bytes` to every loader. Nothing may panic; a file that does not
/// load gives a typed error naming it and is left as it was; a file that
/// loads can be saved and loads back the same.
fn check_workbook_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (_tmp, dir) = dir_with(bytes);
    let path = dir.join(format!("{KEY}.json"));
    let mut store = JsonStore::new(&dir).unwrap();

    let listings = store.list().unwrap();
    prop_assert_eq!(listings.len(), 1);
    let listed_ok = matches!(listings[0].status, ListingStatus::Ready { .. });

    let read = store.read(&key());
    let opened = store.open(&key());
    prop_assert_eq!(read.is_ok(), opened.is_ok());
    prop_assert_eq!(listed_ok, opened.is_ok());
    match opened {
        Err(err) => {
            prop_assert!(is_load_error(&err), "unexpected error: {err:?}");
            // The message names the file and can be shown.
            prop_assert!(err.to_string().contains(&path.display().to_string()));
            prop_assert_eq!(fs::read(&path).unwrap(), bytes, "never changed");
            prop_assert!(!store.lock_path_of(&key()).exists(), "no lock left");
        }
        Ok(workbook) => {
            store.save(&key(), &workbook).unwrap();
            store.close(&key());
            prop_assert_eq!(store.read(&key()).unwrap(), workbook);
        }
    }

    match import::parse(bytes, &path) {
        Ok(_) => {}
        Err(
            ImportError::Unreadable { .. }
            | ImportError::Newer { .. }
            | ImportError::Invalid { .. },
        ) => {}
        Err(other) => prop_assert!(false, "unexpected import error {other:?}"),
    }
    Ok(())
}

/// Feeds `bytes` to the journal reader: entries or a typed error naming the
/// line. A journal that reads keeps every entry through the next save.
fn check_journal_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (_tmp, dir) = dir_with(&rich_json());
    let mut store = JsonStore::new(&dir).unwrap();
    let path = store.journal_path_of(&key());
    fs::write(&path, bytes).unwrap();
    match store.read_journal(&key()) {
        Err(err) => {
            prop_assert!(
                matches!(err, StoreError::DamagedJournal { .. }),
                "unexpected error: {err:?}"
            );
            prop_assert_eq!(fs::read(&path).unwrap(), bytes, "never changed");
        }
        Ok(mut journal) => {
            let before = journal.entries().to_vec();
            store.open(&key()).unwrap();
            let added = JournalEntry::new(
                Uuid::from_u128(1),
                NewEntry {
                    body: "added after the fuzz".into(),
                    ..NewEntry::default()
                },
                trustwork::domain::now(),
            );
            journal.upsert(added.clone());
            store.save_journal(&key(), &mut journal).unwrap();
            let after = store.read_journal(&key()).unwrap();
            let mut expected = before;
            expected.retain(|e| e.id != added.id);
            expected.push(added);
            prop_assert_eq!(after.entries(), expected.as_slice());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- mutations

/// Values of every JSON type, and some awkward ones.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(255),
        json!(256),
        json!(4_294_967_296u64),
        json!(u64::MAX),
        json!(-9_223_372_036_854_775_808i64),
        json!(1.5),
        json!(1e308),
        json!(""),
        json!("x"),
        json!("2026-13-45T99:99:99Z"),
        json!("00000000-0000-0000-0000-00000000000g"),
        json!([]),
        json!([1, 2]),
        json!({}),
        json!({"kind": "scale", "value": 300}),
        json!({"kind": "nope"}),
    ]
}

/// Paths of fields the loader knows, in the rich workbook.
fn known_fields() -> Vec<String> {
    let mut paths: Vec<String> = [
        "/schema_version",
        "/id",
        "/name",
        "/relationship",
        "/participants",
        "/participants/0",
        "/participants/0/id",
        "/participants/0/role",
        "/created_at",
        "/updated_at",
        "/checkin_interval_days",
        "/progress",
        "/progress/position",
        "/progress/position/stage",
        "/progress/answers",
        "/progress/steps_marked_done",
        "/progress/stages_completed",
        "/progress/stages_completed/acknowledge",
        "/checkins",
        "/checkins/0",
        "/checkins/0/trust",
        "/checkins/0/created_at",
        "/checkins/0/commitments",
        "/checkins/0/commitments/0/kept",
        "/conversations",
        "/conversations/0",
        "/conversations/0/partners",
        "/conversations/0/turns",
        "/conversations/0/turn_minutes",
        "/agreements",
        "/agreements/0/status",
        "/agreements/0/history",
        "/agreements/0/accepted_by",
        "/safety",
        "/safety/screenings/0/answers",
        "/safety/safety_first",
        "/safety/device_note_seen",
    ]
    .map(str::to_string)
    .to_vec();
    for answer in [
        "acknowledge~1name-what-happened~1what-happened",
        "acknowledge~1name-what-happened~1feelings",
        "acknowledge~1checkout~1ready-to-move-on",
    ] {
        for field in ["", "/value", "/value/kind", "/value/value", "/updated_at"] {
            paths.push(format!("/progress/answers/{answer}{field}"));
        }
    }
    paths
}

/// Sets the field at `pointer` to `value` (or removes it when `None`).
fn set_field(doc: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    let last = last.replace("~1", "/").replace("~0", "~");
    match (doc.pointer_mut(parent), value) {
        (Some(Value::Object(map)), Some(value)) => {
            map.insert(last, value);
        }
        (Some(Value::Object(map)), None) => {
            map.remove(&last);
        }
        (Some(Value::Array(items)), value) => {
            if let Ok(i) = last.parse::<usize>()
                && i < items.len()
            {
                match value {
                    Some(value) => items[i] = value,
                    None => {
                        items.remove(i);
                    }
                }
            }
        }
        _ => {}
    }
}

/// One way to damage a good file.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR the byte at (seed % len) with the mask.
    Flip(usize, u8),
    /// Keep only the first (seed % len) bytes.
    Truncate(usize),
    /// Insert junk at (seed % len).
    Insert(usize, Vec<u8>),
    /// Remove (len) bytes at (seed % len).
    Remove(usize, usize),
    /// Give a known field an odd value.
    WrongType(usize, usize),
    /// Remove a known field.
    Missing(usize),
    /// Set the schema version to this.
    Schema(Value),
    /// Several flips at once.
    Flips(Vec<(usize, u8)>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let schema = prop_oneof![
        (0u64..5).prop_map(Value::from),
        Just(json!(99)),
        Just(json!(-1)),
        Just(json!(4_294_967_296u64)),
        Just(json!("3")),
        Just(json!(3.0)),
        Just(Value::Null),
    ];
    prop_oneof![
        (any::<usize>(), 1u8..).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..24))
            .prop_map(|(at, junk)| Mutation::Insert(at, junk)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Remove(at, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(f, v)| Mutation::WrongType(f, v)),
        any::<usize>().prop_map(Mutation::Missing),
        schema.prop_map(Mutation::Schema),
        prop::collection::vec((any::<usize>(), 1u8..), 2..8).prop_map(Mutation::Flips),
    ]
}

fn apply(base: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut bytes = base.to_vec();
    let len = bytes.len().max(1);
    let edit = |doc_change: &dyn Fn(&mut Value)| {
        let mut doc: Value = serde_json::from_slice(base).unwrap();
        doc_change(&mut doc);
        serde_json::to_vec_pretty(&doc).unwrap()
    };
    match mutation {
        // An empty file has no byte to flip.
        Mutation::Flip(_, _) | Mutation::Flips(_) if bytes.is_empty() => {}
        Mutation::Flip(at, mask) => bytes[at % len] ^= mask,
        Mutation::Flips(flips) => {
            for (at, mask) in flips {
                bytes[at % len] ^= mask;
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::Insert(at, junk) => {
            let at = at % len;
            bytes.splice(at..at, junk.iter().copied());
        }
        Mutation::Remove(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::WrongType(field, value) => {
            let fields = known_fields();
            let values = odd_values();
            let pointer = &fields[field % fields.len()];
            let value = values[value % values.len()].clone();
            bytes = edit(&|doc| set_field(doc, pointer, Some(value.clone())));
        }
        Mutation::Missing(field) => {
            let fields = known_fields();
            let pointer = &fields[field % fields.len()];
            bytes = edit(&|doc| set_field(doc, pointer, None));
        }
        Mutation::Schema(version) => {
            bytes = edit(&|doc| set_field(doc, "/schema_version", Some(version.clone())));
        }
    }
    bytes
}

// ---------------------------------------------------------------- fixed cases

#[test]
fn every_schema_version_loads_or_is_refused_by_name() {
    let base: Value = serde_json::from_slice(&rich_json()).unwrap();
    // Version 1 kept the role on the workbook instead of participants.
    let mut v1 = base.clone();
    let role = v1["participants"][0]["role"].clone();
    v1.as_object_mut().unwrap().remove("participants");
    v1["role"] = role;
    v1["schema_version"] = json!(1);
    let mut v1_without_role = v1.clone();
    v1_without_role.as_object_mut().unwrap().remove("role");
    let cases: Vec<(Value, bool)> = vec![
        (json!(0), false),
        (json!(2), true),
        (json!(3), true),
        (json!(4), false),
        (json!(99), false),
        (json!(u32::MAX), false),
    ]
    .into_iter()
    .map(|(v, loads)| {
        let mut doc = base.clone();
        doc["schema_version"] = v;
        (doc, loads)
    })
    .chain([(v1, true), (v1_without_role, false)])
    .collect();
    assert_eq!(SCHEMA_VERSION, 3, "add the new version to this test");
    for (doc, loads) in cases {
        let bytes = serde_json::to_vec_pretty(&doc).unwrap();
        let (_tmp, dir) = dir_with(&bytes);
        let store = JsonStore::new(&dir).unwrap();
        let result = store.read(&key());
        assert_eq!(
            result.is_ok(),
            loads,
            "schema {}: {result:?}",
            doc["schema_version"]
        );
        if let Err(err) = result {
            assert!(is_load_error(&err), "{err:?}");
            let newer = doc["schema_version"].as_u64().unwrap() > u64::from(SCHEMA_VERSION);
            assert_eq!(
                matches!(err, StoreError::NewerSchema { .. }),
                newer,
                "{err:?}"
            );
        }
        check_workbook_bytes(&bytes).unwrap();
    }
}

#[test]
fn awkward_files_give_typed_errors() {
    let deep = |open: &str, n: usize| open.repeat(n).into_bytes();
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b" ".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        b"{\"schema_version\":3}".to_vec(),
        b"\xef\xbb\xbf{\"schema_version\":3}".to_vec(),
        b"\xff\xfe\x00\x00".to_vec(),
        deep("[", 100_000),
        deep("{\"a\":", 100_000),
        [b"{\"schema_version\":3,".as_slice(), &deep("[", 50_000)].concat(),
        [
            b"{\"schema_version\":1,\"x\":".as_slice(),
            &deep("[", 50_000),
        ]
        .concat(),
        [rich_json(), b"trailing".to_vec()].concat(),
        [rich_json(), rich_json()].concat(),
        rich_json()[..10].to_vec(),
    ];
    for bytes in cases {
        check_workbook_bytes(&bytes).unwrap();
        check_journal_bytes(&bytes).unwrap();
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_workbook_loader(
        bytes in prop::collection::vec(any::<u8>(), 0..512)
    ) {
        check_workbook_bytes(&bytes)?;
    }

    #[test]
    fn mutated_workbooks_load_or_give_a_typed_error(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut bytes = rich_json();
        for m in &mutations {
            // A structural edit needs JSON to start from.
            if matches!(m, Mutation::WrongType(..) | Mutation::Missing(_) | Mutation::Schema(_))
                && serde_json::from_slice::<Value>(&bytes).is_err()
            {
                continue;
            }
            bytes = apply(&bytes, m);
        }
        check_workbook_bytes(&bytes)?;
    }

    #[test]
    fn arbitrary_and_mutated_journals_read_or_name_the_line(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        mutations in prop::collection::vec(mutation(), 0..3),
        arbitrary in any::<bool>(),
    ) {
        let mut journal = if arbitrary { bytes } else { rich_journal() };
        for m in &mutations {
            if matches!(m, Mutation::WrongType(..) | Mutation::Missing(_) | Mutation::Schema(_)) {
                continue;
            }
            journal = apply(&journal, m);
        }
        check_journal_bytes(&journal)?;
    }
}

// ---------------------------------------------------------------- round trip

/// Text of every kind: any string, CJK, emoji with joiners, combining
/// marks, very long words, JSON's special characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        1 => Just("信頼を取り戻す 👨‍👩‍👧‍👦 🏳️‍🌈 Zoë́ ñ \u{200d}\u{feff}".to_string()),
        1 => Just("\"quoted\" \\ back\\slash\n\t\r\u{0}\u{1b}[31m \u{2028}".to_string()),
        1 => (1usize..300).prop_map(|n| "é".repeat(n)),
        1 => Just(String::new()),
    ]
}

fn when() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        -2_208_988_800i64..7_258_118_400,
        0u32..1_000_000_000,
        -(14 * 60)..=(14 * 60i32),
    )
        .prop_map(|(secs, nanos, minutes)| {
            FixedOffset::east_opt(minutes * 60)
                .unwrap()
                .timestamp_opt(secs, nanos)
                .unwrap()
        })
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn answer() -> impl Strategy<Value = Answer> {
    let value = prop_oneof![
        text().prop_map(AnswerValue::Text),
        prop::collection::btree_set(any::<usize>(), 0..6).prop_map(AnswerValue::Choice),
        any::<u8>().prop_map(AnswerValue::Scale),
    ];
    (value, when(), prop::option::of(uuid())).prop_map(|(value, updated_at, author)| Answer {
        value,
        updated_at,
        author,
        private: false,
    })
}

fn checkin() -> impl Strategy<Value = CheckIn> {
    (
        uuid(),
        when(),
        uuid(),
        any::<[u8; 4]>(),
        text(),
        prop::collection::vec((text(), any::<bool>()), 0..3),
    )
        .prop_map(|(id, created_at, author, s, note, commitments)| CheckIn {
            id,
            created_at,
            author,
            scores: Scores {
                trust: s[0],
                safety: s[1],
                communication: s[2],
                commitment: s[3],
            },
            note,
            commitments: commitments
                .into_iter()
                .map(|(commitment, kept)| CommitmentCheck { commitment, kept })
                .collect(),
            private: None,
        })
}

fn screening() -> impl Strategy<Value = Screening> {
    let answer = prop::sample::select(ScreeningAnswer::ALL.to_vec());
    (
        uuid(),
        when(),
        prop::collection::btree_map(text(), answer, 0..4),
    )
        .prop_map(|(participant, at, answers)| Screening {
            participant,
            at,
            answers,
        })
}

fn workbook() -> impl Strategy<Value = Workbook> {
    let people = prop::collection::vec((uuid(), text(), role()), 1..3);
    let progress = (
        text(),
        prop::option::of(text()),
        prop::collection::btree_map(text(), answer(), 0..6),
        prop::collection::btree_set(text(), 0..3),
        prop::collection::btree_map(text(), when(), 0..3),
    );
    let safety = (
        prop::collection::vec(screening(), 0..3),
        prop::collection::btree_set(uuid(), 0..2),
        prop::collection::vec(text(), 0..2),
        any::<bool>(),
    );
    let couple = (
        prop::option::of((text(), prop::option::of(text()), 1u32..60)),
        prop::collection::vec(text(), 0..3),
    );
    (
        (
            uuid(),
            text(),
            prop::sample::select(RelationshipKind::ALL.to_vec()),
        ),
        people,
        (when(), when(), any::<u32>(), prop::option::of(when())),
        progress,
        prop::collection::vec(checkin(), 0..4),
        safety,
        couple,
    )
        .prop_map(
            |(
                (id, name, relationship),
                people,
                (created_at, updated_at, interval, closed_at),
                (stage, step, answers, done, completed),
                checkins,
                (screenings, safety_first, own_numbers, device_note_seen),
                (talk, agreements),
            )| {
                let mut wb = Workbook::new(NewWorkbook {
                    name: "placeholder".into(),
                    relationship,
                    role: Role::Both,
                });
                wb.id = id;
                wb.name = name;
                wb.participants = people
                    .into_iter()
                    .map(|(id, name, role)| Participant {
                        id,
                        name,
                        role,
                        key: None,
                        recipient: None,
                    })
                    .collect();
                wb.created_at = created_at;
                wb.updated_at = updated_at;
                wb.checkin_interval_days = interval;
                wb.closed_at = closed_at;
                wb.progress.position = Position { stage, step };
                wb.progress.answers = answers;
                wb.progress.steps_marked_done = done;
                wb.progress.stages_completed = completed;
                wb.checkins = checkins;
                wb.safety.screenings = screenings;
                wb.safety.safety_first = safety_first;
                wb.safety.own_numbers = own_numbers;
                wb.safety.device_note_seen = device_note_seen;
                let pair = [Uuid::from_u128(1), Uuid::from_u128(2)];
                if let Some((topic, stage, minutes)) = talk
                    && let Ok(talk) = Conversation::start(
                        &topic,
                        stage.as_deref(),
                        pair,
                        pair[0],
                        Some(minutes),
                        created_at,
                    )
                {
                    wb.conversations.push(talk);
                }
                for text in agreements {
                    if let Ok(mut agreement) =
                        Agreement::propose(&text, Some(pair[1]), None, updated_at)
                    {
                        let _ = agreement.accept(pair[1], &pair, updated_at);
                        wb.agreements.push(agreement);
                    }
                }
                wb
            },
        )
}

fn journal_entries() -> impl Strategy<Value = Vec<JournalEntry>> {
    let entry = (
        (when(), when(), uuid()),
        prop::option::of(text()),
        prop::option::of(prop::sample::select(Mood::ALL.to_vec())),
        (text(), text()),
        prop::option::of(when()),
        prop::option::of(text()),
    );
    prop::collection::vec(entry, 0..6).prop_map(|entries| {
        entries
            .into_iter()
            .enumerate()
            .map(
                |(
                    i,
                    (
                        (created_at, edited_at, author),
                        stage,
                        mood,
                        (title, body),
                        deleted_at,
                        reflection,
                    ),
                )| {
                    JournalEntry {
                        id: Uuid::from_u128(i as u128 + 1),
                        created_at,
                        edited_at,
                        author,
                        stage,
                        mood,
                        title,
                        body,
                        deleted_at,
                        reflection,
                        private: false,
                        source: None,
                        sealed: None,
                    }
                },
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_then_load_is_the_identity(workbook in workbook(), entries in journal_entries()) {
        let tmp = TempDir::new().unwrap();
        let mut store = JsonStore::new(tmp.path().join("data")).unwrap();
        let (key, _) = store
            .create(NewWorkbook {
                name: "Round trip".into(),
                relationship: RelationshipKind::Other,
                role: Role::Both,
            })
            .unwrap();
        store.open(&key).unwrap();
        store.save(&key, &workbook).unwrap();
        let mut journal = Journal::default();
        for entry in &entries {
            journal.upsert(entry.clone());
        }
        store.save_journal(&key, &mut journal).unwrap();
        store.close(&key);

        // A fresh store on the same folder, as the next start would.
        let mut again = JsonStore::new(store.dir()).unwrap();
        prop_assert_eq!(&again.open(&key).unwrap(), &workbook);
        let journal = again.read_journal(&key).unwrap();
        prop_assert_eq!(journal.entries(), entries.as_slice());
        let listings = again.list().unwrap();
        let listed_name = match &listings[0].status {
            ListingStatus::Ready { name, .. } => Some(name.as_str()),
            _ => None,
        };
        prop_assert_eq!(listed_name, Some(workbook.name.as_str()));
        // Saving what was loaded changes nothing either.
        let bytes = fs::read(again.path_of(&key)).unwrap();
        again.save(&key, &workbook).unwrap();
        prop_assert_eq!(&fs::read(again.path_of(&key)).unwrap(), &bytes);
        // And the file imports as the same workbook.
        let doc = import::parse(&bytes, Path::new("export.json"));
        if let Ok(doc) = doc {
            prop_assert_eq!(&doc.workbook, &workbook);
        }
    }
}
