// The patient's change history, read from the audit trail: one line per change in
// words ("Enrolled in COMPASS as Active", "Recorded PHQ-9 16 taken …"), with the old
// and new value of each field an update changed.
import { html } from '../html.js';
import { kindLabel } from '../catalogue.js';
import { fieldLabels, formatDate, formatDateTime, statusLabels } from '../format.js';
import { labelOf } from '../outreach/vocabulary.js';

export function PatientHistory({ history, programs }) {
  return html`
    <div class="patient-history">
      <h2>History</h2>
      <ol class="history" id="patient-history">
        ${history.map((entry) => html`<li>
          <div class="when">${formatDateTime(entry.at)} · ${entry.actor}</div>
          <div>${describe(entry, programs)}</div>
          ${entry.action === 'update' && html`<ul class="changes">${entry.changes.map((c) => html`
            <li><b>${fieldLabels[c.field] ?? c.field}</b>: ${c.from ?? '(empty)'} → ${c.to ?? '(empty)'}</li>`)}</ul>`}
        </li>`)}
      </ol>
    </div>`;
}

function describe(entry, programs) {
  const programName = (code) => programs.find((p) => p.code === code)?.name ?? code;
  const value = (field) => entry.changes.find((c) => c.field === field);
  if (entry.entity === 'patient') {
    if (entry.action === 'create') return 'Patient registered';
    if (entry.action === 'update') return `Updated ${entry.changes.map((c) => (fieldLabels[c.field] ?? c.field).toLowerCase()).join(', ')}`;
    if (entry.action === 'save-unchanged') return 'Record reviewed and saved without changes';
    if (entry.action === 'delete') return 'Record removed';
  }
  if (entry.entity === 'enrollment') {
    const status = value('status');
    if (entry.action === 'enroll') return `Enrolled in ${programName(value('program')?.to)} as ${statusLabels[status?.to] ?? status?.to}`;
    if (entry.action === 'status') return `Episode moved from ${statusLabels[status?.from] ?? status?.from} to ${statusLabels[status?.to] ?? status?.to}`;
  }
  if (entry.entity === 'measure') {
    const kind = kindLabel(value('kind')?.to) ?? value('kind')?.to ?? 'Measure';
    const taken = value('taken_on')?.to;
    const shown = value('value');
    if (entry.action === 'create') return `Recorded ${kind} ${shown?.to ?? ''}${taken ? ` taken ${formatDate(taken)}` : ''}`;
    if (entry.action === 'correct') return `Corrected ${kind} to ${shown?.to ?? ''}${taken ? ` taken ${formatDate(taken)}` : ''}`;
    if (entry.action === 'superseded') return `Value ${shown?.from ?? ''} replaced by a correction`;
    if (entry.action === 'delete') return `Removed value ${shown?.from ?? ''}${value('reason')?.to ? `: ${value('reason').to}` : ''}`;
  }
  if (entry.entity === 'safety_flag') {
    if (entry.action === 'raise') return `Safety flag raised: ${kindLabel('phq9')} item 9 = ${value('item9')?.to ?? '?'}`;
    if (entry.action === 'acknowledge') return `Safety flag acknowledged: ${value('action_taken')?.to ?? ''}`;
  }
  if (entry.entity === 'discuss_mark') {
    const reason = value('reason')?.to;
    if (entry.action === 'create') return `Ticked “discuss at case review”${reason ? `: ${reason}` : ''}`;
    if (entry.action === 'update') return 'Changed the reason to discuss at case review';
    if (entry.action === 'clear') return 'Unticked “discuss at case review”';
    if (entry.action === 'discussed') return 'Discussed at case review';
  }
  if (entry.entity === 'contact') {
    const term = (list, field) => (value(field)?.to ? labelOf(list, value(field).to) : '');
    const what = [term('channels', 'channel'), term('with_whom', 'with_whom') && `with ${term('with_whom', 'with_whom')}`,
      term('outcomes', 'outcome').toLowerCase()].filter(Boolean).join(' ');
    if (entry.action === 'create') return `Logged a contact: ${what}`;
    if (entry.action === 'correct') return `Corrected a contact: ${what}`;
    if (entry.action === 'superseded') return 'Contact replaced by a correction';
    if (entry.action === 'delete') return `Removed a contact${value('reason')?.to ? `: ${value('reason').to}` : ''}`;
  }
  if (entry.entity === 'transition') {
    const kind = value('kind')?.to ?? value('kind')?.from;
    const facility = value('facility')?.to ?? value('facility')?.from;
    const what = [kind ? labelOf('transition_kinds', kind) : facility && 'the visit or stay', facility && `at ${facility}`]
      .filter(Boolean).join(' ');
    if (entry.action === 'create') return `Recorded ${what || 'an ED visit or stay'}`;
    if (entry.action === 'update') return 'Changed an ED visit or stay';
    if (entry.action === 'delete') return `Removed ${what || 'an ED visit or stay'}${value('reason')?.to ? `: ${value('reason').to}` : ''}`;
  }
  const carePlanItem = CARE_PLAN_ITEMS[entry.entity];
  if (carePlanItem) {
    const words = value('text')?.to ?? value('name')?.to;
    const moved = value('lifecycle') ?? value('status');
    if (entry.action === 'create') return `Care plan: added a ${carePlanItem}${words ? `: “${words}”` : ''}`;
    if (entry.action === 'update') return `Care plan: changed a ${carePlanItem}`;
    if (entry.action === 'status' && moved) return `Care plan: ${carePlanItem} moved from ${moved.from ?? '—'} to ${moved.to ?? '—'}`;
    if (entry.action === 'status') return `Care plan: recorded how a ${carePlanItem} is going`;
    if (entry.action === 'remove') return `Care plan: removed a ${carePlanItem}${value('reason')?.to ? `: ${value('reason').to}` : ''}`;
  }
  return `${entry.entity} ${entry.action}`;
}

/** The audit trail's names for the care plan's items, in the coordinator's words. */
const CARE_PLAN_ITEMS = {
  care_plan_concern: 'concern',
  care_plan_goal: 'goal',
  care_plan_action: 'action',
  care_plan_barrier: 'barrier',
  care_plan_note: 'progress note',
  care_team_member: 'care team member',
};
