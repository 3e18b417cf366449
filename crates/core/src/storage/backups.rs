//! Backups: earlier versions of a workbook and of its journal, kept in
//! one folder per workbook so a damaged file can be put back.
//!
//! ```text
//! DIR/backups/<key>/<stamp>-<n>.json            a saved workbook
//! DIR/backups/<key>/<stamp>-<n>.journal.jsonl   a copy of its journal file
//! ```
//!
//! Which are kept, for each kind on its own: the [`BACKUPS_KEPT`] newest,
//! then the newest of each of the [`DAILY_BACKUPS_KEPT`] most recent days
//! that those do not already cover. A busy evening of saves then pushes
//! out only that evening's earlier versions, never last week's.
//!
//! The bytes are written as given: the store seals them first for an
//! encrypted workbook, and a journal's lines are already sealed.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use super::files::{STAMP_FORMAT, ensure_private_dir, io_error, stamp, write_atomic};
use super::{BACKUPS_KEPT, DAILY_BACKUPS_KEPT, StoreError, WorkbookKey};
use crate::domain::Workbook;

const BACKUPS_DIR: &str = "backups";

/// What a backup is a copy of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Workbook,
    Journal,
}

impl Kind {
    /// Told apart by the end of the name. `.journal.jsonl` does not end in
    /// `.json`, so an older trustwork, which lists `*.json` only, never
    /// takes a journal copy for a workbook.
    fn suffix(self) -> &'static str {
        match self {
            Self::Workbook => ".json",
            Self::Journal => ".journal.jsonl",
        }
    }
}

/// The backup folder of one workbook.
pub(super) struct Shelf {
    /// `DIR/backups`, made private before the folder inside it.
    root: PathBuf,
    dir: PathBuf,
}

impl Shelf {
    pub(super) fn new(data_dir: &Path, key: &WorkbookKey) -> Self {
        let root = data_dir.join(BACKUPS_DIR);
        let dir = root.join(&key.0);
        Self { root, dir }
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// File names of the backups of `kind`, oldest first (names sort by
    /// time).
    pub(super) fn names(&self, kind: Kind) -> Result<Vec<String>, StoreError> {
        let error = io_error("list the backups in", &self.dir);
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(error(err)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(&error)?;
            if let Some(name) = entry.file_name().to_str()
                && parse_name(name, kind).is_some()
            {
                names.push(name.to_string());
            }
        }
        names.sort();
        Ok(names)
    }

    /// When the newest backup of `kind` was taken, if there is one.
    pub(super) fn newest(&self, kind: Kind) -> Option<DateTime<Utc>> {
        let names = self.names(kind).ok()?;
        names.last().and_then(|n| parse_name(n, kind)).map(|p| p.2)
    }

    /// Keeps `bytes` as the newest backup of `kind`, taken `now`, then
    /// drops those no longer kept. Days are counted in `now`'s offset.
    pub(super) fn put(
        &self,
        kind: Kind,
        bytes: &[u8],
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        self.put_with(kind, now, |path| write_atomic(path, bytes))
    }

    /// [`Self::put`] of what `source` reads, copied a stretch at a time.
    pub(super) fn put_copy(
        &self,
        kind: Kind,
        source: impl std::io::Read,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        self.put_with(kind, now, |path| super::files::copy_atomic(path, source))
    }

    fn put_with(
        &self,
        kind: Kind,
        now: DateTime<FixedOffset>,
        write: impl FnOnce(&std::path::Path) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        ensure_private_dir(&self.root, "create the backup folder")?;
        ensure_private_dir(&self.dir, "create the backup folder")?;
        let names = self.names(kind)?;
        let name = next_name(names.last().map(String::as_str), kind, now);
        write(&self.dir.join(name))?;
        self.prune(kind, *now.offset());
        Ok(())
    }

    /// Deletes every backup of `kind`. Best effort, like [`Self::prune`].
    pub(super) fn clear(&self, kind: Kind) {
        for name in self.names(kind).unwrap_or_default() {
            let _ = fs::remove_file(self.dir.join(name));
        }
    }

    /// Deletes the backups of `kind` that [`kept`] lets go. Failures are
    /// ignored: an extra old backup is harmless and the save itself worked.
    fn prune(&self, kind: Kind, offset: FixedOffset) {
        let Ok(names) = self.names(kind) else {
            return;
        };
        let times: Vec<DateTime<Utc>> = names
            .iter()
            .filter_map(|n| parse_name(n, kind).map(|p| p.2))
            .collect();
        for (name, keep) in names.iter().zip(kept(&times, offset)) {
            if !keep {
                let _ = fs::remove_file(self.dir.join(name));
            }
        }
    }
}

/// Whether `new` differs from `old` only in where the user is and when it
/// was saved: a page turn, which is not worth a backup of its own.
pub(super) fn moved_only(old: &Workbook, new: &Workbook) -> bool {
    let mut moved = new.clone();
    moved.progress.position.clone_from(&old.progress.position);
    moved.updated_at = old.updated_at;
    moved == *old
}

/// Which of the backups taken at `times` (oldest first) are kept: the
/// [`BACKUPS_KEPT`] newest, and the newest of each of the
/// [`DAILY_BACKUPS_KEPT`] most recent days (in `offset`) that has no
/// backup among those. The newest of a day is its last state, the one
/// worth going back to.
pub(super) fn kept(times: &[DateTime<Utc>], offset: FixedOffset) -> Vec<bool> {
    let day = |at: &DateTime<Utc>| at.with_timezone(&offset).date_naive();
    let recent = times.len().saturating_sub(BACKUPS_KEPT);
    let mut keep = vec![false; times.len()];
    let mut covered: HashSet<_> = times[recent..].iter().map(day).collect();
    keep[recent..].fill(true);
    let mut daily = 0;
    for (i, at) in times[..recent].iter().enumerate().rev() {
        if daily == DAILY_BACKUPS_KEPT {
            break;
        }
        if covered.insert(day(at)) {
            keep[i] = true;
            daily += 1;
        }
    }
    keep
}

/// Splits `<stamp>-<n><suffix>` into its stamp, counter and time.
pub(super) fn parse_name(name: &str, kind: Kind) -> Option<(&str, u32, DateTime<Utc>)> {
    let (stamp, counter) = name.strip_suffix(kind.suffix())?.rsplit_once('-')?;
    let counter = counter.parse().ok()?;
    let naive = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    Some((stamp, counter, Utc.from_utc_datetime(&naive)))
}

/// A backup name that sorts after `newest`, even within the same
/// millisecond or if the clock stepped back.
fn next_name(newest: Option<&str>, kind: Kind, now: DateTime<FixedOffset>) -> String {
    let now = stamp(&now);
    let suffix = kind.suffix();
    match newest.and_then(|n| parse_name(n, kind)) {
        Some((stamp, n, _)) if stamp >= now.as_str() => format!("{stamp}-{:04}{suffix}", n + 1),
        _ => format!("{now}-0000{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn backup_names_sort_in_time_order() {
        let now = at("2026-11-02T20:00:00+01:00");
        let first = next_name(None, Kind::Workbook, now);
        assert_eq!(first, "20261102T190000.000Z-0000.json");
        let second = next_name(Some(&first), Kind::Workbook, now);
        assert!(second > first, "{second} should sort after {first}");
        let future = "99990101T000000.000Z-0007.json";
        assert_eq!(
            next_name(Some(future), Kind::Workbook, now),
            "99990101T000000.000Z-0008.json"
        );
        let journal = next_name(None, Kind::Journal, now);
        assert_eq!(journal, "20261102T190000.000Z-0000.journal.jsonl");
        assert!(parse_name(&journal, Kind::Workbook).is_none());
        assert!(parse_name(&first, Kind::Journal).is_none());
    }

    #[test]
    fn the_newest_five_are_kept_then_one_a_day_for_seven_days() {
        let offset = FixedOffset::east_opt(3600).unwrap();
        // Three saves a day, mornings to evenings, for ten days.
        let times: Vec<DateTime<Utc>> = (1..=10)
            .flat_map(|d| [8, 13, 21].map(|h| at(&format!("2026-11-{d:02}T{h:02}:00:00+01:00"))))
            .map(|t| t.to_utc())
            .collect();
        let keep = kept(&times, offset);
        let kept_times: Vec<String> = times
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(t, _)| t.with_timezone(&offset).format("%d %H").to_string())
            .collect();
        assert_eq!(
            kept_times,
            [
                // One a day, each the day's last, for the seven days before…
                "02 21", "03 21", "04 21", "05 21", "06 21", "07 21", "08 21",
                // …the newest five, which cover days 9 and 10.
                "09 13", "09 21", "10 08", "10 13", "10 21",
            ]
        );
    }

    #[test]
    fn few_backups_are_all_kept_and_days_follow_the_offset() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        assert!(kept(&[], utc).is_empty());
        // Seven on one UTC day, the first two before midnight in Tokyo.
        let times: Vec<DateTime<Utc>> = [1, 2, 16, 17, 18, 19, 20]
            .map(|h| at(&format!("2026-11-01T{h:02}:00:00Z")).to_utc())
            .to_vec();
        assert_eq!(
            kept(&times, utc),
            [false, false, true, true, true, true, true]
        );
        // In Tokyo 01:00 and 02:00 UTC are the 1st; the rest the 2nd.
        assert_eq!(
            kept(&times, tokyo),
            [false, true, true, true, true, true, true]
        );
    }
}
