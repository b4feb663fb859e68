//! Importing a schedule export: a dry run (`preview`) that says, day by day, what
//! would be added, removed and left as it is, which rows match nobody on the caseload
//! and which rows are bad; then `apply`, which compares again inside one transaction
//! and writes.
//!
//! A file is the EHR's word on the days it covers: each day in it replaces that day's
//! appointments, so an appointment dropped from a newer export (a cancellation) is
//! gone from the day, and days the file does not cover are left alone. Rows are
//! compared by `row_key`, a hash of their mapped values, so importing the same file
//! again changes nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::mapping::{self, Field, Mapping};
use super::{BadRow, parse, read};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

/// How to read a file: its columns, the preset they came from (recorded with the
/// import), and whether bad rows may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    pub mapping: Mapping,
    #[serde(default)]
    pub preset: Option<String>,
    /// Import the good rows and leave the bad ones out (else bad rows stop the import).
    #[serde(default)]
    pub skip_bad_rows: bool,
}

/// What an import did, or (in a dry run) would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub file_name: String,
    /// Records read (not the header or blank lines), good or bad.
    pub rows: usize,
    /// Good rows: appointments, whether of a patient on the caseload or not.
    pub appointments: usize,
    /// Good rows whose MRN is a patient on the caseload.
    pub matched: usize,
    /// Good rows whose MRN matches nobody: never imported, never made patients.
    pub unmatched: Vec<UnmatchedRow>,
    pub bad_rows: Vec<BadRow>,
    /// Every day the file covers, in order, with what changes on it.
    pub days: Vec<DayChange>,
    /// Whether anything was (or would be) written.
    pub changed: bool,
    /// The import's record, when one was written.
    pub import_id: Option<String>,
}

/// A row whose MRN matches nobody on the caseload, as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedRow {
    pub line: u64,
    pub mrn: String,
    pub name: Option<String>,
    pub day: Date,
    pub time: Option<String>,
}

/// One day of the file against that day's appointments here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayChange {
    pub day: Date,
    pub added: usize,
    /// Appointments here that the file no longer has (replaced, kept as history).
    pub removed: usize,
    pub unchanged: usize,
}

/// One good row of the file.
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    mrn: String,
    name: Option<String>,
    day: Date,
    time: Option<String>,
    provider: Option<String>,
    visit_type: Option<String>,
    department: Option<String>,
    status: Option<String>,
    cancelled: bool,
    key: String,
}

/// The file read and judged; nothing here depends on the store.
#[derive(Debug)]
struct Parsed {
    file_name: String,
    rows: usize,
    good: Vec<Row>,
    bad: Vec<BadRow>,
}

/// The file compared with the store.
struct Plan {
    report: ImportReport,
    /// Good rows (indices into `Parsed::good`) to insert, with their patient.
    insert: Vec<(usize, String)>,
    /// Appointments the file replaces.
    replace: Vec<String>,
}

/// The dry run of a file on disk: nothing is written.
pub fn preview(store: &Store, path: &Path, options: &ImportOptions) -> Result<ImportReport> {
    let (name, bytes) = read::file(path)?;
    preview_bytes(store, &name, &bytes, options)
}

/// Imports a file on disk.
pub fn apply(store: &mut Store, path: &Path, options: &ImportOptions) -> Result<ImportReport> {
    let (name, bytes) = read::file(path)?;
    apply_bytes(store, &name, &bytes, options)
}

/// The dry run of a file's contents (`file_name` is only for the report).
pub fn preview_bytes(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport> {
    let parsed = parse_file(file_name, bytes, options)?;
    Ok(store.read(|r| plan(r, &parsed))?.report)
}

/// Imports a file's contents in one transaction. Bad rows refuse the whole file unless
/// `skip_bad_rows`; a file that changes nothing changes no appointment and keeps no
/// import record, but the audit trail notes it (every import is recorded).
pub fn apply_bytes(
    store: &mut Store,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport> {
    let parsed = parse_file(file_name, bytes, options)?;
    if let Some(first) = parsed.bad.first()
        && !options.skip_bad_rows
    {
        let n = parsed.bad.len();
        return Err(Error::invalid(
            "skip_bad_rows",
            format!(
                "{} has {n} bad row{}; nothing was imported. The first: {first}. Fix {}, or \
                 import without {}.",
                parsed.file_name,
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" },
                if n == 1 { "it" } else { "them" },
            ),
        ));
    }
    let planned = store.read(|r| plan(r, &parsed))?;
    if !planned.report.changed {
        store.write(|w| {
            w.audit(
                AuditEntry::event("import")
                    .detail("what", "schedule")
                    .detail("file", &parsed.file_name)
                    .detail("result", "nothing changed: the file matches the schedule"),
            )
        })?;
        return Ok(planned.report);
    }
    // Compared again inside the write: what is written is the comparison as it stands
    // in this transaction, even if another window changed the schedule since the read.
    // (Should that have made the file a no-op, the import is still recorded: a write
    // must carry its audit entry, and an empty import is a true account.)
    store.write(|w| {
        let planned = plan(&w.reader(), &parsed)?;
        write(w, &parsed, planned, options.preset.as_deref())
    })
}

/// Reads the file through the mapping into good rows and bad rows.
fn parse_file(file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Parsed> {
    let mapping = options.mapping.normalised();
    mapping.check()?;
    let sheet = read::read(file_name, bytes, None)?;
    let optional = mapping::optional_fields(options.preset.as_deref(), &mapping);
    let columns = mapping::resolve(&mapping, &sheet.headers, &optional)?;
    // The laptop's zone: see `parse::date_time` for why a UTC moment becomes local.
    let tz = TimeZone::system();
    let time_in_date = mapping::get(&columns, Field::Time) == mapping::get(&columns, Field::Date);
    let mut parsed = Parsed {
        file_name: file_name.to_owned(),
        rows: sheet.records.len(),
        good: Vec::new(),
        bad: Vec::new(),
    };
    for record in sheet.records {
        let values = match record.values {
            Ok(values) => values,
            Err(bad) => {
                parsed.bad.push(bad);
                continue;
            }
        };
        let cell = |field: Field| {
            mapping::get(&columns, field)
                .and_then(|i| values.get(i))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        let header = |field: Field| {
            mapping::get(&columns, field)
                .and_then(|i| sheet.headers.get(i))
                .cloned()
        };
        let bad = |field: Field, why: String| BadRow {
            line: record.line,
            column: header(field),
            why,
        };
        match row(&cell, time_in_date, &tz, record.line) {
            Ok(row) => parsed.good.push(row),
            Err((field, why)) => parsed.bad.push(bad(field, why)),
        }
    }
    Ok(parsed)
}

/// One record's mapped values → an appointment row, or the field to blame and why.
fn row<'a>(
    cell: &impl Fn(Field) -> Option<&'a str>,
    time_in_date: bool,
    tz: &TimeZone,
    line: u64,
) -> std::result::Result<Row, (Field, String)> {
    let Some(date_text) = cell(Field::Date) else {
        return Err((Field::Date, "the date is missing".into()));
    };
    let (day, time_of_date) = parse::date_time(date_text, tz).map_err(|why| (Field::Date, why))?;
    // The time comes from the time column only: when that is the date's own column
    // (a datetime), from the datetime; a date column that happens to carry a midnight
    // (`3/2/2026 0:00`) is not read as an appointment at midnight.
    let time = match cell(Field::Time) {
        None => None,
        Some(_) if time_in_date => time_of_date,
        Some(t) => Some(parse::time(t).map_err(|why| (Field::Time, why))?),
    }
    .map(parse::hhmm);
    let Some(mrn) = cell(Field::Mrn) else {
        return Err((
            Field::Mrn,
            "the MRN is missing; appointments are matched to patients by MRN".into(),
        ));
    };
    let text = |field: Field| cell(field).map(str::to_owned);
    let status = text(Field::Status);
    let mut row = Row {
        line,
        mrn: mrn.to_owned(),
        name: text(Field::PatientName),
        day,
        time,
        provider: text(Field::Provider),
        visit_type: text(Field::VisitType),
        department: text(Field::Department),
        cancelled: status.as_deref().is_some_and(parse::is_cancelled),
        status,
        key: String::new(),
    };
    let day_text = row.day.to_string();
    row.key = crate::tabular::row_hash([
        Some(row.mrn.as_str()),
        Some(day_text.as_str()),
        row.time.as_deref(),
        row.provider.as_deref(),
        row.visit_type.as_deref(),
        row.department.as_deref(),
        row.status.as_deref(),
    ]);
    Ok(row)
}

/// Matches the rows to patients and compares each day the file covers with the day's
/// live appointments, as multisets of row keys (a patient may be booked twice alike).
fn plan(r: &Reader<'_>, parsed: &Parsed) -> Result<Plan> {
    let conn = r.conn();
    let mut patient_of: HashMap<&str, Option<String>> = HashMap::new();
    {
        let mut find =
            conn.prepare_cached("SELECT id FROM patients WHERE mrn = ?1 AND deleted_at IS NULL")?;
        for row in &parsed.good {
            if !patient_of.contains_key(row.mrn.as_str()) {
                let id: Option<String> = find.query_row([&row.mrn], |r| r.get(0)).optional()?;
                patient_of.insert(&row.mrn, id);
            }
        }
    }
    let mut report = ImportReport {
        file_name: parsed.file_name.clone(),
        rows: parsed.rows,
        appointments: parsed.good.len(),
        matched: 0,
        unmatched: Vec::new(),
        bad_rows: parsed.bad.clone(),
        days: Vec::new(),
        changed: false,
        import_id: None,
    };
    // Every day with a good row is covered, matched or not: a day on which none of our
    // patients is booked any more still empties that day here.
    let mut by_day: BTreeMap<Date, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, row) in parsed.good.iter().enumerate() {
        let day = by_day.entry(row.day).or_default();
        match patient_of.get(row.mrn.as_str()).and_then(Option::as_deref) {
            Some(patient_id) => {
                report.matched += 1;
                day.push((i, patient_id));
            }
            None => report.unmatched.push(UnmatchedRow {
                line: row.line,
                mrn: row.mrn.clone(),
                name: row.name.clone(),
                day: row.day,
                time: row.time.clone(),
            }),
        }
    }
    let mut insert = Vec::new();
    let mut replace = Vec::new();
    let mut live = conn.prepare_cached(
        "SELECT id, row_key FROM appointments WHERE day = ?1 AND replaced_at IS NULL
         ORDER BY created_at, id",
    )?;
    for (day, rows) in &by_day {
        let mut here: HashMap<String, Vec<String>> = HashMap::new();
        let found = live.query_map([day.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for found in found {
            let (id, key) = found?;
            here.entry(key).or_default().push(id);
        }
        let mut change = DayChange {
            day: *day,
            added: 0,
            removed: 0,
            unchanged: 0,
        };
        for (i, patient_id) in rows {
            // An appointment already here stays as it is (same id, same import): only
            // what differs is replaced or added, so the day's record keeps its history.
            match here.get_mut(&parsed.good[*i].key).and_then(Vec::pop) {
                Some(_) => change.unchanged += 1,
                None => {
                    change.added += 1;
                    insert.push((*i, (*patient_id).to_owned()));
                }
            }
        }
        for (_, ids) in here {
            change.removed += ids.len();
            replace.extend(ids);
        }
        report.changed |= change.added > 0 || change.removed > 0;
        report.days.push(change);
    }
    Ok(Plan {
        report,
        insert,
        replace,
    })
}

fn write(
    w: &mut Writer<'_>,
    parsed: &Parsed,
    plan: Plan,
    preset: Option<&str>,
) -> Result<ImportReport> {
    let Plan {
        mut report,
        insert,
        replace,
    } = plan;
    let import_id = crate::ids::new_id();
    let now = w.now_text();
    let days: Vec<String> = report.days.iter().map(|d| d.day.to_string()).collect();
    let days_json = serde_json::to_string(&days).map_err(|e| Error::Internal(e.to_string()))?;
    w.tx().execute(
        "INSERT INTO schedule_imports (id, file_name, preset, days, rows, matched, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            import_id,
            report.file_name,
            preset,
            days_json,
            report.rows as i64,
            report.matched as i64,
            now
        ],
    )?;
    {
        let mut mark = w.tx().prepare_cached(
            "UPDATE appointments SET replaced_at = ?2, replaced_by = ?3
             WHERE id = ?1 AND replaced_at IS NULL",
        )?;
        for id in &replace {
            mark.execute(params![id, now, import_id])?;
        }
        let mut add = w.tx().prepare_cached(
            "INSERT INTO appointments (id, patient_id, day, time, provider, visit_type, department,
                 status, cancelled, row_key, import_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, patient_id) in &insert {
            let row = &parsed.good[*i];
            add.execute(params![
                crate::ids::new_id(),
                patient_id,
                row.day.to_string(),
                row.time,
                row.provider,
                row.visit_type,
                row.department,
                row.status,
                row.cancelled,
                row.key,
                import_id,
                now
            ])?;
        }
    }
    // Which days changed and by how much; never who (names stay in the records).
    let changed: Vec<String> = report
        .days
        .iter()
        .filter(|d| d.added > 0 || d.removed > 0)
        .map(|d| d.day.to_string())
        .collect();
    let fact = |field: &str, to: String| FieldChange {
        field: field.into(),
        from: None,
        to: Some(to),
    };
    let mut changes = vec![
        fact("file", report.file_name.clone()),
        fact("days", changed.join(", ")),
        fact("added", insert.len().to_string()),
        fact("replaced", replace.len().to_string()),
    ];
    if let Some(p) = preset {
        changes.push(fact("preset", p.to_owned()));
    }
    if !report.bad_rows.is_empty() {
        changes.push(fact("bad_rows_left_out", report.bad_rows.len().to_string()));
    }
    w.audit(AuditEntry {
        entity: "schedule_import",
        entity_id: import_id.clone(),
        patient_id: None,
        action: "import".into(),
        changes,
    })?;
    report.changed = true;
    report.import_id = Some(import_id);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn options() -> ImportOptions {
        ImportOptions {
            mapping: Mapping {
                date: "Date".into(),
                time: Some("Time".into()),
                mrn: "MRN".into(),
                status: Some("Status".into()),
                ..Mapping::default()
            },
            ..ImportOptions::default()
        }
    }

    #[test]
    fn the_row_key_depends_on_every_mapped_value_and_nothing_else() {
        let text = b"Date,Time,MRN,Status,Other\n\
            2026-03-02,09:00,A1,,x\n\
            2026-03-02,09:00,A1,,y\n\
            2026-03-02,09:15,A1,,x\n\
            2026-03-02,09:00,A1,No show,x\n";
        let parsed = parse_file("f.csv", text, &options()).unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<&str> = parsed.good.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys[0], keys[1], "an unmapped column does not count");
        assert_ne!(keys[0], keys[2]);
        assert_ne!(keys[0], keys[3]);
        assert!(parsed.good[3].cancelled);
        assert!(parsed.good.iter().all(|r| r.day == date(2026, 3, 2)));
    }

    #[test]
    fn each_kind_of_bad_value_names_its_column() {
        let text = b"Date,Time,MRN,Status\n\
            ,09:00,A1,\n\
            2026-02-30,09:00,A1,\n\
            2026-03-02,9h,A1,\n\
            2026-03-02,09:00, ,\n";
        let parsed = parse_file("f.csv", text, &options()).unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(u64, Option<&str>)> = parsed
            .bad
            .iter()
            .map(|b| (b.line, b.column.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (2, Some("Date")),
                (3, Some("Date")),
                (4, Some("Time")),
                (5, Some("MRN"))
            ]
        );
        assert!(parsed.good.is_empty());
    }

    #[test]
    fn a_mapping_without_date_or_mrn_is_refused_before_the_file_is_read() {
        let mut o = options();
        o.mapping.mrn = " ".into();
        let e = parse_file("f.csv", b"", &o).err();
        assert!(matches!(e, Some(Error::Invalid(f)) if f[0].field == "mapping.mrn"));
    }
}
