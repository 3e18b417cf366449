//! `trustwork restore`: put back a backup of a workbook that cannot be read.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::storage::{Store, StoreError, resolve};

/// What `trustwork restore` was asked to do.
pub struct RestoreRequest<'a> {
    pub list: bool,
    pub backup: Option<&'a Path>,
    pub force: bool,
}

pub fn restore(
    store: &mut dyn Store,
    wanted: Option<&str>,
    request: RestoreRequest<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    let RestoreRequest {
        list,
        backup: chosen,
        force,
    } = request;
    let key = resolve(store, wanted)?;
    let backups = store.backups(&key)?;
    if list {
        if backups.is_empty() {
            writeln!(out, "There are no backups of \"{key}\" yet.")?;
        }
        for b in &backups {
            let state = if b.loads { "good" } else { "damaged" };
            writeln!(
                out,
                "{}  {}  {state}",
                crate::domain::Clock::from_env()
                    .local(b.taken_at)
                    .format("%Y-%m-%d %H:%M:%S"),
                b.path.display()
            )?;
        }
        return Ok(());
    }
    // Restoring is for damaged files. A workbook that opens, or one from a
    // newer trustwork, would lose real work to an older backup.
    if !force {
        match store.read(&key) {
            Ok(_) => bail!(
                "\"{key}\" opens fine, so there is nothing to restore. \
                 To replace it with a backup anyway, add --force (it is kept aside)."
            ),
            Err(StoreError::NewerSchema { .. }) => bail!(
                "\"{key}\" was written by a newer trustwork; update trustwork instead. \
                 To replace it with an older backup anyway, add --force (it is kept aside)."
            ),
            Err(_) => {}
        }
    }
    let backup = match chosen {
        Some(path) => backups
            .iter()
            // A bare file name (as `--list` shows it) or the exact path.
            .find(|b| {
                b.path == path
                    || (path.parent().is_none_or(|p| p.as_os_str().is_empty())
                        && b.path.file_name() == path.file_name())
            })
            .with_context(|| {
                format!(
                    "{} is not a backup of \"{key}\"; see `trustwork restore --list`",
                    path.display()
                )
            })?,
        None => match backups.iter().find(|b| b.loads) {
            Some(b) => b,
            None => bail!(StoreError::NoBackup(key.to_string())),
        },
    };
    let aside = store.restore(&key, backup)?;
    writeln!(
        out,
        "Restored \"{key}\" from the backup of {}.",
        crate::domain::Clock::from_env()
            .local(backup.taken_at)
            .format("%-d %B %Y, %H:%M:%S")
    )?;
    if let Some(aside) = aside {
        writeln!(out, "The file it replaced is kept at {}.", aside.display())?;
    }
    Ok(())
}
