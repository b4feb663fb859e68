// The plan's goals, each a card (goal-card.js) in the core's order: open goals first,
// soonest due first. This holds the goals' dialogs — add or edit a goal, complete or
// cancel one, add or edit an action, remove either — and the one-click changes (a
// lifecycle move, how it is going, an action done or moved).
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { GoalCard } from './goal-card.js';
import { GoalForm } from './goal-form.js';
import { GoalMoveForm } from './goal-move-form.js';
import { ActionForm } from './action-form.js';
import { RemoveItemForm } from './remove-form.js';

/** Moves that need a word first (goal-move-form.js); the rest are one click. */
const ASKS = new Set(['completed', 'cancelled']);

/** `plan`: the CarePlan; `onChanged()` after a change; `readOnly` for an earlier version. */
export function Goals({ plan, onChanged, readOnly = false }) {
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const close = () => setDialog(null);
  const changed = () => { setDialog(null); onChanged(); };
  const concerns = plan.concerns ?? [];
  const goals = plan.goals ?? [];

  async function run(change) {
    setError('');
    try {
      await change();
      onChanged();
    } catch (e) {
      setError(e.message);
    }
  }

  const handlers = (goal) => ({
    move: (to) => (ASKS.has(to) ? setDialog({ kind: 'move', goal, to }) : run(() => api.moveGoal(goal.id, { lifecycle: to, achievement: '' }))),
    achieve: (value) => value && run(() => api.moveGoal(goal.id, { lifecycle: '', achievement: value })),
    edit: () => setDialog({ kind: 'goal', goal }),
    remove: () => setDialog({ kind: 'remove', item: 'goal', id: goal.id, what: `“${goal.text}”` }),
    addAction: () => setDialog({ kind: 'action', goal }),
    actionStatus: (action, status) => run(() => api.setActionStatus(action.id, status)),
    editAction: (action) => setDialog({ kind: 'action', goal, action }),
    removeAction: (action) => setDialog({ kind: 'remove', item: 'action', id: action.id, what: action.text }),
  });

  return html`
    <section class="cp-section cp-goals" id=${readOnly ? undefined : 'cp-goals'} aria-labelledby=${readOnly ? undefined : 'cp-goals-title'}>
      <header class="cp-section-head">
        <h3 id=${readOnly ? undefined : 'cp-goals-title'}>Goals</h3>
        ${!readOnly && html`<button type="button" class="primary small-button" id="cp-add-goal"
          onClick=${() => setDialog({ kind: 'goal' })}>Add goal</button>`}
      </header>
      ${error && html`<div class="form-error" role="alert" id=${readOnly ? undefined : 'cp-goals-error'}>${error}</div>`}
      ${goals.length === 0 && html`<p class="muted cp-empty">No goals yet. Ask what matters to the patient, and write it in their words.</p>`}
      <div class="cp-goal-list">
        ${goals.map((g) => html`<${GoalCard} key=${g.id} goal=${g} readOnly=${readOnly}
          concern=${concerns.find((c) => c.id === g.concern_id)} on=${readOnly ? {} : handlers(g)} />`)}
      </div>

      ${dialog?.kind === 'goal' && html`<${GoalForm} patientId=${plan.patient_id} goal=${dialog.goal} concerns=${concerns}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'move' && html`<${GoalMoveForm} goal=${dialog.goal} to=${dialog.to} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'action' && html`<${ActionForm} goal=${dialog.goal} action=${dialog.action}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveItemForm} item=${dialog.item} id=${dialog.id} what=${dialog.what}
        onSaved=${changed} onClose=${close} />`}
    </section>`;
}
