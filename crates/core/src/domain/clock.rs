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

    /// The local calendar date of [`Clock::now`].
    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}
