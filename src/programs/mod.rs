//! Programs a patient can be enrolled in. Their eligibility criteria and targets are
//! data stored in the caseload store; COMPASS and TEAMcare ship built in
//! (`assets/programs/*.json`) and are written into every new store.

mod criteria;
mod edit;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Writer};

pub use criteria::{Comparison, Criterion, Quantity, spaced_unit};
pub use edit::{ProgramEdit, copy, update_thresholds};

/// Treat-to-target goals: a value below each threshold is "at target".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    pub phq9_below: f64,
    pub a1c_below: f64,
    pub sbp_below: f64,
    pub dbp_below: f64,
}

/// How a program follows its patients up: the window in which a PHQ-9 before
/// enrollment counts as the baseline, when a measure becomes overdue, and after how many
/// weeks in treatment a patient who has not responded is "not improving". Stored as
/// JSON; a field left out takes the published default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUp {
    pub baseline_window_days: u32,
    pub not_improving_weeks: u32,
    pub phq9_overdue_days: u32,
    pub a1c_overdue_days: u32,
    pub bp_overdue_days: u32,
    /// Outreach cadence: days between contacts by episode status, when the coordinator
    /// did not pick the next date (research.md: about every 2 weeks while active,
    /// weekly while screening, monthly in maintenance).
    pub contact_active_days: u32,
    pub contact_screening_days: u32,
    pub contact_relapse_watch_days: u32,
    /// Unreached attempts, each on a different day, before "send a letter".
    pub letter_after_attempts: u32,
    /// Days after the letter with nobody reached before "consider unreachable".
    pub unreachable_after_letter_days: u32,
    /// "No contact": nobody reached in more than this many days.
    pub no_contact_days: u32,
    /// A discharge follow-up is due within this many business days (Medicare TCM: 2).
    pub discharge_follow_up_business_days: u32,
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            baseline_window_days: 90,
            not_improving_weeks: 10,
            phq9_overdue_days: 30,
            a1c_overdue_days: 90,
            bp_overdue_days: 30,
            contact_active_days: 14,
            contact_screening_days: 7,
            contact_relapse_watch_days: 30,
            letter_after_attempts: 3,
            unreachable_after_letter_days: 30,
            no_contact_days: 30,
            discharge_follow_up_business_days: 2,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Program {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub criteria: Criterion,
    /// `criteria` in words, for screens and printouts.
    pub criteria_text: Vec<String>,
    pub targets: Targets,
    pub follow_up: FollowUp,
    pub builtin: bool,
}

/// A program definition as shipped in `assets/programs/`.
#[derive(Debug, Deserialize)]
struct ProgramDefinition {
    code: String,
    name: String,
    description: String,
    criteria: Criterion,
    targets: Targets,
}

const BUILTIN: &[&str] = &[
    include_str!("../../assets/programs/compass.json"),
    include_str!("../../assets/programs/teamcare.json"),
];

/// Writes the built-in programs a store does not have yet: the seed every new store
/// is created with (`Store::create(dir, passphrase, programs::seed_builtin)`).
pub fn seed_builtin(w: &mut Writer<'_>) -> Result<()> {
    for text in BUILTIN {
        let def: ProgramDefinition = serde_json::from_str(text)
            .map_err(|e| Error::Internal(format!("built-in program definition is invalid: {e}")))?;
        def.criteria.check().map_err(Error::Internal)?;
        if find(&w.reader(), &def.code)?.is_some() {
            continue;
        }
        let id = crate::ids::new_id();
        let criteria =
            serde_json::to_string(&def.criteria).map_err(|e| Error::Internal(e.to_string()))?;
        let targets =
            serde_json::to_string(&def.targets).map_err(|e| Error::Internal(e.to_string()))?;
        w.tx().execute(
            "INSERT INTO programs (id, code, name, description, criteria, targets, builtin, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
            params![id, def.code, def.name, def.description, criteria, targets, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "program",
            entity_id: id,
            patient_id: None,
            action: "create".into(),
            changes: vec![FieldChange {
                field: "code".into(),
                from: None,
                to: Some(def.code),
            }],
        })?;
    }
    Ok(())
}

pub fn list(r: &Reader<'_>) -> Result<Vec<Program>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} WHERE deleted_at IS NULL ORDER BY builtin DESC, name"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(|p| p))
        .collect()
}

/// A program by its code (`compass`), case-insensitively.
pub fn find(r: &Reader<'_>, code: &str) -> Result<Option<Program>> {
    r.conn()
        .query_row(
            &format!("{SELECT} WHERE lower(code) = lower(?1) AND deleted_at IS NULL"),
            [code.trim()],
            from_row,
        )
        .optional()?
        .transpose()
}

const SELECT: &str =
    "SELECT id, code, name, description, criteria, targets, builtin, follow_up FROM programs";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Program>> {
    let criteria: String = row.get(4)?;
    let targets: String = row.get(5)?;
    let follow_up: String = row.get(7)?;
    let code: String = row.get(1)?;
    let parsed = serde_json::from_str::<Criterion>(&criteria).and_then(|c| {
        Ok((
            c,
            serde_json::from_str::<Targets>(&targets)?,
            serde_json::from_str::<FollowUp>(&follow_up)?,
        ))
    });
    Ok(match parsed {
        Ok((criteria, targets, follow_up)) => Ok(Program {
            id: row.get(0)?,
            name: row.get(2)?,
            description: row.get(3)?,
            criteria_text: criteria.describe(),
            criteria,
            targets,
            follow_up,
            builtin: row.get(6)?,
            code,
        }),
        Err(e) => Err(Error::Internal(format!(
            "program {code} has an unreadable definition: {e}"
        ))),
    })
}
