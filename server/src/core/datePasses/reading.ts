// Reading one date at a token: days, months, years, weekdays, relative dates, ranges' ends.
import type { DateCalendar } from '../dateLexicon';
import { parseNumber } from '../numbers';
import { maxDays, plausibleYear } from './calendars';
import { hasYearInfo, isDayOnly, isYearOnly, type Atom, type DateScan, type Opts } from './context';

/** A day: a number of one or two digits (with an ordinal suffix: "5th"), or an ordinal word. */
function dayAt(scan: DateScan, k: number): { value: number; to: number; word: boolean } | undefined {
  const { d, tokens, to } = scan;
  if (k >= to) return undefined;
  const t = tokens[k];
  if (t.digits) {
    if (!/^\d{1,2}$/.test(t.text)) return undefined;
    const v = Number(t.text);
    if (v < 1 || v > 31) return undefined;
    if (k + 1 < to && tokens[k + 1].gap === '' && d.ordinalSuffixes.has(tokens[k + 1].text)) return { value: v, to: k + 2, word: true };
    return { value: v, to: k + 1, word: false };
  }
  const o = scan.at(d.ordinals, k);
  return o ? { value: o.value, to: o.to, word: true } : undefined;
}

/** A month's name, with its suffix and a second name of the same month ("أغسطس/آب"). */
function monthAt(scan: DateScan, k: number): { to: number; calendar: DateCalendar; month: number; guard: 0 | 1 | 2 } | undefined {
  const { d, to } = scan;
  const m = scan.at(d.months, k);
  if (!m) return undefined;
  let j = m.to;
  let guard = m.value.guard;
  const suffix = () => {
    const s = scan.tight(j) ? scan.at(d.monthSuffixes, j) : undefined;
    if (s) { j = s.to; guard = 0; }
  };
  suffix();
  // Two names of one month: "أغسطس/آب", "تشرين الأول/أكتوبر", "مايو (أيار)", "مايو ايار".
  if (j < to && /^\s*[/(]?\s*$/.test(scan.gap(j))) {
    const m2 = scan.at(d.months, j);
    if (m2 && m2.value.calendar === m.value.calendar && m2.value.month === m.value.month) {
      j = m2.to;
      guard = 0;
      suffix();
    }
  }
  return { to: j, calendar: m.value.calendar, month: m.value.month, guard };
}

/** The calendar a year is in, from the month's calendar, a marker after it, or its range. */
function yearCalendar(scan: DateScan, y: number, monthCal: DateCalendar | undefined, marker: DateCalendar | undefined): DateCalendar | undefined {
  const { d } = scan;
  if (marker) return (!monthCal || monthCal === marker) && plausibleYear(marker, y) ? marker : undefined;
  if (monthCal) return plausibleYear(monthCal, y) ? monthCal : undefined;
  if (plausibleYear('gregory', y)) return 'gregory';
  for (const r of d.yearRanges) if (y >= r.min && y <= r.max) return r.calendar;
  return undefined;
}

/** A year in digits (two digits where the lexicon says so), with a calendar marker after it. */
function yearAt(scan: DateScan, k: number, monthCal: DateCalendar | undefined, short = false): { value: number; to: number; calendar: DateCalendar; marked: boolean } | undefined {
  const { d, tokens, to } = scan;
  if (k >= to || !tokens[k].digits) return undefined;
  const sy = d.shortYears;
  let y: number;
  if (/^\d{4}$/.test(tokens[k].text)) y = Number(tokens[k].text);
  else if (short && sy && /^\d{2}$/.test(tokens[k].text) && (!monthCal || monthCal === sy.calendar) && !scan.countedAfter(k + 1)) {
    // "۲۸ تیر ۹۵", "سال ۹۵": two digits stand for a year of the century the data says.
    const v = Number(tokens[k].text);
    y = v < sy.pivot ? sy.below + v : sy.above + v;
    monthCal = sy.calendar;
  } else return undefined;
  let j = k + 1;
  // "1990s", "2016th": a word glued to the number that is not a year marker.
  if (j < to && scan.gap(j) === '' && !tokens[j].digits && !scan.at(d.yearAfter, j)) return undefined;
  let marker: DateCalendar | undefined;
  let marked = false;
  if (j < to && /^[\s.]*$/.test(scan.gap(j))) {
    const mk = scan.at(d.yearAfter, j);
    if (mk) { j = mk.to; marker = mk.value.calendar; marked = true; }
  }
  const calendar = yearCalendar(scan, y, monthCal, marker);
  return calendar ? { value: y, to: j, calendar, marked } : undefined;
}

/** "June last year", "يونيو من العام الماضي", "خرداد سال گذشته". */
function relativeYearAt(scan: DateScan, k: number): { offset: number; to: number } | undefined {
  const { d } = scan;
  if (!scan.tight(k)) return undefined;
  const c = scan.at(d.dayMonthConnectors, k);
  for (const j of c && scan.tight(c.to) ? [c.to, k] : [k]) {
    const r = scan.at(d.relative, j);
    if (r && r.value.unit === 'year') return { offset: r.value.offset, to: r.to };
  }
  return undefined;
}


/** A word before token `k` that makes a bare day number a date. */
function dayContextBefore(scan: DateScan, k: number): boolean {
  const { d } = scan;
  return scan.endingAt(d.dayContext, k) || scan.endingAt(d.monthContext, k) || scan.endingAt(d.rangeOpeners, k) || scan.endingAt(d.rangeJoiners, k) || scan.endingAt(d.rangeOpenerJoiners, k) || /-/.test(scan.gap(k));
}

/** A date written in digits: "2016-06-05", "5/6/2016", "05.06.2016". */
function numericAt(scan: DateScan, k: number): Atom | undefined {
  const { d, tokens, to } = scan;
  const t = tokens[k];
  if (!t.digits) return undefined;
  let parts: string[] | undefined;
  let end = k + 1;
  const dotted = /^(\d{1,4})\.(\d{1,2})\.(\d{1,4})$/.exec(t.text);
  if (dotted) parts = dotted.slice(1);
  else if (/^\d{1,4}$/.test(t.text) && k + 2 < to && tokens[k + 1].digits && tokens[k + 2].digits
    && /^\d{1,2}$/.test(tokens[k + 1].text) && /^\d{1,4}$/.test(tokens[k + 2].text)
    && ((scan.gap(k + 1) === '/' && scan.gap(k + 2) === '/') || (scan.gap(k + 1) === '-' && scan.gap(k + 2) === '-'))) {
    parts = [t.text, tokens[k + 1].text, tokens[k + 2].text];
    end = k + 3;
  }
  if (!parts) return undefined;
  const tryYmd = (y: number, m: number, dd: number): Atom | undefined => {
    const calendar = yearCalendar(scan, y, undefined, undefined);
    if (!calendar || m < 1 || m > 12 || dd < 1 || dd > maxDays(calendar, m)) return undefined;
    return { from: k, to: end, calendar, year: y, month: m, day: dd };
  };
  const [a, b, c] = parts.map(Number);
  if (parts[0].length === 4) return tryYmd(a, b, c);
  if (parts[2].length !== 4) return undefined;
  return d.numericOrder === 'mdy' ? tryYmd(c, a, b) ?? tryYmd(c, b, a) : tryYmd(c, b, a) ?? tryYmd(c, a, b);
}


/** An absolute date (or a date in a relative month) starting at token `k`. */
export function dateAt(scan: DateScan, k: number, opts: Opts): Atom | undefined {
  const { d, tokens, to } = scan;
  if (k >= to) return undefined;
  const numeric = numericAt(scan, k);
  if (numeric) return numeric;

  // Day first: "5 June 2016", "الخامس من يونيو", "۲۸ تیر ماه ۱۳۹۵", "the 5th of this month".
  const dy = dayAt(scan, k);
  if (dy) {
    let j = dy.to;
    const conn = scan.tight(j) ? scan.at(d.dayMonthConnectors, j) : undefined;
    if (conn) j = conn.to;
    const afterConnector = j;
    const mw = scan.tight(j) ? scan.at(d.monthWords, j) : undefined;
    if (mw) j = mw.to;
    const mo = scan.tight(j) ? monthAt(scan, j) : undefined;
    if (mo && dy.value <= maxDays(mo.calendar, mo.month)) {
      const a: Atom = { from: k, to: mo.to, calendar: mo.calendar, day: dy.value, month: mo.month };
      const y = scan.yearGap(a.to) || (a.to < to && /^\.\s*$/.test(scan.gap(a.to))) ? yearAt(scan, a.to, mo.calendar, true) : undefined;
      if (y) { a.year = y.value; a.to = y.to; }
      else {
        const ry = relativeYearAt(scan, a.to);
        if (ry) { a.yearOffset = ry.offset; a.to = ry.to; }
      }
      // A strict month (May, March) after a bare number needs more: "on 5 May", "5 May 2016", "LONDON, 5 May (Reuters)", not "5 may die".
      const ok = mo.guard < 2 || hasYearInfo(a) || dy.word || opts.inRange || dayContextBefore(scan, k) || a.to >= to || /[(-]/.test(scan.gap(a.to));
      if (ok) return a;
    }
    if (!mo) {
      const r = scan.tight(afterConnector) ? scan.at(d.relative, afterConnector) : undefined;
      if (r && r.value.unit === 'month' && (conn || dy.word)) {
        return { from: k, to: r.to, calendar: d.calendar, day: dy.value, monthRel: r.value.offset };
      }
    }
    if (opts.dayOnly && !mo) {
      const a: Atom = { from: k, to: dy.to, calendar: d.calendar, day: dy.value };
      const y = scan.soft(a.to) ? yearAt(scan, a.to, undefined) : undefined;
      if (y) { a.year = y.value; a.to = y.to; }
      return a;
    }
  }

  // Month first: "June 5, 2016", "يونيو 2016", "last June", "يونيو الماضي", "ماه می".
  let j = k;
  let monthOffset: number | undefined;
  const mb = scan.at(d.modifiersBefore, j);
  if (mb) { j = mb.to; monthOffset = mb.value; }
  const mw = scan.at(d.monthWords, j);
  if (mw) j = mw.to;
  const mo = monthAt(scan, j);
  if (mo) {
    const a: Atom = { from: k, to: mo.to, calendar: mo.calendar, month: mo.month };
    // A period may close an abbreviated month: "Oct. 26".
    const day = d.monthDay && mo.to < to && /^\.?\s*$/.test(scan.gap(mo.to)) ? dayAt(scan, mo.to) : undefined;
    if (day && day.value <= maxDays(mo.calendar, mo.month) && !(tokens[mo.to].digits && scan.countedAfter(day.to))) { a.day = day.value; a.to = day.to; }
    const y = scan.yearGap(a.to) || (a.day === undefined && a.to < to && /^\.\s*$/.test(scan.gap(a.to))) ? yearAt(scan, a.to, mo.calendar, true) : undefined;
    if (y) { a.year = y.value; a.to = y.to; }
    else {
      const ry = relativeYearAt(scan, a.to);
      if (ry) { a.yearOffset = ry.offset; a.to = ry.to; }
      else if (monthOffset === undefined && scan.tight(a.to)) {
        const ma = scan.at(d.modifiersAfter, a.to);
        if (ma) { monthOffset = ma.value; a.to = ma.to; }
      }
    }
    if (monthOffset !== undefined && a.day === undefined) a.monthOffset = monthOffset;
    else if (mb && a.year === undefined) return undefined;
    const ok = mo.guard === 0 || a.day !== undefined || hasYearInfo(a) || !!mw || scan.endingAt(d.monthContext, j) || scan.endingAt(d.monthWords, j);
    if (ok) return a;
    return undefined;
  }

  // A year: "عام 2016", "سال ۱۳۹۵", "in 2016", "1445 هـ", "2016م".
  const yb = scan.at(d.yearBefore, k);
  if (yb) {
    const y = scan.tight(yb.to) ? yearAt(scan, yb.to, undefined, !yb.value.weak) : undefined;
    if (y && (!yb.value.weak || (y.calendar === 'gregory' && y.value >= 1900 && y.value <= 2100 && !scan.countedAfter(y.to)))) {
      return { from: yb.value.weak ? yb.to : k, to: y.to, calendar: y.calendar, year: y.value };
    }
    return undefined;
  }
  const y = yearAt(scan, k, undefined);
  if (y && (y.marked || (opts.bareYear && y.value >= 1900 && y.value <= 2100 && !scan.countedAfter(y.to)))) {
    return { from: k, to: y.to, calendar: y.calendar, year: y.value, bare: !y.marked };
  }
  return undefined;
}

/** A weekday, alone ("on Sunday", "الأحد الماضي", "روز یکشنبه") or before a date ("Monday, July 18"). */
export function weekdayAt(scan: DateScan, k: number): Atom | undefined {
  const { d } = scan;
  let j = k;
  let marker = false;
  let offset: number | undefined;
  const mk = scan.at(d.weekdayMarkers, j);
  if (mk) { j = mk.to; marker = true; }
  const mb = scan.at(d.modifiersBefore, j);
  if (mb) { j = mb.to; offset = mb.value; }
  const w = scan.at(d.weekdays, j);
  if (!w) return undefined;
  let end = w.to;
  if (scan.soft(end)) {
    const date = dateAt(scan, end, {});
    if (date && date.day !== undefined && date.month !== undefined) return { ...date, from: k, weekday: w.value.day };
  }
  if (offset === undefined && scan.tight(end)) {
    const ma = scan.at(d.modifiersAfter, end);
    if (ma) { end = ma.to; offset = ma.value; }
  }
  if (w.value.guarded && !marker && offset === undefined) return undefined;
  return { from: k, to: end, calendar: d.calendar, weekday: w.value.day, weekdayOffset: offset };
}

/** Relative dates: "yesterday", "الأسبوع الماضي", "روز گذشته", "three days ago", "قبل يومين", "سه روز پیش". */
export function relativeAt(scan: DateScan, k: number): Atom | undefined {
  const { d, tokens, forms, lex, to } = scan;
  const r = scan.at(d.relative, k);
  if (r && !(scan.at(d.units, k) && scan.isNumberBefore(k))) {
    return { from: k, to: r.to, calendar: r.value.calendar ?? d.calendar, rel: { unit: r.value.unit, offset: r.value.offset, precision: r.value.precision } };
  }
  const datePartAt = (j: number) => j < to && (tokens[j].digits || !!scan.at(d.months, j));
  const ab = scan.at(d.agoBefore, k);
  if (ab) {
    let j = ab.to;
    const n = j < to ? parseNumber(tokens, forms, lex, j, to) : undefined;
    if (n) j = n.to;
    const u = scan.at(d.units, j);
    if (u && (n ? !u.value.count : !u.value.plural) && !datePartAt(u.to)) {
      const count = n?.value ?? u.value.count ?? 1;
      if (count > 0 && count < 1000) return { from: k, to: u.to, calendar: d.calendar, rel: { unit: u.value.unit, offset: -count } };
    }
  }
  const n = parseNumber(tokens, forms, lex, k, to);
  const u = scan.at(d.units, n ? n.to : k);
  if (u && (n ? !u.value.count : !u.value.plural)) {
    const aa = scan.at(d.agoAfter, u.to);
    const count = n?.value ?? u.value.count ?? 1;
    if (aa && count > 0 && count < 1000) return { from: k, to: aa.to, calendar: d.calendar, rel: { unit: u.value.unit, offset: -count } };
  }
  return undefined;
}

/** Fills the missing fields of two range ends from each other; false when they do not make a range. */
export function joinEnds(scan: DateScan, a: Atom, b: Atom): boolean {
  if (a.weekday !== undefined || b.weekday !== undefined || a.monthRel !== undefined || b.monthRel !== undefined) return false;
  if (isYearOnly(a) && isYearOnly(b)) {
    if (b.bare) b.calendar = a.calendar;
    if (a.bare && b.bare && a.calendar !== 'gregory') return false;
    return a.calendar === b.calendar && b.year! > a.year! && b.year! - a.year! <= 100;
  }
  if (a.bare || b.bare) return false;
  if (isDayOnly(a)) {
    if (b.month === undefined || b.day === undefined) return false;
    a.month = b.month;
    a.calendar = b.calendar;
    if (a.day! > maxDays(a.calendar, a.month)) return false;
    if (a.year === undefined) { a.year = b.year; a.yearOffset = b.yearOffset; a.monthOffset = b.monthOffset; a.inherited = true; }
    return true;
  }
  if (isDayOnly(b)) {
    if (a.month === undefined || a.day === undefined) return false;
    b.month = a.month;
    b.calendar = a.calendar;
    if (b.day! > maxDays(b.calendar, b.month)) return false;
    if (b.year !== undefined && !hasYearInfo(a)) { a.year = b.year; a.inherited = true; }
    else if (b.year === undefined) { b.year = a.year; b.yearOffset = a.yearOffset; b.monthOffset = a.monthOffset; }
    return true;
  }
  if (a.month === undefined || b.month === undefined || a.calendar !== b.calendar) return false;
  if (!hasYearInfo(a) && hasYearInfo(b)) { a.year = b.year; a.yearOffset = b.yearOffset; a.monthOffset = b.monthOffset; a.inherited = true; }
  else if (!hasYearInfo(b) && hasYearInfo(a)) { b.year = a.year; b.yearOffset = a.yearOffset; b.monthOffset = a.monthOffset; }
  return true;
}

