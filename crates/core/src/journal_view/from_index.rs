//! The journal list drawn from the journal index (see
//! `storage::journal_index`) when the journal is not held whole: the
//! same rows, in the same order, under the same rule of who may see
//! what, with each entry's headline as its title and no body. No
//! `JournalEntry` is built for a row: rows are read from the index as
//! they are listed. Entries held in memory (read, written or changed in
//! this sitting: the partial journal, see `Journal::partial`) are listed
//! as they are there, over their rows.

use super::{Filter, Item, Source, Viewer, merged, reflection_items, sort_newest_first};
use crate::content::Content;
use crate::domain::{Journal, Workbook};
use crate::storage::journal_index::{JournalIndex, RowRef};

/// An index row as an item: its headline as the title, no body.
pub fn index_item(row: RowRef<'_>) -> Item<'_> {
    Item {
        source: Source::Entry(row.id()),
        created_at: row.created_at(),
        edited_at: row.edited_at(),
        author: row.author(),
        stage: row.stage(),
        step: None,
        mood: row.mood(),
        title: row.headline(),
        body: "",
        deleted: row.deleted(),
    }
}

/// [`super::sources`] from the index and the entries in memory
/// (`held`): the live entries `viewer` may see and the written
/// reflections, newest first, that `filter` lets through, and how many
/// there are before filtering.
pub fn index_sources(
    content: &Content,
    workbook: &Workbook,
    index: &JournalIndex,
    held: &Journal,
    filter: &Filter,
    viewer: Viewer,
) -> (Vec<Source>, usize) {
    let visible = index
        .rows()
        .filter(|row| held.is_empty() || held.get(row.id()).is_none())
        .filter(|row| !row.deleted())
        .filter(|row| viewer.may_see(workbook, row.author(), row.private()));
    // Entries in memory are few (what this sitting read or wrote): they
    // are merged in with the reflections.
    let mut reflections: Vec<Item<'_>> = reflection_items(content, workbook, viewer)
        .chain(
            held.live()
                .filter(|e| viewer.may_see(workbook, e.author, e.private))
                .map(super::entry_item),
        )
        .collect();
    sort_newest_first(&mut reflections);
    if *filter == Filter::default() {
        return unfiltered(visible, reflections);
    }
    let entries = visible.map(index_item);
    let mut total = 0;
    let mut sources = Vec::with_capacity(index.len() + reflections.len());
    for item in merged(entries, reflections) {
        total += 1;
        if filter.accepts(&item) {
            sources.push(item.source);
        }
    }
    (sources, total)
}

/// Every row, with nothing to filter on: opening the journal lists a
/// journal of years this way, so only what the order needs is read of
/// each row (its instant and id), and no item is made but the
/// reflections'.
fn unfiltered<'a>(
    rows: impl Iterator<Item = RowRef<'a>>,
    reflections: Vec<Item<'_>>,
) -> (Vec<Source>, usize) {
    let mut sources = Vec::with_capacity(rows.size_hint().0 + reflections.len());
    let mut reflections = reflections.into_iter().peekable();
    let instant = |item: &Item<'_>| {
        (
            item.created_at.timestamp(),
            item.created_at.timestamp_subsec_nanos(),
        )
    };
    for row in rows {
        let (at, id) = (row.created_instant(), row.id());
        // A reflection goes first when it is newer, or as new and its
        // key sorts after the entry's (as `sort_newest_first` orders).
        while let Some(next) = reflections.next_if(|r| {
            let then = instant(r);
            then > at
                || (then == at && super::source_key(&r.source).as_ref() > id.to_string().as_str())
        }) {
            sources.push(next.source);
        }
        sources.push(Source::Entry(id));
    }
    sources.extend(reflections.map(|r| r.source));
    let total = sources.len();
    (sources, total)
}

/// [`super::item_of`] from the entries in memory (`held`), or else the
/// index.
pub fn index_item_of<'a>(
    content: &'a Content,
    workbook: &'a Workbook,
    index: &'a JournalIndex,
    held: &'a Journal,
    source: &Source,
    viewer: Viewer,
) -> Option<Item<'a>> {
    match source {
        Source::Entry(id) if held.get(*id).is_some() => held
            .get(*id)
            .filter(|e| viewer.may_see(workbook, e.author, e.private))
            .map(super::entry_item),
        Source::Entry(id) => index
            .find(*id)
            .filter(|row| viewer.may_see(workbook, row.author(), row.private()))
            .map(index_item),
        Source::Reflection(answer) => reflection_items(content, workbook, viewer)
            .find(|item| matches!(&item.source, Source::Reflection(id) if id == answer)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::domain::{
        Answer, AnswerValue, Journal, JournalEntry, Mood, NewEntry, NewWorkbook, Participant,
        RelationshipKind, Role,
    };
    use crate::journal_view::{Filter, Item, item_of, sources};
    use crate::storage::journal_index;

    /// What the list shows of an item, index or journal alike: the
    /// journal's title-else-first-line is the index's headline.
    fn shown(item: Item<'_>) -> (Source, String, Option<Mood>, Option<String>, bool) {
        (
            item.source.clone(),
            item.headline().to_string(),
            item.mood,
            item.stage.map(str::to_string),
            item.deleted,
        )
    }

    #[test]
    fn the_list_from_the_index_is_the_list_from_the_journal_for_every_viewer() {
        let content = Content::embedded().unwrap();
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Us".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        workbook
            .participants
            .push(Participant::new("Robin", Role::Caused));
        assert!(workbook.is_couple());
        let [a, b] = workbook.partners().unwrap();
        // A shared answer of each, to be merged in between entries.
        let base = crate::domain::now();
        let at = |minutes: i64| base + chrono::Duration::minutes(minutes);
        for (n, who) in [a, b].into_iter().enumerate() {
            let id = content.stages[0].steps[0].prompts[0].id.clone();
            let id = format!(
                "{}/{}/{id}",
                content.stages[0].id, content.stages[0].steps[0].id
            );
            workbook.progress_of_mut(who).answers.insert(
                id,
                Answer {
                    value: AnswerValue::Text(format!("answer of {n}")),
                    updated_at: at(5 + n as i64),
                    author: Some(who),
                    private: false,
                },
            );
        }
        // Entries of both, private and shared, some in the trash, one
        // with its title and one with only a body, same times and not.
        let mut entries = Vec::new();
        for n in 0..24_i64 {
            let author = if n % 2 == 0 { a } else { b };
            let mut entry = JournalEntry::new(
                author,
                NewEntry {
                    title: if n % 3 == 0 {
                        format!("title {n}")
                    } else {
                        String::new()
                    },
                    body: format!("\n  body {n}, first line\nsecond"),
                    stage: (n % 4 == 0).then(|| content.stages[1].id.clone()),
                    mood: (n % 5 == 0).then_some(Mood::Sad),
                },
                at(n / 2),
            );
            entry.private = n % 3 != 1;
            if n % 7 == 0 {
                entry.deleted_at = Some(at(30));
            }
            entries.push(entry);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("us.journal.jsonl");
        let text: String = entries
            .iter()
            .map(|e| format!("{}\n", serde_json::to_string(e).unwrap()))
            .collect();
        std::fs::write(&path, text).unwrap();
        let journal: Journal = journal_index::read_and_index(&path).unwrap();
        let index = journal_index::read_fresh(&path).unwrap();

        let filters = [
            Filter::default(),
            Filter {
                mood: Some(Mood::Sad),
                ..Filter::default()
            },
        ];
        for viewer in [Viewer::Person(a), Viewer::Person(b), Viewer::Shared] {
            for filter in &filters {
                let from_journal = sources(&content, &workbook, &journal, filter, viewer);
                let from_index = index_sources(
                    &content,
                    &workbook,
                    &index,
                    &Journal::default(),
                    filter,
                    viewer,
                );
                assert_eq!(from_index, from_journal, "{viewer:?} {filter:?}");
            }
            // Row by row, what is drawn is the same; the other person's
            // private entries are not to be had from either.
            for entry in journal.entries() {
                let source = Source::Entry(entry.id);
                let expected = item_of(&content, &workbook, &journal, &source, viewer).map(shown);
                let got = index_item_of(
                    &content,
                    &workbook,
                    &index,
                    &Journal::default(),
                    &source,
                    viewer,
                )
                .map(shown);
                assert_eq!(got, expected, "{viewer:?}");
            }
        }
        // The rule did hide something from each.
        let (for_a, _) = index_sources(
            &content,
            &workbook,
            &index,
            &Journal::default(),
            &filters[0],
            Viewer::Person(a),
        );
        let (shared, _) = index_sources(
            &content,
            &workbook,
            &index,
            &Journal::default(),
            &filters[0],
            Viewer::Shared,
        );
        assert!(shared.len() < for_a.len());
    }
}
