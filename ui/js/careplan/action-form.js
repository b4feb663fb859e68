// Adding an action under a goal, or editing one: what will be done, which role on the
// care team owns it, and by when. The coordinator's own actions come to Today when
// they fall due; other roles' are prep items for the patient's next visit.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { actionOwners } from './vocabulary.js';

/** A new action under `goal`, or `action` edited. */
export function ActionForm({ goal, action, onSaved, onClose }) {
  const editing = !!action;
  const form = useForm(editing
    ? { text: action.text, owner: action.owner.value, due: action.due_on ?? '' }
    : { text: '', owner: 'coordinator', due: '' });
  const { values, errors } = form;

  async function save(event) {
    event.preventDefault();
    const draft = { goal_id: goal.id, text: values.text, owner: values.owner, due: values.due };
    const saved = await form.submit(() => (editing ? api.updateAction(action.id, draft) : api.addAction(draft)));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${editing ? 'Edit the action' : 'Add an action'} onClose=${onClose} id="cp-action-dialog">
      <form id="cp-action-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <p class="dialog-lead">Towards “${goal.text}”</p>
        <div class="grid">
          <${FieldBox} id="cp-action-text" label="What will be done" error=${errors.text} required wide>
            <textarea id="cp-action-text" rows="2" value=${values.text} onInput=${form.set('text')}
              aria-invalid=${errors.text ? 'true' : undefined} aria-describedby=${describedBy('cp-action-text', errors.text)}></textarea>
          <//>
          <${FieldBox} id="cp-action-owner" label="Who" error=${errors.owner} required>
            <select id="cp-action-owner" value=${values.owner} onChange=${form.set('owner')}
              aria-invalid=${errors.owner ? 'true' : undefined} aria-describedby=${describedBy('cp-action-owner', errors.owner)}>
              ${optionList(actionOwners())}
            </select>
          <//>
          <${FieldBox} id="cp-action-due" label="Due" error=${errors.due}
            hint=${values.owner === 'coordinator' ? 'Comes to Today when it falls due.' : 'Listed to prepare for the next visit when due.'}>
            <input id="cp-action-due" type="date" value=${values.due} onInput=${form.set('due')}
              aria-invalid=${errors.due ? 'true' : undefined} aria-describedby=${describedBy('cp-action-due', errors.due, true)} />
          <//>
        </div>
        ${errors.goal_id && html`<div class="field-error" role="alert">${errors.goal_id}</div>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-action-save" disabled=${form.busy}>${editing ? 'Save' : 'Add action'}</button>
        </div>
      </form>
    <//>`;
}
