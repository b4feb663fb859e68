// A trend chart per measure on the patient page, each against the program's targets,
// or the patient's own where a goal on their care plan sets one ("own target").
// Which measures, their titles, units, axis bounds and series (blood pressure draws
// systolic and diastolic) all come from the catalogue.
import { html } from '../html.js';
import { kindLabel, kinds, quantitiesOf } from '../catalogue.js';
import { TrendChart } from '../components/trend-chart.js';
import { formatNumber } from '../format.js';

const present = (v) => v !== null && v !== undefined;

/** Current, complete values of one kind as chart points, read from the stored field
 *  (`value` or `value2`) that holds the quantity. */
function pointsOf(measures, kind, component) {
  return measures
    .filter((m) => m.kind === kind && !m.superseded && !m.deleted && m.complete && present(m[component]))
    .map((m) => ({ date: m.taken_on, value: m[component] }));
}

/** The chart of one kind: a series per quantity (named by the kind when there is one,
 *  "Systolic"/"Diastolic" when there are two) and a target line per quantity that has one. */
function chartOf(kind, measures, targets, own) {
  const parts = quantitiesOf(kind.kind);
  const single = parts.length === 1;
  // A lone series' target carries the unit ("target < 7 %"); a pair's would not fit.
  const unit = single ? kind.unit : '';
  const below = (value, key) => {
    if (value === null || value === undefined) return null;
    const text = `< ${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
    // The patient's own target (a goal on their care plan) replaces the program's.
    const mine = own?.[key] !== null && own?.[key] !== undefined;
    return mine ? { value, note: 'own target', label: text } : { value, label: `target ${text}` };
  };
  return {
    kind: kind.kind,
    title: kind.label,
    unit: kind.unit,
    yMin: kind.axis?.min,
    yMax: kind.axis?.max,
    target: targets ? parts.filter((q) => q.target).map((q) => below(targets[q.target], q.target)).filter(Boolean) : null,
    series: parts.map((q) => ({
      label: single ? kind.label : q.short_label,
      points: pointsOf(measures, kind.kind, q.component),
    })),
  };
}

export function Charts({ overview }) {
  const { measures, targets, own_targets: own } = overview;
  const charts = kinds()
    .map((kind) => chartOf(kind, measures, targets, own))
    .filter((c) => c.series.length > 0 && c.series[0].points.length > 0);

  if (charts.length === 0) {
    const text = `No values to chart yet. Record a ${kindLabel('phq9')}, ${kindLabel('a1c')} or ${
      kindLabel('bp').toLowerCase()} to see the trend against the target.`;
    return html`<p class="muted no-charts" id="trend-charts">${text}</p>`;
  }
  return html`<div class="charts" id="trend-charts">
    ${charts.map((c) => html`<${TrendChart} key=${c.kind} id=${`chart-${c.kind}`} title=${c.title} unit=${c.unit}
      series=${c.series} target=${c.target} yMin=${c.yMin} yMax=${c.yMax} />`)}
  </div>`;
}
