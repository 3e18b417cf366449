//! What the command line offers to complete, and lists in `--help`: the
//! real moods and stage ids as the arguments' possible values (clap_complete
//! writes these into the static completion scripts), and the workbook and
//! people names of the data folder, which only the running program knows
//! (`trustwork names`, which the scripts call; see `commands::manual`).

use std::ffi::OsStr;
use std::sync::OnceLock;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

use crate::domain::Mood;

/// `--mood`: one of the moods, in any case.
#[derive(Debug, Clone, Copy)]
pub struct MoodValue;

impl TypedValueParser for MoodValue {
    type Value = Mood;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Mood, clap::Error> {
        super::mood.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            Mood::ALL
                .into_iter()
                .map(|m| PossibleValue::new(m.as_str())),
        ))
    }
}

/// `--stage`: a stage id or number, checked against the content in use
/// when the command runs (`--content-dir` may hold other stages). The
/// built-in stages' ids are what is offered.
#[derive(Debug, Clone, Copy)]
pub struct StageValue;

impl TypedValueParser for StageValue {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            built_in_stage_ids()
                .iter()
                .map(|id| PossibleValue::new(id.as_str())),
        ))
    }
}

/// The built-in stages' ids, read once (help and completions ask often).
fn built_in_stage_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        crate::content::Content::embedded()
            .map(|content| content.stages.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default()
    })
}
