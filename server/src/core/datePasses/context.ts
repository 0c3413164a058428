// The date finder's context: one range of tokens, its date words, and the dates found.
import type { CompiledDates, DateCalendar, DatePrecision, RelativeUnit } from '../dateLexicon';
import { formList, PhraseTrie, type CompiledLexicon, type FormList } from '../lexicon';
import type { Token } from '../tokenize';
import type { DateMention } from '../dates';

/** One end of a date as read, before resolution. */
export interface Atom {
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

/** The days a date means, once resolved. */
export interface Resolved {
  start: string | null;
  end: string | null;
  precision: DatePrecision;
  /** The year used, in the atom's calendar. */
  year?: number;
}

/** The atom tells its year, directly or relative to the publication. */
export const hasYearInfo = (a: Atom): boolean => a.year !== undefined || a.yearOffset !== undefined || a.monthOffset !== undefined || a.monthRel !== undefined;
/** Only a day number ("5" of "5 to 12 June"). */
export const isDayOnly = (a: Atom): boolean => a.day !== undefined && a.month === undefined && a.monthRel === undefined && a.weekday === undefined;
/** Only a year. */
export const isYearOnly = (a: Atom): boolean => a.year !== undefined && a.month === undefined && a.day === undefined;

const STARTS = new WeakMap<object, Set<string>>();
/** Words that begin some phrase of the date lexicon. */
export function dateStarts(d: object): Set<string> {
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
export interface DateWord {
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
/** What the date finder asks of a token, cached by its text for each lexicon. */
export function dateWord(lex: CompiledLexicon, token: Token, forms: readonly string[] | undefined, starts: Set<string>): DateWord {
  let cache = DATE_WORDS.get(lex);
  if (!cache) DATE_WORDS.set(lex, (cache = new Map()));
  const t = token.text;
  let w = cache.get(t);
  if (w) return w;
  const fs = forms ?? [t];
  const nouns = lex.nounForms(token);
  const f = new Set(fs.filter((x) => t.endsWith(x)));
  for (const x of nouns) f.add(x);
  const list = f.size ? [...f] : [t];
  const pf = formList(list, lex.trieMask(list));
  const numberStarts = numberWordStarts(lex);
  w = { pf, any: fs.some((x) => starts.has(x)) || nouns.some((x) => starts.has(x)), begins: pf.some((x) => starts.has(x)), number: fs.some((x) => numberStarts.has(x)) };
  if (cache.size > 50000) cache.clear();
  cache.set(t, w);
  return w;
}
/** How a date is read at a position: the day alone may do, a bare year may do, it is the end of a range. */
export interface Opts { dayOnly?: boolean; bareYear?: boolean; inRange?: boolean }

/**
 * One call of the date finder over tokens `[from, to)`: the tokens and their forms, the lexicon's
 * date words, the publication date, and the dates found so far. Every field is set in the
 * constructor so that the object keeps one shape.
 */
export class DateScan {
  /** Prefix-stripped and noun forms only: "روزهای" must not read as "روز", "والأسبوع" may read as "الأسبوع". Indexed from `from` (tokens[from] is pf[0]) so that a call costs the sentence, not the document. */
  readonly pf: string[][];
  readonly out: DateMention[] = [];

  constructor(
    readonly tokens: readonly Token[],
    readonly forms: readonly string[][],
    readonly lex: CompiledLexicon,
    readonly d: CompiledDates,
    readonly from: number,
    readonly to: number,
    readonly words: readonly DateWord[],
    /** Publication date (ISO), or null. */
    readonly published: string | null,
    readonly tolerance: number,
    /** What weekdays and days counted from now are resolved against (see DateContext.near). */
    readonly near: string | null = published,
  ) {
    this.pf = words.map((w) => w.pf);
  }

  /** The longest phrase of `trie` at token `k` ending by `limit`. Each prefix-form list carries the mask of the tries it begins (see FormList): most tokens are answered without a lookup. */
  longest<T>(trie: PhraseTrie<T>, k: number, limit: number): { from: number; to: number; value: T } | undefined {
    const m = trie.longest(this.pf, k - this.from, limit - this.from);
    return m ? { from: m.from + this.from, to: m.to + this.from, value: m.value } : undefined;
  }

  at<T>(trie: PhraseTrie<T>, k: number): { from: number; to: number; value: T } | undefined {
    return k >= this.from && k < this.to ? this.longest(trie, k, this.to) : undefined;
  }

  /** Whether a phrase of `trie` ends right before token `k`. */
  endingAt<T>(trie: PhraseTrie<T>, k: number): boolean {
    for (let s = Math.max(this.from, k - 4); s < k; s++) {
      const m = this.longest(trie, s, k);
      if (m && m.to === k) return true;
    }
    return false;
  }

  gap(k: number): string {
    return k < this.to ? this.tokens[k].gap : '';
  }

  tight(k: number): boolean {
    return k < this.to && /^\s*$/.test(this.gap(k));
  }

  soft(k: number): boolean {
    return k < this.to && /^[\s,،]*$/.test(this.gap(k));
  }

  yearGap(k: number): boolean {
    return k < this.to && /^[\s,،()]*$/.test(this.gap(k));
  }

  isNumberBefore(k: number): boolean {
    return k > this.from && (this.tokens[k - 1].digits || !!this.lex.numberWords.longest(this.forms, k - 1, k));
  }

  /** A counted noun after a number: then it is a count, not a year. */
  countedAfter(k: number): boolean {
    return k < this.to && this.tight(k) && (!!this.lex.groups.longest(this.forms, k, this.to) || !!this.lex.nonPersonAfter.longest(this.forms, k, this.to));
  }
}
