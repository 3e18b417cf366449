//! The home screen: the workbooks on this machine, and a way to start a new
//! one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::CreateScreen;
use crate::action::Action;
use crate::storage::{Listing, ListingStatus};
use crate::ui::screens::{Command, Effect, Screen, error_popup};
use crate::ui::theme::theme;
use crate::ui::widgets::{ClickMap, list_window, selection_marker};

#[derive(Debug, Default)]
pub struct HomeScreen {
    /// Selected row; the row after the last workbook is "New workbook".
    pub selected: usize,
    /// Where each row was drawn, for the mouse.
    pub clicks: ClickMap,
}

impl HomeScreen {
    pub fn clamp(&mut self, workbooks: usize) {
        self.selected = self.selected.min(workbooks);
    }

    pub fn update(&mut self, action: Action, listings: &[Listing]) -> Vec<Command> {
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(listings.len()),
            Action::Top => self.selected = 0,
            // The last row is "+ New workbook".
            Action::Bottom => self.selected = listings.len(),
            Action::NewWorkbook => {
                return vec![Command::Goto(Screen::Create(CreateScreen::new(false)))];
            }
            Action::Select => {
                return match listings.get(self.selected) {
                    None => vec![Command::Goto(Screen::Create(CreateScreen::new(false)))],
                    Some(Listing {
                        status: ListingStatus::Unreadable { message },
                        ..
                    }) => {
                        vec![error_popup(
                            "This workbook cannot be opened",
                            message.clone(),
                        )]
                    }
                    // The passphrase is asked before the screen opens, not
                    // here, where it could be seen being typed.
                    Some(Listing {
                        key,
                        status: ListingStatus::Encrypted,
                    }) => vec![error_popup(
                        "This workbook is encrypted",
                        format!(
                            "To open it, leave trustwork and start it again with\n\n  trustwork --workbook {key}\n\nIt asks for the passphrase before anything is shown."
                        ),
                    )],
                    Some(listing) => vec![Command::Effect(Effect::Open(listing.key.clone()))],
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// `discreet` hides the names (and what each is about): someone
    /// glancing at the screen sees only numbered workbooks.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        listings: &[Listing],
        discreet: bool,
        clock: crate::domain::Clock,
    ) {
        let [intro, list] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
        let welcome = Paragraph::new(vec![
            Line::styled("Your workbooks", theme().title),
            Line::styled(
                "Each workbook is about one relationship. Everything stays on this computer. A hard moment right now? Ctrl+N.",
                theme().muted,
            ),
        ])
        .wrap(Wrap { trim: true });
        frame.render_widget(welcome, intro);

        let block = Block::bordered()
            .border_style(theme().border)
            .title(" Workbooks ");
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let mut rows: Vec<Line> = listings
            .iter()
            .enumerate()
            .map(|(i, listing)| match discreet {
                true => discreet_row(i, i == self.selected),
                false => {
                    let shared = crate::storage::name_shared(listings, i);
                    workbook_row(listing, i == self.selected, shared, clock)
                }
            })
            .collect();
        let new_selected = self.selected == listings.len();
        rows.push(Line::from(vec![
            selection_marker(new_selected),
            Span::styled(
                "+ New workbook",
                if new_selected {
                    theme().selected
                } else {
                    theme().accent
                },
            ),
        ]));
        let (start, end) = list_window(rows.len(), self.selected, inner.height as usize);
        self.clicks.rows(inner, start, end - start);
        frame.render_widget(Paragraph::new(rows[start..end].to_vec()), inner);
    }
}

fn discreet_row(index: usize, selected: bool) -> Line<'static> {
    let style = if selected {
        theme().selected
    } else {
        theme().text
    };
    Line::from(vec![
        selection_marker(selected),
        Span::styled(format!("Workbook {}", index + 1), style),
    ])
}

/// One workbook; `shared_name` adds the name it is saved under, to tell it
/// from another of the same name.
fn workbook_row(
    listing: &Listing,
    selected: bool,
    shared_name: bool,
    clock: crate::domain::Clock,
) -> Line<'static> {
    let name_style = if selected {
        theme().selected
    } else {
        theme().text
    };
    let mut spans = vec![
        selection_marker(selected),
        Span::styled(listing.display_name().to_string(), name_style),
    ];
    if shared_name {
        spans.push(Span::styled(
            format!(" (saved as {})", listing.key.0),
            theme().muted,
        ));
    }
    match &listing.status {
        ListingStatus::Ready {
            relationship,
            role,
            updated_at,
            closed,
            for_two,
            ..
        } => spans.push(Span::styled(
            format!(
                "  · {} · {} · {} {}",
                relationship.as_str(),
                // The side stored is the first person's: not to be told
                // to the other.
                if *for_two { "for two" } else { role.describe() },
                if *closed { "closed" } else { "last changed" },
                clock.local(*updated_at).format("%-d %b %Y")
            ),
            theme().muted,
        )),
        ListingStatus::Unreadable { .. } => {
            spans.push(Span::styled(
                "  · cannot be read: press Enter for details",
                theme().warning,
            ));
        }
        ListingStatus::Encrypted => {
            spans.push(Span::styled("  · encrypted", theme().muted));
        }
    }
    Line::from(spans)
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for HomeScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Home
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        self.update(action, cx.listings)
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        self.draw(frame, area, look.listings, look.discreet, look.clock);
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        "Workbooks".to_string()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (true).then_some((&self.clicks, self.selected))
    }
}
