//! Everything the flag rules look at, loaded for many patients in a handful of queries
//! (one scan of the `measures_current` index, not one query per patient).

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::{Connection, ToSql};

use crate::error::Result;
use crate::programs::{FollowUp, Program, Targets};

/// A dated value: a PHQ-9 total, an HbA1c, or a blood pressure (`value2` = diastolic).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub taken_on: Date,
    pub value: f64,
    pub value2: Option<f64>,
}

/// The episode the patient is being treated in: open, activated, and the source of the
/// targets and follow-up rules that apply.
#[derive(Debug, Clone)]
pub struct Treatment {
    pub program_code: String,
    pub program_name: String,
    /// `active` or `relapse-watch`.
    pub status: String,
    pub active_on: Date,
    pub targets: Targets,
    pub follow_up: FollowUp,
}

#[derive(Debug, Clone, Default)]
pub struct PatientFacts {
    pub treatment: Option<Treatment>,
    /// Complete PHQ-9 totals, oldest first.
    pub phq9: Vec<Reading>,
    pub latest_a1c: Option<Reading>,
    pub latest_bp: Option<Reading>,
    /// Open safety flags: (date the PHQ-9 was taken, item 9 score), oldest first.
    pub open_safety: Vec<(Date, u8)>,
    /// An open "discuss at case review" mark: (date marked, reason).
    pub discuss: Option<(Date, Option<String>)>,
}

/// Facts as of `as_of` (measures taken after it are ignored) for the given patients,
/// or for every patient when `patients` is `None`.
pub fn load(
    conn: &Connection,
    patients: Option<&[String]>,
    as_of: Date,
) -> Result<HashMap<String, PatientFacts>> {
    let mut facts: HashMap<String, PatientFacts> = HashMap::new();
    if patients.is_some_and(|p| p.is_empty()) {
        return Ok(facts);
    }
    let as_of_text = as_of.to_string();
    let (subset, ids) = scope(patients, 2);
    let mut args: Vec<&dyn ToSql> = vec![&as_of_text];
    args.extend(ids.iter().map(|i| i as &dyn ToSql));

    let programs: HashMap<String, Program> = crate::programs::list(conn)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT patient_id, program_id, status, active_on FROM enrollments
         WHERE deleted_at IS NULL AND status IN ('active', 'relapse-watch')
           AND active_on IS NOT NULL AND active_on <= ?1{subset}
         ORDER BY patient_id, status = 'active', active_on"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        let patient: String = row.get(0)?;
        let program_id: String = row.get(1)?;
        let active_on: String = row.get(3)?;
        let (Some(program), Some(active_on)) =
            (programs.get(&program_id), crate::dates::parse(&active_on))
        else {
            continue;
        };
        // Rows come relapse-watch before active, older before newer: the last one wins,
        // so an active episode is preferred, then the most recently activated.
        facts.entry(patient).or_default().treatment = Some(Treatment {
            program_code: program.code.clone(),
            program_name: program.name.clone(),
            status: row.get(2)?,
            active_on,
            targets: program.targets.clone(),
            follow_up: program.follow_up.clone(),
        });
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT patient_id, kind, taken_on, value, value2 FROM measures
         WHERE deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
           AND kind IN ('phq9', 'a1c', 'bp') AND taken_on <= ?1{subset}
         ORDER BY patient_id, kind, taken_on"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        let taken_on: String = row.get(2)?;
        let (Some(taken_on), Some(value)) = (
            crate::dates::parse(&taken_on),
            row.get::<_, Option<f64>>(3)?,
        ) else {
            continue;
        };
        let reading = Reading {
            taken_on,
            value,
            value2: row.get(4)?,
        };
        let entry = facts.entry(row.get(0)?).or_default();
        let kind: String = row.get(1)?;
        match kind.as_str() {
            "phq9" => entry.phq9.push(reading),
            "a1c" => entry.latest_a1c = Some(reading),
            "bp" => entry.latest_bp = Some(reading),
            _ => {}
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT patient_id, raised_on, item9 FROM safety_flags
         WHERE acknowledged_at IS NULL AND raised_on <= ?1{subset}
         ORDER BY patient_id, raised_on"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        let raised_on: String = row.get(1)?;
        if let Some(date) = crate::dates::parse(&raised_on) {
            let entry = facts.entry(row.get(0)?).or_default();
            entry.open_safety.push((date, row.get(2)?));
        }
    }

    let mut stmt = conn.prepare(&format!(
        "SELECT patient_id, marked_on, reason FROM discuss_marks
         WHERE cleared_at IS NULL AND marked_on <= ?1{subset}"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        let marked_on: String = row.get(1)?;
        if let Some(date) = crate::dates::parse(&marked_on) {
            facts.entry(row.get(0)?).or_default().discuss = Some((date, row.get(2)?));
        }
    }
    Ok(facts)
}

/// ` AND patient_id IN (?first, ...)` for a subset, numbering placeholders from `first`.
fn scope(patients: Option<&[String]>, first: usize) -> (String, Vec<String>) {
    match patients {
        None => (String::new(), Vec::new()),
        Some(ids) => {
            let slots = (first..first + ids.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            (format!(" AND patient_id IN ({slots})"), ids.to_vec())
        }
    }
}
