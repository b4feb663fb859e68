//! Where a patient stands in treatment: weeks since activation, the baseline PHQ-9,
//! the latest follow-up PHQ-9 and the change between them.

use jiff::civil::Date;
use serde::Serialize;

use super::facts::{PatientFacts, Reading};
use crate::measures::scores;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Progress {
    /// Whole weeks since the episode became active.
    pub weeks_in_treatment: Option<i64>,
    pub days_in_treatment: Option<i64>,
    pub baseline: Option<Dated>,
    /// The latest PHQ-9 taken after the baseline.
    pub follow_up: Option<Dated>,
    /// Follow-up against baseline in percent (negative = better).
    pub change_pct: Option<f64>,
}

/// A value with its date, as the caseload list and printouts show it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dated {
    pub taken_on: Date,
    pub value: f64,
    pub value2: Option<f64>,
    /// Days between the date taken and the day of evaluation.
    pub age_days: i64,
}

impl Dated {
    pub fn of(reading: &Reading, as_of: Date) -> Dated {
        Dated {
            taken_on: reading.taken_on,
            value: reading.value,
            value2: reading.value2,
            age_days: days_between(reading.taken_on, as_of),
        }
    }
}

/// Days from one date to another (negative when the second is earlier).
pub use crate::dates::days_from as days_between;

/// The baseline PHQ-9: the one taken on the activation date or nearest before it,
/// no more than `window_days` earlier. `phq9` is oldest first.
pub fn baseline(phq9: &[Reading], active_on: Date, window_days: u32) -> Option<&Reading> {
    phq9.iter()
        .rev()
        .find(|r| r.taken_on <= active_on)
        .filter(|r| days_between(r.taken_on, active_on) <= i64::from(window_days))
}

pub fn progress(facts: &PatientFacts, as_of: Date) -> Progress {
    let Some(treatment) = &facts.treatment else {
        return Progress::default();
    };
    let days = days_between(treatment.active_on, as_of);
    let baseline = baseline(
        &facts.phq9,
        treatment.active_on,
        treatment.follow_up.baseline_window_days,
    );
    // The latest PHQ-9 after the baseline; the same-day duplicate of a baseline taken
    // on the activation date is not a follow-up.
    let follow_up = baseline.and_then(|b| facts.phq9.last().filter(|l| l.taken_on > b.taken_on));
    Progress {
        weeks_in_treatment: Some(days.div_euclid(7)),
        days_in_treatment: Some(days),
        baseline: baseline.map(|b| Dated::of(b, as_of)),
        follow_up: follow_up.map(|f| Dated::of(f, as_of)),
        change_pct: baseline
            .zip(follow_up)
            .and_then(|(b, f)| scores::percent_change(b.value, f.value)),
    }
}
