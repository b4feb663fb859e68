// The directory's search box and its filters: what they offer (words), in which
// category, in which language, in which city or ZIP, open on which day, and at what
// cost. Every change searches at once; the screen waits for typing to pause.
import { html, useLayoutEffect } from '../html.js';
import { labelOf, terms } from '../referrals/vocabulary.js';

/** The query with no filter set (and the default number of lines). */
export const EMPTY_QUERY = { text: '', category: '', language: '', place: '', open_on: '', cost: '', limit: 50 };

/** True when anything narrows the list. */
export const isFiltered = (q) => !!(q.text.trim() || q.category || q.language.trim() || q.place.trim() || q.open_on || q.cost);

/** `onChange(query)` gets the whole new query; `onDown` runs on ArrowDown in the box
 *  (it moves into the results). Needs the directory vocabulary loaded. */
export function SearchFilters({ query, categories, onChange, onDown, searchRef, focus }) {
  const update = (field) => (event) => onChange({ ...query, [field]: event.currentTarget.value, limit: EMPTY_QUERY.limit });
  useLayoutEffect(() => { if (focus) searchRef.current?.focus(); }, []);

  const onSearchKey = (event) => {
    if (event.key === 'ArrowDown' && !event.isComposing) {
      event.preventDefault();
      onDown();
    }
  };
  const costs = [
    ['', 'Any cost'],
    ['free', labelOf('costs', 'free')],
    ['sliding', labelOf('costs', 'sliding')],
    ['free-or-sliding', `${labelOf('costs', 'free')} or ${labelOf('costs', 'sliding').toLowerCase()}`],
  ];
  const selected = query.category && !categories.some((c) => c.id === query.category);

  return html`
    <div class="toolbar resource-filters" role="search" aria-label="Search the directory">
      <input type="search" id="resource-search" ref=${searchRef} class="search" autofocus
        placeholder="Search services: what they offer, a name, a place" aria-label="Search services"
        aria-controls="resource-results" value=${query.text} onInput=${update('text')} onKeyDown=${onSearchKey}
        autocomplete="off" spellcheck="false" />
      <div class="filter-row">
        <label>Category
          <select id="resource-category" value=${query.category} onChange=${update('category')}>
            <option value="">All categories</option>
            ${selected && html`<option value=${query.category}>${query.category}</option>`}
            ${categories.map((c) => html`<option value=${c.id}>${c.name} (${c.services})</option>`)}
          </select>
        </label>
        <label>Language
          <input id="resource-language" class="filter-text" value=${query.language} onInput=${update('language')}
            placeholder="e.g. Spanish" autocomplete="off" />
        </label>
        <label>City or ZIP
          <input id="resource-place" class="filter-text" value=${query.place} onInput=${update('place')}
            autocomplete="off" />
        </label>
        <label>Open on
          <select id="resource-open-on" value=${query.open_on} onChange=${update('open_on')}>
            <option value="">Any day</option>
            ${terms('weekdays').map((t) => html`<option value=${t.value}>${t.label}</option>`)}
          </select>
        </label>
        <label>Cost
          <select id="resource-cost" value=${query.cost} onChange=${update('cost')}>
            ${costs.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
          </select>
        </label>
        ${isFiltered(query) && html`<button type="button" id="resource-clear" class="small-button"
          onClick=${() => { onChange({ ...EMPTY_QUERY }); searchRef.current?.focus(); }}>Clear</button>`}
      </div>
    </div>`;
}
