// Referring a patient to a service in the directory: which need it answers, how urgent
// it is, whether the patient agreed that we share their details, and when to check
// that they connected (empty: the directory's default, from today). Opened from the
// patient page (the patient is known, the service is searched for) or from the
// directory (the service is known, the patient is searched for).
//
// `ReferralForm` is the form alone: callers put it in a Modal (or use `ReferralDialog`)
// with `onCancel` as the Modal's `onClose`. A stale service (not verified lately) is
// flagged before anything is sent; the core refuses one without a reason too (its
// message on `fields.stale_reason`), and that answer is shown the same way.
import { html, useEffect, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { todayIso } from '../format.js';
import { FieldBox, describedBy, optionList } from './fields.js';
import { PatientPicker, ServicePicker, Picked } from './pickers.js';
import { StaleWarning } from './stale-service.js';
import { options, useReferralVocabulary } from './vocabulary.js';

/** A need still being worked on (the ones a referral is usually for). */
export const isOpenNeed = (need) => need.status !== 'resolved' && need.status !== 'declined';

/** The default follow-up, in days, until the directory settings say otherwise. */
const DEFAULT_FOLLOW_UP_DAYS = 7;

/** `patientId` or `service` (a ServiceHit or ServiceDetail) may be preset; `needs` is
 *  the patient's SocialNeed list when the caller has it (it is read otherwise);
 *  `needId` preselects one of them. `onSaved(referral)` gets the new Referral. */
export function ReferralForm({ patientId, service: givenService, needs: givenNeeds, needId, onSaved, onCancel }) {
  const vocabulary = useReferralVocabulary();
  const [patient, setPatient] = useState(null);
  const [service, setService] = useState(givenService ?? null);
  const [needs, setNeeds] = useState(patientId && givenNeeds ? givenNeeds : []);
  const [staleMessage, setStaleMessage] = useState('');
  const [verified, setVerified] = useState(false);
  const [followUpDays, setFollowUpDays] = useState(DEFAULT_FOLLOW_UP_DAYS);
  const [focusOn, setFocusOn] = useState(null);
  const form = useForm({
    need: needId ? `need:${needId}` : '', urgency: 'routine', status: 'referred', note: '',
    consent: false, follow_up_on: '', stale_reason: '',
  });
  const pid = patientId || patient?.id || '';

  // The patient's needs, for the need list; one open need is the likely one.
  useEffect(() => {
    let live = true;
    const use = (list) => {
      if (!live) return;
      setNeeds(list);
      const open = list.filter(isOpenNeed);
      if (!needId && open.length === 1) form.setValues((v) => (v.need ? v : { ...v, need: `need:${open[0].id}` }));
    };
    if (!pid) use([]);
    else if (pid === patientId && givenNeeds) use(givenNeeds);
    else api.needs(pid).then(use, () => use([]));
    return () => { live = false; };
  }, [pid]);

  // Only for the hint: the core applies the default whether or not this is read.
  useEffect(() => {
    api.directorySettings().then((s) => {
      if (s?.referral_follow_up_days) setFollowUpDays(s.referral_follow_up_days);
    }, () => {});
  }, []);

  useEffect(() => { if (focusOn) document.getElementById(focusOn.id)?.focus(); }, [focusOn]);
  // The dialog focuses its first field when it opens; the first time the vocabulary
  // is still loading then, so the field that arrives with it takes the focus.
  useEffect(() => {
    if (vocabulary.ready && !document.getElementById('referral-form')?.contains(document.activeElement)) {
      document.querySelector('#referral-form input, #referral-form select')?.focus();
    }
  }, [vocabulary.ready]);

  const stale = !!service && (!!service.verification?.stale || !!staleMessage);

  function pickService(hit) {
    setService(hit);
    setStaleMessage('');
    setVerified(false);
  }
  function serviceVerified(detail) {
    setService(detail);
    setStaleMessage('');
    setVerified(true);
    form.setValues((v) => ({ ...v, stale_reason: '' }));
    setFocusOn({ id: 'referral-need' });
  }

  async function save(event) {
    event.preventDefault();
    const result = await form.submit(async (v) => {
      const problems = [];
      if (!pid) problems.push({ field: 'patient_id', message: 'Choose the patient.' });
      if (!service) problems.push({ field: 'service_id', message: 'Choose the service.' });
      if (stale && !v.stale_reason.trim()) {
        problems.push({ field: 'stale_reason', message: 'Say why you refer without verifying the service first.' });
      }
      if (problems.length > 0) {
        throw new ApiError({ code: 'invalid_input', message: problems.map((p) => p.message).join(' '), fields: problems });
      }
      const [kind, value] = splitNeed(v.need);
      const draft = {
        patient_id: pid, service_id: service.id,
        need_id: kind === 'need' ? value : '', need_category: kind === 'category' ? value : '',
        urgency: v.urgency, note: v.note, consent_to_share: !!v.consent, status: v.status,
        stale_reason: stale ? v.stale_reason.trim() : '', follow_up_on: v.follow_up_on,
      };
      try {
        return { referral: await api.refer(draft) };
      } catch (error) {
        // Stale by the core's clock though not by the copy this form was given: show the
        // warning with the core's words and wait for a verification or a reason.
        if (error instanceof ApiError && error.fields.stale_reason) {
          setStaleMessage(error.fields.stale_reason);
          setVerified(false);
          return { stale: true };
        }
        throw error;
      }
    });
    if (result?.referral) onSaved(result.referral);
    else if (result?.stale || (stale && !form.values.stale_reason.trim())) setFocusOn({ id: 'referral-stale-reason' });
  }

  if (vocabulary.error) return html`<div class="form-error" role="alert">${vocabulary.error}</div>`;
  if (!vocabulary.ready) return html`<p class="loading">Loading…</p>`;

  const { errors } = form;
  const needError = errors.need_id || errors.need_category;
  const followHint = `Optional — default: ${followUpDays} days`;
  const org = service?.organization_name ?? service?.organization?.name;
  return html`
    <form id="referral-form" class="referral-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
      ${!patientId && (patient
        ? html`<${Picked} id="referral-patient-picked" label="Patient" onChange=${() => setPatient(null)}>
            <b>${patient.last_name}, ${patient.first_name}</b> <span class="mono small">${patient.mrn}</span><//>`
        : html`<${PatientPicker} error=${errors.patient_id} onPick=${(p) => { setPatient(p); setFocusOn({ id: 'referral-need' }); }} />`)}
      ${service
        ? html`<${Picked} id="referral-service-picked" label="Service"
            onChange=${givenService ? null : () => pickService(null)}>
            <b>${service.name}</b>${org && html` <span class="muted">· ${org}</span>`}
            ${!stale && service.verification?.text && html`<div class="small muted">${service.verification.text}</div>`}<//>`
        : html`<${ServicePicker} error=${errors.service_id} onPick=${(hit) => { pickService(hit); setFocusOn({ id: 'referral-need' }); }} />`}
      ${stale && html`<${StaleWarning} service=${service} message=${staleMessage} reason=${form.values.stale_reason}
        onReason=${(text) => form.setValues((v) => ({ ...v, stale_reason: text }))}
        reasonError=${errors.stale_reason} onVerified=${serviceVerified} />`}
      ${verified && html`<p class="notice" id="stale-verified" role="status">Verified today: the service's details are current.</p>`}

      <div class="grid">
        <${FieldBox} id="referral-need" label="For which need" error=${needError} wide>
          <select id="referral-need" value=${form.values.need} onChange=${form.set('need')}
            aria-invalid=${needError ? 'true' : undefined} aria-describedby=${describedBy('referral-need', needError)}>
            ${needOptions(needs, needId)}
          </select>
        <//>
        <${FieldBox} id="referral-urgency" label="Urgency" error=${errors.urgency}>
          <select id="referral-urgency" value=${form.values.urgency} onChange=${form.set('urgency')}
            aria-describedby=${describedBy('referral-urgency', errors.urgency)}>${optionList(options('urgencies'))}</select>
        <//>
        <${FieldBox} id="referral-how" label="What we did" error=${errors.status}>
          <select id="referral-how" value=${form.values.status} onChange=${form.set('status')}
            aria-describedby=${describedBy('referral-how', errors.status)}>
            <option value="referred">Referred — we contacted the service</option>
            <option value="suggested">Suggested — the patient will contact them</option>
          </select>
        <//>
        <${FieldBox} id="referral-follow-up" label="Follow up by" error=${errors.follow_up_on} hint=${followHint}>
          <input id="referral-follow-up" type="date" min=${todayIso()} value=${form.values.follow_up_on}
            onInput=${form.set('follow_up_on')} aria-invalid=${errors.follow_up_on ? 'true' : undefined}
            aria-describedby=${describedBy('referral-follow-up', errors.follow_up_on, followHint)} />
        <//>
        <${FieldBox} id="referral-note" label="Note" error=${errors.note} wide>
          <textarea id="referral-note" rows="3" value=${form.values.note} onInput=${form.set('note')}
            aria-describedby=${describedBy('referral-note', errors.note)}></textarea>
        <//>
      </div>
      <label class="check consent-check">
        <input type="checkbox" id="referral-consent" checked=${form.values.consent}
          onChange=${(e) => { const on = e.currentTarget.checked; form.setValues((v) => ({ ...v, consent: on })); }} />
        The patient agrees that we share their details with this service</label>
      ${errors.consent_to_share && html`<div class="field-error" role="alert">${errors.consent_to_share}</div>`}

      <${FormMessage} form=${form} />
      <div class="actions">
        <button type="button" onClick=${onCancel}>Cancel <kbd>Esc</kbd></button>
        <button type="submit" class="primary" id="referral-save" disabled=${form.busy}>${stale ? 'Refer anyway' : 'Refer'}</button>
      </div>
    </form>`;
}

/** The need select's value: `need:<id>` (one of the patient's), `category:<value>` (a
 *  Gravity category with no need recorded), or '' (none named). */
function splitNeed(value) {
  const at = value.indexOf(':');
  return at < 0 ? ['', ''] : [value.slice(0, at), value.slice(at + 1)];
}

/** The patient's open needs first (and the preselected one, open or not), then the
 *  Gravity categories not already among them. */
function needOptions(needs, needId) {
  const mine = needs.filter((n) => isOpenNeed(n) || n.id === needId);
  const taken = new Set(mine.map((n) => n.category));
  const others = options('needs').filter(([value]) => !taken.has(value));
  return html`
    <option value="">No particular need</option>
    ${mine.length > 0 && html`<optgroup label="This patient's needs">
      ${mine.map((n) => html`<option value=${`need:${n.id}`}>${n.category_label} (${(n.status_label ?? n.status).toLowerCase()})</option>`)}
    </optgroup>`}
    <optgroup label=${mine.length > 0 ? 'Another need' : 'Needs'}>
      ${others.map(([value, label]) => html`<option value=${`category:${value}`}>${label}</option>`)}
    </optgroup>`;
}

/** The form in its dialog: `onClose` is both Cancel and Esc. */
export function ReferralDialog({ title, onClose, service, ...props }) {
  const heading = title ?? (service ? `Refer to ${service.name}` : 'Refer to a service');
  return html`<${Modal} title=${heading} onClose=${onClose} id="referral-dialog">
    <${ReferralForm} service=${service} ...${props} onCancel=${onClose} />
  <//>`;
}
