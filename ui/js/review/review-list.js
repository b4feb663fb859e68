// One row of the case-review list: the patient, program and week, PHQ-9 from baseline
// to latest, why they are on the list (the core's reasons), open recommendations with
// their follow-through buttons, and, once a session is started, the discussion button.
import { html } from '../html.js';
import { kindLabel } from '../catalogue.js';
import { formatChange, formatDate } from '../format.js';

export function ReviewRow({ row, session, discussed, onOpen, onDiscuss, onFollowThrough }) {
  return html`
    <tr data-patient-id=${row.patient_id} class=${discussed ? 'discussed' : ''}>
      <td>
        <button type="button" class="link patient-link" onClick=${() => onOpen(row.patient_id)}>
          ${row.last_name}, ${row.first_name}</button>
        <div class="muted small"><span class="mono">${row.mrn}</span> · ${row.age} y</div>
      </td>
      <td>${row.program_name ?? html`<span class="muted">—</span>`}
        ${row.weeks_in_treatment != null && html`<div class="muted small">week ${row.weeks_in_treatment}</div>`}</td>
      <td class="phq9"><${Phq9} row=${row} /></td>
      <td>
        <div class="reasons">${row.reasons.map((r) => html`<span class="reason" data-kind=${r.kind}
          title=${r.detail}>${r.label}</span>`)}</div>
        <ul class="reason-details small">${row.reasons.map((r) => html`<li data-kind=${r.kind}>${r.detail}</li>`)}</ul>
      </td>
      <td>${row.open_recommendations.length === 0
        ? html`<span class="muted">—</span>`
        : html`<ul class="recs">${row.open_recommendations.map((rec) => html`<${OpenRecommendation}
            rec=${rec} onFollowThrough=${onFollowThrough} />`)}</ul>`}</td>
      ${session && html`<td class="row-actions">
        ${discussed && html`<span class="tag discussed-tag">Discussed</span>`}
        <button type="button" class="discuss-button" onClick=${onDiscuss}
          aria-label=${`Record discussion of ${row.first_name} ${row.last_name}`}>
          ${discussed ? 'Add recommendation' : 'Record discussion'}</button>
      </td>`}
    </tr>`;
}

function Phq9({ row }) {
  const { baseline_phq9: baseline, latest_phq9: latest, change_pct: change } = row;
  if (!baseline && !latest) return html`<span class="muted">No ${kindLabel('phq9')}</span>`;
  const same = baseline && latest && baseline.taken_on === latest.taken_on && baseline.value === latest.value;
  return html`<span title=${[baseline && `Baseline ${formatDate(baseline.taken_on)}`,
    latest && `Latest ${formatDate(latest.taken_on)}`].filter(Boolean).join(' · ')}>
    ${baseline ? baseline.value : '—'}${!same && latest ? html` → <b>${latest.value}</b>` : ''}
    ${change != null && html` <span class=${`change${change <= -50 ? ' good' : ''}`}>(${formatChange(change)})</span>`}
  </span>`;
}

function OpenRecommendation({ rec, onFollowThrough }) {
  return html`<li data-recommendation-id=${rec.id}>
    <span class="rec-category">${rec.category_label}</span> ${rec.text}
    <div class="muted small">from the review of ${formatDate(rec.session_held_on)}</div>
    <div class="rec-actions">
      <button type="button" class="follow-done" onClick=${() => onFollowThrough(rec, 'done')}
        aria-label=${`PCP acted on: ${rec.text}`}>Done…</button>
      <button type="button" class="follow-declined" onClick=${() => onFollowThrough(rec, 'declined')}
        aria-label=${`PCP declined: ${rec.text}`}>Declined…</button>
    </div>
  </li>`;
}
