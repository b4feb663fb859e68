// A review session as shown: the current session's panel (attendees, note, counts and
// its recommendations with the PCP's follow-through), and the list of past sessions.
import { html } from '../html.js';
import { formatDate } from '../format.js';

export function CurrentSession({ session, onEdit, onFollowThrough, onReopen }) {
  return html`
    <div class="panel session-panel" id="current-session" data-session-id=${session.id}>
      <header class="session-head">
        <h2>Session of ${formatDate(session.held_on)}</h2>
        <button type="button" id="edit-session" onClick=${onEdit}>Edit session</button>
      </header>
      <${Attendees} attendees=${session.attendees} />
      ${session.note && html`<p class="session-note">${session.note}</p>`}
      <p class="muted small">${session.discussed.length} discussed ·
        ${session.recommendations.length} ${session.recommendations.length === 1 ? 'recommendation' : 'recommendations'}</p>
      ${session.recommendations.length > 0 && html`<${Recommendations} recs=${session.recommendations}
        onFollowThrough=${onFollowThrough} onReopen=${onReopen} />`}
    </div>`;
}

export function Attendees({ attendees }) {
  return html`<ul class="attendees">${attendees.map((a) => html`<li data-role=${a.role}>
    <b>${a.name}</b> <span class="muted">${a.role_label}</span></li>`)}</ul>`;
}

/** Recommendations with their follow-through; buttons only when `onFollowThrough` is given. */
export function Recommendations({ recs, onFollowThrough, onReopen }) {
  return html`<table class="list recs-table">
    <thead><tr><th scope="col">Patient</th><th scope="col">Recommendation</th><th scope="col">PCP follow-through</th></tr></thead>
    <tbody>${recs.map((rec) => html`<tr data-recommendation-id=${rec.id} data-patient-id=${rec.patient_id}>
      <td>${rec.last_name}, ${rec.first_name}${rec.patient_removed && html` <span class="muted">(record removed)</span>`}</td>
      <td><span class="rec-category">${rec.category_label}</span> ${rec.text}</td>
      <td>
        <span class="follow" data-status=${rec.follow_through}>${rec.follow_through_label}${rec.follow_through_on
          && ` ${formatDate(rec.follow_through_on)}`}</span>
        ${onFollowThrough && rec.is_open && html`<span class="rec-actions">
          <button type="button" class="follow-done" onClick=${() => onFollowThrough(rec, 'done')}>Done…</button>
          <button type="button" class="follow-declined" onClick=${() => onFollowThrough(rec, 'declined')}>Declined…</button>
        </span>`}
        ${onReopen && !rec.is_open && html`<button type="button" class="link follow-reopen"
          onClick=${() => onReopen(rec)}>Reopen</button>`}
      </td>
    </tr>`)}</tbody>
  </table>`;
}

export function SessionList({ sessions, onView }) {
  if (sessions.length === 0) {
    return html`<p class="muted" id="review-sessions">No sessions recorded yet.</p>`;
  }
  return html`<div class="table-wrap"><table class="list" id="review-sessions">
    <thead><tr><th scope="col">Date</th><th scope="col">Attendees</th><th scope="col">Discussed</th>
      <th scope="col">Recommendations</th></tr></thead>
    <tbody>${sessions.map((s) => html`<tr key=${s.id} data-session-id=${s.id} onClick=${() => onView(s.id)}>
      <td><button type="button" class="link" onClick=${(e) => { e.stopPropagation(); onView(s.id); }}>
        ${formatDate(s.held_on)}</button></td>
      <td>${s.attendee_count}</td>
      <td>${s.patients_discussed}</td>
      <td>${s.recommendations_open} open · ${s.recommendations_closed} closed</td>
    </tr>`)}</tbody>
  </table></div>`;
}
