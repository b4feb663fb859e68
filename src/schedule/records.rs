//! Reading the schedule for other parts of Caseload: who is coming in on a day, a
//! patient's next visit, which days have appointments. Only live appointments count
//! (not replaced by a newer export), and never a cancelled one or a removed patient's.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::error::Result;
use crate::store::Reader;

/// One appointment of a patient on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appointment {
    pub id: String,
    pub patient_id: String,
    pub day: Date,
    /// `HH:MM`, 24-hour, the clinic's local time; `None` when the export had none.
    pub time: Option<String>,
    pub provider: Option<String>,
    pub visit_type: Option<String>,
    pub department: Option<String>,
    pub status: Option<String>,
}

const SELECT: &str = "SELECT a.id, a.patient_id, a.day, a.time, a.provider, a.visit_type,
        a.department, a.status
    FROM appointments a JOIN patients p ON p.id = a.patient_id
    WHERE a.replaced_at IS NULL AND a.cancelled = 0 AND p.deleted_at IS NULL";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Appointment> {
    Ok(Appointment {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        day: day_at(row, 2)?,
        time: row.get(3)?,
        provider: row.get(4)?,
        visit_type: row.get(5)?,
        department: row.get(6)?,
        status: row.get(7)?,
    })
}

fn day_at(row: &Row<'_>, i: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(i)?;
    text.parse::<Date>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The day's appointments, by time (those without one last), then by the patient's
/// last and first name.
pub fn for_day(r: &Reader<'_>, day: Date) -> Result<Vec<Appointment>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} AND a.day = ?1
         ORDER BY a.time IS NULL, a.time, p.sort_key, a.id"
    ))?;
    let rows = stmt.query_map([day.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The patient's first appointment on or after the reader's day.
pub fn next_for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Option<Appointment>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} AND a.patient_id = ?1 AND a.day >= ?2
         ORDER BY a.day, a.time IS NULL, a.time, a.id LIMIT 1"
    ))?;
    Ok(stmt
        .query_row(
            rusqlite::params![patient_id, r.today().to_string()],
            from_row,
        )
        .optional()?)
}

/// Each day from `from` to `to` (both included) with at least one appointment, and
/// how many.
pub fn days_with_appointments(r: &Reader<'_>, from: Date, to: Date) -> Result<Vec<(Date, usize)>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT a.day, count(*) FROM appointments a JOIN patients p ON p.id = a.patient_id
         WHERE a.replaced_at IS NULL AND a.cancelled = 0 AND p.deleted_at IS NULL
             AND a.day BETWEEN ?1 AND ?2
         GROUP BY a.day ORDER BY a.day",
    )?;
    let rows = stmt.query_map([from.to_string(), to.to_string()], |row| {
        let count: i64 = row.get(1)?;
        Ok((day_at(row, 0)?, usize::try_from(count).unwrap_or_default()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
