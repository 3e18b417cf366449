//! The summary for a counsellor (stage 6): a short Markdown document that
//! holds only what the person ticked, section by section and entry by
//! entry. With nothing ticked it holds nothing from the workbook at all.
//!
//! Never in it, whatever is ticked: the safety screening, private
//! check-ins not revealed by both, stage answers and journal entries not
//! chosen one by one, notes written with check-ins, and who was hurt or
//! caused the hurt. Names appear only as the authors of chosen entries and
//! of check-ins, and only in a workbook two people write in.
//!
//! Pure: the date and the intro are passed in, so the same choice always
//! gives the same text.

use std::collections::HashSet;

use super::ExportOptions;
use super::markdown::{LONG_DATE, Markdown, SHORT_DATE, agreements, cell, commitments, inline};
use crate::content::{Content, PromptKind};
use crate::domain::Clock;
use crate::domain::{AnswerValue, CheckIn, Journal, SCALE_MAX, Workbook};
use crate::engine::{Engine, StageState};
use crate::journal_view::{self, Item, Source, Viewer};

/// What goes into the summary. Everything is left out unless ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CounsellorChoice {
    /// Which stages were worked on or completed, and how far (no answers).
    pub stages: bool,
    /// The check-in scores by date (check-ins shown to both only; no notes).
    pub checkins: bool,
    /// Active agreements made together, the agreements lists of stage 4
    /// and the commitments of stage 3.
    pub agreements: bool,
    /// Journal entries and written reflections, each chosen by its source.
    pub entries: Vec<Source>,
}

impl CounsellorChoice {
    /// Nothing ticked: the default, so nothing private goes by mistake.
    pub fn nothing() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        !self.stages && !self.checkins && !self.agreements && self.entries.is_empty()
    }
}

/// What the summary says when nothing was ticked.
pub const NOTHING_CHOSEN: &str =
    "Nothing from the workbook was chosen to share, so this summary holds nothing more.";

/// The summary: a title, the date, `intro`, then the ticked sections in a
/// fixed order (stages, check-ins, agreements, chosen entries).
pub fn counsellor_markdown(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    choice: &CounsellorChoice,
    intro: &str,
    clock: Clock,
) -> String {
    let today = clock.today();
    let mut md = Markdown::default();
    md.heading(1, &format!("For a counsellor — {}", workbook.name));
    md.block(&format!("Made on {}.", today.format(LONG_DATE)));
    md.paragraphs(intro);
    if choice.is_empty() {
        md.block(NOTHING_CHOSEN);
        return md.text;
    }
    if choice.stages {
        stages(&mut md, content, workbook, clock);
    }
    if choice.checkins {
        checkins(&mut md, workbook, clock);
    }
    if choice.agreements {
        agreements_section(&mut md, content, workbook);
    }
    if !choice.entries.is_empty() {
        entries(&mut md, content, workbook, journal, &choice.entries, clock);
    }
    md.text
}

/// Every stage with where it stands; nothing of what was written.
fn stages(md: &mut Markdown, content: &Content, workbook: &Workbook, clock: Clock) {
    let engine = Engine::new(content, workbook.role());
    let progress = &workbook.progress;
    let lines = content.stages.iter().enumerate().map(|(index, stage)| {
        let summary = engine.summary(progress, index);
        let completed = progress.stages_completed.get(&stage.id);
        let state = match (summary.state, completed) {
            (StageState::Complete, Some(at)) => {
                format!(
                    "complete (checked out on {})",
                    clock.local(*at).format(LONG_DATE)
                )
            }
            (StageState::InProgress, _) => format!(
                "in progress, {} of {} steps done",
                summary.steps_complete, summary.steps_total
            ),
            (state, _) => state.label().to_string(),
        };
        format!("{}. {}: {state}", index + 1, inline(&stage.title))
    });
    md.heading(2, "Stages");
    md.list(lines);
}

/// The four scores by date, oldest first. Private check-ins not revealed
/// by both stay out, and so do the notes written with them.
fn checkins(md: &mut Markdown, workbook: &Workbook, clock: Clock) {
    md.heading(2, "Check-ins");
    let mut rows: Vec<&CheckIn> = workbook.checkins.iter().filter(|c| c.is_shown()).collect();
    if rows.is_empty() {
        md.block("No check-ins yet.");
        return;
    }
    rows.sort_by_key(|c| c.created_at);
    let who = workbook.is_couple();
    let mut table = if who {
        vec![
            "| Date | Who | Trust | Safety | Communication | Commitment |".to_string(),
            "| --- | --- | ---: | ---: | ---: | ---: |".to_string(),
        ]
    } else {
        vec![
            "| Date | Trust | Safety | Communication | Commitment |".to_string(),
            "| --- | ---: | ---: | ---: | ---: |".to_string(),
        ]
    };
    for c in rows {
        let s = &c.scores;
        let author = if who {
            format!(" {} |", cell(workbook.author_name(c.author)))
        } else {
            String::new()
        };
        table.push(format!(
            "| {} |{author} {} | {} | {} | {} |",
            clock.local(c.created_at).format(SHORT_DATE),
            s.trust,
            s.safety,
            s.communication,
            s.commitment,
        ));
    }
    md.block(&format!("Each score is from 0 to {SCALE_MAX}."));
    md.block(&table.join("\n"));
}

/// Agreements in force (made together, in couple mode), then the lists of
/// stage 4 and the commitments of stage 3 as the full export shows them.
fn agreements_section(md: &mut Markdown, content: &Content, workbook: &Workbook) {
    let mut section = Markdown::default();
    let everything = ExportOptions::default();
    agreements(&mut section, content, workbook, &everything);
    commitments(&mut section, workbook, &everything);
    if section.is_empty() {
        md.heading(2, "Agreements");
        md.block("No agreements or commitments written down yet.");
    } else {
        md.append(section);
    }
}

/// The chosen entries and reflections, oldest first, each once. Sources
/// that no longer exist, and entries in the trash, are left out.
fn entries(
    md: &mut Markdown,
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    chosen: &[Source],
    clock: Clock,
) {
    let mut seen = HashSet::new();
    let mut items: Vec<Item<'_>> = chosen
        .iter()
        .filter(|source| seen.insert(*source))
        .filter_map(|source| {
            // Made from what its reader may see (`open::seen_by`).
            journal_view::item_of(content, workbook, journal, source, Viewer::Shared)
        })
        .filter(|item| !item.deleted)
        .collect();
    items.sort_by_key(|item| item.created_at);
    md.heading(2, "From the journal");
    if items.is_empty() {
        md.block("The chosen entries are no longer in the journal.");
        return;
    }
    for item in items {
        entry(md, content, workbook, &item, clock);
    }
}

fn entry(md: &mut Markdown, content: &Content, workbook: &Workbook, item: &Item<'_>, clock: Clock) {
    let when = clock
        .local(item.created_at)
        .format("%-d %B %Y, %H:%M")
        .to_string();
    // `heading` escapes it (once: twice would undo the escape).
    let title = item.title.trim();
    md.heading(
        3,
        &if inline(title).is_empty() {
            when
        } else {
            format!("{when} · {title}")
        },
    );
    let mut about = Vec::new();
    if let Some(stage) = item.stage {
        let name = content.stage(stage).map_or(stage, |s| s.title.as_str());
        about.push(format!("Stage: {}", inline(name)));
    }
    if let Some(step) = item.step {
        about.push(format!("Written in the step \"{}\"", inline(step)));
    }
    if let Some(mood) = item.mood {
        about.push(format!("Mood: {mood}"));
    }
    if workbook.is_couple() {
        about.push(format!("By: {}", inline(workbook.author_name(item.author))));
    }
    if !about.is_empty() {
        md.block(&about.join(" · "));
    }
    let prompt = match &item.source {
        Source::Reflection(id) => content.prompt_of_answer(id).map(|(_, _, p)| p),
        Source::Entry(_) => None,
    };
    match prompt {
        // A list answer reads as the list it is, as in the full export.
        Some(p) if p.kind == PromptKind::List => {
            super::markdown::value(md, Some(p), &AnswerValue::Text(item.body.to_string()))
        }
        _ => md.paragraphs(item.body),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::couple::Agreement;
    use crate::couple::{PrivateMark, PrivateState};
    use crate::domain::{
        Answer, JournalEntry, NewEntry, NewWorkbook, Participant, RelationshipKind, Role, Scores,
    };
    use chrono::{DateTime, FixedOffset};
    use uuid::Uuid;

    const INTRO: &str = "A summary I chose to share.";
    const WHAT_HAPPENED: &str = "acknowledge/name-what-happened/what-happened";
    const SECRET_ANSWER: &str = "An answer nobody chose to share.";

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn content() -> Content {
        Content::embedded().unwrap()
    }

    struct Fixture {
        workbook: Workbook,
        journal: Journal,
        chosen: Uuid,
    }

    /// The fixture's workbook and journal, for other test modules.
    pub(super) fn sample() -> (Workbook, Journal) {
        let f = fixture();
        (f.workbook, f.journal)
    }

    /// A couple workbook with a bit of everything, one private check-in
    /// still sealed among it.
    fn fixture() -> Fixture {
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Sam".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        workbook.participants[0].name = "Robin".into();
        workbook
            .participants
            .push(Participant::new("Alex", Role::Caused));
        let [robin, alex] = workbook.partners().unwrap();
        let answer = |text: &str| Answer {
            value: AnswerValue::Text(text.into()),
            updated_at: at("2026-11-21T19:00:00+01:00"),
            author: None,
            private: false,
        };
        let answers = &mut workbook.progress.answers;
        answers.insert(WHAT_HAPPENED.into(), answer("I found the messages in May."));
        answers.insert(
            "acknowledge/name-what-happened/how-it-felt".into(),
            answer(SECRET_ANSWER),
        );
        answers.insert(
            crate::domain::COMMITMENTS_ANSWER.into(),
            answer("- Home by 7 on weeknights"),
        );
        answers.insert(
            "boundaries/agreements/not-acceptable".into(),
            answer("Deleting messages"),
        );
        workbook
            .progress
            .stages_completed
            .insert("acknowledge".into(), at("2026-11-21T20:00:00+01:00"));

        let checkin = |when: &str, author: Uuid, trust: u8, note: &str| CheckIn {
            id: Uuid::now_v7(),
            created_at: at(when),
            author,
            scores: Scores {
                trust,
                safety: 6,
                communication: 5,
                commitment: 8,
            },
            note: note.into(),
            commitments: Vec::new(),
            private: None,
        };
        let mut sealed = checkin("2026-11-29T21:00:00+01:00", alex, 9, "sealed note");
        sealed.private = Some(PrivateMark {
            round: Uuid::now_v7(),
            state: PrivateState::Sealed,
        });
        workbook.checkins = vec![
            checkin("2026-11-21T21:00:00+01:00", robin, 3, "a note of mine"),
            checkin("2026-11-28T21:00:00+01:00", alex, 4, ""),
            sealed,
        ];

        let now = at("2026-11-22T10:00:00+01:00");
        let mut active = Agreement::propose("No phones at dinner", Some(robin), None, now).unwrap();
        let ids = workbook.participant_ids();
        active.accept(robin, &ids, now).unwrap();
        active.accept(alex, &ids, now).unwrap();
        let proposed = Agreement::propose("Weekly walk", Some(alex), None, now).unwrap();
        workbook.agreements = vec![active, proposed];

        let mut journal = Journal::default();
        let mut write = |author: Uuid, title: &str, body: &str, when: &str| {
            let mut entry = JournalEntry::new(
                author,
                NewEntry {
                    title: title.into(),
                    body: body.into(),
                    ..NewEntry::default()
                },
                crate::domain::now(),
            );
            entry.created_at = at(when);
            entry.edited_at = at(when);
            let id = entry.id;
            journal.upsert(entry);
            id
        };
        let chosen = write(
            alex,
            "After the talk",
            "We listened.",
            "2026-11-23T21:00:00+01:00",
        );
        write(
            robin,
            "Alone",
            "Not for anyone.",
            "2026-11-24T21:00:00+01:00",
        );
        Fixture {
            workbook,
            journal,
            chosen,
        }
    }

    fn render(f: &Fixture, choice: &CounsellorChoice) -> String {
        counsellor_markdown(
            &content(),
            &f.workbook,
            &f.journal,
            choice,
            INTRO,
            crate::domain::Clock::Fixed(at("2026-12-01T10:00:00+00:00")),
        )
    }

    /// Words that only a ticked section may bring in.
    const STAGES: &str = "## Stages";
    const CHECKINS: &str = "## Check-ins";
    const AGREEMENTS: &str = "No phones at dinner";

    #[test]
    fn nothing_chosen_says_so_and_holds_nothing_private() {
        let f = fixture();
        assert!(CounsellorChoice::nothing().is_empty());
        let text = render(&f, &CounsellorChoice::nothing());
        assert!(text.starts_with("# For a counsellor — Sam\n"), "{text}");
        assert!(text.contains("Made on 1 December 2026."), "{text}");
        assert!(text.contains(INTRO), "{text}");
        assert!(text.contains(NOTHING_CHOSEN), "{text}");
        for absent in [
            STAGES,
            CHECKINS,
            AGREEMENTS,
            "## From the journal",
            "I found the messages",
            "We listened.",
            "Robin",
            "Alex",
            "was hurt",
            "caused the hurt",
        ] {
            assert!(!text.contains(absent), "{absent} in:\n{text}");
        }
    }

    #[test]
    fn each_section_appears_only_when_ticked() {
        let f = fixture();
        let sections = [STAGES, CHECKINS, AGREEMENTS];
        let choices = [
            CounsellorChoice {
                stages: true,
                ..CounsellorChoice::nothing()
            },
            CounsellorChoice {
                checkins: true,
                ..CounsellorChoice::nothing()
            },
            CounsellorChoice {
                agreements: true,
                ..CounsellorChoice::nothing()
            },
        ];
        for (ticked, choice) in choices.iter().enumerate() {
            assert!(!choice.is_empty());
            let text = render(&f, choice);
            assert!(!text.contains(NOTHING_CHOSEN), "{text}");
            for (i, section) in sections.iter().enumerate() {
                assert_eq!(text.contains(section), i == ticked, "{section} in:\n{text}");
            }
            for never in [
                "I found the messages",
                SECRET_ANSWER,
                "We listened.",
                "Not for anyone.",
                "a note of mine",
                "was hurt",
                "caused the hurt",
            ] {
                assert!(!text.contains(never), "{never} in:\n{text}");
            }
        }
    }

    #[test]
    fn stages_say_how_far_without_answers() {
        let text = render(
            &fixture(),
            &CounsellorChoice {
                stages: true,
                ..CounsellorChoice::nothing()
            },
        );
        assert!(
            text.contains("- 1. Acknowledge: complete (checked out on 21 November 2026)"),
            "{text}"
        );
        assert!(
            text.contains("- 3. Accountability & consistency: in progress, 0 of 6 steps done"),
            "{text}"
        );
        assert!(text.contains("- 2. Communicate: not started"), "{text}");
    }

    #[test]
    fn a_private_checkin_not_revealed_never_appears() {
        let mut f = fixture();
        let choice = CounsellorChoice {
            checkins: true,
            ..CounsellorChoice::nothing()
        };
        let text = render(&f, &choice);
        assert!(
            text.contains("| 2026-11-21 | Robin | 3 | 6 | 5 | 8 |"),
            "{text}"
        );
        assert!(
            text.contains("| 2026-11-28 | Alex | 4 | 6 | 5 | 8 |"),
            "{text}"
        );
        assert!(!text.contains("2026-11-29"), "sealed check-in in:\n{text}");
        assert!(!text.contains("| 9 |"), "{text}");
        assert!(!text.contains("note"), "notes stay out:\n{text}");

        // Once both reveal it, it is part of the trend.
        let round = f.workbook.checkins[2].private.unwrap().round;
        f.workbook
            .settle_private_round(round, PrivateState::Revealed);
        assert!(render(&f, &choice).contains("| 2026-11-29 | Alex | 9 |"));

        // Alone, nobody is named.
        f.workbook.participants.truncate(1);
        let solo = render(&f, &choice);
        assert!(solo.contains("| 2026-11-21 | 3 | 6 | 5 | 8 |"), "{solo}");
        assert!(!solo.contains("Robin"), "{solo}");
    }

    #[test]
    fn agreements_are_the_active_ones_and_the_written_lists() {
        let text = render(
            &fixture(),
            &CounsellorChoice {
                agreements: true,
                ..CounsellorChoice::nothing()
            },
        );
        assert!(text.contains("- No phones at dinner"), "{text}");
        assert!(!text.contains("Weekly walk"), "only active ones:\n{text}");
        assert!(text.contains("- Deleting messages"), "{text}");
        assert!(
            text.contains("## Commitments\n\n- Home by 7 on weeknights"),
            "{text}"
        );
    }

    #[test]
    fn only_the_chosen_entries_and_reflections_appear() {
        let f = fixture();
        let choice = CounsellorChoice {
            entries: vec![
                Source::Reflection(WHAT_HAPPENED.into()),
                Source::Entry(f.chosen),
                Source::Entry(f.chosen),
            ],
            ..CounsellorChoice::nothing()
        };
        let text = render(&f, &choice);
        assert!(text.contains("## From the journal"), "{text}");
        assert!(text.contains("I found the messages in May."), "{text}");
        assert!(text.contains("Written in the step"), "{text}");
        assert!(text.contains("We listened."), "{text}");
        assert_eq!(text.matches("We listened.").count(), 1, "once:\n{text}");
        assert!(text.contains("By: Alex"), "{text}");
        for absent in [
            "Not for anyone.",
            "Alone",
            SECRET_ANSWER,
            STAGES,
            CHECKINS,
            AGREEMENTS,
        ] {
            assert!(!text.contains(absent), "{absent} in:\n{text}");
        }
        // Oldest first: the reflection (21st) before the entry (23rd).
        let reflection = text.find("I found").unwrap();
        assert!(reflection < text.find("We listened.").unwrap());

        // An entry chosen and then moved to the trash is left out.
        let mut f = f;
        f.journal.delete_at(f.chosen, crate::domain::now());
        let text = render(&f, &choice);
        assert!(!text.contains("We listened."), "{text}");
        assert!(text.contains("I found the messages in May."), "{text}");
    }

    #[test]
    fn everything_ticked_keeps_the_fixed_order() {
        let f = fixture();
        let text = render(
            &f,
            &CounsellorChoice {
                stages: true,
                checkins: true,
                agreements: true,
                entries: vec![Source::Entry(f.chosen)],
            },
        );
        let order = [STAGES, CHECKINS, AGREEMENTS, "## From the journal"];
        let places: Vec<usize> = order.iter().map(|s| text.find(s).unwrap()).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(!text.contains(NOTHING_CHOSEN));
    }
}

#[cfg(test)]
mod made_together {
    #![allow(clippy::unwrap_used)]
    use super::tests::sample;

    #[test]
    fn the_full_export_lists_agreements_made_together_with_who_proposed() {
        let (workbook, journal) = sample();
        let text = crate::export::markdown::render(
            &crate::content::Content::embedded().unwrap(),
            &workbook,
            &journal,
            &crate::export::ExportOptions::default(),
            crate::domain::Clock::System,
        );
        assert!(text.contains("### Made together"), "{text}");
        assert!(
            text.contains("- No phones at dinner (proposed by Robin)"),
            "{text}"
        );
        // Still a proposal: not an agreement yet.
        assert!(!text.contains("Weekly walk"), "{text}");
    }
}
