//! The journal as people see it: their free entries and, beside them,
//! every written reflection from the stages (an answer is a journal entry
//! linked to its stage and step). Shared by the journal screen, the CLI and
//! the exports, so they always agree on what "the journal" holds.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use uuid::Uuid;

use crate::content::{Content, PromptKind};
use crate::domain::search::Query;
use crate::domain::{AnswerValue, Journal, JournalEntry, Mood, Workbook};

pub mod byte_search;
mod from_index;
mod weeks;

pub use from_index::{index_item, index_item_of, index_sources};
pub use weeks::{PER_WEEK_TITLE, written_per_week, written_per_week_from_index};

/// Where an item lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A free entry in the journal file.
    Entry(Uuid),
    /// A written answer, by its id (`stage/step/prompt`).
    Reflection(String),
}

/// One row of the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    pub source: Source,
    pub created_at: DateTime<FixedOffset>,
    pub edited_at: DateTime<FixedOffset>,
    pub author: Uuid,
    /// A stage id.
    pub stage: Option<&'a str>,
    /// For reflections: the step's title ("Check-out" for a check-out).
    pub step: Option<&'a str>,
    pub mood: Option<Mood>,
    /// The entry's title; for a reflection, the question it answers.
    pub title: &'a str,
    pub body: &'a str,
    pub deleted: bool,
}

impl Item<'_> {
    /// What a one-line list shows: the title, else the first line.
    pub fn headline(&self) -> &str {
        let title = self.title.trim();
        if title.is_empty() {
            crate::domain::first_line(self.body)
        } else {
            title
        }
    }

    pub fn is_reflection(&self) -> bool {
        matches!(self.source, Source::Reflection(_))
    }
}

const CHECKOUT_TITLE: &str = "Check-out";

/// Who is looking. In a workbook for two, each person's answers and
/// entries are their own: what may be shown depends on who asks, and this
/// is the one place that decides it (every screen, command and export
/// asks here, and none filters on its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// One person: their own items, and what the other chose to share.
    Person(Uuid),
    /// Nobody in particular (the command line without `--as` in a
    /// workbook for two): only what is shared.
    Shared,
}

impl Viewer {
    /// Whether an item by `owner`, private or not, may be shown.
    pub fn may_see(self, workbook: &Workbook, owner: Uuid, private: bool) -> bool {
        if !workbook.is_couple() {
            return true;
        }
        match self {
            Self::Person(who) => who == owner || !private,
            Self::Shared => !private,
        }
    }

    /// The people whose stage answers are listed: one's own answers for a
    /// person (the partner's answer the same questions apart), everyone's
    /// shared ones otherwise.
    fn answer_owners(self, workbook: &Workbook) -> Vec<Uuid> {
        match self {
            Self::Person(who) => vec![who],
            Self::Shared => workbook.all_progress().map(|(who, _)| who).collect(),
        }
    }
}

/// What the list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub stage: Option<String>,
    pub mood: Option<Mood>,
    /// Only items written on or after this day.
    pub since: Option<NaiveDate>,
    pub query: Option<Query>,
}

impl Filter {
    pub fn accepts(&self, item: &Item<'_>) -> bool {
        self.stage.as_deref().is_none_or(|s| item.stage == Some(s))
            && self.mood.is_none_or(|m| item.mood == Some(m))
            && self.since.is_none_or(|d| item.created_at.date_naive() >= d)
            && self
                .query
                .as_ref()
                .is_none_or(|q| q.matches_in(&[item.title, item.body]))
    }
}

/// A free entry as an item.
pub fn entry_item(entry: &JournalEntry) -> Item<'_> {
    Item {
        source: Source::Entry(entry.id),
        created_at: entry.created_at,
        edited_at: entry.edited_at,
        author: entry.author,
        stage: entry.stage.as_deref(),
        step: None,
        mood: entry.mood,
        title: &entry.title,
        body: &entry.body,
        deleted: entry.is_deleted(),
    }
}

/// Written answers (text and list prompts) as items. Answers whose prompt
/// is no longer in the content still show, titled by their id.
pub fn reflection_items<'a>(
    content: &'a Content,
    workbook: &'a Workbook,
    viewer: Viewer,
) -> impl Iterator<Item = Item<'a>> {
    viewer
        .answer_owners(workbook)
        .into_iter()
        .flat_map(move |owner| {
            workbook
                .progress_of(owner)
                .answers
                .iter()
                .map(move |(id, answer)| (owner, id, answer))
        })
        .filter(move |(owner, _, answer)| viewer.may_see(workbook, *owner, answer.private))
        .filter_map(move |(author, id, answer)| {
            let AnswerValue::Text(body) = &answer.value else {
                return None;
            };
            if body.trim().is_empty() {
                return None;
            }
            let found = content.prompt_of_answer(id);
            if found.is_some_and(|(_, _, p)| !matches!(p.kind, PromptKind::Text | PromptKind::List))
            {
                return None;
            }
            let (stage, step, title) = match found {
                Some((stage, step, prompt)) => (
                    Some(stage.id.as_str()),
                    // The heading its author saw (headings follow the role).
                    Some(step.map_or(CHECKOUT_TITLE, |s| s.title_for(workbook.role_of(author)))),
                    prompt.text.as_str(),
                ),
                None => (id.split('/').next(), None, id.as_str()),
            };
            Some(Item {
                source: Source::Reflection(id.clone()),
                created_at: answer.updated_at,
                edited_at: answer.updated_at,
                author,
                stage,
                step,
                mood: None,
                title,
                body,
                deleted: false,
            })
        })
}

/// The journal, newest first: live entries and reflections, or only the
/// trash.
pub fn items<'a>(
    content: &'a Content,
    workbook: &'a Workbook,
    journal: &'a Journal,
    trash: bool,
    viewer: Viewer,
) -> Vec<Item<'a>> {
    // The journal keeps its entries sorted between changes, so only the
    // few reflections are sorted here, then merged in.
    let entries = journal
        .newest_first()
        .filter(|e| e.is_deleted() == trash)
        .filter(|e| viewer.may_see(workbook, e.author, e.private))
        .map(entry_item);
    if trash {
        return entries.collect();
    }
    let mut reflections: Vec<Item<'a>> = reflection_items(content, workbook, viewer).collect();
    sort_newest_first(&mut reflections);
    merge_newest_first(entries, reflections)
}

/// Two newest-first runs as one, in the order `sort_newest_first` gives.
fn merge_newest_first<'a>(a: impl Iterator<Item = Item<'a>>, b: Vec<Item<'a>>) -> Vec<Item<'a>> {
    let mut all = Vec::with_capacity(a.size_hint().0 + b.len());
    all.extend(merged(a, b));
    all
}

/// [`merge_newest_first`] an item at a time, for a list that keeps only
/// some of them.
fn merged<'a>(
    a: impl Iterator<Item = Item<'a>>,
    b: Vec<Item<'a>>,
) -> impl Iterator<Item = Item<'a>> {
    let mut a = a.peekable();
    let mut b = b.into_iter().peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(first), Some(next)) if newer_first(next, first).is_lt() => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Newest first; ties by source so the order is stable.
pub fn sort_newest_first(items: &mut [Item<'_>]) {
    items.sort_by(newer_first);
}

fn newer_first(a: &Item<'_>, b: &Item<'_>) -> std::cmp::Ordering {
    b.created_at
        .cmp(&a.created_at)
        .then_with(|| source_key(&b.source).cmp(&source_key(&a.source)))
}

fn source_key(source: &Source) -> Cow<'_, str> {
    match source {
        Source::Entry(id) => Cow::Owned(id.to_string()),
        Source::Reflection(id) => Cow::Borrowed(id),
    }
}

/// The item a source points at, if it still exists.
pub fn item_of<'a>(
    content: &'a Content,
    workbook: &'a Workbook,
    journal: &'a Journal,
    source: &Source,
    viewer: Viewer,
) -> Option<Item<'a>> {
    match source {
        Source::Entry(id) => journal
            .get(*id)
            .filter(|e| viewer.may_see(workbook, e.author, e.private))
            .map(entry_item),
        Source::Reflection(answer) => {
            reflection_items(content, workbook, viewer).find(|item| match &item.source {
                Source::Reflection(id) => id == answer,
                Source::Entry(_) => false,
            })
        }
    }
}

/// The sources of the journal's items a filter lets through, newest
/// first, and how many items there are before filtering (one pass serves
/// both).
pub fn sources(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    filter: &Filter,
    viewer: Viewer,
) -> (Vec<Source>, usize) {
    let items = items(content, workbook, journal, false, viewer);
    let total = items.len();
    (accepted(&items, filter), total)
}

/// Above this many items a search is split across the machine's cores.
const PARALLEL_FROM: usize = 20_000;

/// The sources of the items `filter` lets through, in order. A search of
/// a long journal runs on every core (each takes one stretch of it).
fn accepted(items: &[Item<'_>], filter: &Filter) -> Vec<Source> {
    let take = |part: &[Item<'_>]| -> Vec<Source> {
        part.iter()
            .filter(|item| filter.accepts(item))
            .map(|item| item.source.clone())
            .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if filter.query.is_none() || items.len() < PARALLEL_FROM || cores < 2 {
        return take(items);
    }
    let chunk = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || take(part)))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Moves an item to the trash and returns the id of the trash entry. A
/// reflection becomes a trashed journal entry that remembers its answer,
/// and the answer is cleared, so undo can put it back where it was.
pub fn delete(
    content: &Content,
    workbook: &mut Workbook,
    journal: &mut Journal,
    source: &Source,
    at: DateTime<FixedOffset>,
    viewer: Viewer,
) -> Option<Uuid> {
    match source {
        Source::Entry(id) => journal.delete_at(*id, at).then_some(*id),
        Source::Reflection(answer) => {
            let item = item_of(content, workbook, journal, source, viewer)?;
            let private = workbook
                .progress_of(item.author)
                .answers
                .get(answer)
                .is_some_and(|a| a.private);
            let mut entry = JournalEntry::new(
                item.author,
                crate::domain::NewEntry {
                    stage: item.stage.map(str::to_string),
                    mood: None,
                    title: item.title.to_string(),
                    body: item.body.to_string(),
                },
                at,
            );
            entry.created_at = item.created_at;
            entry.edited_at = item.edited_at;
            entry.reflection = Some(answer.clone());
            entry.deleted_at = Some(at);
            entry.private = private;
            let id = entry.id;
            let author = item.author;
            journal.upsert(entry);
            workbook.progress_of_mut(author).answers.remove(answer);
            Some(id)
        }
    }
}

/// Writes a reflection's text back to its answer, as of `at`; blank text
/// clears the answer. Returns whether the answer changed. The one place
/// the journal writes stage answers (editing here or in an external
/// editor, and undoing a delete).
pub fn write_reflection(
    workbook: &mut Workbook,
    answer: &str,
    text: String,
    at: DateTime<FixedOffset>,
    author: Uuid,
) -> bool {
    // A new answer in a workbook for two is its writer's own; an edited
    // one keeps whatever its writer chose.
    let private_if_new = workbook.is_couple();
    let answers = &mut workbook.progress_of_mut(author).answers;
    let value = AnswerValue::Text(text);
    if !value.is_answered() {
        return answers.remove(answer).is_some();
    }
    let old = answers.get(answer);
    if old.is_some_and(|a| a.value == value) {
        return false;
    }
    let private = old.map_or(private_if_new, |a| a.private);
    answers.insert(
        answer.to_string(),
        crate::domain::Answer {
            value,
            updated_at: at,
            author: Some(author),
            private,
        },
    );
    true
}

/// What taking an entry out of the trash did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// Back in the journal.
    Entry,
    /// A reflection went back to its step.
    Reflection,
    /// A reflection's step has a new answer now, so the old one came back
    /// as a journal entry instead (nothing is overwritten).
    ReflectionAsEntry,
    NotFound,
}

/// Takes an entry out of the trash.
pub fn restore(
    workbook: &mut Workbook,
    journal: &mut Journal,
    id: Uuid,
    at: DateTime<FixedOffset>,
) -> Restored {
    let Some(entry) = journal.get(id).cloned() else {
        return Restored::NotFound;
    };
    let Some(answer) = entry.reflection.clone() else {
        return if journal.restore(id) {
            Restored::Entry
        } else {
            Restored::NotFound
        };
    };
    let answers = &workbook.progress_of(entry.author).answers;
    if answers.get(&answer).is_some_and(|a| a.value.is_answered()) {
        journal.edit(id, at, |e| {
            e.reflection = None;
            e.deleted_at = None;
        });
        return Restored::ReflectionAsEntry;
    }
    write_reflection(workbook, &answer, entry.body, entry.edited_at, entry.author);
    // It comes back as private (or shared) as it was when it left.
    if let Some(a) = workbook
        .progress_of_mut(entry.author)
        .answers
        .get_mut(&answer)
    {
        a.private = entry.private;
    }
    journal.purge(id);
    Restored::Reflection
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::{Answer, NewEntry, NewWorkbook, RelationshipKind, Role};

    /// Every item built, then sorted whole: the order `items` must give
    /// from the journal's cached order merged with the reflections.
    fn sorted_whole<'a>(
        content: &'a Content,
        workbook: &'a Workbook,
        journal: &'a Journal,
        trash: bool,
    ) -> Vec<Item<'a>> {
        let mut all: Vec<Item<'a>> = journal
            .entries()
            .iter()
            .filter(|e| e.is_deleted() == trash)
            .map(entry_item)
            .collect();
        if !trash {
            all.extend(reflection_items(content, workbook, Viewer::Shared));
        }
        sort_newest_first(&mut all);
        all
    }

    #[test]
    fn cached_order_merged_with_reflections_is_the_full_sort() {
        let content = Content::embedded().unwrap();
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        let base = crate::domain::now();
        let at = |minutes: i64| base + chrono::Duration::minutes(minutes);
        // Written answers at times that fall between, and on, entries.
        let prompts: Vec<String> = content
            .stages
            .iter()
            .flat_map(|stage| stage.steps.iter().map(move |step| (stage, step)))
            .flat_map(|(stage, step)| {
                step.prompts
                    .iter()
                    .filter(|p| matches!(p.kind, PromptKind::Text))
                    .map(move |p| format!("{}/{}/{}", stage.id, step.id, p.id))
            })
            .take(6)
            .collect();
        assert_eq!(prompts.len(), 6);
        for (n, id) in prompts.iter().enumerate() {
            let answer = Answer {
                value: AnswerValue::Text(format!("answer {n}")),
                updated_at: at(n as i64 * 3),
                author: None,
                private: false,
            };
            workbook.progress.answers.insert(id.clone(), answer);
        }
        // Entries out of order, with equal times, some in the trash.
        let mut journal = Journal::default();
        for n in [5_i64, 1, 9, 3, 3, 0, 12, 6, 6, 6, 15, 2] {
            let mut entry = JournalEntry::new(
                workbook.default_author(),
                NewEntry {
                    body: format!("entry at {n}"),
                    ..NewEntry::default()
                },
                base,
            );
            entry.created_at = at(n);
            if n % 5 == 0 {
                entry.deleted_at = Some(at(20));
            }
            journal.upsert(entry);
        }
        for trash in [false, true] {
            let expected = sorted_whole(&content, &workbook, &journal, trash);
            assert_eq!(
                items(&content, &workbook, &journal, trash, Viewer::Shared),
                expected
            );
        }
        // A change is seen: the cached order is worked out again.
        let first = journal.entries()[1].id; // written at 1, not in the trash
        journal.edit(first, at(101), |e| e.created_at = at(100));
        let listed = items(&content, &workbook, &journal, false, Viewer::Shared);
        assert_eq!(listed, sorted_whole(&content, &workbook, &journal, false));
        assert_eq!(listed[0].source, Source::Entry(first));
    }
}
