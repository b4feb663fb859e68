// Services as a list shows them (search results, the verify queue): what the service
// is and who runs it, its categories, where, a phone number, whether it is open now,
// what it costs, and how current the record is. Each line opens the service page; the
// arrow keys move between lines, Enter opens one.
import { html } from '../html.js';
import { Freshness } from './staleness.js';

/** One service's line: `action`, when given, is a button of its own beside the line. */
export function ResultItem({ hit, onOpen, action }) {
  const place = [hit.city, hit.postal_code].filter(Boolean).join(' ');
  const inactive = hit.status && hit.status !== 'active';
  return html`
    <li class=${`resource-hit${hit.verification?.stale ? ' stale' : ''}`} data-id=${hit.id}>
      <button type="button" class="hit-open" onClick=${() => onOpen(hit)}>
        <span class="hit-head">
          <span class="hit-name">${hit.name}</span>
          ${inactive && html`<span class="hit-status">${hit.status_label || hit.status}</span>`}
        </span>
        ${hit.organization_name && html`<span class="hit-org">${hit.organization_name}</span>`}
        ${hit.summary && html`<span class="hit-summary">${hit.summary}</span>`}
        <span class="hit-facts">
          ${hit.categories?.length > 0 && html`<span class="hit-categories">${hit.categories.join(' · ')}</span>`}
          ${place && html`<span class="hit-place">${place}</span>`}
          ${hit.phone && html`<span class="hit-phone">${hit.phone}</span>`}
          ${hit.hours?.text && html`<span class=${`hit-hours${hit.hours.open_now ? ' open-now' : ''}`}>${hit.hours.text}</span>`}
          ${hit.cost_label && html`<span class=${`hit-cost cost-${hit.cost}`}>${hit.cost_label}</span>`}
        </span>
        <span class="hit-freshness"><${Freshness} verification=${hit.verification} /></span>
      </button>
      ${action}
    </li>`;
}

/** Arrow keys between the lines' open buttons; ArrowUp from the first, `onLeaveTop`. */
export function moveInList(event, onLeaveTop) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key) || !event.target.classList?.contains('hit-open')) return;
  const buttons = [...event.currentTarget.querySelectorAll('.hit-open')];
  const at = buttons.indexOf(event.target);
  let next = at;
  if (event.key === 'ArrowDown') next = Math.min(at + 1, buttons.length - 1);
  else if (event.key === 'ArrowUp') next = at - 1;
  else if (event.key === 'Home') next = 0;
  else next = buttons.length - 1;
  event.preventDefault();
  if (next < 0) onLeaveTop?.();
  else buttons[next]?.focus();
}

/** Focuses the open button of the line for `id` (or the first line). */
export function focusHit(listId, id) {
  const list = document.getElementById(listId);
  const item = (id && list?.querySelector(`li[data-id="${CSS.escape(id)}"]`)) || list?.querySelector('li');
  item?.querySelector('.hit-open')?.focus();
  return !!item;
}

/** The search results: `page` is the core's SearchPage; `onMore` (when more may be
 *  asked for) shows the next lines. */
export function ResultList({ page, onOpen, onLeaveTop, onMore, filtered }) {
  const { total, services } = page;
  const shown = services.length;
  const took = page.took_ms < 10 ? page.took_ms.toFixed(1) : Math.round(page.took_ms);
  const count = `${total.toLocaleString()} ${total === 1 ? 'service' : 'services'}`;
  return html`
    <p class="resource-count" id="resource-count" aria-live="polite">
      ${count}${shown < total ? ` · showing the first ${shown}` : ''} · took ${took} ms</p>
    ${shown > 0 && html`
      <ul class="resource-results" id="resource-results" aria-label="Services"
        onKeyDown=${(e) => moveInList(e, onLeaveTop)}>
        ${services.map((hit) => html`<${ResultItem} key=${hit.id} hit=${hit} onOpen=${onOpen} />`)}
      </ul>`}
    ${shown < total && onMore && html`<div class="resource-more">
      <button type="button" id="resource-more" onClick=${onMore}>Show more</button></div>`}
    ${total === 0 && html`<div class="empty panel" id="resource-empty">
      ${filtered
        ? 'No service matches. Try fewer words, or clear a filter.'
        : 'The directory is empty. Import an HSDS package, or add a service.'}</div>`}`;
}
