//! Logging, correcting and removing contacts, and reading a patient's log back.
//!
//! As with measures, a correction never overwrites: the old row is kept (superseded)
//! and the new one points back at it; a removal is a soft delete with its reason. The
//! contact and the removal of its form's draft are one transaction.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::entry::{ContactDraft, ValidContact, format_at, validate};
use super::vocabulary::{Channel, Direction, Outcome, Topic, WithWhom};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

/// One logged contact, as the patient page and the CLI show it.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub id: String,
    pub patient_id: String,
    /// `2026-11-20 14:30`, local time.
    pub at: String,
    pub on_date: String,
    pub channel: Channel,
    pub channel_label: &'static str,
    pub direction: Direction,
    pub with_whom: WithWhom,
    pub with_label: &'static str,
    pub outcome: Outcome,
    pub outcome_label: &'static str,
    pub reached: bool,
    pub minutes: Option<u16>,
    pub topics: Vec<Topic>,
    pub note: Option<String>,
    pub next_on: Option<String>,
    /// The contact this one corrected.
    pub corrects: Option<String>,
    pub superseded: bool,
    pub deleted: bool,
    pub delete_reason: Option<String>,
    pub recorded_at: String,
}

/// The draft key of the "log a contact" form for a patient.
pub fn draft_key(patient_id: &str) -> String {
    format!("contact:{patient_id}")
}

/// Logs a contact. The form's draft is deleted in the same transaction.
pub fn add(store: &mut Store, draft: &ContactDraft) -> Result<Contact> {
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let valid = validate(draft, w.local_now()).map_err(Error::Invalid)?;
        let id = insert(w, &draft.patient_id, &valid, None)?;
        crate::store::drafts::discard_in(w.tx(), &draft_key(&draft.patient_id))?;
        Ok(id)
    })?;
    store.read(|r| get(r, &id))
}

/// Replaces a contact with a corrected one; the old row is kept, marked superseded.
pub fn correct(store: &mut Store, contact_id: &str, draft: &ContactDraft) -> Result<Contact> {
    let id = store.write(|w| {
        let old = get(&w.reader(), contact_id)?;
        if old.superseded || old.deleted {
            return Err(Error::Conflict(
                "This contact was already corrected or removed; correct the current one instead."
                    .into(),
            ));
        }
        let mut draft = draft.clone();
        draft.patient_id.clone_from(&old.patient_id);
        let valid = validate(&draft, w.local_now()).map_err(Error::Invalid)?;
        w.tx().execute(
            "UPDATE contacts SET superseded_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![old.id, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "contact",
            entity_id: old.id.clone(),
            patient_id: Some(old.patient_id.clone()),
            action: "superseded".into(),
            changes: describe_contact(&old),
        })?;
        insert(w, &old.patient_id, &valid, Some(&old.id))
    })?;
    store.read(|r| get(r, &id))
}

/// Soft-deletes a contact logged in error; the reason is required and kept.
pub fn remove(store: &mut Store, contact_id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why this contact is being removed.",
        ));
    }
    store.write(|w| {
        let old = get(&w.reader(), contact_id)?;
        let changed = w.tx().execute(
            "UPDATE contacts SET deleted_at = ?2, updated_at = ?2, delete_reason = ?3
             WHERE id = ?1 AND deleted_at IS NULL AND superseded_at IS NULL",
            params![old.id, w.now_text(), reason],
        )?;
        if changed != 1 {
            return Err(Error::Conflict(
                "This contact was already corrected or removed.".into(),
            ));
        }
        let mut changes = describe_contact(&old);
        changes.push(FieldChange {
            field: "reason".into(),
            from: None,
            to: Some(reason.to_owned()),
        });
        w.audit(AuditEntry {
            entity: "contact",
            entity_id: old.id.clone(),
            patient_id: Some(old.patient_id.clone()),
            action: "delete".into(),
            changes,
        })?;
        crate::patients::touch(w, &old.patient_id)
    })
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<Contact> {
    r.conn()
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("That contact no longer exists.".into()))
}

/// A patient's contacts up to the reader's day, newest first. Corrected and removed
/// ones are included only when `with_replaced` is set.
pub fn for_patient(r: &Reader<'_>, patient_id: &str, with_replaced: bool) -> Result<Vec<Contact>> {
    crate::patients::get(r, patient_id)?;
    let current = if with_replaced {
        ""
    } else {
        " AND deleted_at IS NULL AND superseded_at IS NULL"
    };
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} WHERE patient_id = ?1 AND on_date <= ?2{current}
         ORDER BY at DESC, created_at DESC"
    ))?;
    let rows = stmt.query_map(params![patient_id, r.today().to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Writes `valid` inside an open change (used by `add`, corrections and the demo).
pub(crate) fn insert(
    w: &mut Writer<'_>,
    patient_id: &str,
    valid: &ValidContact,
    corrects: Option<&str>,
) -> Result<String> {
    let id = crate::ids::new_id();
    let topics: Vec<&str> = valid.topics.iter().map(|t| t.as_str()).collect();
    let topics = serde_json::to_string(&topics).map_err(|e| Error::Internal(e.to_string()))?;
    w.tx().execute(
        "INSERT INTO contacts (id, patient_id, at, on_date, channel, direction, with_whom,
             outcome, minutes, topics, note, next_on, corrects, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            id,
            patient_id,
            format_at(valid.at),
            valid.at.date().to_string(),
            valid.channel.as_str(),
            valid.direction.as_str(),
            valid.with_whom.as_str(),
            valid.outcome.as_str(),
            valid.minutes,
            topics,
            valid.note,
            valid.next_on.map(|d| d.to_string()),
            corrects,
            w.now_text(),
        ],
    )?;
    let set = |field: &str, to: Option<String>| FieldChange {
        field: field.into(),
        from: None,
        to,
    };
    w.audit(AuditEntry {
        entity: "contact",
        entity_id: id.clone(),
        patient_id: Some(patient_id.to_owned()),
        action: if corrects.is_some() {
            "correct"
        } else {
            "create"
        }
        .into(),
        changes: vec![
            set("at", Some(format_at(valid.at))),
            set("channel", Some(valid.channel.as_str().into())),
            set("with_whom", Some(valid.with_whom.as_str().into())),
            set("outcome", Some(valid.outcome.as_str().into())),
            set("next_on", valid.next_on.map(|d| d.to_string())),
            set("note", valid.note.clone()),
        ],
    })?;
    crate::patients::touch(w, patient_id)?;
    Ok(id)
}

/// The old values of a contact, for the audit entry that retires it.
fn describe_contact(old: &Contact) -> Vec<FieldChange> {
    let was = |field: &str, from: Option<String>| FieldChange {
        field: field.into(),
        from,
        to: None,
    };
    vec![
        was("at", Some(old.at.clone())),
        was("channel", Some(old.channel.as_str().into())),
        was("outcome", Some(old.outcome.as_str().into())),
        was("next_on", old.next_on.clone()),
        was("note", old.note.clone()),
    ]
}

const SELECT: &str = "SELECT id, patient_id, at, on_date, channel, direction, with_whom, outcome,
    minutes, topics, note, next_on, corrects, superseded_at, deleted_at, delete_reason,
    created_at FROM contacts";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    fn term<T>(
        row: &rusqlite::Row<'_>,
        i: usize,
        parse: fn(&str) -> Option<T>,
    ) -> rusqlite::Result<T> {
        let text: String = row.get(i)?;
        parse(&text).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("unknown term {text}").into(),
            )
        })
    }
    let channel = term(row, 4, Channel::parse)?;
    let with_whom = term(row, 6, WithWhom::parse)?;
    let outcome = term(row, 7, Outcome::parse)?;
    let topics: String = row.get(9)?;
    let topics = serde_json::from_str::<Vec<String>>(&topics)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| Topic::parse(t))
        .collect();
    Ok(Contact {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        at: row.get(2)?,
        on_date: row.get(3)?,
        channel,
        channel_label: channel.label(),
        direction: term(row, 5, Direction::parse)?,
        with_whom,
        with_label: with_whom.label(),
        outcome,
        outcome_label: outcome.label(),
        reached: outcome.reached(),
        minutes: row.get(8)?,
        topics,
        note: row.get(10)?,
        next_on: row.get(11)?,
        corrects: row.get(12)?,
        superseded: row.get::<_, Option<String>>(13)?.is_some(),
        deleted: row.get::<_, Option<String>>(14)?.is_some(),
        delete_reason: row.get(15)?,
        recorded_at: row.get(16)?,
    })
}
