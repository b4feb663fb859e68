// The program select both screening views share; remembers nothing on its own.
import { html } from '../html.js';

export function ProgramSelect({ id, programs, value, onChange }) {
  return html`
    <label class="screening-program">Program
      <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
        ${programs.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
    </label>`;
}
