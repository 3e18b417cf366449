//! Where the data dir is, and how a workbook's name becomes a file name.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use directories::ProjectDirs;

/// Environment variable that overrides the data dir (the `--data-dir` flag
/// still wins over it).
pub const DATA_DIR_ENV: &str = "TRUSTWORK_DATA_DIR";

/// The data dir to use: the `--data-dir` flag, else `TRUSTWORK_DATA_DIR`,
/// else the platform's data dir for trustwork.
pub fn data_dir(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    choose_data_dir(flag, std::env::var_os(DATA_DIR_ENV), default_data_dir)
}

/// The precedence rule of [`data_dir`], without touching the process
/// environment, so it can be tested without racing other tests.
///
/// Empty values count as unset: an empty path would silently mean "the
/// current directory", which is never what someone meant. `default` is only
/// called when needed, so an override works on a machine without a home dir.
pub fn choose_data_dir(
    flag: Option<&Path>,
    env_value: Option<OsString>,
    default: impl FnOnce() -> anyhow::Result<PathBuf>,
) -> anyhow::Result<PathBuf> {
    if let Some(flag) = flag.filter(|f| !f.as_os_str().is_empty()) {
        return Ok(flag.to_path_buf());
    }
    match env_value.filter(|v| !v.is_empty()) {
        Some(value) => Ok(PathBuf::from(value)),
        None => default(),
    }
}

fn default_data_dir() -> anyhow::Result<PathBuf> {
    ProjectDirs::from("", "", "trustwork")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            anyhow!(
                "could not find your home folder to keep workbooks in; \
                 choose a folder with --data-dir PATH or {DATA_DIR_ENV}=PATH"
            )
        })
}

/// Longest slug we produce, so file names stay well under filesystem limits
/// even with a `-NN` suffix and the `.json` / `.lock` extensions.
const MAX_SLUG_LEN: usize = 48;

/// Used when a name has no ASCII letters or digits at all (emoji, CJK…).
const FALLBACK_SLUG: &str = "workbook";

/// Names Windows refuses as file stems whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file-name-safe key for a workbook name: lowercase ASCII letters and
/// digits, with every run of anything else collapsed into one `-`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(MAX_SLUG_LEN);
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        FALLBACK_SLUG.to_string()
    } else if RESERVED.contains(&out) {
        format!("{FALLBACK_SLUG}-{out}")
    } else {
        out.to_string()
    }
}

/// The `n`th key to try for a slug: `sam`, `sam-2`, `sam-3`…
pub(crate) fn candidate_key(slug: &str, n: usize) -> String {
    if n <= 1 {
        slug.to_string()
    } else {
        format!("{slug}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Sam & Alex"), "sam-alex");
        assert_eq!(slug("  --Mum!!  "), "mum");
        assert_eq!(slug("Café 2024"), "caf-2024");
        assert_eq!(slug("💔🙂"), "workbook");
        assert_eq!(slug("信頼"), "workbook");
        assert_eq!(slug("CON"), "workbook-con");
        assert_eq!(slug(&"a".repeat(100)).len(), MAX_SLUG_LEN);
    }

    #[test]
    fn candidates() {
        assert_eq!(candidate_key("sam", 1), "sam");
        assert_eq!(candidate_key("sam", 3), "sam-3");
    }
}
