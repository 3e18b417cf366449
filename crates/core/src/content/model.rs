use serde::Deserialize;

use crate::domain::{RelationshipKind, Role};

/// One stage of the workbook, as written in `content/NN-id.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub intro: String,
    #[serde(default)]
    pub steps: Vec<Step>,
    pub checkout: Checkout,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    /// Headings for one role in place of `title`, so a heading fits the
    /// person reading it (the person who was hurt is not told to "take
    /// full responsibility").
    #[serde(default)]
    pub titles: RoleTitles,
    /// Whether the step is a good topic for couple mode's shared
    /// conversation (its suggestions come from these).
    #[serde(default)]
    pub couple: bool,
    /// Whether the step needs both people, at the screen or face to face.
    /// Only these are set aside while couple mode is off ("safety
    /// first"); everything a person does alone stays open.
    #[serde(default)]
    pub together: bool,
    pub guidance: String,
    #[serde(default)]
    pub prompts: Vec<Prompt>,
    #[serde(default)]
    pub exercise: Option<Exercise>,
    /// Show the exercise before the reflection prompts (when the prompts
    /// look back on what the exercise produced).
    #[serde(default)]
    pub exercise_first: bool,
    /// A guided breathing timer offered on this step.
    #[serde(default)]
    pub breathing: Option<Breathing>,
    /// A tool the step opens with `t`: one of [`TOOLS`].
    #[serde(default)]
    pub tool: Option<String>,
}

/// A step's heading for one role; absent ones fall back to the step's
/// `title`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleTitles {
    #[serde(default)]
    pub hurt: Option<String>,
    #[serde(default)]
    pub caused: Option<String>,
    #[serde(default)]
    pub both: Option<String>,
}

impl RoleTitles {
    pub fn get(&self, role: Role) -> Option<&str> {
        match role {
            Role::Hurt => self.hurt.as_deref(),
            Role::Caused => self.caused.as_deref(),
            Role::Both => self.both.as_deref(),
        }
    }
}

/// The tools a step can offer: the decision aid (stage 7) and the summary
/// for a counsellor (stage 6).
pub const TOOLS: [&str; 2] = ["decision-aid", "counsellor-summary"];

/// The pace of a guided breathing timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breathing {
    pub inhale_seconds: u8,
    pub exhale_seconds: u8,
    pub minutes: u8,
}

impl Default for Breathing {
    /// A slow, calming pace: in for 4, out for 6, for three minutes.
    fn default() -> Self {
        Self {
            inhale_seconds: 4,
            exhale_seconds: 6,
            minutes: 3,
        }
    }
}

/// A hands-on exercise inside a step (an apology builder, a checklist…).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    /// Role names as written; validated against [`Role`].
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub fields: Vec<Prompt>,
    /// How the filled-in fields read as one piece of text: paragraphs
    /// with `{field-id}` placeholders (text and list fields). Shown back
    /// on the step and in exports; a paragraph whose fields are not all
    /// answered is left out, so optional parts disappear cleanly.
    #[serde(default)]
    pub read_back: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkout {
    pub guidance: String,
    #[serde(default)]
    pub prompts: Vec<Prompt>,
}

/// A question whose answer is saved.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    /// Role names as written; empty means everyone. Kept as strings so a
    /// typo is reported by validation with the file and id, not as a
    /// bare parse error.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Relationship kinds that see this question (partner, family,
    /// friend, colleague, other); empty means every kind. Only exercise
    /// fields may be limited, so what completes a step is the same for
    /// every relationship.
    #[serde(default)]
    pub relationships: Vec<String>,
    #[serde(default)]
    pub kind: PromptKind,
    /// For `choice`: the checklist's options.
    #[serde(default)]
    pub options: Vec<String>,
    /// For `scale`: what 0 and 10 mean.
    #[serde(default)]
    pub min_label: Option<String>,
    #[serde(default)]
    pub max_label: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PromptKind {
    #[default]
    Text,
    /// Text, one item per line.
    List,
    /// A checklist: tick any number of options.
    Choice,
    /// A point from 0 to 10.
    Scale,
}

/// Whether content limited to `roles` is shown to someone in `role`.
pub(crate) fn roles_allow(roles: &[String], role: Role) -> bool {
    roles.is_empty() || roles.iter().any(|r| r == role.as_str())
}

impl Prompt {
    pub fn visible_to(&self, role: Role) -> bool {
        roles_allow(&self.roles, role)
    }

    /// Whether this question fits the relationship the workbook is about.
    /// When that is not known (`None`), a question limited to some
    /// relationships is left out: intimacy must never reach a colleague's
    /// workbook by default.
    pub fn fits(&self, relationship: Option<RelationshipKind>) -> bool {
        self.relationships.is_empty()
            || relationship
                .is_some_and(|kind| self.relationships.iter().any(|r| r == kind.as_str()))
    }
}

impl Exercise {
    pub fn visible_to(&self, role: Role) -> bool {
        roles_allow(&self.roles, role)
    }
}

impl Step {
    /// The heading this role sees.
    pub fn title_for(&self, role: Role) -> &str {
        self.titles.get(role).unwrap_or(&self.title)
    }

    /// Reflection prompts this role sees. Their answers decide whether the
    /// step is complete.
    pub fn prompts_for(&self, role: Role) -> impl Iterator<Item = &Prompt> {
        self.prompts.iter().filter(move |p| p.visible_to(role))
    }

    /// The exercise this role sees, if any.
    pub fn exercise_for(&self, role: Role) -> Option<&Exercise> {
        self.exercise.as_ref().filter(|e| e.visible_to(role))
    }

    /// The exercise fields this role sees (optional extras).
    pub fn exercise_fields_for(&self, role: Role) -> impl Iterator<Item = &Prompt> {
        self.exercise
            .iter()
            .filter(move |e| e.visible_to(role))
            .flat_map(move |e| e.fields.iter().filter(move |p| p.visible_to(role)))
    }
}

impl Checkout {
    pub fn prompts_for(&self, role: Role) -> impl Iterator<Item = &Prompt> {
        self.prompts.iter().filter(move |p| p.visible_to(role))
    }
}

/// The id an answer is stored under: `stage/step/prompt`.
pub fn answer_id(stage: &str, step: &str, prompt: &str) -> String {
    format!("{stage}/{step}/{prompt}")
}
