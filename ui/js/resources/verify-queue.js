// The verify queue: every stale service (not verified within the clinic's setting, or
// never), the longest unverified first, so a coordinator with a spare half hour can
// call down the list. "Verified today…" on a line opens the verify form; a verified
// service leaves the queue.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { ResultItem, moveInList } from './result-list.js';
import { VerifyDialog } from './verify-form.js';

/** How many lines the queue asks for (the core's default page). */
const QUEUE_LIMIT = 200;

/** `refresh` (a number) reloads the queue; `onVerified(page)` hears about each
 *  verification (the screen recounts the tab). */
export function VerifyQueue({ onOpen, onVerified, onLeaveTop, refresh }) {
  const [queue, setQueue] = useState(null);
  const [verifying, setVerifying] = useState(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    api.verifyQueue(QUEUE_LIMIT).then(
      (list) => { if (mine === ticket.current) { setQueue(list); setError(''); } },
      (e) => { if (mine === ticket.current) setError(e.message); },
    );
  }, [refresh]);

  function verified(page) {
    const at = queue.findIndex((s) => s.id === page.id);
    setQueue((list) => list.filter((s) => s.id !== page.id));
    setVerifying(null);
    setNotice(`Marked ${page.name} verified today.`);
    onVerified?.(page);
    // The next line down takes the focus the dialog hands back.
    setTimeout(() => {
      const buttons = document.querySelectorAll('#verify-queue .verify-quick');
      (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById('resources-tab-queue'))?.focus();
    }, 0);
  }

  return html`
    <div class="verify-queue-panel">
      <p class="queue-lead muted">Services not verified lately, the longest unverified first. Call them, check their
        website, then mark them verified.</p>
      ${notice && html`<p class="notice" id="queue-notice" role="status">${notice}</p>`}
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!queue && !error && html`<p class="loading">Loading…</p>`}
      ${queue && queue.length >= QUEUE_LIMIT && html`<p class="muted small" id="verify-queue-limit">The
        ${QUEUE_LIMIT} longest unverified are listed; more follow as these are verified.</p>`}
      ${queue && queue.length > 0 && html`
        <ul class="resource-results" id="verify-queue" aria-label="Services to verify"
          onKeyDown=${(e) => moveInList(e, onLeaveTop)}>
          ${queue.map((hit) => html`<${ResultItem} key=${hit.id} hit=${hit} onOpen=${onOpen}
            action=${html`<button type="button" class="verify-quick small-button" data-id=${hit.id}
              onClick=${() => setVerifying(hit)}>Verified today…</button>`} />`)}
        </ul>`}
      ${queue && queue.length === 0 && html`<div class="empty panel" id="verify-queue-empty">
        Every service has been verified lately. Nothing to check.</div>`}
      ${verifying && html`<${VerifyDialog} service=${verifying} onVerified=${verified}
        onClose=${() => setVerifying(null)} />`}
    </div>`;
}
