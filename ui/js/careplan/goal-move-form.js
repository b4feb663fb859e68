// The two goal moves that need a word first: completing a goal says whether it was
// achieved; cancelling one (it stays cancelled: a new attempt is a new goal) also
// cancels its open actions, so it is confirmed.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { labelOf } from './vocabulary.js';

/** Moving `goal` to `to` (completed or cancelled). */
export function GoalMoveForm({ goal, to, onSaved, onClose }) {
  const completing = to === 'completed';
  const form = useForm({ achievement: completing ? 'achieved' : '' });
  const error = form.errors.achievement || form.errors.lifecycle;
  const open = (goal.actions ?? []).filter((a) => !['completed', 'cancelled'].includes(a.status.value));

  async function save(event) {
    event.preventDefault();
    const moved = await form.submit((v) => api.moveGoal(goal.id, { lifecycle: to, achievement: v.achievement }));
    if (moved) onSaved(moved);
  }

  return html`
    <${Modal} title=${completing ? 'Complete the goal' : 'Cancel the goal'} onClose=${onClose} id="cp-goal-move-dialog">
      <form id="cp-goal-move-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <p class="dialog-lead">“${goal.text}”</p>
        ${completing && html`<${FieldBox} id="cp-goal-achievement" label="Was it achieved?" error=${error} required>
          <select id="cp-goal-achievement" value=${form.values.achievement} onChange=${form.set('achievement')}
            aria-describedby=${describedBy('cp-goal-achievement', error)}>
            ${optionList(['achieved', 'not-achieved'].map((v) => [v, labelOf('achievements', v)]))}
          </select>
        <//>`}
        ${!completing && html`<p>A cancelled goal stays cancelled; if the patient tries again, add a new goal.${
          open.length > 0 ? ` Its ${open.length === 1 ? 'open action is' : `${open.length} open actions are`} cancelled too.` : ''}</p>`}
        ${!completing && error && html`<div class="field-error" role="alert">${error}</div>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Back <kbd>Esc</kbd></button>
          <button type="submit" class=${completing ? 'primary' : 'danger'} id="cp-goal-move-save" disabled=${form.busy}>
            ${completing ? 'Complete goal' : 'Cancel goal'}</button>
        </div>
      </form>
    <//>`;
}
