//! The clinic's appointment schedule, imported from the EHR's CSV exports, so Caseload
//! knows which of the coordinator's patients are coming in.
//!
//! `mapping` says which column holds which field (built-in presets and the
//! coordinator's saved ones), `read` turns a file's bytes into a header and records
//! with their line numbers, `parse` reads dates, times and statuses, `import` compares
//! a file with the schedule and writes it (`preview` is the dry run of `apply`), and
//! `records` answers "who is coming in on this day" for the pages.
//!
//! Rows are matched to patients by MRN; a row that matches nobody is reported and
//! never imported: the schedule never creates patients.

mod import;
mod mapping;
mod parse;
mod read;
mod records;

use serde::Serialize;

pub use import::{
    DayChange, ImportOptions, ImportReport, UnmatchedRow, apply, apply_bytes, preview,
    preview_bytes,
};
pub use mapping::{Mapping, Preset, preset, presets, save_preset, suggest};
pub use read::{Peek, peek, peek_bytes};
pub use records::{Appointment, days_with_appointments, for_day, next_for_patient};

/// A line of the file that is not an appointment: where, in which column, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The line the row starts on (the header is line 1; a quoted value spanning lines
    /// counts every line).
    pub line: u64,
    /// The column's header, when one column is to blame.
    pub column: Option<String>,
    pub why: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = &self.column {
            write!(f, ", {column}")?;
        }
        write!(f, ": {}", self.why)
    }
}
