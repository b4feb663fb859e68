// Settings → Audit trail: who changed, opened, printed, exported, imported, backed up
// or restored what, and every unlock and failed unlock. Filter by patient (MRN),
// action and days; save the entries as CSV (spreadsheet-safe, itself recorded as an
// export); verify that no entry was changed or deleted since it was written.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { useForm, Field, FormMessage, submitOnEnter } from '../components/form.js';

// What each action means to a coordinator; an action not listed shows as stored.
const ACTIONS = {
  unlock: 'Unlocked',
  unlock_failed: 'Wrong passphrase',
  view: 'Opened a record',
  print: 'Printed',
  export: 'Exported',
  import: 'Imported',
  backup: 'Backed up',
  backup_failed: 'Backup failed',
  restore: 'Restored a backup',
  create: 'Added',
  update: 'Changed',
  delete: 'Removed',
  status: 'Status changed',
};
const actionLabel = (a) => ACTIONS[a] ?? a.replaceAll('_', ' ');

const EMPTY = { mrn: '', action: '', from: '', to: '' };

function details(line) {
  return line.changes
    .map((c) => (c.from === null || c.from === undefined
      ? `${c.field}: ${c.to ?? ''}`
      : `${c.field}: ${c.from} → ${c.to ?? '(empty)'}`))
    .join('; ');
}

export function AuditTrail() {
  const form = useForm(EMPTY);
  const [page, setPage] = useState(null);
  const [filter, setFilter] = useState(EMPTY);
  const [verified, setVerified] = useState(null);
  const [notice, setNotice] = useState('');

  async function load(wanted, offset = 0) {
    const result = await form.submit(() => api.auditPage({ ...wanted, offset }));
    if (!result) return;
    setFilter(wanted);
    setPage((before) => (offset > 0 && before
      ? { ...result, lines: [...before.lines, ...result.lines] }
      : result));
  }
  useEffect(() => { load(EMPTY); }, []);

  async function search(event) {
    event.preventDefault();
    setNotice('');
    await load({ ...form.values });
  }

  async function verify() {
    setVerified({ checking: true });
    try {
      setVerified(await api.auditVerify());
    } catch (e) {
      setVerified({ error: e.message });
    }
  }

  async function exportCsv() {
    setNotice('');
    try {
      const saved = await api.auditExportSave(filter);
      if (saved) setNotice(`Saved ${saved.entries} entries to ${saved.path}.`);
    } catch (e) {
      setNotice(e.message);
    }
  }

  return html`
    <div class="panel" id="audit-trail">
      <h2>Audit trail</h2>
      <p class="muted">Every change, every record opened (once per unlock), print, export, import,
        backup, restore, unlock and wrong passphrase. Each entry is chained to the one before it,
        so an entry changed or deleted afterwards is found by "Verify".</p>
      <form id="audit-filter" class="audit-filter" onSubmit=${search} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${Field} form=${form} name="mrn" label="Patient (MRN)" />
          <div class="field">
            <label for="field-action">Action</label>
            <select id="field-action" value=${form.values.action}
              onChange=${(e) => form.setValues({ ...form.values, action: e.target.value })}>
              <option value="">Any action</option>
              ${(page?.actions ?? []).map((a) => html`<option value=${a}>${actionLabel(a)}</option>`)}
            </select>
          </div>
          <${Field} form=${form} name="from" label="From" type="date" />
          <${Field} form=${form} name="to" label="To" type="date" />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="submit" class="primary" id="audit-search" disabled=${form.busy}>Show entries</button>
          <button type="button" id="audit-export" onClick=${exportCsv} disabled=${!page || page.total === 0}>Save as CSV…</button>
          <button type="button" id="audit-verify" onClick=${verify}>Verify audit trail</button>
        </div>
      </form>
      ${notice && html`<p class="notice" role="status" id="audit-notice">${notice}</p>`}
      ${verified && html`<${Verified} result=${verified} />`}
      ${page && html`
        <p class="muted" id="audit-count">${page.total === 0 ? 'No entries match.'
          : `${page.lines.length} of ${page.total} entries, newest first.`}</p>
        ${page.lines.length > 0 && html`
          <table class="audit-table" id="audit-entries">
            <thead><tr><th>When</th><th>Who</th><th>What</th><th>Patient</th><th>Details</th></tr></thead>
            <tbody>
              ${page.lines.map((l) => html`<tr key=${l.seq} data-action=${l.action}>
                <td class="nowrap">${formatDateTime(l.at)}</td>
                <td>${l.actor}</td>
                <td>${actionLabel(l.action)}${l.entity !== 'event' ? html` <span class="muted">${l.entity.replaceAll('_', ' ')}</span>` : ''}</td>
                <td>${l.patient ? `${l.patient.name} · ${l.patient.mrn}` : ''}</td>
                <td class="audit-details">${details(l)}</td>
              </tr>`)}
            </tbody>
          </table>`}
        ${page.lines.length < page.total && html`
          <button type="button" id="audit-more" onClick=${() => load(filter, page.lines.length)}>Show more</button>`}`}
    </div>`;
}

function Verified({ result }) {
  if (result.checking) return html`<p class="muted" role="status">Checking every entry…</p>`;
  if (result.error) return html`<div class="form-error" role="alert">${result.error}</div>`;
  if (!result.broken) {
    const checked = `The audit trail is intact: ${result.entries} entries checked, every link holds.`;
    return html`<p class="notice" role="status" id="audit-verified">${checked}</p>`;
  }
  const b = result.broken;
  return html`<div class="form-error" role="alert" id="audit-verified">
    The audit trail is broken at entry ${b.seq}${b.at ? ` (${formatDateTime(b.at)})` : ''}: ${b.why}</div>`;
}
