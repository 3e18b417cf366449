//! Putting the settings in force for the full-screen app: the theme and
//! the keys (per thread, read by every screen), the editor, and what the
//! app applies to each workbook it opens. Problems found on the way are
//! collected for one message on the first screen.

use super::{Config, ThemeName};
use crate::app::{App, Popup, Settings};
use crate::keymap::{self, Keymap};
use crate::ui::theme::{self, ThemeChoice};

/// What the runtime and the app still need after [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub app: Settings,
    pub discreet: bool,
    pub mouse: bool,
    /// Mistakes in the file and key clashes, one line each.
    pub problems: Vec<String>,
}

/// Sets the theme and keymap on this thread and the preferred editor, and
/// returns the rest. `problems` are the file's own (from `config::load`);
/// `file` names it in the keymap's.
pub fn apply(config: &Config, mut problems: Vec<String>, file: &str, no_color: bool) -> Applied {
    let choice = match config.theme {
        ThemeName::Default => ThemeChoice::Default,
        ThemeName::HighContrast => ThemeChoice::HighContrast,
        ThemeName::Light => ThemeChoice::Light,
    };
    theme::set_theme(theme::theme_for(choice, no_color));
    let (keys, clashes) = Keymap::with_overrides(&config.keys, file);
    keymap::set_active(keys);
    problems.extend(clashes);
    if let Some(editor) = &config.editor {
        crate::external_editor::prefer(editor);
    }
    Applied {
        app: Settings {
            default_author: config.default_author.clone(),
            checkin_interval_days: config.checkin_interval_days,
        },
        discreet: config.discreet,
        mouse: config.mouse,
        problems,
    }
}

/// Tells the person, on the first screen, what in their settings was not
/// used. Added to a message already waiting (text kept after a crash),
/// never in place of it.
pub fn tell(app: &mut App, problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    let mut message = String::from(
        "Some of your settings could not be used, so the usual ones are in place for these:\n",
    );
    for problem in problems {
        message.push_str("\n• ");
        message.push_str(problem);
    }
    message.push_str("\n\nEverything else works as normal. `trustwork config` checks the file.");
    app.popup = Some(match app.popup.take() {
        Some(earlier) => Popup {
            title: earlier.title,
            message: format!("{}\n\n{message}", earlier.message),
        },
        None => Popup {
            title: "Your settings".into(),
            message,
        },
    });
}
