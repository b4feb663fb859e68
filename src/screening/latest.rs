//! What screening looks at: a patient's date of birth and the latest complete value of
//! each measure. For "screen all" these are loaded for the whole caseload in one scan of
//! the `measures_current` index (as `crate::flags` does), never one query per patient.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::Connection;

use crate::error::Result;
use crate::flags::Reading;
use crate::measures::Kind;
use crate::programs::{Criterion, Quantity};

/// One patient's facts on the day of screening.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub birth_date: Option<Date>,
    pub latest: Latest,
}

/// The latest current, complete value of each measure taken on or before the day of
/// screening, however old. Corrected, removed and incomplete values are never here.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Latest {
    pub phq9: Option<Reading>,
    pub gad7: Option<Reading>,
    pub a1c: Option<Reading>,
    /// Systolic in `value`, diastolic in `value2`.
    pub bp: Option<Reading>,
    pub ldl: Option<Reading>,
    pub weight: Option<Reading>,
}

impl Latest {
    pub fn of(&self, kind: Kind) -> Option<Reading> {
        *self.slot(kind)
    }

    pub fn set(&mut self, kind: Kind, reading: Reading) {
        *self.slot_mut(kind) = Some(reading);
    }

    /// The dated number a criterion on `measure` compares: systolic and diastolic
    /// blood pressure are the two numbers of the latest blood pressure.
    pub fn value_for(&self, measure: Quantity) -> Option<(Date, f64)> {
        let reading = self.of(kind_of(measure))?;
        let value = match measure.component() {
            crate::catalogue::Component::Value2 => reading.value2?,
            crate::catalogue::Component::Value => reading.value,
        };
        Some((reading.taken_on, value))
    }

    fn slot(&self, kind: Kind) -> &Option<Reading> {
        match kind {
            Kind::Phq9 => &self.phq9,
            Kind::Gad7 => &self.gad7,
            Kind::A1c => &self.a1c,
            Kind::Bp => &self.bp,
            Kind::Ldl => &self.ldl,
            Kind::Weight => &self.weight,
        }
    }

    fn slot_mut(&mut self, kind: Kind) -> &mut Option<Reading> {
        match kind {
            Kind::Phq9 => &mut self.phq9,
            Kind::Gad7 => &mut self.gad7,
            Kind::A1c => &mut self.a1c,
            Kind::Bp => &mut self.bp,
            Kind::Ldl => &mut self.ldl,
            Kind::Weight => &mut self.weight,
        }
    }
}

/// The recorded measure a criterion's measure comes from.
pub fn kind_of(measure: Quantity) -> Kind {
    measure.kind()
}

/// The recorded measures a criterion looks at, each once.
pub(super) fn kinds_in(criterion: &Criterion) -> Vec<Kind> {
    fn walk(c: &Criterion, out: &mut Vec<Kind>) {
        match c {
            Criterion::All { of } | Criterion::Any { of } => of.iter().for_each(|c| walk(c, out)),
            Criterion::Age { .. } => {}
            Criterion::Measure { measure, .. } => {
                let kind = kind_of(*measure);
                if !out.contains(&kind) {
                    out.push(kind);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(criterion, &mut out);
    out.sort();
    out
}

/// The latest values of `kinds` taken on or before `as_of`, per patient: for one
/// patient, or for everyone when `patient` is `None`. One ordered scan of the
/// `measures_current` index; the last row per patient and kind is the latest (two
/// values on the same day: the higher one, in index order, as the flag engine reads it).
pub(super) fn load(
    conn: &Connection,
    patient: Option<&str>,
    kinds: &[Kind],
    as_of: Date,
) -> Result<HashMap<String, Latest>> {
    let mut out: HashMap<String, Latest> = HashMap::new();
    if kinds.is_empty() {
        return Ok(out);
    }
    // The kinds come from our own enum, so they can be written into the statement.
    let kinds_sql = kinds
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let only = if patient.is_some() {
        " AND patient_id = ?2"
    } else {
        ""
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT patient_id, kind, taken_on, value, value2 FROM measures
         WHERE deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
           AND value IS NOT NULL AND kind IN ({kinds_sql}) AND taken_on <= ?1{only}
         ORDER BY patient_id, kind, taken_on, value, value2"
    ))?;
    let as_of_text = as_of.to_string();
    let mut rows = match patient {
        Some(id) => stmt.query(rusqlite::params![as_of_text, id])?,
        None => stmt.query([&as_of_text])?,
    };
    while let Some(row) = rows.next()? {
        let kind: String = row.get(1)?;
        let taken_on: String = row.get(2)?;
        let kind = Kind::ALL.into_iter().find(|k| k.as_str() == kind);
        let (Some(kind), Some(taken_on)) = (kind, crate::dates::parse(&taken_on)) else {
            continue;
        };
        let reading = Reading {
            taken_on,
            value: row.get(3)?,
            value2: row.get(4)?,
        };
        out.entry(row.get(0)?).or_default().set(kind, reading);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::Comparison;
    use jiff::civil::date;

    #[test]
    fn blood_pressure_criteria_read_both_numbers_of_one_reading() {
        let mut latest = Latest::default();
        latest.set(
            Kind::Bp,
            Reading {
                taken_on: date(2026, 1, 5),
                value: 152.0,
                value2: Some(94.0),
            },
        );
        assert_eq!(
            latest.value_for(Quantity::Sbp),
            Some((date(2026, 1, 5), 152.0))
        );
        assert_eq!(
            latest.value_for(Quantity::Dbp),
            Some((date(2026, 1, 5), 94.0))
        );
        assert_eq!(latest.value_for(Quantity::A1c), None);
    }

    #[test]
    fn kinds_are_listed_once_with_blood_pressure_for_both_numbers() {
        let leaf = |measure| Criterion::Measure {
            measure,
            op: Comparison::AtLeast,
            value: 1.0,
            within_days: 30,
        };
        let criterion = Criterion::All {
            of: vec![
                leaf(Quantity::Sbp),
                Criterion::Any {
                    of: vec![leaf(Quantity::Dbp), leaf(Quantity::Phq9)],
                },
            ],
        };
        assert_eq!(kinds_in(&criterion), [Kind::Phq9, Kind::Bp]);
    }
}
