//! Benchmarks of a long-kept workbook (issue 8): loading it, saving one
//! change, searching every body, drawing the journal and the dashboard, and
//! keystroke → next frame, at 1k / 10k / 100k journal entries.
//!
//! ```sh
//! cargo bench --bench workbook                           # everything
//! cargo bench --bench workbook -- keystroke              # one group
//! TRUSTWORK_BENCH_SIZES=1000 cargo bench --bench workbook -- --sample-count 1 --sample-size 1
//! ```
//!
//! Each size's workbook is generated once, through the real store, into a
//! temp dir (`$TMPDIR`) that is removed at the end. Frames are drawn on a
//! ratatui `TestBackend` of 120x40. Times only: nothing here asserts speed.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use trustwork::app::{App, Runtime};
use trustwork::bench_data;
use trustwork::content::Content;
use trustwork::domain::search::Query;
use trustwork::domain::{AnswerValue, Clock, Journal};
use trustwork::journal_view::{self, Filter, Viewer};
use trustwork::storage::{JsonStore, Store, WorkbookKey, journal_index};

const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The sizes to run: `TRUSTWORK_BENCH_SIZES=1000,10000` (CI's smoke run
/// uses 1000 only), else 1k, 10k and 100k.
fn sizes() -> Vec<usize> {
    let Ok(list) = std::env::var("TRUSTWORK_BENCH_SIZES") else {
        return DEFAULT_SIZES.to_vec();
    };
    let sizes: Vec<usize> = list
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.replace('_', "")
                .parse()
                .expect("TRUSTWORK_BENCH_SIZES is a list of entry counts, such as 1000,10000")
        })
        .collect();
    if sizes.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        sizes
    }
}

fn main() {
    // Slow cases (100k) stop after 5 s rather than 100 samples; the command
    // line (`--max-time`, `--sample-count`…) still has the last word.
    divan::Divan::default()
        .max_time(Duration::from_secs(5))
        .config_with_args()
        .main();
    // Remove the generated workbooks.
    if let Ok(mut fixtures) = FIXTURES.lock() {
        fixtures.clear();
    }
}

// ---------------------------------------------------------------------
// Generated workbooks

/// A generated data dir, kept until the end of the run.
struct Fixture {
    size: usize,
    /// Benches that write get their own copy, so reads measure the
    /// freshly generated files ("read", "write", or a group's own).
    purpose: &'static str,
    dir: TempDir,
    key: WorkbookKey,
}

static FIXTURES: Mutex<Vec<Fixture>> = Mutex::new(Vec::new());

/// The data dir holding the workbook of `size` entries (generated on first
/// use) and its key.
fn fixture(size: usize, writable: bool) -> (PathBuf, WorkbookKey) {
    fixture_for(size, if writable { "write" } else { "read" })
}

/// [`fixture`] of a group's own, which nothing else reads or writes.
fn fixture_for(size: usize, purpose: &'static str) -> (PathBuf, WorkbookKey) {
    let mut fixtures = FIXTURES.lock().expect("fixtures lock");
    if let Some(f) = fixtures
        .iter()
        .find(|f| f.size == size && f.purpose == purpose)
    {
        return (f.dir.path().to_path_buf(), f.key.clone());
    }
    let dir = tempfile::Builder::new()
        .prefix(&format!("trustwork-bench-{size}-"))
        .tempdir()
        .expect("a temp dir for the generated workbook");
    let made = bench_data::generate(dir.path(), size, bench_data::DEFAULT_NAME)
        .expect("generating the benchmark workbook");
    let found = (dir.path().to_path_buf(), made.key.clone());
    fixtures.push(Fixture {
        size,
        purpose,
        dir,
        key: made.key,
    });
    found
}

fn content() -> Content {
    Content::embedded().expect("the built-in content loads")
}

/// A fixed clock at the end of the generated journal, so the dashboard's
/// weekly counts show the latest weeks of entries.
fn fixed_clock(app: &mut App) {
    app.set_clock(Clock::Fixed(bench_data::end_of_data()));
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| trustwork::app::draw(app, frame))
        .expect("drawing on a test terminal");
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// The app as the binary starts it on the workbook of `size` entries, its
/// first frame drawn; `keys` are then pressed, each followed by a frame.
struct Running<'s> {
    rt: Runtime<'s>,
    terminal: Terminal<TestBackend>,
}

impl<'s> Running<'s> {
    fn new(store: &'s mut JsonStore, keys: &[KeyEvent]) -> Self {
        let mut app = trustwork::app::start(content(), store, None).expect("the workbook opens");
        fixed_clock(&mut app);
        let mut running = Self {
            rt: Runtime::new(app, store),
            terminal: terminal(),
        };
        running.frame();
        for k in keys {
            running.press(*k);
        }
        running
    }

    fn press(&mut self, event: KeyEvent) {
        self.rt.key(event);
        self.frame();
    }

    /// Takes what the search behind the list finds, a frame each time,
    /// until it is done. Between looks this thread sleeps, as the app's
    /// does (it polls for keys every 4 ms while a search runs), leaving
    /// both cores to the search.
    fn wait_for_search(&mut self) {
        while self.rt.search_pending() {
            if self.rt.search_arrived() {
                self.frame();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if self.rt.search_arrived() {
            self.frame();
        }
    }

    fn frame(&mut self) {
        draw(&mut self.terminal, &self.rt.app);
    }

    /// Checks (untimed) that the screen is the one the bench means.
    fn showing(self, text: &str) -> Self {
        let screen = screen_text(&self.terminal);
        assert!(
            screen.contains(text),
            "expected {text:?} on the screen before timing"
        );
        self
    }
}

fn store(dir: &PathBuf) -> JsonStore {
    JsonStore::new(dir).expect("the data dir opens")
}

// ---------------------------------------------------------------------

/// Reading a workbook from disk.
mod load {
    use super::*;

    /// Lock and read the workbook and its whole journal, as opening it does.
    #[divan::bench(args = sizes())]
    fn open_workbook_and_journal(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, false);
        bencher.bench_local(|| {
            let mut store = store(&dir);
            let workbook = store.open(&key).expect("open");
            let journal = store.read_journal(&key).expect("read the journal");
            store.close(&key);
            (workbook, journal)
        });
    }

    /// Only the journal file (JSON Lines) read and parsed.
    #[divan::bench(args = sizes())]
    fn read_journal(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, false);
        let store = store(&dir);
        bencher.bench_local(|| store.read_journal(&key).expect("read the journal"));
    }

    /// What the binary does before its first frame: load the content, list
    /// the data dir, open the only workbook where it was left (its journal
    /// left for after the frame, as `main` does), and draw (on a test
    /// terminal, so without the terminal's own costs).
    #[divan::bench(args = sizes())]
    fn first_frame(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        // Once, untimed: the first frame shows the workbook's name.
        {
            let mut store = store(&dir);
            let running = Running::new(&mut store, &[]);
            let text = screen_text(&running.terminal);
            assert!(
                text.contains(bench_data::DEFAULT_NAME),
                "the first frame should name the workbook"
            );
        }
        bencher.bench_local(|| {
            let mut store = store(&dir);
            let mut app = trustwork::app::start_with(content(), &mut store, None, true)
                .expect("the workbook opens");
            fixed_clock(&mut app);
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            (app, store)
        });
    }

    /// The first frame, then the journal read before the first key is
    /// handled: how long a key pressed at once waits.
    #[divan::bench(args = sizes())]
    fn first_frame_then_journal(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        bencher.bench_local(|| {
            let mut store = store(&dir);
            let mut app = trustwork::app::start_with(content(), &mut store, None, true)
                .expect("the workbook opens");
            fixed_clock(&mut app);
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            let mut rt = Runtime::new(app, &mut store);
            rt.load_journal();
            rt.app
        });
    }
}

/// The journal index beside the journal (issue 20): building it, reading
/// it, and the journal list drawn from it before the journal is read.
mod index {
    use super::*;
    use trustwork::storage::journal_index;

    fn journal_path(dir: &std::path::Path, key: &WorkbookKey) -> PathBuf {
        dir.join(format!("{key}.journal.jsonl"))
    }

    /// The fixture's journal with a fresh index beside it (made once).
    fn indexed(size: usize) -> (PathBuf, WorkbookKey) {
        let (dir, key) = fixture(size, false);
        let journal = journal_path(&dir, &key);
        if journal_index::read_fresh(&journal).is_none() {
            journal_index::read_and_index(&journal).expect("index the journal");
        }
        (dir, key)
    }

    /// The journal read and its index written anew (what the first opening
    /// after a save does, on the reading thread).
    #[divan::bench(args = sizes())]
    fn build(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, true);
        let journal = journal_path(&dir, &key);
        let index = journal_index::path_of(&journal);
        bencher
            .with_inputs(|| {
                let _ = std::fs::remove_file(&index);
            })
            .bench_local_values(|()| journal_index::read_and_index(&journal).expect("build"));
    }

    /// One line appended behind the index's back (a `journal add` from
    /// the shell, a kill before the index followed the last saves): the
    /// next opening reads that line alone and writes the index anew from
    /// the old one's rows and its row, where it used to read the journal
    /// whole (`build`).
    #[divan::bench(args = sizes())]
    fn catch_up_one_line(bencher: Bencher, size: usize) {
        let (dir, key) = fixture_for(size, "catch up");
        let journal = journal_path(&dir, &key);
        if journal_index::read_fresh(&journal).is_none() {
            journal_index::read_and_index(&journal).expect("index the journal");
        }
        let index = journal_index::path_of(&journal);
        let stale = std::fs::read(&index).expect("the index");
        let original = std::fs::read(&journal).expect("the journal").len() as u64;
        let new = trustwork::domain::JournalEntry::new(
            uuid::Uuid::now_v7(),
            trustwork::domain::NewEntry {
                body: "written from the shell".into(),
                ..Default::default()
            },
            trustwork::domain::now(),
        );
        let line = format!("{}\n", serde_json::to_string(&new).expect("a line"));
        bencher
            .with_inputs(|| {
                use std::io::{Seek, Write};
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&journal)
                    .expect("the journal opens");
                file.set_len(original).expect("cut back");
                file.seek(std::io::SeekFrom::End(0)).expect("to its end");
                file.write_all(line.as_bytes()).expect("appended");
                std::fs::write(&index, &stale).expect("the stale index back");
            })
            .bench_local_values(|()| journal_index::read_caught_up(&journal).expect("caught up"));
    }

    /// A fresh index read and checked against the journal (one read and a
    /// checksum; no row decoded), with its lookup by id made, as the
    /// reading thread hands it to the list.
    #[divan::bench(args = sizes())]
    fn open(bencher: Bencher, size: usize) {
        let (dir, key) = indexed(size);
        let journal = journal_path(&dir, &key);
        bencher.bench_local(|| {
            let index = journal_index::read_fresh(&journal).expect("a fresh index");
            index.prepare();
            index
        });
    }

    /// Journal ready: the first frame, the index read, key 2, the journal
    /// list drawn from the index (the journal itself still to come), as
    /// the peer harness's "journal ready" row.
    #[divan::bench(args = sizes())]
    fn journal_ready(bencher: Bencher, size: usize) {
        let (dir, key) = indexed(size);
        let journal = journal_path(&dir, &key);
        bencher.bench_local(|| {
            let mut store = store(&dir);
            let mut app = trustwork::app::start_with(content(), &mut store, None, true)
                .expect("the workbook opens");
            fixed_clock(&mut app);
            let mut terminal = terminal();
            draw(&mut terminal, &app);
            let index = journal_index::read_fresh(&journal).expect("a fresh index");
            index.prepare();
            if let Some(session) = app.session.as_mut() {
                session.show_index(index);
            }
            let mut rt = Runtime::new(app, &mut store);
            rt.key(ch('2'));
            draw(&mut terminal, &rt.app);
            black_box(screen_text(&terminal).len())
        });
    }

    /// One entry edited and the journal saved, then waiting until the
    /// index has followed (a line appended and synced; the index, fresh
    /// before, written again with the new row on the keeper's thread).
    /// `save::journal_one_entry` is what the key waits for; this is the
    /// whole work, index included.
    #[divan::bench(args = sizes())]
    fn save_and_follow(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, true);
        let journal_file = journal_path(&dir, &key);
        let mut store = store(&dir);
        store.open(&key).expect("open");
        let mut journal: Journal = journal_index::read_and_index(&journal_file).expect("read");
        let id = journal.entries()[journal.len() / 2].id;
        let mut n = 0u64;
        bencher.bench_local(|| {
            n += 1;
            journal.edit(id, trustwork::domain::now(), |e| {
                e.title = format!("Edited {n}")
            });
            store
                .save_journal(&key, &mut journal)
                .expect("the journal saves");
            store.settle_index();
        });
        assert!(
            journal_index::read_fresh(&journal_file).is_some(),
            "the index followed every save"
        );
        store.close(&key);
    }

    /// ↓ / ↑ in the journal list drawn from the index, the journal itself
    /// not read yet.
    #[divan::bench(args = sizes())]
    fn scroll_before_journal(bencher: Bencher, size: usize) {
        let (dir, workbook) = indexed(size);
        let journal = journal_path(&dir, &workbook);
        let mut store = store(&dir);
        let mut app = trustwork::app::start_with(content(), &mut store, None, true)
            .expect("the workbook opens");
        fixed_clock(&mut app);
        let index = journal_index::read_fresh(&journal).expect("a fresh index");
        index.prepare();
        if let Some(session) = app.session.as_mut() {
            session.show_index(index);
        }
        let mut terminal = terminal();
        let mut rt = Runtime::new(app, &mut store);
        rt.key(ch('2'));
        draw(&mut terminal, &rt.app);
        let mut down = false;
        bencher.bench_local(|| {
            down = !down;
            rt.key(key(if down { KeyCode::Down } else { KeyCode::Up }));
            draw(&mut terminal, &rt.app);
        });
    }
}

/// Saving after one change, fsync included.
mod save {
    use super::*;

    /// One entry edited, then the journal saved: one line appended and
    /// synced.
    #[divan::bench(args = sizes())]
    fn journal_one_entry(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, true);
        let mut store = store(&dir);
        store.open(&key).expect("open");
        let mut journal: Journal = store.read_journal(&key).expect("read the journal");
        let id = journal.entries()[journal.len() / 2].id;
        let mut n = 0u64;
        bencher.bench_local(|| {
            n += 1;
            journal.edit(id, trustwork::domain::now(), |e| {
                e.title = format!("Edited {n}")
            });
            store
                .save_journal(&key, &mut journal)
                .expect("the journal saves");
        });
        store.close(&key);
    }

    /// One answer changed, then the workbook document saved (atomic
    /// write, fsync, backup).
    #[divan::bench(args = sizes())]
    fn workbook_one_answer(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, true);
        let mut store = store(&dir);
        let mut workbook = store.open(&key).expect("open");
        let id = workbook
            .progress
            .answers
            .keys()
            .next()
            .cloned()
            .expect("generated answers");
        let mut n = 0u8;
        bencher.bench_local(|| {
            n = (n + 1) % 11;
            if let Some(answer) = workbook.progress.answers.get_mut(&id) {
                answer.value = AnswerValue::Scale(n);
            }
            workbook.touch(trustwork::domain::now());
            store.save(&key, &workbook).expect("the workbook saves");
        });
        store.close(&key);
    }
}

/// Searching every title and body, as the journal's search box does.
mod search {
    use super::*;

    fn run(bencher: Bencher, size: usize, query: &str) {
        let (dir, key) = fixture(size, false);
        let store = store(&dir);
        let content = content();
        let workbook = store.read(&key).expect("read");
        let journal = store.read_journal(&key).expect("read the journal");
        let filter = Filter {
            query: Some(Query::new(query)),
            ..Filter::default()
        };
        bencher.bench_local(|| {
            journal_view::sources(&content, &workbook, &journal, &filter, Viewer::Shared)
        });
    }

    /// The journal's items built and sorted, no query: the floor under
    /// every search keystroke today.
    #[divan::bench(args = sizes())]
    fn items_only(bencher: Bencher, size: usize) {
        let (dir, key) = fixture(size, false);
        let store = store(&dir);
        let content = content();
        let workbook = store.read(&key).expect("read");
        let journal = store.read_journal(&key).expect("read the journal");
        bencher.bench_local(|| {
            black_box(journal_view::items(
                &content,
                &workbook,
                &journal,
                false,
                Viewer::Shared,
            ))
            .len()
        });
    }

    /// A word found in nearly every entry (stops at the first match).
    #[divan::bench(args = sizes())]
    fn common_word(bencher: Bencher, size: usize) {
        run(bencher, size, "mañana");
    }

    /// Found nowhere: every body read to its end (the worst case).
    #[divan::bench(args = sizes())]
    fn no_match(bencher: Bencher, size: usize) {
        run(bencher, size, "zebra");
    }

    /// Upper case and a non-Latin script, folded.
    #[divan::bench(args = sizes())]
    fn folded_unicode(bencher: Bencher, size: usize) {
        run(bencher, size, "ÄRGER 信頼");
    }

    /// The search the app runs behind the list (issue 20): from the
    /// journal file (in the page cache, never read whole into memory),
    /// with its index in memory as the worker holds it: only each entry's
    /// latest title and body are read and searched, on both cores.
    fn file(bencher: Bencher, size: usize, query: &str, indexed: bool) {
        let (dir, key) = fixture(size, false);
        let path = dir.join(format!("{key}.journal.jsonl"));
        let index = indexed.then(|| {
            journal_index::read_for_search(&path).unwrap_or_else(|| {
                journal_index::read_and_index(&path).expect("read the journal");
                journal_index::read_for_search(&path).expect("an index")
            })
        });
        // The order of lines is worked out once per index, as the worker
        // keeps it between letters.
        if let Some(index) = &index {
            index.by_line();
        }
        let query = Query::new(query);
        bencher.bench_local(|| {
            let mut found = 0;
            journal_view::byte_search::search_file(&path, index.as_ref(), &query, 4, |ids| {
                found += ids.len();
                true
            })
            .expect("a plain journal");
            found
        });
    }

    /// Two frequent letters from the file (`tr`, the second letter of
    /// `as_you_type_whole_result`): a candidate at every `r`.
    #[divan::bench(args = sizes())]
    fn file_two_letters(bencher: Bencher, size: usize) {
        file(bencher, size, "tr", true);
    }

    /// A common word of frequent letters from the file: found in most
    /// entries, but often deep in the body.
    #[divan::bench(args = sizes())]
    fn file_frequent_word(bencher: Bencher, size: usize) {
        file(bencher, size, "together", true);
    }

    /// `common_word` from the file.
    #[divan::bench(args = sizes())]
    fn file_common_word(bencher: Bencher, size: usize) {
        file(bencher, size, "mañana", true);
    }

    /// `no_match` from the file.
    #[divan::bench(args = sizes())]
    fn file_no_match(bencher: Bencher, size: usize) {
        file(bencher, size, "zebra", true);
    }

    /// `folded_unicode` from the file.
    #[divan::bench(args = sizes())]
    fn file_folded_unicode(bencher: Bencher, size: usize) {
        file(bencher, size, "ÄRGER 信頼", true);
    }

    /// A first letter from the file: nearly every entry matches.
    #[divan::bench(args = sizes())]
    fn file_first_letter(bencher: Bencher, size: usize) {
        file(bencher, size, "t", true);
    }

    /// `no_match` from the file without its index (an index missing or
    /// not describing the file any more): every line scanned.
    #[divan::bench(args = sizes())]
    fn file_no_match_without_index(bencher: Bencher, size: usize) {
        file(bencher, size, "zebra", false);
    }

    /// A key typed in the search box until the list holds the whole
    /// result, the search behind the list as in the app (from the file,
    /// through the index; from 5,000 entries the list comes from the index
    /// and the journal is held in part, as the app holds it): a first
    /// letter (nearly every entry found), then a second letter.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn as_you_type_whole_result(bencher: Bencher, size: usize) {
        let in_part = size >= trustwork::app::IN_PART_FROM;
        let (dir, index) = match in_part {
            true => {
                let (dir, _, index) = super::in_part::indexed(size, false);
                (dir, Some(index))
            }
            false => (fixture(size, false).0, None),
        };
        let mut store = store(&dir);
        let mut running = match index {
            Some(index) => super::in_part::running(&mut store, index),
            None => Running::new(&mut store, &[ch('2')]),
        };
        running.press(ch('/'));
        let running = RefCell::new(running);
        running.borrow_mut().rt.search_behind = true;
        let mut letter = 0;
        bencher
            .with_inputs(|| {
                let mut running = running.borrow_mut();
                // Every other sample starts from an empty box (the first
                // letter); the others add a second letter to the first.
                letter += 1;
                if letter % 2 == 1 {
                    running.press(key(KeyCode::Backspace));
                    running.press(key(KeyCode::Backspace));
                    running.wait_for_search();
                    't'
                } else {
                    'r'
                }
            })
            .bench_local_values(|typed| {
                let mut running = running.borrow_mut();
                running.press(ch(typed));
                running.wait_for_search();
            });
    }
}

/// Drawing a screen that is already open (no key pressed).
mod render {
    use super::*;

    fn run(bencher: Bencher, size: usize, keys: &[KeyEvent], showing: &str) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let mut running = Running::new(&mut store, keys).showing(showing);
        bencher.bench_local(|| running.frame());
    }

    #[divan::bench(args = sizes())]
    fn journal(bencher: Bencher, size: usize) {
        run(bencher, size, &[ch('2')], "Search /");
    }

    #[divan::bench(args = sizes())]
    fn dashboard(bencher: Bencher, size: usize) {
        run(bencher, size, &[ch('4')], "Check-ins");
    }

    /// The page the workbook opens on.
    #[divan::bench(args = sizes())]
    fn resume_page(bencher: Bencher, size: usize) {
        run(bencher, size, &[], "Stage 7 of 7");
    }
}

/// A key press and the frame after it.
mod keystroke {
    use super::*;

    /// Moves the journal's selection down and up, a row a key.
    #[divan::bench(args = sizes())]
    fn scroll_journal(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let mut running = Running::new(&mut store, &[ch('2'), ch('j'), ch('j')]).showing("3/");
        let mut down = false;
        bencher.bench_local(|| {
            down = !down;
            running.press(key(if down { KeyCode::Down } else { KeyCode::Up }));
        });
    }

    /// Types in a new entry's text box (a letter, then Backspace).
    #[divan::bench(args = sizes())]
    fn type_in_editor(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let mut running = Running::new(&mut store, &[ch('2'), ch('a'), ch('h'), ch('i')])
            .showing("New journal entry");
        let mut typed = false;
        bencher.bench_local(|| {
            typed = !typed;
            running.press(if typed {
                ch('x')
            } else {
                key(KeyCode::Backspace)
            });
        });
    }

    /// Types in the journal's search box ("trus" + "t", then Backspace):
    /// the key and its frame. From 5,000 entries the search itself runs
    /// behind the list (see `search::as_you_type_whole_result` for how
    /// long the whole result takes); below, the parsed journal is
    /// filtered before the frame.
    #[divan::bench(args = sizes())]
    fn type_in_search(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let keys = [ch('2'), ch('/'), ch('t'), ch('r'), ch('u'), ch('s')];
        let mut running = Running::new(&mut store, &keys).showing("Search trus");
        // As in the app: a long journal is searched behind the list, and
        // the key waits only for its frame.
        running.rt.search_behind = true;
        let mut typed = false;
        bencher.bench_local(|| {
            typed = !typed;
            running.press(if typed {
                ch('t')
            } else {
                key(KeyCode::Backspace)
            });
        });
    }

    /// The first letter of a search ("t", then Backspace to an empty box):
    /// the key and its frame, nothing before it to narrow (the search
    /// behind the list from 5,000 entries, as `type_in_search`).
    #[divan::bench(args = sizes())]
    fn first_letter_in_search(bencher: Bencher, size: usize) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let keys = [ch('2'), ch('/')];
        let mut running = Running::new(&mut store, &keys);
        running.rt.search_behind = true;
        let mut typed = false;
        bencher.bench_local(|| {
            typed = !typed;
            running.press(if typed {
                ch('t')
            } else {
                key(KeyCode::Backspace)
            });
        });
    }

    /// `setup` (untimed) then `key` (timed), one key per sample, for keys
    /// that change screens and need the screen put back before the next.
    fn toggled(
        bencher: Bencher,
        size: usize,
        before: &[KeyEvent],
        setup: KeyEvent,
        timed: KeyEvent,
    ) {
        let (dir, _) = fixture(size, false);
        let mut store = store(&dir);
        let running = RefCell::new(Running::new(&mut store, before));
        bencher
            .with_inputs(|| running.borrow_mut().press(setup))
            .bench_local_values(|()| running.borrow_mut().press(timed));
    }

    /// Enter on the journal's selected entry: the entry opens.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_entry(bencher: Bencher, size: usize) {
        toggled(
            bencher,
            size,
            &[ch('2'), key(KeyCode::Enter)],
            key(KeyCode::Esc),
            key(KeyCode::Enter),
        );
    }

    /// Esc on an open entry: back to the journal's list.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn close_entry(bencher: Bencher, size: usize) {
        toggled(
            bencher,
            size,
            &[ch('2')],
            key(KeyCode::Enter),
            key(KeyCode::Esc),
        );
    }

    /// `2` from the stages: the journal opens (its list is built).
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_journal(bencher: Bencher, size: usize) {
        toggled(bencher, size, &[], ch('1'), ch('2'));
    }

    /// `4` from the stages: the dashboard opens (weeks are counted).
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_dashboard(bencher: Bencher, size: usize) {
        toggled(bencher, size, &[], ch('1'), ch('4'));
    }
}

/// A journal held in part (from 5,000 entries, as the app holds one): the
/// list from the index, each entry read from its own line when it is
/// used. Keys and their frames.
mod in_part {
    use super::*;
    use trustwork::storage::journal_index;

    /// The fixture's journal with a fresh index beside it, and that index.
    pub(super) fn indexed(
        size: usize,
        writable: bool,
    ) -> (PathBuf, WorkbookKey, journal_index::JournalIndex) {
        let (dir, key) = fixture_for(
            size,
            if writable {
                "in part, write"
            } else {
                "in part"
            },
        );
        let journal = dir.join(format!("{key}.journal.jsonl"));
        let index = match journal_index::read_fresh(&journal) {
            Some(index) => index,
            None => {
                journal_index::read_and_index(&journal).expect("index the journal");
                journal_index::read_fresh(&journal).expect("a fresh index")
            }
        };
        index.prepare();
        (dir, key, index)
    }

    /// The app on the journal list, the journal held in part.
    pub(super) fn running(
        store: &mut JsonStore,
        index: journal_index::JournalIndex,
    ) -> Running<'_> {
        let mut app =
            trustwork::app::start_with(content(), store, None, true).expect("the workbook opens");
        fixed_clock(&mut app);
        if let Some(session) = app.session.as_mut() {
            session.show_index(index);
        }
        let mut running = Running {
            rt: Runtime::new(app, store),
            terminal: terminal(),
        };
        running.frame();
        running.press(ch('2'));
        running
    }

    /// Enter on an entry not opened before: its line read, the entry
    /// drawn (untimed: Esc and ↓ to the next one).
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_entry_from_its_line(bencher: Bencher, size: usize) {
        let (dir, _, index) = indexed(size, false);
        let mut store = store(&dir);
        let running = RefCell::new(running(&mut store, index));
        bencher
            .with_inputs(|| {
                let mut running = running.borrow_mut();
                running.press(key(KeyCode::Esc));
                running.press(key(KeyCode::Down));
            })
            .bench_local_values(|()| running.borrow_mut().press(key(KeyCode::Enter)));
    }

    /// A new entry saved (Esc in its editor: one line appended and
    /// synced, the index followed behind) and the list drawn.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn save_new_entry(bencher: Bencher, size: usize) {
        let (dir, _, index) = indexed(size, true);
        let mut store = store(&dir);
        let running = RefCell::new(running(&mut store, index));
        bencher
            .with_inputs(|| {
                let mut running = running.borrow_mut();
                running.press(ch('a'));
                running.press(ch('x'));
            })
            .bench_local_values(|()| running.borrow_mut().press(key(KeyCode::Esc)));
        running
            .borrow_mut()
            .rt
            .store
            .close(&WorkbookKey(bench_data::DEFAULT_NAME.into()));
    }

    /// `d` on an entry (read from its line, moved to the trash, saved as
    /// one line) and the list drawn; `u` puts it back, untimed.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn delete_entry(bencher: Bencher, size: usize) {
        toggled(bencher, size, true, ch('u'), ch('d'));
    }

    /// `setup` (untimed) then `timed`, one key a sample, the journal held
    /// in part (its own copy when the keys write).
    fn toggled(bencher: Bencher, size: usize, writes: bool, setup: KeyEvent, timed: KeyEvent) {
        let (dir, _, index) = indexed(size, writes);
        let mut store = store(&dir);
        let running = RefCell::new(running(&mut store, index));
        bencher
            .with_inputs(|| running.borrow_mut().press(setup))
            .bench_local_values(|()| running.borrow_mut().press(timed));
    }

    /// `4`: the dashboard, its weekly counts from the index.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_dashboard(bencher: Bencher, size: usize) {
        toggled(bencher, size, false, ch('1'), ch('4'));
    }

    /// `2`: the journal list from the index and the entries in memory.
    #[divan::bench(args = sizes(), sample_size = 1)]
    fn open_journal(bencher: Bencher, size: usize) {
        toggled(bencher, size, false, ch('1'), ch('2'));
    }

    /// What `t` does first in part: every trashed entry the index lists
    /// read from its line (the trash is shown from entries).
    #[divan::bench(args = sizes())]
    fn read_in_trash(bencher: Bencher, size: usize) {
        let (dir, key, index) = indexed(size, false);
        let store = store(&dir);
        let workbook = store.read(&key).expect("the workbook reads");
        bencher
            .with_inputs(|| {
                let mut open = trustwork::open::OpenWorkbook::without_journal(
                    key.clone(),
                    workbook.clone(),
                    Clock::System,
                );
                open.show_index(index.clone());
                open
            })
            .bench_local_values(|mut open| {
                assert!(open.read_in_trash(&store));
                open
            });
    }
}
