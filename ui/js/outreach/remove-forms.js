// Removing a contact or a transition entered in error: it needs a reason, and the
// removal is kept in the record (a removed contact stays in the log, struck through).
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, TextArea, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate } from '../format.js';

function RemoveForm({ id, title, lead, submitLabel, remove, onSaved, onClose }) {
  const form = useForm({ reason: '' });
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await remove(v.reason);
      return true;
    });
    if (done) onSaved();
  }
  return html`
    <${Modal} title=${title} onClose=${onClose} id=${`${id}-dialog`}>
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id=${`${id}-form`} novalidate>
        <p class="dialog-lead">${lead}</p>
        <${TextArea} form=${form} name="reason" label="Reason" rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id=${`${id}-submit`} disabled=${form.busy}>
            ${submitLabel} <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

export function RemoveContactForm({ contact, onSaved, onClose }) {
  return html`<${RemoveForm} id="remove-contact"
    title=${`Remove the ${contact.channel_label.toLowerCase()} contact of ${formatDate(contact.on_date)}`}
    lead="Remove a contact only if it was logged in error. It stays in the log, struck through as removed, and no longer counts for the cadence."
    submitLabel="Remove contact" remove=${(reason) => api.removeContact(contact.id, reason)}
    onSaved=${onSaved} onClose=${onClose} />`;
}

export function RemoveTransitionForm({ transition, onSaved, onClose }) {
  return html`<${RemoveForm} id="remove-transition"
    title=${`Remove the ${transition.kind_label.toLowerCase()} at ${transition.facility}`}
    lead="Remove it only if it was recorded in error (the wrong patient, a visit that did not happen). The removal and its reason are kept in the history."
    submitLabel="Remove" remove=${(reason) => api.removeTransition(transition.id, reason)}
    onSaved=${onSaved} onClose=${onClose} />`;
}
