// First start: choose the passphrase that encrypts the caseload store.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, FormMessage } from '../components/form.js';

export function Setup({ status, onReady }) {
  const form = useForm({ passphrase: '', confirm: '' });
  const [strength, setStrength] = useState(null);

  useEffect(() => {
    let current = true;
    if (!form.values.passphrase) {
      setStrength(null);
      return undefined;
    }
    api.passphraseStrength(form.values.passphrase).then((s) => current && setStrength(s), () => {});
    return () => { current = false; };
  }, [form.values.passphrase]);

  const matches = form.values.confirm === form.values.passphrase;
  const ready = strength?.acceptable && matches && form.values.confirm.length > 0;

  async function create(event) {
    event.preventDefault();
    const done = await form.submit((v) => api.createStore(v.passphrase, v.confirm));
    if (done !== undefined) onReady();
  }

  return html`
    <main class="gate">
      <form class="gate-card" onSubmit=${create} id="setup-form">
        <img src="icon.svg" alt="" class="gate-icon" />
        <h1>Welcome to Caseload</h1>
        <p>Choose a passphrase. It encrypts every patient record on this laptop, and Caseload
          asks for it each time it opens. <strong>It cannot be recovered if forgotten</strong>,
          so write it down somewhere safe, away from the laptop.</p>
        <${Field} form=${form} name="passphrase" label="New passphrase" type="password" required
          autofocus autocomplete="new-password" id="new-passphrase" />
        <div class="strength" aria-live="polite">
          <div class="meter"><span class=${`level level-${strength ? strength.score : 'none'}`}></span></div>
          <span class="strength-label">${strength ? strength.label : 'A few unrelated words work well'}</span>
          ${strength && !strength.acceptable && html`<p class="hint" id="strength-hint">${strength.hint}</p>`}
        </div>
        <${Field} form=${form} name="confirm" label="Type it again" type="password" required
          autocomplete="new-password" id="confirm-passphrase" />
        ${form.values.confirm && !matches && html`<div class="field-error">The two passphrases are not the same yet.</div>`}
        <${FormMessage} form=${form} />
        <button type="submit" class="primary" id="create-store" disabled=${!ready || form.busy}>
          ${form.busy ? 'Creating…' : 'Create encrypted caseload'}
        </button>
        <p class="fine">The store will be created in <code>${status.data_dir}</code>.</p>
      </form>
    </main>`;
}
