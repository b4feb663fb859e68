//! `caseload programs`: the programs and their eligibility criteria in words.

use caseload::Store;

use crate::error::CliResult;

pub fn run(store: &Store) -> CliResult {
    for program in store.read(caseload::programs::list)? {
        say!(
            "{} ({})\n  {}",
            program.name,
            program.code,
            program.description
        );
        for line in &program.criteria_text {
            say!("    {line}");
        }
    }
    Ok(())
}
