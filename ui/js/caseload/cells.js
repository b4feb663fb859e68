// The caseload list's cells: PHQ-9 from baseline to the latest follow-up, a latest
// value with its age (marked when overdue), when the patient is next due a contact and
// was last reached, and a badge for a recent ED visit or stay.
import { html } from '../html.js';
import { formatChange, formatDate, formatDay, formatNumber, formatShortDate } from '../format.js';

/** "16 → 9 −44 %" from baseline to the latest follow-up, or the latest PHQ-9 alone. */
export function Phq9Cell({ standing }) {
  const baseline = standing?.baseline;
  const followUp = standing?.follow_up;
  if (baseline && followUp) {
    const pct = standing.change_pct;
    return html`<span class="nowrap">${formatNumber(baseline.value)} → ${formatNumber(followUp.value)}</span>
      ${pct !== null && pct !== undefined
        && html` <span class=${`change${pct <= -50 ? ' good' : ''}`}>${formatChange(pct)}</span>`}`;
  }
  const latest = standing?.latest_phq9;
  return latest ? formatNumber(latest.value) : html`<span class="muted">—</span>`;
}

/** The latest value and, small, how many days old it is (marked when overdue). */
export function LatestCell({ dated, flags, overdue, text }) {
  if (!dated) return html`<span class="muted">—</span>`;
  const late = (flags ?? []).find((f) => f.kind === overdue);
  return html`<span class="nowrap">${text(dated)}</span>
    <span class=${`age${late ? ' stale' : ''}`} title=${late ? late.detail : `Taken ${formatDate(dated.taken_on)}`}>
      ${dated.age_days <= 0 ? 'today' : `${dated.age_days} d`}</span>`;
}

/** One column for outreach, so the list still fits a laptop screen: when the next
 *  contact is due (marked when overdue or due today) and, small, when the patient was
 *  last reached. */
export function ContactCell({ outreach }) {
  const next = outreach?.next_due;
  const reached = outreach?.last_reached_on;
  if (!next && !reached) return html`<span class="muted">—</span>`;
  const late = outreach.overdue_days;
  let due = html`<span class="nowrap" title=${next ? `Next contact due ${formatDay(next)}` : ''}>
    ${next ? `Next ${formatShortDate(next)}` : html`<span class="muted">No contact due</span>`}</span>`;
  if (next && late > 0) due = html`${due}<span class="age stale">overdue ${late} d</span>`;
  else if (next && late === 0) due = html`${due}<span class="age due-today">due today</span>`;
  const days = outreach.last_reached_days;
  return html`${due}<span class="age" title=${reached ? `Last reached ${formatDay(reached)}` : 'Nobody reached yet'}>
    ${reached ? `reached ${days <= 0 ? 'today' : `${days} d ago`}` : 'never reached'}</span>`;
}

/** The latest ED visit or stay, if recent: still in, readmitted, or when. */
export function TransitionBadge({ transition: t }) {
  if (!t) return null;
  const where = `${t.kind_label} at ${t.facility}, admitted ${formatDate(t.admitted_on)}`
    + (t.discharged_on ? `, discharged ${formatDate(t.discharged_on)}` : ', still in');
  let text;
  let tone;
  if (t.readmission) {
    text = 'Readmitted';
    tone = 'readmitted';
  } else if (t.still_in) {
    // A skilled nursing facility is not a hospital; its own label says where they are.
    text = t.kind === 'snf' ? `In ${t.kind_label.toLowerCase()}` : 'In hospital';
    tone = 'in';
  } else if (t.kind === 'ed') {
    text = `ED ${formatShortDate(t.admitted_on)}`;
    tone = 'ed';
  } else {
    text = `Discharged ${formatShortDate(t.discharged_on)}`;
    tone = 'discharged';
  }
  return html`<span class=${`transition-badge tone-${tone}`} data-kind=${t.kind} title=${where}>${text}</span>`;
}
