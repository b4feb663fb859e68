//! Caseload desktop: a Tauri window over the caseload core. The window loads the
//! static UI in `ui/`; everything it shows comes through the commands in `commands/`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod auto_lock;
mod backup_schedule;
mod commands;
mod error;
mod printing;
mod state;

use std::process::ExitCode;

use commands::{enrollment, measures, pages, patients, session};

fn main() -> ExitCode {
    let data_dir = match caseload::store::default_data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("caseload: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A printout a crash left for the PDF viewer goes before anything else happens.
    printing::sweep();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(data_dir))
        .invoke_handler(tauri::generate_handler![
            session::app_status,
            session::passphrase_strength,
            session::create_store,
            session::unlock_store,
            session::lock_store,
            pages::measure_catalogue,
            pages::caseload_list,
            pages::measures_overview,
            patients::patient_get,
            patients::patient_add,
            patients::patient_update,
            patients::patient_history,
            enrollment::programs_list,
            enrollment::enrollments_for_patient,
            enrollment::enrollment_start,
            enrollment::enrollment_transition,
            commands::screening::screening_patient,
            commands::screening::screening_all,
            commands::screening::program_update,
            commands::screening::program_copy,
            measures::measure_record,
            measures::measure_correct,
            measures::measure_remove,
            measures::safety_acknowledge,
            commands::review::review_list,
            commands::review::review_sessions,
            commands::review::review_session_get,
            commands::review::review_session_create,
            commands::review::review_session_update,
            commands::review::review_discussion_record,
            commands::review::review_follow_through,
            commands::review::discuss_mark,
            commands::review::discuss_clear,
            pages::outreach_vocabulary,
            pages::today_worklist,
            pages::coming_in,
            pages::outreach_panel,
            pages::patient_timeline,
            commands::outreach::contact_add,
            commands::outreach::contact_correct,
            commands::outreach::contact_remove,
            commands::outreach::draft_save,
            commands::outreach::draft_discard,
            commands::outreach::transition_add,
            commands::outreach::transition_update,
            commands::outreach::transition_remove,
            commands::outreach::clinic_settings,
            commands::outreach::clinic_holidays_set,
            commands::resources::resources_vocabulary,
            commands::resources::resources_search,
            commands::resources::resources_service,
            commands::resources::resources_verify_queue,
            commands::resources::resources_verify,
            commands::resources::resources_categories,
            commands::resources::resources_category_add,
            commands::resources::resources_organizations,
            commands::resources::resources_organization,
            commands::resources::resources_organization_save,
            commands::resources::resources_service_save,
            commands::resources::resources_location_save,
            commands::resources::resources_remove,
            commands::resources::resources_pick_package,
            commands::resources::resources_pick_folder,
            commands::resources::resources_import_preview,
            commands::resources::resources_import_apply,
            commands::resources::resources_export,
            commands::resources::resources_cancel,
            commands::resources::directory_settings,
            commands::resources::directory_settings_set,
            commands::referrals::needs_for_patient,
            commands::referrals::need_add,
            commands::referrals::need_update,
            commands::referrals::need_remove,
            commands::referrals::referrals_for_patient,
            commands::referrals::referral_get,
            commands::referrals::referral_add,
            commands::referrals::referral_move,
            commands::referrals::referrals_due,
            commands::care_plan::care_plan,
            commands::care_plan::care_plan_vocabulary,
            commands::care_plan::care_plan_versions,
            commands::care_plan::care_plan_version,
            commands::care_plan::care_plan_concern_add,
            commands::care_plan::care_plan_concern_update,
            commands::care_plan::care_plan_concern_resolve,
            commands::care_plan::care_plan_goal_add,
            commands::care_plan::care_plan_goal_update,
            commands::care_plan::care_plan_goal_move,
            commands::care_plan::care_plan_action_add,
            commands::care_plan::care_plan_action_update,
            commands::care_plan::care_plan_action_status,
            commands::care_plan::care_plan_barrier_add,
            commands::care_plan::care_plan_barrier_resolve,
            commands::care_plan::care_plan_note_add,
            commands::care_plan::care_plan_member_add,
            commands::care_plan::care_plan_member_update,
            commands::care_plan::care_plan_remove,
            commands::care_plan::care_plan_fhir_save,
            commands::schedule::schedule_pick_file,
            commands::schedule::schedule_peek,
            commands::schedule::schedule_presets,
            commands::schedule::schedule_save_preset,
            commands::schedule::schedule_preview,
            commands::schedule::schedule_apply,
            commands::printing::print_settings,
            commands::printing::print_settings_save,
            commands::printing::print_save,
            commands::printing::print_send,
            commands::backup::backup_status,
            commands::backup::backup_now,
            commands::backup::backups_list,
            commands::backup::backup_inspect,
            commands::backup::restore_backup,
            commands::backup::choose_backup_folder,
            commands::audit::audit_page,
            commands::audit::audit_verify,
            commands::audit::audit_export_save,
            commands::auto_lock::auto_lock_get,
            commands::auto_lock::auto_lock_save,
            commands::auto_lock::session_touch,
        ])
        .setup(|app| {
            auto_lock::watch(app.handle().clone());
            backup_schedule::run(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caseload: the window could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
