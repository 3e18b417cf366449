//! The doctor's look at each workbook: file, size, schema version, lock,
//! backups and encryption, all read without opening or locking it.

use std::fs;
use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use super::{Report, size};
use crate::storage::{JsonStore, Listing, ListingStatus, Store, is_sealed};

/// The one field read from each file: enough to tell the version without
/// reading the rest into a workbook.
#[derive(Deserialize)]
struct Header {
    schema_version: u32,
}

pub(super) fn check(report: &mut Report<'_>, dir: &Path) -> Result<()> {
    // JsonStore::new would make a missing folder; doctor only looks.
    if !dir.is_dir() {
        writeln!(report.out, "Workbooks: none")?;
        return Ok(());
    }
    let store = JsonStore::new(dir)?;
    let listings = match store.list() {
        Ok(listings) => listings,
        Err(err) => {
            writeln!(report.out, "Workbooks: could not be listed")?;
            report.problems.push(err.to_string());
            return Ok(());
        }
    };
    writeln!(report.out, "Workbooks: {}", listings.len())?;
    for listing in &listings {
        workbook(report, &store, listing)?;
    }
    let recovered = store.recoveries().map_or(0, |r| r.len());
    if recovered > 0 {
        writeln!(
            report.out,
            "Text kept after a crash: {recovered} (open trustwork to put it back)"
        )?;
    }
    Ok(())
}

fn workbook(report: &mut Report<'_>, store: &JsonStore, listing: &Listing) -> Result<()> {
    let key = &listing.key;
    let path = store.path_of(key);
    let file_name = path
        .file_name()
        .map_or_else(|| key.0.clone(), |name| name.to_string_lossy().into_owned());
    let (bytes, read_error) = match fs::read(&path) {
        Ok(bytes) => (bytes, None),
        Err(err) => (Vec::new(), Some(err)),
    };
    let version = if is_sealed(&bytes) {
        "schema version not shown (encrypted)".to_string()
    } else {
        serde_json::from_slice::<Header>(&bytes).map_or_else(
            |_| "schema version unknown".to_string(),
            |h| format!("schema version {}", h.schema_version),
        )
    };
    let name = match &listing.status {
        ListingStatus::Ready { name, .. } => format!(" ({name})"),
        _ => String::new(),
    };
    writeln!(
        report.out,
        "  {file_name}{name}: {}, {version}",
        size(bytes.len() as u64)
    )?;
    if let Some(err) = read_error {
        report
            .problems
            .push(format!("{} could not be read: {err}", path.display()));
    } else if let ListingStatus::Unreadable { message } = &listing.status {
        report.problems.push(message.clone());
    }
    let journal_path = store.journal_path_of(key);
    let journal = fs::metadata(&journal_path).map_or("no journal yet".to_string(), |m| {
        format!("journal {}", size(m.len()))
    });
    // The journal is read too (an encrypted one cannot be without its
    // passphrase; its lines are checked to be sealed instead).
    let read =
        (!store.is_encrypted(key) && journal_path.exists()).then(|| store.journal_cut_off(key));
    if let Some(Err(err)) = &read {
        let copies = match store.journal_backups(key) {
            Ok(copies) if !copies.is_empty() => format!(
                "copies of it from before are kept in {}",
                store.backup_dir_of(key).display()
            ),
            _ => "there is no copy of it in the backups yet".to_string(),
        };
        report.problems.push(format!(
            "The journal of \"{key}\" cannot be read: {}. Nothing was changed; {copies}.",
            err.to_string().trim_end_matches('.')
        ));
    }
    if let Some(Ok(true)) = read {
        report.problems.push(format!(
            "The journal of \"{key}\" ends in a line cut off part way (a save a crash or a kill interrupted; it was never confirmed). Nothing was changed; the next save sets that fragment aside in {} and goes on.",
            journal_path.with_extension("jsonl.damaged-<time>").display()
        ));
    }
    let left = store.plaintext_files(key);
    if !left.is_empty() {
        let files: Vec<String> = left.iter().map(|p| p.display().to_string()).collect();
        report.problems.push(format!(
            "\"{key}\" is encrypted, but {} file(s) of it are in plain text (an encrypt that did not finish): {}. Run `trustwork encrypt --workbook {key}` again to seal them.",
            left.len(),
            files.join(", ")
        ));
    }
    let encrypted = if store.is_encrypted(key) {
        "encrypted"
    } else {
        "not encrypted"
    };
    writeln!(report.out, "    {journal}; {encrypted}")?;
    writeln!(report.out, "    {}", lock_state(&store.lock_path_of(key)))?;
    let backups = match store.backups(key) {
        Ok(backups) => match backups.first() {
            None => "no backups yet".to_string(),
            Some(newest) => {
                let broken = backups.iter().filter(|b| !b.loads).count();
                let broken = if broken > 0 {
                    format!(" ({broken} of them do not load)")
                } else {
                    String::new()
                };
                format!(
                    "backups: {}{broken}, the newest from {}",
                    backups.len(),
                    crate::domain::Clock::from_env()
                        .local(newest.taken_at)
                        .format("%Y-%m-%d %H:%M")
                )
            }
        },
        Err(err) => {
            report.problems.push(err.to_string());
            "backups could not be listed".to_string()
        }
    };
    writeln!(report.out, "    {backups}")?;
    Ok(())
}

/// What the lock file says, read but never taken: taking it, even for a
/// moment, could refuse a trustwork starting at the same time.
fn lock_state(lock: &Path) -> String {
    let Ok(text) = fs::read_to_string(lock) else {
        return "not open in any trustwork".to_string();
    };
    let holder = text.trim();
    if holder.is_empty() {
        return "locked by another process".to_string();
    }
    // "pid 123 on host since …": on Linux a pid that is gone means the
    // lock was left by a crash, and the next open takes it over.
    let pid = holder
        .strip_prefix("pid ")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse::<u32>().ok());
    let proc = Path::new("/proc");
    match pid {
        Some(pid) if proc.join("self").exists() && !proc.join(pid.to_string()).exists() => {
            format!(
                "a lock left behind by pid {pid}, which is no longer running \
                 (the next open takes it over)"
            )
        }
        _ => format!(
            "open elsewhere: locked by {}",
            crate::storage::shown_holder(holder, crate::domain::Clock::from_env())
        ),
    }
}
