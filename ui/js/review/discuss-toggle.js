// The "discuss at case review" tick on the patient page, with an optional reason. The
// case review lists whoever is ticked; discussing them there clears the tick.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';

/** Ticks or unticks "discuss at case review", with an optional reason. */
export function DiscussToggle({ patient, mark, onChanged }) {
  const [reason, setReason] = useState(mark?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => { setReason(mark?.reason ?? ''); }, [mark?.id, mark?.reason]);

  async function run(action) {
    setBusy(true);
    setError('');
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(e.fields?.reason ?? e.message);
    } finally {
      setBusy(false);
    }
  }
  const toggle = (event) => {
    const on = event.currentTarget.checked;
    run(() => (on ? api.markDiscuss(patient.id, reason) : api.clearDiscuss(patient.id)));
  };
  const saveReason = (event) => {
    event.preventDefault();
    run(() => api.markDiscuss(patient.id, reason));
  };
  const reasonChanged = reason.trim() !== (mark?.reason ?? '');

  return html`
    <form class=${`discuss${mark ? ' marked' : ''}`} id="discuss" onSubmit=${saveReason}>
      <label class="check">
        <input type="checkbox" id="discuss-toggle" checked=${!!mark} disabled=${busy} onChange=${toggle} />
        Discuss at case review</label>
      <input type="text" id="discuss-reason" class="discuss-reason" aria-label="Reason to discuss (optional)"
        placeholder="Reason (optional)" value=${reason} maxlength="500" disabled=${busy}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? 'discuss-error' : undefined}
        onInput=${(e) => setReason(e.currentTarget.value)} />
      ${mark && reasonChanged && html`<button type="submit" id="discuss-save" disabled=${busy}>Save reason</button>`}
      ${mark && html`<span class="discuss-by small muted" id="discuss-marked">Ticked by ${mark.marked_by} on ${formatDate(mark.marked_on)}</span>`}
      ${error && html`<div class="field-error" id="discuss-error" role="alert">${error}</div>`}
    </form>`;
}
