// Where the patient stands, at the top of the registry: weeks in treatment, PHQ-9
// against baseline, the latest HbA1c and blood pressure against the program's targets,
// and the treat-to-target flags with the numbers behind them.
import { html } from '../html.js';
import { bandOf, kindLabel, quantitiesOf, unitOf } from '../catalogue.js';
import { FlagBadges } from '../components/flag-badges.js';
import { formatAgeDays, formatChange, formatDate, formatMeasure, formatNumber } from '../format.js';

/** "target < 7 %", "target < 5", "target < 140/90" (a pair shows its unit beside the value);
 *  "own target < 6.5 %" when a goal on the patient's care plan sets it. */
function targetText(kind, targets, own) {
  const parts = quantitiesOf(kind).filter((q) => q.target);
  const values = parts.map((q) => formatNumber(targets[q.target])).join('/');
  const unit = quantitiesOf(kind).length === 1 ? unitOf(kind) : '';
  const mine = parts.some((q) => own?.[q.target] !== null && own?.[q.target] !== undefined);
  return `${mine ? 'own target' : 'target'} < ${values}${unit ? ` ${unit}` : ''}`;
}

export function StandingSummary({ overview }) {
  const { standing, targets, own_targets: own } = overview;
  const program = standing.treatment_program ? (overview.targets_from ?? standing.treatment_program) : null;
  const weeks = standing.weeks_in_treatment;
  const { baseline, follow_up: followUp } = standing;
  const latest = standing.latest_phq9;

  let phq9Main;
  let phq9Sub;
  if (baseline && followUp) {
    phq9Main = html`${formatNumber(baseline.value)} → ${formatNumber(followUp.value)}
      ${standing.change_pct !== null && standing.change_pct !== undefined
        && html` <span class="change">${formatChange(standing.change_pct)}</span>`}`;
    phq9Sub = `baseline ${formatDate(baseline.taken_on)}; latest ${formatDate(followUp.taken_on)} (${formatAgeDays(followUp.age_days)}, ${bandOf('phq9', followUp.value)})`;
  } else if (latest) {
    phq9Main = formatNumber(latest.value);
    phq9Sub = `${formatDate(latest.taken_on)} (${formatAgeDays(latest.age_days)}, ${bandOf('phq9', latest.value)})${baseline ? ' · baseline, no follow-up yet' : ''}`;
  }

  return html`
    <div class="standing" id="standing">
      <dl class="stats">
        <div class="stat" id="stat-treatment">
          <dt>In treatment</dt>
          <dd>${weeks !== null && weeks !== undefined
            ? html`<span class="stat-main">${weeks} ${weeks === 1 ? 'week' : 'weeks'}</span>
              <span class="stat-sub">${program ? `${program} · ` : ''}day ${standing.days_in_treatment}</span>`
            : html`<span class="stat-main muted">—</span><span class="stat-sub">Not active in a program</span>`}</dd>
        </div>
        <div class="stat" id="stat-phq9">
          <dt>${kindLabel('phq9')}</dt>
          <dd>${phq9Main
            ? html`<span class="stat-main">${phq9Main}</span><span class="stat-sub">${phq9Sub}</span>`
            : html`<span class="stat-main muted">—</span><span class="stat-sub">None recorded</span>`}
            ${targets && html`<span class="stat-target">${targetText('phq9', targets, own)}</span>`}</dd>
        </div>
        <${LatestStat} id="stat-a1c" kind="a1c" dated=${standing.latest_a1c}
          target=${targets && targetText('a1c', targets, own)} />
        <${LatestStat} id="stat-bp" kind="bp" dated=${standing.latest_bp}
          target=${targets && targetText('bp', targets, own)} />
      </dl>
      <div class="standing-flags" id="standing-flags">
        ${standing.flags.length === 0
          ? html`<p class="muted no-flags">No flags.</p>`
          : html`<ul class="flag-details">
            ${standing.flags.map((f) => html`<li key=${f.kind} data-kind=${f.kind}>
              <${FlagBadges} flags=${[f]} /> <span class="flag-detail">${f.detail}</span></li>`)}
          </ul>`}
        ${overview.targets_from && html`<p class="small muted targets-from">Targets from ${overview.targets_from}${
          Object.values(overview.own_targets ?? {}).some((t) => t != null) ? '; own targets from the care plan' : ''}.</p>`}
      </div>
    </div>`;
}

/** The latest value of one measure, how old it is, and its target. A measure of two
 *  quantities (blood pressure) shows its unit apart: "152/94 mmHg". */
function LatestStat({ id, kind, dated, target }) {
  const pair = quantitiesOf(kind).length > 1;
  return html`
    <div class="stat" id=${id}>
      <dt>${kindLabel(kind)}</dt>
      <dd>${dated
        ? html`<span class="stat-main">${formatMeasure(kind, dated)}${pair ? html` <span class="unit">${unitOf(kind)}</span>` : null}</span>
          <span class="stat-sub">${formatDate(dated.taken_on)} (${formatAgeDays(dated.age_days)})</span>`
        : html`<span class="stat-main muted">—</span><span class="stat-sub">None recorded</span>`}
        ${target && html`<span class="stat-target">${target}</span>`}</dd>
    </div>`;
}
