//! A summary to hand a counsellor (stage 6): the person ticks what goes in
//! (stages worked on, the check-in trend, agreements, chosen journal
//! entries) and nothing else is included. Written as Markdown into their
//! documents folder.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::content::Content;
use crate::engine::Place;
use crate::export::counsellor::{CounsellorChoice, counsellor_markdown};
use crate::journal_view::Source;
use crate::ui::screens::PageScreen;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{draw_scrolled, inner_width, list_window, truncate, wrapped};

/// The sections before the journal entries, in order.
const SECTIONS: [&str; 3] = [
    "Which stages I have worked on",
    "My check-in scores over time",
    "Our agreements (and my commitments)",
];

#[derive(Debug)]
pub struct CounsellorScreen {
    /// The step to go back to.
    pub place: Place,
    pub selected: usize,
    pub sections: [bool; 3],
    pub entries: BTreeSet<Source>,
}

impl CounsellorScreen {
    pub fn new(place: Place) -> Self {
        Self {
            place,
            selected: 0,
            sections: [false; 3],
            entries: BTreeSet::new(),
        }
    }

    /// The journal entries and reflections on offer, newest first (from
    /// the journal index when the journal is held in part).
    fn sources(content: &Content, session: &Session) -> Vec<Source> {
        session
            .sources(content, &crate::journal_view::Filter::default())
            .0
    }

    /// The entries ticked, to be read in before the summary is made from
    /// them (see `Runtime::hold_what_is_needed`).
    pub fn ticked_entries(&self) -> impl Iterator<Item = uuid::Uuid> + '_ {
        self.entries.iter().filter_map(|source| match source {
            Source::Entry(id) => Some(*id),
            Source::Reflection(_) => None,
        })
    }

    pub fn choice(&self) -> CounsellorChoice {
        let [stages, checkins, agreements] = self.sections;
        CounsellorChoice {
            stages,
            checkins,
            agreements,
            entries: self.entries.iter().cloned().collect(),
        }
    }

    pub fn update(&mut self, action: Action, content: &Content, session: &Session) -> Vec<Command> {
        let sources = Self::sources(content, session);
        let rows = SECTIONS.len() + sources.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Action::Toggle => match self.selected.checked_sub(SECTIONS.len()) {
                None => {
                    if let Some(on) = self.sections.get_mut(self.selected) {
                        *on = !*on;
                    }
                }
                Some(i) => {
                    if let Some(source) = sources.get(i)
                        && !self.entries.remove(source)
                    {
                        self.entries.insert(source.clone());
                    }
                }
            },
            Action::Select => {
                let intro = &content.safety.counsellor.intro;
                let today = session.clock().today();
                // Made from what the person writing may see, and nothing
                // else: a summary leaves the computer.
                let (workbook, journal) =
                    crate::open::seen_by(session.workbook(), session.journal(), session.viewer());
                let text = counsellor_markdown(
                    content,
                    &workbook,
                    &journal,
                    &self.choice(),
                    intro,
                    session.clock(),
                );
                let name = format!("trustwork-for-a-counsellor-{}.md", today.format("%Y-%m-%d"));
                return vec![Command::Effect(Effect::WriteExport { name, text })];
            }
            Action::Back => {
                return vec![Command::Goto(Screen::Page(Box::new(PageScreen::new(
                    self.place,
                ))))];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let width = inner_width(area);
        let sources = Self::sources(content, session);
        let mut lines = wrapped(
            "Tick what goes into the summary; nothing else is included. Space ticks, Enter writes the file.",
            theme().muted,
            width,
        );
        lines.push(Line::default());
        let header = lines.len();
        let height = (area.height as usize).saturating_sub(header + 4).max(1);
        let total = SECTIONS.len() + sources.len();
        let (start, end) = list_window(total, self.selected, height);
        // Only the rows in view are made: a journal of years has
        // thousands.
        let label_of = |i: usize| -> (String, bool) {
            if let Some((label, on)) = SECTIONS.get(i).zip(self.sections.get(i)) {
                return (label.to_string(), *on);
            }
            let source = &sources[i - SECTIONS.len()];
            let Some(item) = session.item_of(content, source) else {
                return (String::new(), false);
            };
            let kind = if item.is_reflection() {
                "Reflection"
            } else {
                "Journal"
            };
            let label = format!(
                "{kind} {} · {}",
                session.clock().local(item.created_at).format("%-d %b %Y"),
                item.headline()
            );
            (label, self.entries.contains(source))
        };
        let rows: Vec<Line<'static>> = (start..end)
            .map(|i| (i, label_of(i)))
            .map(|(i, (label, on))| {
                let focused = i == self.selected;
                let style = if focused {
                    theme().selected
                } else {
                    theme().text
                };
                Line::from(vec![
                    Span::styled(if focused { "▸ " } else { "  " }, style),
                    Span::styled(if on { "[x] " } else { "[ ] " }, style),
                    Span::styled(truncate(&label, width.saturating_sub(6)), style),
                ])
            })
            .collect();
        lines.extend(rows);
        draw_scrolled(frame, area, "A summary for a counsellor", lines, 0);
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for CounsellorScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Counsellor
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
        "Stage 6 · summary for a counsellor".to_string()
    }
}
