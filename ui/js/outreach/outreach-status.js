// Where a patient's outreach stands, in words: when the next contact is due and why
// (the date chosen on the last contact, the program's cadence, a retry, the letter),
// when they were last reached, the unreached attempts since, the escalation step the
// cadence calls for, and a pending discharge follow-up. The core works all of it out;
// this only words its answer.
import { html } from '../html.js';
import { daysBetween, formatDay, formatDue, statusLabels, todayIso } from '../format.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Why the next contact falls due when it does. */
function basisText(o) {
  const f = o.followed;
  const program = f ? `${f.program_name}, ${(statusLabels[f.status] ?? f.status).toLowerCase()}` : '';
  const basis = o.due_basis;
  switch (basis?.basis) {
    case 'chosen': return 'the date set on the last contact';
    case 'cadence': return `${program}: every ${basis.every_days} days`;
    case 'retry': return 'trying again after an unreached attempt';
    case 'start': return `nobody reached yet; ${program}: every ${basis.every_days} days`;
    case 'letter': return `waiting for an answer to the letter${o.letter_on ? ` of ${formatDay(o.letter_on)}` : ''}`;
    default: return '';
  }
}

function lastReachedText(o) {
  const reached = o.last_reached_on ? `Last reached ${formatDay(o.last_reached_on)}` : 'Never reached';
  const since = o.unreached_days > 0
    ? `; ${plural(o.unreached_days, 'unreached attempt', 'unreached attempts')} since, on different days`
    : '';
  const lastTry = o.last_contact_on && o.last_contact_on !== o.last_reached_on
    ? `; last contact ${formatDay(o.last_contact_on)}` : '';
  return `${reached}${since}${lastTry}`;
}

function stepText(step) {
  if (step.step === 'send-letter') {
    return `Send a letter: ${plural(step.attempts, 'unreached attempt', 'unreached attempts')} on different days (due since ${formatDay(step.since)})`;
  }
  if (step.step === 'consider-unreachable') {
    return `Consider unreachable: nobody reached since the letter of ${formatDay(step.letter_on)} (due since ${formatDay(step.since)}). Disenrolling is your decision.`;
  }
  return step.step;
}

/** "overdue 3 days", "today", "in 5 days", from the days past due. */
function dueChipText(overdue) {
  if (overdue > 0) return formatDue(overdue);
  if (overdue === 0) return 'today';
  return `in ${plural(-overdue, 'day', 'days')}`;
}

/** `outreach`: the panel's PatientOutreach. (htm drops a line break between two
 *  elements, so the spaces between them are written out.) */
export function OutreachStatus({ outreach: o }) {
  const overdue = o.next_due ? daysBetween(o.next_due, todayIso()) : null;
  const basis = basisText(o);
  return html`
    <div class="outreach-status" id="outreach-status">
      ${o.followed
        ? html`<p class="outreach-next">
            ${o.next_due
              ? html`<b>Next contact due ${formatDay(o.next_due)}</b>${' '}<span
                  class=${`due-chip${overdue > 0 ? ' overdue' : overdue === 0 ? ' today' : ''}`}>${dueChipText(overdue)}</span>`
              : html`<b>No contact due</b>`}
            ${basis && html`<span class="basis"> — ${basis}</span>`}</p>`
        : html`<p class="outreach-next muted" id="not-followed">Not on a contact cadence: no open episode in
            screening, active or relapse watch.</p>`}
      <p class="outreach-last">${lastReachedText(o)}</p>
      ${o.step && html`<p class="outreach-step" data-step=${o.step.step}>${stepText(o.step)}</p>`}
    </div>`;
}

/** The pending discharge follow-up: `followUp` is the panel's FollowUpDue. */
export function FollowUpDue({ followUp: f }) {
  const t = f.transition;
  const late = daysBetween(f.due_on, todayIso());
  return html`
    <p class=${`follow-up-due${late > 0 ? ' overdue' : ''}`} id="follow-up-due" role="status">
      <b>Discharge follow-up due by ${formatDay(f.due_on)}</b>
      ${late > 0 && html` <span class="due-chip overdue">${formatDue(late)}</span>`}
      <span> — ${t.kind_label} at ${t.facility}, discharged ${formatDay(f.discharged_on)}; reach the patient
        within ${plural(f.business_days, 'business day', 'business days')}.</span>
    </p>`;
}
