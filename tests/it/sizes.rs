#![allow(clippy::unwrap_used)]
//! Every screen draws at every size, from 1×1 to 300×100 (sampled), with
//! text that is hard to lay out everywhere a person can write: CJK, emoji
//! (with skin tones, flags and zero-width-joiner families), combining
//! marks, and 200-character words, in names, answers, titles, journal
//! entries, check-in notes, talks and agreements.
//!
//! Each drawing must not panic, and every row must fit the terminal: its
//! display width (counted with unicode-width, as ratatui does) is at most
//! the terminal's, no wide character is cut at the right edge, and no cell
//! holds a control character (which would move the real cursor).
//!
//! The app is driven with actions and key presses on a memory store, as
//! in `tests/screens_couple.rs`, with the clock fixed.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::support::*;
use chrono::{DateTime, Duration, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use trustwork::action::{Action, Section};
use trustwork::app::{App, Runtime, Screen, start};
use trustwork::content::{Content, answer_id};
use trustwork::couple::Agreement;
use trustwork::domain::{
    Answer, AnswerValue, CheckIn, Clock, CommitmentCheck, Journal, JournalEntry, Mood, NewWorkbook,
    Participant, Role, Scores, Workbook,
};
use trustwork::engine::Place;
use trustwork::keymap::Context;
use trustwork::storage::{MemoryStore, Store};
use trustwork::ui::screens::{AfterPartners, PageScreen, PartnersScreen};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

const WIDTHS: [u16; 13] = [1, 2, 3, 10, 39, 40, 41, 79, 80, 100, 137, 200, 300];
const HEIGHTS: [u16; 10] = [1, 2, 5, 11, 12, 13, 24, 30, 50, 100];
/// For the many pages of the stages: the smallest supported size, the
/// standard one, an odd one and a wide one.
const FEW: [(u16, u16); 4] = [(40, 12), (80, 24), (137, 50), (300, 100)];

const ALEX: Uuid = Uuid::from_u128(0xA1E7);
const SAM: Uuid = Uuid::from_u128(0x5A77);

const CJK: &str = "信頼を取り戻すための長い道のり、한국어도 조금";
const EMOJI: &str = "👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 ❤️ 🇯🇵 🧑🏿‍🤝‍🧑🏻";
const COMBINING: &str = "Zoë́ ñ̃ a\u{301}\u{302}\u{303} ก่ำ";

/// A word of 200 characters of each kind.
fn long_words() -> [String; 4] {
    [
        format!("Unverhältnismäßig{}", "x".repeat(183)),
        "信".repeat(200),
        "👨‍👩‍👧‍👦".repeat(200 / 7 + 1),
        "e\u{301}".repeat(100),
    ]
}

/// One line of hard text.
fn wild(label: &str) -> String {
    let [ascii, cjk, emoji, marks] = long_words();
    format!("{label} {CJK} {EMOJI} {COMBINING} {ascii} {cjk} {emoji} {marks} end")
}

/// Several lines of hard text.
fn wild_text(label: &str) -> String {
    format!(
        "{}\n\n{CJK}{CJK}{CJK}\n- {EMOJI}\n- {}\n{COMBINING}",
        wild(label),
        long_words()[1]
    )
}

/// A short name that is still hard: wide, joined and combined.
fn wild_name(base: &str) -> String {
    format!("{base} 信頼 👨‍👩‍👧‍👦 Zoë́")
}

/// Monday 23 November 2026, eight in the evening.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T20:00:00+01:00").unwrap()
}

// ---------------------------------------------------------------- checks

/// Draws `app` at `w`×`h` and checks every row.
fn check(name: &str, app: &App, w: u16, h: u16) {
    let buffer = catch_unwind(AssertUnwindSafe(|| render_buffer(app, w, h)))
        .unwrap_or_else(|_| panic!("{name}: drawing at {w}x{h} panicked"));
    check_rows(name, &buffer);
}

/// Every row of a drawn screen fits: no wide character cut at the right
/// edge, no control characters, and no more columns than the terminal.
fn check_rows(name: &str, buffer: &Buffer) {
    let (w, h) = (buffer.area.width, buffer.area.height);
    for y in 0..h {
        let mut row_width = 0;
        let mut covered = 0;
        for x in 0..w {
            let symbol = buffer[(x, y)].symbol();
            // Cells hidden under a wide character before them.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let width = symbol.width();
            assert!(
                usize::from(x) + width <= usize::from(w),
                "{name} at {w}x{h}: {symbol:?} ({width} wide) at column {x} of row {y} is cut at the right edge"
            );
            assert!(
                !symbol.chars().any(char::is_control),
                "{name} at {w}x{h}: a control character {symbol:?} at column {x} of row {y}"
            );
            row_width += width;
            covered = width.saturating_sub(1);
        }
        assert!(
            row_width <= usize::from(w),
            "{name} at {w}x{h}: row {y} is {row_width} wide"
        );
    }
}

/// Every sampled size.
fn sweep(name: &str, app: &App) {
    for w in WIDTHS {
        for h in HEIGHTS {
            check(name, app, w, h);
        }
    }
}

fn few(name: &str, app: &App) {
    for (w, h) in FEW {
        check(name, app, w, h);
    }
}

/// Whether the screen at 300×100 shows `text` somewhere (so the hard
/// text really is on screen, not only in the data).
fn shows(app: &App, text: &str) -> bool {
    render(app, 300, 100).contains(text)
}

#[test]
fn the_row_check_catches_what_it_is_for() {
    let cut = |symbol: &str, x: u16| {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer[(x, 0)].set_symbol(symbol);
        catch_unwind(|| check_rows("probe", &buffer)).is_err()
    };
    assert!(!cut("信", 1), "a wide character that fits");
    assert!(cut("信", 2), "a wide character cut at the right edge");
    assert!(cut("\t", 0), "a control character");
    assert!(cut("👨‍👩‍👧‍👦", 2), "an emoji family cut at the right edge");
}

// ---------------------------------------------------------------- data

fn text(s: String) -> Answer {
    Answer {
        value: AnswerValue::Text(s),
        updated_at: now(),
        author: None,
        private: false,
    }
}

/// Every prompt and exercise field of every stage answered, texts with
/// hard words.
fn answer_everything(content: &Content, wb: &mut Workbook) {
    for stage in &content.stages {
        let steps = stage.steps.iter().map(|step| {
            let fields = step.exercise.iter().flat_map(|e| e.fields.iter());
            (
                step.id.as_str(),
                step.prompts.iter().chain(fields).collect(),
            )
        });
        let checkout = (
            trustwork::content::CHECKOUT_ID,
            stage.checkout.prompts.iter().collect::<Vec<_>>(),
        );
        for (step, prompts) in steps.chain([checkout]) {
            for prompt in prompts {
                use trustwork::content::PromptKind::*;
                let value = match prompt.kind {
                    Text | List => AnswerValue::Text(wild_text(&prompt.id)),
                    Choice => AnswerValue::Choice((0..prompt.options.len()).collect()),
                    Scale => AnswerValue::Scale(7),
                };
                wb.progress.answers.insert(
                    answer_id(&stage.id, step, &prompt.id),
                    Answer {
                        value,
                        updated_at: now(),
                        author: None,
                        private: false,
                    },
                );
            }
        }
    }
    let commitments = format!("- {}\n- {}\n- short", wild("a"), wild("b"));
    wb.progress.answers.insert(
        trustwork::domain::COMMITMENTS_ANSWER.into(),
        text(commitments),
    );
}

/// A couple workbook with a hard name, hard names of both people, every
/// answer, check-ins with hard notes, and agreements with hard texts.
fn wild_workbook(content: &Content) -> Workbook {
    let mut wb = workbook(&wild("Us"), Role::Hurt);
    wb.participants = vec![
        Participant {
            id: ALEX,
            name: wild_name("Ålex"),
            role: Role::Hurt,
            key: None,
            recipient: None,
        },
        Participant {
            id: SAM,
            name: wild_name(&long_words()[0]),
            role: Role::Caused,
            key: None,
            recipient: None,
        },
    ];
    answer_everything(content, &mut wb);
    for (i, who) in [ALEX, SAM, ALEX, SAM, ALEX].into_iter().enumerate() {
        wb.checkins.push(CheckIn {
            id: Uuid::from_u128(0xC0 + i as u128),
            created_at: at(2 + 3 * i as u32, 21),
            author: who,
            scores: Scores {
                trust: (i * 2) as u8,
                safety: 10 - i as u8,
                communication: 5,
                commitment: 10,
            },
            note: wild_text("note"),
            commitments: vec![
                CommitmentCheck {
                    commitment: wild("commitment"),
                    kept: i % 2 == 0,
                },
                CommitmentCheck {
                    commitment: long_words()[2].clone(),
                    kept: true,
                },
            ],
            private: None,
        });
    }
    let both = [ALEX, SAM];
    for (i, words) in [wild("agreed"), long_words()[1].clone(), wild("waiting")]
        .into_iter()
        .enumerate()
    {
        let mut agreement =
            Agreement::propose(&words, Some(SAM), None, at(3 + i as u32, 20)).unwrap();
        agreement.accept(SAM, &both, at(3 + i as u32, 20)).unwrap();
        if i < 2 {
            agreement.accept(ALEX, &both, at(4 + i as u32, 20)).unwrap();
        }
        agreement.id = Uuid::from_u128(0xA9 + i as u128);
        wb.agreements.push(agreement);
    }
    wb.safety.own_numbers = vec![wild("number"), "0800 123 456".into()];
    wb.safety.device_note_seen = true;
    wb
}

fn wild_journal() -> Vec<JournalEntry> {
    let moods = [
        Some(Mood::Calm),
        None,
        Some(Mood::Anxious),
        Some(Mood::Numb),
    ];
    let stages = [
        Some("acknowledge"),
        None,
        Some("self-care"),
        Some("walk-away"),
    ];
    (0..8)
        .map(|i| {
            let title = match i % 3 {
                0 => wild("title"),
                1 => String::new(),
                _ => long_words()[i % 4].clone(),
            };
            let mut e = entry(
                i as u128 + 1,
                1 + 2 * i as u32,
                &title,
                &wild_text("body"),
                stages[i % 4],
                moods[i % 4],
            );
            e.author = if i % 2 == 0 { ALEX } else { SAM };
            e
        })
        .collect()
}

/// The app opened on `wb` (with `entries` in its journal), clock fixed.
fn open(store: &mut MemoryStore, wb: Workbook, entries: Vec<JournalEntry>) -> Runtime<'_> {
    let (key, _) = store
        .create(NewWorkbook {
            name: "placeholder".into(),
            relationship: wb.relationship,
            role: wb.role(),
        })
        .unwrap();
    store.open(&key).unwrap();
    store.save(&key, &wb).unwrap();
    let mut journal = Journal::default();
    for e in entries {
        journal.upsert(e);
    }
    store.save_journal(&key, &mut journal).unwrap();
    store.close(&key);
    let mut app = start(content(), store, None).unwrap();
    set_clock(&mut app, now());
    Runtime::new(app, store)
}

fn set_clock(app: &mut App, at: DateTime<FixedOffset>) {
    app.set_clock(Clock::Fixed(at));
}

fn wild_runtime(store: &mut MemoryStore) -> Runtime<'_> {
    let content = content();
    open(store, wild_workbook(&content), wild_journal())
}

fn goto_page(rt: &mut Runtime<'_>, place: Place) {
    rt.app.screen = Screen::Page(Box::new(PageScreen::new(place)));
}

/// The first place whose step matches.
fn find_step(content: &Content, matches: impl Fn(&trustwork::content::Step) -> bool) -> Place {
    for (s, stage) in content.stages.iter().enumerate() {
        for (i, step) in stage.steps.iter().enumerate() {
            if matches(step) {
                return Place::Step(s, i);
            }
        }
    }
    panic!("no such step in the content")
}

// ---------------------------------------------------------------- tests

#[test]
fn home_and_create() {
    let mut store = MemoryStore::new();
    for (i, name) in [
        wild("First"),
        wild_name("Second"),
        long_words()[1].clone(),
        long_words()[2].clone(),
    ]
    .into_iter()
    .enumerate()
    {
        let (key, mut wb) = store
            .create(NewWorkbook {
                name,
                relationship: trustwork::domain::RelationshipKind::ALL[i],
                role: Role::ALL[i % 3],
            })
            .unwrap();
        if i == 1 {
            wb.closed_at = Some(now());
            store.open(&key).unwrap();
            store.save(&key, &wb).unwrap();
            store.close(&key);
        }
    }
    let app = start(content(), &mut store, None).unwrap();
    let mut rt = Runtime::new(app, &mut store);
    assert_eq!(rt.app.context(), Context::Home);
    assert!(shows(&rt.app, "Second 信頼 👨‍👩‍👧‍👦 Zoë́"));
    sweep("home", &rt.app);
    rt.app.discreet = true;
    sweep("home_discreet", &rt.app);
    rt.app.discreet = false;

    rt.dispatch(Action::NewWorkbook);
    assert_eq!(rt.app.context(), Context::Create);
    type_text(&mut rt, &wild("New"));
    sweep("create", &rt.app);
    // A name missing: the form says so.
    let mut store = MemoryStore::new();
    let mut rt = Runtime::new(start(content(), &mut store, None).unwrap(), &mut store);
    press(
        &mut rt,
        &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Enter],
    );
    sweep("create_first_missing_name", &rt.app);
}

#[test]
fn every_page_of_every_stage() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    let content = content();
    for (s, stage) in content.stages.iter().enumerate() {
        let places = std::iter::once(Place::Intro(s))
            .chain((0..stage.steps.len()).map(|i| Place::Step(s, i)))
            .chain([Place::Checkout(s)]);
        for place in places {
            goto_page(&mut rt, place);
            few(&format!("{place:?}"), &rt.app);
            // Scrolled down, where the long answers are.
            for _ in 0..6 {
                rt.dispatch(Action::Down);
            }
            few(&format!("{place:?} scrolled"), &rt.app);
        }
    }
}

#[test]
fn pages_overview_help_and_popup() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    let content = content();
    goto_page(&mut rt, Place::Intro(0));
    sweep("intro", &rt.app);
    goto_page(&mut rt, Place::Step(0, 0));
    assert!(shows(&rt.app, CJK));
    sweep("step", &rt.app);
    goto_page(&mut rt, find_step(&content, |s| s.exercise.is_some()));
    sweep("step_with_exercise", &rt.app);
    goto_page(&mut rt, Place::Checkout(0));
    sweep("checkout", &rt.app);

    rt.dispatch(Action::Section(Section::Stages));
    assert!(matches!(rt.app.screen, Screen::Overview(_)));
    sweep("overview", &rt.app);

    // Writing an answer: the text box with hard text and its cursor.
    goto_page(&mut rt, Place::Step(0, 0));
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::EditText);
    type_text(&mut rt, &wild("typed"));
    sweep("step_editing", &rt.app);
    press(&mut rt, &[KeyCode::Esc]);

    rt.dispatch(Action::ToggleHelp);
    sweep("help", &rt.app);
    rt.dispatch(Action::ToggleHelp);

    rt.dispatch(Action::Saved(Err(wild_text("could not save"))));
    assert!(rt.app.popup.is_some());
    assert!(shows(&rt.app, "could not save"));
    sweep("popup", &rt.app);
}

#[test]
fn breathing() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    let place = find_step(&content(), |s| s.breathing.is_some());
    goto_page(&mut rt, place);
    rt.dispatch(Action::StartBreathing);
    rt.dispatch(Action::Tick(std::time::Duration::from_millis(6500)));
    assert!(matches!(rt.app.screen, Screen::Breathing(_)));
    sweep("breathing", &rt.app);
}

#[test]
fn journal_screens() {
    let mut store = MemoryStore::new();
    let content = content();
    // A few written reflections, so the entries are near the top.
    let mut wb = wild_workbook(&content);
    wb.progress
        .answers
        .retain(|id, _| id.starts_with("acknowledge/name-what-happened/"));
    let mut rt = open(&mut store, wb, wild_journal());
    rt.dispatch(Action::Section(Section::Journal));
    assert!(matches!(rt.app.screen, Screen::Journal(_)));
    assert!(shows(&rt.app, "title 信頼"));
    sweep("journal_list", &rt.app);

    rt.dispatch(Action::Search);
    type_text(&mut rt, "信頼 👨‍👩‍👧‍👦 e\u{301}");
    sweep("journal_search", &rt.app);
    rt.dispatch(Action::Section(Section::Journal));
    assert_eq!(rt.app.context(), Context::Journal);

    rt.dispatch(Action::Select);
    assert!(matches!(rt.app.screen, Screen::Entry(_)));
    assert!(shows(&rt.app, "信信信信"));
    sweep("journal_entry", &rt.app);
    rt.dispatch(Action::Back);

    rt.dispatch(Action::NewEntry);
    assert!(matches!(rt.app.screen, Screen::EntryForm(_)));
    type_text(&mut rt, &wild("new entry"));
    rt.dispatch(Action::NextField);
    type_text(&mut rt, &wild("its title"));
    sweep("journal_form", &rt.app);
    press(&mut rt, &[KeyCode::Esc]);
    if rt.app.popup.is_some() {
        rt.dispatch(Action::Dismiss);
    }
    rt.dispatch(Action::Section(Section::Journal));

    rt.dispatch(Action::Delete);
    rt.dispatch(Action::Down);
    rt.dispatch(Action::Delete);
    rt.dispatch(Action::OpenTrash);
    assert!(matches!(rt.app.screen, Screen::Trash(_)));
    sweep("journal_trash", &rt.app);
    rt.dispatch(Action::EmptyTrash);
    sweep("journal_trash_confirm", &rt.app);
}

#[test]
fn checkin_dashboard_screening_and_safety() {
    let mut store = MemoryStore::new();
    let content = content();
    // One person, so a check-in starts with the private screening.
    let mut wb = wild_workbook(&content);
    wb.participants.truncate(1);
    let mut rt = open(&mut store, wb, wild_journal());
    rt.dispatch(Action::Section(Section::CheckIn));
    assert_eq!(rt.app.context(), Context::Screening);
    sweep("screening", &rt.app);
    for action in [
        Action::Decline,
        Action::Decline,
        Action::Decline,
        Action::Select,
    ] {
        rt.dispatch(action);
    }
    assert!(matches!(rt.app.screen, Screen::CheckIn(_)));
    for digit in ['3', '9', '0', '7'] {
        press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
    }
    sweep("checkin_form", &rt.app);
    // The note, written with hard text.
    for _ in 0..12 {
        if rt.app.context() == Context::EditText {
            break;
        }
        press(&mut rt, &[KeyCode::Down]);
        rt.dispatch(Action::Edit);
    }
    assert_eq!(rt.app.context(), Context::EditText, "the note");
    type_text(&mut rt, &wild("note"));
    sweep("checkin_note", &rt.app);
    press(&mut rt, &[KeyCode::Esc]);
    rt.dispatch(Action::Back);
    assert_eq!(rt.app.context(), Context::CheckInLeave);
    sweep("checkin_leave", &rt.app);
    rt.dispatch(Action::Confirm);

    rt.dispatch(Action::Section(Section::Progress));
    assert!(matches!(rt.app.screen, Screen::Dashboard(_)));
    sweep("dashboard", &rt.app);
    for _ in 0..30 {
        rt.dispatch(Action::ScrollDown);
    }
    few("dashboard_scrolled", &rt.app);

    // A "yes" on the screening leads to the safety screen.
    rt.dispatch(Action::Section(Section::CheckIn));
    for action in [Action::Confirm, Action::Decline, Action::Decline] {
        rt.dispatch(action);
    }
    rt.dispatch(Action::Select);
    if !matches!(rt.app.screen, Screen::Safety(_)) {
        press(&mut rt, &[KeyCode::Enter]);
    }
    assert!(
        matches!(rt.app.screen, Screen::Safety(_)),
        "{:?}",
        rt.app.context()
    );
    sweep("safety", &rt.app);
}

#[test]
fn decision_aid_and_counsellor_summary() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    let content = content();
    goto_page(
        &mut rt,
        find_step(&content, |s| s.tool.as_deref() == Some("decision-aid")),
    );
    rt.dispatch(Action::OpenTool);
    assert!(matches!(rt.app.screen, Screen::Decision(_)));
    sweep("decision_aid", &rt.app);

    goto_page(
        &mut rt,
        find_step(&content, |s| {
            s.tool.as_deref() == Some("counsellor-summary")
        }),
    );
    rt.dispatch(Action::OpenTool);
    assert!(matches!(rt.app.screen, Screen::Counsellor(_)));
    for _ in 0..4 {
        press(&mut rt, &[KeyCode::Char(' '), KeyCode::Down]);
    }
    sweep("counsellor_summary", &rt.app);
}

// ---------------------------------------------------------------- couple

fn say(rt: &mut Runtime<'_>, words: &str) {
    type_text(rt, words);
    press(rt, &[KeyCode::Enter]);
}

#[test]
fn couple_hub_setup_floor_time_out_and_summary() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    {
        let session = rt.app.session.as_ref().unwrap();
        rt.app.screen =
            Screen::Partners(Box::new(PartnersScreen::new(session, AfterPartners::Start)));
    }
    sweep("partners", &rt.app);

    rt.dispatch(Action::Section(Section::Talk));
    assert_eq!(rt.app.context(), Context::Talk);
    sweep("talk_hub", &rt.app);

    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkSetup);
    type_text(&mut rt, &wild("topic"));
    sweep("talk_setup", &rt.app);
    press(
        &mut rt,
        &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Right],
    );
    press(&mut rt, &[KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::TalkRules);
    sweep("talk_rules", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    assert!(matches!(rt.app.screen, Screen::Floor(_)));

    type_text(&mut rt, &wild("speaking"));
    // The box scrolls to the cursor: the end of what was typed.
    assert!(shows(&rt.app, "信信信信"));
    sweep("floor_speak", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    type_text(&mut rt, &wild("paraphrase"));
    set_clock(&mut rt.app, now() + Duration::seconds(150));
    sweep("floor_paraphrase_time_up", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    sweep("floor_confirm", &rt.app);
    press(&mut rt, &[KeyCode::Char('n')]);
    type_text(&mut rt, &wild("missed"));
    sweep("floor_correct", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    say(&mut rt, &wild("again"));
    press(&mut rt, &[KeyCode::Char('y')]);
    sweep("floor_more", &rt.app);
    press(&mut rt, &[KeyCode::Char('n')]);
    type_text(&mut rt, &wild("validate"));
    sweep("floor_validate", &rt.app);
    press(&mut rt, &[KeyCode::Tab, KeyCode::Enter]);
    sweep("floor_done", &rt.app);

    rt.key(ctrl('g'));
    type_text(&mut rt, &wild("proposal"));
    sweep("floor_propose", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    sweep("floor_vote", &rt.app);
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Char('y')]);

    rt.key(ctrl('t'));
    assert!(
        matches!(rt.app.screen, Screen::TimeOut(_)),
        "{:?}",
        rt.app.context()
    );
    sweep("time_out", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);

    rt.key(ctrl('e'));
    sweep("floor_ask_end", &rt.app);
    press(&mut rt, &[KeyCode::Char('y')]);
    if rt.app.context() == Context::Question {
        press(&mut rt, &[KeyCode::Char('n')]);
    }
    assert!(
        matches!(rt.app.screen, Screen::TalkSummary(_)),
        "{:?}",
        rt.app.context()
    );
    sweep("talk_summary", &rt.app);
    press(&mut rt, &[KeyCode::Enter]);
    sweep("talk_hub_with_history", &rt.app);
}

#[test]
fn couple_agreements_and_private_checkin() {
    let mut store = MemoryStore::new();
    let mut rt = wild_runtime(&mut store);
    rt.dispatch(Action::Section(Section::Talk));
    press(&mut rt, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(rt.app.context(), Context::Agreements);
    assert!(shows(&rt.app, "agreed 信頼"));
    sweep("agreements", &rt.app);
    press(&mut rt, &[KeyCode::Down, KeyCode::Down]);
    few("agreements_down", &rt.app);
    press(&mut rt, &[KeyCode::Char('a')]);
    type_text(&mut rt, &wild("new agreement"));
    sweep("agreements_write", &rt.app);
    press(&mut rt, &[KeyCode::Esc]);

    rt.dispatch(Action::Section(Section::CheckIn));
    assert_eq!(rt.app.context(), Context::LookAway);
    sweep("look_away", &rt.app);
    for scores in [['7', '8', '6', '9'], ['3', '4', '5', '2']] {
        press(&mut rt, &[KeyCode::Enter]);
        through_screening(&mut rt);
        for digit in scores {
            press(&mut rt, &[KeyCode::Char(digit), KeyCode::Down]);
        }
        press(&mut rt, &[KeyCode::Char('s')]);
    }
    assert_eq!(rt.app.context(), Context::Reveal);
    sweep("reveal_question", &rt.app);
    press(&mut rt, &[KeyCode::Char('y'), KeyCode::Char('y')]);
    sweep("revealed", &rt.app);
}
