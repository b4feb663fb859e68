// Removing a value entered in error: it stays in the record, struck through, with the
// reason, and no longer counts.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, TextArea, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate } from '../format.js';

export function RemoveMeasureForm({ measure, onSaved, onClose }) {
  const form = useForm({ reason: '' });
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await api.removeMeasure(measure.id, v.reason);
      return true;
    });
    if (done) onSaved();
  }
  return html`
    <${Modal} title=${`Remove ${measure.kind_label} of ${formatDate(measure.taken_on)}`} onClose=${onClose} id="remove-measure-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="remove-measure-form" novalidate>
        <p class="dialog-lead">Remove <b>${measure.complete ? measure.display : 'this incomplete questionnaire'}</b>
          only if it was entered in error. It stays in the record, struck through as removed, and no longer counts.</p>
        <${TextArea} form=${form} name="reason" label="Reason" rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="remove-measure-submit" disabled=${form.busy}>
            Remove value <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
