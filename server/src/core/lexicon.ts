import { compileDates, type CompiledDates, type DatesLexicon } from './dateLexicon';
import { foldWord } from './normalize';
import type { Token } from './tokenize';
import type { FigureKind, VictimGroup } from './types';

/** How a vague or modified quantity is valued. */
export type ModifierEffect = 'approximate' | 'atLeast' | 'moreThan' | 'atMost' | 'lessThan';

/**
 * The shape of a language's lexicon file (`lexicons/<tag>.json`, checked at load against
 * `lexicons/schema/lexicon.schema.json`, which mirrors this interface). Everything language-specific
 * that the engine knows is here; the engine itself is language-agnostic. Words are written in
 * their ordinary spelling; the engine folds them (letter variants, diacritics, digits) itself.
 */
export interface Lexicon {
  /** The file's JSON Schema (`./schema/lexicon.schema.json`), for editors; the engine does not read it. */
  $schema?: string;
  /** BCP-47 primary tag, e.g. `ar`. */
  language: string;
  /** English name of the language. */
  name: string;
  /** Unicode script of the language's letters (`Arabic`, `Latin`, …). */
  script: string;
  /** Evidence for language identification among languages of one script. */
  identify: {
    /** Frequent function words. */
    words: string[];
    /** Letters only this language uses within its script. */
    letters?: string;
    /** Word beginnings peculiar to the language (the Arabic article ال). */
    prefixes?: string[];
  };
  /** Attached particles stripped before lookup (`وال`, `بال`, Persian `ها`…), stacked forms listed. */
  clitics: {
    prefixes: string[];
    suffixes: string[];
    minStem: number;
    /** The suffixes that may be stripped from group nouns (Arabic accusative ا); the others would turn adjectives into nouns. */
    nounSuffixes?: string[];
    /** The prefixes that may be stripped from a name (default: all): Persian's are verbal (می, نمی) or "without" (بی), and میلیون is no می + Lyon. */
    namePrefixes?: string[];
    /** The suffixes that may be stripped from a name (English possessive 's: "Pakistan's foreign ministry"). */
    nameSuffixes?: string[];
    /** Suffixes that never follow some prefixes (Arabic tanween ا never follows the article ال). */
    suffixNotAfter?: Record<string, string[]>;
    /** Prefixes that contain the definite article, and the article they leave on a name (وال → ال): "الروسية" is not "روسية". */
    keepArticle?: Record<string, string>;
  };
  /** Words that name people as a group after their number ("dozens of those it described as rioters", وصفتهم, به عنوان). */
  labelMarkers?: string[];
  /**
   * Ordinals that count one more of the people just counted ("two soldiers were killed and a third
   * wounded", "قتل جنديان وأصيب ثالث", "دو سرباز کشته و سومی زخمی شد"). Matched on the word as
   * written (an attached coordinator aside), so that "اليوم الثالث" is not "ثالث".
   */
  oneMore?: string[];
  /**
   * What happens to people that is none of the figure kinds ("released 40 of them", "rescued 12",
   * أُطلق سراح, آزاد شدند, "5 missing"): the people counted right next to it are not counted by
   * another verb of the sentence.
   */
  otherFates?: string[];
  /**
   * A condition of people already counted ("in critical condition", في حالة حرجة, وخیم): a count
   * of them right before it is a part of a toll, not a figure of its own.
   */
  severity?: string[];
  /** Page furniture saved with articles (see boilerplate.ts). */
  boilerplate?: {
    /** Lines that head a block of links or teasers to other articles ("Related articles", "اقرأ أيضاً"). */
    heads: string[];
    /** Words of copyright lines ("All rights reserved"). */
    rights: string[];
    /** Words of share lines ("Facebook", "Share"). */
    share: string[];
  };
  /** Forms the engine derives from singular group nouns. */
  morphology?: {
    /** Suffixes making a dual from a singular (Arabic ين, ان, construct ي). */
    dualSuffixes?: string[];
    /** Suffixes making a dual of the first word of a several-word noun in construct (Arabic ضابطا شرطة). */
    constructDualSuffixes?: string[];
    /** Suffixes making a plural from a singular (English s, Persian ها, ان). */
    pluralSuffixes?: string[];
    /** Plural suffixes also written as a word of their own after a one-word singular (Persian «تروریست ها»). */
    detachedPluralSuffixes?: string[];
    /** A singular ending replaced before a suffix (Arabic ة → ت), as [ending, replacement]. */
    stemChange?: [string, string];
  };
  numbers: {
    /** Number words and their values (units, teens, tens, hundreds; several words allowed). */
    words: Record<string, number>;
    /** Words that multiply what precedes without closing it (hundred). */
    multipliers: Record<string, number>;
    /** Words that multiply what precedes and close it (thousand, million). */
    scales: Record<string, number>;
    /** Words joining parts of one number (و, and). */
    joiners: string[];
    /** Words that look like numbers but are not (الأحد, Sunday). */
    exclude?: string[];
    /**
     * Number words that are also common other words (Persian نه "no", Arabic ست "lady", خمس "a
     * fifth"): alone, such a word is a number only right before a counted noun or a word for
     * victims ("نه نفر", "خمس نساء", "خمس إصابات"), and not when it comes twice in the sentence
     * ("نه پلیس و نه مردم"). Inside a number of several words ("نود و نه", "ست عشرة", "ست مئة") it
     * is always one.
     */
    ambiguous?: string[];
    /** Words that only count (Persian نفر, تن): an ambiguous number word right before one is a number even when it comes twice ("نه نفر کشته و نه نفر زخمی شدند"). */
    counters?: string[];
    /** Words that pair with an ambiguous number word a few words later and make it a conjunction ("نه مردم بلکه پلیس": not … but). */
    ambiguousPartners?: string[];
  };
  /** Vague quantities: always approximate. */
  vague: { words: string[]; low: number; high: number | null }[];
  /** Modifiers before or after a number. */
  modifiers: { words: string[]; position: 'before' | 'after'; effect: ModifierEffect }[];
  /** Words joining two numbers into a range (or, to, أو, یا, تا). */
  rangeJoiners: string[];
  /** Words opening a range ("between", بين, بین) and the joiners they allow ("and", و, تا). */
  rangeOpeners?: string[];
  rangeOpenerJoiners?: string[];
  /** Words that say what happened. */
  triggers: {
    words: string[];
    kind: FigureKind;
    /** verb: acts on a patient; participle: "killed"/"كشته" after its patient; noun: the event (مقتل), person: the victims themselves (قتلى, wounded). */
    role: 'verb' | 'participle' | 'noun' | 'person';
    /** For verbs: passive forms (`قُتل` is ambiguous and stays unset). */
    voice?: 'active' | 'passive';
    /** A weak trigger yields to a stronger one in the same phrase (سقط). */
    weak?: boolean;
    /** For victim nouns (role person) in the dual (قتيلين, جريحان): standing alone they count two. */
    number?: 'dual';
  }[];
  /** Nouns naming the people counted. */
  groups: {
    words: string[];
    group: VictimGroup;
    /** Grammatical number: a bare singular counts 1, a dual 2, a plural nothing definite. */
    number: 'singular' | 'dual' | 'plural' | 'any';
    /** A head like "members"/"أعضاء"/"نفر": its group comes from what follows. */
    head?: boolean;
  }[];
  /** Words after a head that make its people perpetrators (terrorist group, cell, riots…). */
  perpetratorContext: string[];
  /** Words that turn an injury into a death (fatally, بجروح قاتلة). */
  fatal: string[];
  /** Suicide: `[verb, reflexive]` pairs within a few words ("blew … himself up"). Counted as one perpetrator killed. */
  selfKill: { first: string[]; second: string[]; maxGap: number }[];
  /** Nouns after a number that show it counts no people (years old, cars, hours, cells…). */
  nonPersonAfter: string[];
  /** Words before a number that show it counts no people (in the year, page, aged…). */
  nonPersonBefore: string[];
  /** Month names (a number next to one is a date). */
  months: string[];
  /** Words introducing the agent (by, توسط, على يد). */
  agentMarkers: string[];
  /** Passive auxiliaries: `before` the trigger (was, تم) or `after` it (شد). */
  passiveMarkers: { before: string[]; after: string[] };
  /** Object markers after the patient (Persian را). */
  objectMarkers: string[];
  /** Words introducing a subset of the people just counted (among them, من بينهم, از جمله). */
  subsetMarkers: string[];
  /** Words after a number making it part of the people counted before ("five of them", خمسة منهم). */
  partitiveMarkers: string[];
  /** Words allowed between a number and its noun (of, من, از, نفر handled as head). */
  connectors: string[];
  /** Words that may stand inside a figure without breaking it (the, other, also, ديگر, نيز). */
  skippable: string[];
  /** Words that end a clause (but, while, لكن, اما). */
  boundaries: string[];
  /** Words opening a relative clause after a noun (who, که): the noun's verb comes after the clause. */
  relativizers?: string[];
  /** Words coordinating two counted groups (and, و). */
  coordinators: string[];
  /** "Others" (others, آخرين, دیگر): counted people of the group named just before. */
  others: string[];
  /** Negation: words before a trigger (not, لم, هیچ) or right after it (Persian نشد) that deny it, and words for "no one". A denied trigger counts nobody. */
  negation?: { before: string[]; after: string[]; nobody: string[] };
  /** Words that tell the type of an event (bombing: انفجار, explosion…). */
  eventTypes?: Partial<Record<'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot', string[]>>;
  /** Words before a place that make it an example, not where things happened (including, بما في ذلك, از جمله). */
  exampleMarkers?: string[];
  /**
   * Where an event happened as a whole. `wide`: phrases spreading an event over a country or many
   * places (across the country, في أنحاء البلاد, در سراسر کشور); `spread`: words saying it spread
   * (spread to, امتدت, گسترش یافت); `originBefore`/`originAfter`: words before or after a place that
   * name it as where something began (began in, انطلقت من, از … آغاز شد), not where it happened;
   * `wideBefore`: words before a place's name that spread the event over all of it (across, في أنحاء, سراسر);
   * `narrowAfter`: words after a `wide` phrase that keep it within one place ("of the city", من المدينة, این شهر);
   * `referenceBefore`: words of time before another event's name ("after the Aktobe attacks", بعد هجمات, پس از حملات):
   * its place tells when, not where. `nearBefore`: words before a place the event was near ("near", "west of",
   * بالقرب من, در نزدیکی): it is not where the event was.
   */
  scope?: { wide?: string[]; wideBefore?: string[]; narrowAfter?: string[]; spread?: string[]; originBefore?: string[]; originAfter?: string[]; referenceBefore?: string[]; nearBefore?: string[] };
  /**
   * Words next to a place's name that name it for something other than where things happened:
   * `before` a time zone (به وقت, بتوقيت), `after` a time zone or a news outlet ("Tehran time",
   * "… News", نیوز).
   */
  aside?: { before?: string[]; after?: string[] };
  /**
   * Who did what to whom. `perpetratorBefore`/`perpetratorAfter`: words next to a group's name that
   * make it the attacker (مسلحو …, عناصر گروهک …, "… gunmen"); `attackVerbs`: words of attacking, whose
   * doer is the attacker and whose object the target; `claims`: claims of responsibility (تبنى,
   * "claimed responsibility", مسئولیت … بر عهده گرفت); `targets`: what is attacked, by category (the
   * category names are shared by every lexicon: "police station", "checkpoint", "bus"…);
   * `notTargetBefore`: words before a target word that make it the attackers' means ("aboard a bus", على متن).
   */
  actors?: { perpetratorBefore?: string[]; perpetratorAfter?: string[]; attackVerbs?: string[]; claims?: string[]; notTargetBefore?: string[]; targets?: { category: string; words: string[] }[] };
  /** Words before a date that make it the bound of a period, not an event's date (since, منذ, از سال). */
  dateNotEvent?: string[];
  /** Words right after a date that tell it as some time after the event (the day after, غداة, فردای): not the event's date. */
  dateAfterEvent?: string[];
  /** Words saying a toll rose (rose to, ارتفع, افزایش یافت): such a report updates earlier ones. */
  updateCues?: string[];
  /** Words that give a count as an earlier one ("earlier reports said", بعدما كانت, پیش‌تر): another count of the article supersedes it. */
  supersededCues?: string[];
  /**
   * A running total over a period, not one event's toll ("bringing the number killed this year to
   * 112", منذ بداية العام, از ابتدای سال). `periods`: phrases that always name such a period ("since
   * the start of the year") or a scope wider than any one event ("around the world", في العالم, در سراسر جهان); `weak`: phrases that do so only beside a word of totalling ("this year",
   * هذا العام, امسال); `totals`: those words ("bringing the total", إجمالي, در مجموع; the update cues count too).
   * A figure in the same clause, or after a sentence that opens with a period, is cumulative.
   */
  cumulative?: { periods?: string[]; weak?: string[]; totals?: string[] };
  /**
   * Number words that also say "a" or "one such" (Persian یک ایست بازرسی, "a checkpoint"; Arabic
   * عائلة واحدة, "one family"): a count of people only beside a group word or a trigger.
   */
  indefinite?: string[];
  /** Words introducing a name in no knowledge base: "مدينة", "President", "وزارة" (include: the cue is part of the name; max: most words the name takes). */
  entityCues?: { words: string[]; type: 'place' | 'person' | 'organization'; include?: boolean; max?: number; venue?: boolean; descriptor?: boolean }[];
  /** Words that join a head to the rest of a name in Latin script ("University of Medical Sciences", "General Staff of the Armed Forces"). */
  entityLinks?: string[];
  /** Words that never begin or continue a name (besides the identification words). */
  entityStop?: string[];
  /** Words skipped between a cue and the name ("former", nationality adjectives), and a pattern for such words. */
  entitySkip?: string[];
  entitySkipPattern?: string;
  /**
   * Adjectives that make a body's head a description, not a name, when they follow it: "an armed
   * group" (جماعة مسلحة, گروه مسلح, گروه تروریستی) names no group; a name after them is still one.
   */
  genericAfterHead?: string[];
  syntax: {
    /** A number may follow its noun (Arabic مدنيين اثنين). */
    numberAfterNoun: boolean;
    /** Objects come before the verb (Persian SOV). */
    objectBeforeVerb: boolean;
    /** Verbs come before their subject (Arabic VSO). */
    verbFirst?: boolean;
    /** The last noun of a phrase is its head (English "army soldier"). */
    headFinal?: boolean;
  };
  /** Date words: month names of three calendars, ordinals, weekdays, relative dates, year markers (documented member by member in {@link DatesLexicon}). */
  dates?: DatesLexicon;
}

/** A lexicon entry found over tokens `[from, to)`. */
export interface Match<T> {
  from: number;
  to: number;
  value: T;
}

/** Which tries of one lexicon a token's forms begin a phrase of: bit `trie.bit` of `bits` (see {@link PhraseTrie.longest}). */
export interface TrieMask {
  /** The lexicon whose tries the bits number. */
  readonly owner: object;
  readonly bits: Uint32Array;
}

/**
 * A token's candidate forms as a lexicon makes them, with the tries they may begin a phrase of, and
 * a slot where a pass keeps what it worked out about the word (the entity passes' `EntityWord`).
 * Both are set when the list is made ({@link formList}): a property added later gives some lists
 * another hidden class, and the optimised code that reads them was thrown away for it.
 */
export type FormList = string[] & { beginsIn?: TrieMask; word?: unknown };

/** Makes `forms` a {@link FormList}, its properties in one order. */
export function formList(forms: string[], mask: TrieMask | undefined): FormList {
  const f = forms as FormList;
  f.beginsIn = mask;
  f.word = undefined;
  return f;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

/** Longest-match dictionary over folded, clitic-stripped token sequences. */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };
  /** The lexicon that numbered this trie, and its bit in that lexicon's {@link TrieMask}s; none for a trie of no lexicon. */
  owner: object | undefined;
  bit = -1;

  add(phrase: string, value: T): void {
    // A phrase added after the lexicon numbered its tries: masks made before do not know its first word.
    this.owner = undefined;
    const words = foldWord(phrase).split(' ').filter(Boolean);
    if (!words.length) return;
    let node = this.root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map(), values: [] }));
      node = child;
    }
    node.values.push(value);
  }

  /** Words that begin some phrase of the trie. */
  firstWords(): IterableIterator<string> {
    return this.root.next.keys();
  }

  /** Whether some phrase of the trie begins with one of these forms. */
  begins(forms: readonly string[]): boolean {
    for (const f of forms) if (this.root.next.has(f)) return true;
    return false;
  }

  /** The longest phrase starting at token `i`, reading candidate forms of each token from `forms`; `joinable(j)` says whether token j may continue a phrase. */
  longest(forms: readonly string[][], i: number, limit = forms.length, joinable?: (j: number) => boolean): Match<T> | undefined {
    const first = forms[i];
    if (!first || i >= limit) return undefined;
    // Most tokens begin no phrase of this trie, and their form lists say so without a lookup.
    const mask = (first as FormList).beginsIn;
    if (mask !== undefined && mask.owner === this.owner && ((mask.bits[this.bit >> 5] >>> (this.bit & 31)) & 1) === 0) return undefined;
    let best: { to: number; value: T | undefined } | undefined;
    // Most tokens start no phrase: look the first token up before walking anything.
    const root = this.root.next;
    for (let a = 0; a < first.length; a++) {
      const node = root.get(first[a]);
      if (node === undefined) continue;
      best ??= { to: -1, value: undefined };
      if (node.values.length && i + 1 > best.to) { best.to = i + 1; best.value = node.values[0]; }
      if (node.next.size && i + 1 < limit && (!joinable || joinable(i + 1))) walk(node, forms, i + 1, limit, joinable, best);
    }
    return !best || best.to < 0 ? undefined : { from: i, to: best.to, value: best.value as T };
  }
}

/** Follows a phrase from node `n` at token `j`, keeping the longest match in `best`. */
function walk<T>(n: TrieNode<T>, forms: readonly string[][], j: number, limit: number, joinable: ((j: number) => boolean) | undefined, best: { to: number; value: T | undefined }): void {
  const fs = forms[j];
  if (!fs) return;
  for (let a = 0; a < fs.length; a++) {
    const child = n.next.get(fs[a]);
    if (child === undefined) continue;
    if (child.values.length && j + 1 > best.to) { best.to = j + 1; best.value = child.values[0]; }
    if (child.next.size && j + 1 < limit && (!joinable || joinable(j + 1))) walk(child, forms, j + 1, limit, joinable, best);
  }
}

/** A token's candidate forms of each kind (see {@link CompiledLexicon}). */
export interface WordForms {
  /** The token's text, one string for every token of the same text. */
  text: string;
  forms: string[];
  nounForms: string[];
  nameForms: string[];
}

/** A lexicon made ready for matching. */
export interface CompiledLexicon {
  source: Lexicon;
  language: string;
  /** Candidate forms of a token: itself, and with clitics stripped. */
  forms(token: Token): string[];
  /** Whether any of these forms begins a phrase of any of the lexicon's lists (most words begin none). */
  keyword(forms: readonly string[]): boolean;
  /** Candidate forms of a token read as a noun: prefixes and noun suffixes stripped only. */
  nounForms(token: Token): string[];
  /** Candidate forms of a token read as a name: particles stripped, the article kept. */
  nameForms(token: Token): string[];
  /** The mask of a list of forms made elsewhere (a date finder's prefix forms): attach it as `beginsIn` (see {@link FormList}). */
  trieMask(forms: readonly string[]): TrieMask;
  /** The three kinds of forms of a token at once: one lookup where a document reads them all. */
  wordForms(token: Token): WordForms;
  numberWords: PhraseTrie<number>;
  multipliers: PhraseTrie<number>;
  scales: PhraseTrie<number>;
  joiners: Set<string>;
  numberExclude: Set<string>;
  /** {@link Lexicon.numbers}.ambiguous, folded. */
  numberAmbiguous: Set<string>;
  /** The number words of one token that are not ambiguous, folded (a form among a token's forms that is one of them makes it a plain number: "ستة"). */
  numberPlain: Set<string>;
  /** {@link Lexicon.numbers}.counters, folded. */
  numberCounters: Set<string>;
  /** {@link Lexicon.numbers}.ambiguousPartners, folded. */
  numberPartners: Set<string>;
  vague: PhraseTrie<{ low: number; high: number | null }>;
  modifiersBefore: PhraseTrie<Lexicon['modifiers'][number]['effect']>;
  modifiersAfter: PhraseTrie<Lexicon['modifiers'][number]['effect']>;
  rangeJoiners: PhraseTrie<true>;
  rangeOpeners: PhraseTrie<true>;
  rangeOpenerJoiners: PhraseTrie<true>;
  triggers: PhraseTrie<Lexicon['triggers'][number]>;
  groups: PhraseTrie<{ group: VictimGroup; number: 'singular' | 'dual' | 'plural' | 'any'; head: boolean }>;
  perpetratorContext: PhraseTrie<true>;
  fatal: PhraseTrie<true>;
  selfKillFirst: PhraseTrie<number>;
  /** Second words of each self-kill pattern, one trie per pattern (a word such as "himself" ends several). */
  selfKillSecond: PhraseTrie<true>[];
  nonPersonAfter: PhraseTrie<true>;
  nonPersonBefore: PhraseTrie<true>;
  months: PhraseTrie<true>;
  agentMarkers: PhraseTrie<true>;
  passiveBefore: PhraseTrie<true>;
  passiveAfter: PhraseTrie<true>;
  objectMarkers: PhraseTrie<true>;
  subsetMarkers: PhraseTrie<true>;
  partitiveMarkers: PhraseTrie<true>;
  connectors: PhraseTrie<true>;
  skippable: PhraseTrie<true>;
  boundaries: PhraseTrie<true>;
  relativizers: PhraseTrie<true>;
  coordinators: PhraseTrie<true>;
  labelMarkers: PhraseTrie<true>;
  oneMore: PhraseTrie<true>;
  otherFates: PhraseTrie<true>;
  severity: PhraseTrie<true>;
  /** The lexicon's `boilerplate` lists, folded. */
  boilerplate: { heads: string[]; rights: string[]; share: string[] };
  /** Coordinators that attach to the next word (Arabic و). */
  attachedCoordinators: string[];
  /** The coordinator attached to a token ("وعشرات"), when the rest of it is one of its `forms`. */
  attachedCoordinator(token: Token, forms: readonly string[]): string | undefined;
  others: PhraseTrie<true>;
  identifyWords: Set<string>;
  identifyLetters: string;
  eventTypes: PhraseTrie<'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot'>;
  updateCues: PhraseTrie<true>;
  supersededCues: PhraseTrie<true>;
  cumulativePeriods: PhraseTrie<true>;
  cumulativeWeak: PhraseTrie<true>;
  cumulativeTotals: PhraseTrie<true>;
  indefinite: PhraseTrie<true>;
  dateNotEvent: PhraseTrie<true>;
  dateAfterEvent: PhraseTrie<true>;
  negationBefore: PhraseTrie<true>;
  negationAfter: PhraseTrie<true>;
  nobody: PhraseTrie<true>;
  exampleMarkers: PhraseTrie<true>;
  scopeWide: PhraseTrie<true>;
  scopeWideBefore: PhraseTrie<true>;
  scopeNarrowAfter: PhraseTrie<true>;
  scopeSpread: PhraseTrie<true>;
  perpetratorBefore: PhraseTrie<true>;
  perpetratorAfter: PhraseTrie<true>;
  attackVerbs: PhraseTrie<true>;
  claims: PhraseTrie<true>;
  notTargetBefore: PhraseTrie<true>;
  /** Words naming what is attacked, with their category. */
  targets: PhraseTrie<string>;
  originBefore: PhraseTrie<true>;
  originAfter: PhraseTrie<true>;
  referenceBefore: PhraseTrie<true>;
  nearBefore: PhraseTrie<true>;
  asideBefore: PhraseTrie<true>;
  asideAfter: PhraseTrie<true>;
  entityCues: PhraseTrie<{ type: 'place' | 'person' | 'organization'; include: boolean; max: number; venue: boolean; descriptor: boolean }>;
  entityStop: Set<string>;
  entitySkip: { has(word: string): boolean };
  entityLinks: PhraseTrie<true>;
  /** See {@link Lexicon.genericAfterHead}. */
  genericAfterHead: PhraseTrie<true>;
  identifyPrefixes: string[];
  /** {@link Lexicon.dates} compiled; undefined when the lexicon has none. */
  dates?: CompiledDates;
}

function trieOf<T>(words: Iterable<string>, value: (w: string) => T): PhraseTrie<T> {
  const t = new PhraseTrie<T>();
  for (const w of words) t.add(w, value(w));
  return t;
}

const flag = (words: readonly string[] | undefined) => trieOf(words ?? [], () => true as const);

/** A mask of form lists, set once the lexicon's tries are numbered (form lists are made only when documents are analysed). */
interface MaskRef { of: (forms: readonly string[]) => TrieMask }

/** Strips a token's clitics: itself, with a prefix off, with a suffix off (noun suffixes only for `nounOnly`). */
function clitics(lex: Lexicon, prefixes: readonly string[], suffixes: readonly string[]): (t: string, nounOnly: boolean) => string[] {
  const minStem = lex.clitics.minStem;
  const nounSuffixes = new Set((lex.clitics.nounSuffixes ?? []).map(foldWord));
  const notAfter = new Map(Object.entries(lex.clitics.suffixNotAfter ?? {}).map(([k, v]) => [foldWord(k), new Set(v.map(foldWord))]));
  return (t: string, nounOnly: boolean): string[] => {
    const set = new Set<string>([t]);
    const stems: [string, string][] = [[t, '']];
    for (const p of prefixes) if (t.startsWith(p) && t.length - p.length >= minStem) stems.push([t.slice(p.length), p]);
    for (const [s, p] of stems) {
      set.add(s);
      for (const x of suffixes) {
        if (nounOnly && !nounSuffixes.has(x)) continue;
        if (p && notAfter.get(x)?.has(p)) continue;
        // Two clitics off one word leave at least three letters.
        if (s.endsWith(x) && s.length - x.length >= (p ? Math.max(3, minStem) : minStem)) set.add(s.slice(0, s.length - x.length));
      }
    }
    return [...set];
  };
}

/** The candidate forms of tokens of each kind, cached by text; each list carries its mask (see {@link FormList}). */
function formMakers(lex: Lexicon, prefixes: readonly string[], strip: (t: string, nounOnly: boolean) => string[], mask: MaskRef): Pick<CompiledLexicon, 'forms' | 'nounForms' | 'nameForms' | 'wordForms'> {
  const minStem = lex.clitics.minStem;
  const cache = new Map<string, string[]>();
  const nounCache = new Map<string, string[]>();
  const cached = (c: Map<string, string[]>, token: Token, nounOnly: boolean): string[] => {
    let f = c.get(token.text);
    if (f) return f;
    f = token.digits ? [token.text] : strip(token.text, nounOnly);
    formList(f, mask.of(f));
    if (c.size > 50000) c.clear();
    c.set(token.text, f);
    return f;
  };
  const forms = (token: Token): string[] => cached(cache, token, false);
  const keepArticle = Object.entries(lex.clitics.keepArticle ?? {}).map(([p, a]) => [foldWord(p), foldWord(a)] as const).sort((x, y) => y[0].length - x[0].length);
  const articles = new Set(keepArticle.map(([, a]) => a));
  const namePrefixes = lex.clitics.namePrefixes ? prefixes.filter((p) => lex.clitics.namePrefixes!.map(foldWord).includes(p)) : prefixes;
  const nameSuffixes = (lex.clitics.nameSuffixes ?? []).map(foldWord);
  const nameCache = new Map<string, string[]>();
  const nameForms = (token: Token): string[] => {
    const t = token.text;
    let f = nameCache.get(t);
    if (f) return f;
    const set = new Set<string>([t]);
    if (!token.digits) {
      for (const [p, a] of keepArticle) if (t.startsWith(p) && t.length - p.length >= minStem) set.add(a + t.slice(p.length));
      for (const p of namePrefixes) {
        if (articles.has(p) || keepArticle.some(([k]) => k === p) || !t.startsWith(p) || t.length - p.length < minStem) continue;
        set.add(t.slice(p.length));
      }
      for (const x of nameSuffixes) if (t.endsWith(x) && t.length - x.length >= minStem) set.add(t.slice(0, t.length - x.length));
    }
    f = [...set];
    formList(f, mask.of(f));
    if (nameCache.size > 50000) nameCache.clear();
    nameCache.set(t, f);
    return f;
  };
  const nounForms = (token: Token): string[] => cached(nounCache, token, true);
  const wordCache = new Map<string, WordForms>();
  const wordForms = (token: Token): WordForms => {
    let w = wordCache.get(token.text);
    if (w) return w;
    w = { text: token.text, forms: forms(token), nounForms: nounForms(token), nameForms: nameForms(token) };
    if (wordCache.size > 50000) wordCache.clear();
    wordCache.set(token.text, w);
    return w;
  };
  return { forms, nounForms, nameForms, wordForms };
}

/** The group nouns, with the duals and plurals the lexicon's morphology derives from singulars. */
function groupTrie(lex: Lexicon): CompiledLexicon['groups'] {
  const groups = new PhraseTrie<{ group: VictimGroup; number: 'singular' | 'dual' | 'plural' | 'any'; head: boolean }>();
  const explicit = new Set<string>();
  for (const g of lex.groups) for (const w of g.words) explicit.add(foldWord(w));
  const morph = lex.morphology ?? {};
  const inflect = (word: string, suffix: string): string => {
    const parts = foldWord(word).split(' ');
    let last = parts[0];
    const change = morph.stemChange?.map(foldWord);
    if (change && last.endsWith(change[0])) last = last.slice(0, last.length - change[0].length) + change[1];
    parts[0] = last + foldWord(suffix);
    return parts.join(' ');
  };
  for (const g of lex.groups) {
    for (const w of g.words) {
      groups.add(w, { group: g.group, number: g.number, head: !!g.head });
      if (g.number !== 'singular') continue;
      for (const s of morph.dualSuffixes ?? []) {
        const d = inflect(w, s);
        if (!explicit.has(d)) groups.add(d, { group: g.group, number: 'dual', head: !!g.head });
      }
      if (/\s/.test(w.trim())) {
        for (const s of morph.constructDualSuffixes ?? []) {
          const d = inflect(w, s);
          if (!explicit.has(d)) groups.add(d, { group: g.group, number: 'dual', head: !!g.head });
        }
      }
      for (const s of morph.pluralSuffixes ?? []) {
        const p = inflect(w, s);
        if (!explicit.has(p)) groups.add(p, { group: g.group, number: 'plural', head: !!g.head });
      }
      if (!/\s/.test(w.trim())) for (const s of morph.detachedPluralSuffixes ?? []) groups.add(`${w} ${s}`, { group: g.group, number: 'plural', head: !!g.head });
    }
  }
  return groups;
}

/** Numbers the tries of a compiled lexicon (its dates' too) and makes the masks of form lists by their first words. */
function numberTries(compiled: object, dates: object | undefined): { owner: object; none: TrieMask; trieMask: (fs: readonly string[]) => TrieMask } {
  const owner = {};
  const tries: PhraseTrie<unknown>[] = [];
  const collect = (v: unknown): void => {
    if (v instanceof PhraseTrie) tries.push(v);
    else if (Array.isArray(v)) for (const x of v) collect(x);
  };
  for (const v of Object.values(compiled)) collect(v);
  for (const v of Object.values(dates ?? {})) collect(v);
  const width = Math.max(1, Math.ceil(tries.length / 32));
  const firstBits = new Map<string, Uint32Array>();
  tries.forEach((t, i) => {
    t.owner = owner;
    t.bit = i;
    for (const w of t.firstWords()) {
      let b = firstBits.get(w);
      if (!b) firstBits.set(w, (b = new Uint32Array(width)));
      b[i >> 5] |= 1 << (i & 31);
    }
  });
  const none: TrieMask = { owner, bits: new Uint32Array(width) };
  const trieMask = (fs: readonly string[]): TrieMask => {
    let bits: Uint32Array | undefined;
    for (const f of fs) {
      const b = firstBits.get(f);
      if (!b) continue;
      bits ??= new Uint32Array(width);
      for (let j = 0; j < width; j++) bits[j] |= b[j];
    }
    return bits ? { owner, bits } : none;
  };
  return { owner, none, trieMask };
}

/** Prepares a lexicon for matching: folds its words, derives inflected forms, builds tries. */
/** Every member of {@link Lexicon}, in one order (the compiler says when one is missing). */
const LEXICON_MEMBERS = {
  $schema: true, language: true, name: true, script: true, identify: true, clitics: true, labelMarkers: true, oneMore: true,
  otherFates: true, severity: true, boilerplate: true, morphology: true, numbers: true, vague: true,
  modifiers: true, rangeJoiners: true, rangeOpeners: true, rangeOpenerJoiners: true, triggers: true,
  groups: true, perpetratorContext: true, fatal: true, selfKill: true, nonPersonAfter: true,
  nonPersonBefore: true, months: true, agentMarkers: true, passiveMarkers: true, objectMarkers: true,
  subsetMarkers: true, partitiveMarkers: true, connectors: true, skippable: true, boundaries: true,
  relativizers: true, coordinators: true, others: true, negation: true, eventTypes: true,
  exampleMarkers: true, scope: true, aside: true, actors: true, dateNotEvent: true, dateAfterEvent: true,
  updateCues: true, supersededCues: true, cumulative: true, indefinite: true, entityCues: true,
  entityLinks: true, entityStop: true, entitySkip: true, entitySkipPattern: true, genericAfterHead: true, syntax: true, dates: true,
} satisfies Record<keyof Lexicon, true>;

/**
 * A lexicon with every member, in one order, and its syntax and triggers of one shape: the
 * lexicons of Arabic, Persian and English, read from JSON with different members, would otherwise
 * each have their own hidden class, and the analysis's optimised code, made on the articles of one
 * language, was thrown away at the first article of another.
 */
function sameShape(lex: Lexicon): Lexicon {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(LEXICON_MEMBERS) as (keyof Lexicon)[]) out[k] = lex[k];
  const s = lex.syntax;
  out.syntax = { numberAfterNoun: s.numberAfterNoun, objectBeforeVerb: s.objectBeforeVerb, verbFirst: s.verbFirst, headFinal: s.headFinal };
  out.triggers = lex.triggers.map((t) => ({ words: t.words, kind: t.kind, role: t.role, voice: t.voice, weak: t.weak, number: t.number }));
  return out as unknown as Lexicon;
}

export function compileLexicon(raw: Lexicon): CompiledLexicon {
  const lex = sameShape(raw);
  const prefixes = [...new Set(lex.clitics.prefixes.map(foldWord))].sort((a, b) => b.length - a.length);
  const suffixes = [...new Set(lex.clitics.suffixes.map(foldWord))].sort((a, b) => b.length - a.length);
  // Set once every trie is built (below); form lists are made only when documents are analysed.
  const mask: MaskRef = { of: () => { throw new Error('form lists are made after the tries'); } };
  const { forms, nounForms, nameForms, wordForms } = formMakers(lex, prefixes, clitics(lex, prefixes, suffixes), mask);

  const numberWords = new PhraseTrie<number>();
  for (const [w, v] of Object.entries(lex.numbers.words)) numberWords.add(w, v);
  const numberAmbiguous = new Set((lex.numbers.ambiguous ?? []).map(foldWord));
  const numberPlain = new Set(Object.keys(lex.numbers.words).map(foldWord).filter((w) => !w.includes(' ') && !numberAmbiguous.has(w)));
  const multipliers = new PhraseTrie<number>();
  for (const [w, v] of Object.entries(lex.numbers.multipliers)) multipliers.add(w, v);
  const scales = new PhraseTrie<number>();
  for (const [w, v] of Object.entries(lex.numbers.scales)) scales.add(w, v);

  const vague = new PhraseTrie<{ low: number; high: number | null }>();
  for (const v of lex.vague) for (const w of v.words) vague.add(w, { low: v.low, high: v.high });
  const modifiersBefore = new PhraseTrie<Lexicon['modifiers'][number]['effect']>();
  const modifiersAfter = new PhraseTrie<Lexicon['modifiers'][number]['effect']>();
  for (const m of lex.modifiers) for (const w of m.words) (m.position === 'before' ? modifiersBefore : modifiersAfter).add(w, m.effect);
  const triggers = new PhraseTrie<Lexicon['triggers'][number]>();
  for (const t of lex.triggers) for (const w of t.words) triggers.add(w, t);
  const groups = groupTrie(lex);

  const selfKillFirst = new PhraseTrie<number>();
  const selfKillSecond = lex.selfKill.map((x) => flag(x.second));
  lex.selfKill.forEach((s, i) => {
    for (const w of s.first) selfKillFirst.add(w, i);
  });

  const entityCues = new PhraseTrie<{ type: 'place' | 'person' | 'organization'; include: boolean; max: number; venue: boolean; descriptor: boolean }>();
  for (const c of lex.entityCues ?? []) for (const w of c.words) entityCues.add(w, { type: c.type, include: !!c.include, max: c.max ?? 3, venue: !!c.venue, descriptor: !!c.descriptor });
  const skipWords = new Set((lex.entitySkip ?? []).map(foldWord));
  const skipRe = lex.entitySkipPattern ? new RegExp(lex.entitySkipPattern, 'u') : undefined;

  const eventTypes = new PhraseTrie<'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot'>();
  for (const [type, words] of Object.entries(lex.eventTypes ?? {})) for (const w of words ?? []) eventTypes.add(w, type as 'attack');

  const targets = new PhraseTrie<string>();
  for (const t of lex.actors?.targets ?? []) for (const w of t.words) targets.add(w, t.category);

  const compiled = {
    perpetratorBefore: flag(lex.actors?.perpetratorBefore), perpetratorAfter: flag(lex.actors?.perpetratorAfter), attackVerbs: flag(lex.actors?.attackVerbs), claims: flag(lex.actors?.claims), notTargetBefore: flag(lex.actors?.notTargetBefore), targets,
    eventTypes, updateCues: flag(lex.updateCues), supersededCues: flag(lex.supersededCues),
    cumulativePeriods: flag(lex.cumulative?.periods), cumulativeWeak: flag(lex.cumulative?.weak), cumulativeTotals: flag(lex.cumulative?.totals), indefinite: flag(lex.indefinite), dateNotEvent: flag(lex.dateNotEvent), dateAfterEvent: flag(lex.dateAfterEvent), negationBefore: flag(lex.negation?.before), negationAfter: flag(lex.negation?.after), nobody: flag(lex.negation?.nobody), exampleMarkers: flag(lex.exampleMarkers),
    scopeWide: flag(lex.scope?.wide), scopeWideBefore: flag(lex.scope?.wideBefore), scopeNarrowAfter: flag(lex.scope?.narrowAfter), scopeSpread: flag(lex.scope?.spread), originBefore: flag(lex.scope?.originBefore), originAfter: flag(lex.scope?.originAfter), referenceBefore: flag(lex.scope?.referenceBefore), nearBefore: flag(lex.scope?.nearBefore), asideBefore: flag(lex.aside?.before), asideAfter: flag(lex.aside?.after),
    entityCues, entityLinks: flag(lex.entityLinks), genericAfterHead: flag(lex.genericAfterHead), entitySkip: { has: (w: string) => skipWords.has(w) || !!skipRe?.test(w) },
    entityStop: new Set([...lex.identify.words, ...(lex.entityStop ?? []), ...lex.months, ...lex.boundaries, ...lex.connectors].map(foldWord)),
    source: lex, language: lex.language, forms, nounForms, nameForms, wordForms, numberWords, multipliers, scales,
    joiners: new Set(lex.numbers.joiners.map(foldWord)), numberExclude: new Set((lex.numbers.exclude ?? []).map(foldWord)), numberAmbiguous, numberPlain, numberCounters: new Set((lex.numbers.counters ?? []).map(foldWord)), numberPartners: new Set((lex.numbers.ambiguousPartners ?? []).map(foldWord)), vague, modifiersBefore, modifiersAfter,
    rangeJoiners: flag(lex.rangeJoiners), rangeOpeners: flag(lex.rangeOpeners), rangeOpenerJoiners: flag(lex.rangeOpenerJoiners), triggers, groups,
    perpetratorContext: flag(lex.perpetratorContext), fatal: flag(lex.fatal), selfKillFirst, selfKillSecond,
    nonPersonAfter: flag(lex.nonPersonAfter), nonPersonBefore: flag(lex.nonPersonBefore), months: flag(lex.months),
    agentMarkers: flag(lex.agentMarkers), passiveBefore: flag(lex.passiveMarkers.before), passiveAfter: flag(lex.passiveMarkers.after),
    objectMarkers: flag(lex.objectMarkers), subsetMarkers: flag(lex.subsetMarkers), partitiveMarkers: flag(lex.partitiveMarkers), connectors: flag(lex.connectors),
    skippable: flag(lex.skippable), boundaries: flag(lex.boundaries), relativizers: flag(lex.relativizers), coordinators: flag(lex.coordinators), others: flag(lex.others), labelMarkers: flag(lex.labelMarkers), oneMore: flag(lex.oneMore), otherFates: flag(lex.otherFates), severity: flag(lex.severity),
    boilerplate: { heads: (lex.boilerplate?.heads ?? []).map(foldWord), rights: (lex.boilerplate?.rights ?? []).map(foldWord), share: (lex.boilerplate?.share ?? []).map(foldWord) },
    attachedCoordinators: lex.coordinators.map(foldWord).filter((c) => prefixes.includes(c)),
    dates: lex.dates ? compileDates(lex.dates, foldWord) : undefined,
    identifyWords: new Set(lex.identify.words.map(foldWord)), identifyLetters: lex.identify.letters ?? '', identifyPrefixes: (lex.identify.prefixes ?? []).map(foldWord),
  };
  const { owner, none, trieMask } = numberTries(compiled, compiled.dates);
  mask.of = trieMask;
  // Form lists made here carry their mask; another list is masked on the spot.
  const keyword = (fs: readonly string[]) => {
    const mask = (fs as FormList).beginsIn;
    return (mask !== undefined && mask.owner === owner ? mask : trieMask(fs)) !== none;
  };
  const attachedCoordinator = (token: Token, fs: readonly string[]) => {
    const t = token.text;
    return compiled.attachedCoordinators.find((c) => t.length > c.length + 1 && t.startsWith(c) && fs.includes(t.slice(c.length)));
  };
  return Object.assign(compiled, { keyword, attachedCoordinator, trieMask: (fs: readonly string[]) => trieMask(fs) });
}
