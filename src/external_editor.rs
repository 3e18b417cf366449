//! Editing text in the user's own editor (`$VISUAL`, else `$EDITOR`).
//!
//! The text goes to a temp file that only the user can read (created new,
//! mode 0600) and the file is removed afterwards, whatever happens, so no
//! copy of a private entry is left behind in the temp dir.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor named in `config.toml`, which comes before the environment.
static PREFERRED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Uses `command` before `$VISUAL` and `$EDITOR` from now on (set once, at
/// start, from the config).
pub fn prefer(command: &str) {
    let command = command.trim();
    if !command.is_empty() {
        let _ = PREFERRED.set(command.to_string());
    }
}

/// The editor the user asked for, if any: the config's, then `$VISUAL`,
/// then `$EDITOR`.
pub fn configured() -> Option<String> {
    if let Some(command) = PREFERRED.get() {
        return Some(command.clone());
    }
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
}

/// Removes the temp file when dropped, on every path out.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Runs `command` (a program and its arguments, split on spaces; the file
/// is added last) on a private temp file holding `text`, and returns the
/// text as the editor left it.
pub fn edit(command: &str, text: &str) -> Result<String, String> {
    let mut words = command.split_whitespace();
    let program = words
        .next()
        .ok_or("No editor is set. Set editor in config.toml, or $VISUAL or $EDITOR, or press e to edit here.")?;
    // Editors expect a text file to end with a newline (vi shows
    // "[noeol]" and adds one; some tools warn): it is given one, and the
    // one the file ends with is taken off again when it is read back.
    let with_newline = if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    };
    let file = create_private(&with_newline)?;
    let status = Command::new(program)
        .args(words)
        .arg(&file.0)
        .status()
        .map_err(|e| format!("Could not start the editor \"{program}\": {e}"))?;
    if !status.success() {
        return Err(format!(
            "The editor \"{program}\" ended with an error ({status}). Nothing was changed."
        ));
    }
    let edited = fs::read_to_string(&file.0)
        .map_err(|e| format!("Could not read back what the editor saved: {e}"))?;
    let added = !text.ends_with('\n');
    Ok(match edited.strip_suffix('\n') {
        Some(shorter) if added => shorter.strip_suffix('\r').unwrap_or(shorter).to_string(),
        _ => edited,
    })
}

fn create_private(text: &str) -> Result<TempFile, String> {
    // The process id in the name lets a later start tell a file left by a
    // process that was killed mid-edit (see `sweep_leftovers`).
    let name = format!("{PREFIX}{}-{}.md", std::process::id(), uuid::Uuid::now_v7());
    let path = std::env::temp_dir().join(name);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut handle = options.open(&path).map_err(|e| temp_error(&path, &e))?;
    let file = TempFile(path);
    handle
        .write_all(text.as_bytes())
        .and_then(|()| handle.sync_all())
        .map_err(|e| temp_error(&file.0, &e))?;
    Ok(file)
}

/// How every temp file handed to an editor is named.
const PREFIX: &str = "trustwork-";

/// Removes the text handed to an editor by a trustwork that was killed or
/// lost its terminal while the editor was open: a private page must not
/// stay in the temp folder. Only files whose process is gone are touched
/// (or, from older versions without a process id in the name, files over
/// a day old). Best effort.
pub fn sweep_leftovers() {
    let Ok(dir) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(PREFIX)
            .and_then(|r| r.strip_suffix(".md"))
        else {
            continue;
        };
        let gone = match rest
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        {
            Some(pid) => pid != std::process::id() && !process_alive(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600)),
        };
        if gone {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id is running (Linux's /proc; elsewhere it
/// is taken as running, so nothing is removed by mistake).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn temp_error(path: &Path, err: &std::io::Error) -> String {
    format!(
        "Could not create a private temp file at {}: {err}",
        path.display()
    )
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_editor_sees_a_private_file_that_is_gone_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("seen");
        // A fake editor: records the file's mode and path, then appends.
        let script = dir.path().join("fake-editor");
        fs::write(
            &script,
            format!(
                "#!/bin/sh\nstat -c %a \"$1\" > {log}\necho \"$1\" >> {log}\nwc -l < \"$1\" >> {log}\nprintf 'and more\\n' >> \"$1\"\n",
                log = log.display()
            ),
        )
        .unwrap();
        fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let edited = edit(&script.display().to_string(), "dear diary").unwrap();
        assert_eq!(edited, "dear diary\nand more");
        let seen = fs::read_to_string(&log).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"));
        let temp = lines.next().unwrap();
        assert!(!Path::new(temp).exists(), "temp file removed");
        // The file handed over ended with a newline (one full line).
        assert_eq!(lines.next().map(str::trim), Some("1"));
    }

    #[test]
    fn a_page_left_by_a_killed_edit_is_swept_and_a_live_ones_is_not() {
        let temp = std::env::temp_dir();
        // Process ids are never this high on Linux (pid_max is 2^22).
        let dead = temp.join(format!("{PREFIX}4294967000-{}.md", uuid::Uuid::now_v7()));
        let live = temp.join(format!(
            "{PREFIX}{}-{}.md",
            std::process::id(),
            uuid::Uuid::now_v7()
        ));
        fs::write(&dead, "private words").unwrap();
        fs::write(&live, "being edited").unwrap();
        sweep_leftovers();
        assert!(!dead.exists(), "left by a process that is gone");
        assert!(live.exists(), "still being edited");
        fs::remove_file(&live).unwrap();
    }

    #[test]
    fn a_failing_editor_changes_nothing_and_leaves_no_file() {
        let err = edit("false", "text").unwrap_err();
        assert!(err.contains("Nothing was changed"), "{err}");
        let err = edit("/no/such/editor", "text").unwrap_err();
        assert!(err.contains("Could not start"), "{err}");
    }
}
