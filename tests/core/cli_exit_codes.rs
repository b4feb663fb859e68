//! The CLI's exit codes keep the core's error codes (README, "Exit codes").

use tempfile::TempDir;

use crate::cli_run::{caseload, fails_with_one_line, ok};
use crate::harness::{PASSPHRASE, data_dir};

#[track_caller]
fn exit_code(out: &std::process::Output) -> i32 {
    fails_with_one_line(out);
    out.status.code().unwrap_or(-1)
}

#[test]
fn each_kind_of_failure_ends_with_its_own_exit_code() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);

    // No store yet.
    assert_eq!(exit_code(&caseload(&dir, PASSPHRASE, &["programs"])), 8);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    // A second init leaves the store alone.
    assert_eq!(exit_code(&caseload(&dir, PASSPHRASE, &["init"])), 9);
    // Wrong passphrase.
    assert_eq!(
        exit_code(&caseload(&dir, "not the passphrase at all", &["programs"])),
        7
    );
    // Invalid input: a date of birth in the future.
    let add = |mrn: &str, dob: &str| {
        caseload(
            &dir,
            PASSPHRASE,
            &[
                "patients", "add", "--mrn", mrn, "--first", "Ana", "--last", "Ruiz", "--dob", dob,
            ],
        )
    };
    assert_eq!(exit_code(&add("EX-1", "2999-01-01")), 3);
    ok(add("EX-1", "1970-01-01"));
    // Not found: an MRN nobody has, and a patient with no open episode.
    assert_eq!(
        exit_code(&caseload(
            &dir,
            PASSPHRASE,
            &["patients", "show", "--mrn", "NOPE"]
        )),
        4
    );
    let transition = |to: &str| {
        caseload(
            &dir,
            PASSPHRASE,
            &[
                "transition",
                "--mrn",
                "EX-1",
                "--program",
                "compass",
                "--to",
                to,
            ],
        )
    };
    assert_eq!(exit_code(&transition("active")), 4);
    // Conflict: a second open episode in one program.
    let enroll = || {
        caseload(
            &dir,
            PASSPHRASE,
            &[
                "enroll",
                "--mrn",
                "EX-1",
                "--program",
                "compass",
                "--status",
                "referred",
            ],
        )
    };
    ok(enroll());
    assert_eq!(exit_code(&enroll()), 5);
    // A lifecycle move that does not exist.
    assert_eq!(exit_code(&transition("graduated")), 6);
    // A command line that cannot be carried out as typed.
    assert_eq!(
        exit_code(&caseload(
            &dir,
            PASSPHRASE,
            &["measures", "add", "--mrn", "EX-1", "--bp", "150"]
        )),
        2
    );
    // A value out of range in measures: invalid input, and nothing saved.
    assert_eq!(
        exit_code(&caseload(
            &dir,
            PASSPHRASE,
            &["measures", "add", "--mrn", "EX-1", "--a1c", "30"]
        )),
        3
    );
}
