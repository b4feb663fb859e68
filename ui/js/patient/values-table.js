// Every value recorded for the patient, newest first as the core sends them, with
// corrected and removed ones kept in view (struck through) for the record, and the
// Correct / Remove actions on current ones.
import { html } from '../html.js';
import { formatDate, formatDateTime } from '../format.js';

export function ValuesTable({ measures, onCorrect, onRemove }) {
  if (measures.length === 0) {
    return html`<p class="muted" id="no-measures">No measures recorded yet.</p>`;
  }
  return html`
    <div class="table-wrap">
      <table class="list values" id="measures-table">
        <thead><tr>
          <th scope="col">Date</th><th scope="col">Measure</th><th scope="col">Value</th>
          <th scope="col">Source</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr></thead>
        <tbody>
          ${measures.map((m) => html`<${ValueRow} key=${m.id} measure=${m} onCorrect=${onCorrect} onRemove=${onRemove} />`)}
        </tbody>
      </table>
    </div>`;
}

function ValueRow({ measure: m, onCorrect, onRemove }) {
  const state = m.deleted ? 'removed' : m.superseded ? 'corrected' : null;
  const current = !state;
  const what = `${m.kind_label} of ${formatDate(m.taken_on)}`;
  const items = m.items ?? null;
  const answered = items ? items.filter((v) => v !== null && v !== undefined).length : 0;
  const value = m.complete
    ? m.display
    : `${answered} of ${items?.length ?? 0} items answered`;
  return html`
    <tr class=${`measure-row${state ? ` ${state}` : ''}${m.complete ? '' : ' incomplete'}`}
      data-measure-id=${m.id} data-kind=${m.kind}>
      <td class="nowrap" title=${`Recorded ${formatDateTime(m.recorded_at)}`}>${formatDate(m.taken_on)}</td>
      <td>${m.kind_label}</td>
      <td>
        ${state ? html`<del>${value}</del>` : html`<span class="value">${value}</span>`}
        ${!m.complete && html` <span class="state-tag incomplete-tag">incomplete</span>`}
        ${state && html` <span class=${`state-tag ${state}-tag`}>${state}</span>`}
        ${items && html`<div class="item-scores mono" title=${`Item scores 1–${items.length}`}>
          ${items.map((v, i) => html`<span class=${i === 8 && v > 0 ? 'item9-positive' : ''}>${v ?? '–'}</span>`)}
        </div>`}
      </td>
      <td>${m.source === 'imported' ? 'Imported' : 'Entered'}</td>
      <td class="note-cell">${m.note ?? ''}</td>
      <td class="row-actions">
        ${current && html`
          <button type="button" class="small-button correct-measure" aria-label=${`Correct ${what}`}
            onClick=${() => onCorrect(m)}>Correct</button>
          <button type="button" class="small-button remove-measure" aria-label=${`Remove ${what}`}
            onClick=${() => onRemove(m)}>Remove</button>`}
      </td>
    </tr>`;
}
