//! `caseload demo`: synthetic patients, episodes and measures (creates the store if
//! there is none), in one transaction or, with `--batch N`, in transactions of N
//! patients, each followed by `committed <total>` on stdout.

use std::io::Write;
use std::path::Path;

use caseload::Store;
use clap::Args;

use crate::error::CliResult;

#[derive(Args)]
pub struct DemoArgs {
    /// Synthetic patients [default: 300, or none when only --services is given]
    #[arg(long)]
    patients: Option<usize>,
    /// Synthetic directory services [default: 150, or none when only --patients is given]
    #[arg(long)]
    services: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Commit every N patients as a transaction of its own and print `committed <total>`
    /// on stdout after each [default: all patients in one transaction, no such lines]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    batch: Option<u64>,
}

pub fn run(dir: &Path, args: DemoArgs) -> CliResult {
    let mut store = if Store::exists(dir) {
        crate::store::open(dir)?
    } else {
        crate::store::create(dir)?
    };
    let (patients, services) = match (args.patients, args.services) {
        (None, None) => (300, 150),
        (p, s) => (p.unwrap_or(0), s.unwrap_or(0)),
    };
    if services > 0 {
        let added = caseload::demo::fill_directory(&mut store, services, args.seed)?;
        say!(
            "Added {added} demo directory services (seed {}).",
            args.seed
        );
    }
    if patients == 0 {
        return Ok(());
    }
    let summary = match args.batch {
        None => caseload::demo::fill(&mut store, patients, args.seed)?,
        Some(batch) => caseload::demo::fill_in_batches(
            &mut store,
            patients,
            args.seed,
            usize::try_from(batch).unwrap_or(usize::MAX),
            |total| -> CliResult {
                // Flushed at once: a script (or the crash test) learns of each commit
                // as it lands.
                say!("committed {total}");
                std::io::stdout().flush()?;
                Ok(())
            },
        )?,
    };
    say!(
        "Added {} demo patients, {} enrollment episodes, {} measures, {} contacts, {} \
         hospital or ED transitions, {} care plans and {} appointments this week (seed {}).",
        summary.patients,
        summary.enrollments,
        summary.measures,
        summary.contacts,
        summary.transitions,
        summary.care_plans,
        summary.appointments,
        args.seed
    );
    Ok(())
}
