#![allow(clippy::unwrap_used)]
use super::*;
use crate::domain::Mood;
use uuid::Uuid;

use crate::domain::entry_titled as entry;

fn line(entry: &JournalEntry) -> String {
    format!("{}\n", serde_json::to_string(entry).unwrap())
}

fn write_journal(path: &Path, entries: &[&JournalEntry]) {
    let text: String = entries.iter().map(|e| line(e)).collect();
    fs::write(path, text).unwrap();
}

fn append_line(path: &Path, entry: &JournalEntry) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str(&line(entry));
    fs::write(path, text).unwrap();
}

/// What the index says of every entry, newest first.
fn rows(index: &JournalIndex) -> Vec<Row> {
    index.rows().map(|r| r.to_row()).collect()
}

#[test]
fn the_index_is_named_beside_the_journal() {
    assert_eq!(
        path_of(Path::new("/d/bench.journal.jsonl")),
        PathBuf::from("/d/bench.journal.idx")
    );
}

#[test]
fn a_read_writes_the_index_and_the_index_finds_each_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("", "first line of a\nmore @work");
    let mut b = entry("B's title", "body of b #home");
    b.stage = Some("acknowledge".into());
    b.mood = Some(Mood::Anxious);
    b.private = true;
    b.deleted_at = Some(b.created_at);
    let mut a2 = a.clone();
    a2.body = "a, edited\nsecond @work".into();
    write_journal(&path, &[&a, &b, &a2]);
    assert!(read_fresh(&path).is_none(), "no index yet");

    let journal = read_and_index(&path).unwrap();
    assert_eq!(journal.len(), 2);
    let index = read_fresh(&path).expect("a fresh index");
    assert_eq!(index.len(), 2);
    // Newest first, as the journal lists them.
    let listed: Vec<Uuid> = journal.newest_first().map(|e| e.id).collect();
    assert_eq!(index.rows().map(|r| r.id()).collect::<Vec<_>>(), listed);

    let row_a = index.find(a.id).unwrap();
    assert_eq!(row_a.headline(), "a, edited");
    assert_eq!(row_a.tags().collect::<Vec<_>>(), ["@work"]);
    assert_eq!(read_entry(&path, row_a.id(), row_a.line()).unwrap(), a2);
    let row_b = index.find(b.id).unwrap();
    assert_eq!(row_b.headline(), "B's title");
    assert_eq!(row_b.stage(), Some("acknowledge"));
    assert_eq!(row_b.mood(), Some(Mood::Anxious));
    assert!(row_b.private() && row_b.deleted());
    assert_eq!(row_b.created_at(), b.created_at);
    assert_eq!(row_b.edited_at(), b.edited_at);
    assert_eq!(row_b.author(), b.author);
    assert_eq!(read_entry(&path, row_b.id(), row_b.line()).unwrap(), b);
    assert!(index.find(Uuid::now_v7()).is_none());
}

#[test]
fn an_append_makes_the_index_stale_and_a_damaged_one_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("a", "x");
    write_journal(&path, &[&a]);
    read_and_index(&path).unwrap();
    assert!(read_fresh(&path).is_some());

    // An append behind the index's back: stale, and the next read writes
    // it anew.
    append_line(&path, &entry("b", "y"));
    assert!(read_fresh(&path).is_none());
    read_and_index(&path).unwrap();
    assert_eq!(read_fresh(&path).unwrap().len(), 2);

    let idx = path_of(&path);
    let good = fs::read(&idx).unwrap();
    let damaged = |bytes: &[u8]| {
        fs::write(&idx, bytes).unwrap();
        read_fresh(&path).is_none()
    };
    // Cut short, by a row or by a byte.
    assert!(damaged(&good[..good.len() - format::ROW]));
    assert!(damaged(&good[..good.len() - 1]));
    // One bit flipped anywhere after the header (the checksum), or in
    // the header's figures.
    for at in [format::HEADER, format::HEADER + 17, good.len() - 1, 20, 44] {
        let mut flipped = good.clone();
        flipped[at] ^= 0x10;
        assert!(damaged(&flipped), "a flipped bit at {at} went unnoticed");
    }
    // Garbage, an empty file, the old JSON index.
    assert!(damaged(b"not an index\n"));
    assert!(damaged(b""));
    assert!(damaged(b"{\"trustwork_journal_index\":1}\n"));
    // Another version.
    let mut other = good.clone();
    other[8] = other[8].wrapping_add(1);
    assert!(damaged(&other));
    // And the journal still reads, and mends the index.
    assert_eq!(read_and_index(&path).unwrap().len(), 2);
    assert!(read_fresh(&path).is_some());
}

#[test]
fn an_index_of_a_journal_with_a_newer_line_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("a", "first");
    write_journal(&path, &[&a]);
    read_and_index(&path).unwrap();
    let index = fs::read(path_of(&path)).unwrap();

    // The same entry edited, its line the same length: only the tail
    // hash (and the time) tells.
    let mut edited = a.clone();
    edited.body = "fir5t".into();
    write_journal(&path, &[&edited]);
    fs::write(path_of(&path), &index).unwrap();
    assert!(read_fresh(&path).is_none());
}

#[test]
fn an_append_brings_a_fresh_index_along() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("a", "first");
    let b = entry("b", "second");
    write_journal(&path, &[&a, &b]);
    read_and_index(&path).unwrap();

    // b edited and c added, in one append, as the store does it.
    let mut b2 = b.clone();
    b2.title = "b, edited".into();
    let c = entry("c", "third");
    let before = Fingerprint::of(&path).unwrap();
    let mut appended = String::new();
    let mut new_rows = Vec::new();
    for e in [&b2, &c] {
        let text = serde_json::to_string(e).unwrap();
        new_rows.push(row_of(e, appended.len() as u64, text.as_bytes()));
        appended.push_str(&text);
        appended.push('\n');
    }
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(&appended);
    fs::write(&path, text).unwrap();
    let after = Fingerprint::of(&path).unwrap();
    after_append(&path, before, after, new_rows).unwrap();

    let index = read_fresh(&path).expect("still fresh");
    let journal = read_and_index(&path).unwrap();
    let listed: Vec<Uuid> = journal.newest_first().map(|e| e.id).collect();
    assert_eq!(index.rows().map(|r| r.id()).collect::<Vec<_>>(), listed);
    assert_eq!(index.find(b.id).unwrap().headline(), "b, edited");
    for row in index.rows() {
        assert_eq!(
            Some(&read_entry(&path, row.id(), row.line()).unwrap()),
            journal.get(row.id())
        );
    }
    // What a rebuild from the journal makes, row for row.
    let patched = rows(&index);
    fs::remove_file(path_of(&path)).unwrap();
    read_and_index(&path).unwrap();
    assert_eq!(rows(&read_fresh(&path).unwrap()), patched);
}

#[test]
fn an_append_to_an_index_that_was_not_fresh_leaves_it_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    write_journal(&path, &[&entry("a", "first")]);
    read_and_index(&path).unwrap();
    // Another process appends first; the index does not know.
    append_line(&path, &entry("b", "theirs"));
    let before = Fingerprint::of(&path).unwrap();
    let c = entry("c", "ours");
    let text = serde_json::to_string(&c).unwrap();
    let row = row_of(&c, 0, text.as_bytes());
    append_line(&path, &c);
    let after = Fingerprint::of(&path).unwrap();
    after_append(&path, before, after, vec![row]).unwrap();
    assert!(read_fresh(&path).is_none(), "b would be missing");
}

/// The text a span points to in the journal, decoded as JSON decodes it.
fn spanned(file: &[u8], (offset, _): (u64, u32), (from, len): (u32, u32)) -> String {
    let start = offset as usize + from as usize;
    let written = std::str::from_utf8(&file[start..start + len as usize]).unwrap();
    serde_json::from_str(&format!("\"{written}\"")).unwrap()
}

#[test]
fn each_row_knows_where_its_title_and_body_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let texts = [
        (
            "",
            "no title, \"quoted\" and a back\\slash\nand a line break",
        ),
        ("😊 信頼 Ärger", "straße ẞ\ttab \u{1}control"),
        ("Title only", ""),
        ("", ""),
    ];
    let entries: Vec<JournalEntry> = texts.iter().map(|(t, b)| entry(t, b)).collect();
    let mut edited = entries[0].clone();
    edited.title = "now with a title \\n".into();
    let all: Vec<&JournalEntry> = entries.iter().chain([&edited]).collect();
    write_journal(&path, &all);
    // Another program's line: spaces, other key order, \u escapes.
    let other = Uuid::now_v7();
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "{{ \"body\" : \"caf\\u00e9 \\/ x\", \"id\": \"{other}\", \"created_at\": \"2024-01-01T00:00:00Z\", \"edited_at\": \"2024-01-01T00:00:00Z\", \"author\": \"{}\", \"title\": \"\\u00c4\" }}\n",
        Uuid::nil()
    ));
    fs::write(&path, &text).unwrap();

    let journal = read_and_index(&path).unwrap();
    let index = read_fresh(&path).unwrap();
    let file = fs::read(&path).unwrap();
    assert_eq!(index.len(), 5);
    for row in index.rows() {
        let spans = row.spans().expect("spans of a line the store reads");
        let entry = journal.get(row.id()).unwrap();
        assert_eq!(spanned(&file, row.line(), spans.title), entry.title);
        assert_eq!(spanned(&file, row.line(), spans.body), entry.body);
        // Only the other program's `\u` escapes are not the plain kind.
        assert_eq!(spans.plain, row.id() != other);
        assert!(!row.sealed());
    }
    assert_eq!(journal.get(other).unwrap().body, "café / x");

    // The rows a save hands the keeper have them too, the same.
    for e in &all {
        let line = serde_json::to_string(e).unwrap();
        let row = row_of(e, 0, line.as_bytes());
        assert_eq!(row.spans, spans_in(line.as_bytes()));
    }
    assert_eq!(spans_in(b"{\"purged\":\"x\"}"), None);
    assert_eq!(spans_in(b"age:AAAA"), None);
}

#[test]
fn by_line_is_the_last_line_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("a", "1");
    let b = entry("b", "2");
    let mut a2 = a.clone();
    a2.body = "edited".into();
    write_journal(&path, &[&a, &b, &a2]);
    read_and_index(&path).unwrap();
    let index = read_fresh(&path).unwrap();
    let ids: Vec<Uuid> = index
        .by_line()
        .iter()
        .map(|&i| index.row(i as usize).unwrap().id())
        .collect();
    assert_eq!(ids, [a.id, b.id]);
}

#[test]
fn an_index_covers_a_journal_appended_to_but_not_one_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let a = entry("a", "first");
    write_journal(&path, &[&a]);
    read_and_index(&path).unwrap();
    assert!(read_for_search(&path).is_some());
    append_line(&path, &entry("b", "later"));
    assert!(read_fresh(&path).is_none());
    let index = read_for_search(&path).expect("still covers the start");
    assert_eq!(index.len(), 1);
    // Rewritten: a line changed before the index's end.
    let mut a2 = a.clone();
    a2.body = "fir5t".into();
    write_journal(&path, &[&a2, &entry("b", "later")]);
    assert!(read_for_search(&path).is_none());
    // Cut shorter than the index's journal.
    fs::write(&path, "").unwrap();
    assert!(read_for_search(&path).is_none());
}

/// An index of version 3 (the same rows, its checksum in one lane) is
/// still read, not rebuilt: a journal of years is not read whole for a
/// faster checksum. A version-3 header over a version-4 checksum is not.
#[test]
fn an_index_of_the_version_before_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let (a, b) = (entry("a", "x"), entry("b", "y"));
    write_journal(&path, &[&a, &b]);
    read_and_index(&path).unwrap();
    let idx = path_of(&path);
    let now = fs::read(&idx).unwrap();
    let rows_now = rows(&read_fresh(&path).unwrap());

    let mut before = now.clone();
    before[8..12].copy_from_slice(&3u32.to_le_bytes());
    fs::write(&idx, &before).unwrap();
    assert!(
        read_fresh(&path).is_none(),
        "a v4 checksum under a v3 header"
    );

    let sum = format::checksum_in_one_lane(&before[format::HEADER..]);
    before[56..64].copy_from_slice(&sum.to_le_bytes());
    fs::write(&idx, &before).unwrap();
    let read = read_fresh(&path).expect("a version-3 index is read");
    assert_eq!(rows(&read), rows_now);
}

/// Lines appended behind the index's back (a `journal add`, saves not
/// followed before a kill) are taken in without reading the journal
/// whole: the index caught up is the one a whole reading makes. Lines it
/// cannot take in so leave it to the whole reading.
#[test]
fn an_index_catches_up_with_lines_appended_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.journal.jsonl");
    let (a, b) = (entry("a", "x"), entry("b", "y"));
    write_journal(&path, &[&a, &b]);
    read_and_index(&path).unwrap();
    // A new entry, and an edit of an old one: its newer line counts.
    let c = entry("c", "z");
    let mut edited = a.clone();
    edited.title = "a, edited".into();
    append_line(&path, &c);
    append_line(&path, &edited);
    assert!(read_fresh(&path).is_none(), "stale");
    let caught_up = rows(&read_caught_up(&path).expect("caught up"));
    // What reading the whole journal makes of it, from scratch.
    fs::remove_file(path_of(&path)).unwrap();
    read_and_index(&path).unwrap();
    assert_eq!(caught_up, rows(&read_fresh(&path).unwrap()));
    assert_eq!(caught_up.len(), 3);
    assert!(
        caught_up
            .iter()
            .any(|r| r.headline.starts_with("a, edited"))
    );

    let left_whole = |tail: &[u8]| {
        read_and_index(&path).unwrap();
        let mut text = fs::read(&path).unwrap();
        let kept = text.clone();
        text.extend_from_slice(tail);
        fs::write(&path, &text).unwrap();
        let caught = read_caught_up(&path);
        fs::write(&path, kept).unwrap();
        caught.is_none()
    };
    // A purge, a damaged line, a line still being written.
    assert!(left_whole(
        format!("{{\"purged\":\"{}\"}}\n", b.id).as_bytes()
    ));
    assert!(left_whole(b"{\"id\": not json\n"));
    assert!(left_whole(line(&entry("d", "w")).trim_end().as_bytes()));
    // Nothing appended but a good line: caught up.
    assert!(!left_whole(line(&entry("e", "v")).as_bytes()));
}
