// Recording a measure, or correcting one (same kind, new values; the old value is kept,
// struck through). What the form asks for follows the catalogue: a questionnaire's
// items, one number with its unit, or blood pressure's two numbers. Every field goes to
// the core as text; its messages come back under the fields.
import { html } from '../html.js';
import { api } from '../api.js';
import { kindInfo, kinds, maxQuestionnaireItems, quantitiesOf, questionnaireOf } from '../catalogue.js';
import { useForm, Field, TextArea, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, todayIso } from '../format.js';
import { Questionnaire, itemFields } from './questionnaire.js';

/** The core's draft names a pair's numbers (blood pressure) by what they are; each goes
 *  to the stored field (`component`) its quantity names. */
const PAIR_FIELDS = { value: 'systolic', value2: 'diastolic' };

/** The number inputs a measured (not questionnaire) kind needs: `{name, component,
 *  label, inputmode}`: "HbA1c (%)" as `value`, or "Systolic (mmHg)" / "Diastolic (mmHg)". */
function numberFields(kind) {
  const info = kindInfo(kind);
  if (!info || info.questionnaire) return [];
  const parts = quantitiesOf(kind);
  if (parts.length === 1) {
    return [{
      name: 'value',
      component: parts[0].component,
      label: info.unit ? `${info.label} (${info.unit})` : info.label,
      inputmode: 'decimal',
    }];
  }
  return parts.map((q) => ({
    name: PAIR_FIELDS[q.component],
    component: q.component,
    label: q.unit ? `${q.short_label} (${q.unit})` : q.short_label,
    inputmode: 'numeric',
  }));
}

/** Empty answers for as many items as the longest questionnaire has. */
function blankItems() {
  return Object.fromEntries(itemFields(maxQuestionnaireItems()).map((f) => [f, '']));
}

function initialValues(measure) {
  const blank = blankItems();
  const numbers = { value: '', systolic: '', diastolic: '' };
  if (!measure) {
    return { kind: kinds()[0]?.kind ?? '', taken_on: todayIso(), ...blank, ...numbers, note: '' };
  }
  const text = (v) => (v === null || v === undefined ? '' : String(v));
  const items = { ...blank };
  (measure.items ?? []).forEach((v, i) => { items[`item${i + 1}`] = text(v); });
  for (const f of numberFields(measure.kind)) numbers[f.name] = text(measure[f.component]);
  return { kind: measure.kind, taken_on: measure.taken_on, ...items, ...numbers, note: measure.note ?? '' };
}

/** What the core is sent: every field as text, only the ones this kind uses filled. */
function draftOf(patient, values) {
  const questionnaire = questionnaireOf(values.kind);
  const draft = {
    patient_id: patient.id,
    kind: values.kind,
    taken_on: values.taken_on,
    items: questionnaire ? itemFields(questionnaire.items.length).map((f) => values[f]) : [],
    value: '',
    systolic: '',
    diastolic: '',
    note: values.note,
  };
  for (const f of numberFields(values.kind)) draft[f.name] = values[f.name];
  return draft;
}

/** Recording a new measure, or correcting `measure` (same kind, new values). */
export function MeasureForm({ patient, measure, onSaved, onClose }) {
  const form = useForm(initialValues(measure));
  const { kind } = form.values;
  // For a correction the measure select is fixed (disabled); the dialog skips disabled
  // fields, so focus starts on the date.
  const questionnaire = questionnaireOf(kind);

  async function save(event) {
    event.preventDefault();
    const draft = draftOf(patient, form.values);
    const saved = await form.submit(() => (measure ? api.correctMeasure(measure.id, draft) : api.recordMeasure(draft)));
    if (saved) onSaved(saved);
  }
  const changeKind = (event) => {
    const next = event.currentTarget.value;
    form.setValues((v) => ({ ...v, kind: next, ...blankItems() }));
  };

  const title = measure
    ? `Correct ${measure.kind_label} of ${formatDate(measure.taken_on)}`
    : `Record a measure for ${patient.first_name} ${patient.last_name}`;
  const kindError = form.errors.kind;
  return html`
    <${Modal} title=${title} onClose=${onClose} id="measure-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="measure-form" novalidate>
        ${measure && html`<p class="dialog-lead">The current value is kept in the record, struck through as corrected.</p>`}
        <div class="grid">
          <div class=${`field${kindError ? ' has-error' : ''}`}>
            <label for="field-kind">Measure</label>
            <select id="field-kind" name="kind" value=${kind} onChange=${changeKind} disabled=${!!measure}
              aria-invalid=${kindError ? 'true' : undefined} aria-describedby=${kindError ? 'field-kind-error' : undefined}>
              ${kinds().map((k) => html`<option value=${k.kind}>${k.label}</option>`)}
            </select>
            ${measure && html`<div class="hint">A correction keeps the measure; record a new one for another.</div>`}
            ${kindError && html`<div class="field-error" id="field-kind-error" role="alert">${kindError}</div>`}
          </div>
          <${Field} form=${form} name="taken_on" label="Date taken" type="date" required
            max=${todayIso()} min=${patient.birth_date || undefined} />
        </div>
        ${!questionnaire && html`<div class="grid measured">
          ${numberFields(kind).map((f) => html`<${Field} key=${f.name} form=${form} name=${f.name} label=${f.label} required
            inputmode=${f.inputmode} autocomplete="off" />`)}
        </div>`}
        ${questionnaire && html`<${Questionnaire} form=${form} kind=${kind} questionnaire=${questionnaire} />`}
        <${TextArea} form=${form} name="note" label="Note (optional)" rows="1" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="save-measure" disabled=${form.busy}>
            ${measure ? 'Save correction' : 'Save measure'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
