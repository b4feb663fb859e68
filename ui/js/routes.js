// The sections of the shell, in sidebar order: one entry per section with its label,
// its Alt+N shortcut, and what renders it. `render(shell)` gets what the shell offers
// every screen (see `Shell` in app.js):
//   status, programs, reloadPrograms, lock,
//   patientId, openPatient(id, from), closePatient(), editRequest, newPatient(),
//   searchRef, caseloadQuery, rememberCaseloadQuery(query).
// Adding a screen is one file in screens/ and one line here.
import { html } from './html.js';
import { NotYetAvailable } from './screens/not-yet.js';
import { Today } from './screens/today.js';
import { Caseload } from './screens/caseload.js';
import { PatientPage } from './screens/patient.js';
import { Review } from './screens/review.js';
import { Resources } from './screens/resources.js';
import { Settings } from './screens/settings.js';

/** The patient open in a section; Back (or Esc) returns to that section. */
function patientPage(shell, backTo) {
  return html`<${PatientPage} id=${shell.patientId} programs=${shell.programs} editRequest=${shell.editRequest}
    onBack=${shell.closePatient} backTo=${backTo} />`;
}

/** Today's worklist, or the patient opened from it. */
function today(shell) {
  return shell.patientId
    ? patientPage(shell, 'Today')
    : html`<${Today} onOpen=${(id) => shell.openPatient(id, 'today')} />`;
}

/** The caseload, or the patient opened from it (or from the case review). */
function caseload(shell) {
  return shell.patientId
    ? patientPage(shell, 'Caseload')
    : html`<${Caseload} programs=${shell.programs} onOpen=${shell.openPatient} onNew=${shell.newPatient}
        searchRef=${shell.searchRef} remembered=${shell.caseloadQuery} remember=${shell.rememberCaseloadQuery} />`;
}

export const ROUTES = [
  { section: 'today', label: 'Today', shortcut: 1, render: today },
  { section: 'caseload', label: 'Caseload', shortcut: 2, render: caseload },
  { section: 'review', label: 'Case review', shortcut: 3, render: (s) => html`<${Review} onOpen=${s.openPatient} />` },
  { section: 'resources', label: 'Resources', shortcut: 4, render: (s) => html`<${Resources} onOpenPatient=${s.openPatient} />` },
  { section: 'reports', label: 'Reports', shortcut: 5, render: () => html`<${NotYetAvailable} section="reports" />` },
  {
    section: 'settings', label: 'Settings', shortcut: 6,
    render: (s) => html`<${Settings} status=${s.status} programs=${s.programs} onLock=${s.lock}
      onProgramsChanged=${s.reloadPrograms} />`,
  },
];

/** The route of a section, or of an Alt+N key ("1"–"6"). */
export const routeOf = (section) => ROUTES.find((r) => r.section === section);
export const routeOfShortcut = (key) => ROUTES.find((r) => String(r.shortcut) === key);
