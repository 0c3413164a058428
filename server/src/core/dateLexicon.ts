/**
 * The `dates` part of a lexicon: what a language says about dates, as data. The engine in
 * `dates.ts` reads it and knows nothing of any language. Words are written in their ordinary
 * spelling; they are folded (letter variants, diacritics, ZWNJ) when compiled.
 */
import { PhraseTrie } from './lexicon';

/** Calendars a date can be written in: Gregorian, Jalali (Solar Hijri) and lunar Hijri. */
export type DateCalendar = 'gregory' | 'persian' | 'islamic';
/** How exactly a date is known. */
export type DatePrecision = 'day' | 'month' | 'year';
/** Unit of a relative date ("yesterday" is a day, "last month" a month). */
export type RelativeUnit = 'day' | 'week' | 'month' | 'year';

/** `Lexicon.dates`: date words of one language. */
export interface DatesLexicon {
  /** Calendar of this language's relative months and years ("ماه گذشته" is a Jalali month in Persian) and of month names without one. */
  calendar: DateCalendar;
  /** Month names: `month` 1–12 in `calendar`. A month may have many names (يوليو, تموز, جويلية, يوليوز); phrases are allowed (كانون الثاني). */
  months: { calendar: DateCalendar; month: number; words: string[] }[];
  /**
   * Month names that are also ordinary words (May, مه/می, تیر "bullet", مهر "seal", آب "father", صفر "zero", رمضان a name):
   * read as a month only with a day or a year next to it, a `monthContext` word before it, a modifier
   * ("الماضي"), a `monthSuffixes` word after it, or another name of the same month beside it (مارس/آذار).
   */
  guardedMonths?: string[];
  /** Guarded months that, after a bare day number and without a year, also need a `dayContext` word before the day ("on 5 May", not "5 may die"). */
  strictMonths?: string[];
  /** Words that make the next word a month name for `guardedMonths` ("in", "شهر", "ماه", "مطلع"). */
  monthContext?: string[];
  /** Words naming the month itself that may stand between a day and the month name ("من شهر", "month of"). */
  monthWords?: string[];
  /** Words after a month name that belong to it (Persian "تیر ماه"). */
  monthSuffixes?: string[];
  /** Words before a day number that make it a date ("on", "في", "در"); needed by `strictMonths`. */
  dayContext?: string[];
  /** Month-day order ("July 18") is written in this language; day-month ("18 July") is always read. */
  monthDay?: boolean;
  /** Words between an ordinal day and its month ("الخامس من يونيو", "the fifth of June"). */
  dayMonthConnectors?: string[];
  /** Ordinal day words and their values 1–31 ("الخامس", "السادس والعشرين", "پنجم", "بیست و یکم", "twenty-first"). */
  ordinals: Record<string, number>;
  /** Suffixes written after day digits and read as a separate token ("5th", "۵ام"). */
  ordinalSuffixes?: string[];
  /** Weekday names; `day` 0 = Sunday … 6 = Saturday. */
  weekdays: { day: number; words: string[] }[];
  /** Weekday names that are also ordinary words (الأحد "anyone", الاثنين "the two", "Sat"): read as a weekday only after a marker, with a modifier or before a date. */
  guardedWeekdays?: string[];
  /** Words before a weekday that say it is a day ("on", "يوم", "اليوم", "روز", "صباح"). */
  weekdayMarkers?: string[];
  /**
   * Words turning a month name or a weekday into one relative to the publication date: `offset` -1
   * is the last one before it ("last June", "الأحد الماضي", "خرداد گذشته"), 0 this one, 1 the next one.
   */
  modifiers?: { words: string[]; position: 'before' | 'after'; offset: -1 | 0 | 1 }[];
  /**
   * Relative dates: `offset` units from the publication date ("yesterday" day -1, "الشهر الماضي"
   * month -1). `precision` overrides the unit's own; `calendar` the language's for month and year arithmetic.
   */
  relative: { words: string[]; unit: RelativeUnit; offset: number; precision?: DatePrecision; calendar?: DateCalendar }[];
  /** Phrases that look like relative dates but are not ("اليوم التالي", "the next day"): skipped. */
  notDates?: string[];
  /** Units counted in "three days ago", "قبل يومين": `count` for duals, `plural` when a number must come before. */
  units?: { words: string[]; unit: RelativeUnit; count?: number; plural?: boolean }[];
  /** Words before ("قبل", "منذ") or after ("ago", "پیش") a count of units that make it a past date. */
  ago?: { before?: string[]; after?: string[] };
  /**
   * Words before ("عام", "سال", "the year") or after (م, هـ, ه.ش, میلادی, AH) a year. An after-word
   * may fix the calendar. A `weak` word ("in", "في") introduces only Gregorian years 1900–2100 not followed by a counted noun.
   */
  yearMarkers: { words: string[]; position: 'before' | 'after'; calendar?: DateCalendar; weak?: boolean }[];
  /** Calendars of years outside the Gregorian 1800–2200 in this language without a marker (Persian 1250–1500 → Jalali). */
  yearRanges?: { calendar: DateCalendar; min: number; max: number }[];
  /** Two-digit years ("۲۸ تیر ۹۵", "سال ۹۵") after a month of `calendar` or a year word: below `pivot` they are `below` + n, else `above` + n. */
  shortYears?: { calendar: DateCalendar; pivot: number; below: number; above: number };
  /** Words opening a date range ("from", "between", من, بين, از). */
  rangeOpeners?: string[];
  /** Words joining the two ends of a range on their own ("to", إلى, حتى, تا); a dash between them does too. */
  rangeJoiners?: string[];
  /** Words joining the two ends only after an opener ("and", و); without one they join a list ("5 و12 يونيو"). */
  rangeOpenerJoiners?: string[];
  /** Order of numeric dates with the year last ("18/07/2016"); the other order is tried when this one is impossible. */
  numericOrder?: 'dmy' | 'mdy';
}

/** A month name compiled: its calendar, number and how guarded it is (0 free, 1 guarded, 2 strict). */
export interface MonthValue {
  calendar: DateCalendar;
  month: number;
  guard: 0 | 1 | 2;
}

/** `DatesLexicon` ready for matching. */
export interface CompiledDates {
  calendar: DateCalendar;
  months: PhraseTrie<MonthValue>;
  monthContext: PhraseTrie<true>;
  monthWords: PhraseTrie<true>;
  monthSuffixes: PhraseTrie<true>;
  dayContext: PhraseTrie<true>;
  dayMonthConnectors: PhraseTrie<true>;
  monthDay: boolean;
  ordinals: PhraseTrie<number>;
  ordinalSuffixes: Set<string>;
  weekdays: PhraseTrie<{ day: number; guarded: boolean }>;
  weekdayMarkers: PhraseTrie<true>;
  modifiersBefore: PhraseTrie<number>;
  modifiersAfter: PhraseTrie<number>;
  relative: PhraseTrie<{ unit: RelativeUnit; offset: number; precision?: DatePrecision; calendar?: DateCalendar }>;
  notDates: PhraseTrie<true>;
  units: PhraseTrie<{ unit: RelativeUnit; count?: number; plural: boolean }>;
  agoBefore: PhraseTrie<true>;
  agoAfter: PhraseTrie<true>;
  yearBefore: PhraseTrie<{ weak: boolean }>;
  yearAfter: PhraseTrie<{ calendar?: DateCalendar }>;
  yearRanges: { calendar: DateCalendar; min: number; max: number }[];
  shortYears?: { calendar: DateCalendar; pivot: number; below: number; above: number };
  rangeOpeners: PhraseTrie<true>;
  rangeJoiners: PhraseTrie<true>;
  rangeOpenerJoiners: PhraseTrie<true>;
  numericOrder: 'dmy' | 'mdy';
}

const flags = (words: readonly string[] | undefined): PhraseTrie<true> => {
  const t = new PhraseTrie<true>();
  for (const w of words ?? []) t.add(w, true);
  return t;
};

/** Compiles `Lexicon.dates`; `fold` is the engine's word folding (`foldWord`). */
export function compileDates(d: DatesLexicon, fold: (s: string) => string): CompiledDates {
  const guarded = new Set((d.guardedMonths ?? []).map(fold));
  const strict = new Set((d.strictMonths ?? []).map(fold));
  const months = new PhraseTrie<MonthValue>();
  for (const m of d.months) {
    for (const w of m.words) {
      const f = fold(w);
      months.add(w, { calendar: m.calendar, month: m.month, guard: strict.has(f) ? 2 : guarded.has(f) ? 1 : 0 });
    }
  }
  const ordinals = new PhraseTrie<number>();
  for (const [w, v] of Object.entries(d.ordinals)) ordinals.add(w, v);
  const guardedDays = new Set((d.guardedWeekdays ?? []).map(fold));
  const weekdays = new PhraseTrie<{ day: number; guarded: boolean }>();
  for (const w of d.weekdays) for (const word of w.words) weekdays.add(word, { day: w.day, guarded: guardedDays.has(fold(word)) });
  const modifiersBefore = new PhraseTrie<number>();
  const modifiersAfter = new PhraseTrie<number>();
  for (const m of d.modifiers ?? []) for (const w of m.words) (m.position === 'before' ? modifiersBefore : modifiersAfter).add(w, m.offset);
  const relative = new PhraseTrie<{ unit: RelativeUnit; offset: number; precision?: DatePrecision; calendar?: DateCalendar }>();
  for (const r of d.relative) for (const w of r.words) relative.add(w, { unit: r.unit, offset: r.offset, precision: r.precision, calendar: r.calendar });
  const units = new PhraseTrie<{ unit: RelativeUnit; count?: number; plural: boolean }>();
  for (const u of d.units ?? []) for (const w of u.words) units.add(w, { unit: u.unit, count: u.count, plural: !!u.plural });
  const yearBefore = new PhraseTrie<{ weak: boolean }>();
  const yearAfter = new PhraseTrie<{ calendar?: DateCalendar }>();
  for (const y of d.yearMarkers) {
    for (const w of y.words) {
      if (y.position === 'before') yearBefore.add(w, { weak: !!y.weak });
      else yearAfter.add(w, { calendar: y.calendar });
    }
  }
  return {
    calendar: d.calendar, months, monthContext: flags(d.monthContext), monthWords: flags(d.monthWords), monthSuffixes: flags(d.monthSuffixes),
    dayContext: flags(d.dayContext), dayMonthConnectors: flags(d.dayMonthConnectors), monthDay: !!d.monthDay, ordinals, ordinalSuffixes: new Set((d.ordinalSuffixes ?? []).map(fold)),
    weekdays, weekdayMarkers: flags(d.weekdayMarkers), modifiersBefore, modifiersAfter, relative, notDates: flags(d.notDates), units,
    agoBefore: flags(d.ago?.before), agoAfter: flags(d.ago?.after), yearBefore, yearAfter, yearRanges: d.yearRanges ?? [], shortYears: d.shortYears,
    rangeOpeners: flags(d.rangeOpeners), rangeJoiners: flags(d.rangeJoiners), rangeOpenerJoiners: flags(d.rangeOpenerJoiners),
    numericOrder: d.numericOrder ?? 'dmy',
  };
}
