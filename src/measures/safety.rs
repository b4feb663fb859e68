//! Safety flags: a PHQ-9 with item 9 ("thoughts that you would be better off dead or
//! of hurting yourself") above 0 needs same-day follow-up. The flag opens when the
//! questionnaire is saved and stays on the patient, the caseload list and the review
//! list until a coordinator acknowledges it, saying what was done.
//!
//! A later correction of the questionnaire does not close the flag: only a person can
//! say the follow-up happened (or that the score was entered in error).
//!
//! Item 9 left blank is the other half: nobody knows whether the patient needs that
//! follow-up. It is no flag (nothing to acknowledge) but a fact read from the values:
//! [`item9_unanswered`] holds while the patient's latest PHQ-9 lacks it, and a PHQ-9
//! with item 9 answered ends it.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Kind;
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

/// A patient whose latest PHQ-9 left item 9 (thoughts of self-harm) blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item9Unanswered {
    pub patient_id: String,
    /// That PHQ-9.
    pub measure_id: String,
    pub taken_on: Date,
    /// "PHQ-9 item 9 not answered", the catalogue's words.
    pub label: &'static str,
    /// Which PHQ-9 and what to do.
    pub detail: String,
}

/// Every patient (or only `patient_id`) whose latest current PHQ-9 on or before the
/// reader's day — latest by date taken, then by when it was recorded — left item 9
/// blank. A later PHQ-9 with item 9 answered ends it even when it is incomplete
/// otherwise; a corrected or removed PHQ-9 does not count either way.
///
/// One query for the whole caseload (Today asks for everyone): only an incomplete PHQ-9
/// can lack an item, and the partial index `measures_phq9_incomplete` (migration 0007)
/// finds those; for each, the index of a patient's measures by date says whether a
/// later PHQ-9 exists. At 10,000 patients and 196,895 measures: 14 ms with the index,
/// 254 ms without it (`cargo bench --bench item9`, release, docs/benchmarks.md).
pub fn item9_unanswered(r: &Reader<'_>, patient_id: Option<&str>) -> Result<Vec<Item9Unanswered>> {
    let Some(must) = crate::catalogue::questionnaire::must_answer(Kind::Phq9) else {
        return Ok(Vec::new());
    };
    let one = if patient_id.is_some() {
        " AND m.patient_id = ?2"
    } else {
        ""
    };
    let phq9 = Kind::Phq9.as_str();
    let current = "deleted_at IS NULL AND superseded_at IS NULL";
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT m.id, m.patient_id, m.taken_on, m.items FROM measures m
         WHERE m.kind = '{phq9}' AND m.complete = 0 AND m.{current} AND m.taken_on <= ?1{one}
           AND NOT EXISTS (
               SELECT 1 FROM measures later
               WHERE later.patient_id = m.patient_id AND later.kind = '{phq9}'
                 AND later.{current}
                 AND later.taken_on >= m.taken_on AND later.taken_on <= ?1
                 AND (later.taken_on > m.taken_on OR later.created_at > m.created_at
                      OR (later.created_at = m.created_at AND later.rowid > m.rowid)))
         ORDER BY m.patient_id"
    ))?;
    let today = r.today().to_string();
    let mut rows = match patient_id {
        Some(id) => stmt.query(params![today, id])?,
        None => stmt.query(params![today])?,
    };
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let items: Option<String> = row.get(3)?;
        let items = items
            .and_then(|t| serde_json::from_str::<Vec<Option<u8>>>(&t).ok())
            .unwrap_or_default();
        if crate::catalogue::questionnaire::unanswered_warning(Kind::Phq9, &items).is_none() {
            continue;
        }
        let taken: String = row.get(2)?;
        let Some(taken_on) = crate::dates::parse(&taken) else {
            continue;
        };
        out.push(Item9Unanswered {
            measure_id: row.get(0)?,
            patient_id: row.get(1)?,
            taken_on,
            label: must.label,
            detail: format!(
                "The PHQ-9 of {taken_on} left item 9 (thoughts of self-harm) blank; ask it and \
                 record a PHQ-9 with item 9"
            ),
        });
    }
    Ok(out)
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
