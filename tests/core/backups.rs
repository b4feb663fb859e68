//! Backups: encrypted, owner-only, verified, rotated, restorable while the current
//! store is kept aside; refused with a reason (and recorded) when they cannot be made.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use caseload::backup::{self, BackupMade, Counts};
use caseload::{ErrorCode, Store};
use jiff::{SignedDuration, Timestamp};
use tempfile::TempDir;

use crate::harness::{
    OTHER_PASSPHRASE, PASSPHRASE, TestStore, add, contains, count, data_dir, err, fields_of,
    files_in,
};

const NAME: &str = "Zebulon";
const SURNAME: &str = "Quarterfield";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A folder of its own beside the store's, for backups.
fn backup_folder(tmp: &TempDir) -> PathBuf {
    let folder = tmp.path().join("backups-here");
    std::fs::create_dir(&folder).unwrap();
    folder
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The audit entries of `action`, as (field, value) lists, oldest first.
fn events(store: &Store, action: &str) -> Vec<Vec<(String, String)>> {
    let mut stmt = store
        .sql_for_tests()
        .prepare("SELECT changes FROM audit_log WHERE action = ?1 ORDER BY seq")
        .unwrap();
    stmt.query_map([action], |row| row.get::<_, String>(0))
        .unwrap()
        .map(|changes| {
            let changes: Vec<caseload::audit::FieldChange> =
                serde_json::from_str(&changes.unwrap()).unwrap();
            changes
                .into_iter()
                .map(|c| (c.field, c.to.unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn detail<'a>(event: &'a [(String, String)], field: &str) -> &'a str {
    event
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {field} in {event:?}"))
}

fn integrity(store: &Store) -> String {
    store
        .sql_for_tests()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn a_backup_is_encrypted_owner_only_verified_and_recorded() {
    let tmp = TempDir::new().unwrap();
    let mut t = TestStore::new();
    add(&mut t.store, "B-1", NAME, SURNAME, "1961-04-02");
    add(&mut t.store, "B-2", "Ana", "Ruiz", "1970-01-01");
    let folder = backup_folder(&tmp);

    let made = backup::make(&mut t.store, Some(&folder)).unwrap();

    let path = PathBuf::from(&made.path);
    assert_eq!(path.parent().unwrap(), folder);
    assert_eq!(
        backup::name::parse(&made.file),
        Some(made.at),
        "{}",
        made.file
    );
    assert_eq!(
        names_in(&folder),
        vec![made.file.clone()],
        "no partial file left"
    );
    assert_eq!(mode(&path), 0o600);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(made.size, bytes.len() as u64);
    assert!(!bytes.starts_with(b"SQLite format 3"), "a plaintext header");
    assert!(
        !contains(&bytes, SURNAME.as_bytes()),
        "a patient's name in clear"
    );
    assert!(!contains(&bytes, b"B-1"), "an MRN in clear");
    // The name says when, never whose.
    assert!(!made.file.contains(SURNAME) && !made.file.contains("B-1"));

    assert!(made.verified);
    assert_eq!(made.counts.patients, 2);
    assert!(made.removed.is_empty());
    // Counts as read in the copy; the store has one more audit entry since: the backup's.
    assert_eq!(made.counts.audit_entries + 1, count(&t.store, "audit_log"));
    assert_eq!(made.counts.enrollments, count(&t.store, "enrollments"));

    // One audit entry and the last good backup, recorded together.
    let recorded = events(&t.store, "backup");
    assert_eq!(recorded.len(), 1);
    assert_eq!(detail(&recorded[0], "file"), made.file);
    assert_eq!(detail(&recorded[0], "folder"), folder.display().to_string());
    assert_eq!(detail(&recorded[0], "size"), made.size.to_string());
    assert_eq!(detail(&recorded[0], "verified"), "ok");
    assert!(detail(&recorded[0], "counts").starts_with("2 patients, "));
    let status = t
        .store
        .read(|r| backup::status(r, Timestamp::now()))
        .unwrap();
    let last = status.last.unwrap();
    assert_eq!(
        (last.file.as_str(), last.size),
        (made.file.as_str(), made.size)
    );
    assert_eq!(last.counts, made.counts);
    assert!(!status.due && !status.overdue);

    // What a coordinator sees before restoring it, with the store's key or the passphrase.
    let seen = backup::inspect(&t.store, &path).unwrap();
    assert!(seen.integrity_ok);
    assert_eq!(seen.counts, made.counts);
    assert_eq!(seen.taken_at, Some(made.at));
    assert_eq!(seen.size, made.size);
    let seen = backup::inspect_with_passphrase(PASSPHRASE, &path).unwrap();
    assert_eq!(seen.counts, made.counts);
    let wrong = err(backup::inspect_with_passphrase(OTHER_PASSPHRASE, &path));
    assert_eq!(
        fields_of(&wrong, ErrorCode::InvalidInput),
        vec!["passphrase"]
    );
    // Looking left nothing beside it (no -wal, -shm or -journal).
    assert_eq!(names_in(&folder), vec![made.file.clone()]);
    assert_eq!(backup::list(&folder).unwrap()[0].name, made.file);
}

#[test]
fn without_a_folder_backups_go_beside_the_store_in_a_private_folder() {
    let mut t = TestStore::new();
    add(&mut t.store, "B-1", NAME, SURNAME, "1961-04-02");
    let made = backup::make(&mut t.store, None).unwrap();
    let folder = t.dir().join("backups");
    assert_eq!(PathBuf::from(&made.folder), folder);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(backup::list(&folder).unwrap().len(), 1);
    let overview = backup::overview(&t.store, Timestamp::now()).unwrap();
    assert_eq!(PathBuf::from(&overview.folder), folder);
    assert!(!overview.folder_chosen);
    // As the window gets it (`backup_status`): the status's fields beside the folder.
    let json = serde_json::to_value(&overview).unwrap();
    assert_eq!(json["overdue"], false);
    assert_eq!(json["due"], false);
    assert_eq!(json["last"]["file"], made.file);
    assert_eq!(json["age_words"], "less than an hour ago");
    assert_eq!(json["folder"], folder.display().to_string());
}

#[test]
fn the_chosen_folder_is_a_setting_checked_when_saved() {
    let tmp = TempDir::new().unwrap();
    let mut t = TestStore::new();
    use caseload::settings::backups::{self as settings, BackupSettings};
    let missing = tmp.path().join("no-such-folder");
    let e = err(settings::set(
        &mut t.store,
        BackupSettings {
            folder: Some(missing.display().to_string()),
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), vec!["folder"]);
    assert!(e.fields()[0].message.contains("does not exist"), "{e:?}");
    let e = err(settings::set(
        &mut t.store,
        BackupSettings {
            folder: Some("relative/folder".into()),
        },
    ));
    assert!(e.fields()[0].message.contains("full path"), "{e:?}");

    let folder = backup_folder(&tmp);
    let audit_before = count(&t.store, "audit_log");
    let saved = settings::set(
        &mut t.store,
        BackupSettings {
            folder: Some(format!("  {}  ", folder.display())),
        },
    )
    .unwrap();
    assert_eq!(saved.folder, Some(folder.display().to_string()));
    assert_eq!(count(&t.store, "audit_log"), audit_before + 1, "audited");
    let made = backup::make(&mut t.store, None).unwrap();
    assert_eq!(PathBuf::from(&made.folder), folder);
    // Blank goes back to the default.
    let saved = settings::set(&mut t.store, BackupSettings { folder: None }).unwrap();
    assert_eq!(saved.folder, None);
}

#[test]
fn a_folder_that_cannot_take_a_backup_is_refused_recorded_and_changes_nothing() {
    let tmp = TempDir::new().unwrap();
    let mut t = TestStore::new();
    add(&mut t.store, "B-1", NAME, SURNAME, "1961-04-02");
    let missing = tmp.path().join("unplugged-drive");
    let a_file = tmp.path().join("a-file");
    std::fs::write(&a_file, b"x").unwrap();

    for (folder, says) in [(&missing, "does not exist"), (&a_file, "not a folder")] {
        let patients = count(&t.store, "patients");
        let e = err(backup::make(&mut t.store, Some(folder)));
        assert_eq!(fields_of(&e, ErrorCode::InvalidInput), vec!["folder"]);
        let message = e.to_string();
        assert!(message.starts_with("No backup was made."), "{message}");
        assert!(message.contains(&folder.display().to_string()), "{message}");
        assert!(message.contains(says), "{message}");
        assert!(
            message.ends_with("Nothing was changed in the caseload store."),
            "{message}"
        );
        assert_eq!(count(&t.store, "patients"), patients);
        let failures = events(&t.store, "backup_failed");
        let last = failures.last().unwrap();
        assert_eq!(detail(last, "folder"), folder.display().to_string());
        assert!(detail(last, "reason").contains(says));
    }
    assert!(!missing.exists(), "a chosen folder is never created");
    assert_eq!(events(&t.store, "backup_failed").len(), 2);
    assert!(events(&t.store, "backup").is_empty());
    let status = t
        .store
        .read(|r| backup::status(r, Timestamp::now()))
        .unwrap();
    assert!(status.last.is_none() && status.overdue);

    // A read-only folder (only where permissions hold: not for root).
    let read_only = backup_folder(&tmp);
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o500)).unwrap();
    let writable_anyway = std::fs::write(read_only.join("probe"), b"x").is_ok();
    if writable_anyway {
        eprintln!("skipped the read-only folder: this user ignores file permissions (root)");
    } else {
        let e = err(backup::make(&mut t.store, Some(&read_only)));
        assert!(e.to_string().contains("may not write"), "{e}");
        assert!(names_in(&read_only).is_empty());
    }
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn a_backup_made_while_another_handle_writes_restores_whole_and_consistent() {
    let tmp = TempDir::new().unwrap();
    let mut t = TestStore::new();
    add(&mut t.store, "B-0", NAME, SURNAME, "1961-04-02");
    let folder = backup_folder(&tmp);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let dir = t.dir();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut other = Store::open(&dir, PASSPHRASE).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let p = add(
                    &mut other,
                    &format!("W-{n}"),
                    "Wren",
                    &format!("Writer{n}"),
                    "1980-05-05",
                );
                let yesterday = crate::harness::today().yesterday().unwrap().to_string();
                crate::harness::contact(&mut other, &p.id, &yesterday, "reached");
            }
            n
        })
    };
    // Let the writer get going, then back up several times while it writes.
    while count(&t.store, "patients") < 20 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut made: Vec<(BackupMade, Counts)> = Vec::new();
    for _ in 0..3 {
        let before = count(&t.store, "patients");
        let backup = backup::make(&mut t.store, Some(&folder)).unwrap();
        let after = count(&t.store, "patients");
        assert!(
            before <= backup.counts.patients && backup.counts.patients <= after,
            "{before} <= {} <= {after}",
            backup.counts.patients
        );
        let counts = backup.counts;
        made.push((backup, counts));
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 20, "the writer wrote while the backups were made");
    let (last, counts) = made.last().unwrap();
    assert!(
        counts.patients < count(&t.store, "patients"),
        "the writer went on after the last backup"
    );

    // Restored elsewhere: sound, its audit chain whole, and every patient with exactly
    // the contact and the audit entry written in the same change.
    let elsewhere = tmp.path().join("restored");
    let restored = backup::restore(&elsewhere, PASSPHRASE, Path::new(&last.path)).unwrap();
    assert_eq!(restored.counts, *counts);
    assert!(restored.kept_aside.is_none(), "there was no store to keep");
    let store = Store::open(&elsewhere, PASSPHRASE).unwrap();
    assert_eq!(integrity(&store), "ok");
    assert!(store.read(caseload::audit::verify).unwrap().is_intact());
    assert_eq!(count(&store, "patients"), counts.patients);
    assert_eq!(count(&store, "contacts"), counts.contacts);
    // A writer's patient and its contact are two changes: the copy may fall between.
    assert!(
        (counts.patients - 2..=counts.patients - 1).contains(&counts.contacts),
        "{counts:?}"
    );
    let created: i64 = store
        .sql_for_tests()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'patient' AND action = 'create'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(created, counts.patients);
}

#[test]
fn rotation_removes_older_backups_of_ours_and_nothing_else() {
    let tmp = TempDir::new().unwrap();
    let mut t = TestStore::new();
    let folder = backup_folder(&tmp);
    // Backups at noon UTC on each of the 60 days before today, and a second one at
    // 06:00 the day before (the older of two on one day).
    let midnight = Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .start_of_day()
        .unwrap()
        .timestamp();
    let mut planted = Vec::new();
    for day in 1..=60 {
        let at = midnight - SignedDuration::from_hours(24 * day - 12);
        planted.push(backup::name::for_time(at));
    }
    planted.push(backup::name::for_time(
        midnight - SignedDuration::from_hours(24 - 6),
    ));
    for name in &planted {
        std::fs::write(folder.join(name), b"an old backup").unwrap();
    }
    let strangers = [
        "notes.txt",
        "caseload-backup-latest.db",
        "caseload-backup-2020-01-01-000000.db.bak",
    ];
    for name in strangers {
        std::fs::write(folder.join(name), b"not ours").unwrap();
    }

    let made = backup::make(&mut t.store, Some(&folder)).unwrap();

    let left = backup::list(&folder).unwrap();
    assert_eq!(left[0].name, made.file, "the new one is kept, newest first");
    for name in strangers {
        assert!(folder.join(name).exists(), "{name} was touched");
    }
    for name in &made.removed {
        assert!(!folder.join(name).exists(), "{name} is still there");
    }
    assert_eq!(left.len() + made.removed.len(), planted.len() + 1);
    // The 14 newest days keep one each (the older of the two on one day goes) …
    let day = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
    let mut days: Vec<_> = left.iter().map(|b| day(b.taken_at)).collect();
    days.dedup();
    assert_eq!(days.len(), left.len(), "one backup per day at most");
    assert!(
        made.removed.contains(&planted[60]),
        "the older of two on one day"
    );
    // … and beyond them one per ISO week, 8 weeks in all.
    let mut weeks: Vec<_> = left
        .iter()
        .map(|b| {
            let w = day(b.taken_at).iso_week_date();
            (w.year(), w.week())
        })
        .collect();
    weeks.dedup();
    assert_eq!(weeks.len(), backup::rotation::WEEKS);
    assert!(left.len() > backup::rotation::DAYS);
    assert!(left.len() < backup::rotation::DAYS + backup::rotation::WEEKS);
    // Recorded with the backup.
    let recorded = events(&t.store, "backup");
    assert_eq!(detail(&recorded[0], "rotated_out"), made.removed.join(", "));
}

/// A store with `NAME` backed up, then a second patient added after the backup; closed.
fn store_with_a_backup_and_a_later_change(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let dir = data_dir(tmp);
    let mut store = Store::create(&dir, PASSPHRASE, caseload::programs::seed_builtin).unwrap();
    add(&mut store, "B-1", NAME, SURNAME, "1961-04-02");
    let made = backup::make(&mut store, None).unwrap();
    add(&mut store, "B-2", "Later", "Added", "1990-02-02");
    drop(store);
    (dir, PathBuf::from(made.path))
}

fn mrns(store: &Store) -> Vec<String> {
    let mut stmt = store
        .sql_for_tests()
        .prepare("SELECT mrn FROM patients ORDER BY mrn")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn restore_keeps_the_current_store_aside_byte_for_byte_and_brings_the_backup_back() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = store_with_a_backup_and_a_later_change(&tmp);
    let store_file = caseload::store::store_file(&dir);
    let current = std::fs::read(&store_file).unwrap();

    let restored = backup::restore(&dir, PASSPHRASE, &file).unwrap();

    let aside = PathBuf::from(restored.kept_aside.clone().unwrap());
    assert_eq!(aside.parent().unwrap(), dir);
    assert!(
        aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("caseload.db.before-restore-"),
        "{aside:?}"
    );
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        current,
        "kept aside as it was"
    );
    assert_eq!(mode(&aside), 0o600);
    assert_eq!(mode(&store_file), 0o600);
    assert_eq!(restored.counts.patients, 1);
    assert!(restored.taken_at.is_some());
    let leftovers: Vec<_> = names_in(&dir)
        .into_iter()
        .filter(|n| n.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The backup's data is back, and the restore is in its audit trail.
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(mrns(&store), vec!["B-1"]);
    assert_eq!(integrity(&store), "ok");
    let restores = events(&store, "restore");
    assert_eq!(restores.len(), 1);
    assert_eq!(detail(&restores[0], "from"), file.display().to_string());
    assert_eq!(
        detail(&restores[0], "kept_aside"),
        aside.file_name().unwrap().to_string_lossy()
    );
    assert!(store.read(caseload::audit::verify).unwrap().is_intact());
    drop(store);

    // The store kept aside still opens, with the later change.
    let other = tmp.path().join("aside");
    std::fs::create_dir(&other).unwrap();
    std::fs::copy(&aside, caseload::store::store_file(&other)).unwrap();
    let kept = Store::open(&other, PASSPHRASE).unwrap();
    assert_eq!(mrns(&kept), vec!["B-1", "B-2"]);
}

#[test]
fn a_failure_just_before_the_rename_leaves_the_current_store_in_place() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = store_with_a_backup_and_a_later_change(&tmp);
    let store_file = caseload::store::store_file(&dir);
    let current = std::fs::read(&store_file).unwrap();

    let e = err(backup::restore_failing_before_rename(
        &dir, PASSPHRASE, &file,
    ));
    assert_eq!(e.code(), ErrorCode::Storage);

    assert_eq!(std::fs::read(&store_file).unwrap(), current);
    assert!(
        !names_in(&dir).iter().any(|n| n.contains("restoring")),
        "the copy is removed"
    );
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(mrns(&store), vec!["B-1", "B-2"]);
    assert!(events(&store, "restore").is_empty());
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_nothing_changes() {
    let tmp = TempDir::new().unwrap();
    let (dir, good) = store_with_a_backup_and_a_later_change(&tmp);
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();

    // Someone else's caseload, under another passphrase.
    let foreign_dir = tmp.path().join("foreign");
    let mut foreign = Store::create(
        &foreign_dir,
        OTHER_PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    let foreign_backup = PathBuf::from(backup::make(&mut foreign, None).unwrap().path);
    drop(foreign);
    // The good backup with a page in the middle overwritten.
    let mut damaged_bytes = std::fs::read(&good).unwrap();
    assert!(damaged_bytes.len() > 3 * 4096);
    let page = (damaged_bytes.len() / 4096 / 2) * 4096;
    for b in &mut damaged_bytes[page + 100..page + 400] {
        *b ^= 0x5a;
    }
    let damaged = bad.join("damaged.db");
    std::fs::write(&damaged, &damaged_bytes).unwrap();
    let random = bad.join("random.db");
    std::fs::write(&random, crate::store_damage::random_bytes(8 * 4096)).unwrap();
    let plain = bad.join("plain.db");
    std::fs::write(&plain, crate::store_damage::plain_sqlite_bytes()).unwrap();
    let empty = bad.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let missing = bad.join("missing.db");
    let store_itself = caseload::store::store_file(&dir);

    let before = files_in(&dir);
    for (file, passphrase) in [
        (&foreign_backup, PASSPHRASE),
        (&good, OTHER_PASSPHRASE),
        (&damaged, PASSPHRASE),
        (&random, PASSPHRASE),
        (&plain, PASSPHRASE),
        (&empty, PASSPHRASE),
        (&missing, PASSPHRASE),
        (&store_itself, PASSPHRASE),
    ] {
        let e = err(backup::restore(&dir, passphrase, file));
        assert_ne!(e.code(), ErrorCode::Storage, "{file:?}: {e:?}");
        let message = e
            .fields()
            .first()
            .map_or_else(|| e.to_string(), |f| f.message.clone());
        assert!(
            message.contains(&file.display().to_string()),
            "{file:?}: {message}"
        );
        assert_eq!(
            files_in(&dir),
            before,
            "{file:?} changed the store's folder"
        );
    }
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(mrns(&store), vec!["B-1", "B-2"]);
}

#[test]
fn a_backup_is_overdue_after_three_days_and_due_after_one() {
    let mut t = TestStore::new();
    let status = |store: &Store, now: Timestamp| store.read(|r| backup::status(r, now)).unwrap();
    let never = status(&t.store, Timestamp::now());
    assert!(never.due && never.overdue && never.last.is_none());
    let made = backup::make(&mut t.store, None).unwrap();
    let s = status(&t.store, made.at + SignedDuration::from_hours(2));
    assert!(!s.due && !s.overdue);
    assert_eq!(s.age_words, "2 hours ago");
    let s = status(&t.store, made.at + SignedDuration::from_hours(25));
    assert!(s.due && !s.overdue);
    let s = status(&t.store, made.at + SignedDuration::from_hours(72));
    assert!(
        s.due && !s.overdue,
        "exactly three days is not more than three"
    );
    let s = status(
        &t.store,
        made.at + SignedDuration::from_hours(72) + SignedDuration::from_secs(1),
    );
    assert!(s.overdue);
    assert_eq!(s.age_days, Some(3));
    assert_eq!(s.last.unwrap().file, made.file);
}

#[test]
fn a_store_open_elsewhere_is_not_replaced() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = store_with_a_backup_and_a_later_change(&tmp);
    // Another window or command with the store open, idle.
    let elsewhere = Store::open(&dir, PASSPHRASE).unwrap();
    let before = std::fs::read(caseload::store::store_file(&dir)).unwrap();
    let e = err(backup::restore(&dir, PASSPHRASE, &file));
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(e.to_string().contains("has the caseload store open"), "{e}");
    assert_eq!(
        std::fs::read(caseload::store::store_file(&dir)).unwrap(),
        before
    );
    assert!(
        !names_in(&dir).iter().any(|n| n.contains("before-restore")),
        "nothing kept aside: nothing was done"
    );
    assert_eq!(mrns(&elsewhere), vec!["B-1", "B-2"]);
    drop(elsewhere);
    // Once it is closed, the restore goes ahead.
    backup::restore(&dir, PASSPHRASE, &file).unwrap();
}
