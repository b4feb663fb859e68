//! Eligibility criteria as data: nested `all` / `any` groups over patient facts and
//! recent measures, stored as JSON with each program and edited in Settings.
//! Evaluating them against measures arrives with the clinical registry; this module
//! defines the shape, checks it, and says it in words.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Criterion {
    All {
        of: Vec<Criterion>,
    },
    Any {
        of: Vec<Criterion>,
    },
    /// The patient's age in whole years.
    Age {
        op: Comparison,
        value: f64,
    },
    /// The latest value of a measure taken within `within_days` days.
    Measure {
        measure: Quantity,
        op: Comparison,
        value: f64,
        within_days: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    Below,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::Above => ">",
            Comparison::AtMost => "≤",
            Comparison::Below => "<",
        }
    }

    pub fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Comparison::AtLeast => left >= right,
            Comparison::Above => left > right,
            Comparison::AtMost => left <= right,
            Comparison::Below => left < right,
        }
    }
}

/// Criteria compare the catalogue's quantities (`phq9`, `sbp`, ...).
pub use crate::catalogue::Quantity;

/// " %", " mmHg", or nothing for a questionnaire total: what follows a number.
pub fn spaced_unit(quantity: Quantity) -> String {
    match quantity.unit() {
        "" => String::new(),
        unit => format!(" {unit}"),
    }
}

impl Criterion {
    /// The criterion in a coordinator's words, one line per leaf, groups indented.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        self.describe_into(0, &mut lines);
        lines
    }

    fn describe_into(&self, depth: usize, lines: &mut Vec<String>) {
        let indent = "  ".repeat(depth);
        match self {
            Criterion::All { of } if depth == 0 => {
                lines.push("All of:".to_owned());
                of.iter().for_each(|c| c.describe_into(depth + 1, lines));
            }
            Criterion::All { of } => {
                lines.push(format!("{indent}All of:"));
                of.iter().for_each(|c| c.describe_into(depth + 1, lines));
            }
            Criterion::Any { of } => {
                lines.push(format!("{indent}At least one of:"));
                of.iter().for_each(|c| c.describe_into(depth + 1, lines));
            }
            Criterion::Age { op, value } => {
                lines.push(format!("{indent}Age {} {}", op.symbol(), number(*value)));
            }
            Criterion::Measure {
                measure,
                op,
                value,
                within_days,
            } => lines.push(format!(
                "{indent}{} {} {}{} (latest within {within_days} days)",
                measure.label(),
                op.symbol(),
                number(*value),
                spaced_unit(*measure)
            )),
        }
    }

    /// Structural checks a stored or edited criterion must pass.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Criterion::All { of } | Criterion::Any { of } => {
                if of.is_empty() {
                    return Err("A group of criteria needs at least one criterion.".into());
                }
                of.iter().try_for_each(Criterion::check)
            }
            Criterion::Age { value, .. } if !(0.0..=130.0).contains(value) => Err(format!(
                "An age threshold of {} is not plausible.",
                number(*value)
            )),
            Criterion::Measure { within_days: 0, .. } => {
                Err("A measure criterion needs a look-back window of at least one day.".into())
            }
            Criterion::Measure { value, .. } if !value.is_finite() => {
                Err("A threshold must be a number.".into())
            }
            _ => Ok(()),
        }
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compass_criteria_read_as_the_published_definition() {
        let program: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/programs/compass.json"))
                .unwrap_or_default();
        let criteria: Criterion = serde_json::from_value(program["criteria"].clone())
            .unwrap_or(Criterion::All { of: vec![] });
        assert_eq!(
            criteria.describe(),
            [
                "All of:",
                "  Age ≥ 18",
                "  PHQ-9 ≥ 10 (latest within 90 days)",
                "  At least one of:",
                "    HbA1c ≥ 8 % (latest within 180 days)",
                "    Systolic BP ≥ 140 mmHg (latest within 90 days)",
                "    Diastolic BP ≥ 90 mmHg (latest within 90 days)",
            ]
        );
        assert_eq!(criteria.check(), Ok(()));
    }

    #[test]
    fn teamcare_uses_strict_comparisons_where_published() {
        let program: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/programs/teamcare.json"))
                .unwrap_or_default();
        let criteria: Criterion = serde_json::from_value(program["criteria"].clone())
            .unwrap_or(Criterion::All { of: vec![] });
        let text = criteria.describe().join("\n");
        assert!(text.contains("HbA1c ≥ 8.5 %"), "{text}");
        assert!(text.contains("Systolic BP > 140 mmHg"), "{text}");
        assert!(text.contains("LDL > 130 mg/dL"), "{text}");
    }

    #[test]
    fn comparisons_respect_their_edges() {
        assert!(Comparison::AtLeast.holds(10.0, 10.0));
        assert!(!Comparison::Above.holds(140.0, 140.0));
        assert!(Comparison::Below.holds(4.0, 5.0));
        assert!(!Comparison::Below.holds(5.0, 5.0));
    }

    #[test]
    fn empty_group_and_zero_window_are_rejected() {
        assert!(Criterion::Any { of: vec![] }.check().is_err());
        let zero = Criterion::Measure {
            measure: Quantity::Phq9,
            op: Comparison::AtLeast,
            value: 10.0,
            within_days: 0,
        };
        assert!(zero.check().is_err());
    }
}
