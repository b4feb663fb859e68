// The care plan's closed lists, as the core describes them (command
// `care_plan_vocabulary`): concern kinds, the HL7 Gravity SDOH categories of a social
// concern, goal lifecycles and achievements, who expressed a goal, care-team roles,
// action statuses and the registry measures a goal's target may be tied to. The UI
// keeps no copy of its own.
//
// Loaded once, the first time the care-plan tab asks (`useCarePlanVocabulary()`); the
// synchronous helpers below may only be called once it is here.
import { useEffect, useState } from '../html.js';
import { api } from '../api.js';

/** The lists the core serves, by the name it serves them under. */
const LISTS = ['concern_kinds', 'concern_statuses', 'sdoh_categories', 'lifecycles', 'achievements',
  'expressed_by', 'roles', 'action_statuses', 'measures'];

let loading = null;
let loaded = null;

/** Loads the vocabulary once and keeps it; a failed load may be tried again. */
export function loadCarePlanVocabulary() {
  if (!loading) {
    loading = api.carePlanVocabulary().then(
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

/** `{ ready, error }`: re-renders the caller when the vocabulary has loaded (or failed). */
export function useCarePlanVocabulary() {
  const [state, setState] = useState({ ready: loaded !== null, error: '' });
  useEffect(() => {
    if (loaded) return undefined;
    let live = true;
    loadCarePlanVocabulary().then(
      () => live && setState({ ready: true, error: '' }),
      (e) => live && setState({ ready: false, error: e.message }),
    );
    return () => { live = false; };
  }, []);
  return state;
}

function list(name) {
  if (!loaded) throw new Error('The care-plan vocabulary is not loaded yet (loadCarePlanVocabulary() first).');
  return loaded[name];
}

/** `[[value, label]]` of one list, in the core's order, for a select's options. */
export function options(name) {
  return list(name).terms.map((t) => [t.value, t.label]);
}

/** The label of a stored value; the value itself for one the core no longer lists. */
export function labelOf(name, value) {
  return list(name).labels.get(value) ?? value;
}

/** The roles that may own an action: every role but "other" (a team member only). */
export function actionOwners() {
  return options('roles').filter(([value]) => value !== 'other');
}
