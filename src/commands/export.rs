//! `trustwork export`: the workbook as Markdown (to read or share) or JSON
//! (to keep, or to import elsewhere). Read-only: no lock is taken, and the
//! output file is never inside the data folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::{find_workbook, stage_id, usage};
use crate::content::Content;
use crate::domain::now;
use crate::export::{ExportDoc, ExportOptions, markdown};
use crate::storage::{Store, write_atomic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
}

/// What `trustwork export` was asked for.
#[derive(Debug)]
pub struct ExportRequest<'a> {
    pub format: ExportFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<&'a Path>,
    pub since: Option<chrono::NaiveDate>,
    pub stage: Option<&'a str>,
}

pub fn export(
    store: &dyn Store,
    data_dir: &Path,
    content: &Content,
    wanted: Option<&str>,
    request: ExportRequest<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let options = ExportOptions {
        since: request.since,
        stage: request.stage.map(|s| stage_id(content, s)).transpose()?,
    };
    if let Some(path) = request.output {
        refuse_inside(path, data_dir)?;
    }
    let key = find_workbook(store, wanted)?;
    let workbook = store.read(&key)?;
    let journal = store.read_journal(&key)?;
    let bytes = match request.format {
        ExportFormat::Markdown => {
            markdown::render(content, &workbook, &journal, &options, now()).into_bytes()
        }
        ExportFormat::Json => ExportDoc::new(&workbook, &journal, &options).to_bytes()?,
    };
    match request.output {
        None => out.write_all(&bytes)?,
        Some(path) => {
            write_atomic(path, &bytes)?;
            writeln!(
                out,
                "Wrote \"{}\" to {} (readable only by you).",
                workbook.name,
                path.display()
            )?;
        }
    }
    if request.format == ExportFormat::Json && options.is_partial() {
        writeln!(
            err,
            "Note: with --since or --stage this JSON holds only part of the journal and check-ins; \
             importing it adds only that part."
        )?;
    }
    Ok(())
}

/// An export written into the data folder could replace a workbook or its
/// journal, or be taken for one; it belongs somewhere else.
fn refuse_inside(path: &Path, data_dir: &Path) -> Result<()> {
    let Ok(data_dir) = data_dir.canonicalize() else {
        return Ok(());
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent
        .canonicalize()
        .with_context(|| format!("cannot write to {}", path.display()))?;
    if parent.starts_with(&data_dir) {
        return Err(usage(format!(
            "{} is inside the folder where workbooks are kept ({}); choose a place outside it",
            path.display(),
            data_dir.display()
        )));
    }
    Ok(())
}
