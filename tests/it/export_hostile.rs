//! Exports stay in their structure: hostile text typed into an answer,
//! a journal title and a body goes through the Markdown and counsellor
//! exports and is parsed with a real CommonMark parser (pulldown-cmark):
//! no HTML, link, image or code block appears, and every piece of the
//! person's text arrives as text.
#![allow(clippy::unwrap_used)]

use pulldown_cmark::{Event, Parser, Tag};

use crate::support::cli::*;
use trustwork::domain::{Answer, AnswerValue, now};

const WHAT_HAPPENED: &str = "acknowledge/name-what-happened/what-happened";

/// Lines a hostile person (or a pasted web page) could type.
const HOSTILE: [&str; 12] = [
    "<script>alert(1)</script>",
    "<!-- the rest is hidden",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://tracker.example/p.png)",
    "[x](y)",
    "<https://evil.example/autolink>",
    "``` unclosed fence",
    "~~~",
    "    indented like code",
    "<div>block html</div>",
    "[ref]: https://evil.example/ref",
];

/// What the parser made of `markdown`: the plain text, and every event
/// that is not text or plain structure.
fn parse(markdown: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut bad = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(_) => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => bad.push(format!("html {h:?}")),
            Event::Code(c) => bad.push(format!("code {c:?}")),
            Event::Start(
                tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock),
            ) => bad.push(format!("{tag:?}")),
            _ => {}
        }
    }
    (text, bad)
}

fn assert_stays_text(what: &str, markdown: &str) {
    let (text, bad) = parse(markdown);
    assert!(bad.is_empty(), "{what}: {bad:?}\n{markdown}");
    for line in HOSTILE {
        let line = line.trim();
        assert!(
            text.contains(line),
            "{what}: {line:?} did not arrive as text:\n{text}\n--- markdown:\n{markdown}"
        );
    }
}

#[test]
fn hostile_text_arrives_as_text_in_markdown_and_counsellor_exports() {
    let (_tmp, dir) = with_sam();
    let answer = HOSTILE.join("\n");
    edit_workbook(&dir, "sam", |workbook, _| {
        workbook.progress.answers.insert(
            WHAT_HAPPENED.into(),
            Answer {
                value: AnswerValue::Text(answer.clone()),
                updated_at: now(),
                author: None,
                private: false,
            },
        );
    });
    for line in HOSTILE {
        tw_run(&dir, &["journal", "add", "--title", line, &answer]).ok();
    }

    let md = tw_run(&dir, &["export", "--format", "md"]);
    md.ok();
    assert_stays_text("markdown", &md.stdout);

    let ids: Vec<String> = list_json(&dir, &[])
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect();
    let mut args = vec!["export", "--for-counsellor", "--include", "stages"];
    for id in &ids {
        args.extend(["--entry", id.as_str()]);
    }
    let counsellor = tw_run(&dir, &args);
    counsellor.ok();
    assert_stays_text("counsellor", &counsellor.stdout);
}
