//! Care plans from an unlocked 10,000-patient demo store (about 3,000 plans): reading one
//! patient's plan (what the Care plan tab asks for), one patient's FHIR R4 Bundle, the
//! whole caseload as FHIR Bulk Data NDJSON, and the patient's "My care plan" PDF,
//! median and 95th percentile.
//!
//! Run with `make bench-careplan` (or `cargo bench --bench care_plans`);
//! docs/benchmarks.md reports the figures. `CASELOAD_BENCH_PATIENTS` changes the size.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use support::{ms, timed};

use caseload::Store;
use caseload::printouts::{PrintRequest, Printout};

const PATIENTS: usize = 10_000;
const SEED: u64 = 42;
const PASSPHRASE: &str = "orchid tractor lantern 42";

fn row(name: &str, (median, p95): (Duration, Duration), note: &str) {
    println!("{name:<34} {:>9.2} {:>9.2}   {note}", ms(median), ms(p95));
}

fn main() {
    let patients = std::env::var("CASELOAD_BENCH_PATIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PATIENTS);
    let tmp = tempfile::TempDir::new().unwrap();
    let mut store = Store::create(
        &tmp.path().join("s"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    let started = Instant::now();
    let summary = caseload::demo::fill(&mut store, patients, SEED).unwrap();
    println!(
        "filled {patients} patients, {} care plans, in {:.1} s\n",
        summary.care_plans,
        started.elapsed().as_secs_f64()
    );
    let with_plans = store
        .read(caseload::care_plans::patients_with_plans)
        .unwrap();
    // The patient with the most goals and actions: the slowest plan to read.
    let biggest = with_plans
        .iter()
        .max_by_key(|id| {
            let plan = store.read(|r| caseload::care_plans::plan(r, id)).unwrap();
            plan.goals
                .iter()
                .map(|g| 1 + g.actions.len())
                .sum::<usize>()
        })
        .cloned()
        .expect("the demo writes care plans");

    println!("{:<34} {:>9} {:>9}", "what", "median ms", "p95 ms");
    let plan = timed(200, || {
        black_box(
            store
                .read(|r| caseload::care_plans::plan(r, &biggest))
                .unwrap(),
        );
    });
    row("plan (largest of the demo)", plan, "Care plan tab");
    let mut bundle_bytes = 0;
    let bundle = timed(200, || {
        let exported = caseload::fhir::patient_bundle(&store, &biggest).unwrap();
        bundle_bytes = exported.bytes.len();
        black_box(exported);
    });
    row(
        "FHIR bundle (one patient)",
        bundle,
        &format!("{:.1} KB", bundle_bytes as f64 / 1024.0),
    );
    // What care plans add to screens that existed before them: Today's new source
    // (the coordinator's due actions) and the flag engine's one extra query (everyone's
    // own targets), each for the whole caseload.
    let mut lines = 0;
    let due = timed(200, || {
        let due = store
            .read(|r| {
                caseload::care_plans::due_actions(
                    r,
                    Some(caseload::care_plans::Role::Coordinator),
                    None,
                )
            })
            .unwrap();
        lines = due.len();
        black_box(due);
    });
    row(
        "Today: coordinator's due actions",
        due,
        &format!("{lines} lines"),
    );
    let mut with_own = 0;
    let own = timed(200, || {
        let own = store
            .read(|r| caseload::care_plans::own_targets(r, None))
            .unwrap();
        with_own = own.len();
        black_box(own);
    });
    row(
        "flags: everyone's own targets",
        own,
        &format!("{with_own} patients with one"),
    );

    let request = PrintRequest {
        patient_id: Some(biggest.clone()),
        ..PrintRequest::default()
    };
    let mut pages = 0;
    let pdf = timed(50, || {
        let printed = caseload::printouts::print(&store, Printout::CarePlan, &request).unwrap();
        pages = printed.pages;
        black_box(printed);
    });
    row("My care plan PDF", pdf, &format!("{pages} page(s)"));

    let out = tmp.path().join("bulk");
    std::fs::create_dir(&out).unwrap();
    let mut written = None;
    let bulk = timed(4, || {
        written = Some(caseload::fhir::bulk(&store, &out).unwrap());
    });
    let bytes: u64 = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let written = written.unwrap();
    let lines: usize = written.files.iter().map(|(_, n)| n).sum();
    row(
        "FHIR bulk NDJSON (whole caseload)",
        bulk,
        &format!(
            "{} patients, {} plans, {lines} resources, {:.1} MB",
            written.patients,
            written.plans,
            bytes as f64 / 1_048_576.0
        ),
    );
}
