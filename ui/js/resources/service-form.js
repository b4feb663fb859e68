// Adding or changing a service by hand: who offers it, what it is and who it is for,
// how to apply and what to bring, what it costs, languages, how to reach it, its
// categories, where it is offered and when. The core checks every field and names the
// one that is wrong; a saved service is marked "edited here", so a later import asks
// before overwriting it. A location the organization does not have yet is added in a
// step of this same dialog ("New location…"), and the form is kept meanwhile.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { options } from '../referrals/vocabulary.js';
import { Choice, Input, TextBox } from './fields.js';
import { OrganizationPicker } from './organization-picker.js';
import { CategoryChecks } from './category-checks.js';
import { HoursRows, hoursDraft, hoursRowsOf } from './hours-rows.js';
import { EMPTY_LOCATION, LocationForm } from './location-form.js';

const EMPTY = {
  organization_id: '', name: '', alternate_name: '', description: '', url: '', email: '', status: 'active',
  application_process: '', eligibility_description: '', fees_description: '', cost: '', wait_time: '',
  interpretation_services: '', minimum_age: '', maximum_age: '', languages: '', required_documents: '', phone: '',
};

/** The form's values for a ServicePage: the core's `edit` (every phone number, the
 *  service's own hours, the cost as chosen), without the lists this form keeps apart. */
function draftOf(s) {
  const { hours, category_ids, location_ids, ...values } = s.edit ?? {};
  return { ...EMPTY, ...values, status: values.status || 'active' };
}

const locationLabel = (l) => [l.name, l.city].filter(Boolean).join(' · ') || 'Location without a name';

/** `service` (a ServicePage) to edit, or none to add one (`organizationId` and
 *  `organizationName` may preset its organization). `onSaved(page)` gets the saved
 *  service's ServicePage. Needs the directory vocabulary loaded. */
export function ServiceForm({ service, organizationId, organizationName, onSaved, onClose }) {
  const editing = !!service;
  const form = useForm(editing ? draftOf(service) : { ...EMPTY, organization_id: organizationId ?? '' });
  const [orgName, setOrgName] = useState(service?.organization?.name ?? organizationName ?? '');
  const [categories, setCategories] = useState([]);
  const [categoryIds, setCategoryIds] = useState(service?.category_ids ?? []);
  const [orgLocations, setOrgLocations] = useState([]);
  // Names of every location met here (the service's own may be another organization's).
  const [known, setKnown] = useState(() => new Map((service?.locations ?? []).map((l) => [l.id,
    locationLabel({ name: l.name ?? l.address_lines?.[0], city: l.city })])));
  const [locationIds, setLocationIds] = useState(service?.location_ids ?? []);
  const [hours, setHours] = useState(() => (editing ? hoursRowsOf(service.edit?.hours) : []));
  const [step, setStep] = useState(null);
  const [loadError, setLoadError] = useState('');
  // The dialog keeps the Esc handler it opened with: it reads the step through this.
  const stepRef = useRef(null);
  stepRef.current = step;
  const orgId = form.values.organization_id;

  useEffect(() => { api.resourceCategories().then(setCategories, (e) => setLoadError(e.message)); }, []);
  useEffect(() => {
    if (!orgId) {
      setOrgLocations([]);
      return undefined;
    }
    let live = true;
    api.organization(orgId).then((org) => {
      if (!live) return;
      setOrgLocations(org.locations);
      setOrgName(org.name);
      setKnown((map) => new Map([...map, ...org.locations.map((l) => [l.id, locationLabel(l)])]));
    }, () => live && setOrgLocations([]));
    return () => { live = false; };
  }, [orgId]);

  const toggle = (setList) => (id, on) => setList((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  const orgIds = new Set(orgLocations.map((l) => l.id));
  const locations = [
    ...orgLocations.map((l) => ({ id: l.id, label: locationLabel(l) })),
    ...locationIds.filter((id) => !orgIds.has(id)).map((id) => ({ id, label: known.get(id) ?? id, elsewhere: true })),
  ];

  async function save(event) {
    event.preventDefault();
    const page = await form.submit((v) => api.saveService(service?.id ?? null, {
      ...v, category_ids: categoryIds, location_ids: locationIds, hours: hoursDraft(hours),
    }));
    if (page) onSaved(page);
  }

  function locationAdded(id, draft) {
    const label = locationLabel({ name: draft.name || draft.address_1, city: draft.city });
    setKnown((map) => new Map(map).set(id, label));
    setOrgLocations((list) => [...list, { id, name: draft.name || draft.address_1, city: draft.city }]);
    setLocationIds((list) => (list.includes(id) ? list : [...list, id]));
    setStep(null);
    setTimeout(() => document.querySelector(`#service-locations input[data-id="${CSS.escape(id)}"]`)?.focus(), 0);
  }
  function backFromStep() {
    setStep(null);
    setTimeout(() => document.getElementById('service-location-new')?.focus(), 0);
  }
  const close = () => (stepRef.current ? backFromStep() : onClose());

  const { errors } = form;
  const title = step ? 'New location' : editing ? `Edit ${service.name}` : 'Add a service';
  return html`
    <${Modal} title=${title} onClose=${close} id="service-dialog">
      <form id="service-form" class="service-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate hidden=${!!step}>
        ${loadError && html`<div class="form-error" role="alert">${loadError}</div>`}
        <fieldset>
          <legend>The service</legend>
          <div class="grid">
            <${OrganizationPicker} value=${orgId} name=${orgName} error=${errors.organization_id}
              onPick=${(id, name) => { form.setValues((v) => ({ ...v, organization_id: id })); setOrgName(name); }} />
            <${Input} form=${form} name="name" id="service-name" label="Name" required wide autocomplete="off" />
            <${Input} form=${form} name="alternate_name" id="service-alternate-name" label="Also known as"
              autocomplete="off" />
            <${Choice} form=${form} name="status" id="service-status" label="Status" options=${options('service_statuses')} />
            <${TextBox} form=${form} name="description" id="service-description" label="What it offers" rows="4" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Who it is for and how to get it</legend>
          <div class="grid">
            <${TextBox} form=${form} name="eligibility_description" id="service-eligibility" label="Eligibility" rows="2" />
            <${TextBox} form=${form} name="application_process" id="service-application" label="How to apply" rows="2" />
            <${TextBox} form=${form} name="required_documents" id="service-documents" label="Documents to bring"
              rows="3" hint="One per line" />
            <${Input} form=${form} name="minimum_age" id="service-minimum-age" label="Youngest age served"
              inputmode="numeric" autocomplete="off" />
            <${Input} form=${form} name="maximum_age" id="service-maximum-age" label="Oldest age served"
              inputmode="numeric" autocomplete="off" />
            <${Input} form=${form} name="wait_time" id="service-wait-time" label="Wait time" autocomplete="off"
              hint="e.g. “2–3 weeks”, “same day”" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Cost and languages</legend>
          <div class="grid">
            <${Choice} form=${form} name="cost" id="service-cost" label="Cost"
              options=${[['', 'Work it out from the fees'], ...options('costs')]} />
            <${Input} form=${form} name="fees_description" id="service-fees" label="Fees" wide autocomplete="off"
              hint="e.g. “Free”, “Sliding scale by income”, “$20 per visit”" />
            <${Input} form=${form} name="languages" id="service-languages" label="Languages" wide autocomplete="off"
              hint="Separated by commas: English, Spanish" />
            <${TextBox} form=${form} name="interpretation_services" id="service-interpretation" label="Interpretation"
              rows="2" hint="e.g. “Phone interpreter for any language”" />
          </div>
        </fieldset>
        <fieldset>
          <legend>How to reach it</legend>
          <div class="grid">
            <${Input} form=${form} name="phone" id="service-phone" label="Phone" autocomplete="off"
              hint="Several numbers: separate them with ;" />
            <${Input} form=${form} name="url" id="service-url" label="Website" type="url" placeholder="https://"
              autocomplete="off" />
            <${Input} form=${form} name="email" id="service-email" label="E-mail" type="email" autocomplete="off" />
          </div>
        </fieldset>
        <${CategoryChecks} categories=${categories} selected=${categoryIds} onToggle=${toggle(setCategoryIds)}
          error=${errors.category_ids}
          onAdded=${(c) => { setCategories((list) => [...list, c].sort((a, b) => a.name.localeCompare(b.name))); setCategoryIds((ids) => [...ids, c.id]); }} />
        <fieldset class=${`locations-edit${errors.location_ids ? ' has-error' : ''}`} id="service-locations"
          aria-describedby=${errors.location_ids ? 'service-locations-error' : undefined}>
          <legend>Where it is offered</legend>
          ${locations.length > 0
            ? html`<div class="checks location-checks">
                ${locations.map((l) => html`<label class="check" key=${l.id}>
                  <input type="checkbox" data-id=${l.id} checked=${locationIds.includes(l.id)}
                    onChange=${(e) => toggle(setLocationIds)(l.id, e.currentTarget.checked)} />
                  ${l.label}${l.elsewhere && html` <span class="muted small">(another organization's)</span>`}</label>`)}
              </div>`
            : html`<p class="hint">${orgId ? 'The organization has no locations yet.' : 'Choose the organization to see its locations.'}</p>`}
          ${errors.location_ids && html`<div class="field-error" id="service-locations-error" role="alert">${errors.location_ids}</div>`}
          <button type="button" class="small-button" id="service-location-new" disabled=${!orgId}
            onClick=${() => setStep('location')}>New location…</button>
        </fieldset>
        <${HoursRows} rows=${hours} onChange=${setHours} errors=${errors} />
        ${editing && html`<p class="hint">These are the service's own hours; hours set for one of its locations are kept as they are.</p>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="service-save" disabled=${form.busy}>
            ${editing ? 'Save service' : 'Add service'} <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
      ${step === 'location' && html`<${LocationForm} initial=${{ ...EMPTY_LOCATION, organization_id: orgId }}
        organizationName=${orgName} heading="A new location for this service"
        onSaved=${locationAdded} onCancel=${backFromStep} />`}
    <//>`;
}
