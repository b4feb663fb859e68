// The patient's care plan, the patient page's second tab: health concerns, goals in
// the patient's words with their targets and actions, barriers, the care team,
// progress notes (with the note form's unsaved draft) and the plan's history. The core
// judges every target from the registry and says which moves each goal and action may
// make; this tab shows what it says and sends what was typed. Each section lives in
// its own file and holds its own dialogs. The patient's own copy prints from here
// ("Print my care plan"), and the plan leaves as a FHIR bundle for the EHR.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { PrintMenu, PrintNotice } from '../components/print-menu.js';
import { FhirSaveButton } from './fhir-save.js';
import { Concerns } from './concerns.js';
import { Goals } from './goals.js';
import { Barriers } from './barriers.js';
import { CareTeam } from './team.js';
import { ProgressNotes } from './notes.js';
import { History } from './versions.js';
import { useCarePlanVocabulary } from './vocabulary.js';

/** `patient`: the patient record; `onChanged()` after every change (the patient's
 *  history, flags and charts read the plan too). */
export function CarePlanTab({ patient, onChanged }) {
  const vocabulary = useCarePlanVocabulary();
  const [page, setPage] = useState(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(null);
  const ticket = useRef(0);

  async function load() {
    const mine = ++ticket.current;
    try {
      const result = await api.carePlan(patient.id);
      if (mine === ticket.current) {
        setPage(result);
        setError('');
      }
    } catch (e) {
      if (mine === ticket.current) setError(e.message);
    }
  }
  useEffect(() => { setPage(null); }, [patient.id]);
  useEffect(() => { load(); }, [patient.id]);

  const changed = () => {
    load();
    onChanged?.();
  };

  const problem = error || vocabulary.error;
  const plan = page?.plan;
  return html`
    <section class="careplan" id="careplan" aria-labelledby="careplan-title">
      <header class="careplan-head">
        <div>
          <h2 id="careplan-title">Care plan</h2>
          ${plan && html`<p class="careplan-meta muted small" id="careplan-meta">${plan.version > 0
            ? `Version ${plan.version} · updated ${formatDateTime(plan.updated_at)}`
            : 'Nothing recorded yet: start with what concerns the patient, or what they want to achieve.'}</p>`}
        </div>
        <div class="careplan-actions">
          <${PrintMenu} id="print-careplan" label="Print my care plan" kind="careplan" request=${{ patient_id: patient.id }}
            what="the patient's care plan" onStatus=${setSaved} disabled=${!plan || plan.version === 0} />
          <${FhirSaveButton} patientId=${patient.id} disabled=${!plan || plan.version === 0} onStatus=${setSaved} />
        </div>
      </header>
      <${PrintNotice} status=${saved} id="careplan-notice" />
      ${problem && html`<div class="form-error" role="alert">${problem}</div>`}
      ${(!plan || !vocabulary.ready) && !problem && html`<p class="loading">Loading the care plan…</p>`}
      ${plan && vocabulary.ready && html`
        <div class="careplan-grid">
          <div class="careplan-concerns"><${Concerns} plan=${plan} onChanged=${changed} /></div>
          <div class="careplan-goals"><${Goals} plan=${plan} onChanged=${changed} /></div>
          <div class="careplan-side">
            <${Barriers} plan=${plan} onChanged=${changed} />
            <${CareTeam} plan=${plan} onChanged=${changed} />
          </div>
          <div class="careplan-notes">
            <${ProgressNotes} plan=${plan} draft=${page.note_draft} draftKey=${page.note_draft_key}
              onChanged=${changed} onDraftChanged=${load} />
          </div>
        </div>
        <${History} patientId=${patient.id} refresh=${plan.version} />`}
    </section>`;
}
