// Locking, as the window takes part in it. The Rust side decides when to lock (idle,
// the laptop asleep, Ctrl L) and drops the key; the window then reloads itself, so
// nothing it showed stays in its memory. Across the reload it keeps only which screen
// was open (section, patient id, tab: ids, never what they show), in sessionStorage,
// which lives in memory for the window's lifetime only; unlocking returns there.
// Drafts of unsaved notes live in the encrypted store and are offered again as usual.

import { useEffect } from '../html.js';
import { api } from '../api.js';

const RESUME = 'caseload.resume';
export const LOCKED_EVENT = 'caseload://locked';
// How often input is reported at most: well under the shortest idle period.
const REPORT_EVERY_MS = 2000;

/** Clears the window: a fresh page that starts at the unlock form. */
export function forgetWindow() {
  globalThis.location.reload();
}

/** Locks now (the Lock button, Ctrl L). */
export async function lockNow() {
  try {
    await api.lock();
  } finally {
    forgetWindow();
  }
}

/** The screen to return to after unlocking: `{ section, patientId, tab }`. */
export function resumePoint() {
  try {
    return JSON.parse(sessionStorage.getItem(RESUME) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/** Remembers the screen now open. */
export function rememberScreen(point) {
  try {
    sessionStorage.setItem(RESUME, JSON.stringify({ ...resumePoint(), ...point }));
  } catch {
    // No storage: unlocking then opens Today, which is still correct.
  }
}

/** For the unlocked shell: reports keyboard and mouse input to the Rust side (which
 *  locks after the idle period without any), and clears the window when it locks. */
export function useAutoLock() {
  useEffect(() => {
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      api.touch().catch(() => {});
    };
    const kinds = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'];
    for (const kind of kinds) document.addEventListener(kind, report, { passive: true, capture: true });

    let stop = null;
    let gone = false;
    const listen = globalThis.__TAURI__?.event?.listen;
    if (typeof listen === 'function') {
      Promise.resolve(listen(LOCKED_EVENT, forgetWindow)).then((unlisten) => {
        if (gone) unlisten?.();
        else stop = unlisten;
      }, () => {});
    }
    return () => {
      gone = true;
      stop?.();
      for (const kind of kinds) document.removeEventListener(kind, report, { capture: true });
    };
  }, []);
}
