//! The error every core operation returns.
//!
//! Each variant has a stable [`ErrorCode`] the UI and CLI can branch on, and a
//! `Display` text written for a coordinator: it says what went wrong and what to do,
//! never a SQL statement and never a patient's data.

use serde::Serialize;

use crate::store::StoreError;

/// One problem with one field of a form or command, e.g. `dob: "Date of birth is in the future."`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the UI and CLI know it (`mrn`, `first_name`, `dob`, ...).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// A stable, machine-readable category. The UI branches on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    InvalidTransition,
    WrongPassphrase,
    StoreMissing,
    StoreExists,
    StoreTooNew,
    Locked,
    Storage,
    Cancelled,
    /// The file at the store's place is empty, cut short, damaged or not a Caseload
    /// store: restore a backup.
    StoreDamaged,
    /// Five or more wrong passphrases in a row: the next try must wait.
    UnlockDelayed,
    /// The store's folder or file may not be read or written by this user.
    PermissionDenied,
    /// `audit verify` found a broken link: an entry was changed or deleted.
    AuditBroken,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Input that fails validation; nothing was saved.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    /// The change would break a rule about existing records (e.g. a second open episode).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    InvalidTransition(String),
    /// SQLite failed: the message says what that means ([`crate::store::Problem`]),
    /// [`Error::detail`] what SQLite said.
    #[error("{}", crate::store::Problem::of(.0).message())]
    Database(#[from] rusqlite::Error),
    /// The coordinator stopped a long job (an import, an export); nothing was changed.
    #[error("Cancelled; nothing was changed.")]
    Cancelled,
    /// A broken invariant in Caseload itself, never the coordinator's doing.
    #[error("Caseload hit an internal problem ({0}). Nothing was saved.")]
    Internal(String),
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Store(e) => e.code(),
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Error::Database(e) => crate::store::Problem::of(e).code(),
            Error::Internal(_) => ErrorCode::Storage,
            Error::Cancelled => ErrorCode::Cancelled,
        }
    }

    /// What SQLite or the operating system said, in their words, when that is not
    /// the message (the message says what it means for the coordinator): for the
    /// audit trail and for whoever investigates.
    pub fn detail(&self) -> Option<String> {
        match self {
            Error::Store(e) => e.detail(),
            Error::Database(e) => Some(e.to_string()),
            _ => None,
        }
    }

    /// Field-level problems, empty unless this is [`Error::Invalid`].
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Invalid(fields) => fields,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
