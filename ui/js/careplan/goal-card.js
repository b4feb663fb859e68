// One goal as a card: the patient's words first and large, in quotes; then the
// measurable target with where the registry says the patient stands ("latest 6.4 % on
// Nov 1 — met"), whether it is the patient's own target (the flags use it instead of
// the program's), who expressed it and by when, its lifecycle with the moves the core
// allows next, how it is going, and the actions under it.
import { html } from '../html.js';
import { formatNumber, formatShortDate, todayIso } from '../format.js';
import { ActionRow } from './action-row.js';
import { options } from './vocabulary.js';

/** What a move button says, by the lifecycle it moves to. */
const MOVES = {
  planned: 'Planned', accepted: 'Accepted', active: 'Make active', 'on-hold': 'Put on hold',
  completed: 'Complete…', cancelled: 'Cancel goal…',
};

/** "latest 6.4 % on Nov 1 — met", or why there is nothing to judge yet. */
function standingText(goal) {
  const { target, standing } = goal;
  if (!target?.measure) return null;
  if (!standing) return html`<span class="cp-standing none">no value in the registry yet</span>`;
  const unit = target.unit ? ` ${target.unit}` : '';
  const value = `latest ${formatNumber(standing.value)}${unit} on ${formatShortDate(standing.taken_on)}`;
  return html`<span class=${`cp-standing ${standing.met ? 'met' : 'not-met'}`}>${value} — <b>${standing.met ? 'met' : 'not met'}</b></span>`;
}

/** `goal`: a Goal with its actions; `concern`: the concern it answers, if any.
 *  `on` holds the handlers (absent when read only): move(lifecycle), achieve(value),
 *  edit(), remove(), addAction(), actionStatus(action, status), editAction(action),
 *  removeAction(action). */
export function GoalCard({ goal, concern, readOnly = false, on = {} }) {
  const lifecycle = goal.lifecycle.value;
  const open = lifecycle !== 'completed' && lifecycle !== 'cancelled';
  const late = open && goal.due_on && goal.due_on < todayIso();
  const actions = goal.actions ?? [];
  return html`
    <article class=${`cp-goal lc-${lifecycle}${open ? '' : ' closed'}`} data-id=${goal.id} data-lifecycle=${lifecycle}>
      <header class="cp-goal-head">
        <blockquote class="cp-goal-words"><p>“${goal.text}”</p></blockquote>
        <span class=${`badge cp-lifecycle lc-${lifecycle}`}>${goal.lifecycle.label}</span>
      </header>
      <p class="cp-goal-by">
        <span>Expressed by the ${goal.expressed_by.label.toLowerCase()}</span>
        <span>since ${formatShortDate(goal.start_on)}</span>
        ${goal.due_on && html`<span class=${late ? 'cp-late' : ''}>due ${formatShortDate(goal.due_on)}${late ? ' (passed)' : ''}</span>`}
        ${concern && html`<span class="cp-goal-concern">for: ${concern.text}</span>`}
      </p>
      ${goal.target && html`<div class="cp-target">
        <span class="cp-target-label">Target</span>
        <span class="cp-target-text">${goal.target.text}</span>
        ${standingText(goal)}
        ${goal.own_target && html`<span class="cp-own-target">own target — used for flags instead of the program’s</span>`}
      </div>`}
      ${!readOnly && html`<div class="cp-goal-controls">
        ${(goal.next_lifecycles ?? []).length > 0 && html`<div class="moves cp-goal-moves" role="group" aria-label="Move the goal">
          ${goal.next_lifecycles.map((to) => html`<button type="button" class=${`small-button move to-${to.value}`}
            data-to=${to.value} onClick=${() => on.move(to.value)}>${MOVES[to.value] ?? to.label}</button>`)}
        </div>`}
        <label class="cp-achievement">
          <span>Progress</span>
          <select class="cp-achievement-select" value=${goal.achievement?.value ?? ''} onChange=${(e) => on.achieve(e.currentTarget.value)}>
            ${!goal.achievement && html`<option value="">Not recorded</option>`}
            ${options('achievements').map(([value, label]) => html`<option value=${value}>${label}</option>`)}
          </select>
        </label>
      </div>`}
      ${readOnly && goal.achievement && html`<p class="small cp-goal-by">Progress: ${goal.achievement.label}</p>`}
      <div class="cp-actions">
        <h4 class="cp-actions-title">Actions</h4>
        ${actions.length === 0 && html`<p class="muted small cp-empty">No actions yet.</p>`}
        ${actions.length > 0 && html`<ul class="cp-action-list">
          ${actions.map((a) => html`<${ActionRow} key=${a.id} action=${a} readOnly=${readOnly}
            onStatus=${(status) => on.actionStatus(a, status)} onEdit=${() => on.editAction(a)}
            onRemove=${() => on.removeAction(a)} />`)}
        </ul>`}
      </div>
      ${!readOnly && html`<footer class="cp-goal-foot">
        ${open && html`<button type="button" class="small-button cp-add-action" onClick=${on.addAction}>Add action</button>`}
        <button type="button" class="small-button cp-goal-edit" onClick=${on.edit}>Edit goal</button>
        <button type="button" class="small-button cp-remove" onClick=${on.remove}>Remove</button>
      </footer>`}
    </article>`;
}
