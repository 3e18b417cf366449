//! Progress (being built).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};

use crate::action::Action;
use crate::app::{Command, Session};
use crate::content::Content;
use crate::ui::theme::THEME;

#[derive(Debug, Default)]
pub struct DashboardScreen {}

impl DashboardScreen {
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
            .title(" Progress ");
        frame.render_widget(Paragraph::new("").block(block), area);
    }
}
