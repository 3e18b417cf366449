//! Reading one journal entry (or reflection), with search matches marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::journal::{apply_external_edit, delete, edit_externally};
use super::{EntryFormScreen, JournalScreen, PageScreen};
use crate::action::Action;
use crate::content::{CHECKOUT_ID, Content};
use crate::engine::Place;
use crate::journal_view::{Item, Source};
use crate::ui::screens::{Command, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{draw_scrolled, highlighted, inner_width, wrap};

/// Said when someone presses `e` on an entry the other person wrote and
/// shared: it is there to be read, not rewritten in their name.
pub const NOT_YOURS: &str =
    "This entry was shared with you to read: only the person who wrote it can change it.";

#[derive(Debug)]
pub struct EntryScreen {
    /// The journal list to go back to, as it was.
    pub list: JournalScreen,
    pub source: Source,
    pub scroll: u16,
    scroll_max: std::cell::Cell<u16>,
}

impl EntryScreen {
    pub fn new(list: JournalScreen, source: Source) -> Self {
        Self {
            list,
            source,
            scroll: 0,
            scroll_max: std::cell::Cell::new(u16::MAX),
        }
    }

    /// Back to the list, refreshed and with this entry selected.
    fn back(&mut self, content: &Content, session: &Session) -> Command {
        let mut list = std::mem::take(&mut self.list);
        list.refresh(content, session);
        list.select(&self.source);
        Command::Goto(Screen::Journal(Box::new(list)))
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Back => return vec![self.back(content, session)],
            Action::ScrollDown => {
                self.scroll = self.scroll.saturating_add(1).min(self.scroll_max.get())
            }
            Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::NextPage | Action::PreviousPage => {
                let delta = if action == Action::NextPage { 1 } else { -1 };
                let len = self.list.rows.len();
                self.list.cursor.move_by(delta, len);
                if let Some(source) = self.list.selected().cloned() {
                    self.source = source;
                    self.scroll = 0;
                }
            }
            Action::Edit if !session.may_change(&self.source) => {
                return vec![Command::Status(NOT_YOURS.into())];
            }
            Action::Edit => {
                let back = std::mem::replace(
                    self,
                    EntryScreen::new(JournalScreen::default(), self.source.clone()),
                );
                return vec![Command::Goto(Screen::EntryForm(Box::new(
                    EntryFormScreen::edit(content, session, self.source.clone(), back.into()),
                )))];
            }
            Action::ToggleShare => {
                return crate::ui::screens::command::toggle_share(session, &self.source);
            }
            Action::EditExternal => {
                return edit_externally(content, session, Some(&self.source))
                    .into_iter()
                    .collect();
            }
            Action::ExternallyEdited(target, result) => {
                return apply_external_edit(content, session, &target, result);
            }
            Action::Delete => {
                let mut commands = delete(content, session, &self.source, &mut self.list.undo);
                commands.push(self.back(content, session));
                return commands;
            }
            Action::OpenStep => {
                return match step_place(content, &self.source) {
                    Some(place) => vec![Command::Goto(Screen::Page(Box::new(PageScreen::new(
                        place,
                    ))))],
                    None => vec![Command::Status(
                        "Only reflections belong to a step; this is a journal entry.".into(),
                    )],
                };
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let Some(item) = session.item_of(content, &self.source) else {
            return;
        };
        let width = inner_width(area);
        let lines = entry_lines(
            &item,
            content,
            session,
            width,
            self.list.filter.query.as_ref(),
        );
        let title = crate::ui::widgets::truncate(item.headline(), width.saturating_sub(4));
        self.scroll_max
            .set(draw_scrolled(frame, area, &title, lines, self.scroll));
    }
}

/// The page of the step a reflection answers.
fn step_place(content: &Content, source: &Source) -> Option<Place> {
    let Source::Reflection(answer) = source else {
        return None;
    };
    let mut parts = answer.split('/');
    let stage = content.stage_index(parts.next()?)?;
    let step = parts.next()?;
    if step == CHECKOUT_ID {
        return Some(Place::Checkout(stage));
    }
    let index = content.stages[stage]
        .steps
        .iter()
        .position(|s| s.id == step)?;
    Some(Place::Step(stage, index))
}

fn entry_lines(
    item: &Item<'_>,
    content: &Content,
    session: &Session,
    width: usize,
    query: Option<&crate::domain::search::Query>,
) -> Vec<Line<'static>> {
    let local = |at| session.clock().local(at);
    let mut meta = vec![
        local(item.created_at)
            .format("%A %-d %B %Y, %H:%M")
            .to_string(),
    ];
    if let Some(stage) = item.stage.and_then(|id| content.stage(id)) {
        meta.push(stage.title.clone());
    }
    if let Some(step) = item.step {
        meta.push(step.to_string());
    }
    if let Some(mood) = item.mood {
        meta.push(format!("feeling {mood}"));
    }
    if session.workbook().participants.len() > 1 {
        meta.push(format!(
            "by {}",
            session.workbook().author_name(item.author)
        ));
    }
    let mut lines: Vec<Line<'static>> = wrap(&meta.join(" · "), width)
        .into_iter()
        .map(|l| Line::styled(l, theme().muted))
        .collect();
    if let Some(sharing) = session.sharing(&item.source) {
        lines.push(Line::from(vec![
            Span::styled(format!("{} · ", sharing.describe()), theme().accent),
            Span::styled("S", theme().key),
            Span::styled(format!(": {}", sharing.offer()), theme().muted),
        ]));
    }
    if item.edited_at != item.created_at {
        lines.push(Line::styled(
            format!("edited {}", local(item.edited_at).format("%Y-%m-%d %H:%M")),
            theme().muted,
        ));
    }
    if item.is_reflection() {
        lines.push(Line::default());
        for l in wrap(item.title, width) {
            lines.push(Line::from(highlighted(&l, query, theme().accent)));
        }
    } else if item.title.trim().width() > width.saturating_sub(4) {
        // A long title is cut in the border; show it whole here.
        lines.push(Line::default());
        for l in wrap(item.title, width) {
            lines.push(Line::from(highlighted(&l, query, theme().title)));
        }
    }
    lines.push(Line::default());
    for (i, paragraph) in item.body.lines().enumerate() {
        if paragraph.trim().is_empty() {
            if i > 0 {
                lines.push(Line::default());
            }
            continue;
        }
        for l in wrap(paragraph, width) {
            lines.push(Line::from(highlighted(&l, query, theme().text)));
        }
    }
    if item.is_reflection() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("s", theme().key),
            Span::styled(" opens the step this answers", theme().muted),
        ]));
    }
    lines
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for EntryScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Entry
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, cx.content, session)
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        let Some(session) = look.session else {
            return;
        };
        self.draw(frame, area, look.content, session);
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        self.list.location()
    }
}
