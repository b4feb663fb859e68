// The PCP's follow-through on a recommendation: acted on it (done) or declined it, on a date.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, todayIso } from '../format.js';

/** The PCP acted on a recommendation (done) or decided against it (declined), on a date. */
export function FollowThroughForm({ rec, status, onSaved, onClose }) {
  const form = useForm({ on: todayIso() });

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => api.followThrough(rec.id, status, values.on));
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${status === 'done' ? 'The PCP acted on the recommendation' : 'The PCP declined the recommendation'}
      onClose=${onClose} id="follow-through-dialog">
      <form onSubmit=${save} id="follow-through-form" novalidate>
        <p><span class="rec-category">${rec.category_label}</span> ${rec.text}</p>
        <p class="muted small">For ${rec.first_name} ${rec.last_name}, from the review of ${formatDate(rec.session_held_on)}.</p>
        <div class="grid">
          <${Field} form=${form} name="on" label=${status === 'done' ? 'Date acted on' : 'Date declined'} type="date"
            required min=${rec.session_held_on} max=${todayIso()} />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="follow-through-submit" disabled=${form.busy}>
            ${status === 'done' ? 'Mark done' : 'Mark declined'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
