// Later starts: unlock the store. A wrong passphrase says so and keeps the field ready.
// After five or more wrong passphrases in a row the core refuses the next try for a
// while (2 s, doubling, at most 5 minutes, remembered across restarts): the screen
// counts the wait down and keeps the button disabled until it is over.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage } from '../components/form.js';

export function Unlock({ onReady }) {
  const form = useForm({ passphrase: '' });
  const input = useRef(null);
  // When the next try is allowed (ms since the epoch), and the whole seconds left until then.
  const [allowedAt, setAllowedAt] = useState(0);
  const [left, setLeft] = useState(0);
  // The last try was refused for coming too soon: the countdown says it, not the message.
  const [refused, setRefused] = useState(false);

  async function readWait() {
    try {
      const status = await api.status();
      const wait = status.unlock_wait_secs ?? 0;
      setAllowedAt(wait > 0 ? Date.now() + wait * 1000 : 0);
      setLeft(wait);
    } catch {
      // Without the status the core still refuses a try that comes too soon, and says so.
    }
  }

  // A restart keeps the wait: ask for it when the screen opens.
  useEffect(() => { readWait(); }, []);

  useEffect(() => {
    if (!allowedAt) return undefined;
    const tick = () => {
      const seconds = Math.max(0, Math.ceil((allowedAt - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) {
        setAllowedAt(0);
        input.current?.focus();
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [allowedAt]);

  async function unlock(event) {
    event.preventDefault();
    if (left > 0) return;
    let code = null;
    const done = await form.submit(async (v) => {
      try {
        return await api.unlock(v.passphrase);
      } catch (error) {
        code = error.code;
        throw error;
      }
    });
    setRefused(code === 'unlock_delayed');
    if (done !== undefined) {
      onReady();
    } else {
      // A wrong passphrase may have started a wait (the fifth in a row), and a refused
      // try says how long is left: either way the status knows.
      await readWait();
      input.current?.select();
    }
  }

  const waiting = left > 0;
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
        ${!(refused && waiting) && html`<${FormMessage} form=${form} />`}
        ${waiting && html`
          <div class="form-error" id="unlock-wait" role="status">
            Five or more wrong passphrases in a row: wait ${left} ${left === 1 ? 'second' : 'seconds'}
            before the next try.
          </div>`}
        <button type="submit" class="primary" id="unlock"
          disabled=${form.busy || waiting || !form.values.passphrase}>
          ${form.busy ? 'Unlocking…' : waiting ? `Wait ${left} s` : 'Unlock'}
        </button>
      </form>
    </main>`;
}
