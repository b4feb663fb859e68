// Recording a social need (a Gravity category, where it stands, a note), updating one
// as it is worked on, and removing one recorded in error (with a reason, kept in the
// history). Dialogs opened from the needs panel.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy, optionList } from './fields.js';
import { options } from './vocabulary.js';

/** A new need for `patientId`, or `need` updated (its category stays: a different
 *  need is a new one). The vocabulary must be loaded. */
export function NeedForm({ patientId, need, onSaved, onClose }) {
  const editing = !!need;
  const form = useForm({
    category: need?.category ?? '', status: need?.status ?? 'identified', note: need?.note ?? '',
  });
  const { values, errors } = form;

  async function save(event) {
    event.preventDefault();
    const draft = { patient_id: need?.patient_id ?? patientId, category: values.category, status: values.status, note: values.note };
    const saved = await form.submit(() => (editing ? api.updateNeed(need.id, draft) : api.addNeed(draft)));
    if (saved) onSaved(saved);
  }

  const title = editing ? `Update the need: ${need.category_label}` : 'Add a social need';
  return html`
    <${Modal} title=${title} onClose=${onClose} id="need-dialog">
      <form id="need-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          ${!editing && html`<${FieldBox} id="need-category" label="Need" error=${errors.category} required wide>
            <select id="need-category" value=${values.category} onChange=${form.set('category')}
              aria-invalid=${errors.category ? 'true' : undefined} aria-describedby=${describedBy('need-category', errors.category)}>
              ${optionList([['', 'Choose the need…'], ...options('needs')])}
            </select>
          <//>`}
          <${FieldBox} id="need-status" label="Where it stands" error=${errors.status}>
            <select id="need-status" value=${values.status} onChange=${form.set('status')}
              aria-describedby=${describedBy('need-status', errors.status)}>${optionList(options('need_statuses'))}</select>
          <//>
          <${FieldBox} id="need-note" label="Note" error=${errors.note} wide>
            <textarea id="need-note" rows="3" value=${values.note} onInput=${form.set('note')}
              aria-describedby=${describedBy('need-note', errors.note)}></textarea>
          <//>
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="need-save" disabled=${form.busy}>${editing ? 'Save' : 'Add need'}</button>
        </div>
      </form>
    <//>`;
}

/** Removing `need` (recorded in error, or for the wrong patient); a reason is required. */
export function RemoveNeedForm({ need, onSaved, onClose }) {
  const form = useForm({ reason: '' });
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await api.removeNeed(need.id, v.reason);
      return true;
    });
    if (done) onSaved();
  }
  const error = form.errors.reason;
  return html`
    <${Modal} title=${`Remove the need: ${need.category_label}`} onClose=${onClose} id="need-remove-dialog">
      <form id="need-remove-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <p class="dialog-lead">Remove a need only if it was recorded in error. A need that was met is
          marked “resolved” instead (Edit). The removal and its reason are kept in the history.</p>
        <${FieldBox} id="need-remove-reason" label="Reason" error=${error} required wide>
          <textarea id="need-remove-reason" rows="2" value=${form.values.reason} onInput=${form.set('reason')}
            aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy('need-remove-reason', error)}></textarea>
        <//>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="need-remove-save" disabled=${form.busy}>Remove need <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
