//! The user's settings, from `config.toml`.
//!
//! Loading never stops the app: a missing file means the defaults, and
//! each mistake in the file becomes a message naming the file and line,
//! with that one setting left at its default while the rest of the file
//! still applies. The action names under `[keys]` are checked by the
//! keymap, which knows them; here only the key strings are read.

mod apply;
mod keys;
mod read;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use directories::ProjectDirs;

use crate::keymap::Key;

pub use apply::{Applied, apply, tell};
pub use keys::parse_key;

/// Environment variable naming the config file (the `--config` flag still
/// wins over it).
pub const CONFIG_ENV: &str = "TRUSTWORK_CONFIG";

/// The config file's name in the platform's config folder.
pub const FILE_NAME: &str = "config.toml";

/// The reminder intervals, in days, that the check-in form offers: the
/// file may not set one the form would refuse.
pub use crate::domain::CHECKIN_INTERVAL_DAYS;

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Works on dark and light terminals alike.
    #[default]
    Default,
    HighContrast,
    Light,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [Self::Default, Self::HighContrast, Self::Light];

    /// The name as written in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::HighContrast => "high-contrast",
            Self::Light => "light",
        }
    }

    /// A theme by its name, ignoring case.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|theme| theme.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Everything the config file can set. [`Config::default`] is what an
/// empty or missing file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    /// Mouse clicks and scrolling in the app.
    pub mouse: bool,
    /// Hide workbook names and use a neutral window title.
    pub discreet: bool,
    /// The editor command, used instead of `$VISUAL`/`$EDITOR`.
    pub editor: Option<String>,
    /// In a two-person workbook, who is writing when it opens (a name).
    pub default_author: Option<String>,
    /// The check-in reminder interval for new workbooks, within
    /// [`CHECKIN_INTERVAL_DAYS`]; unset means the workbook's own default.
    pub checkin_interval_days: Option<u32>,
    /// The `[keys]` table, in the order of the file.
    pub keys: Vec<KeyOverride>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: ThemeName::default(),
            mouse: true,
            discreet: false,
            editor: None,
            default_author: None,
            checkin_interval_days: None,
            keys: Vec::new(),
        }
    }
}

pub use crate::keymap::KeyOverride;

/// A loaded config and what was wrong in its file (each a whole sentence
/// naming the file and line, ready to show).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<String>,
}

/// Reads the config file at `path`. Never fails: see the module docs.
pub fn load(path: &Path) -> Loaded {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, &shown),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(err) => {
            let why = if err.kind() == std::io::ErrorKind::InvalidData {
                "it is not plain text (UTF-8)".to_string()
            } else {
                err.to_string()
            };
            Loaded {
                config: Config::default(),
                problems: vec![format!(
                    "{shown}: could not be read ({why}), so the default settings are in use"
                )],
            }
        }
    }
}

/// Reads config text; `file` names it in the messages.
pub fn parse(text: &str, file: &str) -> Loaded {
    read::parse(text, file)
}

/// A commented config file showing every setting with its default.
pub fn default_text() -> String {
    let mut text = include_str!("config/default.toml").to_string();
    text.push_str(&actions_text());
    text
}

/// Every action that can be given keys, with its usual keys and what it
/// does, as comments: generated from the keymap, so it is never out of
/// date.
fn actions_text() -> String {
    let mut actions: Vec<(String, Vec<Key>, &str)> = Vec::new();
    for binding in crate::keymap::BINDINGS {
        let name = crate::keymap::action_name(&binding.action);
        match actions.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, keys, help)) => {
                // The shortest wording is the most general ("Yes", not
                // "Yes, empty the trash").
                if binding.help.len() < help.len() {
                    *help = binding.help;
                }
                let new: Vec<Key> = binding
                    .keys
                    .iter()
                    .filter(|k| !keys.contains(k))
                    .copied()
                    .collect();
                keys.extend(new);
            }
            None => actions.push((name, binding.keys.to_vec(), binding.help)),
        }
    }
    let mut text =
        String::from("\n# The actions, their usual keys (on some screens), and what they do:\n");
    for (name, keys, help) in actions {
        let keys: Vec<String> = keys.iter().map(keys::key_text).collect();
        text.push_str(&format!("#   {name:<22} {:<24} {help}\n", keys.join(" ")));
    }
    text
}

/// Where the config file is: `override_` (the `--config` flag), else
/// `TRUSTWORK_CONFIG`, else `config.toml` in the platform's config folder.
/// The file itself need not exist.
pub fn path(override_: Option<&Path>) -> Result<PathBuf> {
    // The same precedence, empty values included, as for the data dir.
    crate::storage::choose_data_dir(override_, std::env::var_os(CONFIG_ENV), default_path)
}

fn default_path() -> Result<PathBuf> {
    ProjectDirs::from("", "", "trustwork")
        .map(|dirs| dirs.config_dir().join(FILE_NAME))
        .ok_or_else(|| {
            anyhow!(
                "could not find your home folder, where the config file is kept; \
                 name one with --config FILE or {CONFIG_ENV}=FILE"
            )
        })
}
