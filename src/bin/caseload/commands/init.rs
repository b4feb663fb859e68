//! `caseload init`: a new encrypted store.

use std::path::Path;

use crate::error::CliResult;

pub fn run(dir: &Path) -> CliResult {
    let store = crate::store::create(dir)?;
    say!(
        "Created an encrypted caseload store at {}",
        store.path().display()
    );
    Ok(())
}
