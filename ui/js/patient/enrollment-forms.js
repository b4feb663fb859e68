// Starting an episode and moving it along its lifecycle. The transition dialog only
// ever offers the moves the core lists in `allowed_next`.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { reasonLabels, statusLabels, todayIso } from '../format.js';

export function EnrollForm({ patient, programs, onSaved, onClose }) {
  const form = useForm({
    patient_id: patient.id, program: programs[0]?.code ?? '', status: 'referred', on: todayIso(),
    consent_on: '', referral_source: '', referred_by: '', note: '',
  });

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((request) => api.startEnrollment(request));
    if (saved) onSaved(saved);
  }

  const program = programs.find((p) => p.code === form.values.program);
  return html`
    <${Modal} title=${`Enroll ${patient.first_name} ${patient.last_name}`} onClose=${onClose} id="enroll-dialog">
      <form onSubmit=${save} id="enroll-form" novalidate>
        <div class="grid">
          <${Select} form=${form} name="program" label="Program" required
            options=${programs.map((p) => [p.code, p.name])} />
          <${Select} form=${form} name="status" label="Starts as" required
            options=${[['referred', 'Referred'], ['screening', 'Screening'], ['active', 'Active (screened elsewhere)']]} />
          <${Field} form=${form} name="on" label="Date" type="date" required max=${todayIso()} />
          <${Field} form=${form} name="consent_on" label="Consent date" type="date" max=${todayIso()}
            hint="When the patient agreed to take part" />
          <${Field} form=${form} name="referral_source" label="Referral source" list="referral-sources" />
          <${Field} form=${form} name="referred_by" label="Referred by" />
        </div>
        <datalist id="referral-sources">
          ${['PCP', 'ED discharge', 'Hospital discharge', 'Registry search', 'Behavioral health', 'Self-referral']
            .map((s) => html`<option value=${s} />`)}
        </datalist>
        <${TextArea} form=${form} name="note" label="Note" rows="2" />
        ${program && html`<details class="criteria"><summary>${program.name} eligibility criteria</summary>
          <ul>${program.criteria_text.slice(1).map((line) => html`<li class=${`depth-${line.search(/\S/) / 2}`}>${line.trim()}</li>`)}</ul>
        </details>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="enroll-submit" disabled=${form.busy}>Enroll <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

/** `initialReason` pre-selects a disenrollment's reason (Today's "consider unreachable"
 *  line opens this with `unreachable`); the coordinator still confirms the move. */
export function TransitionForm({ episode, to, initialReason, onSaved, onClose }) {
  const form = useForm({
    enrollment_id: episode.id, to, on: todayIso(), reason: to === 'disenrolled' ? initialReason ?? 'declined' : '',
    note: '', consent_on: '',
  });

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((request) => api.transition(request));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${`${episode.program_name}: ${statusLabels[episode.status]} → ${statusLabels[to]}`} onClose=${onClose} id="transition-dialog">
      <form onSubmit=${save} id="transition-form" novalidate>
        <div class="grid">
          <${Field} form=${form} name="on" label="Date" type="date" required max=${todayIso()} />
          ${to === 'disenrolled' && html`<${Select} form=${form} name="reason" label="Reason" required
            options=${Object.entries(reasonLabels)} />`}
          ${to === 'active' && !episode.consent_on && html`<${Field} form=${form} name="consent_on"
            label="Consent date" type="date" max=${todayIso()} hint="Record consent if it was given today or earlier" />`}
        </div>
        <${TextArea} form=${form} name="note" label=${form.values.reason === 'other' ? 'Note (say why)' : 'Note'} rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="transition-submit" disabled=${form.busy}>
            Move to ${statusLabels[to]} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
