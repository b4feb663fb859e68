// The fields of an appointment a column mapping names, in the core's `Mapping` order,
// and how a preset's columns land on a file's header. Headers are matched as the core
// matches them (trimmed, case-insensitive), so "visit type" in a file fits a preset's
// "Visit Type".

/** [key in the mapping, label, required]. Date and MRN make a row someone's appointment. */
export const FIELDS = [
  ['date', 'Date', true],
  ['time', 'Time', false],
  ['mrn', 'MRN', true],
  ['patient_name', 'Patient name', false],
  ['provider', 'Provider', false],
  ['visit_type', 'Visit type', false],
  ['department', 'Department / location', false],
  ['status', 'Status', false],
];

export const EMPTY_MAPPING = Object.fromEntries(FIELDS.map(([key]) => [key, '']));

const fold = (text) => String(text ?? '').trim().toLowerCase();

/** The file's header that `column` names, or '' when the file has no such column. */
export function headerFor(headers, column) {
  if (!column) return '';
  return headers.find((h) => fold(h) === fold(column)) ?? '';
}

/** A preset's mapping laid on the file: each field's column as the file spells it, and
 *  the preset's columns the file lacks (field → column), to say so by their selects. */
export function fitPreset(preset, headers) {
  const mapping = { ...EMPTY_MAPPING };
  const missing = {};
  for (const [key] of FIELDS) {
    const column = preset?.mapping?.[key] ?? '';
    mapping[key] = headerFor(headers, column);
    if (column && !mapping[key]) missing[key] = column;
  }
  return { mapping, missing };
}

/** The mapping as the core takes it: optional fields left unmapped are null. */
export function toCore(mapping) {
  return Object.fromEntries(FIELDS.map(([key, , required]) => [key, mapping[key] || (required ? '' : null)]));
}

/** Which field (label) each mapped header holds, for the preview's highlighting. */
export function fieldsByHeader(mapping) {
  const out = new Map();
  for (const [key, label] of FIELDS) {
    const column = mapping[key];
    if (column) out.set(column, [...(out.get(column) ?? []), label]);
  }
  return out;
}
