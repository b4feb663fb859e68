// Later starts: unlock the store. A wrong passphrase says so and keeps the field ready.
import { html, useRef } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage } from '../components/form.js';

export function Unlock({ onReady }) {
  const form = useForm({ passphrase: '' });
  const input = useRef(null);

  async function unlock(event) {
    event.preventDefault();
    const done = await form.submit((v) => api.unlock(v.passphrase));
    if (done !== undefined) {
      onReady();
    } else {
      input.current?.select();
    }
  }

  return html`
    <main class="gate">
      <form class="gate-card" onSubmit=${unlock} id="unlock-form">
        <img src="icon.svg" alt="" class="gate-icon" />
        <h1>Caseload is locked</h1>
        <p>Enter your passphrase to open your caseload.</p>
        <div class="field">
          <label for="passphrase">Passphrase</label>
          <input id="passphrase" type="password" autofocus autocomplete="current-password" ref=${input}
            value=${form.values.passphrase} onInput=${form.set('passphrase')} />
        </div>
        <${FormMessage} form=${form} />
        <button type="submit" class="primary" id="unlock" disabled=${form.busy || !form.values.passphrase}>
          ${form.busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>`;
}
