//! The stages, page by page: a stage's introduction, its steps and its
//! check-out, each printed as plain lines, then its questions one by one.
//! Moves and answers go through the same engine as the app, and every
//! answer is saved at once, with its author, as the app saves it.

use anyhow::Result;

use super::book::Book;
use super::prompt::{Block, EndOfInput, Menu, Prompter, Ticks, parse_scale, parse_ticks};
use crate::content::{Content, Prompt, PromptKind, compose};
use crate::domain::{AnswerValue, HELP_SIGNS_ANSWER};
use crate::engine::{Engine, Place, StepStatus};

/// Where the person wants to go after a walk through the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Main,
    Stages,
}

/// The stages, numbered with how far each has come; picking one lists its
/// pages.
pub fn stages_menu(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    loop {
        let engine = book.engine(content);
        let labels = content.stages.iter().enumerate().map(|(s, stage)| {
            let summary = engine.summary(book.progress(), s);
            let state = if summary.complete {
                "complete".to_string()
            } else {
                format!(
                    "{} of {} steps done",
                    summary.steps_complete, summary.steps_total
                )
            };
            format!("{}: {state}", stage.title)
        });
        let menu = Menu::new()
            .numbered(labels)
            .item("0", "Back to the main menu")
            .alias("q", "0")
            .on_empty("0");
        p.blank()?;
        p.say("The stages. You can visit them in any order.")?;
        let picked = p.pick(&menu)?;
        let Some(s) = menu
            .key(picked)
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
        else {
            return Ok(());
        };
        if stage_menu(p, content, book, s)? == Leave::Main {
            return Ok(());
        }
    }
}

/// The pages of one stage: its introduction, each step with its state,
/// and the check-out.
fn stage_menu(
    p: &mut Prompter<'_>,
    content: &Content,
    book: &mut Book<'_>,
    s: usize,
) -> Result<Leave> {
    let Some(stage) = content.stages.get(s) else {
        return Ok(Leave::Stages);
    };
    let engine = book.engine(content);
    let mut places = vec![Place::Intro(s)];
    let mut labels = vec!["Introduction".to_string()];
    for (i, step) in stage.steps.iter().enumerate() {
        places.push(Place::Step(s, i));
        let state = status_word(engine.step_status(book.progress(), s, i));
        labels.push(format!("{}: {state}", step.title_for(engine.role)));
    }
    places.push(Place::Checkout(s));
    labels.push("Check-out".to_string());
    let menu = Menu::new()
        .numbered(labels)
        .item("0", "Back to the stages")
        .alias("q", "0")
        .on_empty("0");
    p.blank()?;
    p.say(&format!("Stage {}: {}", s + 1, stage.title))?;
    p.say(&stage.summary)?;
    let picked = p.pick(&menu)?;
    match places.get(picked) {
        Some(place) => walk(p, content, book, *place),
        None => Ok(Leave::Stages),
    }
}

fn status_word(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Complete => "done",
        StepStatus::InProgress => "started",
        StepStatus::NotStarted => "not started",
    }
}

/// Reads the pages from `place` on, in order, until the person goes back
/// to a menu.
pub fn walk(
    p: &mut Prompter<'_>,
    content: &Content,
    book: &mut Book<'_>,
    mut place: Place,
) -> Result<Leave> {
    let engine = book.engine(content);
    'page: loop {
        // The app resumes where the person last was: keep it in step.
        if book.go_to(content, place) {
            book.save()?;
        }
        let offered = show(p, content, book, place)?;
        if offered {
            answer_all(p, content, book, place)?;
            help_suggestion(p, content, book, place)?;
        }
        loop {
            let menu = page_menu(&engine, book, place, offered);
            p.blank()?;
            if engine.next(place).is_none() {
                p.say("That was the last page. Every stage stays open to revisit.")?;
            }
            p.say("What next?")?;
            let picked = p.pick(&menu)?;
            match menu.key(picked) {
                "1" => {
                    if let Some(next) = engine.next(place) {
                        place = next;
                        continue 'page;
                    }
                }
                "2" => {
                    if let Some(next) = mark(p, &engine, book, place)? {
                        place = next;
                        continue 'page;
                    }
                }
                "3" => answer_all(p, content, book, place)?,
                "4" => {
                    if let Some(previous) = engine.previous(place) {
                        place = previous;
                        continue 'page;
                    }
                }
                "5" => return Ok(Leave::Stages),
                _ => return Ok(Leave::Main),
            }
        }
    }
}

/// What can be done on a page, each under a number that never changes,
/// so a person who learnt "1 goes on" can rely on it.
fn page_menu(engine: &Engine<'_>, book: &Book<'_>, place: Place, offered: bool) -> Menu {
    let progress = book.progress();
    let mut menu = Menu::new();
    if let Some(next) = engine.next(place) {
        let label = match place {
            Place::Intro(_) => "Start",
            _ => "Go on to",
        };
        menu = menu.item("1", format!("{label}: {}", engine.describe(next)));
    }
    match place {
        Place::Step(s, i) if offered => {
            if engine.marked_done(progress, s, i) {
                menu = menu.item("2", "Mark this step as not done");
            } else if engine.step_status(progress, s, i) != StepStatus::Complete {
                menu = menu.item("2", "Mark this step done and go on");
            }
        }
        Place::Checkout(s) if engine.stage_complete(progress, s) => {
            menu = menu.item("2", "Reopen this stage");
        }
        Place::Checkout(_) => menu = menu.item("2", "Mark this stage complete"),
        _ => {}
    }
    if offered && !engine.fields(place).is_empty() {
        menu = menu.item("3", "Answer the questions on this page again");
    }
    if engine.previous(place).is_some() {
        menu = menu.item("4", "Go back to the page before");
    }
    menu.item("5", "The stages list")
        .item("0", "The main menu")
        .alias("q", "0")
        .on_empty("0")
}

/// Marks a step done (on to the next page, as the app does) or not done,
/// or completes or reopens a stage from its check-out. Returns the page to
/// move to, if any.
fn mark(
    p: &mut Prompter<'_>,
    engine: &Engine<'_>,
    book: &mut Book<'_>,
    place: Place,
) -> Result<Option<Place>> {
    let content = engine.content;
    match place {
        Place::Step(s, i) => {
            let marked = engine.marked_done(book.progress(), s, i);
            book.set_step_done(content, s, i, !marked)?;
            book.save()?;
            if marked {
                p.say("Step marked as not done.")?;
                return Ok(None);
            }
            p.say("Step marked done. You can come back to it any time.")?;
            Ok(engine.next(place))
        }
        Place::Checkout(s) if engine.stage_complete(book.progress(), s) => {
            book.reopen_stage(content, s)?;
            book.save()?;
            p.say("Stage reopened.")?;
            Ok(None)
        }
        Place::Checkout(s) => {
            match book.complete_stage(content, s) {
                Ok(_) => {
                    book.save()?;
                    p.say("Stage marked complete. Well done for getting here.")?;
                }
                Err(e) => p.say(&format!("Not yet: {e}."))?,
            }
            Ok(None)
        }
        Place::Intro(_) => Ok(None),
    }
}

/// Prints a page. Returns whether its questions are offered: a step for
/// two is not while the workbook puts safety first, as in the app.
fn show(p: &mut Prompter<'_>, content: &Content, book: &Book<'_>, place: Place) -> Result<bool> {
    let engine = book.engine(content);
    let Some(stage) = content.stages.get(place.stage()) else {
        return Ok(false);
    };
    let total = content.stages.len();
    p.blank()?;
    p.say(&format!(
        "Stage {} of {total}: {}",
        place.stage() + 1,
        stage.title
    ))?;
    match place {
        Place::Intro(_) => {
            p.say("Introduction")?;
            p.blank()?;
            p.paragraphs(&stage.intro)?;
            Ok(true)
        }
        Place::Checkout(s) => {
            p.say("Check-out")?;
            if engine.stage_complete(book.progress(), s) {
                p.say("This stage is marked complete.")?;
            }
            p.blank()?;
            p.paragraphs(&stage.checkout.guidance)?;
            Ok(true)
        }
        Place::Step(s, i) => {
            let Some(step) = stage.steps.get(i) else {
                return Ok(false);
            };
            p.say(&format!(
                "Step {} of {}: {}",
                i + 1,
                stage.steps.len(),
                step.title_for(engine.role)
            ))?;
            if !book.offers(engine.content, place) {
                p.blank()?;
                p.say(&content.safety.safety_first.set_aside)?;
                return Ok(false);
            }
            let progress = book.progress();
            let state = match engine.step_status(progress, s, i) {
                StepStatus::Complete if engine.marked_done(progress, s, i) => {
                    "You marked this step done."
                }
                StepStatus::Complete => "Every question here has an answer.",
                StepStatus::InProgress => "You have started this step.",
                StepStatus::NotStarted => "You have not started this step yet.",
            };
            p.say(state)?;
            p.blank()?;
            p.paragraphs(&step.guidance)?;
            if let Some(exercise) = step.exercise_for(engine.role) {
                p.blank()?;
                p.say(&format!("Exercise: {}", exercise.title))?;
                if !exercise.intro.trim().is_empty() {
                    p.paragraphs(&exercise.intro)?;
                }
                let answers = &book.progress().answers;
                if let Some(text) = compose(exercise, &stage.id, &step.id, answers) {
                    p.blank()?;
                    p.say(&format!("{}, read back:", exercise.title))?;
                    p.paragraphs(&text)?;
                }
            }
            if step.breathing.is_some() {
                p.blank()?;
                p.say("This step has a guided breathing timer, in the full-screen app.")?;
            }
            if step.tool.is_some() {
                p.blank()?;
                p.say("This step has a tool of its own, in the full-screen app.")?;
            }
            Ok(true)
        }
    }
}

/// Asks each question of a page in turn.
fn answer_all(
    p: &mut Prompter<'_>,
    content: &Content,
    book: &mut Book<'_>,
    place: Place,
) -> Result<()> {
    let engine = book.engine(content);
    let fields = engine.fields(place);
    let count = fields.len();
    for (n, (id, prompt)) in fields.iter().enumerate() {
        p.blank()?;
        p.say(&format!("Question {} of {count}: {}", n + 1, prompt.text))?;
        answer_one(p, &engine, book, id, prompt)?;
    }
    Ok(())
}

/// How many signs that outside help would help bring the gentle
/// suggestion (see [`HELP_SIGNS_ANSWER`]), as on the app's step.
const HELP_SIGNS_FOR_SUGGESTION: usize = 2;

/// On stage 6's checklist of signs, once two or more are ticked: the
/// suggestion the app shows there. Never a diagnosis.
fn help_suggestion(
    p: &mut Prompter<'_>,
    content: &Content,
    book: &Book<'_>,
    place: Place,
) -> Result<()> {
    let engine = book.engine(content);
    if !engine
        .fields(place)
        .iter()
        .any(|(id, _)| id == HELP_SIGNS_ANSWER)
    {
        return Ok(());
    }
    let Some(AnswerValue::Choice(set)) = book
        .progress()
        .answers
        .get(HELP_SIGNS_ANSWER)
        .map(|a| &a.value)
    else {
        return Ok(());
    };
    let options = content
        .prompt_of_answer(HELP_SIGNS_ANSWER)
        .map(|(_, _, prompt)| prompt.options.as_slice())
        .unwrap_or_default();
    // "None of these right now" is not a sign.
    let signs = set
        .iter()
        .filter(|i| options.get(**i).is_some_and(|o| !o.starts_with("None")))
        .count();
    if signs >= HELP_SIGNS_FOR_SUGGESTION {
        p.blank()?;
        p.paragraphs(&content.safety.professional.suggestion)?;
    }
    Ok(())
}

/// Shows the saved answer, reads a new one and saves it. An empty answer
/// keeps the saved one.
fn answer_one(
    p: &mut Prompter<'_>,
    engine: &Engine<'_>,
    book: &mut Book<'_>,
    id: &str,
    prompt: &Prompt,
) -> Result<()> {
    let saved = book.progress().answers.get(id).map(|a| a.value.clone());
    let keep = if saved.is_some() {
        "keep your saved answer"
    } else {
        "skip it for now"
    };
    match prompt.kind {
        PromptKind::Text | PromptKind::List => {
            if let Some(hint) = &prompt.hint {
                p.say(&format!("Hint: {hint}"))?;
            }
            match &saved {
                Some(AnswerValue::Text(text)) => {
                    p.say("Your saved answer:")?;
                    p.say(text)?;
                    p.say("End of your saved answer.")?;
                }
                _ => p.say("Not answered yet.")?,
            }
            if prompt.kind == PromptKind::List {
                p.say("Write one item per line.")?;
            }
            p.say(&format!(
                "Type your answer, over several lines if you like, then a line with only a full stop. An empty first line will {keep}."
            ))?;
            match p.block()? {
                Block::Keep => Ok(()),
                Block::Text(text) => store(p, engine, book, id, AnswerValue::Text(text)),
                Block::Ended(text) => {
                    store(p, engine, book, id, AnswerValue::Text(text))?;
                    Err(EndOfInput.into())
                }
            }
        }
        PromptKind::Choice => {
            let ticked = match &saved {
                Some(AnswerValue::Choice(set)) => set.clone(),
                _ => Default::default(),
            };
            if ticked.is_empty() {
                p.say("Not answered yet.")?;
            } else {
                let names: Vec<&str> = ticked
                    .iter()
                    .filter_map(|i| prompt.options.get(*i).map(String::as_str))
                    .collect();
                p.say(&format!("Your saved answer: {}.", names.join("; ")))?;
            }
            for (i, option) in prompt.options.iter().enumerate() {
                p.say(&format!("{}. {option}", i + 1))?;
            }
            let options = prompt.options.len();
            let ask = format!(
                "Type the numbers that fit, separated by spaces or commas, or none. Press Enter to {keep}: "
            );
            match p.ask(&ask, |t| parse_ticks(t, options))? {
                Ticks::Keep => Ok(()),
                Ticks::Set(set) => store(p, engine, book, id, AnswerValue::Choice(set)),
            }
        }
        PromptKind::Scale => {
            let low = prompt.min_label.as_deref().unwrap_or("not at all");
            let high = prompt.max_label.as_deref().unwrap_or("completely");
            p.say(&format!("0 means {low}. 10 means {high}."))?;
            match &saved {
                Some(AnswerValue::Scale(n)) => p.say(&format!("Your saved answer: {n}."))?,
                _ => p.say("Not answered yet.")?,
            }
            let ask = format!("Type a number from 0 to 10, or press Enter to {keep}: ");
            match p.ask(&ask, parse_scale)? {
                None => Ok(()),
                Some(n) => store(p, engine, book, id, AnswerValue::Scale(n)),
            }
        }
    }
}

/// Stores an answer through the engine, marks who wrote it (as the app
/// does) and saves the workbook.
fn store(
    p: &mut Prompter<'_>,
    engine: &Engine<'_>,
    book: &mut Book<'_>,
    id: &str,
    value: AnswerValue,
) -> Result<()> {
    match book.answer(engine.content, id, value) {
        Ok(true) => {
            book.save()?;
            p.say("Saved.")
        }
        Ok(false) => p.say("Nothing changed."),
        Err(e) => p.say(&format!("That answer could not be kept: {e}.")),
    }
}
