//! `trustwork export`: the workbook as Markdown (to read or share) or JSON
//! (to keep, or to import elsewhere), or a summary for a counsellor that
//! holds only what the person chose. Read-only: no lock is taken, and the
//! output file is never inside the data folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use uuid::Uuid;

use super::{find_workbook, read_as, stage_id, usage};
use crate::content::Content;
use crate::domain::{Clock, Journal, Workbook};
use crate::export::{CounsellorChoice, ExportDoc, ExportOptions, counsellor_markdown, markdown};
use crate::journal_view::{self, Source, Viewer};
use crate::storage::{Store, write_atomic};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    /// The journal as jrnl's plain text.
    Jrnl,
    /// The summary for a counsellor, with only what was chosen.
    Counsellor(CounsellorRequest),
}

/// What `--for-counsellor` was asked to include: nothing unless named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CounsellorRequest {
    pub stages: bool,
    pub checkins: bool,
    pub agreements: bool,
    /// As given to `--entry`: journal entry ids and reflections' answer
    /// ids (`stage/step/prompt`).
    pub entries: Vec<String>,
}

/// What `trustwork export` was asked for.
#[derive(Debug)]
pub struct ExportRequest<'a> {
    pub format: ExportFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<&'a Path>,
    pub since: Option<chrono::NaiveDate>,
    pub stage: Option<&'a str>,
    /// `--as`: whose export, by name (in a workbook for two, without it
    /// only what the two share is in it).
    pub author: Option<&'a str>,
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
        zone: Clock::from_env(),
    };
    if let Some(path) = request.output {
        refuse_inside(path, data_dir)?;
        refuse_special(path)?;
    }
    let key = find_workbook(store, wanted)?;
    let (workbook, journal) = read_as(store, &key, request.author)?;
    let bytes = match &request.format {
        ExportFormat::Markdown => {
            markdown::render(content, &workbook, &journal, &options, Clock::from_env()).into_bytes()
        }
        ExportFormat::Json => ExportDoc::new(&workbook, &journal, &options).to_bytes()?,
        ExportFormat::Jrnl => {
            let items: Vec<_> =
                journal_view::items(content, &workbook, &journal, false, Viewer::Shared)
                    .into_iter()
                    .filter(|i| options.from_since(i.created_at))
                    .filter(|i| options.stage.as_deref().is_none_or(|s| i.stage == Some(s)))
                    .collect();
            crate::foreign::to_jrnl_text(&items, Clock::from_env()).into_bytes()
        }
        ExportFormat::Counsellor(wanted) => {
            let choice = counsellor_choice(content, &workbook, &journal, wanted)?;
            if choice.is_empty() {
                writeln!(
                    err,
                    "Note: nothing private is in this summary. Add sections with \
                     --include stages,checkins,agreements and journal entries or reflections \
                     with --entry ID (the ids are in `trustwork journal list --json`)."
                )?;
            }
            counsellor_markdown(
                content,
                &workbook,
                &journal,
                &choice,
                &content.safety.counsellor.intro,
                Clock::from_env(),
            )
            .into_bytes()
        }
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

/// The choice behind a summary for a counsellor. Every `--entry` must name
/// a live journal entry (by id) or a written reflection (by answer id);
/// anything else is a usage error naming it, so nothing is left out by a
/// typo without the person knowing.
fn counsellor_choice(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    wanted: &CounsellorRequest,
) -> Result<CounsellorChoice> {
    let entries = wanted
        .entries
        .iter()
        .map(|id| chosen_source(content, workbook, journal, id))
        .collect::<Result<Vec<_>>>()?;
    Ok(CounsellorChoice {
        stages: wanted.stages,
        checkins: wanted.checkins,
        agreements: wanted.agreements,
        entries,
    })
}

fn chosen_source(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    wanted: &str,
) -> Result<Source> {
    let wanted = wanted.trim();
    let source = match Uuid::parse_str(wanted) {
        Ok(id) => Source::Entry(id),
        Err(_) => Source::Reflection(wanted.to_string()),
    };
    match journal_view::item_of(content, workbook, journal, &source, Viewer::Shared) {
        Some(item) if item.deleted => Err(usage(format!(
            "the journal entry \"{wanted}\" is in the trash; put it back in the app to share it"
        ))),
        Some(_) => Ok(source),
        None => Err(usage(format!(
            "there is no journal entry or written reflection \"{wanted}\" in \"{}\". \
             `trustwork journal list --json` shows each one's `id` (entries) or `answer` (reflections)",
            workbook.name
        ))),
    }
}

/// An export replaces a regular file at PATH in one step; anything else
/// there (a link, a device such as /dev/full, a pipe, a folder) would be
/// replaced by a plain file instead of written through, so it is refused
/// and left as it is.
fn refuse_special(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => Err(usage(format!(
            "{} is not a regular file (a link, a device, a pipe or a folder); it was left as it is. Choose a new file name",
            path.display()
        ))),
        _ => Ok(()),
    }
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
