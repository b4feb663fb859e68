// One service, whole: what it offers and who it is for, how to apply and what to
// bring, cost, languages, where and when, how to reach it, how current the record is
// (with its verification history), and what coordinators learned from referring
// patients there. From here a coordinator marks it verified, refers a patient, edits
// it (or its organization and locations) or removes it. Everything the directory holds
// is shown as text: a website or e-mail address is never turned into markup.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { ReferralDialog } from '../referrals/referral-form.js';
import { StaleBadge } from './staleness.js';
import { VerifyForm } from './verify-form.js';
import { ServiceForm } from './service-form.js';
import { OrganizationForm } from './organization-form.js';
import { LocationDialog, locationDraftOf } from './location-form.js';
import { RemoveResourceDialog } from './remove-form.js';

const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** "Referred 12 patients · 7 connected · 2 could not connect · 3 open". */
export function referralsText(counts) {
  if (!counts || counts.total === 0) return 'No patients referred here yet.';
  return `Referred ${plural(counts.total, 'patient', 'patients')} · ${counts.connected} connected · `
    + `${counts.could_not_connect} could not connect · ${counts.open} open`;
}

function agesText(min, max) {
  if (min && max) return `${min} to ${max} years`;
  if (min) return `${min} years and older`;
  if (max) return `Up to ${max} years`;
  return '';
}

function costOptionText(c) {
  const amount = c.amount ? [c.amount, c.currency].filter(Boolean).join(' ') : '';
  return [c.option, amount, c.amount_description].filter(Boolean).join(' · ');
}

function Block({ id, title, children }) {
  return html`<section class="resource-block" id=${id} aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`}>${title}</h3>
    ${children}
  </section>`;
}

/** `onBack()` returns to the list; `onRemoved(name)` after the service is removed;
 *  `onChanged()` after anything that changes the list or the queue (a verification,
 *  an edit); `onOpenPatient(id)`, when given, opens a patient just referred. */
export function ServicePage({ id, onBack, onRemoved, onChanged, onOpenPatient }) {
  const [page, setPage] = useState(null);
  const [error, setError] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState(null);
  const ticket = useRef(0);
  const headFocused = useRef(false);

  async function load() {
    const mine = ++ticket.current;
    try {
      const fresh = await api.resource(id);
      if (mine !== ticket.current) return;
      setPage(fresh);
      setError('');
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => {
    setPage(null);
    setVerifying(false);
    setNotice(null);
    headFocused.current = false;
    load();
  }, [id]);
  // The heading takes the focus once the service is here, so its name is read out.
  useEffect(() => {
    if (page && !headFocused.current) {
      headFocused.current = true;
      document.getElementById('resource-name')?.focus();
    }
  }, [page]);

  useEffect(() => {
    const onKey = (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (TYPING.test(event.target.tagName) || document.querySelector('.modal')) return;
      event.preventDefault();
      onBack();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onBack]);

  const focusLater = (elementId) => setTimeout(() => document.getElementById(elementId)?.focus(), 0);
  const say = (text, patientId) => setNotice({ text, patientId });
  const closeDialog = () => setDialog(null);

  function verified(fresh) {
    setPage(fresh);
    setVerifying(false);
    say('Marked verified today.');
    onChanged?.();
    focusLater('verify-today');
  }
  function referred(referral) {
    setDialog(null);
    const who = [referral.first_name, referral.last_name].filter(Boolean).join(' ') || 'The patient';
    say(`${who} referred to ${page.name}.`, referral.patient_id);
    load();
    onChanged?.();
  }
  function saved(fresh) {
    setDialog(null);
    setPage(fresh);
    say('Saved.');
    onChanged?.();
  }
  async function editOrganization() {
    try {
      setDialog({ kind: 'organization', organization: await api.organization(page.organization.id) });
    } catch (e) {
      say(e.message);
    }
  }
  function changed(text) {
    setDialog(null);
    say(text);
    load();
    onChanged?.();
  }

  const back = html`<nav class="crumbs"><button type="button" class="link" id="resource-back" onClick=${onBack}>
    ← Back to the list</button> <kbd>Esc</kbd></nav>`;
  if (error && !page) {
    return html`<div class="resource-detail" id="resource-detail">${back}
      <div class="form-error" role="alert">${error}</div></div>`;
  }
  if (!page) return html`<div class="resource-detail" id="resource-detail">${back}<p class="loading">Loading…</p></div>`;

  const p = page;
  const inactive = p.status && p.status !== 'active';
  const ages = agesText(p.minimum_age, p.maximum_age);
  const org = p.organization ?? {};
  const orgContact = [org.phone, org.website, org.email].filter(Boolean);
  return html`
    <article class="resource-detail" id="resource-detail" aria-labelledby="resource-name" data-id=${p.id}>
      ${back}
      <header class="resource-head">
        <div class="resource-title">
          <h2 id="resource-name" tabindex="-1">${p.name}</h2>
          ${p.alternate_name && html`<p class="resource-alt muted">Also known as ${p.alternate_name}</p>`}
          <p class="resource-org" id="resource-organization">
            <span>${org.name || 'No organization'}</span>
            ${org.id && !p.deleted && html`<button type="button" class="small-button" id="organization-edit"
              onClick=${editOrganization}>Edit organization</button>`}
          </p>
          <p class="resource-marks">
            ${inactive && html`<span class="resource-status" id="resource-status">${p.status_label || p.status}</span>`}
            <${StaleBadge} verification=${p.verification} id="resource-stale" />
            ${p.cost_label && html`<span class=${`resource-cost cost-${p.cost}`}>${p.cost_label}</span>`}
          </p>
        </div>
        ${!p.deleted && html`<div class="resource-actions">
          <button type="button" class=${p.verification?.stale ? 'primary' : ''} id="verify-today"
            disabled=${verifying} onClick=${() => setVerifying(true)}>Verified today…</button>
          <button type="button" class=${p.verification?.stale ? '' : 'primary'} id="refer-patient"
            onClick=${() => { setVerifying(false); setDialog({ kind: 'refer' }); }}>Refer a patient…</button>
          <button type="button" id="resource-edit" onClick=${() => setDialog({ kind: 'edit' })}>Edit</button>
          <button type="button" class="remove-link" id="resource-remove"
            onClick=${() => setDialog({ kind: 'remove', what: 'service', id: p.id, name: p.name })}>Remove…</button>
        </div>`}
      </header>

      ${p.deleted && html`<p class="resource-removed" role="note">This service was removed from the directory.</p>`}
      ${p.alert && html`<div class="resource-alert" id="resource-alert" role="note"><strong>Alert:</strong> ${p.alert}</div>`}
      ${notice && html`<p class="notice" id="resource-notice" role="status">${notice.text}
        ${notice.patientId && onOpenPatient && html` <button type="button" class="link" id="resource-open-patient"
          onClick=${() => onOpenPatient(notice.patientId)}>Open the patient</button>`}</p>`}
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${verifying && html`<div class="verify-panel"><${VerifyForm} service=${p} inline onVerified=${verified}
        onCancel=${() => { setVerifying(false); focusLater('verify-today'); }} /></div>`}

      <div class="resource-columns">
        <div class="resource-main">
          ${p.description && html`<${Block} id="resource-description" title="What it offers">
            <p class="resource-text">${p.description}</p><//>`}
          ${p.eligibility_description && html`<${Block} id="resource-eligibility" title="Who it is for">
            <p class="resource-text">${p.eligibility_description}</p><//>`}
          ${p.application_process && html`<${Block} id="resource-apply" title="How to apply">
            <p class="resource-text">${p.application_process}</p><//>`}
          ${p.required_documents.length > 0 && html`<${Block} id="resource-documents" title="What to bring">
            <ul class="resource-list">${p.required_documents.map((d) => html`<li>${d}</li>`)}</ul><//>`}
          <${Block} id="resource-facts" title="At a glance">
            <dl class="details resource-facts">
              <dt>Cost</dt><dd>${p.cost_label}${p.fees_description && p.fees_description !== p.cost_label
                ? html` <span class="muted">— ${p.fees_description}</span>` : ''}</dd>
              ${p.cost_options.length > 0 && html`<dt>Cost options</dt><dd><ul class="resource-list">
                ${p.cost_options.map((c) => html`<li>${costOptionText(c)}</li>`)}</ul></dd>`}
              <dt>Languages</dt><dd>${p.languages.length > 0 ? p.languages.join(', ') : html`<span class="muted">Not listed</span>`}</dd>
              ${p.interpretation_services && html`<dt>Interpretation</dt><dd>${p.interpretation_services}</dd>`}
              ${ages && html`<dt>Ages</dt><dd>${ages}</dd>`}
              ${p.wait_time && html`<dt>Wait time</dt><dd>${p.wait_time}</dd>`}
              ${p.service_areas.length > 0 && html`<dt>Serves</dt><dd>${p.service_areas.join(', ')}</dd>`}
            </dl>
          <//>
          ${p.categories.length > 0 && html`<${Block} id="resource-categories" title="Categories">
            <ul class="category-chips">${p.categories.map((c) => html`<li key=${c.id}>${c.name}</li>`)}</ul><//>`}
        </div>

        <aside class="resource-side" aria-label="Contact, hours and record">
          <${Block} id="resource-contact" title="How to reach it">
            ${p.phones.length > 0 && html`<ul class="resource-list phones" id="resource-phones">
              ${p.phones.map((ph) => html`<li>
                <span class="phone-number">${ph.number}${ph.extension ? ` ext. ${ph.extension}` : ''}</span>
                ${(ph.type || ph.description) && html` <span class="muted small">${[ph.type, ph.description].filter(Boolean).join(' · ')}</span>`}
              </li>`)}</ul>`}
            ${(p.url || p.email) && html`<dl class="details contact-details">
              ${p.url && html`<dt>Website</dt><dd class="selectable" id="resource-url">${p.url}</dd>`}
              ${p.email && html`<dt>E-mail</dt><dd class="selectable" id="resource-email">${p.email}</dd>`}
            </dl>`}
            ${p.phones.length === 0 && !p.url && !p.email && orgContact.length === 0
              && html`<p class="muted">No phone, website or e-mail listed.</p>`}
            ${orgContact.length > 0 && html`<p class="org-contact small"><span class="muted">${`${org.name}: `}</span>${orgContact.join(' · ')}</p>`}
          <//>

          ${p.locations.length > 0 && html`<${Block} id="resource-locations" title=${p.locations.length === 1 ? 'Where' : 'Locations'}>
            <ul class="location-list">${p.locations.map((l) => html`<li key=${l.id} data-id=${l.id}>
              ${l.name && html`<div class="location-name">${l.name}</div>`}
              ${l.address_lines.map((line) => html`<div class="address-line">${line}</div>`)}
              ${l.phones.length > 0 && html`<div class="small">${l.phones.join(' · ')}</div>`}
              ${l.transportation && html`<div class="small muted">Getting there: ${l.transportation}</div>`}
              ${!p.deleted && html`<button type="button" class="small-button location-edit"
                onClick=${() => setDialog({ kind: 'location', location: l })}>Edit location</button>`}
            </li>`)}</ul>
          <//>`}

          <${Block} id="resource-hours" title="Hours">
            ${p.hours
              ? html`<p class=${`open-now-text${p.hours.open_now ? ' open' : ''}`} id="resource-open-now">${p.hours.text}</p>
                <table class="hours-table">
                  <caption class="visually-hidden">Opening hours</caption>
                  <tbody>${p.hours.days.map((d, i) => html`<tr key=${i}>
                    <th scope="row">${d.day_label}</th>
                    <td>${d.opens_at && d.closes_at ? `${d.opens_at}–${d.closes_at}` : d.opens_at || d.closes_at || 'Times not given'}
                      ${d.note && html` <span class="muted small">${d.note}</span>`}</td>
                  </tr>`)}</tbody>
                </table>`
              : html`<p class="muted">No hours listed.</p>`}
          <//>

          <${Block} id="resource-verification" title="How current">
            <p class="verification-text">${p.verification.text}</p>
            ${p.verification.stale && html`<p><${StaleBadge} verification=${p.verification} /></p>`}
            <p class="muted small">Details count as out of date after ${p.verification.stale_after_days} days.</p>
            ${p.edited_here && html`<p class="edited-here small" id="resource-edited-here">Edited here since last import:
              a new import asks before overwriting these changes.</p>`}
            ${p.verifications.length > 0 && html`<h4 class="history-title">Verification history</h4>
              <ul class="verification-history" id="verification-history">
                ${p.verifications.map((v, i) => html`<li key=${i}>
                  <span class="when">${formatDate(v.on)}</span>
                  ${[v.how_label, v.by].filter(Boolean).map((t) => html` · ${t}`)}
                  ${v.note && html`<div class="history-note">${v.note}</div>`}
                </li>`)}
              </ul>`}
          <//>

          <${Block} id="resource-outcomes" title="Referrals">
            <p id="resource-referrals">${referralsText(p.referrals)}</p>
          <//>
        </aside>
      </div>

      ${dialog?.kind === 'refer' && html`<${ReferralDialog} service=${p} onSaved=${referred} onClose=${closeDialog} />`}
      ${dialog?.kind === 'edit' && html`<${ServiceForm} service=${p} onSaved=${saved} onClose=${closeDialog} />`}
      ${dialog?.kind === 'organization' && html`<${OrganizationForm} organization=${dialog.organization}
        onSaved=${(_, draft) => changed(`Saved ${draft.name}.`)} onClose=${closeDialog}
        onRemove=${() => setDialog({ kind: 'remove', what: 'organization', id: dialog.organization.id, name: dialog.organization.name })} />`}
      ${dialog?.kind === 'location' && html`<${LocationDialog} id=${dialog.location.id}
        initial=${locationDraftOf(dialog.location)} organizationName=${org.name}
        onSaved=${() => changed('Saved the location.')} onClose=${closeDialog}
        onRemove=${() => setDialog({ kind: 'remove', what: 'location', id: dialog.location.id,
          name: dialog.location.name || dialog.location.address_lines[0] })} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveResourceDialog} kind=${dialog.what} id=${dialog.id} name=${dialog.name}
        onClose=${closeDialog}
        onRemoved=${() => (dialog.what === 'service' ? onRemoved(p.name) : changed(`Removed ${dialog.name || `the ${dialog.what}`}.`))} />`}
    </article>`;
}
