// Outreach on the patient page: where the cadence stands, a pending discharge
// follow-up, an unsaved contact note, the contact log and the ED visits and stays. It
// holds the panel's state and dialogs; each part lives in its own file. C logs a
// contact and T records a transition, when no field or dialog has the keyboard.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { ContactForm, restoreDraft } from './contact-form.js';
import { CareTransitionForm } from './care-transition-form.js';
import { ContactLog } from './contact-log.js';
import { TransitionsList } from './transitions-list.js';
import { OutreachStatus, FollowUpDue } from './outreach-status.js';
import { RemoveContactForm, RemoveTransitionForm } from './remove-forms.js';

/** `onChanged` runs after every change made here (the registry's flags and the
 *  timeline read contacts too); a new `refresh` value reloads the panel. */
export function OutreachPanel({ patient, onChanged, refresh }) {
  const [panel, setPanel] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const ticket = useRef(0);

  async function load() {
    const mine = ++ticket.current;
    try {
      const result = await api.outreachPanel(patient.id);
      if (mine === ticket.current) {
        setPanel(result);
        setError('');
      }
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => {
    setPanel(null);
    setDialog(null);
  }, [patient.id]);
  useEffect(() => { load(); }, [patient.id, refresh]);

  const changed = () => {
    setDialog(null);
    load();
    onChanged?.();
  };
  // Closing the contact form may have kept a draft: read the panel again to offer it.
  const closed = () => {
    setDialog(null);
    load();
  };
  const close = () => setDialog(null);

  /** The contact form; an unsaved note is carried on rather than typed over. */
  const logContact = () => setDialog({ kind: 'contact', restored: restoreDraft(panel?.draft) });
  const recordTransition = () => setDialog({ kind: 'transition' });

  useEffect(() => {
    const onKey = (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || document.querySelector('.modal')) return;
      const key = event.key.toLowerCase();
      if (key === 'c' && panel) logContact();
      else if (key === 't') recordTransition();
      else return;
      // The key must not also reach the dialog it just opened.
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panel]);

  async function discardDraft() {
    try {
      await api.discardDraft(panel.draft_key);
      load();
    } catch (e) {
      setError(e.message);
    }
  }

  const draft = panel?.draft ? restoreDraft(panel.draft) : null;
  return html`
    <section class="outreach" id="outreach" aria-labelledby="outreach-title">
      <header class="registry-head">
        <h2 id="outreach-title">Outreach</h2>
        <div class="registry-actions">
          <button type="button" id="record-transition" onClick=${recordTransition}
            title="Record an ED visit or a stay (T)">Record ED visit or stay <kbd>T</kbd></button>
          <button type="button" class="primary" id="log-contact" disabled=${!panel} onClick=${logContact}
            title="Log a contact (C)">Log contact <kbd>C</kbd></button>
        </div>
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!panel && !error && html`<p class="loading">Loading outreach…</p>`}
      ${panel && html`
        ${panel.follow_up && html`<${FollowUpDue} followUp=${panel.follow_up} />`}
        ${panel.draft && html`<div class="draft-banner" id="contact-draft" role="status">
          <span>Unsaved contact note from ${formatDateTime(panel.draft.saved_at)}${draft?.values.note
            ? html`: <i class="draft-note">${draft.values.note}</i>` : ''}</span>
          <button type="button" class="primary small-button" id="draft-resume" onClick=${logContact}>Resume</button>
          <button type="button" class="small-button" id="draft-discard-banner" onClick=${discardDraft}>Discard</button>
        </div>`}
        <${OutreachStatus} outreach=${panel.outreach} />
        <h3 class="registry-sub">Contacts</h3>
        <${ContactLog} contacts=${panel.contacts}
          onCorrect=${(contact) => setDialog({ kind: 'correct', contact })}
          onRemove=${(contact) => setDialog({ kind: 'remove-contact', contact })} />
        <h3 class="registry-sub">ED visits and stays</h3>
        <${TransitionsList} transitions=${panel.transitions}
          onEdit=${(transition) => setDialog({ kind: 'transition', transition })}
          onRemove=${(transition) => setDialog({ kind: 'remove-transition', transition })} />`}

      ${dialog?.kind === 'contact' && html`<${ContactForm} patient=${patient} restored=${dialog.restored}
        onSaved=${changed} onClose=${closed} />`}
      ${dialog?.kind === 'correct' && html`<${ContactForm} patient=${patient} contact=${dialog.contact}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove-contact' && html`<${RemoveContactForm} contact=${dialog.contact}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'transition' && html`<${CareTransitionForm} patient=${patient} transition=${dialog.transition}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove-transition' && html`<${RemoveTransitionForm} transition=${dialog.transition}
        onSaved=${changed} onClose=${close} />`}
    </section>`;
}
