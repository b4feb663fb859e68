//! `caseload careplan export` and `caseload export fhir` from a shell.

use std::os::unix::fs::PermissionsExt;

use super::{assert_valid, jose};
use crate::cli_run::{caseload, fails_with_one_line, ok};
use crate::harness::{PASSPHRASE, TestStore};

#[test]
fn careplan_export_and_export_fhir_write_private_files_that_validate() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let dir = t.dir();
    // Close the store (the CLI opens it) but keep its folder.
    let TestStore { store, tmp: _tmp } = t;
    drop(store);

    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("bundle.json");
    let said = ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "careplan",
            "export",
            "--mrn",
            j.mrn,
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        said.trim(),
        format!(
            "Care plan of {} written to {} (12 resources).",
            j.mrn,
            file.display()
        )
    );
    assert!(
        !said.contains("Núñez"),
        "the line names the MRN, not the patient"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(assert_valid(std::slice::from_ref(&file)), 12);

    let folder = out.path().join("fhir");
    std::fs::create_dir(&folder).unwrap();
    let said = ok(caseload(
        &dir,
        PASSPHRASE,
        &["export", "fhir", "--out", folder.to_str().unwrap()],
    ));
    for line in ["Patient.ndjson", "CarePlan.ndjson", "Observation.ndjson"] {
        assert!(said.contains(line), "{said}");
    }
    let counts: Vec<(String, usize)> = said
        .lines()
        .filter(|l| l.contains(".ndjson"))
        .map(|l| {
            let mut parts = l.split_whitespace();
            (
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts.len(), 8, "{said}");
    assert!(counts.contains(&("Goal.ndjson".to_owned(), 2)), "{said}");
    assert!(said.contains("1 patient (1 with a care plan)"), "{said}");
    let paths: Vec<_> = counts.iter().map(|(f, _)| folder.join(f)).collect();
    assert_eq!(
        assert_valid(&paths),
        counts.iter().map(|(_, n)| n).sum::<usize>()
    );
}

#[test]
fn export_refuses_an_unknown_mrn_and_a_missing_folder_in_one_line() {
    let t = TestStore::new();
    let dir = t.dir();
    let TestStore { store, tmp: _tmp } = t;
    drop(store);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.json");
    let run = caseload(
        &dir,
        PASSPHRASE,
        &[
            "careplan",
            "export",
            "--mrn",
            "NOPE",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let line = fails_with_one_line(&run);
    assert!(line.contains("NOPE"), "{line}");
    assert_eq!(run.status.code(), Some(4));
    assert!(!file.exists());

    let missing = out.path().join("missing");
    let run = caseload(
        &dir,
        PASSPHRASE,
        &["export", "fhir", "--out", missing.to_str().unwrap()],
    );
    let line = fails_with_one_line(&run);
    assert!(line.contains("does not exist"), "{line}");
    assert_eq!(run.status.code(), Some(3));
}
