// The patient's referrals, closed-loop: each one says where the patient was sent and
// for what, where it stands ("Could not connect — no capacity"), and when to check on
// it (red once that day has passed; Today lists it from then on). "Update" records what
// happened; "History" shows every move with its date; "Print slip" gives the patient
// the service's details in large print (open referrals only: a closed loop has nobody
// left to go there). Open referrals come first.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDue, formatShortDate } from '../format.js';
import { ReferralDialog } from './referral-form.js';
import { ReferralMoveDialog, statusText } from './referral-move-form.js';
import { PrintMenu, PrintNotice } from '../components/print-menu.js';

/** `onChanged` runs after every change made here (a need's open referrals change with
 *  it); a new `refresh` value reloads the list. */
export function ReferralsPanel({ patientId, refresh, onChanged }) {
  const [referrals, setReferrals] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const [printed, setPrinted] = useState(null);
  const ticket = useRef(0);

  async function load() {
    const mine = ++ticket.current;
    try {
      const result = await api.referrals(patientId);
      if (mine === ticket.current) {
        setReferrals(result);
        setError('');
      }
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => { setReferrals(null); setDialog(null); setPrinted(null); }, [patientId]);
  useEffect(() => { load(); }, [patientId, refresh]);

  const close = () => setDialog(null);
  // The caller bumps `refresh` on a change, which reloads this list too.
  const changed = () => {
    setDialog(null);
    if (onChanged) onChanged();
    else load();
  };

  const shown = referrals ? [...referrals.filter((r) => r.open), ...referrals.filter((r) => !r.open)] : [];
  return html`
    <section class="referrals" id="referrals" aria-labelledby="referrals-title">
      <header class="social-sub-head">
        <h3 class="registry-sub" id="referrals-title">Referrals</h3>
        <button type="button" class="small-button" id="add-referral"
          onClick=${() => setDialog({ kind: 'refer' })}>Refer to a service…</button>
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      <${PrintNotice} status=${printed} id="referral-print-notice" />
      ${!referrals && !error && html`<p class="loading">Loading referrals…</p>`}
      ${referrals && referrals.length === 0 && html`<p class="muted" id="no-referrals">No referrals yet.</p>`}
      ${shown.length > 0 && html`<ul class="referral-list" id="referral-list">
        ${shown.map((r) => html`<${ReferralLine} key=${r.id} referral=${r} onPrinted=${setPrinted}
          onMove=${() => setDialog({ kind: 'move', referral: r })} />`)}
      </ul>`}

      ${dialog?.kind === 'refer' && html`<${ReferralDialog} patientId=${patientId} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'move' && html`<${ReferralMoveDialog} referral=${dialog.referral} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

function ReferralLine({ referral: r, onMove, onPrinted }) {
  const overdue = r.open && r.follow_up_overdue_days > 0;
  const canMove = (r.next_statuses ?? []).length > 0;
  return html`
    <li class=${`referral${r.open ? '' : ' closed'}`} data-id=${r.id} data-status=${r.status}>
      <div class="referral-main">
        <div class="referral-head">
          <span class="referral-service">${r.service_name}</span>
          ${r.organization_name && html`<span class="muted"> · ${r.organization_name}</span>`}
          ${r.service_stale && html` <span class="referral-stale"
            title="Nobody has verified this service's details lately: check them before counting on it">Service not verified lately</span>`}
        </div>
        <div class="referral-facts">
          <span class=${`badge referral-status rs-${r.status}`}>${statusText(r)}</span>
          ${r.need_label && html`<span class="referral-need">For ${r.need_label.toLowerCase()}</span>`}
          ${r.urgency && r.urgency !== 'routine' && html`<span class=${`referral-urgency urgency-${r.urgency}`}>${r.urgency_label}</span>`}
          <span class="referral-referred">Referred ${formatShortDate(r.referred_on)}</span>
          ${r.open && r.follow_up_on && html`<span class=${`referral-follow-up${overdue ? ' overdue' : ''}`}>
            Follow up by ${formatShortDate(r.follow_up_on)}${overdue ? ` · ${formatDue(r.follow_up_overdue_days)}` : ''}</span>`}
          ${!r.consent_to_share && html`<span class="referral-no-consent">No consent to share details</span>`}
        </div>
        ${r.note && html`<div class="referral-note">${r.note}</div>`}
        ${r.stale_reason && html`<div class="referral-stale-reason small">Referred without verifying: ${r.stale_reason}</div>`}
        ${(r.history ?? []).length > 0 && html`<details class="referral-history">
          <summary>History</summary>
          <ol class="timeline">
            ${r.history.map((h, i) => html`<li key=${i}>
              <span class="date">${formatShortDate(h.on)}</span>
              <b>${h.status_label}</b>${h.reason_label ? ` — ${h.reason_label.toLowerCase()}` : ''}
              ${h.note && html`<span class="history-note"> · ${h.note}</span>`}</li>`)}
          </ol>
        </details>`}
      </div>
      <div class="row-actions">
        ${r.open && html`<${PrintMenu} id=${`print-slip-${r.id}`} label="Print slip" kind="referral" small=${true}
          request=${{ referral_id: r.id }} what=${`the referral slip for ${r.service_name}`} onStatus=${onPrinted} />`}
        <button type="button" class="small-button referral-move" onClick=${onMove} disabled=${!canMove}
          title=${canMove ? 'Record what happened: contacted, connected, could not connect'
            : 'Closed: there is no move left to record'}>Update</button>
      </div>
    </li>`;
}
