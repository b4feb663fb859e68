// The application: first-run setup or unlock, then the shell with its sections. The
// sections themselves (label, shortcut, screen) are the route table in routes.js.
import { html, useEffect, useRef, useState } from './html.js';
import { api } from './api.js';
import { loadCatalogue } from './catalogue.js';
import { loadVocabulary } from './outreach/vocabulary.js';
import { ROUTES, routeOf, routeOfShortcut } from './routes.js';
import { Setup } from './screens/setup.js';
import { Unlock } from './screens/unlock.js';
import { PatientForm } from './patient/patient-form.js';
import { lockNow, rememberScreen, resumePoint, useAutoLock } from './session/lock.js';

export function App() {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState('');
  const refresh = () => api.status().then(setStatus, (e) => setError(e.message));
  // The measure catalogue and the outreach vocabulary are loaded once, with the first
  // status, before any screen that reads them can render (they need no unlocked store).
  useEffect(() => {
    Promise.all([api.status(), loadCatalogue(), loadVocabulary()])
      .then(([s]) => setStatus(s), (e) => setError(e.message));
  }, []);

  if (error) return html`<main class="gate"><div class="gate-card form-error" role="alert">${error}</div></main>`;
  if (!status) return null;
  if (!status.store_exists) return html`<${Setup} status=${status} onReady=${refresh} />`;
  if (!status.unlocked) return html`<${Unlock} onReady=${refresh} />`;
  return html`<${Shell} status=${status} />`;
}

function Shell({ status }) {
  // Today is the start screen: what is due is the first thing a coordinator needs.
  // After a lock, the screen that was open.
  const [section, setSection] = useState(() => {
    const wanted = resumePoint().section;
    return ROUTES.some((r) => r.section === wanted) ? wanted : 'today';
  });
  const [patientId, setPatientId] = useState(() => resumePoint().patientId ?? null);
  const [creating, setCreating] = useState(false);
  const [editRequest, setEditRequest] = useState(0);
  const [programs, setPrograms] = useState([]);
  const [caseloadQuery, setCaseloadQuery] = useState(null);
  const searchRef = useRef(null);

  const loadPrograms = () => api.programs().then(setPrograms, () => setPrograms([]));
  useEffect(() => { loadPrograms(); }, []);

  useAutoLock();
  useEffect(() => { rememberScreen({ section, patientId }); }, [section, patientId]);
  const lock = lockNow;
  // A patient opened from Today is shown within Today, so Back (or Esc) returns to the
  // worklist; from anywhere else (the caseload, the case review, a new registration)
  // within the caseload, as before.
  const openPatient = (id, from) => { setSection(from === 'today' ? 'today' : 'caseload'); setPatientId(id); };
  const go = (to) => { setSection(to); setPatientId(null); };

  useEffect(() => {
    const onKey = (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      const modalOpen = document.querySelector('.modal');
      const ctrl = event.ctrlKey || event.metaKey;
      const shortcut = event.altKey ? routeOfShortcut(event.key) : null;
      if (ctrl && (event.key === 'k' || event.key === 'f')) {
        event.preventDefault();
        go('caseload');
        setTimeout(() => searchRef.current?.focus(), 0);
      } else if (!typing && !modalOpen && event.key === '/') {
        event.preventDefault();
        go('caseload');
        setTimeout(() => searchRef.current?.focus(), 0);
      } else if (ctrl && event.key === 'n') {
        event.preventDefault();
        setCreating(true);
      } else if (ctrl && event.key === 'l') {
        event.preventDefault();
        lock();
      } else if (shortcut) {
        event.preventDefault();
        go(shortcut.section);
      } else if (!modalOpen && !typing && patientId && event.key === 'Escape') {
        setPatientId(null);
      } else if (!modalOpen && !typing && patientId && event.key.toLowerCase() === 'e' && !ctrl) {
        setEditRequest((n) => n + 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [patientId]);

  // What every route's `render` gets (routes.js).
  const shell = {
    status,
    programs,
    reloadPrograms: loadPrograms,
    lock,
    patientId,
    openPatient,
    closePatient: () => setPatientId(null),
    editRequest,
    newPatient: () => setCreating(true),
    searchRef,
    caseloadQuery,
    rememberCaseloadQuery: setCaseloadQuery,
  };
  const content = routeOf(section).render(shell);

  return html`
    <div class="shell">
      <nav class="sidebar" aria-label="Sections">
        <div class="brand"><img src="icon.svg" alt="" /> Caseload</div>
        <ul>
          ${ROUTES.map(({ section: key, label, shortcut }) => html`<li>
            <button type="button" data-nav=${key} class=${section === key ? 'current' : ''}
              aria-current=${section === key ? 'page' : undefined} title=${`${label} (Alt+${shortcut})`}
              onClick=${() => go(key)}>${label}</button>
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
