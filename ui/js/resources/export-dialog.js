// Exporting the directory as an Open Referral HSDS package (CSV files and their
// datapackage.json) that another HSDS tool can read: the whole directory or one
// category, into a folder the coordinator picks. A cancelled or failed export leaves
// no half-written package behind.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { Modal } from '../components/modal.js';
import { JobProgress, isCancelled, useResourceJob } from './job-progress.js';

const CANCELLED = 'Export cancelled; no files were left behind.';

/** `categories` are the directory's (resourceCategories()). */
export function ExportDialog({ categories, onClose }) {
  const job = useResourceJob();
  const [category, setCategory] = useState('');
  const [picking, setPicking] = useState(false);
  const [report, setReport] = useState(null);
  const [problem, setProblem] = useState(null);

  async function start() {
    setProblem(null);
    setReport(null);
    setPicking(true);
    let dir = null;
    try {
      dir = await api.pickExportFolder();
    } catch (e) {
      setProblem({ text: e.message });
    } finally {
      setPicking(false);
    }
    if (!dir) return;
    try {
      const done = await job.run(() => api.exportResources(dir, category));
      setReport(done);
      setTimeout(() => document.getElementById('export-close')?.focus(), 0);
    } catch (e) {
      setProblem(isCancelled(e) ? { cancelled: true, text: CANCELLED } : { text: e.message });
    }
  }
  const close = () => (job.isRunning() ? job.cancel() : onClose());

  const chosen = categories.find((c) => c.id === category);
  const busy = picking || job.running;
  return html`
    <${Modal} title="Export an HSDS package" onClose=${close} id="export-dialog">
      <p class="dialog-lead">Writes Open Referral HSDS files (CSV with a datapackage.json) into a folder you choose.
        Removed services are left out.</p>
      <div class="grid">
        <div class="field wide">
          <label for="export-category">What to export</label>
          <select id="export-category" value=${category} disabled=${busy}
            onChange=${(e) => { setCategory(e.currentTarget.value); setReport(null); }}>
            <option value="">The whole directory</option>
            ${categories.map((c) => html`<option value=${c.id}>${c.name} (${c.services})</option>`)}
          </select>
        </div>
      </div>
      ${job.running && html`<p class="loading" role="status">Exporting${chosen ? ` ${chosen.name}` : ''}…</p>`}
      <${JobProgress} job=${job} what="Export" />
      ${problem && html`<div class=${problem.cancelled ? 'notice' : 'form-error'} id="export-problem"
        role=${problem.cancelled ? 'status' : 'alert'}>${problem.text}</div>`}
      ${report && html`
        <p class="notice" id="export-result" role="status">
          Exported ${report.services.toLocaleString()} ${report.services === 1 ? 'service' : 'services'} to
          <code>${report.dir}</code>.</p>
        <div class="table-wrap">
          <table class="list export-table" id="export-files">
            <caption class="visually-hidden">Files written</caption>
            <thead><tr><th scope="col">File</th><th scope="col" class="num">Rows</th></tr></thead>
            <tbody>${report.tables.map((t) => html`<tr key=${t.file} data-table=${t.table}>
              <td><code>${t.file}</code></td><td class="num">${t.rows.toLocaleString()}</td></tr>`)}</tbody>
          </table>
        </div>
        ${report.left_out > 0 && html`<p class="muted" id="export-left-out">${report.left_out.toLocaleString()}
          ${report.left_out === 1 ? 'row was' : 'rows were'} left out: what they belong to was removed${category
            ? ' or is outside the chosen category' : ''}.</p>`}`}
      <div class="actions">
        ${report
          ? html`<button type="button" class="primary" id="export-close" onClick=${onClose}>Close</button>`
          : html`<button type="button" onClick=${close}>Cancel <kbd>Esc</kbd></button>
            <button type="button" class="primary" id="export-choose" disabled=${busy} onClick=${start}>
              Choose a folder and export…</button>`}
      </div>
    <//>`;
}
