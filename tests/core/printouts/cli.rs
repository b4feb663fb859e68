//! `caseload print` and `caseload today` from a shell.

use std::os::unix::fs::PermissionsExt;

use crate::cli_run::{caseload, fails_with_one_line, ok};
use crate::harness::PASSPHRASE;

use super::{NAMES, clinic_day, pdfinfo, pdftotext, qpdf_ok};

#[test]
fn print_writes_a_private_pdf_and_today_lists_who_is_coming_in() {
    let (t, _) = clinic_day(crate::harness::today());
    let dir = t.dir();
    // Close the store (the CLI opens it) but keep its folder.
    let crate::harness::TestStore { store, tmp: _tmp } = t;
    drop(store);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("huddle.pdf");
    let said = ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "huddle",
            "--paper",
            "a4",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("Wrote huddle-sheet") && said.contains("1 page"),
        "{said}"
    );
    let bytes = std::fs::read(&file).unwrap();
    qpdf_ok(&bytes);
    assert!(pdfinfo(&bytes).contains("595"), "A4");
    assert!(pdftotext(&bytes, None).contains("Нина"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a printout holds PHI: owner-only");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    let today = ok(caseload(&dir, PASSPHRASE, &["today", "--format", "csv"]));
    for (_, last) in NAMES {
        assert!(today.contains(last), "{last}:\n{today}");
    }
    assert!(today.contains("PHQ-9 at check-in"), "{today}");
    let json = ok(caseload(&dir, PASSPHRASE, &["today", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["visits"].as_array().unwrap().len(), NAMES.len());
}

#[test]
fn print_summary_needs_a_patient() {
    let (t, _) = clinic_day(crate::harness::today());
    let dir = t.dir();
    // Close the store (the CLI opens it) but keep its folder.
    let crate::harness::TestStore { store, tmp: _tmp } = t;
    drop(store);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("s.pdf");
    let line = fails_with_one_line(&caseload(
        &dir,
        PASSPHRASE,
        &["print", "summary", "--out", file.to_str().unwrap()],
    ));
    assert!(line.contains("--mrn"), "{line}");
    assert!(!file.exists());
}
