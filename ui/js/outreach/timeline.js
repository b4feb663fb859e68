// The patient's timeline: contacts, ED visits and stays, enrollment moves, measures,
// safety flags and review recommendations in one list, newest first as the core sends
// them, with a filter per kind. The core words every entry; this only filters.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';

/** How many entries are shown before "Show all". */
const FIRST = 40;

/** The chip on one entry: the filter's word, singular enough to read on a line. */
const CHIPS = {
  contact: 'Contact', transition: 'Hospital/ED', enrollment: 'Enrollment',
  measure: 'Measure', safety: 'Safety', recommendation: 'Recommendation',
};

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` as a date and, when there is one, a time. */
function when(at) {
  const text = String(at ?? '');
  const time = text.slice(11, 16);
  return html`${formatDate(text.slice(0, 10))}${time && html` <span class="muted">${time}</span>`}`;
}

/** A new `refresh` value reloads the timeline (after outreach or measures change). */
export function Timeline({ patientId, refresh }) {
  const [entries, setEntries] = useState(null);
  // The kinds and their filter words, in the core's order (`TimelineKind::label`).
  const [kinds, setKinds] = useState([]);
  const [shown, setShown] = useState(new Set());
  const [error, setError] = useState('');
  const [all, setAll] = useState(false);
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    api.timeline(patientId).then(
      (result) => { if (mine === ticket.current) { setEntries(result.entries); setKinds(result.kinds); setError(''); } },
      (e) => { if (mine === ticket.current) setError(e.message); },
    );
  }, [patientId, refresh]);

  // No kind chosen shows everything; each button adds or removes its kind.
  const toggle = (kind) => {
    const next = new Set(shown);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setShown(next);
  };
  const present = new Set((entries ?? []).map((e) => e.kind));
  const matching = (entries ?? []).filter((e) => shown.size === 0 || shown.has(e.kind));
  // A long record would push the rest of the page away; the newest entries come first.
  const visible = all ? matching : matching.slice(0, FIRST);

  return html`
    <section class="timeline-panel" id="timeline" aria-labelledby="timeline-title">
      <header class="registry-head">
        <h2 id="timeline-title">Timeline</h2>
        <div class="timeline-filters" role="group" aria-label="Show only">
          <button type="button" class="timeline-filter" data-kind="all" aria-pressed=${shown.size === 0 ? 'true' : 'false'}
            onClick=${() => setShown(new Set())}>All</button>
          ${kinds.map(({ kind, label }) => html`<button type="button" class="timeline-filter" data-kind=${kind} key=${kind}
            aria-pressed=${shown.has(kind) ? 'true' : 'false'} disabled=${!present.has(kind) && !shown.has(kind)}
            onClick=${() => toggle(kind)}>${label}</button>`)}
        </div>
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!entries && !error && html`<p class="loading">Loading the timeline…</p>`}
      ${entries && visible.length === 0 && html`<p class="muted" id="timeline-empty">
        ${entries.length === 0 ? 'Nothing on the record yet.' : 'Nothing of these kinds.'}</p>`}
      ${visible.length > 0 && html`<ol class="timeline-list" id="timeline-list">
        ${visible.map((e) => html`<li class="timeline-entry" data-kind=${e.kind} key=${`${e.kind}:${e.id}:${e.at}`}>
          <span class="timeline-when">${when(e.at)}</span>
          <span class=${`timeline-chip kind-${e.kind}`}>${CHIPS[e.kind] ?? e.kind}</span>
          <div class="timeline-what">
            <div class="timeline-title">${e.title}</div>
            ${e.detail && html`<div class="timeline-detail muted small">${e.detail}</div>`}
          </div>
        </li>`)}
      </ol>`}
      ${matching.length > visible.length && html`<button type="button" class="link" id="timeline-more"
        onClick=${() => setAll(true)}>Show all ${matching.length} entries</button>`}
    </section>`;
}
