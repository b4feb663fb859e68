// The weekly case review: the list the core builds for a review date (each patient with
// the reasons they are on it), the session held that day with its attendees, a
// discussion and recommendation per patient, the PCP's follow-through, and past
// sessions to read back. Every rule (who is listed, which dates are allowed) is the
// core's; this screen shows its answers and its field messages.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, Field, Select, TextArea, FormMessage } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { formatDate, todayIso } from '../format.js';

const ROLES = [['psychiatrist', 'Psychiatrist'], ['pcp', 'PCP'], ['coordinator', 'Care coordinator'], ['other', 'Other']];
const CATEGORIES = [
  ['medication-change', 'Medication change'],
  ['dose-change', 'Dose change'],
  ['therapy-referral', 'Therapy referral'],
  ['other', 'Other'],
];

// The review date and an open past session survive a visit to a patient and back.
let remembered = { weekOf: null, pastId: null };

export function Review({ onOpen }) {
  const [weekOf, setWeekOf] = useState(remembered.weekOf ?? todayIso());
  const [list, setList] = useState(null);
  const [sessions, setSessions] = useState([]);
  const [current, setCurrent] = useState(null);
  const [pastId, setPastId] = useState(remembered.pastId);
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const latest = useRef(0);

  useEffect(() => { remembered = { weekOf, pastId }; }, [weekOf, pastId]);

  async function load() {
    const ticket = ++latest.current;
    try {
      const [l, all] = await Promise.all([api.reviewList(weekOf), api.reviewSessions()]);
      const today = all.find((s) => s.held_on === weekOf);
      const session = today ? await api.reviewSession(today.id) : null;
      if (ticket !== latest.current) return;
      setList(l);
      setSessions(all);
      setCurrent(session);
      setError('');
    } catch (e) {
      if (ticket === latest.current) setError(e.message);
    }
  }
  useEffect(() => { if (weekOf) load(); }, [weekOf]);

  const saved = () => { setDialog(null); load(); };
  const sessionSaved = (session) => {
    setDialog(null);
    if (session.held_on !== weekOf) setWeekOf(session.held_on);
    else load();
  };

  if (pastId) {
    return html`<${PastSession} id=${pastId} onBack=${() => setPastId(null)} onOpen=${onOpen} />`;
  }

  const discussed = new Map((current?.discussed ?? []).map((d) => [d.patient_id, d]));
  const startDate = weekOf > todayIso() ? todayIso() : weekOf;

  return html`
    <section class="review" aria-labelledby="review-title">
      <header class="section-head">
        <h1 id="review-title">Case review</h1>
        ${!current && html`<button type="button" class="primary" id="start-session"
          onClick=${() => setDialog({ kind: 'session' })}>Start session</button>`}
      </header>
      <div class="toolbar">
        <label>Review date
          <input type="date" id="review-date" value=${weekOf} required
            onChange=${(e) => e.currentTarget.value && setWeekOf(e.currentTarget.value)} />
        </label>
        ${list && html`<p class="muted review-window" id="review-window">
          New enrollees since ${formatDate(list.new_since)}${list.previous_session
            ? ` (the day after the review of ${formatDate(list.previous_session.held_on)})`
            : ' (no earlier review: the last 7 days)'}</p>`}
      </div>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}

      ${current && html`<${CurrentSession} session=${current}
        onEdit=${() => setDialog({ kind: 'session', session: current })}
        onFollowThrough=${(rec, status) => setDialog({ kind: 'follow', rec, status })}
        onReopen=${async (rec) => { await reopen(rec, setError); load(); }} />`}

      <h2 id="review-list-title">Review list ${list && html`<span class="count">(${list.rows.length})</span>`}</h2>
      <div class="table-wrap" id="review-list" aria-labelledby="review-list-title">
        ${list && list.rows.length > 0 && html`<table class="list review-table">
          <thead><tr>
            <th scope="col">Patient</th><th scope="col">Program</th><th scope="col">PHQ-9</th>
            <th scope="col">Why on the list</th><th scope="col">Open recommendations</th>
            ${current && html`<th scope="col" aria-label="Discussion"></th>`}
          </tr></thead>
          <tbody>
            ${list.rows.map((row) => html`<${Row} key=${row.patient_id} row=${row} session=${current}
              discussed=${discussed.get(row.patient_id)} onOpen=${onOpen}
              onDiscuss=${() => setDialog({ kind: 'discuss', row })}
              onFollowThrough=${(rec, status) => setDialog({ kind: 'follow', rec, status })} />`)}
          </tbody>
        </table>`}
        ${list && list.rows.length === 0 && html`<div class="empty" id="review-empty">
          Nobody needs review on ${formatDate(weekOf)}: no safety flags, no one not improving,
          no new enrollees, no “discuss” marks and no open recommendations.</div>`}
        ${!list && !error && html`<div class="empty">Loading…</div>`}
      </div>

      <h2 id="past-sessions-title">Sessions</h2>
      <${SessionList} sessions=${sessions} onView=${setPastId} />

      ${dialog?.kind === 'session' && html`<${SessionForm} session=${dialog.session} heldOn=${startDate}
        previousId=${sessions[0]?.id} onSaved=${sessionSaved} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'discuss' && html`<${DiscussionForm} session=${current} row=${dialog.row}
        already=${discussed.get(dialog.row.patient_id)} onSaved=${saved} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'follow' && html`<${FollowThroughForm} rec=${dialog.rec} status=${dialog.status}
        onSaved=${saved} onClose=${() => setDialog(null)} />`}
    </section>`;
}

async function reopen(rec, setError) {
  try {
    await api.followThrough(rec.id, 'pending', '');
  } catch (e) {
    setError(e.message);
  }
}

function Row({ row, session, discussed, onOpen, onDiscuss, onFollowThrough }) {
  return html`
    <tr data-patient-id=${row.patient_id} class=${discussed ? 'discussed' : ''}>
      <td>
        <button type="button" class="link patient-link" onClick=${() => onOpen(row.patient_id)}>
          ${row.last_name}, ${row.first_name}</button>
        <div class="muted small"><span class="mono">${row.mrn}</span> · ${row.age} y</div>
      </td>
      <td>${row.program_name ?? html`<span class="muted">—</span>`}
        ${row.weeks_in_treatment != null && html`<div class="muted small">week ${row.weeks_in_treatment}</div>`}</td>
      <td class="phq9"><${Phq9} row=${row} /></td>
      <td>
        <div class="reasons">${row.reasons.map((r) => html`<span class="reason" data-kind=${r.kind}
          title=${r.detail}>${r.label}</span>`)}</div>
        <ul class="reason-details small">${row.reasons.map((r) => html`<li data-kind=${r.kind}>${r.detail}</li>`)}</ul>
      </td>
      <td>${row.open_recommendations.length === 0
        ? html`<span class="muted">—</span>`
        : html`<ul class="recs">${row.open_recommendations.map((rec) => html`<${OpenRecommendation}
            rec=${rec} onFollowThrough=${onFollowThrough} />`)}</ul>`}</td>
      ${session && html`<td class="row-actions">
        ${discussed && html`<span class="tag discussed-tag">Discussed</span>`}
        <button type="button" class="discuss-button" onClick=${onDiscuss}
          aria-label=${`Record discussion of ${row.first_name} ${row.last_name}`}>
          ${discussed ? 'Add recommendation' : 'Record discussion'}</button>
      </td>`}
    </tr>`;
}

function Phq9({ row }) {
  const { baseline_phq9: baseline, latest_phq9: latest, change_pct: change } = row;
  if (!baseline && !latest) return html`<span class="muted">No PHQ-9</span>`;
  const same = baseline && latest && baseline.taken_on === latest.taken_on && baseline.value === latest.value;
  return html`<span title=${[baseline && `Baseline ${formatDate(baseline.taken_on)}`,
    latest && `Latest ${formatDate(latest.taken_on)}`].filter(Boolean).join(' · ')}>
    ${baseline ? baseline.value : '—'}${!same && latest ? html` → <b>${latest.value}</b>` : ''}
    ${change != null && html` <span class=${`change${change <= -50 ? ' good' : ''}`}>(${formatChange(change)})</span>`}
  </span>`;
}

function formatChange(pct) {
  const rounded = Math.round(pct);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)} %`;
}

function OpenRecommendation({ rec, onFollowThrough }) {
  return html`<li data-recommendation-id=${rec.id}>
    <span class="rec-category">${rec.category_label}</span> ${rec.text}
    <div class="muted small">from the review of ${formatDate(rec.session_held_on)}</div>
    <div class="rec-actions">
      <button type="button" class="follow-done" onClick=${() => onFollowThrough(rec, 'done')}
        aria-label=${`PCP acted on: ${rec.text}`}>Done…</button>
      <button type="button" class="follow-declined" onClick=${() => onFollowThrough(rec, 'declined')}
        aria-label=${`PCP declined: ${rec.text}`}>Declined…</button>
    </div>
  </li>`;
}

function CurrentSession({ session, onEdit, onFollowThrough, onReopen }) {
  return html`
    <div class="panel session-panel" id="current-session" data-session-id=${session.id}>
      <header class="session-head">
        <h2>Session of ${formatDate(session.held_on)}</h2>
        <button type="button" id="edit-session" onClick=${onEdit}>Edit session</button>
      </header>
      <${Attendees} attendees=${session.attendees} />
      ${session.note && html`<p class="session-note">${session.note}</p>`}
      <p class="muted small">${session.discussed.length} discussed ·
        ${session.recommendations.length} ${session.recommendations.length === 1 ? 'recommendation' : 'recommendations'}</p>
      ${session.recommendations.length > 0 && html`<${Recommendations} recs=${session.recommendations}
        onFollowThrough=${onFollowThrough} onReopen=${onReopen} />`}
    </div>`;
}

function Attendees({ attendees }) {
  return html`<ul class="attendees">${attendees.map((a) => html`<li data-role=${a.role}>
    <b>${a.name}</b> <span class="muted">${a.role_label}</span></li>`)}</ul>`;
}

/** Recommendations with their follow-through; buttons only when `onFollowThrough` is given. */
function Recommendations({ recs, onFollowThrough, onReopen }) {
  return html`<table class="list recs-table">
    <thead><tr><th scope="col">Patient</th><th scope="col">Recommendation</th><th scope="col">PCP follow-through</th></tr></thead>
    <tbody>${recs.map((rec) => html`<tr data-recommendation-id=${rec.id} data-patient-id=${rec.patient_id}>
      <td>${rec.last_name}, ${rec.first_name}${rec.patient_removed && html` <span class="muted">(record removed)</span>`}</td>
      <td><span class="rec-category">${rec.category_label}</span> ${rec.text}</td>
      <td>
        <span class="follow" data-status=${rec.follow_through}>${rec.follow_through_label}${rec.follow_through_on
          && ` ${formatDate(rec.follow_through_on)}`}</span>
        ${onFollowThrough && rec.is_open && html`<span class="rec-actions">
          <button type="button" class="follow-done" onClick=${() => onFollowThrough(rec, 'done')}>Done…</button>
          <button type="button" class="follow-declined" onClick=${() => onFollowThrough(rec, 'declined')}>Declined…</button>
        </span>`}
        ${onReopen && !rec.is_open && html`<button type="button" class="link follow-reopen"
          onClick=${() => onReopen(rec)}>Reopen</button>`}
      </td>
    </tr>`)}</tbody>
  </table>`;
}

function SessionList({ sessions, onView }) {
  if (sessions.length === 0) {
    return html`<p class="muted" id="review-sessions">No sessions recorded yet.</p>`;
  }
  return html`<div class="table-wrap"><table class="list" id="review-sessions">
    <thead><tr><th scope="col">Date</th><th scope="col">Attendees</th><th scope="col">Discussed</th>
      <th scope="col">Recommendations</th></tr></thead>
    <tbody>${sessions.map((s) => html`<tr key=${s.id} data-session-id=${s.id} onClick=${() => onView(s.id)}>
      <td><button type="button" class="link" onClick=${(e) => { e.stopPropagation(); onView(s.id); }}>
        ${formatDate(s.held_on)}</button></td>
      <td>${s.attendee_count}</td>
      <td>${s.patients_discussed}</td>
      <td>${s.recommendations_open} open · ${s.recommendations_closed} closed</td>
    </tr>`)}</tbody>
  </table></div>`;
}

/** A session as recorded, read-only. */
function PastSession({ id, onBack, onOpen }) {
  const [session, setSession] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api.reviewSession(id).then(setSession, (e) => setError(e.message)); }, [id]);
  useEffect(() => {
    const onKey = (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (event.key === 'Escape' && !typing && !document.querySelector('.modal')) onBack();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return html`
    <section class="review past-session" id="review-session-view" aria-labelledby="past-title">
      <nav class="crumbs"><button type="button" class="link" onClick=${onBack}>← Case review</button> <kbd>Esc</kbd></nav>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${!session && !error && html`<p class="loading">Loading…</p>`}
      ${session && html`
        <header class="section-head"><h1 id="past-title">Review session of ${formatDate(session.held_on)}</h1></header>
        <div class="panel" data-session-id=${session.id}>
          <h2>Attendees</h2>
          <${Attendees} attendees=${session.attendees} />
          ${session.note && html`<p class="session-note">${session.note}</p>`}
          <h2>Discussed</h2>
          ${session.discussed.length === 0 && html`<p class="muted">No patients recorded as discussed.</p>`}
          <ul class="discussed">${session.discussed.map((d) => html`<li data-patient-id=${d.patient_id}>
            ${d.patient_removed
              ? html`<b>${d.last_name}, ${d.first_name}</b> <span class="muted">(record removed)</span>`
              : html`<button type="button" class="link" onClick=${() => onOpen(d.patient_id)}>${d.last_name}, ${d.first_name}</button>`}
            <span class="muted mono small"> ${d.mrn}</span>
            ${d.reasons.length > 0 && html`<ul class="reason-details small">${d.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}
          </li>`)}</ul>
          <h2>Recommendations</h2>
          ${session.recommendations.length === 0
            ? html`<p class="muted">No recommendations.</p>`
            : html`<${Recommendations} recs=${session.recommendations} />`}
        </div>`}
    </section>`;
}

/** Starting a session (`session` absent) or editing one; attendees are rows of name and role. */
function SessionForm({ session, heldOn, previousId, onSaved, onClose }) {
  const form = useForm({ held_on: session?.held_on ?? heldOn, note: session?.note ?? '' });
  const [attendees, setAttendees] = useState(session
    ? session.attendees.map((a) => ({ name: a.name, role: a.role }))
    : [{ name: '', role: 'psychiatrist' }, { name: '', role: 'pcp' }, { name: '', role: 'coordinator' }]);

  // A new session starts with last session's team: it is usually the same people.
  useEffect(() => {
    if (session || !previousId) return;
    api.reviewSession(previousId).then((previous) => {
      if (previous.attendees.length > 0) {
        setAttendees(previous.attendees.map((a) => ({ name: a.name, role: a.role })));
      }
    }, () => {});
  }, []);

  const setRow = (i, field) => (event) => {
    const value = event.currentTarget.value;
    setAttendees((rows) => rows.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  };
  const addRow = () => setAttendees((rows) => [...rows, { name: '', role: 'other' }]);
  const removeRow = (i) => setAttendees((rows) => rows.filter((_, j) => j !== i));

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => {
      const draft = { ...values, attendees };
      return session ? api.updateReviewSession(session.id, draft) : api.createReviewSession(draft);
    });
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${session ? `Edit the session of ${formatDate(session.held_on)}` : 'Start a review session'}
      onClose=${onClose} id="session-dialog">
      <form onSubmit=${save} id="session-form" novalidate>
        <div class="grid">
          <${Field} form=${form} name="held_on" label="Date held" type="date" required max=${todayIso()}
            hint="Today, or an earlier day if you record it later" />
        </div>
        <fieldset class="attendee-rows">
          <legend>Attendees</legend>
          ${form.errors.attendees && html`<div class="field-error" role="alert" id="attendees-error">${form.errors.attendees}</div>`}
          ${attendees.map((row, i) => html`<${AttendeeRow} key=${i} i=${i} row=${row} errors=${form.errors}
            onName=${setRow(i, 'name')} onRole=${setRow(i, 'role')}
            onRemove=${attendees.length > 1 ? () => removeRow(i) : null} />`)}
          <button type="button" id="add-attendee" onClick=${addRow}>Add attendee</button>
        </fieldset>
        <${TextArea} form=${form} name="note" label="Note" rows="2" />
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="session-submit" disabled=${form.busy}>
            ${session ? 'Save session' : 'Start session'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

function AttendeeRow({ i, row, errors, onName, onRole, onRemove }) {
  const nameId = `attendee-${i}-name`;
  const roleId = `attendee-${i}-role`;
  const nameError = errors[`attendees.${i}.name`];
  const roleError = errors[`attendees.${i}.role`];
  return html`<div class="attendee-row" data-row=${i}>
    <div class=${`field${nameError ? ' has-error' : ''}`}>
      <label for=${nameId}>Attendee ${i + 1} name<span class="required" aria-hidden="true"> *</span></label>
      <input id=${nameId} value=${row.name} onInput=${onName} required autocomplete="off"
        aria-invalid=${nameError ? 'true' : undefined} aria-describedby=${nameError ? `${nameId}-error` : undefined} />
      ${nameError && html`<div class="field-error" id=${`${nameId}-error`} role="alert">${nameError}</div>`}
    </div>
    <div class=${`field${roleError ? ' has-error' : ''}`}>
      <label for=${roleId}>Role</label>
      <select id=${roleId} value=${row.role} onChange=${onRole}
        aria-invalid=${roleError ? 'true' : undefined} aria-describedby=${roleError ? `${roleId}-error` : undefined}>
        ${ROLES.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select>
      ${roleError && html`<div class="field-error" id=${`${roleId}-error`} role="alert">${roleError}</div>`}
    </div>
    ${onRemove
      ? html`<button type="button" class="remove-attendee" onClick=${onRemove}
          aria-label=${`Remove attendee ${i + 1}`} title="Remove">Remove</button>`
      : html`<span></span>`}
  </div>`;
}

/** Recording that a listed patient was discussed, with the recommendation if any. */
function DiscussionForm({ session, row, already, onSaved, onClose }) {
  const form = useForm({ 'recommendation.category': '', 'recommendation.text': '' });

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => {
      const category = values['recommendation.category'];
      const text = values['recommendation.text'];
      return api.recordDiscussion({
        session_id: session.id,
        patient_id: row.patient_id,
        // A repeat keeps what was recorded the first time (the core does so for an empty list).
        reasons: already ? [] : row.reasons.map((r) => r.text),
        recommendation: category || text.trim() ? { category, text } : null,
      });
    });
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${`Discussion: ${row.first_name} ${row.last_name}`} onClose=${onClose} id="discussion-dialog">
      <form onSubmit=${save} id="discussion-form" novalidate>
        <p class="muted">Review of ${formatDate(session.held_on)}. On the list for:</p>
        <ul class="reason-details">${row.reasons.map((r) => html`<li>${r.text}</li>`)}</ul>
        ${already && html`<p class="hint">Already recorded as discussed; a recommendation entered here is added.</p>`}
        <div class="grid">
          <${Select} form=${form} name="recommendation.category" label="Recommendation"
            options=${[['', 'No recommendation'], ...CATEGORIES]} />
        </div>
        <${TextArea} form=${form} name="recommendation.text" label="What the consultant recommends" rows="3" />
        ${form.errors.reasons && html`<div class="field-error" role="alert">${form.errors.reasons}</div>`}
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="discussion-submit" disabled=${form.busy}>
            Record discussion <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}

/** The PCP acted on a recommendation (done) or decided against it (declined), on a date. */
function FollowThroughForm({ rec, status, onSaved, onClose }) {
  const form = useForm({ on: todayIso() });

  async function save(event) {
    event.preventDefault();
    const result = await form.submit((values) => api.followThrough(rec.id, status, values.on));
    if (result) onSaved(result);
  }

  return html`
    <${Modal} title=${status === 'done' ? 'The PCP acted on the recommendation' : 'The PCP declined the recommendation'}
      onClose=${onClose} id="follow-through-dialog">
      <form onSubmit=${save} id="follow-through-form" novalidate>
        <p><span class="rec-category">${rec.category_label}</span> ${rec.text}</p>
        <p class="muted small">For ${rec.first_name} ${rec.last_name}, from the review of ${formatDate(rec.session_held_on)}.</p>
        <div class="grid">
          <${Field} form=${form} name="on" label=${status === 'done' ? 'Date acted on' : 'Date declined'} type="date"
            required min=${rec.session_held_on} max=${todayIso()} />
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="follow-through-submit" disabled=${form.busy}>
            ${status === 'done' ? 'Mark done' : 'Mark declined'} <kbd>Enter</kbd></button>
        </div>
      </form>
    <//>`;
}
