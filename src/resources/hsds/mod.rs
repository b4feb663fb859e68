//! Open Referral HSDS tabular packages in and out. `schema` is the official descriptor,
//! `read` turns files into rows, `check` judges every row (required fields, formats,
//! phones, duplicated ids, foreign keys), `import` compares with the directory and
//! writes in one transaction, `export` writes a package another HSDS tool accepts.

mod check;
mod export;
mod import;
mod read;
pub mod schema;

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

pub use check::{is_email, is_phone, is_uri, parse_time};
pub use export::{ExportReport, ExportedTable, export};
pub use import::{
    Conflict, ConflictField, ImportChoices, ImportReport, TableCounts, apply, apply_package,
    preview, preview_package,
};
pub use read::{Package, Row, TableFile, Version};

/// A bad row or a bad file: where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// The CSV line (the header is line 1); `None` for the whole file.
    pub line: Option<u64>,
    /// The field, when one is to blame.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a long import or export is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Reading,
    Checking,
    Writing,
    Indexing,
    Exporting,
}

/// Who watches a long job: told of progress, asked whether to stop. Stopping rolls the
/// whole job back (an import is one transaction; an export removes what it wrote).
pub trait Watcher: Sync {
    fn progress(&self, phase: Phase, done: usize, total: usize);
    fn cancelled(&self) -> bool;
}

/// Nobody watching (the CLI without a terminal, tests).
pub struct Unwatched;

impl Watcher for Unwatched {
    fn progress(&self, _: Phase, _: usize, _: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// A cancel flag and a progress callback, for front ends.
pub struct Watch<F: Fn(Phase, usize, usize) + Sync> {
    pub cancel: std::sync::Arc<AtomicBool>,
    pub on_progress: F,
}

impl<F: Fn(Phase, usize, usize) + Sync> Watcher for Watch<F> {
    fn progress(&self, phase: Phase, done: usize, total: usize) {
        (self.on_progress)(phase, done, total);
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

pub(crate) use crate::tabular::row_hash;

/// A change's moment as HSDS writes `last_modified`: RFC 3339 in UTC to the second
/// (the Table Schema's default datetime format; fractions of a second fail validators).
pub(crate) fn modified_now(w: &crate::store::Writer<'_>) -> String {
    w.now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
