// A printout's button: a small menu with "Save PDF…" (the native save dialog, opened by
// the app, which writes the file) and "Print" (to the printer, or into the PDF viewer
// when there is no print system to hand it to). The outcome is told to the caller,
// which shows it where its screen shows notices (`PrintNotice`).
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** `kind`: huddle, agenda, review, summary or referral; `request`: {date, patient_id,
 *  referral_id}; `what`: the document as a sentence names it ("the huddle sheet");
 *  `onStatus({text, error})` hears how it went (null when a save was cancelled). */
export function PrintMenu({ id, label, kind, request, what, onStatus, disabled = false, small = false }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const box = useRef(null);
  const trigger = useRef(null);

  // A click anywhere else closes the menu, as menus do.
  useEffect(() => {
    if (!open) return undefined;
    const away = (event) => { if (!box.current?.contains(event.target)) setOpen(false); };
    document.addEventListener('mousedown', away);
    setTimeout(() => box.current?.querySelector('[role=menuitem]')?.focus(), 0);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  function onKey(event) {
    if (!open) return;
    const items = [...(box.current?.querySelectorAll('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      // Closes the menu only: not the dialog or the patient page behind it.
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
      trigger.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      // Moves within the menu, not Today's worklist selection.
      event.stopPropagation();
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  }

  async function run(action) {
    setOpen(false);
    setBusy(true);
    onStatus?.(null);
    try {
      if (action === 'save') {
        const saved = await api.savePrintout(kind, request);
        if (saved) onStatus?.({ text: `Saved ${what} (${plural(saved.pages, 'page', 'pages')}) to ${saved.path}.` });
      } else {
        const sent = await api.sendPrintout(kind, request);
        onStatus?.({
          text: sent.how === 'printer'
            ? `Sent ${what} to the printer.`
            : `Opened ${what} in the PDF viewer: print it from there.`,
        });
      }
    } catch (e) {
      onStatus?.({ text: e.message, error: true });
    } finally {
      setBusy(false);
      trigger.current?.focus();
    }
  }

  return html`
    <div class="print-menu" id=${id} ref=${box} onKeyDown=${onKey}>
      <button type="button" class=${`print-trigger${small ? ' small-button' : ''}`} ref=${trigger}
        aria-haspopup="menu" aria-expanded=${open ? 'true' : 'false'} disabled=${disabled || busy}
        onClick=${() => setOpen(!open)}>${busy ? 'Preparing…' : label} <span aria-hidden="true">▾</span></button>
      ${open && html`<div class="print-menu-items" role="menu" aria-label=${label}>
        <button type="button" role="menuitem" class="print-save" onClick=${() => run('save')}>Save PDF…</button>
        <button type="button" role="menuitem" class="print-send" onClick=${() => run('print')}>Print</button>
      </div>`}
    </div>`;
}

/** Where a screen shows what became of its last printout. */
export function PrintNotice({ status, id }) {
  if (!status) return null;
  return html`<p class=${status.error ? 'form-error' : 'notice'} id=${id}
    role=${status.error ? 'alert' : 'status'}>${status.text}</p>`;
}
