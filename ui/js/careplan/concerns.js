// The plan's health concerns: medical, behavioural or social (a social one carries its
// HL7 Gravity SDOH category, and the core ties it to the patient's social need of that
// category). Active ones first, as the core orders them; a resolved one can be taken up
// again. The concern form adds or edits one.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatShortDate } from '../format.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { RemoveItemForm } from './remove-form.js';
import { options } from './vocabulary.js';

/** `plan`: the CarePlan; `onChanged()` after a change; `readOnly` for an earlier
 *  version (no buttons). */
export function Concerns({ plan, onChanged, readOnly = false }) {
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const close = () => setDialog(null);
  const changed = () => { setDialog(null); onChanged(); };

  async function setStatus(concern, status) {
    setError('');
    try {
      if (status === 'resolved') await api.resolveConcern(concern.id);
      else await api.updateConcern(concern.id, { ...draftOf(concern), status });
      onChanged();
    } catch (e) {
      setError(e.message);
    }
  }

  const concerns = plan.concerns ?? [];
  return html`
    <section class="cp-section cp-concerns" id=${readOnly ? undefined : 'cp-concerns'} aria-labelledby=${readOnly ? undefined : 'cp-concerns-title'}>
      <header class="cp-section-head">
        <h3 id=${readOnly ? undefined : 'cp-concerns-title'}>Health concerns</h3>
        ${!readOnly && html`<button type="button" class="small-button" id="cp-add-concern"
          onClick=${() => setDialog({ kind: 'add' })}>Add concern</button>`}
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${concerns.length === 0 && html`<p class="muted cp-empty">No concerns recorded.</p>`}
      ${concerns.length > 0 && html`<ul class="cp-concern-list">
        ${concerns.map((c) => html`<li key=${c.id} class=${`cp-concern${c.status.value === 'resolved' ? ' resolved' : ''}`}
          data-id=${c.id} data-kind=${c.kind.value}>
          <div class="cp-concern-main">
            <div class="cp-concern-head">
              <span class=${`badge cp-kind kind-${c.kind.value}`}>${c.kind.label}</span>
              ${c.sdoh && html`<span class="cp-sdoh">${c.sdoh.label}</span>`}
              ${c.status.value === 'resolved' && html`<span class="badge cp-resolved">Resolved</span>`}
            </div>
            <div class="cp-concern-text">${c.text}</div>
            <div class="small muted">Noted ${formatShortDate(c.noted_on)}</div>
          </div>
          ${!readOnly && html`<div class="row-actions">
            ${c.status.value === 'resolved'
              ? html`<button type="button" class="small-button cp-concern-reopen" onClick=${() => setStatus(c, 'active')}>Reopen</button>`
              : html`<button type="button" class="small-button cp-concern-resolve" onClick=${() => setStatus(c, 'resolved')}>Resolve</button>`}
            <button type="button" class="small-button cp-concern-edit" onClick=${() => setDialog({ kind: 'edit', concern: c })}>Edit</button>
            <button type="button" class="small-button cp-remove" onClick=${() => setDialog({ kind: 'remove', concern: c })}>Remove</button>
          </div>`}
        </li>`)}
      </ul>`}

      ${dialog?.kind === 'add' && html`<${ConcernForm} patientId=${plan.patient_id} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'edit' && html`<${ConcernForm} patientId=${plan.patient_id} concern=${dialog.concern}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveItemForm} item="concern" id=${dialog.concern.id}
        what=${dialog.concern.text} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

/** A concern as the form's text (the core's ConcernDraft). */
function draftOf(c) {
  return {
    patient_id: c.patient_id, kind: c.kind.value, text: c.text, sdoh: c.sdoh?.value ?? '', status: c.status.value,
  };
}

/** A new concern for `patientId`, or `concern` edited. */
export function ConcernForm({ patientId, concern, onSaved, onClose }) {
  const editing = !!concern;
  const form = useForm(editing ? draftOf(concern) : { kind: '', text: '', sdoh: '', status: 'active' });
  const { values, errors } = form;
  const social = values.kind === 'social';

  async function save(event) {
    event.preventDefault();
    const draft = { ...values, patient_id: patientId, sdoh: social ? values.sdoh : '' };
    const saved = await form.submit(() => (editing ? api.updateConcern(concern.id, draft) : api.addConcern(draft)));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${editing ? 'Edit the concern' : 'Add a health concern'} onClose=${onClose} id="cp-concern-dialog">
      <form id="cp-concern-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${FieldBox} id="cp-concern-kind" label="Kind" error=${errors.kind} required>
            <select id="cp-concern-kind" value=${values.kind} onChange=${form.set('kind')}
              aria-invalid=${errors.kind ? 'true' : undefined} aria-describedby=${describedBy('cp-concern-kind', errors.kind)}>
              ${optionList([['', 'Choose the kind…'], ...options('concern_kinds')])}
            </select>
          <//>
          ${social && html`<${FieldBox} id="cp-concern-sdoh" label="Social need (SDOH category)" error=${errors.sdoh} required>
            <select id="cp-concern-sdoh" value=${values.sdoh} onChange=${form.set('sdoh')}
              aria-invalid=${errors.sdoh ? 'true' : undefined} aria-describedby=${describedBy('cp-concern-sdoh', errors.sdoh)}>
              ${optionList([['', 'Choose the category…'], ...options('sdoh_categories')])}
            </select>
          <//>`}
          <${FieldBox} id="cp-concern-text" label="Concern" error=${errors.text} required wide
            hint=${social ? 'Recorded with the patient’s social needs too, so a referral addresses the same need.' : undefined}>
            <textarea id="cp-concern-text" rows="2" value=${values.text} onInput=${form.set('text')}
              aria-invalid=${errors.text ? 'true' : undefined}
              aria-describedby=${describedBy('cp-concern-text', errors.text, social)}></textarea>
          <//>
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-concern-save" disabled=${form.busy}>${editing ? 'Save' : 'Add concern'}</button>
        </div>
      </form>
    <//>`;
}
