// The patient's social needs (food, housing, transport, ... as HL7 Gravity names
// them): where each stands and how many referrals are still open for it. A need is
// where a referral starts, so each open one has "Refer…", which opens the referral
// form with that need chosen.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatShortDate } from '../format.js';
import { NeedForm, RemoveNeedForm } from './need-forms.js';
import { ReferralDialog, isOpenNeed } from './referral-form.js';
import { useReferralVocabulary } from './vocabulary.js';

/** `onChanged` runs after every change made here (the referrals list shows needs, and
 *  a referral made here belongs there); a new `refresh` value reloads the list. */
export function NeedsPanel({ patientId, refresh, onChanged }) {
  const vocabulary = useReferralVocabulary();
  const [needs, setNeeds] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const ticket = useRef(0);

  async function load() {
    const mine = ++ticket.current;
    try {
      const result = await api.needs(patientId);
      if (mine === ticket.current) {
        setNeeds(result);
        setError('');
      }
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => { setNeeds(null); setDialog(null); }, [patientId]);
  useEffect(() => { load(); }, [patientId, refresh]);

  const close = () => setDialog(null);
  // The caller bumps `refresh` on a change, which reloads this list too.
  const changed = () => {
    setDialog(null);
    if (onChanged) onChanged();
    else load();
  };
  // The forms read the vocabulary's lists: none opens before it is here.
  const shownDialog = vocabulary.ready ? dialog : null;

  // Open needs first: they are the ones being worked on; the core's order within each.
  const shown = needs ? [...needs.filter(isOpenNeed), ...needs.filter((n) => !isOpenNeed(n))] : [];
  return html`
    <section class="social-needs" id="social-needs" aria-labelledby="social-needs-title">
      <header class="social-sub-head">
        <h3 class="registry-sub" id="social-needs-title">Needs</h3>
        <button type="button" class="small-button" id="add-need" disabled=${!vocabulary.ready}
          onClick=${() => setDialog({ kind: 'add' })}>Add need</button>
      </header>
      ${(error || vocabulary.error) && html`<div class="form-error" role="alert">${error || vocabulary.error}</div>`}
      ${!needs && !error && html`<p class="loading">Loading needs…</p>`}
      ${needs && needs.length === 0 && html`<p class="muted" id="no-needs">No social needs recorded.</p>`}
      ${shown.length > 0 && html`<ul class="needs" id="needs-list">
        ${shown.map((need) => html`<${NeedLine} key=${need.id} need=${need}
          onRefer=${() => setDialog({ kind: 'refer', need })}
          onEdit=${() => setDialog({ kind: 'edit', need })}
          onRemove=${() => setDialog({ kind: 'remove', need })} />`)}
      </ul>`}

      ${shownDialog?.kind === 'add' && html`<${NeedForm} patientId=${patientId} onSaved=${changed} onClose=${close} />`}
      ${shownDialog?.kind === 'edit' && html`<${NeedForm} patientId=${patientId} need=${shownDialog.need} onSaved=${changed} onClose=${close} />`}
      ${shownDialog?.kind === 'remove' && html`<${RemoveNeedForm} need=${shownDialog.need} onSaved=${changed} onClose=${close} />`}
      ${shownDialog?.kind === 'refer' && html`<${ReferralDialog} title=${`Refer for ${shownDialog.need.category_label.toLowerCase()}`}
        patientId=${patientId} needs=${needs} needId=${shownDialog.need.id} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

function NeedLine({ need, onRefer, onEdit, onRemove }) {
  const open = isOpenNeed(need);
  const referrals = need.open_referrals ?? 0;
  return html`
    <li class=${`need${open ? '' : ' closed'}`} data-id=${need.id} data-status=${need.status}>
      <div class="need-main">
        <div class="need-head">
          <span class="need-category">${need.category_label}</span>
          <span class=${`badge need-status ns-${need.status}`}>${need.status_label}</span>
          ${referrals > 0 && html`<span class="need-referrals">${referrals} open ${referrals === 1 ? 'referral' : 'referrals'}</span>`}
        </div>
        ${need.note && html`<div class="need-note">${need.note}</div>`}
        <div class="need-when small muted">Identified ${formatShortDate(need.identified_on)}${need.updated_on
          && need.updated_on !== need.identified_on ? ` · updated ${formatShortDate(need.updated_on)}` : ''}</div>
      </div>
      <div class="row-actions">
        ${open && html`<button type="button" class="small-button need-refer" onClick=${onRefer}
          title="Refer the patient to a service for this need">Refer…</button>`}
        <button type="button" class="small-button need-edit" onClick=${onEdit}>Edit</button>
        <button type="button" class="small-button need-remove" onClick=${onRemove}>Remove</button>
      </div>
    </li>`;
}
