// A modal dialog: Esc or the backdrop closes it, focus starts on its first field.
import { html, useLayoutEffect, useRef } from '../html.js';

export function Modal({ title, onClose, children, id }) {
  const box = useRef(null);
  // A layout effect runs in the same task that puts the dialog on screen. A plain effect
  // runs a frame later, and a coordinator who had already clicked into a field and
  // started typing lost the rest of their keystrokes to the first field.
  useLayoutEffect(() => {
    const previous = document.activeElement;
    const first = box.current?.querySelector(
      'input:enabled, select:enabled, textarea:enabled, button:enabled:not(.close)');
    first?.focus();
    const onKey = (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);
  return html`
    <div class="backdrop" onMouseDown=${(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" ref=${box} id=${id}>
        <header>
          <h2 id="modal-title">${title}</h2>
          <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick=${onClose}>×</button>
        </header>
        ${children}
      </div>
    </div>`;
}
