//! `caseload measures add` and `caseload screen`, run as a separate process.

use std::path::{Path, PathBuf};
use std::process::Output;

use caseload::Store;
use jiff::ToSpan;
use tempfile::TempDir;

use crate::cli_run::{fails_with_one_line, ok, stderr, stdout};
use crate::harness::{PASSPHRASE, count, data_dir, today};

fn caseload(dir: &Path, args: &[&str]) -> Output {
    crate::cli_run::caseload(dir, PASSPHRASE, args)
}

fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

/// An initialised store with the given patients (MRN, first, last, date of birth).
fn store_with(patients: &[(&str, &str, &str, &str)]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, &["init"]));
    for (mrn, first, last, dob) in patients {
        ok(caseload(
            &dir,
            &[
                "patients", "add", "--mrn", mrn, "--first", first, "--last", last, "--dob", dob,
            ],
        ));
    }
    (tmp, dir)
}

fn measures_in(dir: &Path) -> i64 {
    let store = Store::open(dir, PASSPHRASE).unwrap();
    count(&store, "measures")
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// PHQ-9 items adding up to 15, item 9 at 0.
const PHQ9_15: &str = "3,3,3,3,3,0,0,0,0";

fn add_visit(dir: &Path, mrn: &str, bp: &str) {
    ok(caseload(
        dir,
        &[
            "measures",
            "add",
            "--mrn",
            mrn,
            "--phq9",
            PHQ9_15,
            "--a1c",
            "9.1",
            "--bp",
            bp,
            "--date",
            &days_ago(10),
        ],
    ));
}

#[test]
fn measures_add_records_every_measure_given_on_one_date() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    let date = days_ago(3);
    let out = ok(caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--phq9",
            "0,1,2,1,0,1,2,1,0",
            "--gad7",
            "1,1,1,1,1,1,1",
            "--a1c",
            "8.4",
            "--bp",
            "150/95",
            "--ldl",
            "140",
            "--weight",
            "82.5",
            "--date",
            &date,
        ],
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!("M-1 PHQ-9: 8 (mild) on {date}"),
            format!("M-1 GAD-7: 7 (mild) on {date}"),
            format!("M-1 HbA1c: 8.4 % on {date}"),
            format!("M-1 Blood pressure: 150/95 mmHg on {date}"),
            format!("M-1 LDL: 140 mg/dL on {date}"),
            format!("M-1 Weight: 82.5 kg on {date}"),
        ]
    );
    assert_eq!(measures_in(&dir), 6);
}

#[test]
fn measures_add_defaults_to_today_and_warns_of_a_safety_flag() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    let out = ok(caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--phq9",
            "1,1,1,1,1,1,1,1,2",
        ],
    ));
    assert!(out.contains(&format!("on {}", today())), "{out}");
    assert!(out.contains("Safety flag raised: PHQ-9 item 9"), "{out}");
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(count(&store, "safety_flags"), 1);
}

#[test]
fn a_phq9_without_item_9_is_saved_with_a_warning_on_stderr_and_shows_on_the_worklist() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    let out = caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--phq9",
            "1,1,1,1,1,1,1,1",
        ],
    );
    assert_eq!(
        stdout(&out),
        format!("M-1 PHQ-9: incomplete on {}\n", today()),
        "saved, and stdout keeps its one line per measure"
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "Warning: PHQ-9 item 9 (thoughts of self-harm) was not answered. Ask it today; the \
         patient will show \"PHQ-9 item 9 not answered\" until a PHQ-9 with item 9 is \
         recorded.\n"
    );
    assert_eq!(measures_in(&dir), 1);

    let list = ok(caseload(&dir, &["worklist", "--format", "csv"]));
    let rows = csv_rows(&list);
    let line = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "item9-not-answered"))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(line.iter().any(|c| c == "Open patient"), "{line:?}");
    let table = ok(caseload(&dir, &["worklist"]));
    assert!(
        table.contains("(1 PHQ-9 item 9 not answered on "),
        "{table}"
    );

    // Asked at the next visit: no warning, and the line is gone.
    let out = caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--phq9",
            "1,1,1,1,1,1,1,1,0",
        ],
    );
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    let list = ok(caseload(&dir, &["worklist", "--format", "csv"]));
    assert!(!list.contains("item9-not-answered"), "{list}");
}

#[test]
fn a_bad_blood_pressure_saves_nothing_and_names_the_field() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    let date = days_ago(1);
    let out = caseload(
        &dir,
        &[
            "measures", "add", "--mrn", "M-1", "--phq9", PHQ9_15, "--a1c", "9.1", "--bp",
            "150/abc", "--date", &date,
        ],
    );
    let line = fails_with_one_line(&out);
    assert!(
        line.contains("Diastolic BP \"abc\" is not a number"),
        "{line}"
    );
    assert!(line.contains("Nothing was saved"), "{line}");
    assert!(stdout(&out).is_empty());
    assert_eq!(
        measures_in(&dir),
        0,
        "the valid PHQ-9 and HbA1c were not saved either"
    );

    let line = fails_with_one_line(&caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--a1c",
            "9.1",
            "--bp",
            "150/100/2",
        ],
    ));
    assert!(line.contains("Diastolic BP"), "{line}");
    let line = fails_with_one_line(&caseload(
        &dir,
        &[
            "measures", "add", "--mrn", "M-1", "--a1c", "9.1", "--bp", "150",
        ],
    ));
    assert!(
        line.contains("--bp") && line.contains("systolic/diastolic"),
        "{line}"
    );
    let line = fails_with_one_line(&caseload(
        &dir,
        &["measures", "add", "--mrn", "M-1", "--bp", "90/120"],
    ));
    assert!(
        line.contains("Diastolic BP must be below the systolic"),
        "{line}"
    );
    assert_eq!(measures_in(&dir), 0);
}

#[test]
fn measures_add_refuses_a_bad_date_an_unknown_mrn_and_no_measure() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    let tomorrow = (today() + 1.day()).to_string();
    let line = fails_with_one_line(&caseload(
        &dir,
        &[
            "measures", "add", "--mrn", "M-1", "--a1c", "9.1", "--ldl", "120", "--date", &tomorrow,
        ],
    ));
    assert!(
        line.contains("HbA1c: Date taken cannot be in the future"),
        "{line}"
    );
    assert!(
        line.contains("LDL: Date taken cannot be in the future"),
        "{line}"
    );
    let line = fails_with_one_line(&caseload(
        &dir,
        &["measures", "add", "--mrn", "M-404", "--a1c", "9.1"],
    ));
    assert!(line.contains("M-404"), "{line}");
    let line = fails_with_one_line(&caseload(&dir, &["measures", "add", "--mrn", "M-1"]));
    assert!(line.contains("at least one measure"), "{line}");
    assert_eq!(measures_in(&dir), 0);
}

#[test]
fn screen_csv_lists_eligible_patients_not_yet_enrolled_with_their_values() {
    let (_tmp, dir) = store_with(&[
        ("M-1", "Rosa", "Delgado", "1961-04-12"),
        ("M-2", "Ana", "Enrolled", "1970-01-01"),
        ("M-3", "Bo", "Fine", "1970-01-01"),
        ("M-4", "+SUM(A1)", "=cmd", "1970-01-01"),
    ]);
    add_visit(&dir, "M-1", "150/95");
    add_visit(&dir, "M-2", "150/95");
    ok(caseload(
        &dir,
        &[
            "enroll",
            "--mrn",
            "M-2",
            "--program",
            "compass",
            "--status",
            "screening",
        ],
    ));
    ok(caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-3",
            "--phq9",
            "1,0,0,0,0,0,0,0,0",
            "--bp",
            "150/95",
        ],
    ));
    add_visit(&dir, "M-4", "130/80");

    let csv = ok(caseload(
        &dir,
        &["screen", "--program", "compass", "--format", "csv"],
    ));
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "mrn,last_name,first_name,birth_date,age,phq9,phq9_date,a1c,a1c_date,sbp,dbp,bp_date,ldl,ldl_date"
    );
    let date = days_ago(10);
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(rows[0][0], "M-4");
    assert_eq!(rows[0][1], "'=cmd", "formula guard");
    assert_eq!(rows[0][2], "'+SUM(A1)", "formula guard");
    assert_eq!(
        rows[0][5..12],
        [
            "15",
            date.as_str(),
            "9.1",
            date.as_str(),
            "130",
            "80",
            date.as_str()
        ]
    );
    assert_eq!(rows[1][..3], ["M-1", "Delgado", "Rosa"]);
    assert_eq!(
        rows[1][5..12],
        [
            "15",
            date.as_str(),
            "9.1",
            date.as_str(),
            "150",
            "95",
            date.as_str()
        ]
    );
    assert_eq!(rows[1][12..], ["", ""], "COMPASS does not screen on LDL");
}

#[test]
fn screen_prints_a_table_by_default_and_json_on_request() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    add_visit(&dir, "M-1", "150/95");
    let out = caseload(&dir, &["screen", "--program", "compass"]);
    let table = ok(out.clone());
    assert!(table.starts_with("mrn "), "{table}");
    assert!(
        table.contains("M-1") && table.contains("Delgado"),
        "{table}"
    );
    assert!(
        stderr(&out).contains("1 patient not enrolled in COMPASS meets its criteria"),
        "{}",
        stderr(&out)
    );

    let json = ok(caseload(
        &dir,
        &["screen", "--program", "compass", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["program"], "compass");
    assert_eq!(v["count"], 1);
    assert_eq!(v["as_of"], today().to_string());
    assert_eq!(v["patients"][0]["mrn"], "M-1");
    assert_eq!(v["patients"][0]["phq9"], 15.0);
    assert_eq!(v["patients"][0]["bp_date"], days_ago(10));

    // Screened on a day before the visit, nobody qualifies yet.
    let csv = ok(caseload(
        &dir,
        &[
            "screen",
            "--program",
            "compass",
            "--format",
            "csv",
            "--as-of",
            &days_ago(11),
        ],
    ));
    assert!(csv_rows(&csv).is_empty(), "{csv}");
}

#[test]
fn screen_one_patient_marks_each_criterion() {
    let (_tmp, dir) = store_with(&[("M-1", "Rosa", "Delgado", "1961-04-12")]);
    ok(caseload(
        &dir,
        &[
            "measures",
            "add",
            "--mrn",
            "M-1",
            "--phq9",
            PHQ9_15,
            "--date",
            &days_ago(100),
        ],
    ));
    ok(caseload(
        &dir,
        &["measures", "add", "--mrn", "M-1", "--bp", "150/85"],
    ));
    let out = ok(caseload(
        &dir,
        &["screen", "--program", "compass", "--mrn", "M-1"],
    ));
    assert!(out.contains("COMPASS no recent data"), "{out}");
    assert!(out.contains("  ✓ Age ≥ 18 — Age"), "{out}");
    assert!(
        out.contains("  ? PHQ-9 ≥ 10 (latest within 90 days) — 15 on"),
        "{out}"
    );
    assert!(out.contains("older than 90 days"), "{out}");
    assert!(
        out.contains("    ? HbA1c ≥ 8 % (latest within 180 days) — No HbA1c on record"),
        "{out}"
    );
    assert!(out.contains("    ✓ Systolic BP ≥ 140 mmHg"), "{out}");
    assert!(out.contains("    ✗ Diastolic BP ≥ 90 mmHg"), "{out}");
}

#[test]
fn screen_refuses_an_unknown_program_and_a_bad_date() {
    let (_tmp, dir) = store_with(&[]);
    let line = fails_with_one_line(&caseload(&dir, &["screen", "--program", "nope"]));
    assert!(line.contains("no program \"nope\""), "{line}");
    let line = fails_with_one_line(&caseload(
        &dir,
        &["screen", "--program", "compass", "--as-of", "soon"],
    ));
    assert!(line.contains("--as-of"), "{line}");
}
