// One enrollment episode on the patient page: its program and status, the timeline of
// moves, consent and referral, and a button for each move the core allows next.
import { html } from '../html.js';
import { StatusBadge } from '../components/badges.js';
import { formatDate, reasonLabels, statusLabels } from '../format.js';

export function Episode({ episode, onMove }) {
  return html`
    <article class=${`episode${episode.is_open ? '' : ' closed'}`} data-program=${episode.program_code}>
      <header>
        <h3>${episode.program_name}</h3>
        <${StatusBadge} status=${episode.status} />
      </header>
      <ol class="timeline">
        ${episode.events.map((ev) => html`<li>
          <span class="date">${formatDate(ev.on_date)}</span> ${statusLabels[ev.to_status]}
          ${ev.reason && html` — ${reasonLabels[ev.reason] ?? ev.reason}`}
          ${ev.note && html`<div class="muted">${ev.note}</div>`}
        </li>`)}
      </ol>
      <p class="facts small">
        <span>Consent: ${episode.consent_on ? formatDate(episode.consent_on) : html`<em>not recorded</em>`}</span>
        ${episode.referral_source && html`<span>Source: ${episode.referral_source}</span>`}
        ${episode.referred_by && html`<span>Referred by ${episode.referred_by}</span>`}
      </p>
      ${episode.allowed_next.length > 0 && html`<div class="moves">
        ${episode.allowed_next.map((to) => html`<button type="button" class=${`move to-${to}`} data-to=${to}
          onClick=${() => onMove(to)}>${moveLabel(to)}</button>`)}
      </div>`}
    </article>`;
}

function moveLabel(to) {
  return {
    screening: 'Start screening',
    active: 'Activate',
    graduated: 'Graduate',
    'relapse-watch': 'Relapse watch',
    disenrolled: 'Disenroll…',
  }[to] ?? statusLabels[to];
}
