// Turning stored values into what a coordinator reads. The store keeps UTC timestamps
// and plain dates; people read local time. Measure values are worded with the
// catalogue's units (catalogue.js), so these helpers run only after it has loaded.
import { quantitiesOf, unitOf } from './catalogue.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
});

/** A plain YYYY-MM-DD date, shown without any time-zone shift. */
export function formatDate(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return dateFormat.format(new Date(y, m - 1, d));
}

/** A UTC timestamp, in local time. */
export function formatDateTime(timestamp) {
  const when = new Date(timestamp);
  return Number.isNaN(when.getTime()) ? timestamp : dateTimeFormat.format(when);
}

/** "today", "yesterday", "3 days ago", or a date, for the last-activity column. */
export function formatAgo(timestamp) {
  const when = new Date(timestamp);
  if (Number.isNaN(when.getTime())) return '—';
  const startOfDay = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(new Date()) - startOfDay(when)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  return dateFormat.format(when);
}

/** "today", "yesterday", "14 days ago", from a number of days. */
export function formatAgeDays(days) {
  if (days === null || days === undefined) return '';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** 16 → "16", 8.43 → "8.4", nothing → "—". */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  const rounded = Math.round(Number(value) * 10) / 10;
  return String(rounded);
}

/** −44 % (typographic minus), +13 %, 0 %; nothing for a missing change. */
export function formatChange(pct) {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '';
  const rounded = Math.round(pct);
  if (rounded === 0) return '0 %';
  return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded)} %`;
}

/** A stored value of a measure (`{value, value2}`) as read: "8.4 %", "16", and for a
 *  measure of two quantities (blood pressure) "152/94", without the unit. */
export function formatMeasure(kind, stored) {
  const parts = quantitiesOf(kind);
  if (parts.length > 1) return parts.map((q) => formatNumber(stored[q.component])).join('/');
  const unit = unitOf(kind);
  const value = formatNumber(stored[parts[0]?.component ?? 'value']);
  return unit ? `${value} ${unit}` : value;
}

/** Today's local date as YYYY-MM-DD, for date inputs. */
export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Now as a date-time input wants it, local time: YYYY-MM-DDTHH:MM. */
export function nowIsoMinute() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${todayIso()}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The local date `days` after a YYYY-MM-DD date, as YYYY-MM-DD. */
export function addDays(isoDate, days) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const next = new Date(y, m - 1, d + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from, to) {
  const day = (iso) => {
    const [y, m, d] = String(iso).split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}

const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A date a coordinator acts on: "Tue 2026-11-24". The weekday, because follow-ups
 *  count business days; the digits, because the core words its worklist details and
 *  messages with them, and a line should read like its detail. */
export function formatDay(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return `${weekdayFormat.format(new Date(y, m - 1, d))} ${isoDate}`;
}

/** "Nov 20" for a date this year, "Nov 20, 2025" otherwise: for narrow list columns. */
export function formatShortDate(isoDate) {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const date = new Date(y, m - 1, d);
  return y === new Date().getFullYear() ? shortDateFormat.format(date) : dateFormat.format(date);
}

/** "due today", "overdue 1 day", "overdue 12 days", "due in 3 days", from the core's
 *  days past due (negative: not due yet). */
export function formatDue(overdueDays) {
  if (overdueDays === null || overdueDays === undefined) return '';
  if (overdueDays === 0) return 'due today';
  const n = Math.abs(overdueDays);
  const days = `${n} ${n === 1 ? 'day' : 'days'}`;
  return overdueDays > 0 ? `overdue ${days}` : `due in ${days}`;
}

export const fieldLabels = {
  mrn: 'MRN',
  first_name: 'First name',
  last_name: 'Last name',
  birth_date: 'Date of birth',
  sex: 'Sex',
  phone: 'Phone',
  address_line: 'Address',
  city: 'City',
  state: 'State',
  postal_code: 'Postal code',
  preferred_language: 'Preferred language',
  pcp_name: 'PCP',
  payer: 'Payer',
  emergency_contact_name: 'Emergency contact',
  emergency_contact_relation: 'Relationship',
  emergency_contact_phone: 'Emergency contact phone',
  note: 'Note',
  program: 'Program',
  status: 'Status',
  on: 'Date',
  consent_on: 'Consent date',
  referral_source: 'Referral source',
  referred_by: 'Referred by',
  reason: 'Reason',
  kind: 'Kind',
  facility: 'Facility',
  admitted_on: 'Admitted',
  discharged_on: 'Discharged',
  heard_from: 'Heard from',
};

export const statusLabels = {
  referred: 'Referred',
  screening: 'Screening',
  active: 'Active',
  graduated: 'Graduated',
  'relapse-watch': 'Relapse watch',
  disenrolled: 'Disenrolled',
};

export const reasonLabels = {
  declined: 'Declined',
  unreachable: 'Unreachable',
  moved: 'Moved',
  deceased: 'Deceased',
  other: 'Other',
};

export const sexLabels = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };
