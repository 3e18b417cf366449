#![allow(clippy::unwrap_used)]

use super::*;

fn at(minute: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2025-03-01T20:{minute:02}:00+01:00")).unwrap()
}

fn ids() -> (Uuid, Uuid, Uuid) {
    (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3))
}

fn proposed(by: Uuid) -> Agreement {
    Agreement::propose("  No phones at dinner. ", Some(by), None, at(0)).unwrap()
}

fn kinds(a: &Agreement) -> Vec<AgreementEventKind> {
    a.history.iter().map(|e| e.kind.clone()).collect()
}

#[test]
fn proposing_trims_and_does_not_accept() {
    let (a, b, _) = ids();
    let conv = Uuid::from_u128(9);
    let ag = Agreement::propose(" Call if late ", Some(a), Some(conv), at(0)).unwrap();
    assert_eq!(ag.text, "Call if late");
    assert_eq!(ag.status, AgreementStatus::Proposed);
    assert_eq!(ag.proposed_by, Some(a));
    assert_eq!(ag.conversation, Some(conv));
    assert!(ag.accepted_by.is_empty());
    assert_eq!(ag.waiting_for(&[a, b]), vec![a, b]);
    assert_eq!(
        kinds(&ag),
        vec![AgreementEventKind::Proposed {
            text: "Call if late".into()
        }]
    );
    assert_eq!(
        Agreement::propose("  \n ", Some(a), None, at(0)),
        Err(AgreementError::EmptyText)
    );
}

#[test]
fn both_must_accept_and_one_is_not_enough() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    assert_eq!(ag.accept(a, &[a, b], at(1)), Ok(false));
    assert!(!ag.is_active());
    assert_eq!(ag.waiting_for(&[a, b]), vec![b]);
    assert_eq!(ag.accept(b, &[a, b], at(2)), Ok(true));
    assert!(ag.is_active());
    assert!(ag.waiting_for(&[a, b]).is_empty());
    assert_eq!(
        kinds(&ag)[1..],
        [
            AgreementEventKind::Accepted,
            AgreementEventKind::Accepted,
            AgreementEventKind::Active
        ]
    );
    assert_eq!(ag.history[2].by, Some(b));
    assert_eq!(ag.history[3].by, None);
    assert_eq!(ag.history[3].at, at(2));
}

#[test]
fn one_person_workbook_needs_one_acceptance() {
    let (a, _, _) = ids();
    let mut ag = proposed(a);
    assert_eq!(ag.accept(a, &[a], at(1)), Ok(true));
    assert!(ag.is_active());
}

#[test]
fn double_accept_is_harmless() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a, b], at(1)).unwrap();
    let before = ag.clone();
    assert_eq!(ag.accept(a, &[a, b], at(2)), Ok(false));
    assert_eq!(ag, before);
}

#[test]
fn non_participant_is_refused() {
    let (a, b, c) = ids();
    let mut ag = proposed(a);
    let before = ag.clone();
    assert_eq!(
        ag.accept(c, &[a, b], at(1)),
        Err(AgreementError::NotAParticipant)
    );
    assert_eq!(
        ag.accept(a, &[], at(1)),
        Err(AgreementError::NotAParticipant)
    );
    assert_eq!(ag, before);
}

#[test]
fn accepting_only_while_proposed() {
    let (a, _, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a], at(1)).unwrap();
    let before = ag.clone();
    assert_eq!(
        ag.accept(a, &[a], at(2)),
        Err(AgreementError::NotNow {
            status: AgreementStatus::Active,
            action: "accept"
        })
    );
    assert_eq!(ag, before);
}

#[test]
fn revise_needs_everyone_again_and_keeps_history() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a, b], at(1)).unwrap();
    ag.accept(b, &[a, b], at(2)).unwrap();
    ag.revise(" No phones at meals. ", Some(b), at(3)).unwrap();
    assert_eq!(ag.text, "No phones at meals.");
    assert_eq!(ag.status, AgreementStatus::Proposed);
    assert!(ag.accepted_by.is_empty());
    assert_eq!(ag.waiting_for(&[a, b]), vec![a, b]);
    assert_eq!(
        ag.history.last().unwrap().kind,
        AgreementEventKind::Revised {
            from: "No phones at dinner.".into(),
            to: "No phones at meals.".into()
        }
    );
    assert_eq!(ag.accept(b, &[a, b], at(4)), Ok(false));
    assert_eq!(ag.accept(a, &[a, b], at(5)), Ok(true));
    use AgreementEventKind::{Accepted, Active, Proposed, Revised};
    let shape: Vec<_> = kinds(&ag)
        .iter()
        .map(|k| match k {
            Proposed { .. } => "proposed",
            Accepted => "accepted",
            Active => "active",
            Revised { .. } => "revised",
            _ => "other",
        })
        .collect();
    assert_eq!(
        shape,
        [
            "proposed", "accepted", "accepted", "active", "revised", "accepted", "accepted",
            "active"
        ]
    );

    let before = ag.clone();
    assert_eq!(
        ag.revise("No phones at meals.", None, at(6)),
        Err(AgreementError::Unchanged)
    );
    assert_eq!(ag.revise(" ", None, at(6)), Err(AgreementError::EmptyText));
    assert_eq!(ag, before);
}

#[test]
fn decline_keeps_it_proposed_and_withdraws_a_yes() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a, b], at(1)).unwrap();
    ag.decline(a, at(2)).unwrap();
    ag.decline(b, at(2)).unwrap();
    assert_eq!(ag.status, AgreementStatus::Proposed);
    assert_eq!(ag.waiting_for(&[a, b]), vec![a, b]);
    assert_eq!(
        kinds(&ag)[2..],
        [AgreementEventKind::Declined, AgreementEventKind::Declined]
    );
    // Reworded after talking it over, then accepted by both.
    ag.revise("No phones at dinner on weekdays.", Some(b), at(3))
        .unwrap();
    ag.accept(a, &[a, b], at(4)).unwrap();
    assert!(ag.accept(b, &[a, b], at(5)).unwrap());
}

#[test]
fn retire_keeps_it_with_history() {
    let (a, _, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a], at(1)).unwrap();
    ag.retire(Some(a), at(2)).unwrap();
    assert_eq!(ag.status, AgreementStatus::Retired);
    assert_eq!(ag.text, "No phones at dinner.");
    assert_eq!(ag.history.len(), 4);
    assert!(!ag.is_active());
    assert!(ag.waiting_for(&[a]).is_empty());
    let before = ag.clone();
    assert!(ag.retire(None, at(3)).is_err());
    assert!(ag.revise("Other", None, at(3)).is_err());
    assert!(ag.accept(a, &[a], at(3)).is_err());
    assert!(ag.decline(a, at(3)).is_err());
    assert!(ag.drop_unaccepted(at(3)).is_err());
    assert_eq!(ag, before);
}

#[test]
fn drop_unaccepted_only_while_proposed() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a, b], at(1)).unwrap();
    ag.drop_unaccepted(at(2)).unwrap();
    assert_eq!(ag.status, AgreementStatus::Dropped);
    assert_eq!(ag.history.last().unwrap().kind, AgreementEventKind::Dropped);
    assert!(ag.accept(b, &[a, b], at(3)).is_err());

    let mut active = proposed(a);
    active.accept(a, &[a], at(1)).unwrap();
    assert_eq!(
        active.drop_unaccepted(at(2)),
        Err(AgreementError::NotNow {
            status: AgreementStatus::Active,
            action: "drop"
        })
    );
    assert!(active.is_active());
}

#[test]
fn json_is_readable_and_round_trips() {
    let (a, b, _) = ids();
    let mut ag = proposed(a);
    ag.accept(a, &[a, b], at(1)).unwrap();
    ag.accept(b, &[a, b], at(2)).unwrap();
    ag.revise("No phones at meals.", Some(b), at(3)).unwrap();
    let json = serde_json::to_value(&ag).unwrap();
    assert_eq!(json["status"], "proposed");
    assert_eq!(
        json["history"][4],
        serde_json::json!({
            "at": "2025-03-01T20:03:00+01:00",
            "by": b,
            "kind": "revised",
            "from": "No phones at dinner.",
            "to": "No phones at meals."
        })
    );
    assert_eq!(
        json["history"][3],
        serde_json::json!({"at": "2025-03-01T20:02:00+01:00", "kind": "active"})
    );
    assert!(json.get("accepted_by").is_none());
    let back: Agreement = serde_json::from_value(json).unwrap();
    assert_eq!(back, ag);
}
