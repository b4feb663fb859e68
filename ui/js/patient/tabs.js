// The patient page's tabs: "Record" (who they are, enrollment, outreach, social needs,
// the registry, screening, the timeline and the history) and "Care plan". A WAI-ARIA
// tab strip: the arrow keys, Home and End move between tabs (and select them), Tab
// leaves the strip. The tab chosen is remembered while the app runs (across a lock
// too: see session/lock.js), so the next patient opens on it too.

import { html, useRef } from '../html.js';
import { rememberScreen, resumePoint } from '../session/lock.js';

export const PATIENT_TABS = [
  { id: 'record', label: 'Record' },
  { id: 'careplan', label: 'Care plan' },
];

let remembered = resumePoint().tab ?? 'record';

/** The tab the patient page opens on. */
export function rememberedTab() {
  return remembered;
}

/** Opens the patient page on `tab` from now on (Today opens a progress-note draft so). */
export function rememberTab(tab) {
  if (PATIENT_TABS.some((t) => t.id === tab)) {
    remembered = tab;
    rememberScreen({ tab });
  }
}

/** `selected`: a tab id; `onSelect(id)`. Each tab controls the panel `panel-<id>`. */
export function PatientTabs({ selected, onSelect }) {
  const strip = useRef(null);
  function onKey(event) {
    const at = PATIENT_TABS.findIndex((t) => t.id === selected);
    let next = null;
    if (event.key === 'ArrowRight') next = (at + 1) % PATIENT_TABS.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + PATIENT_TABS.length) % PATIENT_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = PATIENT_TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    onSelect(PATIENT_TABS[next].id);
    strip.current?.querySelector(`#tab-${PATIENT_TABS[next].id}`)?.focus();
  }
  return html`
    <div class="tabs" role="tablist" aria-label="Patient" ref=${strip} onKeyDown=${onKey}>
      ${PATIENT_TABS.map((t) => html`<button type="button" role="tab" id=${`tab-${t.id}`} key=${t.id}
        class=${`tab${t.id === selected ? ' current' : ''}`} aria-selected=${t.id === selected ? 'true' : 'false'}
        aria-controls=${`panel-${t.id}`} tabindex=${t.id === selected ? '0' : '-1'}
        onClick=${() => onSelect(t.id)}>${t.label}</button>`)}
    </div>`;
}
