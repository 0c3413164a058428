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
import type { DateCalendar, DatePrecision, RelativeUnit } from './dateLexicon';
import type { CompiledLexicon } from './lexicon';
import { DateScan, ISO, dateStarts, dateWord, scanDates, type DateWord } from './datePasses';
import { fold } from './normalize';
import { tokenize, type Token } from './tokenize';

export { datePasses } from './datePasses';

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
  /**
   * What weekdays and days counted from now ("yesterday", "last week") are resolved against when it
   * is not `published`: without a publication date, the latest full date near them (null: none is).
   */
  near?: string | null;
  /** How far after the publication date a yearless date may fall (default 7 days). */
  toleranceDays?: number;
}

/**
 * Finds the dates in tokens `[from, to)`: usually one sentence, but any range works (a dateline's
 * line, or two sentences that an abbreviation's period split: "Oct. 26"). `forms[k]` must hold the candidate forms
 * of token `k` for every `k` in the range, as `lex.forms(tokens[k])` gives them (the analyzer's
 * `forms` array); only their prefix-stripped forms are used, with `lex.nounForms`. Runs {@link datePasses}; returns the dates in text order.
 */
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
  const near = context.near === undefined ? published : context.near && ISO.test(context.near) ? context.near : null;
  const scan = new DateScan(tokens, forms, lex, d, from, to, words, published, context.toleranceDays ?? 7, near);
  scanDates(scan);
  return scan.out;
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
