//! The resource directory at 50,000 services: search as you type (1-, 3- and 8-letter
//! prefixes, two words, a category filter, a filter alone), and HSDS import throughput
//! next to `sqlite3`'s own `.import` of the same CSV files into bare tables.
//!
//! Run with `make bench-directory` (or `cargo bench --bench directory_search`). It
//! prints the median and 95th percentile of each search over 200 calls, then the import
//! figures; docs/benchmarks.md reports them. `CASELOAD_BENCH_SERVICES` changes the size.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use caseload::Store;
use caseload::resources::hsds::{self, ImportChoices, Unwatched};
use caseload::resources::{self, SearchQuery};

const SERVICES: usize = 50_000;
const SEED: u64 = 42;
const PASSPHRASE: &str = "orchid tractor lantern 42";
const TIMED_CALLS: usize = 200;

fn queries() -> Vec<(&'static str, SearchQuery)> {
    let text = |t: &str| SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    };
    vec![
        ("first_page_no_text", SearchQuery::default()),
        ("prefix_1_f", text("f")),
        ("prefix_3_foo", text("foo")),
        ("prefix_8_pharmacy", text("pharmacy")),
        ("two_words_food_pan", text("food pan")),
        (
            "three_letters_in_food",
            SearchQuery {
                text: "mea".into(),
                category: "food".into(),
                ..SearchQuery::default()
            },
        ),
        (
            "category_food_only",
            SearchQuery {
                category: "food".into(),
                ..SearchQuery::default()
            },
        ),
        (
            "spanish_open_saturday",
            SearchQuery {
                language: "spanish".into(),
                open_on: "sa".into(),
                ..SearchQuery::default()
            },
        ),
        (
            "stale_only",
            SearchQuery {
                stale_only: true,
                ..SearchQuery::default()
            },
        ),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let services = std::env::var("CASELOAD_BENCH_SERVICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SERVICES);
    let tmp = tempfile::TempDir::new().unwrap();
    let mut store = Store::create(
        &tmp.path().join("a"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    let started = Instant::now();
    caseload::demo::fill_directory(&mut store, services, SEED).unwrap();
    println!(
        "filled {services} services in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    println!(
        "\n{:<24} {:>8} {:>10} {:>10}",
        "search", "matches", "median ms", "p95 ms"
    );
    for (name, query) in queries() {
        let total = store.read(|r| resources::search(r, &query)).unwrap().total;
        let mut times = Vec::with_capacity(TIMED_CALLS);
        for _ in 0..TIMED_CALLS {
            let t = Instant::now();
            black_box(store.read(|r| resources::search(r, &query)).unwrap());
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{name:<24} {total:>8} {:>10.2} {:>10.2}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        );
    }
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        black_box(store.read(|r| resources::verify_queue(r, 200)).unwrap());
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{:<24} {:>8} {:>10.2} {:>10.2}",
        "verify_queue_200",
        200,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    );

    // Import: the directory exported as a package, read into an empty store.
    let package = tmp.path().join("package");
    let exported = hsds::export(&store, &package, None, &Unwatched).unwrap();
    let rows: usize = exported.tables.iter().map(|t| t.rows).sum();
    drop(store);
    let mut empty = Store::create(
        &tmp.path().join("b"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    // Where the time goes: the moment each phase starts.
    let phases: std::sync::Mutex<Vec<(hsds::Phase, Instant)>> = std::sync::Mutex::new(Vec::new());
    let watch = hsds::Watch {
        cancel: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
        on_progress: |phase, _, _| {
            let mut seen = phases.lock().unwrap();
            if seen.last().is_none_or(|(p, _)| *p != phase) {
                seen.push((phase, Instant::now()));
            }
        },
    };
    let t = Instant::now();
    let report = hsds::apply(&mut empty, &package, &ImportChoices::default(), &watch).unwrap();
    let ours = t.elapsed();
    let seen = phases.into_inner().unwrap();
    for (i, (phase, at)) in seen.iter().enumerate() {
        let end = seen.get(i + 1).map_or(t + ours, |(_, next)| *next);
        println!("  {phase:?}: {:.2} s", (end - *at).as_secs_f64());
    }
    assert_eq!(
        report.added + report.unchanged,
        rows,
        "the starter taxonomy is there already"
    );
    println!(
        "\nimport: {rows} rows in {} tables, {:.2} s → {:.0} rows/s (encrypted store, one transaction, checks, index)",
        exported.tables.len(),
        ours.as_secs_f64(),
        rows as f64 / ours.as_secs_f64()
    );
    match sqlite_import(&package, &exported.tables) {
        Some(theirs) => println!(
            "sqlite3 .import: {:.2} s → {:.0} rows/s (plain file, bare TEXT tables); Caseload reaches {:.0}% of it",
            theirs.as_secs_f64(),
            rows as f64 / theirs.as_secs_f64(),
            100.0 * theirs.as_secs_f64() / ours.as_secs_f64()
        ),
        None => println!(
            "sqlite3 .import: the sqlite3 command is not installed (scripts/setup.sh installs it)"
        ),
    }
}

/// `sqlite3`'s `.import --csv --skip 1` of every CSV file into a bare table of TEXT
/// columns, in one process and one transaction: the ceiling for reading these files.
fn sqlite_import(package: &Path, tables: &[hsds::ExportedTable]) -> Option<Duration> {
    let db = package.join("bare.db");
    let mut script = String::from("BEGIN;\n");
    for table in tables {
        let header = std::fs::read_to_string(package.join(&table.file)).ok()?;
        let columns = header
            .lines()
            .next()?
            .split(',')
            .map(|c| format!("\"{c}\" TEXT"))
            .collect::<Vec<_>>();
        script.push_str(&format!(
            "CREATE TABLE \"{}\" ({});\n",
            table.table,
            columns.join(", ")
        ));
        script.push_str(&format!(
            ".import --csv --skip 1 '{}' \"{}\"\n",
            package.join(&table.file).display(),
            table.table
        ));
    }
    script.push_str("COMMIT;\n");
    let t = Instant::now();
    let out = Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .ok()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take()?.write_all(script.as_bytes()).ok()?;
            child.wait().ok()
        })?;
    let elapsed = t.elapsed();
    out.success().then_some(elapsed)
}
