/**
 * Dates in a sentence: absolute dates in three calendars (Gregorian, Jalali, lunar Hijri), ranges,
 * weekdays and relative dates, resolved against the publication date when it is known. Every
 * word comes from `Lexicon.dates` (see `dateLexicon.ts`); this engine knows no language.
 *
 * Conventions:
 * - A day and month without a year is the most recent such date not after the publication date
 *   plus `toleranceDays` (7 by default). A month without a year likewise (its first day counts).
 * - "last June" / "يونيو الماضي" is the last June before the publication month; "next June" the
 *   first after it; "this June" the one of the publication year (in the month's calendar).
 * - A weekday ("on Sunday", "يوم الأحد", "روز یکشنبه") is the most recent such day on or before
 *   the publication date; with a past modifier ("last Sunday", "الأحد الماضي") strictly before it;
 *   with a future one ("next Sunday", "الأحد المقبل") strictly after it.
 * - Relative weeks are rolling windows of seven days: week −n is publication −7n … −7n+6 (so
 *   "last week" is publication −7 … −1), week 0 ("this week") is publication −6 … publication,
 *   week +n is publication +7n−6 … +7n. Their precision is `day` with start < end.
 * - Relative months and years are whole calendar months and years in the calendar of the
 *   language (Jalali for Persian "ماه گذشته", Gregorian for "ماه گذشته میلادی", Arabic and English).
 * - Hijri dates use the Umm al-Qura calendar (`islamic-umalqura`); Jalali dates the Persian
 *   (astronomical-arithmetic) calendar of `@internationalized/date`.
 * - Without a publication date, a relative date keeps `relative` and has `start` = `end` = null;
 *   a date without a year keeps what it read in `parts`; a weekday keeps `weekday`.
 */
import { CalendarDate, GregorianCalendar, IslamicUmalquraCalendar, PersianCalendar, toCalendar, type Calendar } from '@internationalized/date';
import type { CompiledDates, DateCalendar, DatePrecision, RelativeUnit } from './dateLexicon';
import { PhraseTrie, type CompiledLexicon, type FormList } from './lexicon';
import { fold } from './normalize';
import { parseNumber } from './numbers';
import { tokenize, type Token } from './tokenize';

export type { DateCalendar, DatePrecision, RelativeUnit } from './dateLexicon';

/** A date found over tokens `[from, to)`. */
export interface DateMention {
  /** Token indices, `to` exclusive. */
  from: number;
  to: number;
  /** First day meant, ISO yyyy-mm-dd (Gregorian); null when it cannot be resolved (relative or yearless without a publication date). */
  start: string | null;
  /** Last day meant, ISO yyyy-mm-dd; the last day of the month for month precision, Dec 31 (or the calendar's last day) for a year. */
  end: string | null;
  precision: DatePrecision;
  /** For relative dates: the unit and offset from the publication date ("yesterday" = day −1), kept when resolved. */
  relative?: { unit: RelativeUnit; offset: number };
  /** Calendar the text writes the date in (for relative months and years: the calendar of the arithmetic). */
  calendar: DateCalendar;
  /** Folded text of the tokens. */
  text?: string;
  /** The weekday the text names (0 = Sunday … 6 = Saturday), with or without a date. */
  weekday?: number;
  /** The fields the text gives, in `calendar` (the first end of a range), for absolute dates. */
  parts?: { year?: number; month?: number; day?: number };
  /** True for a range written with two ends ("from 5 to 12 June", "۵ تا ۱۲ خرداد", "2014-2016"). */
  range?: boolean;
  /** For a range, the fields its second end gives, in `calendar`. */
  endParts?: { year?: number; month?: number; day?: number };
}

/** What dates are resolved against. */
export interface DateContext {
  /** Publication date (ISO yyyy-mm-dd) or null when unknown. */
  published: string | null;
  /** How far after the publication date a yearless date may fall (default 7 days). */
  toleranceDays?: number;
}

// ---------------------------------------------------------------- calendars

const CALENDARS: Record<DateCalendar, Calendar> = {
  gregory: new GregorianCalendar(),
  persian: new PersianCalendar(),
  islamic: new IslamicUmalquraCalendar(),
};

interface Ymd { y: number; m: number; d: number }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(cal: DateCalendar, y: number, m: number): number {
  return CALENDARS[cal].getDaysInMonth(new CalendarDate(CALENDARS[cal], y, m, 1));
}

/** The Gregorian ISO date of day `d` of month `m` of year `y` in `cal`; null when there is no such day. */
function toIso(cal: DateCalendar, y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 || d > daysInMonth(cal, y, m)) return null;
  const g = cal === 'gregory' ? new CalendarDate(y, m, d) : toCalendar(new CalendarDate(CALENDARS[cal], y, m, d), CALENDARS.gregory);
  return `${String(g.year).padStart(4, '0')}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`;
}

function fromIso(iso: string, cal: DateCalendar): Ymd {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  if (cal === 'gregory') return { y, m, d };
  const c = toCalendar(new CalendarDate(y, m, d), CALENDARS[cal]);
  return { y: c.year, m: c.month, d: c.day };
}

function addDays(iso: string, n: number): string {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function weekdayOf(iso: string): number {
  const [, y, m, d] = ISO.exec(iso)!.map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function monthSpan(cal: DateCalendar, y: number, m: number): [string, string] | null {
  const s = toIso(cal, y, m, 1);
  const e = s && toIso(cal, y, m, daysInMonth(cal, y, m));
  return s && e ? [s, e] : null;
}

function yearSpan(cal: DateCalendar, y: number): [string, string] | null {
  const s = toIso(cal, y, 1, 1);
  const e = s && toIso(cal, y, 12, daysInMonth(cal, y, 12));
  return s && e ? [s, e] : null;
}

/** Years a text may plausibly give in each calendar. */
function plausibleYear(cal: DateCalendar, y: number): boolean {
  return cal === 'gregory' ? y >= 1800 && y <= 2200 : y >= 1200 && y <= 1600;
}

/** Longest a month can be in a calendar, whatever the year. */
function maxDays(cal: DateCalendar, m: number): number {
  if (cal === 'islamic') return 30;
  if (cal === 'persian') return m <= 6 ? 31 : 30;
  return m === 2 ? 29 : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

// ---------------------------------------------------------------- reading

/** One end of a date as read, before resolution. */
interface Atom {
  from: number;
  to: number;
  calendar: DateCalendar;
  day?: number;
  month?: number;
  year?: number;
  /** "June last year": year relative to the publication year. */
  yearOffset?: number;
  /** "last June" −1, "this June" 0, "next June" +1. */
  monthOffset?: number;
  /** "the fifth of this month": month relative to the publication month. */
  monthRel?: number;
  weekday?: number;
  /** −1 "last Sunday", 0, +1 "next Sunday"; undefined for a plain weekday. */
  weekdayOffset?: number;
  /** A relative date. */
  rel?: { unit: RelativeUnit; offset: number; precision?: DatePrecision };
  /** The year was taken from the other end of a range. */
  inherited?: boolean;
  /** A 4-digit number read as a year only because a range allows it. */
  bare?: boolean;
}

interface Resolved {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
  /** The year used, in the atom's calendar. */
  year?: number;
}

const hasYearInfo = (a: Atom): boolean => a.year !== undefined || a.yearOffset !== undefined || a.monthOffset !== undefined || a.monthRel !== undefined;
const isDayOnly = (a: Atom): boolean => a.day !== undefined && a.month === undefined && a.monthRel === undefined && a.weekday === undefined;
const isYearOnly = (a: Atom): boolean => a.year !== undefined && a.month === undefined && a.day === undefined;

/**
 * Finds the dates in tokens `[from, to)`: usually one sentence, but any range works (a dateline's
 * line, or two sentences that an abbreviation's period split: "Oct. 26"). `forms[k]` must hold the candidate forms
 * of token `k` for every `k` in the range, as `lex.forms(tokens[k])` gives them (the analyzer's
 * `forms` array); only their prefix-stripped forms are used, with `lex.nounForms`. Returns the dates in text order.
 */
const STARTS = new WeakMap<object, Set<string>>();
/** Words that begin some phrase of the date lexicon. */
function dateStarts(d: object): Set<string> {
  let set = STARTS.get(d);
  if (!set) {
    set = new Set();
    for (const v of Object.values(d)) if (v instanceof PhraseTrie) for (const w of v.firstWords()) set.add(w);
    STARTS.set(d, set);
  }
  return set;
}

const NUMBER_STARTS = new WeakMap<CompiledLexicon, Set<string>>();
/** First words of number words and vague quantities ("three days ago", "a few days ago"). */
function numberWordStarts(lex: CompiledLexicon): Set<string> {
  let set = NUMBER_STARTS.get(lex);
  if (!set) NUMBER_STARTS.set(lex, (set = new Set([...lex.numberWords.firstWords(), ...lex.vague.firstWords()])));
  return set;
}

/** What the date finder asks of a word, the same for every occurrence of it. */
interface DateWord {
  /** Forms with prefixes stripped (not suffixes), and noun forms ("Tuesday's attack", "عاما"). */
  pf: string[];
  /** Some form (any kind) begins a phrase of the date lexicon: the sentence is worth a look. */
  any: boolean;
  /** Some prefix form begins a phrase of the date lexicon. */
  begins: boolean;
  /** Some form begins a number word or a vague quantity ("three days ago", "a few days ago"). */
  number: boolean;
}

const DATE_WORDS = new WeakMap<CompiledLexicon, Map<string, DateWord>>();
function dateWord(lex: CompiledLexicon, token: Token, forms: readonly string[] | undefined, starts: Set<string>): DateWord {
  let cache = DATE_WORDS.get(lex);
  if (!cache) DATE_WORDS.set(lex, (cache = new Map()));
  const t = token.text;
  let w = cache.get(t);
  if (w) return w;
  const fs = forms ?? [t];
  const nouns = lex.nounForms(token);
  const f = new Set(fs.filter((x) => t.endsWith(x)));
  for (const x of nouns) f.add(x);
  const pf: FormList = f.size ? [...f] : [t];
  pf.beginsIn = lex.trieMask(pf);
  const numberStarts = numberWordStarts(lex);
  w = { pf, any: fs.some((x) => starts.has(x)) || nouns.some((x) => starts.has(x)), begins: pf.some((x) => starts.has(x)), number: fs.some((x) => numberStarts.has(x)) };
  if (cache.size > 50000) cache.clear();
  cache.set(t, w);
  return w;
}

export function findDates(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, from: number, to: number, context: DateContext): DateMention[] {
  const d = lex.dates;
  to = Math.min(to, tokens.length);
  if (!d || from >= to) return [];
  // Most sentences hold no digit and no date word: they cost one look at each token.
  const starts = dateStarts(d);
  const words: DateWord[] = [];
  let any = false;
  for (let k = from; k < to; k++) {
    const w = dateWord(lex, tokens[k], forms[k], starts);
    words.push(w);
    any ||= tokens[k].digits || w.any;
  }
  if (!any) return [];
  const published = context.published && ISO.test(context.published) ? context.published : null;
  const tolerance = context.toleranceDays ?? 7;

  // Prefix-stripped and noun forms only: "روزهای" must not read as "روز", "والأسبوع" may read as "الأسبوع".
  // Indexed from `from` (tokens[from] is pf[0]) so that a call costs the sentence, not the document.
  const pf = words.map((w) => w.pf);
  // Each prefix-form list carries the mask of the tries it begins (see FormList): most tokens are
  // answered without a lookup.
  const longest = <T>(trie: PhraseTrie<T>, k: number, limit: number) => {
    const m = trie.longest(pf, k - from, limit - from);
    return m ? { from: m.from + from, to: m.to + from, value: m.value } : undefined;
  };
  const at = <T>(trie: PhraseTrie<T>, k: number) => (k >= from && k < to ? longest(trie, k, to) : undefined);
  const endingAt = <T>(trie: PhraseTrie<T>, k: number): boolean => {
    for (let s = Math.max(from, k - 4); s < k; s++) {
      const m = longest(trie, s, k);
      if (m && m.to === k) return true;
    }
    return false;
  };
  const gap = (k: number): string => (k < to ? tokens[k].gap : '');
  const tight = (k: number): boolean => k < to && /^\s*$/.test(gap(k));
  const soft = (k: number): boolean => k < to && /^[\s,،]*$/.test(gap(k));
  const yearGap = (k: number): boolean => k < to && /^[\s,،()]*$/.test(gap(k));
  const isNumberBefore = (k: number): boolean => k > from && (tokens[k - 1].digits || !!lex.numberWords.longest(forms, k - 1, k));
  /** A counted noun after a number: then it is a count, not a year. */
  const countedAfter = (k: number): boolean => k < to && tight(k) && (!!lex.groups.longest(forms, k, to) || !!lex.nonPersonAfter.longest(forms, k, to));

  const dayAt = (k: number): { value: number; to: number; word: boolean } | undefined => {
    if (k >= to) return undefined;
    const t = tokens[k];
    if (t.digits) {
      if (!/^\d{1,2}$/.test(t.text)) return undefined;
      const v = Number(t.text);
      if (v < 1 || v > 31) return undefined;
      if (k + 1 < to && tokens[k + 1].gap === '' && d.ordinalSuffixes.has(tokens[k + 1].text)) return { value: v, to: k + 2, word: true };
      return { value: v, to: k + 1, word: false };
    }
    const o = at(d.ordinals, k);
    return o ? { value: o.value, to: o.to, word: true } : undefined;
  };

  const monthAt = (k: number): { to: number; calendar: DateCalendar; month: number; guard: 0 | 1 | 2 } | undefined => {
    const m = at(d.months, k);
    if (!m) return undefined;
    let j = m.to;
    let guard = m.value.guard;
    const suffix = () => {
      const s = tight(j) ? at(d.monthSuffixes, j) : undefined;
      if (s) { j = s.to; guard = 0; }
    };
    suffix();
    // Two names of one month: "أغسطس/آب", "تشرين الأول/أكتوبر", "مايو (أيار)", "مايو ايار".
    if (j < to && /^\s*[/(]?\s*$/.test(gap(j))) {
      const m2 = at(d.months, j);
      if (m2 && m2.value.calendar === m.value.calendar && m2.value.month === m.value.month) {
        j = m2.to;
        guard = 0;
        suffix();
      }
    }
    return { to: j, calendar: m.value.calendar, month: m.value.month, guard };
  };

  const yearCalendar = (y: number, monthCal: DateCalendar | undefined, marker: DateCalendar | undefined): DateCalendar | undefined => {
    if (marker) return (!monthCal || monthCal === marker) && plausibleYear(marker, y) ? marker : undefined;
    if (monthCal) return plausibleYear(monthCal, y) ? monthCal : undefined;
    if (plausibleYear('gregory', y)) return 'gregory';
    for (const r of d.yearRanges) if (y >= r.min && y <= r.max) return r.calendar;
    return undefined;
  };

  const yearAt = (k: number, monthCal: DateCalendar | undefined, short = false): { value: number; to: number; calendar: DateCalendar; marked: boolean } | undefined => {
    if (k >= to || !tokens[k].digits) return undefined;
    const sy = d.shortYears;
    let y: number;
    if (/^\d{4}$/.test(tokens[k].text)) y = Number(tokens[k].text);
    else if (short && sy && /^\d{2}$/.test(tokens[k].text) && (!monthCal || monthCal === sy.calendar) && !countedAfter(k + 1)) {
      // "۲۸ تیر ۹۵", "سال ۹۵": two digits stand for a year of the century the data says.
      const v = Number(tokens[k].text);
      y = v < sy.pivot ? sy.below + v : sy.above + v;
      monthCal = sy.calendar;
    } else return undefined;
    let j = k + 1;
    // "1990s", "2016th": a word glued to the number that is not a year marker.
    if (j < to && gap(j) === '' && !tokens[j].digits && !at(d.yearAfter, j)) return undefined;
    let marker: DateCalendar | undefined;
    let marked = false;
    if (j < to && /^[\s.]*$/.test(gap(j))) {
      const mk = at(d.yearAfter, j);
      if (mk) { j = mk.to; marker = mk.value.calendar; marked = true; }
    }
    const calendar = yearCalendar(y, monthCal, marker);
    return calendar ? { value: y, to: j, calendar, marked } : undefined;
  };

  /** "June last year", "يونيو من العام الماضي", "خرداد سال گذشته". */
  const relativeYearAt = (k: number): { offset: number; to: number } | undefined => {
    if (!tight(k)) return undefined;
    const c = at(d.dayMonthConnectors, k);
    for (const j of c && tight(c.to) ? [c.to, k] : [k]) {
      const r = at(d.relative, j);
      if (r && r.value.unit === 'year') return { offset: r.value.offset, to: r.to };
    }
    return undefined;
  };

  /** A word before token `k` that makes a bare day number a date. */
  const dayContextBefore = (k: number): boolean =>
    endingAt(d.dayContext, k) || endingAt(d.monthContext, k) || endingAt(d.rangeOpeners, k) || endingAt(d.rangeJoiners, k) || endingAt(d.rangeOpenerJoiners, k) || /-/.test(gap(k));

  const numericAt = (k: number): Atom | undefined => {
    const t = tokens[k];
    if (!t.digits) return undefined;
    let parts: string[] | undefined;
    let end = k + 1;
    const dotted = /^(\d{1,4})\.(\d{1,2})\.(\d{1,4})$/.exec(t.text);
    if (dotted) parts = dotted.slice(1);
    else if (/^\d{1,4}$/.test(t.text) && k + 2 < to && tokens[k + 1].digits && tokens[k + 2].digits
      && /^\d{1,2}$/.test(tokens[k + 1].text) && /^\d{1,4}$/.test(tokens[k + 2].text)
      && ((gap(k + 1) === '/' && gap(k + 2) === '/') || (gap(k + 1) === '-' && gap(k + 2) === '-'))) {
      parts = [t.text, tokens[k + 1].text, tokens[k + 2].text];
      end = k + 3;
    }
    if (!parts) return undefined;
    const tryYmd = (y: number, m: number, dd: number): Atom | undefined => {
      const calendar = yearCalendar(y, undefined, undefined);
      if (!calendar || m < 1 || m > 12 || dd < 1 || dd > maxDays(calendar, m)) return undefined;
      return { from: k, to: end, calendar, year: y, month: m, day: dd };
    };
    const [a, b, c] = parts.map(Number);
    if (parts[0].length === 4) return tryYmd(a, b, c);
    if (parts[2].length !== 4) return undefined;
    return d.numericOrder === 'mdy' ? tryYmd(c, a, b) ?? tryYmd(c, b, a) : tryYmd(c, b, a) ?? tryYmd(c, a, b);
  };

  interface Opts { dayOnly?: boolean; bareYear?: boolean; inRange?: boolean }

  /** An absolute date (or a date in a relative month) starting at token `k`. */
  const dateAt = (k: number, opts: Opts): Atom | undefined => {
    if (k >= to) return undefined;
    const numeric = numericAt(k);
    if (numeric) return numeric;

    // Day first: "5 June 2016", "الخامس من يونيو", "۲۸ تیر ماه ۱۳۹۵", "the 5th of this month".
    const dy = dayAt(k);
    if (dy) {
      let j = dy.to;
      const conn = tight(j) ? at(d.dayMonthConnectors, j) : undefined;
      if (conn) j = conn.to;
      const afterConnector = j;
      const mw = tight(j) ? at(d.monthWords, j) : undefined;
      if (mw) j = mw.to;
      const mo = tight(j) ? monthAt(j) : undefined;
      if (mo && dy.value <= maxDays(mo.calendar, mo.month)) {
        const a: Atom = { from: k, to: mo.to, calendar: mo.calendar, day: dy.value, month: mo.month };
        const y = yearGap(a.to) || (a.to < to && /^\.\s*$/.test(gap(a.to))) ? yearAt(a.to, mo.calendar, true) : undefined;
        if (y) { a.year = y.value; a.to = y.to; }
        else {
          const ry = relativeYearAt(a.to);
          if (ry) { a.yearOffset = ry.offset; a.to = ry.to; }
        }
        // A strict month (May, March) after a bare number needs more: "on 5 May", "5 May 2016", "LONDON, 5 May (Reuters)", not "5 may die".
        const ok = mo.guard < 2 || hasYearInfo(a) || dy.word || opts.inRange || dayContextBefore(k) || a.to >= to || /[(-]/.test(gap(a.to));
        if (ok) return a;
      }
      if (!mo) {
        const r = tight(afterConnector) ? at(d.relative, afterConnector) : undefined;
        if (r && r.value.unit === 'month' && (conn || dy.word)) {
          return { from: k, to: r.to, calendar: d.calendar, day: dy.value, monthRel: r.value.offset };
        }
      }
      if (opts.dayOnly && !mo) {
        const a: Atom = { from: k, to: dy.to, calendar: d.calendar, day: dy.value };
        const y = soft(a.to) ? yearAt(a.to, undefined) : undefined;
        if (y) { a.year = y.value; a.to = y.to; }
        return a;
      }
    }

    // Month first: "June 5, 2016", "يونيو 2016", "last June", "يونيو الماضي", "ماه می".
    let j = k;
    let monthOffset: number | undefined;
    const mb = at(d.modifiersBefore, j);
    if (mb) { j = mb.to; monthOffset = mb.value; }
    const mw = at(d.monthWords, j);
    if (mw) j = mw.to;
    const mo = monthAt(j);
    if (mo) {
      const a: Atom = { from: k, to: mo.to, calendar: mo.calendar, month: mo.month };
      // A period may close an abbreviated month: "Oct. 26".
      const day = d.monthDay && mo.to < to && /^\.?\s*$/.test(gap(mo.to)) ? dayAt(mo.to) : undefined;
      if (day && day.value <= maxDays(mo.calendar, mo.month) && !(tokens[mo.to].digits && countedAfter(day.to))) { a.day = day.value; a.to = day.to; }
      const y = yearGap(a.to) || (a.day === undefined && a.to < to && /^\.\s*$/.test(gap(a.to))) ? yearAt(a.to, mo.calendar, true) : undefined;
      if (y) { a.year = y.value; a.to = y.to; }
      else {
        const ry = relativeYearAt(a.to);
        if (ry) { a.yearOffset = ry.offset; a.to = ry.to; }
        else if (monthOffset === undefined && tight(a.to)) {
          const ma = at(d.modifiersAfter, a.to);
          if (ma) { monthOffset = ma.value; a.to = ma.to; }
        }
      }
      if (monthOffset !== undefined && a.day === undefined) a.monthOffset = monthOffset;
      else if (mb && a.year === undefined) return undefined;
      const ok = mo.guard === 0 || a.day !== undefined || hasYearInfo(a) || !!mw || endingAt(d.monthContext, j) || endingAt(d.monthWords, j);
      if (ok) return a;
      return undefined;
    }

    // A year: "عام 2016", "سال ۱۳۹۵", "in 2016", "1445 هـ", "2016م".
    const yb = at(d.yearBefore, k);
    if (yb) {
      const y = tight(yb.to) ? yearAt(yb.to, undefined, !yb.value.weak) : undefined;
      if (y && (!yb.value.weak || (y.calendar === 'gregory' && y.value >= 1900 && y.value <= 2100 && !countedAfter(y.to)))) {
        return { from: yb.value.weak ? yb.to : k, to: y.to, calendar: y.calendar, year: y.value };
      }
      return undefined;
    }
    const y = yearAt(k, undefined);
    if (y && (y.marked || (opts.bareYear && y.value >= 1900 && y.value <= 2100 && !countedAfter(y.to)))) {
      return { from: k, to: y.to, calendar: y.calendar, year: y.value, bare: !y.marked };
    }
    return undefined;
  };

  /** A weekday, alone ("on Sunday", "الأحد الماضي", "روز یکشنبه") or before a date ("Monday, July 18"). */
  const weekdayAt = (k: number): Atom | undefined => {
    let j = k;
    let marker = false;
    let offset: number | undefined;
    const mk = at(d.weekdayMarkers, j);
    if (mk) { j = mk.to; marker = true; }
    const mb = at(d.modifiersBefore, j);
    if (mb) { j = mb.to; offset = mb.value; }
    const w = at(d.weekdays, j);
    if (!w) return undefined;
    let end = w.to;
    if (soft(end)) {
      const date = dateAt(end, {});
      if (date && date.day !== undefined && date.month !== undefined) return { ...date, from: k, weekday: w.value.day };
    }
    if (offset === undefined && tight(end)) {
      const ma = at(d.modifiersAfter, end);
      if (ma) { end = ma.to; offset = ma.value; }
    }
    if (w.value.guarded && !marker && offset === undefined) return undefined;
    return { from: k, to: end, calendar: d.calendar, weekday: w.value.day, weekdayOffset: offset };
  };

  /** Relative dates: "yesterday", "الأسبوع الماضي", "روز گذشته", "three days ago", "قبل يومين", "سه روز پیش". */
  const relativeAt = (k: number): Atom | undefined => {
    const r = at(d.relative, k);
    if (r && !(at(d.units, k) && isNumberBefore(k))) {
      return { from: k, to: r.to, calendar: r.value.calendar ?? d.calendar, rel: { unit: r.value.unit, offset: r.value.offset, precision: r.value.precision } };
    }
    const datePartAt = (j: number) => j < to && (tokens[j].digits || !!at(d.months, j));
    const ab = at(d.agoBefore, k);
    if (ab) {
      let j = ab.to;
      const n = j < to ? parseNumber(tokens, forms, lex, j, to) : undefined;
      if (n) j = n.to;
      const u = at(d.units, j);
      if (u && (n ? !u.value.count : !u.value.plural) && !datePartAt(u.to)) {
        const count = n?.value ?? u.value.count ?? 1;
        if (count > 0 && count < 1000) return { from: k, to: u.to, calendar: d.calendar, rel: { unit: u.value.unit, offset: -count } };
      }
    }
    const n = parseNumber(tokens, forms, lex, k, to);
    const u = at(d.units, n ? n.to : k);
    if (u && (n ? !u.value.count : !u.value.plural)) {
      const aa = at(d.agoAfter, u.to);
      const count = n?.value ?? u.value.count ?? 1;
      if (aa && count > 0 && count < 1000) return { from: k, to: aa.to, calendar: d.calendar, rel: { unit: u.value.unit, offset: -count } };
    }
    return undefined;
  };

  /** Fills the missing fields of two range ends from each other; false when they do not make a range. */
  const joinEnds = (a: Atom, b: Atom): boolean => {
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
  };

  // ------------------------------------------------------------ resolution

  const resolveDate = (a: Atom): Resolved | undefined => {
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
  };

  const resolveWeekday = (a: Atom): Resolved => {
    if (!published) return { start: null, end: null, precision: 'day' };
    const w0 = weekdayOf(published);
    const w = a.weekday!;
    const diff = a.weekdayOffset === -1 ? -(((w0 - w + 7) % 7) || 7) : a.weekdayOffset === 1 ? ((w - w0 + 7) % 7) || 7 : -((w0 - w + 7) % 7);
    const iso = addDays(published, diff);
    return { start: iso, end: iso, precision: 'day' };
  };

  const resolveRelative = (a: Atom): Resolved => {
    const { unit, offset } = a.rel!;
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
  };

  const textOf = (s: number, e: number): string => {
    let t = tokens[s].text;
    for (let k = s + 1; k < e; k++) t += tokens[k].gap + tokens[k].text;
    return t;
  };
  const partsOf = (a: Atom): DateMention['parts'] => {
    const p: NonNullable<DateMention['parts']> = {};
    if (a.year !== undefined && !a.inherited) p.year = a.year;
    if (a.month !== undefined) p.month = a.month;
    if (a.day !== undefined) p.day = a.day;
    return p;
  };

  const out: DateMention[] = [];
  const emit = (a: Atom, r: Resolved, s = a.from, e = a.to, range = false, b?: Atom): void => {
    const m: DateMention = { from: s, to: e, start: r.start, end: r.end, precision: r.precision, calendar: a.calendar, text: textOf(s, e) };
    if (a.rel) m.relative = { unit: a.rel.unit, offset: a.rel.offset };
    else if (a.monthRel !== undefined) m.relative = { unit: 'month', offset: a.monthRel };
    else if (a.yearOffset !== undefined) m.relative = { unit: 'year', offset: a.yearOffset };
    if (a.weekday !== undefined) m.weekday = a.weekday;
    if (!a.rel && (a.month !== undefined || a.year !== undefined)) m.parts = partsOf(a);
    if (range) m.range = true;
    if (b && !b.rel && (b.month !== undefined || b.year !== undefined)) m.endParts = partsOf(b);
    out.push(m);
  };
  const emitDate = (a: Atom, s = a.from, e = a.to): boolean => {
    const r = a.month === undefined && a.year === undefined && a.monthRel === undefined && a.weekday !== undefined ? resolveWeekday(a) : resolveDate(a);
    if (!r) return false;
    emit(a, r, s, e);
    return true;
  };

  let i = from;
  while (i < to) {
    // A date begins with a number (in digits or words: "three days ago") or a word of the date lists.
    if (!tokens[i].digits && !words[i - from].begins && !words[i - from].number) { i++; continue; }
    const nd = at(d.notDates, i);
    if (nd && !((at(d.relative, i)?.to ?? 0) > nd.to)) { i = nd.to; continue; }
    const wd = weekdayAt(i);
    if (wd) {
      emitDate(wd);
      i = wd.to;
      continue;
    }
    const rel = relativeAt(i);
    if (rel) {
      emit(rel, resolveRelative(rel));
      i = rel.to;
      continue;
    }
    const op = at(d.rangeOpeners, i);
    const k = op ? op.to : i;
    const a = dateAt(k, { dayOnly: true, bareYear: true, inRange: !!op });
    if (!a) { i++; continue; }
    // The other end of a range or list: "to 12 June", "و12 يونيو", "تا ۱۲ خرداد", "-12 June".
    let b: Atom | undefined;
    let list = false;
    if (a.to < to) {
      const rj = at(d.rangeJoiners, a.to);
      const oj = rj ? undefined : at(d.rangeOpenerJoiners, a.to);
      const opts: Opts = { dayOnly: a.month !== undefined && a.day !== undefined, bareYear: isYearOnly(a), inRange: true };
      if (rj || oj) {
        b = dateAt((rj ?? oj)!.to, opts);
        list = !rj && !op;
      } else if (/^\s*-\s*$/.test(gap(a.to))) b = dateAt(a.to, opts);
    }
    if (b && joinEnds(a, b)) {
      if (list) {
        emitDate(a);
        emitDate(b);
        i = b.to;
        continue;
      }
      let rb = resolveDate(b);
      if (rb && a.inherited && b.year === undefined && rb.year !== undefined) a.year = rb.year;
      let ra = resolveDate(a);
      if (ra && rb && ra.start && rb.start && ra.start > rb.start && a.inherited && a.year !== undefined) {
        a.year -= 1;
        ra = resolveDate(a);
      }
      if (ra && rb) {
        const order = ['day', 'month', 'year'];
        const precision = order[Math.max(order.indexOf(ra.precision), order.indexOf(rb.precision))] as DatePrecision;
        const resolved = ra.start && rb.end ? { start: ra.start <= rb.end ? ra.start : rb.start, end: ra.start <= rb.end ? rb.end : ra.end, precision } : { start: null, end: null, precision };
        emit(a, resolved, op ? i : a.from, b.to, true, b);
        i = b.to;
        continue;
      }
      rb = undefined;
    }
    if (isDayOnly(a) || a.bare) { i++; continue; }
    emitDate(a);
    i = a.to;
  }
  return out;
}

/** Options of {@link findDateline}. */
export interface DatelineOptions {
  /** A date known to be close to the publication (say the file's date): resolves a dateline without a year ("July 18 (Reuters)"). */
  reference?: string | null;
  /** The date must start within this many tokens of the line start (default 8). */
  maxStart?: number;
}

/**
 * The publication date given by a dateline at the start of an article body: "ALMATY, July 18
 * (Reuters) -", "طهران - 26 تشرين الأول/أكتوبر 2022 (…) -", "آلماتی - ۲۸ تیر ۱۳۹۵ -", a line
 * holding only "الاثنين 18 يوليو 2016". Pass the tokens of the first line or sentence of the body
 * (`forms` as for {@link findDates}). The date must be a single absolute day starting within the
 * first `maxStart` tokens and be followed by a dash, a parenthesis, a colon or a bar, or end the
 * range. Returns null when there is none; `start` is null when the dateline has no year and no
 * `reference` was given (`parts` then holds its month and day).
 */
export function findDateline(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, from: number, to: number, options: DatelineOptions = {}): DateMention | null {
  to = Math.min(to, tokens.length);
  const maxStart = options.maxStart ?? 8;
  const mentions = findDates(tokens, forms, lex, from, Math.min(to, from + maxStart + 12), { published: options.reference ?? null, toleranceDays: 2 });
  for (const m of mentions) {
    if (m.from - from > maxStart) break;
    if (m.relative || m.range || m.precision !== 'day' || m.parts?.day === undefined) continue;
    if (m.to < to && !/[-(:|]/.test(tokens[m.to].gap)) continue;
    return m;
  }
  return null;
}

/**
 * {@link findDateline} on plain article body text (after any front matter): folds and tokenizes
 * its first `lines` non-empty lines (default 2), each on its own, so that an abbreviation's
 * period ("SHIRAZ, Iran, Oct. 26 —") does not cut the dateline. A convenience for hosts and tests
 * without tokens at hand; `from`/`to` of the result index that private tokenization.
 */
export function datelineOf(body: string, lex: CompiledLexicon, options: DatelineOptions & { lines?: number } = {}): DateMention | null {
  let seen = 0;
  for (const line of body.slice(0, 4000).split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (seen++ >= (options.lines ?? 2)) break;
    const folded = fold(line);
    const tokens = tokenize(folded.text, [{ start: 0, end: folded.text.length }]);
    const m = findDateline(tokens, tokens.map((t) => lex.forms(t)), lex, 0, tokens.length, options);
    if (m) return m;
  }
  return null;
}
