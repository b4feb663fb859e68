// PHQ-9 item 9 safety flags on the patient page: the banner of an open flag, the
// dialog that acknowledges it with the action taken, and the flags acknowledged before;
// and the banner of an item 9 left unanswered on the latest PHQ-9.
import { html } from '../html.js';
import { api } from '../api.js';
import { kindLabel } from '../catalogue.js';
import { useForm, TextArea, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, formatDateTime } from '../format.js';

function safetyText(flag) {
  return `${kindLabel('phq9')} item 9 = ${flag.item9} on ${formatDate(flag.raised_on)}`;
}

export function SafetyBanner({ flag, first, onAcknowledge }) {
  return html`
    <div class="safety-banner" role="alert" data-flag-id=${flag.id}>
      <div class="safety-body">
        <span class="safety-tag">Safety flag</span>
        <strong class="safety-text">${safetyText(flag)} — needs same-day follow-up</strong>
        <span class="safety-when">Raised ${formatDateTime(flag.raised_at)}. Acknowledge once the patient was followed up.</span>
      </div>
      <button type="button" class="danger acknowledge-safety" id=${first ? 'acknowledge-safety' : undefined}
        onClick=${onAcknowledge}>Acknowledge</button>
    </div>`;
}

/** The latest PHQ-9 left item 9 blank (`unanswered`: the core's `{label, detail,
 *  taken_on, measure_id}`): shown until a PHQ-9 with item 9 is recorded. Nothing to
 *  acknowledge; asking the item and recording it is what ends it. */
export function Item9UnansweredBanner({ unanswered, onRecord }) {
  return html`
    <div class="safety-banner item9-unanswered" role="status" id="item9-unanswered"
      data-measure-id=${unanswered.measure_id}>
      <div class="safety-body">
        <span class="safety-tag">${unanswered.label}</span>
        <strong class="safety-text">${unanswered.detail}.</strong>
      </div>
      <button type="button" id="record-item9" onClick=${onRecord}>Record ${kindLabel('phq9')}</button>
    </div>`;
}

export function AcknowledgeForm({ flag, onSaved, onClose }) {
  const form = useForm({ action_taken: '' });
  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((v) => api.acknowledgeSafety(flag.id, v.action_taken));
    if (saved) onSaved(saved);
  }
  return html`
    <${Modal} title="Acknowledge safety flag" onClose=${onClose} id="acknowledge-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="acknowledge-form" novalidate>
        <p class="dialog-lead"><strong>${safetyText(flag)}.</strong> Say what was done, for example: called the
          patient, safety plan reviewed, crisis line given, PCP or psychiatrist informed.</p>
        <${TextArea} form=${form} name="action_taken" label="Action taken" rows="3" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="acknowledge-submit" disabled=${form.busy}>
            Acknowledge <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

export function SafetyHistory({ flags }) {
  return html`
    <h3 class="registry-sub">Safety flags acknowledged</h3>
    <ul class="safety-history" id="safety-history">
      ${flags.map((f) => html`<li key=${f.id} data-flag-id=${f.id}>
        <div><b>${safetyText(f)}</b></div>
        <div class="when">Acknowledged by ${f.acknowledged_by ?? 'unknown'} on ${f.acknowledged_at ? formatDateTime(f.acknowledged_at) : '—'}</div>
        <div class="action-taken">${f.action_taken}</div>
      </li>`)}
    </ul>`;
}
