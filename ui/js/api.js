// The only file that talks to the Rust side. Every command the UI may call is listed
// here (and in src-tauri/build.rs, which is what grants it); screens and their parts
// import `api`.

const invoke = globalThis.__TAURI__?.core?.invoke;

/** A failed command: `code` is stable (invalid_input, not_found, conflict, ...),
 *  `message` is written for the coordinator, `fields` maps form fields to messages. */
export class ApiError extends Error {
  constructor({ code = 'storage', message = 'Something went wrong.', fields = [] } = {}) {
    super(message);
    this.code = code;
    this.fields = Object.fromEntries(fields.map((f) => [f.field, f.message]));
  }
}

async function call(command, args = {}) {
  if (!invoke) throw new ApiError({ message: 'Caseload must be opened as the desktop app.' });
  try {
    return await invoke(command, args);
  } catch (error) {
    const failure = new ApiError(typeof error === 'object' && error ? error : { message: String(error) });
    // Locked behind the window's back (idle, the laptop slept) and the event missed:
    // clear the window, which then asks for the passphrase (see session/lock.js).
    if (failure.code === 'locked') globalThis.location.reload();
    throw failure;
  }
}

export const api = {
  status: () => call('app_status'),
  passphraseStrength: (passphrase) => call('passphrase_strength', { passphrase }),
  createStore: (passphrase, confirm) => call('create_store', { passphrase, confirm }),
  unlock: (passphrase) => call('unlock_store', { passphrase }),
  lock: () => call('lock_store'),
  /** Keyboard or mouse input happened (the automatic lock counts from the last). */
  touch: () => call('session_touch'),
  autoLock: () => call('auto_lock_get'),
  setAutoLock: (setting) => call('auto_lock_save', { setting }),
  /** The audit trail: `filter` is { mrn, action, from, to, offset } as typed. */
  auditPage: (filter) => call('audit_page', { filter }),
  auditVerify: () => call('audit_verify'),
  auditExportSave: (filter) => call('audit_export_save', { filter }),
  /** The measures the registry knows (labels, units, questionnaires, bands, chart
   *  axes); works before unlock. Read it through catalogue.js, which loads it once. */
  measureCatalogue: () => call('measure_catalogue'),

  caseload: (query) => call('caseload_list', { query }),
  patient: (id) => call('patient_get', { id }),
  addPatient: (draft) => call('patient_add', { draft }),
  updatePatient: (id, draft) => call('patient_update', { id, draft }),
  patientHistory: (id) => call('patient_history', { id }),

  programs: () => call('programs_list'),
  enrollments: (patientId) => call('enrollments_for_patient', { patientId }),
  startEnrollment: (request) => call('enrollment_start', { request }),
  transition: (request) => call('enrollment_transition', { request }),
  screenPatient: (patientId, program) => call('screening_patient', { patientId, program }),
  screenAll: (program) => call('screening_all', { program }),
  updateProgram: (code, edit) => call('program_update', { code, edit }),
  copyProgram: (from, code, name) => call('program_copy', { from, code, name }),

  measuresOverview: (patientId) => call('measures_overview', { patientId }),
  recordMeasure: (draft) => call('measure_record', { draft }),
  correctMeasure: (id, draft) => call('measure_correct', { id, draft }),
  removeMeasure: (id, reason) => call('measure_remove', { id, reason }),
  acknowledgeSafety: (flagId, actionTaken) => call('safety_acknowledge', { flagId, actionTaken }),
  markDiscuss: (patientId, reason) => call('discuss_mark', { patientId, reason }),
  clearDiscuss: (patientId) => call('discuss_clear', { patientId }),

  reviewList: (weekOf) => call('review_list', { weekOf }),
  reviewSessions: () => call('review_sessions'),
  reviewSession: (id) => call('review_session_get', { id }),
  createReviewSession: (draft) => call('review_session_create', { draft }),
  updateReviewSession: (id, draft) => call('review_session_update', { id, draft }),
  recordDiscussion: (draft) => call('review_discussion_record', { draft }),
  followThrough: (recommendationId, status, on) => call('review_follow_through', { recommendationId, status, on }),

  /** The contact and transition forms' lists (channels, outcomes, ...); works before
   *  unlock. */
  outreachVocabulary: () => call('outreach_vocabulary'),
  /** Today's worklist for `date` (YYYY-MM-DD) or today. */
  worklist: (date) => call('today_worklist', { date: date || null }),
  /** Who is coming in on `date` (YYYY-MM-DD) or today, with what to prepare. */
  comingIn: (date) => call('coming_in', { date: date || null }),
  outreachPanel: (patientId) => call('outreach_panel', { patientId }),
  timeline: (patientId) => call('patient_timeline', { patientId }),
  addContact: (draft) => call('contact_add', { draft }),
  correctContact: (id, draft) => call('contact_correct', { id, draft }),
  removeContact: (id, reason) => call('contact_remove', { id, reason }),
  /** Keeps an unsaved form's fields (JSON text) in the encrypted store. */
  saveDraft: (key, patientId, body) => call('draft_save', { key, patientId: patientId || null, body }),
  discardDraft: (key) => call('draft_discard', { key }),
  addTransition: (draft) => call('transition_add', { draft }),
  updateTransition: (id, draft) => call('transition_update', { id, draft }),
  removeTransition: (id, reason) => call('transition_remove', { id, reason }),
  clinicSettings: () => call('clinic_settings'),
  setHolidays: (days) => call('clinic_holidays_set', { days }),

  /** Closed lists for the directory and referrals (Gravity SDOH needs, statuses, ...);
   *  works before unlock. */
  resourcesVocabulary: () => call('resources_vocabulary'),
  searchResources: (query) => call('resources_search', { query }),
  resource: (id) => call('resources_service', { id }),
  verifyQueue: (limit) => call('resources_verify_queue', { limit: limit ?? 200 }),
  verifyResource: (id, verification) => call('resources_verify', { id, verification }),
  resourceCategories: () => call('resources_categories'),
  addResourceCategory: (name) => call('resources_category_add', { name }),
  resourceOrganizations: (text) => call('resources_organizations', { text: text ?? '' }),
  organization: (id) => call('resources_organization', { id }),
  saveOrganization: (id, draft) => call('resources_organization_save', { id: id || null, draft }),
  saveService: (id, draft) => call('resources_service_save', { id: id || null, draft }),
  saveLocation: (id, draft) => call('resources_location_save', { id: id || null, draft }),
  removeResource: (kind, id, reason) => call('resources_remove', { kind, id, reason }),
  /** Native dialogs; resolve to a path or null when the coordinator cancels. */
  pickHsdsPackage: () => call('resources_pick_package'),
  pickExportFolder: () => call('resources_pick_folder'),
  /** Dry run: nothing is written. Emits `resources-progress` events while it reads. */
  previewImport: (path) => call('resources_import_preview', { path }),
  applyImport: (path, choices) => call('resources_import_apply', { path, choices }),
  exportResources: (dir, category) => call('resources_export', { dir, category: category || null }),
  /** Cancels the running import or export (it then fails with code `cancelled`). */
  cancelResourceJob: () => call('resources_cancel'),
  directorySettings: () => call('directory_settings'),
  setDirectorySettings: (settings) => call('directory_settings_set', { settings }),

  needs: (patientId) => call('needs_for_patient', { patientId }),
  addNeed: (draft) => call('need_add', { draft }),
  updateNeed: (id, draft) => call('need_update', { id, draft }),
  removeNeed: (id, reason) => call('need_remove', { id, reason }),
  referrals: (patientId) => call('referrals_for_patient', { patientId }),
  referral: (id) => call('referral_get', { id }),
  refer: (draft) => call('referral_add', { draft }),
  moveReferral: (id, move) => call('referral_move', { id, step: move }),
  referralsDue: () => call('referrals_due'),

  /** The patient's care plan with the progress-note form's unsaved draft:
   *  {plan, note_draft, note_draft_key}. */
  carePlan: (patientId) => call('care_plan', { patientId }),
  /** The care-plan forms' closed lists (concern kinds, SDOH categories, goal
   *  lifecycles, achievements, roles, action statuses, measures); works before unlock. */
  carePlanVocabulary: () => call('care_plan_vocabulary'),
  carePlanVersions: (patientId) => call('care_plan_versions', { patientId }),
  carePlanVersion: (patientId, version) => call('care_plan_version', { patientId, version }),
  addConcern: (draft) => call('care_plan_concern_add', { draft }),
  updateConcern: (id, draft) => call('care_plan_concern_update', { id, draft }),
  resolveConcern: (id) => call('care_plan_concern_resolve', { id }),
  addGoal: (draft) => call('care_plan_goal_add', { draft }),
  updateGoal: (id, draft) => call('care_plan_goal_update', { id, draft }),
  /** `move`: {lifecycle, achievement}, either may be empty. */
  moveGoal: (id, move) => call('care_plan_goal_move', { id, step: move }),
  addAction: (draft) => call('care_plan_action_add', { draft }),
  updateAction: (id, draft) => call('care_plan_action_update', { id, draft }),
  setActionStatus: (id, status) => call('care_plan_action_status', { id, status }),
  addBarrier: (draft) => call('care_plan_barrier_add', { draft }),
  resolveBarrier: (id) => call('care_plan_barrier_resolve', { id }),
  /** Saves a progress note; its draft is deleted in the same change. */
  addProgressNote: (draft) => call('care_plan_note_add', { draft }),
  addTeamMember: (draft) => call('care_plan_member_add', { draft }),
  updateTeamMember: (id, draft) => call('care_plan_member_update', { id, draft }),
  /** `item`: concern, goal, action, barrier, note or member. */
  removeCarePlanItem: (item, id, reason) => call('care_plan_remove', { item, id, reason }),
  /** The patient's care plan as a FHIR R4 bundle, saved where the coordinator chooses
   *  in the native save dialog; {path, resources}, or null when they cancel. */
  saveCarePlanFhir: (patientId) => call('care_plan_fhir_save', { patientId }),

  /** The native open dialog for a schedule export (CSV); a path, or null when the
   *  coordinator cancels. */
  pickScheduleFile: () => call('schedule_pick_file'),
  /** A schedule file's header, first rows and the preset that fits it. */
  peekSchedule: (path) => call('schedule_peek', { path }),
  schedulePresets: () => call('schedule_presets'),
  saveSchedulePreset: (name, mapping) => call('schedule_save_preset', { name, mapping }),
  /** Dry run: nothing is written. `options`: {mapping, preset, skip_bad_rows}. */
  previewSchedule: (path, options) => call('schedule_preview', { path, options }),
  applySchedule: (path, options) => call('schedule_apply', { path, options }),

  printSettings: () => call('print_settings'),
  savePrintSettings: (settings) => call('print_settings_save', { settings }),
  /** Lays a printout out (`kind`: huddle, agenda, review, summary, referral, careplan) and asks
   *  where to save it in the native save dialog; {path, pages}, or null when the
   *  coordinator cancels. The window never names the file itself. */
  savePrintout: (kind, request) => call('print_save', { kind, request: request ?? {} }),
  /** Prints it: {how: 'printer'} when it went to the printer, {how: 'viewer'} when it
   *  opened in the PDF viewer to print from there. */
  sendPrintout: (kind, request) => call('print_send', { kind, request: request ?? {} }),

  /** Backups: {last, age_words, age_days, due, overdue, folder, folder_chosen}. */
  backupStatus: () => call('backup_status'),
  /** Backs up now into the backup folder: {file, size, removed, …}. */
  backupNow: () => call('backup_now'),
  backupsList: () => call('backups_list'),
  /** A backup's date, size, counts and integrity, by its file name in the folder. */
  backupInspect: (name) => call('backup_inspect', { name }),
  /** Restores the backup `name` (the passphrase typed again); the store there now is kept aside. */
  restoreBackup: (name, passphrase) => call('restore_backup', { name, passphrase }),
  /** The native folder dialog; the new backup status, or null when the coordinator cancels. */
  chooseBackupFolder: () => call('choose_backup_folder'),
};
