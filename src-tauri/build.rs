//! Declares every command the UI may call. `tauri_build` turns each name into an
//! `allow-<name>` permission; `capabilities/default.json` grants exactly these to the
//! main window, so a command missing from this list cannot be invoked at all.

const COMMANDS: &[&str] = &[
    "app_status",
    "passphrase_strength",
    "create_store",
    "unlock_store",
    "lock_store",
    "measure_catalogue",
    "caseload_list",
    "patient_get",
    "patient_add",
    "patient_update",
    "patient_history",
    "programs_list",
    "enrollments_for_patient",
    "enrollment_start",
    "enrollment_transition",
    "screening_patient",
    "screening_all",
    "program_update",
    "program_copy",
    "measures_overview",
    "measure_record",
    "measure_correct",
    "measure_remove",
    "safety_acknowledge",
    "review_list",
    "review_sessions",
    "review_session_get",
    "review_session_create",
    "review_session_update",
    "review_discussion_record",
    "review_follow_through",
    "discuss_mark",
    "discuss_clear",
    "outreach_vocabulary",
    "today_worklist",
    "outreach_panel",
    "patient_timeline",
    "contact_add",
    "contact_correct",
    "contact_remove",
    "draft_save",
    "draft_discard",
    "transition_add",
    "transition_update",
    "transition_remove",
    "clinic_settings",
    "clinic_holidays_set",
    "resources_vocabulary",
    "resources_search",
    "resources_service",
    "resources_verify_queue",
    "resources_verify",
    "resources_categories",
    "resources_category_add",
    "resources_organizations",
    "resources_organization",
    "resources_organization_save",
    "resources_service_save",
    "resources_location_save",
    "resources_remove",
    "resources_pick_package",
    "resources_pick_folder",
    "resources_import_preview",
    "resources_import_apply",
    "resources_export",
    "resources_cancel",
    "directory_settings",
    "directory_settings_set",
    "needs_for_patient",
    "need_add",
    "need_update",
    "need_remove",
    "referrals_for_patient",
    "referral_get",
    "referral_add",
    "referral_move",
    "referrals_due",
];

fn main() {
    // The UI is embedded in the binary when it is compiled; without this, a change to
    // `ui/` alone (a stylesheet) left the previous UI in the app until some Rust changed.
    println!("cargo:rerun-if-changed=../ui");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script can only report failure by exiting; the message is for the developer.
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
