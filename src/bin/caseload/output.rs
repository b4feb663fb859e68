//! Printing lists as an aligned table, CSV (spreadsheet-safe) or JSON.

use std::io::Write;

use caseload::patients::PatientRef;
use clap::ValueEnum;
use serde::Serialize;

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

use crate::error::CliResult;

/// Writes one line to stdout (see the `say!` macro). A closed pipe comes back as
/// `CliError::ClosedPipe`, which ends the command quietly.
pub fn say(line: std::fmt::Arguments<'_>) -> CliResult {
    Ok(writeln!(std::io::stdout().lock(), "{line}")?)
}

/// The columns every list of patients starts with (CSV headers are a contract).
pub const PATIENT_COLUMNS: [&str; 5] = ["mrn", "last_name", "first_name", "birth_date", "age"];

/// A patient's cells under [`PATIENT_COLUMNS`], followed by `rest`.
pub fn patient_cells(p: &PatientRef, rest: impl IntoIterator<Item = String>) -> Vec<String> {
    [
        p.mrn.clone(),
        p.last_name.clone(),
        p.first_name.clone(),
        p.birth_date.clone(),
        p.age.to_string(),
    ]
    .into_iter()
    .chain(rest)
    .collect()
}

/// `PATIENT_COLUMNS` followed by `rest`.
pub fn patient_header(rest: &[&'static str]) -> Vec<&'static str> {
    PATIENT_COLUMNS.iter().chain(rest).copied().collect()
}

/// Rows of text cells under a header.
pub struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn print(&self, format: Format, json: &impl Serialize) -> CliResult {
        let mut out = std::io::stdout().lock();
        let result = match format {
            Format::Table => self.write_aligned(&mut out),
            Format::Csv => self.write_csv(&mut out),
            Format::Json => serde_json::to_writer_pretty(&mut out, json)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out)),
        };
        Ok(result?)
    }

    fn write_aligned(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<&str>| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        };
        writeln!(out, "{}", line(self.header.clone()))?;
        for row in &self.rows {
            writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
        }
        Ok(())
    }

    fn write_csv(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.header).map_err(csv_io)?;
        for row in &self.rows {
            writer
                .write_record(
                    row.iter()
                        .map(|c| caseload::export::spreadsheet_safe(c).into_owned()),
                )
                .map_err(csv_io)?;
        }
        writer.flush()
    }
}

/// A CSV error as the I/O error it wraps, keeping its kind (a closed pipe stays one).
fn csv_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A path as the audit trail records where something was written: absolute, so the
/// privacy officer can tell one `agenda.pdf` from another.
pub fn shown_path(path: &std::path::Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_owned())
        .display()
        .to_string()
}
