use std::path::PathBuf;

use thiserror::Error;

/// Everything that can go wrong in storage, each with a message a person can
/// act on. Paths are always included so the user can find the file.
#[derive(Debug, Error)]
pub enum StoreError {
    /// A workbook file gone (or not a regular file) while its journal or
    /// backups remain: what is left, and how to get it back.
    #[error("{0}")]
    Missing(String),

    /// Another program wrote the workbook after it was opened here.
    #[error(
        "{} was changed by another program after it was opened here, so it was not written over. Your change is still on screen: close and reopen the workbook to see both.",
        .0.display()
    )]
    ChangedElsewhere(PathBuf),

    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{} could not be read as a workbook: {message} (line {line}, column {column}).\n\
         The file has not been changed.{}",
        path.display(),
        restore_hint(path, backup.as_ref())
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        /// The newest backup that loads, if any.
        backup: Option<PathBuf>,
    },

    #[error(
        "{} line {line} could not be read as a journal entry: {message}.\n\
         The file has not been changed, and no entry will be written to it until it reads cleanly. \
         Every other line is intact: fix or remove that one line in a text editor, then open the workbook again.",
        path.display()
    )]
    DamagedJournal {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error(
        "{} was written by a newer trustwork (schema version {found}; this version understands up to {supported}).\n\
         The file has not been changed. Please update trustwork to open it.",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
        backup: Option<PathBuf>,
    },

    #[error(
        "the workbook \"{name}\" is already open in another trustwork ({holder}).\n\
         Close it there first. Lock file: {}",
        lock.display()
    )]
    Locked {
        name: String,
        holder: String,
        lock: PathBuf,
    },

    #[error(
        "{} is not a regular file (a folder, a pipe, a device or a link), so trustwork neither reads nor writes it. Move it out of the data folder, and run `trustwork doctor`",
        .0.display()
    )]
    NotAFile(PathBuf),

    #[error(
        "the journal of \"{0}\" is being written by another trustwork right now (an encryption, or a long save). Nothing was written; try again in a moment"
    )]
    JournalBusy(String),

    #[error(
        "there are no workbooks yet. Create one with `trustwork` or `trustwork new --name NAME`"
    )]
    NoWorkbooks,

    #[error("there are several workbooks; choose one with --workbook NAME. Workbooks: {}", available.join(", "))]
    WhichWorkbook { available: Vec<String> },

    #[error(
        "no workbook called \"{wanted}\". Workbooks: {}",
        list_or_none(available)
    )]
    UnknownWorkbook {
        wanted: String,
        available: Vec<String>,
    },

    #[error("a workbook needs a name")]
    EmptyName,

    #[error(
        "a workbook name cannot contain control characters (such as line breaks or escape codes)"
    )]
    InvalidName,

    #[error("there is no backup of \"{0}\" to restore")]
    NoBackup(String),

    /// Saving needs the workbook's lock, which only `open` takes.
    #[error("the workbook \"{0}\" is not open here, so it was not saved (open it first)")]
    NotOpen(String),

    #[error("could not write the workbook as JSON: {0}")]
    Serialize(#[from] serde_json::Error),

    #[error("that passphrase does not open this workbook. Nothing was changed; try again.")]
    WrongPassphrase,

    #[error(
        "\"{0}\" is encrypted and needs its passphrase: type it when asked, or put it in a file named by TRUSTWORK_PASSPHRASE_FILE"
    )]
    NeedsPassphrase(String),

    #[error("\"{0}\" is already encrypted")]
    AlreadyEncrypted(String),

    #[error("\"{0}\" is not encrypted")]
    NotEncrypted(String),

    #[error("encryption failed: {0}")]
    Crypto(String),
}

/// How to put the newest good backup back, naming the workbook by its key
/// (the file name) so the command works with several workbooks too.
fn restore_hint(path: &std::path::Path, backup: Option<&PathBuf>) -> String {
    let key = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let dir = path
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    match backup {
        Some(backup) => format!(
            "\nThe newest good backup is {}.\nTo put it back (the damaged file is kept aside), run:\n  trustwork restore --workbook {key} --data-dir \"{dir}\"",
            backup.display()
        ),
        None => "\nNo good backup was found.".to_string(),
    }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() {
        "(none yet)".to_string()
    } else {
        names.join(", ")
    }
}
