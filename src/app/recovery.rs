//! If trustwork itself fails (a bug, a panic), what the person was typing
//! must not go with it. The runtime catches the panic, writes the open text
//! into a recovery file in the data folder, and the next start puts it in
//! the workbook's journal and says so.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Runtime, Screen};
use crate::domain::{Clock, NewEntry};
use crate::open::Held;
use crate::storage::{Recovered, Store};

/// The title of a journal entry made from recovered text.
pub const RECOVERED_TITLE: &str = "Recovered after trustwork stopped unexpectedly";

/// What a caught failure left behind, for the message in the shell.
#[derive(Debug)]
pub struct Crashed {
    /// Where the unsaved text went, if there was any.
    pub kept: Option<std::path::PathBuf>,
    /// Why it could not be kept, if it could not.
    pub problem: Option<String>,
}

impl std::fmt::Display for Crashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("trustwork ran into an internal error and had to stop. ")?;
        match (&self.kept, &self.problem) {
            (Some(path), _) => write!(
                f,
                "What you were typing was kept in {} and will be added to your journal the next time you start trustwork.",
                path.display()
            ),
            (None, Some(problem)) => write!(
                f,
                "What you were typing could not be kept ({problem}). Everything saved before is safe."
            ),
            (None, None) => f.write_str("Everything saved before is safe."),
        }
    }
}

impl std::error::Error for Crashed {}

impl App {
    /// The text in whatever box is open, which a crash would lose.
    pub fn open_text(&self) -> Option<String> {
        let text = match &self.screen {
            Screen::Page(page) => page.open_text(),
            Screen::EntryForm(form) => Some(form.body.lines().join("\n")),
            Screen::CheckIn(checkin) => Some(checkin.note_text()),
            Screen::Floor(floor) => Some(floor.open_text()),
            _ => None,
        }?;
        (!text.trim().is_empty()).then_some(text)
    }
}

impl Runtime<'_> {
    /// A key press, with a failure inside the app caught: the open text is
    /// written to a recovery file and the failure is returned, so the
    /// terminal code can leave cleanly.
    pub fn key_guarded(&mut self, event: KeyEvent) -> Result<(), Crashed> {
        if let (KeyCode::Char(c), Some(trigger)) = (event.code, self.panic_on)
            && c == trigger
        {
            // The test-only trigger (see `panic_on`).
            return self.guarded(|_| panic!("test-only panic: key {c}"));
        }
        self.guarded(|rt| rt.key(event))
    }

    /// Runs `f`, catching a panic in it (see [`Runtime::key_guarded`]).
    pub fn guarded(&mut self, f: impl FnOnce(&mut Self)) -> Result<(), Crashed> {
        if catch_unwind(AssertUnwindSafe(|| f(self))).is_ok() {
            return Ok(());
        }
        Err(self.keep_open_text())
    }

    /// After a caught failure: writes the open text to a recovery file.
    pub fn keep_open_text(&mut self) -> Crashed {
        let Some(text) = self.app.open_text() else {
            return Crashed {
                kept: None,
                problem: None,
            };
        };
        let key = self.app.session.as_ref().map(|s| s.key().clone());
        // An encrypted workbook's words are never written in plain text.
        if key.as_ref().is_some_and(|k| self.store.is_encrypted(k)) {
            return Crashed {
                kept: None,
                problem: Some(
                    "this workbook is encrypted, so nothing is written outside it".into(),
                ),
            };
        }
        match self.store.write_recovery(key.as_ref(), &text) {
            Ok(path) => Crashed {
                kept: Some(path),
                problem: None,
            },
            Err(err) => Crashed {
                kept: None,
                problem: Some(err.to_string()),
            },
        }
    }
}

/// At start: puts text kept from a crash into its workbook's journal (or
/// the only workbook's, when it was typed before one was open) and
/// returns a message for the person. A workbook that cannot be opened now
/// keeps its recovery file for next time.
pub fn recover(store: &mut dyn Store) -> Option<String> {
    let recovered = store.recoveries().ok()?;
    let mut kept = Vec::new();
    for item in recovered {
        match add_to_journal(store, &item) {
            Ok(name) => {
                let _ = store.forget_recovery(&item);
                kept.push(name);
            }
            Err(_) => continue,
        }
    }
    (!kept.is_empty()).then(|| {
        format!(
            "Last time, trustwork stopped unexpectedly. What you were typing was kept: it is in the journal of {}, titled \"{RECOVERED_TITLE}\".",
            kept.join(", ")
        )
    })
}

/// Files one recovered text in its workbook's journal, dated when it was
/// typed. A closed workbook refuses, and the text stays where it is.
fn add_to_journal(store: &mut dyn Store, item: &Recovered) -> anyhow::Result<String> {
    let key = match &item.workbook {
        Some(key) => key.clone(),
        None => crate::storage::resolve(store, None)?,
    };
    let mut held = Held::open(store, key, Clock::System)?;
    held.load_journal()?;
    let new = NewEntry {
        stage: None,
        mood: None,
        title: RECOVERED_TITLE.to_string(),
        body: item.text.clone(),
    };
    held.add_entry_at(new, item.at)?;
    held.save()?;
    Ok(held.workbook().name.clone())
}
