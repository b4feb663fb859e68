//! The appointment schedule through the core against real encrypted stores: `reading`
//! (every kind of bad row with its line and column, date and time formats, delimiters,
//! BOM, CRLF, quoted line breaks, mapping errors), `days` (matching by MRN, dry runs,
//! re-imports, a newer export replacing its days, cancellations, refusing bad rows,
//! what other modules read), `presets` (saved mappings, and the `synthea` preset
//! against the corpus's encounters.csv). The helpers here are shared by all three.

mod days;
mod presets;
mod reading;

use std::path::{Path, PathBuf};

use caseload::Store;
use caseload::schedule::{self, Appointment, ImportOptions, ImportReport, Mapping};
use jiff::civil::Date;

use crate::harness::add;

/// A file of `tests/fixtures/schedule/`.
pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schedule")
        .join(name)
}

/// Three patients the fixtures book: A1 Ana Reyes, A2 Ben Ortiz, A3 Cy Young.
/// Returns their ids in that order.
pub(super) fn three_patients(store: &mut Store) -> [String; 3] {
    [
        add(store, "A1", "Ana", "Reyes", "1960-01-01").id,
        add(store, "A2", "Ben", "Ortiz", "1970-02-02").id,
        add(store, "A3", "Cy", "Young", "1980-03-03").id,
    ]
}

/// The built-in `appointments` preset, read as the CLI and the UI read it.
pub(super) fn appointments(store: &Store) -> ImportOptions {
    options(store, "appointments")
}

pub(super) fn options(store: &Store, preset: &str) -> ImportOptions {
    let preset = store.read(|r| schedule::preset(r, preset)).unwrap();
    ImportOptions {
        mapping: preset.mapping,
        preset: Some(preset.name),
        skip_bad_rows: false,
    }
}

/// A mapping of the coordinator's own (not a built-in preset).
pub(super) fn own(mapping: Mapping) -> ImportOptions {
    ImportOptions {
        mapping,
        preset: None,
        skip_bad_rows: false,
    }
}

pub(super) fn preview(store: &Store, path: &Path, o: &ImportOptions) -> ImportReport {
    schedule::preview(store, path, o).unwrap()
}

pub(super) fn apply(store: &mut Store, path: &Path, o: &ImportOptions) -> ImportReport {
    schedule::apply(store, path, o).unwrap()
}

pub(super) fn apply_text(store: &mut Store, text: &str, o: &ImportOptions) -> ImportReport {
    schedule::apply_bytes(store, "test.csv", text.as_bytes(), o).unwrap()
}

pub(super) fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// Who is coming in on `on`, as (time, patient id).
pub(super) fn coming(store: &Store, on: &str) -> Vec<(Option<String>, String)> {
    store
        .read(|r| schedule::for_day(r, day(on)))
        .unwrap()
        .into_iter()
        .map(|a: Appointment| (a.time, a.patient_id))
        .collect()
}

/// Rows in `appointments` that are live (not replaced), cancelled or not.
pub(super) fn live(store: &Store) -> i64 {
    store
        .sql_for_tests()
        .query_row(
            "SELECT count(*) FROM appointments WHERE replaced_at IS NULL",
            [],
            |row| row.get(0),
        )
        .unwrap()
}
