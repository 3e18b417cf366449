//! A composed exercise read back as one piece of text: the apology, the
//! I-statement, the transparency agreement. The step page and the exports
//! show the same words, so the rule lives here.

use std::collections::BTreeMap;

use super::{Exercise, PromptKind, answer_id};
use crate::domain::{Answer, AnswerValue};

/// The exercise's `read_back` text with this person's answers filled in,
/// or `None` when the exercise has no read-back or nothing is answered.
/// `stage` and `step` are the ids the answers are stored under.
pub fn compose(
    exercise: &Exercise,
    stage: &str,
    step: &str,
    answers: &BTreeMap<String, Answer>,
) -> Option<String> {
    let template = exercise.read_back.as_deref()?;
    let answer = |field: &str| -> Option<String> {
        match &answers.get(&answer_id(stage, step, field))?.value {
            AnswerValue::Text(text) if !text.trim().is_empty() => Some(tidy(text)),
            _ => None,
        }
    };
    let paragraphs: Vec<String> = template
        .split("\n\n")
        .filter_map(|paragraph| fill(paragraph.trim(), &answer))
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// One paragraph with every placeholder filled, or `None` if one of its
/// fields is unanswered. A paragraph without placeholders is glue text
/// and never shown on its own.
fn fill(paragraph: &str, answer: &impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = paragraph;
    let mut filled = false;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}')? + start;
        out.push_str(&rest[..start]);
        let text = answer(&rest[start + 1..end])?;
        out.push_str(&text);
        filled = true;
        rest = &rest[end + 1..];
        // The template's full stop after an answer that already ends a
        // sentence would double it ("Why?." or "sorry..").
        if text.ends_with(['.', '!', '?']) {
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    filled.then_some(out)
}

/// An answer as it sits inside a sentence: list lines joined with "; ".
fn tidy(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The field ids a read-back may name: text and list fields of the
/// exercise. Used by validation.
pub(super) fn check(exercise: &Exercise, what: &str) -> Result<(), String> {
    let Some(template) = exercise.read_back.as_deref() else {
        return Ok(());
    };
    let mut rest = template;
    let mut named = 0;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(format!("the read-back of {what} has an unclosed \"{{\""));
        };
        let id = &rest[start + 1..start + len];
        let fits = exercise
            .fields
            .iter()
            .any(|f| f.id == id && matches!(f.kind, PromptKind::Text | PromptKind::List));
        if !fits {
            return Err(format!(
                "the read-back of {what} names \"{{{id}}}\", which is not a text or list field of the exercise"
            ));
        }
        named += 1;
        rest = &rest[start + len + 1..];
    }
    if named == 0 {
        return Err(format!("the read-back of {what} names no field"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Prompt;

    fn field(id: &str) -> Prompt {
        Prompt {
            id: id.into(),
            text: id.into(),
            hint: None,
            roles: Vec::new(),
            relationships: Vec::new(),
            kind: PromptKind::Text,
            options: Vec::new(),
            min_label: None,
            max_label: None,
        }
    }

    fn exercise(template: &str) -> Exercise {
        Exercise {
            title: "I-statement".into(),
            intro: String::new(),
            roles: Vec::new(),
            fields: vec![field("felt"), field("when"), field("need")],
            read_back: Some(template.into()),
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, Answer> {
        pairs
            .iter()
            .map(|(id, text)| {
                (
                    answer_id("s", "t", id),
                    Answer {
                        value: AnswerValue::Text((*text).into()),
                        updated_at: chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
                            .expect("a date"),
                        author: None,
                        private: false,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn fills_the_sentence_and_drops_unanswered_paragraphs() {
        let ex = exercise("I felt {felt} when {when}.\n\nI need {need}.");
        let got = compose(
            &ex,
            "s",
            "t",
            &answers(&[("felt", "scared"), ("when", "you left.")]),
        );
        assert_eq!(got.as_deref(), Some("I felt scared when you left."));
        let got = compose(
            &ex,
            "s",
            "t",
            &answers(&[("felt", "a"), ("when", "b"), ("need", "c")]),
        );
        assert_eq!(got.as_deref(), Some("I felt a when b.\n\nI need c."));
    }

    #[test]
    fn nothing_answered_is_nothing_to_show() {
        let ex = exercise("I felt {felt}.");
        assert_eq!(compose(&ex, "s", "t", &answers(&[])), None);
        assert_eq!(compose(&ex, "s", "t", &answers(&[("felt", "  ")])), None);
    }

    #[test]
    fn a_placeholder_that_is_not_a_field_is_refused() {
        assert!(check(&exercise("I felt {feelings}."), "x").is_err());
        assert!(check(&exercise("No fields named."), "x").is_err());
        assert!(check(&exercise("I felt {felt}."), "x").is_ok());
    }
}
