// Settings → Automatic lock: after how many minutes without keyboard or mouse input
// Caseload locks itself (default 10, 1–60). It also locks when the laptop sleeps, and
// on Ctrl L.
import { html, useEffect, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { useForm, Field, FormMessage, submitOnEnter } from '../components/form.js';

const MESSAGE = 'Lock after 1 to 60 minutes without input.';

export function AutoLockSettings() {
  const form = useForm({ idle_minutes: '10' });
  const [loaded, setLoaded] = useState(false);
  const [seconds, setSeconds] = useState(null);
  const [notice, setNotice] = useState('');
  const [loadError, setLoadError] = useState('');

  const show = (s) => {
    form.setValues({ idle_minutes: String(s.idle_minutes) });
    setSeconds(s.idle_seconds);
  };
  useEffect(() => {
    api.autoLock().then((s) => { show(s); setLoaded(true); }, (e) => setLoadError(e.message));
  }, []);

  async function save(event) {
    event.preventDefault();
    setNotice('');
    const saved = await form.submit((v) => {
      const text = v.idle_minutes.trim();
      const minutes = Number(text);
      if (!/^\d+$/.test(text) || minutes < 1 || minutes > 60) {
        throw new ApiError({ code: 'invalid_input', message: MESSAGE, fields: [{ field: 'idle_minutes', message: MESSAGE }] });
      }
      return api.setAutoLock({ idle_minutes: minutes });
    });
    if (saved) {
      show(saved);
      setNotice('Saved.');
    }
  }

  const overridden = seconds !== null && seconds !== Number(form.values.idle_minutes) * 60;
  return html`
    <div class="panel" id="auto-lock-settings">
      <h2>Automatic lock</h2>
      <form id="auto-lock-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${Field} form=${form} name="idle_minutes" label="Lock after (minutes without input)" type="number"
            min="1" max="60" step="1" inputmode="numeric" disabled=${!loaded}
            hint="Caseload also locks when the laptop sleeps, and on Ctrl L. Unlocking returns to the same screen. Default 10." />
        </div>
        ${overridden && html`<p class="muted">This session locks after ${seconds} seconds (set for testing).</p>`}
        ${loadError && html`<div class="form-error" role="alert">${loadError}</div>`}
        <${FormMessage} form=${form} />
        ${notice && html`<p class="notice" role="status" id="auto-lock-notice">${notice}</p>`}
        <div class="actions">
          <button type="submit" class="primary" id="auto-lock-save" disabled=${form.busy || !loaded}>Save</button>
        </div>
      </form>
    </div>`;
}
