//! Outreach state for many patients at once: which episode is followed, and what the
//! cadence rules say about it on the reader's day.
//!
//! It reads the trigger-kept `contact_latest` table (one row per patient) and, only for
//! patients whose latest contact did not reach them, the contacts since the last one
//! that did: the worklist over 10,000 patients and 100,000 contacts reads a few
//! thousand rows, not every contact (docs/benchmarks.md).

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::params;
use serde::Serialize;

use super::cadence::{self, Attempt, Cadence, History, Outreach};
use super::vocabulary::{Outcome, PATIENT_SIDE_SQL, REACHED_SQL};
use crate::enrollment::EnrollmentStatus;
use crate::error::Result;
use crate::patients::Subset;
use crate::programs::{FollowUp, Program};
use crate::store::Reader;

/// The episode whose program's cadence applies: open and followed by contacts
/// (screening, active or relapse watch). With several, the active one is followed,
/// then screening, then relapse watch; the most recent within a status.
#[derive(Debug, Clone, Serialize)]
pub struct Followed {
    pub enrollment_id: String,
    pub program_code: String,
    pub program_name: String,
    pub status: EnrollmentStatus,
    /// When the episode entered its status.
    pub since: Date,
    #[serde(skip)]
    pub follow_up: FollowUp,
}

/// A patient's outreach on the reader's day.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PatientOutreach {
    pub followed: Option<Followed>,
    #[serde(flatten)]
    pub outreach: Outreach,
}

/// Outreach state for the given patients (every patient with an open followed episode
/// or a contact when `None`).
pub fn load(
    r: &Reader<'_>,
    patients: Option<&[String]>,
) -> Result<HashMap<String, PatientOutreach>> {
    let mut out: HashMap<String, PatientOutreach> = HashMap::new();
    let subset = Subset::of(patients);
    if subset.is_empty() {
        return Ok(out);
    }
    let as_of = r.today();
    let followed = followed(r, &subset)?;
    let histories = histories(r, &subset, as_of)?;
    let holidays = crate::settings::holidays(r)?;
    for (id, f) in followed {
        out.entry(id).or_default().followed = Some(f);
    }
    for id in histories.keys() {
        out.entry(id.clone()).or_default();
    }
    for (id, state) in out.iter_mut() {
        let empty = History::default();
        let history = histories.get(id).unwrap_or(&empty);
        state.outreach = match &state.followed {
            Some(f) => match Cadence::for_status(&f.follow_up, f.status) {
                Some(c) => cadence::evaluate(history, &c, f.since, as_of, &holidays),
                None => cadence::describe(history),
            },
            None => cadence::describe(history),
        };
    }
    Ok(out)
}

/// The day of the latest contact that reached each patient (or their family), on or
/// before the reader's day: what the "no contact" flag and discharge follow-ups ask.
/// One scan of `contact_latest`; a contact after the day (a past day's read) is looked
/// up again for that patient.
pub fn last_reached(r: &Reader<'_>, patients: Option<&[String]>) -> Result<HashMap<String, Date>> {
    let subset = Subset::of(patients);
    let day_end = format!("{} 99:99", r.today());
    let mut out = HashMap::new();
    let mut too_new = Vec::new();
    let (only, ids) = subset.sql("patient_id", 1);
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT patient_id, last_reached_at FROM contact_latest
         WHERE last_reached_at IS NOT NULL{only}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&ids))?;
    while let Some(row) = rows.next()? {
        let patient: String = row.get(0)?;
        if !subset.has(&patient) {
            continue;
        }
        let at: String = row.get(1)?;
        if at > day_end {
            too_new.push(patient);
        } else {
            out.insert(patient, day_of(&at));
        }
    }
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT max(at) FROM contacts
         WHERE patient_id = ?1 AND at <= ?2 AND deleted_at IS NULL AND superseded_at IS NULL
           AND with_whom IN {PATIENT_SIDE_SQL} AND outcome IN {REACHED_SQL}"
    ))?;
    for patient in too_new {
        let at: Option<String> = stmt.query_row(params![patient, day_end], |row| row.get(0))?;
        if let Some(at) = at {
            out.insert(patient, day_of(&at));
        }
    }
    Ok(out)
}

/// Every patient's followed episode.
fn followed(r: &Reader<'_>, subset: &Subset<'_>) -> Result<HashMap<String, Followed>> {
    let programs: HashMap<String, Program> = crate::programs::list(r)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let as_of = r.today().to_string();
    let (only, ids) = subset.sql("patient_id", 1);
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT id, patient_id, program_id, status, screening_on, active_on, referred_on
         FROM enrollments
         WHERE deleted_at IS NULL AND status IN ('screening', 'active', 'relapse-watch'){only}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&ids))?;
    let mut out: HashMap<String, Followed> = HashMap::new();
    while let Some(row) = rows.next()? {
        let patient: String = row.get(1)?;
        if !subset.has(&patient) {
            continue;
        }
        let program_id: String = row.get(2)?;
        let status_text: String = row.get(3)?;
        let (Some(program), Some(status)) = (
            programs.get(&program_id),
            EnrollmentStatus::parse(&status_text),
        ) else {
            continue;
        };
        let dates: Vec<Option<String>> = vec![row.get(4)?, row.get(5)?, row.get(6)?];
        let since = dates
            .iter()
            .flatten()
            .filter(|d| d.as_str() <= as_of.as_str())
            .filter_map(|d| crate::dates::parse(d))
            .max();
        let Some(since) = since else { continue };
        let candidate = Followed {
            enrollment_id: row.get(0)?,
            program_code: program.code.clone(),
            program_name: program.name.clone(),
            status,
            since,
            follow_up: program.follow_up.clone(),
        };
        let rank = |s: EnrollmentStatus| match s {
            EnrollmentStatus::Active => 0,
            EnrollmentStatus::Screening => 1,
            _ => 2,
        };
        match out.get(&patient) {
            Some(f)
                if (rank(f.status), std::cmp::Reverse(f.since))
                    <= (rank(candidate.status), std::cmp::Reverse(candidate.since)) => {}
            _ => {
                out.insert(patient, candidate);
            }
        }
    }
    Ok(out)
}

/// Each patient's contact history as the rules need it, on or before `as_of`.
fn histories(r: &Reader<'_>, subset: &Subset<'_>, as_of: Date) -> Result<HashMap<String, History>> {
    let conn = r.conn();
    // The end of `as_of`, in the stored `YYYY-MM-DD HH:MM` form.
    let day_end = format!("{as_of} 99:99");
    let mut out: HashMap<String, History> = HashMap::new();
    let mut with_tail: Vec<String> = Vec::new();
    let mut too_new: Vec<String> = Vec::new();
    let (only, ids) = subset.sql("patient_id", 1);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT patient_id, last_at, last_outcome, last_next_on, last_reached_at
         FROM contact_latest WHERE 1 = 1{only}"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&ids))?;
    while let Some(row) = rows.next()? {
        let patient: String = row.get(0)?;
        if !subset.has(&patient) {
            continue;
        }
        let last_at: String = row.get(1)?;
        if last_at > day_end {
            too_new.push(patient);
            continue;
        }
        let outcome = Outcome::parse(&row.get::<_, String>(2)?);
        let next_on: Option<String> = row.get(3)?;
        let reached_at: Option<String> = row.get(4)?;
        if outcome.is_some_and(Outcome::reached) {
            out.insert(
                patient,
                History {
                    last_reached: Some(Attempt {
                        on: day_of(&last_at),
                        outcome: Outcome::Reached,
                        next_on: next_on.as_deref().and_then(crate::dates::parse),
                    }),
                    since_reached: Vec::new(),
                },
            );
        } else {
            out.insert(
                patient.clone(),
                History {
                    last_reached: reached_at.as_deref().map(|at| Attempt {
                        on: day_of(at),
                        outcome: Outcome::Reached,
                        next_on: None,
                    }),
                    since_reached: Vec::new(),
                },
            );
            with_tail.push(patient);
        }
    }

    // The contacts after the last reached one, for patients whose latest did not reach
    // them: one join over the index, not a query per patient. CROSS JOIN keeps
    // `contact_latest` as the outer loop: ordered by the contacts index instead, SQLite
    // walked all 100,000 contacts to find a few thousand (30 ms of the worklist's 50).
    if !with_tail.is_empty() {
        let (only_tail, tail_ids) = subset.sql("l.patient_id", 2);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT c.patient_id, c.at, c.outcome, c.next_on FROM contact_latest l
             CROSS JOIN contacts c ON c.patient_id = l.patient_id
                  AND c.at > coalesce(l.last_reached_at, '')
                  AND c.deleted_at IS NULL AND c.superseded_at IS NULL
                  AND c.with_whom IN {PATIENT_SIDE_SQL}
             WHERE l.last_outcome NOT IN {REACHED_SQL} AND l.last_at <= ?1{only_tail}
             ORDER BY l.patient_id, c.at"
        ))?;
        let mut args: Vec<&str> = vec![day_end.as_str()];
        args.extend(tail_ids);
        let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
        while let Some(row) = rows.next()? {
            let patient: String = row.get(0)?;
            if let Some(h) = out.get_mut(&patient)
                && let Some(attempt) = attempt(row)?
            {
                h.since_reached.push(attempt);
            }
        }
    }

    // A history read for a past day: contacts logged after it are left out, one
    // patient at a time (rare: contacts cannot be in the future).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT patient_id, at, outcome, next_on FROM contacts
         WHERE patient_id = ?1 AND at <= ?2 AND deleted_at IS NULL AND superseded_at IS NULL
           AND with_whom IN {PATIENT_SIDE_SQL}
         ORDER BY at, created_at"
    ))?;
    for patient in too_new {
        let mut rows = stmt.query(params![patient, day_end])?;
        let mut all = Vec::new();
        while let Some(row) = rows.next()? {
            if let Some(a) = attempt(row)? {
                all.push(a);
            }
        }
        if !all.is_empty() {
            out.insert(patient, History::from_all(&all));
        }
    }
    Ok(out)
}

/// `(patient_id, at, outcome, next_on)` as an attempt.
fn attempt(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Attempt>> {
    let at: String = row.get(1)?;
    let outcome: String = row.get(2)?;
    let next_on: Option<String> = row.get(3)?;
    Ok(Outcome::parse(&outcome).map(|outcome| Attempt {
        on: day_of(&at),
        outcome,
        next_on: next_on.as_deref().and_then(crate::dates::parse),
    }))
}

/// The date of a stored `YYYY-MM-DD HH:MM`.
fn day_of(at: &str) -> Date {
    at.get(..10)
        .and_then(crate::dates::parse)
        .unwrap_or_default()
}
