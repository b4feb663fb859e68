// Unsaved notes, offered back on Today: after a crash, a lock or a closed window, what
// was typed is still in the store as a draft — a contact note, or a progress note on a
// care plan. Each can be opened (the contact form filled in as it was left, or the
// patient's care plan, which offers the note back) or discarded; a discard can be
// undone until the next one, because a note is the one thing a coordinator cannot type
// again.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { restoreDraft } from '../outreach/contact-form.js';
import { isNoteDraft, restoreNoteDraft } from '../careplan/notes.js';

/** The first words of a draft's note, for telling drafts apart. */
function noteStart(draft) {
  const note = (isNoteDraft(draft) ? restoreNoteDraft(draft)?.values.text : restoreDraft(draft)?.values.note)?.trim() ?? '';
  return note.length > 90 ? `${note.slice(0, 90)}…` : note;
}

/** `drafts`: the worklist's DraftLines; `onOpen(draft)` opens one; `onChanged()` after a
 *  discard or its undo. */
export function Drafts({ drafts, onOpen, onChanged }) {
  const [undo, setUndo] = useState(null);
  const [error, setError] = useState('');

  async function discard(draft) {
    setError('');
    try {
      await api.discardDraft(draft.key);
      setUndo(draft);
      onChanged();
    } catch (e) {
      setError(e.message);
    }
  }
  async function restore() {
    setError('');
    try {
      await api.saveDraft(undo.key, undo.patient_id, undo.body);
      setUndo(null);
      onChanged();
    } catch (e) {
      setError(e.message);
    }
  }

  if (drafts.length === 0 && !undo) return null;
  const who = (d) => (d.patient ? `${d.patient.last_name}, ${d.patient.first_name}` : 'A patient no longer on the caseload');
  return html`
    <section class="drafts" id="drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Unsaved notes</h2>
      ${drafts.length > 0 && html`<ul class="draft-lines">
        ${drafts.map((d) => html`<li class="draft-line" key=${d.key} data-patient=${d.patient_id}>
          <div class="draft-what">
            <b>${who(d)}</b> <span class="muted small">${`${isNoteDraft(d) ? 'care-plan progress note' : 'contact note'} from ${formatDateTime(d.saved_at)}`}</span>
            ${noteStart(d) && html`<div class="draft-note">${noteStart(d)}</div>`}
          </div>
          <button type="button" class="draft-open primary" disabled=${!d.patient}
            onClick=${() => onOpen(d)}>Open and finish</button>
          <button type="button" class="draft-discard" onClick=${() => discard(d)}>Discard</button>
        </li>`)}
      </ul>`}
      ${undo && html`<p class="notice" role="status" id="draft-discarded">
        Discarded the note${undo.patient ? ` for ${who(undo)}` : ''}.${' '}<button type="button" class="link"
          id="draft-undo" onClick=${restore}>Undo</button></p>`}
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
    </section>`;
}
