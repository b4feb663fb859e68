// Step 2 of the schedule import: which column holds what. A preset fills the mapping
// (the one that fits the file's header comes preselected); each field can then be
// pointed at another column, and the mapping saved under a name for next time. The
// first rows of the file show what each choice would read, the mapped columns marked.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { submitOnEnter } from '../components/form.js';
import { FIELDS, fieldsByHeader, fitPreset, toCore } from './fields.js';

/** `choice`: {presetName, mapping, missing}; `onChange(choice)`; `errors`: the core's
 *  field messages (`mapping.date`, ...); `onPresetsChanged(presets)` after a save. */
export function MappingStep({ peek, presets, choice, errors, busy, onChange, onPresetsChanged, onBack, onNext }) {
  const { presetName, mapping, missing } = choice;
  const chosen = presets.find((p) => p.name === presetName);

  function pickPreset(name) {
    const preset = presets.find((p) => p.name === name);
    if (!preset) {
      onChange({ presetName: '', mapping, missing: {} });
      return;
    }
    onChange({ presetName: name, ...fitPreset(preset, peek.headers) });
  }
  // A hand-made change leaves the preset: the import no longer reads the preset's columns.
  function pickColumn(key, column) {
    const rest = { ...missing };
    delete rest[key];
    onChange({ presetName: '', mapping: { ...mapping, [key]: column }, missing: rest });
  }
  function submit(event) {
    event.preventDefault();
    onNext();
  }

  const marked = fieldsByHeader(mapping);
  const unready = !mapping.date || !mapping.mrn;
  return html`
    <form id="schedule-mapping-form" onSubmit=${submit} onKeyDown=${submitOnEnter} novalidate>
      <p class="import-path"><span class="muted">File</span> <code>${peek.file_name}</code>
        <span class="muted small"> · ${peek.headers.length} columns, separated by ${
          peek.delimiter === ';' ? 'semicolons' : peek.delimiter === '\t' ? 'tabs' : 'commas'}</span></p>
      <div class="field wide">
        <label for="schedule-preset">Preset</label>
        <select id="schedule-preset" value=${presetName} onChange=${(e) => pickPreset(e.currentTarget.value)}>
          <option value="">Custom mapping</option>
          ${presets.map((p) => html`<option value=${p.name} key=${p.name}>${p.name}${p.builtin ? ' (built in)' : ''}${
            p.name === peek.suggested ? ' — fits this file' : ''}</option>`)}
        </select>
        ${chosen && html`<div class="hint" id="schedule-preset-hint">${chosen.description}</div>`}
      </div>

      <div class="grid mapping-grid" id="schedule-mapping">
        ${FIELDS.map(([key, label, required]) => {
          const id = `schedule-map-${key}`;
          const error = errors[`mapping.${key}`];
          const lacking = missing[key];
          return html`<div class=${`field${error ? ' has-error' : ''}`} key=${key}>
            <label for=${id}>${label}${required && html`<span class="required" aria-hidden="true"> *</span>`}</label>
            <select id=${id} value=${mapping[key]} required=${required}
              aria-invalid=${error ? 'true' : undefined} aria-describedby=${error || lacking ? `${id}-note` : undefined}
              onChange=${(e) => pickColumn(key, e.currentTarget.value)}>
              <option value="">—</option>
              ${peek.headers.map((h) => html`<option value=${h} key=${h}>${h}</option>`)}
            </select>
            ${error && html`<div class="field-error" id=${`${id}-note`} role="alert">${error}</div>`}
            ${!error && lacking && html`<div class="hint" id=${`${id}-note`}>This file has no “${lacking}” column.</div>`}
          </div>`;
        })}
      </div>

      <h3 class="mapping-preview-title" id="schedule-preview-title">The file's first rows</h3>
      <div class="table-wrap mapping-preview">
        <table class="list" id="schedule-preview" aria-labelledby="schedule-preview-title">
          <thead><tr>
            ${peek.headers.map((h) => html`<th scope="col" key=${h} class=${marked.has(h) ? 'mapped' : ''}>
              ${marked.has(h) && html`<span class="mapped-as">${marked.get(h).join(', ')}</span>`}${h}</th>`)}
          </tr></thead>
          <tbody>
            ${peek.rows.map((row, i) => html`<tr key=${i}>
              ${peek.headers.map((h, j) => html`<td key=${j} class=${marked.has(h) ? 'mapped' : ''}>${row[j] ?? ''}</td>`)}
            </tr>`)}
          </tbody>
        </table>
        ${peek.rows.length === 0 && html`<p class="empty">The file has a header but no rows.</p>`}
      </div>

      <${SaveAs} mapping=${mapping} disabled=${busy} onSaved=${(saved, all) => {
        onPresetsChanged(all);
        onChange({ presetName: saved.name, ...fitPreset(saved, peek.headers) });
      }} />

      <div class="actions">
        ${unready && html`<span class="hint actions-note" id="schedule-mapping-needs">Choose the date and MRN columns.</span>`}
        <button type="button" id="schedule-back-file" onClick=${onBack}>Back</button>
        <button type="submit" class="primary" id="schedule-mapping-next" disabled=${busy || unready}>
          ${busy ? 'Checking…' : 'Next: dry run'}</button>
      </div>
    </form>`;
}

/** "Save mapping as…": the mapping under a name, for the next export from this EHR.
 *  Enter in the name saves it (not the whole step). */
function SaveAs({ mapping, disabled, onSaved }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function save() {
    setError('');
    setNotice('');
    try {
      const saved = await api.saveSchedulePreset(name, toCore(mapping));
      const all = await api.schedulePresets();
      setNotice(`Saved the mapping as “${saved.name}”.`);
      setName('');
      onSaved(saved, all);
    } catch (e) {
      setError(Object.values(e.fields ?? {}).join(' ') || e.message);
    }
  }
  const onKey = (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    save();
  };
  return html`
    <div class=${`save-mapping${error ? ' has-error' : ''}`}>
      <label for="schedule-preset-name">Save mapping as…</label>
      <div class="path-row">
        <input id="schedule-preset-name" type="text" value=${name} maxlength="60" placeholder="e.g. Epic clinic report"
          aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? 'schedule-preset-name-error' : undefined}
          onInput=${(e) => setName(e.currentTarget.value)} onKeyDown=${onKey} />
        <button type="button" id="schedule-preset-save" disabled=${disabled || !name.trim()} onClick=${save}>
          Save mapping</button>
      </div>
      ${error && html`<div class="field-error" id="schedule-preset-name-error" role="alert">${error}</div>`}
      ${notice && html`<p class="notice small" role="status" id="schedule-preset-saved">${notice}</p>`}
    </div>`;
}
