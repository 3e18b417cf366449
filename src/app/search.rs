//! The journal's search, off the thread that draws: a worker searches the
//! journal file (see `journal_view::byte_search::search_file`), never
//! holding it in memory: with the journal's index it reads only each
//! entry's latest title and body. The index is the session's while the
//! list comes from it; else the worker reads it from beside the journal
//! at the first search and keeps it (a fifth of the journal's size, read
//! again when a save rewrites it), so a first letter does not wait for
//! it again. Without one, the file's lines are read a chunk at a time.
//! Newest lines first, sending what each stretch found as soon as it is
//! searched. A newer search stops an older one between stretches; the
//! screen drops results of an older search by their generation.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::SystemTime;

use uuid::Uuid;

use crate::domain::search::Query;
use crate::journal_view::byte_search;
use crate::storage::journal_index::{self, JournalIndex};

/// What a search found, for the journal list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The search it answers (see [`crate::app::Effect::Search`]).
    pub generation: u64,
    /// Entries found in one more stretch of the file; `None` when the
    /// file cannot be searched as bytes (then search the parsed entries).
    pub ids: Option<Vec<Uuid>>,
    /// Whether the whole file has been searched.
    pub done: bool,
}

/// How many stretches a long journal is searched in: each one's results
/// reach the screen as soon as it is done.
const STRETCHES: usize = 4;

/// Below this many bytes a journal is searched in one go: through the
/// index, 100 MB take about one frame's time (10–20 ms), so showing it
/// in stretches would only list the rows again for each, and the whole
/// result come later.
const ONE_GO: u64 = 256 << 20;

/// One search to run.
struct Job {
    path: PathBuf,
    generation: u64,
    query: String,
    /// The session's index of the journal, when the list comes from it.
    index: Option<Arc<JournalIndex>>,
}

/// The index the worker read from beside the journal, kept between
/// letters: read again when its file changes (a save wrote it anew).
struct Held {
    journal: PathBuf,
    /// The index file's length and modification time when read.
    stamp: Option<(u64, SystemTime)>,
    index: Option<Arc<JournalIndex>>,
}

/// The search worker, started with the first search.
#[derive(Default)]
pub struct Searcher {
    jobs: Option<Sender<Job>>,
    found: Option<Receiver<Found>>,
    /// The generation of the search still running, if one is.
    running: Option<u64>,
    /// The generation of the newest search asked for, shared with the
    /// worker: an older one still under way gives up within a chunk.
    latest: Arc<AtomicU64>,
}

impl Searcher {
    /// Starts a search of the journal at `path` (an empty query only ends
    /// the one running). `index`: the session's, if it has one.
    pub fn start(
        &mut self,
        path: PathBuf,
        generation: u64,
        query: String,
        index: Option<Arc<JournalIndex>>,
    ) {
        self.latest.store(generation, Ordering::Relaxed);
        if self.jobs.is_none() {
            let (jobs, receive_jobs) = channel::<Job>();
            let (send_found, found) = channel::<Found>();
            let latest = Arc::clone(&self.latest);
            let spawned = std::thread::Builder::new()
                .name("search".into())
                .spawn(move || work(&receive_jobs, &send_found, &latest));
            if spawned.is_err() {
                return;
            }
            self.jobs = Some(jobs);
            self.found = Some(found);
        }
        let empty = query.trim().is_empty();
        let sent = self.jobs.as_ref().is_some_and(|jobs| {
            jobs.send(Job {
                path,
                generation,
                query,
                index,
            })
            .is_ok()
        });
        self.running = (sent && !empty).then_some(generation);
    }

    /// Whether a search is still running.
    pub fn pending(&self) -> bool {
        self.running.is_some()
    }

    /// What the worker found since the last look, oldest first; what one
    /// search found in several stretches since the last look comes as
    /// one (the list is rebuilt once for it, not once a stretch).
    pub fn arrived(&mut self) -> Vec<Found> {
        let mut merged: Vec<Found> = Vec::new();
        for next in self.each_arrived() {
            match merged.last_mut() {
                Some(last)
                    if last.generation == next.generation && !last.done && next.ids.is_some() =>
                {
                    if let (Some(ids), Some(more)) = (&mut last.ids, next.ids) {
                        ids.extend(more);
                    }
                    last.done = next.done;
                }
                _ => merged.push(next),
            }
        }
        merged
    }

    /// Each message of the worker since the last look, oldest first.
    fn each_arrived(&mut self) -> Vec<Found> {
        let mut all = Vec::new();
        let Some(found) = &self.found else {
            return all;
        };
        loop {
            match found.try_recv() {
                Ok(next) => {
                    if next.done && self.running == Some(next.generation) {
                        self.running = None;
                    }
                    all.push(next);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    break;
                }
            }
        }
        all
    }
}

/// Searches the journal at `path` here, whole: for a front end that must
/// have the result before its next frame (tests, and stores without a
/// worker). `index`: the session's, else the one beside the journal.
pub fn search_here(
    path: &Path,
    generation: u64,
    query: &str,
    index: Option<Arc<JournalIndex>>,
) -> Found {
    let index = index.or_else(|| journal_index::read_for_search(path).map(Arc::new));
    let query = Query::new(query);
    let mut ids = Vec::new();
    let mut searched = byte_search::search_file(path, index.as_deref(), &query, 1, |found| {
        ids.extend(found);
        true
    });
    if searched.is_err() && index.is_some() {
        // The index did not describe the file as it is: its lines then.
        ids.clear();
        searched = byte_search::search_file(path, None, &query, 1, |found| {
            ids.extend(found);
            true
        });
    }
    Found {
        generation,
        ids: searched.ok().map(|_| ids),
        done: true,
    }
}

/// The worker: one search at a time, the newest asked for.
fn work(jobs: &Receiver<Job>, found: &Sender<Found>, latest: &AtomicU64) {
    let mut held: Option<Held> = None;
    let mut next = jobs.recv().ok();
    while let Some(job) = next.take() {
        if job.query.trim().is_empty() {
            next = jobs.recv().ok();
            continue;
        }
        let index = match &job.index {
            Some(index) => Some(Arc::clone(index)),
            None => index_beside(&mut held, &job.path),
        };
        let long = std::fs::metadata(&job.path).is_ok_and(|m| m.len() >= ONE_GO);
        let stretches = if long { STRETCHES } else { 1 };
        let query = Query::new(&job.query);
        let mut newer = None;
        let asked = Asked {
            jobs,
            found,
            latest,
        };
        let mut searched = search_job(
            &job,
            index.as_deref(),
            &query,
            stretches,
            &asked,
            &mut newer,
        );
        if searched.is_err() && index.is_some() && newer.is_none() {
            // The index did not describe the file as it is: its lines
            // then, read one by one (what was found already stays found).
            searched = search_job(&job, None, &query, stretches, &asked, &mut newer);
        }
        match searched {
            Ok(true) => {
                let _ = found.send(Found {
                    generation: job.generation,
                    ids: Some(Vec::new()),
                    done: true,
                });
            }
            Ok(false) => {}
            Err(byte_search::NotSearchable) => {
                let _ = found.send(unsearchable(job.generation));
            }
        }
        // The session's index is not held while waiting for the next
        // search: a rewrite of the journal replaces it, and megabytes of
        // the old one would stay here beside the new.
        drop(index);
        drop(job);
        next = match newer {
            Some(job) => Some(job),
            None => jobs.recv().ok(),
        };
    }
}

/// The worker's ends of the channels, and the newest generation asked
/// for.
struct Asked<'a> {
    jobs: &'a Receiver<Job>,
    found: &'a Sender<Found>,
    latest: &'a AtomicU64,
}

/// Runs `job`'s search, sending what each stretch finds; stops when a
/// newer search was asked for (within a chunk), putting a newer job
/// that came between stretches in `newer`.
fn search_job(
    job: &Job,
    index: Option<&JournalIndex>,
    query: &Query,
    stretches: usize,
    asked: &Asked<'_>,
    newer: &mut Option<Job>,
) -> Result<bool, byte_search::NotSearchable> {
    let moot = || asked.latest.load(Ordering::Relaxed) != job.generation;
    byte_search::search_file_until(&job.path, index, query, stretches, &moot, |ids| {
        // A newer search makes this one moot: stop between stretches.
        if let Ok(job) = asked.jobs.try_recv() {
            *newer = Some(job);
            return false;
        }
        asked
            .found
            .send(Found {
                generation: job.generation,
                ids: Some(ids),
                done: false,
            })
            .is_ok()
    })
}

fn unsearchable(generation: u64) -> Found {
    Found {
        generation,
        ids: None,
        done: true,
    }
}

/// The index beside the journal at `journal`, read again only when its
/// file changed (its length or modification time); `None` when there is
/// none that covers the journal (then the file's lines are searched).
fn index_beside(held: &mut Option<Held>, journal: &Path) -> Option<Arc<JournalIndex>> {
    let stamp = std::fs::metadata(journal_index::path_of(journal))
        .ok()
        .and_then(|m| Some((m.len(), m.modified().ok()?)));
    let fresh = held
        .as_ref()
        .is_some_and(|h| h.journal == journal && h.stamp == stamp && stamp.is_some());
    if !fresh {
        // The old one goes before the new one is read: never both.
        *held = None;
        *held = Some(Held {
            journal: journal.to_path_buf(),
            stamp,
            index: journal_index::read_for_search(journal).map(Arc::new),
        });
    }
    held.as_ref().and_then(|h| h.index.clone())
}
