//! Backups of demo stores of 500 and 10,000 patients: a backup as "Back up now" makes
//! it (`VACUUM INTO` a new encrypted file, integrity check and row counts of the copy,
//! the audit entry and last-good record, rotation), reading a backup's summary before a
//! restore (integrity check and counts, unlocked with the passphrase), and a restore
//! (the backup checked, the store there kept aside, the copy flushed and renamed into
//! place, the restored store opened and the restore audited), median and 95th
//! percentile.
//!
//! Run with `make bench-backups` (or `cargo bench --bench backups`); docs/benchmarks.md
//! reports the figures. `CASELOAD_BENCH_SIZES` changes the sizes (e.g. `500,2000`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use support::{ms, timed};

use caseload::Store;
use caseload::backup;

const SIZES: [usize; 2] = [500, 10_000];
const SEED: u64 = 42;
const PASSPHRASE: &str = "orchid tractor lantern 42";
const CALLS: usize = 7;

fn row(name: &str, (median, p95): (Duration, Duration), note: &str) {
    println!("{name:<30} {:>9.1} {:>9.1}   {note}", ms(median), ms(p95));
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CASELOAD_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| SIZES.to_vec());
    for patients in sizes {
        bench(patients);
    }
}

fn bench(patients: usize) {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("store");
    let mut store = Store::create(&dir, PASSPHRASE, caseload::programs::seed_builtin).unwrap();
    let started = Instant::now();
    let summary = caseload::demo::fill(&mut store, patients, SEED).unwrap();
    let store_bytes = std::fs::metadata(store.path()).unwrap().len()
        + std::fs::metadata(dir.join("caseload.db-wal")).map_or(0, |m| m.len());
    println!(
        "\n{patients} patients ({} measures, {} contacts, {} care plans), filled in {:.1} s; \
         store {:.1} MiB with its -wal",
        summary.measures,
        summary.contacts,
        summary.care_plans,
        started.elapsed().as_secs_f64(),
        mib(store_bytes),
    );
    println!("{:<30} {:>9} {:>9}", "what", "median ms", "p95 ms");

    // Each backup into a folder of its own: two backups in one second would wait for
    // the next second to get a name of their own.
    let mut n = 0;
    let mut made = None;
    let backup_times = timed(CALLS, || {
        n += 1;
        let folder = tmp.path().join(format!("backups-{n}"));
        std::fs::create_dir(&folder).unwrap();
        made = Some(backup::make(&mut store, Some(&folder)).unwrap());
    });
    let made = made.unwrap();
    row(
        "backup + verify",
        backup_times,
        &format!(
            "{:.1} MiB file, {} patients",
            mib(made.size),
            made.counts.patients
        ),
    );
    let file = PathBuf::from(&made.path);
    let inspect_times = timed(CALLS, || {
        let seen = backup::inspect_with_passphrase(PASSPHRASE, &file).unwrap();
        assert!(seen.integrity_ok);
    });
    row(
        "summary before restore",
        inspect_times,
        "with the passphrase",
    );
    drop(store);

    // Restores into the store's folder: each one keeps the store there aside.
    let restore_times = timed(CALLS, || {
        let restored = backup::restore(&dir, PASSPHRASE, &file).unwrap();
        assert_eq!(restored.counts.patients, made.counts.patients);
    });
    row(
        "restore",
        restore_times,
        "check, keep aside, copy, swap, open, audit",
    );

    // What unlocking costs a person over opening: `Store::unlock` adds `quick_check`
    // of every page and the `unlock` audit entry (each CLI command pays it too).
    let open_times = timed(CALLS, || drop(Store::open(&dir, PASSPHRASE).unwrap()));
    row("open (key, migrations)", open_times, "Store::open");
    let unlock_times = timed(CALLS, || drop(Store::unlock(&dir, PASSPHRASE).unwrap()));
    row(
        "unlock",
        unlock_times,
        "Store::open + quick_check + audit entry",
    );
}
