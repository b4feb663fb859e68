// One action under a goal: what will be done, by which role, by when, and where it
// stands. A pending action (not started, scheduled, in progress) is done in one click;
// the other moves are the ones the core allows next (`next_statuses`). Overdue is
// written out ("overdue 3 days"), the colour only groups.
import { html } from '../html.js';
import { formatDue, formatShortDate } from '../format.js';

const PENDING = new Set(['not-started', 'scheduled', 'in-progress']);

/** "due Dec 17", "due today", "overdue 3 days (due Nov 30)". */
function dueText(action) {
  const overdue = action.overdue_days;
  if (overdue === 0) return html`<b>due today</b>`;
  if (overdue > 0) return html`<b>${formatDue(overdue)}</b> (due ${formatShortDate(action.due_on)})`;
  return `due ${formatShortDate(action.due_on)}`;
}

/** `action`: a PlanAction; the handlers are absent when read only. `onStatus(status)`
 *  moves it, `onEdit()` and `onRemove()` open their dialogs. */
export function ActionRow({ action, readOnly = false, onStatus, onEdit, onRemove }) {
  const status = action.status.value;
  const pending = PENDING.has(status);
  const overdue = action.overdue_days;
  const dueClass = overdue === null || overdue === undefined ? '' : overdue > 0 ? ' overdue' : ' due-today';
  const moves = (action.next_statuses ?? []).filter((s) => !(pending && s.value === 'completed'));
  return html`
    <li class=${`cp-action status-${status}${pending ? '' : ' settled'}`} data-id=${action.id} data-status=${status}>
      <div class="cp-action-main">
        <div class="cp-action-text">${action.text}</div>
        <div class="cp-action-facts">
          <span class="cp-owner">${action.owner.label}</span>
          ${action.due_on && html`<span class=${`cp-due${dueClass}`}>${dueText(action)}</span>`}
          ${!action.due_on && html`<span class="muted">no due date</span>`}
          <span class=${`badge cp-action-status as-${status}`}>${action.status.label}${
            status === 'completed' && action.completed_on ? ` ${formatShortDate(action.completed_on)}` : ''}</span>
        </div>
      </div>
      ${!readOnly && html`<div class="row-actions cp-action-buttons">
        ${pending && html`<button type="button" class="small-button cp-action-done" aria-label=${`Done: ${action.text}`}
          title="Mark this action done" onClick=${() => onStatus('completed')}>✓ Done</button>`}
        ${moves.length > 0 && html`<select class="cp-action-move" aria-label=${`Change the status of: ${action.text}`}
          value="" onChange=${(e) => { const to = e.currentTarget.value; e.currentTarget.value = ''; if (to) onStatus(to); }}>
          <option value="">Move to…</option>
          ${moves.map((s) => html`<option value=${s.value}>${s.label}</option>`)}
        </select>`}
        <button type="button" class="link cp-action-edit" aria-label=${`Edit: ${action.text}`} onClick=${onEdit}>Edit</button>
        <button type="button" class="link cp-remove" aria-label=${`Remove: ${action.text}`} onClick=${onRemove}>Remove</button>
      </div>`}
    </li>`;
}
