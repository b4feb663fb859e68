//! Clinic-wide settings, as opposed to a program's: the days the clinic is closed
//! (skipped when a discharge follow-up's business days are counted), the directory's
//! staleness and follow-up days, and the clinic name and paper size printouts use.
//! Each setting is one JSON value under its key.

pub mod backups;
mod lock;

pub use lock::{AutoLock, auto_lock, set_auto_lock};

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

const HOLIDAYS: &str = "clinic_holidays";
const DIRECTORY: &str = "directory";
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

/// The JSON value saved under `key`, if any (`what` names it in the error).
fn load<T: serde::de::DeserializeOwned>(
    r: &Reader<'_>,
    key: &str,
    what: &str,
) -> Result<Option<T>> {
    let text: Option<String> = r
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| Error::Internal(format!("{what} are unreadable: {e}")))
    })
    .transpose()
}

/// Saves `value` under `key` inside a change (the caller records the audit entry).
fn put<T: Serialize>(w: &crate::store::Writer<'_>, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))?;
    w.tx().execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3",
        params![key, text, w.now_text()],
    )?;
    Ok(())
}

/// The clinic's holidays, oldest first.
pub fn holidays(r: &Reader<'_>) -> Result<Vec<Date>> {
    Ok(load(r, HOLIDAYS, "the clinic's holidays")?.unwrap_or_default())
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
    let listed = |d: &[Date]| d.iter().map(Date::to_string).collect::<Vec<_>>().join(", ");
    store.write(|w| {
        put(w, HOLIDAYS, &parsed)?;
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

/// The resource directory's settings: when a service's verification goes stale, and
/// when a referral is followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectorySettings {
    pub stale_after_days: u32,
    pub referral_follow_up_days: u32,
}

impl Default for DirectorySettings {
    fn default() -> Self {
        DirectorySettings {
            stale_after_days: 180,
            referral_follow_up_days: 7,
        }
    }
}

/// The directory settings (defaults when none were saved).
pub fn directory(r: &Reader<'_>) -> Result<DirectorySettings> {
    Ok(load(r, DIRECTORY, "the directory settings")?.unwrap_or_default())
}

/// Saves the directory settings: staleness 1–3650 days, follow-up 1–90 days.
pub fn set_directory(store: &mut Store, wanted: DirectorySettings) -> Result<DirectorySettings> {
    let mut errors = Vec::new();
    if !(1..=3650).contains(&wanted.stale_after_days) {
        errors.push(FieldError::new(
            "stale_after_days",
            "A service goes stale after 1 to 3650 days.",
        ));
    }
    if !(1..=90).contains(&wanted.referral_follow_up_days) {
        errors.push(FieldError::new(
            "referral_follow_up_days",
            "Follow a referral up after 1 to 90 days.",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let before = store.read(directory)?;
    if before == wanted {
        return Ok(before);
    }
    store.write(|w| {
        put(w, DIRECTORY, &wanted)?;
        let change = |field: &str, a: u32, b: u32| FieldChange {
            field: field.into(),
            from: Some(a.to_string()),
            to: Some(b.to_string()),
        };
        w.audit(AuditEntry {
            entity: "settings",
            entity_id: DIRECTORY.into(),
            patient_id: None,
            action: "update".into(),
            changes: vec![
                change(
                    "stale_after_days",
                    before.stale_after_days,
                    wanted.stale_after_days,
                ),
                change(
                    "referral_follow_up_days",
                    before.referral_follow_up_days,
                    wanted.referral_follow_up_days,
                ),
            ],
        })
    })?;
    store.read(directory)
}

/// How printouts look: the clinic's name at the top of every page, and the paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrintSettings {
    pub clinic_name: String,
    pub paper: crate::pdf::Paper,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            clinic_name: "Primary care clinic".into(),
            paper: crate::pdf::Paper::Letter,
        }
    }
}

const PRINTING: &str = "printing";

/// The print settings (defaults when none were saved).
pub fn printing(r: &Reader<'_>) -> Result<PrintSettings> {
    Ok(load(r, PRINTING, "the print settings")?.unwrap_or_default())
}

/// Saves the print settings: a clinic name of 1 to 120 characters, Letter or A4.
pub fn set_printing(store: &mut Store, wanted: PrintSettings) -> Result<PrintSettings> {
    let name = wanted.clinic_name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(Error::invalid(
            "clinic_name",
            "Give the clinic's name (1 to 120 characters); it heads every printout.",
        ));
    }
    let wanted = PrintSettings {
        clinic_name: name,
        ..wanted
    };
    let before = store.read(printing)?;
    if before == wanted {
        return Ok(before);
    }
    store.write(|w| {
        put(w, PRINTING, &wanted)?;
        w.audit(AuditEntry {
            entity: "settings",
            entity_id: PRINTING.into(),
            patient_id: None,
            action: "update".into(),
            changes: vec![
                FieldChange {
                    field: "clinic_name".into(),
                    from: Some(before.clinic_name.clone()),
                    to: Some(wanted.clinic_name.clone()),
                },
                FieldChange {
                    field: "paper".into(),
                    from: Some(before.paper.as_str().into()),
                    to: Some(wanted.paper.as_str().into()),
                },
            ],
        })
    })?;
    store.read(printing)
}
