// The words of social needs and referrals, as the core describes them (command
// `resources_vocabulary`): the HL7 Gravity need categories, need and referral statuses,
// why a referral could not connect, urgencies and how a service was verified. Each is a
// closed list the store checks too; the UI keeps no copy of its own.
//
// Unlike the outreach vocabulary, App does not load this one at start: the panels and
// forms that need it call `useReferralVocabulary()`, which loads it once (the first
// caller starts the load, the rest wait on the same promise) and re-renders them when it
// is there. The synchronous helpers below may only be called once it is loaded.
import { useEffect, useState } from '../html.js';
import { api } from '../api.js';

/** The lists the core serves, by the name it serves them under. */
const LISTS = ['needs', 'need_statuses', 'referral_statuses', 'could_not_connect', 'urgencies',
  'verify_how', 'costs', 'service_statuses', 'weekdays'];

let loading = null;
let loaded = null;

/** Loads the vocabulary once and keeps it; a failed load may be tried again. */
export function loadReferralVocabulary() {
  if (!loading) {
    loading = api.resourcesVocabulary().then(
      (vocabulary) => {
        loaded = Object.fromEntries(LISTS.map((list) => {
          const terms = vocabulary?.[list] ?? [];
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

/** True once the lists are here (the helpers below may be called). */
export function isLoaded() {
  return loaded !== null;
}

/** `{ ready, error }`: re-renders the caller when the vocabulary has loaded (or failed). */
export function useReferralVocabulary() {
  const [state, setState] = useState({ ready: loaded !== null, error: '' });
  useEffect(() => {
    if (loaded) return undefined;
    let live = true;
    loadReferralVocabulary().then(
      () => live && setState({ ready: true, error: '' }),
      (e) => live && setState({ ready: false, error: e.message }),
    );
    return () => { live = false; };
  }, []);
  return state;
}

function list(name) {
  if (!loaded) throw new Error('The referral vocabulary is not loaded yet (loadReferralVocabulary() first).');
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

/** The label of a stored value ("no-capacity" → "No capacity"); the value itself for
 *  one the core no longer lists, so an old record still reads. */
export function labelOf(name, value) {
  return list(name).labels.get(value) ?? value;
}
