// Form controls for the directory's forms, bound to `useForm` like the shared ones
// (components/form.js) but with ids of their own (`service-name`, `location-name`,
// ...): the location form can open inside the service dialog, and two controls there
// must not share an id. The label, hint and message come from FieldBox.
import { html } from '../html.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';

export function Input({ form, name, id, label, type = 'text', required, hint, wide, ...rest }) {
  const error = form.errors[name];
  return html`
    <${FieldBox} id=${id} label=${label} error=${error} hint=${hint} wide=${wide} required=${required}>
      <input id=${id} name=${name} type=${type} value=${form.values[name] ?? ''} onInput=${form.set(name)}
        aria-required=${required ? 'true' : undefined} aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy(id, error, hint)} ...${rest} />
    <//>`;
}

export function TextBox({ form, name, id, label, rows = 3, hint, wide = true }) {
  const error = form.errors[name];
  return html`
    <${FieldBox} id=${id} label=${label} error=${error} hint=${hint} wide=${wide}>
      <textarea id=${id} name=${name} rows=${rows} value=${form.values[name] ?? ''} onInput=${form.set(name)}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy(id, error, hint)}></textarea>
    <//>`;
}

/** `options` is a list of [value, label]. */
export function Choice({ form, name, id, label, options, required, hint, wide, onPick }) {
  const error = form.errors[name];
  const change = (event) => {
    form.set(name)(event);
    onPick?.(event.currentTarget.value);
  };
  return html`
    <${FieldBox} id=${id} label=${label} error=${error} hint=${hint} wide=${wide} required=${required}>
      <select id=${id} name=${name} value=${form.values[name] ?? ''} onChange=${change}
        aria-required=${required ? 'true' : undefined} aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy(id, error, hint)}>
        ${optionList(options)}
      </select>
    <//>`;
}

