//! The `caseload` command-line tool, run as a separate process.

use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

use crate::cli_run::{caseload, fails_with_one_line, ok, stderr, stdout};
use crate::harness::{PASSPHRASE, data_dir};

/// A temporary folder with an initialised store at its data folder.
fn initialised() -> (TempDir, std::path::PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let out = ok(caseload(&dir, PASSPHRASE, &["init"]));
    assert!(out.contains("Created an encrypted caseload store"), "{out}");
    (tmp, dir)
}

fn add_patient(dir: &Path, mrn: &str, first: &str, last: &str, dob: &str) -> String {
    ok(caseload(
        dir,
        PASSPHRASE,
        &[
            "patients", "add", "--mrn", mrn, "--first", first, "--last", last, "--dob", dob,
        ],
    ))
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn init_creates_a_store_and_a_second_init_is_refused() {
    let (_tmp, dir) = initialised();
    assert!(dir.join("caseload.db").is_file());
    let before = std::fs::read(dir.join("caseload.db")).unwrap();

    let again = caseload(&dir, "velvet harbor quantum 97 sparrow", &["init"]);
    let line = fails_with_one_line(&again);
    assert!(line.contains("already exists"), "{line}");
    assert_eq!(
        std::fs::read(dir.join("caseload.db")).unwrap(),
        before,
        "init touched the existing store"
    );
}

#[test]
fn init_refuses_a_weak_passphrase() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let line = fails_with_one_line(&caseload(&dir, "password123456", &["init"]));
    assert!(line.contains("stronger passphrase"), "{line}");
    assert!(!dir.join("caseload.db").exists());
}

#[test]
fn added_patient_is_listed_as_csv_and_json() {
    let (_tmp, dir) = initialised();
    let out = add_patient(&dir, "MRN-7", "José", "Nuñez", "1956-03-14");
    assert!(out.contains("Nuñez, José (MRN MRN-7)"), "{out}");
    add_patient(&dir, "MRN-8", "Ana", "Lee", "03/01/1980");

    let csv = ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--format", "csv"],
    ));
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("mrn,last_name,first_name"), "{header}");
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][..4],
        ["MRN-8", "Lee", "Ana", "1980-03-01"],
        "name order: Lee before Nuñez"
    );
    assert_eq!(rows[1][..4], ["MRN-7", "Nuñez", "José", "1956-03-14"]);

    let json = ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "list",
            "--format",
            "json",
            "--search",
            "jose nunez",
        ],
    ));
    let page: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["mrn"], "MRN-7");
    assert_eq!(page["rows"][0]["last_name"], "Nuñez");
    assert_eq!(page["rows"][0]["episodes"], serde_json::json!([]));
}

#[test]
fn enroll_starts_an_episode_shown_in_list_and_show() {
    let (_tmp, dir) = initialised();
    add_patient(&dir, "MRN-7", "José", "Nuñez", "1956-03-14");
    let out = ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "enroll",
            "--mrn",
            "MRN-7",
            "--program",
            "compass",
            "--status",
            "active",
            "--date",
            "2026-01-05",
        ],
    ));
    assert!(out.contains("MRN-7") && out.contains("Active"), "{out}");

    let csv = ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "list",
            "--format",
            "csv",
            "--status",
            "active",
            "--program",
            "compass",
        ],
    ));
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][5], "compass:active");

    let show = ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "show", "--mrn", "MRN-7"],
    ));
    assert!(show.contains("active 2026-01-05"), "{show}");

    // A second open episode in the same program is refused, with a message.
    let line = fails_with_one_line(&caseload(
        &dir,
        PASSPHRASE,
        &[
            "enroll",
            "--mrn",
            "MRN-7",
            "--program",
            "compass",
            "--date",
            "2026-02-01",
        ],
    ));
    assert!(line.contains("already has an open"), "{line}");
}

#[test]
fn bad_date_of_birth_fails_naming_the_date_of_birth() {
    let (_tmp, dir) = initialised();
    let out = caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "add",
            "--mrn",
            "MRN-9",
            "--first",
            "Bo",
            "--last",
            "Kim",
            "--dob",
            "1956-14-03",
        ],
    );
    let line = fails_with_one_line(&out);
    assert!(line.contains("Date of birth"), "{line}");
    let csv = ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--format", "csv"],
    ));
    assert!(
        csv_rows(&csv).is_empty(),
        "the refused patient was saved: {csv}"
    );
}

#[test]
fn wrong_passphrase_fails_with_one_plain_line() {
    let (_tmp, dir) = initialised();
    let out = caseload(&dir, "orchid tractor lantern 43", &["patients", "list"]);
    let line = fails_with_one_line(&out);
    assert!(line.contains("passphrase"), "{line}");
    assert!(!line.to_lowercase().contains("sqlcipher"), "{line}");
    assert!(!line.contains("ERROR CORE"), "{line}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn missing_store_fails_with_a_message_and_creates_nothing() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let line = fails_with_one_line(&caseload(&dir, PASSPHRASE, &["patients", "list"]));
    assert!(line.contains("no caseload store"), "{line}");
    assert!(line.contains("caseload init"), "{line}");
    assert!(!dir.join("caseload.db").exists());
}

#[test]
fn csv_cells_that_look_like_formulas_are_prefixed_with_an_apostrophe() {
    let (_tmp, dir) = initialised();
    add_patient(&dir, "MRN-1", "+SUM(A1)", "=cmd", "1970-01-01");
    let csv = ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--format", "csv"],
    ));
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1], "'=cmd");
    assert_eq!(rows[0][2], "'+SUM(A1)");
    assert_eq!(rows[0][0], "MRN-1", "plain cells are untouched");

    // JSON is data, not a spreadsheet: values stay exact.
    let json = ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--format", "json"],
    ));
    let page: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(page["rows"][0]["last_name"], "=cmd");
}

#[test]
fn list_pages_with_offset_and_says_how_to_get_the_next_page() {
    let (_tmp, dir) = initialised();
    for n in 0..7 {
        add_patient(
            &dir,
            &format!("P-{n}"),
            "Ana",
            &format!("Lopez{n}"),
            "1970-01-01",
        );
    }
    let out = caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--limit", "3", "--offset", "3"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Lopez3") && text.contains("Lopez5"), "{text}");
    assert!(
        !text.contains("Lopez2") && !text.contains("Lopez6"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("rows 4–6 of 7; next page: --offset 6"),
        "{}",
        stderr(&out)
    );
    let last = caseload(
        &dir,
        PASSPHRASE,
        &["patients", "list", "--limit", "3", "--offset", "6"],
    );
    assert!(stdout(&last).contains("Lopez6"));
    assert!(
        stderr(&last).is_empty(),
        "no hint on the last page: {}",
        stderr(&last)
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_and_successfully() {
    let (_tmp, dir) = initialised();
    add_patient(&dir, "P-1", "Ana", "Lopez", "1970-01-01");
    for args in [
        &["programs"][..],
        &["patients", "list", "--format", "json"][..],
        &["patients", "list", "--format", "csv"][..],
        &["patients", "list"][..],
    ] {
        // `caseload … | head` where head has already gone: every write gets EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
            .args(args)
            .env("CASELOAD_DATA_DIR", &dir)
            .env("CASELOAD_PASSPHRASE", PASSPHRASE)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
}
