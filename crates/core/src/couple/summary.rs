//! What a finished talk comes to: the topic, the turns taken, the
//! paraphrases confirmed, the agreements made, and when to check in next.
//! Worked out once when the talk ends, then kept on the conversation, so
//! the record stays as it was even if an agreement is later retired.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Agreement, AgreementStatus, Conversation};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub topic: String,
    pub turns_taken: usize,
    pub paraphrases_confirmed: usize,
    #[serde(default)]
    pub steps_skipped: usize,
    #[serde(default)]
    pub time_outs: usize,
    /// Agreements both accepted during the talk, as worded then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<String>,
    /// Proposals that did not get both yeses (dropped, no blame).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_agreed: Vec<String>,
    /// When the next check-in is suggested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_checkin: Option<NaiveDate>,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: DateTime<FixedOffset>,
}

impl Summary {
    /// The summary of `talk` (ended at `ended_at`), reading the fate of its
    /// proposals from the workbook's `agreements`.
    pub fn of(
        talk: &Conversation,
        agreements: &[Agreement],
        next_checkin: Option<NaiveDate>,
        ended_at: DateTime<FixedOffset>,
    ) -> Self {
        let proposed = || {
            talk.agreements
                .iter()
                .filter_map(|id| agreements.iter().find(|a| a.id == *id))
        };
        Self {
            topic: talk.topic.clone(),
            turns_taken: talk.turns_taken(),
            paraphrases_confirmed: talk.paraphrases_confirmed(),
            steps_skipped: talk.skips(),
            time_outs: talk.time_out_count(),
            agreements: proposed()
                .filter(|a| a.status == AgreementStatus::Active)
                .map(|a| a.text.clone())
                .collect(),
            not_agreed: proposed()
                .filter(|a| a.status != AgreementStatus::Active)
                .map(|a| a.text.clone())
                .collect(),
            next_checkin,
            started_at: talk.started_at,
            ended_at,
        }
    }

    /// The summary as plain text, for the journal (and so for exports):
    /// one fact per line, readable without the app.
    pub fn to_text(&self) -> String {
        let mut lines = vec![
            format!("Topic: {}", self.topic),
            format!(
                "Turns taken: {} · Paraphrases confirmed: {}",
                self.turns_taken, self.paraphrases_confirmed
            ),
        ];
        if self.steps_skipped > 0 || self.time_outs > 0 {
            lines.push(format!(
                "Steps skipped on purpose: {} · Time-outs: {}",
                self.steps_skipped, self.time_outs
            ));
        }
        if self.agreements.is_empty() {
            lines.push("Agreements made: none this time".into());
        } else {
            lines.push("Agreements made:".into());
            lines.extend(self.agreements.iter().map(|a| format!("- {a}")));
        }
        if !self.not_agreed.is_empty() {
            lines.push("Proposed, not agreed (for another time):".into());
            lines.extend(self.not_agreed.iter().map(|a| format!("- {a}")));
        }
        if let Some(date) = self.next_checkin {
            lines.push(format!("Next check-in: {}", date.format("%A %-d %B %Y")));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;
    use uuid::Uuid;

    use super::*;
    use crate::couple::{Event, Note};

    fn at(minute: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 23, 20, minute, 0)
            .unwrap()
    }

    #[test]
    fn counts_and_agreements_come_from_the_talk() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let mut talk = Conversation::start("Evenings", None, [a, b], a, None, at(0)).unwrap();
        for event in [
            Event::Say(Note::typed("I miss our evenings")),
            Event::Paraphrase(Note::aloud()),
            Event::Confirm,
            Event::NoMore,
            Event::Validate(Note::aloud()),
        ] {
            talk.apply(event, at(1)).unwrap();
        }
        let mut kept =
            Agreement::propose("Phones away at dinner", None, Some(talk.id), at(2)).unwrap();
        kept.accept(a, &[a, b], at(2)).unwrap();
        kept.accept(b, &[a, b], at(2)).unwrap();
        let mut dropped = Agreement::propose("Walk daily", None, Some(talk.id), at(3)).unwrap();
        dropped.drop_unaccepted(at(4)).unwrap();
        talk.add_agreement(kept.id);
        talk.add_agreement(dropped.id);
        let next = NaiveDate::from_ymd_opt(2026, 11, 30);
        let summary = Summary::of(&talk, &[kept, dropped], next, at(5));
        assert_eq!(summary.turns_taken, 1);
        assert_eq!(summary.paraphrases_confirmed, 1);
        assert_eq!(summary.agreements, vec!["Phones away at dinner"]);
        assert_eq!(summary.not_agreed, vec!["Walk daily"]);
        let text = summary.to_text();
        assert!(text.contains("Topic: Evenings"), "{text}");
        assert!(text.contains("- Phones away at dinner"), "{text}");
        assert!(
            text.contains("Next check-in: Monday 30 November 2026"),
            "{text}"
        );
    }
}
