//! Pages: what one screen shows, composed from several capabilities in one read.

use caseload::catalogue::{self, Catalogue};
use caseload::pages::{self, CaseloadPage, CaseloadQuery, Overview};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The measure catalogue (labels, units, ranges, items, bands): the UI keeps no copy
/// of its own. It holds no patient data, so it is served before unlock too.
#[tauri::command]
pub async fn measure_catalogue() -> CommandResult<Catalogue> {
    Ok(catalogue::describe())
}

#[tauri::command]
pub async fn caseload_list(
    state: State<'_, AppState>,
    query: CaseloadQuery,
) -> CommandResult<CaseloadPage> {
    state.read(|r| pages::caseload::list(r, &query))
}

/// The registry panel of the patient page.
#[tauri::command]
pub async fn measures_overview(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Overview> {
    state.read(|r| pages::patient::overview(r, &patient_id))
}
