//! A patient's care plan: concerns, goals in the patient's words with their targets,
//! actions under each goal, barriers, progress notes (with the note form's draft) and
//! the care team, every version the plan has had, and the closed lists its forms
//! choose from. Each command is one call into `caseload::care_plans`; the plan's FHIR
//! bundle is saved like a printout, where the coordinator chooses in the native save
//! dialog (see `printing.rs`).

use caseload::care_plans::{
    self, ActionDraft, Barrier, BarrierDraft, CarePlan, Concern, ConcernDraft, Goal, GoalDraft,
    GoalMove, Item, MemberDraft, NoteDraft, PlanAction, ProgressNote, TeamMember, Version,
    Vocabulary,
};
use caseload::fhir;
use caseload::store::{Draft, StoreError, drafts};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::{CommandResult, UiError};
use crate::state::AppState;

/// The plan as the care-plan tab shows it, with the progress-note form's unsaved draft
/// (read in the same snapshot, so the tab offers back exactly what was kept).
#[derive(Serialize)]
pub struct CarePlanPage {
    plan: CarePlan,
    note_draft: Option<Draft>,
    note_draft_key: String,
}

#[tauri::command]
pub async fn care_plan(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<CarePlanPage> {
    state.read(|r| {
        let note_draft_key = care_plans::note_draft_key(&patient_id);
        Ok(CarePlanPage {
            plan: care_plans::plan(r, &patient_id)?,
            note_draft: drafts::get(r, &note_draft_key)?,
            note_draft_key,
        })
    })
}

/// The closed lists the care-plan forms choose from; works before unlock.
#[tauri::command]
pub async fn care_plan_vocabulary() -> CommandResult<Vocabulary> {
    Ok(care_plans::vocabulary())
}

/// Every version of the plan, newest first, without the plans themselves.
#[tauri::command]
pub async fn care_plan_versions(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Vec<Version>> {
    state.read(|r| care_plans::versions(r, &patient_id))
}

/// One earlier version, with the plan as it then stood.
#[tauri::command]
pub async fn care_plan_version(
    state: State<'_, AppState>,
    patient_id: String,
    version: i64,
) -> CommandResult<Version> {
    state.read(|r| care_plans::version(r, &patient_id, version))
}

#[tauri::command]
pub async fn care_plan_concern_add(
    state: State<'_, AppState>,
    draft: ConcernDraft,
) -> CommandResult<Concern> {
    state.with_store(|s| care_plans::add_concern(s, &draft))
}

#[tauri::command]
pub async fn care_plan_concern_update(
    state: State<'_, AppState>,
    id: String,
    draft: ConcernDraft,
) -> CommandResult<Concern> {
    state.with_store(|s| care_plans::update_concern(s, &id, &draft))
}

#[tauri::command]
pub async fn care_plan_concern_resolve(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<Concern> {
    state.with_store(|s| care_plans::resolve_concern(s, &id))
}

#[tauri::command]
pub async fn care_plan_goal_add(
    state: State<'_, AppState>,
    draft: GoalDraft,
) -> CommandResult<Goal> {
    state.with_store(|s| care_plans::add_goal(s, &draft))
}

#[tauri::command]
pub async fn care_plan_goal_update(
    state: State<'_, AppState>,
    id: String,
    draft: GoalDraft,
) -> CommandResult<Goal> {
    state.with_store(|s| care_plans::update_goal(s, &id, &draft))
}

/// Moves a goal through its lifecycle and/or records its achievement (`step`: `move`
/// is a Rust keyword).
#[tauri::command]
pub async fn care_plan_goal_move(
    state: State<'_, AppState>,
    id: String,
    step: GoalMove,
) -> CommandResult<Goal> {
    state.with_store(|s| care_plans::move_goal(s, &id, &step))
}

#[tauri::command]
pub async fn care_plan_action_add(
    state: State<'_, AppState>,
    draft: ActionDraft,
) -> CommandResult<PlanAction> {
    state.with_store(|s| care_plans::add_action(s, &draft))
}

#[tauri::command]
pub async fn care_plan_action_update(
    state: State<'_, AppState>,
    id: String,
    draft: ActionDraft,
) -> CommandResult<PlanAction> {
    state.with_store(|s| care_plans::update_action(s, &id, &draft))
}

/// Moves an action to another status ("completed" from Today's "Mark done").
#[tauri::command]
pub async fn care_plan_action_status(
    state: State<'_, AppState>,
    id: String,
    status: String,
) -> CommandResult<PlanAction> {
    state.with_store(|s| care_plans::set_action_status(s, &id, &status))
}

#[tauri::command]
pub async fn care_plan_barrier_add(
    state: State<'_, AppState>,
    draft: BarrierDraft,
) -> CommandResult<Barrier> {
    state.with_store(|s| care_plans::add_barrier(s, &draft))
}

#[tauri::command]
pub async fn care_plan_barrier_resolve(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<Barrier> {
    state.with_store(|s| care_plans::resolve_barrier(s, &id))
}

/// Saves a progress note; the core deletes the note form's draft in the same change.
#[tauri::command]
pub async fn care_plan_note_add(
    state: State<'_, AppState>,
    draft: NoteDraft,
) -> CommandResult<ProgressNote> {
    state.with_store(|s| care_plans::add_note(s, &draft))
}

#[tauri::command]
pub async fn care_plan_member_add(
    state: State<'_, AppState>,
    draft: MemberDraft,
) -> CommandResult<TeamMember> {
    state.with_store(|s| care_plans::add_member(s, &draft))
}

#[tauri::command]
pub async fn care_plan_member_update(
    state: State<'_, AppState>,
    id: String,
    draft: MemberDraft,
) -> CommandResult<TeamMember> {
    state.with_store(|s| care_plans::update_member(s, &id, &draft))
}

/// Removes an item typed in error (kept in the record with the reason).
#[tauri::command]
pub async fn care_plan_remove(
    state: State<'_, AppState>,
    item: Item,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| care_plans::remove(s, item, &id, &reason))
}

/// Where a FHIR bundle was saved.
#[derive(Serialize)]
pub struct SavedBundle {
    path: String,
    resources: usize,
}

/// Builds the patient's FHIR R4 bundle (their plan with everything it points at), asks
/// where to save it in the native save dialog (offering the core's file name, which
/// names no patient) and writes it readable by its owner only, whole or not at all.
/// `None` when the coordinator cancels the dialog. As with a printout, the store is let
/// go while the dialog is open, and a lock in between drops the bundle unwritten.
#[tauri::command]
pub async fn care_plan_fhir_save(
    app: AppHandle,
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Option<SavedBundle>> {
    let (exported, session) =
        state.with_store(|s| Ok((fhir::patient_bundle(s, &patient_id), state.session())))?;
    // A patient with no plan yet has nothing to export: said in words, not on a field.
    let exported = exported.map_err(UiError::spelled_out)?;
    let picked = app
        .dialog()
        .file()
        .set_title("Save the care plan as a FHIR bundle")
        .set_file_name(&exported.file_name)
        .add_filter("FHIR bundle (JSON)", &["json"])
        .blocking_save_file();
    let Some(path) = chosen_path(picked)? else {
        return Ok(None);
    };
    let written = state.with_store(|s| {
        if state.session() != session {
            return Err(StoreError::Locked.into());
        }
        Ok(fhir::save(&path, &exported).and_then(|()| {
            caseload::audit::record_export(
                s,
                "export",
                "fhir-bundle",
                caseload::audit::Whom::Patients(std::slice::from_ref(&patient_id)),
                &path.display().to_string(),
            )
        }))
    })?;
    written.map_err(UiError::spelled_out)?;
    Ok(Some(SavedBundle {
        path: path.display().to_string(),
        resources: exported.resources,
    }))
}
