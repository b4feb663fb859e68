//! The Audit view: the trail filtered by patient, action and dates, each entry with the
//! patient it concerns named (a removed patient too: the trail outlives the record),
//! and the same entries as a spreadsheet-safe CSV for the privacy officer.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::audit::FieldChange;
use crate::error::{Error, Result};
use crate::store::Reader;

/// The most entries one page of the view shows.
pub const MAX_LIMIT: u32 = 500;

/// Which entries to list. Dates are days on the laptop's calendar, both included.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuditQuery {
    pub patient_id: Option<String>,
    pub action: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Entries per page (default 100, at most [`MAX_LIMIT`]); `None` in an export means all.
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: u32,
}

/// The patient an entry concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditPatient {
    pub id: String,
    pub mrn: String,
    pub name: String,
}

/// One entry as the view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    pub seq: i64,
    /// When, in UTC (RFC 3339), as stored.
    pub at: String,
    pub actor: String,
    /// `event` for an unlock, view, print, export …; otherwise the record changed.
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
    pub patient: Option<AuditPatient>,
}

/// A page of the trail, with what the filters can choose from.
#[derive(Debug, Clone, Serialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// Entries matching the filters, on every page.
    pub total: i64,
    /// Every action the trail holds, for the action filter.
    pub actions: Vec<String>,
}

/// The entries matching `query`, newest first.
pub fn list(r: &Reader<'_>, query: &AuditQuery) -> Result<AuditPage> {
    let limit = match query.limit {
        None => 100,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(n) => {
            return Err(Error::invalid(
                "limit",
                format!("Show between 1 and {MAX_LIMIT} entries at a time (not {n})."),
            ));
        }
    };
    let (filter, params) = filter(query)?;
    let total: i64 = r.conn().query_row(
        &format!("SELECT count(*) FROM audit_log a {filter}"),
        rusqlite::params_from_iter(&params),
        |row| row.get(0),
    )?;
    let lines = lines(r, &filter, params, Some((limit, query.offset)))?;
    let mut stmt = r
        .conn()
        .prepare_cached("SELECT DISTINCT action FROM audit_log ORDER BY action")?;
    let actions = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AuditPage {
        lines,
        total,
        actions,
    })
}

/// Every entry matching `query`'s filters (its page is ignored), newest first, for
/// the CSV export.
pub fn all(r: &Reader<'_>, query: &AuditQuery) -> Result<Vec<AuditLine>> {
    let (filter, params) = filter(query)?;
    lines(r, &filter, params, None)
}

fn lines(
    r: &Reader<'_>,
    filter: &str,
    mut params: Vec<Value>,
    page: Option<(u32, u32)>,
) -> Result<Vec<AuditLine>> {
    let mut sql = format!(
        "SELECT a.seq, a.at, a.actor, a.entity, a.entity_id, a.action, a.changes,
                p.id, p.mrn, p.first_name, p.last_name
         FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id
         {filter} ORDER BY a.seq DESC, a.rowid DESC"
    );
    if let Some((limit, offset)) = page {
        sql.push_str(" LIMIT ? OFFSET ?");
        params.push(Value::Integer(limit.into()));
        params.push(Value::Integer(offset.into()));
    }
    let mut stmt = r.conn().prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&params), |row| {
        let changes: String = row.get(6)?;
        let patient = match row.get::<_, Option<String>>(7)? {
            Some(id) => Some(AuditPatient {
                id,
                mrn: row.get(8)?,
                name: format!(
                    "{}, {}",
                    row.get::<_, String>(10)?,
                    row.get::<_, String>(9)?
                ),
            }),
            None => None,
        };
        Ok(AuditLine {
            // An entry slipped in with raw SQL has no number; verification reports it.
            seq: row.get::<_, Option<i64>>(0)?.unwrap_or(0),
            at: row.get(1)?,
            actor: row.get(2)?,
            entity: row.get(3)?,
            entity_id: row.get(4)?,
            action: row.get(5)?,
            changes: serde_json::from_str(&changes).unwrap_or_default(),
            patient,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The WHERE clause and its parameters for `query`'s filters.
fn filter(query: &AuditQuery) -> Result<(String, Vec<Value>)> {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    if let Some(id) = query.patient_id.as_deref().filter(|s| !s.is_empty()) {
        clauses.push("a.patient_id = ?");
        params.push(Value::Text(id.to_owned()));
    }
    if let Some(action) = query.action.as_deref().filter(|s| !s.is_empty()) {
        clauses.push("a.action = ?");
        params.push(Value::Text(action.to_owned()));
    }
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        return Err(Error::invalid(
            "to",
            format!("The last day ({to}) is before the first ({from})."),
        ));
    }
    if let Some(from) = query.from {
        clauses.push("a.at >= ?");
        params.push(Value::Text(day_start_utc(from)?));
    }
    if let Some(to) = query.to {
        clauses.push("a.at < ?");
        let next = to
            .tomorrow()
            .map_err(|_| Error::invalid("to", "That last day is too far ahead."))?;
        params.push(Value::Text(day_start_utc(next)?));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    Ok((filter, params))
}

/// The moment `day` starts on the laptop's calendar, in UTC, as a prefix that compares
/// correctly with the stored RFC 3339 times ("2026-12-03T05:00:00": with no `Z`, so an
/// entry at "…05:00:00.3Z" sorts after it).
fn day_start_utc(day: Date) -> Result<String> {
    let start = day
        .to_zoned(TimeZone::system())
        .map_err(|e| Error::Internal(format!("day {day} on this laptop's clock: {e}")))?
        .timestamp();
    Ok(start.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// The entries as CSV (UTF-8, RFC 4180), every cell spreadsheet-safe: the trail holds
/// names and notes a coordinator typed, which must not become formulas.
pub fn csv(lines: &[AuditLine]) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let write_err = |e: csv::Error| Error::Internal(format!("audit CSV: {e}"));
    out.write_record([
        "entry",
        "at",
        "who",
        "action",
        "record",
        "record id",
        "patient MRN",
        "patient",
        "details",
    ])
    .map_err(write_err)?;
    for line in lines {
        let at = line
            .at
            .parse::<jiff::Timestamp>()
            .map(|t| {
                t.to_zoned(TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|_| line.at.clone());
        let details = details(&line.changes);
        let (mrn, name) = line
            .patient
            .as_ref()
            .map(|p| (p.mrn.as_str(), p.name.as_str()))
            .unwrap_or_default();
        let seq = line.seq.to_string();
        let record = [
            seq.as_str(),
            at.as_str(),
            &line.actor,
            &line.action,
            &line.entity,
            &line.entity_id,
            mrn,
            name,
            details.as_str(),
        ];
        out.write_record(
            record
                .map(crate::export::spreadsheet_safe)
                .iter()
                .map(|c| c.as_ref()),
        )
        .map_err(write_err)?;
    }
    out.into_inner()
        .map_err(|e| Error::Internal(format!("audit CSV: {e}")))
}

/// An entry's fields in one line: "phone: 555-0101 → 555-0199; where: /media/usb".
pub fn details(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| match (&c.from, &c.to) {
            (None, Some(to)) => format!("{}: {to}", c.field),
            (Some(from), Some(to)) => format!("{}: {from} → {to}", c.field),
            (Some(from), None) => format!("{}: {from} → (empty)", c.field),
            (None, None) => c.field.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
