//! `caseload careplan …` run as a separate process: the ids that `add` prints for
//! scripts, the plan as shown, the exit codes of refused input and refused moves, and
//! the kept versions.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::cli_run::{fails_with_one_line, ok, stderr};
use crate::harness::{PASSPHRASE, data_dir, today};

fn caseload(dir: &Path, args: &[&str]) -> Output {
    crate::cli_run::caseload(dir, PASSPHRASE, args)
}

/// `add` prints the new id alone on stdout.
fn id_of(out: Output) -> String {
    let text = ok(out);
    let id = text.trim();
    assert_eq!(id.lines().count(), 1, "{text}");
    assert_eq!(id.len(), 36, "a UUID: {text}");
    id.to_owned()
}

fn with_patient(dir: &Path) {
    ok(caseload(dir, &["init"]));
    ok(caseload(
        dir,
        &[
            "patients",
            "add",
            "--mrn",
            "CP-1",
            "--first",
            "José",
            "--last",
            "Nuñez",
            "--dob",
            "1956-03-14",
        ],
    ));
}

#[test]
fn cli_careplan_builds_a_plan_a_script_can_follow() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    with_patient(&dir);
    let today = today().to_string();
    let concern = caseload(
        &dir,
        &[
            "careplan",
            "concern",
            "add",
            "--mrn",
            "CP-1",
            "--text",
            "Runs out of food",
            "--sdoh",
            "food-insecurity",
        ],
    );
    assert!(
        stderr(&concern).contains("Social concern added"),
        "{}",
        stderr(&concern)
    );
    id_of(concern);
    let goal = id_of(caseload(
        &dir,
        &[
            "careplan",
            "goal",
            "add",
            "--mrn",
            "CP-1",
            "--text",
            "Caminar a la iglesia sin pararme",
            "--measure",
            "phq9",
            "--target",
            "<5",
            "--due",
            "2027-03-01",
            "--by",
            "patient",
        ],
    ));
    let action = id_of(caseload(
        &dir,
        &[
            "careplan",
            "action",
            "add",
            "--mrn",
            "CP-1",
            "--goal",
            &goal,
            "--owner",
            "coordinator",
            "--text",
            "Call about the food bank",
            "--due",
            &today,
        ],
    ));
    id_of(caseload(
        &dir,
        &[
            "careplan",
            "team",
            "add",
            "--mrn",
            "CP-1",
            "--name",
            "Dr. Ana Ruiz",
            "--role",
            "pcp",
            "--phone",
            "555-0101",
        ],
    ));

    let shown = ok(caseload(&dir, &["careplan", "show", "--mrn", "CP-1"]));
    assert!(
        shown.contains("“Caminar a la iglesia sin pararme” — Active"),
        "{shown}"
    );
    assert!(
        shown.contains("target PHQ-9 < 5: no value on record"),
        "{shown}"
    );
    assert!(
        shown.contains("Call about the food bank (Care coordinator, due"),
        "{shown}"
    );
    assert!(shown.contains("— due today"), "{shown}");
    assert!(shown.contains("Dr. Ana Ruiz — PCP, 555-0101"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&ok(caseload(
        &dir,
        &["careplan", "show", "--mrn", "CP-1", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(json["goals"][0]["id"], goal.as_str());
    assert_eq!(json["goals"][0]["lifecycle"]["value"], "active");
    assert_eq!(json["concerns"][0]["sdoh"]["label"], "Food insecurity");

    let worklist = ok(caseload(&dir, &["worklist", "--format", "csv"]));
    assert!(
        worklist.contains("care-plan-action") && worklist.contains("Call about the food bank"),
        "{worklist}"
    );
    ok(caseload(
        &dir,
        &[
            "careplan",
            "action",
            "set",
            &action,
            "--status",
            "completed",
        ],
    ));
    let worklist = ok(caseload(&dir, &["worklist", "--format", "csv"]));
    assert!(!worklist.contains("Call about the food bank"), "{worklist}");

    let history = ok(caseload(&dir, &["careplan", "history", "--mrn", "CP-1"]));
    let first = history.lines().next().unwrap();
    assert!(
        first.trim_start().starts_with('5') && first.ends_with("Action completed"),
        "{history}"
    );
    let v2: serde_json::Value = serde_json::from_str(&ok(caseload(
        &dir,
        &["careplan", "show", "--mrn", "CP-1", "--version", "2"],
    )))
    .unwrap();
    assert_eq!(v2["change"], "Goal added");
    assert_eq!(
        v2["plan"]["goals"][0]["actions"].as_array().unwrap().len(),
        0,
        "as it stood then"
    );
}

#[test]
fn cli_careplan_refusals_exit_with_their_codes_and_save_nothing() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    with_patient(&dir);
    let bad_target = caseload(
        &dir,
        &[
            "careplan",
            "goal",
            "add",
            "--mrn",
            "CP-1",
            "--text",
            "Sleep",
            "--measure",
            "phq9",
            "--target",
            "5",
        ],
    );
    assert_eq!(bad_target.status.code(), Some(3));
    let line = fails_with_one_line(&bad_target);
    assert!(
        line.contains("\"<5\"") && line.ends_with("Nothing was saved."),
        "{line}"
    );
    assert_eq!(
        caseload(
            &dir,
            &["careplan", "goal", "add", "--mrn", "NOPE", "--text", "x"]
        )
        .status
        .code(),
        Some(4)
    );

    let goal = id_of(caseload(
        &dir,
        &[
            "careplan",
            "goal",
            "add",
            "--mrn",
            "CP-1",
            "--text",
            "Sleep better",
        ],
    ));
    let cancelled = caseload(
        &dir,
        &["careplan", "goal", "set", &goal, "--status", "cancelled"],
    );
    ok(cancelled);
    let again = caseload(
        &dir,
        &["careplan", "goal", "set", &goal, "--status", "active"],
    );
    assert_eq!(
        again.status.code(),
        Some(6),
        "a cancelled goal stays cancelled"
    );
    assert!(fails_with_one_line(&again).contains("add a new goal instead"));
    let closed = caseload(
        &dir,
        &[
            "careplan", "action", "add", "--mrn", "CP-1", "--goal", &goal, "--owner", "pcp",
            "--text", "Labs",
        ],
    );
    assert_eq!(closed.status.code(), Some(3));

    // A goal of another patient cannot take this patient's action.
    ok(caseload(
        &dir,
        &[
            "patients",
            "add",
            "--mrn",
            "CP-2",
            "--first",
            "Ana",
            "--last",
            "Reyes",
            "--dob",
            "1960-01-01",
        ],
    ));
    let other = id_of(caseload(
        &dir,
        &[
            "careplan", "goal", "add", "--mrn", "CP-2", "--text", "Garden",
        ],
    ));
    let wrong = caseload(
        &dir,
        &[
            "careplan", "action", "add", "--mrn", "CP-1", "--goal", &other, "--owner", "pcp",
            "--text", "Labs",
        ],
    );
    assert_eq!(wrong.status.code(), Some(3));
    assert!(fails_with_one_line(&wrong).contains("not on the plan of CP-1"));
    let shown = ok(caseload(&dir, &["careplan", "show", "--mrn", "CP-2"]));
    assert!(!shown.contains("Labs"), "{shown}");

    let removed = caseload(
        &dir,
        &[
            "careplan",
            "remove",
            "goal",
            &other,
            "--reason",
            "Wrong patient",
        ],
    );
    assert!(ok(removed).contains("Goal removed"));
    assert_eq!(
        ok(caseload(&dir, &["careplan", "show", "--mrn", "CP-2"])).trim(),
        "No care plan recorded yet."
    );
}
