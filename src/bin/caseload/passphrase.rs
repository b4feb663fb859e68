//! Getting the passphrase: `CASELOAD_PASSPHRASE`, else a prompt on the terminal.

use std::io::IsTerminal;

pub const ENV: &str = "CASELOAD_PASSPHRASE";

/// The passphrase of an existing store.
pub fn existing() -> Result<String, String> {
    from_env().map_or_else(|| prompt("Caseload passphrase: "), Ok)
}

/// A new passphrase, typed twice when prompted.
pub fn new() -> Result<String, String> {
    if let Some(p) = from_env() {
        return Ok(p);
    }
    let first = prompt("Choose a passphrase for the new caseload store: ")?;
    let strength = caseload::store::check_strength(&first);
    eprintln!("Strength: {}", strength.label);
    let second = prompt("Type it again: ")?;
    if first != second {
        return Err("The two passphrases differ; nothing was created.".into());
    }
    Ok(first)
}

fn from_env() -> Option<String> {
    std::env::var(ENV).ok().filter(|p| !p.is_empty())
}

fn prompt(text: &str) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "No passphrase: set {ENV} or run caseload in a terminal."
        ));
    }
    rpassword::prompt_password(text).map_err(|e| format!("Could not read the passphrase: {e}"))
}
