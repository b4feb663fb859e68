// Removing a care-plan item typed in error (a concern, goal, action, barrier, progress
// note or care-team member), with a reason. The item stays in the record and the
// plan's earlier versions; removing a goal removes its actions with it.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy } from '../referrals/fields.js';

/** The nouns of the core's items (`care_plans::Item`). */
const NOUNS = {
  concern: 'concern', goal: 'goal', action: 'action', barrier: 'barrier', note: 'progress note',
  member: 'care team member',
};

/** `item`: concern, goal, action, barrier, note or member; `what` names it in the title. */
export function RemoveItemForm({ item, id, what, onSaved, onClose }) {
  const form = useForm({ reason: '' });
  const noun = NOUNS[item] ?? item;
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await api.removeCarePlanItem(item, id, v.reason);
      return true;
    });
    if (done) onSaved();
  }
  const error = form.errors.reason;
  return html`
    <${Modal} title=${`Remove the ${noun}${what ? `: ${what}` : ''}`} onClose=${onClose} id="careplan-remove-dialog">
      <form id="careplan-remove-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <p class="dialog-lead">Remove a ${noun} only if it was recorded in error${item === 'goal'
          ? '; its actions go with it' : ''}. The removal and its reason are kept in the plan's history.</p>
        <${FieldBox} id="careplan-remove-reason" label="Reason" error=${error} required wide>
          <textarea id="careplan-remove-reason" rows="2" value=${form.values.reason} onInput=${form.set('reason')}
            aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy('careplan-remove-reason', error)}></textarea>
        <//>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="careplan-remove-save" disabled=${form.busy}>Remove <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
