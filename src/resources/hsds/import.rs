//! Importing a package: a dry run (`preview`) that says what would be added, updated,
//! left unchanged, what conflicts with changes made here and every bad row; then
//! `apply`, which does the same comparison again inside one transaction and writes.
//!
//! Records are matched by their HSDS `id`. Each row keeps a hash of the incoming values
//! it was last imported with (`_import_hash`), so re-importing the same package changes
//! nothing, and a record changed here since (`_edited_at`) is never overwritten
//! silently: it is a conflict the coordinator settles (keep ours, or take theirs).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};

use super::check::{self, Checked};
use super::read::{self, Package, Version};
use super::schema::Table;
use super::{Phase, Problem, Watcher, row_hash};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::Store;

/// At most this many problems are listed (the count says how many there were).
const LISTED_PROBLEMS: usize = 2000;

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub path: String,
    pub version: Version,
    pub tables: Vec<TableCounts>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub bad_rows: usize,
    pub problems: Vec<Problem>,
    /// Problems found beyond the ones listed.
    pub problems_not_listed: usize,
    pub notes: Vec<String>,
    pub conflicts: Vec<Conflict>,
    pub applied: bool,
    pub skipped_bad_rows: bool,
    pub took_ms: u128,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TableCounts {
    pub table: String,
    pub file: String,
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub bad: usize,
}

/// A record changed here whose incoming version differs from what was imported before.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub table: String,
    pub id: String,
    pub name: String,
    pub fields: Vec<ConflictField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConflictField {
    pub field: String,
    pub here: Option<String>,
    pub incoming: Option<String>,
}

/// The coordinator's answers to a dry run.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ImportChoices {
    /// Import the good rows and leave the bad ones out (else bad rows stop the import).
    pub skip_bad_rows: bool,
    /// Conflicting records whose incoming version wins; the others keep ours.
    pub take_incoming: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Add,
    Update,
    Unchanged,
    Conflict,
    Bad,
}

/// A record already in the directory.
struct Existing {
    values: Vec<Option<String>>,
    import_hash: Option<String>,
    /// Changed or removed here since it was last imported.
    edited: bool,
    deleted: bool,
}

struct Plan {
    package: Package,
    outcomes: Vec<Vec<Outcome>>,
    report: ImportReport,
}

/// The dry run: nothing is written.
pub fn preview(store: &Store, path: &Path, watcher: &dyn Watcher) -> Result<ImportReport> {
    let package = read::read(path, watcher)?;
    preview_package(store, package, &path.display().to_string(), watcher)
}

/// The dry run of a package already read (or built: the demo directory).
pub fn preview_package(
    store: &Store,
    package: Package,
    source: &str,
    watcher: &dyn Watcher,
) -> Result<ImportReport> {
    let started = Instant::now();
    let plan = store.read(|r| plan(r.conn(), package, source, watcher))?;
    let mut report = plan.report;
    report.took_ms = started.elapsed().as_millis();
    Ok(report)
}

/// Imports the package in one transaction, as `choices` say.
pub fn apply(
    store: &mut Store,
    path: &Path,
    choices: &ImportChoices,
    watcher: &dyn Watcher,
) -> Result<ImportReport> {
    let package = read::read(path, watcher)?;
    apply_package(
        store,
        package,
        &path.display().to_string(),
        choices,
        watcher,
    )
}

/// Imports a package already read (or built: the demo directory).
pub fn apply_package(
    store: &mut Store,
    package: Package,
    source: &str,
    choices: &ImportChoices,
    watcher: &dyn Watcher,
) -> Result<ImportReport> {
    let started = Instant::now();
    let mut report = store.bulk(|store| store.write(|w| {
        let plan = plan(w.tx(), package, source, watcher)?;
        if plan.report.bad_rows > 0 && !choices.skip_bad_rows {
            return Err(Error::invalid(
                "skip_bad_rows",
                format!(
                    "The package has {} bad row{}; nothing was imported. Fix them, or import without them.",
                    plan.report.bad_rows,
                    if plan.report.bad_rows == 1 { "" } else { "s" }
                ),
            ));
        }
        let take: HashSet<&str> = choices.take_incoming.iter().map(String::as_str).collect();
        let written = write_rows(w.tx(), &plan, &take, watcher)?;
        let mut report = plan.report;
        report.applied = true;
        report.skipped_bad_rows = report.bad_rows > 0;
        // A conflict settled for the incoming version is an update.
        report.updated += written.taken;
        let import_id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO hsds_imports (id, source, version, added, updated, unchanged, skipped, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                import_id,
                report.path,
                version_text(report.version),
                report.added as i64,
                report.updated as i64,
                report.unchanged as i64,
                report.bad_rows as i64,
                w.now_text()
            ],
        )?;
        if written.rows > 0 {
            watcher.progress(Phase::Indexing, 0, 1);
            crate::resources::index::rebuild(w.tx())?;
        }
        let counts = format!(
            "{} added, {} updated, {} unchanged, {} bad rows left out, {} conflicts kept ours",
            report.added,
            report.updated,
            report.unchanged,
            report.bad_rows,
            report.conflicts.len() - written.taken
        );
        w.audit(AuditEntry {
            entity: "resource_import",
            entity_id: import_id,
            patient_id: None,
            action: "import".into(),
            changes: vec![
                FieldChange {
                    field: "package".into(),
                    from: None,
                    to: Some(format!("{} (HSDS {})", report.path, version_text(report.version))),
                },
                FieldChange {
                    field: "result".into(),
                    from: None,
                    to: Some(counts),
                },
            ],
        })?;
        Ok(report)
    }))?;
    report.took_ms = started.elapsed().as_millis();
    Ok(report)
}

fn version_text(v: Version) -> &'static str {
    match v {
        Version::V1_1 => "1.1",
        Version::V3_0 => "3.0",
        Version::V3_1 => "3.1",
    }
}

fn plan(conn: &Connection, package: Package, source: &str, watcher: &dyn Watcher) -> Result<Plan> {
    watcher.progress(Phase::Checking, 0, package.files.len());
    let mut existing: HashMap<String, HashMap<String, Existing>> = HashMap::new();
    for file in &package.files {
        existing.insert(file.table.name.clone(), load_existing(conn, file.table)?);
    }
    // Foreign keys may point at tables the package does not carry.
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for table in super::schema::tables() {
        let set = match existing.get(&table.name) {
            Some(rows) => rows
                .iter()
                .filter(|(_, e)| !e.deleted)
                .map(|(id, _)| id.clone())
                .collect(),
            None => live_ids(conn, table)?,
        };
        ids.insert(table.name.clone(), set);
    }
    if watcher.cancelled() {
        return Err(Error::Cancelled);
    }
    let Checked { good, problems } = check::check(&package, &ids);
    let mut all_problems = package.problems.clone();
    all_problems.extend(problems);
    let mut report = ImportReport {
        path: source.to_owned(),
        version: package.version,
        tables: Vec::new(),
        added: 0,
        updated: 0,
        unchanged: 0,
        bad_rows: 0,
        problems: Vec::new(),
        problems_not_listed: 0,
        notes: package.notes.clone(),
        conflicts: Vec::new(),
        applied: false,
        skipped_bad_rows: false,
        took_ms: 0,
    };
    let mut outcomes = Vec::new();
    for (i, (file, flags)) in package.files.iter().zip(&good).enumerate() {
        watcher.progress(Phase::Checking, i, package.files.len());
        let table = file.table;
        let here = &existing[&table.name];
        // Lines the reader could not make a row of (cut short, mis-quoted) are bad
        // rows too: an import must not drop them without the coordinator's say.
        let unread = package
            .problems
            .iter()
            .filter(|p| p.file == file.file && p.line.is_some_and(|l| l > 1))
            .count();
        let mut counts = TableCounts {
            table: table.name.clone(),
            file: file.file.clone(),
            rows: file.rows.len() + unread,
            bad: unread,
            ..TableCounts::default()
        };
        let mut table_outcomes = Vec::with_capacity(file.rows.len());
        for (row, ok) in file.rows.iter().zip(flags) {
            let outcome = if !ok {
                counts.bad += 1;
                Outcome::Bad
            } else {
                let incoming = row_hash(row.values.iter().map(|v| v.as_deref()));
                match here.get(row.id()) {
                    None => {
                        counts.added += 1;
                        Outcome::Add
                    }
                    Some(e) => {
                        let now = row_hash(e.values.iter().map(|v| v.as_deref()));
                        if now == incoming && !e.deleted {
                            counts.unchanged += 1;
                            Outcome::Unchanged
                        } else if e.edited {
                            if e.import_hash.as_deref() == Some(incoming.as_str()) {
                                counts.unchanged += 1;
                                Outcome::Unchanged
                            } else {
                                counts.conflicts += 1;
                                report.conflicts.push(conflict(table, row, e));
                                Outcome::Conflict
                            }
                        } else {
                            counts.updated += 1;
                            Outcome::Update
                        }
                    }
                }
            };
            table_outcomes.push(outcome);
        }
        report.added += counts.added;
        report.updated += counts.updated;
        report.unchanged += counts.unchanged;
        report.bad_rows += counts.bad;
        report.tables.push(counts);
        outcomes.push(table_outcomes);
    }
    report.problems_not_listed = all_problems.len().saturating_sub(LISTED_PROBLEMS);
    all_problems.truncate(LISTED_PROBLEMS);
    report.problems = all_problems;
    // A file that could not be read at all leaves no rows but is still a bad part.
    report.bad_rows += package.problems.iter().filter(|p| p.line.is_none()).count();
    Ok(Plan {
        package,
        outcomes,
        report,
    })
}

fn conflict(table: &Table, row: &read::Row, here: &Existing) -> Conflict {
    let fields = table
        .fields
        .iter()
        .zip(row.values.iter().zip(&here.values))
        .filter(|(_, (incoming, ours))| incoming != ours)
        .map(|(f, (incoming, ours))| ConflictField {
            field: f.name.clone(),
            here: ours.clone(),
            incoming: incoming.clone(),
        })
        .collect();
    let name = row
        .get(table, "name")
        .or_else(|| row.get(table, "number"))
        .or_else(|| row.get(table, "address_1"))
        .unwrap_or(row.id())
        .to_owned();
    let mut fields: Vec<ConflictField> = fields;
    if here.deleted {
        fields.insert(
            0,
            ConflictField {
                field: "removed here".into(),
                here: Some("removed".into()),
                incoming: Some("present".into()),
            },
        );
    }
    Conflict {
        table: table.name.clone(),
        id: row.id().to_owned(),
        name,
        fields,
    }
}

fn columns(table: &Table) -> String {
    table
        .fields
        .iter()
        .map(|f| format!("\"{}\"", f.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_existing(conn: &Connection, table: &Table) -> Result<HashMap<String, Existing>> {
    let n = table.fields.len();
    let sql = format!(
        "SELECT {}, _import_hash, _edited_at IS NOT NULL, _deleted_at IS NOT NULL FROM {}",
        columns(table),
        table.sql_table()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |row| {
        let mut values = Vec::with_capacity(n);
        for i in 0..n {
            values.push(row.get::<_, Option<String>>(i)?);
        }
        let deleted: bool = row.get(n + 2)?;
        Ok(Existing {
            values,
            import_hash: row.get(n)?,
            edited: row.get::<_, bool>(n + 1)? || deleted,
            deleted,
        })
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let row = row?;
        let id = row.values.first().cloned().flatten().unwrap_or_default();
        out.insert(id, row);
    }
    Ok(out)
}

fn live_ids(conn: &Connection, table: &Table) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM {} WHERE _deleted_at IS NULL",
        table.sql_table()
    ))?;
    let ids = stmt.query_map([], |row| row.get::<_, String>(0))?;
    Ok(ids.collect::<std::result::Result<_, _>>()?)
}

struct Written {
    rows: usize,
    taken: usize,
}

fn write_rows(
    conn: &Connection,
    plan: &Plan,
    take: &HashSet<&str>,
    watcher: &dyn Watcher,
) -> Result<Written> {
    let total: usize = plan.package.files.iter().map(|f| f.rows.len()).sum();
    let mut done = 0;
    let mut written = Written { rows: 0, taken: 0 };
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS import_services (id TEXT PRIMARY KEY); DELETE FROM temp.import_services;")?;
    for (file, outcomes) in plan.package.files.iter().zip(&plan.outcomes) {
        let table = file.table;
        let cols = columns(table);
        let marks = (1..=table.fields.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let hash_mark = table.fields.len() + 1;
        let updates = table
            .fields
            .iter()
            .skip(1)
            .map(|f| format!("\"{0}\" = excluded.\"{0}\"", f.name))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO {t} ({cols}, _import_hash) VALUES ({marks}, ?{hash_mark})
             ON CONFLICT (id) DO UPDATE SET {updates}, _import_hash = excluded._import_hash,
                 _edited_at = NULL, _deleted_at = NULL, _delete_reason = NULL",
            t = table.sql_table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut mark_service =
            conn.prepare("INSERT OR IGNORE INTO temp.import_services (id) VALUES (?1)")?;
        for (row, outcome) in file.rows.iter().zip(outcomes) {
            done += 1;
            if done % 1000 == 0 {
                watcher.progress(Phase::Writing, done, total);
                if watcher.cancelled() {
                    return Err(Error::Cancelled);
                }
            }
            let write = match outcome {
                Outcome::Add | Outcome::Update => true,
                Outcome::Conflict if take.contains(row.id()) => {
                    written.taken += 1;
                    true
                }
                _ => false,
            };
            if !write {
                continue;
            }
            let hash = row_hash(row.values.iter().map(|v| v.as_deref()));
            let values = row
                .values
                .iter()
                .map(|v| v.as_deref())
                .chain(std::iter::once(Some(hash.as_str())));
            stmt.execute(params_from_iter(values))?;
            written.rows += 1;
            if table.name == "service" {
                mark_service.execute([row.id()])?;
            }
        }
    }
    // What Caseload derives from an imported service: who verified it and how (the
    // package's assurer, "from an import"), and whether it is free or sliding-scale.
    conn.execute(
        &format!(
            "UPDATE hsds_service SET _verified_by = assurer_email,
                 _verified_how = CASE WHEN coalesce(assured_date, last_modified) IS NULL THEN NULL ELSE 'import' END,
                 _cost = {}
             WHERE id IN (SELECT id FROM temp.import_services)",
            crate::resources::COST_FROM_TEXT
        ),
        [],
    )?;
    conn.execute_batch("DELETE FROM temp.import_services;")?;
    Ok(written)
}
