// Editing a program's thresholds, targets and follow-up settings, and copying a
// program under a new code. The criteria keep their structure (the core refuses any
// other change): each criterion is one row with its comparison, threshold and
// look-back window. Field names follow the core's (`criteria.1.value`,
// `targets.a1c_below`, `follow_up.phq9_overdue_days`), so its messages land next to
// the right input.
import { html } from '../html.js';
import { api, ApiError } from '../api.js';
import { useForm, Field, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';

const MEASURE_LABELS = {
  phq9: 'PHQ-9 total',
  gad7: 'GAD-7 total',
  a1c: 'HbA1c (%)',
  sbp: 'Systolic BP (mmHg)',
  dbp: 'Diastolic BP (mmHg)',
  ldl: 'LDL (mg/dL)',
  weight: 'Weight (kg)',
};

const OPERATORS = [
  ['>=', '≥ at least'],
  ['>', '> above'],
  ['<=', '≤ at most'],
  ['<', '< below'],
];

const TARGETS = [
  ['phq9_below', 'PHQ-9 below'],
  ['a1c_below', 'HbA1c below (%)'],
  ['sbp_below', 'Systolic BP below (mmHg)'],
  ['dbp_below', 'Diastolic BP below (mmHg)'],
];

const FOLLOW_UP = [
  ['baseline_window_days', 'Baseline PHQ-9 window (days)', 'A PHQ-9 this many days before activation counts as the baseline'],
  ['phq9_overdue_days', 'PHQ-9 overdue after (days)'],
  ['a1c_overdue_days', 'HbA1c overdue after (days)'],
  ['bp_overdue_days', 'Blood pressure overdue after (days)'],
  ['not_improving_weeks', 'Not improving after (weeks)', 'Weeks in treatment before a PHQ-9 drop under 50 % is flagged'],
];

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
  for (const [key] of TARGETS) values[`targets.${key}`] = String(program.targets[key]);
  for (const [key] of FOLLOW_UP) values[`follow_up.${key}`] = String(program.follow_up[key]);
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
    targets: Object.fromEntries(TARGETS.map(([key]) => [key, decimal(`targets.${key}`)])),
    follow_up: Object.fromEntries(FOLLOW_UP.map(([key]) => [
      key, whole(`follow_up.${key}`, key.endsWith('weeks') ? 'weeks' : 'days')])),
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
  const label = node.kind === 'age' ? 'Age (years)' : MEASURE_LABELS[node.measure] ?? node.measure;
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
            ${TARGETS.map(([key, label]) => html`<${Field} form=${form} name=${`targets.${key}`} label=${label}
              type="number" step="any" inputmode="decimal" />`)}
          </div>
        </fieldset>
        <fieldset>
          <legend>Follow-up</legend>
          <div class="grid">
            ${FOLLOW_UP.map(([key, label, hint]) => html`<${Field} form=${form} name=${`follow_up.${key}`} label=${label}
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

/** "Copy program": a new program with this one's criteria, targets and follow-up. */
export function CopyProgram({ program, onSaved, onClose }) {
  const form = useForm({ code: '', name: `${program.name} (copy)` });

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((values) => api.copyProgram(program.code, values.code.trim(), values.name));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${`Copy ${program.name}`} onClose=${onClose} id="program-copy">
      <form onSubmit=${save} id="program-copy-form" novalidate>
        <p class="muted">The copy starts with the same criteria, targets and follow-up settings;
          edit its thresholds afterwards.</p>
        <div class="grid">
          <${Field} form=${form} name="code" label="Code" required autofocus
            hint="2–32 lowercase letters, digits or hyphens, e.g. compass-peds" />
          <${Field} form=${form} name="name" label="Name" required />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="program-copy-submit" disabled=${form.busy}>Copy <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
