//! Support, one key (Ctrl+S) from anywhere, with or without a workbook
//! open: the emergency line, lines for anyone in crisis, the
//! domestic-abuse helplines and the person's own numbers. Esc goes back to
//! exactly where they were, with anything half-typed still there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::action::Action;
use crate::content::Content;
use crate::ui::screens::{Command, HomeScreen, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{Scroll, inner_width, wrapped};

#[derive(Debug)]
pub struct SupportScreen {
    /// Where the person was; they go back to it as it was.
    pub back: Box<Screen>,
    pub scroll: Scroll,
}

impl SupportScreen {
    pub fn new(back: Screen) -> Self {
        Self {
            back: Box::new(back),
            scroll: Scroll::default(),
        }
    }

    fn update(&mut self, action: Action) -> Vec<Command> {
        if self.scroll.update(&action) {
            return Vec::new();
        }
        match action {
            Action::Down => self.scroll.down(3),
            Action::Up => self.scroll.up(3),
            Action::Back | Action::Select => {
                let back = std::mem::replace(
                    &mut self.back,
                    Box::new(Screen::Home(HomeScreen::default())),
                );
                return vec![Command::Goto(*back)];
            }
            _ => {}
        }
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: Option<&Session>) {
        let text = &content.safety;
        let width = inner_width(area);
        let bullet = |item: String, style| -> Vec<Line<'static>> {
            crate::ui::widgets::wrap(&item, width.saturating_sub(2).max(1))
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    Line::styled(format!("{}{l}", if i == 0 { "• " } else { "  " }), style)
                })
                .collect()
        };
        let mut lines = wrapped(&text.safety.emergency, theme().warning, width);
        lines.push(Line::default());
        lines.extend(wrapped(
            "If you are thinking about ending your life, or it is all too much tonight, you can talk to someone now, free and in confidence:",
            theme().text,
            width,
        ));
        for line in &text.crisis {
            lines.extend(bullet(
                format!("{} — {}: {}", line.country, line.name, line.contact),
                theme().text,
            ));
        }
        lines.extend(bullet(
            "Anywhere else: findahelpline.com lists free lines by country.".to_string(),
            theme().text,
        ));
        lines.push(Line::default());
        lines.extend(wrapped(&text.safety.resources_intro, theme().text, width));
        for r in &text.resources {
            lines.extend(bullet(
                format!("{} — {}: {}", r.country, r.name, r.contact),
                theme().text,
            ));
        }
        if let Some(session) = session {
            for own in session.own_numbers() {
                lines.extend(bullet(own.to_string(), theme().accent));
            }
        }
        lines.push(Line::default());
        lines.extend(crate::ui::widgets::key_lines(
            &[
                ("Esc", "back to where you were"),
                ("Ctrl+Q", "leave at once"),
            ],
            width,
        ));
        self.scroll.draw(frame, area, "Support", lines);
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for SupportScreen {
    fn context(&self, _session: Option<&Session>) -> crate::keymap::Context {
        crate::keymap::Context::Support
    }

    fn update(&mut self, action: Action, _cx: crate::ui::screens::Cx<'_>) -> Vec<Command> {
        self.update(action)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &crate::ui::screens::Look<'_>) {
        self.draw(frame, area, look.content, look.session);
    }

    fn location(&self, _look: &crate::ui::screens::Look<'_>) -> String {
        "Support".to_string()
    }

    /// Nobody's name in the header while the support lines are up.
    fn private(&self) -> bool {
        true
    }

    /// Ctrl+Q keeps what was being typed on the screen underneath.
    fn keep_on_quick_exit(
        &mut self,
        content: &Content,
        session: Option<&mut Session>,
    ) -> Vec<Command> {
        self.back.view_mut().keep_on_quick_exit(content, session)
    }
}
