//! Entry point: parse the command line, then run a subcommand or the TUI.

use std::io::stdout;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Parser;

use trustwork::app::Runtime;
use trustwork::cli::{Cli, Command};
use trustwork::commands;
use trustwork::content::Content;
use trustwork::storage::{self, JsonStore};

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

/// Opens the TUI, straight into the workbook when there is one to resume.
fn open_tui(content: Content, store: &mut JsonStore, wanted: Option<&str>) -> Result<()> {
    let app = trustwork::app::start(content, store, wanted)?;
    let mut runtime = Runtime::new(app, store);
    trustwork::tui::run(&mut runtime)
}
