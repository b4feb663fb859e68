// "Save FHIR bundle…": the patient's care plan with everything it points at as one
// HL7 FHIR R4 bundle, for the EHR or another tool to load. The app asks where in the
// native save dialog and writes the file itself (owner-only); the window never names
// a file. The outcome is told to the caller, as a printout's is.
import { html, useState } from '../html.js';
import { api } from '../api.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** `onStatus({text, error})` hears how it went (null when the save was cancelled). */
export function FhirSaveButton({ patientId, disabled = false, onStatus }) {
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    onStatus?.(null);
    try {
      const saved = await api.saveCarePlanFhir(patientId);
      if (saved) {
        onStatus?.({ text: `Saved the care plan as a FHIR bundle (${plural(saved.resources, 'resource', 'resources')}) to ${saved.path}.` });
      }
    } catch (e) {
      onStatus?.({ text: e.message, error: true });
    } finally {
      setBusy(false);
    }
  }
  return html`<button type="button" id="cp-fhir-save" disabled=${disabled || busy} onClick=${save}
    title=${disabled ? 'Record something on the plan first' : 'The plan as an HL7 FHIR R4 bundle (JSON), for the EHR'}>
    ${busy ? 'Preparing…' : 'Save FHIR bundle…'}</button>`;
}
