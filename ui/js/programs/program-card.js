// One program in Settings: its name and code, description, eligibility criteria (as
// the core words them), targets, follow-up and outreach rules, with "Edit thresholds"
// and "Copy program".
import { html } from '../html.js';
import { kindLabel, unitOf } from '../catalogue.js';

/** "Targets: PHQ-9 below 5, HbA1c below 7 %, BP below 140/90 mmHg." */
function targetsText({ targets: t }) {
  const a1c = unitOf('a1c');
  return `Targets: ${kindLabel('phq9')} below ${t.phq9_below}, ${kindLabel('a1c')} below ${t.a1c_below}${a1c ? ` ${a1c}` : ''}, `
    + `BP below ${t.sbp_below}/${t.dbp_below} ${unitOf('bp')}.`;
}

/** "Follow-up: PHQ-9 overdue after 30 days, HbA1c after 90 days, ...". (The template
 *  this came from printed "up to30 days": htm drops a line break that ends right before
 *  a value, so the text is built as one string.) */
function followUpText({ follow_up: f }) {
  const phq9 = kindLabel('phq9');
  return `Follow-up: ${phq9} overdue after ${f.phq9_overdue_days} days, `
    + `${kindLabel('a1c')} after ${f.a1c_overdue_days} days, BP after ${f.bp_overdue_days} days; `
    + `not improving after ${f.not_improving_weeks} weeks; baseline ${phq9} up to `
    + `${f.baseline_window_days} days before activation.`;
}

/** "Outreach: contact every 14 days while active, 7 in screening, 30 in relapse watch;
 *  a letter after 3 unreached attempts, ...". */
function outreachText({ follow_up: f }) {
  return `Outreach: contact every ${f.contact_active_days} days while active, ${f.contact_screening_days} in screening, `
    + `${f.contact_relapse_watch_days} in relapse watch; a letter after ${f.letter_after_attempts} unreached attempts, `
    + `consider unreachable ${f.unreachable_after_letter_days} days after it; "no contact" after `
    + `${f.no_contact_days} days; discharge follow-up within ${f.discharge_follow_up_business_days} business days.`;
}

export function ProgramCard({ program: p, onEdit, onCopy }) {
  return html`<article class="program" data-program=${p.code}>
    <header class="program-head">
      <h3>${p.name} <span class="muted small mono">${p.code}</span>
        ${p.builtin && html` <span class="tag">Built in</span>`}</h3>
      <div class="program-actions">
        <button type="button" class="edit-program" onClick=${onEdit}>Edit thresholds</button>
        <button type="button" class="copy-program" onClick=${onCopy}>Copy program</button>
      </div>
    </header>
    <p>${p.description}</p>
    <ul class="criteria">${p.criteria_text.slice(1).map((line) => html`<li class=${`depth-${line.search(/\S/) / 2}`}>${line.trim()}</li>`)}</ul>
    <p class="muted small">${targetsText(p)}</p>
    <p class="muted small">${followUpText(p)}</p>
    <p class="muted small">${outreachText(p)}</p>
  </article>`;
}
