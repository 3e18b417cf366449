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

impl Clock {
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
