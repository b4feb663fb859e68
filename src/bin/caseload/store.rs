//! Opening or creating the store a command works on.

use std::path::Path;

use caseload::{ErrorCode, Store};

use crate::error::{CliError, CliResult};
use crate::passphrase;

/// The existing store in `dir`, unlocked with the passphrase from the environment or
/// the terminal.
pub fn open(dir: &Path) -> CliResult<Store> {
    if !Store::exists(dir) {
        return Err(CliError::Coded(
            ErrorCode::StoreMissing,
            format!(
                "There is no caseload store in {}. Run `caseload init` first.",
                dir.display()
            ),
        ));
    }
    Ok(Store::open(dir, &passphrase::existing()?)?)
}

/// A new store in `dir`, with the built-in programs.
pub fn create(dir: &Path) -> CliResult<Store> {
    if Store::exists(dir) {
        return Err(CliError::Coded(
            ErrorCode::StoreExists,
            format!(
                "A caseload store already exists in {}; it was left untouched.",
                dir.display()
            ),
        ));
    }
    Ok(Store::create(
        dir,
        &passphrase::new()?,
        caseload::programs::seed_builtin,
    )?)
}
