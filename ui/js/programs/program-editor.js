// Editing a program's thresholds, targets, follow-up and outreach settings. The
// criteria keep their structure (the core refuses any other change): each criterion is
// one row with its comparison, threshold and look-back window. Measure names and units
// come from the catalogue. Field names follow the core's (`criteria.1.value`,
// `targets.a1c_below`, `follow_up.phq9_overdue_days`), so its messages land next to
// the right input.
import { html } from '../html.js';
import { api, ApiError } from '../api.js';
import { kindLabel, quantityInfo, targetQuantities } from '../catalogue.js';
import { useForm, Field, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';

const OPERATORS = [
  ['>=', '≥ at least'],
  ['>', '> above'],
  ['<=', '≤ at most'],
  ['<', '< below'],
];

/** A measure criterion's label: "PHQ-9 total", "HbA1c (%)", "Systolic BP (mmHg)". */
function measureLabel(quantity) {
  const q = quantityInfo(quantity);
  if (!q) return quantity;
  if (q.questionnaire) return `${q.label} total`;
  return q.unit ? `${q.label} (${q.unit})` : q.label;
}

/** The treatment targets, [key, label]: one per quantity the catalogue gives a target
 *  ("PHQ-9 below", "HbA1c below (%)", "Systolic BP below (mmHg)", ...). */
function targetFields() {
  return targetQuantities().map((q) => [q.target, q.unit ? `${q.label} below (${q.unit})` : `${q.label} below`]);
}

/** The follow-up settings, [key, label, hint, unit]; the unit words the message for
 *  text that is not a whole number. */
function followUpFields() {
  const phq9 = kindLabel('phq9');
  return [
    ['baseline_window_days', `Baseline ${phq9} window (days)`, `A ${phq9} this many days before activation counts as the baseline`, 'days'],
    ['phq9_overdue_days', `${phq9} overdue after (days)`, undefined, 'days'],
    ['a1c_overdue_days', `${kindLabel('a1c')} overdue after (days)`, undefined, 'days'],
    ['bp_overdue_days', `${kindLabel('bp')} overdue after (days)`, undefined, 'days'],
    ['not_improving_weeks', 'Not improving after (weeks)', `Weeks in treatment before a ${phq9} drop under 50 % is flagged`, 'weeks'],
  ];
}

/** The outreach settings (kept in the program's follow-up too), [key, label, hint, unit]. */
function outreachFields() {
  return [
    ['contact_active_days', 'Contact every, active (days)', 'When no next date was chosen on the last contact', 'days'],
    ['contact_screening_days', 'Contact every, screening (days)', undefined, 'days'],
    ['contact_relapse_watch_days', 'Contact every, relapse watch (days)', undefined, 'days'],
    ['letter_after_attempts', 'Letter after unreached attempts (on different days)', undefined, 'attempts'],
    ['unreachable_after_letter_days', 'Consider unreachable after the letter (days)', 'Nobody is disenrolled automatically', 'days'],
    ['no_contact_days', 'No contact flag after (days)', 'Days without reaching the patient or their family', 'days'],
    ['discharge_follow_up_business_days', 'Discharge follow-up within (business days)', 'Weekends and clinic holidays are skipped', 'business days'],
  ];
}

/** The criteria tree as rows: group headings and leaves, each with its field path. */
function rows(node, path = 'criteria', depth = 0, out = []) {
  if (node.kind === 'all' || node.kind === 'any') {
    out.push({ path, depth, node });
    node.of.forEach((child, i) => rows(child, `${path}.${i}`, depth + 1, out));
  } else {
    out.push({ path, depth, node });
  }
  return out;
}

function initialValues(program) {
  const values = { name: program.name, description: program.description };
  for (const { path, node } of rows(program.criteria)) {
    if (node.kind === 'age' || node.kind === 'measure') {
      values[`${path}.op`] = node.op;
      values[`${path}.value`] = String(node.value);
    }
    if (node.kind === 'measure') values[`${path}.within_days`] = String(node.within_days);
  }
  for (const [key] of targetFields()) values[`targets.${key}`] = String(program.targets[key]);
  for (const [key] of [...followUpFields(), ...outreachFields()]) {
    values[`follow_up.${key}`] = String(program.follow_up[key] ?? '');
  }
  return values;
}

/** Reads the form back into a ProgramEdit; text that is not a number is reported on its
 *  field here, because it could not even be sent. */
function buildEdit(program, values) {
  const problems = [];
  const decimal = (field) => {
    const text = String(values[field] ?? '').trim();
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) problems.push({ field, message: 'Enter a number.' });
    return n;
  };
  const whole = (field, unit) => {
    const text = String(values[field] ?? '').trim();
    if (!/^\d+$/.test(text)) problems.push({ field, message: `Enter a whole number of ${unit}.` });
    return Number(text);
  };
  const rebuild = (node, path) => {
    if (node.kind === 'all' || node.kind === 'any') {
      return { kind: node.kind, of: node.of.map((child, i) => rebuild(child, `${path}.${i}`)) };
    }
    if (node.kind === 'age') return { kind: 'age', op: values[`${path}.op`], value: decimal(`${path}.value`) };
    return {
      kind: 'measure',
      measure: node.measure,
      op: values[`${path}.op`],
      value: decimal(`${path}.value`),
      within_days: whole(`${path}.within_days`, 'days'),
    };
  };
  const edit = {
    name: values.name,
    description: values.description,
    criteria: rebuild(program.criteria, 'criteria'),
    targets: Object.fromEntries(targetFields().map(([key]) => [key, decimal(`targets.${key}`)])),
    follow_up: Object.fromEntries([...followUpFields(), ...outreachFields()].map(([key, , , unit]) => [
      key, whole(`follow_up.${key}`, unit)])),
  };
  if (problems.length > 0) {
    throw new ApiError({ code: 'invalid_input', message: 'Some fields need attention; nothing was saved.', fields: problems });
  }
  return edit;
}

/** A compact input inside a criterion row, wired like components/form.js fields. */
function RowInput({ form, name, label, unit, ...rest }) {
  const id = `field-${name}`;
  const error = form.errors[name];
  return html`
    <span class=${`row-field${error ? ' has-error' : ''}`}>
      <label class="sr-note" for=${id}>${label}</label>
      <input id=${id} name=${name} value=${form.values[name] ?? ''} onInput=${form.set(name)}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? `${id}-error` : undefined} ...${rest} />
      ${unit && html`<span class="unit">${unit}</span>`}
      ${error && html`<span class="field-error" id=${`${id}-error`} role="alert">${error}</span>`}
    </span>`;
}

function CriterionRow({ form, path, depth, node }) {
  if (node.kind === 'all' || node.kind === 'any') {
    return html`<div class=${`criterion-row group depth-${depth}`} data-path=${path}>
      ${node.kind === 'all' ? 'All of:' : 'At least one of:'}</div>`;
  }
  const label = node.kind === 'age' ? 'Age (years)' : measureLabel(node.measure);
  const opId = `field-${path}.op`;
  return html`
    <div class=${`criterion-row leaf depth-${depth}`} data-path=${path}>
      <span class="criterion-label">${label}</span>
      <span class="row-field">
        <label class="sr-note" for=${opId}>${label}: comparison</label>
        <select id=${opId} value=${form.values[`${path}.op`]} onChange=${form.set(`${path}.op`)}>
          ${OPERATORS.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
        </select>
      </span>
      <${RowInput} form=${form} name=${`${path}.value`} label=${`${label}: threshold`}
        type="number" step="any" inputmode="decimal" class="threshold" />
      ${node.kind === 'measure'
        ? html`<${RowInput} form=${form} name=${`${path}.within_days`} label=${`${label}: look back (days)`}
            type="number" min="1" step="1" inputmode="numeric" class="window" unit="days back" />`
        : html`<span class="muted small">on the day of screening</span>`}
    </div>`;
}

/** "Edit thresholds": the whole program in one form, saved as one change. */
export function ProgramEditor({ program, onSaved, onClose }) {
  const form = useForm(initialValues(program));
  const structureError = form.errors.criteria;

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((values) => api.updateProgram(program.code, buildEdit(program, values)));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${`Edit ${program.name}`} onClose=${onClose} id="program-editor">
      <form onSubmit=${save} id="program-edit-form" novalidate>
        <div class="grid">
          <${Field} form=${form} name="name" label="Name" required />
        </div>
        <${TextArea} form=${form} name="description" label="Description" rows="2" />
        <fieldset class="criteria-edit">
          <legend>Eligibility criteria</legend>
          <p class="hint">Each criterion uses the latest value taken within its look-back window.
            Which measures are screened, and how they combine, stay as they are.</p>
          ${rows(program.criteria).map((row) => html`<${CriterionRow} form=${form} ...${row} />`)}
          ${structureError && html`<div class="field-error" id="field-criteria-error" role="alert">${structureError}</div>`}
        </fieldset>
        <fieldset>
          <legend>Treatment targets</legend>
          <div class="grid">
            ${targetFields().map(([key, label]) => html`<${Field} form=${form} name=${`targets.${key}`} label=${label}
              type="number" step="any" inputmode="decimal" />`)}
          </div>
        </fieldset>
        <fieldset>
          <legend>Follow-up</legend>
          <div class="grid">
            ${followUpFields().map(([key, label, hint]) => html`<${Field} form=${form} name=${`follow_up.${key}`} label=${label}
              hint=${hint} type="number" min="1" step="1" inputmode="numeric" />`)}
          </div>
        </fieldset>
        <fieldset id="outreach-settings">
          <legend>Outreach</legend>
          <div class="grid">
            ${outreachFields().map(([key, label, hint]) => html`<${Field} form=${form} name=${`follow_up.${key}`} label=${label}
              hint=${hint} type="number" min="1" step="1" inputmode="numeric" />`)}
          </div>
        </fieldset>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="program-edit-submit" disabled=${form.busy}>Save <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
