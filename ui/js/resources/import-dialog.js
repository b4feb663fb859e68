// Importing an Open Referral HSDS package (its datapackage.json and the CSV files
// beside it). First a dry run: the core reads and checks every row and says
// what would be added, updated or left alone, which rows are bad and why, and which
// records were edited here and changed in the package too. Nothing is written until
// the coordinator confirms, choosing for each conflict whether the package's version
// wins and whether to leave the bad rows out.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { Modal } from '../components/modal.js';
import { JobProgress, isCancelled, useResourceJob } from './job-progress.js';

/** How many bad rows are listed (the rest are counted). */
const LISTED = 200;
const CANCELLED = 'Import cancelled; nothing was changed.';

/** "organization.csv, line 12, phone: …", like the core words a Problem. */
export function problemText(p) {
  return `${p.file}${p.line !== null && p.line !== undefined ? `, line ${p.line}` : ''}${p.column ? `, ${p.column}` : ''}: ${p.message}`;
}

const plural = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Imported: 120 added, 4 updated, 300 unchanged, 2 bad rows left out, 1 conflict kept ours." */
export function importedText(report, taken) {
  const parts = [`${report.added.toLocaleString()} added`, `${report.updated.toLocaleString()} updated`,
    `${report.unchanged.toLocaleString()} unchanged`];
  if (report.skipped_bad_rows && report.bad_rows > 0) parts.push(`${plural(report.bad_rows, 'bad row', 'bad rows')} left out`);
  const kept = report.conflicts.length - taken;
  if (kept > 0) parts.push(`${plural(kept, 'conflict', 'conflicts')} kept ours`);
  return `Imported: ${parts.join(', ')}.`;
}

/** `path` is the package the coordinator picked; `onImported(report, text)` runs once
 *  it is written. */
export function ImportDialog({ path, onImported, onClose }) {
  const job = useResourceJob();
  const [stage, setStage] = useState('previewing');
  const [report, setReport] = useState(null);
  const [result, setResult] = useState(null);
  const [skip, setSkip] = useState(false);
  const [take, setTake] = useState([]);
  const [problem, setProblem] = useState(null);

  async function preview() {
    setStage('previewing');
    setProblem(null);
    try {
      const dry = await job.run(() => api.previewImport(path));
      setReport(dry);
      setStage('report');
      setTimeout(() => document.getElementById('import-dry-run')?.focus(), 0);
    } catch (e) {
      setStage('stopped');
      setProblem(isCancelled(e) ? { cancelled: true, text: CANCELLED } : { text: e.message });
    }
  }
  useEffect(() => { preview(); }, []);

  async function confirm() {
    setStage('applying');
    setProblem(null);
    try {
      const done = await job.run(() => api.applyImport(path, { skip_bad_rows: skip, take_incoming: take }));
      const text = importedText(done, take.length);
      setResult({ report: done, text });
      setStage('done');
      onImported(done, text);
      setTimeout(() => document.getElementById('import-close')?.focus(), 0);
    } catch (e) {
      setStage('report');
      setProblem(isCancelled(e) ? { cancelled: true, text: CANCELLED } : { text: e.message });
    }
  }
  // Esc or Close while the job runs cancels it; the dialog then says so.
  const close = () => (job.isRunning() ? job.cancel() : onClose());

  const toggleTake = (id, on) => setTake((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  const blocked = report && report.bad_rows > 0 && !skip;
  return html`
    <${Modal} title="Import an HSDS package" onClose=${close} id="import-dialog">
      <p class="import-path"><span class="muted">Package</span> <code>${path}</code></p>
      ${stage === 'previewing' && html`<p class="loading" role="status">Reading and checking the package…</p>`}
      ${stage === 'applying' && html`<p class="loading" role="status">Importing…</p>`}
      <${JobProgress} job=${job} what=${stage === 'applying' ? 'Import' : 'Dry run'} />
      ${problem && html`<div class=${problem.cancelled ? 'notice' : 'form-error'} id="import-problem"
        role=${problem.cancelled ? 'status' : 'alert'}>${problem.text}</div>`}

      ${stage === 'stopped' && html`<div class="actions">
        <button type="button" onClick=${onClose}>Close</button>
        <button type="button" class="primary" id="import-retry" onClick=${preview}>Check the package again</button>
      </div>`}

      ${stage === 'done' && html`
        <p class="notice" id="import-result" role="status">${result.text}</p>
        ${result.report.notes.length > 0 && html`<ul class="import-notes">
          ${result.report.notes.map((n) => html`<li>${n}</li>`)}</ul>`}
        <div class="actions"><button type="button" class="primary" id="import-close" onClick=${onClose}>Close</button></div>`}

      ${(stage === 'report' || stage === 'applying') && report && html`
        <${DryRun} report=${report} take=${take} onTake=${toggleTake} locked=${stage === 'applying'} />
        ${report.bad_rows > 0 && html`<label class="check import-skip">
          <input type="checkbox" id="import-skip-bad" checked=${skip} disabled=${stage === 'applying'}
            onChange=${(e) => setSkip(e.currentTarget.checked)} />
          Import the good rows and leave the ${plural(report.bad_rows, 'bad row', 'bad rows')} out</label>`}
        <div class="actions">
          ${blocked && html`<span class="hint actions-note" id="import-blocked">The package has bad rows: tick the box
            above to import without them, or fix the package and import it again.</span>`}
          <button type="button" onClick=${close}>Cancel <kbd>Esc</kbd></button>
          <button type="button" class="primary" id="import-confirm" disabled=${blocked || stage === 'applying'}
            aria-describedby=${blocked ? 'import-blocked' : undefined} onClick=${confirm}>Import</button>
        </div>`}
    <//>`;
}

/** The dry run's report: counts per table, notes, bad rows and conflicts. */
function DryRun({ report, take, onTake, locked }) {
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  const listed = report.problems.slice(0, LISTED);
  const more = report.problems.length - listed.length + (report.problems_not_listed ?? 0);
  const nothing = report.added === 0 && report.updated === 0 && report.conflicts.length === 0;
  return html`
    <div class="dry-run" id="import-dry-run" tabindex="-1">
      <p class="dry-run-note" role="status"><strong>Dry run — nothing has been written yet.</strong>
        Check what the package would change, then import.</p>
      <p class="muted small">HSDS ${report.version} · ${plural(rows, 'row', 'rows')} read and checked in
        ${report.took_ms.toLocaleString()} ms</p>
    </div>
    <div class="table-wrap">
      <table class="list import-table" id="import-tables">
        <caption class="visually-hidden">What the import would do, per table</caption>
        <thead><tr>
          <th scope="col">Table</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Added</th>
          <th scope="col" class="num">Updated</th><th scope="col" class="num">Unchanged</th>
          <th scope="col" class="num">Conflicts</th><th scope="col" class="num">Bad</th>
        </tr></thead>
        <tbody>
          ${report.tables.map((t) => html`<tr key=${t.table} data-table=${t.table}>
            <th scope="row">${t.table} <span class="muted small">${t.file}</span></th>
            <td class="num">${t.rows.toLocaleString()}</td><td class="num">${t.added.toLocaleString()}</td>
            <td class="num">${t.updated.toLocaleString()}</td><td class="num">${t.unchanged.toLocaleString()}</td>
            <td class="num">${t.conflicts.toLocaleString()}</td>
            <td class=${`num${t.bad > 0 ? ' bad' : ''}`}>${t.bad.toLocaleString()}</td>
          </tr>`)}
        </tbody>
        <tfoot><tr id="import-totals">
          <th scope="row">Total</th><td class="num">${rows.toLocaleString()}</td>
          <td class="num">${report.added.toLocaleString()}</td><td class="num">${report.updated.toLocaleString()}</td>
          <td class="num">${report.unchanged.toLocaleString()}</td><td class="num">${report.conflicts.length.toLocaleString()}</td>
          <td class=${`num${report.bad_rows > 0 ? ' bad' : ''}`}>${report.bad_rows.toLocaleString()}</td>
        </tr></tfoot>
      </table>
    </div>
    ${nothing && report.bad_rows === 0 && html`<p class="muted">Nothing would change: the directory already has every row.</p>`}
    ${report.notes.length > 0 && html`<ul class="import-notes" id="import-notes">
      ${report.notes.map((n) => html`<li>${n}</li>`)}</ul>`}

    ${(listed.length > 0 || more > 0) && html`<section class="import-problems" aria-labelledby="import-problems-title">
      <h3 id="import-problems-title">What is wrong (${plural(listed.length + more, 'problem', 'problems')})</h3>
      <ul class="problem-list" id="import-problems">
        ${listed.map((p, i) => html`<li key=${i}>${problemText(p)}</li>`)}
      </ul>
      ${more > 0 && html`<p class="muted" id="import-problems-more">… and ${more.toLocaleString()} more</p>`}
    </section>`}

    ${report.conflicts.length > 0 && html`<section class="import-conflicts" aria-labelledby="import-conflicts-title">
      <h3 id="import-conflicts-title">Edited here and changed in the package (${report.conflicts.length.toLocaleString()})</h3>
      <p class="hint">Each keeps the version here unless you tick “Take incoming”.</p>
      <ul class="conflict-list" id="import-conflicts">
        ${report.conflicts.map((c, i) => html`<li class="conflict" key=${`${c.table}:${c.id}`} data-id=${c.id}>
          <label class="check">
            <input type="checkbox" id=${`import-take-${i}`} data-id=${c.id} checked=${take.includes(c.id)} disabled=${locked}
              onChange=${(e) => onTake(c.id, e.currentTarget.checked)} />
            Take incoming</label>
          <span class="conflict-name">${c.name || c.id}</span> <span class="muted small">${c.table}</span>
          <table class="conflict-fields">
            <thead><tr><th scope="col">Field</th><th scope="col">Here</th><th scope="col">Incoming</th></tr></thead>
            <tbody>${c.fields.map((f) => html`<tr key=${f.field}>
              <th scope="row">${f.field}</th>
              <td class=${take.includes(c.id) ? 'replaced' : 'kept'}>${f.here ?? html`<span class="muted">(empty)</span>`}</td>
              <td class=${take.includes(c.id) ? 'kept' : 'replaced'}>${f.incoming ?? html`<span class="muted">(empty)</span>`}</td>
            </tr>`)}</tbody>
          </table>
        </li>`)}
      </ul>
    </section>`}`;
}
