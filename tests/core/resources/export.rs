//! HSDS packages out: the round trip (export → import into an empty store → the same
//! directory, byte for byte), one category alone, and an independent check of what
//! is written with the `frictionless` Data Package validator.

use std::path::{Path, PathBuf};
use std::process::Command;

use caseload::resources::hsds::{self, Unwatched};

use super::*;
use crate::harness::{TestStore, files_in};

/// A directory with the corpus's two packages and 40 demo services in it.
fn full_directory() -> TestStore {
    let mut t = TestStore::new();
    apply(&mut t.store, &corpus("hsds-1.1-sample"));
    apply_skipping(&mut t.store, &corpus("hsds-3.0-examples"));
    caseload::demo::fill_directory(&mut t.store, 40, 7).unwrap();
    t
}

fn export_to(store: &caseload::Store, dir: &Path, category: Option<&str>) -> hsds::ExportReport {
    hsds::export(store, dir, category, &Unwatched).unwrap()
}

#[test]
fn export_then_import_into_an_empty_store_gives_the_same_directory() {
    let t = full_directory();
    let first = tempfile::TempDir::new().unwrap();
    let report = export_to(&t.store, first.path(), None);
    let services = usize::try_from(live(&t.store, "service")).unwrap();
    assert!(services > 40);
    assert_eq!(report.services, services);
    assert!(
        report
            .tables
            .iter()
            .any(|table| table.file == "services.csv" && table.rows == services)
    );

    let mut other = TestStore::new();
    let imported = apply(&mut other.store, first.path());
    assert_eq!(imported.bad_rows, 0, "{:#?}", imported.problems);
    let second = tempfile::TempDir::new().unwrap();
    export_to(&other.store, second.path(), None);
    let a = files_in(first.path());
    let b = files_in(second.path());
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa.file_name(), pb.file_name());
        assert!(ba == bb, "{} differs after the round trip", pa.display());
    }
    // And importing it back where it came from changes nothing.
    let mut t = t;
    let again = apply(&mut t.store, first.path());
    assert_eq!((again.added, again.updated), (0, 0));
}

#[test]
fn a_category_export_holds_its_services_and_what_they_need() {
    let t = full_directory();
    let dir = tempfile::TempDir::new().unwrap();
    let report = export_to(&t.store, dir.path(), Some("food"));
    let food = t
        .store
        .read(|r| {
            caseload::resources::search(
                r,
                &caseload::resources::SearchQuery {
                    category: "food".into(),
                    limit: Some(500),
                    ..Default::default()
                },
            )
        })
        .unwrap()
        .total;
    assert!(food > 0);
    assert_eq!(report.services, food);
    let services = std::fs::read_to_string(dir.path().join("services.csv")).unwrap();
    assert_eq!(services.lines().count(), food + 1);
    // Every organization a service names is in the package (no dangling keys).
    let mut other = TestStore::new();
    let imported = apply(&mut other.store, dir.path());
    assert_eq!(imported.bad_rows, 0, "{:#?}", imported.problems);
}

/// The validator `make test` installs (scripts/setup.sh), or `FRICTIONLESS`.
fn frictionless() -> PathBuf {
    std::env::var_os("FRICTIONLESS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/pyenv/bin/frictionless"),
        PathBuf::from,
    )
}

/// Runs `frictionless validate --json` on a package and returns its report.
fn validate(dir: &Path) -> serde_json::Value {
    let tool = frictionless();
    let out = Command::new(&tool)
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} could not run ({e}); run scripts/setup.sh --e2e",
                tool.display()
            )
        });
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless said no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn errors_of(report: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["message"].to_string())
        .collect();
    for task in report["tasks"].as_array().into_iter().flatten() {
        for e in task["errors"].as_array().into_iter().flatten() {
            out.push(format!("{}: {}", task["name"], e["message"]));
        }
    }
    out
}

#[test]
fn an_independent_validator_accepts_the_export() {
    let t = full_directory();
    for category in [None, Some("food")] {
        let dir = tempfile::TempDir::new().unwrap();
        export_to(&t.store, dir.path(), category);
        let report = validate(dir.path());
        assert_eq!(
            report["valid"],
            serde_json::Value::Bool(true),
            "{:#?}",
            errors_of(&report)
        );
        assert!(
            report["tasks"]
                .as_array()
                .is_some_and(|tasks| tasks.len() >= 4),
            "{report}"
        );
    }
}

#[test]
fn the_validator_does_catch_a_broken_package() {
    // The check above means something only if the validator fails bad files: a date
    // that is not one, in a file the export wrote.
    let t = full_directory();
    let dir = tempfile::TempDir::new().unwrap();
    export_to(&t.store, dir.path(), None);
    let path = dir.path().join("services.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen(",2026-", ",2026-13-", 1);
    assert_ne!(text, broken, "the export has an assured_date to break");
    std::fs::write(&path, broken).unwrap();
    let report = validate(dir.path());
    assert_eq!(report["valid"], serde_json::Value::Bool(false));
}
