// Opening hours on the service form: rows of days with an opening and a closing time
// ("Mon–Fri 09:00–17:00", "Sat 10:00–13:00"). The core checks each row and names the
// one that is wrong (`hours.N`, N counting rows from 0).
import { html } from '../html.js';
import { terms } from '../referrals/vocabulary.js';

let nextKey = 1;
const newRow = (days = [], opens = '', closes = '') => ({ key: nextKey++, days, opens_at: opens, closes_at: closes });

const WORKDAYS = ['mo', 'tu', 'we', 'th', 'fr'];

/** The form's rows for the service's own hours (`edit.hours`, HoursDraft). */
export function hoursRowsOf(hours) {
  return (hours ?? []).map((h) => newRow(h.days ?? [], h.opens_at ?? '', h.closes_at ?? ''));
}

/** The rows as the core's HoursDraft list. */
export function hoursDraft(rows) {
  return rows.map((r) => ({ days: r.days, opens_at: r.opens_at, closes_at: r.closes_at }));
}

/** The message for row `i` (`hours.i` or one of its parts). */
function rowError(errors, i) {
  const key = Object.keys(errors).find((k) => k === `hours.${i}` || k.startsWith(`hours.${i}.`));
  return key ? errors[key] : '';
}

export function HoursRows({ rows, onChange, errors }) {
  const week = terms('weekdays');
  const update = (i, patch) => onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const toggle = (i, day, on) => {
    const days = on ? [...rows[i].days, day] : rows[i].days.filter((d) => d !== day);
    update(i, { days: week.map((t) => t.value).filter((v) => days.includes(v)) });
  };
  const add = () => {
    onChange([...rows, newRow(rows.length === 0 ? WORKDAYS : [], '09:00', '17:00')]);
    setTimeout(() => document.querySelector(`#service-hours li:last-child input[type=checkbox]`)?.focus(), 0);
  };
  const remove = (i) => onChange(rows.filter((_, n) => n !== i));

  return html`
    <fieldset class="hours-edit" id="service-hours">
      <legend>Hours</legend>
      ${errors.hours && html`<div class="field-error" role="alert">${errors.hours}</div>`}
      ${rows.length === 0 && html`<p class="hint">No opening hours listed.</p>`}
      <ul class="hours-rows">
        ${rows.map((row, i) => {
          const error = rowError(errors, i);
          const errorId = `service-hours-${i}-error`;
          return html`<li key=${row.key} class=${`hours-row${error ? ' has-error' : ''}`} data-row=${i}>
            <fieldset class="hours-days" aria-describedby=${error ? errorId : undefined}>
              <legend class="visually-hidden">Days of hours row ${i + 1}</legend>
              ${week.map((t) => html`<label class="day-check" title=${t.label}>
                <input type="checkbox" id=${`service-hours-${i}-${t.value}`} checked=${row.days.includes(t.value)}
                  onChange=${(e) => toggle(i, t.value, e.currentTarget.checked)} />
                <span aria-hidden="true">${t.label.slice(0, 3)}</span><span class="visually-hidden">${t.label}</span>
              </label>`)}
            </fieldset>
            <label class="time-field">Opens
              <input type="time" id=${`service-hours-${i}-opens`} value=${row.opens_at}
                onInput=${(e) => update(i, { opens_at: e.currentTarget.value })}
                aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? errorId : undefined} />
            </label>
            <label class="time-field">Closes
              <input type="time" id=${`service-hours-${i}-closes`} value=${row.closes_at}
                onInput=${(e) => update(i, { closes_at: e.currentTarget.value })}
                aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? errorId : undefined} />
            </label>
            <button type="button" class="small-button hours-remove" onClick=${() => remove(i)}
              aria-label=${`Remove hours row ${i + 1}`}>Remove</button>
            ${error && html`<div class="field-error" id=${errorId} role="alert">${error}</div>`}
          </li>`;
        })}
      </ul>
      <button type="button" class="small-button" id="service-hours-add" onClick=${add}>Add hours</button>
    </fieldset>`;
}
