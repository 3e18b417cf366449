#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate};

use super::*;
use crate::domain::Scores;

fn new_workbook() -> Workbook {
    Workbook::new(NewWorkbook {
        name: "Sam".into(),
        relationship: RelationshipKind::Partner,
        role: Role::Hurt,
    })
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A workbook whose last check-in was on Wednesday 18 November 2026, late
/// in the evening.
fn checked_in(interval: u32) -> Workbook {
    let mut workbook = new_workbook();
    let scores = Scores {
        trust: 5,
        safety: 5,
        communication: 5,
        commitment: 5,
    };
    let mut checkin = CheckIn::new(
        workbook.default_author(),
        scores,
        String::new(),
        crate::domain::now(),
    );
    checkin.created_at = DateTime::parse_from_rfc3339("2026-11-18T23:30:00+01:00").unwrap();
    workbook.checkins.push(checkin);
    workbook.checkin_interval_days = interval;
    workbook
}

#[test]
fn after_seven_days_names_the_day_seven_days_later() {
    let workbook = checked_in(7);
    let the_day_after = day("2026-11-19");
    assert_eq!(workbook.next_checkin(the_day_after), day("2026-11-25"));
    // Every place that says when agrees: it is due that very day, not
    // the day before.
    assert!(!workbook.checkin_due(day("2026-11-24")));
    assert!(workbook.checkin_due(day("2026-11-25")));
    assert_eq!(workbook.days_since_checkin(day("2026-11-25")), Some(7));
    // Once due, the next is today.
    assert_eq!(workbook.next_checkin(day("2026-12-01")), day("2026-12-01"));
}

#[test]
fn after_a_day_is_the_next_day_and_none_yet_is_today() {
    let workbook = checked_in(1);
    assert_eq!(workbook.next_checkin(day("2026-11-18")), day("2026-11-19"));
    assert!(!workbook.checkin_due(day("2026-11-18")));
    assert!(workbook.checkin_due(day("2026-11-19")));

    let fresh = new_workbook();
    let today = day("2026-11-18");
    assert_eq!(fresh.next_checkin(today), today);
    assert!(fresh.checkin_due(today));
}
