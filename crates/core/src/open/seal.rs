//! Private items sealed on disk to their owner's own key. In a workbook
//! for two, a person who set a passphrase of their own has their private
//! words (answers kept to themselves, check-in notes and drafts,
//! screenings, private journal entries) written sealed to that key at
//! every save, so reading the data folder reveals none of it. The public
//! half of the key is kept in plain beside their name, so sealing needs no
//! passphrase; opening needs it, and happens when they show it.
//!
//! In memory, a person whose part has not been opened in this sitting has
//! it as read, sealed (`Workbook::sealed`, and journal entries with only
//! `sealed` set); once opened, their items are plain in memory and sealed
//! afresh at each save.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::OpenWorkbook;
use crate::domain::{Answer, CheckInDraft, JournalEntry, Mood, Screening, Sealer, Workbook};
use crate::storage::{Cipher, StoreError, seal_to};

/// One person's private items in the workbook file, as sealed together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivatePart {
    /// Their answers kept to themselves, by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    answers: BTreeMap<String, Answer>,
    /// Their check-in notes, by check-in id (the scores stay in plain:
    /// the trend is the couple's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<Uuid, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    draft: Option<CheckInDraft>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    screenings: Vec<Screening>,
    /// Their own support numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    numbers: Vec<String>,
    /// Their answers set "safety first": sealed too, so the file does not
    /// name who (the switch stands off in the plain part).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    safety_first: bool,
    /// Their check-ins of private rounds not revealed by both, whole:
    /// scores kept to oneself are their words too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    checkins: Vec<crate::domain::CheckIn>,
}

impl PrivatePart {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Takes `who`'s private items out of `workbook`.
    fn take(workbook: &mut Workbook, who: Uuid) -> Self {
        let mut part = Self::default();
        let first = who == workbook.default_author();
        let progress = match first {
            true => Some(&mut workbook.progress),
            false => workbook.progress_of_others.get_mut(&who),
        };
        if let Some(progress) = progress {
            let private: Vec<String> = progress
                .answers
                .iter()
                .filter(|(_, a)| a.private)
                .map(|(id, _)| id.clone())
                .collect();
            for id in private {
                if let Some(answer) = progress.answers.remove(&id) {
                    part.answers.insert(id, answer);
                }
            }
        }
        let unrevealed = |c: &crate::domain::CheckIn| {
            c.author == who
                && c.private
                    .as_ref()
                    .is_some_and(|m| m.state != crate::couple::PrivateState::Revealed)
        };
        let (sealed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut workbook.checkins)
            .into_iter()
            .partition(unrevealed);
        workbook.checkins = kept;
        part.checkins = sealed;
        for checkin in workbook.checkins.iter_mut().filter(|c| c.author == who) {
            if !checkin.note.is_empty() {
                part.notes
                    .insert(checkin.id, std::mem::take(&mut checkin.note));
            }
        }
        part.draft = workbook.checkin_drafts.remove(&who);
        let screenings = std::mem::take(&mut workbook.safety.screenings);
        let (mine, others) = screenings.into_iter().partition(|s| s.participant == who);
        part.screenings = mine;
        workbook.safety.screenings = others;
        part.numbers = workbook
            .safety
            .own_numbers_of
            .remove(&who)
            .unwrap_or_default();
        // Sealed, the flag leaves the switch off in its place: the file
        // then reads exactly as couple mode turned off by either partner.
        if workbook.safety.safety_first.remove(&who) {
            part.safety_first = true;
            workbook.safety.couple_off = true;
        }
        part
    }

    /// Puts `who`'s items back into `workbook`.
    fn put_back(self, workbook: &mut Workbook, who: Uuid) {
        if !self.answers.is_empty() {
            let progress = workbook.progress_of_mut(who);
            // What its owner sealed wins over anything put in plain in the
            // meantime (by hand, or a file imported in their name).
            for (id, answer) in self.answers {
                progress.answers.insert(id, answer);
            }
        }
        for checkin in workbook.checkins.iter_mut().filter(|c| c.author == who) {
            if let Some(note) = self.notes.get(&checkin.id) {
                checkin.note = note.clone();
            }
        }
        if let Some(draft) = self.draft {
            workbook.checkin_drafts.entry(who).or_insert(draft);
        }
        workbook.safety.screenings.extend(self.screenings);
        workbook.safety.screenings.sort_by_key(|s| s.at);
        if self.safety_first {
            workbook.safety.safety_first.insert(who);
        }
        if !self.checkins.is_empty() {
            let here: std::collections::BTreeSet<Uuid> =
                workbook.checkins.iter().map(|c| c.id).collect();
            let back = self.checkins.into_iter().filter(|c| !here.contains(&c.id));
            workbook.checkins.extend(back);
            workbook.checkins.sort_by_key(|c| c.created_at);
        }
        if !self.numbers.is_empty() {
            let numbers = workbook.safety.own_numbers_of.entry(who).or_default();
            let later = std::mem::replace(numbers, self.numbers);
            numbers.extend(later);
        }
    }
}

/// A journal entry's words, as sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EntryWords {
    #[serde(default)]
    title: String,
    body: String,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    mood: Option<Mood>,
    #[serde(default)]
    reflection: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The public keys of the people who have one, by person.
fn recipients(workbook: &Workbook) -> BTreeMap<Uuid, String> {
    workbook
        .participants
        .iter()
        .filter_map(|p| p.recipient.clone().map(|r| (p.id, r)))
        .collect()
}

/// The journal's sealer: a private entry of a person with a key goes to
/// disk with its words sealed to them, and nothing else of it but dates,
/// its author and its place in the trash.
fn entry_sealer(recipients: BTreeMap<Uuid, String>) -> Arc<Sealer> {
    Arc::new(move |entry: &JournalEntry| {
        let Some(recipient) = recipients.get(&entry.author) else {
            return Ok(None);
        };
        if !entry.private || entry.sealed.is_some() {
            return Ok(None);
        }
        let words = EntryWords {
            title: entry.title.clone(),
            body: entry.body.clone(),
            stage: entry.stage.clone(),
            mood: entry.mood,
            reflection: entry.reflection.clone(),
            source: entry.source.clone(),
        };
        let json = serde_json::to_string(&words).map_err(|e| e.to_string())?;
        let sealed = seal_to(recipient, &json).map_err(|e| e.to_string())?;
        Ok(Some(JournalEntry {
            title: String::new(),
            body: String::new(),
            stage: None,
            mood: None,
            reflection: None,
            source: None,
            sealed: Some(sealed),
            ..entry.clone()
        }))
    })
}

/// `entry` with its sealed words opened, if `cipher` opens them.
fn open_entry(entry: &JournalEntry, cipher: &Cipher) -> Option<JournalEntry> {
    let sealed = entry.sealed.as_ref()?;
    let words: EntryWords = serde_json::from_str(&cipher.open_text(sealed).ok()?).ok()?;
    Some(JournalEntry {
        title: words.title,
        body: words.body,
        stage: words.stage,
        mood: words.mood,
        reflection: words.reflection,
        source: words.source,
        sealed: None,
        ..entry.clone()
    })
}

impl OpenWorkbook {
    /// The workbook as it is written: every private item of a person with
    /// a key sealed to them. Parts not opened in this sitting stay as they
    /// were read.
    pub(super) fn for_disk(&self) -> Result<std::borrow::Cow<'_, Workbook>, StoreError> {
        let recipients = recipients(&self.workbook);
        if recipients.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(&self.workbook));
        }
        let mut disk = self.workbook.clone();
        for (who, recipient) in recipients {
            let part = PrivatePart::take(&mut disk, who);
            let mut blobs = disk.sealed.remove(&who).unwrap_or_default();
            if !part.is_empty() {
                let json = serde_json::to_string(&part)?;
                blobs.push(seal_to(&recipient, &json)?);
            }
            if !blobs.is_empty() {
                disk.sealed.insert(who, blobs);
            }
        }
        Ok(std::borrow::Cow::Owned(disk))
    }

    /// Gives the journal the sealer for the keys the workbook holds now.
    pub(super) fn install_sealer(&mut self) {
        let recipients = recipients(&self.workbook);
        self.journal.set_sealer(entry_sealer(recipients));
    }

    /// Opens what is sealed to `who` with their unlocked key: their part
    /// of the workbook and their journal entries come back into memory as
    /// they were, and are sealed afresh at the next save. A part that does
    /// not open stays sealed as it was (never dropped).
    pub(super) fn open_sealed(&mut self, who: Uuid, cipher: &Cipher) {
        let blobs = self.workbook.sealed.remove(&who).unwrap_or_default();
        let mut kept = Vec::new();
        for blob in blobs {
            let part = cipher
                .open_text(&blob)
                .ok()
                .and_then(|json| serde_json::from_str::<PrivatePart>(&json).ok());
            match part {
                Some(part) => part.put_back(&mut self.workbook, who),
                None => kept.push(blob),
            }
        }
        if !kept.is_empty() {
            self.workbook.sealed.insert(who, kept);
        }
        self.open_sealed_entries(who, cipher);
    }

    /// Opens `who`'s sealed journal entries (again after the journal is
    /// read, when it came later than their passphrase).
    pub(super) fn open_sealed_entries(&mut self, who: Uuid, cipher: &Cipher) {
        let opened: Vec<JournalEntry> = self
            .journal
            .entries()
            .iter()
            .filter(|e| e.author == who && e.sealed.is_some())
            .filter_map(|e| open_entry(e, cipher))
            .collect();
        for entry in opened {
            self.journal.open_in_place(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::domain::{AnswerValue, NewEntry, NewWorkbook, RelationshipKind, Role};

    fn answer(text: &str, private: bool) -> Answer {
        Answer {
            value: AnswerValue::Text(text.into()),
            updated_at: crate::domain::now(),
            author: None,
            private,
        }
    }

    #[test]
    fn a_private_part_comes_back_whole_and_shared_answers_stay() {
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Us".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        let me = workbook.default_author();
        let p = workbook.progress_of_mut(me);
        p.answers.insert("a".into(), answer("kept to me", true));
        p.answers.insert("b".into(), answer("for both", false));
        let before = workbook.clone();
        let part = PrivatePart::take(&mut workbook, me);
        assert_eq!(part.answers.len(), 1);
        assert!(workbook.progress.answers.contains_key("b"));
        part.put_back(&mut workbook, me);
        assert_eq!(workbook, before);
    }

    #[test]
    fn an_unrevealed_private_check_in_is_sealed_whole_and_a_revealed_one_stays() {
        use crate::couple::{PrivateMark, PrivateState};
        let mut workbook = Workbook::new(NewWorkbook {
            name: "Us".into(),
            relationship: RelationshipKind::Partner,
            role: Role::Hurt,
        });
        let me = workbook.default_author();
        let round = Uuid::now_v7();
        for state in [PrivateState::Sealed, PrivateState::Revealed] {
            let mut checkin = crate::domain::CheckIn::new(
                me,
                crate::domain::Scores::default(),
                String::new(),
                crate::domain::now(),
            );
            checkin.private = Some(PrivateMark { round, state });
            workbook.checkins.push(checkin);
        }
        let before = workbook.clone();
        let part = PrivatePart::take(&mut workbook, me);
        assert_eq!(part.checkins.len(), 1, "the unrevealed one, scores and all");
        assert_eq!(
            workbook.checkins.len(),
            1,
            "the revealed one is both people's"
        );
        part.put_back(&mut workbook, me);
        assert_eq!(workbook, before);
    }

    #[test]
    fn a_sealed_entry_holds_no_words_and_opens_with_its_key() {
        let (cipher, _) = Cipher::create(&"p".to_string().into()).unwrap();
        let author = Uuid::now_v7();
        let mut entry = JournalEntry::new(
            author,
            NewEntry {
                title: "my sister's".into(),
                body: "planning to stay".into(),
                ..NewEntry::default()
            },
            crate::domain::now(),
        );
        entry.private = true;
        let seal = entry_sealer(BTreeMap::from([(author, cipher.recipient_text())]));
        let sealed = seal(&entry).unwrap().unwrap();
        let line = serde_json::to_string(&sealed).unwrap();
        assert!(!line.contains("sister") && !line.contains("planning"));
        assert_eq!(open_entry(&sealed, &cipher).unwrap(), entry);
        // A shared entry is written as it is.
        entry.private = false;
        assert!(seal(&entry).unwrap().is_none());
    }
}
