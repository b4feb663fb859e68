//! The Resources section: the community-resource directory, its Open Referral HSDS
//! packages in and out, and the directory's settings.
//!
//! Import and export can take seconds on a large package. They report progress as
//! `resources-progress` events (`{phase, done, total}`) and stop when
//! `resources_cancel` raises the shared flag; the core then rolls the job back.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use caseload::pages::resource::{self, DirectoryVocabulary, ServicePage};
use caseload::resources::hsds::{self, ExportReport, ImportChoices, ImportReport, Phase, Watch};
use caseload::resources::{
    self, Category, LocationDraft, Organization, OrganizationDraft, OrganizationListItem,
    SearchPage, SearchQuery, ServiceDraft, ServiceHit, VerifyDraft,
};
use caseload::settings::{self, DirectorySettings};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::CommandResult;
use crate::state::AppState;

/// The closed lists of the directory, needs and referral forms. No patient data:
/// served before unlock too.
#[tauri::command]
pub async fn resources_vocabulary() -> CommandResult<DirectoryVocabulary> {
    Ok(resource::vocabulary())
}

#[tauri::command]
pub async fn resources_search(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> CommandResult<SearchPage> {
    state.read(|r| resources::search(r, &query))
}

#[tauri::command]
pub async fn resources_service(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<ServicePage> {
    state.read(|r| resource::service(r, &id))
}

#[tauri::command]
pub async fn resources_verify_queue(
    state: State<'_, AppState>,
    limit: usize,
) -> CommandResult<Vec<ServiceHit>> {
    state.read(|r| resources::verify_queue(r, limit))
}

/// "Verified today"; returns the service's page as it now reads.
#[tauri::command]
pub async fn resources_verify(
    state: State<'_, AppState>,
    id: String,
    verification: VerifyDraft,
) -> CommandResult<ServicePage> {
    state.with_store(|s| {
        resources::verify(s, &id, &verification)?;
        s.read(|r| resource::service(r, &id))
    })
}

#[tauri::command]
pub async fn resources_categories(state: State<'_, AppState>) -> CommandResult<Vec<Category>> {
    state.read(resources::categories_list)
}

#[tauri::command]
pub async fn resources_category_add(
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<Category> {
    state.with_store(|s| resources::add_category(s, &name))
}

#[tauri::command]
pub async fn resources_organizations(
    state: State<'_, AppState>,
    text: String,
) -> CommandResult<Vec<OrganizationListItem>> {
    state.read(|r| resources::organizations(r, &text))
}

#[tauri::command]
pub async fn resources_organization(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<Organization> {
    state.read(|r| resources::organization(r, &id))
}

/// Adds (`id` null) or edits an organization; returns its id.
#[tauri::command]
pub async fn resources_organization_save(
    state: State<'_, AppState>,
    id: Option<String>,
    draft: OrganizationDraft,
) -> CommandResult<String> {
    state.with_store(|s| resources::save_organization(s, id.as_deref(), &draft))
}

/// Adds (`id` null) or edits a service; returns its page.
#[tauri::command]
pub async fn resources_service_save(
    state: State<'_, AppState>,
    id: Option<String>,
    draft: ServiceDraft,
) -> CommandResult<ServicePage> {
    state.with_store(|s| {
        let id = resources::save_service(s, id.as_deref(), &draft)?;
        s.read(|r| resource::service(r, &id))
    })
}

/// Adds (`id` null) or edits a location; returns its id.
#[tauri::command]
pub async fn resources_location_save(
    state: State<'_, AppState>,
    id: Option<String>,
    draft: LocationDraft,
) -> CommandResult<String> {
    state.with_store(|s| resources::save_location(s, id.as_deref(), &draft))
}

/// Soft-removes an organization, a service or a location, with the reason.
#[tauri::command]
pub async fn resources_remove(
    state: State<'_, AppState>,
    kind: String,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| resources::remove(s, &kind, &id, &reason))
}

/// The native "open" dialog for a package's `datapackage.json`; `None` when the
/// coordinator cancels. (The dialog runs in Rust, so the window needs no dialog grant.)
#[tauri::command]
pub async fn resources_pick_package(app: AppHandle) -> CommandResult<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose the package's datapackage.json")
        .add_filter("HSDS data package", &["json"])
        .blocking_pick_file();
    Ok(chosen_path(picked)?.map(|p| p.display().to_string()))
}

/// The native folder dialog for an export; `None` when the coordinator cancels.
#[tauri::command]
pub async fn resources_pick_folder(app: AppHandle) -> CommandResult<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose a folder for the HSDS package")
        .blocking_pick_folder();
    Ok(chosen_path(picked)?.map(|p| p.display().to_string()))
}

#[derive(Clone, Serialize)]
struct Progress {
    phase: Phase,
    done: usize,
    total: usize,
}

/// A watcher that emits progress to the window and honours `resources_cancel`.
fn watch(app: &AppHandle, state: &AppState) -> Watch<impl Fn(Phase, usize, usize) + Sync + use<>> {
    state.cancel.store(false, Ordering::Relaxed);
    let app = app.clone();
    Watch {
        cancel: state.cancel.clone(),
        on_progress: move |phase, done, total| {
            // A window that stopped listening is no reason to fail the import.
            let _ = app.emit("resources-progress", Progress { phase, done, total });
        },
    }
}

/// The dry run of an import: what would be added, updated, left alone, every bad row
/// and every conflict. Nothing is written.
#[tauri::command]
pub async fn resources_import_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<ImportReport> {
    let watcher = watch(&app, &state);
    state.with_store(|s| hsds::preview(s, &PathBuf::from(&path), &watcher))
}

/// The import itself, in one transaction, as the coordinator chose after the dry run.
#[tauri::command]
pub async fn resources_import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    choices: ImportChoices,
) -> CommandResult<ImportReport> {
    let watcher = watch(&app, &state);
    state.with_store(|s| hsds::apply(s, &PathBuf::from(&path), &choices, &watcher))
}

/// Exports the directory (or one category) as an HSDS 3.x package into `dir`.
#[tauri::command]
pub async fn resources_export(
    app: AppHandle,
    state: State<'_, AppState>,
    dir: String,
    category: Option<String>,
) -> CommandResult<ExportReport> {
    let watcher = watch(&app, &state);
    state.with_store(|s| {
        let report = hsds::export(s, &PathBuf::from(&dir), category.as_deref(), &watcher)?;
        caseload::audit::record_export(
            s,
            "export",
            "hsds-directory",
            caseload::audit::Whom::Count(0),
            &dir,
        )?;
        Ok(report)
    })
}

/// Stops the running import or export; it then fails with code `cancelled`.
/// It takes no lock: the job holds the store while it runs.
#[tauri::command]
pub async fn resources_cancel(state: State<'_, AppState>) -> CommandResult<()> {
    state.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

#[tauri::command]
pub async fn directory_settings(state: State<'_, AppState>) -> CommandResult<DirectorySettings> {
    state.read(settings::directory)
}

#[tauri::command]
pub async fn directory_settings_set(
    state: State<'_, AppState>,
    settings: DirectorySettings,
) -> CommandResult<DirectorySettings> {
    state.with_store(|s| settings::set_directory(s, settings))
}
