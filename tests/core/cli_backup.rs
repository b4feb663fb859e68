//! `caseload backup`, `caseload backups list` and `caseload restore FILE`: what they
//! print, their exit codes, and `restore` refusing to go ahead unconfirmed.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::cli_run::{caseload, fails_with_one_line, ok, stderr, stdout};
use crate::harness::{OTHER_PASSPHRASE, PASSPHRASE, data_dir};

fn add_patient(dir: &Path, mrn: &str) {
    ok(caseload(
        dir,
        PASSPHRASE,
        &[
            "patients",
            "add",
            "--mrn",
            mrn,
            "--first",
            "Ana",
            "--last",
            "Ruiz",
            "--dob",
            "1970-01-01",
        ],
    ));
}

/// A store with patient CB-1, backed up by the CLI into `backups` beside it, then a
/// second patient CB-2 added. Returns the data folder and the backup file.
fn store_backed_up_then_changed(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let dir = data_dir(tmp);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    add_patient(&dir, "CB-1");
    let out = ok(caseload(&dir, PASSPHRASE, &["backup"]));
    let first = out.lines().next().unwrap();
    let path = PathBuf::from(first.strip_prefix("Backed up to ").unwrap());
    add_patient(&dir, "CB-2");
    (dir, path)
}

fn listed_mrns(dir: &Path) -> Vec<String> {
    let out = ok(caseload(
        dir,
        PASSPHRASE,
        &["patients", "list", "--format", "json"],
    ));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut mrns: Vec<String> = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["mrn"].as_str().unwrap().to_owned())
        .collect();
    mrns.sort();
    mrns
}

#[test]
fn backup_prints_the_file_its_size_verification_and_rotation() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    add_patient(&dir, "CB-1");

    let out = ok(caseload(&dir, PASSPHRASE, &["backup"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let path = PathBuf::from(lines[0].strip_prefix("Backed up to ").unwrap());
    assert_eq!(path.parent().unwrap(), dir.join("backups"));
    assert!(path.is_file());
    assert!(
        lines[1].starts_with("size       ") && lines[1].ends_with(" KB"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("verified   yes: integrity ok; 1 patient, "),
        "{out}"
    );
    assert_eq!(lines[3], "rotation   removed 0 older backups");

    // Into a folder named on the command line.
    let elsewhere = tmp.path().join("usb");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = ok(caseload(
        &dir,
        PASSPHRASE,
        &["backup", "--to", elsewhere.to_str().unwrap()],
    ));
    assert!(
        out.starts_with(&format!(
            "Backed up to {}/caseload-backup-",
            elsewhere.display()
        )),
        "{out}"
    );
}

#[test]
fn a_backup_into_a_missing_folder_exits_3_with_one_line_naming_it() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    let missing = tmp.path().join("unplugged");
    let out = caseload(
        &dir,
        PASSPHRASE,
        &["backup", "--to", missing.to_str().unwrap()],
    );
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(3), "{line}");
    assert!(line.starts_with("caseload: No backup was made."), "{line}");
    assert!(line.contains(&missing.display().to_string()), "{line}");
    assert!(line.contains("does not exist"), "{line}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn backups_list_shows_name_taken_size_and_the_last_good_backup() {
    let tmp = TempDir::new().unwrap();
    let (dir, path) = store_backed_up_then_changed(&tmp);
    let name = path.file_name().unwrap().to_str().unwrap();

    let out = ok(caseload(&dir, PASSPHRASE, &["backups", "list"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("Backups in {}:", dir.join("backups").display())
    );
    assert!(
        lines[1].starts_with("name") && lines[1].contains("taken"),
        "{out}"
    );
    assert!(lines[1].trim_end().ends_with("size"), "{out}");
    assert!(lines[2].starts_with(name), "{out}");
    assert!(
        lines[3].starts_with(&format!(
            "Last good backup: {name} in {}, less than an hour ago (",
            dir.join("backups").display()
        )),
        "{out}"
    );

    let out = ok(caseload(
        &dir,
        PASSPHRASE,
        &["backups", "list", "--format", "json"],
    ));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["backups"].as_array().unwrap().len(), 1);
    assert_eq!(json["backups"][0]["name"], name);
    assert!(json["backups"][0]["size"].as_u64().unwrap() > 0);
    assert!(json["backups"][0]["taken_at"].as_str().is_some());
    assert_eq!(json["last_good"]["file"], name);
    assert_eq!(json["last_good"]["counts"]["patients"], 1);

    // Another folder, by either name.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for flag in ["--to", "--folder"] {
        let out = ok(caseload(
            &dir,
            PASSPHRASE,
            &["backups", "list", flag, empty.to_str().unwrap()],
        ));
        assert!(
            out.starts_with(&format!("No backups in {} yet.", empty.display())),
            "{out}"
        );
    }
}

#[test]
fn backups_list_still_lists_when_the_store_does_not_open() {
    let tmp = TempDir::new().unwrap();
    let (dir, path) = store_backed_up_then_changed(&tmp);
    // The store damaged (a page overwritten), the very case backups are for.
    let store_file = caseload::store::store_file(&dir);
    std::fs::write(&store_file, vec![0u8; 8192]).unwrap();
    let out = caseload(&dir, PASSPHRASE, &["backups", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(
        listed.contains(path.file_name().unwrap().to_str().unwrap()),
        "{listed}"
    );
    assert!(
        listed.contains("Last good backup: unknown (the caseload store was not opened)"),
        "{listed}"
    );
    assert!(stderr(&out).contains("without the last good backup"));
}

#[test]
fn restore_without_yes_and_without_a_terminal_refuses_and_changes_nothing() {
    let tmp = TempDir::new().unwrap();
    let (dir, path) = store_backed_up_then_changed(&tmp);
    let store_file = caseload::store::store_file(&dir);
    let before = std::fs::read(&store_file).unwrap();

    let out = caseload(&dir, PASSPHRASE, &["restore", path.to_str().unwrap()]);
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(2), "{line}");
    assert!(line.contains("no terminal to confirm on"), "{line}");
    assert!(line.contains("--yes"), "{line}");
    // What would have been restored was shown first.
    let shown = stdout(&out);
    assert!(shown.contains("holds      1 patient, "), "{shown}");
    assert!(shown.contains("integrity  ok"), "{shown}");
    assert_eq!(std::fs::read(&store_file).unwrap(), before);
    assert_eq!(listed_mrns(&dir), vec!["CB-1", "CB-2"]);
}

#[test]
fn restore_with_yes_brings_the_backup_back_and_says_where_the_store_was_kept() {
    let tmp = TempDir::new().unwrap();
    let (dir, path) = store_backed_up_then_changed(&tmp);

    let out = ok(caseload(
        &dir,
        PASSPHRASE,
        &["restore", path.to_str().unwrap(), "--yes"],
    ));
    assert!(
        out.contains(&format!("Backup     {}", path.display())),
        "{out}"
    );
    assert!(out.contains("taken      "), "{out}");
    let kept = out
        .lines()
        .find_map(|l| l.strip_prefix("The store that was there is kept as "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        kept.starts_with(&format!("{}/caseload.db.before-restore-", dir.display())),
        "{kept}"
    );
    assert!(Path::new(kept).is_file());
    assert_eq!(listed_mrns(&dir), vec!["CB-1"]);

    // A wrong passphrase is a wrong passphrase (exit 7), and nothing changes.
    let before = std::fs::read(caseload::store::store_file(&dir)).unwrap();
    let out = caseload(
        &dir,
        OTHER_PASSPHRASE,
        &["restore", path.to_str().unwrap(), "--yes"],
    );
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(7), "{line}");
    assert!(line.contains("does not open"), "{line}");
    assert_eq!(
        std::fs::read(caseload::store::store_file(&dir)).unwrap(),
        before
    );
    // A file that is not a backup at all.
    let junk = tmp.path().join("junk.db");
    std::fs::write(&junk, b"not a backup").unwrap();
    let out = caseload(
        &dir,
        PASSPHRASE,
        &["restore", junk.to_str().unwrap(), "--yes"],
    );
    let line = fails_with_one_line(&out);
    assert_eq!(out.status.code(), Some(3), "{line}");
    assert!(line.contains("is not a Caseload backup"), "{line}");
}
