//! Colours and text styles, in one place. Calm and readable on dark and
//! light terminals: named ANSI colours only, and meaning never carried by
//! colour alone (markers and words say the same).

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
}

pub const THEME: Theme = Theme {
    text: Style::new(),
    muted: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    accent: Style::new().fg(Color::Cyan),
    selected: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    done: Style::new().fg(Color::Green),
    warning: Style::new().fg(Color::Yellow),
    border: Style::new().fg(Color::DarkGray),
    border_focus: Style::new().fg(Color::Cyan),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
};

/// The four check-in measures in charts, in `Measure::ALL` order. Colour
/// only helps: each measure also has its own marker and a legend.
pub const SERIES: [Style; 4] = [
    Style::new().fg(Color::Cyan),
    Style::new().fg(Color::Magenta),
    Style::new().fg(Color::Yellow),
    Style::new().fg(Color::Green),
];
