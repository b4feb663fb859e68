// Eligibility on a patient's page: each criterion of a program as met / not met / no
// recent data, with the value and date it was decided on. The core decides everything;
// this only draws it.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { quantityInfo } from '../catalogue.js';
import { formatDate, formatNumber } from '../format.js';
import { ProgramSelect } from './program-select.js';

const MARKS = { met: '✓', 'not-met': '✗', 'no-recent-data': '?' };
const OUTCOME_LABELS = { met: 'Met', 'not-met': 'Not met', 'no-recent-data': 'No recent data' };

/** How long ago, as the core words it in criteria (a value after the screening day
 *  reads as a negative number of days). */
function ago(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** What a leaf was decided on, in words, with the date as the rest of the app shows it. */
function leafDetail(node) {
  const e = node.evidence;
  if (node.kind !== 'measure' || !e) return node.detail ?? '';
  const unit = quantityInfo(node.measure)?.unit;
  const value = `${formatNumber(e.value)}${unit ? ` ${unit}` : ''}`;
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
