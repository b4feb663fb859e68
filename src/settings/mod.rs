//! Clinic-wide settings, as opposed to a program's: the days the clinic is closed
//! (skipped when a discharge follow-up's business days are counted). Later: the clinic
//! name and paper size printouts use. Each setting is one JSON value under its key.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

const HOLIDAYS: &str = "clinic_holidays";
const MAX_HOLIDAYS: usize = 200;

/// What Settings shows and saves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClinicSettings {
    /// Days the clinic is closed, oldest first.
    pub holidays: Vec<Date>,
}

/// The clinic's settings (defaults when none were saved).
pub fn get(r: &Reader<'_>) -> Result<ClinicSettings> {
    Ok(ClinicSettings {
        holidays: holidays(r)?,
    })
}

/// The clinic's holidays, oldest first.
pub fn holidays(r: &Reader<'_>) -> Result<Vec<Date>> {
    let text: Option<String> = r
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [HOLIDAYS],
            |row| row.get(0),
        )
        .optional()?;
    match text {
        None => Ok(Vec::new()),
        Some(t) => serde_json::from_str(&t)
            .map_err(|e| Error::Internal(format!("the holiday list is unreadable: {e}"))),
    }
}

/// Replaces the holiday list with `days` as typed (`YYYY-MM-DD` or `MM/DD/YYYY`, one
/// per entry; blanks ignored). Every bad entry is reported on `holidays.<n>`.
pub fn set_holidays(store: &mut Store, days: &[String]) -> Result<ClinicSettings> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (i, text) in days.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        match crate::dates::parse(text) {
            Some(d) => parsed.push(d),
            None => errors.push(FieldError::new(
                &format!("holidays.{i}"),
                format!("\"{}\" is not a date; use YYYY-MM-DD.", text.trim()),
            )),
        }
    }
    parsed.sort();
    parsed.dedup();
    if parsed.len() > MAX_HOLIDAYS {
        errors.push(FieldError::new(
            "holidays",
            format!("Keep at most {MAX_HOLIDAYS} holidays; remove past years first."),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let before = store.read(holidays)?;
    if before == parsed {
        return store.read(get);
    }
    let text = serde_json::to_string(&parsed).map_err(|e| Error::Internal(e.to_string()))?;
    let listed = |d: &[Date]| d.iter().map(Date::to_string).collect::<Vec<_>>().join(", ");
    store.write(|w| {
        w.tx().execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3",
            params![HOLIDAYS, text, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "settings",
            entity_id: HOLIDAYS.into(),
            patient_id: None,
            action: "update".into(),
            changes: vec![FieldChange {
                field: "holidays".into(),
                from: Some(listed(&before)),
                to: Some(listed(&parsed)),
            }],
        })
    })?;
    store.read(get)
}
