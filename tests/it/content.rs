#![allow(clippy::unwrap_used)]
//! Stage content as shipped, and content that must be refused: the shipped
//! stages validate and follow the house rules (counts, lengths, check-outs,
//! every role sees a question), and each kind of broken stage file fails
//! with a message naming the file and what is wrong.

use std::fs;
use std::path::Path;

use tempfile::TempDir;
use trustwork::content::{
    CHECKIN_FILE, COUPLE_FILE, CheckinText, Content, ContentError, Prompt, PromptKind, SAFETY_FILE,
    Stage,
};
use trustwork::domain::{Measure, Role};

const MAX_PROMPT_TEXT: usize = 100;
const MAX_HINT: usize = 90;
/// Guidance is read in a box 70–95 columns wide: a paragraph of prose
/// (bullets aside) should stay around four sentences.
const MAX_PARAGRAPH: usize = 450;

fn shipped() -> Content {
    Content::embedded().unwrap()
}

fn shipped_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
}

/// Every question a stage asks: reflection prompts, exercise fields and the
/// check-out, with where it lives.
fn all_prompts(stage: &Stage) -> Vec<(String, &Prompt)> {
    let mut out = Vec::new();
    for step in &stage.steps {
        let here = format!("{}/{}", stage.id, step.id);
        let fields = step.exercise.iter().flat_map(|e| e.fields.iter());
        for prompt in step.prompts.iter().chain(fields) {
            out.push((format!("{here}/{}", prompt.id), prompt));
        }
    }
    for prompt in &stage.checkout.prompts {
        out.push((format!("{}/checkout/{}", stage.id, prompt.id), prompt));
    }
    out
}

/// Every block of guidance-like text a stage shows, with where it lives.
fn all_guidance(stage: &Stage) -> Vec<(String, &str)> {
    let mut out = vec![
        (format!("{} intro", stage.id), stage.intro.as_str()),
        (
            format!("{}/checkout guidance", stage.id),
            stage.checkout.guidance.as_str(),
        ),
    ];
    for step in &stage.steps {
        out.push((
            format!("{}/{} guidance", stage.id, step.id),
            step.guidance.as_str(),
        ));
        if let Some(exercise) = &step.exercise {
            out.push((
                format!("{}/{} exercise intro", stage.id, step.id),
                exercise.intro.as_str(),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The shipped content

#[test]
fn shipped_content_validates() {
    let content = Content::embedded();
    assert!(content.is_ok(), "{}", content.unwrap_err());
}

#[test]
fn shipped_content_has_the_seven_stages_in_order() {
    let ids: Vec<_> = shipped().stages.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, crate::support::STAGE_IDS);
}

#[test]
fn each_stage_has_three_to_six_steps() {
    for stage in shipped().stages {
        let n = stage.steps.len();
        assert!((3..=6).contains(&n), "{} has {n} steps", stage.id);
    }
}

#[test]
fn each_step_has_one_to_three_reflection_prompts() {
    for stage in shipped().stages {
        for step in &stage.steps {
            let n = step.prompts.len();
            assert!(
                (1..=3).contains(&n),
                "{}/{} has {n} reflection prompts",
                stage.id,
                step.id
            );
        }
    }
}

#[test]
fn each_stage_has_an_exercise_or_a_structured_prompt() {
    for stage in shipped().stages {
        let hands_on = stage.steps.iter().any(|step| {
            step.exercise.is_some() || step.prompts.iter().any(|p| p.kind != PromptKind::Text)
        });
        assert!(
            hands_on,
            "{} has no exercise and no choice, scale or list prompt",
            stage.id
        );
    }
}

#[test]
fn every_checkout_has_a_scale_prompt() {
    for stage in shipped().stages {
        assert!(
            stage
                .checkout
                .prompts
                .iter()
                .any(|p| p.kind == PromptKind::Scale),
            "{} check-out has no scale",
            stage.id
        );
    }
}

#[test]
fn every_checkout_is_a_scale_then_what_is_still_open() {
    for stage in shipped().stages {
        let prompts = &stage.checkout.prompts;
        assert_eq!(prompts.len(), 2, "{} check-out", stage.id);
        assert_eq!(prompts[0].kind, PromptKind::Scale, "{} check-out", stage.id);
        assert_eq!(prompts[1].id, "still-open", "{} check-out", stage.id);
        assert_eq!(
            prompts[1].text, "What is still open for you?",
            "{} check-out",
            stage.id
        );
    }
}

#[test]
fn every_role_sees_a_prompt_in_every_step_and_check_out() {
    for stage in shipped().stages {
        for role in Role::ALL {
            for step in &stage.steps {
                assert!(
                    step.prompts_for(role).next().is_some(),
                    "{}/{} shows nothing to {role}",
                    stage.id,
                    step.id
                );
            }
            assert!(
                stage.checkout.prompts_for(role).next().is_some(),
                "{} check-out shows nothing to {role}",
                stage.id
            );
        }
    }
}

#[test]
fn role_limited_prompts_are_for_one_side_plus_both() {
    // A prompt is for everyone, for the person who was hurt, or for the
    // person who caused the hurt; "both, or not sure" sees either side's.
    let allowed: [&[&str]; 3] = [&[], &["hurt", "both"], &["caused", "both"]];
    for stage in shipped().stages {
        for (at, prompt) in all_prompts(&stage) {
            assert!(
                allowed.contains(
                    &prompt
                        .roles
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .as_slice()
                ),
                "{at} is for {:?}",
                prompt.roles
            );
        }
        for step in &stage.steps {
            if let Some(exercise) = &step.exercise {
                let roles: Vec<&str> = exercise.roles.iter().map(String::as_str).collect();
                assert!(
                    allowed.contains(&roles.as_slice()),
                    "the exercise in {}/{} is for {roles:?}",
                    stage.id,
                    step.id
                );
            }
        }
    }
}

#[test]
fn no_prompt_text_is_over_100_characters() {
    for stage in shipped().stages {
        for (at, prompt) in all_prompts(&stage) {
            let n = prompt.text.chars().count();
            assert!(n <= MAX_PROMPT_TEXT, "{at} text is {n} characters");
        }
    }
}

#[test]
fn no_hint_is_over_90_characters() {
    for stage in shipped().stages {
        for (at, prompt) in all_prompts(&stage) {
            if let Some(hint) = &prompt.hint {
                let n = hint.chars().count();
                assert!(n <= MAX_HINT, "{at} hint is {n} characters");
            }
        }
    }
}

#[test]
fn every_scale_has_both_labels_and_every_checklist_options() {
    for stage in shipped().stages {
        for (at, prompt) in all_prompts(&stage) {
            match prompt.kind {
                PromptKind::Scale => assert!(
                    prompt.min_label.is_some() && prompt.max_label.is_some(),
                    "{at} is a scale without both labels"
                ),
                PromptKind::Choice => {
                    assert!(prompt.options.len() >= 2, "{at} has too few options")
                }
                PromptKind::Text | PromptKind::List => {
                    assert!(
                        prompt.options.is_empty(),
                        "{at} has options but no checklist"
                    )
                }
            }
        }
    }
}

#[test]
fn no_guidance_paragraph_is_empty() {
    for stage in shipped().stages {
        for (at, text) in all_guidance(&stage) {
            if at.ends_with("exercise intro") && text.is_empty() {
                continue; // an exercise intro is optional
            }
            for (i, paragraph) in text.trim().split("\n\n").enumerate() {
                assert!(
                    !paragraph.trim().is_empty(),
                    "{at}: paragraph {} is empty",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn no_guidance_paragraph_is_too_long_for_the_box() {
    for stage in shipped().stages {
        for (at, text) in all_guidance(&stage) {
            for paragraph in text.trim().split("\n\n") {
                let prose: Vec<&str> = paragraph
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("- "))
                    .collect();
                let n = prose.join(" ").chars().count();
                assert!(
                    n <= MAX_PARAGRAPH,
                    "{at}: a paragraph of {n} characters starts {:?}",
                    prose.first().unwrap_or(&"")
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Loading from a directory

#[test]
fn from_dir_with_copies_of_the_shipped_files_equals_the_embedded_content() {
    let dir = TempDir::new().unwrap();
    let mut copied = 0;
    for entry in fs::read_dir(shipped_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            copied += 1;
        }
    }
    // Seven stages, the check-in, couple mode and the safety features.
    assert_eq!(copied, 10);
    // Files that are not stage files are ignored.
    fs::write(dir.path().join("NOTES.md"), "not a stage").unwrap();
    fs::write(dir.path().join("extra.toml"), "not = \"a stage\"").unwrap();

    assert_eq!(Content::from_dir(dir.path()).unwrap(), shipped());
}

#[test]
fn from_dir_on_an_empty_dir_is_the_empty_error() {
    let dir = TempDir::new().unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    assert_eq!(err, ContentError::Empty(dir.path().display().to_string()));
    assert!(err.to_string().contains("no stage files"), "{err}");
}

#[test]
fn from_dir_on_a_missing_dir_is_a_read_error() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope");
    let err = Content::from_dir(&missing).unwrap_err();
    assert!(matches!(err, ContentError::Read { .. }), "{err:?}");
    assert!(err.to_string().contains("nope"), "{err}");
}

#[test]
fn from_dir_names_the_broken_file() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("01-sample.toml"), stage()).unwrap();
    fs::write(dir.path().join("02-other.toml"), stage()).unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("02-other.toml: "), "{message}");
    assert!(
        message.contains("duplicate stage id \"sample\""),
        "{message}"
    );
}

// ---------------------------------------------------------------------------
// Broken content

const FILE: &str = "05-sample.toml";

const HEADER: &str = r#"
id = "sample"
title = "Sample"
summary = "A small stage for tests."
intro = """
Why this stage matters.
"""
"#;

const STEPS: &str = r#"
[[steps]]
id = "first-step"
title = "First step"
guidance = "Some guidance."

[[steps.prompts]]
id = "first-prompt"
text = "What happened?"

[[steps]]
id = "second-step"
title = "Second step"
couple = true
guidance = """
A paragraph.

- a bullet
"""

[[steps.prompts]]
id = "pick"
text = "Pick any that fit."
kind = "choice"
options = ["One", "Two"]

[[steps.prompts]]
id = "for-hurt"
text = "Only for the person who was hurt."
roles = ["hurt"]

[steps.exercise]
title = "Builder"
intro = "Fill in the parts."
roles = ["caused", "both"]

[[steps.exercise.fields]]
id = "part-one"
text = "Part one"
"#;

const CHECKOUT: &str = r#"
[checkout]
guidance = "Ready to move on?"

[[checkout.prompts]]
id = "ready"
text = "How ready do you feel?"
kind = "scale"
min_label = "Not ready yet"
max_label = "Ready"

[[checkout.prompts]]
id = "still-open"
text = "What is still open for you?"
"#;

/// A small valid stage: two steps (one with a checklist, a role-limited
/// prompt and an exercise) and a check-out.
fn stage() -> String {
    format!("{HEADER}{STEPS}{CHECKOUT}")
}

fn load(text: &str) -> Result<Content, ContentError> {
    Content::from_files([(FILE.to_string(), text.to_string())])
}

/// The sample stage with its first `from` replaced by `to`.
fn broken(from: &str, to: &str) -> String {
    let stage = stage();
    assert!(stage.contains(from), "the sample stage has no {from:?}");
    stage.replacen(from, to, 1)
}

/// Loads `text`, expects it to fail, and checks that the message is
/// "FILE: …" and mentions every expected phrase.
fn fails(text: &str, expected: &[&str]) -> ContentError {
    let err = load(text).expect_err("broken content must not load");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{FILE}: ")),
        "{message:?} should start with the file name"
    );
    for phrase in expected {
        assert!(
            message.contains(phrase),
            "{message:?} should mention {phrase:?}"
        );
    }
    err
}

fn invalid(text: &str, expected: &[&str]) {
    let err = fails(text, expected);
    assert!(matches!(err, ContentError::Invalid { .. }), "{err:?}");
}

fn unparsable(text: &str, expected: &[&str]) {
    let err = fails(text, expected);
    assert!(matches!(err, ContentError::Parse { .. }), "{err:?}");
}

#[test]
fn the_sample_stage_is_valid() {
    let content = load(&stage()).unwrap();
    assert_eq!(content.stages.len(), 1);
    assert_eq!(content.stages[0].steps.len(), 2);
}

#[test]
fn duplicate_stage_ids_across_files_are_refused() {
    let err = Content::from_files([
        ("01-first.toml".to_string(), stage()),
        ("02-second.toml".to_string(), stage()),
    ])
    .unwrap_err();
    // The second file is the one in the wrong.
    assert_eq!(
        err.to_string(),
        "02-second.toml: duplicate stage id \"sample\""
    );
}

#[test]
fn duplicate_step_ids_are_refused() {
    invalid(
        &broken("id = \"second-step\"", "id = \"first-step\""),
        &["duplicate step id \"sample/first-step\""],
    );
}

#[test]
fn a_stage_without_steps_is_refused() {
    invalid(
        &format!("{HEADER}{CHECKOUT}"),
        &["stage \"sample\" has no steps"],
    );
}

#[test]
fn an_empty_prompt_text_is_refused() {
    invalid(
        &broken("text = \"What happened?\"", "text = \"   \""),
        &["prompt \"sample/first-step/first-prompt\" is empty"],
    );
}

#[test]
fn an_empty_exercise_field_text_is_refused() {
    invalid(
        &broken("text = \"Part one\"", "text = \"\""),
        &["prompt \"sample/second-step/part-one\" is empty"],
    );
}

#[test]
fn an_unknown_role_is_refused() {
    invalid(
        &broken("roles = [\"hurt\"]", "roles = [\"victim\"]"),
        &[
            "prompt \"sample/second-step/for-hurt\"",
            "unknown role \"victim\"",
            "known roles: hurt, caused, both",
        ],
    );
}

#[test]
fn an_unknown_role_on_an_exercise_is_refused() {
    invalid(
        &broken(
            "roles = [\"caused\", \"both\"]",
            "roles = [\"caused\", \"abuser\"]",
        ),
        &[
            "exercise in \"sample/second-step\"",
            "unknown role \"abuser\"",
        ],
    );
}

#[test]
fn a_non_kebab_step_id_is_refused() {
    for bad in [
        "First_Step",
        "first step",
        "-first",
        "first-",
        "Ünïcode",
        "",
    ] {
        invalid(
            &broken("id = \"first-step\"", &format!("id = \"{bad}\"")),
            &[
                &format!("step id in stage \"sample\" \"{bad}\""),
                "must be kebab-case",
            ],
        );
    }
}

#[test]
fn a_non_kebab_stage_id_is_refused() {
    invalid(
        &broken("id = \"sample\"", "id = \"Sample Stage\""),
        &["stage id \"Sample Stage\" must be kebab-case"],
    );
}

#[test]
fn a_non_kebab_prompt_id_is_refused() {
    invalid(
        &broken("id = \"first-prompt\"", "id = \"firstPrompt\""),
        &[
            "prompt id in \"sample/first-step\" \"firstPrompt\"",
            "must be kebab-case",
        ],
    );
}

#[test]
fn a_choice_prompt_without_options_is_refused() {
    let expected = ["checklist \"sample/second-step/pick\" has no options"];
    invalid(
        &broken("options = [\"One\", \"Two\"]", "options = []"),
        &expected,
    );
    invalid(&broken("options = [\"One\", \"Two\"]", ""), &expected);
}

#[test]
fn a_choice_prompt_with_a_blank_option_is_refused() {
    invalid(
        &broken("options = [\"One\", \"Two\"]", "options = [\"One\", \" \"]"),
        &["checklist \"sample/second-step/pick\" has an empty option"],
    );
}

#[test]
fn a_step_named_checkout_is_refused() {
    invalid(
        &broken("id = \"second-step\"", "id = \"checkout\""),
        &["step id \"sample/checkout\" is reserved for the check-out"],
    );
}

#[test]
fn a_missing_check_out_is_refused() {
    unparsable(&format!("{HEADER}{STEPS}"), &["missing field `checkout`"]);
}

#[test]
fn a_check_out_without_prompts_is_refused() {
    invalid(
        &format!("{HEADER}{STEPS}\n[checkout]\nguidance = \"Ready?\"\n"),
        &["the check-out \"sample/checkout\" has no prompts"],
    );
}

#[test]
fn an_unknown_key_is_refused() {
    unparsable(
        &broken(
            "guidance = \"Some guidance.\"",
            "guidence = \"Some guidance.\"",
        ),
        &["unknown field `guidence`", "guidance"],
    );
}

#[test]
fn invalid_toml_is_refused() {
    unparsable(
        &broken("title = \"First step\"", "title = \"First step"),
        &["TOML parse error", "line 11"],
    );
    unparsable("this is not toml", &["TOML parse error"]);
}

#[test]
fn a_step_with_nothing_for_one_role_is_refused() {
    invalid(
        &broken(
            "text = \"What happened?\"",
            "text = \"What happened?\"\nroles = [\"hurt\", \"both\"]",
        ),
        &["step \"sample/first-step\" has no prompt for the role \"caused\""],
    );
}

#[test]
fn a_step_with_only_an_exercise_is_refused() {
    // Exercise fields are extras: a step still needs a reflection prompt.
    let text = broken(
        "[[steps.prompts]]\nid = \"first-prompt\"\ntext = \"What happened?\"\n",
        "[steps.exercise]\ntitle = \"Only\"\n\n[[steps.exercise.fields]]\nid = \"f\"\ntext = \"F\"\n",
    );
    invalid(&text, &["step \"sample/first-step\" has no prompts"]);
}

#[test]
fn an_exercise_without_fields_is_refused() {
    invalid(
        &broken(
            "\n[[steps.exercise.fields]]\nid = \"part-one\"\ntext = \"Part one\"\n",
            "",
        ),
        &["the exercise in \"sample/second-step\" has no fields"],
    );
}

#[test]
fn duplicate_prompt_ids_within_a_step_are_refused() {
    // An exercise field shares the step's id space: answers are saved
    // under stage/step/prompt.
    invalid(
        &broken("id = \"part-one\"", "id = \"pick\""),
        &["duplicate prompt id \"sample/second-step/pick\""],
    );
}

#[test]
fn an_empty_guidance_is_refused() {
    invalid(
        &broken("guidance = \"Some guidance.\"", "guidance = \"  \""),
        &["step \"sample/first-step\" guidance is empty"],
    );
}

// ---------------------------------------------------------------------------
// The check-in text

fn shipped_checkin() -> String {
    fs::read_to_string(shipped_dir().join(CHECKIN_FILE)).unwrap()
}

/// The shipped check-in text with its first `from` replaced by `to`.
fn checkin_with(from: &str, to: &str) -> String {
    let text = shipped_checkin();
    assert!(text.contains(from), "checkin.toml has no {from:?}");
    text.replacen(from, to, 1)
}

fn checkin_fails(text: &str, expected: &[&str]) {
    let err = CheckinText::parse(CHECKIN_FILE, text).expect_err("must not load");
    let message = err.to_string();
    assert!(
        message.starts_with("checkin.toml: "),
        "{message:?} should start with the file name"
    );
    for phrase in expected {
        assert!(
            message.contains(phrase),
            "{message:?} should mention {phrase:?}"
        );
    }
}

#[test]
fn the_shipped_checkin_text_has_every_measure_in_plain_short_lines() {
    let text = shipped().checkin;
    for measure in Measure::ALL {
        let m = text.measure(measure);
        assert_eq!(m.id, measure.as_str());
        // One line each on an 80-column screen, beside the label.
        assert!(m.question.chars().count() <= 70, "{}: {}", m.id, m.question);
        for end in [&m.min_label, &m.max_label] {
            assert!(end.chars().count() <= 50, "{}: {end}", m.id);
        }
    }
    assert!(text.due(9, 7).contains("9 days"), "{}", text.due(9, 7));
    // The suggestions fit one line of the overview at 80 columns, with the
    // key after them.
    assert!(text.due(99, 7).chars().count() <= 69, "{}", text.due(99, 7));
    assert!(text.first(7).chars().count() <= 69, "{}", text.first(7));
}

#[test]
fn from_dir_uses_its_checkin_text_or_else_the_shipped_one() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        shipped_dir().join("01-acknowledge.toml"),
        dir.path().join("01-acknowledge.toml"),
    )
    .unwrap();
    let content = Content::from_dir(dir.path()).unwrap();
    assert_eq!(content.checkin, shipped().checkin);

    fs::write(
        dir.path().join(CHECKIN_FILE),
        checkin_with("label = \"Trust\"", "label = \"Vertrauen\""),
    )
    .unwrap();
    let content = Content::from_dir(dir.path()).unwrap();
    assert_eq!(content.checkin.measure(Measure::Trust).label, "Vertrauen");
    assert_eq!(content.stages.len(), 1);
}

#[test]
fn from_dir_names_a_broken_checkin_file() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        shipped_dir().join("01-acknowledge.toml"),
        dir.path().join("01-acknowledge.toml"),
    )
    .unwrap();
    fs::write(dir.path().join(CHECKIN_FILE), "intro = ").unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ContentError::Parse { .. }), "{err:?}");
    assert!(err.to_string().contains(CHECKIN_FILE), "{err}");
}

#[test]
fn a_checkin_without_a_measure_is_refused() {
    let text = shipped_checkin();
    let start = text.find("[[measures]]\nid = \"safety\"").unwrap();
    let end = start + text[start + 1..].find("[[measures]]").unwrap() + 1;
    let without = format!("{}{}", &text[..start], &text[end..]);
    checkin_fails(&without, &["the measure \"safety\" is missing"]);
}

#[test]
fn a_measure_twice_is_refused() {
    checkin_fails(
        &checkin_with("id = \"safety\"", "id = \"trust\""),
        &["the measure \"trust\" is there twice"],
    );
}

#[test]
fn an_unknown_measure_is_refused() {
    checkin_fails(
        &checkin_with("id = \"safety\"", "id = \"safe\""),
        &[
            "unknown measure \"safe\"",
            "trust, safety, communication, commitment",
        ],
    );
}

#[test]
fn an_empty_checkin_text_is_refused() {
    checkin_fails(
        &checkin_with("label = \"Feeling safe\"", "label = \" \""),
        &["measure \"safety\" label is empty"],
    );
    checkin_fails(
        &checkin_with(
            "prompt = \"Anything you want to remember about this time?\"",
            "prompt = \"\"",
        ),
        &["note.prompt is empty"],
    );
}

#[test]
fn an_unknown_placeholder_is_refused() {
    checkin_fails(
        &checkin_with("{days} days", "{day} days"),
        &[
            "reminder.due",
            "unknown placeholder \"{day}\"",
            "{days}, {interval}",
        ],
    );
    checkin_fails(
        &checkin_with("label = \"Trust\"", "label = \"Trust {days}\""),
        &["measure \"trust\" label", "unknown placeholder \"{days}\""],
    );
}

#[test]
fn a_missing_checkin_part_or_an_unknown_key_is_refused() {
    let text = shipped_checkin();
    let cut = text.find("[dashboard]").unwrap();
    checkin_fails(&text[..cut], &["missing field `dashboard`"]);
    checkin_fails(
        &checkin_with("min_label", "low_label"),
        &["unknown field `low_label`"],
    );
}

// ---------------------------------------------------------------------------
// The couple-mode text

#[test]
fn from_dir_uses_its_couple_text_or_names_it_when_broken() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        shipped_dir().join("01-acknowledge.toml"),
        dir.path().join("01-acknowledge.toml"),
    )
    .unwrap();
    let content = Content::from_dir(dir.path()).unwrap();
    assert_eq!(content.couple, shipped().couple);

    let couple = fs::read_to_string(shipped_dir().join(COUPLE_FILE)).unwrap();
    let path = dir.path().join(COUPLE_FILE);
    fs::write(
        &path,
        couple.replacen("{listener}, say back", "{listner}, say back", 1),
    )
    .unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ContentError::Invalid { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert!(
        message.contains("unknown placeholder \"{listner}\""),
        "{message}"
    );

    fs::write(
        &path,
        couple.replacen("title = \"Time-out\"", "title = \"\"", 1),
    )
    .unwrap();
    let message = Content::from_dir(dir.path()).unwrap_err().to_string();
    assert!(message.contains("time_out.title is empty"), "{message}");
}

// ---------------------------------------------------------------------------
// The safety text

#[test]
fn from_dir_uses_its_safety_text_or_names_it_when_broken() {
    let dir = TempDir::new().unwrap();
    fs::copy(
        shipped_dir().join("01-acknowledge.toml"),
        dir.path().join("01-acknowledge.toml"),
    )
    .unwrap();
    let content = Content::from_dir(dir.path()).unwrap();
    assert_eq!(content.safety, shipped().safety);

    let safety = fs::read_to_string(shipped_dir().join(SAFETY_FILE)).unwrap();
    let path = dir.path().join(SAFETY_FILE);
    let reason = "reason = \"Couple mode is turned off in this workbook's settings.\"";
    assert!(safety.contains(reason), "safety.toml has no {reason:?}");
    fs::write(
        &path,
        safety.replacen(
            reason,
            "reason = \"Turned off after the safety questions.\"",
            1,
        ),
    )
    .unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ContentError::Invalid { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert!(message.contains("safety_first.reason"), "{message}");

    fs::write(&path, "[screening]\ntitle = ").unwrap();
    let err = Content::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ContentError::Parse { .. }), "{err:?}");
    assert!(err.to_string().contains(SAFETY_FILE), "{err}");
}

// ---------------------------------------------------------------------------
// Headings by role, fields by relationship, read-back (issue 17)

#[test]
fn a_heading_for_one_role_is_loaded_and_an_empty_one_refused() {
    let text = broken(
        "[[steps.prompts]]\nid = \"pick\"",
        "titles = { hurt = \"For you\" }\n\n[[steps.prompts]]\nid = \"pick\"",
    );
    let content = load(&text).unwrap();
    let step = content.stages[0]
        .steps
        .iter()
        .find(|s| s.titles.hurt.is_some())
        .unwrap();
    assert_eq!(step.title_for(Role::Hurt), "For you");
    assert_eq!(step.title_for(Role::Caused), step.title);
    invalid(
        &text.replace("hurt = \"For you\"", "hurt = \" \""),
        &["title for \"hurt\" is empty"],
    );
    unparsable(
        &text.replace("hurt = \"For you\"", "victim = \"For you\""),
        &["victim"],
    );
}

#[test]
fn an_unknown_relationship_on_a_field_is_refused() {
    invalid(
        &broken(
            "text = \"Part one\"",
            "text = \"Part one\"\nrelationships = [\"lover\"]",
        ),
        &[
            "sample/second-step/part-one",
            "unknown relationship \"lover\"",
        ],
    );
    let ok = broken(
        "text = \"Part one\"",
        "text = \"Part one\"\nrelationships = [\"partner\"]",
    );
    assert!(load(&ok).is_ok());
}

#[test]
fn a_reflection_prompt_limited_to_some_relationships_is_refused() {
    invalid(
        &broken(
            "roles = [\"hurt\"]",
            "roles = [\"hurt\"]\nrelationships = [\"partner\"]",
        ),
        &["for-hurt", "only exercise fields may be"],
    );
}

#[test]
fn a_read_back_naming_an_unknown_field_is_refused() {
    let with = |template: &str| {
        broken(
            "intro = \"Fill in the parts.\"",
            &format!("intro = \"Fill in the parts.\"\nread_back = \"{template}\""),
        )
    };
    assert!(load(&with("I did {part-one}.")).is_ok());
    invalid(
        &with("I did {part-two}."),
        &["read-back", "\"{part-two}\"", "not a text or list field"],
    );
    invalid(&with("Nothing named."), &["read-back", "names no field"]);
}
