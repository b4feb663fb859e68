// Progress notes on the plan: dated, by whom, perhaps about one goal, newest first.
// A note is never lost: while one is typed its fields are kept as a draft in the
// encrypted store a moment after every change and again when the dialog closes, as
// contact notes are. The tab and Today offer the draft back; saving the note deletes
// it in the same transaction (the core does that), discarding deletes it here.
import { html, useLayoutEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { draftFields, useDraftKeeping } from '../components/draft-keeping.js';
import { formatDate, formatDateTime, todayIso } from '../format.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';

/** The fields the draft keeps, as the core's NoteDraft names them. */
const FIELDS = ['text', 'written_on', 'goal_id'];

/** The progress-note form's draft keys start so (`care_plans::note_draft_key`). */
const DRAFT_PREFIX = 'careplan-note:';

/** True for a kept draft of the progress-note form (Today lists every kind). */
export function isNoteDraft(draft) {
  return String(draft?.key ?? '').startsWith(DRAFT_PREFIX);
}

/** A stored draft (`{body, saved_at}`) as `{values, savedAt}`, or null when there is
 *  nothing usable in it. */
export function restoreNoteDraft(draft) {
  const values = draftFields(draft, FIELDS);
  return values ? { values, savedAt: draft.saved_at } : null;
}

/** The first words of a note, for the draft banner. */
function opening(text) {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 160 ? `${t.slice(0, 160)}…` : t;
}

const blank = () => ({ text: '', written_on: todayIso(), goal_id: '' });
const bodyOf = (v) => JSON.stringify({ text: v.text ?? '', written_on: v.written_on ?? '', goal_id: v.goal_id ?? '' });
const isEmpty = (v) => !v.text?.trim();

/** `plan`: the CarePlan; `draft`/`draftKey`: the note form's kept draft and its key;
 *  `onChanged()` after a note is saved, `onDraftChanged()` after the draft may have
 *  changed (the form closed, the draft discarded); `readOnly` for an earlier version. */
export function ProgressNotes({ plan, draft, draftKey, onChanged, onDraftChanged, readOnly = false }) {
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const notes = plan.notes ?? [];
  const goals = plan.goals ?? [];
  const restored = draft ? restoreNoteDraft(draft) : null;

  const write = () => setDialog({ restored });
  async function discard() {
    setError('');
    try {
      await api.discardDraft(draftKey);
      onDraftChanged();
    } catch (e) {
      setError(e.message);
    }
  }

  return html`
    <section class="cp-section cp-notes" id=${readOnly ? undefined : 'cp-notes'} aria-labelledby=${readOnly ? undefined : 'cp-notes-title'}>
      <header class="cp-section-head">
        <h3 id=${readOnly ? undefined : 'cp-notes-title'}>Progress notes</h3>
        ${!readOnly && html`<button type="button" class="small-button" id="cp-add-note" onClick=${write}>Add progress note</button>`}
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!readOnly && draft && html`<div class="draft-banner" id="cp-note-draft" role="status">
        <span>Unsaved progress note from ${formatDateTime(draft.saved_at)}${restored?.values.text?.trim()
          ? html`: <i class="draft-note">${opening(restored.values.text)}</i>` : ''}</span>
        <button type="button" class="primary small-button" id="cp-note-resume" onClick=${write}>Resume</button>
        <button type="button" class="small-button" id="cp-note-discard" onClick=${discard}>Discard</button>
      </div>`}
      ${notes.length === 0 && html`<p class="muted cp-empty">No progress notes yet.</p>`}
      ${notes.length > 0 && html`<ol class="cp-note-list">
        ${notes.map((n) => {
          const goal = goals.find((g) => g.id === n.goal_id);
          return html`<li key=${n.id} class="cp-note" data-id=${n.id}>
            <div class="cp-note-when"><b>${formatDate(n.written_on)}</b> <span class="muted small">by ${n.author}</span>
              ${goal && html`<span class="small cp-note-goal">on “${goal.text}”</span>`}</div>
            <div class="cp-note-text">${n.text}</div>
          </li>`;
        })}
      </ol>`}

      ${dialog && html`<${NoteForm} patientId=${plan.patient_id} draftKey=${draftKey} goals=${goals}
        restored=${dialog.restored} onSaved=${() => { setDialog(null); onChanged(); }}
        onClose=${() => { setDialog(null); onDraftChanged(); }} />`}
    </section>`;
}

/** Writing a progress note; `restored` is `restoreNoteDraft(draft)`, the note to carry on with. */
function NoteForm({ patientId, draftKey, goals, restored, onSaved, onClose }) {
  const form = useForm({ ...blank(), ...restored?.values });
  const [restoredAt, setRestoredAt] = useState(restored?.savedAt ?? null);
  const [discardProblem, setDiscardProblem] = useState('');
  const keeping = useDraftKeeping({ enabled: true, draftKey, patientId, values: form.values, bodyOf, isEmpty });
  const { values, errors } = form;
  // The note is what the form is for: it has the focus, even under the restored notice.
  useLayoutEffect(() => { document.getElementById('cp-note-text')?.focus(); }, []);

  async function save(event) {
    event.preventDefault();
    await keeping.pause();
    const saved = await form.submit((v) => api.addProgressNote({ patient_id: patientId, ...v }));
    if (saved) onSaved(saved);
    else keeping.resume();
  }

  // The caller hears of the close once the draft is written, so it reads it back.
  async function close() {
    await keeping.flush();
    onClose();
  }

  async function discard() {
    const next = blank();
    await keeping.reset(next);
    try {
      await api.discardDraft(draftKey);
    } catch (e) {
      setDiscardProblem(e.message);
      return;
    }
    form.setValues(next);
    setRestoredAt(null);
    document.getElementById('cp-note-text')?.focus();
  }

  const open = goals.filter((g) => !['completed', 'cancelled'].includes(g.lifecycle.value) || g.id === values.goal_id);
  return html`
    <${Modal} title="Add a progress note" onClose=${close} id="cp-note-dialog">
      <form id="cp-note-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        ${restoredAt && html`<div class="notice draft-notice" id="cp-note-restored" role="status">
          <span>Restored your unsaved note from ${formatDateTime(restoredAt)}.</span>
          <button type="button" id="cp-note-restored-discard" class="small-button" onClick=${discard}>Discard it</button>
          ${discardProblem && html`<span class="field-error" role="alert">${discardProblem}</span>`}
        </div>`}
        <div class="grid">
          <${FieldBox} id="cp-note-on" label="Date" error=${errors.written_on}>
            <input id="cp-note-on" type="date" max=${todayIso()} value=${values.written_on} onInput=${form.set('written_on')}
              aria-invalid=${errors.written_on ? 'true' : undefined} aria-describedby=${describedBy('cp-note-on', errors.written_on)} />
          <//>
          ${open.length > 0 && html`<${FieldBox} id="cp-note-goal" label="About the goal" error=${errors.goal_id}>
            <select id="cp-note-goal" value=${values.goal_id} onChange=${form.set('goal_id')}
              aria-describedby=${describedBy('cp-note-goal', errors.goal_id)}>
              ${optionList([['', 'The plan as a whole'], ...open.map((g) => [g.id, `“${g.text}”`])])}
            </select>
          <//>`}
          <${FieldBox} id="cp-note-text" label="Note" error=${errors.text} required wide>
            <textarea id="cp-note-text" rows="6" value=${values.text} onInput=${form.set('text')}
              aria-invalid=${errors.text ? 'true' : undefined} aria-describedby=${describedBy('cp-note-text', errors.text)}></textarea>
          <//>
        </div>
        <${FormMessage} form=${form} />
        <p class="hint draft-hint" id="cp-note-draft-status">
          ${keeping.problem
            ? html`<span class="field-error">Could not keep a draft: ${keeping.problem}</span>`
            : `Cancel or Esc keeps what you typed as a draft${keeping.keptAt ? ` (kept ${formatDateTime(keeping.keptAt)})` : ''}; it is offered back here and on Today.`}
        </p>
        <div class="actions">
          <button type="button" onClick=${close}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-note-save" disabled=${form.busy}>Save note <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
