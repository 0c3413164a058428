// The entity finder's context: one sentence, its lexicon and knowledge base, and the names found so far.
import { crossScriptKey, romanize, type EntityType, type KnowledgeBase, type KnowledgeEntity } from '../knowledge';
import type { CompiledLexicon } from '../lexicon';
import { foldWord } from '../normalize';
import type { Token } from '../tokenize';

/** An entity mention over tokens `[from, to)`, before offsets are mapped back. */
export interface TokenEntity {
  from: number;
  to: number;
  type: EntityType;
  /** Knowledge-base id, or a generated id (`unk:<type>:<key>`) for names in no knowledge base. */
  id: string;
  /** Canonical name, or a romanization for unknown names. */
  name: string;
  inKnowledgeBase: boolean;
}

/** A generic name of several bodies ("Interior Ministry") that the article's country will decide. */
export interface PendingEntity {
  from: number;
  to: number;
  /** Ids of the bodies it may name. */
  ids: string[];
}

/** What the entity passes ask of a word, kept on its (shared) list of name forms for one knowledge base. */
interface EntityWord {
  kb: KnowledgeBase;
  /** Some form begins a name of the knowledge base. */
  beginsName: boolean;
  /** Some form is a word that is no name by itself (entityStop). */
  stop: boolean;
  /** The word's cross-script key begins some known name's key (a variant spelling may start here). */
  beginsKey: boolean;
}
type NameForms = readonly string[] & { word?: EntityWord };

export function entityWord(kb: KnowledgeBase, lex: CompiledLexicon, token: Token, forms: readonly string[]): EntityWord {
  const known = (forms as NameForms).word;
  if (known !== undefined && known.kb === kb) return known;
  const k1 = crossScriptKey(token.text);
  const w: EntityWord = { kb, beginsName: kb.names.begins(forms), stop: forms.some((f) => lex.entityStop.has(f)), beginsKey: k1.length >= 3 && kb.keyPrefixes.has(k1) };
  // Form lists are made once per word and shared by its occurrences (CompiledLexicon.nameForms).
  if (Object.isExtensible(forms)) (forms as { word?: EntityWord }).word = w;
  return w;
}

/** The place a name spells with other vowels or spaces: the only one, or one ten times as populous as any other. */
function placeSpelledLike(kb: KnowledgeBase, name: string, countries: ReadonlyMap<string, number>): KnowledgeEntity | undefined {
  const ids = kb.placesSpelledLike(name);
  const ranked = ids.map((id) => kb.entities.get(id)!).sort((x, y) => (y.population ?? 0) - (x.population ?? 0));
  const e = ranked.length === 1 || (ranked.length > 1 && (ranked[0].population ?? 0) >= 10 * Math.max(1, ranked[1].population ?? 0)) ? ranked[0] : undefined;
  // A small town's name spelled otherwise (Le Carillon, a bar: La Carolina) only in its country's news.
  return e && (e.kind === 'country' || (e.population ?? 0) >= SPELLED_ANYWHERE || countries.has(e.country ?? e.id)) ? e : undefined;
}
/** A place this large is meant by a spelling of its name in any article. */
const SPELLED_ANYWHERE = 100000;

/** Small words inside romanised names (al-, bin, ibn, abu; de, van, von…): not a name's end. */
const LATIN_NAME_PARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'at', 'az', 'an', 'ash', 'ud', 'bin', 'ibn', 'bint', 'abu', 'de', 'del', 'da', 'di', 'van', 'von', 'der']);

/** Words of Arabic-script names after which a word with the article is still the name's (folded): عبد الله, أبو الفضل, نور الدين. */
export const NAME_PARTICLES = new Set(['عبد', 'ابو', 'ابي', 'بن', 'ابن', 'بنت', 'ام', 'نور', 'سيف', 'عز', 'صلاح', 'نصر']);

/** The countries of a knowledge base, by knowledge base, found once. */
const countrySets = new WeakMap<KnowledgeBase, KnowledgeEntity[]>();
/** The countries of a knowledge base: among its curated entities, whose names have cross-script keys (the gazetteer's thousands of places are not decoded for them). */
export function countriesOf(kb: KnowledgeBase): readonly KnowledgeEntity[] {
  let list = countrySets.get(kb);
  if (list) return list;
  list = [];
  const seen = new Set<string>();
  for (const ids of kb.keys.values()) for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const e = kb.entities.get(id);
    if (e?.kind === 'country') list.push(e);
  }
  countrySets.set(kb, list);
  return list;
}

/** The countries' demonyms (folded), by knowledge base, made once. */
const demonymSets = new WeakMap<KnowledgeBase, Set<string>>();
function demonymsOf(kb: KnowledgeBase): Set<string> {
  let set = demonymSets.get(kb);
  if (set) return set;
  set = new Set<string>();
  for (const e of countriesOf(kb)) for (const list of Object.values(e.demonyms ?? {})) for (const w of list) set.add(foldWord(w));
  demonymSets.set(kb, set);
  return set;
}

export const isUpper = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/** The words of tokens [from, to), one space between. */
export function textOf(tokens: readonly Token[], from: number, to: number): string {
  let s = tokens[from].text;
  for (let k = from + 1; k < to; k++) s += ' ' + tokens[k].text;
  return s;
}

/**
 * One call of the entity finder over tokens `[from, to)` of a sentence: its tokens and name forms,
 * the lexicon and knowledge base, the article's countries so far, and the names the passes found
 * (`out`, the tokens they cover in `taken`). Every field is set in the constructor so that the
 * object keeps one shape.
 */
export class EntityScan {
  readonly tokens: readonly Token[];
  readonly forms: readonly string[][];
  readonly lex: CompiledLexicon;
  readonly kb: KnowledgeBase | undefined;
  /** The article's text, to read capitals from (tokens are folded). */
  readonly original: string;
  /** Where a token begins in `original`. */
  readonly originalStart: (t: Token) => number;
  readonly from: number;
  readonly to: number;
  /** The countries the article has named so far, with how often; the passes add to it. */
  readonly countries: Map<string, number>;
  /** Generic names of bodies whose country the whole article will decide (none kept when undefined). */
  readonly pending: PendingEntity[] | undefined;
  readonly out: TokenEntity[];
  /** Tokens inside a name found. */
  readonly taken: Set<number>;
  /** The lexicon's script is Latin: names are capitalised. */
  readonly latin: boolean;
  /** A name does not run across quotation marks or punctuation: «سبوتنيك» after لوكالة is the name alone. */
  readonly joinable: (j: number) => boolean;
  /** The first token of the sentence's end that `afterCountries` was read from (see countriesAfter), -1 before any. */
  afterAt: number;
  /** Countries the sentence names from `afterAt` on, found once. */
  afterCountries: Set<string> | undefined;

  constructor(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, kb: KnowledgeBase | undefined, original: string, originalStart: (t: Token) => number, from: number, to: number, countries: Map<string, number>, pending: PendingEntity[] | undefined) {
    this.tokens = tokens;
    this.forms = forms;
    this.lex = lex;
    this.kb = kb;
    this.original = original;
    this.originalStart = originalStart;
    this.from = from;
    this.to = to;
    this.countries = countries;
    this.pending = pending;
    this.out = [];
    this.taken = new Set<number>();
    this.latin = lex.source.script === 'Latin';
    this.joinable = (j: number) => !/[«»"“”,،.;:()\[\]]/.test(tokens[j].gap);
    this.afterAt = -1;
    this.afterCountries = undefined;
  }

  /** Token k begins with a capital, or the script has none. */
  capitalized(k: number): boolean {
    return !this.latin || isUpper(this.original[this.originalStart(this.tokens[k])]);
  }

  /** Romanised Arabic and European names keep small particles inside them: "Bir al-Abed", "Abu Bakr al-Baghdadi", "van der Berg". */
  particle(k: number, limit: number): boolean {
    if (!this.latin) return false;
    const t = this.tokens[k].text.toLowerCase();
    const dash = t.indexOf('-');
    if (dash > 0) return LATIN_NAME_PARTICLES.has(t.slice(0, dash)) && isUpper(this.original[this.originalStart(this.tokens[k]) + dash + 1]);
    return LATIN_NAME_PARTICLES.has(t) && k + 1 < limit && this.capitalized(k + 1) && this.joinable(k + 1);
  }

  /** The type of a cue ending right before token i ("مدينة …", "President …"), at most three words back. */
  cueBefore(i: number): EntityType | undefined {
    for (let s = Math.max(this.from, i - 3); s < i; s++) {
      const m = this.lex.entityCues.longest(this.forms, s, i);
      // A head that is part of a place's name ("خیابان مرکزی", a street) says nothing of the name after it.
      if (m && m.to === i) return m.value.include && m.value.type === 'place' ? undefined : m.value.type;
    }
    return undefined;
  }

  /** Lexicon lists a word of a name is none of: its words are the article's own (triggers, groups, event words, cues). */
  lexiconWord(k: number): boolean {
    const { lex, forms } = this;
    return [lex.triggers, lex.groups, lex.eventTypes, lex.entityCues, lex.nonPersonAfter].some((t) => (t as { longest(f: readonly string[][], i: number, lim?: number): unknown }).longest(forms, k, k + 1));
  }

  /**
   * Whether token k may be a word of a name that no knowledge base knows: not taken, no number, a
   * capital in Latin script, no function word, no word of the lexicon's lists, no word read as a
   * clitic and a name (kb.notNames: وكالة), unless a given name (كريم).
   */
  nameLike(k: number): boolean {
    const { tokens, lex, kb } = this;
    return k >= this.from && k < this.to && !this.taken.has(k) && !tokens[k].digits && tokens[k].text.length > 1 && this.capitalized(k) && crossScriptKey(tokens[k].text).length > 0
      && !lex.entityStop.has(tokens[k].text) && !this.forms[k].some((f) => lex.entityStop.has(f)) && (!kb?.notNames.has(tokens[k].text) || kb.givenNames.has(tokens[k].text)) && !this.lexiconWord(k);
  }

  /** A name in no knowledge base over tokens [nameFrom, k) (the name's words from `start`); a known spelling of the same type is that entity. */
  pushUnknown(nameFrom: number, start: number, k: number, type: EntityType): boolean {
    const { kb } = this;
    const words = textOf(this.tokens, start, k);
    const key = crossScriptKey(words);
    if (key.length < 2) return false;
    // A key of three letters or fewer is shared by words of every kind (الشهداء and Chad: shd).
    const known = key.length > 3 ? kb?.keys.get(key)?.filter((id) => kb.entities.get(id)?.type === type) : undefined;
    // Or a spelling of a place's name that adds or drops vowels and spaces (كرايست شيرش, "Bir al-Abed").
    const e = known && known.length === 1 ? kb!.entities.get(known[0]) : type === 'place' && kb ? placeSpelledLike(kb, words, this.countries) : undefined;
    if (e) this.out.push({ from: start, to: k, type, id: e.id, name: e.name, inKnowledgeBase: true });
    else this.out.push({ from: nameFrom, to: k, type, id: `unk:${type}:${key}`, name: romanize(words), inKnowledgeBase: false });
    for (let x = nameFrom; x < k; x++) this.taken.add(x);
    return true;
  }

  // Arabic script has no capitals: a word of a name is no verb of the language's commonest shapes
  // (Persian می…, …ند), and a word with the article is a nisba (التسطري), not a noun (الهجوم, للقضاء).
  arabicNameWord(k: number): boolean {
    // After عبد, أبو, بن the article begins the rest of the name (عبد الكريم, أبو الفضل).
    if (this.forms[k].some((f) => f.startsWith('ال') && !f.endsWith('ي')) && !(k > this.from && NAME_PARTICLES.has(this.tokens[k - 1].text))) return false;
    return !this.verbShaped(k);
  }

  /** A Persian word of a verb's commonest shapes (می…, …ند): no word of any name. */
  verbShaped(k: number): boolean {
    const t = this.tokens[k].text;
    return this.lex.language === 'fa' && (/^n?می/.test(t.replace(/^ن(?=می)/, 'n')) || (t.length > 4 && t.endsWith('ند')));
  }

  /** A word of a name that no knowledge base knows, in either script. */
  nameWord(k: number): boolean {
    return this.nameLike(k) && (this.latin || this.arabicNameWord(k));
  }

  // Where a name without capitals may begin and end: a punctuation mark, a function word, a word
  // of the lexicon, a number, another name, or a preposition with the article (للصحفيين, بالقرب).
  edge(k: number): boolean {
    const { tokens, lex } = this;
    return k < this.from || k >= this.to || this.taken.has(k) || tokens[k].digits || lex.entityStop.has(tokens[k].text) || this.forms[k].some((f) => lex.entityStop.has(f)) || this.lexiconWord(k) || (!this.latin && /^(?:[وف]?(?:لل|[بلك]ال))/.test(tokens[k].text));
  }

  /** Whether token k is a nationality's adjective (الإيطالية, آلمانی, Italian), by the countries' demonyms. */
  isDemonym(k: number): boolean {
    if (!this.kb) return false;
    const d = demonymsOf(this.kb);
    const t = this.tokens[k].text;
    const bare = t.startsWith('ال') ? t.slice(2) : t;
    return d.has(t) || d.has(bare) || (bare.endsWith('ه') && d.has(bare.slice(0, -1)));
  }

  /** The country the knowledge base found over tokens [k, …), as an index into `out`. */
  countryAt(k: number): number {
    const { kb } = this;
    return this.out.findIndex((e) => e.from === k && e.type === 'place' && kb?.entities.get(e.id)?.kind === 'country');
  }

  /** Drops the name `out[index]` (a country that becomes part of a longer name), freeing its tokens. */
  dropAt(index: number): TokenEntity {
    const c = this.out[index];
    this.out.splice(index, 1);
    for (let x = c.from; x < c.to; x++) this.taken.delete(x);
    return c;
  }
}
