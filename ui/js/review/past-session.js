// A past review session, read-only: attendees, who was discussed with the reasons at
// the time, and its recommendations. Esc goes back to the case review.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { Attendees, Recommendations } from './session.js';

/** A session as recorded, read-only. */
export function PastSession({ id, onBack, onOpen }) {
  const [session, setSession] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api.reviewSession(id).then(setSession, (e) => setError(e.message)); }, [id]);
  useEffect(() => {
    const onKey = (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (event.key === 'Escape' && !typing && !document.querySelector('.modal')) onBack();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return html`
    <section class="review past-session" id="review-session-view" aria-labelledby="past-title">
      <nav class="crumbs"><button type="button" class="link" onClick=${onBack}>← Case review</button> <kbd>Esc</kbd></nav>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!session && !error && html`<p class="loading">Loading…</p>`}
      ${session && html`
        <header class="section-head"><h1 id="past-title">Review session of ${formatDate(session.held_on)}</h1></header>
        <div class="panel" data-session-id=${session.id}>
          <h2>Attendees</h2>
          <${Attendees} attendees=${session.attendees} />
          ${session.note && html`<p class="session-note">${session.note}</p>`}
          <h2>Discussed</h2>
          ${session.discussed.length === 0 && html`<p class="muted">No patients recorded as discussed.</p>`}
          <ul class="discussed">${session.discussed.map((d) => html`<li data-patient-id=${d.patient_id}>
            ${d.patient_removed
              ? html`<b>${d.last_name}, ${d.first_name}</b> <span class="muted">(record removed)</span>`
              : html`<button type="button" class="link" onClick=${() => onOpen(d.patient_id)}>${d.last_name}, ${d.first_name}</button>`}
            <span class="muted mono small"> ${d.mrn}</span>
            ${d.reasons.length > 0 && html`<ul class="reason-details small">${d.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}
          </li>`)}</ul>
          <h2>Recommendations</h2>
          ${session.recommendations.length === 0
            ? html`<p class="muted">No recommendations.</p>`
            : html`<${Recommendations} recs=${session.recommendations} />`}
        </div>`}
    </section>`;
}
