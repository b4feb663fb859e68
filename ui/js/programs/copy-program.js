// Copying a program under a new code: the copy starts with the same criteria, targets
// and follow-up settings, to be edited afterwards.
import { html } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';

/** "Copy program": a new program with this one's criteria, targets and follow-up. */
export function CopyProgram({ program, onSaved, onClose }) {
  const form = useForm({ code: '', name: `${program.name} (copy)` });

  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((values) => api.copyProgram(program.code, values.code.trim(), values.name));
    if (saved) onSaved(saved);
  }

  return html`
    <${Modal} title=${`Copy ${program.name}`} onClose=${onClose} id="program-copy">
      <form onSubmit=${save} id="program-copy-form" novalidate>
        <p class="muted">The copy starts with the same criteria, targets and follow-up settings;
          edit its thresholds afterwards.</p>
        <div class="grid">
          <${Field} form=${form} name="code" label="Code" required autofocus
            hint="2–32 lowercase letters, digits or hyphens, e.g. compass-peds" />
          <${Field} form=${form} name="name" label="Name" required />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="program-copy-submit" disabled=${form.busy}>Copy <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
