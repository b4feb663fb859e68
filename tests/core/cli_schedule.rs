//! `caseload schedule import|presets|preset-save|list`, run as a separate process
//! against the fixtures in `tests/fixtures/schedule/`.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::cli_run::{fails_with_one_line, ok, stdout};
use crate::harness::{PASSPHRASE, data_dir};
use crate::schedule::fixture;

fn caseload(dir: &Path, args: &[&str]) -> Output {
    crate::cli_run::caseload(dir, PASSPHRASE, args)
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

fn with_patients(dir: &Path) {
    ok(caseload(dir, &["init"]));
    for (mrn, first, last) in [
        ("A1", "Ana", "Reyes"),
        ("A2", "Ben", "Ortiz"),
        ("A3", "Cy", "Young"),
    ] {
        ok(caseload(
            dir,
            &[
                "patients",
                "add",
                "--mrn",
                mrn,
                "--first",
                first,
                "--last",
                last,
                "--dob",
                "1970-01-01",
            ],
        ));
    }
}

#[test]
fn cli_schedule_a_dry_run_with_bad_rows_lists_them_writes_nothing_and_exits_3() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    with_patients(&dir);
    let file = fixture("bad-rows.csv");
    let file = file.to_str().unwrap();
    let out = caseload(
        &dir,
        &[
            "schedule",
            "import",
            file,
            "--preset",
            "appointments",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let text = stdout(&out);
    assert!(
        text.contains("Dry run of bad-rows.csv: 11 rows, 2 appointments"),
        "{text}"
    );
    assert!(
        text.contains(
            "bad row: line 5, Date: \"13/45/2026\" is not a date; use YYYY-MM-DD or MM/DD/YYYY"
        ),
        "{text}"
    );
    assert!(
        text.contains("bad row: line 13, Dept: a value opens with a quote"),
        "{text}"
    );
    let list = |day: &str| {
        csv_rows(&ok(caseload(
            &dir,
            &["schedule", "list", "--date", day, "--format", "csv"],
        )))
    };
    assert!(list("2026-03-02").is_empty(), "the dry run wrote nothing");
    // Without --skip-bad-rows the import refuses (invalid input), listing the rows.
    let refused = caseload(
        &dir,
        &["schedule", "import", file, "--preset", "appointments"],
    );
    assert_eq!(refused.status.code(), Some(3));
    assert!(fails_with_one_line(&refused).contains("9 bad rows; nothing was imported"));
    assert!(list("2026-03-02").is_empty());
    let imported = ok(caseload(
        &dir,
        &[
            "schedule",
            "import",
            file,
            "--preset",
            "appointments",
            "--skip-bad-rows",
        ],
    ));
    assert!(imported.starts_with("Imported bad-rows.csv"), "{imported}");
    let rows = list("2026-03-02");
    let seen: Vec<(&str, &str, &str)> = rows.iter().map(|r| (&r[0], &r[1], &r[2])).collect();
    assert_eq!(seen, [("09:00", "A1", "Reyes"), ("11:00", "A3", "Young")]);
    // An unknown preset is not found (4), and says which presets there are.
    let unknown = caseload(&dir, &["schedule", "import", file, "--preset", "epic"]);
    assert_eq!(unknown.status.code(), Some(4));
    assert!(fails_with_one_line(&unknown).contains("synthea, appointments"));
}

#[test]
fn cli_schedule_presets_list_save_and_refuse_a_built_in_name() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    with_patients(&dir);
    let listed = ok(caseload(&dir, &["schedule", "presets"]));
    assert!(
        listed.contains("synthea       built-in  date=START, time=START, mrn=PATIENT, provider=PROVIDER, visit_type=DESCRIPTION, department=ORGANIZATION"),
        "{listed}"
    );
    assert!(
        listed.contains("appointments  built-in  date=Date, time=Time, mrn=MRN"),
        "{listed}"
    );
    let saved = ok(caseload(
        &dir,
        &[
            "schedule",
            "preset-save",
            "clinic",
            "--date",
            "Appt Date",
            "--mrn",
            "Chart",
            "--time",
            "Appt Time",
        ],
    ));
    assert_eq!(
        saved.trim(),
        "Saved preset clinic: date=Appt Date, time=Appt Time, mrn=Chart."
    );
    let rows = csv_rows(&ok(caseload(
        &dir,
        &["schedule", "presets", "--format", "csv"],
    )));
    let names: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(
        names,
        [
            ("synthea", "built-in"),
            ("appointments", "built-in"),
            ("clinic", "saved")
        ]
    );
    let refused = caseload(
        &dir,
        &[
            "schedule",
            "preset-save",
            "appointments",
            "--date",
            "D",
            "--mrn",
            "M",
        ],
    );
    assert_eq!(refused.status.code(), Some(3));
    assert!(fails_with_one_line(&refused).contains("Nothing was saved."));
    // The saved preset imports through the CLI like a built-in one.
    let file = tmp.path().join("clinic.csv");
    std::fs::write(
        &file,
        "Chart,Appt Date,Appt Time\nA2,2026-03-10,8:45 am\nB7,2026-03-10,9:00\n",
    )
    .unwrap();
    let imported = ok(caseload(
        &dir,
        &[
            "schedule",
            "import",
            file.to_str().unwrap(),
            "--preset",
            "clinic",
        ],
    ));
    assert!(
        imported.contains(
            "unmatched: line 3, MRN B7 on 2026-03-10 at 09:00: not on the caseload, not imported."
        ),
        "{imported}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(caseload(
        &dir,
        &[
            "schedule",
            "list",
            "--date",
            "2026-03-10",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    assert_eq!(json[0]["mrn"], "A2");
    assert_eq!(json[0]["time"], "08:45");
    assert_eq!(json[0]["day"], "2026-03-10");
}
