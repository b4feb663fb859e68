//! Safety flags: a PHQ-9 with item 9 ("thoughts that you would be better off dead or
//! of hurting yourself") above 0 needs same-day follow-up. The flag opens when the
//! questionnaire is saved and stays on the patient, the caseload list and the review
//! list until a coordinator acknowledges it, saying what was done.
//!
//! A later correction of the questionnaire does not close the flag: only a person can
//! say the follow-up happened (or that the score was entered in error).

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

#[derive(Debug, Clone, Serialize)]
pub struct SafetyFlag {
    pub id: String,
    pub patient_id: String,
    pub measure_id: String,
    /// The date the PHQ-9 was taken.
    pub raised_on: String,
    pub item9: u8,
    pub raised_at: String,
    pub open: bool,
    pub acknowledged_at: Option<String>,
    pub acknowledged_by: Option<String>,
    pub action_taken: Option<String>,
}

const ACTION_MAX: usize = 2000;

pub(crate) fn raise(
    w: &mut Writer<'_>,
    patient_id: &str,
    measure_id: &str,
    taken_on: Date,
    item9: u8,
) -> Result<()> {
    let id = crate::ids::new_id();
    w.tx().execute(
        "INSERT INTO safety_flags (id, patient_id, measure_id, raised_on, item9, raised_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            patient_id,
            measure_id,
            taken_on.to_string(),
            item9,
            w.now_text()
        ],
    )?;
    w.audit(AuditEntry {
        entity: "safety_flag",
        entity_id: id,
        patient_id: Some(patient_id.to_owned()),
        action: "raise".into(),
        changes: vec![FieldChange {
            field: "item9".into(),
            from: None,
            to: Some(item9.to_string()),
        }],
    })
}

/// Closes an open safety flag, recording who did it, when, and the action taken.
pub fn acknowledge(store: &mut Store, flag_id: &str, action_taken: &str) -> Result<SafetyFlag> {
    let flag = store.read(|r| get(r, flag_id))?;
    let action = action_taken.trim();
    if action.is_empty() {
        return Err(Error::invalid(
            "action_taken",
            "Say what was done (for example: called the patient, safety plan reviewed, PCP informed).",
        ));
    }
    if action.chars().count() > ACTION_MAX {
        return Err(Error::invalid(
            "action_taken",
            format!("The action taken is longer than {ACTION_MAX} characters."),
        ));
    }
    if !flag.open {
        return Err(Error::Conflict(format!(
            "This safety flag was already acknowledged by {} on {}.",
            flag.acknowledged_by.as_deref().unwrap_or("someone"),
            flag.acknowledged_at.as_deref().unwrap_or("an earlier date"),
        )));
    }
    store.write(|w| {
        let actor = w.actor().to_owned();
        w.tx().execute(
            "UPDATE safety_flags SET acknowledged_at = ?2, acknowledged_by = ?3, action_taken = ?4
             WHERE id = ?1 AND acknowledged_at IS NULL",
            params![flag.id, w.now_text(), actor, action],
        )?;
        w.audit(AuditEntry {
            entity: "safety_flag",
            entity_id: flag.id.clone(),
            patient_id: Some(flag.patient_id.clone()),
            action: "acknowledge".into(),
            changes: vec![FieldChange {
                field: "action_taken".into(),
                from: None,
                to: Some(action.to_owned()),
            }],
        })?;
        crate::patients::touch(w, &flag.patient_id)
    })?;
    store.read(|r| get(r, flag_id))
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<SafetyFlag> {
    r.conn()
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("That safety flag no longer exists.".into()))
}

/// Every open safety flag raised on or before the reader's day, oldest first.
pub fn open(r: &Reader<'_>) -> Result<Vec<SafetyFlag>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} WHERE acknowledged_at IS NULL AND raised_on <= ?1 ORDER BY raised_on, raised_at"
    ))?;
    let rows = stmt.query_map([r.today().to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A patient's safety flags, open ones first, then newest first.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<SafetyFlag>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} WHERE patient_id = ?1
         ORDER BY acknowledged_at IS NOT NULL, raised_on DESC, raised_at DESC"
    ))?;
    let rows = stmt.query_map([patient_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

const SELECT: &str = "SELECT id, patient_id, measure_id, raised_on, item9, raised_at,
    acknowledged_at, acknowledged_by, action_taken FROM safety_flags";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SafetyFlag> {
    let acknowledged_at: Option<String> = row.get(6)?;
    Ok(SafetyFlag {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        measure_id: row.get(2)?,
        raised_on: row.get(3)?,
        item9: row.get(4)?,
        raised_at: row.get(5)?,
        open: acknowledged_at.is_none(),
        acknowledged_at,
        acknowledged_by: row.get(7)?,
        action_taken: row.get(8)?,
    })
}
