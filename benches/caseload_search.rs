//! How fast the caseload list and Today's worklist answer over a 10,000-patient demo
//! caseload (~20 measures, ~10 contacts per enrolled patient, ~2,000 hospital and ED
//! transitions): the first page, as-you-type search, the status/program filter, the
//! activity sort, the "needs attention" and "next contact due" sorts and flag filters
//! (flags and outreach computed for every patient on each call), and the worklist for
//! today and tomorrow.
//!
//! Run with `cargo bench --bench caseload_search`. Before criterion's measurements it
//! times each query up to 200 times (at most 20 s per query; a query slower than 2 s
//! per call is timed once and skipped by criterion) and prints the median and 95th
//! percentile, the numbers docs/benchmarks.md reports.
//!
//! With `CASELOAD_BENCH_WHATIF=1` it then repeats that table with a larger page cache
//! and fresh planner statistics applied to the same store, to size two possible fixes
//! (see docs/benchmarks.md); criterion always measures the store as Caseload opens it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use caseload::Store;
use caseload::pages::{CaseloadQuery, CaseloadSort};
use criterion::{Criterion, SamplingMode};

const PATIENTS: usize = 10_000;
const SEED: u64 = 42;
const PASSPHRASE: &str = "orchid tractor lantern 42";
/// Calls per query for the median / p95 table...
const TIMED_CALLS: usize = 200;
/// ...unless they take longer than this in all.
const TIME_BUDGET: Duration = Duration::from_secs(20);
/// A query slower than this per call is timed once and left out of criterion's runs,
/// which would otherwise take sample_size times as long.
const SLOW: Duration = Duration::from_secs(2);

/// What a coordinator does on the caseload screen, as the list is asked for it.
fn queries() -> Vec<(&'static str, CaseloadQuery)> {
    vec![
        ("first_page_by_name", CaseloadQuery::default()),
        (
            "search_gar",
            CaseloadQuery {
                text: "gar".into(),
                ..CaseloadQuery::default()
            },
        ),
        (
            "search_maria_gar",
            CaseloadQuery {
                text: "maria gar".into(),
                ..CaseloadQuery::default()
            },
        ),
        (
            "status_active_compass",
            CaseloadQuery {
                status: "active".into(),
                program: "compass".into(),
                ..CaseloadQuery::default()
            },
        ),
        (
            "sort_last_activity",
            CaseloadQuery {
                sort: CaseloadSort::LastActivity,
                ..CaseloadQuery::default()
            },
        ),
        (
            "needs_attention_first_page",
            CaseloadQuery {
                sort: CaseloadSort::NeedsAttention,
                ..CaseloadQuery::default()
            },
        ),
        (
            "flag_not_improving",
            CaseloadQuery {
                flag: "not-improving".into(),
                ..CaseloadQuery::default()
            },
        ),
        (
            "next_due_first_page",
            CaseloadQuery {
                sort: CaseloadSort::NextDue,
                ..CaseloadQuery::default()
            },
        ),
        (
            "flag_no_contact",
            CaseloadQuery {
                flag: "no-contact".into(),
                ..CaseloadQuery::default()
            },
        ),
        (
            "active_compass_needs_attention",
            CaseloadQuery {
                status: "active".into(),
                program: "compass".into(),
                sort: CaseloadSort::NeedsAttention,
                ..CaseloadQuery::default()
            },
        ),
    ]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One query's timings: calls made, median and 95th percentile (nearest rank).
struct Timing {
    calls: usize,
    median: Duration,
    p95: Duration,
    total: u64,
    rows: usize,
}

/// Times `call` (which returns the matching and returned row counts) up to
/// `TIMED_CALLS` times or for `TIME_BUDGET`, after a short warm-up. A call that takes
/// longer than `SLOW` the first time is timed by that one call only.
fn time_call(call: impl Fn() -> (u64, usize)) -> Timing {
    let first_call = Instant::now();
    let (total, rows) = call();
    let first_time = first_call.elapsed();
    if first_time > SLOW {
        return Timing {
            calls: 1,
            median: first_time,
            p95: first_time,
            total,
            rows,
        };
    }
    for _ in 0..5 {
        black_box(call());
    }
    let started = Instant::now();
    let mut samples = Vec::with_capacity(TIMED_CALLS);
    while samples.len() < TIMED_CALLS && (samples.len() < 10 || started.elapsed() < TIME_BUDGET) {
        let one = Instant::now();
        black_box(call());
        samples.push(one.elapsed());
    }
    samples.sort();
    let n = samples.len();
    Timing {
        calls: n,
        median: samples[n / 2],
        p95: samples[(n * 95).div_ceil(100) - 1],
        total,
        rows,
    }
}

fn caseload_page(store: &Store, query: &CaseloadQuery) -> (u64, usize) {
    let page = store
        .read(|r| caseload::pages::caseload::list(r, black_box(query)))
        .unwrap();
    (page.total, page.rows.len())
}

/// Today's worklist for the store's day plus `days_ahead`.
fn worklist(store: &Store, days_ahead: i64) -> (u64, usize) {
    let day = store
        .today()
        .checked_add(jiff::Span::new().days(days_ahead))
        .unwrap();
    let list = store
        .read_on(day, caseload::pages::today::worklist)
        .unwrap();
    (list.items.len() as u64, list.items.len())
}

fn print_row(name: &str, t: &Timing) {
    println!(
        "| {name} | {} | {} | {} | {:.2} | {:.2} |",
        t.total,
        t.rows,
        t.calls,
        millis(t.median),
        millis(t.p95)
    );
}

/// Prints the median / p95 table; returns the names of queries too slow for criterion.
fn print_table(store: &Store) -> Vec<&'static str> {
    let mut slow = Vec::new();
    println!("| query | matching patients | rows returned | calls | median (ms) | p95 (ms) |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, query) in &queries() {
        let t = time_call(|| caseload_page(store, query));
        print_row(name, &t);
        if t.median > SLOW {
            slow.push(*name);
        }
    }
    for (name, ahead) in [("worklist_today", 0), ("worklist_tomorrow", 1)] {
        print_row(name, &time_call(|| worklist(store, ahead)));
    }
    println!();
    slow
}

fn main() {
    // `cargo bench` passes --bench. `cargo test --benches` does not: then a small
    // caseload is enough to check that every query runs, once, under criterion.
    let benching = std::env::args().any(|a| a == "--bench");
    let patients = if benching { PATIENTS } else { 500 };

    let tmp = tempfile::TempDir::new().unwrap();
    let mut store = Store::create(
        &tmp.path().join("caseload"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    let started = Instant::now();
    let summary = caseload::demo::fill(&mut store, patients, SEED).unwrap();
    println!(
        "dataset: {} demo patients, {} enrollment episodes, {} measures, {} contacts, {} transitions \
         (seed {SEED}), filled in {:.1} s",
        summary.patients,
        summary.enrollments,
        summary.measures,
        summary.contacts,
        summary.transitions,
        started.elapsed().as_secs_f64()
    );

    let mut too_slow = Vec::new();
    if benching {
        println!(
            "\npages::caseload::list and pages::today::worklist, up to {TIMED_CALLS} calls per query:"
        );
        too_slow = print_table(&store);
    }

    let mut criterion = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let mut group = criterion.benchmark_group("caseload_list_10k");
    // Flat: every sample runs the same number of calls, so a query that takes a second
    // costs sample_size calls rather than criterion's usual ramp of them.
    group.sampling_mode(SamplingMode::Flat);
    for (name, query) in &queries() {
        if too_slow.contains(name) {
            println!(
                "caseload_list_10k/{name}: skipped, one call takes over {SLOW:?} (see the table above)"
            );
            continue;
        }
        group.bench_function(*name, |b| b.iter(|| caseload_page(&store, query)));
    }
    group.bench_function("worklist_today", |b| b.iter(|| worklist(&store, 0)));
    group.finish();
    criterion.final_summary();

    if benching && std::env::var_os("CASELOAD_BENCH_WHATIF").is_some() {
        store
            .sql_for_tests()
            .pragma_update(None, "cache_size", -32_000)
            .unwrap();
        println!("\nwhat-if: PRAGMA cache_size = -32000 (32 MiB page cache):");
        print_table(&store);
        store.sql_for_tests().execute_batch("ANALYZE").unwrap();
        println!("what-if: 32 MiB page cache and ANALYZE:");
        print_table(&store);
    }
}
