// The contact log on the patient page: every contact, newest first as the core sends
// them, with corrected and removed ones kept in view (struck through, without
// actions) for the record, and Correct / Remove on current ones.
import { html } from '../html.js';
import { formatDate, formatDateTime } from '../format.js';
import { labelOf } from './vocabulary.js';

export function ContactLog({ contacts, onCorrect, onRemove }) {
  if (contacts.length === 0) {
    return html`<p class="muted" id="no-contacts">No contacts logged yet.</p>`;
  }
  return html`
    <div class="table-wrap">
      <table class="list contacts" id="contacts">
        <thead><tr>
          <th scope="col">When</th><th scope="col">Channel</th><th scope="col">With</th>
          <th scope="col">Outcome</th><th scope="col" class="num">Min</th><th scope="col">Topics</th>
          <th scope="col">Note</th><th scope="col">Next</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr></thead>
        <tbody>
          ${contacts.map((c) => html`<${ContactRow} key=${c.id} contact=${c} onCorrect=${onCorrect} onRemove=${onRemove} />`)}
        </tbody>
      </table>
    </div>`;
}

function ContactRow({ contact: c, onCorrect, onRemove }) {
  const state = c.deleted ? 'removed' : c.superseded ? 'corrected' : null;
  const what = `${c.channel_label} contact of ${formatDate(c.on_date)}`;
  const time = String(c.at ?? '').slice(11);
  const outcome = html`<span class=${`outcome${c.reached ? ' reached' : ''}`} data-outcome=${c.outcome}>${c.outcome_label}</span>`;
  return html`
    <tr class=${`contact-row${state ? ` ${state}` : ''}`} data-contact-id=${c.id} data-outcome=${c.outcome}>
      <td class="nowrap" title=${`Logged ${formatDateTime(c.recorded_at)}`}>${formatDate(c.on_date)}
        ${time && html` <span class="muted">${time}</span>`}</td>
      <td>${c.channel_label}${c.direction === 'inbound' && html` <span class="muted small">(${labelOf('directions', c.direction).toLowerCase()})</span>`}</td>
      <td>${c.with_label}</td>
      <td>${state ? html`<del>${outcome}</del>` : outcome}
        ${state && html` <span class=${`state-tag ${state}-tag`}>${state}</span>`}
        ${c.deleted && c.delete_reason && html`<div class="muted small">${c.delete_reason}</div>`}</td>
      <td class="num">${c.minutes ?? ''}</td>
      <td class="topics-cell">${c.topics.map((t) => labelOf('topics', t)).join(', ')}</td>
      <td class="note-cell">${c.note ?? ''}</td>
      <td class="nowrap">${c.next_on ? formatDate(c.next_on) : ''}</td>
      <td class="row-actions">
        ${!state && html`
          <button type="button" class="small-button correct-contact" aria-label=${`Correct ${what}`}
            onClick=${() => onCorrect(c)}>Correct</button>
          <button type="button" class="small-button remove-contact" aria-label=${`Remove ${what}`}
            onClick=${() => onRemove(c)}>Remove</button>`}
      </td>
    </tr>`;
}
