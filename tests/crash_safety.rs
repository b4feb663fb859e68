//! A crash in the middle of a write leaves the store openable, intact, and without any
//! part of the interrupted change, and with every change that was committed before it.
//!
//! Two tests kill `caseload demo` (SIGKILL, no clean-up):
//!
//! - while a large fill is inside its single transaction: none of it is kept;
//! - at random points of fills committed in batches (`--batch`), 60 times over one
//!   store: every time, the store opens, `PRAGMA integrity_check` says "ok", no foreign
//!   key dangles, and the patients are exactly those of the last commit — the last
//!   `committed N` line read, or one batch more when the commit landed but the kill came
//!   before its line was read. The summary line (`crash trials: …` on stderr, shown with
//!   `--nocapture`) is the figure docs/data-safety.md quotes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use caseload::Store;
use caseload::pages::{self, CaseloadQuery};
use caseload::programs::seed_builtin;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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

/// Kills over one store, which keeps what each trial committed.
const TRIALS: u64 = 60;
/// Patients per transaction: small, so a trial sees several commits.
const BATCH: usize = 10;
/// More than any trial gets through before it is killed.
const PATIENTS: &str = "1000000";
/// The killing schedule's seed (and, plus the trial, the demo's seed).
const SEED: u64 = 20_261_203;

/// When a trial pulls the plug.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// After a delay from the start: during the unlock, a transaction or a commit.
    After(Duration),
    /// The moment the `n`th `committed` line is read.
    AtLine(usize),
}

/// What the store held after a kill, next to the last `committed` line read.
#[derive(Debug, Default)]
struct Tally {
    trials: u64,
    /// Trials whose child died of the kill (none may exit on its own).
    killed: u64,
    integrity_ok: u64,
    /// Patients = the last line read.
    at_last_line: u64,
    /// Patients = the last line read plus one batch: the commit landed, its line was not read.
    one_batch_more: u64,
    /// Trials with no `committed` line read (killed during start-up, the unlock or the
    /// first batch — or just after its commit).
    no_line_read: u64,
    at_line_kills: u64,
    timed_kills: u64,
}

#[test]
fn killed_at_random_points_of_a_batched_fill_keeps_exactly_the_committed_batches()
-> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("data");
    let logs = tmp.path().join("stderr");
    std::fs::create_dir(&logs)?;
    {
        let mut store = Store::create(&dir, PASSPHRASE, seed_builtin)?;
        caseload::demo::fill(&mut store, 5, 1)?;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut tally = Tally::default();
    let mut before = patients(&Store::open(&dir, PASSPHRASE)?)?;
    assert_eq!(before, 5);

    for trial in 0..TRIALS {
        let demo_seed = 1_000 + trial;
        let kill = if rng.random_range(0..3) == 0 {
            tally.at_line_kills += 1;
            Kill::AtLine(rng.random_range(1..=6))
        } else {
            tally.timed_kills += 1;
            Kill::After(Duration::from_millis(rng.random_range(50..=800)))
        };
        let log = logs.join(format!("trial-{trial}.txt"));
        let (status, lines) = run_and_kill(&dir, demo_seed, kill, &log)?;
        tally.trials += 1;
        let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            was_killed(status),
            "trial {trial}: the fill ended by itself ({status}) instead of being killed; \
             stderr: {}",
            stderr()
        );
        tally.killed += 1;
        // The lines count up one batch at a time, from the first.
        let expected_lines: Vec<usize> = (1..=lines.len()).map(|n| n * BATCH).collect();
        assert_eq!(lines, expected_lines, "trial {trial}: committed lines");
        let last = lines.last().copied().unwrap_or(0);
        if last == 0 {
            tally.no_line_read += 1;
        }

        let store = Store::open(&dir, PASSPHRASE)?;
        let integrity: String =
            store
                .sql_for_tests()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(integrity, "ok", "trial {trial} ({kill:?}): integrity_check");
        tally.integrity_ok += 1;
        let dangling: i64 = store.sql_for_tests().query_row(
            "SELECT count(*) FROM pragma_foreign_key_check",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(dangling, 0, "trial {trial}: rows point at missing rows");

        let now = patients(&store)?;
        let added = now - before;
        // This trial's patients are DEMO-<seed>-00001 … -<added>: whole batches, in order.
        let (mine, highest): (i64, Option<String>) = store.sql_for_tests().query_row(
            "SELECT count(*), max(mrn) FROM patients WHERE mrn LIKE ?1",
            [format!("DEMO-{demo_seed}-%")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mine = usize::try_from(mine)?;
        assert_eq!(
            mine, added,
            "trial {trial}: patients of other seeds changed"
        );
        assert_eq!(
            highest,
            (added > 0).then(|| format!("DEMO-{demo_seed}-{added:05}")),
            "trial {trial}: the trial's MRNs are not 1..{added}"
        );
        if added == last {
            tally.at_last_line += 1;
        } else if added == last + BATCH {
            tally.one_batch_more += 1;
        } else {
            panic!(
                "trial {trial} ({kill:?}): {added} patients were kept, but the last commit \
                 read was {last} (so {last} or {} expected); stderr: {}",
                last + BATCH,
                stderr()
            );
        }
        before = now;
    }

    // The audit trail's hash chain holds across every crash, and the store still takes
    // writes.
    let mut store = Store::open(&dir, PASSPHRASE)?;
    let chain = store.read(caseload::audit::verify)?;
    assert!(chain.broken.is_none(), "audit chain broken: {chain:?}");
    caseload::demo::fill(&mut store, 3, 3)?;
    assert_eq!(patients(&store)?, before + 3);

    eprintln!(
        "crash trials: {} trials, {} killed (SIGKILL: {} at a random 50–800 ms, {} right as a \
         `committed` line was read), integrity_check ok {}/{}; patients = last committed line \
         {} times, = last line + one batch ({BATCH}) {} times, other 0 times; {} trials \
         with no `committed` line read; {} patients kept in the end; {} audit entries \
         verified; {:.1} s",
        tally.trials,
        tally.killed,
        tally.timed_kills,
        tally.at_line_kills,
        tally.integrity_ok,
        tally.trials,
        tally.at_last_line,
        tally.one_batch_more,
        tally.no_line_read,
        before,
        chain.entries,
        started.elapsed().as_secs_f64()
    );
    assert!(
        tally.at_last_line > 0,
        "no trial was killed between commits"
    );
    assert!(
        tally.no_line_read < tally.trials,
        "no trial was killed after a batch of its own was committed"
    );
    Ok(())
}

/// Patients in the store.
fn patients(store: &Store) -> Result<usize, Box<dyn std::error::Error>> {
    let count: i64 = store
        .sql_for_tests()
        .query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?;
    Ok(usize::try_from(count)?)
}

/// Starts a batched demo fill, kills it as `kill` says, and returns how it ended with
/// every `committed` count it printed (read to the end of its stdout, after the kill).
fn run_and_kill(
    dir: &Path,
    seed: u64,
    kill: Kill,
    stderr: &Path,
) -> Result<(ExitStatus, Vec<usize>), Box<dyn std::error::Error>> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["demo", "--patients", PATIENTS, "--batch"])
        .arg(BATCH.to_string())
        .arg("--seed")
        .arg(seed.to_string())
        .env("CASELOAD_DATA_DIR", dir)
        .env("CASELOAD_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(stderr)?)
        .spawn()?;
    let started = Instant::now();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let count = line
                .strip_prefix("committed ")
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(count) = count
                && tx.send(count).is_err()
            {
                break;
            }
        }
    });

    let mut lines = Vec::new();
    match kill {
        Kill::After(delay) => loop {
            let left = delay.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(left) {
                Ok(count) => lines.push(count),
                // The delay is over, or the child is gone (its stdout closed).
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        },
        Kill::AtLine(n) => {
            while lines.len() < n {
                match rx.recv_timeout(Duration::from_secs(60)) {
                    Ok(count) => lines.push(count),
                    Err(_) => break,
                }
            }
        }
    }
    // Whatever happened, no child outlives the trial.
    kill_now(&mut child);
    let status = child.wait()?;
    // The pipe is closed now: read what was written before the kill.
    lines.extend(rx.iter());
    reader.join().map_err(|_| "the stdout reader panicked")?;
    Ok((status, lines))
}

fn kill_now(child: &mut Child) {
    // SIGKILL on Unix (no handler runs, nothing is flushed or rolled back).
    let _ = child.kill();
}

#[cfg(unix)]
fn was_killed(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9)
}

#[cfg(not(unix))]
fn was_killed(status: ExitStatus) -> bool {
    !status.success()
}
