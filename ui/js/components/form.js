// Form building blocks. Each field shows its own message from the core's validation,
// tied to the input with aria-describedby so screen readers announce it.
import { html, useState } from '../html.js';
import { ApiError } from '../api.js';

/** Form state: values, per-field errors, a form-level message, and `submit`, which
 *  runs an async action and turns an ApiError into messages where they belong. */
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const set = (name) => (event) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [name]: value }));
  };

  async function submit(action) {
    setBusy(true);
    setMessage('');
    try {
      const result = await action(values);
      setErrors({});
      return result;
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        setMessage(error.message);
      } else {
        setMessage(String(error));
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, message, busy, submit };
}

export function Field({ form, name, label, type = 'text', required = false, hint, autofocus, wide, ...rest }) {
  const id = `field-${name}`;
  const error = form.errors[name];
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return html`
    <div class=${`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <label for=${id}>${label}${required && html`<span class="required" aria-hidden="true"> *</span>`}</label>
      <input id=${id} name=${name} type=${type} value=${form.values[name] ?? ''}
        onInput=${form.set(name)} required=${required} aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy} autofocus=${autofocus} ...${rest} />
      ${hint && html`<div class="hint" id=${`${id}-hint`}>${hint}</div>`}
      ${error && html`<div class="field-error" id=${`${id}-error`} role="alert">${error}</div>`}
    </div>`;
}

export function TextArea({ form, name, label, rows = 3, wide = true }) {
  const id = `field-${name}`;
  const error = form.errors[name];
  return html`
    <div class=${`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <label for=${id}>${label}</label>
      <textarea id=${id} name=${name} rows=${rows} value=${form.values[name] ?? ''}
        onInput=${form.set(name)} aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${error ? `${id}-error` : undefined}></textarea>
      ${error && html`<div class="field-error" id=${`${id}-error`} role="alert">${error}</div>`}
    </div>`;
}

/** `options` is a list of [value, label]. */
export function Select({ form, name, label, options, required = false }) {
  const id = `field-${name}`;
  const error = form.errors[name];
  return html`
    <div class=${`field${error ? ' has-error' : ''}`}>
      <label for=${id}>${label}${required && html`<span class="required" aria-hidden="true"> *</span>`}</label>
      <select id=${id} name=${name} value=${form.values[name] ?? ''} onChange=${form.set(name)}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? `${id}-error` : undefined}>
        ${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
      ${error && html`<div class="field-error" id=${`${id}-error`} role="alert">${error}</div>`}
    </div>`;
}

export function FormMessage({ form }) {
  return form.message ? html`<div class="form-error" role="alert">${form.message}</div>` : null;
}

/** A form's keydown handler: Enter in a select (where it would do nothing) or
 *  Ctrl+Enter in a text area submits. */
export function submitOnEnter(event) {
  if (event.key !== 'Enter' || event.isComposing) return;
  const tag = event.target.tagName;
  const ctrl = event.ctrlKey || event.metaKey;
  if (tag === 'SELECT' || (tag === 'TEXTAREA' && ctrl)) {
    event.preventDefault();
    const formElement = event.currentTarget;
    if (formElement.requestSubmit) formElement.requestSubmit();
    else formElement.querySelector('[type=submit]')?.click();
  }
}
