// Referring to a service nobody has checked lately: a phone number that moved, hours
// that changed or a program that closed send the patient to a dead end, so the form
// says so before the referral is made. The coordinator either verifies the service
// on the spot (a call, its website) or refers anyway and writes why; the reason is
// kept with the referral.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { FieldBox, describedBy, optionList } from './fields.js';
import { terms } from './vocabulary.js';

// Who verified last, for this session: the coordinator verifying a second service
// need not type their own name again.
let lastVerifier = '';

/** The age of the service's verification in words, from the core's Verification. */
function ageText(verification) {
  if (!verification) return 'This service has not been verified lately.';
  if (verification.text) return verification.text.endsWith('.') ? verification.text : `${verification.text}.`;
  if (verification.days_ago === null || verification.days_ago === undefined) return 'Never verified.';
  return `Verified ${verification.days_ago} days ago (${formatDate(verification.verified_on)}).`;
}

/** The warning, the verify form it opens and the reason to refer anyway. `message` is
 *  the core's, when it refused the referral (it says how old the verification is);
 *  otherwise the service's own verification is worded. `onVerified(detail)` gets the
 *  ServiceDetail the verification returned. */
export function StaleWarning({ service, message, reason, onReason, reasonError, onVerified }) {
  const [verifying, setVerifying] = useState(false);
  const afterDays = service.verification?.stale_after_days;
  return html`
    <div class="stale-block">
      <div class="stale-warning" id="stale-warning" role="alert">
        <strong>Check this service before you refer.</strong>
        <span class="stale-age">${message || ageText(service.verification)}</span>
        <span class="stale-why">Its phone, hours or eligibility may have changed${afterDays
          ? ` (details count as out of date after ${afterDays} days)` : ''}. Verify it now, or refer anyway and say why.</span>
        ${!verifying && html`<button type="button" class="small-button" id="stale-verify"
          onClick=${() => setVerifying(true)}>Verify now…</button>`}
      </div>
      ${verifying && html`<${VerifyInline} service=${service} onCancel=${() => setVerifying(false)}
        onVerified=${(detail) => { setVerifying(false); onVerified(detail); }} />`}
      <${FieldBox} id="referral-stale-reason" label="Why refer without verifying" error=${reasonError} wide required
        hint="Kept with the referral, e.g. “called twice, no answer; patient knows the place”">
        <textarea id="referral-stale-reason" rows="2" value=${reason}
          onInput=${(e) => onReason(e.currentTarget.value)} aria-invalid=${reasonError ? 'true' : undefined}
          aria-describedby=${describedBy('referral-stale-reason', reasonError, true)}></textarea>
      <//>
    </div>`;
}

/** A small verify form inside the referral form. It cannot be a <form> of its own
 *  (forms do not nest), so Enter in its fields is caught here rather than sending the
 *  referral. Its ids are the directory's verify form's, so it reads and tests the same. */
function VerifyInline({ service, onVerified, onCancel }) {
  const ways = terms('verify_how').filter((t) => t.value !== 'import');
  const [how, setHow] = useState(ways[0]?.value ?? 'phone');
  const [by, setBy] = useState(lastVerifier);
  const [changes, setChanges] = useState('');
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function verify() {
    if (busy) return;
    setBusy(true);
    setMessage('');
    try {
      const detail = await api.verifyResource(service.id, { how, by: by.trim(), note: '', changes });
      lastVerifier = by.trim();
      onVerified(detail);
    } catch (e) {
      setErrors(e.fields ?? {});
      setMessage(e.message);
      setBusy(false);
    }
  }
  const onKey = (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const inTextArea = event.target.tagName === 'TEXTAREA';
    if (inTextArea && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    event.stopPropagation();
    verify();
  };

  return html`
    <div class="verify-inline" id="verify-form" role="group" aria-labelledby="verify-inline-title" onKeyDown=${onKey}>
      <h3 id="verify-inline-title">Verify ${service.name} today</h3>
      <div class="grid">
        <${FieldBox} id="verify-how" label="How" error=${errors.how}>
          <select id="verify-how" value=${how} onChange=${(e) => setHow(e.currentTarget.value)}
            aria-describedby=${describedBy('verify-how', errors.how)}>
            ${optionList(ways.map((t) => [t.value, t.label]))}
          </select>
        <//>
        <${FieldBox} id="verify-by" label="Verified by" error=${errors.by} required>
          <input id="verify-by" value=${by} autocomplete="off" onInput=${(e) => setBy(e.currentTarget.value)}
            aria-invalid=${errors.by ? 'true' : undefined} aria-describedby=${describedBy('verify-by', errors.by)} />
        <//>
        <${FieldBox} id="verify-changes" label="What changed" error=${errors.changes} wide
          hint="Leave empty if everything was still right">
          <textarea id="verify-changes" rows="2" value=${changes} onInput=${(e) => setChanges(e.currentTarget.value)}
            aria-describedby=${describedBy('verify-changes', errors.changes, true)}></textarea>
        <//>
      </div>
      ${message && html`<div class="form-error" role="alert">${message}</div>`}
      <div class="actions">
        <button type="button" class="small-button" onClick=${onCancel}>Not now</button>
        <button type="button" class="primary small-button" id="verify-save" disabled=${busy} onClick=${verify}>
          Mark verified today</button>
      </div>
    </div>`;
}
