//! Eligibility screening: which of a program's criteria a patient meets, from their
//! date of birth and latest measures, and which patients not yet enrolled in a program
//! meet all of them ("screen all").
//!
//! The criteria are program data (`crate::programs::Criterion`); this module only
//! evaluates them. `evaluate` is a pure function over one patient's [`Facts`], `latest`
//! loads those facts for one patient or the whole caseload in one scan, and `screen`
//! puts the two together for the front ends.

mod evaluate;
mod latest;
mod screen;

use jiff::civil::Date;
use serde::Serialize;

use crate::programs::Quantity;

pub use evaluate::evaluate;
pub use latest::{Facts, Latest};
pub use screen::{screen_all, screen_patient};

/// How one criterion, or a group of them, came out for a patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Met,
    NotMet,
    /// The measure was never taken, or its latest value is older than the criterion's
    /// look-back window: the coordinator needs a new value before deciding.
    NoRecentData,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "Met",
            Outcome::NotMet => "Not met",
            Outcome::NoRecentData => "No recent data",
        }
    }

    /// The mark screens and the CLI put in front of a criterion.
    pub fn mark(self) -> &'static str {
        match self {
            Outcome::Met => "✓",
            Outcome::NotMet => "✗",
            Outcome::NoRecentData => "?",
        }
    }
}

/// The shape of a criterion node, so a screen can draw groups and leaves differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    All,
    Any,
    Age,
    Measure,
}

/// One criterion of the program, evaluated: groups carry their children, leaves the
/// value that decided them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// The criterion in the coordinator's words, as Settings lists it
    /// ("PHQ-9 ≥ 10 (latest within 90 days)", "At least one of:").
    pub text: String,
    pub outcome: Outcome,
    /// For measure leaves: which measure.
    pub measure: Option<Quantity>,
    /// For leaves: what was found, in words ("16 on 2026-01-04, 12 days ago",
    /// "No PHQ-9 on record"). `None` for groups.
    pub detail: Option<String>,
    /// For leaves with a value: the value compared and its date.
    pub evidence: Option<Evidence>,
    pub children: Vec<Node>,
}

/// The value a leaf was decided on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evidence {
    /// The latest complete value of the measure (any age), or the age in years.
    pub value: f64,
    /// When the value was taken; `None` for age.
    pub taken_on: Option<Date>,
    /// Days between `taken_on` and the day of screening; `None` for age.
    pub age_days: Option<i64>,
    /// Whether the value falls inside the criterion's look-back window (age: always).
    pub within_window: bool,
}

/// One patient screened against one program.
#[derive(Debug, Clone, Serialize)]
pub struct Screening {
    pub patient_id: String,
    pub program_code: String,
    pub program_name: String,
    pub as_of: Date,
    /// The outcome of the whole criteria tree: `met` means eligible.
    pub outcome: Outcome,
    /// The status of the patient's open episode in this program, if they have one
    /// (`referred`, `screening`, `active`, `relapse-watch`).
    pub open_status: Option<String>,
    pub criteria: Node,
}

/// A patient who is not enrolled in the program and meets its criteria, with the
/// recent values the screening used (a value older than the program's look-back window
/// for that measure, or a measure the program does not screen on, stays empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eligible {
    /// Who, with their age on the day of screening.
    #[serde(flatten)]
    pub patient: crate::patients::PatientRef,
    pub phq9: Option<f64>,
    pub phq9_date: Option<Date>,
    pub a1c: Option<f64>,
    pub a1c_date: Option<Date>,
    pub sbp: Option<f64>,
    pub dbp: Option<f64>,
    pub bp_date: Option<Date>,
    pub ldl: Option<f64>,
    pub ldl_date: Option<Date>,
}
