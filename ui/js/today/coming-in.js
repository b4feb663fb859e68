// Coming in: the coordinator's patients with an appointment on a day (today, tomorrow
// for previsit planning, or any date), from the schedule imported from the EHR, each
// with what to prepare. Its own day switch, because the huddle is often about
// tomorrow while the worklist is about today. From here the schedule is imported and
// the huddle sheet and previsit agendas are saved or printed.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { addDays, formatDay, todayIso } from '../format.js';
import { PrintMenu, PrintNotice } from '../components/print-menu.js';
import { ScheduleImportDialog } from '../schedule/import-dialog.js';
import { Visit } from './visit.js';

// The day shown and the prep items ticked survive a visit to a patient and back (the
// ticks are a huddle's scratch marks: they are not kept in the store).
let remembered = { date: null, ticks: new Map(), expanded: false };

// Visits shown before "Show all": a clinic day brings 30–40 patients, and the
// worklist under this panel (safety flags first) must not be pushed off the screen.
const FIRST = 5;

/** "today", "tomorrow", or "Wed 2026-03-04". */
function dayName(date) {
  const today = todayIso();
  if (date === today) return 'today';
  if (date === addDays(today, 1)) return 'tomorrow';
  return formatDay(date);
}

export function ComingIn({ onOpen }) {
  const [date, setDate] = useState(remembered.date ?? todayIso());
  const [page, setPage] = useState(null);
  const [error, setError] = useState('');
  const [importing, setImporting] = useState(false);
  const [status, setStatus] = useState(null);
  const [ticks, setTicks] = useState(remembered.ticks);
  const [expanded, setExpanded] = useState(remembered.expanded);
  const latest = useRef(0);

  useEffect(() => { remembered = { date, ticks, expanded }; }, [date, ticks, expanded]);

  async function load() {
    const ticket = ++latest.current;
    try {
      const result = await api.comingIn(date);
      if (ticket !== latest.current) return;
      setPage(result);
      setError('');
    } catch (e) {
      if (ticket === latest.current) setError(e.message);
    }
  }
  useEffect(() => { load(); }, [date]);

  const today = todayIso();
  const tomorrow = addDays(today, 1);
  const pickDate = (next) => { if (next) { setStatus(null); setDate(next); } };
  const ticked = (patientId) => ticks.get(`${date}:${patientId}`) ?? new Set();
  function tick(patientId, key, on) {
    const next = new Map(ticks);
    const set = new Set(ticked(patientId));
    if (on) set.add(key); else set.delete(key);
    next.set(`${date}:${patientId}`, set);
    setTicks(next);
  }
  function imported(text) {
    setImporting(false);
    setStatus({ text });
    load();
  }

  const visits = page?.visits ?? [];
  // Nothing to print for a day nobody is coming in (or not yet read).
  const nobody = visits.length === 0;
  const request = { date };
  const who = dayName(date);
  return html`
    <section class="coming-in" id="coming-in" aria-labelledby="coming-in-title">
      <header class="coming-in-head">
        <h2 id="coming-in-title">Coming in ${page && html`<span class="count">(${visits.length})</span>`}</h2>
        <div class="today-date coming-in-day" role="group" aria-label="Which day">
          <button type="button" id="coming-in-today" aria-pressed=${date === today ? 'true' : 'false'}
            onClick=${() => pickDate(today)}>Today</button>
          <button type="button" id="coming-in-tomorrow" aria-pressed=${date === tomorrow ? 'true' : 'false'}
            onClick=${() => pickDate(tomorrow)}>Tomorrow</button>
          <label class="visually-hidden" for="coming-in-date">Day</label>
          <input type="date" id="coming-in-date" value=${date} required
            onChange=${(e) => pickDate(e.currentTarget.value)} />
        </div>
        <div class="head-actions coming-in-actions">
          <button type="button" id="schedule-import" onClick=${() => { setStatus(null); setImporting(true); }}>
            Import schedule…</button>
          <${PrintMenu} id="print-huddle" label="Huddle sheet" kind="huddle" request=${request}
            what=${`the huddle sheet for ${who}`} onStatus=${setStatus} disabled=${nobody} />
          <${PrintMenu} id="print-agendas" label="Previsit agendas" kind="agenda" request=${request}
            what=${`the previsit agendas for ${who}`} onStatus=${setStatus} disabled=${nobody} />
        </div>
      </header>
      <${PrintNotice} status=${status} id="coming-in-notice" />
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!page && !error && html`<p class="loading">Loading…</p>`}
      ${page && visits.length === 0 && html`<p class="empty coming-in-empty" id="coming-in-empty">
        No appointments for ${who} — import the schedule.</p>`}
      ${visits.length > 0 && html`<ol class="visits" id="coming-in-list">
        ${(expanded ? visits : visits.slice(0, FIRST)).map((v) => html`<${Visit} key=${v.patient_id} visit=${v}
          checked=${ticked(v.patient_id)} onCheck=${(key, on) => tick(v.patient_id, key, on)}
          onOpen=${() => onOpen(v.patient_id)} />`)}
      </ol>`}
      ${visits.length > FIRST && html`<p class="coming-in-more">
        <button type="button" id="coming-in-more" aria-expanded=${expanded ? 'true' : 'false'}
          onClick=${() => setExpanded(!expanded)}>
          ${expanded ? `Show the first ${FIRST} only` : `Show all ${visits.length} coming in ${who}`}</button>
      </p>`}
      ${importing && html`<${ScheduleImportDialog} onImported=${imported} onClose=${() => setImporting(false)} />`}
    </section>`;
}
