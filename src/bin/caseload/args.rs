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

/// A `--limit` (how many rows to list) of 1 to `max`. Anything else is refused, not
/// changed: a script that asked for 1,000 rows and quietly got 500 would take them for
/// the whole list.
pub fn limit(asked: i64, max: u32) -> CliResult<u32> {
    u32::try_from(asked)
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            CliError::Coded(
                caseload::ErrorCode::InvalidInput,
                format!("--limit must be between 1 and {max} (got {asked}). Nothing was listed."),
            )
        })
}
