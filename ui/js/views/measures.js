// The registry on the patient page: open safety flags first, where the patient stands
// (weeks in treatment, PHQ-9 against baseline, latest HbA1c and BP, flags), the
// "discuss at case review" mark, a trend chart per measure, and every value recorded,
// with corrected and removed ones kept in view for the record. The core scores, checks
// and flags everything; this screen shows what it says and sends what was typed.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FlagBadges } from '../components/flag-badges.js';
import { TrendChart, formatNumber } from '../components/trend-chart.js';
import { formatDate, formatDateTime, todayIso } from '../format.js';

export const KIND_LABELS = {
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  a1c: 'HbA1c',
  bp: 'Blood pressure',
  ldl: 'LDL',
  weight: 'Weight',
};

const UNITS = { phq9: '', gad7: '', a1c: '%', bp: 'mmHg', ldl: 'mg/dL', weight: 'kg' };

/** Short wordings of the published items ("over the last 2 weeks, how often…"). */
export const QUESTIONNAIRES = {
  phq9: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself, or that you are a failure',
    'Trouble concentrating on things',
    'Moving or speaking slowly, or being fidgety or restless',
    'Thoughts of being better off dead, or of hurting yourself',
  ],
  gad7: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ],
};

const ANSWERS = [
  ['', '— not answered'],
  ['0', '0 Not at all'],
  ['1', '1 Several days'],
  ['2', '2 More than half the days'],
  ['3', '3 Nearly every day'],
];

const ITEM_FIELDS = Array.from({ length: 9 }, (_, i) => `item${i + 1}`);

/** The published bands, as the core's `scores::band` (for the live total only). */
export function bandOf(kind, total) {
  if (total <= 4) return 'minimal';
  if (total <= 9) return 'mild';
  if (total <= 14) return 'moderate';
  if (kind === 'phq9' && total <= 19) return 'moderately severe';
  return 'severe';
}

/** −44 % (typographic minus), +13 %. */
export function formatChange(pct) {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '';
  const rounded = Math.round(pct);
  if (rounded === 0) return '0 %';
  return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded)} %`;
}

/** "today", "yesterday", "14 days ago". */
export function formatAgeDays(days) {
  if (days === null || days === undefined) return '';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** "8.4 %", "152/94 mmHg", "16". */
function datedValue(kind, dated) {
  if (!dated) return '—';
  if (kind === 'bp') return `${formatNumber(dated.value)}/${formatNumber(dated.value2)}`;
  return UNITS[kind] ? `${formatNumber(dated.value)} ${UNITS[kind]}` : formatNumber(dated.value);
}

/** `onChanged` runs after every change made here; a new `refresh` value (bumped when
 *  an episode changes) reloads the overview. */
export function MeasuresPanel({ patient, onChanged, refresh }) {
  const [overview, setOverview] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const ticket = useRef(0);

  async function load() {
    const mine = ++ticket.current;
    try {
      const result = await api.measuresOverview(patient.id);
      if (mine === ticket.current) {
        setOverview(result);
        setError('');
      }
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => {
    setOverview(null);
    setDialog(null);
  }, [patient.id]);
  useEffect(() => { load(); }, [patient.id, refresh]);

  const changed = () => {
    setDialog(null);
    load();
    onChanged?.();
  };
  const close = () => setDialog(null);

  const flags = overview?.safety_flags ?? [];
  const open = flags.filter((f) => f.open);
  const acknowledged = flags.filter((f) => !f.open);

  return html`
    <section class="registry" id="registry" aria-labelledby="registry-title">
      ${open.map((flag, i) => html`<${SafetyBanner} key=${flag.id} flag=${flag} first=${i === 0}
        onAcknowledge=${() => setDialog({ kind: 'acknowledge', flag })} />`)}
      <header class="registry-head">
        <h2 id="registry-title">Registry</h2>
        <div class="registry-actions">
          ${overview && html`<${DiscussToggle} patient=${patient} mark=${overview.discuss} onChanged=${changed} />`}
          <button type="button" class="primary" id="record-measure" onClick=${() => setDialog({ kind: 'record' })}>
            Record measure</button>
        </div>
      </header>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!overview && !error && html`<p class="loading">Loading the registry…</p>`}
      ${overview && html`
        <${StandingSummary} overview=${overview} />
        <${Charts} overview=${overview} />
        <h3 class="registry-sub">Values</h3>
        <${ValuesTable} measures=${overview.measures}
          onCorrect=${(measure) => setDialog({ kind: 'correct', measure })}
          onRemove=${(measure) => setDialog({ kind: 'remove', measure })} />
        ${acknowledged.length > 0 && html`<${SafetyHistory} flags=${acknowledged} />`}`}

      ${dialog?.kind === 'record' && html`<${MeasureForm} patient=${patient} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'correct' && html`<${MeasureForm} patient=${patient} measure=${dialog.measure}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveForm} measure=${dialog.measure} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'acknowledge' && html`<${AcknowledgeForm} flag=${dialog.flag} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

function safetyText(flag) {
  return `PHQ-9 item 9 = ${flag.item9} on ${formatDate(flag.raised_on)}`;
}

function SafetyBanner({ flag, first, onAcknowledge }) {
  return html`
    <div class="safety-banner" role="alert" data-flag-id=${flag.id}>
      <div class="safety-body">
        <span class="safety-tag">Safety flag</span>
        <strong class="safety-text">${safetyText(flag)} — needs same-day follow-up</strong>
        <span class="safety-when">Raised ${formatDateTime(flag.raised_at)}. Acknowledge once the patient was followed up.</span>
      </div>
      <button type="button" class="danger acknowledge-safety" id=${first ? 'acknowledge-safety' : undefined}
        onClick=${onAcknowledge}>Acknowledge</button>
    </div>`;
}

function AcknowledgeForm({ flag, onSaved, onClose }) {
  const form = useForm({ action_taken: '' });
  async function save(event) {
    event.preventDefault();
    const saved = await form.submit((v) => api.acknowledgeSafety(flag.id, v.action_taken));
    if (saved) onSaved(saved);
  }
  return html`
    <${Modal} title="Acknowledge safety flag" onClose=${onClose} id="acknowledge-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="acknowledge-form" novalidate>
        <p class="dialog-lead"><strong>${safetyText(flag)}.</strong> Say what was done, for example: called the
          patient, safety plan reviewed, crisis line given, PCP or psychiatrist informed.</p>
        <${TextArea} form=${form} name="action_taken" label="Action taken" rows="3" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="acknowledge-submit" disabled=${form.busy}>
            Acknowledge <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

function SafetyHistory({ flags }) {
  return html`
    <h3 class="registry-sub">Safety flags acknowledged</h3>
    <ul class="safety-history" id="safety-history">
      ${flags.map((f) => html`<li key=${f.id} data-flag-id=${f.id}>
        <div><b>${safetyText(f)}</b></div>
        <div class="when">Acknowledged by ${f.acknowledged_by ?? 'unknown'} on ${f.acknowledged_at ? formatDateTime(f.acknowledged_at) : '—'}</div>
        <div class="action-taken">${f.action_taken}</div>
      </li>`)}
    </ul>`;
}

/** Ticks or unticks "discuss at case review", with an optional reason. */
function DiscussToggle({ patient, mark, onChanged }) {
  const [reason, setReason] = useState(mark?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => { setReason(mark?.reason ?? ''); }, [mark?.id, mark?.reason]);

  async function run(action) {
    setBusy(true);
    setError('');
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(e.fields?.reason ?? e.message);
    } finally {
      setBusy(false);
    }
  }
  const toggle = (event) => {
    const on = event.currentTarget.checked;
    run(() => (on ? api.markDiscuss(patient.id, reason) : api.clearDiscuss(patient.id)));
  };
  const saveReason = (event) => {
    event.preventDefault();
    run(() => api.markDiscuss(patient.id, reason));
  };
  const reasonChanged = reason.trim() !== (mark?.reason ?? '');

  return html`
    <form class=${`discuss${mark ? ' marked' : ''}`} id="discuss" onSubmit=${saveReason}>
      <label class="check">
        <input type="checkbox" id="discuss-toggle" checked=${!!mark} disabled=${busy} onChange=${toggle} />
        Discuss at case review</label>
      <input type="text" id="discuss-reason" class="discuss-reason" aria-label="Reason to discuss (optional)"
        placeholder="Reason (optional)" value=${reason} maxlength="500" disabled=${busy}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? 'discuss-error' : undefined}
        onInput=${(e) => setReason(e.currentTarget.value)} />
      ${mark && reasonChanged && html`<button type="submit" id="discuss-save" disabled=${busy}>Save reason</button>`}
      ${mark && html`<span class="discuss-by small muted" id="discuss-marked">Ticked by ${mark.marked_by} on ${formatDate(mark.marked_on)}</span>`}
      ${error && html`<div class="field-error" id="discuss-error" role="alert">${error}</div>`}
    </form>`;
}

function StandingSummary({ overview }) {
  const { standing, targets } = overview;
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
          <dt>PHQ-9</dt>
          <dd>${phq9Main
            ? html`<span class="stat-main">${phq9Main}</span><span class="stat-sub">${phq9Sub}</span>`
            : html`<span class="stat-main muted">—</span><span class="stat-sub">None recorded</span>`}
            ${targets && html`<span class="stat-target">${`target < ${formatNumber(targets.phq9_below)}`}</span>`}</dd>
        </div>
        <${LatestStat} id="stat-a1c" title="HbA1c" kind="a1c" dated=${standing.latest_a1c}
          target=${targets && `target < ${formatNumber(targets.a1c_below)} %`} />
        <${LatestStat} id="stat-bp" title="Blood pressure" kind="bp" dated=${standing.latest_bp}
          target=${targets && `target < ${formatNumber(targets.sbp_below)}/${formatNumber(targets.dbp_below)}`} />
      </dl>
      <div class="standing-flags" id="standing-flags">
        ${standing.flags.length === 0
          ? html`<p class="muted no-flags">No flags.</p>`
          : html`<ul class="flag-details">
            ${standing.flags.map((f) => html`<li key=${f.kind} data-kind=${f.kind}>
              <${FlagBadges} flags=${[f]} /> <span class="flag-detail">${f.detail}</span></li>`)}
          </ul>`}
        ${overview.targets_from && html`<p class="small muted targets-from">Targets from ${overview.targets_from}.</p>`}
      </div>
    </div>`;
}

function LatestStat({ id, title, kind, dated, target }) {
  return html`
    <div class="stat" id=${id}>
      <dt>${title}</dt>
      <dd>${dated
        ? html`<span class="stat-main">${datedValue(kind, dated)}${kind === 'bp' ? html` <span class="unit">mmHg</span>` : null}</span>
          <span class="stat-sub">${formatDate(dated.taken_on)} (${formatAgeDays(dated.age_days)})</span>`
        : html`<span class="stat-main muted">—</span><span class="stat-sub">None recorded</span>`}
        ${target && html`<span class="stat-target">${target}</span>`}</dd>
    </div>`;
}

/** Current, complete values of one kind as chart points. */
function pointsOf(measures, kind, second = false) {
  return measures
    .filter((m) => m.kind === kind && !m.superseded && !m.deleted && m.complete
      && (second ? m.value2 !== null && m.value2 !== undefined : m.value !== null && m.value !== undefined))
    .map((m) => ({ date: m.taken_on, value: second ? m.value2 : m.value }));
}

function Charts({ overview }) {
  const { measures, targets } = overview;
  const below = (value, unit = '') => (value === null || value === undefined ? null
    : { value, label: `target < ${formatNumber(value)}${unit ? ` ${unit}` : ''}` });
  const charts = [
    { kind: 'phq9', title: 'PHQ-9', unit: '', yMin: 0, yMax: 27, target: targets && below(targets.phq9_below),
      series: [{ label: 'PHQ-9', points: pointsOf(measures, 'phq9') }] },
    { kind: 'gad7', title: 'GAD-7', unit: '', yMin: 0, yMax: 21,
      series: [{ label: 'GAD-7', points: pointsOf(measures, 'gad7') }] },
    { kind: 'a1c', title: 'HbA1c', unit: '%', target: targets && below(targets.a1c_below, '%'),
      series: [{ label: 'HbA1c', points: pointsOf(measures, 'a1c') }] },
    { kind: 'bp', title: 'Blood pressure', unit: 'mmHg',
      target: targets && [below(targets.sbp_below), below(targets.dbp_below)].filter(Boolean),
      series: [
        { label: 'Systolic', points: pointsOf(measures, 'bp') },
        { label: 'Diastolic', points: pointsOf(measures, 'bp', true) },
      ] },
    { kind: 'ldl', title: 'LDL', unit: 'mg/dL', series: [{ label: 'LDL', points: pointsOf(measures, 'ldl') }] },
    { kind: 'weight', title: 'Weight', unit: 'kg', series: [{ label: 'Weight', points: pointsOf(measures, 'weight') }] },
  ].filter((c) => c.series[0].points.length > 0);

  if (charts.length === 0) {
    return html`<p class="muted no-charts" id="trend-charts">No values to chart yet. Record a PHQ-9, HbA1c or
      blood pressure to see the trend against the target.</p>`;
  }
  return html`<div class="charts" id="trend-charts">
    ${charts.map((c) => html`<${TrendChart} key=${c.kind} id=${`chart-${c.kind}`} title=${c.title} unit=${c.unit}
      series=${c.series} target=${c.target} yMin=${c.yMin} yMax=${c.yMax} />`)}
  </div>`;
}

function ValuesTable({ measures, onCorrect, onRemove }) {
  if (measures.length === 0) {
    return html`<p class="muted" id="no-measures">No measures recorded yet.</p>`;
  }
  return html`
    <div class="table-wrap">
      <table class="list values" id="measures-table">
        <thead><tr>
          <th scope="col">Date</th><th scope="col">Measure</th><th scope="col">Value</th>
          <th scope="col">Source</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr></thead>
        <tbody>
          ${measures.map((m) => html`<${ValueRow} key=${m.id} measure=${m} onCorrect=${onCorrect} onRemove=${onRemove} />`)}
        </tbody>
      </table>
    </div>`;
}

function ValueRow({ measure: m, onCorrect, onRemove }) {
  const state = m.deleted ? 'removed' : m.superseded ? 'corrected' : null;
  const current = !state;
  const what = `${m.kind_label} of ${formatDate(m.taken_on)}`;
  const items = m.items ?? null;
  const answered = items ? items.filter((v) => v !== null && v !== undefined).length : 0;
  const value = m.complete
    ? m.display
    : `${answered} of ${items?.length ?? 0} items answered`;
  return html`
    <tr class=${`measure-row${state ? ` ${state}` : ''}${m.complete ? '' : ' incomplete'}`}
      data-measure-id=${m.id} data-kind=${m.kind}>
      <td class="nowrap" title=${`Recorded ${formatDateTime(m.recorded_at)}`}>${formatDate(m.taken_on)}</td>
      <td>${m.kind_label}</td>
      <td>
        ${state ? html`<del>${value}</del>` : html`<span class="value">${value}</span>`}
        ${!m.complete && html` <span class="state-tag incomplete-tag">incomplete</span>`}
        ${state && html` <span class=${`state-tag ${state}-tag`}>${state}</span>`}
        ${items && html`<div class="item-scores mono" title=${`Item scores 1–${items.length}`}>
          ${items.map((v, i) => html`<span class=${i === 8 && v > 0 ? 'item9-positive' : ''}>${v ?? '–'}</span>`)}
        </div>`}
      </td>
      <td>${m.source === 'imported' ? 'Imported' : 'Entered'}</td>
      <td class="note-cell">${m.note ?? ''}</td>
      <td class="row-actions">
        ${current && html`
          <button type="button" class="small-button correct-measure" aria-label=${`Correct ${what}`}
            onClick=${() => onCorrect(m)}>Correct</button>
          <button type="button" class="small-button remove-measure" aria-label=${`Remove ${what}`}
            onClick=${() => onRemove(m)}>Remove</button>`}
      </td>
    </tr>`;
}

/** Enter in a select (where it would do nothing) or Ctrl+Enter in a text area submits. */
function submitOnEnter(event) {
  if (event.key !== 'Enter' || event.isComposing) return;
  const tag = event.target.tagName;
  const ctrl = event.ctrlKey || event.metaKey;
  if (tag === 'SELECT' || (tag === 'TEXTAREA' && ctrl)) {
    event.preventDefault();
    const formElement = event.currentTarget;
    if (formElement.requestSubmit) formElement.requestSubmit();
    else formElement.querySelector('[type=submit]')?.click();
  }
}

function initialValues(measure) {
  const blank = Object.fromEntries(ITEM_FIELDS.map((f) => [f, '']));
  if (!measure) {
    return { kind: 'phq9', taken_on: todayIso(), ...blank, value: '', systolic: '', diastolic: '', note: '' };
  }
  const items = { ...blank };
  (measure.items ?? []).forEach((v, i) => { items[`item${i + 1}`] = v === null || v === undefined ? '' : String(v); });
  const text = (v) => (v === null || v === undefined ? '' : String(v));
  return {
    kind: measure.kind,
    taken_on: measure.taken_on,
    ...items,
    value: measure.kind === 'bp' ? '' : text(measure.value),
    systolic: measure.kind === 'bp' ? text(measure.value) : '',
    diastolic: measure.kind === 'bp' ? text(measure.value2) : '',
    note: measure.note ?? '',
  };
}

/** What the core is sent: every field as text, only the ones this kind uses filled. */
function draftOf(patient, values) {
  const wording = QUESTIONNAIRES[values.kind];
  return {
    patient_id: patient.id,
    kind: values.kind,
    taken_on: values.taken_on,
    items: wording ? ITEM_FIELDS.slice(0, wording.length).map((f) => values[f]) : [],
    value: ['a1c', 'ldl', 'weight'].includes(values.kind) ? values.value : '',
    systolic: values.kind === 'bp' ? values.systolic : '',
    diastolic: values.kind === 'bp' ? values.diastolic : '',
    note: values.note,
  };
}

/** Recording a new measure, or correcting `measure` (same kind, new values). */
export function MeasureForm({ patient, measure, onSaved, onClose }) {
  const form = useForm(initialValues(measure));
  const { kind } = form.values;
  // For a correction the measure select is fixed (disabled); the dialog skips disabled
  // fields, so focus starts on the date.
  const wording = QUESTIONNAIRES[kind];

  async function save(event) {
    event.preventDefault();
    const draft = draftOf(patient, form.values);
    const saved = await form.submit(() => (measure ? api.correctMeasure(measure.id, draft) : api.recordMeasure(draft)));
    if (saved) onSaved(saved);
  }
  const changeKind = (event) => {
    const next = event.currentTarget.value;
    form.setValues((v) => ({ ...v, kind: next, ...Object.fromEntries(ITEM_FIELDS.map((f) => [f, ''])) }));
  };

  const title = measure
    ? `Correct ${measure.kind_label} of ${formatDate(measure.taken_on)}`
    : `Record a measure for ${patient.first_name} ${patient.last_name}`;
  const kindError = form.errors.kind;
  return html`
    <${Modal} title=${title} onClose=${onClose} id="measure-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="measure-form" novalidate>
        ${measure && html`<p class="dialog-lead">The current value is kept in the record, struck through as corrected.</p>`}
        <div class="grid">
          <div class=${`field${kindError ? ' has-error' : ''}`}>
            <label for="field-kind">Measure</label>
            <select id="field-kind" name="kind" value=${kind} onChange=${changeKind} disabled=${!!measure}
              aria-invalid=${kindError ? 'true' : undefined} aria-describedby=${kindError ? 'field-kind-error' : undefined}>
              ${Object.entries(KIND_LABELS).map(([v, t]) => html`<option value=${v}>${t}</option>`)}
            </select>
            ${measure && html`<div class="hint">A correction keeps the measure; record a new one for another.</div>`}
            ${kindError && html`<div class="field-error" id="field-kind-error" role="alert">${kindError}</div>`}
          </div>
          <${Field} form=${form} name="taken_on" label="Date taken" type="date" required
            max=${todayIso()} min=${patient.birth_date || undefined} />
        </div>
        ${!wording && html`<div class="grid measured">
          ${['a1c', 'ldl', 'weight'].includes(kind) && html`<${Field} form=${form} name="value" required
            label=${{ a1c: 'HbA1c (%)', ldl: 'LDL (mg/dL)', weight: 'Weight (kg)' }[kind]}
            inputmode="decimal" autocomplete="off" />`}
          ${kind === 'bp' && html`
            <${Field} form=${form} name="systolic" label="Systolic (mmHg)" required inputmode="numeric" autocomplete="off" />
            <${Field} form=${form} name="diastolic" label="Diastolic (mmHg)" required inputmode="numeric" autocomplete="off" />`}
        </div>`}
        ${wording && html`<${Questionnaire} form=${form} kind=${kind} wording=${wording} />`}
        <${TextArea} form=${form} name="note" label="Note (optional)" rows="1" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="save-measure" disabled=${form.busy}>
            ${measure ? 'Save correction' : 'Save measure'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

function Questionnaire({ form, kind, wording }) {
  const label = KIND_LABELS[kind];
  const fields = ITEM_FIELDS.slice(0, wording.length);
  const answered = fields.filter((f) => form.values[f] !== '');
  const total = answered.reduce((sum, f) => sum + Number(form.values[f]), 0);
  const item9 = kind === 'phq9' && form.values.item9 !== '' && Number(form.values.item9) > 0;
  const itemsError = form.errors.items;

  let summary;
  if (answered.length === fields.length) {
    summary = html`<span class="total-value">Total ${total}</span> — ${bandOf(kind, total)}`;
  } else if (answered.length === 0) {
    summary = html`<span class="total-value">Total —</span> no items answered yet`;
  } else {
    summary = html`<span class="total-value">Total —</span> incomplete — will be saved but not scored
      (${answered.length} of ${fields.length} answered)`;
  }

  return html`
    <fieldset class=${`questionnaire${itemsError ? ' has-error' : ''}`} id="questionnaire" data-kind=${kind}>
      <legend>${label}: over the last 2 weeks, how often has the patient been bothered by…</legend>
      <ol class="items">
        ${fields.map((name, i) => {
          const error = form.errors[name];
          return html`<li key=${name} class=${`item-row${error ? ' has-error' : ''}${kind === 'phq9' && i === 8 ? ' item9' : ''}${kind === 'phq9' && i === 8 && item9 ? ' positive' : ''}`}>
            <label for=${`field-${name}`}><span class="item-number">${i + 1}.</span> ${wording[i]}</label>
            <select id=${`field-${name}`} name=${name} value=${form.values[name]} onChange=${form.set(name)}
              aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? `field-${name}-error` : undefined}>
              ${ANSWERS.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
            </select>
            ${error && html`<div class="field-error" id=${`field-${name}-error`} role="alert">${error}</div>`}
          </li>`;
        })}
      </ol>
      ${itemsError && html`<div class="field-error" id="field-items-error" role="alert">${itemsError}</div>`}
      ${item9 && html`<div class="item9-warning" id="item9-warning" role="alert">
        Item 9 above 0 raises a safety flag: follow up today.</div>`}
      <div class=${`questionnaire-total${answered.length === fields.length ? ' complete' : ''}`} id="questionnaire-total"
        aria-live="polite">${summary}</div>
    </fieldset>`;
}

function RemoveForm({ measure, onSaved, onClose }) {
  const form = useForm({ reason: '' });
  async function save(event) {
    event.preventDefault();
    const done = await form.submit(async (v) => {
      await api.removeMeasure(measure.id, v.reason);
      return true;
    });
    if (done) onSaved();
  }
  return html`
    <${Modal} title=${`Remove ${measure.kind_label} of ${formatDate(measure.taken_on)}`} onClose=${onClose} id="remove-measure-dialog">
      <form onSubmit=${save} onKeyDown=${submitOnEnter} id="remove-measure-form" novalidate>
        <p class="dialog-lead">Remove <b>${measure.complete ? measure.display : 'this incomplete questionnaire'}</b>
          only if it was entered in error. It stays in the record, struck through as removed, and no longer counts.</p>
        <${TextArea} form=${form} name="reason" label="Reason" rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="danger" id="remove-measure-submit" disabled=${form.busy}>
            Remove value <kbd>Ctrl Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
