//! One lock file per workbook, so a second trustwork cannot write it too.
//!
//! The lock itself is an OS file lock (`File::try_lock`), which the OS drops
//! when the process dies; a lock file left behind by a crash is therefore
//! simply taken over. The text inside only says who holds it, so a refused
//! instance can tell the user where the workbook is open.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::SecondsFormat;

use crate::domain::now;

/// Shown when the lock is held but its file does not say by whom (it may
/// be between locking and writing, or unreadable while locked on Windows).
const UNKNOWN_HOLDER: &str = "another process";

/// How often to retry when the lock file is swapped under us; this only
/// happens when the holder releases at the same moment, so a few tries do.
const ATTEMPTS: usize = 5;

/// A held lock. Dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub(crate) struct LockFile {
    file: File,
    path: PathBuf,
    holder: String,
}

/// The outcome of trying to take a lock.
#[derive(Debug)]
pub(crate) enum Attempt {
    Acquired(LockFile),
    /// Someone else holds it; the text says who.
    Held {
        holder: String,
    },
}

/// Tries once, without waiting, to take the lock at `path`.
pub(crate) fn try_lock(path: &Path) -> io::Result<Attempt> {
    for _ in 0..ATTEMPTS {
        // Not truncated on open: until we hold the lock, the text belongs to
        // whoever does.
        let file = open_lock_file(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Ok(Attempt::Held {
                    holder: holder(path),
                });
            }
            Err(TryLockError::Error(err)) => return Err(err),
        }
        // A releasing holder removes the file while we wait to lock it; then
        // we locked an orphan and the path is free for someone else. Retry.
        if !still_at(&file, path)? {
            continue;
        }
        file.set_len(0)?;
        let holder = this_process();
        writeln!(&file, "{holder}")?;
        return Ok(Attempt::Acquired(LockFile {
            file,
            path: path.to_path_buf(),
            holder,
        }));
    }
    Err(io::Error::other(format!(
        "the lock file {} kept changing while trying to take it",
        path.display()
    )))
}

impl LockFile {
    /// What this lock file says about its holder (us).
    pub(crate) fn holder(&self) -> &str {
        &self.holder
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        // Removed while still locked, so nobody can lock this file between
        // our unlock and the removal. The error is ignored: a leftover lock
        // file is harmless (it is recovered by the next open).
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Whether `file` is still the file at `path` (not renamed over or
/// removed since it was opened).
#[cfg(unix)]
pub(super) fn still_at(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata()?;
    match fs::metadata(path) {
        Ok(there) => Ok(ours.dev() == there.dev() && ours.ino() == there.ino()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err),
    }
}

/// Elsewhere an open file cannot be swapped out from under its path this
/// way, so the file we locked is the one at `path`.
#[cfg(not(unix))]
pub(super) fn still_at(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

fn holder(path: &Path) -> String {
    match fs::read_to_string(path) {
        Ok(text) if !text.trim().is_empty() => text.trim().to_string(),
        _ => UNKNOWN_HOLDER.to_string(),
    }
}

/// A lock file's text as a person reads it: the time it was taken ("since
/// …", written in the holder's zone) in the reader's zone, as every other
/// time is shown.
pub fn shown_holder(holder: &str, clock: crate::domain::Clock) -> String {
    let Some((who, since)) = holder.rsplit_once(" since ") else {
        return holder.to_string();
    };
    match chrono::DateTime::parse_from_rfc3339(since.trim()) {
        Ok(at) => format!("{who} since {}", clock.local(at).format("%Y-%m-%d %H:%M")),
        Err(_) => holder.to_string(),
    }
}

/// Who we are, as written into a lock file we hold.
fn this_process() -> String {
    format!(
        "pid {} on {} since {}",
        std::process::id(),
        hostname().unwrap_or_else(|| "unknown host".to_string()),
        now().to_rfc3339_opts(SecondsFormat::Secs, false)
    )
}

/// Best effort without a dependency: the kernel's name on Linux, the
/// conventional files and variables elsewhere.
fn hostname() -> Option<String> {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .into_iter()
        .filter_map(|p| fs::read_to_string(p).ok());
    let from_env = ["HOSTNAME", "COMPUTERNAME"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok());
    from_file
        .chain(from_env)
        .map(|h| h.trim().to_string())
        .find(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_time_a_lock_was_taken_is_shown_in_the_readers_zone() {
        let utc = crate::domain::Clock::Fixed(
            chrono::DateTime::parse_from_rfc3339("2026-12-04T08:00:00+00:00").unwrap(),
        );
        assert_eq!(
            shown_holder("pid 7 on vm since 2026-12-04T15:51:29+09:00", utc),
            "pid 7 on vm since 2026-12-04 06:51"
        );
        assert_eq!(shown_holder("another process", utc), "another process");
    }
}
