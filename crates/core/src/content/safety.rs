//! The safety features' words, as written in `content/safety.toml`: the
//! private screening questions, the safety screen a "yes" (or "I'd rather
//! not say") leads to, the helplines, the neutral line shown where couple
//! mode would be, the note about this device, and the safety-related lines
//! of the counsellor export, the decision aid and stage 6. Validated so no
//! text is empty, the three questions are there in order, there are enough
//! helplines, and the neutral line gives nothing away.

use serde::Deserialize;

use super::ContentError;
use super::validate::{check_placeholders, check_text};

/// The safety file's name, in `content/` and in a `--content-dir`.
pub const SAFETY_FILE: &str = "safety.toml";

/// The shipped text as written (the app embeds the JSON the build makes).
#[cfg(test)]
pub(super) const EMBEDDED_SAFETY: &str = include_str!("../../../../content/safety.toml");

/// The screening questions' ids, in the order they are asked. Answers are
/// recorded under these ids.
pub const SCREENING_IDS: [&str; 3] = ["afraid", "harmed", "controlled"];

/// The fewest helplines the safety screen may list.
pub const MIN_RESOURCES: usize = 5;

/// Words `safety_first.reason` must not contain (case-insensitive, also
/// inside longer words): the line is seen by anyone glancing at the
/// screen. Longer words first, so the message names the word as written.
const REVEALING_WORDS: [&str; 11] = [
    "fear", "afraid", "abuse", "safety", "safe", "screen", "danger", "harm", "hurt", "threat",
    "violen",
];

/// One private screening question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    /// One of [`SCREENING_IDS`].
    pub id: String,
    pub text: String,
}

/// The three answers every screening question offers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersText {
    pub no: String,
    pub yes: String,
    pub rather_not_say: String,
}

/// The private questions asked at creation and at each check-in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningText {
    pub title: String,
    /// Why we ask; private; no wrong answer.
    pub intro: String,
    /// Exactly [`SCREENING_IDS`], in that order.
    pub questions: Vec<QuestionText>,
    pub answers: AnswersText,
}

/// The calm screen after a "yes" or "I'd rather not say".
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyScreenText {
    pub title: String,
    /// A few short paragraphs separated by blank lines.
    pub body: String,
    /// One line: in danger now, call the local emergency number.
    pub emergency: String,
    /// Above the list of helplines.
    pub resources_intro: String,
    /// One line inviting the person to add numbers of their own.
    pub own_numbers: String,
}

/// One helpline or directory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceText {
    pub country: String,
    pub name: String,
    /// A number, a website, or both.
    pub contact: String,
    /// `YYYY-MM`: when the number was last checked against its source.
    pub checked: String,
}

impl ResourceText {
    /// The month it was checked, as (year, month).
    pub fn checked_month(&self) -> Option<(i32, u32)> {
        month_of(&self.checked)
    }
}

/// `YYYY-MM` as (year, month).
fn month_of(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let (year, month) = (year.parse().ok()?, month.parse().ok()?);
    (year > 2000 && (1..=12).contains(&month)).then_some((year, month))
}

/// A line for anyone in crisis (thoughts of suicide, or too much to hold
/// alone), with the month it was last checked against its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    pub country: String,
    pub name: String,
    /// A number, a text option, a website.
    pub contact: String,
    /// `YYYY-MM`: when the number was last checked against its source.
    pub checked: String,
}

impl CrisisLine {
    /// The month it was checked, as (year, month).
    pub fn checked_month(&self) -> Option<(i32, u32)> {
        month_of(&self.checked)
    }
}

/// How many crisis lines the Support screen lists at least.
pub const MIN_CRISIS_LINES: usize = 5;

/// The "safety first" state of a workbook.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFirstText {
    /// Shown where couple mode would be; neutral, reveals nothing.
    pub reason: String,
    /// On the person's private review: has anything changed?
    pub review: String,
    /// Where a step that needs both people would be: neutral too, and
    /// true in a one-person workbook.
    pub set_aside: String,
}

/// "Right now": a few small steps for a hard moment, one key from
/// anywhere.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightNowText {
    pub title: String,
    pub intro: String,
    /// No big decisions or confrontations tonight.
    pub tonight: String,
    /// One act of care for the body.
    pub body: String,
    /// Who could you call?
    pub call: String,
    /// Above the grounding steps.
    pub grounding_intro: String,
    /// The grounding steps, in order.
    pub grounding: Vec<String>,
    /// Park a thought in the journal.
    pub park: String,
    /// The title a parked thought gets in the journal.
    pub park_title: String,
}

/// A person's private space in a workbook for two, and the passphrase
/// that keeps it theirs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateSpaceText {
    pub title: String,
    /// What is private to you, and how to share it.
    pub body: String,
    /// Said honestly to a person without a passphrase of their own.
    pub unprotected: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceText {
    /// Shown once: others may see this device; the quick-exit key.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounsellorText {
    /// At the top of the export for a counsellor.
    pub intro: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionText {
    /// Above the decision aid: no verdict, no score.
    pub intro: String,
    /// Shown first when a screening answer raised a concern.
    pub safety_lead: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalText {
    /// When two or more signs that outside help would help are ticked.
    pub suggestion: String,
}

/// The safety features' words, validated and with outer whitespace
/// trimmed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyText {
    pub screening: ScreeningText,
    pub safety: SafetyScreenText,
    /// At least [`MIN_RESOURCES`], in the order shown.
    pub resources: Vec<ResourceText>,
    /// At least [`MIN_CRISIS_LINES`], each with its `checked` month.
    pub crisis: Vec<CrisisLine>,
    pub safety_first: SafetyFirstText,
    pub private_space: PrivateSpaceText,
    pub right_now: RightNowText,
    pub device: DeviceText,
    pub counsellor: CounsellorText,
    pub decision: DecisionText,
    pub professional: ProfessionalText,
}

/// A check (or change) applied to one text: its dotted name in the file
/// and the text.
pub(super) type EachSafetyText<'a> = &'a mut dyn FnMut(&str, &mut String) -> Result<(), String>;

impl SafetyText {
    /// Parses and validates a safety file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, ContentError> {
        let mut safety: Self = super::decode(file, text)?;
        let invalid = |message: String| ContentError::Invalid {
            file: file.to_string(),
            message,
        };
        // TOML's multi-line strings keep a final newline; the screens wrap
        // text themselves, so outer whitespace goes.
        safety
            .each_text(&mut |_, text| {
                *text = text.trim().to_string();
                Ok(())
            })
            .map_err(invalid)?;
        validate_safety(&mut safety).map_err(invalid)?;
        Ok(safety)
    }

    /// The shipped text.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::parse(SAFETY_FILE, super::built!("safety.json"))
    }

    /// A screening question by id: one of [`SCREENING_IDS`].
    pub fn question(&self, id: &str) -> Option<&QuestionText> {
        self.screening.questions.iter().find(|q| q.id == id)
    }

    /// Calls `f` on every text in the file, in file order, with its
    /// dotted name (`screening.title`, `resources (3).name`); stops at the
    /// first error. Question ids are not texts and are left out.
    pub(super) fn each_text(&mut self, f: EachSafetyText<'_>) -> Result<(), String> {
        let screening = &mut self.screening;
        f("screening.title", &mut screening.title)?;
        f("screening.intro", &mut screening.intro)?;
        for (i, question) in screening.questions.iter_mut().enumerate() {
            f(
                &format!("screening.questions (question {})", i + 1),
                &mut question.text,
            )?;
        }
        let texts: [(&str, &mut String); 8] = [
            ("screening.answers.no", &mut screening.answers.no),
            ("screening.answers.yes", &mut screening.answers.yes),
            (
                "screening.answers.rather_not_say",
                &mut screening.answers.rather_not_say,
            ),
            ("safety.title", &mut self.safety.title),
            ("safety.body", &mut self.safety.body),
            ("safety.emergency", &mut self.safety.emergency),
            ("safety.resources_intro", &mut self.safety.resources_intro),
            ("safety.own_numbers", &mut self.safety.own_numbers),
        ];
        for (what, text) in texts {
            f(what, text)?;
        }
        for (i, resource) in self.resources.iter_mut().enumerate() {
            let n = i + 1;
            f(&format!("resources ({n}).country"), &mut resource.country)?;
            f(&format!("resources ({n}).name"), &mut resource.name)?;
            f(&format!("resources ({n}).contact"), &mut resource.contact)?;
        }
        let now = &mut self.right_now;
        for (i, step) in now.grounding.iter_mut().enumerate() {
            f(&format!("right_now.grounding (step {})", i + 1), step)?;
        }
        let texts: [(&str, &mut String); 8] = [
            ("right_now.title", &mut now.title),
            ("right_now.intro", &mut now.intro),
            ("right_now.tonight", &mut now.tonight),
            ("right_now.body", &mut now.body),
            ("right_now.call", &mut now.call),
            ("right_now.grounding_intro", &mut now.grounding_intro),
            ("right_now.park", &mut now.park),
            ("right_now.park_title", &mut now.park_title),
        ];
        for (what, text) in texts {
            f(what, text)?;
        }
        let texts: [(&str, &mut String); 10] = [
            ("safety_first.reason", &mut self.safety_first.reason),
            ("safety_first.review", &mut self.safety_first.review),
            ("private_space.title", &mut self.private_space.title),
            ("private_space.body", &mut self.private_space.body),
            (
                "private_space.unprotected",
                &mut self.private_space.unprotected,
            ),
            ("device.note", &mut self.device.note),
            ("counsellor.intro", &mut self.counsellor.intro),
            ("decision.intro", &mut self.decision.intro),
            ("decision.safety_lead", &mut self.decision.safety_lead),
            ("professional.suggestion", &mut self.professional.suggestion),
        ];
        for (what, text) in texts {
            f(what, text)?;
        }
        Ok(())
    }
}

/// Checks the safety text: exactly the three screening questions, in
/// order; enough helplines; every text non-empty and without placeholders;
/// and a `safety_first.reason` that gives nothing away to someone glancing
/// at the screen (`&mut` only because [`SafetyText::each_text`] walks the
/// texts that way).
fn validate_safety(text: &mut SafetyText) -> Result<(), String> {
    let ids: Vec<&str> = text
        .screening
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    if ids != SCREENING_IDS {
        return Err(format!(
            "screening.questions has the ids [{}]; it needs exactly {}, in that order",
            ids.join(", "),
            SCREENING_IDS.join(", ")
        ));
    }
    if text.resources.len() < MIN_RESOURCES {
        return Err(format!(
            "resources lists {}; it needs at least {MIN_RESOURCES}",
            text.resources.len()
        ));
    }
    if text.crisis.len() < MIN_CRISIS_LINES {
        return Err(format!(
            "crisis lists {}; it needs at least {MIN_CRISIS_LINES}",
            text.crisis.len()
        ));
    }
    for line in &text.crisis {
        let empty = [&line.country, &line.name, &line.contact]
            .iter()
            .any(|f| f.trim().is_empty());
        if empty {
            return Err(format!(
                "crisis \"{}\" needs a country, a name and a contact",
                line.name
            ));
        }
        if line.checked_month().is_none() {
            return Err(format!(
                "crisis \"{}\" has checked = \"{}\"; it needs the month it was checked, as YYYY-MM",
                line.name, line.checked
            ));
        }
    }
    for line in &text.resources {
        if line.checked_month().is_none() {
            return Err(format!(
                "resources \"{}\" has checked = \"{}\"; it needs the month it was checked, as YYYY-MM",
                line.name, line.checked
            ));
        }
    }
    let reason = format!(
        "{} {}",
        text.safety_first.reason, text.safety_first.set_aside
    )
    .to_lowercase();
    if let Some(word) = REVEALING_WORDS.iter().find(|w| reason.contains(*w)) {
        return Err(format!(
            "safety_first.reason mentions \"{word}\"; anyone near the screen can read it, \
             so it must stay neutral (none of: {})",
            REVEALING_WORDS.join(", ")
        ));
    }
    text.each_text(&mut |what, text| {
        check_text(text, what)?;
        check_placeholders(text, what, &[])
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn shipped() -> SafetyText {
        SafetyText::embedded().unwrap()
    }

    /// The shipped text with its first `from` replaced by `to`.
    fn with(from: &str, to: &str) -> String {
        super::super::test_support::with(EMBEDDED_SAFETY, SAFETY_FILE, from, to)
    }

    /// Parses `text` and expects it refused, naming the file and phrases.
    fn refused(text: &str, expected: &[&str]) {
        super::super::test_support::refused(
            SafetyText::parse(SAFETY_FILE, text),
            SAFETY_FILE,
            expected,
        );
    }

    #[test]
    fn the_embedded_text_parses_trimmed_and_validates() {
        let mut text = shipped();
        text.each_text(&mut |what, text| {
            assert!(!text.is_empty(), "{what}");
            assert_eq!(text.trim(), text, "{what}");
            assert!(!text.contains('{'), "{what}");
            Ok(())
        })
        .unwrap();
        assert_eq!(text.screening.answers.rather_not_say, "I'd rather not say");
    }

    #[test]
    fn the_embedded_text_asks_the_three_questions_in_order() {
        let text = shipped();
        let ids: Vec<&str> = text
            .screening
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(ids, SCREENING_IDS);
        for id in SCREENING_IDS {
            assert!(!text.question(id).unwrap().text.is_empty(), "{id}");
        }
        assert!(text.question("other").is_none());
    }

    #[test]
    fn the_embedded_text_keeps_the_house_rules() {
        let text = shipped();
        // 6–10 helplines plus a directory; no country is the default.
        assert!((12..=20).contains(&text.resources.len()));
        assert!(
            text.resources
                .iter()
                .any(|r| r.contact.contains("hotpeachpages"))
        );
        let paragraphs = text.safety.body.split("\n\n").count();
        assert!((3..=5).contains(&paragraphs), "{paragraphs} paragraphs");
        for (what, line) in [
            ("emergency", &text.safety.emergency),
            ("own_numbers", &text.safety.own_numbers),
            ("reason", &text.safety_first.reason),
        ] {
            assert!(!line.contains('\n'), "{what} is one line");
        }
        assert!(text.safety.emergency.contains("emergency number"));
        assert!(text.device.note.contains("Ctrl+Q"));
        let everything = EMBEDDED_SAFETY.to_lowercase();
        assert!(!everything.contains("you must"), "no orders");
    }

    #[test]
    fn a_revealing_reason_is_refused_with_the_field_named() {
        let reason = "reason = \"Couple mode is turned off in this workbook's settings.\"";
        refused(
            &with(reason, "reason = \"Off because you said you were Afraid.\""),
            &["safety_first.reason", "\"afraid\"", "neutral"],
        );
        for word in ["fear", "abuse", "Safety", "unsafe", "screening"] {
            refused(
                &with(
                    reason,
                    &format!("reason = \"Couple mode is off ({word}).\""),
                ),
                &["safety_first.reason"],
            );
        }
        // The private review may say what happened.
        assert!(shipped().safety_first.review.contains("safe"));
    }

    #[test]
    fn an_empty_text_is_refused_with_the_field_named() {
        refused(
            &with("title = \"A few private questions\"", "title = \" \""),
            &["screening.title is empty"],
        );
        refused(
            &with("name = \"Women's Aid (for women)\"", "name = \"\""),
            &["resources (6).name is empty"],
        );
        refused(
            &with(
                "rather_not_say = \"I'd rather not say\"",
                "rather_not_say = \"\"",
            ),
            &["screening.answers.rather_not_say is empty"],
        );
    }

    #[test]
    fn the_questions_must_be_the_three_in_order() {
        refused(
            &with("id = \"harmed\"", "id = \"hurt\""),
            &["screening.questions", "afraid, harmed, controlled"],
        );
        let afraid = "{ id = \"afraid\", text = \"Now, or at any time in the past year, have you been afraid of what the other person might do to you, or to someone you care about?\" },";
        refused(&with(afraid, ""), &["afraid, harmed, controlled"]);
        refused(
            &with(afraid, &format!("{afraid}\n{afraid}")),
            &["afraid, harmed, controlled"],
        );
    }

    #[test]
    fn too_few_resources_are_refused() {
        let start = EMBEDDED_SAFETY.find("[[resources]]").unwrap();
        let end = EMBEDDED_SAFETY
            .find("[[resources]]\ncountry = \"Ireland\"")
            .unwrap();
        let fewer = format!("{}{}", &EMBEDDED_SAFETY[..start], &EMBEDDED_SAFETY[end..]);
        assert!(SafetyText::parse(SAFETY_FILE, &fewer).is_ok());
        let end = EMBEDDED_SAFETY
            .find("[[resources]]\ncountry = \"United States\"")
            .unwrap();
        let fewer = format!("{}{}", &EMBEDDED_SAFETY[..start], &EMBEDDED_SAFETY[end..]);
        refused(&fewer, &["resources", "at least 5"]);
    }

    #[test]
    fn a_placeholder_is_refused() {
        refused(
            &with(
                "title = \"Your safety matters most\"",
                "title = \"{name}, hello\"",
            ),
            &["safety.title", "\"{name}\""],
        );
        refused(
            &with(
                "contact = \"116 016 · hilfetelefon.de\"",
                "contact = \"116 {\"",
            ),
            &["resources (4).contact", "\"{\""],
        );
    }

    #[test]
    fn unknown_or_missing_keys_do_not_parse() {
        let err =
            SafetyText::parse(SAFETY_FILE, &with("own_numbers =", "own_number =")).unwrap_err();
        assert!(matches!(err, ContentError::Parse { .. }), "{err:?}");
        assert!(
            err.to_string().contains("unknown field `own_number`"),
            "{err}"
        );
        let err = SafetyText::parse(
            SAFETY_FILE,
            &with(
                "country = \"Canada\"",
                "country = \"Canada\"\nregion = \"all\"",
            ),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `region`"), "{err}");
        let cut = EMBEDDED_SAFETY.find("[professional]").unwrap();
        let err = SafetyText::parse(SAFETY_FILE, &EMBEDDED_SAFETY[..cut]).unwrap_err();
        assert!(
            err.to_string().contains("missing field `professional`"),
            "{err}"
        );
    }
}
