// Logging a contact (a call, a letter, a visit), or correcting one (the old entry is
// kept, struck through). The outcome comes first because it is what a coordinator
// knows first; everything else starts at what a phone call to the patient would be.
//
// A note is never lost: while a new contact is typed, its fields are kept as a draft in
// the encrypted store a moment after every change, and once more when the dialog is
// closed. Today and the patient page offer the draft back; saving the contact deletes
// it in the same transaction (the core does that), discarding deletes it here.
import { html, useLayoutEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, TextArea, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { draftFields, useDraftKeeping } from '../components/draft-keeping.js';
import { formatDate, formatDateTime, nowIsoMinute, todayIso } from '../format.js';
import { options, terms } from './vocabulary.js';

/** The text fields of the form, as the core's ContactDraft names them (and `topics`). */
const TEXT_FIELDS = ['outcome', 'channel', 'with_whom', 'direction', 'at', 'minutes', 'note', 'next_on'];

/** The draft key of the "log a contact" form, as the core names it. */
export function contactDraftKey(patientId) {
  return `contact:${patientId}`;
}

/** A stored draft (`{body, saved_at}`) as `{values, savedAt}`, or null when there is
 *  nothing usable in it: a body that is not JSON, or has none of the form's fields, is
 *  ignored rather than trusted. */
export function restoreDraft(draft) {
  const values = draftFields(draft, TEXT_FIELDS, ['topics']);
  return values && { values, savedAt: draft.saved_at };
}

/** A new contact: a phone call to the patient, made now, unless `initial` says
 *  otherwise (a letter, for instance). */
function blankValues(initial) {
  return {
    outcome: '', channel: 'phone', with_whom: 'patient', direction: 'outbound', at: nowIsoMinute(),
    minutes: '', topics: [], note: '', next_on: '', ...initial,
  };
}

/** The contact being corrected, as the form's text. */
function contactValues(c) {
  return {
    outcome: c.outcome, channel: c.channel, with_whom: c.with_whom, direction: c.direction,
    at: String(c.at ?? '').replace(' ', 'T'),
    minutes: c.minutes === null || c.minutes === undefined ? '' : String(c.minutes),
    topics: [...(c.topics ?? [])], note: c.note ?? '', next_on: c.next_on ?? '',
  };
}

/** What the draft keeps: the form's fields, nothing else. */
function draftBody(values) {
  const body = { topics: values.topics ?? [] };
  for (const field of TEXT_FIELDS) body[field] = values[field] ?? '';
  return JSON.stringify(body);
}

/** Nothing a coordinator typed: such a draft is thrown away rather than kept, so
 *  opening the form and closing it (or clearing it) leaves nothing to offer back. */
function isEmpty(values) {
  return !values.outcome && !values.note?.trim() && !values.minutes?.trim() && !values.next_on
    && (values.topics ?? []).length === 0;
}

/** Enter on a topic's checkbox saves, as it does in a text field (browsers differ
 *  there); the rest is every form's: Enter in a select, Ctrl+Enter in the note. */
function onFormKey(event) {
  if (event.key === 'Enter' && !event.isComposing && event.target.type === 'checkbox') {
    event.preventDefault();
    const formElement = event.currentTarget;
    if (formElement.requestSubmit) formElement.requestSubmit();
    else formElement.querySelector('[type=submit]')?.click();
    return;
  }
  submitOnEnter(event);
}

/** Logging a new contact with `patient` (`{id or patient_id, first_name, last_name}`),
 *  or correcting `contact`. `initial` overrides the new contact's fields (a letter:
 *  `{channel: 'letter', outcome: 'letter-sent'}`); `restored` is `restoreDraft(draft)`,
 *  the unsaved note to carry on with. */
export function ContactForm({ patient, contact, initial, restored, title, onSaved, onClose }) {
  const patientId = contact?.patient_id ?? patient.id ?? patient.patient_id;
  const correcting = !!contact;
  const draftKey = contactDraftKey(patientId);
  const form = useForm(correcting ? contactValues(contact) : blankValues({ ...initial, ...restored?.values }));
  const [restoredAt, setRestoredAt] = useState(correcting ? null : restored?.savedAt ?? null);
  const [discardProblem, setDiscardProblem] = useState('');
  const keeping = useDraftKeeping({
    enabled: !correcting, draftKey, patientId, values: form.values, bodyOf: draftBody, isEmpty,
  });
  // The outcome is what a coordinator knows first: it has the focus, even when the
  // restored-draft notice (with its button) stands above it. This runs after the
  // dialog's own first-field focus (a parent's layout effect runs after its child's).
  useLayoutEffect(() => { document.getElementById('field-outcome')?.focus(); }, []);

  async function save(event) {
    event.preventDefault();
    if (!correcting) await keeping.pause();
    const { values } = form;
    const draft = {
      patient_id: patientId,
      at: values.at, channel: values.channel, direction: values.direction, with_whom: values.with_whom,
      outcome: values.outcome, minutes: values.minutes, topics: values.topics, note: values.note,
      next_on: values.next_on,
    };
    const saved = await form.submit(() => (correcting ? api.correctContact(contact.id, draft) : api.addContact(draft)));
    if (saved) onSaved(saved);
    else keeping.resume();
  }

  // The caller hears of the close once the draft is written, so a list of drafts it
  // reads then already has this one.
  async function close() {
    if (!correcting) await keeping.flush();
    onClose();
  }

  async function discard() {
    const blank = blankValues(initial);
    await keeping.reset(blank);
    try {
      await api.discardDraft(draftKey);
    } catch (e) {
      setDiscardProblem(e.message);
      return;
    }
    form.setValues(blank);
    setRestoredAt(null);
    document.getElementById('field-outcome')?.focus();
  }

  const toggleTopic = (value) => (event) => {
    const on = event.currentTarget.checked;
    form.setValues((v) => ({
      ...v,
      topics: on ? [...v.topics.filter((t) => t !== value), value] : v.topics.filter((t) => t !== value),
    }));
  };
  const topicErrors = Object.entries(form.errors).filter(([field]) => field === 'topics' || field.startsWith('topics.'));
  const name = `${patient?.first_name ?? ''} ${patient?.last_name ?? ''}`.trim();
  const heading = title
    ?? (correcting ? `Correct the contact of ${formatDate(contact.on_date)}` : `Log a contact with ${name}`);

  return html`
    <${Modal} title=${heading} onClose=${close} id="contact-dialog">
      <form onSubmit=${save} onKeyDown=${onFormKey} id="contact-form" novalidate>
        ${correcting && html`<p class="dialog-lead">The contact as it was is kept in the log, struck through as corrected.</p>`}
        ${restoredAt && html`<div class="notice draft-notice" id="draft-restored" role="status">
          <span>Restored your unsaved note from ${formatDateTime(restoredAt)}.</span>
          <button type="button" id="draft-discard" class="small-button" onClick=${discard}>Discard it</button>
          ${discardProblem && html`<span class="field-error" role="alert">${discardProblem}</span>`}
        </div>`}
        <div class="grid">
          <${Select} form=${form} name="outcome" label="Outcome" required
            options=${[['', 'Choose the outcome…'], ...options('outcomes')]} />
          <${Select} form=${form} name="channel" label="Channel" required options=${options('channels')} />
          <${Select} form=${form} name="with_whom" label="With" required options=${options('with_whom')} />
          <${Select} form=${form} name="direction" label="Direction" options=${options('directions')} />
          <${Field} form=${form} name="at" label="Date and time" type="datetime-local" max=${nowIsoMinute()} />
          <${Field} form=${form} name="minutes" label="Minutes" inputmode="numeric" autocomplete="off" />
          <${Field} form=${form} name="next_on" label="Next contact" type="date" min=${todayIso()}
            hint="Leave empty to follow the program's cadence" />
        </div>
        <fieldset class=${`topics${topicErrors.length ? ' has-error' : ''}`} id="contact-topics">
          <legend>Topics</legend>
          <div class="checks">
            ${terms('topics').map((t) => html`<label class="check" key=${t.value}>
              <input type="checkbox" id=${`topic-${t.value}`} name="topics" value=${t.value}
                checked=${form.values.topics.includes(t.value)} onChange=${toggleTopic(t.value)} />
              ${t.label}</label>`)}
          </div>
          ${topicErrors.map(([field, message]) => html`<div class="field-error" role="alert" data-field=${field}>${message}</div>`)}
        </fieldset>
        <${TextArea} form=${form} name="note" label="Note" rows="4" />
        <${FormMessage} form=${form} />
        ${!correcting && html`<p class="hint draft-hint" id="draft-status">
          ${keeping.problem
            ? html`<span class="field-error">Could not keep a draft: ${keeping.problem}</span>`
            : `Cancel or Esc keeps what you typed as a draft${keeping.keptAt ? ` (kept ${formatDateTime(keeping.keptAt)})` : ''}; it is offered back on Today and on this patient's page.`}
        </p>`}
        <div class="actions">
          <button type="button" onClick=${close}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="contact-submit" disabled=${form.busy}>
            ${correcting ? 'Save correction' : 'Save contact'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
