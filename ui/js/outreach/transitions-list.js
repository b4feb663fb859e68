// ED visits and stays on the patient page, newest first: where, from when to when (or
// "still in"), why, and whether the core counts it as a readmission, with Edit (to add
// the discharge date once known) and Remove.
import { html } from '../html.js';
import { formatDate } from '../format.js';
import { labelOf } from './vocabulary.js';

export function TransitionsList({ transitions, onEdit, onRemove }) {
  if (transitions.length === 0) {
    return html`<p class="muted" id="no-transitions">No ED visits or stays recorded.</p>`;
  }
  return html`
    <ul class="transitions" id="transitions">
      ${transitions.map((t) => html`<li class=${`transition${t.still_in ? ' still-in' : ''}`} key=${t.id}
        data-transition-id=${t.id} data-kind=${t.kind}>
        <div class="transition-main">
          <div>
            <b>${t.kind_label}</b> at ${t.facility}
            ${t.readmission && html` <span class="badge readmission" title="A hospital stay that began within 30 days of an earlier discharge">Readmission</span>`}
            ${t.still_in && html` <span class="badge still-in-badge">Still in</span>`}
          </div>
          <div class="transition-dates">
            ${t.discharged_on && t.discharged_on === t.admitted_on
              ? formatDate(t.admitted_on)
              : html`${formatDate(t.admitted_on)} → ${t.discharged_on ? formatDate(t.discharged_on) : html`<em>still in</em>`}`}
          </div>
          ${(t.reason || t.heard_from) && html`<div class="muted small">
            ${t.reason}${t.reason && t.heard_from ? ' · ' : ''}${t.heard_from && `Source: ${labelOf('heard_from', t.heard_from)}`}</div>`}
        </div>
        <div class="row-actions">
          <button type="button" class="small-button edit-transition" onClick=${() => onEdit(t)}
            aria-label=${`Edit the ${t.kind_label.toLowerCase()} at ${t.facility}`}>
            ${t.still_in ? 'Add discharge…' : 'Edit'}</button>
          <button type="button" class="small-button remove-transition" onClick=${() => onRemove(t)}
            aria-label=${`Remove the ${t.kind_label.toLowerCase()} at ${t.facility}`}>Remove</button>
        </div>
      </li>`)}
    </ul>`;
}
