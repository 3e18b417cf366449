//! The private screening and the safety text, as the app asks them: three
//! questions from `content/safety.toml`, each answered no, yes or "I'd
//! rather not say", recorded with [`crate::domain::Safety::record`]. Any
//! answer but "no" prints the safety text and the helplines at once.

use std::collections::BTreeMap;

use anyhow::Result;

use super::book::Book;
use super::prompt::{EndOfInput, Menu, Prompter};
use crate::content::Content;
use crate::domain::ScreeningAnswer;

/// Asks the screening questions of the person writing and records the
/// answers. Returns whether an answer raised a concern (the safety text
/// has then been shown). If the input ends part-way, what was answered is
/// kept, as the app keeps it on a quick exit.
pub fn screen(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<bool> {
    let text = &content.safety.screening;
    p.blank()?;
    p.say(&text.title)?;
    p.blank()?;
    p.paragraphs(&text.intro)?;
    let menu = Menu::new().numbered([
        text.answers.no.as_str(),
        text.answers.yes.as_str(),
        text.answers.rather_not_say.as_str(),
    ]);
    let mut answers = BTreeMap::new();
    let mut ended = false;
    let count = text.questions.len();
    for (i, question) in text.questions.iter().enumerate() {
        p.blank()?;
        p.say(&format!("Question {} of {count}: {}", i + 1, question.text))?;
        match p.pick(&menu) {
            Ok(at) => {
                if let Some(answer) = ScreeningAnswer::ALL.get(at) {
                    answers.insert(question.id.clone(), *answer);
                }
            }
            Err(e) if e.is::<EndOfInput>() => {
                ended = true;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    let concern = record(book, answers)?;
    if concern {
        safety_text(p, content, book)?;
    }
    if ended {
        return Err(EndOfInput.into());
    }
    Ok(concern)
}

/// Keeps the answers given (if any) and saves. Returns whether they raise
/// a concern.
fn record(book: &mut Book<'_>, answers: BTreeMap<String, ScreeningAnswer>) -> Result<bool> {
    if answers.is_empty() {
        return Ok(false);
    }
    let writer = book.writer();
    // Answers that would turn couple mode back on need the person's own
    // passphrase, which plain mode does not ask: nothing is then kept.
    let concern = match book.screen(writer, answers) {
        crate::open::Screened::Recorded { concern } => concern,
        crate::open::Screened::NeedsTheirPassphrase | crate::open::Screened::Nothing => false,
    };
    book.save()?;
    Ok(concern)
}

/// The calm safety text, the emergency line and every helpline, then a
/// chance to add a number of one's own.
pub fn safety_text(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    let text = &content.safety;
    p.blank()?;
    p.say(&text.safety.title)?;
    p.blank()?;
    p.paragraphs(&text.safety.body)?;
    p.blank()?;
    p.say(&text.safety.emergency)?;
    p.blank()?;
    helplines(p, content, book)?;
    p.blank()?;
    p.say(&text.safety.own_numbers)?;
    loop {
        let typed = p.line("Type a name and a number to add it, or press Enter to go on: ")?;
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(());
        }
        book.add_own_number(typed);
        book.save()?;
        p.say("Added to your list.")?;
    }
}

/// Support, as the app's Ctrl+S shows it: the emergency line, lines for
/// anyone in crisis, the helplines and the person's own numbers.
pub fn support(p: &mut Prompter<'_>, content: &Content, book: &Book<'_>) -> Result<()> {
    let text = &content.safety;
    p.blank()?;
    p.say("Support")?;
    p.say(&text.safety.emergency)?;
    p.blank()?;
    p.say("If you are thinking about ending your life, or it is all too much tonight, you can talk to someone now, free and in confidence:")?;
    for line in &text.crisis {
        p.say(&format!(
            "{}: {}, {}",
            line.country, line.name, line.contact
        ))?;
    }
    p.say("Anywhere else: findahelpline.com lists free lines by country.")?;
    p.blank()?;
    helplines(p, content, book)
}

/// "Right now", as the app's Ctrl+N shows it: a few small steps for a
/// hard moment, the crisis lines, and a thought parked in the journal.
pub fn right_now(p: &mut Prompter<'_>, content: &Content, book: &mut Book<'_>) -> Result<()> {
    let text = &content.safety.right_now;
    p.blank()?;
    p.say(&text.title)?;
    p.say(&text.intro)?;
    p.blank()?;
    p.say("Breathe slowly: in for four, out for six, for a few minutes. A longer breath out helps your body settle.")?;
    p.blank()?;
    p.say(&text.grounding_intro)?;
    for (i, step) in text.grounding.iter().enumerate() {
        p.say(&format!("{}. {step}", i + 1))?;
    }
    for part in [&text.tonight, &text.body, &text.call] {
        p.blank()?;
        p.say(part)?;
    }
    p.blank()?;
    p.say(
        "If you are thinking about ending your life, or you are in danger, talk to someone now:",
    )?;
    for line in &content.safety.crisis {
        p.say(&format!(
            "{}: {}, {}",
            line.country, line.name, line.contact
        ))?;
    }
    p.say("Every helpline and the emergency numbers: 7 on the main menu.")?;
    p.blank()?;
    p.say(&text.park)?;
    let thought = p.line("A thought to park (press Enter to skip): ")?;
    if thought.trim().is_empty() {
        return Ok(());
    }
    book.load_journal()?;
    book.add_entry(crate::domain::NewEntry {
        title: text.park_title.clone(),
        body: thought,
        ..Default::default()
    })?;
    book.save()?;
    p.say("Parked in your journal. It can rest there.")
}

/// The helplines, each with its country, then the person's own numbers.
pub fn helplines(p: &mut Prompter<'_>, content: &Content, book: &Book<'_>) -> Result<()> {
    let text = &content.safety;
    p.say(&text.safety.resources_intro)?;
    for r in &text.resources {
        p.say(&format!("{}: {}, {}", r.country, r.name, r.contact))?;
    }
    for own in book.own_numbers() {
        p.say(&format!("Your own: {own}"))?;
    }
    Ok(())
}
