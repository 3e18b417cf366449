//! Entry point: parse the command line, then run a subcommand or the TUI.

use std::io::{IsTerminal, stdin, stdout};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser;

use trustwork::app::Runtime;
use trustwork::cli::{Cli, Command};
use trustwork::commands::{self, RestoreRequest};
use trustwork::content::Content;
use trustwork::storage::{self, JsonStore};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `trustwork status | head -1`: the reader left, nothing is wrong.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("trustwork: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let dir = storage::data_dir(cli.data_dir.as_deref())?;
    let mut out = stdout();
    let wanted = cli.workbook.as_deref();
    let content = || -> Result<Content> {
        match &cli.content_dir {
            Some(path) => Content::from_dir(path),
            None => Content::embedded(),
        }
        .context("the stage content is not valid")
    };
    // Only commands that write may create the data dir; a mistyped
    // --data-dir must not quietly become a new, empty one.
    let existing_store = || -> Result<JsonStore> {
        if !dir.is_dir() {
            bail!(
                "there are no workbooks in {} (the folder does not exist). \
                 Create one with `trustwork` or `trustwork new --name NAME`",
                dir.display()
            );
        }
        Ok(JsonStore::new(&dir)?)
    };
    match cli.command {
        Some(Command::Path) => commands::path(&dir, &mut out),
        Some(Command::New {
            name,
            relationship,
            role,
        }) => {
            let mut store = JsonStore::new(&dir)?;
            commands::new(
                &mut store,
                &name,
                relationship.into(),
                role.into(),
                &mut out,
            )
        }
        Some(Command::Status { json }) => {
            let content = content()?;
            commands::status(&existing_store()?, &content, wanted, json, &mut out)
        }
        Some(Command::Restore {
            list,
            backup,
            force,
        }) => {
            let request = RestoreRequest {
                list,
                backup: backup.as_deref(),
                force,
            };
            commands::restore(&mut existing_store()?, wanted, request, &mut out)
        }
        None => {
            let content = content()?;
            open_tui(content, &mut JsonStore::new(&dir)?, wanted)
        }
    }
}

/// Opens the TUI, straight into the workbook when there is one to resume.
/// A workbook that cannot be opened (locked, damaged) is reported first,
/// as that is the more useful message.
fn open_tui(content: Content, store: &mut JsonStore, wanted: Option<&str>) -> Result<()> {
    let app = trustwork::app::start(content, store, wanted)?;
    if !stdin().is_terminal() || !stdout().is_terminal() {
        bail!(
            "the workbook needs an interactive terminal. \
             Without one, use `trustwork status` or `trustwork new` (see `trustwork --help`)."
        );
    }
    let mut runtime = Runtime::new(app, store);
    trustwork::tui::run(&mut runtime)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == BrokenPipe)
            // serde_json keeps the io error inside its own.
            || e.downcast_ref::<serde_json::Error>().and_then(|e| e.io_error_kind()) == Some(BrokenPipe)
    })
}
