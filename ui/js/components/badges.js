// Small status marks used in lists and headers.
import { html } from '../html.js';
import { statusLabels } from '../format.js';

export function StatusBadge({ status, program }) {
  const text = statusLabels[status] ?? status;
  return html`<span class=${`badge status-${status}`} data-program=${program} data-status=${status}>
    ${program ? html`<b>${program}</b> ` : null}${text}</span>`;
}
