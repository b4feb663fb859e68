//! Reading an HSDS tabular package from disk: find `datapackage.json`, tell 3.x from
//! 1.1, and read each CSV file (UTF-8 with or without a BOM, comma or semicolon) into
//! rows laid out by the kept table's fields. Nothing is checked here beyond the shape
//! of the file; `check` judges the values.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::schema::{self, Table};
use super::{Problem, Watcher};
use crate::error::{Error, Result};
use crate::tabular::{line_of, sniff_delimiter, strip_bom};

/// A package as read: which version, and every kept table's rows.
#[derive(Debug)]
pub struct Package {
    pub version: Version,
    pub files: Vec<TableFile>,
    /// Columns and tables the package has that Caseload does not keep.
    pub notes: Vec<String>,
    /// Problems with whole files (missing, unreadable) and with rows' shape.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Version {
    #[serde(rename = "1.1")]
    V1_1,
    #[serde(rename = "3.0")]
    V3_0,
    #[serde(rename = "3.1")]
    V3_1,
}

/// One CSV file's rows for one kept table.
#[derive(Debug)]
pub struct TableFile {
    pub table: &'static Table,
    pub file: String,
    pub rows: Vec<Row>,
}

/// One data row: its line in the file (the header is line 1) and a value per field of
/// the table, in the table's order (`None` = empty or no such column).
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub values: Vec<Option<String>>,
}

impl Row {
    pub fn get(&self, table: &Table, field: &str) -> Option<&str> {
        table
            .field(field)
            .and_then(|i| self.values.get(i))
            .and_then(|v| v.as_deref())
    }

    pub fn id(&self) -> &str {
        self.values.first().and_then(|v| v.as_deref()).unwrap_or("")
    }
}

/// HSDS 1.1 names a few fields differently from 3.x: (table, 1.1 column, 3.x field).
const RENAMED_1_1: &[(&str, &str, &str)] = &[("organization", "url", "website")];

/// Fields HSDS 1.1 did not have but 3.x requires, filled when a 1.1 package is read:
/// (table, field, value).
const DEFAULTS_1_1: &[(&str, &str, &str)] = &[("location", "location_type", "physical")];

/// Resource names used by HSDS 1.1 packages for tables 3.x names differently.
const TABLES_1_1: &[(&str, &str)] = &[
    ("organizations", "organization"),
    ("services", "service"),
    ("locations", "location"),
    ("phones", "phone"),
    ("services_at_location", "service_at_location"),
    ("physical_addresses", "address"),
    ("languages", "language"),
    ("programs", "program"),
    ("contacts", "contact"),
];

/// `path` is the package's folder or its `datapackage.json`.
pub fn read(path: &Path, watcher: &dyn Watcher) -> Result<Package> {
    let descriptor_path = if path.is_dir() {
        path.join("datapackage.json")
    } else {
        path.to_path_buf()
    };
    let dir = descriptor_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let text = std::fs::read(&descriptor_path).map_err(|e| {
        Error::invalid(
            "path",
            format!(
                "There is no readable datapackage.json at {} ({e}). Choose the package's folder or its datapackage.json.",
                descriptor_path.display()
            ),
        )
    })?;
    let descriptor: Value = serde_json::from_slice(strip_bom(&text)).map_err(|e| {
        Error::invalid(
            "path",
            format!(
                "{} is not valid JSON (line {}, column {}): {e}",
                descriptor_path.display(),
                e.line(),
                e.column()
            ),
        )
    })?;
    let resources = descriptor["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if resources.is_empty() {
        return Err(Error::invalid(
            "path",
            "datapackage.json lists no resources (tables); is this an HSDS tabular package?",
        ));
    }
    let version = version_of(&descriptor, &resources);
    let mut package = Package {
        version,
        files: Vec::new(),
        notes: Vec::new(),
        problems: Vec::new(),
    };
    for (i, resource) in resources.iter().enumerate() {
        watcher.progress(super::Phase::Reading, i, resources.len());
        if watcher.cancelled() {
            return Err(Error::Cancelled);
        }
        let name = resource["name"].as_str().unwrap_or_default();
        let file = resource["path"].as_str().unwrap_or_default().to_owned();
        let kept = TABLES_1_1
            .iter()
            .find(|(old, _)| *old == name)
            .map_or(name, |(_, new)| new);
        let Some(table) = schema::table(kept) else {
            package.notes.push(format!(
                "{file}: the table \"{name}\" is not kept (Caseload keeps its own change log and the directory's tables)."
            ));
            continue;
        };
        if package.files.iter().any(|f| f.table.name == table.name) {
            package.notes.push(format!(
                "{file}: a second \"{}\" table; only the first was read.",
                table.name
            ));
            continue;
        }
        match read_table(&dir, &file, table, version) {
            Ok((rows, mut notes, mut problems)) => {
                package.notes.append(&mut notes);
                package.problems.append(&mut problems);
                package.files.push(TableFile { table, file, rows });
            }
            Err(problem) => package.problems.push(problem),
        }
    }
    Ok(package)
}

fn version_of(descriptor: &Value, resources: &[Value]) -> Version {
    let named = |n: &str| resources.iter().any(|r| r["name"].as_str() == Some(n));
    let declared = descriptor["version"].as_str().unwrap_or_default();
    if named("service_capacity") || named("unit") || named("url") {
        Version::V3_1
    } else if declared.starts_with('3') || named("attribute") || named("taxonomy_term") {
        Version::V3_0
    } else {
        // 1.x packages declare 1.x or a version of their own (the sample says 0.1).
        Version::V1_1
    }
}

type TableRead = (Vec<Row>, Vec<String>, Vec<Problem>);

fn read_table(
    dir: &Path,
    file: &str,
    table: &Table,
    version: Version,
) -> Result<TableRead, Problem> {
    let file_problem = |message: String| Problem {
        file: file.to_owned(),
        line: None,
        column: None,
        message,
    };
    if file.is_empty() || file.contains("..") || Path::new(file).is_absolute() {
        return Err(file_problem(format!(
            "the table \"{}\" has no usable path in datapackage.json",
            table.name
        )));
    }
    let bytes = std::fs::read(dir.join(file))
        .map_err(|e| file_problem(format!("the file could not be read ({e})")))?;
    let bytes = strip_bom(&bytes);
    let delimiter = sniff_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| file_problem(format!("the header line could not be read ({e})")))?
        .clone();
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    // For each column of the file, the field it fills (None = not kept).
    let mut columns: Vec<Option<usize>> = Vec::with_capacity(headers.len());
    for header in headers.iter() {
        let header = header.trim().to_lowercase();
        let field = if version == Version::V1_1 {
            RENAMED_1_1
                .iter()
                .find(|(t, old, _)| *t == table.name && *old == header)
                .map_or(header.as_str(), |(_, _, new)| new)
        } else {
            header.as_str()
        };
        let index = table.field(field);
        if index.is_none() {
            notes.push(format!(
                "{file}: column \"{header}\" is not an HSDS field of {}; not kept.",
                table.name
            ));
        }
        columns.push(index);
    }
    for field in table.fields.iter().filter(|f| f.required) {
        let present = columns
            .iter()
            .flatten()
            .any(|&i| table.fields[i].name == field.name);
        let defaulted = version == Version::V1_1
            && DEFAULTS_1_1
                .iter()
                .any(|(t, f, _)| *t == table.name && *f == field.name);
        if !present && !defaulted {
            problems.push(Problem {
                file: file.to_owned(),
                line: Some(1),
                column: Some(field.name.clone()),
                message: format!(
                    "the file has no \"{}\" column, which HSDS requires",
                    field.name
                ),
            });
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                problems.push(Problem {
                    file: file.to_owned(),
                    line,
                    column: None,
                    message: format!(
                        "the line could not be read ({e}); the rest of the file was not read"
                    ),
                });
                break;
            }
        }
        let line = record.position().map_or(0, |p| line_of(bytes, p));
        if record.len() == 1 && record.get(0).is_some_and(|v| v.trim().is_empty()) {
            continue; // a blank line
        }
        if record.len() != headers.len() {
            problems.push(Problem {
                file: file.to_owned(),
                line: Some(line),
                column: None,
                message: format!(
                    "the line has {} values but the header has {} (a truncated or mis-quoted line?)",
                    record.len(),
                    headers.len()
                ),
            });
            continue;
        }
        let mut values = vec![None; table.fields.len()];
        for (value, column) in record.iter().zip(&columns) {
            if let Some(i) = column {
                let value = value.trim();
                if !value.is_empty() {
                    values[*i] = Some(value.to_owned());
                }
            }
        }
        if version == Version::V1_1 {
            for (t, field, value) in DEFAULTS_1_1 {
                if *t == table.name
                    && let Some(i) = table.field(field)
                    && values[i].is_none()
                {
                    values[i] = Some((*value).to_owned());
                }
            }
        }
        rows.push(Row { line, values });
    }
    Ok((rows, notes, problems))
}
