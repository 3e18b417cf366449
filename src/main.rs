//! Entry point: parse the command line, then run a subcommand or the TUI.

use std::io::stdout;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Parser;

use trustwork::app::{App, Runtime, apply};
use trustwork::cli::{Cli, Command};
use trustwork::commands;
use trustwork::content::Content;
use trustwork::storage::{self, JsonStore, Store, StoreError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("trustwork: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let dir = storage::data_dir(cli.data_dir.as_deref())?;
    let mut out = stdout();
    if let Some(Command::Path) = cli.command {
        return commands::path(&dir, &mut out);
    }
    let content = match &cli.content_dir {
        Some(path) => Content::from_dir(path),
        None => Content::embedded(),
    }
    .context("the stage content is not valid")?;
    let mut store = JsonStore::new(&dir)?;
    let wanted = cli.workbook.as_deref();
    match cli.command {
        Some(Command::New {
            name,
            relationship,
            role,
        }) => commands::new(
            &mut store,
            &name,
            relationship.into(),
            role.into(),
            &mut out,
        ),
        Some(Command::Status { json }) => {
            commands::status(&store, &content, wanted, json, &mut out)
        }
        Some(Command::Restore { list, backup }) => {
            commands::restore(&mut store, wanted, list, backup.as_deref(), &mut out)
        }
        Some(Command::Path) | None => open_tui(content, &mut store, wanted),
    }
}

/// Opens the TUI. With one workbook (or `--workbook`), it opens straight
/// where the user left off; a workbook that cannot be opened (locked,
/// damaged) stops here with the reason, before the terminal is taken over.
fn open_tui(content: Content, store: &mut JsonStore, wanted: Option<&str>) -> Result<()> {
    let listings = store.list()?;
    let start = match resolve_start(store, wanted) {
        Ok(key) => Some(key),
        Err(StoreError::NoWorkbooks | StoreError::WhichWorkbook { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let workbook = match &start {
        Some(key) => Some(store.open(key)?),
        None => None,
    };
    let mut runtime = Runtime::new(App::new(content, listings), store);
    if let (Some(key), Some(workbook)) = (start, workbook) {
        let effects = runtime.app.update(trustwork::action::Action::Opened(
            key,
            Ok(Box::new(workbook)),
        ));
        apply(&mut runtime, effects);
    }
    trustwork::tui::run(&mut runtime)
}

fn resolve_start(
    store: &JsonStore,
    wanted: Option<&str>,
) -> Result<storage::WorkbookKey, StoreError> {
    storage::resolve(store, wanted)
}
