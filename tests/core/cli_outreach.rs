//! `caseload contacts`, `caseload transitions` and `caseload worklist`, run as a
//! separate process.

use std::path::{Path, PathBuf};
use std::process::Output;

use caseload::Store;
use jiff::ToSpan;
use tempfile::TempDir;

use crate::cli_run::{fails_with_one_line, ok, stdout};
use crate::harness::{PASSPHRASE, count, data_dir, today};

fn caseload(dir: &Path, args: &[&str]) -> Output {
    crate::cli_run::caseload(dir, PASSPHRASE, args)
}

fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

/// A store with one patient, M1, active in COMPASS for 60 days.
fn store_with_active_patient() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, &["init"]));
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
            "enroll",
            "--mrn",
            "M1",
            "--program",
            "compass",
            "--status",
            "active",
            "--date",
            &days_ago(60),
        ],
    ));
    (tmp, dir)
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn counted(dir: &Path, table: &str) -> i64 {
    count(&Store::open(dir, PASSPHRASE).unwrap(), table)
}

#[test]
fn contacts_add_and_list_as_the_issue_spells_them() {
    let (_tmp, dir) = store_with_active_patient();
    let at = format!("{} 14:30", days_ago(3));
    let out = ok(caseload(
        &dir,
        &[
            "contacts",
            "add",
            "--mrn",
            "M1",
            "--channel",
            "phone",
            "--outcome",
            "reached",
            "--at",
            &at,
            "--minutes",
            "15",
            "--with",
            "patient",
            "--note",
            "Doing better",
            "--topics",
            "symptoms,goals",
        ],
    ));
    assert!(out.contains("Phone with patient, reached"), "{out}");
    // COMPASS active: every 14 days after the reach.
    assert!(
        out.contains(&format!(
            "Next contact due {}",
            caseload::dates::next_business_day(today() + 11.days(), &[])
        )),
        "{out}"
    );
    let next = (today() + 7.days()).to_string();
    ok(caseload(
        &dir,
        &[
            "contacts",
            "add",
            "--mrn",
            "M1",
            "--channel",
            "text",
            "--outcome",
            "no-answer",
            "--next",
            &next,
        ],
    ));
    let csv = ok(caseload(
        &dir,
        &["contacts", "list", "--mrn", "M1", "--format", "csv"],
    ));
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][1], at);
    assert_eq!(rows[1][6], "15");
    assert_eq!(rows[1][7], "symptoms,goals");
    assert_eq!(rows[0][5], "no-answer");
    assert_eq!(rows[0][8], next);
    let json: serde_json::Value = serde_json::from_str(&ok(caseload(
        &dir,
        &["contacts", "list", "--mrn", "M1", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(json[1]["note"], "Doing better");
}

#[test]
fn a_bad_contact_names_its_field_and_saves_nothing() {
    let (_tmp, dir) = store_with_active_patient();
    let tomorrow = format!("{} 09:00", today() + 1.day());
    for (args, needle) in [
        (
            vec!["--channel", "pigeon", "--outcome", "reached"],
            "channel",
        ),
        (
            vec![
                "--channel",
                "phone",
                "--outcome",
                "reached",
                "--at",
                tomorrow.as_str(),
            ],
            "future",
        ),
        (
            vec![
                "--channel",
                "phone",
                "--outcome",
                "reached",
                "--next",
                "2020-01-01",
            ],
            "past",
        ),
    ] {
        let mut all = vec!["contacts", "add", "--mrn", "M1"];
        all.extend(args);
        let out = caseload(&dir, &all);
        assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
        let line = fails_with_one_line(&out);
        assert!(
            line.contains(needle) && line.contains("Nothing was saved."),
            "{line}"
        );
    }
    assert_eq!(counted(&dir, "contacts"), 0);
    let out = caseload(
        &dir,
        &[
            "contacts",
            "add",
            "--mrn",
            "NOPE",
            "--channel",
            "phone",
            "--outcome",
            "reached",
        ],
    );
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_discharge_lands_on_the_worklist_and_a_reached_call_takes_it_off() {
    let (_tmp, dir) = store_with_active_patient();
    ok(caseload(
        &dir,
        &[
            "contacts",
            "add",
            "--mrn",
            "M1",
            "--channel",
            "phone",
            "--outcome",
            "reached",
        ],
    ));
    let admitted = days_ago(9);
    let discharged = days_ago(6);
    let out = ok(caseload(
        &dir,
        &[
            "transitions",
            "add",
            "--mrn",
            "M1",
            "--kind",
            "inpatient",
            "--admitted",
            &admitted,
            "--discharged",
            &discharged,
            "--facility",
            "Riverside General",
            "--reason",
            "Chest pain",
        ],
    ));
    // The reach this morning was logged before the stay was recorded, but it happened
    // after the discharge, so it already counts.
    assert!(out.contains("No follow-up contact is due"), "{out}");
    let list = ok(caseload(&dir, &["worklist", "--format", "csv"]));
    assert!(csv_rows(&list).is_empty(), "{list}");

    // A second patient with a discharge and no contact since.
    ok(caseload(
        &dir,
        &[
            "patients",
            "add",
            "--mrn",
            "M2",
            "--first",
            "Bo",
            "--last",
            "Li",
            "--dob",
            "1960-02-02",
        ],
    ));
    ok(caseload(
        &dir,
        &[
            "transitions",
            "add",
            "--mrn",
            "M2",
            "--kind",
            "ed",
            "--admitted",
            &discharged,
            "--facility",
            "Mercy",
        ],
    ));
    let rows = csv_rows(&ok(caseload(&dir, &["worklist", "--format", "csv"])));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "M2");
    assert_eq!(rows[0][5], "discharge-follow-up");
    let table = ok(caseload(&dir, &["worklist"]));
    assert!(table.contains("1 discharge follow-up"), "{table}");
    // As of the discharge day itself the follow-up was not due yet (M1, seen as of that
    // day, had not been reached since enrolling: a contact was due).
    let before = ok(caseload(
        &dir,
        &["worklist", "--date", &discharged, "--format", "json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&before).unwrap();
    let kinds: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["contact-due"], "{before}");
    assert_eq!(json["items"][0]["mrn"], "M1");

    ok(caseload(
        &dir,
        &[
            "contacts",
            "add",
            "--mrn",
            "M2",
            "--channel",
            "phone",
            "--outcome",
            "reached",
        ],
    ));
    let rows = csv_rows(&ok(caseload(&dir, &["worklist", "--format", "csv"])));
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn transitions_refuse_a_discharge_before_the_admission() {
    let (_tmp, dir) = store_with_active_patient();
    let out = caseload(
        &dir,
        &[
            "transitions",
            "add",
            "--mrn",
            "M1",
            "--kind",
            "inpatient",
            "--admitted",
            &days_ago(2),
            "--discharged",
            &days_ago(4),
            "--facility",
            "Riverside",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let line = fails_with_one_line(&out);
    assert!(line.contains("before the admission"), "{line}");
    let out = caseload(
        &dir,
        &[
            "transitions",
            "add",
            "--mrn",
            "M1",
            "--kind",
            "spa",
            "--admitted",
            &days_ago(2),
            "--facility",
            "X",
        ],
    );
    assert!(fails_with_one_line(&out).contains("ed, inpatient, observation, snf"));
    assert_eq!(counted(&dir, "transitions"), 0);
    let out = caseload(&dir, &["worklist", "--date", "tomorrow-ish"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_demo_writes_contacts_and_transitions_for_a_real_morning() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let out = ok(caseload(
        &dir,
        &["demo", "--patients", "120", "--seed", "7"],
    ));
    assert!(out.contains("contacts"), "{out}");
    let contacts = counted(&dir, "contacts");
    assert!(contacts > 400, "{contacts} contacts for 120 patients");
    assert!(counted(&dir, "transitions") > 5);
    let json: serde_json::Value =
        serde_json::from_str(&ok(caseload(&dir, &["worklist", "--format", "json"]))).unwrap();
    let kinds: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"contact-due"), "{kinds:?}");
    assert!(
        kinds
            .iter()
            .any(|k| *k == "send-letter" || *k == "consider-unreachable"),
        "{kinds:?}"
    );
}
