//! The journal's search, off the thread that draws: a worker keeps the
//! journal file's bytes in one buffer (read again when the file changes,
//! let go when the search ends) and searches them (see
//! `journal_view::byte_search`), newest lines first, sending what each
//! stretch found as soon as it is searched. A newer search stops an older
//! one between stretches; the screen drops results of an older search by
//! their generation.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use uuid::Uuid;

use crate::domain::search::Query;
use crate::journal_view::byte_search;

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

/// Below this many bytes a journal is searched in one go.
const ONE_GO: usize = 4 << 20;

/// One search to run.
struct Job {
    path: PathBuf,
    generation: u64,
    query: String,
}

/// The journal file as the worker read it last, checked as UTF-8 once.
struct Buffer {
    path: PathBuf,
    len: u64,
    modified: Option<std::time::SystemTime>,
    text: String,
}

/// The search worker, started with the first search.
#[derive(Default)]
pub struct Searcher {
    jobs: Option<Sender<Job>>,
    found: Option<Receiver<Found>>,
    /// The generation of the search still running, if one is.
    running: Option<u64>,
}

impl Searcher {
    /// Starts a search of the journal at `path` (an empty query lets the
    /// file's bytes go).
    pub fn start(&mut self, path: PathBuf, generation: u64, query: String) {
        if self.jobs.is_none() {
            let (jobs, receive_jobs) = channel::<Job>();
            let (send_found, found) = channel::<Found>();
            let spawned = std::thread::Builder::new()
                .name("search".into())
                .spawn(move || work(&receive_jobs, &send_found));
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
            })
            .is_ok()
        });
        self.running = (sent && !empty).then_some(generation);
    }

    /// Whether a search is still running.
    pub fn pending(&self) -> bool {
        self.running.is_some()
    }

    /// What the worker found since the last look, oldest first.
    pub fn arrived(&mut self) -> Vec<Found> {
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
/// worker).
pub fn search_here(path: &Path, generation: u64, query: &str) -> Found {
    let mut ids = Vec::new();
    let searched = std::fs::read_to_string(path).ok().and_then(|text| {
        byte_search::search(&text, &Query::new(query), 1, |found| {
            ids.extend(found);
            true
        })
        .ok()
    });
    Found {
        generation,
        ids: searched.map(|_| ids),
        done: true,
    }
}

/// The worker: one search at a time, the newest asked for.
fn work(jobs: &Receiver<Job>, found: &Sender<Found>) {
    let mut buffer: Option<Buffer> = None;
    let mut next = jobs.recv().ok();
    while let Some(job) = next.take() {
        if job.query.trim().is_empty() {
            buffer = None;
            next = jobs.recv().ok();
            continue;
        }
        let text = match read(&mut buffer, &job.path) {
            Some(buffer) => &buffer.text,
            None => {
                let _ = found.send(unsearchable(job.generation));
                next = jobs.recv().ok();
                continue;
            }
        };
        let stretches = if text.len() < ONE_GO { 1 } else { STRETCHES };
        let query = Query::new(&job.query);
        let mut newer = None;
        let searched = byte_search::search(text, &query, stretches, |ids| {
            // A newer search makes this one moot: stop between stretches.
            if let Ok(job) = jobs.try_recv() {
                newer = Some(job);
                return false;
            }
            found
                .send(Found {
                    generation: job.generation,
                    ids: Some(ids),
                    done: false,
                })
                .is_ok()
        });
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
        next = match newer {
            Some(job) => Some(job),
            None => jobs.recv().ok(),
        };
    }
}

fn unsearchable(generation: u64) -> Found {
    Found {
        generation,
        ids: None,
        done: true,
    }
}

/// The journal's bytes, read again only when the file changed (its
/// length or modification time).
fn read<'b>(buffer: &'b mut Option<Buffer>, path: &Path) -> Option<&'b Buffer> {
    // Only a regular file: a pipe would block this thread for ever.
    let meta = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file())?;
    let (len, modified) = (meta.len(), meta.modified().ok());
    let fresh = buffer
        .as_ref()
        .is_some_and(|b| b.path == path && b.len == len && b.modified == modified);
    if !fresh {
        *buffer = None;
        let text = std::fs::read_to_string(path).ok()?;
        *buffer = Some(Buffer {
            path: path.to_path_buf(),
            len,
            modified,
            text,
        });
    }
    buffer.as_ref()
}
