// Step 3 of the schedule import: the dry run's report, before anything is written. How
// many rows are appointments of patients on the caseload, which rows match nobody (they
// are not imported, and no patient is made of them), which rows are bad and why, and
// what changes on each day the file covers. Bad rows stop the import unless the
// coordinator leaves them out.
import { html } from '../html.js';
import { formatDay } from '../format.js';

const plural = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** How many unmatched or bad rows are listed (the rest are counted). */
const LISTED = 200;

/** "Imported appointments.csv: 12 added, 3 removed, 40 unchanged." */
export function importedText(report) {
  const sum = (key) => report.days.reduce((n, d) => n + d[key], 0);
  if (!report.changed) return `${report.file_name}: the schedule already had every appointment in it.`;
  const parts = [`${sum('added').toLocaleString()} added`, `${sum('removed').toLocaleString()} removed`,
    `${sum('unchanged').toLocaleString()} unchanged`];
  const left = [];
  if (report.unmatched.length > 0) left.push(plural(report.unmatched.length, 'row matching nobody on the caseload', 'rows matching nobody on the caseload'));
  if (report.bad_rows.length > 0) left.push(plural(report.bad_rows.length, 'bad row', 'bad rows'));
  return `Imported ${report.file_name}: ${parts.join(', ')}${left.length > 0 ? `; left out ${left.join(' and ')}` : ''}.`;
}

/** "4 rows read: 4 appointments, 3 of patients on the caseload, 1 matching nobody, 0 bad rows." */
function countsText(report) {
  return `${plural(report.rows, 'row', 'rows')} read: ${plural(report.appointments, 'appointment', 'appointments')}, `
    + `${report.matched.toLocaleString()} of patients on the caseload, `
    + `${report.unmatched.length.toLocaleString()} matching nobody, ${plural(report.bad_rows.length, 'bad row', 'bad rows')}.`;
}

export function DryRun({ report, skip, onSkip, locked }) {
  const unmatched = report.unmatched.slice(0, LISTED);
  const bad = report.bad_rows.slice(0, LISTED);
  return html`
    <div class="dry-run" id="schedule-dry-run" tabindex="-1">
      <p class="dry-run-note" role="status"><strong>Dry run — nothing has been written yet.</strong>${' '}
        Check what the file would change, then import.</p>
      <p class="schedule-counts" id="schedule-counts">${countsText(report)}</p>
    </div>

    ${report.days.length > 0 && html`<div class="table-wrap">
      <table class="list import-table" id="schedule-days">
        <caption class="visually-hidden">What the import would change, day by day</caption>
        <thead><tr><th scope="col">Day</th><th scope="col" class="num">Added</th>
          <th scope="col" class="num">Removed</th><th scope="col" class="num">Unchanged</th></tr></thead>
        <tbody>${report.days.map((d) => html`<tr key=${d.day} data-day=${d.day}>
          <td class="day">${formatDay(d.day)}</td><td class="num">${d.added.toLocaleString()}</td>
          <td class="num">${d.removed.toLocaleString()}</td><td class="num">${d.unchanged.toLocaleString()}</td>
        </tr>`)}</tbody>
      </table>
    </div>`}
    ${report.days.length > 0 && report.days.some((d) => d.removed > 0) && html`<p class="hint">Removed: appointments
      here that the file no longer has on that day (cancelled or moved in the EHR).</p>`}
    ${!report.changed && report.bad_rows.length === 0 && html`<p class="muted" id="schedule-nothing">Nothing would change:
      the schedule already has every appointment in this file.</p>`}

    ${report.unmatched.length > 0 && html`<section class="import-problems" aria-labelledby="schedule-unmatched-title">
      <h3 id="schedule-unmatched-title">Not on the caseload (${report.unmatched.length.toLocaleString()})</h3>
      <p class="hint">These rows are not imported, and no patient is created for them: Caseload follows only
        the patients registered here.</p>
      <table class="list problem-table" id="schedule-unmatched">
        <thead><tr><th scope="col" class="num">Line</th><th scope="col">MRN</th><th scope="col">Name</th>
          <th scope="col">Date</th></tr></thead>
        <tbody>${unmatched.map((u) => html`<tr key=${u.line}>
          <td class="num">${u.line}</td><td class="mono">${u.mrn}</td><td>${u.name ?? html`<span class="muted">—</span>`}</td>
          <td>${formatDay(u.day)}${u.time ? ` ${u.time}` : ''}</td></tr>`)}</tbody>
      </table>
      ${report.unmatched.length > LISTED && html`<p class="muted">… and ${(report.unmatched.length - LISTED).toLocaleString()} more</p>`}
    </section>`}

    ${report.bad_rows.length > 0 && html`<section class="import-problems" aria-labelledby="schedule-bad-title">
      <h3 id="schedule-bad-title">Bad rows (${report.bad_rows.length.toLocaleString()})</h3>
      <table class="list problem-table" id="schedule-bad-rows">
        <thead><tr><th scope="col" class="num">Line</th><th scope="col">Column</th><th scope="col">Why</th></tr></thead>
        <tbody>${bad.map((b) => html`<tr key=${b.line}>
          <td class="num">${b.line}</td><td>${b.column ?? html`<span class="muted">—</span>`}</td><td>${b.why}</td></tr>`)}</tbody>
      </table>
      ${report.bad_rows.length > LISTED && html`<p class="muted">… and ${(report.bad_rows.length - LISTED).toLocaleString()} more</p>`}
      <label class="check import-skip">
        <input type="checkbox" id="schedule-skip-bad" checked=${skip} disabled=${locked}
          onChange=${(e) => onSkip(e.currentTarget.checked)} />
        Leave bad rows out and import the rest</label>
    </section>`}`;
}
