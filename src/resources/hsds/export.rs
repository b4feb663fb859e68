//! Writing the directory (or one category of it) as an HSDS tabular package: one
//! RFC 4180 CSV per table (UTF-8, CRLF, a header even when empty) and the official
//! descriptor trimmed to the tables written. Only rows whose references all land on
//! rows also written go out, so the package's foreign keys always resolve.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Value, json};

use super::schema::{self, Table};
use super::{Phase, Watcher};
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub dir: String,
    pub tables: Vec<ExportedTable>,
    pub services: usize,
    /// Rows not written because what they point at was removed or is outside the
    /// chosen category.
    pub left_out: usize,
    pub took_ms: u128,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedTable {
    pub table: String,
    pub file: String,
    pub rows: usize,
}

type Rows = Vec<Vec<Option<String>>>;

/// The tables every package carries (even empty): HSDS's core.
const ALWAYS: &[&str] = &["organization", "service", "location", "service_at_location"];

/// Writes the package into `dir` (created if missing). `category` is a category's id,
/// code or name; `None` exports everything.
pub fn export(
    store: &Store,
    dir: &Path,
    category: Option<&str>,
    watcher: &dyn Watcher,
) -> Result<ExportReport> {
    let started = Instant::now();
    let (chosen, left_out) = store.read(|r| choose(r.conn(), category))?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::invalid(
            "dir",
            format!("The folder {} could not be created ({e}).", dir.display()),
        )
    })?;
    let mut written: Vec<PathBuf> = Vec::new();
    let result = write_all(dir, &chosen, watcher, &mut written);
    if let Err(e) = result {
        // A cancelled or failed export leaves no half package behind.
        for path in written {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    let tables = chosen
        .iter()
        .map(|(t, rows)| ExportedTable {
            table: t.name.clone(),
            file: t.file.clone(),
            rows: rows.len(),
        })
        .collect();
    Ok(ExportReport {
        dir: dir.display().to_string(),
        services: chosen
            .iter()
            .find(|(t, _)| t.name == "service")
            .map_or(0, |(_, r)| r.len()),
        tables,
        left_out,
        took_ms: started.elapsed().as_millis(),
    })
}

fn write_all(
    dir: &Path,
    chosen: &[(&'static Table, Rows)],
    watcher: &dyn Watcher,
    written: &mut Vec<PathBuf>,
) -> Result<()> {
    let io = |path: &Path, e: &dyn std::fmt::Display| {
        Error::invalid(
            "dir",
            format!("{} could not be written ({e}).", path.display()),
        )
    };
    for (i, (table, rows)) in chosen.iter().enumerate() {
        watcher.progress(Phase::Exporting, i, chosen.len());
        if watcher.cancelled() {
            return Err(Error::Cancelled);
        }
        let path = dir.join(&table.file);
        written.push(path.clone());
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_path(&path)
            .map_err(|e| io(&path, &e))?;
        out.write_record(table.fields.iter().map(|f| f.name.as_str()))
            .map_err(|e| io(&path, &e))?;
        for row in rows {
            out.write_record(row.iter().map(|v| v.as_deref().unwrap_or("")))
                .map_err(|e| io(&path, &e))?;
        }
        out.flush().map_err(|e| io(&path, &e))?;
    }
    let mut descriptor = schema::package_header();
    let resources: Vec<Value> = chosen.iter().map(|(t, _)| t.descriptor.clone()).collect();
    if chosen.iter().any(|(t, _)| t.from_3_1) {
        descriptor["version"] = json!("3.1.0");
    }
    descriptor["resources"] = Value::Array(resources);
    let path = dir.join("datapackage.json");
    written.push(path.clone());
    let text =
        serde_json::to_string_pretty(&descriptor).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(&path, text).map_err(|e| io(&path, &e))?;
    Ok(())
}

/// The rows to write per table, and how many were left out.
fn choose(
    conn: &Connection,
    category: Option<&str>,
) -> Result<(Vec<(&'static Table, Rows)>, usize)> {
    let mut live: HashMap<&str, Rows> = HashMap::new();
    for table in schema::tables() {
        live.insert(table.name.as_str(), load_live(conn, table)?);
    }
    let services: Option<HashSet<String>> = match category {
        None => None,
        Some(c) => Some(services_in(conn, c)?),
    };
    let mut included: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut chosen: Vec<(&'static Table, Rows)> = Vec::new();
    let mut left_out = 0;
    // In a category export: the organizations, programs and locations the chosen
    // services use.
    let mut wanted: HashMap<&str, HashSet<String>> = HashMap::new();
    if let Some(s) = &services {
        let pick = |table: &str, key: &str, of: &str, ids: &HashSet<String>| -> HashSet<String> {
            let Some(t) = schema::table(table) else {
                return HashSet::new();
            };
            let (k, o) = (t.field(key).unwrap_or(0), t.field(of).unwrap_or(0));
            live.get(table)
                .into_iter()
                .flatten()
                .filter(|r| r[k].as_ref().is_some_and(|id| ids.contains(id)))
                .filter_map(|r| r[o].clone())
                .collect()
        };
        let locations = pick("service_at_location", "service_id", "location_id", s);
        let mut organizations = pick("service", "id", "organization_id", s);
        organizations.extend(pick("location", "id", "organization_id", &locations));
        wanted.insert("program", pick("service", "id", "program_id", s));
        wanted.insert("location", locations);
        wanted.insert("organization", organizations);
    }
    for table in processing_order() {
        let rows = live.remove(table.name.as_str()).unwrap_or_default();
        let before = rows.len();
        let kept: Rows = rows
            .into_iter()
            .filter(|row| {
                let id = row[0].as_deref().unwrap_or("");
                let in_scope = match (&services, table.name.as_str()) {
                    (None, _) => true,
                    (Some(s), "service") => s.contains(id),
                    (Some(_), "organization" | "program" | "location") => wanted
                        .get(table.name.as_str())
                        .is_some_and(|w| w.contains(id)),
                    (Some(_), "unit") => true,
                    (Some(_), _) => links_in(table, row, &included),
                };
                in_scope && refs_resolve(table, row, &included)
            })
            .collect();
        left_out += before - kept.len();
        included.insert(
            table.name.as_str(),
            kept.iter().filter_map(|r| r[0].clone()).collect(),
        );
        chosen.push((table, kept));
    }
    // Categories: the attributes of chosen records, their terms and taxonomies.
    let every_id: HashSet<&str> = included.values().flatten().map(String::as_str).collect();
    let attribute = schema::table("attribute");
    let term = schema::table("taxonomy_term");
    let taxonomy = schema::table("taxonomy");
    if let (Some(attribute), Some(term), Some(taxonomy)) = (attribute, term, taxonomy) {
        let link = attribute.field("link_id").unwrap_or(1);
        let term_ref = attribute.field("taxonomy_term_id").unwrap_or(2);
        let attrs: Rows = live
            .remove("attribute")
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r[link].as_deref().is_some_and(|l| every_id.contains(l)))
            .collect();
        let used_terms: HashSet<String> =
            attrs.iter().filter_map(|r| r[term_ref].clone()).collect();
        let terms: Rows = live
            .remove("taxonomy_term")
            .unwrap_or_default()
            .into_iter()
            .filter(|r| {
                services.is_none() || r[0].as_ref().is_some_and(|id| used_terms.contains(id))
            })
            .collect();
        let tax_ref = term.field("taxonomy_id").unwrap_or(7);
        let used_tax: HashSet<String> = terms.iter().filter_map(|r| r[tax_ref].clone()).collect();
        let taxonomies: Rows = live
            .remove("taxonomy")
            .unwrap_or_default()
            .into_iter()
            .filter(|r| services.is_none() || r[0].as_ref().is_some_and(|id| used_tax.contains(id)))
            .collect();
        included.insert(
            "taxonomy",
            taxonomies.iter().filter_map(|r| r[0].clone()).collect(),
        );
        let terms: Rows = terms
            .into_iter()
            .filter(|r| refs_resolve(term, r, &included))
            .collect();
        included.insert(
            "taxonomy_term",
            terms.iter().filter_map(|r| r[0].clone()).collect(),
        );
        let attrs: Rows = attrs
            .into_iter()
            .filter(|r| refs_resolve(attribute, r, &included))
            .collect();
        chosen.push((taxonomy, taxonomies));
        chosen.push((term, terms));
        chosen.push((attribute, attrs));
    }
    // Keep the descriptor's order; write optional tables only when they have rows.
    let order: Vec<&str> = schema::tables().iter().map(|t| t.name.as_str()).collect();
    chosen.sort_by_key(|(t, _)| order.iter().position(|n| *n == t.name));
    let mut kept: HashSet<&str> = chosen
        .iter()
        .filter(|(t, rows)| {
            !rows.is_empty()
                || (!t.from_3_1 && (ALWAYS.contains(&t.name.as_str()) || services.is_none()))
        })
        .map(|(t, _)| t.name.as_str())
        .collect();
    // A table a written table's foreign keys name is written too, empty if need be: a
    // descriptor whose keys point at a missing resource is not a valid package.
    loop {
        let missing: Vec<&str> = chosen
            .iter()
            .filter(|(t, _)| kept.contains(t.name.as_str()))
            .flat_map(|(t, _)| t.foreign_keys.iter().map(|(_, target)| target.as_str()))
            .filter(|target| !kept.contains(target))
            .collect();
        if missing.is_empty() {
            break;
        }
        kept.extend(missing);
    }
    chosen.retain(|(t, _)| kept.contains(t.name.as_str()));
    Ok((chosen, left_out))
}

fn load_live(conn: &Connection, table: &Table) -> Result<Rows> {
    let n = table.fields.len();
    let cols = table
        .fields
        .iter()
        .map(|f| format!("\"{}\"", f.name))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT {cols} FROM {} WHERE _deleted_at IS NULL ORDER BY rowid",
        table.sql_table()
    ))?;
    let rows = stmt.query_map([], |row| {
        (0..n).map(|i| row.get::<_, Option<String>>(i)).collect()
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Services tagged with the category (by term id, code or name).
fn services_in(conn: &Connection, category: &str) -> Result<HashSet<String>> {
    let term = crate::resources::categories::find(conn, category)?;
    let mut stmt = conn.prepare(
        "SELECT s.id FROM hsds_service s JOIN hsds_attribute a ON a.link_id = s.id
         WHERE a.taxonomy_term_id = ?1 AND a._deleted_at IS NULL AND s._deleted_at IS NULL",
    )?;
    let ids = stmt.query_map([term], |row| row.get::<_, String>(0))?;
    Ok(ids.collect::<std::result::Result<_, _>>()?)
}

/// The order rows are chosen in: a table after every table it points at. The
/// taxonomy tables come last, chosen from the attributes of what was written.
fn processing_order() -> Vec<&'static Table> {
    const FIRST: &[&str] = &[
        "organization",
        "program",
        "service",
        "location",
        "service_at_location",
        "contact",
        "phone",
        "unit",
    ];
    const LAST: &[&str] = &["taxonomy", "taxonomy_term", "attribute"];
    let mut out: Vec<&'static Table> = FIRST.iter().filter_map(|n| schema::table(n)).collect();
    out.extend(
        schema::tables()
            .iter()
            .filter(|t| !FIRST.contains(&t.name.as_str()) && !LAST.contains(&t.name.as_str())),
    );
    out
}

/// Every reference the row makes lands on a row being written.
fn refs_resolve(
    table: &Table,
    row: &[Option<String>],
    included: &HashMap<&str, HashSet<String>>,
) -> bool {
    table.foreign_keys.iter().all(|(field, target)| {
        let Some(i) = table.field(field) else {
            return true;
        };
        match &row[i] {
            None => true,
            Some(v) => included
                .get(target.as_str())
                .is_some_and(|ids| ids.contains(v)),
        }
    })
}

/// The row points at some row being written (for the detail tables of a category export).
fn links_in(
    table: &Table,
    row: &[Option<String>],
    included: &HashMap<&str, HashSet<String>>,
) -> bool {
    table.foreign_keys.iter().any(|(field, target)| {
        table
            .field(field)
            .and_then(|i| row[i].as_ref())
            .is_some_and(|v| {
                included
                    .get(target.as_str())
                    .is_some_and(|ids| ids.contains(v))
            })
    })
}
