//! `caseload resources`, `caseload refer`, `caseload referrals` and `caseload needs`,
//! run as a separate process against the corpus's HSDS packages.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::cli_run::{fails_with_one_line, ok, stdout};
use crate::harness::{PASSPHRASE, data_dir, today};
use crate::resources::corpus;

fn caseload(dir: &Path, args: &[&str]) -> Output {
    crate::cli_run::caseload(dir, PASSPHRASE, args)
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

const HELPLINE: &str = "c89eb05c-62dd-4b64-b494-0cc347b6ea7f";

#[test]
fn a_dry_run_lists_bad_rows_writes_nothing_and_exits_3() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, &["init"]));
    let package = corpus("hsds-3.0-examples");
    let out = caseload(
        &dir,
        &[
            "resources",
            "import",
            package.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let text = stdout(&out);
    assert!(text.contains("Dry run of HSDS 3.0 package"), "{text}");
    assert!(
        text.contains("locations.csv, line 2, organization_id"),
        "{text}"
    );
    assert!(
        text.contains("contacts.csv, line 2, service_at_location_id"),
        "{text}"
    );
    let listed = ok(caseload(&dir, &["resources", "search", "--format", "csv"]));
    assert_eq!(csv_rows(&listed).len(), 0, "the dry run wrote nothing");
    // Without --skip-bad-rows the import itself refuses, with one line.
    let refused = caseload(&dir, &["resources", "import", package.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(3));
    ok(caseload(
        &dir,
        &[
            "resources",
            "import",
            package.to_str().unwrap(),
            "--skip-bad-rows",
        ],
    ));
    let listed = ok(caseload(
        &dir,
        &["resources", "search", "counselling", "--format", "csv"],
    ));
    assert_eq!(csv_rows(&listed).len(), 1);
}

#[test]
fn import_search_verify_refer_and_close_the_loop() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, &["init"]));
    let package = corpus("hsds-1.1-sample");
    // PATH may be the folder or its datapackage.json.
    let descriptor = package.join("datapackage.json");
    let imported = ok(caseload(
        &dir,
        &["resources", "import", descriptor.to_str().unwrap()],
    ));
    assert!(imported.contains("51 added"), "{imported}");
    let again = ok(caseload(
        &dir,
        &["resources", "import", package.to_str().unwrap()],
    ));
    assert!(
        again.contains("0 added, 0 updated, 51 unchanged"),
        "{again}"
    );

    let found = ok(caseload(
        &dir,
        &["resources", "search", "homel", "--format", "csv"],
    ));
    let rows = csv_rows(&found);
    assert_eq!(&rows[0][0], HELPLINE);
    assert_eq!(&rows[0][1], "Never Homeless Helpline");
    let json = ok(caseload(
        &dir,
        &["resources", "search", "homel", "--format", "json"],
    ));
    let page: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(page["services"][0]["verification"]["stale"], true);

    ok(caseload(
        &dir,
        &[
            "patients",
            "add",
            "--mrn",
            "M1",
            "--first",
            "Ana",
            "--last",
            "Reyes",
            "--dob",
            "1970-01-01",
        ],
    ));
    ok(caseload(
        &dir,
        &[
            "needs",
            "add",
            "--mrn",
            "M1",
            "--category",
            "housing-instability",
        ],
    ));
    // Stale: refused until verified (or a reason is given).
    let refused = caseload(&dir, &["refer", "--mrn", "M1", "--service", HELPLINE]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(fails_with_one_line(&refused).contains("never been verified"));
    let verified = ok(caseload(
        &dir,
        &[
            "resources",
            "verify",
            HELPLINE,
            "--how",
            "phone",
            "--by",
            "M. Lopez",
        ],
    ));
    assert!(
        verified.contains("Verified today by M. Lopez"),
        "{verified}"
    );
    let day = today().to_string();
    let referred = ok(caseload(
        &dir,
        &[
            "refer",
            "--mrn",
            "M1",
            "--service",
            HELPLINE,
            "--need",
            "housing-instability",
            "--consent",
            "--follow-up",
            &day,
        ],
    ));
    let id = referred
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('.')
        .to_owned();

    let due = csv_rows(&ok(caseload(
        &dir,
        &["referrals", "list", "--due", "--format", "csv"],
    )));
    assert_eq!(due.len(), 1);
    assert_eq!(&due[0][5], id.as_str());
    let needs = ok(caseload(
        &dir,
        &["needs", "list", "--mrn", "M1", "--format", "csv"],
    ));
    assert!(needs.contains("being-addressed"), "{needs}");

    let refused = caseload(
        &dir,
        &["referrals", "move", &id, "--to", "could-not-connect"],
    );
    assert_eq!(refused.status.code(), Some(3), "a reason is required");
    ok(caseload(
        &dir,
        &["referrals", "move", &id, "--to", "connected"],
    ));
    let due = csv_rows(&ok(caseload(
        &dir,
        &["referrals", "list", "--due", "--format", "csv"],
    )));
    assert!(due.is_empty());
    let moved_back = caseload(&dir, &["referrals", "move", &id, "--to", "referred"]);
    assert_eq!(
        moved_back.status.code(),
        Some(6),
        "a closed loop stays closed"
    );
}

#[test]
fn export_writes_a_package_and_demo_fills_a_directory() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, &["demo", "--services", "30"]));
    let listed = csv_rows(&ok(caseload(
        &dir,
        &["resources", "search", "--limit", "500", "--format", "csv"],
    )));
    assert_eq!(listed.len(), 30);
    let patients = ok(caseload(&dir, &["patients", "list", "--format", "csv"]));
    assert_eq!(
        csv_rows(&patients).len(),
        0,
        "--services alone makes no patients"
    );
    let out = tmp.path().join("package");
    ok(caseload(
        &dir,
        &[
            "resources",
            "export",
            out.to_str().unwrap(),
            "--category",
            "food",
        ],
    ));
    let descriptor: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert!(
        descriptor["resources"]
            .as_array()
            .is_some_and(|r| r.len() >= 4)
    );
    let food = csv_rows(&ok(caseload(
        &dir,
        &[
            "resources",
            "search",
            "--category",
            "food",
            "--format",
            "csv",
        ],
    )));
    let services = std::fs::read_to_string(out.join("services.csv")).unwrap();
    assert_eq!(services.lines().count(), food.len() + 1);
    let unknown = caseload(
        &dir,
        &[
            "resources",
            "export",
            out.to_str().unwrap(),
            "--category",
            "astrology",
        ],
    );
    assert!(fails_with_one_line(&unknown).contains("astrology"));
}
