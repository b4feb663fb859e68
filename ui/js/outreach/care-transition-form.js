// Recording an ED visit or a stay (inpatient, observation, skilled nursing), or
// changing one: typically to add the discharge date once it is known, which is what
// starts the discharge follow-up's business days. The kinds and sources are the core's
// words; its messages (a discharge before the admission, a date in the future) come
// back under the fields.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, todayIso } from '../format.js';
import { options } from './vocabulary.js';

function initialValues(patientId, t) {
  if (!t) {
    return { patient_id: patientId, kind: '', facility: '', admitted_on: todayIso(), discharged_on: '', reason: '', heard_from: '' };
  }
  return {
    patient_id: t.patient_id, kind: t.kind, facility: t.facility ?? '', admitted_on: t.admitted_on ?? '',
    discharged_on: t.discharged_on ?? '', reason: t.reason ?? '', heard_from: t.heard_from ?? '',
  };
}

/** A new transition for `patient`, or a change to `transition`. */
export function CareTransitionForm({ patient, transition, onSaved, onClose }) {
  const form = useForm(initialValues(patient.id, transition));

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((draft) => (transition
      ? api.updateTransition(transition.id, draft)
      : api.addTransition(draft)));
    if (saved) onSaved(saved);
  }

  const title = transition
    ? `${transition.kind_label} at ${transition.facility}, admitted ${formatDate(transition.admitted_on)}`
    : `Record an ED visit or stay for ${patient.first_name} ${patient.last_name}`;
  return html`
    <${Modal} title=${title} onClose=${onClose} id="care-transition-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="care-transition-form" novalidate>
        <div class="grid">
          <${Select} form=${form} name="kind" label="Kind" required
            options=${[['', 'Choose the kind…'], ...options('transition_kinds')]} />
          <${Field} form=${form} name="facility" label="Facility" required autocomplete="off" />
          <${Field} form=${form} name="admitted_on" label="Admitted (or seen) on" type="date" required max=${todayIso()} />
          <${Field} form=${form} name="discharged_on" label="Discharged on" type="date" max=${todayIso()}
            min=${form.values.admitted_on || undefined} hint="Leave empty while still in; an ED visit is same-day" />
          <${Field} form=${form} name="reason" label="Reason" wide autocomplete="off" />
          <${Select} form=${form} name="heard_from" label="Heard from"
            options=${[['', '— not recorded'], ...options('heard_from')]} />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="care-transition-submit" disabled=${form.busy}>
            ${transition ? 'Save changes' : 'Record'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
