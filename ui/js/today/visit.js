// One patient coming in, as Coming in shows them: when and with whom, who they are,
// where they stand (program and week, the latest PHQ-9, HbA1c and blood pressure
// against their targets, flags), what to get ready as a checklist, and one line to
// open the conversation with. The core works all of it out; this paints it.
import { html } from '../html.js';
import { kindLabel } from '../catalogue.js';
import { formatChange, formatShortDate } from '../format.js';
import { FlagBadges } from '../components/flag-badges.js';

/** `checked`: the prep kinds ticked for this visit; `onCheck(kind, on)`. */
export function Visit({ visit: v, checked, onCheck, onOpen }) {
  const [first, ...more] = v.appointments;
  const appointment = first
    ? [first.provider, first.visit_type, first.department].filter(Boolean).join(' · ')
    : '';
  return html`
    <li class="visit" data-patient=${v.patient_id}>
      <div class="visit-time">
        <span class="visit-clock">${first?.time ?? 'No time'}</span>
        ${more.map((a) => html`<span class="small muted" key=${a.id}>also ${a.time ?? 'untimed'}</span>`)}
      </div>
      <div class="visit-main">
        <div class="visit-who">
          <button type="button" class="link patient-link" onClick=${onOpen}>${v.last_name}, ${v.first_name}</button>
          <span class="muted small">${v.age} y · MRN <span class="mono">${v.mrn}</span></span>
        </div>
        ${appointment && html`<div class="visit-appointment">${appointment}
          ${first.status && html` <span class="visit-status">${first.status}</span>`}</div>`}
        <div class="visit-program">${v.program
          ? html`<b>${v.program}</b>${v.weeks_in_treatment !== null && v.weeks_in_treatment !== undefined
            ? ` · week ${v.weeks_in_treatment}` : ''}`
          : html`<span class="muted">Not in treatment in a program</span>`}</div>
        <ul class="visit-values">
          <${Reading} label=${kindLabel('phq9')} value=${v.phq9}
            extra=${v.phq9_change_pct !== null && v.phq9_change_pct !== undefined
              ? `${formatChange(v.phq9_change_pct)} from baseline` : ''} />
          <${Reading} label=${kindLabel('a1c')} value=${v.a1c} />
          <${Reading} label=${kindLabel('bp')} value=${v.bp} />
        </ul>
        <${FlagBadges} flags=${v.flags} compact=${true} />
        ${v.talking_points && html`<p class="talking-points"><span class="visually-hidden">Talking points: </span>${v.talking_points}</p>`}
      </div>
      <div class="visit-prep">
        ${v.prep.length === 0 && html`<p class="muted small prep-none">Nothing to prepare.</p>`}
        ${v.prep.length > 0 && html`<ul class="prep-list" aria-label=${`Prepare for ${v.first_name} ${v.last_name}`}>
          ${v.prep.map((p) => html`<li key=${p.kind + p.detail} data-kind=${p.kind}>
            <label class="check prep-item">
              <input type="checkbox" checked=${checked.has(prepKey(p))}
                onChange=${(e) => onCheck(prepKey(p), e.currentTarget.checked)} />
              <span><b class="prep-label">${p.label}</b>
                ${p.detail && html`<span class="prep-detail">${p.detail}</span>`}</span>
            </label>
          </li>`)}
        </ul>`}
      </div>
    </li>`;
}

/** A prep item's identity for its tick (a patient can have two of one kind). */
export function prepKey(p) {
  return `${p.kind}:${p.detail}`;
}

/** "PHQ-9 12 · Feb 1 · above target (< 5)"; at target or not is written out, not only
 *  coloured. */
function Reading({ label, value, extra }) {
  if (!value) return html`<li class="reading none"><span class="reading-label">${label}</span> <span class="muted">none on record</span></li>`;
  const tone = value.at_target === true ? 'at-target' : value.at_target === false ? 'off-target' : '';
  return html`<li class=${`reading ${tone}`}>
    <span class="reading-label">${label}</span> <b class="reading-value">${value.display}</b>
    <span class="muted small"> ${formatShortDate(value.taken_on)}</span>
    ${value.target && html` <span class="reading-target">${value.at_target ? 'at target' : 'above target'} (${value.target})</span>`}
    ${extra && html` <span class="muted small">${extra}</span>`}
  </li>`;
}
