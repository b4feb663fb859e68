//! What the UI receives when a command fails: a stable `code` to branch on, a message
//! written for the coordinator, and per-field messages for forms.

use caseload::{ErrorCode, FieldError};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct UiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<caseload::Error> for UiError {
    fn from(error: caseload::Error) -> Self {
        UiError {
            code: error.code(),
            fields: error.fields().to_vec(),
            message: match error {
                caseload::Error::Invalid(_) => {
                    "Some fields need attention; nothing was saved.".to_owned()
                }
                other => other.to_string(),
            },
        }
    }
}

impl From<caseload::store::StoreError> for UiError {
    fn from(error: caseload::store::StoreError) -> Self {
        caseload::Error::from(error).into()
    }
}

impl UiError {
    pub fn invalid(field: &str, message: &str) -> Self {
        caseload::Error::invalid(field, message).into()
    }

    /// A failure outside the core, worded for the coordinator.
    pub fn other(code: ErrorCode, message: &str) -> Self {
        UiError {
            code,
            message: message.to_owned(),
            fields: Vec::new(),
        }
    }

    /// For a command with no form to show field messages in (a button): the fields'
    /// messages become the message.
    pub fn spelled_out(error: caseload::Error) -> Self {
        let mut ui = UiError::from(error);
        if !ui.fields.is_empty() {
            ui.message = ui
                .fields
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
        }
        ui
    }
}

pub type CommandResult<T> = Result<T, UiError>;
