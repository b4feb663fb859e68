// The plan's history: a version was kept after every change, with who made it and
// what it was. Any earlier version opens read only, exactly as the plan then stood
// (the core keeps each one whole, targets' standing included).
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { Modal } from '../components/modal.js';
import { formatDateTime } from '../format.js';
import { PlanView } from './plan-view.js';

/** `patientId`; a new `refresh` value (the plan's version number) reloads the list
 *  when it is open. */
export function History({ patientId, refresh }) {
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState(null);
  const [shown, setShown] = useState(null);
  const [error, setError] = useState('');
  const ticket = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++ticket.current;
    api.carePlanVersions(patientId).then(
      (list) => { if (mine === ticket.current) { setVersions(list); setError(''); } },
      (e) => { if (mine === ticket.current) setError(e.message); },
    );
  }, [patientId, refresh, open]);

  async function view(version) {
    setError('');
    try {
      setShown(await api.carePlanVersion(patientId, version));
    } catch (e) {
      setError(e.message);
    }
  }

  return html`
    <section class="cp-section cp-history" id="cp-history" aria-labelledby="cp-history-title">
      <details open=${open} onToggle=${(e) => setOpen(e.currentTarget.open)}>
        <summary><h3 id="cp-history-title">History</h3>
          <span class="muted small">${refresh > 0 ? `${refresh} ${refresh === 1 ? 'version' : 'versions'}` : 'no changes yet'}</span></summary>
        ${error && html`<div class="form-error" role="alert">${error}</div>`}
        ${open && !versions && !error && html`<p class="loading">Loading the history…</p>`}
        ${versions && versions.length > 0 && html`<ol class="cp-version-list" id="cp-versions">
          ${versions.map((v, i) => html`<li key=${v.version} class="cp-version" data-version=${v.version}>
            <span class="cp-version-number">v${v.version}</span>
            <span class="cp-version-change">${v.change}</span>
            <span class="muted small">${formatDateTime(v.saved_at)} · ${v.actor}</span>
            ${i === 0
              ? html`<span class="small cp-version-current">current</span>`
              : html`<button type="button" class="small-button cp-version-view" onClick=${() => view(v.version)}>View</button>`}
          </li>`)}
        </ol>`}
      </details>
      ${shown && html`<${Modal} title=${`The plan as of version ${shown.version}`} onClose=${() => setShown(null)} id="cp-version-dialog">
        <p class="dialog-lead" id="cp-version-lead">Read only: ${shown.change}, ${formatDateTime(shown.saved_at)} by ${shown.actor}.</p>
        <div class="cp-readonly">
          <${PlanView} plan=${shown.plan} />
        </div>
        <div class="actions"><button type="button" onClick=${() => setShown(null)}>Close <kbd>Esc</kbd></button></div>
      <//>`}
    </section>`;
}
