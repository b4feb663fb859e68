// Treat-to-target flags as badges. The core computes the flags and words their label and
// detail; this only orders and paints them. Every badge carries its label as text, so
// nothing depends on colour alone, and its detail (the numbers behind it) as a tooltip.
import { html } from '../html.js';

/** The order a coordinator should look at them in: safety first, good news last. */
const ORDER = [
  'safety', 'not-improving', 'overdue-phq9', 'overdue-a1c', 'overdue-bp', 'no-contact',
  'a1c-above-target', 'bp-above-target', 'discuss', 'response', 'remission',
];

/** The colour family of a kind (`.flag.tone-*` in app.css). */
export function flagTone(kind) {
  if (kind === 'safety') return 'danger';
  if (kind === 'not-improving') return 'warn';
  if (kind.startsWith('overdue-') || kind === 'no-contact') return 'overdue';
  if (kind.endsWith('-above-target')) return 'target';
  if (kind === 'discuss') return 'discuss';
  if (kind === 'response' || kind === 'remission') return 'good';
  return 'neutral';
}

export function sortFlags(flags) {
  const rank = (kind) => {
    const i = ORDER.indexOf(kind);
    return i === -1 ? ORDER.length : i;
  };
  return [...(flags ?? [])].sort((a, b) => rank(a.kind) - rank(b.kind));
}

/** `flags`: [{kind, label, detail, needs_attention}]; `compact` for table cells. */
export function FlagBadges({ flags, compact = false }) {
  const sorted = sortFlags(flags);
  if (sorted.length === 0) return null;
  return html`<span class=${`flags${compact ? ' compact' : ''}`}>
    ${sorted.map((flag) => html`<span key=${flag.kind} class=${`flag tone-${flagTone(flag.kind)}`}
      data-kind=${flag.kind} title=${flag.detail}>${flag.label}</span>`)}
  </span>`;
}
