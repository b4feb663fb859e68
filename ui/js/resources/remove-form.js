// Removing a service, an organization or a location from the directory. Removal is
// soft: the record stays (a referral made to a removed service still reads), marked
// removed with the reason given, and leaves search, the queue and exports.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { TextBox } from './fields.js';

const LEADS = {
  service: 'It leaves search and the verify queue and is no longer exported. Referrals already made to it keep its name.',
  organization: 'An organization can be removed once none of its services are left in the directory.',
  location: 'Its services are no longer listed at this address.',
};

/** `kind` is service, organization or location; `onRemoved()` runs once it is gone. */
export function RemoveResourceDialog({ kind, id, name, onRemoved, onClose }) {
  const form = useForm({ reason: '' });
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await api.removeResource(kind, id, v.reason.trim());
      return true;
    });
    if (done) onRemoved();
  }
  return html`
    <${Modal} title=${`Remove ${name || `this ${kind}`}`} onClose=${onClose} id=${`remove-${kind}-dialog`}>
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id=${`remove-${kind}-form`} novalidate>
        <p class="dialog-lead">${LEADS[kind]}</p>
        <${TextBox} form=${form} name="reason" id=${`remove-${kind}-reason`} label="Why is it being removed?" rows="2"
          hint="e.g. “closed in March”, “duplicate of another entry”" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id=${`remove-${kind}-submit`} disabled=${form.busy}>
            Remove ${kind} <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
