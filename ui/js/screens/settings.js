// Settings: where the store lives, the programs with their criteria, targets,
// follow-up and outreach rules, the clinic's holidays, the resource directory's
// staleness and referral follow-up, and how printouts look (clinic name, paper).
// Thresholds are program data: each program can be edited ("Edit thresholds") or
// copied under a new code ("Copy program"); the holidays are the clinic's, shared by
// every program. Data safety (backups, the automatic lock, the audit trail) comes last:
// those panels load on their own, and below the others they move nothing as they arrive.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { ProgramCard } from '../programs/program-card.js';
import { ProgramEditor } from '../programs/program-editor.js';
import { CopyProgram } from '../programs/copy-program.js';
import { ClinicHolidays } from '../settings/clinic-holidays.js';
import { DirectorySettings } from '../settings/directory-settings.js';
import { PrintSettings } from '../settings/print-settings.js';
import { Backups } from '../settings/backups.js';
import { AutoLockSettings } from '../settings/auto-lock.js';
import { AuditTrail } from '../settings/audit-trail.js';

/** `onProgramsChanged(programs)`, when given, hears about every edit or copy so the
 *  rest of the app can refresh its program lists. */
export function Settings({ status, programs, onLock, onProgramsChanged }) {
  const [list, setList] = useState(programs);
  const [editing, setEditing] = useState(null);
  const [copying, setCopying] = useState(null);
  const [notice, setNotice] = useState('');

  useEffect(() => { setList(programs); }, [programs]);
  // The shell loads programs once; an edit made on an earlier visit to Settings must
  // still show when the coordinator comes back.
  useEffect(() => { api.programs().then(setList, () => {}); }, []);

  async function reload(message) {
    setEditing(null);
    setCopying(null);
    setNotice(message);
    try {
      const fresh = await api.programs();
      setList(fresh);
      onProgramsChanged?.(fresh);
    } catch (e) {
      setNotice(e.message);
    }
  }

  return html`
    <section aria-labelledby="settings-title">
      <header class="section-head"><h1 id="settings-title">Settings</h1></header>
      <div class="panel">
        <h2>Caseload store</h2>
        <dl class="details">
          <dt>Location</dt><dd><code>${status.data_dir}</code></dd>
          <dt>Encryption</dt><dd>SQLCipher (AES-256), unlocked with your passphrase</dd>
          <dt>Store version</dt><dd>${status.schema_version}</dd>
          <dt>Caseload version</dt><dd>${status.app_version}</dd>
        </dl>
        <button type="button" onClick=${onLock}>Lock now <kbd>Ctrl L</kbd></button>
      </div>
      <div class="panel">
        <h2>Programs</h2>
        ${notice && html`<p class="notice" id="programs-notice" role="status">${notice}</p>`}
        ${list.map((p) => html`<${ProgramCard} key=${p.code} program=${p}
          onEdit=${() => setEditing(p)} onCopy=${() => setCopying(p)} />`)}
      </div>
      <${ClinicHolidays} />
      <${DirectorySettings} />
      <${PrintSettings} />
      <${Backups} />
      <${AutoLockSettings} />
      <${AuditTrail} />
      ${editing && html`<${ProgramEditor} program=${editing} onClose=${() => setEditing(null)}
        onSaved=${(saved) => reload(`Saved ${saved.name}.`)} />`}
      ${copying && html`<${CopyProgram} program=${copying} onClose=${() => setCopying(null)}
        onSaved=${(saved) => reload(`Created ${saved.name} (${saved.code}) as a copy of ${copying.name}.`)} />`}
    </section>`;
}
