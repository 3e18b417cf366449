#![allow(clippy::unwrap_used)]
//! Saving fails for real (a read-only or immutable data folder, a full
//! disk, the data folder gone, the workbook's path taken), with the app
//! driven by key presses against a real store:
//!
//! - the error popup appears, and the footer says something is unsaved,
//! - what was typed stays in memory, and quitting is refused while it is
//!   unsaved,
//! - the files on disk are exactly as they were (never truncated: the only
//!   change allowed is a cut-off journal line after the last good one,
//!   which is ignored and set aside),
//! - once the cause is gone, the next change saves everything.
//!
//! Some causes cannot be made everywhere: root ignores permissions, and
//! `chattr` and `mount` need privileges a CI container may not have. Those
//! tests print why they were skipped and pass. Making the folder go away
//! and taking the workbook's path work everywhere, also as root. A
//! read-only remount is not tested: the kernel refuses it while trustwork
//! holds its lock file open for writing.
//!
//! Three bugs found by these tests are fixed and guarded here: a failing
//! journal save was retried at once, forever, so the app hung; a journal
//! save that worked after a failed workbook save cleared the "unsaved"
//! mark, so `q` quit and the answer was lost; and two journal repairs in
//! one millisecond collided on the name of the set-aside copy.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::support::cli::files;
use crate::support::*;
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;
use trustwork::action::{Action, Section};
use trustwork::app::{Exit, Runtime, start};
use trustwork::domain::{AnswerValue, JournalEntry, NewEntry, NewWorkbook, RelationshipKind, Role};
use trustwork::storage::{JsonStore, Store, WorkbookKey};

const ANSWER_ID: &str = "acknowledge/name-what-happened/what-happened";
const TYPED: &str = "Typed while saving failed: 信頼 🙂";
const MORE: &str = " And a little more.";
const EARLIER: &str = "an earlier entry, already saved";
const POPUP_TITLE: &str = "Your last change is not saved yet";

fn key() -> WorkbookKey {
    WorkbookKey("sam".to_string())
}

// ---------------------------------------------------------------- causes

/// A way to make saving fail, and to undo it.
trait Fault {
    fn name(&self) -> &'static str;
    /// The data dir to use (a fault may need it somewhere special).
    fn data_dir(&mut self, tmp: &Path) -> Result<PathBuf, String> {
        Ok(tmp.join("data"))
    }
    /// Makes saving fail; `Err` says why that is not possible here.
    fn apply(&mut self, dir: &Path) -> Result<(), String>;
    fn remove(&mut self, dir: &Path);
    /// Where the data dir's files are while the fault is on.
    fn files_at(&self, dir: &Path) -> PathBuf {
        dir.to_path_buf()
    }
    /// Whether appending to the existing journal file still works.
    fn journal_appends(&self) -> bool;
}

/// The data folder disappears (an unplugged drive, a lost network
/// share). Works for everyone, root included.
struct FolderGone;

impl Fault for FolderGone {
    fn name(&self) -> &'static str {
        "the data folder is gone"
    }
    fn apply(&mut self, dir: &Path) -> Result<(), String> {
        fs::rename(dir, self.files_at(dir)).map_err(|e| e.to_string())
    }
    fn remove(&mut self, dir: &Path) {
        assert!(
            !dir.exists(),
            "nothing made the data folder again meanwhile"
        );
        fs::rename(self.files_at(dir), dir).unwrap();
    }
    fn files_at(&self, dir: &Path) -> PathBuf {
        dir.with_extension("away")
    }
    fn journal_appends(&self) -> bool {
        false
    }
}

/// The data folder is read-only (mode 0555). Root ignores this.
struct ReadOnlyFolder;

impl Fault for ReadOnlyFolder {
    fn name(&self) -> &'static str {
        "the data folder is read-only (chmod 555)"
    }
    fn apply(&mut self, dir: &Path) -> Result<(), String> {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join("probe");
        if fs::write(&probe, "x").is_ok() {
            let _ = fs::remove_file(&probe);
            self.remove(dir);
            return Err("permissions are not enforced for this user (root?)".into());
        }
        Ok(())
    }
    fn remove(&mut self, dir: &Path) {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
    }
    fn journal_appends(&self) -> bool {
        true
    }
}

/// The data folder is immutable (`chattr +i`): nothing can be created,
/// renamed or removed in it, even by root; existing files can still be
/// appended to.
#[derive(Default)]
struct ImmutableFolder {
    on: Option<PathBuf>,
}

fn chattr(flag: &str, dir: &Path) -> Result<(), String> {
    let out = Command::new("chattr")
        .arg(flag)
        .arg(dir)
        .output()
        .map_err(|e| format!("chattr: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "chattr {flag} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

impl Fault for ImmutableFolder {
    fn name(&self) -> &'static str {
        "the data folder is immutable (chattr +i)"
    }
    fn apply(&mut self, dir: &Path) -> Result<(), String> {
        chattr("+i", dir)?;
        self.on = Some(dir.to_path_buf());
        if fs::write(dir.join("probe"), "x").is_ok() {
            self.remove(dir);
            return Err("chattr +i is not enforced here".into());
        }
        Ok(())
    }
    fn remove(&mut self, dir: &Path) {
        chattr("-i", dir).unwrap();
        self.on = None;
        let _ = fs::remove_file(dir.join("probe"));
    }
    fn journal_appends(&self) -> bool {
        true
    }
}

impl Drop for ImmutableFolder {
    fn drop(&mut self) {
        // Whatever happened, the temp dir must be removable.
        if let Some(dir) = self.on.take() {
            let _ = chattr("-i", &dir);
        }
    }
}

/// Something else sits where the workbook file goes (here, a folder), so
/// reading and replacing it fail even for root. The journal still works.
struct WorkbookPathTaken;

impl Fault for WorkbookPathTaken {
    fn name(&self) -> &'static str {
        "a folder sits at the workbook's path"
    }
    fn apply(&mut self, dir: &Path) -> Result<(), String> {
        fs::rename(dir.join("sam.json"), dir.join("sam.json.kept")).unwrap();
        fs::create_dir(dir.join("sam.json")).unwrap();
        Ok(())
    }
    fn remove(&mut self, dir: &Path) {
        fs::remove_dir(dir.join("sam.json")).unwrap();
        fs::rename(dir.join("sam.json.kept"), dir.join("sam.json")).unwrap();
    }
    fn journal_appends(&self) -> bool {
        true
    }
}

/// A small tmpfs, mounted for a test and unmounted (lazily, so even a
/// busy one) when it ends. Needs `mount` (root with CAP_SYS_ADMIN).
struct Tmpfs {
    at: PathBuf,
}

impl Tmpfs {
    fn mount(tmp: &Path) -> Result<Self, String> {
        let at = tmp.join("mnt");
        fs::create_dir(&at).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs"])
            .arg(&at)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cannot mount a tmpfs here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Self { at })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.at).status();
    }
}

/// The disk is full: a file fills the rest of a small tmpfs.
struct FullDisk {
    /// The tmpfs, or why there is none.
    mount: Result<PathBuf, String>,
    filler: Option<PathBuf>,
}

impl FullDisk {
    fn on(tmpfs: &Result<Tmpfs, String>) -> Self {
        Self {
            mount: tmpfs.as_ref().map(|t| t.at.clone()).map_err(Clone::clone),
            filler: None,
        }
    }
}

impl Fault for FullDisk {
    fn name(&self) -> &'static str {
        "the disk is full (a small tmpfs)"
    }
    fn data_dir(&mut self, _tmp: &Path) -> Result<PathBuf, String> {
        self.mount.clone().map(|at| at.join("data"))
    }
    fn apply(&mut self, dir: &Path) -> Result<(), String> {
        use std::io::Write;
        let filler = dir.parent().unwrap().join("filler");
        let mut file = fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while file.write_all(&block).is_ok() {}
        while file.write_all(&block[..1]).is_ok() {}
        self.filler = Some(filler);
        Ok(())
    }
    fn remove(&mut self, _dir: &Path) {
        if let Some(filler) = self.filler.take() {
            fs::remove_file(filler).unwrap();
        }
    }
    fn journal_appends(&self) -> bool {
        // Only into the free end of its last page: a small line fits, a
        // long one is cut off part-way.
        false
    }
}

/// Runs a scenario on its own thread and fails if it has not finished in
/// `seconds` (the app hung). A hung thread is left behind, spinning until
/// the test process ends.
fn within(seconds: u64, what: &str, scenario: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        scenario();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(seconds)) {
        Ok(()) => thread.join().unwrap(),
        Err(RecvTimeoutError::Disconnected) => {
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(RecvTimeoutError::Timeout) => {
            panic!("{what}: still not done after {seconds} s: the app hangs")
        }
    }
}

// ---------------------------------------------------------------- helpers

/// A data dir with the workbook "Sam" and one journal entry, closed.
fn data(dir: &Path) {
    let mut store = JsonStore::new(dir).unwrap();
    let (key, workbook) = store
        .create(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        })
        .unwrap();
    store.open(&key).unwrap();
    let mut journal = store.read_journal(&key).unwrap();
    journal.upsert(JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            body: EARLIER.into(),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
}

/// Every file under `dir` (relative name → bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|(path, bytes)| (path.strip_prefix(dir).unwrap().to_path_buf(), bytes))
        .collect()
}

fn answer_in(workbook: &trustwork::domain::Workbook) -> Option<String> {
    match &workbook.progress.answers.get(ANSWER_ID)?.value {
        AnswerValue::Text(text) => Some(text.clone()),
        _ => None,
    }
}

fn answer_in_memory(rt: &Runtime<'_>) -> Option<String> {
    answer_in(rt.app.session.as_ref().unwrap().workbook())
}

/// The popup of a failed save is on screen, and the footer says so too.
fn assert_failed_popup(rt: &Runtime<'_>, fault: &dyn Fault) {
    let popup = rt
        .app
        .popup
        .clone()
        .unwrap_or_else(|| panic!("{}: a failed save shows a popup", fault.name()));
    assert_eq!(popup.title, POPUP_TITLE, "{}", fault.name());
    assert!(rt.app.unsaved, "{}", fault.name());
    let screen = render(&rt.app, 100, 30);
    assert!(screen.contains(POPUP_TITLE), "{screen}");
    assert!(screen.contains("not saved yet"), "{screen}");
}

/// The data dir in `tmp`, with a workbook in it, or `None` (with the
/// reason printed) to skip.
fn prepare(fault: &mut dyn Fault, tmp: &Path) -> Option<PathBuf> {
    match fault.data_dir(tmp) {
        Ok(dir) => {
            data(&dir);
            Some(dir)
        }
        Err(why) => {
            println!("skipped ({}): {why}", fault.name());
            None
        }
    }
}

// ---------------------------------------------------------------- scenarios

/// An answer typed while saving fails stays, is never half written, and
/// is saved by the next change once the cause is gone.
fn an_answer_waits_for_the_cause_to_go(fault: &mut dyn Fault, tmp: &Path) {
    let Some(dir) = prepare(fault, tmp) else {
        return;
    };
    let mut store = JsonStore::new(&dir).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]); // begin: the first step
    assert!(!rt.app.unsaved && rt.app.popup.is_none());

    if let Err(why) = fault.apply(&dir) {
        println!("skipped ({}): {why}", fault.name());
        return;
    }
    let before = snapshot(&fault.files_at(&dir));
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, TYPED);
    press(&mut rt, &[KeyCode::Esc]);
    assert_failed_popup(&rt, fault);
    assert_eq!(answer_in_memory(&rt).as_deref(), Some(TYPED));
    assert_eq!(
        snapshot(&fault.files_at(&dir)),
        before,
        "{}: not a byte changed",
        fault.name()
    );

    // Quitting tries again, fails again, and stays.
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('q')]);
    assert_eq!(
        rt.exit,
        None,
        "{}: no quitting with unsaved work",
        fault.name()
    );
    assert_failed_popup(&rt, fault);
    assert_eq!(snapshot(&fault.files_at(&dir)), before, "{}", fault.name());

    // The cause goes; the next change saves all of it.
    press(&mut rt, &[KeyCode::Enter]);
    fault.remove(&dir);
    press(&mut rt, &[KeyCode::Enter]);
    type_text(&mut rt, MORE);
    press(&mut rt, &[KeyCode::Esc]);
    assert!(
        rt.app.popup.is_none(),
        "{}: {:?}",
        fault.name(),
        rt.app.popup
    );
    assert!(!rt.app.unsaved, "{}", fault.name());
    press(&mut rt, &[KeyCode::Char('q')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    drop(rt);
    drop(store);

    let mut store = JsonStore::new(&dir).unwrap();
    let workbook = store.open(&key()).unwrap();
    assert_eq!(
        answer_in(&workbook).as_deref(),
        Some(format!("{TYPED}{MORE}").as_str()),
        "{}",
        fault.name()
    );
    let journal = store.read_journal(&key()).unwrap();
    assert_eq!(journal.entries().len(), 1);
    assert_eq!(journal.entries()[0].body, EARLIER);
}

/// A journal entry written while saving fails stays, the journal file is
/// never cut short, and the entry is saved once the cause is gone.
fn an_entry_waits_for_the_cause_to_go(fault: &mut dyn Fault, tmp: &Path, body: &str) {
    let Some(dir) = prepare(fault, tmp) else {
        return;
    };
    let journal_file = PathBuf::from("sam.journal.jsonl");
    let mut store = JsonStore::new(&dir).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    if let Err(why) = fault.apply(&dir) {
        println!("skipped ({}): {why}", fault.name());
        return;
    }
    let before = snapshot(&fault.files_at(&dir));
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    rt.dispatch(Action::Paste(body.to_string()));
    press(&mut rt, &[KeyCode::Esc]);
    assert_failed_popup(&rt, fault);
    let in_memory = &rt.app.session.as_ref().unwrap().journal();
    assert!(in_memory.entries().iter().any(|e| e.body == body));

    // The journal file only ever grows by a cut-off line that is ignored;
    // everything else is exactly as it was.
    let check_files = |stage: &str| {
        let after = snapshot(&fault.files_at(&dir));
        for (name, old) in &before {
            let new = after
                .get(name)
                .unwrap_or_else(|| panic!("{}: {name:?} is gone", fault.name()));
            if *name == journal_file {
                assert!(
                    new.starts_with(old),
                    "{} ({stage}): the journal was cut short",
                    fault.name()
                );
                assert!(!new[old.len()..].contains(&b'\n'), "only a cut-off line");
            } else {
                assert_eq!(new, old, "{} ({stage}): {name:?} changed", fault.name());
            }
        }
        let old_entries = JsonStore::new(fault.files_at(&dir))
            .unwrap()
            .read_journal(&key())
            .unwrap();
        assert_eq!(old_entries.entries().len(), 1, "{stage}");
        assert_eq!(old_entries.entries()[0].body, EARLIER, "{stage}");
    };
    check_files("after the failed save");

    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('q')]);
    assert_eq!(
        rt.exit,
        None,
        "{}: no quitting with unsaved work",
        fault.name()
    );
    check_files("after a failed quit");

    // The cause goes: the very next key saves the entry.
    fault.remove(&dir);
    press(&mut rt, &[KeyCode::Enter]);
    if rt.app.popup.is_some() {
        press(&mut rt, &[KeyCode::Enter]);
    }
    assert!(
        rt.app.popup.is_none(),
        "{}: {:?}",
        fault.name(),
        rt.app.popup
    );
    rt.dispatch(Action::Section(Section::Journal));
    press(&mut rt, &[KeyCode::Char('q')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    drop(rt);
    drop(store);

    let store = JsonStore::new(&dir).unwrap();
    let bodies: Vec<String> = store
        .read_journal(&key())
        .unwrap()
        .entries()
        .iter()
        .map(|e| e.body.clone())
        .collect();
    assert_eq!(bodies, [EARLIER, body], "{}", fault.name());
    let text = fs::read_to_string(store.journal_path_of(&key())).unwrap();
    assert!(text.ends_with('\n'), "a cut-off line was set aside");
}

/// When only the workbook fails (the journal can still be appended to, as
/// in a read-only folder), a journal entry saved afterwards must not make
/// the app forget that the answer is still unsaved: quitting must stay
/// refused, and the answer must reach the disk once the cause is gone.
fn an_unsaved_answer_survives_a_saved_entry(fault: &mut dyn Fault, tmp: &Path) {
    assert!(fault.journal_appends());
    let Some(dir) = prepare(fault, tmp) else {
        return;
    };
    let mut store = JsonStore::new(&dir).unwrap();
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    press(&mut rt, &[KeyCode::Enter]);
    if let Err(why) = fault.apply(&dir) {
        println!("skipped ({}): {why}", fault.name());
        return;
    }
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, TYPED);
    press(&mut rt, &[KeyCode::Esc]);
    assert_failed_popup(&rt, fault);

    // Meanwhile a journal entry, which can be saved.
    press(
        &mut rt,
        &[KeyCode::Enter, KeyCode::Char('2'), KeyCode::Char('a')],
    );
    type_text(&mut rt, "a journal entry written meanwhile");
    press(&mut rt, &[KeyCode::Esc]);
    if rt.app.popup.is_some() {
        press(&mut rt, &[KeyCode::Enter]);
    }
    let files_at = fault.files_at(&dir);
    let answer_on_disk = || {
        JsonStore::new(&files_at)
            .unwrap()
            .read(&key())
            .ok()
            .and_then(|w| answer_in(&w))
    };
    assert_eq!(answer_on_disk(), None, "the answer is not on disk yet");
    assert!(
        rt.app.unsaved,
        "{}: the answer is still unsaved, but the app no longer says so",
        fault.name()
    );
    press(&mut rt, &[KeyCode::Char('q')]);
    assert_eq!(
        rt.exit,
        None,
        "{}: the app quit with the answer unsaved: it is lost",
        fault.name()
    );

    if rt.app.popup.is_some() {
        press(&mut rt, &[KeyCode::Enter]);
    }
    fault.remove(&dir);
    press(&mut rt, &[KeyCode::Char('q')]);
    assert_eq!(rt.exit, Some(Exit::Quit));
    drop(rt);
    drop(store);
    assert_eq!(answer_on_disk().as_deref(), Some(TYPED), "{}", fault.name());
}

// ---------------------------------------------------------------- tests

/// Each scenario gets a fresh temp dir, made (and removed) here rather
/// than on the scenario's thread, so a hung scenario leaves nothing.
fn run(limit: u64, scenario: impl FnOnce(&Path) + Send + 'static, what: &str) -> TempDir {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().to_path_buf();
    within(limit, what, move || scenario(&path));
    tmp
}

#[test]
fn data_folder_gone() {
    run(
        60,
        |tmp| an_answer_waits_for_the_cause_to_go(&mut FolderGone, tmp),
        "an answer while the folder is gone",
    );
}

#[test]
fn data_folder_gone_journal_entry() {
    run(
        20,
        |tmp| {
            an_entry_waits_for_the_cause_to_go(
                &mut FolderGone,
                tmp,
                "written while the folder was gone",
            )
        },
        "a journal entry while the folder is gone",
    );
}

#[test]
fn read_only_data_folder() {
    run(
        60,
        |tmp| an_answer_waits_for_the_cause_to_go(&mut ReadOnlyFolder, tmp),
        "an answer in a read-only folder",
    );
}

#[test]
fn immutable_data_folder() {
    run(
        60,
        |tmp| an_answer_waits_for_the_cause_to_go(&mut ImmutableFolder::default(), tmp),
        "an answer in an immutable folder",
    );
}

#[test]
fn workbook_path_taken() {
    run(
        60,
        |tmp| an_answer_waits_for_the_cause_to_go(&mut WorkbookPathTaken, tmp),
        "an answer with the workbook's path taken",
    );
}

#[test]
fn full_disk() {
    let tmp = TempDir::new().unwrap();
    let tmpfs = Tmpfs::mount(tmp.path());
    let mut fault = FullDisk::on(&tmpfs);
    let path = tmp.path().to_path_buf();
    within(60, "an answer on a full disk", move || {
        an_answer_waits_for_the_cause_to_go(&mut fault, &path)
    });
}

#[test]
fn full_disk_journal_entry() {
    let tmp = TempDir::new().unwrap();
    let tmpfs = Tmpfs::mount(tmp.path());
    let mut fault = FullDisk::on(&tmpfs);
    let path = tmp.path().to_path_buf();
    // Longer than the free end of the journal's last page: the append is
    // cut off part-way by the full disk.
    let long = format!("written on a full disk. {}", "信頼 and trust. ".repeat(600));
    within(20, "a journal entry on a full disk", move || {
        an_entry_waits_for_the_cause_to_go(&mut fault, &path, &long)
    });
}

#[test]
fn unsaved_answer_and_a_saved_entry_read_only_folder() {
    run(
        60,
        |tmp| an_unsaved_answer_survives_a_saved_entry(&mut ReadOnlyFolder, tmp),
        "read-only folder",
    );
}

#[test]
fn unsaved_answer_and_a_saved_entry_immutable_folder() {
    run(
        60,
        |tmp| an_unsaved_answer_survives_a_saved_entry(&mut ImmutableFolder::default(), tmp),
        "immutable folder",
    );
}

#[test]
fn unsaved_answer_and_a_saved_entry_workbook_path_taken() {
    run(
        60,
        |tmp| an_unsaved_answer_survives_a_saved_entry(&mut WorkbookPathTaken, tmp),
        "workbook path taken",
    );
}

/// The same at the store, without the app: a journal append cut off by a
/// full disk leaves the old lines as they were and a cut-off line after
/// them, which reading ignores; once there is room, the next save sets the
/// fragment aside and appends the entry whole.
#[test]
fn full_disk_journal_append_at_the_store() {
    let tmp = TempDir::new().unwrap();
    let tmpfs = Tmpfs::mount(tmp.path());
    let mut fault = FullDisk::on(&tmpfs);
    let Some(dir) = prepare(&mut fault, tmp.path()) else {
        return;
    };
    let mut store = JsonStore::new(&dir).unwrap();
    let workbook = store.open(&key()).unwrap();
    let mut journal = store.read_journal(&key()).unwrap();
    let path = store.journal_path_of(&key());
    let old = fs::read(&path).unwrap();
    fault.apply(&dir).unwrap();

    let long = format!("written on a full disk. {}", "信頼 and trust. ".repeat(600));
    journal.upsert(JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            body: long.clone(),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    for attempt in 0..3 {
        // Each try sets the cut-off line aside under a new name, made from
        // the time in milliseconds (see the test below for two tries in the
        // same millisecond).
        std::thread::sleep(Duration::from_millis(3));
        let err = store.save_journal(&key(), &mut journal).unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
        let now = fs::read(&path).unwrap();
        assert!(now.starts_with(&old), "attempt {attempt}: never cut short");
        assert!(!now[old.len()..].contains(&b'\n'), "only a cut-off line");
        let read = store.read_journal(&key()).unwrap();
        assert_eq!(read.entries().len(), 1, "the cut-off line is ignored");
        assert!(journal.has_changes(), "still to be saved");
    }
    let damaged = |dir: &Path| -> Vec<(String, u64)> {
        let mut found: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, e.metadata().unwrap().len())
            })
            .collect();
        found.sort();
        found
    };
    let while_full = damaged(&dir);

    fault.remove(&dir);
    store.save_journal(&key(), &mut journal).unwrap();
    let bodies: Vec<String> = store
        .read_journal(&key())
        .unwrap()
        .entries()
        .iter()
        .map(|e| e.body.clone())
        .collect();
    assert_eq!(bodies, [EARLIER.to_string(), long]);
    assert!(fs::read(&path).unwrap().ends_with(b"\n"));
    println!(
        "set-aside files while the disk was full: {while_full:?}; after: {:?}",
        damaged(&dir)
    );
    drop(tmpfs);
}

/// Two tries within one millisecond while a cut-off journal line is there
/// (as the app's retries come): the second must fail for the real reason
/// (the full disk) or succeed, not trip over the first try's half-written
/// copy of the journal, whose name it takes again.
#[test]

fn full_disk_journal_retries_in_the_same_millisecond() {
    let tmp = TempDir::new().unwrap();
    let tmpfs = Tmpfs::mount(tmp.path());
    let mut fault = FullDisk::on(&tmpfs);
    let Some(dir) = prepare(&mut fault, tmp.path()) else {
        return;
    };
    let mut store = JsonStore::new(&dir).unwrap();
    let workbook = store.open(&key()).unwrap();
    let mut journal = store.read_journal(&key()).unwrap();
    fault.apply(&dir).unwrap();
    journal.upsert(JournalEntry::new(
        workbook.default_author(),
        NewEntry {
            body: "信頼 and trust. ".repeat(600),
            ..NewEntry::default()
        },
        trustwork::domain::now(),
    ));
    for _ in 0..50 {
        let err = store.save_journal(&key(), &mut journal).unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
    }
    drop(tmpfs);
}
