//! `caseload export …`: the caseload in a standard another tool loads. `export fhir`
//! writes HL7 FHIR R4 Bulk Data NDJSON, one file per resource type, into a folder that
//! must already exist, and prints each file with how many resources it holds.

use std::path::PathBuf;

use caseload::Store;
use clap::{Args, Subcommand};

use crate::error::CliResult;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Every patient and care plan as FHIR R4 NDJSON (Patient.ndjson, CarePlan.ndjson, ...)
    Fhir(FhirArgs),
}

#[derive(Args)]
pub struct FhirArgs {
    /// The folder to write the files into (it must exist; files of the same names are replaced)
    #[arg(long)]
    out: PathBuf,
}

pub fn run(store: &mut Store, command: ExportCommand) -> CliResult {
    match command {
        ExportCommand::Fhir(args) => {
            let summary = caseload::fhir::bulk(store, &args.out)?;
            caseload::audit::record_export(
                store,
                "export",
                "fhir-bulk",
                caseload::audit::Whom::Count(summary.patients),
                &crate::output::shown_path(&args.out),
            )?;
            for (file, count) in &summary.files {
                say!("{file:<20} {count:>7}");
            }
            say!(
                "{} patient{} ({} with a care plan) written to {}.",
                summary.patients,
                if summary.patients == 1 { "" } else { "s" },
                summary.plans,
                args.out.display()
            );
            Ok(())
        }
    }
}
