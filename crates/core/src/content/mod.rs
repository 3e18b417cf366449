//! Stage content: the seven stages as data, plus the check-in's, couple
//! mode's and the safety features' words. The shipped TOML files are
//! embedded at build time; `--content-dir` loads the same files from a
//! directory so authors can try changes without rebuilding.

mod checkin;
mod couple;
mod model;
mod read_back;
mod safety;
#[cfg(test)]
mod test_support;
mod validate;

use std::path::Path;

use thiserror::Error;

pub use checkin::{
    CHECKIN_FILE, CheckinText, CommitmentsText, DashboardText, MeasureText, NoteText, ReminderText,
};
pub use couple::{
    AgreementsText, COUPLE_FILE, CoupleText, LookAwayText, RevealText, RulesText, STEP_NAMES,
    StepText, StepsText, SummaryText, TimeOutText, TimerText, fill,
};
pub use model::{
    Breathing, Checkout, Exercise, Prompt, PromptKind, RoleTitles, Stage, Step, TOOLS, answer_id,
};
pub use read_back::compose;
pub use safety::{
    AnswersText, CounsellorText, CrisisLine, DecisionText, DeviceText, MIN_CRISIS_LINES,
    MIN_RESOURCES, ProfessionalText, QuestionText, ResourceText, SAFETY_FILE, SCREENING_IDS,
    SafetyFirstText, SafetyScreenText, SafetyText, ScreeningText,
};
pub use validate::validate;

/// The reserved step id of a stage's check-out.
pub const CHECKOUT_ID: &str = "checkout";

/// A shipped content file as JSON, made from its TOML in `content/` when
/// building (see `src/build.rs`): the first screen waits for the content,
/// and JSON parses several times faster than TOML.
macro_rules! built {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $name))
    };
}
pub(crate) use built;

/// The shipped stages, in order, as the build converted them. File names
/// give the order on disk too.
const EMBEDDED: [(&str, &str); 7] = [
    ("01-acknowledge.toml", built!("01-acknowledge.json")),
    ("02-communicate.toml", built!("02-communicate.json")),
    ("03-accountability.toml", built!("03-accountability.json")),
    ("04-boundaries.toml", built!("04-boundaries.json")),
    ("05-self-care.toml", built!("05-self-care.json")),
    (
        "06-professional-help.toml",
        built!("06-professional-help.json"),
    ),
    ("07-walk-away.toml", built!("07-walk-away.json")),
];

/// Reads one content file into `T`: TOML as written in `content/`, or the
/// JSON the build makes of it (a TOML document never starts with `{`).
fn decode<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, ContentError> {
    let parsed = if text.starts_with('{') {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    };
    parsed.map_err(|message| ContentError::Parse {
        file: file.to_string(),
        message: message.trim_end().to_string(),
    })
}

/// The shipped stages as written, in TOML (for tests).
#[cfg(test)]
const EMBEDDED_TOML: [(&str, &str); 7] = [
    (
        "01-acknowledge.toml",
        include_str!("../../../../content/01-acknowledge.toml"),
    ),
    (
        "02-communicate.toml",
        include_str!("../../../../content/02-communicate.toml"),
    ),
    (
        "03-accountability.toml",
        include_str!("../../../../content/03-accountability.toml"),
    ),
    (
        "04-boundaries.toml",
        include_str!("../../../../content/04-boundaries.toml"),
    ),
    (
        "05-self-care.toml",
        include_str!("../../../../content/05-self-care.toml"),
    ),
    (
        "06-professional-help.toml",
        include_str!("../../../../content/06-professional-help.toml"),
    ),
    (
        "07-walk-away.toml",
        include_str!("../../../../content/07-walk-away.toml"),
    ),
];

/// Content that did not load, naming the file and what is wrong in it.
#[derive(Debug, Error, PartialEq)]
pub enum ContentError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("could not read content from {dir}: {message}")]
    Read { dir: String, message: String },
    #[error("no stage files (NN-name.toml) found in {0}")]
    Empty(String),
}

/// All stages, validated and in order, the check-in's words, couple
/// mode's words and the safety features' words.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub stages: Vec<Stage>,
    pub checkin: CheckinText,
    pub couple: CoupleText,
    pub safety: SafetyText,
}

/// Whether a file name is a stage's: `NN-name.toml`, two digits first.
fn is_stage_file(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.ends_with(".toml")
        && bytes.len() > 8
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
}

impl Content {
    /// The content built into the binary.
    pub fn embedded() -> Result<Self, ContentError> {
        Self::from_files(
            EMBEDDED
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string())),
        )
    }

    /// The stages in `dir` (every `NN-name.toml`, in file-name order), its
    /// `checkin.toml`, its `couple.toml` and its `safety.toml`; where one
    /// of those three is missing, the shipped text is used. Other files
    /// are ignored.
    pub fn from_dir(dir: &Path) -> Result<Self, ContentError> {
        let read_err = |e: std::io::Error| ContentError::Read {
            dir: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_stage_file)
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(ContentError::Empty(dir.display().to_string()));
        }
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(read_err)?;
            files.push((path.display().to_string(), text));
        }
        let checkin_path = dir.join(CHECKIN_FILE);
        let checkin = if checkin_path.is_file() {
            let text = std::fs::read_to_string(&checkin_path).map_err(read_err)?;
            CheckinText::parse(&checkin_path.display().to_string(), &text)?
        } else {
            CheckinText::embedded()?
        };
        let couple_path = dir.join(COUPLE_FILE);
        let couple = if couple_path.is_file() {
            let text = std::fs::read_to_string(&couple_path).map_err(read_err)?;
            CoupleText::parse(&couple_path.display().to_string(), &text)?
        } else {
            CoupleText::embedded()?
        };
        let safety_path = dir.join(SAFETY_FILE);
        let safety = if safety_path.is_file() {
            let text = std::fs::read_to_string(&safety_path).map_err(read_err)?;
            SafetyText::parse(&safety_path.display().to_string(), &text)?
        } else {
            SafetyText::embedded()?
        };
        Self::from_parts(files, checkin, couple, safety)
    }

    /// Parses and validates named TOML texts, one stage per file, with the
    /// shipped check-in, couple-mode and safety texts.
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ContentError> {
        Self::from_parts(
            files,
            CheckinText::embedded()?,
            CoupleText::embedded()?,
            SafetyText::embedded()?,
        )
    }

    fn from_parts(
        files: impl IntoIterator<Item = (String, String)>,
        checkin: CheckinText,
        couple: CoupleText,
        safety: SafetyText,
    ) -> Result<Self, ContentError> {
        let mut stages = Vec::new();
        let mut names = Vec::new();
        for (file, text) in files {
            let stage: Stage = decode(&file, &text)?;
            stages.push(stage);
            names.push(file);
        }
        validate(&stages, &names)?;
        Ok(Self {
            stages,
            checkin,
            couple,
            safety,
        })
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
}

impl Content {
    /// The stage, step (none for the check-out) and prompt an answer id
    /// (`stage/step/prompt`) belongs to, if the content still has them.
    pub fn prompt_of_answer(&self, id: &str) -> Option<(&Stage, Option<&Step>, &Prompt)> {
        let mut parts = id.splitn(3, '/');
        let (stage_id, step_id, prompt_id) = (parts.next()?, parts.next()?, parts.next()?);
        let stage = self.stage(stage_id)?;
        if step_id == CHECKOUT_ID {
            let prompt = stage.checkout.prompts.iter().find(|p| p.id == prompt_id)?;
            return Some((stage, None, prompt));
        }
        let step = stage.steps.iter().find(|s| s.id == step_id)?;
        let prompt = step
            .prompts
            .iter()
            .chain(step.exercise.iter().flat_map(|e| e.fields.iter()))
            .find(|p| p.id == prompt_id)?;
        Some((stage, Some(step), prompt))
    }
}

#[cfg(test)]
mod embedded_tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The JSON the build embeds says exactly what the TOML in `content/`
    /// says.
    #[test]
    fn the_embedded_json_is_the_content_as_written() {
        let written = Content::from_parts(
            EMBEDDED_TOML
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string())),
            CheckinText::parse(CHECKIN_FILE, checkin::EMBEDDED_CHECKIN).unwrap(),
            CoupleText::parse(COUPLE_FILE, couple::EMBEDDED_COUPLE).unwrap(),
            SafetyText::parse(SAFETY_FILE, safety::EMBEDDED_SAFETY).unwrap(),
        )
        .unwrap();
        assert_eq!(Content::embedded().unwrap(), written);
        assert!(EMBEDDED.iter().all(|(_, json)| json.starts_with('{')));
    }
}
