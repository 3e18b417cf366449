//! Asking for a passphrase: from the file named by
//! `TRUSTWORK_PASSPHRASE_FILE` (for scripts), or typed at a prompt without
//! echo. Never from a command-line argument, which other users of the
//! machine could see in the process list.

use std::io::{IsTerminal, Write, stderr, stdin};

use age::secrecy::SecretString;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

/// The environment variable naming a file that holds the passphrase.
pub const PASSPHRASE_FILE_ENV: &str = "TRUSTWORK_PASSPHRASE_FILE";

/// The passphrase from the file, if one is named. Its last line break is
/// not part of it.
pub fn from_file() -> Option<Result<SecretString, String>> {
    let path = std::env::var_os(PASSPHRASE_FILE_ENV)?;
    Some(
        std::fs::read_to_string(&path)
            .map(|text| SecretString::from(text.trim_end_matches(['\n', '\r']).to_string()))
            .map_err(|e| {
                format!(
                    "could not read {PASSPHRASE_FILE_ENV} ({}): {e}",
                    path.to_string_lossy()
                )
            }),
    )
}

/// For the store: the passphrase of workbook `key`, from the file or a
/// prompt; `None` when neither is possible (then the store says how).
pub fn ask(key: &str) -> Option<SecretString> {
    match from_file() {
        Some(result) => result.ok(),
        None if stdin().is_terminal() => prompt(&format!("Passphrase for \"{key}\": ")),
        None => None,
    }
}

/// Reads a line without showing it. Esc or Ctrl+C gives up.
pub fn prompt(label: &str) -> Option<SecretString> {
    let mut err = stderr();
    let _ = write!(err, "{label}");
    let _ = err.flush();
    terminal::enable_raw_mode().ok()?;
    let mut typed = String::new();
    let done = loop {
        let Ok(Event::Key(key)) = event::read() else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match key.code {
            KeyCode::Enter => break true,
            KeyCode::Esc => break false,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => break false,
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) => typed.push(c),
            _ => {}
        }
    };
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    done.then(|| SecretString::from(typed))
}

/// A new passphrase: from the file, or typed twice the same. A blank one
/// is refused.
pub fn new_passphrase() -> Result<SecretString, String> {
    use age::secrecy::ExposeSecret as _;
    let chosen = match from_file() {
        Some(result) => result?,
        None if stdin().is_terminal() => {
            let first =
                prompt("New passphrase: ").ok_or("no passphrase was given; nothing changed")?;
            let again = prompt("The same passphrase again: ")
                .ok_or("no passphrase was given; nothing changed")?;
            if first.expose_secret() != again.expose_secret() {
                return Err("the two passphrases differ; nothing changed".into());
            }
            first
        }
        None => {
            return Err(format!(
                "a passphrase is needed: type it at a terminal, or put it in a file named by {PASSPHRASE_FILE_ENV}"
            ));
        }
    };
    if chosen.expose_secret().trim().is_empty() {
        return Err("a blank passphrase would protect nothing; nothing changed".into());
    }
    Ok(chosen)
}
