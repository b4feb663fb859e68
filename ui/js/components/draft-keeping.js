// Never losing a keystroke: a form's fields kept as a draft in the encrypted store a
// moment after every change, and once more when the form closes or goes away. The
// contact form and the care plan's progress-note form keep their notes this way; the
// core deletes a draft in the same transaction as the record it becomes.
import { useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';

/** How long typing must pause before the draft is written. */
const DRAFT_PAUSE_MS = 600;

/** Keeps `values` as the draft `draftKey` a moment after every change, and at once when
 *  `flush()` is called (the dialog closes) or the form goes away. `bodyOf(values)` is
 *  the draft's JSON text (the form's fields, nothing else); `isEmpty(values)` says
 *  nothing was typed, and such a draft is thrown away rather than kept, so opening the
 *  form and closing it leaves nothing to offer back.
 *
 *  `pause()` before a save writes what is waiting and stops keeping, so a late write
 *  cannot bring back the draft the save deleted; `resume()` after a failed save.
 *  `reset(values)` before the form is set to `values` that are not to be kept (after a
 *  discard). */
export function useDraftKeeping({ enabled, draftKey, patientId, values, bodyOf, isEmpty }) {
  const timer = useRef(null);
  const writing = useRef(Promise.resolve());
  const written = useRef(bodyOf(values)); // what the store has (or had when opened)
  const paused = useRef(false);
  const latest = useRef(values);
  const mounted = useRef(true);
  const [keptAt, setKeptAt] = useState(null);
  const [problem, setProblem] = useState('');
  latest.current = values;

  const changed = () => enabled && !paused.current && bodyOf(latest.current) !== written.current;

  const write = () => {
    clearTimeout(timer.current);
    timer.current = null;
    const now = latest.current;
    const body = bodyOf(now);
    written.current = body;
    const send = isEmpty(now) ? () => api.discardDraft(draftKey) : () => api.saveDraft(draftKey, patientId, body);
    // One write at a time, in order: the last one typed is the one that stays.
    writing.current = writing.current.then(send).then((draft) => {
      if (mounted.current) {
        setKeptAt(draft?.saved_at ?? null);
        setProblem('');
      }
    }, (error) => {
      if (mounted.current) setProblem(error.message);
    });
    return writing.current;
  };

  useEffect(() => {
    if (!changed()) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(write, DRAFT_PAUSE_MS);
  }, [values]);

  // The form going away (the page left, the app locked) keeps the last keystrokes too.
  useEffect(() => () => {
    mounted.current = false;
    if (changed()) write();
  }, []);

  return {
    keptAt,
    problem,
    async flush() {
      if (changed()) write();
      await writing.current;
    },
    async pause() {
      if (changed()) write();
      paused.current = true;
      await writing.current;
    },
    resume() { paused.current = false; },
    async reset(next) {
      clearTimeout(timer.current);
      timer.current = null;
      await writing.current;
      written.current = bodyOf(next);
      setKeptAt(null);
    },
  };
}

/** A stored draft's body as an object of the `fields` that are text and the
 *  `listFields` that are lists of text (the rest are ignored rather than trusted), or
 *  null when it is not JSON or holds none of them. */
export function draftFields(draft, fields, listFields = []) {
  if (!draft?.body) return null;
  let body;
  try {
    body = JSON.parse(draft.body);
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const values = {};
  for (const field of fields) {
    if (typeof body[field] === 'string') values[field] = body[field];
  }
  for (const field of listFields) {
    if (Array.isArray(body[field])) values[field] = body[field].filter((t) => typeof t === 'string');
  }
  return Object.keys(values).length === 0 ? null : values;
}
