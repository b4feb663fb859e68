// The measure catalogue: every measure the registry records, as the core describes it
// (command `measure_catalogue`): labels, units, questionnaire items and answers,
// severity bands, chart axes, and the quantities each measure is made of (blood
// pressure is one measure with two quantities, systolic and diastolic). The UI keeps no
// measure vocabulary of its own; it asks here.
//
// `App` calls `loadCatalogue()` once, before anything that needs it is rendered; the
// helpers below are synchronous and may only be called after that (they throw before).
// Module-level code must not call them: modules are evaluated before the catalogue
// arrives.
import { api } from './api.js';

let loading = null;
let loaded = null;

/** Loads the catalogue once and keeps it; a failed load may be tried again. */
export function loadCatalogue() {
  if (!loading) {
    loading = api.measureCatalogue().then(
      (catalogue) => {
        loaded = indexed(catalogue);
        return catalogue;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

function indexed(catalogue) {
  const kinds = catalogue.kinds ?? [];
  const quantities = catalogue.quantities ?? [];
  return {
    kinds,
    quantities,
    kindByCode: new Map(kinds.map((k) => [k.kind, k])),
    quantityByCode: new Map(quantities.map((q) => [q.quantity, q])),
  };
}

function catalogue() {
  if (!loaded) throw new Error('The measure catalogue is not loaded yet (loadCatalogue() first).');
  return loaded;
}

/** Every measure kind, in the catalogue's order (the order the UI lists them in). */
export function kinds() {
  return catalogue().kinds;
}

/** `{kind, label, unit, loinc, questionnaire, bands, axis, quantities}`, or undefined. */
export function kindInfo(kind) {
  return catalogue().kindByCode.get(kind);
}

/** "PHQ-9", "HbA1c", "Blood pressure"; undefined for a kind the catalogue does not know. */
export function kindLabel(kind) {
  return kindInfo(kind)?.label;
}

/** The unit printed after a value of this kind: "%", "mmHg", "" for a questionnaire score. */
export function unitOf(kind) {
  return kindInfo(kind)?.unit ?? '';
}

/** `{items, answers: [{value, label}], max_total}` for a questionnaire, else null. */
export function questionnaireOf(kind) {
  return kindInfo(kind)?.questionnaire ?? null;
}

/** The most items any questionnaire has (the measure form keeps that many item fields). */
export function maxQuestionnaireItems() {
  return Math.max(0, ...kinds().map((k) => k.questionnaire?.items.length ?? 0));
}

/** Every quantity (phq9, gad7, a1c, sbp, dbp, ldl, weight), in the catalogue's order. */
export function quantities() {
  return catalogue().quantities;
}

/** `{quantity, kind, label, short_label, unit, range, loinc, component, target, questionnaire}`. */
export function quantityInfo(quantity) {
  return catalogue().quantityByCode.get(quantity);
}

/** The quantities a kind is made of, in order; `component` names the stored field
 *  (`value` or `value2`) each one is kept in. */
export function quantitiesOf(kind) {
  return (kindInfo(kind)?.quantities ?? []).map(quantityInfo).filter(Boolean);
}

/** The quantities a program sets a treatment target for (`target` is the key in a
 *  program's `targets`), in order. */
export function targetQuantities() {
  return quantities().filter((q) => q.target);
}

/** The severity band's label for a questionnaire total ("moderately severe"), as the
 *  core's `scores::band`: the first band the total is not above, else the last one. */
export function bandOf(kind, total) {
  const bands = kindInfo(kind)?.bands ?? [];
  if (bands.length === 0) return '';
  return (bands.find((b) => total <= b.to) ?? bands[bands.length - 1]).label;
}
