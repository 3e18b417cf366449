//! Two people, one workbook: each person's answers and entries are their
//! own. The tests search every drawn screen and every command's output
//! for the other person's private text.

use ratatui::crossterm::event::KeyCode;
use trustwork::app::{Runtime, start};
use trustwork::domain::{Answer, AnswerValue, Clock, Role, now};
use trustwork::storage::{JsonStore, Store, WorkbookKey};

use crate::support::cli::*;
use crate::support::{content, dismiss_note, past_private_space, press, render, type_text};

const ALEX_SECRET: &str = "planning to stay at my sister's";
const ALEX_ENTRY: &str = "I looked at the flat listings again tonight";

/// "Us": Alex (hurt, first) and Sam (caused the hurt).
fn couple(store: &mut dyn Store) -> WorkbookKey {
    crate::support::alex_and_sam(store)
}

fn runtime(store: &mut dyn Store) -> Runtime<'_> {
    let mut app = start(content(), store, None).unwrap();
    app.set_clock(Clock::Fixed(now()));
    Runtime::new(app, store)
}

/// `W` from the overview: the keyboard goes to the other person (no
/// passphrase asked here).
fn hand_over(rt: &mut Runtime<'_>) {
    press(
        rt,
        &[KeyCode::Char('1'), KeyCode::Char('W'), KeyCode::Enter],
    );
}

/// Every screen Sam can reach with the section keys, drawn, as one text.
fn every_section(rt: &mut Runtime<'_>) -> String {
    let mut seen = String::new();
    for key in ['1', '2', '4', '5'] {
        press(rt, &[KeyCode::Char(key)]);
        seen.push_str(&render(&rt.app, 120, 40));
        press(rt, &[KeyCode::Enter]);
        seen.push_str(&render(&rt.app, 120, 40));
        press(rt, &[KeyCode::Esc]);
    }
    seen
}

#[test]
fn after_w_sam_sees_none_of_alexs_private_answers_or_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    // Alex answers the first written question and writes an entry.
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, ALEX_SECRET);
    press(&mut rt, &[KeyCode::Esc]);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, ALEX_ENTRY);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc]);

    // Sam takes the keyboard.
    hand_over(&mut rt);
    let sam = rt.app.session.as_ref().unwrap().writer();
    assert_eq!(
        rt.app.session.as_ref().unwrap().workbook().author_name(sam),
        "Sam"
    );
    let seen = every_section(&mut rt);
    assert!(!seen.contains("sister"), "Alex's answer was drawn for Sam");
    assert!(
        !seen.contains("flat listings"),
        "Alex's entry was drawn for Sam"
    );
    // Sam's journal is empty of Alex's words, and his own page has no
    // answer of hers under "Your answer".
    press(&mut rt, &[KeyCode::Char('2')]);
    let journal = render(&rt.app, 120, 40);
    assert!(!journal.contains("flat listings"), "{journal}");
    // Back to Alex: her own words are still hers to see.
    hand_over(&mut rt);
    press(&mut rt, &[KeyCode::Char('2')]);
    let hers = render(&rt.app, 120, 40);
    assert!(hers.contains("flat listings"), "{hers}");
}

#[test]
fn each_person_gets_their_own_sides_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let rt = runtime(&mut store);
    let session = rt.app.session.as_ref().unwrap();
    let content = content();
    let alex = session.writer();
    let sam = session.workbook().participants[1].id;
    assert_eq!(session.workbook().role_of(alex), Role::Hurt);
    assert_eq!(session.workbook().role_of(sam), Role::Caused);
    // The engine of each person is built for their own side.
    let mut as_sam = session.clone();
    as_sam.set_writer(sam);
    let alex_fields = session
        .engine(&content)
        .fields(trustwork::engine::Place::Step(0, 2));
    let sam_fields = as_sam
        .engine(&content)
        .fields(trustwork::engine::Place::Step(0, 2));
    assert_ne!(
        alex_fields.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        sam_fields.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        "stage 1's third step asks each side its own questions"
    );
}

/// A couple workbook "us" in a data dir, made in-process.
fn couple_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = data_dir();
    let mut store = JsonStore::new(&dir).unwrap();
    couple(&mut store);
    (tmp, dir)
}

#[test]
fn the_command_line_shows_a_persons_private_entry_only_when_asked_as_them() {
    let (_tmp, dir) = couple_dir();
    tw_run(&dir, &["journal", "add", "--as", "Alex", ALEX_ENTRY]).ok();
    let outputs = |args: &[&str]| -> String {
        let run = tw_run(&dir, args);
        format!("{}{}", run.stdout, run.stderr)
    };
    for who in [None, Some("Sam")] {
        let with = |base: &[&str]| -> Vec<String> {
            let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            if let Some(name) = who {
                args.extend(["--as".to_string(), name.to_string()]);
            }
            args
        };
        for base in [
            &["journal", "list"][..],
            &["journal", "list", "--json"],
            &["journal", "search", "flat"],
            &["status"],
            &["status", "--json"],
            &["export", "--format", "md"],
            &["export", "--format", "json"],
        ] {
            let args = with(base);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = outputs(&args);
            assert!(
                !out.contains("flat listings"),
                "{args:?} showed Alex's private entry: {out}"
            );
        }
    }
    let hers = tw_run(&dir, &["journal", "list", "--as", "Alex"]);
    hers.ok().stdout_has(&["flat listings"]);
    let found = tw_run(&dir, &["journal", "search", "flat", "--as", "alex"]);
    found.ok().stdout_has(&["flat listings"]);
    // A name that does not write here is a usage error.
    tw_run(&dir, &["journal", "list", "--as", "Robin"])
        .refused()
        .stderr_has(&["Robin", "Alex, Sam"]);
}

#[test]
fn an_older_couple_workbook_keeps_every_answer_with_its_author_and_visible_to_both() {
    let (_tmp, dir) = couple_dir();
    let key = WorkbookKey("us".into());
    let content = content();
    // As an older version saved it: one set of answers for both, each
    // signed by whoever wrote it.
    let mut store = JsonStore::new(&dir).unwrap();
    let mut workbook = store.open(&key).unwrap();
    let (alex, sam) = (workbook.participants[0].id, workbook.participants[1].id);
    let ids: Vec<String> = content
        .stages
        .iter()
        .flat_map(|s| s.steps.iter().map(move |st| (s, st)))
        .flat_map(|(s, st)| {
            st.prompts
                .iter()
                .filter(|p| p.kind == trustwork::content::PromptKind::Text)
                .map(move |p| format!("{}/{}/{}", s.id, st.id, p.id))
        })
        .take(2)
        .collect();
    for (id, (who, text)) in ids
        .iter()
        .zip([(alex, "Alex wrote this"), (sam, "Sam wrote this")])
    {
        workbook.progress.answers.insert(
            id.clone(),
            Answer {
                value: AnswerValue::Text(text.into()),
                updated_at: now(),
                author: Some(who),
                private: false,
            },
        );
    }
    store.save(&key, &workbook).unwrap();
    store.close(&key);

    let reopened = store.read(&key).unwrap();
    let text = |who, id: &String| match &reopened.progress_of(who).answers[id].value {
        AnswerValue::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(alex, &ids[0]), "Alex wrote this");
    assert_eq!(text(sam, &ids[1]), "Sam wrote this");
    assert!(!reopened.progress.answers.contains_key(&ids[1]));
    // Nothing became private: both were seen by both before.
    assert!(
        reopened
            .all_progress()
            .all(|(_, p)| p.answers.values().all(|a| !a.private))
    );
    // And without --as both are still in what the two share.
    let found = tw_run(&dir, &["journal", "search", "Alex wrote"]);
    found.ok().stdout_has(&["wrote» this"]);
    // The app says once what changed, and that nothing was hidden.
    let mut workbook = reopened;
    workbook.notices_seen.clear();
    let mut store = JsonStore::new(&dir).unwrap();
    store.open(&key).unwrap();
    store.save(&key, &workbook).unwrap();
    store.close(&key);
    {
        let mut rt = runtime(&mut store);
        let screen = render(&rt.app, 100, 30);
        assert!(screen.contains("What changed"), "{screen}");
        assert!(
            screen.contains("Nothing you wrote before has been hidden"),
            "{screen}"
        );
        // As leaving does: what is unsaved (that it was told) is written.
        let session = rt.app.session.as_mut().unwrap();
        assert!(session.has_unsaved());
        session.save(&mut *rt.store).unwrap();
        let key = session.key().clone();
        rt.store.close(&key);
    }
    let rt = runtime(&mut store);
    assert!(
        !render(&rt.app, 100, 30).contains("What changed"),
        "told once only"
    );
}

/// Alex's private answers set couple mode aside, and Alex chooses a
/// passphrase of her own on the safety screen that follows.
fn alex_sets_couple_mode_aside(rt: &mut Runtime<'_>, passphrase: &str) {
    use trustwork::domain::ScreeningAnswer;
    use trustwork::ui::screens::{AfterScreening, SafetyScreen, Screen};
    let alex = rt.app.session.as_ref().unwrap().writer();
    let answers = trustwork::content::SCREENING_IDS
        .map(|id| (id.to_string(), ScreeningAnswer::Yes))
        .into();
    rt.app.session.as_mut().unwrap().screen(alex, answers);
    rt.app.screen = Screen::Safety(Box::new(SafetyScreen::new(alex, AfterScreening::Start)));
    let shown = render(&rt.app, 100, 70);
    assert!(shown.contains("passphrase of your own"), "{shown}");
    press(rt, &[KeyCode::Char('p')]);
    for _ in 0..2 {
        type_text(rt, passphrase);
        press(rt, &[KeyCode::Enter]);
    }
    assert!(
        rt.app
            .status
            .as_deref()
            .unwrap_or("")
            .contains("passphrase is set"),
        "{:?}",
        rt.app.status
    );
}

/// From the couple-mode hub while it is off: the private review, through
/// the look-away, three "no"s, then what is typed at the passphrase.
fn review_as_the_writer(rt: &mut Runtime<'_>, typed: &str) {
    press(
        rt,
        &[KeyCode::Char('5'), KeyCode::Char('r'), KeyCode::Enter],
    );
    assert_eq!(rt.app.context(), trustwork::keymap::Context::Screening);
    press(
        rt,
        &[
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Enter,
        ],
    );
    type_text(rt, typed);
    press(rt, &[KeyCode::Enter]);
}

#[test]
fn sam_cannot_lift_couple_mode_off_that_alexs_answers_set_and_alex_can() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    let alex = rt.app.session.as_ref().unwrap().writer();
    alex_sets_couple_mode_aside(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    // A new sitting: whoever is at the keyboard is not known to be Alex.
    rt.app
        .session
        .as_mut()
        .unwrap()
        .save(&mut *rt.store)
        .unwrap();
    let key = rt.app.session.as_ref().unwrap().key().clone();
    rt.store.close(&key);
    drop(rt);
    let mut rt = runtime(&mut store);
    // Alex's screenings: none may be added in her name by someone else.
    let screenings = |rt: &Runtime<'_>| {
        let wb = rt.app.session.as_ref().unwrap().workbook();
        wb.safety
            .screenings
            .iter()
            .filter(|s| s.participant == alex)
            .count()
    };
    // Her answers are sealed to her key: none in plain, one sealed part.
    assert_eq!(screenings(&rt), 0);
    let sealed = |rt: &Runtime<'_>| {
        let wb = rt.app.session.as_ref().unwrap().workbook();
        wb.sealed.get(&alex).cloned().unwrap_or_default()
    };
    let sealed_before = sealed(&rt);
    assert_eq!(sealed_before.len(), 1);
    // The workbook opens for Sam now (Alex's space is behind her
    // passphrase). Sam reviews, answers "no" three times: his own answers,
    // which lift nothing of Alex's.
    assert_ne!(rt.app.session.as_ref().unwrap().writer(), alex);
    review_as_the_writer(&mut rt, "a guess");
    let wb = rt.app.session.as_ref().unwrap().workbook();
    // Her flag is sealed with her words: still off, and not lifted.
    assert!(wb.safety.is_safety_first(), "Sam lifted it");
    assert!(wb.safety.couple_off, "Sam lifted it");
    assert_eq!(screenings(&rt), 0, "an answer was recorded as Alex's");
    assert_eq!(sealed(&rt), sealed_before, "Alex's sealed part changed");
    // Switching to Alex asks her passphrase; a guess changes nothing.
    press(
        &mut rt,
        &[
            KeyCode::Esc,
            KeyCode::Char('1'),
            KeyCode::Char('W'),
            KeyCode::Enter,
        ],
    );
    type_text(&mut rt, "a guess");
    press(&mut rt, &[KeyCode::Enter]);
    assert_ne!(rt.app.session.as_ref().unwrap().writer(), alex);
    // Sam cannot choose a new passphrase for Alex either.
    let session = rt.app.session.as_mut().unwrap();
    let secret = age::secrecy::SecretString::from("mine now".to_string());
    assert!(session.set_passphrase(alex, &secret).is_err());
    // Alex, with her own passphrase, takes the keyboard and turns it back
    // on (shown once, her passphrase is not asked again in this sitting).
    press(
        &mut rt,
        &[
            KeyCode::Esc,
            KeyCode::Char('1'),
            KeyCode::Char('W'),
            KeyCode::Enter,
        ],
    );
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.session.as_ref().unwrap().writer(), alex);
    // Turning it back on: each answers privately, her passphrase asked
    // again at her handover (whoever is at the keyboard may have changed).
    press(
        &mut rt,
        &[KeyCode::Char('5'), KeyCode::Char('r'), KeyCode::Enter],
    );
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    let no = [
        KeyCode::Char('n'),
        KeyCode::Char('n'),
        KeyCode::Char('n'),
        KeyCode::Enter,
    ];
    press(&mut rt, &no);
    // Then Sam, alone.
    press(&mut rt, &[KeyCode::Enter]);
    press(&mut rt, &no);
    crate::support::past_private_space(&mut rt);
    let wb = rt.app.session.as_ref().unwrap().workbook();
    assert!(!wb.safety.is_safety_first());
    assert_eq!(screenings(&rt), 2);
}

#[test]
fn with_couple_mode_off_no_screen_traces_it_to_the_person_whose_answers_set_it() {
    use trustwork::domain::{Screening, ScreeningAnswer};
    use trustwork::ui::screens::{DecisionScreen, Screen};
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = couple(&mut store);
    // Alex's answers set couple mode aside, in an earlier sitting.
    let mut wb = store.open(&key).unwrap();
    let alex = wb.participants[0].id;
    wb.safety.record(Screening {
        participant: alex,
        at: now(),
        answers: trustwork::content::SCREENING_IDS
            .map(|id| (id.to_string(), ScreeningAnswer::Yes))
            .into(),
    });
    wb.progress.position.stage = "walk-away".into();
    store.save(&key, &wb).unwrap();
    store.close(&key);
    let content = content();
    let lead: String = content
        .safety
        .decision
        .safety_lead
        .chars()
        .take(40)
        .collect();
    let review: String = content
        .safety
        .safety_first
        .review
        .chars()
        .take(40)
        .collect();
    let mut rt = runtime(&mut store);
    // Reopened after leaving in a hurry: the overview, not the last page.
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    let decision = trustwork::engine::Place::Step(6, 0);
    for _writer in 0..2 {
        let mut seen = every_section(&mut rt);
        rt.app.screen = Screen::Decision(Box::new(DecisionScreen::new(decision)));
        seen.push_str(&render(&rt.app, 120, 40));
        press(
            &mut rt,
            &[
                KeyCode::Esc,
                KeyCode::Char('5'),
                KeyCode::Char('r'),
                KeyCode::Enter,
            ],
        );
        seen.push_str(&render(&rt.app, 120, 40));
        press(&mut rt, &[KeyCode::Esc]);
        assert!(
            !seen.contains(&lead),
            "the decision aid's safety lead was drawn"
        );
        assert!(
            !seen.contains(&review),
            "the review said whose answers it was"
        );
        assert!(
            !seen.contains("If either of you is afraid"),
            "fear named beside the switch"
        );
        hand_over(&mut rt);
    }
}

#[test]
fn switching_to_a_person_with_a_passphrase_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    let alex = rt.app.session.as_ref().unwrap().writer();
    alex_sets_couple_mode_aside(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    // To Sam: he has no passphrase, and is told plainly what that means.
    press(&mut rt, &[KeyCode::Char('W'), KeyCode::Enter]);
    let writer = |rt: &Runtime<'_>| rt.app.session.as_ref().unwrap().writer();
    assert_ne!(writer(&rt), alex);
    assert!(
        rt.app
            .status
            .as_deref()
            .unwrap_or("")
            .contains("Anyone at this computer")
    );
    // Back to Alex: her passphrase is asked; a guess changes nothing.
    press(&mut rt, &[KeyCode::Char('W'), KeyCode::Enter]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LineEdit);
    type_text(&mut rt, "a guess");
    press(&mut rt, &[KeyCode::Enter]);
    assert_ne!(writer(&rt), alex);
    assert!(!render(&rt.app, 100, 30).contains("✎ Alex"));
    // With it, the keyboard is hers.
    press(
        &mut rt,
        &[
            KeyCode::Esc,
            KeyCode::Char('1'),
            KeyCode::Char('W'),
            KeyCode::Enter,
        ],
    );
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(writer(&rt), alex);
}

#[test]
fn the_command_line_asks_a_protected_persons_passphrase_and_shows_nothing_without_it() {
    use trustwork::domain::ScreeningAnswer;
    let (_tmp, dir) = couple_dir();
    tw_run(&dir, &["journal", "add", "--as", "Alex", ALEX_ENTRY]).ok();
    // Alex's answers set couple mode aside, and she sets her passphrase.
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("us".into());
    let mut held = trustwork::open::Held::open(&mut store, key, Clock::System).unwrap();
    let alex = held.workbook().participants[0].id;
    let answers = trustwork::content::SCREENING_IDS
        .map(|id| (id.to_string(), ScreeningAnswer::Yes))
        .into();
    held.screen(alex, answers);
    let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
    held.set_passphrase(alex, &secret).unwrap();
    held.save().unwrap();
    drop(held);
    // Without a terminal to type it at, --as Alex shows nothing.
    for args in [
        &["journal", "list", "--as", "Alex"][..],
        &["journal", "search", "flat", "--as", "Alex"],
        &["export", "--format", "md", "--as", "Alex"],
        &["journal", "add", "--as", "Alex", "as her"],
    ] {
        let run = tw_run(&dir, args);
        run.failed().stderr_has(&["passphrase of their own"]);
        assert!(
            !run.stdout.contains("flat listings"),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn new_makes_a_workbook_for_two_from_the_command_line() {
    let (_tmp, dir) = data_dir();
    tw_run(
        &dir,
        &[
            "new",
            "--name",
            "Us",
            "--role",
            "hurt",
            "--me",
            "Alex",
            "--partner",
            "Sam",
        ],
    )
    .ok();
    let wb = JsonStore::new(&dir)
        .unwrap()
        .read(&WorkbookKey("us".into()))
        .unwrap();
    let people: Vec<(&str, Role)> = wb
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(people, [("Alex", Role::Hurt), ("Sam", Role::Caused)]);
    // Each owes the private questions, asked at their own first turn.
    assert_eq!(wb.safety.owed.len(), 2);
    tw_run(&dir, &["journal", "add", "--as", "Sam", "From Sam"]).ok();
    tw_run(&dir, &["new", "--name", "X", "--role", "hurt", "--me", "A"]).usage_error();
}

#[test]
fn a_workbook_where_both_set_a_passphrase_opens_at_the_door() {
    use trustwork::domain::ScreeningAnswer;
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let key = couple(&mut store);
    {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let people = held.workbook().participant_ids();
        for (who, pass) in people.iter().zip(["alex's own words", "sam's own words"]) {
            let answers = trustwork::content::SCREENING_IDS
                .map(|id| (id.to_string(), ScreeningAnswer::Yes))
                .into();
            held.screen(*who, answers);
            let secret = age::secrecy::SecretString::from(pass.to_string());
            held.set_passphrase(*who, &secret).unwrap();
        }
        held.add_entry(trustwork::domain::NewEntry {
            body: ALEX_ENTRY.into(),
            ..Default::default()
        })
        .unwrap();
        held.save().unwrap();
    }
    let mut rt = runtime(&mut store);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LineEdit);
    // Esc and a guess both stay at the door; nothing of anyone is drawn.
    press(&mut rt, &[KeyCode::Esc]);
    type_text(&mut rt, "a guess");
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('2')]);
    assert!(!render(&rt.app, 100, 30).contains("flat listings"));
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LineEdit);
    // With the right one, the keyboard is Alex's.
    press(&mut rt, &[KeyCode::Backspace]);
    type_text(&mut rt, "alex's own words");
    press(&mut rt, &[KeyCode::Enter, KeyCode::Char('2')]);
    assert!(render(&rt.app, 100, 30).contains("flat listings"));
}

/// Every file under `dir`, read as bytes, with its path.
fn every_file(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(every_file(&path));
        } else {
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found
}

#[test]
fn a_protected_persons_words_are_nowhere_in_the_data_folder_in_plain_text() {
    use trustwork::domain::ScreeningAnswer;
    const ALEX_NOTE: &str = "the evening with the car keys";
    let (_tmp, dir) = couple_dir();
    // Written before she had a passphrase: in plain until it is set.
    tw_run(&dir, &["journal", "add", "--as", "Alex", ALEX_ENTRY]).ok();
    let key = WorkbookKey("us".into());
    let content = content();
    let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
    let alex;
    {
        let mut store = JsonStore::new(&dir).unwrap();
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        held.load_journal().unwrap();
        alex = held.workbook().participants[0].id;
        held.set_writer(alex);
        let stage = &content.stages[0];
        let text = |p: &&trustwork::content::Prompt| p.kind == trustwork::content::PromptKind::Text;
        let step = stage
            .steps
            .iter()
            .find(|s| s.prompts.iter().any(|p| text(&p)))
            .unwrap();
        let prompt = step.prompts.iter().find(text).unwrap();
        let prompt = format!("{}/{}/{}", stage.id, step.id, prompt.id);
        held.answer(&content, &prompt, AnswerValue::Text(ALEX_SECRET.into()))
            .unwrap();
        held.check_in(trustwork::open::NewCheckIn {
            scores: Default::default(),
            note: ALEX_NOTE.into(),
            commitments: Vec::new(),
            private: None,
        })
        .unwrap();
        held.save().unwrap();
        let answers = trustwork::content::SCREENING_IDS
            .map(|id| (id.to_string(), ScreeningAnswer::Yes))
            .into();
        held.screen(alex, answers);
        held.set_passphrase(alex, &secret).unwrap();
        held.save().unwrap();
        // Written after: sealed from the start.
        held.add_entry(trustwork::domain::NewEntry {
            body: "a second private page".into(),
            ..Default::default()
        })
        .unwrap();
        held.save().unwrap();
    }
    let files = every_file(&dir);
    assert!(files.len() >= 4, "workbook, journal and backups: {files:?}");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for words in [ALEX_SECRET, ALEX_ENTRY, ALEX_NOTE, "a second private page"] {
            assert!(!text.contains(words), "{words:?} in plain in {path:?}");
        }
    }
    // Nor does the file say whose answers turned couple mode off.
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("us.json")).unwrap()).unwrap();
    assert!(doc["safety"].get("safety_first").is_none(), "{doc}");
    // It reads as the switch turned off, as either partner may.
    assert_eq!(doc["safety"]["couple_off"], true, "{doc}");
    assert!(!doc.to_string().contains(&format!("\"{alex}\"]")), "{doc}");
    // An export without --as shows couple mode off, as the switch would.
    let shared = tw_run(&dir, &["export", "--format", "json"]);
    let exported: serde_json::Value = serde_json::from_str(&shared.ok().stdout).unwrap();
    assert_eq!(exported["safety"]["couple_off"], true, "{exported}");
    // Her passphrase opens all of it again; Sam's view and no view do not.
    let mut store = JsonStore::new(&dir).unwrap();
    let mut held = trustwork::open::Held::open(&mut store, key, Clock::System).unwrap();
    held.load_journal().unwrap();
    let bodies = |held: &trustwork::open::Held<'_>| -> String {
        let entries = held.journal().entries().iter().map(|e| e.body.as_str());
        let notes = held.workbook().checkins.iter().map(|c| c.note.as_str());
        let answers = held
            .workbook()
            .progress
            .answers
            .values()
            .map(|a| format!("{:?}", a.value));
        entries
            .chain(notes)
            .map(str::to_string)
            .chain(answers)
            .collect()
    };
    assert!(!bodies(&held).contains(ALEX_SECRET));
    assert!(!held.unlock_person(alex, &"a guess".to_string().into()));
    assert!(held.unlock_person(alex, &secret));
    let seen = bodies(&held);
    for words in [ALEX_SECRET, ALEX_ENTRY, ALEX_NOTE, "a second private page"] {
        assert!(seen.contains(words), "{words:?} opened again: {seen}");
    }
    // Still a concern of hers, and hers again once opened.
    assert!(held.workbook().safety.is_safety_first());
    assert!(held.workbook().safety.flagged_by(alex));
    assert_eq!(
        held.workbook()
            .safety
            .latest(alex)
            .map(|s| s.raises_concern()),
        Some(true)
    );
}

#[test]
fn an_answer_is_private_until_its_owner_shares_it_and_editing_never_shows_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut rt, ALEX_SECRET);
    press(&mut rt, &[KeyCode::Esc]);
    // Said plainly on the answer, with the key that changes it.
    let page = render(&rt.app, 120, 40);
    assert!(page.contains("Only you can see this"), "{page}");
    assert!(page.contains("S: share with Sam"), "{page}");
    // Sam, on the same page, opens the box to write: it holds nothing of
    // Alex's.
    hand_over(&mut rt);
    press(&mut rt, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    let editing = render(&rt.app, 120, 40);
    assert!(!editing.contains("sister"), "{editing}");
    press(&mut rt, &[KeyCode::Esc]);
    // Sam's S on his own empty answer shares nothing of Alex's.
    press(&mut rt, &[KeyCode::Char('S')]);
    press(&mut rt, &[KeyCode::Char('2')]);
    assert!(!render(&rt.app, 120, 40).contains("sister"));
    // Back to Alex; she shares it, and Sam can read it.
    hand_over(&mut rt);
    press(
        &mut rt,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Char('S')],
    );
    let page = render(&rt.app, 120, 40);
    assert!(page.contains("Sam can see this"), "{page}");
    assert!(page.contains("S: keep it to yourself"), "{page}");
    let session = rt.app.session.as_ref().unwrap();
    let alex = session.writer();
    assert!(
        session
            .workbook()
            .progress_of(alex)
            .answers
            .values()
            .any(|a| !a.private)
    );
    // Undone as easily.
    press(&mut rt, &[KeyCode::Char('S')]);
    assert!(render(&rt.app, 120, 40).contains("Only you can see this"));
}

#[test]
fn after_their_private_questions_each_person_is_offered_a_passphrase_for_their_space() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    let alex = rt.app.session.as_ref().unwrap().writer();
    press(&mut rt, &[KeyCode::Char('3'), KeyCode::Enter]);
    press(
        &mut rt,
        &[
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Enter,
        ],
    );
    let screen = render(&rt.app, 80, 24);
    assert!(screen.contains("For Alex only"), "{screen}");
    assert!(screen.contains("anyone at this computer could"), "{screen}");
    insta::assert_snapshot!("private_space_offer_80x24", screen);
    press(&mut rt, &[KeyCode::Char('p')]);
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    let session = rt.app.session.as_ref().unwrap();
    assert!(session.has_passphrase(alex));
    // Said once it is set; Enter goes on to the check-in.
    let screen = render(&rt.app, 80, 24);
    assert!(!screen.contains("anyone at this computer"), "{screen}");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::CheckIn);
}

#[test]
fn a_private_check_in_round_asks_a_protected_persons_passphrase_at_her_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    let alex = rt.app.session.as_ref().unwrap().writer();
    alex_sets_couple_mode_aside(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    // Sam takes the keyboard (Alex's unlock ends with the handover).
    hand_over(&mut rt);
    let sam = rt.app.session.as_ref().unwrap().writer();
    assert_ne!(sam, alex);
    // A check-in: Sam's turn, then the handover to Alex.
    press(&mut rt, &[KeyCode::Char('3')]);
    for _ in 0..6 {
        if rt.app.context() == trustwork::keymap::Context::CheckIn {
            break;
        }
        press(&mut rt, &[KeyCode::Enter]);
        crate::support::past_private_space(&mut rt);
        if rt.app.context() == trustwork::keymap::Context::Screening {
            press(
                &mut rt,
                &[
                    KeyCode::Char('n'),
                    KeyCode::Char('n'),
                    KeyCode::Char('n'),
                    KeyCode::Enter,
                ],
            );
            crate::support::past_private_space(&mut rt);
        }
    }
    assert_eq!(rt.app.context(), trustwork::keymap::Context::CheckIn);
    for digit in ['5', '5', '5', '5'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    press(&mut rt, &[KeyCode::Char('s')]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LookAway);
    assert!(render(&rt.app, 100, 30).contains("Pass the keyboard to Alex"));
    // Sam presses on as "Alex": her passphrase is asked, nothing opens.
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LineEdit);
    type_text(&mut rt, "a guess");
    press(&mut rt, &[KeyCode::Enter]);
    assert_ne!(rt.app.context(), trustwork::keymap::Context::Screening);
    assert_ne!(rt.app.context(), trustwork::keymap::Context::CheckIn);
    let checkins = &rt.app.session.as_ref().unwrap().workbook().checkins;
    assert!(
        checkins.iter().all(|c| c.author != alex),
        "nothing in her name"
    );
    // Alex herself, with hers, goes on to her own questions.
    press(&mut rt, &[KeyCode::Enter]);
    if rt.app.context() != trustwork::keymap::Context::LineEdit {
        press(&mut rt, &[KeyCode::Enter]);
    }
    type_text(&mut rt, "a river at dawn");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::Screening);
    // Her turn ends. Later, whoever is at the keyboard presses W: her
    // passphrase is asked again, though she showed it in this sitting.
    rt.app.screen = trustwork::ui::screens::Screen::Overview(Default::default());
    press(&mut rt, &[KeyCode::Char('W'), KeyCode::Enter]);
    assert_eq!(rt.app.context(), trustwork::keymap::Context::LineEdit);
    press(&mut rt, &[KeyCode::Esc]);
    assert_ne!(rt.app.session.as_ref().unwrap().writer(), alex);
}

#[test]
fn the_other_person_cannot_rewrite_delete_forge_or_read_what_is_hers() {
    use trustwork::couple::{PrivateMark, PrivateState};
    use trustwork::journal_view::Source;
    let (_tmp, dir) = couple_dir();
    let key = WorkbookKey("us".into());
    let content = content();
    let (alex, shared);
    {
        let mut store = JsonStore::new(&dir).unwrap();
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        held.load_journal().unwrap();
        let [a, sam] = held.workbook().partners().unwrap();
        alex = a;
        held.set_writer(alex);
        shared = held
            .add_entry(trustwork::domain::NewEntry {
                body: "I am not ready to forgive yet".into(),
                ..Default::default()
            })
            .unwrap();
        held.share(&Source::Entry(shared), true).unwrap();
        assert!(held.add_own_number("Sister Jo 07700 900123"));
        held.check_in(trustwork::open::NewCheckIn {
            scores: Default::default(),
            note: String::new(),
            commitments: Vec::new(),
            private: Some(PrivateMark {
                round: uuid::Uuid::now_v7(),
                state: PrivateState::Sealed,
            }),
        })
        .unwrap();
        // Sam at the keyboard: her shared entry is hers to change.
        held.set_writer(sam);
        assert!(held.edit_entry_body(shared, "I am ready".into()).is_err());
        assert!(held.trash(&content, &Source::Entry(shared)).is_err());
        assert!(held.own_numbers().is_empty(), "her numbers are hers");
        held.save().unwrap();
    }
    // Without --as: neither her number nor her unrevealed scores.
    let json = tw_run(&dir, &["export", "--format", "json"]);
    let out = json.ok();
    assert!(!out.stdout.contains("07700"), "{}", out.stdout);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["checkins"].as_array().map(Vec::len).unwrap_or(0),
        0,
        "{doc}"
    );
    // Writing without saying who is refused in a workbook for two.
    let nobody = tw_run(&dir, &["journal", "add", "who am I"]);
    assert_eq!(nobody.code, Some(2), "a usage error");
    nobody.stderr_has(&["say who is writing with --as NAME"]);
    // An export edited to put words in Alex's name comes in as Sam's.
    let mut forged = doc.clone();
    forged["journal"] = serde_json::json!([{
        "id": uuid::Uuid::now_v7(), "created_at": "2026-12-01T20:00:00+00:00",
        "edited_at": "2026-12-01T20:00:00+00:00", "author": alex,
        "body": "I forgive Sam, everything is fine"
    }]);
    let file = dir.join("forged.json");
    std::fs::write(&file, serde_json::to_vec(&forged).unwrap()).unwrap();
    let mut store = JsonStore::new(&dir).unwrap();
    {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        held.load_journal().unwrap();
        let sam = held.workbook().partners().unwrap()[1];
        held.set_writer(sam);
        let incoming: trustwork::export::ExportDoc =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let merge = trustwork::import::Merge::new(held.workbook(), held.journal(), &incoming);
        held.merge_import(merge).unwrap();
        let forged_entry = held
            .journal()
            .entries()
            .iter()
            .find(|e| e.body.contains("I forgive Sam"))
            .unwrap();
        assert_eq!(forged_entry.author, sam, "never in Alex's name");
    }
}

#[test]
fn an_entry_alex_adds_from_the_shell_while_sam_has_the_app_stays_hers() {
    let (_tmp, dir) = data_dir();
    let mut store = JsonStore::new(&dir).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    // Sam takes the keyboard.
    hand_over(&mut rt);
    let sam = rt.app.session.as_ref().unwrap().writer();
    assert_eq!(
        rt.app.session.as_ref().unwrap().workbook().author_name(sam),
        "Sam"
    );
    press(&mut rt, &[KeyCode::Char('2')]);
    // Alex writes from a shell beside the open app.
    tw_run(&dir, &["journal", "add", "--as", "Alex", ALEX_ENTRY]).ok();
    assert!(rt.look_for_news(), "the app took the new entry in");
    let seen = format!("{}{}", render(&rt.app, 120, 40), every_section(&mut rt));
    assert!(
        !seen.contains("flat listings"),
        "Alex's entry from the shell was drawn for Sam"
    );
    // It is there, and hers: back to Alex, it is in her journal.
    hand_over(&mut rt);
    press(&mut rt, &[KeyCode::Char('2')]);
    let hers = render(&rt.app, 120, 40);
    assert!(hers.contains("flat listings"), "{hers}");
}

#[test]
fn sam_neither_sees_nor_empties_what_alex_put_in_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    // Alex writes an entry and puts it in the trash.
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, ALEX_ENTRY);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc]);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('d')]);
    if rt.app.popup.is_some() {
        press(&mut rt, &[KeyCode::Char('y')]);
    }
    fn rt_trashed(rt: &Runtime<'_>) -> usize {
        rt.app.session.as_ref().unwrap().journal().trashed().count()
    }
    assert_eq!(rt_trashed(&rt), 1, "Alex's entry is in the trash");

    // Sam takes the keyboard and opens the trash.
    hand_over(&mut rt);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('t')]);
    let seen = render(&rt.app, 120, 40);
    assert!(seen.contains("The trash is empty"), "{seen}");
    assert!(!seen.contains("flat listings"), "{seen}");
    // Emptying Sam's trash leaves Alex's alone.
    press(&mut rt, &[KeyCode::Char('X'), KeyCode::Char('y')]);
    assert_eq!(
        rt_trashed(&rt),
        1,
        "Alex's trashed entry was deleted by Sam"
    );
}

#[test]
fn two_people_cannot_share_a_name_that_differs_only_in_case() {
    let (_tmp, dir) = data_dir();
    for partner in ["alex", " Alex ", ""] {
        let args = [
            "new",
            "--name",
            "Us",
            "--role",
            "hurt",
            "--me",
            "Alex",
            "--partner",
            partner,
        ];
        let made = tw_run(&dir, &args);
        assert_eq!(made.code, Some(2), "{partner:?}: {}", made.stderr);
        assert!(made.stderr.contains("name"), "{}", made.stderr);
    }
    assert!(
        !dir.exists() || std::fs::read_dir(&dir).unwrap().next().is_none(),
        "no workbook was made"
    );
}

#[test]
fn going_to_the_workbook_list_and_back_keeps_whoever_had_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    hand_over(&mut rt);
    let writer = |rt: &Runtime<'_>| {
        let session = rt.app.session.as_ref().unwrap();
        session.workbook().author_name(session.writer()).to_string()
    };
    assert_eq!(writer(&rt), "Sam");
    // Out to the list of workbooks and straight back in.
    for _ in 0..4 {
        if rt.app.session.is_none() {
            break;
        }
        press(&mut rt, &[KeyCode::Esc]);
    }
    assert!(rt.app.session.is_none(), "back at the workbook list");
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(
        writer(&rt),
        "Sam",
        "reopening switched to Alex without a handover"
    );
}

#[test]
fn sam_cannot_rename_alex_once_her_space_is_behind_her_passphrase() {
    let (_tmp, dir) = couple_dir();
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("us".into());
    let mut held = trustwork::open::Held::open(&mut store, key, Clock::System).unwrap();
    let (alex, sam) = (
        held.workbook().participants[0].clone(),
        held.workbook().participants[1].clone(),
    );
    // Alex's private moment: her questions, then her passphrase.
    let answers = trustwork::content::SCREENING_IDS
        .map(|id| (id.to_string(), trustwork::domain::ScreeningAnswer::No))
        .into();
    held.screen(alex.id, answers);
    let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
    held.set_passphrase(alex.id, &secret).unwrap();
    held.save().unwrap();
    // Sam at the keyboard: Alex counts as away.
    assert!(held.set_writer(sam.id));
    held.count_as_away(alex.id);
    // Swapping the names would let Sam write and read as "Alex".
    let swapped = [
        ("Sam".to_string(), alex.role),
        ("Alex".to_string(), sam.role),
    ];
    assert_eq!(
        held.set_partners(swapped),
        Err(trustwork::open::Refused::NeedsTheirPassphrase)
    );
    // Sam's own name is Sam's to change.
    let renamed = [
        ("Alex".to_string(), alex.role),
        ("Sammy".to_string(), sam.role),
    ];
    held.set_partners(renamed).unwrap();
    // Look-alike names are one name.
    for look_alike in ["Alex\u{200B}", "\u{FEFF}alex", "Ａlex", "Al\u{00AD}ex"] {
        let named = [
            ("Alex".to_string(), alex.role),
            (look_alike.to_string(), sam.role),
        ];
        assert_eq!(
            held.set_partners(named),
            Err(trustwork::open::Refused::SameNames),
            "{look_alike:?}"
        );
    }
}

#[test]
fn the_command_line_shows_nobody_the_other_persons_trash() {
    let (_tmp, dir) = couple_dir();
    tw_run(&dir, &["journal", "add", "--as", "Alex", ALEX_ENTRY]).ok();
    let listed = list_json(&dir, &["--as", "Alex"]);
    let id = listed[0]["id"].as_str().unwrap().to_string();
    // Shared, then thrown away by Alex.
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("us".into());
    {
        let mut held = trustwork::open::Held::open(&mut store, key, Clock::System).unwrap();
        held.load_journal().unwrap();
        let alex = held.workbook().participants[0].id;
        assert!(held.set_writer(alex));
        let source = trustwork::journal_view::Source::Entry(id.parse().unwrap());
        held.share(&source, true).unwrap();
        held.trash(&content(), &source).unwrap();
        held.save().unwrap();
    }
    for args in [
        &["journal", "list", "--trash"][..],
        &["journal", "list", "--trash", "--as", "Sam"],
        &["export", "--format", "json"],
        &["export", "--format", "json", "--as", "Sam"],
    ] {
        let out = tw_run(&dir, args);
        assert!(
            !out.stdout.contains("flat listings"),
            "{args:?} showed Alex's trash: {}",
            out.stdout
        );
    }
    // Alex's own trash is hers to list.
    tw_run(&dir, &["journal", "list", "--trash", "--as", "Alex"])
        .ok()
        .stdout_has(&["flat listings"]);
}

#[test]
fn the_workbook_list_tells_neither_person_the_others_side() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let app = trustwork::app::App::new(content(), store.list().unwrap());
    let list = render(&app, 100, 30);
    assert!(list.contains("for two"), "{list}");
    assert!(!list.contains("you were hurt"), "{list}");
}

#[test]
fn sam_is_told_at_once_that_alexs_shared_entry_is_hers_to_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    couple(&mut store);
    let mut rt = runtime(&mut store);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('a')]);
    type_text(&mut rt, ALEX_ENTRY);
    press(&mut rt, &[KeyCode::Esc, KeyCode::Esc]);
    press(&mut rt, &[KeyCode::Char('2'), KeyCode::Char('S')]);
    hand_over(&mut rt);
    press(&mut rt, &[KeyCode::Char('2')]);
    assert!(render(&rt.app, 120, 40).contains("flat listings"), "shared");
    press(&mut rt, &[KeyCode::Char('e')]);
    assert!(
        !matches!(rt.app.screen, trustwork::ui::screens::Screen::EntryForm(_)),
        "an editor opened for words that would be thrown away"
    );
    let seen = render(&rt.app, 120, 40);
    assert!(seen.contains("only the person who wrote it"), "{seen}");
}

#[test]
fn an_entry_added_beside_the_app_as_a_protected_person_is_sealed_on_disk() {
    let (_tmp, dir) = couple_dir();
    let mut store = JsonStore::new(&dir).unwrap();
    let key = WorkbookKey("us".into());
    let alex = {
        let mut held = trustwork::open::Held::open(&mut store, key.clone(), Clock::System).unwrap();
        let alex = held.workbook().participants[0].id;
        let answers = trustwork::content::SCREENING_IDS
            .map(|id| (id.to_string(), trustwork::domain::ScreeningAnswer::No))
            .into();
        held.screen(alex, answers);
        let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
        held.set_passphrase(alex, &secret).unwrap();
        held.save().unwrap();
        alex
    };
    // As `journal add --as Alex` does it: the workbook not locked here.
    let workbook = store.read(&key).unwrap();
    let mut open = trustwork::open::OpenWorkbook::without_journal(key, workbook, Clock::System);
    let secret = age::secrecy::SecretString::from("a river at dawn".to_string());
    assert!(open.unlock_person(alex, &secret));
    open.write_as("Alex").unwrap();
    open.add_entry(trustwork::domain::NewEntry {
        body: ALEX_ENTRY.into(),
        ..Default::default()
    })
    .unwrap();
    open.append_entries(&mut store).unwrap();
    let on_disk = files(&dir);
    assert!(on_disk.keys().any(|p| p.ends_with("us.journal.jsonl")));
    for (path, bytes) in on_disk {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("flat listings"),
            "Alex's words in plain text in {}",
            path.display()
        );
    }
}

#[test]
fn after_both_private_question_rounds_the_workbook_goes_on_as_the_last_to_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = JsonStore::new(dir.path().to_path_buf()).unwrap();
    let mut rt = runtime(&mut store);
    // A new workbook for two, made here as a person would.
    type_text(&mut rt, "Us");
    press(
        &mut rt,
        &[
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ],
    );
    dismiss_note(&mut rt);
    type_text(&mut rt, "Alex");
    press(&mut rt, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut rt, "Sam");
    press(&mut rt, &[KeyCode::Enter, KeyCode::Enter]);
    // Alex's private questions, the handover, then Sam's.
    for who in ["Alex", "Sam"] {
        let door = render(&rt.app, 100, 30);
        assert!(
            door.contains(&format!("Pass the keyboard to {who}")),
            "{door}"
        );
        press(&mut rt, &[KeyCode::Enter]);
        press(
            &mut rt,
            &[
                KeyCode::Char('n'),
                KeyCode::Char('n'),
                KeyCode::Char('n'),
                KeyCode::Enter,
            ],
        );
        past_private_space(&mut rt);
    }
    let session = rt.app.session.as_ref().unwrap();
    assert_eq!(
        session.workbook().author_name(session.writer()),
        "Sam",
        "Sam, at the keyboard, was shown Alex's space"
    );
}
