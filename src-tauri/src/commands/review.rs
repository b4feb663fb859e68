//! The weekly case review: the review list, sessions, discussions, recommendations and
//! their follow-through, and the "discuss at the next review" mark.

use caseload::review::{
    self, DiscussMark, DiscussionDraft, Recommendation, ReviewList, ReviewSession, SessionDraft,
    SessionSummary,
};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// `week_of`: the review date as `YYYY-MM-DD`; empty means today.
#[tauri::command]
pub async fn review_list(state: State<'_, AppState>, week_of: String) -> CommandResult<ReviewList> {
    state.read(|r| {
        let week_of = review::parse_week_of(&week_of, r.today())?;
        review::list(&r.on(week_of))
    })
}

#[tauri::command]
pub async fn review_sessions(state: State<'_, AppState>) -> CommandResult<Vec<SessionSummary>> {
    state.read(review::sessions)
}

#[tauri::command]
pub async fn review_session_get(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<ReviewSession> {
    state.read(|r| review::get_session(r, &id))
}

#[tauri::command]
pub async fn review_session_create(
    state: State<'_, AppState>,
    draft: SessionDraft,
) -> CommandResult<ReviewSession> {
    state.with_store(|s| review::create_session(s, &draft))
}

#[tauri::command]
pub async fn review_session_update(
    state: State<'_, AppState>,
    id: String,
    draft: SessionDraft,
) -> CommandResult<ReviewSession> {
    state.with_store(|s| review::update_session(s, &id, &draft))
}

#[tauri::command]
pub async fn review_discussion_record(
    state: State<'_, AppState>,
    draft: DiscussionDraft,
) -> CommandResult<ReviewSession> {
    state.with_store(|s| review::record_discussion(s, &draft))
}

/// `status`: pending, done or declined; `on`: the date (empty = today), ignored for pending.
#[tauri::command]
pub async fn review_follow_through(
    state: State<'_, AppState>,
    recommendation_id: String,
    status: String,
    on: String,
) -> CommandResult<Recommendation> {
    state.with_store(|s| review::set_follow_through(s, &recommendation_id, &status, &on))
}

#[tauri::command]
pub async fn discuss_mark(
    state: State<'_, AppState>,
    patient_id: String,
    reason: String,
) -> CommandResult<DiscussMark> {
    state.with_store(|s| review::discuss::mark(s, &patient_id, &reason))
}

#[tauri::command]
pub async fn discuss_clear(state: State<'_, AppState>, patient_id: String) -> CommandResult<()> {
    state.with_store(|s| review::discuss::clear(s, &patient_id))
}
