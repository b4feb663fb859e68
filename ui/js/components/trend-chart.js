// A small line chart of one measure over time against its target, drawn as inline SVG
// from htm templates (no chart library, nothing fetched). The SVG scales to its
// container through its viewBox; colours come from app.css (`.trend-chart`), and the
// series differ by marker shape too (circle, square), not by colour alone.
// It knows no measure: titles, units, axis bounds and series come from the caller.
import { html } from '../html.js';
import { formatNumber } from '../format.js';

const W = 500;
const H = 200;
/** Margins; the right one holds the target labels when there are targets. */
const M = { top: 16, bottom: 36, left: 40 };
const PLOT_H = H - M.top - M.bottom;
const DAY = 86_400_000;
/** Rough width of one character of the axis text, for keeping labels apart. */
const CHAR_W = 6.6;

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** A YYYY-MM-DD date as UTC milliseconds (no time-zone shift), or NaN. */
function dayOf(isoDate) {
  const [y, m, d] = String(isoDate).split('-').map(Number);
  return y && m && d ? Date.UTC(y, m - 1, d) : NaN;
}

const withUnit = (value, unit) => (unit ? `${formatNumber(value)} ${unit}` : formatNumber(value));

/** A step of 1, 2 or 5 × 10ⁿ giving at most six intervals over `range`. */
function niceStep(range) {
  if (!(range > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(range / 6));
  for (const factor of [1, 2, 5, 10, 20]) {
    const step = factor * magnitude;
    if (range / step <= 6) return step;
  }
  return range / 6;
}

function asList(target) {
  if (!target) return [];
  return (Array.isArray(target) ? target : [target])
    .filter((t) => t && t.value !== null && t.value !== undefined && Number.isFinite(Number(t.value)));
}

/** The value range shown: the caller's usual bounds, widened (to a round number) only
 *  when a value or target falls outside them; without bounds, the values plus a margin. */
function valueDomain(values, yMin, yMax) {
  const dataLow = Math.min(...values);
  const dataHigh = Math.max(...values);
  const keepLow = Number.isFinite(yMin) && dataLow >= yMin;
  const keepHigh = Number.isFinite(yMax) && dataHigh <= yMax;
  let low = keepLow ? yMin : dataLow;
  let high = keepHigh ? yMax : dataHigh;
  if (high - low < 1e-9) {
    low -= 1;
    high += 1;
  }
  const pad = (high - low) * 0.1;
  const step = niceStep(high - low + (keepLow ? 0 : pad) + (keepHigh ? 0 : pad));
  if (!keepLow) low = Math.floor((low - pad) / step) * step;
  if (!keepHigh) high = Math.ceil((high + pad) / step) * step;
  if (low < 0 && dataLow >= 0) low = 0;
  const ticks = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { low, high, ticks };
}

/** The dates shown: every point, padded so no marker sits on the frame; a lone date gets a month around it. */
function dateDomain(times) {
  let start = Math.min(...times);
  let end = Math.max(...times);
  if (end - start < DAY) {
    start -= 15 * DAY;
    end += 15 * DAY;
  } else {
    const pad = Math.max((end - start) * 0.04, DAY);
    start -= pad;
    end += pad;
  }
  return { start, end };
}

/** First days of months inside the domain, thinned to at most about seven. */
function monthTicks(start, end) {
  const first = new Date(start);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth() + 1;
  const all = [];
  for (;;) {
    if (m > 11) { y += 1; m = 0; }
    const t = Date.UTC(y, m, 1);
    if (t > end) break;
    all.push(t);
    m += 1;
  }
  const every = Math.max(1, Math.ceil(all.length / 7));
  return all.filter((_, i) => i % every === 0);
}

/** "PHQ-9: 16 on 2026-08-01 → 9 on 2026-11-01; target below 5". */
export function describeChart(title, unit, series, targets) {
  const shown = series.filter((s) => s.points.length > 0);
  if (shown.length === 0) return `${title}: no values recorded`;
  const one = (s, named) => {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    const name = named ? `${s.label.toLowerCase()} ` : '';
    return s.points.length === 1
      ? `${name}${withUnit(first.value, unit)} on ${first.date}`
      : `${name}${withUnit(first.value, unit)} on ${first.date} → ${withUnit(last.value, unit)} on ${last.date}`;
  };
  let text = `${title}: ${shown.map((s) => one(s, series.length > 1)).join('; ')}`;
  if (targets.length === 1) text += `; ${targets[0].note ?? 'target'} below ${withUnit(targets[0].value, unit)}`;
  if (targets.length > 1) {
    const note = targets.every((t) => t.note) ? `${targets[0].note}s` : 'targets';
    text += `; ${note} below ${targets.map((t) => formatNumber(t.value)).join(' and ')}${unit ? ` ${unit}` : ''}`;
  }
  return text;
}

function Marker({ index, x, y }) {
  return index % 2 === 1
    ? html`<rect class="marker" x=${x - 4} y=${y - 4} width="8" height="8" />`
    : html`<circle class="marker" cx=${x} cy=${y} r="4.2" />`;
}

/**
 * `series`: [{label, points: [{date: "YYYY-MM-DD", value}]}], oldest first or not;
 * `target`: {value, label, note} or a list of them (`note`, such as "own target", is
 * written above the line and `label` below it); `yMin`/`yMax`: the scale's usual bounds
 * (widened when a value falls outside).
 */
export function TrendChart({ title, unit = '', series = [], target, yMin, yMax, id }) {
  const targets = asList(target);
  const clean = series.map((s) => ({
    label: s.label,
    points: (s.points ?? [])
      .map((p) => ({ date: p.date, value: Number(p.value), t: dayOf(p.date) }))
      .filter((p) => Number.isFinite(p.value) && Number.isFinite(p.t))
      .sort((a, b) => a.t - b.t),
  }));
  const label = describeChart(title, unit, clean, targets);
  const all = clean.flatMap((s) => s.points);
  const legend = clean.length > 1 && html`<span class="chart-legend">
    ${clean.map((s, i) => html`<span class=${`legend-item s${i}`}>
      <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
        ${i % 2 === 1 ? html`<rect x="2" y="2" width="8" height="8" />` : html`<circle cx="6" cy="6" r="4.5" />`}
      </svg>${s.label}</span>`)}
  </span>`;
  const caption = html`<figcaption><span class="chart-title">${title}</span>${unit ? html` <span class="muted">(${unit})</span>` : null}${legend}</figcaption>`;

  if (all.length === 0) {
    return html`<figure class="trend-chart empty" id=${id}>
      ${caption}
      <svg viewBox=${`0 0 ${W} 80`} role="img" aria-label=${label} focusable="false">
        <rect class="frame" x="1" y="1" width=${W - 2} height="78" rx="6" />
        <text class="empty-text" x=${W / 2} y="45" text-anchor="middle">No values recorded yet</text>
      </svg>
    </figure>`;
  }

  const right = targets.length > 0 ? 84 : 18;
  const PLOT_W = W - M.left - right;
  const { start, end } = dateDomain(all.map((p) => p.t));
  const { low, high, ticks } = valueDomain([...all.map((p) => p.value), ...targets.map((t) => Number(t.value))], yMin, yMax);
  const x = (t) => M.left + ((t - start) / (end - start)) * PLOT_W;
  const y = (v) => M.top + (1 - (v - low) / (high - low)) * PLOT_H;
  const round = (n) => Math.round(n * 10) / 10;

  // Date labels: the first and last dates written out, months in between where they fit.
  const firstT = Math.min(...all.map((p) => p.t));
  const lastT = Math.max(...all.map((p) => p.t));
  const ends = [];
  if (firstT === lastT) {
    const text = dayFormat.format(new Date(firstT));
    const cx = x(firstT);
    ends.push({ text, x: cx, anchor: 'middle', from: cx - (text.length * CHAR_W) / 2, to: cx + (text.length * CHAR_W) / 2 });
  } else {
    const a = dayFormat.format(new Date(firstT));
    const b = dayFormat.format(new Date(lastT));
    const ax = Math.max(x(firstT) - 4, 4);
    const bx = Math.min(x(lastT) + 4, W - 4);
    ends.push({ text: a, x: ax, anchor: 'start', from: ax, to: ax + a.length * CHAR_W });
    if (bx - b.length * CHAR_W > ax + a.length * CHAR_W + 8) {
      ends.push({ text: b, x: bx, anchor: 'end', from: bx - b.length * CHAR_W, to: bx });
    }
  }
  const months = monthTicks(start, end).map((t, i) => {
    const text = (i === 0 || new Date(t).getUTCMonth() === 0 ? monthYearFormat : monthFormat).format(new Date(t));
    const cx = x(t);
    const from = cx - (text.length * CHAR_W) / 2;
    const to = cx + (text.length * CHAR_W) / 2;
    const clear = ends.every((e) => to + 6 < e.from || from - 6 > e.to);
    return { t, cx, text, showText: clear };
  });
  const axisY = M.top + PLOT_H;

  return html`<figure class="trend-chart" id=${id}>
    ${caption}
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${label} focusable="false">
      <g class="grid" aria-hidden="true">
        ${ticks.map((v) => html`<line x1=${M.left} x2=${M.left + PLOT_W} y1=${round(y(v))} y2=${round(y(v))} />`)}
      </g>
      <g class="axis y-axis" aria-hidden="true">
        ${ticks.map((v) => html`<text x=${M.left - 7} y=${round(y(v)) + 4} text-anchor="end">${formatNumber(v)}</text>`)}
      </g>
      <g class="axis x-axis" aria-hidden="true">
        <line class="baseline" x1=${M.left} x2=${M.left + PLOT_W} y1=${axisY} y2=${axisY} />
        ${months.map((m) => html`<line class="tick" x1=${round(m.cx)} x2=${round(m.cx)} y1=${axisY} y2=${axisY + 4} />
          ${m.showText && html`<text class="month" x=${round(m.cx)} y=${axisY + 16} text-anchor="middle">${m.text}</text>`}`)}
        ${ends.map((e) => html`<text class="end-date" x=${round(e.x)} y=${axisY + 29} text-anchor=${e.anchor}>${e.text}</text>`)}
      </g>
      ${targets.map((t) => html`<g class="target" aria-hidden="true">
        <line class="target-line" x1=${M.left} x2=${M.left + PLOT_W} y1=${round(y(Number(t.value)))} y2=${round(y(Number(t.value)))}
          stroke-dasharray="6 4" />
        ${t.note
          ? html`<text class="target-label target-note" x=${M.left + PLOT_W + 6} y=${round(y(Number(t.value))) - 4}>${t.note}</text>
            <text class="target-label" x=${M.left + PLOT_W + 6} y=${round(y(Number(t.value))) + 12}>${t.label ?? `< ${formatNumber(t.value)}`}</text>`
          : html`<text class="target-label" x=${M.left + PLOT_W + 6} y=${round(y(Number(t.value))) + 4}>${t.label ?? `target < ${formatNumber(t.value)}`}</text>`}
      </g>`)}
      ${clean.map((s, i) => s.points.length > 0 && html`<g class=${`series s${i}`} data-series=${s.label}>
        ${s.points.length > 1 && html`<polyline class="line" fill="none"
          points=${s.points.map((p) => `${round(x(p.t))},${round(y(p.value))}`).join(' ')} />`}
        ${s.points.map((p) => html`<g class="point">
          <title>${clean.length > 1 ? `${p.date}: ${s.label} ${formatNumber(p.value)}` : `${p.date}: ${formatNumber(p.value)}`}</title>
          <${Marker} index=${i} x=${round(x(p.t))} y=${round(y(p.value))} />
        </g>`)}
        <text class="latest" x=${round(x(s.points[s.points.length - 1].t))}
          y=${round(y(s.points[s.points.length - 1].value)) + (i % 2 === 1 ? 17 : -9)} text-anchor="middle"
          aria-hidden="true">${formatNumber(s.points[s.points.length - 1].value)}</text>
      </g>`)}
    </svg>
  </figure>`;
}
