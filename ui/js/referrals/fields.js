// A labelled field around a control the referral forms build themselves. The shared
// form helpers (components/form.js) name every input `field-<name>`; the referral forms
// keep the ids the end-to-end tests know (`#referral-need`, `#referral-status`, ...), so
// they bring their own control and this adds the label, hint and message around it,
// tied together with aria-describedby as the shared helpers do.
import { html } from '../html.js';

/** The aria-describedby of control `id` with this error and hint, or undefined. */
export function describedBy(id, error, hint) {
  return [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
}

export function FieldBox({ id, label, error, hint, wide, required, children }) {
  return html`
    <div class=${`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <label for=${id}>${label}${required && html`<span class="required" aria-hidden="true"> *</span>`}</label>
      ${children}
      ${hint && html`<div class="hint" id=${`${id}-hint`}>${hint}</div>`}
      ${error && html`<div class="field-error" id=${`${id}-error`} role="alert">${error}</div>`}
    </div>`;
}

/** `[[value, label]]` as options of a select. */
export function optionList(pairs) {
  return pairs.map(([value, label]) => html`<option value=${value}>${label}</option>`);
}
