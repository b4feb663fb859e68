//! Drafts: the text of a form that has not been saved yet, kept in the encrypted store
//! as it is typed, so a crash, a lock or a closed window never loses a note.
//!
//! A draft is not a record of care: it changes nothing in the caseload, so keeping one
//! is not audited (the trail would otherwise hold one entry per pause in typing). The
//! form that owns a draft deletes it in the same transaction as the record it saves
//! ([`discard_in`]), so a saved note and its draft never both exist.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Reader, Store};
use crate::error::{Error, Result};

/// The longest draft kept: a form's fields as JSON, notes included.
const MAX_BYTES: usize = 64 * 1024;

/// One kept draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Which form: `contact:<patient id>` for a new contact, for instance.
    pub key: String,
    pub patient_id: Option<String>,
    /// The form's fields as the UI sent them (JSON).
    pub body: String,
    pub saved_at: String,
}

impl Store {
    /// Keeps (or replaces) the draft `key`. `body` is the form's fields as JSON.
    pub fn save_draft(&mut self, key: &str, patient_id: Option<&str>, body: &str) -> Result<Draft> {
        let key = key.trim();
        if key.is_empty() {
            return Err(Error::invalid("key", "A draft needs the name of its form."));
        }
        if body.len() > MAX_BYTES {
            return Err(Error::invalid(
                "body",
                format!("This draft is longer than {} KiB.", MAX_BYTES / 1024),
            ));
        }
        if serde_json::from_str::<serde_json::Value>(body).is_err() {
            return Err(Error::invalid("body", "A draft is kept as JSON."));
        }
        let saved_at = jiff::Timestamp::now().to_string();
        // One statement, so one implicit transaction. The foreign key refuses a draft
        // for a patient who is not in the store rather than keeping it where nobody
        // would find it.
        match self.conn.execute(
            "INSERT INTO drafts (key, patient_id, body, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET patient_id = ?2, body = ?3, saved_at = ?4",
            params![key, patient_id, body, saved_at],
        ) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(Error::NotFound(
                    "That patient is not in this caseload; the draft was not kept.".into(),
                ));
            }
            Err(e) => return Err(e.into()),
        }
        Ok(Draft {
            key: key.to_owned(),
            patient_id: patient_id.map(str::to_owned),
            body: body.to_owned(),
            saved_at,
        })
    }

    /// Throws the draft `key` away (the coordinator chose "Discard"). Nothing happens
    /// when there is none.
    pub fn discard_draft(&mut self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM drafts WHERE key = ?1", [key.trim()])?;
        Ok(())
    }
}

/// Deletes the draft `key` inside a change (the form it belonged to was saved).
pub(crate) fn discard_in(tx: &rusqlite::Connection, key: &str) -> Result<()> {
    tx.execute("DELETE FROM drafts WHERE key = ?1", [key])?;
    Ok(())
}

/// The draft `key`, if one is kept.
pub fn get(r: &Reader<'_>, key: &str) -> Result<Option<Draft>> {
    Ok(r.conn()
        .query_row(
            "SELECT key, patient_id, body, saved_at FROM drafts WHERE key = ?1",
            [key.trim()],
            from_row,
        )
        .optional()?)
}

/// Every kept draft, newest first (offered back after an unlock).
pub fn list(r: &Reader<'_>) -> Result<Vec<Draft>> {
    let mut stmt = r.conn().prepare(
        "SELECT d.key, d.patient_id, d.body, d.saved_at FROM drafts d
         LEFT JOIN patients p ON p.id = d.patient_id
         WHERE d.patient_id IS NULL OR p.deleted_at IS NULL
         ORDER BY d.saved_at DESC",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        key: row.get(0)?,
        patient_id: row.get(1)?,
        body: row.get(2)?,
        saved_at: row.get(3)?,
    })
}
