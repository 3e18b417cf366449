//! Journal (being built).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};

use crate::action::Action;
use crate::app::{Command, Session};
use crate::content::Content;
use crate::ui::theme::THEME;

#[derive(Debug, Default)]
pub struct JournalScreen {}

impl JournalScreen {
    pub fn new(_content: &Content, _session: &Session) -> Self {
        Self {}
    }

    pub fn update(
        &mut self,
        _action: Action,
        _content: &Content,
        _session: &mut Session,
    ) -> Vec<Command> {
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, _content: &Content, _session: &Session) {
        let block = Block::bordered()
            .border_style(THEME.border)
            .title(" Journal ");
        frame.render_widget(Paragraph::new("").block(block), area);
    }
}

impl JournalScreen {
    pub fn context(&self) -> crate::keymap::Context {
        crate::keymap::Context::Journal
    }

    pub fn location(&self) -> String {
        "Journal".to_string()
    }
}
