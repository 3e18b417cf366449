//! The subcommands that do their work and print, without the TUI.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use crate::content::Content;
use crate::domain::{NewWorkbook, RelationshipKind, Role};
use crate::engine::Engine;
use crate::storage::{Store, StoreError, resolve};

pub fn new(
    store: &mut dyn Store,
    name: &str,
    relationship: RelationshipKind,
    role: Role,
    out: &mut dyn Write,
) -> Result<()> {
    let new = NewWorkbook {
        name: name.to_string(),
        relationship,
        role,
    };
    let (key, workbook) = store.create(new)?;
    writeln!(
        out,
        "Created the workbook \"{}\" (saved as {key}.json). Open it with `trustwork`.",
        workbook.name
    )?;
    Ok(())
}

#[derive(Serialize)]
struct StatusReport {
    workbook: String,
    relationship: RelationshipKind,
    role: Role,
    updated_at: String,
    recommended: Option<String>,
    stages: Vec<StageReport>,
}

#[derive(Serialize)]
struct StageReport {
    id: String,
    title: String,
    steps_complete: usize,
    steps_total: usize,
    checkout_answered: bool,
    complete: bool,
}

pub fn status(
    store: &dyn Store,
    content: &Content,
    wanted: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let key = resolve(store, wanted)?;
    let workbook = store.read(&key)?;
    let engine = Engine::new(content, workbook.role());
    let progress = &workbook.progress;
    let stages = content
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let s = engine.summary(progress, i);
            StageReport {
                id: stage.id.clone(),
                title: stage.title.clone(),
                steps_complete: s.steps_complete,
                steps_total: s.steps_total,
                checkout_answered: s.checkout_answered,
                complete: s.complete,
            }
        })
        .collect();
    let report = StatusReport {
        workbook: workbook.name.clone(),
        relationship: workbook.relationship,
        role: workbook.role(),
        updated_at: workbook.updated_at.to_rfc3339(),
        recommended: engine.recommended(progress).map(|p| engine.describe(p)),
        stages,
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} ({}, {})",
        report.workbook,
        workbook.relationship.as_str(),
        workbook.role().describe()
    )?;
    for (i, stage) in report.stages.iter().enumerate() {
        let state = if stage.complete {
            "complete"
        } else if stage.steps_complete > 0 {
            "in progress"
        } else {
            "not started"
        };
        writeln!(
            out,
            "  {}. {:<30} {}/{} steps  {state}",
            i + 1,
            stage.title,
            stage.steps_complete,
            stage.steps_total
        )?;
    }
    match &report.recommended {
        Some(next) => writeln!(out, "Next: {next}")?,
        None => writeln!(out, "Every stage is complete.")?,
    }
    Ok(())
}

pub fn path(dir: &Path, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{}", dir.display())?;
    Ok(())
}

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
                b.taken_at.format("%Y-%m-%d %H:%M:%S"),
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
        backup.taken_at.format("%-d %B %Y, %H:%M:%S")
    )?;
    if let Some(aside) = aside {
        writeln!(out, "The file it replaced is kept at {}.", aside.display())?;
    }
    Ok(())
}
