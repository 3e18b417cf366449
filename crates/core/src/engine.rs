//! The step engine: given the content and a workbook's progress, where is
//! the user, what is done, and what comes next. Pure: no terminal, no files,
//! and the clock is passed in, so every transition is unit-tested.

use chrono::{DateTime, FixedOffset};
use thiserror::Error;

use crate::content::{CHECKOUT_ID, Content, Prompt, Stage, answer_id};
use crate::domain::{Answer, AnswerValue, Position, Progress, RelationshipKind, Role};

/// A place in the workbook, by index into the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A stage's introduction.
    Intro(usize),
    /// A step of a stage.
    Step(usize, usize),
    /// A stage's check-out.
    Checkout(usize),
}

impl Place {
    pub fn stage(self) -> usize {
        match self {
            Place::Intro(s) | Place::Step(s, _) | Place::Checkout(s) => s,
        }
    }
}

/// How far a step has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
}

/// Where a stage stands. Decided once, by [`Engine::summary`], so that
/// `status`, the dashboard and the exports name each stage alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StageState {
    NotStarted,
    /// Something of it is written or done: any answer (a step's, an
    /// exercise's or the check-out's) or a step marked done.
    InProgress,
    /// Its check-out was completed.
    Complete,
}

impl StageState {
    /// The words for it: "not started", "in progress", "complete".
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::Complete => "complete",
        }
    }
}

/// A stage's progress at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageSummary {
    pub steps_complete: usize,
    pub steps_total: usize,
    pub checkout_answered: bool,
    pub complete: bool,
    pub state: StageState,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum EngineError {
    #[error("that place is not in this workbook's content")]
    UnknownPlace,
    #[error("\"{0}\" is not a prompt in this workbook")]
    UnknownPrompt(String),
    #[error("answer the check-out questions before marking the stage complete")]
    CheckoutIncomplete,
    #[error("that answer does not fit the question")]
    WrongKind,
}

/// The engine for one content set and one person's role.
#[derive(Debug, Clone, Copy)]
pub struct Engine<'a> {
    pub content: &'a Content,
    pub role: Role,
    /// Who the workbook is about, when known: exercise fields limited to
    /// some relationships (closeness for partners only) follow it.
    pub relationship: Option<RelationshipKind>,
}

impl<'a> Engine<'a> {
    pub fn new(content: &'a Content, role: Role) -> Self {
        Self {
            content,
            role,
            relationship: None,
        }
    }

    /// The same engine, showing only what fits this relationship.
    pub fn with_relationship(self, relationship: RelationshipKind) -> Self {
        Self {
            relationship: Some(relationship),
            ..self
        }
    }

    fn stage(&self, index: usize) -> Option<&'a Stage> {
        self.content.stages.get(index)
    }

    fn valid(&self, place: Place) -> bool {
        match place {
            Place::Intro(s) | Place::Checkout(s) => self.stage(s).is_some(),
            Place::Step(s, i) => self.stage(s).is_some_and(|st| i < st.steps.len()),
        }
    }

    /// The place a saved position points at. Content can change between
    /// versions, so an unknown step falls back to its stage's intro and an
    /// unknown stage to the first stage.
    pub fn place_of(&self, position: &Position) -> Place {
        let Some(s) = self.content.stage_index(&position.stage) else {
            return Place::Intro(0);
        };
        match position.step.as_deref() {
            None => Place::Intro(s),
            Some(CHECKOUT_ID) => Place::Checkout(s),
            Some(step) => self.content.stages[s]
                .steps
                .iter()
                .position(|st| st.id == step)
                .map_or(Place::Intro(s), |i| Place::Step(s, i)),
        }
    }

    pub fn position_of(&self, place: Place) -> Position {
        let Some(stage) = self.stage(place.stage()) else {
            return Position::default();
        };
        let step = match place {
            Place::Intro(_) => None,
            Place::Step(_, i) => stage.steps.get(i).map(|st| st.id.clone()),
            Place::Checkout(_) => Some(CHECKOUT_ID.to_string()),
        };
        Position {
            stage: stage.id.clone(),
            step,
        }
    }

    /// A place in words, as the overview and `status` name the next step:
    /// "Stage 2 · Listen to understand".
    pub fn describe(&self, place: Place) -> String {
        let Some(stage) = self.stage(place.stage()) else {
            return String::new();
        };
        let n = place.stage() + 1;
        match place {
            Place::Intro(_) => format!("Stage {n} · {}: introduction", stage.title),
            Place::Step(_, i) => stage
                .steps
                .get(i)
                .map_or_else(String::new, |s| format!("Stage {n} · {}", s.title)),
            Place::Checkout(_) => format!("Stage {n} · {}: check-out", stage.title),
        }
    }

    /// The prompts answered on a page (reflection prompts and exercise
    /// fields, in the order the step asks for), each with the id its answer
    /// is stored under.
    pub fn fields(&self, place: Place) -> Vec<(String, &'a Prompt)> {
        let Some(stage) = self.stage(place.stage()) else {
            return Vec::new();
        };
        match place {
            Place::Intro(_) => Vec::new(),
            Place::Step(_, i) => stage.steps.get(i).map_or_else(Vec::new, |step| {
                let prompts = step.prompts_for(self.role);
                let relationship = self.relationship;
                let exercise = step
                    .exercise_fields_for(self.role)
                    .filter(move |p| p.fits(relationship));
                let ordered: Vec<&Prompt> = if step.exercise_first {
                    exercise.chain(prompts).collect()
                } else {
                    prompts.chain(exercise).collect()
                };
                ordered
                    .into_iter()
                    .map(|p| (answer_id(&stage.id, &step.id, &p.id), p))
                    .collect()
            }),
            Place::Checkout(_) => stage
                .checkout
                .prompts_for(self.role)
                .map(|p| (answer_id(&stage.id, CHECKOUT_ID, &p.id), p))
                .collect(),
        }
    }

    fn answered(progress: &Progress, id: &str) -> bool {
        progress
            .answers
            .get(id)
            .is_some_and(|a| a.value.is_answered())
    }

    /// Whether the user marked a step done without answering everything.
    pub fn marked_done(&self, progress: &Progress, stage: usize, step: usize) -> bool {
        self.stage(stage)
            .and_then(|st| st.steps.get(step).map(|s| format!("{}/{}", st.id, s.id)))
            .is_some_and(|key| progress.steps_marked_done.contains(&key))
    }

    pub fn step_status(&self, progress: &Progress, stage: usize, step: usize) -> StepStatus {
        let (Some(st), Some(step_def)) = (
            self.stage(stage),
            self.stage(stage).and_then(|s| s.steps.get(step)),
        ) else {
            return StepStatus::NotStarted;
        };
        let required: Vec<String> = step_def
            .prompts_for(self.role)
            .map(|p| answer_id(&st.id, &step_def.id, &p.id))
            .collect();
        let answered = required
            .iter()
            .filter(|id| Self::answered(progress, id))
            .count();
        let marked = self.marked_done(progress, stage, step);
        let any_exercise = self
            .fields(Place::Step(stage, step))
            .iter()
            .any(|(id, _)| Self::answered(progress, id));
        if marked || (answered == required.len() && !required.is_empty()) {
            StepStatus::Complete
        } else if answered > 0 || any_exercise {
            StepStatus::InProgress
        } else {
            StepStatus::NotStarted
        }
    }

    pub fn checkout_answered(&self, progress: &Progress, stage: usize) -> bool {
        let fields = self.fields(Place::Checkout(stage));
        !fields.is_empty() && fields.iter().all(|(id, _)| Self::answered(progress, id))
    }

    pub fn stage_complete(&self, progress: &Progress, stage: usize) -> bool {
        self.stage(stage)
            .is_some_and(|s| progress.stages_completed.contains_key(&s.id))
    }

    pub fn summary(&self, progress: &Progress, stage: usize) -> StageSummary {
        let steps_total = self.stage(stage).map_or(0, |s| s.steps.len());
        let steps_complete = (0..steps_total)
            .filter(|&i| self.step_status(progress, stage, i) == StepStatus::Complete)
            .count();
        let complete = self.stage_complete(progress, stage);
        let state = if complete {
            StageState::Complete
        } else if steps_complete > 0 || self.stage_touched(progress, stage) {
            StageState::InProgress
        } else {
            StageState::NotStarted
        };
        StageSummary {
            steps_complete,
            steps_total,
            checkout_answered: self.checkout_answered(progress, stage),
            complete,
            state,
        }
    }

    /// Whether anything of a stage is answered or marked done, whoever's
    /// prompt it answers (a partner's, or one this version no longer
    /// asks): any of it means the work has begun.
    fn stage_touched(&self, progress: &Progress, stage: usize) -> bool {
        let Some(stage) = self.stage(stage) else {
            return false;
        };
        let prefix = format!("{}/", stage.id);
        progress
            .answers
            .iter()
            .any(|(id, a)| id.starts_with(&prefix) && a.value.is_answered())
            || progress
                .steps_marked_done
                .iter()
                .any(|id| id.starts_with(&prefix))
    }

    /// What to do next: the first unfinished step in order, or the check-out
    /// of a stage whose steps are all done but which is not yet complete.
    /// `None` once every stage is complete.
    pub fn recommended(&self, progress: &Progress) -> Option<Place> {
        for (s, stage) in self.content.stages.iter().enumerate() {
            if self.stage_complete(progress, s) {
                continue;
            }
            let open_step = (0..stage.steps.len())
                .find(|&i| self.step_status(progress, s, i) != StepStatus::Complete);
            return Some(open_step.map_or(Place::Checkout(s), |i| Place::Step(s, i)));
        }
        None
    }

    /// The page after this one, in reading order: intro, steps, check-out,
    /// then the next stage's intro.
    pub fn next(&self, place: Place) -> Option<Place> {
        let stage = self.stage(place.stage())?;
        let next = match place {
            Place::Intro(s) if stage.steps.is_empty() => Place::Checkout(s),
            Place::Intro(s) => Place::Step(s, 0),
            Place::Step(s, i) if i + 1 < stage.steps.len() => Place::Step(s, i + 1),
            Place::Step(s, _) => Place::Checkout(s),
            Place::Checkout(s) => Place::Intro(s + 1),
        };
        self.valid(next).then_some(next)
    }

    /// The page before this one, in reading order.
    pub fn previous(&self, place: Place) -> Option<Place> {
        let prev = match place {
            Place::Intro(0) => return None,
            Place::Intro(s) => Place::Checkout(s - 1),
            Place::Step(s, 0) => Place::Intro(s),
            Place::Step(s, i) => Place::Step(s, i - 1),
            Place::Checkout(s) => match self.stage(s)?.steps.len() {
                0 => Place::Intro(s),
                n => Place::Step(s, n - 1),
            },
        };
        self.valid(prev).then_some(prev)
    }

    // ----- transitions -------------------------------------------------

    /// Moves to any page; stages may be visited in any order. Returns
    /// whether the saved position changed (and so needs saving).
    pub fn go_to(&self, progress: &mut Progress, place: Place) -> Result<bool, EngineError> {
        if !self.valid(place) {
            return Err(EngineError::UnknownPlace);
        }
        let position = self.position_of(place);
        let changed = progress.position != position;
        progress.position = position;
        Ok(changed)
    }

    /// Stores an answer (an empty one removes it). Returns whether anything
    /// changed.
    pub fn answer(
        &self,
        progress: &mut Progress,
        id: &str,
        value: AnswerValue,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, EngineError> {
        let prompt = self
            .find_prompt(id)
            .ok_or_else(|| EngineError::UnknownPrompt(id.to_string()))?;
        if !fits(prompt, &value) {
            return Err(EngineError::WrongKind);
        }
        if !value.is_answered() {
            return Ok(progress.answers.remove(id).is_some());
        }
        if progress.answers.get(id).is_some_and(|a| a.value == value) {
            return Ok(false);
        }
        progress.answers.insert(
            id.to_string(),
            Answer {
                value,
                updated_at: now,
                author: None,
                private: false,
            },
        );
        Ok(true)
    }

    /// Removes an answer (a scale set back to "not chosen").
    pub fn clear_answer(&self, progress: &mut Progress, id: &str) -> Result<bool, EngineError> {
        if self.find_prompt(id).is_none() {
            return Err(EngineError::UnknownPrompt(id.to_string()));
        }
        Ok(progress.answers.remove(id).is_some())
    }

    /// Lets the user move on from a step without answering everything.
    pub fn set_step_done(
        &self,
        progress: &mut Progress,
        stage: usize,
        step: usize,
        done: bool,
    ) -> Result<bool, EngineError> {
        let st = self.stage(stage).ok_or(EngineError::UnknownPlace)?;
        let step = st.steps.get(step).ok_or(EngineError::UnknownPlace)?;
        let key = format!("{}/{}", st.id, step.id);
        Ok(if done {
            progress.steps_marked_done.insert(key)
        } else {
            progress.steps_marked_done.remove(&key)
        })
    }

    /// Marks a stage complete; its check-out must be answered first.
    pub fn complete_stage(
        &self,
        progress: &mut Progress,
        stage: usize,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, EngineError> {
        let st = self.stage(stage).ok_or(EngineError::UnknownPlace)?;
        if !self.checkout_answered(progress, stage) {
            return Err(EngineError::CheckoutIncomplete);
        }
        if progress.stages_completed.contains_key(&st.id) {
            return Ok(false);
        }
        progress.stages_completed.insert(st.id.clone(), now);
        Ok(true)
    }

    /// Opens a completed stage again (the answers stay).
    pub fn reopen_stage(&self, progress: &mut Progress, stage: usize) -> Result<bool, EngineError> {
        let st = self.stage(stage).ok_or(EngineError::UnknownPlace)?;
        Ok(progress.stages_completed.remove(&st.id).is_some())
    }

    fn find_prompt(&self, id: &str) -> Option<&'a Prompt> {
        let mut parts = id.splitn(3, '/');
        let (stage_id, step_id, prompt_id) = (parts.next()?, parts.next()?, parts.next()?);
        let stage = self.content.stage(stage_id)?;
        if step_id == CHECKOUT_ID {
            return stage.checkout.prompts.iter().find(|p| p.id == prompt_id);
        }
        let step = stage.steps.iter().find(|s| s.id == step_id)?;
        step.prompts
            .iter()
            .chain(step.exercise.iter().flat_map(|e| e.fields.iter()))
            .find(|p| p.id == prompt_id)
    }
}

/// Whether a value has the shape its prompt asks for.
fn fits(prompt: &Prompt, value: &AnswerValue) -> bool {
    use crate::content::PromptKind;
    match (prompt.kind, value) {
        (PromptKind::Text | PromptKind::List, AnswerValue::Text(_)) => true,
        (PromptKind::Choice, AnswerValue::Choice(set)) => {
            set.iter().all(|&i| i < prompt.options.len())
        }
        (PromptKind::Scale, AnswerValue::Scale(n)) => *n <= 10,
        _ => false,
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
