// Long directory jobs (an import's dry run and its write, an export): progress from the
// core's `resources-progress` events and a Cancel that stops the job with nothing
// changed. The bar appears only once a job has run for a second, so a small package
// that is done at once does not flash a bar at the coordinator.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';

const SHOW_AFTER_MS = 1000;

/** What each phase of a job is doing, in words. */
const PHASES = {
  reading: 'Reading the files',
  checking: 'Checking the rows',
  writing: 'Writing to the directory',
  indexing: 'Updating the search index',
  exporting: 'Writing the files',
};

/** True when a job failed because the coordinator cancelled it. */
export const isCancelled = (error) => error?.code === 'cancelled';

/** Hears `resources-progress` events until the returned function is called. Outside
 *  the desktop app (no event bridge) there is nothing to hear. */
function listenProgress(onProgress) {
  const listen = globalThis.__TAURI__?.event?.listen;
  if (typeof listen !== 'function') return () => {};
  let unlisten = null;
  let stopped = false;
  Promise.resolve(listen('resources-progress', (event) => {
    if (!stopped && event?.payload) onProgress(event.payload);
  })).then(
    (stop) => {
      if (stopped) stop?.();
      else unlisten = stop;
    },
    () => {},
  );
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** A job's state (`running`, `slow`, `progress`, `cancelling`) and its controls:
 *  `run(action)` runs one job and returns (or throws) what `action` does,
 *  `cancel()` asks the core to stop it, `isRunning()` reads the state without waiting
 *  for a render (for handlers a dialog captured when it opened). */
export function useResourceJob() {
  const [state, setState] = useState({ running: false, slow: false, progress: null, cancelling: false });
  const live = useRef(true);
  const running = useRef(false);
  const controls = useRef(null);
  useEffect(() => () => { live.current = false; }, []);

  if (!controls.current) {
    const set = (patch) => { if (live.current) setState((s) => ({ ...s, ...patch })); };
    controls.current = {
      isRunning: () => running.current,
      async run(action) {
        running.current = true;
        set({ running: true, slow: false, progress: null, cancelling: false });
        const timer = setTimeout(() => set({ slow: true }), SHOW_AFTER_MS);
        const stop = listenProgress((progress) => set({ progress }));
        try {
          return await action();
        } finally {
          clearTimeout(timer);
          stop();
          running.current = false;
          set({ running: false, slow: false, cancelling: false });
        }
      },
      async cancel() {
        if (!running.current) return;
        set({ cancelling: true });
        try {
          await api.cancelResourceJob();
        } catch {
          // The job may have finished meanwhile; it reports how it ended either way.
          set({ cancelling: false });
        }
      },
    };
  }
  return { ...state, ...controls.current };
}

/** The bar and its Cancel button, while a job that has run for a second still runs.
 *  `what` names the job ("Import", "Export"). */
export function JobProgress({ job, what }) {
  if (!job.running || !job.slow) return null;
  const p = job.progress;
  const phase = p ? PHASES[p.phase] ?? p.phase : 'Starting';
  const known = !!p && p.total > 0;
  const count = known ? `${Math.min(p.done, p.total).toLocaleString()} of ${p.total.toLocaleString()}` : '';
  return html`
    <div class="job-progress" id="job-progress" aria-busy="true">
      <div class="job-phase">
        <span role="status">${what ? `${what}: ` : ''}${phase}…</span>
        ${count && html`<span class="job-count" aria-hidden="true">${count}</span>`}
      </div>
      <progress max=${known ? p.total : undefined} value=${known ? Math.min(p.done, p.total) : undefined}
        aria-label=${`${what ?? 'Job'} progress`}></progress>
      <button type="button" id="job-cancel" onClick=${job.cancel} disabled=${job.cancelling}>
        ${job.cancelling ? 'Cancelling…' : 'Cancel'}</button>
    </div>`;
}
