//! The Markdown export: a document a person can read, such as a counsellor
//! the user chooses to share it with. A pure function of the data and the
//! time it was made, so the same workbook always gives the same text.
//!
//! User text is kept as written, with only what would change its meaning in
//! Markdown escaped: a line starting like a heading or a quote, a line that
//! would become a rule, and `|` inside table cells.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use super::ExportOptions;
use crate::content::{CHECKOUT_ID, Content, Prompt, PromptKind, Step, answer_id, compose};
use crate::domain::{
    AGREEMENT_ANSWERS, Answer, AnswerValue, COMMITMENTS_ANSWER, CheckIn, Clock, Journal, Role,
    SCALE_MAX, Workbook, list_items,
};
use crate::engine::{Engine, StageState};

pub(crate) const LONG_DATE: &str = "%-d %B %Y";
pub(crate) const SHORT_DATE: &str = "%Y-%m-%d";
const CHECKOUT_TITLE: &str = "Check-out";

/// The whole document.
pub fn render(
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    options: &ExportOptions,
    clock: Clock,
) -> String {
    let mut md = Markdown::default();
    header(&mut md, workbook, options, clock.now());
    stages(&mut md, content, workbook, options, clock);
    agreements(&mut md, content, workbook, options);
    commitments(&mut md, workbook, options);
    checkins(&mut md, workbook, options, clock);
    journal_entries(&mut md, content, workbook, journal, options, clock);
    md.text
}

fn header(
    md: &mut Markdown,
    workbook: &Workbook,
    options: &ExportOptions,
    generated_at: DateTime<FixedOffset>,
) {
    md.heading(1, &format!("Trust workbook: {}", workbook.name));
    let writers: Vec<String> = workbook
        .participants
        .iter()
        .map(|p| format!("{} ({})", inline(&p.name), role_words(p.role)))
        .collect();
    let mut facts = vec![
        format!(
            "About: {}, {}",
            inline(&workbook.name),
            lower_first(workbook.relationship.label())
        ),
        format!("Written by: {}", writers.join(", ")),
        format!("Generated: {}", generated_at.format(LONG_DATE)),
    ];
    if let Some(day) = options.since {
        facts.push(format!(
            "Journal entries and check-ins from {} on",
            day.format(LONG_DATE)
        ));
    }
    if let Some(stage) = &options.stage {
        facts.push(format!("Only the stage \"{}\"", inline(stage)));
    }
    md.list(facts);
}

/// Said about someone else, as a reader of the document would: "was hurt".
fn role_words(role: Role) -> &'static str {
    match role {
        Role::Hurt => "was hurt",
        Role::Caused => "caused the hurt",
        Role::Both => "both, or not sure",
    }
}

/// Every stage with answers: its status, then each answered prompt in the
/// order the stage asks them. Answers the content no longer has follow.
fn stages(
    md: &mut Markdown,
    content: &Content,
    workbook: &Workbook,
    options: &ExportOptions,
    clock: Clock,
) {
    let engine = Engine::new(content, workbook.role()).with_relationship(workbook.relationship);
    let progress = &workbook.progress;
    let mut shown: HashSet<String> = HashSet::new();
    let mut section = Markdown::default();
    for (index, stage) in content.stages.iter().enumerate() {
        if !options.keeps_stage(&stage.id) {
            continue;
        }
        let mut part = Markdown::default();
        for step in &stage.steps {
            let prompts = step_prompts(step).map(|p| (answer_id(&stage.id, &step.id, &p.id), p));
            answered(
                &mut part,
                step.title_for(engine.role),
                prompts,
                workbook,
                &mut shown,
            );
            read_back(&mut part, &stage.id, step, workbook);
        }
        let checkout = stage
            .checkout
            .prompts
            .iter()
            .map(|p| (answer_id(&stage.id, CHECKOUT_ID, &p.id), p));
        answered(&mut part, CHECKOUT_TITLE, checkout, workbook, &mut shown);

        // Every stage that has begun, as `status` counts them, even one
        // with nothing to show here (steps marked done, answers that only
        // "Other answers" holds).
        let summary = engine.summary(progress, index);
        if summary.state == StageState::NotStarted {
            continue;
        }
        section.heading(3, &format!("{}. {}", index + 1, stage.title));
        let completed = progress.stages_completed.get(&stage.id);
        section.block(&match (summary.state, completed) {
            (StageState::Complete, Some(at)) => {
                format!(
                    "Complete (checked out on {}).",
                    clock.local(*at).format(LONG_DATE)
                )
            }
            _ => format!(
                "In progress: {} of {} steps done.",
                summary.steps_complete, summary.steps_total
            ),
        });
        section.append(part);
    }

    let others: Vec<(&String, &Answer)> = progress
        .answers
        .iter()
        .filter(|(id, a)| {
            a.value.is_answered()
                && !shown.contains(id.as_str())
                && options.keeps_stage(stage_of(id))
        })
        .collect();
    if !others.is_empty() {
        section.heading(3, "Other answers");
        section.block("Answers to questions this version of trustwork no longer asks.");
        for (id, answer) in others {
            section.block(&format!("**{}**", inline(id)));
            value(&mut section, None, &answer.value);
        }
    }

    if !section.is_empty() {
        md.heading(2, "Stages");
        md.append(section);
    }
}

/// A composed exercise (the apology, the I-statement, the transparency
/// agreement) as the one piece of text the step page shows back.
fn read_back(md: &mut Markdown, stage: &str, step: &Step, workbook: &Workbook) {
    let Some(exercise) = &step.exercise else {
        return;
    };
    if let Some(text) = compose(exercise, stage, &step.id, &workbook.progress.answers) {
        md.block(&format!("**{}, read back**", inline(&exercise.title)));
        md.paragraphs(&text);
    }
}

/// A step's prompts and exercise fields in the order the step shows them.
fn step_prompts(step: &Step) -> impl Iterator<Item = &Prompt> {
    let fields: Vec<&Prompt> = step.exercise.iter().flat_map(|e| &e.fields).collect();
    let prompts: Vec<&Prompt> = step.prompts.iter().collect();
    let (first, then) = if step.exercise_first {
        (fields, prompts)
    } else {
        (prompts, fields)
    };
    first.into_iter().chain(then)
}

/// Writes the answered ones of `prompts` under a heading (none if nothing
/// is answered), noting each id in `shown`.
fn answered<'a>(
    md: &mut Markdown,
    title: &str,
    prompts: impl Iterator<Item = (String, &'a Prompt)>,
    workbook: &Workbook,
    shown: &mut HashSet<String>,
) {
    let mut any = false;
    for (id, prompt) in prompts {
        let Some(answer) = workbook.progress.answers.get(&id) else {
            continue;
        };
        if !answer.value.is_answered() {
            continue;
        }
        if !any {
            md.heading(4, title);
            any = true;
        }
        md.block(&format!("**{}**", inline(&prompt.text)));
        value(md, Some(prompt), &answer.value);
        shown.insert(id);
    }
}

/// An answer in the shape of its prompt: text as paragraphs, lists and
/// checklists as bullets, scales as "7 / 10 (low … high)".
pub(crate) fn value(md: &mut Markdown, prompt: Option<&Prompt>, value: &AnswerValue) {
    match value {
        AnswerValue::Text(text) if prompt.is_some_and(|p| p.kind == PromptKind::List) => {
            md.list(list_items(text).map(inline));
        }
        AnswerValue::Text(text) => md.paragraphs(text),
        AnswerValue::Choice(ticked) => md.list(ticked.iter().map(|&i| {
            prompt
                .and_then(|p| p.options.get(i))
                .map_or_else(|| format!("option {}", i + 1), |o| inline(o))
        })),
        AnswerValue::Scale(point) => {
            let labels = prompt.and_then(|p| p.min_label.as_deref().zip(p.max_label.as_deref()));
            md.block(&match labels {
                Some((low, high)) => {
                    format!("{point} / {SCALE_MAX} ({} … {})", inline(low), inline(high))
                }
                None => format!("{point} / {SCALE_MAX}"),
            });
        }
    }
}

pub(crate) fn agreements(
    md: &mut Markdown,
    content: &Content,
    workbook: &Workbook,
    options: &ExportOptions,
) {
    let mut section = Markdown::default();
    // Made together in couple mode: both said yes, so both may read them.
    let together: Vec<String> = workbook
        .agreements
        .iter()
        .filter(|a| a.is_active())
        .map(|a| match a.proposed_by {
            Some(by) => format!(
                "{} (proposed by {})",
                inline(&a.text),
                inline(workbook.author_name(by))
            ),
            None => inline(&a.text),
        })
        .collect();
    if !together.is_empty() {
        section.heading(3, "Made together");
        section.list(together);
    }
    for id in AGREEMENT_ANSWERS {
        let items = workbook.list_answer(id);
        if items.is_empty() || !options.keeps_stage(stage_of(id)) {
            continue;
        }
        let heading = content
            .prompt_of_answer(id)
            .map_or(id, |(_, _, p)| p.text.as_str());
        section.heading(3, heading);
        section.list(items.into_iter().map(inline));
    }
    if !section.is_empty() {
        md.heading(2, "Agreements");
        md.append(section);
    }
}

pub(crate) fn commitments(md: &mut Markdown, workbook: &Workbook, options: &ExportOptions) {
    let items = workbook.commitments();
    if items.is_empty() || !options.keeps_stage(stage_of(COMMITMENTS_ANSWER)) {
        return;
    }
    md.heading(2, "Commitments");
    md.list(items.into_iter().map(inline));
}

fn checkins(md: &mut Markdown, workbook: &Workbook, options: &ExportOptions, clock: Clock) {
    let mut rows: Vec<&CheckIn> = workbook
        .checkins
        .iter()
        // Private answers not revealed by both stay out of a readable export.
        .filter(|c| options.keeps_checkin(c) && c.is_shown())
        .collect();
    if rows.is_empty() {
        return;
    }
    rows.sort_by_key(|c| c.created_at);
    let mut table = vec![
        "| Date | Who | Trust | Safety | Communication | Commitment | Note |".to_string(),
        "| --- | --- | ---: | ---: | ---: | ---: | --- |".to_string(),
    ];
    for c in rows {
        let s = &c.scores;
        table.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            clock.local(c.created_at).format(SHORT_DATE),
            cell(workbook.author_name(c.author)),
            s.trust,
            s.safety,
            s.communication,
            s.commitment,
            cell(&checkin_note(c)),
        ));
    }
    md.heading(2, "Check-ins");
    md.block(&table.join("\n"));
}

/// The note, followed by which commitments were kept and which missed.
fn checkin_note(checkin: &CheckIn) -> String {
    let named = |kept: bool| -> Vec<&str> {
        checkin
            .commitments
            .iter()
            .filter(|c| c.kept == kept)
            .map(|c| c.commitment.as_str())
            .collect()
    };
    let mut parts = Vec::new();
    if !checkin.note.trim().is_empty() {
        parts.push(checkin.note.trim().to_string());
    }
    for (kept, label) in [(true, "Kept"), (false, "Missed")] {
        let names = named(kept);
        if !names.is_empty() {
            parts.push(format!("{label}: {}.", names.join(", ")));
        }
    }
    parts.join(" ")
}

/// Free entries, oldest first. The trash is left out.
fn journal_entries(
    md: &mut Markdown,
    content: &Content,
    workbook: &Workbook,
    journal: &Journal,
    options: &ExportOptions,
    clock: Clock,
) {
    let mut entries: Vec<_> = journal.live().filter(|e| options.keeps_entry(e)).collect();
    if entries.is_empty() {
        return;
    }
    entries.sort_by_key(|e| e.created_at);
    md.heading(2, "Journal");
    for entry in entries {
        let when = clock
            .local(entry.created_at)
            .format("%-d %B %Y, %H:%M")
            .to_string();
        // `heading` escapes it (once: twice would undo the escape).
        let title = entry.title.trim();
        md.heading(
            3,
            &if inline(title).is_empty() {
                when
            } else {
                format!("{when} · {title}")
            },
        );
        let mut about = Vec::new();
        if let Some(stage) = &entry.stage {
            let name = content.stage(stage).map_or(stage.as_str(), |s| &s.title);
            about.push(format!("Stage: {}", inline(name)));
        }
        if let Some(mood) = entry.mood {
            about.push(format!("Mood: {mood}"));
        }
        if workbook.participants.len() > 1 {
            about.push(format!(
                "By: {}",
                inline(workbook.author_name(entry.author))
            ));
        }
        if !about.is_empty() {
            md.block(&about.join(" · "));
        }
        md.paragraphs(&entry.body);
    }
}

/// The stage id an answer id (`stage/step/prompt`) starts with.
fn stage_of(answer: &str) -> &str {
    answer.split('/').next().unwrap_or(answer)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Text for one line: line breaks and other control characters become
/// spaces, so it cannot break out of a heading, list item or cell.
pub fn inline(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    neutral(one_line.trim())
}

/// A person's words as plain text in Markdown, whatever they typed: no raw
/// HTML or comments (`<`), no code spans or fences (a backtick or `~`), no links
/// or images (`[`, `]`). A counsellor previewing the file sees the words,
/// and nothing in them can run, load from the web or hide what follows.
fn neutral(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '`' | '~' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a table cell: one line, with `|` escaped.
pub(crate) fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// One line of user text in a paragraph: control characters dropped (no
/// terminal codes in the file), and a backslash in front of what Markdown
/// would read as a heading, a quote or a horizontal rule.
fn block_line(line: &str) -> String {
    let clean: String = line
        .trim_end()
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    block_start(&neutral(&clean))
}

/// A line already escaped, guarded where it starts: at most three spaces
/// of indent (four, or a tab, would make it a code block), and a backslash
/// in front of a heading, quote or rule mark.
fn block_start(clean: &str) -> String {
    let body = clean.trim_start();
    let indent = clean[..clean.len() - body.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum::<usize>()
        .min(3);
    let clean = format!("{}{body}", " ".repeat(indent));
    let body = clean.trim_start();
    let marks = body.chars().filter(|c| !c.is_whitespace()).count();
    let rule = marks >= 3
        && body
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '=' | '*' | '_'));
    if body.starts_with(['#', '>']) || rule {
        let indent = clean.len() - body.len();
        format!("{}\\{body}", &clean[..indent])
    } else {
        clean
    }
}

/// The document being written: blocks separated by one blank line.
#[derive(Default)]
pub(crate) struct Markdown {
    pub(crate) text: String,
}

impl Markdown {
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub(crate) fn block(&mut self, text: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(text);
        self.text.push('\n');
    }

    pub(crate) fn append(&mut self, other: Markdown) {
        if !other.is_empty() {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            self.text.push_str(&other.text);
        }
    }

    pub(crate) fn heading(&mut self, level: usize, text: &str) {
        self.block(&format!("{} {}", "#".repeat(level), inline(text)));
    }

    pub(crate) fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = items
            .into_iter()
            // Items come escaped by the caller (`inline`): escaping again
            // would turn `\[` back into a live bracket.
            .map(|item| format!("- {}", block_start(&item)))
            .collect();
        if !lines.is_empty() {
            self.block(&lines.join("\n"));
        }
    }

    /// User text as paragraphs: its lines as written, runs of blank lines
    /// kept as one paragraph break.
    pub(crate) fn paragraphs(&mut self, text: &str) {
        let mut lines: Vec<String> = Vec::new();
        let mut gap = false;
        for line in text.lines() {
            if line.trim().is_empty() {
                gap = !lines.is_empty();
                continue;
            }
            if gap {
                lines.push(String::new());
                gap = false;
            }
            lines.push(block_line(line));
        }
        if !lines.is_empty() {
            self.block(&lines.join("\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_change_the_structure() {
        assert_eq!(block_line("# not a heading"), "\\# not a heading");
        assert_eq!(block_line("  > not a quote"), "  \\> not a quote");
        assert_eq!(block_line("---"), "\\---");
        assert_eq!(block_line("- - -"), "\\- - -");
        assert_eq!(block_line("- a list item"), "- a list item");
        assert_eq!(block_line("a \u{1b}[31mred\u{1b}[0m"), "a \\[31mred\\[0m");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(inline(" two\nlines "), "two lines");
    }

    #[test]
    fn nothing_typed_can_run_load_or_hide_the_rest() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "&lt;script>alert(1)&lt;/script>",
            ),
            ("<!-- the rest is hidden", "&lt;!-- the rest is hidden"),
            (
                "[click](javascript:alert(1))",
                "\\[click\\](javascript:alert(1))",
            ),
            (
                "![x](https://tracker.example/p.png)",
                "!\\[x\\](https://tracker.example/p.png)",
            ),
            ("```", "\\`\\`\\`"),
        ];
        for (typed, written) in cases {
            assert_eq!(block_line(typed), written, "{typed}");
            assert_eq!(inline(typed), written, "{typed}");
        }
    }

    #[test]
    fn paragraphs_keep_breaks_and_drop_extra_blank_lines() {
        let mut md = Markdown::default();
        md.paragraphs("\n\none\ntwo  \n\n\n\nthree\n\n");
        assert_eq!(md.text, "one\ntwo\n\nthree\n");
    }
}
