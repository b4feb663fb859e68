//! `caseload demo`: synthetic patients, episodes and measures (creates the store if
//! there is none).

use std::path::Path;

use caseload::Store;
use clap::Args;

use crate::error::CliResult;

#[derive(Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 300)]
    patients: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(dir: &Path, args: DemoArgs) -> CliResult {
    let mut store = if Store::exists(dir) {
        crate::store::open(dir)?
    } else {
        crate::store::create(dir)?
    };
    let summary = caseload::demo::fill(&mut store, args.patients, args.seed)?;
    say!(
        "Added {} demo patients, {} enrollment episodes, {} measures, {} contacts and {} \
         hospital or ED transitions (seed {}).",
        summary.patients,
        summary.enrollments,
        summary.measures,
        summary.contacts,
        summary.transitions,
        args.seed
    );
    Ok(())
}
