#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, FixedOffset};
use uuid::Uuid;

use super::*;

const A: Uuid = Uuid::from_u128(0xa);
const B: Uuid = Uuid::from_u128(0xb);

fn at(seconds: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-03-01T20:00:00+01:00").unwrap() + Duration::seconds(seconds)
}

fn started() -> Conversation {
    Conversation::start(
        "  The weekend trip ",
        Some("talking"),
        [A, B],
        A,
        None,
        at(0),
    )
    .unwrap()
}

fn say(text: &str) -> Event {
    Event::Say(Note::typed(text))
}

fn paraphrase(text: &str) -> Event {
    Event::Paraphrase(Note::typed(text))
}

/// The events that take a fresh turn to `step`.
fn path_to(step: Step) -> Vec<Event> {
    let all = [
        say("I felt left out."),
        paraphrase("You felt left out."),
        Event::Confirm,
        Event::NoMore,
        Event::Validate(Note::aloud()),
    ];
    let n = match step {
        Step::Speak => 0,
        Step::Paraphrase => 1,
        Step::Confirm => 2,
        Step::More => 3,
        Step::Validate => 4,
        Step::Done => 5,
    };
    all.into_iter().take(n).collect()
}

fn at_step(step: Step) -> Conversation {
    let mut c = started();
    for (i, e) in path_to(step).into_iter().enumerate() {
        c.apply(e, at(10 * (i as i64 + 1))).unwrap();
    }
    assert_eq!(c.step(), Some(step));
    c
}

fn every_event() -> Vec<Event> {
    vec![
        say("x"),
        paraphrase("x"),
        Event::Confirm,
        Event::NotQuite("x".into()),
        Event::More,
        Event::NoMore,
        Event::Validate(Note::typed("x")),
        Event::Skip,
    ]
}

/// Where each legal event leads; every other pair is illegal.
fn legal(step: Step, event: &Event) -> Option<Step> {
    Some(match (step, event) {
        (Step::Speak, Event::Say(_)) => Step::Paraphrase,
        (Step::Paraphrase, Event::Paraphrase(_)) => Step::Confirm,
        (Step::Paraphrase | Step::Confirm, Event::Skip) => Step::More,
        (Step::Confirm, Event::Confirm) => Step::More,
        (Step::Confirm, Event::NotQuite(_)) => Step::Paraphrase,
        (Step::More, Event::More) => Step::Speak,
        (Step::More, Event::NoMore) => Step::Validate,
        (Step::Validate, Event::Validate(_) | Event::Skip) => Step::Done,
        _ => return None,
    })
}

const STEPS: [Step; 6] = [
    Step::Speak,
    Step::Paraphrase,
    Step::Confirm,
    Step::More,
    Step::Validate,
    Step::Done,
];

#[test]
fn start_checks_its_inputs() {
    let c = started();
    assert_eq!(c.topic, "The weekend trip");
    assert_eq!(c.stage.as_deref(), Some("talking"));
    assert_eq!(c.step(), Some(Step::Speak));
    assert_eq!((c.speaker(), c.listener()), (Some(A), Some(B)));
    assert_eq!(c.turns.len(), 1);
    assert_eq!(c.partner_of(A), Some(B));
    assert_eq!(c.partner_of(Uuid::nil()), None);

    let second = Conversation::start("t", Some("  "), [A, B], B, Some(5), at(0)).unwrap();
    assert_eq!(second.stage, None);
    assert_eq!((second.speaker(), second.listener()), (Some(B), Some(A)));

    let start = |topic, partners, first, minutes| {
        Conversation::start(topic, None, partners, first, minutes, at(0))
    };
    assert_eq!(start(" \n", [A, B], A, None), Err(Illegal::EmptyTopic));
    assert_eq!(start("t", [A, A], A, None), Err(Illegal::SamePerson));
    assert_eq!(
        start("t", [A, B], Uuid::nil(), None),
        Err(Illegal::NotAPartner)
    );
    assert_eq!(start("t", [A, B], A, Some(0)), Err(Illegal::ZeroMinutes));
}

#[test]
fn every_legal_transition_moves_and_clears_the_draft() {
    for step in STEPS {
        for event in every_event() {
            let Some(expected) = legal(step, &event) else {
                continue;
            };
            let mut c = at_step(step);
            c.set_draft("half a sentence").unwrap();
            c.apply(event.clone(), at(100)).unwrap();
            assert_eq!(c.step(), Some(expected), "{step} + {}", event.name());
            assert_eq!(c.draft(), "");
            let turn = c.current().unwrap();
            assert_eq!(turn.ended_at.is_some(), expected == Step::Done);
        }
    }
}

#[test]
fn every_illegal_event_is_refused_and_changes_nothing() {
    let mut refused = 0;
    for step in STEPS {
        for event in every_event() {
            if legal(step, &event).is_some() {
                continue;
            }
            let mut c = at_step(step);
            c.set_draft("half a sentence").unwrap();
            let before = c.clone();
            let name = event.name();
            assert_eq!(
                c.apply(event, at(100)),
                Err(Illegal::NotNow { step, event: name })
            );
            assert_eq!(c, before, "{step} + {name}");
            refused += 1;
        }
    }
    // 6 steps × 8 events, minus the 10 legal pairs.
    assert_eq!(refused, 38);
}

#[test]
fn a_whole_turn_records_what_was_said() {
    let mut c = started();
    c.apply(say("  I felt left out.  "), at(10)).unwrap();
    c.apply(paraphrase("You felt alone."), at(20)).unwrap();
    c.apply(Event::Confirm, at(30)).unwrap();
    c.apply(Event::NoMore, at(40)).unwrap();
    c.apply(Event::Validate(Note::typed("It makes sense.")), at(50))
        .unwrap();
    let turn = c.current().unwrap();
    assert_eq!(turn.step, Step::Done);
    assert_eq!(turn.ended_at, Some(at(50)));
    assert_eq!(turn.rounds.len(), 1);
    assert_eq!(turn.rounds[0].said, Note::typed("I felt left out."));
    assert_eq!(
        turn.rounds[0].paraphrases,
        vec![Paraphrase {
            note: Note::typed("You felt alone."),
            confirmed: true,
            correction: None
        }]
    );
    assert_eq!(turn.validation, Some(Note::typed("It makes sense.")));
    assert!(turn.skipped.is_empty());
}

#[test]
fn notes_need_words_or_a_tick() {
    for step in [Step::Speak, Step::Paraphrase, Step::Validate] {
        let mut c = at_step(step);
        let before = c.clone();
        let empty = Note {
            text: " \n ".into(),
            aloud: false,
        };
        let event = match step {
            Step::Speak => Event::Say(empty),
            Step::Paraphrase => Event::Paraphrase(empty),
            _ => Event::Validate(empty),
        };
        assert_eq!(c.apply(event, at(100)), Err(Illegal::EmptyNote));
        assert_eq!(c, before);
    }
    let mut c = started();
    c.apply(Event::Say(Note::aloud()), at(1)).unwrap();
    assert_eq!(c.current().unwrap().rounds[0].said, Note::aloud());
    let both = Note {
        text: " and also this ".into(),
        aloud: true,
    };
    c.apply(Event::Paraphrase(both), at(2)).unwrap();
    let p = &c.current().unwrap().rounds[0].paraphrases[0].note;
    assert_eq!((p.text.as_str(), p.aloud), ("and also this", true));
}

#[test]
fn not_quite_loops_back_and_records_the_correction() {
    let mut c = at_step(Step::Confirm);
    c.apply(Event::NotQuite("  Not angry: hurt. ".into()), at(100))
        .unwrap();
    assert_eq!(c.step(), Some(Step::Paraphrase));
    c.apply(paraphrase("You were hurt."), at(110)).unwrap();
    c.apply(Event::NotQuite(String::new()), at(120)).unwrap();
    c.apply(paraphrase("Hurt, and alone."), at(130)).unwrap();
    c.apply(Event::Confirm, at(140)).unwrap();
    assert_eq!(c.step(), Some(Step::More));
    let ps = &c.current().unwrap().rounds[0].paraphrases;
    let summary: Vec<_> = ps
        .iter()
        .map(|p| (p.confirmed, p.correction.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (false, Some("Not angry: hurt.")),
            (false, Some("")),
            (true, None)
        ]
    );
    assert_eq!(c.paraphrases_confirmed(), 1);
}

#[test]
fn is_there_more_adds_a_round() {
    let mut c = at_step(Step::More);
    c.apply(Event::More, at(100)).unwrap();
    assert_eq!(c.step(), Some(Step::Speak));
    c.apply(say("And I was scared."), at(110)).unwrap();
    c.apply(paraphrase("Scared too."), at(120)).unwrap();
    c.apply(Event::Confirm, at(130)).unwrap();
    let turn = c.current().unwrap();
    assert_eq!(turn.rounds.len(), 2);
    assert_eq!(turn.rounds[1].said.text, "And I was scared.");
    assert_eq!(turn.rounds[1].paraphrases.len(), 1);
    assert_eq!((c.speaker(), c.listener()), (Some(A), Some(B)));
}

#[test]
fn skips_are_recorded() {
    let mut c = at_step(Step::Paraphrase);
    c.apply(Event::Skip, at(100)).unwrap();
    assert_eq!(c.step(), Some(Step::More));
    assert!(c.current().unwrap().rounds[0].paraphrases.is_empty());
    c.apply(Event::More, at(110)).unwrap();
    c.apply(say("More."), at(120)).unwrap();
    c.apply(paraphrase("More."), at(130)).unwrap();
    c.apply(Event::Skip, at(140)).unwrap();
    let waiting = &c.current().unwrap().rounds[1].paraphrases[0];
    assert_eq!(
        (waiting.confirmed, waiting.correction.as_ref()),
        (false, None)
    );
    c.apply(Event::NoMore, at(150)).unwrap();
    c.apply(Event::Skip, at(160)).unwrap();
    let turn = c.current().unwrap();
    assert_eq!(turn.step, Step::Done);
    assert_eq!(turn.ended_at, Some(at(160)));
    assert_eq!(turn.validation, None);
    assert_eq!(
        turn.skipped,
        vec![Step::Paraphrase, Step::Confirm, Step::Validate]
    );
    assert_eq!(c.skips(), 3);
    // A skipped validation still completes the turn.
    assert_eq!(c.turns_taken(), 1);
}

#[test]
fn next_turn_swaps_roles_only_when_done() {
    for step in &STEPS[..5] {
        let mut c = at_step(*step);
        let before = c.clone();
        assert_eq!(
            c.next_turn(at(100)),
            Err(Illegal::NotNow {
                step: *step,
                event: "next-turn"
            })
        );
        assert_eq!(c, before);
    }
    let mut c = at_step(Step::Done);
    c.next_turn(at(100)).unwrap();
    assert_eq!((c.speaker(), c.listener()), (Some(B), Some(A)));
    assert_eq!(c.step(), Some(Step::Speak));
    assert_eq!(c.current().unwrap().started_at, at(100));
    assert_eq!(c.turns.len(), 2);
    assert_eq!(c.turns[0].speaker, A);
}

#[test]
fn drafts_are_kept_until_said() {
    let mut c = started();
    assert_eq!(c.draft(), "");
    c.set_draft("I felt").unwrap();
    assert_eq!(c.draft(), "I felt");
    assert!(c.apply(Event::Confirm, at(1)).is_err());
    assert_eq!(c.draft(), "I felt");
    c.apply(say("I felt alone."), at(2)).unwrap();
    assert_eq!(c.draft(), "");
}

#[test]
fn json_round_trip_mid_turn_then_carry_on() {
    let mut c = at_step(Step::Confirm);
    c.apply(Event::NotQuite("scared, not angry".into()), at(60))
        .unwrap();
    c.set_draft("You were scar").unwrap();
    c.add_agreement(Uuid::from_u128(7));

    let json = serde_json::to_string_pretty(&c).unwrap();
    let mut back: Conversation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);

    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let turn = &value["turns"][0];
    assert_eq!(turn["step"], "paraphrase");
    assert_eq!(turn["draft"], "You were scar");
    assert_eq!(
        turn["rounds"][0]["paraphrases"][0]["correction"],
        "scared, not angry"
    );
    assert!(turn.get("paused_seconds").is_none());
    assert!(value.get("ended_at").is_none());
    assert!(value.get("time_outs").is_none());

    back.apply(paraphrase("You were scared."), at(70)).unwrap();
    back.apply(Event::Confirm, at(80)).unwrap();
    back.apply(Event::NoMore, at(90)).unwrap();
    back.apply(Event::Validate(Note::aloud()), at(100)).unwrap();
    back.next_turn(at(110)).unwrap();
    assert_eq!(back.speaker(), Some(B));
    assert_eq!(back.turns_taken(), 1);
}

#[test]
fn end_makes_everything_illegal() {
    for step in STEPS {
        let mut c = at_step(step);
        c.set_draft("unsent").unwrap();
        c.end(at(500)).unwrap();
        assert!(c.is_ended());
        assert_eq!(c.ended_at, Some(at(500)));
        assert_eq!((c.current(), c.step(), c.speaker()), (None, None, None));
        let last = c.turns.last().unwrap();
        assert_eq!(last.step, step, "the step is kept as it stood");
        assert_eq!(last.draft, "unsent", "typed words are kept");
        assert!(last.ended_at.is_some());
        let before = c.clone();
        for event in every_event() {
            assert_eq!(c.apply(event, at(600)), Err(Illegal::Ended));
        }
        assert_eq!(c.next_turn(at(600)), Err(Illegal::Ended));
        assert_eq!(c.set_draft("x"), Err(Illegal::Ended));
        assert_eq!(c.set_turn_minutes(Some(3)), Err(Illegal::Ended));
        assert_eq!(c.call_time_out(None, 5, at(600)), Err(Illegal::Ended));
        assert_eq!(c.resume(at(600)), Err(Illegal::Ended));
        assert_eq!(c.set_return_at(at(900)), Err(Illegal::Ended));
        assert_eq!(c.end(at(600)), Err(Illegal::Ended));
        assert_eq!(c, before);
    }
    // A turn that was already done keeps its own end time.
    let mut c = at_step(Step::Done);
    c.end(at(500)).unwrap();
    assert_eq!(c.turns[0].ended_at, Some(at(50)));
}

#[test]
fn counts_after_a_two_turn_conversation() {
    let mut c = started();
    // A speaks; B gets it on the second try; A has more; B skips the
    // paraphrase; B validates.
    c.apply(say("I felt left out."), at(10)).unwrap();
    c.apply(paraphrase("You were angry."), at(20)).unwrap();
    c.apply(Event::NotQuite("hurt".into()), at(30)).unwrap();
    c.apply(paraphrase("You were hurt."), at(40)).unwrap();
    c.apply(Event::Confirm, at(50)).unwrap();
    c.apply(Event::More, at(60)).unwrap();
    c.apply(say("And tired."), at(70)).unwrap();
    c.apply(Event::Skip, at(80)).unwrap();
    c.apply(Event::NoMore, at(90)).unwrap();
    c.apply(Event::Validate(Note::aloud()), at(100)).unwrap();
    c.call_time_out(Some(B), 10, at(110)).unwrap();
    c.resume(at(400)).unwrap();
    c.next_turn(at(410)).unwrap();
    // B speaks; A paraphrases, B confirms; A skips the validation.
    c.apply(say("I was scared to bring it up."), at(420))
        .unwrap();
    c.apply(paraphrase("You were scared."), at(430)).unwrap();
    c.apply(Event::Confirm, at(440)).unwrap();
    c.apply(Event::NoMore, at(450)).unwrap();
    c.apply(Event::Skip, at(460)).unwrap();
    c.add_agreement(Uuid::from_u128(1));
    c.add_agreement(Uuid::from_u128(1));
    c.end(at(470)).unwrap();

    assert_eq!(c.turns_taken(), 2);
    assert_eq!(c.paraphrases_confirmed(), 2);
    assert_eq!(c.skips(), 2);
    assert_eq!(c.time_out_count(), 1);
    assert_eq!(c.agreements, vec![Uuid::from_u128(1)]);
    assert_eq!([c.turns[0].speaker, c.turns[1].speaker], [A, B]);
    // The break came between turns, so it paused neither.
    assert_eq!(c.turns[0].paused_seconds, 0);
    assert_eq!(c.turns[1].paused_seconds, 0);
}

#[test]
fn events_have_readable_json() {
    let json = serde_json::to_value(Event::Say(Note::aloud())).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "say", "value": {"aloud": true}})
    );
    let json = serde_json::to_value(Event::NoMore).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "no-more"}));
    assert_eq!(
        Illegal::NotNow {
            step: Step::More,
            event: "skip"
        }
        .to_string(),
        "can't skip at the more step"
    );
}
