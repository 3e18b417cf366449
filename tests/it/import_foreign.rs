//! Bringing history in from jrnl and tui-journal, with files the tools
//! themselves wrote (`fixtures/`: jrnl 4.6, tui-journal 0.18).

use std::path::{Path, PathBuf};

use trustwork::storage::{JsonStore, Store, WorkbookKey};

use crate::support::cli::*;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/fixtures")
        .join(path)
}

fn entries(dir: &Path) -> Vec<(String, String, String)> {
    let store = JsonStore::new(dir).unwrap();
    let journal = store.read_journal(&WorkbookKey("sam".into())).unwrap();
    let mut all: Vec<(String, String, String)> = journal
        .entries()
        .iter()
        .map(|e| {
            (
                e.created_at.format("%Y-%m-%d %H:%M").to_string(),
                e.title.clone(),
                e.body.clone(),
            )
        })
        .collect();
    all.sort();
    all
}

/// Imports with the clock at a fixed offset, so jrnl's local times are read
/// as this offset's.
fn import(dir: &Path, file: &Path, extra: &[&str]) -> Run {
    let mut cmd = tw(dir);
    cmd.env("TRUSTWORK_NOW", "2026-12-03T21:00:00+01:00")
        .arg("import")
        .arg(file)
        .arg("--yes")
        .args(extra);
    run(&mut cmd)
}

#[test]
fn jrnls_json_export_comes_in_with_dates_titles_bodies_and_tags_once() {
    let (_tmp, dir) = with_sam();
    import(&dir, &fixture("jrnl-4.6/export.json"), &[])
        .ok()
        .stdout_has(&["6 added, 0 already there"]);
    let got = entries(&dir);
    assert_eq!(got.len(), 6);
    assert_eq!(got[0].0, "2024-05-01 21:00");
    assert_eq!(got[0].1, "Found the messages.");
    assert!(got[0].2.contains("@trust é 中文 🙂"), "{:?}", got[0]);
    assert!(got[1].2.contains("\n\nSecond paragraph"), "{:?}", got[1]);
    // The same file again adds nothing.
    import(&dir, &fixture("jrnl-4.6/export.json"), &[])
        .ok()
        .stdout_has(&["0 added, 6 already there"]);
    assert_eq!(entries(&dir).len(), 6);
}

#[test]
fn jrnls_text_journal_comes_in_the_same_as_its_export() {
    let (_tmp, a) = with_sam();
    let (_tmp2, b) = with_sam();
    import(&a, &fixture("jrnl-4.6/journal.txt"), &[])
        .ok()
        .stdout_has(&["6 added"]);
    import(&b, &fixture("jrnl-4.6/export.json"), &[]).ok();
    assert_eq!(entries(&a), entries(&b));
    let got = entries(&a);
    assert!(
        got.iter().any(|e| e.1 == "Talked with Sam"),
        "starred title kept, mark dropped"
    );
    // And the two formats are the same entries: nothing doubles up.
    import(&a, &fixture("jrnl-4.6/export.json"), &[])
        .ok()
        .stdout_has(&["0 added, 6 already there"]);
}

#[test]
fn tui_journals_file_comes_in_with_its_tags_as_words() {
    let (_tmp, dir) = with_sam();
    import(&dir, &fixture("tui-journal-0.18/entries.json"), &[])
        .ok()
        .stdout_has(&["2 added"]);
    let got = entries(&dir);
    assert_eq!(got[0].0, "2026-11-15 00:00");
    assert_eq!(got[0].1, "Vertrauen — 信頼 🙂");
    assert!(
        got[0]
            .2
            .starts_with("Wir haben geredet. Ärger, aber ruhig.\nSecond line")
    );
    assert!(got[0].2.ends_with("@trust @talk"), "{:?}", got[0]);
}

#[test]
fn standard_input_the_from_flag_and_a_closed_workbook() {
    let (_tmp, dir) = with_sam();
    let text = std::fs::read_to_string(fixture("jrnl-4.6/journal.txt")).unwrap();
    let mut cmd = tw(&dir);
    cmd.args(["import", "-", "--from", "jrnl-txt", "--yes"])
        .write_stdin(text.clone());
    run(&mut cmd).ok().stdout_has(&["6 added"]);
    tw_run(&dir, &["import", "-", "--from", "diary"]).refused();
    edit_workbook(&dir, "sam", |w, _| {
        w.closed_at = Some(trustwork::domain::now())
    });
    let before = files(&dir);
    import(&dir, &fixture("tui-journal-0.18/entries.json"), &[])
        .failed()
        .stderr_has(&["closed"]);
    assert_eq!(files(&dir), before);
}

#[test]
fn trustworks_jrnl_export_reads_back_the_same_entries() {
    let (tmp, dir) = with_sam();
    import(&dir, &fixture("jrnl-4.6/export.json"), &[]).ok();
    tw_run(
        &dir,
        &[
            "journal",
            "add",
            "--title",
            "Typed here",
            "Line one.\n[2020-01-01 00:00] not a new entry",
        ],
    )
    .ok();
    let out = tmp.path().join("journal.txt");
    let mut cmd = tw(&dir);
    cmd.env("TRUSTWORK_NOW", "2026-12-03T21:00:00+01:00")
        .args(["export", "--format", "jrnl", "--output"])
        .arg(&out);
    run(&mut cmd).ok();
    let (_tmp2, again) = with_sam();
    import(&again, &out, &["--from", "jrnl-txt"])
        .ok()
        .stdout_has(&["7 added"]);
    let strip = |v: Vec<(String, String, String)>| -> Vec<(String, String, String)> {
        v.into_iter()
            .map(|(d, t, b)| (d, t, b.trim().to_string()))
            .collect()
    };
    let (before, after) = (strip(entries(&dir)), strip(entries(&again)));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.1, a.1);
        assert_eq!(b.2.replace("\n[", "\n ["), a.2);
    }
}

#[test]
fn journal_list_filters_by_tag() {
    let (_tmp, dir) = with_sam();
    import(&dir, &fixture("jrnl-4.6/export.json"), &[]).ok();
    assert_eq!(list_json(&dir, &["--tag", "trust"]).len(), 2);
    assert_eq!(list_json(&dir, &["--tag", "@checkin"]).len(), 1);
    assert_eq!(list_json(&dir, &["--tag", "#hope"]).len(), 1);
    assert!(list_json(&dir, &["--tag", "nothing"]).is_empty());
}
