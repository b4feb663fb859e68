// Starting a review session or editing one: the date held, the attendees (rows of name
// and role; a new session starts with the previous session's team) and a note.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, todayIso } from '../format.js';

const ROLES = [['psychiatrist', 'Psychiatrist'], ['pcp', 'PCP'], ['coordinator', 'Care coordinator'], ['other', 'Other']];

/** Starting a session (`session` absent) or editing one; attendees are rows of name and role. */
export function SessionForm({ session, heldOn, previousId, onSaved, onClose }) {
  const form = useForm({ held_on: session?.held_on ?? heldOn, note: session?.note ?? '' });
  const [attendees, setAttendees] = useState(session
    ? session.attendees.map((a) => ({ name: a.name, role: a.role }))
    : [{ name: '', role: 'psychiatrist' }, { name: '', role: 'pcp' }, { name: '', role: 'coordinator' }]);

  // A new session starts with last session's team: it is usually the same people.
  useEffect(() => {
    if (session || !previousId) return;
    api.reviewSession(previousId).then((previous) => {
      if (previous.attendees.length > 0) {
        setAttendees(previous.attendees.map((a) => ({ name: a.name, role: a.role })));
      }
    }, () => {});
  }, []);

  const setRow = (i, field) => (event) => {
    const value = event.currentTarget.value;
    setAttendees((rows) => rows.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  };
  const addRow = () => setAttendees((rows) => [...rows, { name: '', role: 'other' }]);
  const removeRow = (i) => setAttendees((rows) => rows.filter((_, j) => j !== i));

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => {
      const draft = { ...values, attendees };
      return session ? api.updateReviewSession(session.id, draft) : api.createReviewSession(draft);
    });
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${session ? `Edit the session of ${formatDate(session.held_on)}` : 'Start a review session'}
      onClose=${onClose} id="session-dialog">
      <form onSubmit=${save} id="session-form" novalidate>
        <div class="grid">
          <${Field} form=${form} name="held_on" label="Date held" type="date" required max=${todayIso()}
            hint="Today, or an earlier day if you record it later" />
        </div>
        <fieldset class="attendee-rows">
          <legend>Attendees</legend>
          ${form.errors.attendees && html`<div class="field-error" role="alert" id="attendees-error">${form.errors.attendees}</div>`}
          ${attendees.map((row, i) => html`<${AttendeeRow} key=${i} i=${i} row=${row} errors=${form.errors}
            onName=${setRow(i, 'name')} onRole=${setRow(i, 'role')}
            onRemove=${attendees.length > 1 ? () => removeRow(i) : null} />`)}
          <button type="button" id="add-attendee" onClick=${addRow}>Add attendee</button>
        </fieldset>
        <${TextArea} form=${form} name="note" label="Note" rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="session-submit" disabled=${form.busy}>
            ${session ? 'Save session' : 'Start session'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

function AttendeeRow({ i, row, errors, onName, onRole, onRemove }) {
  const nameId = `attendee-${i}-name`;
  const roleId = `attendee-${i}-role`;
  const nameError = errors[`attendees.${i}.name`];
  const roleError = errors[`attendees.${i}.role`];
  return html`<div class="attendee-row" data-row=${i}>
    <div class=${`field${nameError ? ' has-error' : ''}`}>
      <label for=${nameId}>Attendee ${i + 1} name<span class="required" aria-hidden="true"> *</span></label>
      <input id=${nameId} value=${row.name} onInput=${onName} required autocomplete="off"
        aria-invalid=${nameError ? 'true' : undefined} aria-describedby=${nameError ? `${nameId}-error` : undefined} />
      ${nameError && html`<div class="field-error" id=${`${nameId}-error`} role="alert">${nameError}</div>`}
    </div>
    <div class=${`field${roleError ? ' has-error' : ''}`}>
      <label for=${roleId}>Role</label>
      <select id=${roleId} value=${row.role} onChange=${onRole}
        aria-invalid=${roleError ? 'true' : undefined} aria-describedby=${roleError ? `${roleId}-error` : undefined}>
        ${ROLES.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
      ${roleError && html`<div class="field-error" id=${`${roleId}-error`} role="alert">${roleError}</div>`}
    </div>
    ${onRemove
      ? html`<button type="button" class="remove-attendee" onClick=${onRemove}
          aria-label=${`Remove attendee ${i + 1}`} title="Remove">Remove</button>`
      : html`<span></span>`}
  </div>`;
}
