// Moving a referral along: the patient was contacted, connected, or could not connect
// (and why: no capacity, not eligible, ...). Every move is kept with its date and note,
// so the referral's history reads as what happened. While it stays open a new
// follow-up date puts it back on Today then (empty: the directory's default).
//
// `ReferralMoveForm` is the form alone; `ReferralMoveDialog` puts it in a Modal (the
// patient page and Today use that).
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatShortDate, todayIso } from '../format.js';
import { FieldBox, describedBy, optionList } from './fields.js';
import { options, useReferralVocabulary } from './vocabulary.js';

/** The moves that close a referral: nothing is left to follow up. */
const CLOSING = new Set(['connected', 'could-not-connect']);

/** `referral` is a Referral; `onSaved(referral)` gets it as moved. */
export function ReferralMoveForm({ referral, onSaved, onCancel }) {
  const vocabulary = useReferralVocabulary();
  const next = referral.next_statuses ?? [];
  const form = useForm({ status: next[0]?.value ?? '', reason: '', on: todayIso(), note: '', follow_up_on: '' });
  const [followUpDays, setFollowUpDays] = useState(null);

  useEffect(() => {
    api.directorySettings().then((s) => setFollowUpDays(s?.referral_follow_up_days ?? null), () => {});
  }, []);
  // As in the referral form: the first field takes the focus once the lists are here.
  useEffect(() => {
    if (vocabulary.ready && !document.getElementById('referral-move-form')?.contains(document.activeElement)) {
      document.getElementById('referral-status')?.focus();
    }
  }, [vocabulary.ready]);

  const { values, errors } = form;
  const couldNotConnect = values.status === 'could-not-connect';
  const staysOpen = values.status && !CLOSING.has(values.status);

  async function save(event) {
    event.preventDefault();
    const move = {
      status: values.status, on: values.on, reason: couldNotConnect ? values.reason : '', note: values.note,
      follow_up_on: staysOpen ? values.follow_up_on : '',
    };
    const moved = await form.submit(() => api.moveReferral(referral.id, move));
    if (moved) onSaved(moved);
  }

  if (vocabulary.error) return html`<div class="form-error" role="alert">${vocabulary.error}</div>`;
  if (!vocabulary.ready) return html`<p class="loading">Loading…</p>`;

  const org = referral.organization_name ? ` · ${referral.organization_name}` : '';
  const followHint = `Optional — default: ${followUpDays ?? 7} days`;
  return html`
    <form id="referral-move-form" class="referral-move-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
      <p class="dialog-lead">
        ${referral.first_name && html`<b>${referral.last_name}, ${referral.first_name}</b> · `}
        ${`${referral.service_name}${org} · referred ${formatShortDate(referral.referred_on)} · now `}
        <span class=${`badge referral-status rs-${referral.status}`}>${statusText(referral)}</span>
        ${referral.need_label && ` · for ${referral.need_label.toLowerCase()}`}</p>
      ${next.length === 0 && html`<p class="notice" id="referral-closed">This referral is closed: there is no move left to record.</p>`}
      ${next.length > 0 && html`<div class="grid">
        <${FieldBox} id="referral-status" label="What happened" error=${errors.status} required>
          <select id="referral-status" value=${values.status} onChange=${form.set('status')}
            aria-describedby=${describedBy('referral-status', errors.status)}>
            ${optionList(next.map((t) => [t.value, t.label]))}
          </select>
        <//>
        ${couldNotConnect && html`<${FieldBox} id="referral-reason" label="Why not" error=${errors.reason} required>
          <select id="referral-reason" value=${values.reason} onChange=${form.set('reason')}
            aria-invalid=${errors.reason ? 'true' : undefined} aria-describedby=${describedBy('referral-reason', errors.reason)}>
            ${optionList([['', 'Choose why…'], ...options('could_not_connect')])}
          </select>
        <//>`}
        <${FieldBox} id="referral-move-on" label="On" error=${errors.on}>
          <input id="referral-move-on" type="date" max=${todayIso()} value=${values.on} onInput=${form.set('on')}
            aria-invalid=${errors.on ? 'true' : undefined} aria-describedby=${describedBy('referral-move-on', errors.on)} />
        <//>
        ${staysOpen && html`<${FieldBox} id="referral-move-follow-up" label="Next follow-up" error=${errors.follow_up_on}
          hint=${followHint}>
          <input id="referral-move-follow-up" type="date" min=${todayIso()} value=${values.follow_up_on}
            onInput=${form.set('follow_up_on')} aria-invalid=${errors.follow_up_on ? 'true' : undefined}
            aria-describedby=${describedBy('referral-move-follow-up', errors.follow_up_on, followHint)} />
        <//>`}
        <${FieldBox} id="referral-move-note" label="Note" error=${errors.note} wide>
          <textarea id="referral-move-note" rows="3" value=${values.note} onInput=${form.set('note')}
            aria-describedby=${describedBy('referral-move-note', errors.note)}></textarea>
        <//>
      </div>`}
      <${FormMessage} form=${form} />
      <div class="actions">
        <button type="button" onClick=${onCancel}>Cancel <kbd>Esc</kbd></button>
        ${next.length > 0 && html`<button type="submit" class="primary" id="referral-move-save" disabled=${form.busy}>Save</button>`}
      </div>
    </form>`;
}

/** "Could not connect — no capacity", or the status as the core labels it. */
export function statusText(referral) {
  return referral.status === 'could-not-connect' && referral.outcome_label
    ? `${referral.status_label} — ${referral.outcome_label.toLowerCase()}`
    : referral.status_label;
}

export function ReferralMoveDialog({ referral, onSaved, onClose }) {
  return html`<${Modal} title=${`Update the referral to ${referral.service_name}`} onClose=${onClose} id="referral-move-dialog">
    <${ReferralMoveForm} referral=${referral} onSaved=${onSaved} onCancel=${onClose} />
  <//>`;
}
