// The caseload list: search as you type (name, MRN, date of birth), filter by status,
// program and flag, sort (by name, activity, who needs attention first or whose next
// contact is due first), and page through any number of patients. Each row shows where
// the patient stands: weeks in treatment, PHQ-9 against baseline, latest HbA1c and BP
// with their age, when they were last reached and are next due a contact, a recent ED
// visit or stay, and flags.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { kindLabel } from '../catalogue.js';
import { formatAgo, formatDate, formatMeasure, statusLabels } from '../format.js';
import { StatusBadge } from '../components/badges.js';
import { FlagBadges } from '../components/flag-badges.js';
import { Phq9Cell, LatestCell, ContactCell, TransitionBadge } from '../caseload/cells.js';
import { ScreenAllDialog } from '../screening/screen-all.js';

const PAGE = 50;

export function Caseload({ programs, onOpen, onNew, searchRef, remembered, remember }) {
  const [screening, setScreening] = useState(false);
  const [query, setQuery] = useState({ text: '', status: '', program: '', flag: '', sort: 'name', offset: 0, ...remembered });
  const [page, setPage] = useState(null);
  const [error, setError] = useState('');
  const latest = useRef(0);

  useEffect(() => {
    remember(query);
    const ticket = ++latest.current;
    // Typing fires a query per keystroke; a short pause keeps the list calm, and the
    // ticket drops answers that arrive after a newer question was asked.
    const timer = setTimeout(async () => {
      try {
        const result = await api.caseload({ ...query, limit: PAGE });
        if (ticket === latest.current) {
          setPage(result);
          setError('');
        }
      } catch (e) {
        if (ticket === latest.current) setError(e.message);
      }
    }, query.text ? 120 : 0);
    return () => clearTimeout(timer);
  }, [query]);

  const update = (field) => (event) => setQuery({ ...query, [field]: event.currentTarget.value, offset: 0 });
  const go = (offset) => setQuery({ ...query, offset });
  const total = page?.total ?? 0;
  const first = total === 0 ? 0 : query.offset + 1;
  const last = Math.min(query.offset + PAGE, total);

  return html`
    <section class="caseload" aria-labelledby="caseload-title">
      <header class="section-head">
        <h1 id="caseload-title">Caseload</h1>
        <button type="button" id="screen-all-open" onClick=${() => setScreening(true)}
          title="Patients not enrolled in a program who meet its criteria">Screen all</button>
        <button type="button" class="primary" id="new-patient" onClick=${onNew} title="New patient (Ctrl+N)">
          New patient <kbd>Ctrl N</kbd></button>
      </header>
      ${screening && html`<${ScreenAllDialog} programs=${programs} onOpenPatient=${onOpen}
        onClose=${() => setScreening(false)} />`}
      <div class="toolbar" role="search">
        <input type="search" id="caseload-search" ref=${searchRef} class="search"
          placeholder="Search name, MRN or date of birth" aria-label="Search the caseload"
          value=${query.text} onInput=${update('text')} autocomplete="off" spellcheck="false" />
        <label>Status
          <select id="filter-status" value=${query.status} onChange=${update('status')}>
            <option value="">All patients</option>
            <option value="not-enrolled">Not enrolled</option>
            ${Object.entries(statusLabels).map(([v, t]) => html`<option value=${v}>${t}</option>`)}
          </select>
        </label>
        <label>Program
          <select id="filter-program" value=${query.program} onChange=${update('program')}>
            <option value="">All programs</option>
            ${programs.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
          </select>
        </label>
        <label>Sort
          <select id="sort" value=${query.sort} onChange=${update('sort')}>
            <option value="name">Name</option>
            <option value="last-activity">Last activity</option>
            <option value="needs-attention">Needs attention</option>
            <option value="next-due">Next contact due</option>
          </select>
        </label>
        <label>Flags
          <select id="flag-filter" value=${query.flag} onChange=${update('flag')}>
            ${FLAG_FILTERS.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
          </select>
        </label>
      </div>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      <div class="table-wrap">
        <table id="caseload-table" class="list">
          <thead><tr>
            <th scope="col">Patient</th><th scope="col">Programs</th>
            <th scope="col" class="num" title="Weeks in treatment">Weeks</th>
            <th scope="col" title="Baseline → latest, change">${kindLabel('phq9')}</th>
            <th scope="col" title=${`Latest ${kindLabel('a1c')} and its age`}>${kindLabel('a1c')}</th>
            <th scope="col" title=${`Latest ${kindLabel('bp').toLowerCase()} and its age`}>BP</th>
            <th scope="col" title="When the next contact is due, and when the patient or their family was last reached">Contact</th>
            <th scope="col">Flags</th><th scope="col" class="col-activity">Last activity</th>
          </tr></thead>
          <tbody>
            ${page?.rows.map((row) => html`
              <tr key=${row.id} data-patient-id=${row.id} onClick=${() => onOpen(row.id)}
                class=${row.standing?.flags?.some((f) => f.kind === 'safety') ? 'has-safety' : undefined}>
                <td class="patient-cell"><button type="button" class="link patient-link" onClick=${(e) => { e.stopPropagation(); onOpen(row.id); }}>
                  ${row.last_name}, ${row.first_name}</button>${row.recent_transition && ' '}<${TransitionBadge} transition=${row.recent_transition} />
                  <div class="sub"><span class="mono">${row.mrn}</span> · <span class="nowrap">${formatDate(row.birth_date)} <span class="muted">(${row.age})</span></span></div></td>
                <td>${row.episodes.length === 0
                  ? html`<span class="muted">Not enrolled</span>`
                  : row.episodes.map((e) => html`<${StatusBadge} status=${e.status} program=${e.program_name} />`)}</td>
                <td class="num weeks">${row.standing?.weeks_in_treatment ?? html`<span class="muted">—</span>`}</td>
                <td class="phq9"><${Phq9Cell} standing=${row.standing} /></td>
                <td class="latest"><${LatestCell} dated=${row.standing?.latest_a1c} flags=${row.standing?.flags}
                  overdue="overdue-a1c" text=${(d) => formatMeasure('a1c', d)} /></td>
                <td class="latest"><${LatestCell} dated=${row.standing?.latest_bp} flags=${row.standing?.flags}
                  overdue="overdue-bp" text=${(d) => formatMeasure('bp', d)} /></td>
                <td class="latest next-contact"><${ContactCell} outreach=${row.outreach} /></td>
                <td class="flags-cell"><${FlagBadges} flags=${row.standing?.flags} compact /></td>
                <td class="nowrap col-activity">${formatAgo(row.last_activity_at)}</td>
              </tr>`)}
          </tbody>
        </table>
        ${page && total === 0 && html`<div class="empty" id="caseload-empty">
          ${query.text || query.status || query.program || query.flag
            ? 'No patient matches. Check the spelling, or clear the filters.'
            : 'No patients yet. Register your first patient with “New patient”.'}</div>`}
      </div>
      <footer class="pager" aria-live="polite">
        <span id="caseload-count">${page ? `${first}–${last} of ${total.toLocaleString()} ${total === 1 ? 'patient' : 'patients'}` : 'Loading…'}</span>
        <button type="button" disabled=${query.offset === 0} onClick=${() => go(Math.max(0, query.offset - PAGE))}>Previous</button>
        <button type="button" disabled=${last >= total} onClick=${() => go(query.offset + PAGE)}>Next</button>
      </footer>
    </section>`;
}

const FLAG_FILTERS = [
  ['', 'All patients'],
  ['attention', 'Needs attention'],
  ['safety', 'Safety flag'],
  ['not-improving', 'Not improving'],
  ['overdue', 'Overdue'],
  ['no-contact', 'No contact'],
  ['discuss', 'Discuss'],
];
