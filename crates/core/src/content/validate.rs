//! Checks shared by every content file: well-formed ids, non-empty text,
//! known roles and placeholders, and the stages themselves. The check-in,
//! couple and safety files check their own rules beside their types,
//! with the helpers here (this module depends on none of them).

use std::collections::HashSet;

use super::{CHECKOUT_ID, ContentError, Prompt, PromptKind, Stage};
use crate::domain::{RelationshipKind, Role};

/// Checks what the TOML parser cannot: ids are unique and well-formed,
/// every stage has steps, prompts have text, role names are known, and
/// every role sees at least one prompt per step. `files` names the file
/// each stage came from, for the message.
pub fn validate(stages: &[Stage], files: &[String]) -> Result<(), ContentError> {
    let mut stage_ids = HashSet::new();
    for (index, stage) in stages.iter().enumerate() {
        let file = files
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("stage {}", index + 1));
        let fail = |message: String| ContentError::Invalid {
            file: file.clone(),
            message,
        };
        check_id(&stage.id, "stage id").map_err(&fail)?;
        if !stage_ids.insert(stage.id.as_str()) {
            return Err(fail(format!("duplicate stage id \"{}\"", stage.id)));
        }
        check_text(&stage.title, &format!("stage \"{}\" title", stage.id)).map_err(&fail)?;
        check_text(&stage.intro, &format!("stage \"{}\" intro", stage.id)).map_err(&fail)?;
        if stage.steps.is_empty() {
            return Err(fail(format!("stage \"{}\" has no steps", stage.id)));
        }
        let mut step_ids = HashSet::new();
        for step in &stage.steps {
            let here = format!("{}/{}", stage.id, step.id);
            check_id(&step.id, &format!("step id in stage \"{}\"", stage.id)).map_err(&fail)?;
            if step.id == CHECKOUT_ID {
                return Err(fail(format!(
                    "step id \"{here}\" is reserved for the check-out"
                )));
            }
            if !step_ids.insert(step.id.as_str()) {
                return Err(fail(format!("duplicate step id \"{here}\"")));
            }
            check_text(&step.title, &format!("step \"{here}\" title")).map_err(&fail)?;
            for role in Role::ALL {
                if let Some(title) = step.titles.get(role) {
                    check_text(title, &format!("step \"{here}\" title for \"{role}\""))
                        .map_err(&fail)?;
                }
            }
            if let Some(prompt) = step.prompts.iter().find(|p| !p.relationships.is_empty()) {
                return Err(fail(format!(
                    "prompt \"{here}/{}\" is limited to some relationships; only exercise fields may be",
                    prompt.id
                )));
            }
            check_text(&step.guidance, &format!("step \"{here}\" guidance")).map_err(&fail)?;
            if step.prompts.is_empty() {
                return Err(fail(format!("step \"{here}\" has no prompts")));
            }
            let mut fields: Vec<&Prompt> = step.prompts.iter().collect();
            if let Some(exercise) = &step.exercise {
                check_roles(&exercise.roles, &format!("exercise in \"{here}\"")).map_err(&fail)?;
                if exercise.fields.is_empty() {
                    return Err(fail(format!("the exercise in \"{here}\" has no fields")));
                }
                super::read_back::check(exercise, &format!("the exercise in \"{here}\""))
                    .map_err(&fail)?;
                fields.extend(exercise.fields.iter());
            }
            check_prompts(&fields, &here).map_err(&fail)?;
            if let Some(b) = step.breathing
                && (!(1..=20).contains(&b.inhale_seconds)
                    || !(1..=20).contains(&b.exhale_seconds)
                    || !(1..=30).contains(&b.minutes))
            {
                return Err(fail(format!(
                    "the breathing timer in \"{here}\" needs 1–20 seconds in and out and 1–30 minutes"
                )));
            }
            if let Some(tool) = &step.tool
                && !super::model::TOOLS.contains(&tool.as_str())
            {
                return Err(fail(format!(
                    "step \"{here}\" names an unknown tool \"{tool}\" (known: {})",
                    super::model::TOOLS.join(", ")
                )));
            }
            for role in Role::ALL {
                if step.prompts_for(role).next().is_none() {
                    return Err(fail(format!(
                        "step \"{here}\" has no prompt for the role \"{role}\""
                    )));
                }
            }
        }
        let here = format!("{}/{CHECKOUT_ID}", stage.id);
        check_text(&stage.checkout.guidance, &format!("\"{here}\" guidance")).map_err(&fail)?;
        if stage.checkout.prompts.is_empty() {
            return Err(fail(format!("the check-out \"{here}\" has no prompts")));
        }
        if let Some(prompt) = stage
            .checkout
            .prompts
            .iter()
            .find(|p| !p.relationships.is_empty())
        {
            return Err(fail(format!(
                "prompt \"{here}/{}\" is limited to some relationships; only exercise fields may be",
                prompt.id
            )));
        }
        let checkout: Vec<&Prompt> = stage.checkout.prompts.iter().collect();
        check_prompts(&checkout, &here).map_err(&fail)?;
    }
    Ok(())
}

/// A `{word}` in a text that the code would not fill in is a typo that
/// would reach the screen as is.
pub(super) fn check_placeholders(text: &str, what: &str, allowed: &[&str]) -> Result<(), String> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let end = after.find('}').map_or(after.len(), |i| i + 1);
        let found = &after[..end];
        if !allowed.contains(&found) {
            let known = if allowed.is_empty() {
                "none here".to_string()
            } else {
                allowed.join(", ")
            };
            return Err(format!(
                "{what} has an unknown placeholder \"{found}\" (known: {known})"
            ));
        }
        rest = &after[end..];
    }
    Ok(())
}

fn check_prompts(prompts: &[&Prompt], here: &str) -> Result<(), String> {
    let mut ids = HashSet::new();
    for prompt in prompts {
        let at = format!("{here}/{}", prompt.id);
        check_id(&prompt.id, &format!("prompt id in \"{here}\""))?;
        if !ids.insert(prompt.id.as_str()) {
            return Err(format!("duplicate prompt id \"{at}\""));
        }
        if prompt.text.trim().is_empty() {
            return Err(format!("prompt \"{at}\" is empty"));
        }
        check_roles(&prompt.roles, &format!("prompt \"{at}\""))?;
        if let Some(unknown) = prompt
            .relationships
            .iter()
            .find(|r| RelationshipKind::parse(r).is_none())
        {
            return Err(format!(
                "prompt \"{at}\" names an unknown relationship \"{unknown}\" (known: partner, family, friend, colleague, other)"
            ));
        }
        match prompt.kind {
            PromptKind::Choice if prompt.options.is_empty() => {
                return Err(format!("checklist \"{at}\" has no options"));
            }
            PromptKind::Choice if prompt.options.iter().any(|o| o.trim().is_empty()) => {
                return Err(format!("checklist \"{at}\" has an empty option"));
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_roles(roles: &[String], what: &str) -> Result<(), String> {
    match roles.iter().find(|r| Role::parse(r).is_none()) {
        Some(unknown) => Err(format!(
            "{what} names an unknown role \"{unknown}\" (known roles: hurt, caused, both)"
        )),
        None => Ok(()),
    }
}

/// Ids end up in answer keys and file-friendly places: kebab-case ASCII.
fn check_id(id: &str, what: &str) -> Result<(), String> {
    let well_formed = !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "{what} \"{id}\" must be kebab-case (a-z, 0-9 and -)"
        ))
    }
}

pub(super) fn check_text(text: &str, what: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        Err(format!("{what} is empty"))
    } else {
        Ok(())
    }
}
