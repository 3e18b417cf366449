//! The command line, parsed with clap.

mod examples;
mod values;

pub use values::{MoodValue, StageValue};

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::{CounsellorRequest, ExportFormat, ListFormat};
use crate::domain::{Mood, RelationshipKind, Role, SCALE_MAX, Scores};

#[derive(Debug, Parser)]
#[command(
    name = "trustwork",
    version,
    about = "A calm terminal workbook for repairing trust in a relationship.",
    after_help = examples::TOP,
    long_about = "A calm terminal workbook for repairing trust in a relationship.\n\n\
        Run without a command to open the workbook. Everything you write stays on this computer.\n\
        trustwork is not therapy. If you are afraid of someone, please contact your local emergency number or a domestic-abuse helpline."
)]
pub struct Cli {
    /// Where workbooks are kept (default: your data directory; also TRUSTWORK_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Load stage content from DIR instead of the built-in stages (for authors).
    #[arg(long, global = true, value_name = "DIR")]
    pub content_dir: Option<PathBuf>,

    /// The workbook to open, by name (needed when there are several).
    #[arg(
        long,
        short = 'w',
        global = true,
        value_name = "NAME",
        allow_hyphen_values = true
    )]
    pub workbook: Option<String>,

    /// Discreet: hide workbook names on screen and use a neutral window
    /// title (also TRUSTWORK_DISCREET=1).
    #[arg(long, global = true)]
    pub discreet: bool,

    /// Plain mode: a line-by-line walk through the workbook with numbered
    /// choices, for screen readers and simple terminals (also used when
    /// stdin or stdout is not a terminal, or TERM=dumb).
    #[arg(long, global = true)]
    pub plain: bool,

    /// Do not wait for a workbook another trustwork is writing: stop at
    /// once with who has it (without it, a command waits up to two
    /// seconds, and says so).
    #[arg(long, global = true)]
    pub no_wait: bool,

    /// Read settings from FILE instead of config.toml in your config
    /// folder (also TRUSTWORK_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workbook without opening the app.
    #[command(after_help = examples::NEW)]
    New {
        /// Who the workbook is about (a first name or nickname is enough).
        #[arg(long, allow_hyphen_values = true)]
        name: String,
        /// Who they are to you.
        #[arg(long, value_enum, default_value = "partner")]
        relationship: RelationshipArg,
        /// Your side of what happened.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Encrypt it with a passphrase from the start (see `encrypt`).
        #[arg(long)]
        encrypt: bool,
        /// A workbook for two: your own name (with --partner).
        #[arg(
            long,
            value_name = "NAME",
            requires = "partner",
            allow_hyphen_values = true
        )]
        me: Option<String>,
        /// A workbook for two: the other person's name (with --me).
        #[arg(long, value_name = "NAME", requires = "me", allow_hyphen_values = true)]
        partner: Option<String>,
        /// The other person's side (default: the other side of --role; "both" stays both).
        #[arg(long, value_enum, requires = "partner")]
        partner_role: Option<RoleArg>,
    },
    /// Show stage-by-stage progress.
    #[command(after_help = examples::STATUS)]
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Whose, by name: in a workbook for two, without it only what the two share is shown.
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// Print where workbooks are kept (or, with --config, the config file).
    #[command(after_help = examples::PATH)]
    Path {
        /// Print where the config file is instead.
        #[arg(long = "config")]
        show_config: bool,
        // clap gives every subcommand the global --config FILE, except one
        // that already has an argument with its id: here --config is the
        // flag above, so this hidden twin takes the id ("config") and
        // `--config-file FILE` sets the same value.
        #[arg(id = "config", long = "config-file", value_name = "FILE", hide = true)]
        config_file: Option<PathBuf>,
    },
    /// Put back a backup of a workbook that cannot be read.
    #[command(after_help = examples::RESTORE)]
    Restore {
        /// List the backups instead of restoring the newest good one.
        #[arg(long)]
        list: bool,
        /// Restore this backup file instead of the newest good one.
        #[arg(long, value_name = "FILE")]
        backup: Option<PathBuf>,
        /// Replace the workbook even though it still opens (or is newer).
        #[arg(long)]
        force: bool,
    },
    /// Write in the journal, list, search, show, edit or remove entries.
    #[command(after_help = examples::JOURNAL)]
    Journal {
        #[command(subcommand)]
        command: JournalCommand,
    },
    /// Record a check-in: four scores from 0 to 10, and a note if you like.
    #[command(allow_negative_numbers = true, after_help = examples::CHECKIN)]
    Checkin(CheckInArgs),
    /// Write the workbook out as Markdown (to read or share) or JSON (to keep or import),
    /// or a summary for a counsellor with only what you choose.
    #[command(after_help = examples::EXPORT)]
    Export {
        #[command(flatten)]
        format: ExportKind,
        /// Write to FILE (readable only by you) instead of printing.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only journal entries and check-ins from this day on.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        since: Option<NaiveDate>,
        /// Only this stage (its id, or its number 1-7).
        #[arg(long, value_name = "STAGE", value_parser = StageValue, hide_possible_values = true)]
        stage: Option<String>,
        /// Whose, by name: in a workbook for two, without it only what the two share is shown.
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// Merge a JSON export into your workbooks (matched by the workbook's id; --workbook is not used).
    #[command(after_help = examples::IMPORT)]
    Import {
        /// The file: a trustwork JSON export (or workbook file), jrnl's JSON export or
        /// plain-text journal, or tui-journal's JSON file; `-` reads standard input.
        file: PathBuf,
        /// The format, when it is not found by itself: jrnl, jrnl-txt, tui-journal or trustwork.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// Import without asking.
        #[arg(long, short = 'y')]
        yes: bool,
        /// Only show what would be added.
        #[arg(long)]
        dry_run: bool,
    },
    /// Encrypt a workbook with a passphrase (age, scrypt): the workbook,
    /// its journal and its backups. The passphrase is asked for (twice), or
    /// read from the file named by TRUSTWORK_PASSPHRASE_FILE.
    #[command(after_help = examples::ENCRYPT)]
    Encrypt,
    /// Turn a workbook's encryption off again (asks for its passphrase).
    #[command(after_help = examples::DECRYPT)]
    Decrypt,
    /// Check the config file, or print a commented one to start from.
    #[command(after_help = examples::CONFIG)]
    Config {
        /// Print a config file with every setting shown, commented out, at its default.
        #[arg(long)]
        default: bool,
    },
    /// Print completions for a shell, e.g. `trustwork completions bash`.
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The workbook or people names completions offer, one per line.
    #[command(hide = true)]
    Names {
        #[arg(value_enum)]
        which: crate::commands::Names,
    },
    /// Print the manual page (roff): one page with every command, or with --dir one page per
    /// command written into DIR.
    #[command(after_help = examples::MAN)]
    Man {
        /// Write trustwork.1 and one page per command (trustwork-journal-add.1, …) into DIR.
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// Check the data folder, workbooks, config file and terminal, and say
    /// what is wrong (exit code 1 when something is).
    #[command(after_help = examples::DOCTOR)]
    Doctor,
}

/// What kind of export: `--format`, or `--for-counsellor` with what to
/// put in it.
#[derive(Debug, Args)]
pub struct ExportKind {
    /// md: a readable document; json: everything, for `trustwork import`.
    #[arg(long, value_enum, required_unless_present = "for_counsellor")]
    pub format: Option<FormatArg>,
    /// A short Markdown summary to give a counsellor: only what you add to it.
    #[arg(long, conflicts_with_all = ["format", "since", "stage"])]
    pub for_counsellor: bool,
    // --include and --entry only go with --for-counsellor. `requires` would
    // not say so (the flag's default counts as present); without
    // --for-counsellor, --format is required, so conflicting with it does.
    /// With --for-counsellor: the sections to add, separated by commas.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "SECTION,...",
        conflicts_with = "format"
    )]
    pub include: Vec<SectionArg>,
    /// With --for-counsellor: a journal entry (its id) or a written reflection (its answer,
    /// stage/step/prompt) to add; repeat for more.
    #[arg(long = "entry", value_name = "ID", conflicts_with = "format")]
    pub entries: Vec<String>,
}

/// A section of the summary for a counsellor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SectionArg {
    /// Which stages you worked on and how far (none of your answers).
    Stages,
    /// Your check-in scores by date (no notes; private ones only once revealed).
    Checkins,
    /// Agreements in force, the agreement lists and your commitments.
    Agreements,
}

impl From<ExportKind> for ExportFormat {
    fn from(kind: ExportKind) -> Self {
        if kind.for_counsellor {
            let has = |section| kind.include.contains(&section);
            return Self::Counsellor(CounsellorRequest {
                stages: has(SectionArg::Stages),
                checkins: has(SectionArg::Checkins),
                agreements: has(SectionArg::Agreements),
                entries: kind.entries,
            });
        }
        // clap requires --format without --for-counsellor.
        kind.format.map_or(Self::Markdown, Self::from)
    }
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Add an entry. The text comes from the arguments; without them, at a terminal your
    /// editor opens (as in jrnl), and otherwise stdin is read.
    #[command(after_help = examples::JOURNAL_ADD)]
    Add {
        /// The stage it is about: its id (acknowledge, communicate, …) or number (1-7).
        #[arg(long, value_name = "STAGE", value_parser = StageValue, hide_possible_values = true)]
        stage: Option<String>,
        /// How you feel: calm, hopeful, sad, angry, anxious or numb.
        #[arg(long, value_parser = MoodValue, hide_possible_values = true)]
        mood: Option<Mood>,
        /// A title (optional).
        #[arg(long, allow_hyphen_values = true)]
        title: Option<String>,
        /// Who writes it, by name (default: the workbook's first writer).
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
        /// When it happened, as you would say it: "yesterday 9pm", "last friday",
        /// "2024-05-01 21:00" (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        date: Option<String>,
        /// Write it in your editor (config editor, else $VISUAL, else $EDITOR), even with
        /// TEXT (which it starts from) or when not at a terminal.
        #[arg(long, short = 'e')]
        edit: bool,
        /// The entry's text (words are joined with spaces). Without it, your editor opens at a
        /// terminal; otherwise stdin is read.
        #[arg(value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Change an entry's title and text in your editor, by its id (from `journal list --json`).
    #[command(after_help = examples::JOURNAL_EDIT)]
    Edit {
        /// The entry's id.
        id: String,
        /// Whose, by name (in a workbook for two).
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// List entries and written reflections, newest first: date, title and the start of the text.
    #[command(after_help = examples::JOURNAL_LIST)]
    List {
        /// Only the newest N.
        #[arg(short = 'n', long = "number", value_name = "N")]
        newest: Option<usize>,
        /// Only entries written at or after WHEN ("last monday", "2024-05-01 21:00"; as journal add --date).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        from: Option<String>,
        /// Only entries written at or before WHEN; a day without a time means up to its end.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        to: Option<String>,
        /// Only this stage: its id or number (1-7).
        #[arg(long, value_name = "STAGE", value_parser = StageValue, hide_possible_values = true)]
        stage: Option<String>,
        /// Only entries written on or after this day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
        since: Option<NaiveDate>,
        /// Only entries with this mood.
        #[arg(long, value_parser = MoodValue, hide_possible_values = true)]
        mood: Option<Mood>,
        /// List the trash instead.
        #[arg(long)]
        trash: bool,
        /// plain: one line each; md: a Markdown list; json: an array of objects (fields below).
        #[arg(long, value_enum, default_value = "plain")]
        format: ListFormatArg,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Only entries with this tag (an @word in the text, as jrnl's tags are).
        #[arg(long, value_name = "TAG", allow_hyphen_values = true)]
        tag: Option<String>,
        /// Whose, by name: in a workbook for two, without it only what the two share is shown.
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// Find entries and reflections by words in their title or text (any case).
    #[command(after_help = examples::JOURNAL_SEARCH)]
    Search {
        /// What to look for, as typed in the app: words, \"phrases\", -excluded words.
        #[arg(value_name = "QUERY", allow_hyphen_values = true)]
        query: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Whose, by name: in a workbook for two, without it only what the two share is shown.
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// Show one entry in full, by its id (from `journal list --json`).
    #[command(after_help = examples::JOURNAL_SHOW)]
    Show {
        /// The entry's id.
        id: String,
        /// Whose, by name (in a workbook for two).
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
    /// Move an entry to the trash, by its id; the app's trash (t) puts it back.
    #[command(after_help = examples::JOURNAL_RM)]
    Rm {
        /// The entry's id.
        id: String,
        /// Whose, by name (in a workbook for two).
        #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
        author: Option<String>,
    },
}

/// How `journal list` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormatArg {
    /// One line per item.
    Plain,
    /// A Markdown list.
    #[value(alias = "markdown")]
    Md,
    /// An array of JSON objects.
    Json,
}

impl From<ListFormatArg> for ListFormat {
    fn from(arg: ListFormatArg) -> Self {
        match arg {
            ListFormatArg::Plain => Self::Plain,
            ListFormatArg::Md => Self::Markdown,
            ListFormatArg::Json => Self::Json,
        }
    }
}

/// The check-in scores: each from 0 to 10.
#[derive(Debug, Args)]
pub struct CheckInArgs {
    /// Trust between you: 0 (none at all) to 10 (solid and steady).
    #[arg(long, value_name = "0-10", value_parser = score)]
    pub trust: u8,
    /// How safe you feel being yourself: 0 (on guard) to 10 (at ease).
    #[arg(long, value_name = "0-10", value_parser = score)]
    pub safety: u8,
    /// How well you talk and listen: 0 (it goes wrong every time) to 10 (you feel heard).
    #[arg(long, value_name = "0-10", value_parser = score)]
    pub communication: u8,
    /// How much you both put into repair: 0 (nobody is trying) to 10 (you both keep showing up).
    #[arg(long, value_name = "0-10", value_parser = score)]
    pub commitment: u8,
    /// A note to go with it.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Who checks in, by name (default: the workbook's first writer).
    #[arg(long = "as", value_name = "NAME", allow_hyphen_values = true)]
    pub author: Option<String>,
}

impl CheckInArgs {
    pub fn scores(&self) -> Scores {
        Scores {
            trust: self.trust,
            safety: self.safety,
            communication: self.communication,
            commitment: self.commitment,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Markdown
    #[value(alias = "markdown")]
    Md,
    /// JSON
    Json,
    /// jrnl's plain-text journal (the journal only), which `jrnl --import` reads
    Jrnl,
}

impl From<FormatArg> for ExportFormat {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Md => Self::Markdown,
            FormatArg::Json => Self::Json,
            FormatArg::Jrnl => Self::Jrnl,
        }
    }
}

/// A check-in score; clap names the flag in its message.
fn score(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= SCALE_MAX)
        .ok_or_else(|| format!("use a whole number from 0 to {SCALE_MAX}"))
}

fn mood(text: &str) -> Result<Mood, String> {
    Mood::parse(text).ok_or_else(|| format!("choose one of {}", Mood::list()))
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "use the form YYYY-MM-DD, for example 2026-11-23".to_string())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RelationshipArg {
    Partner,
    Family,
    Friend,
    Colleague,
    Other,
}

impl From<RelationshipArg> for RelationshipKind {
    fn from(arg: RelationshipArg) -> Self {
        match arg {
            RelationshipArg::Partner => Self::Partner,
            RelationshipArg::Family => Self::Family,
            RelationshipArg::Friend => Self::Friend,
            RelationshipArg::Colleague => Self::Colleague,
            RelationshipArg::Other => Self::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// I was hurt.
    Hurt,
    /// I caused the hurt.
    Caused,
    /// Both, or not sure.
    Both,
}

impl From<RoleArg> for Role {
    fn from(arg: RoleArg) -> Self {
        match arg {
            RoleArg::Hurt => Self::Hurt,
            RoleArg::Caused => Self::Caused,
            RoleArg::Both => Self::Both,
        }
    }
}
