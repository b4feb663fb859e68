// The registry on the patient page: open safety flags first (then a PHQ-9 item 9 left
// unanswered on the latest PHQ-9), where the patient stands (weeks in treatment, PHQ-9
// against baseline, latest HbA1c and BP, flags), the "discuss at case review" mark, a
// trend chart per measure, and every value recorded, with corrected and removed ones
// kept in view for the record. The core scores, checks and flags everything; this
// panel shows what it says and sends what was typed. It holds the panel's state and
// dialogs; each part lives in its own file.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { DiscussToggle } from '../review/discuss-toggle.js';
import { SafetyBanner, AcknowledgeForm, SafetyHistory, Item9UnansweredBanner } from './safety.js';
import { StandingSummary } from './standing.js';
import { Charts } from './charts.js';
import { ValuesTable } from './values-table.js';
import { MeasureForm } from './measure-form.js';
import { RemoveMeasureForm } from './remove-measure-form.js';

/** `onChanged` runs after every change made here; a new `refresh` value (bumped when
 *  an episode changes) reloads the overview. */
export function RegistryPanel({ patient, onChanged, refresh }) {
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
      ${overview?.item9_unanswered && html`<${Item9UnansweredBanner} unanswered=${overview.item9_unanswered}
        onRecord=${() => setDialog({ kind: 'record' })} />`}
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
      ${dialog?.kind === 'remove' && html`<${RemoveMeasureForm} measure=${dialog.measure} onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'acknowledge' && html`<${AcknowledgeForm} flag=${dialog.flag} onSaved=${changed} onClose=${close} />`}
    </section>`;
}
