//! `trustwork status`: stage-by-stage progress, as text or JSON.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::content::Content;
use crate::domain::{RelationshipKind, Role};
use crate::engine::{Engine, StageState};
use crate::storage::{Store, resolve};

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
    /// "not-started", "in-progress" or "complete", as the exports say.
    state: StageState,
}

pub fn status(
    store: &dyn Store,
    content: &Content,
    wanted: Option<&str>,
    json: bool,
    author: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let key = resolve(store, wanted)?;
    // Only what `--as` may see: in a workbook for two, each person's
    // progress is their own.
    let (workbook, _) = super::read_as(store, &key, author)?;
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
                state: s.state,
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
        crate::domain::printable(&report.workbook),
        workbook.relationship.as_str(),
        workbook.role().describe()
    )?;
    for (i, stage) in report.stages.iter().enumerate() {
        let state = stage.state.label();
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
