// The figure finder's context: one sentence, its lexicon, and what the passes found so far.
import type { CompiledLexicon, Lexicon, Match } from '../lexicon';
import type { QuantitySpan } from '../numbers';
import type { Token } from '../tokenize';
import type { Figure, VictimGroup } from '../types';

type TokenSpan = { from: number; to: number };

/** A figure over token indices, before offsets are mapped back to the original text. */
export interface TokenFigure extends Pick<Figure, 'kind' | 'group' | 'low' | 'high' | 'approximate' | 'explicit'> {
  /** Tokens of the people counted (quantity and group words). */
  from: number;
  to: number;
  trigger: TokenSpan;
  quantity?: TokenSpan;
  groupWords?: TokenSpan;
}

/** A trigger entry of the lexicon. */
export type Trigger = Lexicon['triggers'][number];

/** Group nouns joined by connectors ("security officers", "members of a terrorist group"). */
export interface GroupPhrase {
  from: number;
  to: number;
  group: VictimGroup;
  number: 'singular' | 'dual' | 'plural' | 'any';
  /** Only heads ("members", "نفر") and no group of its own. */
  headOnly: boolean;
  /** Only "others" (آخرين, دیگر): the group is that of the people counted just before. */
  others: boolean;
  /** End of the nouns themselves, before any "of a terrorist group" complement. */
  coreTo?: number;
}

/** People a figure may count: a quantity, a group phrase, or both. */
export interface Participant {
  from: number;
  to: number;
  q?: QuantitySpan;
  g?: GroupPhrase;
  /** A noun that carries its own kind (قتلى, wounded) and so is its own trigger. */
  own?: TriggerHit;
  /**
   * The victim noun of a partitive ("two of the wounded", اثنان من الجرحى): the people are drawn from
   * it, and a verb of another fate ("died") decides their kind; without one, it does.
   */
  set?: TriggerHit;
  low: number;
  high: number | null;
  approximate: boolean;
  explicit: boolean;
  bare: 'none' | 'countable' | 'plural';
}

/**
 * A group phrase with every field set, in one order. Spreads (`{ ...g, group }`) gave each object a
 * hidden class of its own once V8 optimised their site, garbage that only a full collection frees.
 */
export function groupPhrase(from: number, to: number, group: VictimGroup, number: GroupPhrase['number'], headOnly: boolean, others: boolean, coreTo?: number): GroupPhrase {
  return { from, to, group, number, headOnly, others, coreTo };
}

/** What a participant counts: how many, whether the text gives a number, whether it is a bare noun. */
export type Count = Pick<Participant, 'low' | 'high' | 'approximate' | 'explicit' | 'bare'>;

/** A participant with every field set, in one order (see {@link groupPhrase}). */
export function participant(from: number, to: number, q: QuantitySpan | undefined, g: GroupPhrase | undefined, count: Count, own?: TriggerHit, set?: TriggerHit): Participant {
  return { from, to, q, g, own, set, low: count.low, high: count.high, approximate: count.approximate, explicit: count.explicit, bare: count.bare };
}

/** A word that says what happened, found over tokens `[from, to)`. */
export interface TriggerHit {
  from: number;
  to: number;
  entry: Trigger;
}

/** What the passes ask of a trie: its longest phrase at a token. */
export type Trie<T> = { longest(f: readonly string[][], i: number, lim?: number): Match<T> | undefined };

/** How specific a group is: a more specific group word names the people of a phrase. */
export const SPECIFICITY: Record<VictimGroup, number> = { people: 0, security: 1, police: 2, military: 2, civilians: 2, perpetrators: 2 };
/** (A full stop inside a sentence has no space after it: "injured.Police detained …" runs two sentences together.) */
export const HARD_BREAK = /[;:؛()\[\].]/;
/** Two group words can name the same people ("رجال الشرطة", "security officers"), unlike "security forces … the attackers". */
export const compatible = (a: VictimGroup, b: VictimGroup): boolean =>
  a === b || a === 'people' || b === 'people' || (a === 'security' && (b === 'police' || b === 'military')) || (b === 'security' && (a === 'police' || a === 'military'));
/** A comma: parts clauses less than a hard break. */
export const SOFT_BREAK = /[,،]/;

/**
 * One sentence `[from, to)` as the figure passes see it: its tokens and forms, the lexicon, and what
 * the passes found so far. Every field is set in the constructor so that the object keeps one shape.
 */
export class FigureContext {
  readonly L: Lexicon;
  /** Objects come before the verb (Persian). */
  readonly sov: boolean;
  /**
   * Whether token `k` (at `k - from`) begins any phrase of the lexicon. Every rule asks the same tries
   * about the same tokens: tokens that begin none (most of them) are never looked up.
   */
  readonly keyword: boolean[] = [];
  /** Quantities that count people. */
  quantities: QuantitySpan[] = [];
  /** Tokens inside a quantity. */
  readonly quantityAt = new Set<number>();
  phrases: GroupPhrase[] = [];
  /** Group phrases by first token. */
  readonly phraseAt = new Map<number, GroupPhrase>();
  triggers: TriggerHit[] = [];
  /** Group phrases a participant has taken. */
  readonly used = new Set<GroupPhrase>();
  participants: Participant[] = [];
  /** Participants joined by "and"/"و"/commas, sharing one trigger. */
  chains: Participant[][] = [];
  readonly figures: TokenFigure[] = [];

  constructor(
    readonly tokens: readonly Token[],
    readonly forms: readonly string[][],
    readonly nounForms: readonly string[][],
    readonly lex: CompiledLexicon,
    readonly from: number,
    readonly to: number,
    /** Quantities the caller already found in the sentence. */
    readonly found: readonly QuantitySpan[] | undefined,
  ) {
    this.L = lex.source;
    this.sov = this.L.syntax.objectBeforeVerb;
    for (let k = from; k < to; k++) this.keyword.push(lex.keyword(forms[k]) || lex.keyword(nounForms[k]));
  }

  /** The longest phrase of `trie` at token `i` of the sentence. */
  at<T>(trie: Trie<T>, i: number, f: readonly string[][] = this.forms): Match<T> | undefined {
    return i < this.from || i >= this.to || !this.keyword[i - this.from] ? undefined : trie.longest(f, i, this.to);
  }

  /** Whether a phrase of `trie` begins at token `i`. */
  is<T>(trie: Trie<T>, i: number): boolean {
    return !!this.at(trie, i);
  }

  /** Where a phrase of `trie` ending right before `end` begins. */
  endsAt<T>(trie: Trie<T>, end: number, maxLen = 3): number | undefined {
    for (let s = Math.max(this.from, end - maxLen); s < end; s++) {
      const m = this.at(trie, s);
      if (m && m.to === end) return s;
    }
    return undefined;
  }

  /** The text between token `k` and the one before it (none at the sentence's ends). */
  gapAt(k: number): string {
    return k > this.from && k < this.to ? this.tokens[k].gap : '';
  }

  /** A comma or a hard break before one of the tokens a to b: punctuation parts what lies on either side, skipped words ("a") or not. */
  punctuated(a: number, b: number): boolean {
    for (let k = Math.max(a, this.from + 1); k <= b && k < this.to; k++) if (HARD_BREAK.test(this.gapAt(k)) || SOFT_BREAK.test(this.gapAt(k))) return true;
    return false;
  }

  /** Token `k` coordinates: "and", a comma before it, or an attached coordinator (Arabic و). */
  coordinated(k: number): boolean {
    if (k >= this.to) return false;
    if (this.is(this.lex.coordinators, k) || SOFT_BREAK.test(this.gapAt(k))) return true;
    return this.lex.attachedCoordinator(this.tokens[k], this.forms[k]) !== undefined;
  }

  /** The first token from `i` on that is no connector (with `allowConnectors`) or skippable word, at most `max` on. */
  skipFwd(i: number, max: number, allowConnectors = true): number {
    let k = i;
    while (k < this.to && k - i < max && ((allowConnectors && this.is(this.lex.connectors, k)) || this.is(this.lex.skippable, k)) && !HARD_BREAK.test(this.gapAt(k))) k++;
    return k;
  }

  /** The first of the skippable words right before token `i` (`i` when there are none). */
  skipBack(i: number): number {
    let k = i;
    while (k - 1 >= this.from && this.is(this.lex.skippable, k - 1)) k--;
    return k;
  }

  /** A comma or a hard break before one of the tokens a to b, or a word that ends a clause ("when") among those before b. */
  breakBetween(a: number, b: number): boolean {
    if (this.punctuated(a, b)) return true;
    for (let k = Math.max(a, this.from + 1); k < b && k < this.to; k++) if (this.is(this.lex.boundaries, k)) return true;
    return false;
  }

  /** No hard break (`;`, `:`, brackets) between tokens a and b. */
  unbroken(a: number, b: number): boolean {
    for (let k = Math.max(a, this.from + 1); k <= b && k < this.to; k++) if (HARD_BREAK.test(this.gapAt(k))) return false;
    return true;
  }

  /** A coordinator among tokens `[a, b)`. */
  coordinatorBetween(a: number, b: number): boolean {
    for (let k = a; k < b; k++) if (this.is(this.lex.coordinators, k)) return true;
    return false;
  }

  /** A victim noun ("dead", قتلى) starting at token `k`. */
  personTriggerAt(k: number): TriggerHit | undefined {
    return this.triggers.find((t) => t.from === k && t.entry.role === 'person');
  }
}
