// The application: first-run setup or unlock, then the shell with its sections.
import { html, useEffect, useRef, useState } from './html.js';
import { api } from './api.js';
import { Setup } from './views/setup.js';
import { Unlock } from './views/unlock.js';
import { Caseload } from './views/caseload.js';
import { PatientView } from './views/patient.js';
import { PatientForm } from './views/patient-form.js';
import { Settings } from './views/settings.js';
import { NotYetAvailable } from './views/placeholders.js';
import { Review } from './views/review.js';

const SECTIONS = [
  ['today', 'Today'],
  ['caseload', 'Caseload'],
  ['review', 'Case review'],
  ['resources', 'Resources'],
  ['reports', 'Reports'],
  ['settings', 'Settings'],
];

export function App() {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState('');
  const refresh = () => api.status().then(setStatus, (e) => setError(e.message));
  useEffect(() => { refresh(); }, []);

  if (error) return html`<main class="gate"><div class="gate-card form-error" role="alert">${error}</div></main>`;
  if (!status) return null;
  if (!status.store_exists) return html`<${Setup} status=${status} onReady=${refresh} />`;
  if (!status.unlocked) return html`<${Unlock} onReady=${refresh} />`;
  return html`<${Shell} status=${status} onLocked=${refresh} />`;
}

function Shell({ status, onLocked }) {
  const [section, setSection] = useState('caseload');
  const [patientId, setPatientId] = useState(null);
  const [creating, setCreating] = useState(false);
  const [editRequest, setEditRequest] = useState(0);
  const [programs, setPrograms] = useState([]);
  const [caseloadQuery, setCaseloadQuery] = useState(null);
  const searchRef = useRef(null);

  const loadPrograms = () => api.programs().then(setPrograms, () => setPrograms([]));
  useEffect(() => { loadPrograms(); }, []);

  const lock = async () => { await api.lock(); onLocked(); };
  const openPatient = (id) => { setSection('caseload'); setPatientId(id); };

  useEffect(() => {
    const onKey = (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      const modalOpen = document.querySelector('.modal');
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && (event.key === 'k' || event.key === 'f')) {
        event.preventDefault();
        setSection('caseload');
        setPatientId(null);
        setTimeout(() => searchRef.current?.focus(), 0);
      } else if (!typing && !modalOpen && event.key === '/') {
        event.preventDefault();
        setSection('caseload');
        setPatientId(null);
        setTimeout(() => searchRef.current?.focus(), 0);
      } else if (ctrl && event.key === 'n') {
        event.preventDefault();
        setCreating(true);
      } else if (ctrl && event.key === 'l') {
        event.preventDefault();
        lock();
      } else if (event.altKey && /^[1-6]$/.test(event.key)) {
        event.preventDefault();
        setSection(SECTIONS[Number(event.key) - 1][0]);
        setPatientId(null);
      } else if (!modalOpen && !typing && patientId && event.key === 'Escape') {
        setPatientId(null);
      } else if (!modalOpen && !typing && patientId && event.key.toLowerCase() === 'e' && !ctrl) {
        setEditRequest((n) => n + 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [patientId]);

  let content;
  if (section === 'caseload' && patientId) {
    content = html`<${PatientView} id=${patientId} programs=${programs} editRequest=${editRequest}
      onBack=${() => setPatientId(null)} />`;
  } else if (section === 'caseload') {
    content = html`<${Caseload} programs=${programs} onOpen=${openPatient} onNew=${() => setCreating(true)}
      searchRef=${searchRef} remembered=${caseloadQuery} remember=${setCaseloadQuery} />`;
  } else if (section === 'review') {
    content = html`<${Review} onOpen=${openPatient} />`;
  } else if (section === 'settings') {
    content = html`<${Settings} status=${status} programs=${programs} onLock=${lock}
      onProgramsChanged=${loadPrograms} />`;
  } else {
    content = html`<${NotYetAvailable} section=${section} />`;
  }

  return html`
    <div class="shell">
      <nav class="sidebar" aria-label="Sections">
        <div class="brand"><img src="icon.svg" alt="" /> Caseload</div>
        <ul>
          ${SECTIONS.map(([key, label], i) => html`<li>
            <button type="button" data-nav=${key} class=${section === key ? 'current' : ''}
              aria-current=${section === key ? 'page' : undefined} title=${`${label} (Alt+${i + 1})`}
              onClick=${() => { setSection(key); setPatientId(null); }}>${label}</button>
          </li>`)}
        </ul>
        <div class="sidebar-foot">
          <button type="button" id="lock" onClick=${lock} title="Lock (Ctrl+L)">Lock</button>
          <p class="shortcuts"><kbd>/</kbd> search · <kbd>Ctrl N</kbd> new patient</p>
        </div>
      </nav>
      <main class="content">${content}</main>
      ${creating && html`<${PatientForm} onClose=${() => setCreating(false)}
        onSaved=${(p) => { setCreating(false); openPatient(p.id); }} />`}
    </div>`;
}
