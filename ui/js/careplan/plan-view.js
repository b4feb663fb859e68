// A whole plan read only: an earlier version as it was kept. The same sections as the
// tab, without their buttons.
import { html } from '../html.js';
import { Concerns } from './concerns.js';
import { Goals } from './goals.js';
import { Barriers } from './barriers.js';
import { ProgressNotes } from './notes.js';
import { CareTeam } from './team.js';

const nothing = () => {};

export function PlanView({ plan }) {
  if (!plan) return html`<p class="muted">This version holds no plan.</p>`;
  return html`
    <${Concerns} plan=${plan} readOnly onChanged=${nothing} />
    <${Goals} plan=${plan} readOnly onChanged=${nothing} />
    <${Barriers} plan=${plan} readOnly onChanged=${nothing} />
    <${CareTeam} plan=${plan} readOnly onChanged=${nothing} />
    <${ProgressNotes} plan=${plan} readOnly onChanged=${nothing} onDraftChanged=${nothing} />`;
}
