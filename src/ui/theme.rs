//! Colours and text styles, in one place. Calm and readable on dark and
//! light terminals: named ANSI colours only, and meaning never carried by
//! colour alone (markers and words say the same), so the no-colour theme
//! loses nothing but colour.
//!
//! Screens read the current theme with [`theme()`]. It is per thread: the
//! thread that draws sets it once at start ([`set_theme`]), and parallel
//! tests each draw with their own.

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub accent: Style,
    pub selected: Style,
    pub done: Style,
    pub warning: Style,
    pub border: Style,
    pub border_focus: Style,
    pub key: Style,
    /// Text marked in a text box.
    pub text_selection: Style,
    /// The four check-in measures in charts, in `Measure::ALL` order.
    /// Colour only helps: each measure also has its own marker and a
    /// legend.
    pub series: [Style; 4],
}

impl Theme {
    /// Every style of the theme, for checks that must hold for all.
    pub fn styles(&self) -> Vec<Style> {
        let mut styles = vec![
            self.text,
            self.muted,
            self.title,
            self.accent,
            self.selected,
            self.done,
            self.warning,
            self.border,
            self.border_focus,
            self.key,
            self.text_selection,
        ];
        styles.extend(self.series);
        styles
    }
}

/// The themes a person can choose. `NO_COLOR` overrides any of them (see
/// [`theme_for`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    Default,
    HighContrast,
    Light,
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

const fn bold(style: Style) -> Style {
    style.add_modifier(Modifier::BOLD)
}

/// Named ANSI colours, which each terminal maps to its own palette: right
/// on dark and light backgrounds alike.
pub static DEFAULT: Theme = Theme {
    text: Style::new(),
    muted: fg(Color::DarkGray),
    title: bold(Style::new()),
    accent: fg(Color::Cyan),
    selected: bold(fg(Color::Cyan)),
    done: fg(Color::Green),
    warning: fg(Color::Yellow),
    border: fg(Color::DarkGray),
    border_focus: fg(Color::Cyan),
    key: bold(fg(Color::Cyan)),
    text_selection: Style::new().bg(Color::LightBlue),
    series: [
        fg(Color::Cyan),
        fg(Color::Magenta),
        fg(Color::Yellow),
        fg(Color::Green),
    ],
};

/// Bright colours on the terminal's own background, bold titles and a
/// reversed selection. No dark grey: it is too faint to read for some.
pub static HIGH_CONTRAST: Theme = Theme {
    text: fg(Color::White),
    muted: fg(Color::Gray),
    title: bold(fg(Color::White)),
    accent: fg(Color::LightCyan),
    selected: bold(fg(Color::LightYellow)).add_modifier(Modifier::REVERSED),
    done: fg(Color::LightGreen),
    warning: bold(fg(Color::LightYellow)),
    border: fg(Color::White),
    border_focus: fg(Color::LightYellow),
    key: bold(fg(Color::LightYellow)),
    text_selection: Style::new().add_modifier(Modifier::REVERSED),
    series: [
        fg(Color::LightCyan),
        fg(Color::LightMagenta),
        fg(Color::LightYellow),
        fg(Color::LightGreen),
    ],
};

/// For a white background: yellow and cyan text would all but vanish
/// there, so blue, magenta and grey carry the accents.
pub static LIGHT: Theme = Theme {
    text: Style::new(),
    muted: fg(Color::DarkGray),
    title: bold(Style::new()),
    accent: fg(Color::Blue),
    selected: bold(fg(Color::Blue)),
    done: fg(Color::Green),
    warning: bold(fg(Color::Magenta)),
    border: fg(Color::DarkGray),
    border_focus: fg(Color::Blue),
    key: bold(fg(Color::Blue)),
    text_selection: Style::new().bg(Color::LightBlue),
    series: [
        fg(Color::Blue),
        fg(Color::Magenta),
        fg(Color::Red),
        fg(Color::Green),
    ],
};

/// No colour at all (<https://no-color.org>): only bold, dim and reverse
/// video. The selection stays visible by reverse video and its marker.
pub static NO_COLOR: Theme = Theme {
    text: Style::new(),
    muted: Style::new().add_modifier(Modifier::DIM),
    title: bold(Style::new()),
    accent: Style::new(),
    selected: bold(Style::new()).add_modifier(Modifier::REVERSED),
    done: Style::new(),
    warning: bold(Style::new()),
    border: Style::new(),
    border_focus: bold(Style::new()),
    key: bold(Style::new()),
    text_selection: Style::new().add_modifier(Modifier::REVERSED),
    series: [Style::new(); 4],
};

thread_local! {
    static CURRENT: Cell<&'static Theme> = const { Cell::new(&DEFAULT) };
}

/// The theme screens draw with on this thread.
pub fn theme() -> &'static Theme {
    CURRENT.with(Cell::get)
}

/// Sets the theme for everything drawn on this thread from now on. Call it
/// on the thread that draws, before the first frame.
pub fn set_theme(theme: &'static Theme) {
    CURRENT.with(|current| current.set(theme));
}

/// The theme for a choice; `no_color` (see [`no_color_requested`]) wins
/// over any choice.
pub fn theme_for(choice: ThemeChoice, no_color: bool) -> &'static Theme {
    if no_color {
        return &NO_COLOR;
    }
    match choice {
        ThemeChoice::Default => &DEFAULT,
        ThemeChoice::HighContrast => &HIGH_CONTRAST,
        ThemeChoice::Light => &LIGHT,
    }
}

/// Whether `NO_COLOR` is set to something non-empty, which by the
/// convention means "no colours, whatever else is configured".
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_every_choice() {
        for choice in [
            ThemeChoice::Default,
            ThemeChoice::HighContrast,
            ThemeChoice::Light,
        ] {
            for style in theme_for(choice, true).styles() {
                assert_eq!((style.fg, style.bg), (None, None), "{choice:?}");
            }
        }
    }

    #[test]
    fn high_contrast_has_no_dark_grey_and_light_no_yellow_or_cyan() {
        let faint = |s: &Style| s.fg == Some(Color::DarkGray);
        assert!(!HIGH_CONTRAST.styles().iter().any(faint));
        let pale = |s: &Style| {
            matches!(
                s.fg,
                Some(Color::Yellow | Color::LightYellow | Color::Cyan | Color::LightCyan)
            )
        };
        assert!(!LIGHT.styles().iter().any(pale));
    }

    #[test]
    fn the_theme_is_set_per_thread() {
        set_theme(theme_for(ThemeChoice::Light, false));
        assert!(std::ptr::eq(theme(), &LIGHT));
        let other = std::thread::spawn(|| std::ptr::eq(theme(), &DEFAULT)).join();
        assert!(matches!(other, Ok(true)));
        set_theme(&DEFAULT);
    }
}
