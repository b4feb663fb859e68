//! A crash in the middle of a write leaves the store openable, intact, and without any
//! part of the interrupted change: the process is killed (SIGKILL, no clean-up) while a
//! large demo fill is inside its single transaction.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caseload::Store;
use caseload::pages::{self, CaseloadQuery};
use caseload::programs::seed_builtin;

const PASSPHRASE: &str = "orchid tractor lantern 42";

#[test]
fn killed_mid_write_leaves_a_consistent_store() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    {
        let mut store = Store::create(dir.path(), PASSPHRASE, seed_builtin)?;
        caseload::demo::fill(&mut store, 5, 1)?;
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["demo", "--patients", "200000", "--seed", "2"])
        .env("CASELOAD_DATA_DIR", dir.path())
        .env("CASELOAD_PASSPHRASE", PASSPHRASE)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Wait until the transaction has spilled pages into the WAL, then pull the plug.
    let wal = dir.path().join("caseload.db-wal");
    let started = Instant::now();
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 512 * 1024 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the fill never started writing"
        );
        assert!(
            child.try_wait()?.is_none(),
            "the fill finished before it could be interrupted"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill()?;
    child.wait()?;

    let mut store = Store::open(dir.path(), PASSPHRASE)?;
    let integrity: String = store
        .sql_for_tests()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    assert_eq!(integrity, "ok");
    let page = store.read(|r| pages::caseload::list(r, &CaseloadQuery::default()))?;
    assert_eq!(page.total, 5, "none of the interrupted fill is visible");
    // And the store still takes writes.
    caseload::demo::fill(&mut store, 3, 3)?;
    assert_eq!(
        store
            .read(|r| pages::caseload::list(r, &CaseloadQuery::default()))?
            .total,
        8
    );
    Ok(())
}
