//! Time-outs and the turn timer of a [`Conversation`].
//!
//! When a talk gets too heated, either partner can call a break with an
//! agreed time to come back. Nothing moves during a break, the turn timer
//! stops, and resuming returns to exactly where the talk was. The turn timer
//! itself is only a gentle prompt: time being up never blocks anything.

use chrono::{DateTime, Duration, FixedOffset};
use uuid::Uuid;

use super::conversation::Conversation;
use super::step::{Illegal, Step};
use super::timeout::TimeOut;

impl Conversation {
    /// The break in progress, if any.
    pub fn on_time_out(&self) -> Option<&TimeOut> {
        self.time_outs.last().filter(|t| t.is_active())
    }

    /// Starts a break of `minutes`, called by one partner or (`None`) by
    /// both. Allowed at any step, even between turns.
    pub fn call_time_out(
        &mut self,
        by: Option<Uuid>,
        minutes: u32,
        now: DateTime<FixedOffset>,
    ) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        if self.on_time_out().is_some() {
            return Err(Illegal::OnTimeOut);
        }
        if minutes == 0 {
            return Err(Illegal::ZeroMinutes);
        }
        if let Some(who) = by
            && !self.partners.contains(&who)
        {
            return Err(Illegal::NotAPartner);
        }
        self.time_outs.push(TimeOut {
            called_by: by,
            started_at: now,
            return_at: now + Duration::minutes(minutes.into()),
            ended_at: None,
        });
        Ok(())
    }

    /// Changes the agreed return time of the break in progress ("I need
    /// ten more minutes").
    pub fn set_return_at(&mut self, return_at: DateTime<FixedOffset>) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        let time_out = self
            .time_outs
            .last_mut()
            .filter(|t| t.is_active())
            .ok_or(Illegal::NotOnTimeOut)?;
        if return_at < time_out.started_at {
            return Err(Illegal::ReturnBeforeStart);
        }
        time_out.return_at = return_at;
        Ok(())
    }

    /// Ends the break. The talk continues at exactly the step (and with the
    /// draft) it had; the break does not count against the turn timer.
    pub fn resume(&mut self, now: DateTime<FixedOffset>) -> Result<(), Illegal> {
        if self.is_ended() {
            return Err(Illegal::Ended);
        }
        if self.on_time_out().is_none() {
            return Err(Illegal::NotOnTimeOut);
        }
        self.close_time_out(now);
        Ok(())
    }

    /// Ends the active break, if any, and adds its length to the current
    /// turn if that turn is still running (a break between turns pauses
    /// nothing). Turns cannot start or finish during a break, so a break
    /// lies either wholly inside the current turn or wholly after it.
    pub(super) fn close_time_out(&mut self, now: DateTime<FixedOffset>) {
        let Some(time_out) = self.time_outs.last_mut().filter(|t| t.is_active()) else {
            return;
        };
        time_out.ended_at = Some(now);
        let seconds = time_out.length(now).num_seconds();
        if let Some(turn) = self.turns.last_mut()
            && turn.ended_at.is_none()
        {
            turn.paused_seconds = turn.paused_seconds.saturating_add(seconds);
        }
    }

    /// How long the current speaker has had, not counting breaks (an
    /// active one included). Fixed once the turn is done; `None` once the
    /// conversation has ended.
    pub fn turn_elapsed(&self, now: DateTime<FixedOffset>) -> Option<Duration> {
        let turn = self.current()?;
        let paused = Duration::try_seconds(turn.paused_seconds.max(0)).unwrap_or(Duration::MAX);
        let mut elapsed = (turn.ended_at.unwrap_or(now) - turn.started_at)
            .checked_sub(&paused)
            .unwrap_or(Duration::zero());
        if turn.ended_at.is_none()
            && let Some(time_out) = self.on_time_out()
        {
            elapsed -= time_out.length(now);
        }
        Some(elapsed.max(Duration::zero()))
    }

    /// Time left on the turn timer, never below zero; `None` when the timer
    /// is off.
    pub fn turn_remaining(&self, now: DateTime<FixedOffset>) -> Option<Duration> {
        let limit = Duration::minutes(self.turn_minutes?.into());
        let elapsed = self.turn_elapsed(now)?;
        Some((limit - elapsed).max(Duration::zero()))
    }

    /// Whether the UI should gently say the time is up. Never true for a
    /// finished turn, and never a reason to refuse an event.
    pub fn time_is_up(&self, now: DateTime<FixedOffset>) -> bool {
        self.step().is_some_and(|s| s != Step::Done)
            && self.turn_remaining(now).is_some_and(|r| r.is_zero())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::{Event, Note};
    use super::*;

    const A: Uuid = Uuid::from_u128(0xa);
    const B: Uuid = Uuid::from_u128(0xb);

    fn at(seconds: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-03-01T20:00:00+01:00").unwrap()
            + Duration::seconds(seconds)
    }

    fn timed(minutes: Option<u32>) -> Conversation {
        Conversation::start("Money", None, [A, B], A, minutes, at(0)).unwrap()
    }

    fn secs(n: i64) -> Option<Duration> {
        Some(Duration::seconds(n))
    }

    #[test]
    fn remaining_counts_down_and_saturates() {
        let c = timed(Some(3));
        assert_eq!(c.turn_elapsed(at(0)), secs(0));
        assert_eq!(c.turn_remaining(at(0)), secs(180));
        assert_eq!(c.turn_remaining(at(60)), secs(120));
        assert!(!c.time_is_up(at(179)));
        assert_eq!(c.turn_remaining(at(180)), secs(0));
        assert!(c.time_is_up(at(180)));
        assert_eq!(c.turn_remaining(at(1000)), secs(0));
        assert_eq!(c.turn_elapsed(at(1000)), secs(1000));
        // A clock that went backwards does not give negative time.
        assert_eq!(c.turn_elapsed(at(-50)), secs(0));
    }

    #[test]
    fn timer_off_has_no_remaining_but_still_elapses() {
        let mut c = timed(None);
        assert_eq!(c.turn_remaining(at(60)), None);
        assert!(!c.time_is_up(at(100_000)));
        assert_eq!(c.turn_elapsed(at(60)), secs(60));
        c.set_turn_minutes(Some(1)).unwrap();
        assert!(c.time_is_up(at(60)));
        assert_eq!(c.set_turn_minutes(Some(0)), Err(Illegal::ZeroMinutes));
        c.set_turn_minutes(None).unwrap();
        assert_eq!(c.turn_remaining(at(60)), None);
    }

    #[test]
    fn time_up_never_blocks_events() {
        let mut c = timed(Some(1));
        assert!(c.time_is_up(at(600)));
        c.apply(Event::Say(Note::aloud()), at(600)).unwrap();
        c.apply(Event::Skip, at(610)).unwrap();
        c.apply(Event::NoMore, at(620)).unwrap();
        c.apply(Event::Validate(Note::aloud()), at(630)).unwrap();
        // A finished turn is not "over time", and its time stops.
        assert!(!c.time_is_up(at(700)));
        assert_eq!(c.turn_elapsed(at(9999)), secs(630));
        c.next_turn(at(700)).unwrap();
        assert_eq!(c.turn_remaining(at(730)), secs(30));
    }

    #[test]
    fn the_timer_pauses_during_a_time_out() {
        let mut c = timed(Some(5));
        c.apply(Event::Say(Note::typed("I worry.")), at(60))
            .unwrap();
        c.call_time_out(Some(B), 10, at(100)).unwrap();
        assert_eq!(c.turn_remaining(at(100)), secs(200));
        assert_eq!(c.turn_remaining(at(400)), secs(200));
        assert!(!c.time_is_up(at(10_000)));
        c.resume(at(700)).unwrap();
        assert_eq!(c.current().unwrap().paused_seconds, 600);
        assert_eq!(c.turn_remaining(at(700)), secs(200));
        assert_eq!(c.turn_remaining(at(760)), secs(140));
        c.call_time_out(None, 1, at(800)).unwrap();
        c.resume(at(830)).unwrap();
        assert_eq!(c.current().unwrap().paused_seconds, 630);
        assert_eq!(c.turn_elapsed(at(830)), secs(200));
    }

    #[test]
    fn a_time_out_blocks_events_and_resume_returns_exactly() {
        let mut c = timed(None);
        c.apply(Event::Say(Note::typed("I felt alone.")), at(10))
            .unwrap();
        c.apply(Event::Paraphrase(Note::typed("Alone.")), at(20))
            .unwrap();
        c.set_draft("Not qu").unwrap();
        c.call_time_out(Some(A), 20, at(30)).unwrap();
        let on_break = c.clone();

        let t = c.on_time_out().unwrap();
        assert_eq!(t.called_by, Some(A));
        assert_eq!(t.return_at, at(30 + 20 * 60));
        assert_eq!(t.remaining(at(90)), Duration::minutes(19));
        assert_eq!(t.remaining(at(100_000)), Duration::zero());
        for event in [
            Event::Confirm,
            Event::NotQuite("x".into()),
            Event::Skip,
            Event::Say(Note::aloud()),
        ] {
            assert_eq!(c.apply(event, at(40)), Err(Illegal::OnTimeOut));
        }
        assert_eq!(c.next_turn(at(40)), Err(Illegal::OnTimeOut));
        assert_eq!(c.call_time_out(Some(B), 5, at(40)), Err(Illegal::OnTimeOut));
        assert_eq!(c, on_break);

        c.resume(at(500)).unwrap();
        assert_eq!(c.on_time_out(), None);
        assert_eq!(c.step(), Some(Step::Confirm));
        assert_eq!(c.draft(), "Not qu");
        assert_eq!(c.time_outs[0].ended_at, Some(at(500)));
        assert_eq!(c.time_outs[0].length(at(9999)), Duration::seconds(470));
        let mut expected = on_break.clone();
        expected.time_outs[0].ended_at = Some(at(500));
        expected.turns[0].paused_seconds = 470;
        assert_eq!(c, expected);
        c.apply(Event::Confirm, at(510)).unwrap();
    }

    #[test]
    fn time_out_rules() {
        let mut c = timed(None);
        assert_eq!(c.resume(at(1)), Err(Illegal::NotOnTimeOut));
        assert_eq!(c.set_return_at(at(99)), Err(Illegal::NotOnTimeOut));
        assert_eq!(c.call_time_out(None, 0, at(1)), Err(Illegal::ZeroMinutes));
        assert_eq!(
            c.call_time_out(Some(Uuid::nil()), 5, at(1)),
            Err(Illegal::NotAPartner)
        );
        assert!(c.time_outs.is_empty());
        c.set_draft("typing").unwrap();
        c.call_time_out(None, 5, at(60)).unwrap();
        c.set_return_at(at(60 + 15 * 60)).unwrap();
        assert_eq!(c.on_time_out().unwrap().return_at, at(960));
        assert_eq!(c.set_return_at(at(59)), Err(Illegal::ReturnBeforeStart));
        // Keeping words is allowed on a break; it moves nothing.
        c.set_draft("typing more").unwrap();
        assert_eq!(c.draft(), "typing more");
    }

    #[test]
    fn ending_on_a_time_out_ends_it_too() {
        let mut c = timed(Some(5));
        c.call_time_out(Some(A), 5, at(60)).unwrap();
        c.end(at(120)).unwrap();
        assert_eq!(c.time_outs[0].ended_at, Some(at(120)));
        assert_eq!(c.turns[0].paused_seconds, 60);
        assert_eq!(c.turns[0].ended_at, Some(at(120)));
        assert_eq!(c.on_time_out(), None);
        assert_eq!(c.turn_elapsed(at(120)), None);
        assert_eq!(c.turn_remaining(at(120)), None);
        assert!(!c.time_is_up(at(10_000)));
    }

    #[test]
    fn json_round_trip_on_a_break() {
        let mut c = timed(Some(4));
        c.apply(Event::Say(Note::typed("I need")), at(10)).unwrap();
        c.call_time_out(Some(B), 10, at(20)).unwrap();
        let json = serde_json::to_string(&c).unwrap();
        let mut back: Conversation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        assert!(back.on_time_out().is_some());
        assert_eq!(back.turn_remaining(at(300)), secs(220));
        back.resume(at(320)).unwrap();
        back.apply(Event::Paraphrase(Note::aloud()), at(330))
            .unwrap();
        assert_eq!(back.turn_remaining(at(330)), secs(210));
    }
}
