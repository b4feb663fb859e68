// The clinic's holidays in Settings: the days it is closed, one per line. A discharge
// follow-up's business days skip them (and weekends), so a follow-up due over a
// holiday falls due the next open day. The core reads the dates and names each line it
// cannot read (`holidays.N`, N counting from 0 over the lines sent).
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';

const HINT = 'Skipped like weekends: a discharge follow-up counts business days, and a contact due on a closed day is due the next open one';

export function ClinicHolidays() {
  const form = useForm({ holidays: '' });
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState('');

  const show = (settings) => form.setValues({ holidays: settings.holidays.join('\n') });
  useEffect(() => {
    api.clinicSettings().then((s) => { show(s); setLoaded(true); }, (e) => setNotice(e.message));
  }, []);

  async function save(event) {
    event.preventDefault();
    setNotice('');
    const saved = await form.submit((v) => api.setHolidays(v.holidays.split('\n')));
    if (saved) {
      show(saved);
      const n = saved.holidays.length;
      setNotice(n === 0 ? 'Saved: no clinic holidays.' : `Saved ${n} ${n === 1 ? 'holiday' : 'holidays'}.`);
    }
  }

  // One message per line the core could not read, in line order, and any about the
  // list as a whole.
  const lineErrors = Object.entries(form.errors)
    .map(([field, message]) => [field === 'holidays' ? -1 : Number(field.split('.')[1]), message])
    .filter(([line]) => Number.isInteger(line))
    .sort(([a], [b]) => a - b);
  const invalid = lineErrors.length > 0;
  return html`
    <div class="panel" id="holidays">
      <h2>Clinic holidays</h2>
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="holidays-form" novalidate>
        <div class=${`field${invalid ? ' has-error' : ''}`}>
          <label for="field-holidays">Days the clinic is closed, one per line (YYYY-MM-DD)</label>
          <textarea id="field-holidays" name="holidays" rows="6" class="holidays-input" spellcheck="false"
            value=${form.values.holidays} onInput=${form.set('holidays')} disabled=${!loaded}
            aria-invalid=${invalid ? 'true' : undefined}
            aria-describedby=${invalid ? 'field-holidays-hint field-holidays-error' : 'field-holidays-hint'}></textarea>
          <div class="hint" id="field-holidays-hint">${HINT}</div>
          ${invalid && html`<ul class="field-error line-errors" id="field-holidays-error" role="alert">
            ${lineErrors.map(([line, message]) => html`<li data-line=${line + 1}>
              ${line >= 0 ? `Line ${line + 1}: ` : ''}${message}</li>`)}
          </ul>`}
        </div>
        <${FormMessage} form=${form} />
        ${notice && html`<p class="notice" role="status" id="holidays-notice">${notice}</p>`}
        <div class="actions">
          <button type="submit" class="primary" id="holidays-save" disabled=${form.busy || !loaded}>
            Save holidays <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    </div>`;
}
