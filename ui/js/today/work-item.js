// One line of Today's worklist, and the counts line above it. The core decides what is
// on the list, in which order, and words each line's reason (`detail`); this paints it:
// who, why, how late, and the one action that settles it.
import { html } from '../html.js';
import { formatDay, formatDue } from '../format.js';

/** A line's identity across reloads (a patient can have several lines). */
export function itemKey(item) {
  return `${item.kind}:${item.patient_id}:${item.subject_id ?? ''}`;
}

/** How a count reads in the counts line, [one, many]; a kind not listed here reads as
 *  the core's label, as the core wrote it ("PHQ-9 item 9 not answered": the
 *  questionnaire's name stays the catalogue's). */
const COUNTED = {
  safety: ['safety flag', 'safety flags'],
  'discharge-follow-up': ['discharge follow-up', 'discharge follow-ups'],
  'contact-due': ['contact due', 'contacts due'],
  'send-letter': ['letter', 'letters'],
  'consider-unreachable': ['consider unreachable', 'consider unreachable'],
  'referral-follow-up': ['referral follow-up', 'referral follow-ups'],
  'care-plan-action': ['care-plan action', 'care-plan actions'],
};

/** "2 safety flags · 3 discharge follow-ups · 12 contacts due", kinds with none left out. */
export function countsText(counts) {
  const parts = (counts ?? []).filter((c) => c.count > 0).map((c) => {
    const [one, many] = COUNTED[c.kind] ?? [c.label, c.label];
    return `${c.count} ${c.count === 1 ? one : many}`;
  });
  return parts.length > 0 ? parts.join(' · ') : 'Nothing due.';
}

export function WorkItem({ item, selected, onSelect, onOpen, onAct }) {
  const late = item.overdue_days > 0;
  const due = item.overdue_days >= 0 ? formatDue(item.overdue_days) : `due ${formatDay(item.due_on)}`;
  return html`
    <li class=${`work-item${selected ? ' selected' : ''}`} data-kind=${item.kind} data-patient=${item.patient_id}
      role="option" aria-selected=${selected ? 'true' : 'false'} onClick=${onSelect}>
      <span class=${`badge work-kind kind-${item.kind}`}>${item.label}</span>
      <div class="work-main">
        <div class="work-who">
          <button type="button" class="link patient-link"
            onClick=${(e) => { e.stopPropagation(); onOpen(); }}>${item.last_name}, ${item.first_name}</button>
          <span class="muted small"><span class="mono">${item.mrn}</span> · ${item.age} y</span>
        </div>
        <div class="work-detail">${item.detail}</div>
      </div>
      <div class=${`work-due${late ? ' overdue' : ''}`} title=${`Due ${formatDay(item.due_on)}`}>
        <span class="due-text">${due}</span>
        ${late && html`<span class="due-on small">since ${formatDay(item.due_on)}</span>`}
      </div>
      <button type="button" class=${`work-action action-${item.action}`}
        onClick=${(e) => { e.stopPropagation(); onAct(); }}>${item.action_label}</button>
    </li>`;
}
