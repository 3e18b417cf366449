use chrono::{DateTime, FixedOffset, NaiveDate};

/// Where "now" comes from. The app asks its clock rather than the system,
/// so tests and snapshots can fix the date ("3 days since your last
/// check-in" must not change from one day to the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<FixedOffset>),
}

/// Fixes the clock of the command line, plain mode and the app to one
/// moment (RFC 3339, e.g. `2026-05-01T21:00:00+01:00`): for tests that run
/// the binary, and for reproducing a report of something date-dependent.
pub const NOW_ENV: &str = "TRUSTWORK_NOW";

impl Clock {
    /// The system clock, unless [`NOW_ENV`] fixes the time. A value that
    /// is not a time is ignored rather than guessed at.
    pub fn from_env() -> Self {
        std::env::var(NOW_ENV)
            .ok()
            .and_then(|v| DateTime::parse_from_rfc3339(v.trim()).ok())
            .map_or(Self::System, Self::Fixed)
    }

    pub fn now(self) -> DateTime<FixedOffset> {
        match self {
            Self::System => super::now(),
            Self::Fixed(at) => at,
        }
    }

    /// `at` as the person reading sees it: in the local time zone as it
    /// was at that moment (summer or winter time), or, for a fixed clock,
    /// in its offset. Times are saved in the zone they were written in;
    /// someone who has moved since, or a partner in another zone, reads
    /// them in their own.
    pub fn local(self, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match self {
            Self::System => at.with_timezone(&chrono::Local).fixed_offset(),
            Self::Fixed(now) => at.with_timezone(now.offset()),
        }
    }

    /// A wall-clock time of the reader's zone as a moment, with the
    /// offset that zone had on that date (summer or winter time); the
    /// earlier of two when the clock went back. `None` for a time that
    /// did not exist (skipped when the clock went forward).
    pub fn from_local(self, at: chrono::NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        use chrono::TimeZone;
        match self {
            Self::System => chrono::Local
                .from_local_datetime(&at)
                .earliest()
                .map(|t| t.fixed_offset()),
            Self::Fixed(now) => now.offset().from_local_datetime(&at).single(),
        }
    }

    /// The local calendar date of [`Clock::now`].
    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_saved_time_is_shown_in_the_readers_zone() {
        let written = DateTime::parse_from_rfc3339("2026-11-30T22:30:00+01:00").unwrap();
        let tokyo =
            Clock::Fixed(DateTime::parse_from_rfc3339("2026-12-04T09:00:00+09:00").unwrap());
        let shown = tokyo.local(written);
        assert_eq!(shown.to_rfc3339(), "2026-12-01T06:30:00+09:00");
        assert_eq!(shown, written, "the same moment");
        // The system clock shows it in the machine's zone, whatever that is.
        let system = Clock::System.local(written);
        assert_eq!(system, written);
        assert_eq!(
            system.offset(),
            &chrono::Local.offset_from_utc_datetime(&written.naive_utc())
        );
    }
}
