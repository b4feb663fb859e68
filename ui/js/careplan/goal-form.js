// Adding a goal, or editing one: the goal in the patient's own words (printed in quotes
// on their plan), the concern it answers, an optional measurable target — a registry
// measure ("<5"), judged from the registry when the plan is read, or a number the
// patient chose with what it counts — a due date and who expressed it.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { quantityInfo } from '../catalogue.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { options } from './vocabulary.js';

/** The target select's value for a number the patient chose (no registry measure). */
const OWN = 'own-number';

function blank() {
  return {
    text: '', concern_id: '', target_kind: '', target: '', target_label: '', target_unit: '', due: '',
    expressed_by: 'patient',
  };
}

/** A goal as the form's text. */
function valuesOf(goal) {
  const t = goal.target;
  return {
    text: goal.text,
    concern_id: goal.concern_id ?? '',
    target_kind: t ? (t.measure ?? OWN) : '',
    target: t ? `${t.comparator}${t.value}` : '',
    target_label: t && !t.measure ? t.label : '',
    target_unit: t && !t.measure ? t.unit : '',
    due: goal.due_on ?? '',
    expressed_by: goal.expressed_by.value,
  };
}

/** A new goal for `patientId`, or `goal` edited; `concerns` are the plan's concerns. */
export function GoalForm({ patientId, goal, concerns = [], onSaved, onClose }) {
  const editing = !!goal;
  const form = useForm(editing ? valuesOf(goal) : blank());
  const { values, errors } = form;
  const kind = values.target_kind;
  const own = kind === OWN;
  const measured = kind && !own;
  const unit = measured ? quantityInfo(kind)?.unit : '';
  const open = concerns.filter((c) => c.status.value !== 'resolved' || c.id === values.concern_id);

  async function save(event) {
    event.preventDefault();
    const draft = {
      patient_id: patientId,
      concern_id: values.concern_id,
      text: values.text,
      measure: measured ? kind : '',
      target: kind ? values.target : '',
      target_label: own ? values.target_label : '',
      target_unit: own ? values.target_unit : '',
      due: values.due,
      expressed_by: values.expressed_by,
    };
    const saved = await form.submit(() => (editing ? api.updateGoal(goal.id, draft) : api.addGoal(draft)));
    if (saved) onSaved(saved);
  }

  const targetHint = measured
    ? `A comparison and a number, like “<5”${unit ? ` (in ${unit})` : ''}. Judged from the registry; “<” on a treatment target replaces the program’s for this patient.`
    : 'A comparison and a number, like “>= 30”.';
  return html`
    <${Modal} title=${editing ? 'Edit the goal' : 'Add a goal'} onClose=${onClose} id="cp-goal-dialog">
      <form id="cp-goal-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${FieldBox} id="cp-goal-text" label="The goal, in the patient’s words" error=${errors.text} required wide
            hint="Write it as they say it: it is printed in quotes on their plan.">
            <textarea id="cp-goal-text" rows="2" value=${values.text} onInput=${form.set('text')}
              aria-invalid=${errors.text ? 'true' : undefined} aria-describedby=${describedBy('cp-goal-text', errors.text, true)}></textarea>
          <//>
          <${FieldBox} id="cp-goal-expressed" label="Expressed by" error=${errors.expressed_by}>
            <select id="cp-goal-expressed" value=${values.expressed_by} onChange=${form.set('expressed_by')}
              aria-describedby=${describedBy('cp-goal-expressed', errors.expressed_by)}>${optionList(options('expressed_by'))}</select>
          <//>
          <${FieldBox} id="cp-goal-due" label="Due" error=${errors.due}>
            <input id="cp-goal-due" type="date" value=${values.due} onInput=${form.set('due')}
              aria-invalid=${errors.due ? 'true' : undefined} aria-describedby=${describedBy('cp-goal-due', errors.due)} />
          <//>
          ${open.length > 0 && html`<${FieldBox} id="cp-goal-concern" label="For the concern" error=${errors.concern_id} wide>
            <select id="cp-goal-concern" value=${values.concern_id} onChange=${form.set('concern_id')}
              aria-describedby=${describedBy('cp-goal-concern', errors.concern_id)}>
              ${optionList([['', 'No particular concern'], ...open.map((c) => [c.id, `${c.kind.label}: ${c.text}`])])}
            </select>
          <//>`}
        </div>
        <fieldset class="cp-target-fields">
          <legend>Measurable target</legend>
          <div class="grid">
            <${FieldBox} id="cp-goal-measure" label="Measured by" error=${errors.measure}>
              <select id="cp-goal-measure" value=${kind} onChange=${form.set('target_kind')}
                aria-describedby=${describedBy('cp-goal-measure', errors.measure)}>
                ${optionList([['', 'No target'], ...options('measures'), [OWN, 'A number the patient chose']])}
              </select>
            <//>
            ${kind && html`<${FieldBox} id="cp-goal-target" label="Target" error=${errors.target} required hint=${targetHint}>
              <input id="cp-goal-target" value=${values.target} onInput=${form.set('target')} placeholder="<5" autocomplete="off"
                aria-invalid=${errors.target ? 'true' : undefined} aria-describedby=${describedBy('cp-goal-target', errors.target, true)} />
            <//>`}
            ${own && html`<${FieldBox} id="cp-goal-target-label" label="What the number counts" error=${errors.target_label} required>
              <input id="cp-goal-target-label" value=${values.target_label} onInput=${form.set('target_label')}
                placeholder="minutes walked a day" autocomplete="off"
                aria-invalid=${errors.target_label ? 'true' : undefined}
                aria-describedby=${describedBy('cp-goal-target-label', errors.target_label)} />
            <//>`}
            ${own && html`<${FieldBox} id="cp-goal-target-unit" label="Unit" error=${errors.target_unit}>
              <input id="cp-goal-target-unit" value=${values.target_unit} onInput=${form.set('target_unit')}
                placeholder="min" autocomplete="off" aria-describedby=${describedBy('cp-goal-target-unit', errors.target_unit)} />
            <//>`}
          </div>
        </fieldset>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-goal-save" disabled=${form.busy}>${editing ? 'Save' : 'Add goal'}</button>
        </div>
      </form>
    <//>`;
}
