// The weekly case review: the list the core builds for a review date (each patient with
// the reasons they are on it), the session held that day with its attendees, a
// discussion and recommendation per patient, the PCP's follow-through, and past
// sessions to read back; the agenda for the date shown prints from the header. Every rule (who is listed, which dates are allowed) is the
// core's; this screen shows its answers and its field messages.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { kindLabel } from '../catalogue.js';
import { formatDate, todayIso } from '../format.js';
import { ReviewRow } from '../review/review-list.js';
import { CurrentSession, SessionList } from '../review/session.js';
import { PastSession } from '../review/past-session.js';
import { SessionForm } from '../review/session-form.js';
import { DiscussionForm } from '../review/discussion-form.js';
import { FollowThroughForm } from '../review/follow-through-form.js';
import { PrintMenu, PrintNotice } from '../components/print-menu.js';

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
  const [printed, setPrinted] = useState(null);
  const latest = useRef(0);

  useEffect(() => { remembered = { weekOf, pastId }; }, [weekOf, pastId]);
  useEffect(() => { setPrinted(null); }, [weekOf]);

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
        <div class="head-actions">
          <${PrintMenu} id="print-review" label="Print agenda" kind="review" request=${{ date: weekOf }}
            what=${`the case-review agenda for ${formatDate(weekOf)}`} onStatus=${setPrinted} />
          ${!current && html`<button type="button" class="primary" id="start-session"
            onClick=${() => setDialog({ kind: 'session' })}>Start session</button>`}
        </div>
      </header>
      <${PrintNotice} status=${printed} id="review-print-notice" />
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
            <th scope="col">Patient</th><th scope="col">Program</th><th scope="col">${kindLabel('phq9')}</th>
            <th scope="col">Why on the list</th><th scope="col">Open recommendations</th>
            ${current && html`<th scope="col" aria-label="Discussion"></th>`}
          </tr></thead>
          <tbody>
            ${list.rows.map((row) => html`<${ReviewRow} key=${row.patient_id} row=${row} session=${current}
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
