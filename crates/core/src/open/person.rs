//! Each person's own passphrase, and the one act that needs it: lifting
//! "safety first" (couple mode off) that their private answers set. In a
//! workbook two people share at one keyboard, anyone can switch who is
//! writing; only the person's own secret shows it is really them.

use std::collections::BTreeMap;

use age::secrecy::SecretString;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use uuid::Uuid;

use super::{OpenWorkbook, Refused};
use crate::domain::ScreeningAnswer;
use crate::storage::Cipher;

/// What became of a screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screened {
    /// Kept; `concern` says whether it set couple mode aside.
    Recorded { concern: bool },
    /// Not kept: these answers would turn couple mode back on for a person
    /// whose earlier answers turned it off, and that person has not shown
    /// their own passphrase in this sitting. Nothing is written in their
    /// name.
    NeedsTheirPassphrase,
    /// No answer was given.
    Nothing,
}

impl OpenWorkbook {
    /// Whether `who` has a passphrase of their own.
    pub fn has_passphrase(&self, who: Uuid) -> bool {
        self.workbook
            .participant(who)
            .is_some_and(|p| p.key.is_some())
    }

    /// Whether what says that the writer's own answers set couple mode
    /// aside may be shown now: in a workbook for two only once they have
    /// shown their own passphrase, since anyone can switch to them.
    pub fn shows_own_safety_state(&self) -> bool {
        let flagged = self.workbook.safety.flagged_by(self.writer);
        flagged && (!self.workbook.is_couple() || self.is_unlocked(self.writer))
    }

    /// Whether the person writing has a passphrase they have not shown in
    /// this sitting: a workbook where everyone set one opens this way, and
    /// shows nothing of theirs until they do.
    pub fn locked(&self) -> bool {
        self.has_passphrase(self.writer) && !self.is_unlocked(self.writer)
    }

    /// Whether `who` showed their passphrase in this sitting.
    pub fn is_unlocked(&self, who: Uuid) -> bool {
        self.unlocked.contains(&who)
    }

    /// `who` has stepped away from the keyboard (a handover to the other
    /// person): their passphrase is asked again before anything of theirs
    /// opens. The person writing stays as they are.
    pub fn count_as_away(&mut self, who: Uuid) {
        if who != self.writer {
            self.unlocked.remove(&who);
        }
    }

    /// Checks `who`'s passphrase; right, they count as present until the
    /// workbook is closed.
    pub fn unlock_person(&mut self, who: Uuid, passphrase: &SecretString) -> bool {
        let Some(key) = self.workbook.participant(who).and_then(|p| p.key.as_ref()) else {
            return false;
        };
        let cipher = STANDARD
            .decode(key)
            .ok()
            .and_then(|file| Cipher::unlock(&file, passphrase).ok());
        let Some(cipher) = cipher else {
            return false;
        };
        self.unlocked.insert(who);
        self.remember_key(who, cipher);
        true
    }

    /// Sets (or changes) `who`'s own passphrase: a first one only right
    /// after `who`'s own private answers set couple mode aside in this
    /// sitting (the moment it is offered, to them alone), a new one only
    /// by someone who showed the old one. So nobody can set a passphrase
    /// for the other person and then act as them.
    pub fn set_passphrase(&mut self, who: Uuid, passphrase: &SecretString) -> Result<(), Refused> {
        let allowed = match self.has_passphrase(who) {
            true => self.is_unlocked(who),
            false => self.flagged_now.contains(&who),
        };
        if !allowed {
            return Err(Refused::NeedsTheirPassphrase);
        }
        let (cipher, file) = Cipher::create(passphrase).map_err(|_| Refused::NotFound("a key"))?;
        let person = self
            .workbook
            .participants
            .iter_mut()
            .find(|p| p.id == who)
            .ok_or(Refused::NotFound("that person"))?;
        let first = person.key.is_none();
        person.key = Some(STANDARD.encode(file));
        person.recipient = Some(cipher.recipient_text());
        self.unlocked.insert(who);
        // Words sealed to an old key are opened first, then sealed to the
        // new one at the next save.
        self.remember_key(who, cipher);
        self.install_sealer();
        // The journal is written whole again (once read: an unread one
        // must never be written), its private lines sealed to the key of
        // now and no older line left. A first passphrase also replaces
        // backups that still hold their words in plain.
        match self.journal_loaded() {
            true => self.journal.rewrite_on_next_save(),
            false => self.reseal_journal = true,
        }
        self.refresh_backups |= first;
        self.changed();
        Ok(())
    }

    /// Keeps `who`'s unlocked key for this sitting and opens what is
    /// sealed to it.
    fn remember_key(&mut self, who: Uuid, cipher: Cipher) {
        self.open_sealed(who, &cipher);
        self.keys.push((who, std::sync::Arc::new(cipher)));
    }

    /// Keeps `who`'s answers to the private screening, unless they would
    /// lift "safety first" that `who`'s earlier answers set while `who`
    /// has not shown their own passphrase: then nothing is kept, and no
    /// answer is ever recorded in their name that they did not give. A
    /// concern is always kept: safety is never refused.
    pub fn screen(&mut self, who: Uuid, answers: BTreeMap<String, ScreeningAnswer>) -> Screened {
        if answers.is_empty() {
            return Screened::Nothing;
        }
        let lifts =
            self.workbook.safety.flagged_by(who) && !answers.values().any(|a| a.raises_concern());
        if lifts && !self.is_unlocked(who) {
            return Screened::NeedsTheirPassphrase;
        }
        let concern = self.record_screening(who, answers);
        Screened::Recorded { concern }
    }
}
