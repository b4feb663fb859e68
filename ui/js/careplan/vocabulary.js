// The care plan's closed lists, as the core describes them (command
// `care_plan_vocabulary`): concern kinds, the HL7 Gravity SDOH categories of a social
// concern, goal lifecycles and achievements, who expressed a goal, care-team roles,
// action statuses and the registry measures a goal's target may be tied to. The UI
// keeps no copy of its own.
//
// Loaded once, the first time the care-plan tab asks (`useCarePlanVocabulary()`); the
// synchronous helpers below may only be called once it is here.
import { api } from '../api.js';
import { servedVocabulary } from '../components/served-vocabulary.js';

const vocabulary = servedVocabulary(
  () => api.carePlanVocabulary(),
  ['concern_kinds', 'concern_statuses', 'sdoh_categories', 'lifecycles', 'achievements',
    'expressed_by', 'roles', 'action_statuses', 'measures'],
  'care-plan vocabulary',
);

export const loadCarePlanVocabulary = vocabulary.load;
export const useCarePlanVocabulary = vocabulary.useVocabulary;
export const { options, labelOf } = vocabulary;

/** The roles that may own an action: every role but "other" (a team member only). */
export function actionOwners() {
  return options('roles').filter(([value]) => value !== 'other');
}
