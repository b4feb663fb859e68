// The words of social needs and referrals, as the core describes them (command
// `resources_vocabulary`): the HL7 Gravity need categories, need and referral statuses,
// why a referral could not connect, urgencies and how a service was verified. Each is a
// closed list the store checks too; the UI keeps no copy of its own.
//
// Unlike the outreach vocabulary, App does not load this one at start: the panels and
// forms that need it call `useReferralVocabulary()`, which loads it once and re-renders
// them when it is there. The synchronous helpers below may only be called once it is
// loaded.
import { api } from '../api.js';
import { servedVocabulary } from '../components/served-vocabulary.js';

const vocabulary = servedVocabulary(
  () => api.resourcesVocabulary(),
  ['needs', 'need_statuses', 'referral_statuses', 'could_not_connect', 'urgencies',
    'verify_how', 'costs', 'service_statuses', 'weekdays'],
  'referral vocabulary',
);

export const loadReferralVocabulary = vocabulary.load;
export const useReferralVocabulary = vocabulary.useVocabulary;
export const { isLoaded, terms, options, labelOf } = vocabulary;
