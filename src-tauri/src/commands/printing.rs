//! Printouts (huddle sheet, previsit agendas, case-review agenda, patient summary,
//! referral slip, the patient's own care plan) and their settings. The core lays each PDF out; here it is either
//! saved where the coordinator chooses in the native save dialog, or handed to the
//! system's print path (`crate::printing`).
//!
//! The window never names a file to write: the path comes from the save dialog, which
//! runs in Rust. A lock while the dialog is open drops the printout unwritten.

use caseload::ErrorCode;
use caseload::printouts::{self, PrintRequest, Printed, Printout};
use caseload::settings::{self, PrintSettings};
use caseload::store::StoreError;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::{CommandResult, UiError};
use crate::printing::{self, How};
use crate::state::AppState;

#[tauri::command]
pub async fn print_settings(state: State<'_, AppState>) -> CommandResult<PrintSettings> {
    state.read(settings::printing)
}

#[tauri::command]
pub async fn print_settings_save(
    state: State<'_, AppState>,
    settings: PrintSettings,
) -> CommandResult<PrintSettings> {
    state.with_store(|s| settings::set_printing(s, settings))
}

/// Where a printout was saved.
#[derive(Serialize)]
pub struct Saved {
    path: String,
    pages: usize,
}

/// Lays the printout out, asks where to save it (the native save dialog, offering the
/// core's file name, which names no patient), and writes it readable by its owner
/// only. `None` when the coordinator cancels the dialog.
#[tauri::command]
pub async fn print_save(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: Printout,
    request: PrintRequest,
) -> CommandResult<Option<Saved>> {
    let (printed, session) = lay_out(&state, kind, &request)?;
    // The store is let go while the dialog is open: the coordinator may take their
    // time, and the rest of the window must not wait on them.
    let picked = app
        .dialog()
        .file()
        .set_title(dialog_title(kind))
        .set_file_name(&printed.file_name)
        .add_filter("PDF document", &["pdf"])
        .blocking_save_file();
    let Some(path) = chosen_path(picked)? else {
        return Ok(None);
    };
    // Written under the store's lock, and only in the unlock it was laid out in.
    let written = state.with_store(|s| {
        if state.session() != session {
            return Err(StoreError::Locked.into());
        }
        Ok(printouts::save(&path, &printed.bytes)
            .and_then(|()| printouts::record(s, &printed, &path.display().to_string())))
    })?;
    written.map_err(UiError::spelled_out)?;
    Ok(Some(Saved {
        path: path.display().to_string(),
        pages: printed.pages,
    }))
}

/// How a printout was sent.
#[derive(Serialize)]
pub struct Sent {
    how: How,
}

/// "Print": to the default printer through CUPS, or into the PDF viewer to print from
/// there (see `crate::printing`).
#[tauri::command]
pub async fn print_send(
    state: State<'_, AppState>,
    kind: Printout,
    request: PrintRequest,
) -> CommandResult<Sent> {
    let (mut printed, _) = lay_out(&state, kind, &request)?;
    // The print queue and the viewer name the job by the document, never a patient.
    let document = kind.slug();
    let bytes = std::mem::take(&mut printed.bytes);
    let sent = tauri::async_runtime::spawn_blocking(move || printing::send(&bytes, document)).await;
    match sent {
        Ok(Ok(how)) => {
            let destination = match how {
                How::Printer => "printer",
                How::Viewer => "PDF viewer (to print from)",
            };
            state.with_store(|s| printouts::record(s, &printed, destination))?;
            Ok(Sent { how })
        }
        // The cause is not passed on: it may hold the print folder's path, and the
        // coordinator can act only on the way round it.
        _ => Err(UiError::other(
            ErrorCode::Storage,
            "The printout could not be sent to a printer or opened in a PDF viewer. \
             Use Save PDF… and print the file from there.",
        )),
    }
}

/// The printout and the unlock it was laid out in. Its problems ("Choose the patient
/// whose summary to print.") are spelled out: a button has no field to show them by.
fn lay_out(
    state: &AppState,
    kind: Printout,
    request: &PrintRequest,
) -> CommandResult<(Printed, u64)> {
    let (printed, session) =
        state.with_store(|s| Ok((printouts::print(s, kind, request), state.session())))?;
    Ok((printed.map_err(UiError::spelled_out)?, session))
}

fn dialog_title(kind: Printout) -> &'static str {
    match kind {
        Printout::Huddle => "Save the huddle sheet",
        Printout::Agenda => "Save the previsit agendas",
        Printout::Review => "Save the case-review agenda",
        Printout::Summary => "Save the patient summary",
        Printout::Referral => "Save the referral slip",
        Printout::CarePlan => "Save my care plan",
    }
}
