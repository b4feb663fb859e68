// Registering or editing a patient. Nothing is saved until the core accepts every
// field; each problem appears under its field.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { sexLabels, todayIso } from '../format.js';

const EMPTY = {
  mrn: '', first_name: '', last_name: '', birth_date: '', sex: 'unknown', phone: '',
  address_line: '', city: '', state: '', postal_code: '', preferred_language: '', pcp_name: '',
  payer: '', emergency_contact_name: '', emergency_contact_relation: '', emergency_contact_phone: '',
  note: '',
};

/** `patient` absent = a new registration. */
export function PatientForm({ patient, onSaved, onClose }) {
  const initial = patient
    ? Object.fromEntries(Object.keys(EMPTY).map((k) => [k, patient[k] ?? '']))
    : EMPTY;
  const form = useForm(initial);

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((draft) => (patient ? api.updatePatient(patient.id, draft) : api.addPatient(draft)));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${patient ? `Edit ${patient.first_name} ${patient.last_name}` : 'New patient'} onClose=${onClose} id="patient-dialog">
      <form onSubmit=${save} id="patient-form" novalidate>
        <fieldset>
          <legend>Identity</legend>
          <div class="grid">
            <${Field} form=${form} name="first_name" label="First name" required autofocus />
            <${Field} form=${form} name="last_name" label="Last name" required />
            <${Field} form=${form} name="birth_date" label="Date of birth" type="date" required min="1900-01-01" max=${todayIso()} />
            <${Select} form=${form} name="sex" label="Sex" options=${Object.entries(sexLabels)} />
            <${Field} form=${form} name="mrn" label="MRN" required autocomplete="off" spellcheck="false" />
            <${Field} form=${form} name="preferred_language" label="Preferred language" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Contact</legend>
          <div class="grid">
            <${Field} form=${form} name="phone" label="Phone" type="tel" />
            <${Field} form=${form} name="address_line" label="Address" wide />
            <${Field} form=${form} name="city" label="City" />
            <${Field} form=${form} name="state" label="State" />
            <${Field} form=${form} name="postal_code" label="Postal code" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Care team and coverage</legend>
          <div class="grid">
            <${Field} form=${form} name="pcp_name" label="PCP" />
            <${Field} form=${form} name="payer" label="Payer" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Emergency or family contact</legend>
          <div class="grid">
            <${Field} form=${form} name="emergency_contact_name" label="Name" />
            <${Field} form=${form} name="emergency_contact_relation" label="Relationship" />
            <${Field} form=${form} name="emergency_contact_phone" label="Phone" type="tel" />
          </div>
        </fieldset>
        <${TextArea} form=${form} name="note" label="Note" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="save-patient" disabled=${form.busy}>
            ${patient ? 'Save changes' : 'Register patient'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
