// A questionnaire (PHQ-9, GAD-7) in the measure form: one select per item with the
// catalogue's wordings and answers, and the live total with its severity band. The
// core scores what is saved; the total here is only a preview.
import { html } from '../html.js';
import { bandOf, kindLabel } from '../catalogue.js';

/** The form fields of the items: item1, item2, ... */
export function itemFields(count) {
  return Array.from({ length: count }, (_, i) => `item${i + 1}`);
}

/** The answer options: "— not answered" first, then "0 Not at all", "1 Several days", ... */
function answerOptions(questionnaire) {
  return [['', '— not answered'], ...questionnaire.answers.map((a) => [String(a.value), `${a.value} ${a.label}`])];
}

/** `questionnaire`: the catalogue's `{items, answers, max_total, must_answer}` for
 *  `kind`. PHQ-9's item 9 (thoughts of self-harm) is marked, and warns when answered
 *  above 0 (the core raises a safety flag for it) or left blank. */
export function Questionnaire({ form, kind, questionnaire }) {
  const wording = questionnaire.items;
  const answers = answerOptions(questionnaire);
  const fields = itemFields(wording.length);
  const answered = fields.filter((f) => form.values[f] !== '');
  const total = answered.reduce((sum, f) => sum + Number(form.values[f]), 0);
  const item9 = kind === 'phq9' && form.values.item9 !== '' && Number(form.values.item9) > 0;
  // The item that must not go unasked (PHQ-9 item 9), from the catalogue with the words
  // the CLI prints too. Said once something else is answered, while it is still blank;
  // the form still saves.
  const must = questionnaire.must_answer;
  const unasked = must && form.values[`item${must.item}`] === '' && answered.length > 0;
  const itemsError = form.errors.items;

  let summary;
  if (answered.length === fields.length) {
    summary = html`<span class="total-value">Total ${total}</span> — ${bandOf(kind, total)}`;
  } else if (answered.length === 0) {
    summary = html`<span class="total-value">Total —</span> no items answered yet`;
  } else {
    summary = html`<span class="total-value">Total —</span> incomplete — will be saved but not scored
      (${answered.length} of ${fields.length} answered)`;
  }

  return html`
    <fieldset class=${`questionnaire${itemsError ? ' has-error' : ''}`} id="questionnaire" data-kind=${kind}>
      <legend>${kindLabel(kind)}: over the last 2 weeks, how often has the patient been bothered by…</legend>
      <ol class="items">
        ${fields.map((name, i) => {
          const error = form.errors[name];
          return html`<li key=${name} class=${`item-row${error ? ' has-error' : ''}${kind === 'phq9' && i === 8 ? ' item9' : ''}${kind === 'phq9' && i === 8 && item9 ? ' positive' : ''}`}>
            <label for=${`field-${name}`}><span class="item-number">${i + 1}.</span> ${wording[i]}</label>
            <select id=${`field-${name}`} name=${name} value=${form.values[name]} onChange=${form.set(name)}
              aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? `field-${name}-error` : undefined}>
              ${answers.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
            </select>
            ${error && html`<div class="field-error" id=${`field-${name}-error`} role="alert">${error}</div>`}
          </li>`;
        })}
      </ol>
      ${itemsError && html`<div class="field-error" id="field-items-error" role="alert">${itemsError}</div>`}
      ${item9 && html`<div class="item9-warning" id="item9-warning" role="alert">
        Item 9 above 0 raises a safety flag: follow up today.</div>`}
      ${unasked && html`<div class="item9-warning" id="item9-unanswered" role="status">${must.warning}</div>`}
      <div class=${`questionnaire-total${answered.length === fields.length ? ' complete' : ''}`} id="questionnaire-total"
        aria-live="polite">${summary}</div>
    </fieldset>`;
}
