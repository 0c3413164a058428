// Resolving what was read against the publication date, and adding the mentions.
import type { DateMention } from '../dates';
import type { DatePrecision } from '../dateLexicon';
import { addDays, fromIso, monthSpan, toIso, weekdayOf, yearSpan } from './calendars';
import type { Atom, DateScan, Resolved } from './context';

/** The days an absolute date means, resolved against the publication date where it lacks a year. */
export function resolveDate(scan: DateScan, a: Atom): Resolved | undefined {
  const { published, tolerance } = scan;
  const cal = a.calendar;
  const precision: DatePrecision = a.day !== undefined ? 'day' : a.month !== undefined || a.monthRel !== undefined ? 'month' : 'year';
  let year = a.year;
  let month = a.month;
  if (a.monthRel !== undefined) {
    if (!published) return { start: null, end: null, precision };
    const p = fromIso(published, cal);
    const idx = p.y * 12 + p.m - 1 + a.monthRel;
    year = Math.floor(idx / 12);
    month = (idx % 12) + 1;
  }
  if (year === undefined && month !== undefined && published) {
    const p = fromIso(published, cal);
    if (a.yearOffset !== undefined) year = p.y + a.yearOffset;
    else if (a.monthOffset === -1) year = month < p.m ? p.y : p.y - 1;
    else if (a.monthOffset === 0) year = p.y;
    else if (a.monthOffset === 1) year = month > p.m ? p.y : p.y + 1;
    else {
      const limit = addDays(published, tolerance);
      year = p.y - 1;
      for (let y = p.y + 1; y >= p.y - 1; y--) {
        const iso = toIso(cal, y, month, a.day ?? 1);
        if (iso && iso <= limit) { year = y; break; }
      }
    }
  }
  if (year === undefined) return { start: null, end: null, precision };
  let span: [string, string] | null;
  if (a.day !== undefined && month !== undefined) {
    const iso = toIso(cal, year, month, a.day);
    span = iso ? [iso, iso] : null;
  } else if (month !== undefined) span = monthSpan(cal, year, month);
  else span = yearSpan(cal, year);
  if (!span) return undefined;
  return { start: span[0], end: span[1], precision, year };
}

/** The day a weekday means, on or before the publication date (strictly before or after with a modifier). */
function resolveWeekday(scan: DateScan, a: Atom): Resolved {
  const published = scan.near;
  if (!published) return { start: null, end: null, precision: 'day' };
  const w0 = weekdayOf(published);
  const w = a.weekday!;
  const diff = a.weekdayOffset === -1 ? -(((w0 - w + 7) % 7) || 7) : a.weekdayOffset === 1 ? ((w - w0 + 7) % 7) || 7 : -((w0 - w + 7) % 7);
  const iso = addDays(published, diff);
  return { start: iso, end: iso, precision: 'day' };
}

/** The days a relative date means, from the publication date. */
export function resolveRelative(scan: DateScan, a: Atom): Resolved {
  const { unit, offset } = a.rel!;
  // Days and weeks count from a day near them; months and years from the article's time.
  const published = unit === 'day' || unit === 'week' ? scan.near : scan.published;
  const precision: DatePrecision = a.rel!.precision ?? (unit === 'month' ? 'month' : unit === 'year' ? 'year' : 'day');
  if (!published) return { start: null, end: null, precision };
  let span: [string, string] | null = null;
  if (unit === 'day') span = [addDays(published, offset), addDays(published, offset)];
  else if (unit === 'week') {
    const s = offset < 0 ? addDays(published, 7 * offset) : offset === 0 ? addDays(published, -6) : addDays(published, 7 * offset - 6);
    span = [s, offset === 0 ? published : addDays(s, 6)];
  } else {
    const p = fromIso(published, a.calendar);
    if (unit === 'month') {
      const idx = p.y * 12 + p.m - 1 + offset;
      span = monthSpan(a.calendar, Math.floor(idx / 12), (idx % 12) + 1);
    } else span = yearSpan(a.calendar, p.y + offset);
  }
  return span ? { start: span[0], end: span[1], precision } : { start: null, end: null, precision };
}

function textOf(scan: DateScan, s: number, e: number): string {
  const { tokens } = scan;
  let t = tokens[s].text;
  for (let k = s + 1; k < e; k++) t += tokens[k].gap + tokens[k].text;
  return t;
}
function partsOf(scan: DateScan, a: Atom): DateMention['parts'] {
  const p: NonNullable<DateMention['parts']> = {};
  if (a.year !== undefined && !a.inherited) p.year = a.year;
  if (a.month !== undefined) p.month = a.month;
  if (a.day !== undefined) p.day = a.day;
  return p;
}

const out: DateMention[] = [];
/** Adds a date mention to what the scan found. */
export function emit(scan: DateScan, a: Atom, r: Resolved, s = a.from, e = a.to, range = false, b?: Atom): void {
  const { out } = scan;
  const m: DateMention = { from: s, to: e, start: r.start, end: r.end, precision: r.precision, calendar: a.calendar, text: textOf(scan, s, e) };
  if (a.rel) m.relative = { unit: a.rel.unit, offset: a.rel.offset };
  else if (a.monthRel !== undefined) m.relative = { unit: 'month', offset: a.monthRel };
  else if (a.yearOffset !== undefined) m.relative = { unit: 'year', offset: a.yearOffset };
  if (a.weekday !== undefined) m.weekday = a.weekday;
  if (!a.rel && (a.month !== undefined || a.year !== undefined)) m.parts = partsOf(scan, a);
  if (range) m.range = true;
  if (b && !b.rel && (b.month !== undefined || b.year !== undefined)) m.endParts = partsOf(scan, b);
  out.push(m);
}
/** Resolves an absolute date or a weekday and adds it; false when it names no day. */
export function emitDate(scan: DateScan, a: Atom, s = a.from, e = a.to): boolean {
  const r = a.month === undefined && a.year === undefined && a.monthRel === undefined && a.weekday !== undefined ? resolveWeekday(scan, a) : resolveDate(scan, a);
  if (!r) return false;
  emit(scan, a, r, s, e);
  return true;
}

