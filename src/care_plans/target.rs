//! A goal's measurable target ("PHQ-9 < 5", "HbA1c < 7.5 %", "walk ≥ 30 minutes a
//! day"), whether the registry says it is met, and the patient's own targets that
//! override the program's in the flag engine, the charts and the printouts.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::ToSql;
use serde::Serialize;

use crate::catalogue::Quantity;
use crate::error::{FieldError, Result};
use crate::programs::Targets;
use crate::store::Reader;

/// How a value compares with the target (FHIR Quantity.comparator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = ">=")]
    AtLeast,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Below => "<",
            Comparator::AtMost => "<=",
            Comparator::Above => ">",
            Comparator::AtLeast => ">=",
        }
    }

    /// As printed for people: "<", "≤", ">", "≥".
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Below => "<",
            Comparator::AtMost => "≤",
            Comparator::Above => ">",
            Comparator::AtLeast => "≥",
        }
    }

    pub fn from_stored(text: &str) -> Option<Comparator> {
        match text {
            "<" => Some(Comparator::Below),
            "<=" | "≤" => Some(Comparator::AtMost),
            ">" => Some(Comparator::Above),
            ">=" | "≥" => Some(Comparator::AtLeast),
            _ => None,
        }
    }

    pub fn holds(self, value: f64, target: f64) -> bool {
        match self {
            Comparator::Below => value < target,
            Comparator::AtMost => value <= target,
            Comparator::Above => value > target,
            Comparator::AtLeast => value >= target,
        }
    }
}

/// A goal's target. `measure` is a registry quantity (judged from the registry, never
/// typed twice) or `None` for a number the patient chose, which `label` and `unit` name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub measure: Option<Quantity>,
    /// "PHQ-9", "HbA1c", or the patient's own words ("minutes walked a day").
    pub label: String,
    pub comparator: Comparator,
    pub value: f64,
    /// "%", "mmHg", "" for a questionnaire total, or the patient's unit.
    pub unit: String,
    /// "PHQ-9 < 5", "HbA1c < 7.5 %".
    pub text: String,
}

impl Target {
    pub(super) fn new(
        measure: Option<Quantity>,
        label: String,
        comparator: Comparator,
        value: f64,
        unit: String,
    ) -> Target {
        let unit_text = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        let text = format!(
            "{label} {} {}{unit_text}",
            comparator.symbol(),
            crate::measures::number(value)
        );
        Target {
            measure,
            label,
            comparator,
            value,
            unit,
            text,
        }
    }
}

/// Reads the target as typed: a comparator and a number ("<5", "< 7.5", "<=140",
/// "≥ 30"). A bare number is refused: "5" could mean below or at least.
pub(super) fn parse_target(
    field: &str,
    text: &str,
) -> std::result::Result<(Comparator, f64), FieldError> {
    let text = text.trim();
    let split = text
        .char_indices()
        .find(|(_, c)| !matches!(c, '<' | '>' | '=' | '≤' | '≥') && !c.is_whitespace())
        .map_or(text.len(), |(i, _)| i);
    let (op, number) = text.split_at(split);
    let op: String = op.chars().filter(|c| !c.is_whitespace()).collect();
    let problem = || {
        FieldError::new(
            field,
            format!(
                "Write the target as a comparison and a number, like \"<5\", \"< 7.5\" or \">= 30\" (not \"{text}\")."
            ),
        )
    };
    let comparator = Comparator::from_stored(&op).ok_or_else(problem)?;
    let value: f64 = number
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| problem())?;
    if !value.is_finite() {
        return Err(problem());
    }
    Ok((comparator, value))
}

/// The registry's latest value of a goal's measure and whether the target is met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub value: f64,
    pub taken_on: Date,
    /// "7.2 % on 2026-10-01".
    pub text: String,
    pub met: bool,
}

/// The latest complete, current value of `measure` for the patient on or before the
/// reader's day, judged against the target.
pub(super) fn standing(
    r: &Reader<'_>,
    patient_id: &str,
    target: &Target,
) -> Result<Option<Standing>> {
    let Some(measure) = target.measure else {
        return Ok(None);
    };
    let column = match measure.component() {
        crate::catalogue::Component::Value => "value",
        crate::catalogue::Component::Value2 => "value2",
    };
    let found: Option<(String, Option<f64>)> = r
        .conn()
        .query_row(
            &format!(
                "SELECT taken_on, {column} FROM measures
                 WHERE patient_id = ?1 AND kind = ?2 AND taken_on <= ?3
                   AND deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
                 ORDER BY taken_on DESC, value DESC LIMIT 1"
            ),
            rusqlite::params![patient_id, measure.kind().as_str(), r.today().to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let Some((taken_on, Some(value))) = found else {
        return Ok(None);
    };
    let Some(taken_on) = crate::dates::parse(&taken_on) else {
        return Ok(None);
    };
    let unit = if target.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", target.unit)
    };
    Ok(Some(Standing {
        value,
        taken_on,
        text: format!("{}{unit} on {taken_on}", crate::measures::number(value)),
        met: target.comparator.holds(value, target.value),
    }))
}

/// A patient's own targets from their care plan, where one is set; the program's
/// apply to the rest. Only "below" targets on the four quantities programs have
/// targets for take part, since a program's targets are all "below" limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct OwnTargets {
    pub phq9_below: Option<f64>,
    pub a1c_below: Option<f64>,
    pub sbp_below: Option<f64>,
    pub dbp_below: Option<f64>,
}

impl OwnTargets {
    pub fn is_empty(&self) -> bool {
        *self == OwnTargets::default()
    }

    /// The program's targets with the patient's own in their place.
    pub fn apply(&self, program: &Targets) -> Targets {
        Targets {
            phq9_below: self.phq9_below.unwrap_or(program.phq9_below),
            a1c_below: self.a1c_below.unwrap_or(program.a1c_below),
            sbp_below: self.sbp_below.unwrap_or(program.sbp_below),
            dbp_below: self.dbp_below.unwrap_or(program.dbp_below),
        }
    }

    fn set(&mut self, measure: Quantity, value: f64) {
        let slot = match measure {
            Quantity::Phq9 => &mut self.phq9_below,
            Quantity::A1c => &mut self.a1c_below,
            Quantity::Sbp => &mut self.sbp_below,
            Quantity::Dbp => &mut self.dbp_below,
            _ => return,
        };
        *slot = Some(value);
    }
}

/// The own targets of the given patients (everyone when `None`): the "< X" target of
/// their agreed goals (see [`super::GoalLifecycle::sets_target`]) on PHQ-9, HbA1c,
/// systolic or diastolic BP; of two goals on one measure, the one started last wins.
pub fn own_targets(
    r: &Reader<'_>,
    patients: Option<&[String]>,
) -> Result<HashMap<String, OwnTargets>> {
    let mut out: HashMap<String, OwnTargets> = HashMap::new();
    if patients.is_some_and(|p| p.is_empty()) {
        return Ok(out);
    }
    let subset = patients.map_or(String::new(), |p| {
        format!(" AND patient_id IN ({})", vec!["?"; p.len()].join(", "))
    });
    let today = r.today().to_string();
    let mut args: Vec<&dyn ToSql> = vec![&today];
    if let Some(p) = patients {
        args.extend(p.iter().map(|i| i as &dyn ToSql));
    }
    let mut stmt = r.conn().prepare(&format!(
        "SELECT patient_id, measure, target_value FROM care_plan_goals
         WHERE start_on <= ?1 AND deleted_at IS NULL AND measure IN ('phq9', 'a1c', 'sbp', 'dbp')
           AND comparator = '<' AND lifecycle IN ('planned', 'accepted', 'active', 'on-hold'){subset}
         ORDER BY patient_id, start_on, created_at"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        let measure: String = row.get(1)?;
        let Some(measure) = Quantity::ALL
            .iter()
            .copied()
            .find(|q| q.as_str() == measure)
        else {
            continue;
        };
        out.entry(row.get(0)?)
            .or_default()
            .set(measure, row.get(2)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_a_comparison_and_a_number() {
        assert_eq!(parse_target("t", "<5"), Ok((Comparator::Below, 5.0)));
        assert_eq!(parse_target("t", " < 7.5 % "), Ok((Comparator::Below, 7.5)));
        assert_eq!(parse_target("t", "<=140"), Ok((Comparator::AtMost, 140.0)));
        assert_eq!(parse_target("t", "≥ 30"), Ok((Comparator::AtLeast, 30.0)));
        assert_eq!(parse_target("t", ">7,5"), Ok((Comparator::Above, 7.5)));
        for bad in ["5", "", "<", "< five", "=< 5", "<<5", "< NaN", "< inf"] {
            let e = parse_target("target", bad).unwrap_err();
            assert_eq!(e.field, "target", "{bad}");
            assert!(e.message.contains("\"<5\""), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn comparators_hold_at_their_edges() {
        assert!(!Comparator::Below.holds(5.0, 5.0));
        assert!(Comparator::AtMost.holds(5.0, 5.0));
        assert!(!Comparator::Above.holds(30.0, 30.0));
        assert!(Comparator::AtLeast.holds(30.0, 30.0));
    }

    #[test]
    fn own_targets_replace_only_what_they_set() {
        let program = Targets {
            phq9_below: 5.0,
            a1c_below: 8.0,
            sbp_below: 140.0,
            dbp_below: 90.0,
        };
        let own = OwnTargets {
            a1c_below: Some(7.5),
            ..OwnTargets::default()
        };
        let t = own.apply(&program);
        assert_eq!(
            (t.phq9_below, t.a1c_below, t.sbp_below, t.dbp_below),
            (5.0, 7.5, 140.0, 90.0)
        );
        assert!(OwnTargets::default().is_empty());
        assert!(!own.is_empty());
    }
}
