//! The CLI against a store file that is not what it should be: one line on stderr that
//! says what is wrong (never SQLite's or SQLCipher's own words or log lines), its own
//! exit code, and the file left byte for byte as it was.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::cli_run::{caseload, fails_with_one_line, ok, stderr, stdout};
use crate::harness::PASSPHRASE;
use crate::store_damage::{
    closed_store_with_patients, cut, damage_a_page, folder_with_store_file, plain_sqlite_bytes,
    random_bytes,
};

const WRONG: &str = "orchid tractor lantern 43";

/// Runs `patients list` and checks what every refusal here shares: it failed with
/// `exit`, said one line and nothing of SQLCipher's logging, and left `file` as it was.
#[track_caller]
fn refused(dir: &Path, file: &Path, passphrase: &str, exit: i32) -> String {
    let before = std::fs::read(file).unwrap();
    let out = caseload(dir, passphrase, &["patients", "list"]);
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(exit), "{line}");
    assert_no_sqlcipher_log(&out);
    assert!(
        stdout(&out).is_empty(),
        "an empty caseload was listed: {}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read(file).unwrap(),
        before,
        "the store file changed"
    );
    for leftover in ["caseload.db-wal", "caseload.db-journal"] {
        let path = dir.join(leftover);
        assert!(
            !path.exists() || std::fs::metadata(&path).unwrap().len() == 0,
            "{leftover} was written"
        );
    }
    line
}

#[track_caller]
fn assert_no_sqlcipher_log(out: &Output) {
    let err = stderr(out);
    for words in [
        "sqlcipher",
        "hmac",
        "CORE",
        "ERROR",
        "malformed",
        "not a database",
    ] {
        assert!(!err.contains(words), "{words:?} reached stderr: {err}");
    }
}

#[track_caller]
fn assert_restore_hint(line: &str) {
    assert!(line.contains("estore the latest backup"), "{line}");
    assert!(
        line.contains("`caseload backups list` and `caseload restore FILE`"),
        "{line}"
    );
}

#[test]
fn an_empty_store_file_is_refused_not_listed_as_an_empty_caseload() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = folder_with_store_file(&tmp, b"");
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(
        line.starts_with(&format!(
            "caseload: The caseload store {} is empty (0 bytes) — it was probably damaged by a \
             failed copy or a full disk. Nothing was changed.",
            file.display()
        )),
        "{line}"
    );
    assert_restore_hint(&line);

    // A write is refused alike, and does not turn the file into a fresh store.
    let out = caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "add",
            "--mrn",
            "E-1",
            "--first",
            "Ana",
            "--last",
            "Ruiz",
            "--dob",
            "1970-01-01",
        ],
    );
    fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(13));
    assert_eq!(std::fs::read(&file).unwrap(), b"");
    // `init` does not replace it either.
    let out = caseload(&dir, PASSPHRASE, &["init"]);
    fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(9));
    assert_eq!(std::fs::read(&file).unwrap(), b"");
}

#[test]
fn a_plain_sqlite_file_is_not_reported_as_a_wrong_passphrase() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = folder_with_store_file(&tmp, &plain_sqlite_bytes());
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(
        line.contains(
            "is a plain SQLite database, not a Caseload store (Caseload stores are encrypted)"
        ),
        "{line}"
    );
    assert!(!line.contains("passphrase"), "{line}");
}

#[test]
fn random_bytes_are_damaged_and_whole_pages_of_them_say_so_with_the_passphrase() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = folder_with_store_file(&tmp, &random_bytes(10_000));
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(line.contains("damaged (truncated: 10,000 bytes"), "{line}");
    assert_restore_hint(&line);

    let tmp = TempDir::new().unwrap();
    let (dir, file) = folder_with_store_file(&tmp, &random_bytes(3 * 4096));
    let line = refused(&dir, &file, PASSPHRASE, 7);
    assert!(
        line.contains("That passphrase does not open this caseload store. Check it and try again; if you are sure it is right, the file may be damaged — restore the latest backup"),
        "{line}"
    );
}

#[test]
fn a_store_cut_short_is_damaged() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = closed_store_with_patients(&tmp);
    let len = std::fs::metadata(&file).unwrap().len();

    cut(&file, len / 2 / 4096 * 4096);
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(line.contains("damaged"), "{line}");
    assert_restore_hint(&line);

    cut(&file, len / 2 / 4096 * 4096 - 123);
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(line.contains("damaged (truncated"), "{line}");
    assert_restore_hint(&line);
}

#[test]
fn a_damaged_page_in_the_middle_says_damaged_and_restore() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = closed_store_with_patients(&tmp);
    damage_a_page(&file);
    let line = refused(&dir, &file, PASSPHRASE, 13);
    assert!(line.contains("damaged"), "{line}");
    assert_restore_hint(&line);
}

#[test]
fn a_wrong_passphrase_prints_one_line_and_nothing_of_sqlciphers_logging() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = closed_store_with_patients(&tmp);
    let line = refused(&dir, &file, WRONG, 7);
    assert!(
        line.contains("That passphrase does not open this caseload store"),
        "{line}"
    );
    // The right one still opens it.
    let listed = ok(caseload(&dir, PASSPHRASE, &["patients", "list"]));
    assert!(listed.contains("Damage0"), "{listed}");
}

#[test]
fn the_cli_waits_out_the_delay_after_five_wrong_passphrases_and_then_gets_in() {
    let tmp = TempDir::new().unwrap();
    let (dir, _) = closed_store_with_patients(&tmp);
    for _ in 0..5 {
        let out = caseload(&dir, WRONG, &["patients", "list"]);
        fails_with_one_line(&out);
        assert_eq!(out.status.code(), Some(7));
    }
    let started = std::time::Instant::now();
    let out = caseload(&dir, PASSPHRASE, &["patients", "list"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("Waiting 2 s after several wrong passphrases…")
            || err.contains("Waiting 1 s after several wrong passphrases…"),
        "{err}"
    );
    assert!(started.elapsed() >= std::time::Duration::from_millis(900));
    assert!(stdout(&out).contains("Damage0"));
    // The count was reset: the next command does not wait.
    let out = caseload(&dir, PASSPHRASE, &["patients", "list"]);
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

fn permissions_are_ignored(tmp: &TempDir) -> bool {
    let probe = tmp.path().join("permission-probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o500)).unwrap();
    let ignored = std::fs::write(probe.join("x"), b"x").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o700)).unwrap();
    ignored
}

#[test]
fn a_store_out_of_reach_exits_15_with_what_permission_is_missing() {
    let tmp = TempDir::new().unwrap();
    if permissions_are_ignored(&tmp) {
        eprintln!(
            "skipped: this test runs as a user who ignores file permissions (root); \
             the classification is unit-tested in store::problem"
        );
        return;
    }
    let (dir, file) = closed_store_with_patients(&tmp);
    let chmod = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let run = || caseload(&dir, PASSPHRASE, &["patients", "list"]);

    chmod(&dir, 0o000);
    let out = run();
    chmod(&dir, 0o700);
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(15), "{line}");
    assert!(line.contains("Caseload cannot read the folder"), "{line}");
    assert!(line.contains("(permission denied)"), "{line}");

    chmod(&dir, 0o500);
    let out = run();
    chmod(&dir, 0o700);
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(15), "{line}");
    assert!(line.contains("read-only"), "{line}");
    assert!(!line.contains("readonly database"), "{line}");

    chmod(&file, 0o400);
    let out = run();
    chmod(&file, 0o600);
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(15), "{line}");
    assert!(line.contains("is read-only for you"), "{line}");

    ok(run());
}
