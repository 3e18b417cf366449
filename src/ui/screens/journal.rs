//! The journal: free entries and written reflections, newest first, with
//! incremental search, stage and mood filters, and a trash with undo.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use super::{EntryFormScreen, EntryScreen, OverviewScreen, TrashScreen};
use crate::action::Action;
use crate::content::Content;
use crate::domain::Mood;
use crate::domain::search::Query;
use crate::journal_view::byte_search::IdSet;
use crate::journal_view::{self, Filter, Restored, Source};
use crate::keymap::Context;
use crate::open::Refused;
use crate::ui::screens::{Command, Effect, Screen, Session, refused};
use crate::ui::theme::theme;
use crate::ui::widgets::{EntryRow, ListCursor, draw_entry_rows, draw_list_frame, thousands};

#[derive(Debug, Default)]
pub struct JournalScreen {
    pub filter: Filter,
    /// The search box's text as typed.
    pub search: String,
    /// Whether keys go to the search box.
    pub searching: bool,
    /// What the list shows, newest first.
    pub rows: Vec<Source>,
    pub cursor: ListCursor,
    /// Entries deleted while in the journal, newest last, for undo.
    pub undo: Vec<Uuid>,
    /// Live items in the journal before filtering.
    pub total: usize,
    /// The search of the journal's bytes behind the list, while there is
    /// a query and the store can search its file (see [`Self::found`]).
    background: Option<Background>,
    /// The rows without the query, kept until the journal changes (see
    /// [`Self::refresh`]): the list with an empty search box, and what a
    /// search behind the list picks its rows from. A journal of years is
    /// not listed again for every letter typed or taken back.
    unqueried: Option<Unqueried>,
    /// Numbers each search, so results of an older one are dropped.
    generation: u64,
}

/// A number for a new search, never given before in this process: the
/// results of a search a list left behind are never taken for those of
/// a list opened since (each list's own count would start again).
fn next_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// From this many entries a search runs behind the list: below it, the
/// parsed journal is searched in well under a frame.
const SEARCH_BEHIND_FROM: usize = 5_000;

/// A search running (or run) off the thread that draws.
#[derive(Debug, Default)]
struct Background {
    generation: u64,
    /// Entries found so far.
    matched: IdSet,
    /// Whether any results came yet: until then, the rows of the search
    /// before stay on screen.
    answered: bool,
    done: bool,
    /// The same query searched again after the journal changed: its
    /// answer keeps the selection where it is.
    again: bool,
}

/// The rows for the filters other than the query.
#[derive(Debug)]
struct Unqueried {
    /// The filter they were listed for (its query `None`).
    filter: Filter,
    rows: Vec<Source>,
    /// How many items there are in all.
    total: usize,
}

impl JournalScreen {
    pub fn new(content: &Content, session: &Session) -> Self {
        let mut screen = Self::default();
        screen.refresh(content, session);
        screen
    }

    pub fn context(&self) -> Context {
        if self.searching {
            Context::JournalSearch
        } else {
            Context::Journal
        }
    }

    /// The header's name for this screen (the count is in the list's
    /// border).
    pub fn location(&self) -> String {
        "Journal".to_string()
    }

    pub fn selected(&self) -> Option<&Source> {
        self.rows.get(self.cursor.selected)
    }

    /// Rebuilds the rows after a change, keeping the same entry selected
    /// when it is still listed.
    pub fn refresh(&mut self, content: &Content, session: &Session) {
        self.unqueried = None;
        self.relist(content, session);
    }

    /// The rows again: from the search behind the list when there is one,
    /// else from the journal (searched here, if there is a query).
    fn relist(&mut self, content: &Content, session: &Session) {
        let keep = self.selected().cloned();
        let answered = self.background.as_ref().is_some_and(|b| b.answered);
        match (&self.filter.query, answered) {
            (None, _) => {
                let unqueried = unqueried(&mut self.unqueried, &self.filter, content, session);
                (self.rows, self.total) = (unqueried.rows.clone(), unqueried.total);
            }
            (Some(_), true) => {
                let unqueried = unqueried(&mut self.unqueried, &self.filter, content, session);
                if let Some(background) = &self.background {
                    self.rows = found_rows(
                        content,
                        session,
                        &self.filter,
                        unqueried,
                        &background.matched,
                    );
                }
                self.total = unqueried.total;
            }
            // Still waiting for the first results: the rows stay.
            (Some(_), false) if self.background.is_some() => {}
            (Some(_), false) => (self.rows, self.total) = session.sources(content, &self.filter),
        }
        if let Some(keep) = keep
            && let Some(i) = self.rows.iter().position(|s| *s == keep)
        {
            self.cursor.selected = i;
        }
        self.cursor.keep_in_view(self.rows.len());
    }

    /// Takes what the search behind the list found: the rows grow as each
    /// stretch of the journal is searched. A store that cannot search its
    /// file (`ids: None`) has the journal searched here instead.
    pub fn found(&mut self, found: crate::app::Found, content: &Content, session: &Session) {
        let Some(background) = &mut self.background else {
            return;
        };
        if background.generation != found.generation {
            return;
        }
        let Some(ids) = found.ids else {
            self.background = None;
            self.relist(content, session);
            return;
        };
        if !background.answered {
            background.answered = true;
            background.matched.clear();
            // A new search starts at its best (newest) match.
            if !background.again {
                self.cursor.top();
            }
        }
        background.matched.reserve(ids.len());
        background.matched.extend(ids.iter().map(Uuid::as_u128));
        background.done = found.done;
        self.relist(content, session);
    }

    /// Runs the search behind the list again after the journal changed
    /// under it (another process added entries, the journal came in
    /// whole): the rows stay until it answers, and the selection stays
    /// where it is. A short journal's search is redone by `refresh`.
    pub fn search_again(&mut self) -> Vec<Command> {
        if self.filter.query.is_none() || self.background.is_none() {
            return Vec::new();
        }
        self.generation = next_generation();
        self.search_behind(self.generation, true)
    }

    /// Starts search `generation` of the box's text behind the list; the
    /// rows of the search before stay until it answers (`again`: the same
    /// query after the journal changed, see [`Self::search_again`]).
    fn search_behind(&mut self, generation: u64, again: bool) -> Vec<Command> {
        self.background = Some(Background {
            generation,
            again,
            ..Background::default()
        });
        vec![Command::Effect(Effect::Search {
            generation,
            query: self.search.clone(),
        })]
    }

    /// Whether a search is still under way.
    pub fn searching_on(&self) -> bool {
        self.background.as_ref().is_some_and(|b| !b.done)
    }

    /// Selects `source` if it is listed.
    pub fn select(&mut self, source: &Source) {
        if let Some(i) = self.rows.iter().position(|s| s == source) {
            self.cursor.selected = i;
            self.cursor.keep_in_view(self.rows.len());
        }
    }

    fn filtered(&self) -> bool {
        self.filter != Filter::default()
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let len = self.rows.len();
        match action {
            Action::Up => self.cursor.move_by(-1, len),
            Action::Down => self.cursor.move_by(1, len),
            Action::ScrollUp => self.cursor.page(-1, len),
            Action::ScrollDown => self.cursor.page(1, len),
            Action::Top => self.cursor.top(),
            Action::Bottom => self.cursor.bottom(len),
            Action::Search => self.searching = true,
            Action::Type(key) if self.searching && edit_line(&mut self.search, key) => {
                return self.apply_search(content, session);
            }
            Action::Paste(text) if self.searching => {
                self.search
                    .push_str(text.lines().next().unwrap_or_default());
                return self.apply_search(content, session);
            }
            Action::ToggleShare => {
                if let Some(source) = self.selected().cloned() {
                    return crate::ui::screens::command::toggle_share(session, &source);
                }
            }
            Action::FinishEdit => self.searching = false,
            Action::ClearFilters => {
                self.searching = false;
                self.search.clear();
                return self.apply_search(content, session);
            }
            Action::Back if self.filtered() => {
                self.search.clear();
                self.filter = Filter::default();
                let mut commands = self.apply_search(content, session);
                commands.push(Command::Status("Showing every entry again.".into()));
                return commands;
            }
            Action::Back => {
                return vec![Command::Goto(Screen::Overview(OverviewScreen::default()))];
            }
            Action::CycleStageFilter => {
                let ids: Vec<&str> = content.stages.iter().map(|s| s.id.as_str()).collect();
                self.filter.stage = next_in(&ids, self.filter.stage.as_deref()).map(str::to_string);
                self.refresh(content, session);
            }
            Action::CycleMoodFilter => {
                self.filter.mood = next_in(&Mood::ALL, self.filter.mood);
                self.refresh(content, session);
            }
            Action::Select => {
                if let Some(source) = self.selected().cloned() {
                    return vec![Command::Goto(Screen::Entry(Box::new(EntryScreen::new(
                        std::mem::take(self),
                        source,
                    ))))];
                }
            }
            Action::NewEntry => {
                return vec![Command::Goto(Screen::EntryForm(Box::new(
                    EntryFormScreen::new_entry(std::mem::take(self).into()),
                )))];
            }
            Action::Edit
                if self
                    .selected()
                    .is_some_and(|source| !session.may_change(source)) =>
            {
                return vec![Command::Status(crate::ui::screens::entry::NOT_YOURS.into())];
            }
            Action::Edit => {
                if let Some(source) = self.selected().cloned() {
                    return vec![Command::Goto(Screen::EntryForm(Box::new(
                        EntryFormScreen::edit(
                            content,
                            session,
                            source,
                            std::mem::take(self).into(),
                        ),
                    )))];
                }
            }
            Action::EditExternal => {
                if let Some(command) = edit_externally(content, session, self.selected()) {
                    return vec![command];
                }
            }
            Action::ExternallyEdited(target, result) => {
                let commands = apply_external_edit(content, session, &target, result);
                self.refresh(content, session);
                return commands;
            }
            Action::Delete => {
                let Some(source) = self.selected().cloned() else {
                    return Vec::new();
                };
                let commands = delete(content, session, &source, &mut self.undo);
                self.refresh(content, session);
                return commands;
            }
            Action::Undo => {
                let Some(id) = self.undo.pop() else {
                    return vec![Command::Status("Nothing to undo.".into())];
                };
                let restored = session.restore(id);
                self.refresh(content, session);
                if let Some(entry) = session.journal().get(id) {
                    self.select(&Source::Entry(entry.id));
                }
                return restored_commands(restored);
            }
            Action::OpenTrash => {
                return vec![Command::Goto(Screen::Trash(Box::new(TrashScreen::new(
                    session,
                    std::mem::take(self),
                ))))];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The search box changed. A long journal (or one still being read)
    /// is searched behind the list (see [`Self::found`]), so typing never
    /// waits for it; a short one is searched here, at once. An empty box
    /// shows every entry again and lets the search's copy of the journal
    /// go.
    fn apply_search(&mut self, content: &Content, session: &Session) -> Vec<Command> {
        let query = Query::new(&self.search);
        let previous = self.filter.query.take();
        self.filter.query = (!query.is_empty()).then_some(query);
        self.generation = next_generation();
        let generation = self.generation;
        let behind = session.showing_index() || session.journal().len() >= SEARCH_BEHIND_FROM;
        if behind && self.filter.query.is_some() {
            if self.background.is_none() {
                self.cursor.top();
            }
            return self.search_behind(generation, false);
        }
        let searched = self.background.take().is_some();
        let done = match searched {
            true => vec![Command::Effect(Effect::Search {
                generation,
                query: String::new(),
            })],
            false => Vec::new(),
        };
        // A new search starts at its best (newest) match.
        self.cursor.top();
        // Typing further: only the rows already listed can still match, so
        // a journal is searched whole only once per word.
        if !searched
            && let (Some(old), Some(new)) = (&previous, &self.filter.query)
            && new.extends(old)
        {
            let filter = &self.filter;
            self.rows.retain(|source| {
                session
                    .item_of(content, source)
                    .is_some_and(|item| filter.accepts(&item))
            });
            self.cursor.keep_in_view(self.rows.len());
            return done;
        }
        // Only the query changed: the rows without it are still good.
        self.relist(content, session);
        done
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        let position = if self.searching_on() {
            // Until the first results, the rows are the last search's.
            match self.background.as_ref().is_some_and(|b| b.answered) {
                true => format!(" searching… {} found ", thousands(self.rows.len())),
                false => " searching… ".to_string(),
            }
        } else if self.rows.is_empty() {
            String::new()
        } else if self.filtered() {
            format!(
                " {}/{} · {} in all ",
                thousands(self.cursor.selected + 1),
                thousands(self.rows.len()),
                thousands(self.total)
            )
        } else {
            format!(
                " {}/{} ",
                thousands(self.cursor.selected + 1),
                thousands(self.rows.len())
            )
        };
        let (bar, list) = draw_list_frame(frame, area, "Journal", position, 1);
        frame.render_widget(Paragraph::new(self.filter_line(content, bar.width)), bar);

        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(self.empty_text())
                    .style(theme().muted)
                    .wrap(ratatui::widgets::Wrap { trim: true }),
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
                let item = session.item_of(content, self.rows.get(i)?)?;
                Some(EntryRow {
                    when: session.clock().local(item.created_at),
                    item,
                })
            },
            &self.cursor,
            self.filter.query.as_ref(),
        );
    }

    /// "Search: anger▏  Stage: all (s)  Mood: sad (m)".
    fn filter_line(&self, content: &Content, width: u16) -> Line<'static> {
        let cursor = if self.searching { "▏" } else { "" };
        let search_style = if self.searching {
            theme().selected
        } else {
            theme().text
        };
        let mut spans = vec![Span::styled("Search ", theme().muted)];
        if self.search.is_empty() && !self.searching {
            spans.push(Span::styled("/ ", theme().key));
        } else {
            spans.push(Span::styled(
                format!("{}{cursor}  ", self.search),
                search_style,
            ));
        }
        if width >= 50 {
            let stage = self
                .filter
                .stage
                .as_deref()
                .and_then(|id| content.stage(id))
                .map_or("all".to_string(), |s| s.title.clone());
            let mood = self
                .filter
                .mood
                .map_or("all".to_string(), |m| m.to_string());
            spans.extend([
                Span::styled("  Stage ", theme().muted),
                Span::styled(stage, theme().accent),
                Span::styled(" (s)", theme().muted),
                Span::styled("  Mood ", theme().muted),
                Span::styled(mood, theme().accent),
                Span::styled(" (m)", theme().muted),
            ]);
        }
        Line::from(spans)
    }

    fn empty_text(&self) -> String {
        if self.filtered() {
            "Nothing matches. Esc shows every entry again.".to_string()
        } else {
            "Your journal is empty. Press a to write the first entry: a few lines about today are plenty. Answers you write in the stages appear here too.".to_string()
        }
    }
}

/// The next item after `current` in `all`, or `None` (meaning "all") after
/// the last one.
fn next_in<T: PartialEq + Copy>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(current) => {
            let at = all.iter().position(|x| *x == current)?;
            all.get(at + 1).copied()
        }
    }
}

/// Applies a key to a one-line text box. Returns whether the text changed.
pub fn edit_line(text: &mut String, key: ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            text.push(c);
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        _ => false,
    }
}

/// Moves an item to the trash, remembering it for undo.
pub fn delete(
    content: &Content,
    session: &mut Session,
    source: &Source,
    undo: &mut Vec<Uuid>,
) -> Vec<Command> {
    let id = match session.trash(content, source) {
        Ok(id) => id,
        Err(why) => return vec![refused(&why)],
    };
    undo.push(id);
    let mut commands = vec![Command::Status(
        "Moved to the trash. Press u to undo, or t to open the trash.".into(),
    )];
    if matches!(source, Source::Reflection(_)) {
        // The answer left its step: the workbook changed too.
        commands.push(Command::Effect(Effect::Save));
    }
    commands
}

/// The note (and save) after taking something out of the trash.
pub fn restored_commands(restored: Result<Restored, Refused>) -> Vec<Command> {
    let restored = match restored {
        Ok(restored) => restored,
        Err(why) => return vec![refused(&why)],
    };
    let note = match restored {
        Restored::Entry => "Back in your journal.",
        Restored::Reflection => "Back in your journal and on its step.",
        Restored::ReflectionAsEntry => {
            "Back in your journal. Its step has a newer answer, so this one is kept as a journal entry."
        }
        Restored::NotFound => return vec![Command::Status("Nothing to put back.".into())],
    };
    let mut commands = vec![Command::Status(note.into())];
    if restored == Restored::Reflection {
        commands.push(Command::Effect(Effect::Save));
    }
    commands
}

/// Sends the selected item's text to the user's editor.
pub fn edit_externally(
    content: &Content,
    session: &Session,
    source: Option<&Source>,
) -> Option<Command> {
    let source = source?;
    let item = session.item_of(content, source)?;
    Some(Command::Effect(Effect::EditExternally(
        source.clone(),
        item.body.to_string(),
    )))
}

/// Puts text back from the external editor into the entry or answer.
pub fn apply_external_edit(
    content: &Content,
    session: &mut Session,
    target: &Source,
    result: Result<String, String>,
) -> Vec<Command> {
    let text = match result {
        Ok(text) => text,
        Err(message) => {
            return vec![crate::ui::screens::error_popup(
                "The editor did not finish",
                message,
            )];
        }
    };
    // Editors add a final newline; it is not part of the entry.
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    let unchanged = session
        .item_of(content, target)
        .is_some_and(|item| item.body == text);
    if unchanged {
        return vec![Command::Status("No changes.".into())];
    }
    match target {
        Source::Entry(id) => match session.edit_entry_body(*id, text) {
            Ok(_) => vec![Command::Status("Saved to your journal.".into())],
            Err(why) => vec![refused(&why)],
        },
        Source::Reflection(answer) => {
            if let Err(why) = session.write_reflection(answer, text) {
                return vec![refused(&why)];
            }
            vec![
                Command::Status("Saved, here and on its step.".into()),
                Command::Effect(Effect::Save),
            ]
        }
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for JournalScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        self.context()
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
        self.location()
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (context == crate::keymap::Context::Journal)
            .then_some((&self.cursor.clicks, self.cursor.selected))
    }
}

/// The rows without the query for `filter`'s other filters: those in
/// `kept` when they were listed for the same filters (`refresh` empties
/// it when the journal changes), else listed now and kept.
fn unqueried<'a>(
    kept: &'a mut Option<Unqueried>,
    filter: &Filter,
    content: &Content,
    session: &Session,
) -> &'a Unqueried {
    let filter = Filter {
        query: None,
        ..filter.clone()
    };
    let rows = kept
        .take()
        .filter(|kept| kept.filter == filter)
        .unwrap_or_else(|| {
            let (rows, total) = session.sources(content, &filter);
            Unqueried {
                filter,
                rows,
                total,
            }
        });
    kept.insert(rows)
}

/// The rows a search behind the list found: those of `unqueried` whose
/// entry it matched, in their order. What is not on disk as it is in
/// memory (a change not saved yet, words sealed to their author and
/// opened here) and the written reflections are searched here.
fn found_rows(
    content: &Content,
    session: &Session,
    filter: &Filter,
    unqueried: &Unqueried,
    matched: &IdSet,
) -> Vec<Source> {
    let here: std::collections::HashMap<Uuid, bool> = session
        .words_off_disk()
        .map(|entry| {
            let item = journal_view::entry_item(entry);
            (entry.id, filter.accepts(&item))
        })
        .collect();
    unqueried
        .rows
        .iter()
        .filter(|source| match source {
            Source::Entry(id) => here
                .get(id)
                .copied()
                .unwrap_or_else(|| matched.contains(&id.as_u128())),
            Source::Reflection(_) => session
                .item_of(content, source)
                .is_some_and(|item| filter.accepts(&item)),
        })
        .cloned()
        .collect()
}
