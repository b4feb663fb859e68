// Backups in Settings: the last good backup (when, how long ago, size, folder), shown
// as a warning once it is more than three days old (or none was ever made), "Back up
// now", "Change folder…" (the native folder dialog), and the backups in the folder,
// newest first, each with "Restore…". Restoring shows the backup's date and counts and
// asks for the passphrase again; the store as it is now is kept aside, and the whole
// app then reloads its state from the restored store.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { Modal } from '../components/modal.js';
import { useForm, Field, FormMessage } from '../components/form.js';
import { formatDateTime } from '../format.js';

/** 812 KB, 14.2 MB, 1.05 GB. */
export function formatSize(bytes) {
  const kb = 1024;
  if (bytes < kb * kb) return `${Math.max(1, Math.round(bytes / kb))} KB`;
  if (bytes < kb * kb * kb) return `${(bytes / kb / kb).toFixed(1)} MB`;
  return `${(bytes / kb / kb / kb).toFixed(2)} GB`;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export function Backups() {
  const [overview, setOverview] = useState(null);
  const [backups, setBackups] = useState([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [restoring, setRestoring] = useState(null);

  async function load() {
    try {
      const [fresh, list] = await Promise.all([api.backupStatus(), api.backupsList()]);
      setOverview(fresh);
      setBackups(list);
    } catch (e) {
      setError(e.message);
    }
  }
  useEffect(() => { load(); }, []);

  async function backUpNow() {
    setBusy(true);
    setNotice('');
    setError('');
    try {
      const made = await api.backupNow();
      const rotated = made.removed.length > 0
        ? ` ${plural(made.removed.length, 'older backup was', 'older backups were')} removed.`
        : '';
      setNotice(`Backed up and verified: ${made.file} (${formatSize(made.size)}).${rotated}`);
      await load();
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function changeFolder() {
    setNotice('');
    setError('');
    try {
      const fresh = await api.chooseBackupFolder();
      if (!fresh) return;
      setOverview(fresh);
      setBackups(await api.backupsList());
      setNotice(`Backups now go to ${fresh.folder}.`);
    } catch (e) {
      setError(e.message);
    }
  }

  // The status's fields and the folder come in one object (`backup_status`).
  const status = overview;
  const last = status?.last;
  return html`
    <div class="panel" id="backup-settings">
      <h2>Backups</h2>
      ${status && html`
        <div class=${`backup-status${status.overdue ? ' overdue' : ''}`} id="backup-status">
          ${last
            ? html`<dl class="details">
                <dt>Last good backup</dt>
                <dd id="backup-last">${formatDateTime(last.at)} · ${status.age_words}</dd>
                <dt>Size</dt><dd>${formatSize(last.size)}</dd>
                <dt>Folder</dt><dd><code>${last.folder}</code></dd>
              </dl>`
            : html`<p id="backup-last">No backup of this caseload has been made yet.</p>`}
          ${status.overdue && html`<p class="backup-overdue" role="alert">
            ${last ? `The last backup is ${status.age_words.replace(/ ago$/, '')} old.` : 'There is no backup.'}
            A lost or broken laptop would lose everything entered since. Back up now.</p>`}
        </div>
        <p class="muted small">Backups go to <code>${overview.folder}</code>${overview.folder_chosen
          ? '.' : ', beside the store: choose a folder on another drive so a backup outlives the laptop.'}${' '}
          Caseload backs up by itself once a day while it is unlocked, checks every backup, and
          keeps the newest of each of the last 14 days and 8 weeks. A backup opens only with
          your passphrase.</p>`}
      ${error && html`<div class="form-error" role="alert" id="backup-error">${error}</div>`}
      ${notice && html`<p class="notice" role="status" id="backup-notice">${notice}</p>`}
      <div class="actions">
        <button type="button" id="backup-folder" onClick=${changeFolder} disabled=${busy}>Change folder…</button>
        <button type="button" class="primary" id="backup-now" onClick=${backUpNow} disabled=${busy}>
          ${busy ? 'Backing up…' : 'Back up now'}</button>
      </div>
      ${backups.length > 0 && html`
        <div class="table-wrap backups-table">
          <table class="list" id="backups-list">
            <thead><tr><th>Taken</th><th>Size</th><th></th></tr></thead>
            <tbody>
              ${backups.map((b) => html`<tr key=${b.name}>
                <td>${formatDateTime(b.taken_at)}</td>
                <td>${formatSize(b.size)}</td>
                <td class="row-actions">
                  <button type="button" class="link" onClick=${() => setRestoring(b)}
                    aria-label=${`Restore the backup taken ${formatDateTime(b.taken_at)}`}>Restore…</button>
                </td>
              </tr>`)}
            </tbody>
          </table>
        </div>`}
      ${restoring && html`<${RestoreDialog} backup=${restoring} onClose=${() => setRestoring(null)} />`}
    </div>`;
}

/** What the backup holds, then the passphrase to confirm; reloads the app once restored. */
function RestoreDialog({ backup, onClose }) {
  const [summary, setSummary] = useState(null);
  const [loadError, setLoadError] = useState('');
  const form = useForm({ passphrase: '' });

  useEffect(() => {
    api.backupInspect(backup.name).then(setSummary, (e) => setLoadError(e.message));
  }, [backup.name]);

  async function restore(event) {
    event.preventDefault();
    const restored = await form.submit((v) => api.restoreBackup(backup.name, v.passphrase));
    // The store was replaced under every screen: start the app again from the top. A
    // refused restore may still have left the app locked (the store that is there did
    // not open with this passphrase): then the unlock screen is where to go.
    if (restored || !(await api.status().catch(() => ({ unlocked: false }))).unlocked) {
      window.location.reload();
    }
  }

  const counts = summary?.counts;
  return html`
    <${Modal} title="Restore a backup" onClose=${onClose} id="restore-dialog">
      <form onSubmit=${restore} id="restore-form" novalidate>
        ${summary
          ? html`<dl class="details" id="restore-summary">
              <dt>Taken</dt><dd>${summary.taken_at ? formatDateTime(summary.taken_at) : 'unknown'}</dd>
              <dt>Size</dt><dd>${formatSize(summary.size)}</dd>
              <dt>Patients</dt><dd>${counts.patients}</dd>
              <dt>Enrollments</dt><dd>${counts.enrollments}</dd>
              <dt>Measures</dt><dd>${counts.measures}</dd>
              <dt>Contacts</dt><dd>${counts.contacts}</dd>
              <dt>Care-plan goals</dt><dd>${counts.care_plan_goals}</dd>
              <dt>Referrals</dt><dd>${counts.referrals}</dd>
              <dt>Directory services</dt><dd>${counts.services}</dd>
              <dt>Audit entries</dt><dd>${counts.audit_entries}</dd>
              <dt>Checked</dt><dd>${summary.integrity_ok ? 'sound' : 'damaged: it cannot be restored'}</dd>
            </dl>`
          : loadError
            ? html`<div class="form-error" role="alert">${loadError}</div>`
            : html`<p class="muted">Reading the backup…</p>`}
        <p>The caseload goes back to this backup: anything entered after it was taken will not be
          in it. The store as it is now is kept aside in Caseload's data folder, not deleted.</p>
        <${Field} form=${form} name="passphrase" label="Your passphrase, to confirm" type="password"
          required autocomplete="current-password" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="restore-submit"
            disabled=${form.busy || !summary?.integrity_ok}>
            ${form.busy ? 'Restoring…' : 'Restore this backup'}</button>
        </div>
      </form>
    <//>`;
}
