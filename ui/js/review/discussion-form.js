// Recording that a listed patient was discussed at the session, with the consultant's
// recommendation if there is one.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Select, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate } from '../format.js';

const CATEGORIES = [
  ['medication-change', 'Medication change'],
  ['dose-change', 'Dose change'],
  ['therapy-referral', 'Therapy referral'],
  ['other', 'Other'],
];

/** Recording that a listed patient was discussed, with the recommendation if any. */
export function DiscussionForm({ session, row, already, onSaved, onClose }) {
  const form = useForm({ 'recommendation.category': '', 'recommendation.text': '' });

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => {
      const category = values['recommendation.category'];
      const text = values['recommendation.text'];
      return api.recordDiscussion({
        session_id: session.id,
        patient_id: row.patient_id,
        // A repeat keeps what was recorded the first time (the core does so for an empty list).
        reasons: already ? [] : row.reasons.map((r) => r.text),
        recommendation: category || text.trim() ? { category, text } : null,
      });
    });
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${`Discussion: ${row.first_name} ${row.last_name}`} onClose=${onClose} id="discussion-dialog">
      <form onSubmit=${save} id="discussion-form" novalidate>
        <p class="muted">Review of ${formatDate(session.held_on)}. On the list for:</p>
        <ul class="reason-details">${row.reasons.map((r) => html`<li>${r.text}</li>`)}</ul>
        ${already && html`<p class="hint">Already recorded as discussed; a recommendation entered here is added.</p>`}
        <div class="grid">
          <${Select} form=${form} name="recommendation.category" label="Recommendation"
            options=${[['', 'No recommendation'], ...CATEGORIES]} />
        </div>
        <${TextArea} form=${form} name="recommendation.text" label="What the consultant recommends" rows="3" />
        ${form.errors.reasons && html`<div class="field-error" role="alert">${form.errors.reasons}</div>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="discussion-submit" disabled=${form.busy}>
            Record discussion <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
