//! Couple mode's words, as written in `content/couple.toml`: the hub's
//! introduction and safety note, the ground rules, what each step of a
//! turn says, the timer, the time-out, the agreements, the private
//! "look away" moments, the reveal and the summary. Validated so no text
//! is empty and every text uses only the placeholders the screen fills.

use serde::Deserialize;

use super::ContentError;
use super::validate::{check_placeholders, check_text};

/// The couple-mode file's name, in `content/` and in a `--content-dir`.
pub const COUPLE_FILE: &str = "couple.toml";

/// The shipped text as written (the app embeds the JSON the build makes).
#[cfg(test)]
pub(super) const EMBEDDED_COUPLE: &str = include_str!("../../../../content/couple.toml");

/// The names of a turn's steps, in the order a turn goes through them
/// (`correct` only after "not quite", `more` after a confirmation).
pub const STEP_NAMES: [&str; 7] = [
    "speak",
    "paraphrase",
    "confirm",
    "correct",
    "more",
    "validate",
    "done",
];

/// What the `steps.*` texts may use.
pub(super) const TURN_PLACEHOLDERS: [&str; 2] = ["{speaker}", "{listener}"];
/// What `look_away` texts other than `hidden` may use.
pub(super) const HANDOVER_PLACEHOLDERS: [&str; 2] = ["{to}", "{away}"];
/// What `look_away.hidden` and `agreements.accept` may use.
pub(super) const NAME_PLACEHOLDER: [&str; 1] = ["{name}"];

/// The ground rules shown before a conversation starts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesText {
    pub title: String,
    /// One sentence each.
    pub items: Vec<String>,
}

/// One step of a turn. `{speaker}` and `{listener}` may appear in every
/// text; fill them in with [`fill`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    pub title: String,
    /// One to three sentences under the title.
    pub guide: String,
    /// Sentence starters; only `steps.validate` has them (and must).
    #[serde(default)]
    pub prompts: Vec<String>,
}

/// The steps of a turn, one field per step; see [`CoupleText::step`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepsText {
    /// The speaker holds the floor.
    pub speak: StepText,
    /// The listener says back what they heard.
    pub paraphrase: StepText,
    /// The speaker says whether that was it.
    pub confirm: StepText,
    /// After "not quite": what was missed or different.
    pub correct: StepText,
    /// "Is there more?"
    pub more: StepText,
    /// The listener validates; has the sentence starters.
    pub validate: StepText,
    /// The turn is complete; roles swap.
    pub done: StepText,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerText {
    /// When the optional turn timer runs out: finish the thought.
    pub ended: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeOutText {
    pub title: String,
    pub body: String,
    /// The label of the agreed return time (`return` in the file).
    #[serde(rename = "return")]
    pub return_label: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementsText {
    /// Above the list: made together, active once both accept.
    pub intro: String,
    /// Instead of the list when there is none.
    pub empty: String,
    /// Above the proposal box.
    pub propose: String,
    /// Asked of each in turn; `{name}` is filled in.
    pub accept: String,
    /// When one of you is not ready yet.
    pub not_now: String,
}

/// The "pass the keyboard" screen before a private answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookAwayText {
    /// `{to}` (who answers now) and `{away}` (who looks away) allowed.
    pub title: String,
    pub body: String,
    pub ready: String,
    /// After someone answered; `{name}` is filled in.
    pub hidden: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevealText {
    pub title: String,
    /// Both answered: show them side by side?
    pub question: String,
    /// One of you said no.
    pub kept_private: String,
}

/// Gentle, never blocking notes under the box while someone writes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GentleText {
    /// The speaker wrote "you always" or "you never".
    pub absolutes: String,
    /// A paraphrase that reads like a reply rather than what was heard.
    pub rebuttal: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryText {
    pub title: String,
    pub intro: String,
}

/// Couple mode's words, validated and with outer whitespace trimmed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoupleText {
    /// The couple-mode hub: what a structured conversation is.
    pub intro: String,
    /// If either of you is afraid of the other, this is not the tool.
    pub safety: String,
    /// Shown in a one-person workbook.
    pub solo: String,
    /// The one-line I-statement reminder shown while speaking.
    pub reminder: String,
    /// The placeholder in the empty topic box.
    pub topic_hint: String,
    pub rules: RulesText,
    pub steps: StepsText,
    pub timer: TimerText,
    pub time_out: TimeOutText,
    pub agreements: AgreementsText,
    pub look_away: LookAwayText,
    pub reveal: RevealText,
    pub summary: SummaryText,
    pub gentle: GentleText,
    /// Told once in a workbook for two made by an earlier version: each
    /// person now has their own answers and private space.
    pub what_changed: String,
}

/// A check (or change) applied to one text: its dotted name in the file,
/// the text, and the placeholders it may use.
pub(super) type EachText<'a> = &'a mut dyn FnMut(&str, &mut String, &[&str]) -> Result<(), String>;

impl CoupleText {
    /// Parses and validates a couple-mode file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ContentError> {
        let mut couple: Self = super::decode(file, text)?;
        let invalid = |message: String| ContentError::Invalid {
            file: file.to_string(),
            message,
        };
        // TOML's multi-line strings keep a final newline; the screens wrap
        // text themselves, so outer whitespace goes.
        couple
            .each_text(&mut |_, text, _| {
                *text = text.trim().to_string();
                Ok(())
            })
            .map_err(invalid)?;
        validate_couple(&mut couple).map_err(invalid)?;
        Ok(couple)
    }

    /// The shipped text.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::parse(COUPLE_FILE, super::built!("couple.json"))
    }

    /// A step's text by name: one of [`STEP_NAMES`].
    pub fn step(&self, name: &str) -> Option<&StepText> {
        let s = &self.steps;
        match name {
            "speak" => Some(&s.speak),
            "paraphrase" => Some(&s.paraphrase),
            "confirm" => Some(&s.confirm),
            "correct" => Some(&s.correct),
            "more" => Some(&s.more),
            "validate" => Some(&s.validate),
            "done" => Some(&s.done),
            _ => None,
        }
    }

    /// Calls `f` on every text in the file, in file order, with its
    /// dotted name (`steps.speak.title`, `rules.items (item 2)`) and the
    /// placeholders it may use; stops at the first error.
    pub(super) fn each_text(&mut self, f: EachText<'_>) -> Result<(), String> {
        const NONE: &[&str] = &[];
        for (what, text) in [
            ("intro", &mut self.intro),
            ("safety", &mut self.safety),
            ("solo", &mut self.solo),
            ("reminder", &mut self.reminder),
            ("topic_hint", &mut self.topic_hint),
            ("rules.title", &mut self.rules.title),
            ("what_changed", &mut self.what_changed),
            ("gentle.absolutes", &mut self.gentle.absolutes),
            ("gentle.rebuttal", &mut self.gentle.rebuttal),
        ] {
            f(what, text, NONE)?;
        }
        for (i, item) in self.rules.items.iter_mut().enumerate() {
            f(&format!("rules.items (item {})", i + 1), item, NONE)?;
        }
        let StepsText {
            speak,
            paraphrase,
            confirm,
            correct,
            more,
            validate,
            done,
        } = &mut self.steps;
        let steps = [speak, paraphrase, confirm, correct, more, validate, done];
        for (name, step) in STEP_NAMES.iter().zip(steps) {
            f(
                &format!("steps.{name}.title"),
                &mut step.title,
                &TURN_PLACEHOLDERS,
            )?;
            f(
                &format!("steps.{name}.guide"),
                &mut step.guide,
                &TURN_PLACEHOLDERS,
            )?;
            for (i, prompt) in step.prompts.iter_mut().enumerate() {
                f(
                    &format!("steps.{name}.prompts (prompt {})", i + 1),
                    prompt,
                    &TURN_PLACEHOLDERS,
                )?;
            }
        }
        let texts: [(&str, &mut String, &[&str]); 17] = [
            ("timer.ended", &mut self.timer.ended, NONE),
            ("time_out.title", &mut self.time_out.title, NONE),
            ("time_out.body", &mut self.time_out.body, NONE),
            ("time_out.return", &mut self.time_out.return_label, NONE),
            ("agreements.intro", &mut self.agreements.intro, NONE),
            ("agreements.empty", &mut self.agreements.empty, NONE),
            ("agreements.propose", &mut self.agreements.propose, NONE),
            (
                "agreements.accept",
                &mut self.agreements.accept,
                &NAME_PLACEHOLDER,
            ),
            ("agreements.not_now", &mut self.agreements.not_now, NONE),
            (
                "look_away.title",
                &mut self.look_away.title,
                &HANDOVER_PLACEHOLDERS,
            ),
            (
                "look_away.body",
                &mut self.look_away.body,
                &HANDOVER_PLACEHOLDERS,
            ),
            (
                "look_away.ready",
                &mut self.look_away.ready,
                &HANDOVER_PLACEHOLDERS,
            ),
            (
                "look_away.hidden",
                &mut self.look_away.hidden,
                &NAME_PLACEHOLDER,
            ),
            ("reveal.title", &mut self.reveal.title, NONE),
            ("reveal.question", &mut self.reveal.question, NONE),
            ("reveal.kept_private", &mut self.reveal.kept_private, NONE),
            ("summary.title", &mut self.summary.title, NONE),
        ];
        for (what, text, allowed) in texts {
            f(what, text, allowed)?;
        }
        f("summary.intro", &mut self.summary.intro, NONE)
    }
}

/// Fills `{key}` placeholders: `fill(&t.steps.speak.title, &[("speaker",
/// "Alex"), ("listener", "Sam")])`. Unknown `{…}` stay as they are; a
/// value is put in as is, never filled in again (a name may contain
/// braces).
pub fn fill(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let key = &after[..end];
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Checks the couple-mode text: the rules and the validation step's
/// sentence starters are there, only `steps.validate` has starters, and
/// every text is non-empty and uses only the placeholders its screen fills
/// (`&mut` only because [`CoupleText::each_text`] walks the texts that way).
fn validate_couple(text: &mut CoupleText) -> Result<(), String> {
    if text.rules.items.is_empty() {
        return Err("rules.items is empty".into());
    }
    for name in STEP_NAMES {
        let prompts = text.step(name).map_or(0, |s| s.prompts.len());
        match (name, prompts) {
            ("validate", 0) => return Err("steps.validate.prompts is empty".into()),
            ("validate", _) | (_, 0) => {}
            _ => {
                return Err(format!(
                    "steps.{name} has prompts; only steps.validate has sentence starters"
                ));
            }
        }
    }
    text.each_text(&mut |what, text, allowed| {
        check_text(text, what)?;
        check_placeholders(text, what, allowed)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn shipped() -> CoupleText {
        CoupleText::embedded().unwrap()
    }

    /// The shipped text with its first `from` replaced by `to`.
    fn with(from: &str, to: &str) -> String {
        super::super::test_support::with(EMBEDDED_COUPLE, COUPLE_FILE, from, to)
    }

    /// Parses `text` and expects it refused, naming the file and phrases.
    fn refused(text: &str, expected: &[&str]) {
        super::super::test_support::refused(
            CoupleText::parse(COUPLE_FILE, text),
            COUPLE_FILE,
            expected,
        );
    }

    #[test]
    fn the_embedded_text_parses_trimmed() {
        let mut text = shipped();
        text.each_text(&mut |what, text, _| {
            assert!(!text.is_empty(), "{what}");
            assert_eq!(text.trim(), text, "{what}");
            Ok(())
        })
        .unwrap();
        assert_eq!(text.steps.speak.title, "{speaker} has the floor");
    }

    #[test]
    fn the_embedded_text_keeps_the_house_rules() {
        let text = shipped();
        assert!((4..=5).contains(&text.rules.items.len()));
        assert!((4..=6).contains(&text.steps.validate.prompts.len()));
        // One line at 80 columns, beside a border.
        assert!(!text.reminder.contains('\n'));
        assert!(text.reminder.chars().count() <= 76, "{}", text.reminder);
        assert!(text.safety.contains("afraid"), "{}", text.safety);
        let intro = text.intro.split("\n\n").count();
        assert!((2..=4).contains(&intro), "{intro} paragraphs");
    }

    #[test]
    fn every_step_is_found_by_name() {
        let text = shipped();
        for name in STEP_NAMES {
            let step = text.step(name).unwrap();
            assert!(!step.title.is_empty(), "{name}");
            // Only validation has sentence starters.
            assert_eq!(!step.prompts.is_empty(), name == "validate", "{name}");
        }
        assert_eq!(text.step("more").unwrap(), &text.steps.more);
        assert!(text.step("argue").is_none());
    }

    #[test]
    fn placeholders_are_filled() {
        let text = shipped();
        let names = [("speaker", "Alex"), ("listener", "Sam")];
        assert_eq!(fill(&text.steps.speak.title, &names), "Alex has the floor");
        for name in STEP_NAMES {
            let step = text.step(name).unwrap();
            for s in [&step.title, &step.guide].into_iter().chain(&step.prompts) {
                assert!(!fill(s, &names).contains('{'), "{name}: {s}");
            }
        }
        let handover = [("to", "Alex"), ("away", "Sam")];
        assert_eq!(
            fill(&text.look_away.title, &handover),
            "Pass the keyboard to Alex"
        );
        let body = fill(&text.look_away.body, &handover);
        assert!(body.starts_with("Sam, ") && body.contains("Alex"), "{body}");
        let accept = fill(&text.agreements.accept, &[("name", "Sam")]);
        assert!(accept.starts_with("Sam"), "{accept}");
    }

    #[test]
    fn fill_leaves_unknown_braces_and_does_not_refill_values() {
        assert_eq!(
            fill("{a} and {b} {", &[("a", "{b}"), ("b", "B")]),
            "{b} and B {"
        );
        assert_eq!(fill("{x}{}", &[]), "{x}{}");
        assert_eq!(fill("{ä}!", &[("ä", "ü")]), "ü!");
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_the_field_named() {
        refused(
            &with("{speaker} has the floor", "{speker} has the floor"),
            &[
                "steps.speak.title",
                "unknown placeholder \"{speker}\"",
                "{speaker}, {listener}",
            ],
        );
        // A real placeholder in the wrong place.
        refused(
            &with("title = \"Time-out\"", "title = \"Time-out, {name}\""),
            &["time_out.title", "unknown placeholder \"{name}\""],
        );
        refused(
            &with("Thank you, {name}.", "Thank you, {to}."),
            &["look_away.hidden", "\"{to}\"", "known: {name}"],
        );
    }

    #[test]
    fn an_empty_text_is_refused_with_the_field_named() {
        refused(
            &with("title = \"Time-out\"", "title = \"  \""),
            &["time_out.title is empty"],
        );
        refused(
            &with(
                "\"It is fine to stop, and to come back to this another day.\"",
                "\"\"",
            ),
            &["rules.items (item 5) is empty"],
        );
        let start = EMBEDDED_COUPLE.find("prompts = [").unwrap();
        let end = start + EMBEDDED_COUPLE[start..].find(']').unwrap() + 1;
        let without = format!(
            "{}prompts = []{}",
            &EMBEDDED_COUPLE[..start],
            &EMBEDDED_COUPLE[end..]
        );
        refused(&without, &["steps.validate.prompts is empty"]);
    }

    #[test]
    fn prompts_outside_validation_are_refused() {
        refused(
            &with(
                "title = \"{speaker}, is there more?\"",
                "title = \"{speaker}, is there more?\"\nprompts = [\"Anything else?\"]",
            ),
            &["steps.more has prompts", "steps.validate"],
        );
    }

    #[test]
    fn unknown_or_missing_keys_do_not_parse() {
        let err = CoupleText::parse(COUPLE_FILE, &with("not_now =", "later =")).unwrap_err();
        assert!(matches!(err, ContentError::Parse { .. }), "{err:?}");
        assert!(err.to_string().contains("unknown field `later`"), "{err}");
        let cut = EMBEDDED_COUPLE.find("[summary]").unwrap();
        let err = CoupleText::parse(COUPLE_FILE, &EMBEDDED_COUPLE[..cut]).unwrap_err();
        assert!(err.to_string().contains("missing field `summary`"), "{err}");
    }
}
