// Today's warning when the last good backup is more than three days old (or there is
// none): a laptop can be lost or its disk can fail, and a coordinator should hear about
// it where they start the day, with the one button that settles it.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';

// The automatic backup after unlock runs beside the window: look again a few times
// before calling it missing.
const RECHECK_MS = 5000;
const RECHECKS = 6;

export function BackupWarning() {
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    let checks = 0;
    let timer = null;
    let gone = false;
    const check = () => api.backupStatus().then((s) => {
      if (gone) return;
      setStatus(s);
      if (s.overdue && ++checks < RECHECKS) timer = setTimeout(check, RECHECK_MS);
    }, () => {});
    check();
    return () => { gone = true; clearTimeout(timer); };
  }, []);

  if (!status?.overdue) return null;

  async function backUp() {
    setBusy(true);
    setMessage('');
    try {
      await api.backupNow();
      setStatus(await api.backupStatus());
    } catch (e) {
      setMessage(e.message);
    } finally {
      setBusy(false);
    }
  }

  const last = status.last;
  return html`
    <div class="backup-warning" role="alert" id="backup-warning">
      <p>${last
        ? `The last good backup of this caseload was ${status.age_words} (${formatDateTime(last.at)}).`
        : 'No backup of this caseload has been made yet.'}
        ${' '}Back it up now, to a drive other than this laptop's if you can (Settings → Backups).</p>
      ${message && html`<p class="form-error">${message}</p>`}
      <button type="button" class="primary" id="backup-warning-now" disabled=${busy} onClick=${backUp}>
        ${busy ? 'Backing up…' : 'Back up now'}</button>
    </div>`;
}
