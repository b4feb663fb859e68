// One patient, in two tabs. "Record": who they are, their enrollment episodes with the
// moves each allows, outreach (the cadence, contacts, ED visits and stays), social
// needs and the referrals made for them, the registry (safety flags, standing, trends,
// values), eligibility screening, the timeline of everything on the record, and the
// change history from the audit trail. "Care plan": the plan (careplan/). Its summary
// and previsit agenda print from the header. Opened from the caseload or from Today;
// Back returns there.
import { html, useEffect, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate, sexLabels } from '../format.js';
import { PatientForm } from '../patient/patient-form.js';
import { EnrollForm, TransitionForm } from '../patient/enrollment-forms.js';
import { Episode } from '../patient/episode.js';
import { RegistryPanel } from '../patient/registry-panel.js';
import { OutreachPanel } from '../outreach/outreach-panel.js';
import { Timeline } from '../outreach/timeline.js';
import { PatientHistory } from '../patient/history.js';
import { ScreeningPanel } from '../screening/screening-panel.js';
import { SocialPanel } from '../referrals/social-panel.js';
import { PrintMenu, PrintNotice } from '../components/print-menu.js';
import { PatientTabs, rememberTab, rememberedTab } from '../patient/tabs.js';
import { CarePlanTab } from '../careplan/careplan-tab.js';

/** `backTo` names where Back returns ("Caseload", "Today"). */
export function PatientPage({ id, programs, onBack, editRequest, backTo = 'Caseload' }) {
  const [patient, setPatient] = useState(null);
  const [episodes, setEpisodes] = useState([]);
  const [history, setHistory] = useState([]);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const [printed, setPrinted] = useState(null);
  const [tab, setTab] = useState(rememberedTab());
  const selectTab = (next) => { rememberTab(next); setTab(next); };
  // Bumped when an episode or the patient changes, so the registry re-reads the
  // standing (weeks in treatment, targets) that depends on them.
  const [registryVersion, setRegistryVersion] = useState(0);
  // Bumped when a measure changes, so screening re-reads the latest values.
  const [measuresVersion, setMeasuresVersion] = useState(0);
  const measuresChanged = () => { load(); setMeasuresVersion((n) => n + 1); };
  // Bumped when a contact or transition changes: the registry's flags ("no contact")
  // and the timeline read them too.
  const [outreachVersion, setOutreachVersion] = useState(0);
  const outreachChanged = () => { load(); setOutreachVersion((n) => n + 1); };
  // A change to the care plan reaches the history, and its own targets the registry.
  const planChanged = () => { load(); setRegistryVersion((n) => n + 1); };

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
    <button type="button" onClick=${onBack}>Back to ${backTo.toLowerCase()}</button></section>`;
  if (!patient) return html`<section class="loading">Loading…</section>`;

  const openPrograms = new Set(episodes.filter((e) => e.is_open).map((e) => e.program_code));
  const canEnroll = programs.some((p) => !openPrograms.has(p.code));

  return html`
    <section class="patient" aria-labelledby="patient-name">
      <nav class="crumbs"><button type="button" class="link" id="patient-back" onClick=${onBack}>← ${backTo}</button> <kbd>Esc</kbd></nav>
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
          <${PrintMenu} id="print-summary" label="Print summary" kind="summary" request=${{ patient_id: patient.id }}
            what="the patient summary" onStatus=${setPrinted} />
          <${PrintMenu} id="print-agenda" label="Previsit agenda" kind="agenda" request=${{ patient_id: patient.id }}
            what="the previsit agenda" onStatus=${setPrinted} />
          <button type="button" id="edit-patient" onClick=${() => setDialog({ kind: 'edit' })} title="Edit (E)">Edit <kbd>E</kbd></button>
          <button type="button" class="primary" id="enroll-button" disabled=${!canEnroll}
            title=${canEnroll ? 'Start an enrollment episode' : 'Already has an open episode in every program'}
            onClick=${() => setDialog({ kind: 'enroll' })}>Enroll in a program</button>
        </div>
      </header>
      <${PrintNotice} status=${printed} id="patient-print-notice" />

      <${PatientTabs} selected=${tab} onSelect=${selectTab} />
      <div role="tabpanel" id="panel-record" aria-labelledby="tab-record" class="tab-panel" hidden=${tab !== 'record'}>
        ${tab === 'record' && html`
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

        <${OutreachPanel} patient=${patient} onChanged=${outreachChanged} refresh=${registryVersion} />

        <${SocialPanel} patientId=${patient.id} onChanged=${load} />

        <${RegistryPanel} patient=${patient} onChanged=${measuresChanged} refresh=${registryVersion + outreachVersion} />

        <${ScreeningPanel} patientId=${patient.id} programs=${programs}
          refresh=${registryVersion + measuresVersion} />

        <${Timeline} patientId=${patient.id} refresh=${registryVersion + measuresVersion + outreachVersion} />

        <${PatientHistory} history=${history} programs=${programs} />`}
      </div>
      <div role="tabpanel" id="panel-careplan" aria-labelledby="tab-careplan" class="tab-panel" hidden=${tab !== 'careplan'}>
        ${tab === 'careplan' && html`<${CarePlanTab} patient=${patient} onChanged=${planChanged} />`}
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
