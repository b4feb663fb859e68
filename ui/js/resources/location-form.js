// Adding or changing a location: where services are offered (a name, a street address,
// how to get there, a phone). A location needs a name or a whole address; the core
// says which part is missing. It opens on its own (from a service page) or as a step
// of the service form ("New location…"), which is why its ids are its own.
import { html, useLayoutEffect, useRef } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { Input, TextBox } from './fields.js';

export const EMPTY_LOCATION = {
  organization_id: '', name: '', description: '', address_1: '', address_2: '', city: '',
  state_province: '', postal_code: '', country: '', transportation: '', phone: '',
};

/** The form's values for a location of a ServiceDetail: the core's `edit`, the
 *  address in its parts with the location's own organization. */
export function locationDraftOf(location) {
  return { ...EMPTY_LOCATION, ...(location.edit ?? {}) };
}

/** The form alone. `id` is the location's when it is changed; `initial` its values
 *  (`organization_id` included: the core keeps what is sent). `onSaved(id, draft)`. */
export function LocationForm({ id, initial, organizationName, onSaved, onCancel, onRemove, heading }) {
  const form = useForm({ ...EMPTY_LOCATION, ...initial });
  const first = useRef(null);
  // As a step of the service dialog, the dialog's own first-field focus has passed.
  useLayoutEffect(() => { if (heading) first.current?.querySelector('input')?.focus(); }, []);

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit(async (v) => ({ id: await api.saveLocation(id ?? null, v), draft: v }));
    if (saved) onSaved(saved.id, saved.draft);
  }
  const onKey = (event) => {
    if (heading && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    submitOnEnter(event);
  };

  return html`
    <form id="location-form" class="location-form" onSubmit=${save} onKeyDown=${onKey} novalidate
      aria-labelledby=${heading ? 'location-form-title' : undefined}>
      ${heading && html`<h3 id="location-form-title">${heading}</h3>`}
      ${organizationName && html`<p class="dialog-lead">At ${organizationName}</p>`}
      <div class="grid" ref=${first}>
        <${Input} form=${form} name="name" id="location-name" label="Name" wide autocomplete="off"
          hint="e.g. “Main pantry”, “Eastside clinic”" />
        <${Input} form=${form} name="address_1" id="location-address-1" label="Street address" wide autocomplete="off" />
        <${Input} form=${form} name="address_2" id="location-address-2" label="Address line 2" wide autocomplete="off" />
        <${Input} form=${form} name="city" id="location-city" label="City" autocomplete="off" />
        <${Input} form=${form} name="state_province" id="location-state" label="State" autocomplete="off" />
        <${Input} form=${form} name="postal_code" id="location-postal-code" label="ZIP code" autocomplete="off" />
        <${Input} form=${form} name="country" id="location-country" label="Country" autocomplete="off" maxlength="2"
          hint="Two letters; US when empty" />
        <${Input} form=${form} name="phone" id="location-phone" label="Phone" type="tel" autocomplete="off" />
        <${TextBox} form=${form} name="transportation" id="location-transportation" label="How to get there" rows="2"
          hint="Bus lines, parking, entrance" />
        <${TextBox} form=${form} name="description" id="location-description" label="Description" rows="2" />
      </div>
      <${FormMessage} form=${form} />
      <div class="actions">
        ${onRemove && html`<button type="button" class="remove-link" id="location-remove" onClick=${onRemove}>
          Remove location…</button>`}
        <button type="button" onClick=${onCancel}>${heading ? 'Back to the service' : 'Cancel'} <kbd>Esc</kbd></button>
        <button type="submit" class="primary" id="location-save" disabled=${form.busy}>
          ${id ? 'Save location' : 'Add location'} <kbd>Ctrl Enter</kbd></button>
      </div>
    </form>`;
}

/** The form in its own dialog (a service page's "Edit location"). */
export function LocationDialog({ id, initial, organizationName, onSaved, onRemove, onClose }) {
  return html`<${Modal} title=${id ? 'Edit location' : 'Add a location'} onClose=${onClose} id="location-dialog">
    <${LocationForm} id=${id} initial=${initial} organizationName=${organizationName} onSaved=${onSaved}
      onRemove=${onRemove} onCancel=${onClose} />
  <//>`;
}
