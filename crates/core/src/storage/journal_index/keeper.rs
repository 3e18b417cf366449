//! Keeps the index fresh across saves, on a thread of its own: a save
//! appends its lines and returns at once, and the index (megabytes for a
//! journal of years) is written again behind it, once for a run of saves
//! (see `Keeper::held`), as is the backup copy of a long journal. Jobs run in the order
//! the saves came, so each finds the index the one before left. Dropping
//! the keeper waits for the jobs still queued, so an index is not left
//! stale by quitting just after a save.

use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;

use super::{Fingerprint, Row};

/// What a save did to the journal, for the index to follow.
pub(crate) enum Job {
    /// Lines were appended: `rows` (offsets counted from `before.len`)
    /// took the journal from `before` to `after`.
    Appended {
        journal: PathBuf,
        before: Fingerprint,
        after: Fingerprint,
        rows: Vec<Row>,
    },
    /// The journal was written whole: `rows` are all of it.
    Rewritten {
        journal: PathBuf,
        after: Fingerprint,
        rows: Vec<Row>,
    },
    /// Other work a save leaves behind it (the backup copy of a long
    /// journal), in the same order as the index's.
    Behind(Box<dyn FnOnce() + Send>),
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Job::Appended { .. } => "Job::Appended",
            Job::Rewritten { .. } => "Job::Rewritten",
            Job::Behind(_) => "Job::Behind",
        })
    }
}

impl Job {
    /// Failing to write the index loses nothing (it is rebuilt at the
    /// next opening), so the failure is dropped.
    pub fn run(self) {
        let _ = match self {
            Job::Appended {
                journal,
                before,
                after,
                rows,
            } => super::after_append(&journal, before, after, rows),
            Job::Rewritten {
                journal,
                after,
                rows,
            } => super::after_rewrite(&journal, after, rows),
            Job::Behind(work) => {
                work();
                Ok(())
            }
        };
    }
}

/// The thread that runs [`Job`]s, started with the first.
#[derive(Debug, Default)]
pub(crate) struct Keeper {
    jobs: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
    /// Appends not handed to the thread yet: saves one after another each
    /// add their rows here, and the index (megabytes for a journal of
    /// years) is written once for all of them, when the workbook is
    /// closed, the store dropped, or another kind of job comes. Until
    /// then the index file is stale, which costs nothing but a slower
    /// next opening should the process be killed.
    held: Option<Job>,
}

impl Keeper {
    pub fn submit(&mut self, job: Job) {
        let job = match (self.held.take(), job) {
            (None, job @ Job::Appended { .. }) => {
                self.held = Some(job);
                return;
            }
            (Some(mut held), job @ Job::Appended { .. }) => {
                if let Some(job) = merge_into(&mut held, job) {
                    self.send(held);
                    self.held = Some(job);
                } else {
                    self.held = Some(held);
                }
                return;
            }
            (Some(held), job) => {
                self.send(held);
                job
            }
            (None, job) => job,
        };
        self.send(job);
    }

    /// Drops the appends held so far, unwritten: the journal is about to
    /// be written anew, and its index with it.
    pub fn forget_held(&mut self) {
        self.held = None;
    }

    /// Hands the appends held so far to the thread.
    pub fn flush(&mut self) {
        if let Some(held) = self.held.take() {
            self.send(held);
        }
    }

    fn send(&mut self, job: Job) {
        if self.jobs.is_none() {
            let (send, receive) = channel::<Job>();
            let spawned = std::thread::Builder::new()
                .name("journal index".into())
                .spawn(move || receive.into_iter().for_each(Job::run));
            match spawned {
                Ok(worker) => {
                    self.jobs = Some(send);
                    self.worker = Some(worker);
                }
                // No thread to be had: do it here.
                Err(_) => return job.run(),
            }
        }
        if let Some(jobs) = &self.jobs
            && let Err(unsent) = jobs.send(job)
        {
            unsent.0.run();
        }
    }

    /// Waits until every job submitted so far is done.
    pub fn settle(&mut self) {
        self.flush();
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Adds append `second` to append `first` when it follows it in the same
/// journal with nothing between them; else gives `second` back.
fn merge_into(first: &mut Job, second: Job) -> Option<Job> {
    let Job::Appended {
        journal,
        before,
        after,
        rows,
    } = first
    else {
        return Some(second);
    };
    match second {
        Job::Appended {
            journal: next_journal,
            before: next_before,
            after: next_after,
            rows: next_rows,
        } if *journal == next_journal && *after == next_before => {
            // The second's rows count from where the first's lines end.
            let shift = after.len - before.len;
            rows.extend(next_rows.into_iter().map(|mut row| {
                row.offset += shift;
                row
            }));
            *after = next_after;
            None
        }
        second => Some(second),
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.settle();
    }
}
