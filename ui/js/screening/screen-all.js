// "Screen all": the patients not enrolled in a program who meet its criteria today,
// with the values that qualified them; clicking one opens them, as the caseload list
// does. Shown in a dialog opened from the caseload toolbar.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { kindLabel, quantityInfo } from '../catalogue.js';
import { formatDate, formatNumber } from '../format.js';
import { Modal } from '../components/modal.js';
import { ProgramSelect } from './program-select.js';

/** A quantity's latest value with its unit, and its date, small; a dash when there is none. */
function value(v, date, quantity) {
  if (v === null || v === undefined) return html`<span class="muted">—</span>`;
  const unit = quantityInfo(quantity)?.unit;
  return html`${formatNumber(v)}${unit ? ` ${unit}` : ''} <span class="muted small">${formatDate(date)}</span>`;
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
                <th scope="col">${kindLabel('phq9')}</th><th scope="col">${kindLabel('a1c')}</th><th scope="col">${kindLabel('bp')}</th>
                ${showLdl && html`<th scope="col">${kindLabel('ldl')}</th>`}
              </tr></thead>
              <tbody>
                ${rows.map((row) => html`
                  <tr key=${row.patient_id} data-patient-id=${row.patient_id} onClick=${() => onOpenPatient(row.patient_id)}>
                    <td><button type="button" class="link patient-link"
                      onClick=${(e) => { e.stopPropagation(); onOpenPatient(row.patient_id); }}>
                      ${row.last_name}, ${row.first_name}</button></td>
                    <td class="mono">${row.mrn}</td>
                    <td>${row.age}</td>
                    <td>${value(row.phq9, row.phq9_date, 'phq9')}</td>
                    <td>${value(row.a1c, row.a1c_date, 'a1c')}</td>
                    <td>${row.sbp === null || row.sbp === undefined
                      ? html`<span class="muted">—</span>`
                      : html`${formatNumber(row.sbp)}/${formatNumber(row.dbp)} <span class="muted small">${formatDate(row.bp_date)}</span>`}</td>
                    ${showLdl && html`<td>${value(row.ldl, row.ldl_date, 'ldl')}</td>`}
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
