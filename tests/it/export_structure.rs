//! Exports stay in their structure: whatever a person typed arrives in the
//! Markdown as text, never as raw HTML, a comment, a code block that eats
//! the rest, a link or an image they did not write as text. Checked with a
//! real CommonMark parser (pulldown-cmark) over hostile inputs.

use pulldown_cmark::{Event, Parser, Tag};
use trustwork::domain::{
    Answer, AnswerValue, CheckIn, Journal, JournalEntry, NewEntry, NewWorkbook, RelationshipKind,
    Role, Scores, Workbook, now,
};
use trustwork::export::{CounsellorChoice, ExportOptions, counsellor_markdown};
use trustwork::journal_view::Source;

use crate::support::content;

const HOSTILE: [&str; 9] = [
    "<script>alert(1)</script>",
    "<!-- the rest is hidden",
    "```",
    "[click me](javascript:alert(1))",
    "![tracker](https://example.com/pixel.png)",
    "<img src=x onerror=alert(1)>",
    "<https://example.com/autolink>",
    "    four spaces make code",
    "# not a heading\n> not a quote\n---",
];

/// A workbook and journal with hostile text everywhere a person types.
fn hostile() -> (Workbook, Journal, Vec<Source>) {
    let mut workbook = Workbook::new(NewWorkbook {
        name: "Sam <b>".into(),
        relationship: RelationshipKind::Partner,
        role: Role::Hurt,
    });
    let content = content();
    let stage = &content.stages[0];
    let mut sources = Vec::new();
    for (i, step) in stage.steps.iter().enumerate() {
        let Some(prompt) = step
            .prompts
            .iter()
            .find(|p| p.kind == trustwork::content::PromptKind::Text)
        else {
            continue;
        };
        let id = format!("{}/{}/{}", stage.id, step.id, prompt.id);
        workbook.progress.answers.insert(
            id.clone(),
            Answer {
                value: AnswerValue::Text(HOSTILE[i % HOSTILE.len()].to_string()),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
        sources.push(Source::Reflection(id));
    }
    let mut journal = Journal::default();
    for (i, text) in HOSTILE.iter().enumerate() {
        let entry = JournalEntry::new(
            workbook.default_author(),
            NewEntry {
                title: HOSTILE[(i + 1) % HOSTILE.len()].to_string(),
                body: format!("before\n{text}\nafter {i}"),
                ..Default::default()
            },
            now(),
        );
        sources.push(Source::Entry(entry.id));
        journal.upsert(entry);
    }
    workbook.checkins.push(CheckIn::new(
        workbook.default_author(),
        Scores {
            trust: 3,
            safety: 5,
            communication: 4,
            commitment: 6,
        },
        HOSTILE.join(" "),
        now(),
    ));
    (workbook, journal, sources)
}

/// Every event that would not be plain text: HTML, links, images, code.
fn escapes(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Html(h) | Event::InlineHtml(h) => Some(format!("html: {h}")),
            Event::Start(Tag::Link { dest_url, .. }) => Some(format!("link: {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => Some(format!("image: {dest_url}")),
            Event::Start(Tag::CodeBlock(_)) => Some("code block".into()),
            _ => None,
        })
        .collect()
}

/// All the text the parser sees, joined.
fn text_of(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            Event::SoftBreak | Event::HardBreak => Some("\n".into()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_full_export_keeps_every_hostile_text_as_text() {
    let (workbook, journal, _) = hostile();
    let markdown = trustwork::export::markdown::render(
        &content(),
        &workbook,
        &journal,
        &ExportOptions::default(),
        trustwork::domain::Clock::Fixed(now()),
    );
    assert_eq!(escapes(&markdown), Vec::<String>::new(), "{markdown}");
    let text = text_of(&markdown);
    for i in 0..HOSTILE.len() {
        // Each entry's last line survives: nothing swallowed what follows.
        assert!(
            text.contains(&format!("after {i}")),
            "entry {i} lost:\n{text}"
        );
    }
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(text.contains("javascript:alert(1)"), "{text}");
}

#[test]
fn the_counsellor_export_keeps_every_hostile_text_as_text() {
    let (workbook, journal, sources) = hostile();
    let choice = CounsellorChoice {
        stages: true,
        checkins: true,
        agreements: true,
        entries: sources,
    };
    let markdown = counsellor_markdown(
        &content(),
        &workbook,
        &journal,
        &choice,
        "<!-- intro -->",
        trustwork::domain::Clock::Fixed(now()),
    );
    assert_eq!(escapes(&markdown), Vec::<String>::new(), "{markdown}");
    let text = text_of(&markdown);
    for i in 0..HOSTILE.len() {
        assert!(
            text.contains(&format!("after {i}")),
            "entry {i} lost:\n{text}"
        );
    }
}
