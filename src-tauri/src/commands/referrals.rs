//! A patient's social needs and their closed-loop referrals to the directory.

use caseload::referrals::{self, Move, Referral, ReferralDraft};
use caseload::social_needs::{self, NeedDraft, SocialNeed};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn needs_for_patient(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Vec<SocialNeed>> {
    state.read(|r| social_needs::for_patient(r, &patient_id))
}

#[tauri::command]
pub async fn need_add(state: State<'_, AppState>, draft: NeedDraft) -> CommandResult<SocialNeed> {
    state.with_store(|s| social_needs::add(s, &draft))
}

#[tauri::command]
pub async fn need_update(
    state: State<'_, AppState>,
    id: String,
    draft: NeedDraft,
) -> CommandResult<SocialNeed> {
    state.with_store(|s| social_needs::update(s, &id, &draft))
}

#[tauri::command]
pub async fn need_remove(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| social_needs::remove(s, &id, &reason))
}

#[tauri::command]
pub async fn referrals_for_patient(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Vec<Referral>> {
    state.read(|r| referrals::for_patient(r, &patient_id))
}

#[tauri::command]
pub async fn referral_get(state: State<'_, AppState>, id: String) -> CommandResult<Referral> {
    state.read(|r| referrals::get(r, &id))
}

#[tauri::command]
pub async fn referral_add(
    state: State<'_, AppState>,
    draft: ReferralDraft,
) -> CommandResult<Referral> {
    state.with_store(|s| referrals::add(s, &draft))
}

/// Moves a referral's status (`step`: `move` is a Rust keyword).
#[tauri::command]
pub async fn referral_move(
    state: State<'_, AppState>,
    id: String,
    step: Move,
) -> CommandResult<Referral> {
    state.with_store(|s| referrals::move_to(s, &id, &step))
}

/// Open referrals whose follow-up date has come.
#[tauri::command]
pub async fn referrals_due(state: State<'_, AppState>) -> CommandResult<Vec<Referral>> {
    state.read(referrals::due)
}
