// Eligibility screening. `ScreeningPanel` shows, on a patient's page, each criterion of
// a program as met / not met / no recent data with the value and date it was decided
// on. `ScreenAll` lists the patients not enrolled in a program who meet its criteria
// today; clicking one opens them. The core decides everything; this only draws it.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { Modal } from '../components/modal.js';

const MARKS = { met: '✓', 'not-met': '✗', 'no-recent-data': '?' };
const OUTCOME_LABELS = { met: 'Met', 'not-met': 'Not met', 'no-recent-data': 'No recent data' };
const UNITS = { phq9: '', gad7: '', a1c: ' %', sbp: ' mmHg', dbp: ' mmHg', ldl: ' mg/dL', weight: ' kg' };

/** A number as the core prints it: at most one decimal, no trailing zero. */
function number(value) {
  if (value === null || value === undefined) return '';
  return String(Math.round(value * 10) / 10);
}

function ago(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** What a leaf was decided on, in words, with the date as the rest of the app shows it. */
function leafDetail(node) {
  const e = node.evidence;
  if (node.kind !== 'measure' || !e) return node.detail ?? '';
  const value = `${number(e.value)}${UNITS[node.measure] ?? ''}`;
  const when = `${formatDate(e.taken_on)} (${ago(e.age_days)})`;
  return e.within_window ? `${value} on ${when}` : `${value} on ${when}: older than the look-back window`;
}

function CriterionNode({ node }) {
  const leaf = node.kind === 'measure' || node.kind === 'age';
  return html`
    <li class=${`criterion ${leaf ? 'leaf' : 'group'}`} data-outcome=${node.outcome} data-kind=${node.kind}>
      <span class="mark" title=${OUTCOME_LABELS[node.outcome]} aria-hidden="true">${MARKS[node.outcome]}</span>
      <span class="sr-note">${OUTCOME_LABELS[node.outcome]}: </span>
      <span class="criterion-text">${node.text}</span>
      ${leaf && html`<span class=${`criterion-detail${node.evidence && !node.evidence.within_window ? ' stale' : ''}`}>
        ${leafDetail(node)}</span>`}
      ${node.children.length > 0 && html`<ul>${node.children.map((child) => html`<${CriterionNode} node=${child} />`)}</ul>`}
    </li>`;
}

function verdict(result) {
  const name = result.program_name;
  if (result.outcome === 'met') return `Meets the ${name} criteria`;
  if (result.outcome === 'not-met') return `Does not meet the ${name} criteria`;
  return `Cannot decide yet: a value the ${name} criteria need is missing or older than its look-back window`;
}

/** The program select both screening views share; remembers nothing on its own. */
function ProgramSelect({ id, programs, value, onChange }) {
  return html`
    <label class="screening-program">Program
      <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
        ${programs.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
    </label>`;
}

/** One patient against one program, today. Mounted on the patient page; a change of
 *  `refresh` (e.g. a counter bumped when a measure is recorded) screens again. */
export function ScreeningPanel({ patientId, programs, refresh }) {
  const [program, setProgram] = useState(programs[0]?.code ?? '');
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const latest = useRef(0);

  useEffect(() => {
    if (!programs.some((p) => p.code === program) && programs.length > 0) setProgram(programs[0].code);
  }, [programs]);

  useEffect(() => {
    if (!program || !patientId) return;
    // A slow answer for the previous program or patient must not replace the current one.
    const ticket = ++latest.current;
    setError('');
    api.screenPatient(patientId, program).then(
      (r) => { if (ticket === latest.current) setResult(r); },
      (e) => { if (ticket === latest.current) { setResult(null); setError(e.message); } },
    );
  }, [patientId, program, refresh]);

  const shown = result && result.program_code === program && result.patient_id === patientId ? result : null;
  return html`
    <section class="panel screening" id="screening-panel" aria-labelledby="screening-title">
      <header class="screening-head">
        <h2 id="screening-title">Eligibility</h2>
        <${ProgramSelect} id="screening-program" programs=${programs} value=${program} onChange=${setProgram} />
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${programs.length === 0 && html`<p class="muted">There are no programs to screen for.</p>`}
      ${!error && !shown && programs.length > 0 && html`<p class="loading">Screening…</p>`}
      ${shown && html`
        <p class="screening-verdict" id="screening-verdict" data-outcome=${shown.outcome}>
          <span class="mark" aria-hidden="true">${MARKS[shown.outcome]}</span> ${verdict(shown)}
          <span class="muted small"> · as of ${formatDate(shown.as_of)}</span>
          ${shown.open_status && html`<span class="muted small"> · already has an open ${shown.program_name} episode</span>`}
        </p>
        <ul class="screen-tree" id="screening-tree">
          ${shown.criteria.children.length > 0 && shown.criteria.kind === 'all'
            ? shown.criteria.children.map((child) => html`<${CriterionNode} node=${child} />`)
            : html`<${CriterionNode} node=${shown.criteria} />`}
        </ul>
        <p class="muted small">✓ met · ✗ not met · ? no recent data (never measured, or older than the look-back window)</p>`}
    </section>`;
}

function value(v, date, unit = '') {
  if (v === null || v === undefined) return html`<span class="muted">—</span>`;
  return html`${number(v)}${unit} <span class="muted small">${formatDate(date)}</span>`;
}

/** Patients not enrolled in a program who meet its criteria today. `onOpenPatient(id)`
 *  opens a patient, as the caseload list does. */
export function ScreenAll({ programs, onOpenPatient }) {
  const [program, setProgram] = useState(programs[0]?.code ?? '');
  const [rows, setRows] = useState(null);
  const [screened, setScreened] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!programs.some((p) => p.code === program) && programs.length > 0) setProgram(programs[0].code);
  }, [programs]);

  async function run() {
    setBusy(true);
    setError('');
    try {
      const result = await api.screenAll(program);
      setRows(result);
      setScreened(programs.find((p) => p.code === program) ?? null);
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  const choose = (code) => { setProgram(code); setRows(null); setScreened(null); };
  const showLdl = rows?.some((r) => r.ldl !== null && r.ldl !== undefined);
  return html`
    <section class="screen-all" id="screen-all" aria-labelledby="screen-all-title">
      <div class="toolbar">
        <${ProgramSelect} id="screen-all-program" programs=${programs} value=${program} onChange=${choose} />
        <button type="button" class="primary" id="screen-all-run" onClick=${run} disabled=${busy || !program}>
          ${busy ? 'Screening…' : 'Screen all'}</button>
      </div>
      <h2 id="screen-all-title" class="sr-note">Eligible patients not yet enrolled</h2>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${rows && html`
        <p id="screen-all-count" aria-live="polite">
          ${rows.length === 0
            ? `Nobody who is not enrolled in ${screened?.name ?? program} meets its criteria today.`
            : `${rows.length.toLocaleString()} ${rows.length === 1 ? 'patient meets' : 'patients meet'} the ${screened?.name ?? program} criteria and ${rows.length === 1 ? 'is' : 'are'} not enrolled.`}
        </p>
        ${rows.length > 0 && html`
          <div class="table-wrap">
            <table class="list" id="screen-all-table">
              <thead><tr>
                <th scope="col">Patient</th><th scope="col">MRN</th><th scope="col">Age</th>
                <th scope="col">PHQ-9</th><th scope="col">HbA1c</th><th scope="col">Blood pressure</th>
                ${showLdl && html`<th scope="col">LDL</th>`}
              </tr></thead>
              <tbody>
                ${rows.map((row) => html`
                  <tr key=${row.patient_id} data-patient-id=${row.patient_id} onClick=${() => onOpenPatient(row.patient_id)}>
                    <td><button type="button" class="link patient-link"
                      onClick=${(e) => { e.stopPropagation(); onOpenPatient(row.patient_id); }}>
                      ${row.last_name}, ${row.first_name}</button></td>
                    <td class="mono">${row.mrn}</td>
                    <td>${row.age}</td>
                    <td>${value(row.phq9, row.phq9_date)}</td>
                    <td>${value(row.a1c, row.a1c_date, ' %')}</td>
                    <td>${row.sbp === null || row.sbp === undefined
                      ? html`<span class="muted">—</span>`
                      : html`${number(row.sbp)}/${number(row.dbp)} <span class="muted small">${formatDate(row.bp_date)}</span>`}</td>
                    ${showLdl && html`<td>${value(row.ldl, row.ldl_date, ' mg/dL')}</td>`}
                  </tr>`)}
              </tbody>
            </table>
          </div>`}`}
    </section>`;
}

/** `ScreenAll` in a dialog, for opening from a toolbar button. */
export function ScreenAllDialog({ programs, onOpenPatient, onClose }) {
  return html`
    <${Modal} title="Screen all patients" onClose=${onClose} id="screen-all-dialog">
      <${ScreenAll} programs=${programs} onOpenPatient=${(id) => { onClose(); onOpenPatient(id); }} />
    <//>`;
}
