// The date finder's passes, tried in order at each token.
import type { DatePrecision } from '../dateLexicon';
import { isDayOnly, isYearOnly, type Atom, type DateScan, type Opts } from './context';
import { dateAt, joinEnds, relativeAt, weekdayAt } from './reading';
import { emit, emitDate, resolveDate, resolveRelative } from './resolve';

export { DateScan, dateStarts, dateWord, type DateWord } from './context';
export { ISO } from './calendars';

/**
 * A pass of the date finder at token `i`: the token after what it read (and emitted), or undefined
 * when nothing it reads starts there and the next pass is tried.
 */
export type DatePass = (scan: DateScan, i: number) => number | undefined;

/** Pass: a token that is no number and begins no date word starts no date. */
function skipNonDateWord(scan: DateScan, i: number): number | undefined {
  const w = scan.words[i - scan.from];
  return !scan.tokens[i].digits && !w.begins && !w.number ? i + 1 : undefined;
}

/** Pass: words that look like dates and are not ("in the 1990s", "May God"), unless a relative date reads further. */
function skipNotDates(scan: DateScan, i: number): number | undefined {
  const nd = scan.at(scan.d.notDates, i);
  return nd && !((scan.at(scan.d.relative, i)?.to ?? 0) > nd.to) ? nd.to : undefined;
}

/** Pass: a weekday, alone or before a date ("on Sunday", "الأحد الماضي", "Monday, July 18"). */
function weekday(scan: DateScan, i: number): number | undefined {
  const wd = weekdayAt(scan, i);
  if (!wd) return undefined;
  emitDate(scan, wd);
  return wd.to;
}

/** Pass: a relative date ("yesterday", "three days ago", "الأسبوع الماضي", "سه روز پیش"). */
function relative(scan: DateScan, i: number): number | undefined {
  const rel = relativeAt(scan, i);
  if (!rel) return undefined;
  emit(scan, rel, resolveRelative(scan, rel));
  return rel.to;
}

/** Pass: an absolute date, or a range or list of two ("from 5 to 12 June", "۵ تا ۱۲ خرداد", "2014-2016"); always moves on. */
function absoluteOrRange(scan: DateScan, i: number): number {
  const { d, to } = scan;
  const op = scan.at(d.rangeOpeners, i);
  const k = op ? op.to : i;
  const a = dateAt(scan, k, { dayOnly: true, bareYear: true, inRange: !!op });
  if (!a) return i + 1;
  // The other end of a range or list: "to 12 June", "و12 يونيو", "تا ۱۲ خرداد", "-12 June".
  let b: Atom | undefined;
  let list = false;
  if (a.to < to) {
    const rj = scan.at(d.rangeJoiners, a.to);
    const oj = rj ? undefined : scan.at(d.rangeOpenerJoiners, a.to);
    const opts: Opts = { dayOnly: a.month !== undefined && a.day !== undefined, bareYear: isYearOnly(a), inRange: true };
    if (rj || oj) {
      b = dateAt(scan, (rj ?? oj)!.to, opts);
      list = !rj && !op;
    } else if (/^\s*-\s*$/.test(scan.gap(a.to))) b = dateAt(scan, a.to, opts);
  }
  if (b && joinEnds(scan, a, b)) {
    if (list) {
      emitDate(scan, a);
      emitDate(scan, b);
      return b.to;
    }
    const rb = resolveDate(scan, b);
    if (rb && a.inherited && b.year === undefined && rb.year !== undefined) a.year = rb.year;
    let ra = resolveDate(scan, a);
    if (ra && rb && ra.start && rb.start && ra.start > rb.start && a.inherited && a.year !== undefined) {
      a.year -= 1;
      ra = resolveDate(scan, a);
    }
    if (ra && rb) {
      const order = ['day', 'month', 'year'];
      const precision = order[Math.max(order.indexOf(ra.precision), order.indexOf(rb.precision))] as DatePrecision;
      const resolved = ra.start && rb.end ? { start: ra.start <= rb.end ? ra.start : rb.start, end: ra.start <= rb.end ? rb.end : ra.end, precision } : { start: null, end: null, precision };
      emit(scan, a, resolved, op ? i : a.from, b.to, true, b);
      return b.to;
    }
  }
  if (isDayOnly(a) || a.bare) return i + 1;
  emitDate(scan, a);
  return a.to;
}

/**
 * The passes of the date finder, tried in this order at each token until one reads something
 * there; the last always moves on. {@link findDates} runs them from the first token to the last.
 */
export const datePasses = [skipNonDateWord, skipNotDates, weekday, relative, absoluteOrRange] as const satisfies readonly DatePass[];

/** Runs {@link datePasses} over the scan's tokens; the dates found are left in `scan.out`, in text order. */
export function scanDates(scan: DateScan): void {
  let i = scan.from;
  while (i < scan.to) {
    for (const pass of datePasses) {
      const next = pass(scan, i);
      if (next !== undefined) { i = next; break; }
    }
  }
}
