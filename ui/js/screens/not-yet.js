// Sections whose capability has not been built yet say so plainly: nothing here
// pretends to work. A section leaves this list when its own screen is built and its
// route (routes.js) renders that screen instead.
import { html } from '../html.js';

const COMING = {
  reports: ['Reports', 'Program metrics and funder reports are not yet available.'],
};

export function NotYetAvailable({ section }) {
  const [title, text] = COMING[section];
  return html`
    <section aria-labelledby="section-title" class="not-yet" data-section=${section}>
      <header class="section-head"><h1 id="section-title">${title}</h1></header>
      <div class="panel">
        <p class="tag">Not yet available</p>
        <p>${text}</p>
        <p class="muted">Patients and enrollment are available now under Caseload.</p>
      </div>
    </section>`;
}
