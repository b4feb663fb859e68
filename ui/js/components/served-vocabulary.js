// A vocabulary the core serves (closed lists of `{value, label}` under names), loaded
// once on first use and kept: the first caller starts the load, the rest wait on the
// same promise, and a failed load may be tried again. The referral and care-plan
// vocabularies are both one of these; each module names its lists and its command.
import { useEffect, useState } from '../html.js';

/** `fetch()`: the api call that returns the vocabulary; `lists`: the names to keep;
 *  `what`: how a message names it ("referral vocabulary"). */
export function servedVocabulary(fetch, lists, what) {
  let loading = null;
  let loaded = null;

  function load() {
    if (!loading) {
      loading = fetch().then(
        (vocabulary) => {
          loaded = Object.fromEntries(lists.map((name) => {
            const terms = vocabulary?.[name] ?? [];
            return [name, { terms, labels: new Map(terms.map((t) => [t.value, t.label])) }];
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
  function useVocabulary() {
    const [state, setState] = useState({ ready: loaded !== null, error: '' });
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      load().then(
        () => live && setState({ ready: true, error: '' }),
        (e) => live && setState({ ready: false, error: e.message }),
      );
      return () => { live = false; };
    }, []);
    return state;
  }

  function list(name) {
    if (!loaded) throw new Error(`The ${what} is not loaded yet.`);
    return loaded[name];
  }

  return {
    load,
    useVocabulary,
    isLoaded: () => loaded !== null,
    /** `[{value, label}]` of one list, in the core's order. */
    terms: (name) => list(name).terms,
    /** `[[value, label]]` of one list, for a select's options. */
    options: (name) => list(name).terms.map((t) => [t.value, t.label]),
    /** The label of a stored value; the value itself for one the core no longer lists,
     *  so an old record still reads. */
    labelOf: (name, value) => list(name).labels.get(value) ?? value,
  };
}
