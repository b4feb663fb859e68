// The words of the contact log and of transitions of care, as the core describes them
// (command `outreach_vocabulary`): channels, directions, with whom, outcomes, topics,
// kinds of transition and who told us. Each is a closed list the store checks too; the
// UI keeps no copy of its own, so a label changed in the core reaches every form.
//
// `App` calls `loadVocabulary()` once, next to the measure catalogue and before anything
// that needs it is rendered; the helpers below are synchronous and may only be called
// after that (they throw before). Module-level code must not call them.
import { api } from '../api.js';

/** The lists the core serves, by the name it serves them under. */
const LISTS = ['channels', 'directions', 'with_whom', 'outcomes', 'topics', 'transition_kinds', 'heard_from'];

let loading = null;
let loaded = null;

/** Loads the vocabulary once and keeps it; a failed load may be tried again. */
export function loadVocabulary() {
  if (!loading) {
    loading = api.outreachVocabulary().then(
      (vocabulary) => {
        loaded = Object.fromEntries(LISTS.map((list) => {
          const terms = vocabulary[list] ?? [];
          return [list, { terms, labels: new Map(terms.map((t) => [t.value, t.label])) }];
        }));
        return vocabulary;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

function list(name) {
  if (!loaded) throw new Error('The outreach vocabulary is not loaded yet (loadVocabulary() first).');
  return loaded[name];
}

/** `[{value, label}]` of one list, in the core's order (the order forms offer them in). */
export function terms(name) {
  return list(name).terms;
}

/** `[[value, label]]` of one list, for the form helpers' `options`. */
export function options(name) {
  return terms(name).map((t) => [t.value, t.label]);
}

/** The label of a stored value ("no-answer" → "No answer"); the value itself for one
 *  the core no longer lists, so an old record still reads. */
export function labelOf(name, value) {
  return list(name).labels.get(value) ?? value;
}
