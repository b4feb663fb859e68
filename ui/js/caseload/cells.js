// The caseload list's standing cells: PHQ-9 from baseline to the latest follow-up, and
// a latest value with its age (marked when overdue).
import { html } from '../html.js';
import { formatChange, formatDate, formatNumber } from '../format.js';

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
