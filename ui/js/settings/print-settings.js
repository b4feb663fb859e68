// Printouts in Settings: the clinic's name, which heads every printed page (huddle
// sheet, agendas, summaries, referral slips), and the paper they are laid out for.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, FormMessage, submitOnEnter } from '../components/form.js';

const PAPERS = [['letter', 'Letter (8.5 × 11 in)'], ['a4', 'A4 (210 × 297 mm)']];

const asForm = (s) => ({ clinic_name: s?.clinic_name ?? '', paper: s?.paper ?? 'letter' });

export function PrintSettings() {
  const form = useForm(asForm(null));
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState('');
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    api.printSettings().then((s) => { form.setValues(asForm(s)); setLoaded(true); }, (e) => setLoadError(e.message));
  }, []);

  async function save(event) {
    event.preventDefault();
    setNotice('');
    const saved = await form.submit((v) => api.savePrintSettings({ clinic_name: v.clinic_name, paper: v.paper }));
    if (saved) {
      form.setValues(asForm(saved));
      setNotice('Saved.');
    }
  }

  return html`
    <div class="panel" id="print-settings">
      <h2>Printouts</h2>
      <form id="print-settings-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${Field} form=${form} name="clinic_name" label="Clinic name" required maxlength="120" disabled=${!loaded}
            hint="Heads every printed page." />
          <${Select} form=${form} name="paper" label="Paper" options=${PAPERS} />
        </div>
        ${loadError && html`<div class="form-error" role="alert">${loadError}</div>`}
        <${FormMessage} form=${form} />
        ${notice && html`<p class="notice" role="status" id="print-settings-notice">${notice}</p>`}
        <div class="actions">
          <button type="submit" class="primary" id="print-settings-save" disabled=${form.busy || !loaded}>
            Save printout settings</button>
        </div>
      </form>
    </div>`;
}
