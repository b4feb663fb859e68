//! What Today's "PHQ-9 item 9 not answered" source costs: the one query over the whole
//! caseload (`measures::safety::item9_unanswered`), next to the whole worklist, on a
//! 10,000-patient demo store (seed 42). Median and p95 of 20 calls after a warm-up.
//!
//! `cargo bench --bench item9`

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use caseload::Store;
use support::{ms, timed};

const PASSPHRASE: &str = "orchid tractor lantern 42";

fn main() {
    let tmp = tempfile::TempDir::new().unwrap();
    let mut store = Store::create(
        &tmp.path().join("store"),
        PASSPHRASE,
        caseload::programs::seed_builtin,
    )
    .unwrap();
    caseload::demo::fill(&mut store, 10_000, 42).unwrap();
    let lines = store
        .read(|r| caseload::measures::safety::item9_unanswered(r, None))
        .unwrap()
        .len();
    let (median, p95) = timed(20, || {
        store
            .read(|r| caseload::measures::safety::item9_unanswered(r, None))
            .unwrap();
    });
    println!(
        "item 9 not answered, 10,000 patients: {lines} patients, {:.2} ms median, {:.2} ms p95",
        ms(median),
        ms(p95)
    );
    let (median, p95) = timed(20, || {
        store.read(caseload::pages::today::worklist).unwrap();
    });
    println!(
        "whole worklist, 10,000 patients: {:.2} ms median, {:.2} ms p95",
        ms(median),
        ms(p95)
    );
}
