// One patient: who they are, their enrollment episodes with the moves each allows,
// the registry (safety flags, standing, trends, values), and the change history from
// the audit trail.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { fieldLabels, formatDate, formatDateTime, reasonLabels, sexLabels, statusLabels } from '../format.js';
import { StatusBadge } from '../components/badges.js';
import { PatientForm } from './patient-form.js';
import { EnrollForm, TransitionForm } from './enrollment-forms.js';
import { MeasuresPanel, KIND_LABELS } from './measures.js';
import { ScreeningPanel } from './screening.js';

export function PatientView({ id, programs, onBack, editRequest }) {
  const [patient, setPatient] = useState(null);
  const [episodes, setEpisodes] = useState([]);
  const [history, setHistory] = useState([]);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  // Bumped when an episode or the patient changes, so the registry re-reads the
  // standing (weeks in treatment, targets) that depends on them.
  const [registryVersion, setRegistryVersion] = useState(0);
  // Bumped when a measure changes, so screening re-reads the latest values.
  const [measuresVersion, setMeasuresVersion] = useState(0);
  const measuresChanged = () => { load(); setMeasuresVersion((n) => n + 1); };

  async function load() {
    try {
      const [p, e, h] = await Promise.all([api.patient(id), api.enrollments(id), api.patientHistory(id)]);
      setPatient(p);
      setEpisodes(e);
      setHistory(h);
    } catch (e) {
      setError(e.message);
    }
  }
  useEffect(() => { load(); }, [id]);
  useEffect(() => { if (editRequest && patient) setDialog({ kind: 'edit' }); }, [editRequest]);

  const saved = () => { setDialog(null); load(); setRegistryVersion((n) => n + 1); };

  if (error) return html`<section><div class="form-error" role="alert">${error}</div>
    <button type="button" onClick=${onBack}>Back to caseload</button></section>`;
  if (!patient) return html`<section class="loading">Loading…</section>`;

  const openPrograms = new Set(episodes.filter((e) => e.is_open).map((e) => e.program_code));
  const canEnroll = programs.some((p) => !openPrograms.has(p.code));

  return html`
    <section class="patient" aria-labelledby="patient-name">
      <nav class="crumbs"><button type="button" class="link" onClick=${onBack}>← Caseload</button> <kbd>Esc</kbd></nav>
      <header class="patient-head">
        <div>
          <h1 id="patient-name">${patient.last_name}, ${patient.first_name}</h1>
          <p class="facts">
            <span>MRN <b class="mono" id="patient-mrn">${patient.mrn}</b></span>
            <span>Born ${formatDate(patient.birth_date)} (${patient.age})</span>
            ${patient.sex !== 'unknown' && html`<span>${sexLabels[patient.sex] ?? patient.sex}</span>`}
            ${patient.phone && html`<span>${patient.phone}</span>`}
            ${patient.preferred_language && html`<span>Speaks ${patient.preferred_language}</span>`}
          </p>
        </div>
        <div class="head-actions">
          <button type="button" id="edit-patient" onClick=${() => setDialog({ kind: 'edit' })} title="Edit (E)">Edit <kbd>E</kbd></button>
          <button type="button" class="primary" id="enroll-button" disabled=${!canEnroll}
            title=${canEnroll ? 'Start an enrollment episode' : 'Already has an open episode in every program'}
            onClick=${() => setDialog({ kind: 'enroll' })}>Enroll in a program</button>
        </div>
      </header>

      <div class="columns">
        <div>
          <h2>Enrollment</h2>
          ${episodes.length === 0 && html`<p class="muted" id="no-episodes">Not enrolled in any program.</p>`}
          ${episodes.map((e) => html`<${Episode} key=${e.id} episode=${e}
            onMove=${(to) => setDialog({ kind: 'move', episode: e, to })} />`)}
        </div>
        <div>
          <h2>Details</h2>
          <dl class="details">
            <${Detail} label="Address" value=${[patient.address_line, patient.city, patient.state, patient.postal_code].filter(Boolean).join(', ')} />
            <${Detail} label="PCP" value=${patient.pcp_name} />
            <${Detail} label="Payer" value=${patient.payer} />
            <${Detail} label="Emergency contact" value=${[patient.emergency_contact_name,
              patient.emergency_contact_relation && `(${patient.emergency_contact_relation})`,
              patient.emergency_contact_phone].filter(Boolean).join(' ')} />
            <${Detail} label="Note" value=${patient.note} />
          </dl>
        </div>
      </div>

      <${MeasuresPanel} patient=${patient} onChanged=${measuresChanged} refresh=${registryVersion} />

      <${ScreeningPanel} patientId=${patient.id} programs=${programs}
        refresh=${registryVersion + measuresVersion} />

      <div class="patient-history">
        <h2>History</h2>
        <ol class="history" id="patient-history">
          ${history.map((entry) => html`<li>
            <div class="when">${formatDateTime(entry.at)} · ${entry.actor}</div>
            <div>${describe(entry, programs)}</div>
            ${entry.action === 'update' && html`<ul class="changes">${entry.changes.map((c) => html`
              <li><b>${fieldLabels[c.field] ?? c.field}</b>: ${c.from ?? '(empty)'} → ${c.to ?? '(empty)'}</li>`)}</ul>`}
          </li>`)}
        </ol>
      </div>

      ${dialog?.kind === 'edit' && html`<${PatientForm} patient=${patient} onSaved=${saved} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'enroll' && html`<${EnrollForm} patient=${patient}
        programs=${programs.filter((p) => !openPrograms.has(p.code))} onSaved=${saved} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'move' && html`<${TransitionForm} episode=${dialog.episode} to=${dialog.to}
        onSaved=${saved} onClose=${() => setDialog(null)} />`}
    </section>`;
}

function Detail({ label, value }) {
  return html`<dt>${label}</dt><dd>${value || html`<span class="muted">—</span>`}</dd>`;
}

function Episode({ episode, onMove }) {
  return html`
    <article class=${`episode${episode.is_open ? '' : ' closed'}`} data-program=${episode.program_code}>
      <header>
        <h3>${episode.program_name}</h3>
        <${StatusBadge} status=${episode.status} />
      </header>
      <ol class="timeline">
        ${episode.events.map((ev) => html`<li>
          <span class="date">${formatDate(ev.on_date)}</span> ${statusLabels[ev.to_status]}
          ${ev.reason && html` — ${reasonLabels[ev.reason] ?? ev.reason}`}
          ${ev.note && html`<div class="muted">${ev.note}</div>`}
        </li>`)}
      </ol>
      <p class="facts small">
        <span>Consent: ${episode.consent_on ? formatDate(episode.consent_on) : html`<em>not recorded</em>`}</span>
        ${episode.referral_source && html`<span>Source: ${episode.referral_source}</span>`}
        ${episode.referred_by && html`<span>Referred by ${episode.referred_by}</span>`}
      </p>
      ${episode.allowed_next.length > 0 && html`<div class="moves">
        ${episode.allowed_next.map((to) => html`<button type="button" class=${`move to-${to}`} data-to=${to}
          onClick=${() => onMove(to)}>${moveLabel(to)}</button>`)}
      </div>`}
    </article>`;
}

function moveLabel(to) {
  return {
    screening: 'Start screening',
    active: 'Activate',
    graduated: 'Graduate',
    'relapse-watch': 'Relapse watch',
    disenrolled: 'Disenroll…',
  }[to] ?? statusLabels[to];
}

function describe(entry, programs) {
  const programName = (code) => programs.find((p) => p.code === code)?.name ?? code;
  const value = (field) => entry.changes.find((c) => c.field === field);
  if (entry.entity === 'patient') {
    if (entry.action === 'create') return 'Patient registered';
    if (entry.action === 'update') return `Updated ${entry.changes.map((c) => (fieldLabels[c.field] ?? c.field).toLowerCase()).join(', ')}`;
    if (entry.action === 'save-unchanged') return 'Record reviewed and saved without changes';
    if (entry.action === 'delete') return 'Record removed';
  }
  if (entry.entity === 'enrollment') {
    const status = value('status');
    if (entry.action === 'enroll') return `Enrolled in ${programName(value('program')?.to)} as ${statusLabels[status?.to] ?? status?.to}`;
    if (entry.action === 'status') return `Episode moved from ${statusLabels[status?.from] ?? status?.from} to ${statusLabels[status?.to] ?? status?.to}`;
  }
  if (entry.entity === 'measure') {
    const kind = KIND_LABELS[value('kind')?.to] ?? value('kind')?.to ?? 'Measure';
    const taken = value('taken_on')?.to;
    const shown = value('value');
    if (entry.action === 'create') return `Recorded ${kind} ${shown?.to ?? ''}${taken ? ` taken ${formatDate(taken)}` : ''}`;
    if (entry.action === 'correct') return `Corrected ${kind} to ${shown?.to ?? ''}${taken ? ` taken ${formatDate(taken)}` : ''}`;
    if (entry.action === 'superseded') return `Value ${shown?.from ?? ''} replaced by a correction`;
    if (entry.action === 'delete') return `Removed value ${shown?.from ?? ''}${value('reason')?.to ? `: ${value('reason').to}` : ''}`;
  }
  if (entry.entity === 'safety_flag') {
    if (entry.action === 'raise') return `Safety flag raised: PHQ-9 item 9 = ${value('item9')?.to ?? '?'}`;
    if (entry.action === 'acknowledge') return `Safety flag acknowledged: ${value('action_taken')?.to ?? ''}`;
  }
  if (entry.entity === 'discuss_mark') {
    const reason = value('reason')?.to;
    if (entry.action === 'create') return `Ticked “discuss at case review”${reason ? `: ${reason}` : ''}`;
    if (entry.action === 'update') return 'Changed the reason to discuss at case review';
    if (entry.action === 'clear') return 'Unticked “discuss at case review”';
    if (entry.action === 'discussed') return 'Discussed at case review';
  }
  return `${entry.entity} ${entry.action}`;
}
