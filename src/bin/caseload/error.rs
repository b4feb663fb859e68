//! The CLI's one error type, and the exit code each failure ends with.
//!
//! A failure from the core keeps the core's [`ErrorCode`], so a script can tell "that
//! MRN does not exist" (4) from "the passphrase is wrong" (7) without reading the
//! message. The table is in the README ("Exit codes"); never renumber a code.

use std::process::ExitCode;

use caseload::ErrorCode;

#[derive(Debug)]
pub enum CliError {
    /// The core refused or failed; its code decides the exit code.
    Core(caseload::Error),
    /// A refusal worded here, in one of the core's categories (no store yet, an MRN
    /// without an open episode, a value with "Nothing was saved." added).
    Coded(ErrorCode, String),
    /// The command line itself cannot be carried out as typed (a malformed `--bp`, no
    /// measure given, no passphrase available).
    Usage(String),
    /// Writing the output failed for another reason than a closed pipe.
    Output(std::io::Error),
    /// Whoever read the output stopped reading (`caseload … | head`): not a failure.
    ClosedPipe,
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl From<caseload::Error> for CliError {
    fn from(error: caseload::Error) -> Self {
        CliError::Core(error)
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::ClosedPipe
        } else {
            CliError::Output(error)
        }
    }
}

impl CliError {
    /// The exit code for this failure (README, "Exit codes").
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            CliError::ClosedPipe => 0,
            CliError::Output(_) => 1,
            CliError::Usage(_) => 2,
            CliError::Core(e) => code_number(e.code()),
            CliError::Coded(code, _) => code_number(*code),
        })
    }

    /// One line for stderr; `None` when nothing should be said.
    pub fn message(&self) -> Option<String> {
        let text = match self {
            CliError::ClosedPipe => return None,
            CliError::Core(e) => e.to_string(),
            CliError::Coded(_, text) | CliError::Usage(text) => text.clone(),
            CliError::Output(e) => format!("Could not write the output: {e}"),
        };
        Some(text.replace('\n', " "))
    }
}

/// 2 is clap's own code for a malformed command line; the core's codes start at 3.
pub fn code_number(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::Storage => 1,
        ErrorCode::InvalidInput => 3,
        ErrorCode::NotFound => 4,
        ErrorCode::Conflict => 5,
        ErrorCode::InvalidTransition => 6,
        ErrorCode::WrongPassphrase => 7,
        ErrorCode::StoreMissing => 8,
        ErrorCode::StoreExists => 9,
        ErrorCode::StoreTooNew => 10,
        ErrorCode::Locked => 11,
        ErrorCode::Cancelled => 12,
        ErrorCode::StoreDamaged => 13,
        ErrorCode::UnlockDelayed => 14,
        ErrorCode::PermissionDenied => 15,
        ErrorCode::AuditBroken => 16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_its_own_exit_code_above_clap_usage() {
        let codes = [
            ErrorCode::Storage,
            ErrorCode::InvalidInput,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::InvalidTransition,
            ErrorCode::WrongPassphrase,
            ErrorCode::StoreMissing,
            ErrorCode::StoreExists,
            ErrorCode::StoreTooNew,
            ErrorCode::Locked,
            ErrorCode::Cancelled,
            ErrorCode::StoreDamaged,
            ErrorCode::UnlockDelayed,
            ErrorCode::PermissionDenied,
            ErrorCode::AuditBroken,
        ];
        let mut numbers: Vec<u8> = codes.iter().map(|c| code_number(*c)).collect();
        assert!(numbers.iter().all(|n| *n != 0 && *n != 2), "{numbers:?}");
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), codes.len(), "two codes share an exit code");
    }

    #[test]
    fn a_closed_pipe_is_silent_success() {
        let e = CliError::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(matches!(e, CliError::ClosedPipe));
        assert_eq!(e.message(), None);
        assert_eq!(e.exit_code(), ExitCode::SUCCESS);
    }
}
