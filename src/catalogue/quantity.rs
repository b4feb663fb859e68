//! Quantities: the single numbers that criteria, targets and (later) FHIR observations
//! speak of. Every measure kind records one quantity, except blood pressure, which
//! records two (systolic in `value`, diastolic in `value2`).

use serde::{Deserialize, Serialize};

use super::Kind;

/// One number a rule can compare. Serialised names are stored inside programs'
/// criteria (`"measure": "sbp"`), so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quantity {
    Phq9,
    Gad7,
    A1c,
    Sbp,
    Dbp,
    Ldl,
    Weight,
}

/// Which column of a stored measure holds a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    Value,
    Value2,
}

/// Which program target applies to a quantity (`Targets` field names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKey {
    Phq9Below,
    A1cBelow,
    SbpBelow,
    DbpBelow,
}

impl Quantity {
    pub const ALL: [Quantity; 7] = [
        Quantity::Phq9,
        Quantity::Gad7,
        Quantity::A1c,
        Quantity::Sbp,
        Quantity::Dbp,
        Quantity::Ldl,
        Quantity::Weight,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Quantity::Phq9 => "phq9",
            Quantity::Gad7 => "gad7",
            Quantity::A1c => "a1c",
            Quantity::Sbp => "sbp",
            Quantity::Dbp => "dbp",
            Quantity::Ldl => "ldl",
            Quantity::Weight => "weight",
        }
    }

    /// The measure this quantity is recorded with.
    pub fn kind(self) -> Kind {
        match self {
            Quantity::Phq9 => Kind::Phq9,
            Quantity::Gad7 => Kind::Gad7,
            Quantity::A1c => Kind::A1c,
            Quantity::Sbp | Quantity::Dbp => Kind::Bp,
            Quantity::Ldl => Kind::Ldl,
            Quantity::Weight => Kind::Weight,
        }
    }

    pub fn component(self) -> Component {
        match self {
            Quantity::Dbp => Component::Value2,
            _ => Component::Value,
        }
    }

    /// As written in criteria and messages: "Systolic BP".
    pub fn label(self) -> &'static str {
        match self {
            Quantity::Sbp => "Systolic BP",
            Quantity::Dbp => "Diastolic BP",
            other => other.kind().label(),
        }
    }

    /// As a chart series next to its sibling: "Systolic".
    pub fn short_label(self) -> &'static str {
        match self {
            Quantity::Sbp => "Systolic",
            Quantity::Dbp => "Diastolic",
            other => other.label(),
        }
    }

    /// The bare unit ("%", "mmHg"); "" for questionnaire totals.
    pub fn unit(self) -> &'static str {
        self.kind().unit()
    }

    /// The range a value is accepted in on entry, and a threshold or target on it in
    /// a program (a questionnaire's is 0 to its highest total).
    pub fn range(self) -> (f64, f64) {
        match self {
            Quantity::Phq9 => (0.0, 27.0),
            Quantity::Gad7 => (0.0, 21.0),
            Quantity::A1c => (3.0, 20.0),
            Quantity::Sbp => (60.0, 260.0),
            Quantity::Dbp => (30.0, 160.0),
            Quantity::Ldl => (10.0, 500.0),
            Quantity::Weight => (20.0, 350.0),
        }
    }

    /// LOINC code of this number (product.md, "Clinical facts"); blood pressure's
    /// components are coded inside the panel 85354-9.
    pub fn loinc(self) -> &'static str {
        match self {
            Quantity::Sbp => "8480-6",
            Quantity::Dbp => "8462-4",
            other => other.kind().loinc(),
        }
    }

    /// The program target this quantity is judged against, if any.
    pub fn target(self) -> Option<TargetKey> {
        match self {
            Quantity::Phq9 => Some(TargetKey::Phq9Below),
            Quantity::A1c => Some(TargetKey::A1cBelow),
            Quantity::Sbp => Some(TargetKey::SbpBelow),
            Quantity::Dbp => Some(TargetKey::DbpBelow),
            _ => None,
        }
    }
}
