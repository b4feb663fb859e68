//! Opening or creating the store a command works on.

use std::path::Path;
use std::time::Duration;

use caseload::store::StoreError;
use caseload::{ErrorCode, Store};

use crate::error::{CliError, CliResult};
use crate::passphrase;

/// How many delays one command waits out before giving up: one is enough unless
/// another process keeps failing at the same time.
const WAITS: usize = 3;

/// The existing store in `dir`, unlocked with the passphrase from the environment or
/// the terminal.
///
/// After five or more wrong passphrases in a row the core refuses the next try until
/// a delay is over; the CLI waits it out (saying so on stderr) and then tries, so a
/// script with the right passphrase still gets in.
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
    let passphrase = passphrase::existing()?;
    let mut waits = 0;
    loop {
        match Store::unlock(dir, &passphrase) {
            Err(caseload::Error::Store(StoreError::TooManyAttempts { wait_secs }))
                if waits < WAITS =>
            {
                waits += 1;
                eprintln!("Waiting {wait_secs} s after several wrong passphrases…");
                std::thread::sleep(Duration::from_secs(wait_secs));
            }
            result => return Ok(result?),
        }
    }
}

/// A new store in `dir`, with the built-in programs. Only here (`caseload init`, and
/// `caseload demo` in an empty folder) is a store created.
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
