/**
 * What the user types when correcting Khabar (a figure's value, an event's date, a place's
 * coordinates), read into the curation file's fields. Pure: the unit tests import it.
 */

/** `12`, `10-12` (or `10–12`), `12+` (at least 12), with thousands separators; null when it is none of them. */
export function parseValue(text: string): { low: number; high: number | null } | null {
  const n = (s: string) => Number(s.replace(/[,\u066C\s]/g, ''));
  const t = text.trim();
  let m = /^(\d[\d,\u066C]*)\s*\+$/.exec(t);
  if (m) return { low: n(m[1]), high: null };
  m = /^(\d[\d,\u066C]*)(?:\s*[-\u2013\u2014]\s*(\d[\d,\u066C]*))?$/.exec(t);
  if (!m) return null;
  const low = n(m[1]), high = m[2] === undefined ? low : n(m[2]);
  return Number.isSafeInteger(low) && Number.isSafeInteger(high) && high >= low ? { low, high } : null;
}

const DAYS_IN_MONTH = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** One date as the export writes them: its first and last day and its precision; null when it is no date. */
function oneDate(text: string): { start: string; end: string; precision: 'day' | 'month' | 'year' } | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = m[2] ? Number(m[2]) : null, d = m[3] ? Number(m[3]) : null;
  if (mo !== null && (mo < 1 || mo > 12)) return null;
  if (d !== null && (d < 1 || d > DAYS_IN_MONTH(y, mo!))) return null;
  const pad = (v: number) => String(v).padStart(2, '0');
  if (d !== null) return { start: text.trim(), end: text.trim(), precision: 'day' };
  if (mo !== null) return { start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${pad(DAYS_IN_MONTH(y, mo))}`, precision: 'month' };
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' };
}

/** `2026-12-07`, `2026-12`, `2026`, or `start..end` (the range's precision is its start's); null when it is none of them or ends before it starts. */
export function parseDate(text: string): { start: string; end: string; precision: 'day' | 'month' | 'year' } | null {
  const [a, b, ...rest] = text.split('..');
  if (rest.length) return null;
  const from = oneDate(a);
  if (!from) return null;
  if (b === undefined) return from;
  const to = oneDate(b);
  if (!to || to.end < from.start) return null;
  return { start: from.start, end: to.end, precision: from.precision };
}

/** `lat, lon` as two numbers in range, or null. */
export function parseLatLon(text: string): [number, number] | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const lat = Number(m[1]), lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : null;
}
