//! Entry point: parse the command line, then run a subcommand or the TUI.

use std::io::{BufWriter, IsTerminal, Write, stderr, stdin, stdout};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{CommandFactory, Parser};

use trustwork::app::Runtime;
use trustwork::cli::{Cli, Command, JournalCommand};
use trustwork::commands::{
    self, AddRequest, CheckInRequest, ExportRequest, ImportRequest, Io, ListFormat, ListRequest,
    NewRequest, Outcome, RestoreRequest, UsageError,
};
use trustwork::content::Content;
use trustwork::storage::{self, JsonStore};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound | Outcome::ProblemsFound) => ExitCode::FAILURE,
        // `trustwork status | head -1`: the reader left, nothing is wrong.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("trustwork: {error:#}");
            // 2, as for clap's own usage errors: the request was wrong and
            // nothing was written.
            if error.chain().any(|e| e.is::<UsageError>()) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> Result<Outcome> {
    trustwork::commands::set_no_wait(cli.no_wait);
    // An encrypted workbook asks for its passphrase when first read.
    storage::set_default_passphrase_source(trustwork::passphrase::ask);
    // Text an editor was given by a run that was killed mid-edit goes.
    trustwork::external_editor::sweep_leftovers();
    let dir = storage::data_dir(cli.data_dir.as_deref())?;
    let wanted = cli.workbook.as_deref();
    let content_dir = cli.content_dir.as_deref();
    let Some(command) = cli.command else {
        let term = std::env::var("TERM").ok();
        let plain = trustwork::plain::should_run(
            cli.plain,
            stdin().is_terminal(),
            stdout().is_terminal(),
            term.as_deref(),
        );
        if plain {
            return run_plain(content(content_dir)?, &dir, wanted).map(|()| Outcome::Done);
        }
        let path = trustwork::config::path(cli.config.as_deref())?;
        let loaded = trustwork::config::load(&path);
        let mut settings = trustwork::config::apply(
            &loaded.config,
            loaded.problems,
            &path.display().to_string(),
            trustwork::ui::theme::no_color_requested(),
        );
        settings.discreet |=
            cli.discreet || std::env::var_os("TRUSTWORK_DISCREET").is_some_and(|v| v == "1");
        let mut store = JsonStore::new(&dir)?;
        // An encrypted workbook's passphrase is asked here, before the
        // screen is taken over. The journal is read just after the first
        // frame, so a long one does not hold the first screen back.
        let content = content(content_dir)?;
        let prepared = trustwork::app::prepare(&mut store, wanted, true)?;
        let app = trustwork::app::start_prepared(content, prepared, settings.app.clone());
        return open_tui(app, &mut store, settings).map(|()| Outcome::Done);
    };
    // Buffered, as an export or a long list is many lines; flushed before
    // any question and at the end, whatever the result.
    let mut out = BufWriter::new(stdout().lock());
    let mut err = stderr();
    let mut input = stdin().lock();
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        input: &mut input,
        interactive: stdin().is_terminal(),
        styled: stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let config = cli.config.as_deref();
    let result = run_command(command, &dir, content_dir, config, wanted, &mut io);
    let flushed = out.flush().map_err(anyhow::Error::from);
    result.and_then(|outcome| flushed.map(|()| outcome))
}

fn run_command(
    command: Command,
    dir: &Path,
    content_dir: Option<&Path>,
    config: Option<&Path>,
    wanted: Option<&str>,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    match command {
        Command::Path {
            show_config: false, ..
        } => commands::path(dir, io.out)?,
        Command::Path {
            show_config: true, ..
        } => commands::path(&trustwork::config::path(config)?, io.out)?,
        Command::Config { default } => {
            return commands::config(&trustwork::config::path(config)?, default, io.out);
        }
        Command::Completions { shell } => commands::completions(shell, Cli::command(), io.out)?,
        Command::Names { which } => commands::names(dir, which, io.out)?,
        Command::Man { dir } => commands::man(Cli::command(), dir.as_deref(), io.out)?,
        Command::Doctor => {
            return commands::doctor(dir, trustwork::config::path(config), io.out);
        }
        Command::New {
            name,
            relationship,
            role,
            encrypt,
            me,
            partner,
            partner_role,
        } => {
            let mut store = JsonStore::new(dir)?;
            // Asked first, so a bad passphrase leaves no plain workbook.
            let passphrase = encrypt
                .then(trustwork::passphrase::new_passphrase)
                .transpose()
                .map_err(commands::usage)?;
            let content = content(content_dir)?;
            let role: trustwork::domain::Role = role.into();
            let request = NewRequest {
                name: &name,
                relationship: relationship.into(),
                role,
                together: me.zip(partner).map(|(me, partner)| {
                    let theirs = partner_role.map_or_else(|| role.other_side(), Into::into);
                    [(me, role), (partner, theirs)]
                }),
            };
            let key = commands::new(&mut store, request, io)?;
            if let Some(passphrase) = passphrase {
                commands::encrypt_with(&mut store, &key, &passphrase, io.out)?;
            }
            commands::first_screening(&mut store, &content, key, io)?;
        }
        Command::Encrypt => {
            let mut store = commands::workbook_store(dir)?;
            commands::encrypt(&mut store, wanted, io.out)?;
        }
        Command::Decrypt => {
            let mut store = commands::workbook_store(dir)?;
            commands::decrypt(&mut store, wanted, io.out)?;
        }
        Command::Status { json, author } => {
            let content = content(content_dir)?;
            let store = commands::existing_store(dir)?;
            commands::status(&store, &content, wanted, json, author.as_deref(), io.out)?;
        }
        Command::Restore {
            list,
            backup,
            force,
        } => {
            let request = RestoreRequest {
                list,
                backup: backup.as_deref(),
                force,
            };
            let mut store = commands::existing_store(dir)?;
            commands::restore(&mut store, wanted, request, io.out)?;
        }
        Command::Journal { command } => {
            return journal(command, dir, content_dir, config, wanted, io);
        }
        Command::Checkin(args) => {
            let request = CheckInRequest {
                scores: args.scores(),
                note: args.note.as_deref(),
                author: args.author.as_deref(),
            };
            let content = content(content_dir)?;
            let mut store = commands::workbook_store(dir)?;
            commands::checkin(&mut store, &content, wanted, request, io)?;
        }
        Command::Export {
            format,
            output,
            since,
            stage,
            author,
        } => {
            let content = content(content_dir)?;
            let request = ExportRequest {
                format: format.into(),
                output: output.as_deref(),
                since,
                stage: stage.as_deref(),
                author: author.as_deref(),
            };
            let store = commands::workbook_store(dir)?;
            commands::export(&store, dir, &content, wanted, request, io.out, io.err)?;
        }
        Command::Import {
            file,
            from,
            yes,
            dry_run,
        } => {
            let request = ImportRequest {
                file: &file,
                from: from.as_deref(),
                wanted,
                yes,
                dry_run,
            };
            commands::import(dir, request, io)?;
        }
    }
    Ok(Outcome::Done)
}

fn journal(
    command: JournalCommand,
    dir: &Path,
    content_dir: Option<&Path>,
    config: Option<&Path>,
    wanted: Option<&str>,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    let content = content(content_dir)?;
    match command {
        JournalCommand::Add {
            stage,
            mood,
            title,
            author,
            date,
            edit,
            text,
        } => {
            prefer_configured_editor(config);
            let terminal = stdin().is_terminal() && stdout().is_terminal();
            let request = AddRequest {
                editor: commands::wants_editor(edit, !text.is_empty(), terminal),
                date: date.as_deref(),
                stage: stage.as_deref(),
                mood,
                title: title.as_deref(),
                author: author.as_deref(),
                text: (!text.is_empty()).then(|| text.join(" ")),
            };
            let mut store = commands::workbook_store(dir)?;
            commands::journal_add(&mut store, &content, wanted, request, io)?;
        }
        JournalCommand::List {
            newest,
            from,
            to,
            stage,
            since,
            mood,
            trash,
            format,
            json,
            tag,
            author,
        } => {
            let request = ListRequest {
                author: author.as_deref(),
                tag: tag.as_deref(),
                stage: stage.as_deref(),
                since,
                from: from.as_deref(),
                to: to.as_deref(),
                mood,
                newest,
                trash,
                format: if json {
                    ListFormat::Json
                } else {
                    format.into()
                },
            };
            let store = commands::workbook_store(dir)?;
            commands::journal_list(&store, &content, wanted, request, io)?;
        }
        JournalCommand::Show { id, author } => {
            let store = commands::workbook_store(dir)?;
            commands::journal_show(&store, &content, wanted, &id, author.as_deref(), io)?;
        }
        JournalCommand::Edit { id, author } => {
            prefer_configured_editor(config);
            let mut store = commands::workbook_store(dir)?;
            commands::journal_edit(&mut store, &content, wanted, &id, author.as_deref(), io)?;
        }
        JournalCommand::Rm { id, author } => {
            let mut store = commands::workbook_store(dir)?;
            commands::journal_rm(&mut store, &content, wanted, &id, author.as_deref(), io)?;
        }
        JournalCommand::Search {
            query,
            json,
            author,
        } => {
            let store = commands::workbook_store(dir)?;
            let author = author.as_deref();
            return commands::journal_search(&store, &content, wanted, &query, json, author, io);
        }
    }
    Ok(Outcome::Done)
}

/// The `editor` setting of config.toml, which comes before $VISUAL and
/// $EDITOR. A config file with problems still gives its editor; the
/// problems are for `trustwork config` to report, not a reason to stop.
fn prefer_configured_editor(config: Option<&Path>) {
    if let Ok(path) = trustwork::config::path(config)
        && let Some(editor) = &trustwork::config::load(&path).config.editor
    {
        trustwork::external_editor::prefer(editor);
    }
}

fn content(dir: Option<&Path>) -> Result<Content> {
    match dir {
        Some(path) => Content::from_dir(path),
        None => Content::embedded(),
    }
    .context("the stage content is not valid")
}

/// Plain mode (see [`trustwork::plain`]): the same workbook and store,
/// line by line on stdin and stdout.
fn run_plain(content: Content, dir: &Path, wanted: Option<&str>) -> Result<()> {
    let mut store = JsonStore::new(dir)?;
    let mut out = BufWriter::new(stdout().lock());
    let echo = !stdin().is_terminal();
    let result = trustwork::plain::run_echoing(
        &content,
        &mut store,
        wanted,
        &mut stdin().lock(),
        &mut out,
        echo,
    );
    let flushed = out.flush().map_err(anyhow::Error::from);
    result.and(flushed)
}

/// Opens the TUI, straight into the workbook when there is one to resume.
/// A workbook that cannot be opened (locked, damaged) is reported first,
/// as that is the more useful message.
fn open_tui(
    mut app: trustwork::app::App,
    store: &mut JsonStore,
    settings: trustwork::config::Applied,
) -> Result<()> {
    app.discreet = settings.discreet;
    trustwork::config::tell(&mut app, &settings.problems);
    // Never prompt inside the full-screen app, where the typing would be
    // lost; other encrypted workbooks say how to open them instead.
    store.set_passphrase_source(storage::PassphraseSource::default());
    if !stdin().is_terminal() || !stdout().is_terminal() {
        bail!(
            "the workbook needs an interactive terminal. \
             Without one, use `trustwork status` or `trustwork new` (see `trustwork --help`)."
        );
    }
    let mut runtime = Runtime::new(app, store);
    runtime.set_mouse(settings.mouse);
    // The test-only failure trigger, never in a release build.
    if cfg!(debug_assertions) {
        runtime.panic_on = std::env::var("TRUSTWORK_TEST_PANIC_KEY")
            .ok()
            .and_then(|k| k.chars().next());
    }
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
