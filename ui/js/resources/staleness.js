// How current a service is, at a glance: a stale service (not verified within the
// clinic's setting, or never) carries a badge that says so in words; a current one a
// quiet line with the core's own wording ("Verified 12 days ago by M. Lopez (phone
// call)").
import { html } from '../html.js';

/** "Not verified in 212 days", "Never verified". */
export function staleText(verification) {
  const days = verification?.days_ago;
  if (days === null || days === undefined) return 'Never verified';
  return `Not verified in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** The badge, on a stale service only. */
export function StaleBadge({ verification, id }) {
  if (!verification?.stale) return null;
  return html`<span class="stale-badge" id=${id} title=${verification.text}>${staleText(verification)}</span>`;
}

/** The badge when stale, else the quiet "Verified … ago" line. */
export function Freshness({ verification }) {
  if (!verification) return null;
  if (verification.stale) return html`<${StaleBadge} verification=${verification} />`;
  return html`<span class="verified-text">${verification.text}</span>`;
}
