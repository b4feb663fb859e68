// Importing the clinic's schedule from an EHR export, in three steps: the file, its
// columns (a preset, or chosen by hand over the file's first rows), and a dry run that
// says what would change before anything is written. Back goes one step back with
// everything kept; Esc closes without importing.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { Modal } from '../components/modal.js';
import { FileStep } from './file-step.js';
import { MappingStep } from './mapping-step.js';
import { DryRun, importedText } from './dry-run.js';
import { EMPTY_MAPPING, fitPreset, toCore } from './fields.js';

const STEPS = [['file', 'Choose the file'], ['mapping', 'Map the columns'], ['dry-run', 'Check and import']];

/** Moves the focus to the new step's first control once it is on screen. */
const focusSoon = (id) => setTimeout(() => document.getElementById(id)?.focus(), 0);

/** `onImported(text)` runs once the schedule is written; the caller closes the dialog. */
export function ScheduleImportDialog({ onImported, onClose }) {
  const [step, setStep] = useState('file');
  const [path, setPath] = useState('');
  const [peek, setPeek] = useState(null);
  const [presets, setPresets] = useState([]);
  const [choice, setChoice] = useState({ presetName: '', mapping: EMPTY_MAPPING, missing: {} });
  const [report, setReport] = useState(null);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState('');
  const [fieldErrors, setFieldErrors] = useState({});
  const [message, setMessage] = useState('');

  /** The core's field messages (the mapping's columns, the file) where they belong; a
   *  message about the whole file above the step. */
  function failed(e) {
    setFieldErrors(e.fields ?? {});
    const own = Object.entries(e.fields ?? {}).filter(([f]) => !f.startsWith('mapping.')).map(([, m]) => m);
    setMessage(own.length > 0 ? own.join(' ') : Object.keys(e.fields ?? {}).length > 0 ? '' : e.message);
  }

  async function readFile(chosen) {
    setBusy(true);
    setFileError('');
    setMessage('');
    try {
      const [head, all] = await Promise.all([api.peekSchedule(chosen), api.schedulePresets()]);
      // Reading the same file again keeps the mapping chosen for it.
      if (chosen !== path || !peek) {
        const suggested = all.find((p) => p.name === head.suggested);
        setChoice(suggested
          ? { presetName: suggested.name, ...fitPreset(suggested, head.headers) }
          : { presetName: '', mapping: EMPTY_MAPPING, missing: {} });
      }
      setPath(chosen);
      setPeek(head);
      setPresets(all);
      setFieldErrors({});
      setStep('mapping');
      focusSoon('schedule-preset');
    } catch (e) {
      setPath(chosen);
      setFileError(e.fields?.file ?? e.message);
    } finally {
      setBusy(false);
    }
  }

  const options = (skipBad) => ({
    mapping: toCore(choice.mapping),
    preset: choice.presetName || null,
    skip_bad_rows: skipBad,
  });

  async function dryRun() {
    setBusy(true);
    setMessage('');
    try {
      const dry = await api.previewSchedule(path, options(false));
      setReport(dry);
      setSkip(false);
      setFieldErrors({});
      setStep('dry-run');
      focusSoon('schedule-dry-run');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event) {
    event?.preventDefault();
    if (blocked || busy) return;
    setBusy(true);
    setMessage('');
    try {
      const done = await api.applySchedule(path, options(skip));
      onImported(importedText(done));
    } catch (e) {
      failed(e);
      setBusy(false);
    }
  }
  // Enter anywhere in the report (the checkbox, the report itself) imports; a focused
  // button keeps Enter for itself.
  const enterImports = (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.target.tagName === 'BUTTON') return;
    event.preventDefault();
    confirm();
  };
  function back(to) {
    setMessage('');
    setStep(to);
    focusSoon(to === 'file' ? 'schedule-path' : 'schedule-preset');
  }

  const blocked = report && report.bad_rows.length > 0 && !skip;
  return html`
    <${Modal} title="Import the schedule" onClose=${onClose} id="schedule-import-dialog">
      <ol class="steps" aria-label="Steps">
        ${STEPS.map(([key, label], i) => html`<li key=${key} class=${step === key ? 'current' : ''}
          aria-current=${step === key ? 'step' : undefined}><span class="step-number">${i + 1}</span> ${label}</li>`)}
      </ol>
      ${message && html`<div class="form-error" role="alert" id="schedule-problem">${message}</div>`}

      ${step === 'file' && html`<${FileStep} path=${path} fileError=${fileError} busy=${busy}
        onNext=${readFile} onClose=${onClose} />`}

      ${step === 'mapping' && peek && html`<${MappingStep} peek=${peek} presets=${presets} choice=${choice}
        errors=${fieldErrors} busy=${busy} onChange=${(next) => { setChoice(next); setFieldErrors({}); }}
        onPresetsChanged=${setPresets} onBack=${() => back('file')} onNext=${dryRun} />`}

      ${step === 'dry-run' && report && html`<form id="schedule-dry-run-form" onSubmit=${confirm} onKeyDown=${enterImports}>
        <${DryRun} report=${report} skip=${skip} onSkip=${setSkip} locked=${busy} />
        <div class="actions">
          ${blocked && html`<span class="hint actions-note" id="schedule-blocked">The file has bad rows: tick
            “Leave bad rows out” to import without them, or fix the file and import it again.</span>`}
          <button type="button" id="schedule-back-mapping" onClick=${() => back('mapping')} disabled=${busy}>Back</button>
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="schedule-import-confirm" disabled=${blocked || busy || !report.changed}
            aria-describedby=${blocked ? 'schedule-blocked' : undefined}>${busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>`}
    <//>`;
}
