//! Argument values shared by several commands.

use jiff::civil::Date;

use crate::error::{CliError, CliResult};

/// A day given as `--<flag>` (`YYYY-MM-DD` or `MM/DD/YYYY`); empty = not given.
pub fn day(flag: &str, text: &str) -> CliResult<Option<Date>> {
    match text.trim() {
        "" => Ok(None),
        text => caseload::dates::parse(text).map(Some).ok_or_else(|| {
            CliError::Usage(format!(
                "--{flag} \"{text}\" is not a date; use YYYY-MM-DD."
            ))
        }),
    }
}

/// A core refusal of bad input, said with "Nothing was saved." so a script's log is
/// unambiguous.
pub fn nothing_saved(error: caseload::Error) -> CliError {
    match error {
        caseload::Error::Invalid(_) => CliError::Coded(
            caseload::ErrorCode::InvalidInput,
            format!("{error} Nothing was saved."),
        ),
        other => CliError::Core(other),
    }
}
