// Choosing who or what a referral is for when the referral form was opened without it:
// from the resource directory the patient is missing, from the patient page the
// service. A few typed letters search (the caseload's search for patients, the
// directory's for services); a click, or Enter on the field for the first match, picks.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate } from '../format.js';
import { FieldBox, describedBy } from './fields.js';

/** How long typing must pause before a search is sent. */
const PAUSE_MS = 150;
const SHOWN = 8;

/** A caseload row as `{ id, first_name, last_name, mrn, birth_date, age }`. The row is
 *  flat (the patient's fields sit on it, its `id` is the patient's); the nested
 *  `row.patient` is read too in case a caller hands one over. */
export function patientOfRow(row) {
  const p = row.patient ?? row;
  return {
    id: row.id ?? p.id ?? p.patient_id, first_name: p.first_name, last_name: p.last_name,
    mrn: p.mrn, birth_date: p.birth_date, age: p.age,
  };
}

function SearchPicker({ id, label, hint, error, search, optionClass, keyOf, Row, emptyText, onPick }) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState([]);
  const [problem, setProblem] = useState('');
  const [searched, setSearched] = useState(false);
  const ticket = useRef(0);
  const list = useRef(null);

  useEffect(() => {
    const mine = ++ticket.current;
    if (!text.trim()) {
      setRows([]);
      setSearched(false);
      return undefined;
    }
    const timer = setTimeout(async () => {
      try {
        const found = await search(text.trim());
        if (mine !== ticket.current) return;
        setRows(found.slice(0, SHOWN));
        setProblem('');
        setSearched(true);
      } catch (e) {
        if (mine === ticket.current) setProblem(e.message);
      }
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // Enter in the field must not send the whole referral form: it picks the first match.
  const onFieldKey = (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      if (rows[0]) onPick(rows[0]);
    } else if (event.key === 'ArrowDown' && rows.length > 0) {
      event.preventDefault();
      list.current?.querySelector('button')?.focus();
    }
  };
  const onOptionKey = (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const item = event.target.closest('li');
    const next = event.key === 'ArrowDown' ? item?.nextElementSibling : item?.previousElementSibling;
    if (next) next.querySelector('button')?.focus();
    else if (event.key === 'ArrowUp') document.getElementById(id)?.focus();
  };

  const shownError = error || problem;
  return html`
    <${FieldBox} id=${id} label=${label} error=${shownError} hint=${hint} wide required>
      <input id=${id} type="search" value=${text} autocomplete="off" spellcheck="false"
        onInput=${(e) => setText(e.currentTarget.value)} onKeyDown=${onFieldKey}
        aria-invalid=${shownError ? 'true' : undefined} aria-describedby=${describedBy(id, shownError, hint)}
        aria-controls=${`${id}-options`} />
    <//>
    ${rows.length > 0 && html`<ul class="picker-options" id=${`${id}-options`} ref=${list} onKeyDown=${onOptionKey}>
      ${rows.map((row) => html`<li key=${keyOf(row)}>
        <button type="button" class=${optionClass} data-id=${keyOf(row)} onClick=${() => onPick(row)}>
          <${Row} row=${row} /></button></li>`)}
    </ul>`}
    ${searched && rows.length === 0 && html`<p class="picker-empty muted small">${emptyText}</p>`}`;
}

function PatientRow({ row }) {
  const p = patientOfRow(row);
  return html`<span class="option-main">${p.last_name}, ${p.first_name}</span>
    <span class="option-sub"><span class="mono">${p.mrn}</span>${p.birth_date ? ` · born ${formatDate(p.birth_date)}` : ''}</span>`;
}

function ServiceRow({ row }) {
  return html`<span class="option-main">${row.name}</span>
    <span class="option-sub">${[row.organization_name, row.city].filter(Boolean).join(' · ')}
      ${row.verification?.stale && html` <span class="referral-stale">not verified lately</span>`}</span>`;
}

/** `onPick(patient)` with `{ id, first_name, last_name, mrn, ... }`. */
export function PatientPicker({ error, onPick }) {
  return html`<${SearchPicker} id="referral-patient" label="Patient" error=${error}
    hint="Type a name or an MRN" optionClass="patient-option"
    search=${async (text) => (await api.caseload({ text, limit: SHOWN })).rows ?? []}
    keyOf=${(row) => patientOfRow(row).id} Row=${PatientRow}
    emptyText="No patient matches." onPick=${(row) => onPick(patientOfRow(row))} />`;
}

/** `onPick(service)` with a ServiceHit (`{ id, name, organization_name, verification, ... }`). */
export function ServicePicker({ error, onPick }) {
  return html`<${SearchPicker} id="referral-service" label="Service" error=${error}
    hint="Type what they offer, a name or a place" optionClass="service-option"
    search=${async (text) => (await api.searchResources({ text, limit: SHOWN })).services ?? []}
    keyOf=${(row) => row.id} Row=${ServiceRow}
    emptyText="No service matches. Try fewer words." onPick=${onPick} />`;
}

/** What was picked, with a way to pick again. */
export function Picked({ id, label, children, onChange }) {
  return html`<div class="picked" id=${id}>
    <span class="picked-label">${label}</span>
    <div class="picked-what">${children}</div>
    ${onChange && html`<button type="button" class="small-button" onClick=${onChange}>Change</button>`}
  </div>`;
}
