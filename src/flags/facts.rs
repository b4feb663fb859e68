//! Everything the flag rules look at, loaded for many patients in a handful of queries
//! (aggregates over the `measures_current` covering index, not one query per patient).
//!
//! The rules need the latest PHQ-9, HbA1c and blood pressure and the PHQ-9 that may be
//! the baseline of each activated episode, not every value: loading only those keeps
//! the "needs attention" sort over 10,000 patients inside its budget
//! (docs/benchmarks.md).

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::ToSql;

use crate::care_plans::OwnTargets;
use crate::catalogue::Kind;
use crate::error::Result;
use crate::programs::{FollowUp, Program, Targets};
use crate::store::Reader;

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
    /// The program's targets, with the patient's own from their care plan in their place.
    pub targets: Targets,
    /// Which of `targets` are the patient's own (the flag's detail says so).
    pub own: OwnTargets,
    pub follow_up: FollowUp,
}

#[derive(Debug, Clone, Default)]
pub struct PatientFacts {
    pub treatment: Option<Treatment>,
    /// Complete PHQ-9 totals, oldest first: the latest one taken on or before each
    /// open episode's activation date (baseline candidates) and the latest one overall.
    /// Rules only ever ask for the baseline and the latest, so that is all that is loaded.
    pub phq9: Vec<Reading>,
    pub latest_a1c: Option<Reading>,
    pub latest_bp: Option<Reading>,
    /// Open safety flags: (date the PHQ-9 was taken, item 9 score), oldest first.
    pub open_safety: Vec<(Date, u8)>,
    /// An open "discuss at case review" mark: (date marked, reason).
    pub discuss: Option<(Date, Option<String>)>,
    /// The last day a contact reached the patient or their family.
    pub last_reached: Option<Date>,
}

impl PatientFacts {
    fn add_latest(&mut self, kind: Kind, reading: Reading) {
        match kind {
            Kind::Phq9 => self.phq9.push(reading),
            Kind::A1c => self.latest_a1c = Some(reading),
            Kind::Bp => self.latest_bp = Some(reading),
            _ => {}
        }
    }
}

/// The measures the rules follow.
const FOLLOWED: [Kind; 3] = [Kind::Phq9, Kind::A1c, Kind::Bp];

/// Facts as of the reader's day (measures taken after it are ignored) for the given
/// patients, or for every patient when `patients` is `None`.
pub fn load(r: &Reader<'_>, patients: Option<&[String]>) -> Result<HashMap<String, PatientFacts>> {
    let (conn, as_of) = (r.conn(), r.today());
    let mut facts: HashMap<String, PatientFacts> = HashMap::new();
    if patients.is_some_and(|p| p.is_empty()) {
        return Ok(facts);
    }
    let as_of_text = as_of.to_string();
    let (subset, ids) = scope(patients, 2, "patient_id");
    let (episode_subset, _) = scope(patients, 2, "e.patient_id");
    let (latest_subset, _) = scope(patients, 1, "patient_id");
    let mut args: Vec<&dyn ToSql> = vec![&as_of_text];
    args.extend(ids.iter().map(|i| i as &dyn ToSql));

    let programs: HashMap<String, Program> = crate::programs::list(r)?
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
            own: OwnTargets::default(),
            follow_up: program.follow_up.clone(),
        });
    }
    // A target the patient agreed in their care plan replaces the program's.
    for (patient, own) in crate::care_plans::own_targets(r, patients)? {
        if let Some(t) = facts.get_mut(&patient).and_then(|f| f.treatment.as_mut()) {
            t.targets = own.apply(&t.targets);
            t.own = own;
        }
    }

    // The latest value of each measure per patient, from the table the store keeps
    // current. A value taken after `as_of` (a review list for a past week) is replaced
    // by the latest one on or before it, looked up for that patient alone.
    let followed = FOLLOWED
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT patient_id, kind, taken_on, value, value2 FROM measure_latest
         WHERE kind IN ({followed}){latest_subset}"
    ))?;
    let mut rows = stmt.query(&args[1..])?;
    let mut too_new: Vec<(String, Kind)> = Vec::new();
    while let Some(row) = rows.next()? {
        let patient: String = row.get(0)?;
        let Some(kind) = Kind::from_stored(&row.get::<_, String>(1)?) else {
            continue;
        };
        match reading(row)? {
            Some(r) if r.taken_on > as_of => too_new.push((patient, kind)),
            Some(r) => facts.entry(patient).or_default().add_latest(kind, r),
            None => {}
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT patient_id, kind, taken_on, value, value2 FROM measures
         WHERE patient_id = ?1 AND kind = ?2 AND taken_on <= ?3
           AND deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
         ORDER BY taken_on DESC, value DESC LIMIT 1",
    )?;
    for (patient, kind) in too_new {
        let mut rows = stmt.query(rusqlite::params![patient, kind.as_str(), as_of_text])?;
        if let Some(row) = rows.next()?
            && let Some(r) = reading(row)?
        {
            facts.entry(patient).or_default().add_latest(kind, r);
        }
    }

    // Baseline candidates: per activated open episode, the latest PHQ-9 on or before
    // its activation date.
    let phq9 = Kind::Phq9.as_str();
    let mut stmt = conn.prepare(&format!(
        "SELECT e.patient_id, '{phq9}', max(m.taken_on), m.value, NULL FROM enrollments e
         JOIN measures m ON m.patient_id = e.patient_id AND m.kind = '{phq9}'
              AND m.deleted_at IS NULL AND m.superseded_at IS NULL AND m.complete = 1
              AND m.taken_on <= e.active_on
         WHERE e.deleted_at IS NULL AND e.status IN ('active', 'relapse-watch')
           AND e.active_on IS NOT NULL AND e.active_on <= ?1{episode_subset}
         GROUP BY e.id"
    ))?;
    let mut rows = stmt.query(args.as_slice())?;
    while let Some(row) = rows.next()? {
        if let Some(reading) = reading(row)? {
            facts.entry(row.get(0)?).or_default().phq9.push(reading);
        }
    }
    for entry in facts.values_mut() {
        if entry.phq9.len() > 1 {
            entry.phq9.sort_by_key(|r| r.taken_on);
            entry.phq9.dedup();
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

    // Only patients in treatment can raise "no contact", so only theirs are kept.
    for (patient, on) in crate::outreach::last_reached(r, patients)? {
        if let Some(entry) = facts.get_mut(&patient) {
            entry.last_reached = Some(on);
        }
    }
    Ok(facts)
}

/// `(patient_id, kind, taken_on, value, value2)` as a reading; `None` for a row
/// without a usable date or value.
fn reading(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Reading>> {
    let taken_on: Option<String> = row.get(2)?;
    let value: Option<f64> = row.get(3)?;
    Ok(
        match (taken_on.as_deref().and_then(crate::dates::parse), value) {
            (Some(taken_on), Some(value)) => Some(Reading {
                taken_on,
                value,
                value2: row.get(4)?,
            }),
            _ => None,
        },
    )
}

/// ` AND <column> IN (?first, ...)` for a subset, numbering placeholders from `first`.
fn scope(patients: Option<&[String]>, first: usize, column: &str) -> (String, Vec<String>) {
    match patients {
        None => (String::new(), Vec::new()),
        Some(ids) => {
            let slots = (first..first + ids.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            (format!(" AND {column} IN ({slots})"), ids.to_vec())
        }
    }
}
