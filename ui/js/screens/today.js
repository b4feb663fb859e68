// Today: the start screen. Who is coming in (the imported schedule, with what to
// prepare for each visit), then one worklist of everything due on a day, most urgent
// first (safety flags, discharge follow-ups, contacts due, letters, "consider
// unreachable", referrals to follow up, the coordinator's care-plan actions), each line
// with its reason and the one action that settles it, plus any note left unsaved. The core decides what is due
// and words why; this screen lets a coordinator work down the list from the keyboard:
// move, open, log, act.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { addDays, formatDay, todayIso } from '../format.js';
import { ContactForm, contactDraftKey, restoreDraft } from '../outreach/contact-form.js';
import { AcknowledgeForm } from '../patient/safety.js';
import { TransitionForm } from '../patient/enrollment-forms.js';
import { Drafts } from '../today/drafts.js';
import { isNoteDraft } from '../careplan/notes.js';
import { rememberTab } from '../patient/tabs.js';
import { WorkItem, countsText, itemKey } from '../today/work-item.js';
import { ReferralMoveDialog } from '../referrals/referral-move-form.js';
import { ComingIn } from '../today/coming-in.js';
import { BackupWarning } from '../today/backup-warning.js';

// The day shown and the line selected survive a visit to a patient and back.
let remembered = { date: null, key: null, index: 0 };

const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;

export function Today({ onOpen }) {
  const [date, setDate] = useState(remembered.date ?? todayIso());
  const [list, setList] = useState(null);
  const [selected, setSelected] = useState(remembered.index);
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const latest = useRef(0);
  const listRef = useRef(null);
  const items = list?.items ?? [];

  useEffect(() => {
    remembered = { date, key: items[selected] ? itemKey(items[selected]) : null, index: selected };
  }, [date, list, selected]);

  /** Reads the worklist again; the line `keep` stays selected if it is still there,
   *  else the selection stays where it was (on the line that took its place). */
  async function load(keep, index) {
    const ticket = ++latest.current;
    try {
      const result = await api.worklist(date);
      if (ticket !== latest.current) return;
      const found = keep ? result.items.findIndex((i) => itemKey(i) === keep) : -1;
      const next = found >= 0 ? found : Math.min(index, result.items.length - 1);
      setList(result);
      setSelected(Math.max(0, next));
      setError('');
    } catch (e) {
      if (ticket === latest.current) setError(e.message);
    }
  }
  useEffect(() => {
    const first = list === null;
    load(first ? remembered.key : null, first ? remembered.index : 0);
  }, [date]);

  const reload = () => load(items[selected] ? itemKey(items[selected]) : null, selected);
  const done = () => { setDialog(null); reload(); };

  /** The contact form for a line's patient; an unsaved note for them is carried on
   *  rather than started over (typing would otherwise replace it). */
  function openContact(item, initial) {
    const draft = list?.drafts.find((d) => d.key === contactDraftKey(item.patient_id));
    setDialog({ kind: 'contact', patient: item, initial, restored: restoreDraft(draft) });
  }

  /** Does what the line's action says; nothing is changed until the dialog is saved. */
  async function act(item) {
    setError('');
    setNotice('');
    try {
      if (item.action === 'log-contact') {
        openContact(item, { channel: 'phone' });
      } else if (item.action === 'log-letter') {
        openContact(item, { channel: 'letter', outcome: 'letter-sent' });
      } else if (item.action === 'acknowledge') {
        const overview = await api.measuresOverview(item.patient_id);
        const flag = overview.safety_flags.find((f) => f.id === item.subject_id && f.open);
        if (flag) setDialog({ kind: 'acknowledge', flag });
        else onOpen(item.patient_id);
      } else if (item.action === 'update-referral') {
        // The line's subject is the referral; once moved it leaves the list (or comes
        // back on its next follow-up day), so saving reloads the worklist.
        const referral = await api.referral(item.subject_id);
        setDialog({ kind: 'referral', referral });
      } else if (item.action === 'complete-action') {
        // One click: the care-plan action is done, and the line leaves the list.
        const done = await api.setActionStatus(item.subject_id, 'completed');
        setNotice(`Marked done: ${done.text} (${item.last_name}, ${item.first_name}).`);
        reload();
      } else if (item.action === 'disenroll') {
        const episodes = await api.enrollments(item.patient_id);
        const episode = episodes.find((e) => e.id === item.subject_id);
        if (episode?.allowed_next.includes('disenrolled')) setDialog({ kind: 'disenroll', episode });
        else onOpen(item.patient_id);
      } else {
        onOpen(item.patient_id);
      }
    } catch (e) {
      setError(e.message);
    }
  }

  useEffect(() => {
    const onKey = (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const tag = event.target.tagName;
      if (TYPING.test(tag) || document.querySelector('.modal') || items.length === 0) return;
      const item = items[selected] ?? items[0];
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key === 'ArrowDown' || key === 'j') setSelected(Math.min(selected + 1, items.length - 1));
      else if (key === 'ArrowUp' || key === 'k') setSelected(Math.max(selected - 1, 0));
      else if (key === 'Home') setSelected(0);
      else if (key === 'End') setSelected(items.length - 1);
      // Enter on a focused button is that button's.
      else if ((key === 'Enter' && tag !== 'BUTTON' && tag !== 'A') || key === 'o') onOpen(item.patient_id);
      else if (key === 'c') openContact(item, { channel: 'phone' });
      else if (key === 'a') act(item);
      else return;
      // Handled here: the key must not also reach the dialog it just opened.
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [list, selected]);

  useEffect(() => {
    listRef.current?.children[selected]?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, list]);

  /** A contact note reopens its form here; a progress note opens the patient's care
   *  plan, where the note form offers it back. */
  function openDraft(draft) {
    if (isNoteDraft(draft)) {
      rememberTab('careplan');
      onOpen(draft.patient_id);
    } else {
      setDialog({ kind: 'contact', patient: draft.patient, initial: {}, restored: restoreDraft(draft) });
    }
  }

  const today = todayIso();
  const pickDate = (next) => { if (next) setDate(next); };

  return html`
    <section class="today" id="today" aria-labelledby="today-title">
      <header class="section-head">
        <h1 id="today-title">Today</h1>
      </header>

      <${BackupWarning} />
      <${ComingIn} onOpen=${onOpen} />

      <header class="worklist-head">
        <h2 id="worklist-title">Worklist</h2>
        <div class="today-date">
          <label for="today-date">Day</label>
          <input type="date" id="today-date" value=${date} required
            onChange=${(e) => pickDate(e.currentTarget.value)} />
          <button type="button" id="today-today" disabled=${date === today} onClick=${() => pickDate(today)}>Today</button>
          <button type="button" id="today-tomorrow" onClick=${() => pickDate(addDays(today, 1))}>Tomorrow</button>
        </div>
      </header>
      <p class="today-counts" id="today-counts" aria-live="polite">
        ${date !== today && html`<b>${formatDay(date)}: </b>`}${list ? countsText(list.counts) : 'Loading…'}</p>
      ${error && html`<div class="form-error" role="alert">${error}</div>`}
      ${notice && html`<p class="notice today-notice" id="today-notice" role="status">${notice}</p>`}

      ${list && html`<${Drafts} drafts=${list.drafts} onChanged=${reload} onOpen=${openDraft} />`}

      ${list && items.length > 0 && html`
        <ol class="worklist" id="worklist" role="listbox" aria-label="Worklist" ref=${listRef}>
          ${items.map((item, i) => html`<${WorkItem} key=${itemKey(item)} item=${item} selected=${i === selected}
            onSelect=${() => setSelected(i)} onOpen=${() => onOpen(item.patient_id)}
            onAct=${() => { setSelected(i); act(item); }} />`)}
        </ol>
        <p class="shortcuts-legend" id="today-keys">
          <kbd>↓</kbd> <kbd>j</kbd> / <kbd>↑</kbd> <kbd>k</kbd> move · <kbd>Enter</kbd> <kbd>o</kbd> open the patient
          · <kbd>c</kbd> log a contact · <kbd>a</kbd> do the line's action</p>`}
      ${list && items.length === 0 && html`<div class="empty panel" id="worklist-empty">
        ${date === today ? 'Nothing due today.' : `Nothing due on ${formatDay(date)}.`}</div>`}

      ${dialog?.kind === 'contact' && html`<${ContactForm} patient=${dialog.patient} initial=${dialog.initial}
        restored=${dialog.restored} onSaved=${done} onClose=${done} />`}
      ${dialog?.kind === 'acknowledge' && html`<${AcknowledgeForm} flag=${dialog.flag} onSaved=${done}
        onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'disenroll' && html`<${TransitionForm} episode=${dialog.episode} to="disenrolled"
        initialReason="unreachable" onSaved=${done} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'referral' && html`<${ReferralMoveDialog} referral=${dialog.referral} onSaved=${done}
        onClose=${() => setDialog(null)} />`}
    </section>`;
}
