// Step 1 of the schedule import: which file. "Choose…" opens the native open dialog
// (run by the app); the path can also be typed or pasted, since EHR exports often land
// in a folder the coordinator already has open elsewhere.
import { html, useState } from '../html.js';
import { api } from '../api.js';

/** `onNext(path)` reads the file (and reports its problem by throwing); `fileError` is
 *  the core's message about the file, if the last try failed. */
export function FileStep({ path: initial, fileError, busy, onNext, onClose }) {
  const [path, setPath] = useState(initial ?? '');
  const [problem, setProblem] = useState('');

  async function choose() {
    setProblem('');
    try {
      const picked = await api.pickScheduleFile();
      if (picked) {
        setPath(picked);
        onNext(picked);
      }
    } catch (e) {
      setProblem(e.message);
    }
  }
  function submit(event) {
    event.preventDefault();
    const typed = path.trim();
    if (!typed) {
      setProblem('Choose the schedule export, or type or paste the path to it.');
      return;
    }
    onNext(typed);
  }

  const error = problem || fileError;
  return html`
    <form id="schedule-file-form" onSubmit=${submit} novalidate>
      <p class="dialog-lead">A CSV export of the clinic's appointments from the EHR. Each day in the file
        replaces that day's schedule here; rows are matched to patients by MRN.</p>
      <div class=${`field wide${error ? ' has-error' : ''}`}>
        <label for="schedule-path">File</label>
        <div class="path-row">
          <input id="schedule-path" type="text" class="mono" value=${path} spellcheck="false" autocomplete="off"
            placeholder="/home/you/Downloads/appointments.csv" aria-invalid=${error ? 'true' : undefined}
            aria-describedby=${error ? 'schedule-path-error' : undefined}
            onInput=${(e) => setPath(e.currentTarget.value)} />
          <button type="button" id="schedule-choose" onClick=${choose} disabled=${busy}>Choose…</button>
        </div>
        ${error && html`<div class="field-error" id="schedule-path-error" role="alert">${error}</div>`}
      </div>
      <div class="actions">
        <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
        <button type="submit" class="primary" id="schedule-file-next" disabled=${busy}>
          ${busy ? 'Reading…' : 'Next: map the columns'}</button>
      </div>
    </form>`;
}
