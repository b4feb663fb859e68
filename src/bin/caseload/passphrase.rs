//! Getting the passphrase: `CASELOAD_PASSPHRASE`, else a prompt on the terminal.

use std::io::IsTerminal;

use caseload::ErrorCode;

use crate::error::{CliError, CliResult};

pub const ENV: &str = "CASELOAD_PASSPHRASE";

/// The passphrase of an existing store.
pub fn existing() -> CliResult<String> {
    from_env().map_or_else(|| prompt("Caseload passphrase: "), Ok)
}

/// A new passphrase, typed twice when prompted.
pub fn new() -> CliResult<String> {
    if let Some(p) = from_env() {
        return Ok(p);
    }
    let first = prompt("Choose a passphrase for the new caseload store: ")?;
    let strength = caseload::store::check_strength(&first);
    eprintln!("Strength: {}", strength.label);
    let second = prompt("Type it again: ")?;
    if first != second {
        return Err(CliError::Coded(
            ErrorCode::InvalidInput,
            "The two passphrases differ; nothing was created.".into(),
        ));
    }
    Ok(first)
}

fn from_env() -> Option<String> {
    std::env::var(ENV).ok().filter(|p| !p.is_empty())
}

fn prompt(text: &str) -> CliResult<String> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "No passphrase: set {ENV} or run caseload in a terminal."
        )));
    }
    rpassword::prompt_password(text)
        .map_err(|e| CliError::Usage(format!("Could not read the passphrase: {e}")))
}
