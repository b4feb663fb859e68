// Adding or changing an organization: who runs the services (a food bank, a clinic, a
// county office), with one phone number, a website and an e-mail. The core checks the
// formats and says which field is wrong.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { Input, TextBox } from './fields.js';

const EMPTY = { name: '', alternate_name: '', description: '', email: '', website: '', phone: '' };

/** The form's values for an Organization the core returned. */
function draftOf(org) {
  return Object.fromEntries(Object.keys(EMPTY).map((k) => [k, org[k] ?? '']));
}

/** `organization` (the core's Organization) to edit, or none to add one.
 *  `onSaved(id, draft)`; `onRemove`, when given, offers removing it (the caller opens
 *  the removal dialog). */
export function OrganizationForm({ organization, onSaved, onRemove, onClose }) {
  const editing = !!organization;
  const form = useForm(editing ? draftOf(organization) : EMPTY);

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit(async (v) => ({ id: await api.saveOrganization(organization?.id ?? null, v), draft: v }));
    if (saved) onSaved(saved.id, saved.draft);
  }

  const services = organization?.services ?? [];
  const title = editing ? `Edit ${organization.name}` : 'Add an organization';
  return html`
    <${Modal} title=${title} onClose=${onClose} id="organization-dialog">
      <form id="organization-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${Input} form=${form} name="name" id="organization-name" label="Name" required wide autocomplete="off" />
          <${Input} form=${form} name="alternate_name" id="organization-alternate-name" label="Also known as" wide
            autocomplete="off" />
          <${TextBox} form=${form} name="description" id="organization-description" label="Description"
            hint="What the organization is and does; the name is used when left empty" />
          <${Input} form=${form} name="phone" id="organization-phone" label="Phone" type="tel" autocomplete="off" />
          <${Input} form=${form} name="website" id="organization-website" label="Website" type="url"
            placeholder="https://" autocomplete="off" />
          <${Input} form=${form} name="email" id="organization-email" label="E-mail" type="email" autocomplete="off" />
        </div>
        ${editing && services.length > 0 && html`<p class="hint org-services">
          Offers ${services.length} ${services.length === 1 ? 'service' : 'services'} in the directory:
          ${services.map((s) => s.name).join(', ')}.</p>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          ${editing && onRemove && (services.length === 0
            ? html`<button type="button" class="remove-link" id="organization-remove" onClick=${onRemove}>
                Remove organization…</button>`
            : html`<span class="hint actions-note">To remove the organization, remove its services first.</span>`)}
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="organization-save" disabled=${form.busy}>
            ${editing ? 'Save organization' : 'Add organization'} <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
