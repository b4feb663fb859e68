// What stands in the way of the plan (no bus fare, a night shift, a fear of needles),
// open ones first, each perhaps tied to one goal; resolved when it no longer does.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatShortDate } from '../format.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { RemoveItemForm } from './remove-form.js';

/** `plan`: the CarePlan; `onChanged()` after a change; `readOnly` for an earlier version. */
export function Barriers({ plan, onChanged, readOnly = false }) {
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const close = () => setDialog(null);
  const changed = () => { setDialog(null); onChanged(); };
  const goals = plan.goals ?? [];
  const barriers = plan.barriers ?? [];

  async function resolve(barrier) {
    setError('');
    try {
      await api.resolveBarrier(barrier.id);
      onChanged();
    } catch (e) {
      setError(e.message);
    }
  }

  return html`
    <section class="cp-section cp-barriers" id=${readOnly ? undefined : 'cp-barriers'} aria-labelledby=${readOnly ? undefined : 'cp-barriers-title'}>
      <header class="cp-section-head">
        <h3 id=${readOnly ? undefined : 'cp-barriers-title'}>Barriers</h3>
        ${!readOnly && html`<button type="button" class="small-button" id="cp-add-barrier"
          onClick=${() => setDialog({ kind: 'add' })}>Add barrier</button>`}
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${barriers.length === 0 && html`<p class="muted cp-empty">No barriers recorded.</p>`}
      ${barriers.length > 0 && html`<ul class="cp-barrier-list">
        ${barriers.map((b) => {
          const goal = goals.find((g) => g.id === b.goal_id);
          return html`<li key=${b.id} class=${`cp-barrier${b.resolved_on ? ' resolved' : ''}`} data-id=${b.id}>
            <div class="cp-barrier-main">
              <div class="cp-barrier-text">${b.text}</div>
              <div class="small muted">Noted ${formatShortDate(b.noted_on)}${b.resolved_on
                ? ` · resolved ${formatShortDate(b.resolved_on)}` : ''}${goal ? ` · for “${goal.text}”` : ''}</div>
            </div>
            ${!readOnly && html`<div class="row-actions">
              ${!b.resolved_on && html`<button type="button" class="small-button cp-barrier-resolve"
                onClick=${() => resolve(b)}>Resolve</button>`}
              <button type="button" class="small-button cp-remove"
                onClick=${() => setDialog({ kind: 'remove', barrier: b })}>Remove</button>
            </div>`}
          </li>`;
        })}
      </ul>`}

      ${dialog?.kind === 'add' && html`<${BarrierForm} patientId=${plan.patient_id} goals=${goals}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveItemForm} item="barrier" id=${dialog.barrier.id}
        what=${dialog.barrier.text} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

function BarrierForm({ patientId, goals, onSaved, onClose }) {
  const form = useForm({ text: '', goal_id: '' });
  const { values, errors } = form;
  const open = goals.filter((g) => !['completed', 'cancelled'].includes(g.lifecycle.value));

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((v) => api.addBarrier({ patient_id: patientId, text: v.text, goal_id: v.goal_id }));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title="Add a barrier" onClose=${onClose} id="cp-barrier-dialog">
      <form id="cp-barrier-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${FieldBox} id="cp-barrier-text" label="What stands in the way" error=${errors.text} required wide>
            <textarea id="cp-barrier-text" rows="2" value=${values.text} onInput=${form.set('text')}
              aria-invalid=${errors.text ? 'true' : undefined} aria-describedby=${describedBy('cp-barrier-text', errors.text)}></textarea>
          <//>
          ${open.length > 0 && html`<${FieldBox} id="cp-barrier-goal" label="In the way of" error=${errors.goal_id} wide>
            <select id="cp-barrier-goal" value=${values.goal_id} onChange=${form.set('goal_id')}
              aria-describedby=${describedBy('cp-barrier-goal', errors.goal_id)}>
              ${optionList([['', 'The plan as a whole'], ...open.map((g) => [g.id, `“${g.text}”`])])}
            </select>
          <//>`}
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-barrier-save" disabled=${form.busy}>Add barrier</button>
        </div>
      </form>
    <//>`;
}
