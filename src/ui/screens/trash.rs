//! The journal's trash: deleted entries stay here until the user empties
//! it, and any of them can be put back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use uuid::Uuid;

use super::JournalScreen;
use super::journal::restored_commands;
use crate::action::Action;
use crate::content::Content;
use crate::journal_view::entry_item;
use crate::ui::screens::{Command, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{EntryRow, ListCursor, draw_entry_rows, draw_list_frame, thousands};

#[derive(Debug)]
pub struct TrashScreen {
    /// The journal list to go back to.
    pub list: JournalScreen,
    /// Trashed entries, most recently deleted first.
    pub rows: Vec<Uuid>,
    pub cursor: ListCursor,
    /// Waiting for "y" to empty the trash for good.
    pub confirming: bool,
}

impl TrashScreen {
    pub fn new(session: &Session, list: JournalScreen) -> Self {
        let mut screen = Self {
            list,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            confirming: false,
        };
        screen.refresh(session);
        screen
    }

    /// The entry under the cursor.
    pub fn selected(&self) -> Option<Uuid> {
        self.rows.get(self.cursor.selected).copied()
    }

    fn refresh(&mut self, session: &Session) {
        let mut trashed: Vec<_> = session.trash_of_writer().collect();
        trashed.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id)));
        self.rows = trashed.iter().map(|e| e.id).collect();
        self.cursor.keep_in_view(self.rows.len());
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        if self.confirming {
            self.confirming = false;
            if action != Action::Confirm {
                return vec![Command::Status("The trash is as it was.".into())];
            }
            let gone = match session.empty_trash() {
                Ok(gone) => gone,
                Err(refused) => return vec![Command::Status(format!("Not emptied: {refused}."))],
            };
            self.refresh(session);
            return vec![Command::Status(format!(
                "Deleted {} for good.",
                entries(gone)
            ))];
        }
        let len = self.rows.len();
        match action {
            Action::Up => self.cursor.move_by(-1, len),
            Action::Down => self.cursor.move_by(1, len),
            Action::ScrollUp => self.cursor.page(-1, len),
            Action::ScrollDown => self.cursor.page(1, len),
            Action::Top => self.cursor.top(),
            Action::Bottom => self.cursor.bottom(len),
            Action::Restore => {
                let Some(&id) = self.rows.get(self.cursor.selected) else {
                    return vec![Command::Status("The trash is empty.".into())];
                };
                let restored = session.restore(id);
                self.list.undo.retain(|u| *u != id);
                self.refresh(session);
                return restored_commands(restored);
            }
            Action::EmptyTrash if self.rows.is_empty() => {
                return vec![Command::Status("The trash is already empty.".into())];
            }
            Action::EmptyTrash => self.confirming = true,
            Action::Back => {
                let mut list = std::mem::take(&mut self.list);
                list.refresh(content, session);
                return vec![Command::Goto(Screen::Journal(Box::new(list)))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let count = format!(" {} ", entries(self.rows.len()));
        let (note, list) = draw_list_frame(frame, area, "Trash", count, 2);
        let (text, style) = if self.confirming {
            (
                format!(
                    "Delete {} for good? This cannot be undone. Press y to delete, any other key to keep them.",
                    entries(self.rows.len())
                ),
                theme().warning,
            )
        } else {
            (
                "Deleted entries wait here until you empty the trash. Enter puts one back.".into(),
                theme().muted,
            )
        };
        frame.render_widget(
            Paragraph::new(text).style(style).wrap(Wrap { trim: true }),
            note,
        );
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new("The trash is empty.").style(theme().muted),
                list,
            );
            return;
        }
        draw_entry_rows(
            frame,
            list,
            content,
            self.rows.len(),
            |i| {
                let entry = session.journal().get(*self.rows.get(i)?)?;
                Some(EntryRow {
                    when: session
                        .clock()
                        .local(entry.deleted_at.unwrap_or(entry.created_at)),
                    item: entry_item(entry),
                })
            },
            &self.cursor,
            None,
        );
    }
}

/// "1 entry", "3 entries".
fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{} entries", thousands(n))
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for TrashScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Trash
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
        "Journal · trash".to_string()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (!self.confirming).then_some((&self.cursor.clicks, self.cursor.selected))
    }
}
