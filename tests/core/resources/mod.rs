//! The community-resource directory through the core against real encrypted stores:
//! `import` (HSDS packages in: the corpus's, and every kind of bad row), `export`
//! (packages out, checked by an independent Data Package validator), `directory`
//! (search, staleness, verification, editing), `referrals` (social needs, the status
//! machine, follow-ups on Today). The helpers here are shared by all four.

mod directory;
mod export;
mod import;
mod referrals;

use std::path::{Path, PathBuf};

use caseload::Store;
use caseload::resources::hsds::{self, ImportChoices, ImportReport, Unwatched};

/// The shared corpus next to the repository (`../shared/corpus`), or `CASELOAD_CORPUS`.
/// Missing is a failure, not a skip: CI has it.
pub(super) fn corpus(name: &str) -> PathBuf {
    let root = std::env::var_os("CASELOAD_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    let path = root.join(name);
    assert!(
        path.is_dir(),
        "the corpus package {} is missing",
        path.display()
    );
    path
}

pub(super) const ORG: &str = "11111111-1111-4111-8111-111111111111";
pub(super) const SVC: &str = "22222222-2222-4222-8222-222222222222";
pub(super) const SVC2: &str = "22222222-2222-4222-8222-333333333333";
pub(super) const LOC: &str = "44444444-4444-4444-8444-444444444444";

/// An HSDS package written into a temporary folder: `datapackage.json` naming each
/// table, and the CSV files as given (bytes exactly, so tests can add a BOM, use
/// semicolons or cut a file short).
pub(super) struct Package {
    pub dir: tempfile::TempDir,
    tables: Vec<(String, String)>,
}

impl Package {
    pub fn new() -> Self {
        Package {
            dir: tempfile::TempDir::new().unwrap(),
            tables: Vec::new(),
        }
    }

    /// Adds `table` as `file` with `text` (a header line and rows).
    pub fn table(mut self, table: &str, file: &str, text: &str) -> Self {
        std::fs::write(self.dir.path().join(file), text).unwrap();
        self.tables.push((table.into(), file.into()));
        self.write_descriptor();
        self
    }

    fn write_descriptor(&self) {
        let resources: Vec<_> = self
            .tables
            .iter()
            .map(|(name, path)| serde_json::json!({ "name": name, "path": path }))
            .collect();
        let descriptor =
            serde_json::json!({ "name": "test", "version": "3.0.0", "resources": resources });
        std::fs::write(
            self.dir.path().join("datapackage.json"),
            serde_json::to_vec_pretty(&descriptor).unwrap(),
        )
        .unwrap();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// One organization with one service ("Harbor Food Pantry") at one location.
pub(super) fn pantry() -> Package {
    pantry_with("Harbor Food Pantry", "Free groceries every week.")
}

pub(super) fn pantry_with(name: &str, description: &str) -> Package {
    Package::new()
        .table(
            "organization",
            "organizations.csv",
            &format!("id,name,description\n{ORG},Harbor Community Services,Food and shelter\n"),
        )
        .table(
            "service",
            "services.csv",
            &format!(
                "id,organization_id,name,description,status,fees_description,assured_date,assurer_email\n\
                 {SVC},{ORG},{name},{description},active,Free,2026-01-05,ana@example.org\n\
                 {SVC2},{ORG},Harbor Utility Help,Help with overdue electric bills.,active,Sliding scale,,\n"
            ),
        )
        .table(
            "location",
            "locations.csv",
            &format!("id,organization_id,name,location_type\n{LOC},{ORG},Harbor Center,physical\n"),
        )
        .table(
            "address",
            "addresses.csv",
            &format!(
                "id,location_id,address_1,city,state_province,postal_code,country,address_type\n\
                 55555555-5555-4555-8555-555555555555,{LOC},12 Pier Rd,Bayside,CA,94110,US,physical\n"
            ),
        )
        .table(
            "service_at_location",
            "service_at_location.csv",
            &format!("id,service_id,location_id\n66666666-6666-4666-8666-666666666666,{SVC},{LOC}\n"),
        )
        .table(
            "phone",
            "phones.csv",
            &format!("id,service_id,number\n77777777-7777-4777-8777-777777777777,{SVC},(415) 555-0100\n"),
        )
}

pub(super) fn preview(store: &Store, path: &Path) -> ImportReport {
    hsds::preview(store, path, &Unwatched).unwrap()
}

pub(super) fn apply(store: &mut Store, path: &Path) -> ImportReport {
    hsds::apply(store, path, &ImportChoices::default(), &Unwatched).unwrap()
}

pub(super) fn apply_skipping(store: &mut Store, path: &Path) -> ImportReport {
    let choices = ImportChoices {
        skip_bad_rows: true,
        ..ImportChoices::default()
    };
    hsds::apply(store, path, &choices, &Unwatched).unwrap()
}

/// Live rows in an `hsds_` table.
pub(super) fn live(store: &Store, table: &str) -> i64 {
    store
        .sql_for_tests()
        .query_row(
            &format!("SELECT count(*) FROM hsds_{table} WHERE _deleted_at IS NULL"),
            [],
            |row| row.get(0),
        )
        .unwrap()
}
