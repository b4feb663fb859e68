// "Verified today": the coordinator checked a service (a call, its website, a visit)
// and says how, who, and what had changed. The core stamps today's date and keeps the
// line in the service's verification history. Its ids are the ones the referral form's
// inline verify form uses (referrals/stale-service.js), so both read and test alike.
import { html, useLayoutEffect, useRef } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { terms } from '../referrals/vocabulary.js';

// Who verified last: the coordinator working down the queue types their name once.
let lastVerifier = '';

/** The form alone. `onVerified(page)` gets the ServicePage the core returns; `inline`
 *  forms (on the service page) take Esc as Cancel and show a heading. Needs the
 *  directory vocabulary loaded. */
export function VerifyForm({ service, onVerified, onCancel, inline = false }) {
  const ways = terms('verify_how').filter((t) => t.value !== 'import');
  const form = useForm({ how: ways[0]?.value ?? 'phone', by: lastVerifier, changes: '' });
  const first = useRef(null);
  useLayoutEffect(() => { if (inline) first.current?.focus(); }, []);

  async function save(event) {
    event.preventDefault();
    const page = await form.submit(async (v) => {
      const by = v.by.trim();
      const result = await api.verifyResource(service.id, { how: v.how, by, note: '', changes: v.changes.trim() });
      lastVerifier = by;
      return result;
    });
    if (page) onVerified(page);
  }
  const onKey = (event) => {
    if (inline && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    submitOnEnter(event);
  };

  const { errors } = form;
  return html`
    <form id="verify-form" class=${`verify-form${inline ? ' inline' : ''}`} onSubmit=${save} onKeyDown=${onKey}
      novalidate aria-labelledby=${inline ? 'verify-form-title' : undefined}>
      ${inline && html`<h3 id="verify-form-title">Verify this service today</h3>`}
      <div class="grid">
        <${FieldBox} id="verify-how" label="How did you check?" error=${errors.how}>
          <select id="verify-how" ref=${first} value=${form.values.how} onChange=${form.set('how')}
            aria-invalid=${errors.how ? 'true' : undefined} aria-describedby=${describedBy('verify-how', errors.how)}>
            ${optionList(ways.map((t) => [t.value, t.label]))}
          </select>
        <//>
        <${FieldBox} id="verify-by" label="Verified by" error=${errors.by} hint="Your name or initials">
          <input id="verify-by" value=${form.values.by} autocomplete="off" onInput=${form.set('by')}
            aria-invalid=${errors.by ? 'true' : undefined}
            aria-describedby=${describedBy('verify-by', errors.by, true)} />
        <//>
        <${FieldBox} id="verify-changes" label="What changed? (optional)" error=${errors.changes} wide
          hint="A new phone number, other hours, a closed program… Leave empty if everything was still right.">
          <textarea id="verify-changes" rows="3" value=${form.values.changes} onInput=${form.set('changes')}
            aria-invalid=${errors.changes ? 'true' : undefined}
            aria-describedby=${describedBy('verify-changes', errors.changes, true)}></textarea>
        <//>
      </div>
      <p class="hint">What changed is noted in the verification history; edit the service to change its details.</p>
      <${FormMessage} form=${form} />
      <div class="actions">
        <button type="button" onClick=${onCancel}>Cancel <kbd>Esc</kbd></button>
        <button type="submit" class="primary" id="verify-save" disabled=${form.busy}>
          Mark verified today <kbd>Ctrl Enter</kbd></button>
      </div>
    </form>`;
}

/** The form in its dialog (the verify queue's quick action). */
export function VerifyDialog({ service, onVerified, onClose }) {
  return html`<${Modal} title=${`Verify ${service.name} today`} onClose=${onClose} id="verify-dialog">
    ${service.organization_name && html`<p class="dialog-lead">${service.organization_name}${service.phone
      ? ` · ${service.phone}` : ''}</p>`}
    <${VerifyForm} service=${service} onVerified=${onVerified} onCancel=${onClose} />
  <//>`;
}
