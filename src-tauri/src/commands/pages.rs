//! Pages: what one screen shows, composed from several capabilities in one read.

use caseload::catalogue::{self, Catalogue};
use caseload::pages::coming_in::ComingIn;
use caseload::pages::{
    self, CaseloadPage, CaseloadQuery, OutreachPanel, Overview, Timeline, Worklist,
};
use jiff::civil::Date;
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

/// The words of the contact and transition forms. No patient data: served before
/// unlock too.
#[tauri::command]
pub async fn outreach_vocabulary() -> CommandResult<caseload::outreach::Vocabulary> {
    Ok(caseload::outreach::describe())
}

/// A day the UI sends as `YYYY-MM-DD`; absent or empty means today.
pub fn optional_day(date: Option<&str>) -> CommandResult<Option<Date>> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(text) => Ok(Some(caseload::dates::parse(text).ok_or_else(|| {
            caseload::Error::invalid("date", format!("\"{text}\" is not a date; use YYYY-MM-DD."))
        })?)),
    }
}

/// Today's worklist, for `date` (`YYYY-MM-DD`) or today.
#[tauri::command]
pub async fn today_worklist(
    state: State<'_, AppState>,
    date: Option<String>,
) -> CommandResult<Worklist> {
    let day = optional_day(date.as_deref())?;
    state.read_on(day, pages::today::worklist)
}

/// Who is coming in on `date` (`YYYY-MM-DD`) or today, with what to prepare for each
/// visit: Today's "Coming in" panel.
#[tauri::command]
pub async fn coming_in(
    state: State<'_, AppState>,
    date: Option<String>,
) -> CommandResult<ComingIn> {
    let day = optional_day(date.as_deref())?;
    state.read_on(day, pages::coming_in::coming_in)
}

/// The patient page's outreach panel: contacts, cadence, transitions, the draft.
#[tauri::command]
pub async fn outreach_panel(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<OutreachPanel> {
    state.read(|r| pages::outreach::panel(r, &patient_id))
}

/// The patient's timeline, newest first.
#[tauri::command]
pub async fn patient_timeline(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Timeline> {
    state.read(|r| pages::timeline::timeline(r, &patient_id))
}
