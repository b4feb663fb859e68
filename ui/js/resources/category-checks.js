// The categories a service is listed under (the starter taxonomy, an imported one, or
// the clinic's own), as checkboxes with a filter when there are many, and a way to add
// a category of the clinic's own without leaving the service form.
import { html, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { describedBy } from '../referrals/fields.js';

/** Above this many categories, a filter narrows the boxes. */
const FILTER_FROM = 12;

/** `selected` is a list of category ids; `onAdded(category)` gets a new Category. */
export function CategoryChecks({ categories, selected, onToggle, onAdded, error }) {
  const [filter, setFilter] = useState('');
  const [name, setName] = useState('');
  const [addError, setAddError] = useState('');
  const [busy, setBusy] = useState(false);

  const wanted = filter.trim().toLowerCase();
  const shown = categories.filter((c) => !wanted || selected.includes(c.id) || c.name.toLowerCase().includes(wanted));

  async function add() {
    if (busy) return;
    setBusy(true);
    setAddError('');
    try {
      const category = await api.addResourceCategory(name.trim());
      setName('');
      onAdded(category);
    } catch (e) {
      setAddError(e instanceof ApiError ? e.fields.name ?? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  // Enter in the new name adds it rather than saving the whole service.
  const onNameKey = (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      add();
    }
  };

  return html`
    <fieldset class=${`category-edit${error ? ' has-error' : ''}`} id="service-categories"
      aria-describedby=${error ? 'service-categories-error' : undefined}>
      <legend>Categories</legend>
      ${categories.length > FILTER_FROM && html`<input type="search" id="service-category-filter" class="category-filter"
        placeholder="Find a category" aria-label="Find a category" value=${filter}
        onInput=${(e) => setFilter(e.currentTarget.value)} autocomplete="off"
        onKeyDown=${(e) => { if (e.key === 'Enter') e.preventDefault(); }} />`}
      <div class="checks category-checks">
        ${shown.map((c) => html`<label class="check" key=${c.id}>
          <input type="checkbox" value=${c.id} data-id=${c.id} checked=${selected.includes(c.id)}
            onChange=${(e) => onToggle(c.id, e.currentTarget.checked)} />
          ${c.name}</label>`)}
        ${shown.length === 0 && html`<span class="hint">${categories.length === 0 ? 'No categories yet.' : 'No category matches.'}</span>`}
      </div>
      ${error && html`<div class="field-error" id="service-categories-error" role="alert">${error}</div>`}
      <div class="category-add">
        <label for="new-category-name">New category</label>
        <input id="new-category-name" value=${name} autocomplete="off" onInput=${(e) => setName(e.currentTarget.value)}
          onKeyDown=${onNameKey} aria-invalid=${addError ? 'true' : undefined}
          aria-describedby=${describedBy('new-category-name', addError)} />
        <button type="button" class="small-button" id="new-category-add" disabled=${busy || !name.trim()}
          onClick=${add}>Add category</button>
        ${addError && html`<div class="field-error" id="new-category-name-error" role="alert">${addError}</div>`}
      </div>
    </fieldset>`;
}
