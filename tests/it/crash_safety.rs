#![allow(clippy::unwrap_used)]
//! Crash safety: a writer process (`examples/crash_writer.rs`) saves a
//! workbook and its journal in a loop through the real store and says
//! after each save that it is done; it is killed with SIGKILL at a random
//! moment, and then the data dir must hold everything it acknowledged:
//!
//! - the workbook opens (no damage; a lock left by the killed process does
//!   not block, temp files of a save cut off do not get in the way),
//! - it is the last acknowledged version or the one being written (old or
//!   new, never half of each),
//! - every acknowledged journal entry is there, intact, once; the only
//!   other entry allowed is the one being written when the kill came,
//! - a torn last journal line is only ever the documented, ignored last
//!   line (any other damage makes the journal unreadable, which counts as
//!   corrupt), and every backup loads.
//!
//! The delays come from a small seeded generator, so a run can be
//! repeated. CI runs [`CI_KILLS`] kills; `scripts/crash-test.sh` runs the
//! ignored test with 1,000 and prints "N kills, 0 lost, 0 corrupt".
#![cfg(unix)]

#[allow(dead_code)]
#[path = "../../examples/crash_writer.rs"]
mod writer;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tempfile::TempDir;
use trustwork::domain::{AnswerValue, NewWorkbook, RelationshipKind, Role};
use trustwork::storage::{JsonStore, ListingStatus, Store, WorkbookKey};

/// Kills in the test CI runs.
const CI_KILLS: usize = 60;
/// Kills of the long run, unless `TRUSTWORK_CRASH_KILLS` says otherwise.
const LONG_KILLS: usize = 1_000;
/// A fresh data dir every this many kills, so the journal stays small and
/// each kill costs the same however long the run.
const KILLS_PER_DIR: usize = 50;
/// The longest wait before a kill, in microseconds (30 ms).
const MAX_DELAY_US: u64 = 30_000;
/// The generator's seed, unless `TRUSTWORK_CRASH_SEED` says otherwise.
const SEED: u64 = 0x7275_7374_776f_726b;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..=max`.
    fn upto(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }
}

/// The writer binary, built by `cargo test` beside the test binaries
/// (`target/<profile>/examples/`). When it is missing or older than this
/// test (as after `cargo test --test crash_safety`, which builds no
/// examples), it is built with `cargo build --example crash_writer`.
fn writer_binary() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        // target/<profile>/deps/crash_safety-<hash>
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let path = profile_dir
            .join("examples")
            .join(format!("crash_writer{}", std::env::consts::EXE_SUFFIX));
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let fresh = matches!((modified(&path), modified(&exe)), (Some(w), Some(t)) if w >= t);
        if !fresh {
            build_writer(profile_dir);
        }
        assert!(
            path.is_file(),
            "the crash writer is missing at {}: build it with `cargo build --example crash_writer` \
             (or run `cargo test`, which builds the examples)",
            path.display()
        );
        path
    })
}

fn build_writer(profile_dir: &Path) {
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "dev",
        Some(other) => other,
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--example", "crash_writer", "--profile"])
        .arg(profile)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status();
    match status {
        Ok(status) if status.success() => {}
        other => eprintln!("could not build the crash writer ({other:?}); using what is there"),
    }
}

/// One data dir and what is known to be in it.
struct Dir {
    _tmp: TempDir,
    path: PathBuf,
    key: WorkbookKey,
    /// The counter of the workbook on disk, as last checked.
    counter: u64,
    /// The journal entries on disk, as last checked.
    entries: BTreeSet<u64>,
    /// Temp files of cut-off saves, as last counted.
    temps: usize,
}

impl Dir {
    /// A data dir holding the workbook, just created (not open).
    fn new() -> Self {
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("data");
        let mut store = JsonStore::new(&path).unwrap();
        let (key, _) = store
            .create(NewWorkbook {
                name: writer::NAME.to_string(),
                relationship: RelationshipKind::Partner,
                role: Role::Hurt,
            })
            .unwrap();
        Self {
            _tmp: tmp,
            path,
            key,
            counter: 0,
            entries: BTreeSet::new(),
            temps: 0,
        }
    }
}

/// What the kills found.
#[derive(Debug, Default)]
struct Tally {
    kills: usize,
    /// Acknowledged saves found missing.
    lost: usize,
    /// Anything that did not load, or a state no save could have left.
    corrupt: usize,
    /// Saves acknowledged before the kills.
    acknowledged: usize,
    /// Kills that left a cut-off last journal line (allowed, ignored).
    torn_tails: usize,
    /// Temp files of cut-off saves left behind (ignored by the store).
    leftovers: usize,
    /// Time spent running writers, and checking after them.
    writing: Duration,
    checking: Duration,
    /// The first few problems, described.
    problems: Vec<String>,
}

impl Tally {
    fn problem(&mut self, kill: usize, what: String) {
        if self.problems.len() < 20 {
            self.problems.push(format!("kill {kill}: {what}"));
        }
    }

    fn line(&self) -> String {
        format!(
            "{} kills, {} lost, {} corrupt",
            self.kills, self.lost, self.corrupt
        )
    }
}

/// What the writer printed before it was killed.
#[derive(Debug, Default)]
struct Acks {
    workbook: Vec<u64>,
    journal: Vec<u64>,
}

fn parse_acks(lines: &[String]) -> Acks {
    let mut acks = Acks::default();
    for line in lines {
        if let Some(n) = line.strip_prefix("ack wb ") {
            acks.workbook.push(n.parse().unwrap());
        } else if let Some(n) = line.strip_prefix("ack journal ") {
            acks.journal.push(n.parse().unwrap());
        }
    }
    acks
}

/// Starts the writer on `dir`, kills it after a random delay and returns
/// what it printed. A writer that stopped by itself (it could not open or
/// save) is a finding, returned as the error.
fn run_and_kill(dir: &Path, rng: &mut Rng) -> Result<Vec<String>, String> {
    let mut child = Command::new(writer_binary())
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (line_tx, line_rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = line_tx.send(line.clone());
            lines.push(line);
        }
        lines
    });
    // Where the delay counts from: one kill in eight comes while the
    // writer is still starting (opening the workbook, taking over the
    // lock), three from when it is ready (so often in its first save, the
    // one that meets what the last kill left), and half from its first
    // acknowledged save (so often in a later one).
    let from = match rng.upto(7) {
        0 => None,
        1..=3 => Some("ready "),
        _ => Some("ack "),
    };
    let delay = match from {
        None => rng.upto(3_000),
        Some(_) => rng.upto(MAX_DELAY_US),
    };
    if let Some(from) = from {
        // Reached, or the writer stopped (the channel closes): go on.
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Ok(line) =
            line_rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.starts_with(from) {
                break;
            }
        }
    }
    std::thread::sleep(Duration::from_micros(delay));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let lines = reader.join().unwrap();
    if status.signal() == Some(9) {
        return Ok(lines);
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    Err(format!(
        "the writer stopped by itself ({status}) before the kill: {}",
        stderr.trim()
    ))
}

/// Files starting with `.` (temp files of atomic saves) in `dir`.
fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .count()
    })
}

/// Checks the data dir after kill number `kill` against what the writer
/// acknowledged, and updates what is known to be on disk.
fn check(dir: &mut Dir, acks: &Acks, kill: usize, tally: &mut Tally) {
    let store_result = JsonStore::new(&dir.path);
    let mut store = match store_result {
        Ok(store) => store,
        Err(err) => {
            tally.corrupt += 1;
            tally.problem(kill, format!("the data dir does not open: {err}"));
            return;
        }
    };
    match store.list() {
        Ok(listings)
            if listings.len() == 1 && matches!(listings[0].status, ListingStatus::Ready { .. }) => {
        }
        other => {
            tally.corrupt += 1;
            tally.problem(
                kill,
                format!("the list is not one good workbook: {other:?}"),
            );
        }
    }
    // Opening takes the lock the killed writer left behind.
    let workbook = match store.open(&dir.key) {
        Ok(workbook) => workbook,
        Err(err) => {
            tally.corrupt += 1;
            tally.problem(kill, format!("the workbook does not open: {err}"));
            return;
        }
    };

    // Old or new, never older than acknowledged.
    let on_disk = writer::counter(&workbook).unwrap_or(0);
    let floor = acks.workbook.last().copied().unwrap_or(dir.counter);
    if on_disk < floor {
        tally.lost += 1;
        tally.problem(
            kill,
            format!("save {floor} was acknowledged but the workbook holds {on_disk}"),
        );
    } else if on_disk > floor + 1 {
        tally.corrupt += 1;
        tally.problem(
            kill,
            format!("the workbook holds {on_disk}, but only {floor} was acknowledged"),
        );
    }
    if on_disk > 0 {
        let padding = workbook
            .progress
            .answers
            .get(writer::PADDING)
            .map(|a| &a.value);
        if padding != Some(&AnswerValue::Text(writer::padding(on_disk))) {
            tally.corrupt += 1;
            tally.problem(kill, format!("save {on_disk} is not whole"));
        }
    }
    dir.counter = on_disk;

    // Every acknowledged entry, intact and once; at most the one in
    // flight besides.
    match store.read_journal(&dir.key) {
        Ok(journal) => {
            // The index: fresh and naming the journal's entries, or not
            // fresh (then it is never read); never half written.
            let path = dir.path.join(format!("{}.journal.jsonl", dir.key));
            if let Some(index) = trustwork::storage::journal_index::read_fresh(&path) {
                let ids: BTreeSet<_> = journal.entries().iter().map(|e| e.id).collect();
                let indexed: BTreeSet<_> = index.rows().map(|r| r.id()).collect();
                // Each row's line is its entry's latest.
                let lines_right = index.rows().all(|row| {
                    trustwork::storage::journal_index::read_entry(&path, row.id(), row.line())
                        .as_ref()
                        == journal.get(row.id())
                });
                if ids != indexed || !lines_right {
                    tally.corrupt += 1;
                    tally.problem(kill, "a fresh index that is not the journal's".into());
                }
            }
            let mut seen = BTreeSet::new();
            for entry in journal.entries() {
                let n = writer::entry_number(&entry.body);
                match n {
                    Some(n) if entry.body == writer::entry_body(n) && seen.insert(n) => {}
                    _ => {
                        tally.corrupt += 1;
                        tally.problem(kill, format!("a damaged or repeated journal entry ({n:?})"));
                    }
                }
            }
            let mut expected = dir.entries.clone();
            expected.extend(acks.journal.iter().copied());
            let missing: Vec<_> = expected.difference(&seen).collect();
            if !missing.is_empty() {
                tally.lost += missing.len();
                tally.problem(kill, format!("acknowledged entries missing: {missing:?}"));
            }
            let in_flight = acks.workbook.last().copied();
            let unexpected: Vec<_> = seen
                .difference(&expected)
                .filter(|n| Some(**n) != in_flight)
                .collect();
            if !unexpected.is_empty() {
                tally.corrupt += 1;
                tally.problem(kill, format!("entries never written: {unexpected:?}"));
            }
            dir.entries = seen;
        }
        Err(err) => {
            tally.corrupt += 1;
            tally.problem(kill, format!("the journal does not read: {err}"));
        }
    }
    let journal_bytes = std::fs::read(store.journal_path_of(&dir.key)).unwrap_or_default();
    if journal_bytes.last().is_some_and(|b| *b != b'\n') {
        tally.torn_tails += 1;
    }

    match store.backups(&dir.key) {
        Ok(backups) if backups.iter().all(|b| b.loads) => {}
        Ok(backups) => {
            tally.corrupt += 1;
            let bad: Vec<_> = backups.iter().filter(|b| !b.loads).collect();
            tally.problem(kill, format!("backups that do not load: {bad:?}"));
        }
        Err(err) => {
            tally.corrupt += 1;
            tally.problem(kill, format!("the backups do not list: {err}"));
        }
    }
    let temps = temp_files(&dir.path) + temp_files(&store.backup_dir_of(&dir.key));
    tally.leftovers += temps.saturating_sub(dir.temps);
    dir.temps = temps;
    store.close(&dir.key);
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs `kills` kills and checks the data after each.
fn run(kills: usize) -> Tally {
    let seed = env_number("TRUSTWORK_CRASH_SEED").unwrap_or(SEED);
    let mut rng = Rng::new(seed);
    let mut tally = Tally::default();
    let mut dir = Dir::new();
    let started = Instant::now();
    for kill in 1..=kills {
        if kill > 1 && (kill - 1) % KILLS_PER_DIR == 0 {
            dir = Dir::new();
        }
        tally.kills += 1;
        let at = Instant::now();
        let ran = run_and_kill(&dir.path, &mut rng);
        tally.writing += at.elapsed();
        let lines = match ran {
            Ok(lines) => lines,
            Err(problem) => {
                tally.corrupt += 1;
                tally.problem(kill, problem);
                continue;
            }
        };
        let acks = parse_acks(&lines);
        tally.acknowledged += acks.workbook.len() + acks.journal.len();
        let at = Instant::now();
        check(&mut dir, &acks, kill, &mut tally);
        tally.checking += at.elapsed();
    }
    println!("{}", tally.line());
    println!(
        "(seed {seed:#x}; {} acknowledged saves; {} kills left a torn last journal line; \
         {} temp files of cut-off saves left behind; {:.1} s: {:.1} s writing, {:.1} s checking)",
        tally.acknowledged,
        tally.torn_tails,
        tally.leftovers,
        started.elapsed().as_secs_f64(),
        tally.writing.as_secs_f64(),
        tally.checking.as_secs_f64()
    );
    for problem in &tally.problems {
        println!("  {problem}");
    }
    tally
}

fn assert_nothing_lost(tally: &Tally) {
    assert!(
        tally.lost == 0 && tally.corrupt == 0,
        "{}\n{}",
        tally.line(),
        tally.problems.join("\n")
    );
    // Half the kills wait for a first acknowledged save, so even on a slow
    // machine there are about half as many saves as kills.
    assert!(
        tally.acknowledged * 4 >= tally.kills,
        "the writer hardly saved anything ({} saves in {} kills): the test tests nothing",
        tally.acknowledged,
        tally.kills
    );
}

#[test]
fn killed_writers_never_lose_an_acknowledged_save() {
    let tally = run(CI_KILLS);
    assert_nothing_lost(&tally);
}

/// `scripts/crash-test.sh`, or
/// `cargo test --test it -- --ignored --exact crash_safety::a_thousand_kills --nocapture`.
#[test]
#[ignore = "about a minute: run by scripts/crash-test.sh (TRUSTWORK_CRASH_KILLS sets the count)"]
fn a_thousand_kills() {
    let kills = env_number("TRUSTWORK_CRASH_KILLS").map_or(LONG_KILLS, |n| n as usize);
    let tally = run(kills);
    assert_nothing_lost(&tally);
}
