//! "Discuss at the next case review": a mark the coordinator ticks on a patient. It
//! stays until they untick it or the patient is discussed in a review session.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

#[derive(Debug, Clone, Serialize)]
pub struct DiscussMark {
    pub id: String,
    pub patient_id: String,
    pub reason: Option<String>,
    pub marked_on: String,
    pub marked_by: String,
}

const REASON_MAX: usize = 500;

/// Ticks "discuss" for a patient; ticking it again updates the reason.
pub fn mark(store: &mut Store, patient_id: &str, reason: &str) -> Result<DiscussMark> {
    store.read(|r| crate::patients::get(r, patient_id))?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(Error::invalid(
            "reason",
            format!("The reason is longer than {REASON_MAX} characters."),
        ));
    }
    let reason = (!reason.is_empty()).then(|| reason.to_owned());
    store.write(|w| {
        let today = w.today().to_string();
        let existing = open_mark(&w.reader(), patient_id)?;
        let id = match &existing {
            Some(mark) => {
                w.tx().execute(
                    "UPDATE discuss_marks SET reason = ?2 WHERE id = ?1",
                    params![mark.id, reason],
                )?;
                mark.id.clone()
            }
            None => {
                let id = crate::ids::new_id();
                let actor = w.actor().to_owned();
                w.tx().execute(
                    "INSERT INTO discuss_marks (id, patient_id, reason, marked_on, marked_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, patient_id, reason, today, actor],
                )?;
                id
            }
        };
        w.audit(AuditEntry {
            entity: "discuss_mark",
            entity_id: id,
            patient_id: Some(patient_id.to_owned()),
            action: if existing.is_some() {
                "update"
            } else {
                "create"
            }
            .into(),
            changes: vec![FieldChange {
                field: "reason".into(),
                from: existing.and_then(|m| m.reason),
                to: reason.clone(),
            }],
        })?;
        crate::patients::touch(w, patient_id)
    })?;
    store
        .read(|r| open_mark(r, patient_id))?
        .ok_or_else(|| Error::Internal("the discuss mark was not saved".into()))
}

/// Unticks "discuss". Does nothing (and writes nothing) if it was not ticked.
pub fn clear(store: &mut Store, patient_id: &str) -> Result<()> {
    let open = store.read(|r| {
        crate::patients::get(r, patient_id)?;
        open_mark(r, patient_id)
    })?;
    if open.is_none() {
        return Ok(());
    }
    store.write(|w| clear_in(w, patient_id, "clear").map(|_| ()))
}

/// Clears an open mark inside a change (also used when a review session discusses the
/// patient). Returns whether there was one.
pub(crate) fn clear_in(w: &mut Writer<'_>, patient_id: &str, action: &str) -> Result<bool> {
    let Some(mark) = open_mark(&w.reader(), patient_id)? else {
        return Ok(false);
    };
    let actor = w.actor().to_owned();
    w.tx().execute(
        "UPDATE discuss_marks SET cleared_at = ?2, cleared_by = ?3 WHERE id = ?1",
        params![mark.id, w.now_text(), actor],
    )?;
    w.audit(AuditEntry {
        entity: "discuss_mark",
        entity_id: mark.id,
        patient_id: Some(patient_id.to_owned()),
        action: action.into(),
        changes: Vec::new(),
    })?;
    Ok(true)
}

/// The patient's open mark, if "discuss" is ticked.
pub fn open_mark(r: &Reader<'_>, patient_id: &str) -> Result<Option<DiscussMark>> {
    Ok(r.conn()
        .query_row(
            "SELECT id, patient_id, reason, marked_on, marked_by FROM discuss_marks
             WHERE patient_id = ?1 AND cleared_at IS NULL",
            [patient_id],
            |row| {
                Ok(DiscussMark {
                    id: row.get(0)?,
                    patient_id: row.get(1)?,
                    reason: row.get(2)?,
                    marked_on: row.get(3)?,
                    marked_by: row.get(4)?,
                })
            },
        )
        .optional()?)
}
