//! The command line, parsed with clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{RelationshipKind, Role};

#[derive(Debug, Parser)]
#[command(
    name = "trustwork",
    version,
    about = "A calm terminal workbook for repairing trust in a relationship.",
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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workbook without opening the app.
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
    },
    /// Show stage-by-stage progress.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print where workbooks are kept.
    Path,
    /// Put back a backup of a workbook that cannot be read.
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
