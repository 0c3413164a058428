import type { FormList, Match } from './lexicon';
import { foldWord } from './normalize';

/** Type of a named entity. */
export type EntityType = 'place' | 'person' | 'organization';

/** One entity of a knowledge base (`knowledge/*.json`, `.khabar/knowledge.json`). See knowledge/README.md. */
export interface KnowledgeEntity {
  id: string;
  type: EntityType;
  /** Canonical English name. */
  name: string;
  /** Names and spelling variants by language tag. */
  names: Record<string, string[]>;
  kind?: string;
  /** [lon, lat], places only. */
  coordinates?: [number, number] | null;
  /** Id of the country entity. */
  country?: string;
  /** Id of the containing place. */
  within?: string;
  wikidata?: string;
  roles?: { role: string; from?: string; to?: string }[];
  /** Names that also name something else; context decides. */
  aliasesAmbiguous?: string[];
  /** Names (of `names`) that are also ordinary words ("Nice", "Reading"): in Latin script, matched only capitalised and not at the start of a sentence. */
  commonWordNames?: string[];
  /** The languages whose texts read `commonWordNames` as ordinary words (بانه: ب + أنه "that it" in Arabic, a town in Persian); absent: every language. */
  commonWordLanguages?: string[];
  /** Number of inhabitants (places of the gazetteer): the prior between places that share a name. */
  population?: number;
  /** GeoNames id of a place of the generated gazetteer (knowledge/places-world.json). */
  geonames?: number;
  /** A country's adjectives of nationality by language ("Egyptian", مصري, مصری). */
  demonyms?: Record<string, string[]>;
}

/** What a name says of one entity it names. */
export interface NameRef {
  id: string;
  /** The name is only one of the entity's aliasesAmbiguous: context decides. */
  ambiguous: boolean;
  /** The name is also an ordinary word (commonWordNames). */
  common?: boolean;
  /** The languages in which it is one (commonWordLanguages); absent: every language. */
  commonIn?: readonly string[];
}

interface NameNode {
  value: readonly NameRef[] | undefined;
  next: Map<string, NameEntry>;
}
/** A word of a name: the entities of a name that no longer name goes on from, or a node. */
type NameEntry = readonly NameRef[] | NameNode;
const isNode = (x: NameEntry): x is NameNode => !Array.isArray(x);

/**
 * Longest match of names over the candidate forms of tokens, like the lexicons' PhraseTrie but
 * lean: a word that ends a name and begins no longer one maps to the name's entities themselves,
 * not to a node (tens of thousands of places are loaded in every thread).
 */
export class NameTrie {
  private readonly root = new Map<string, NameEntry>();
  /** The entities of a folded phrase, made or updated by `f`. */
  update(words: readonly string[], f: (old: readonly NameRef[] | undefined) => readonly NameRef[]): void {
    if (!words.length) return;
    let map = this.root;
    for (let k = 0; k < words.length - 1; k++) {
      const x = map.get(words[k]);
      let node: NameNode;
      if (x === undefined) map.set(words[k], (node = { value: undefined, next: new Map() }));
      else if (!isNode(x)) map.set(words[k], (node = { value: x, next: new Map() }));
      else node = x;
      map = node.next;
    }
    const last = words[words.length - 1];
    const x = map.get(last);
    if (x !== undefined && isNode(x)) x.value = f(x.value);
    else map.set(last, f(x));
  }
  /** Whether some name begins with one of these forms. */
  begins(forms: readonly string[]): boolean {
    for (const f of forms) if (this.root.has(f)) return true;
    return false;
  }
  /** The longest name starting at token `i` (see PhraseTrie.longest). */
  longest(forms: readonly string[][], i: number, limit = forms.length, joinable?: (j: number) => boolean): Match<readonly NameRef[]> | undefined {
    const first = forms[i] as FormList | undefined;
    if (!first || i >= limit) return undefined;
    let bestTo = -1;
    let best: readonly NameRef[] | undefined;
    for (let a = 0; a < first.length; a++) {
      const x = this.root.get(first[a]);
      if (x === undefined) continue;
      const value = isNode(x) ? x.value : x;
      if (value !== undefined && i + 1 > bestTo) { bestTo = i + 1; best = value; }
      if (isNode(x) && i + 1 < limit && (!joinable || joinable(i + 1))) {
        const r = walkNames(x.next, forms, i + 1, limit, joinable, bestTo);
        if (r !== undefined) { bestTo = r.to; best = r.value; }
      }
    }
    return bestTo < 0 ? undefined : { from: i, to: bestTo, value: best! };
  }
}

/** The longest name going on from `next` at token `j` that ends after `bestTo`. */
function walkNames(next: Map<string, NameEntry>, forms: readonly string[][], j: number, limit: number, joinable: ((j: number) => boolean) | undefined, bestTo: number): { to: number; value: readonly NameRef[] } | undefined {
  const fs = forms[j];
  if (!fs) return undefined;
  let found: { to: number; value: readonly NameRef[] } | undefined;
  for (let a = 0; a < fs.length; a++) {
    const x = next.get(fs[a]);
    if (x === undefined) continue;
    const value = isNode(x) ? x.value : x;
    if (value !== undefined && j + 1 > bestTo) { bestTo = j + 1; found = { to: bestTo, value }; }
    if (isNode(x) && j + 1 < limit && (!joinable || joinable(j + 1))) {
      const r = walkNames(x.next, forms, j + 1, limit, joinable, bestTo);
      if (r !== undefined) { bestTo = r.to; found = r; }
    }
  }
  return found;
}

/** A knowledge-base file as read from disk, or its problems. */
export interface KnowledgeSource {
  /** Where it came from (a path), for messages. */
  origin: string;
  entities: unknown[];
  /** Words that are no name although a clitic-stripped form of them is one (وكالة is not و + كالة). */
  notNames?: unknown[];
  /** Given names (knowledge/given-names.json), and those that are also ordinary words. */
  givenNames?: unknown[];
  givenNamesCommon?: unknown[];
}

/** A problem in a knowledge-base file, reported to the user (never thrown). */
export interface KnowledgeProblem {
  origin: string;
  /** Index of the entry in `entities`, when the problem is one entry. */
  index?: number;
  message: string;
}

/** Knowledge merged from every source, ready for matching. */
export interface KnowledgeBase {
  /** Entities by id. */
  readonly entities: ReadonlyMap<string, KnowledgeEntity>;
  /** The entities a folded name sequence names; `ambiguous` when the name is only one of their aliasesAmbiguous. */
  readonly names: NameTrie;
  /** Ids by cross-script key of their names (see {@link crossScriptKey}). */
  readonly keys: ReadonlyMap<string, string[]>;
  /** Folded words that are no name although a clitic-stripped form of them is one (see KnowledgeSource.notNames). */
  readonly notNames: ReadonlySet<string>;
  /** Folded given names, true for those that are also ordinary words (see KnowledgeSource.givenNames). */
  readonly givenNames: ReadonlyMap<string, boolean>;
  /** Every beginning (three letters or more) of those keys: a word whose key is none is no name's start. */
  readonly keyPrefixes: ReadonlySet<string>;
  /** Whether `place` lies within `area` (itself, its province, its country…). */
  contains(area: string, place: string): boolean;
  /** The chain of containing places of a place, nearest first (the place itself excluded). */
  ancestors(place: string): string[];
  /**
   * The places one of whose names has the same spelling skeleton as `name` (see {@link spellingSkeleton}):
   * كرايست شيرش and كرايستشرش, "Bir al-Abed" and "Bir al-Abd". Empty for a skeleton under four letters.
   */
  placesSpelledLike(name: string): readonly string[];
}

const TYPES = new Set<EntityType>(['place', 'person', 'organization']);

function validate(raw: unknown, origin: string, index: number, problems: KnowledgeProblem[]): KnowledgeEntity | undefined {
  const bad = (message: string) => { problems.push({ origin, index, message }); return undefined; };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad(`entry ${index + 1} is not an object`);
  const e = raw as Record<string, unknown>;
  if (typeof e.id !== 'string' || !e.id.trim()) return bad(`entry ${index + 1} has no "id"`);
  if (e.type !== undefined && !TYPES.has(e.type as EntityType)) return bad(`"${e.id}": type must be place, person or organization`);
  if (e.names !== undefined && (typeof e.names !== 'object' || e.names === null || Array.isArray(e.names))) return bad(`"${e.id}": "names" must map languages to lists of names`);
  const names: Record<string, string[]> = {};
  for (const [lang, list] of Object.entries((e.names as Record<string, unknown>) ?? {})) {
    if (!Array.isArray(list) || list.some((n) => typeof n !== 'string')) return bad(`"${e.id}": names.${lang} must be a list of strings`);
    names[lang] = list as string[];
  }
  const c = e.coordinates;
  if (c !== undefined && c !== null && (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90)) {
    return bad(`"${e.id}": coordinates must be [lon, lat]`);
  }
  return {
    id: e.id, type: (e.type as EntityType) ?? 'place', name: typeof e.name === 'string' ? e.name : e.id, names,
    kind: typeof e.kind === 'string' ? e.kind : undefined, coordinates: (c as [number, number] | null | undefined) ?? null,
    country: typeof e.country === 'string' ? e.country : undefined, within: typeof e.within === 'string' ? e.within : undefined,
    wikidata: typeof e.wikidata === 'string' ? e.wikidata : undefined,
    roles: Array.isArray(e.roles) ? (e.roles as KnowledgeEntity['roles']) : undefined,
    aliasesAmbiguous: Array.isArray(e.aliasesAmbiguous) ? (e.aliasesAmbiguous as string[]).filter((x) => typeof x === 'string') : undefined,
    commonWordNames: Array.isArray(e.commonWordNames) ? (e.commonWordNames as string[]).filter((x) => typeof x === 'string') : undefined,
    commonWordLanguages: Array.isArray(e.commonWordLanguages) ? (e.commonWordLanguages as string[]).filter((x) => typeof x === 'string') : undefined,
    population: typeof e.population === 'number' ? e.population : undefined,
    geonames: typeof e.geonames === 'number' ? e.geonames : undefined,
    demonyms: stringLists(e.demonyms),
  };
}

/** Lists of strings by key, or undefined (what is not one is dropped). */
function stringLists(v: unknown): Record<string, string[]> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(v)) if (Array.isArray(list)) out[k] = list.filter((x): x is string => typeof x === 'string');
  return out;
}

const ROMAN: Record<string, string> = {
  'ا': 'a', 'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 's', 'ج': 'j', 'چ': 'ch', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z', 'ژ': 'zh',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm',
  'ن': 'n', 'ه': 'h', 'و': 'u', 'ي': 'i', 'ء': '', 'ڤ': 'v',
  // Cyrillic, for Russian names in the knowledge base.
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z', 'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm',
  'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'sh',
  'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
};

const memo = <T>(f: (s: string) => T): ((s: string) => T) => {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size > 100000) cache.clear();
      cache.set(s, (v = f(s)));
    }
    return v;
  };
};

/** A readable Latin rendering of a folded name (Arabic, Persian, Cyrillic or Latin script). */
export const romanize = memo(romanizeUncached);
function romanizeUncached(folded: string): string {
  let out = '';
  for (const ch of folded) out += ROMAN[ch] ?? ch;
  // Arabic script writes long vowels only: a name read letter by letter gets doubled vowels.
  out = out.replace(/([aiu])\1+/g, '$1').replace(/^al(?=\w{3,})/, 'al-');
  return out.split(/\s+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/**
 * A key that variants of one name share across scripts and transliterations: romanized, with
 * vowels, glides and doubled letters dropped and close consonants merged (Boralday, بورالداي → brld).
 */
export const crossScriptKey = memo(crossScriptKeyUncached);
function crossScriptKeyUncached(folded: string): string {
  let s = romanizeUncached(folded).toLowerCase().replace(/^al-/, '').replace(/\bal-/g, '');
  s = s.replace(/dzh|zh|dj|j/g, 'j').replace(/sh|ch|tch|ts|tz|x/g, 's').replace(/kh/g, 'h').replace(/gh/g, 'g').replace(/th/g, 't')
    .replace(/dh/g, 'd').replace(/ph/g, 'f').replace(/[qc]/g, 'k').replace(/w/g, 'u').replace(/[^a-z]/g, '');
  const first = s[0] ?? '';
  const rest = s.slice(1).replace(/[aeiouy]/g, '');
  return (/[aeiouy]/.test(first) ? '' : first) + rest.replace(/(.)\1+/g, '$1');
}

/**
 * A name's letters as spellings of it in one script share them: without spaces, joiners, hyphens
 * and doubled letters, and without vowel letters (ا و ي ی ى ء and hamza seats in Arabic script;
 * a e i o u y in Latin), which transliterations add or drop (كرايست شيرش, كرايستشرش; Abed, Abd).
 * Unlike {@link crossScriptKey} it never crosses scripts, so that a romanisation's guesses do not
 * make two names of one script differ.
 */
export function spellingSkeleton(folded: string): string {
  // A loop, not regular expressions: the index asks this of every name of every place.
  let out = '';
  let last = '';
  for (const ch of folded.toLowerCase()) {
    if (SKELETON_DROPS.has(ch) || ch === last) continue;
    out += ch;
    last = ch;
  }
  return out;
}
const SKELETON_DROPS = new Set([...' \t\n\u200c\u200d\'’`‘.-', ...'اويىیءئؤأإآ', ...'aeiouy']);

/** Skeletons shorter than this match too many names. */
const MIN_SKELETON = 4;

/**
 * {@link KnowledgeBase.placesSpelledLike} over every place, the index built at the first question
 * (most analyses never ask): the gazetteer's names read from its lines, not as entities.
 */
function skeletonIndex(own: ReadonlyMap<string, KnowledgeEntity>, gaz: Gazetteer): (name: string) => readonly string[] {
  let index: Map<string, string[]> | undefined;
  const file = (id: string, name: string) => {
    const s = spellingSkeleton(foldWord(name));
    if (s.length < MIN_SKELETON) return;
    const ids = index!.get(s);
    if (!ids) index!.set(s, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  return (name) => {
    const k = spellingSkeleton(foldWord(name));
    if (k.length < MIN_SKELETON) return NONE;
    if (!index) {
      index = new Map();
      for (const e of own.values()) {
        if (e.type !== 'place') continue;
        file(e.id, e.name);
        for (const l in e.names) for (const n of e.names[l]) file(e.id, n);
      }
      gaz.forEachName(file);
    }
    return index.get(k) ?? NONE;
  };
}

/**
 * A gazetteer file (knowledge/places-world.tsv): UTF-8 text, one place a line, tab-separated
 * `id name kind lon lat country population geonames en ar fa aliasesAmbiguous commonWordNames`,
 * lists separated by `|`; a line with no kind adds its names to the entity of that id (a curated
 * one); `#` begins a comment line. Kept as bytes: a place becomes an object only when asked for.
 */
export interface GazetteerSource {
  origin: string;
  bytes: Uint8Array;
}

const GAZ_COLUMNS = 13;
const NONE: readonly string[] = [];
const UTF8 = new TextDecoder('utf-8');
const list = (s: string | undefined): string[] => (s ? s.split('|') : []);
/**
 * A copy of a string of its own: V8 makes a part of 13 characters or more of a longer string (a
 * field of a gazetteer line, a word of a name) a view of it, and a kept view keeps the whole line.
 */
const ownCopy = (s: string): string => (s.length < 13 ? s : Array.from(s).join(''));

/** The places of gazetteer files, by id, each decoded from its line when asked for. */
class Gazetteer {
  /** Id → line number; where each line is, in three lists (numbers, not an object a line). */
  private readonly lines = new Map<string, number>();
  private readonly src: Uint8Array[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly cache = new Map<string, KnowledgeEntity>();
  /** Lines that add names to other entities. */
  readonly additions: { origin: string; entry: { id: string; names: Record<string, string[]> } }[] = [];

  constructor(sources: readonly GazetteerSource[], problems: KnowledgeProblem[], each: (fields: string[]) => void) {
    for (const src of sources) {
      const b = src.bytes;
      let line = 0;
      for (let from = 0; from < b.length; line++) {
        let to = b.indexOf(10, from);
        if (to < 0) to = b.length;
        const at = from;
        from = to + 1;
        if (to > at && b[to - 1] === 13) to--; // CRLF
        if (to === at || b[at] === 35 /* # */) continue;
        const f = UTF8.decode(b.subarray(at, to)).split('\t');
        if (f.length !== GAZ_COLUMNS || !f[0]) { problems.push({ origin: src.origin, index: line, message: `line ${line + 1}: expected ${GAZ_COLUMNS} tab-separated columns` }); continue; }
        if (!f[2]) { this.additions.push({ origin: src.origin, entry: { id: f[0], names: namesOf(f) } }); continue; }
        f[0] = ownCopy(f[0]);
        this.lines.set(f[0], this.from.length);
        this.src.push(b); this.from.push(at); this.to.push(to);
        each(f);
      }
    }
  }
  get size(): number { return this.lines.size; }
  has(id: string): boolean { return this.lines.has(id); }
  ids(): IterableIterator<string> { return this.lines.keys(); }
  /** Takes a place out (a knowledge file gives it again: it is kept with the others). */
  take(id: string): KnowledgeEntity | undefined {
    const e = this.get(id);
    this.lines.delete(id);
    this.cache.delete(id);
    return e;
  }
  /** Calls `f` with each place's id and each of its names (canonical, en, ar, fa), in line order. */
  forEachName(f: (id: string, name: string) => void): void {
    for (const [id, n] of this.lines) {
      const fields = UTF8.decode(this.src[n].subarray(this.from[n], this.to[n])).split('\t');
      f(id, fields[1]);
      for (const c of [8, 9, 10]) if (fields[c]) for (const name of fields[c].split('|')) f(id, name);
    }
  }
  get(id: string): KnowledgeEntity | undefined {
    let e = this.cache.get(id);
    if (e !== undefined) return e;
    const n = this.lines.get(id);
    if (n === undefined) return undefined;
    e = entityOf(UTF8.decode(this.src[n].subarray(this.from[n], this.to[n])).split('\t'));
    // The places of a few articles at a time are asked for, again and again.
    if (this.cache.size >= 4096) this.cache.clear();
    this.cache.set(id, e);
    return e;
  }
}

function namesOf(f: readonly string[]): Record<string, string[]> {
  const names: Record<string, string[]> = { en: list(f[8]) };
  if (f[9]) names.ar = list(f[9]);
  if (f[10]) names.fa = list(f[10]);
  return names;
}

function entityOf(f: readonly string[]): KnowledgeEntity {
  const amb = list(f[11]), common = list(f[12]);
  return {
    id: f[0], type: 'place', name: f[1], names: namesOf(f), kind: f[2], coordinates: [Number(f[3]), Number(f[4])],
    country: f[5] || undefined, within: undefined, wikidata: undefined, roles: undefined,
    aliasesAmbiguous: amb.length ? amb : undefined, commonWordNames: common.length ? common : undefined,
    population: f[6] ? Number(f[6]) : undefined, geonames: f[7] ? Number(f[7]) : undefined,
  };
}

/** The entities of the knowledge files, then the gazetteer's places that no file gives. */
class EntityMap implements ReadonlyMap<string, KnowledgeEntity> {
  constructor(private readonly own: Map<string, KnowledgeEntity>, private readonly gaz: Gazetteer) {}
  get size(): number { return this.own.size + this.gaz.size; }
  get(id: string): KnowledgeEntity | undefined { return this.own.get(id) ?? this.gaz.get(id); }
  has(id: string): boolean { return this.own.has(id) || this.gaz.has(id); }
  *keys(): MapIterator<string> { yield* this.own.keys(); yield* this.gaz.ids(); }
  *values(): MapIterator<KnowledgeEntity> { for (const id of this.keys()) yield this.get(id)!; }
  *entries(): MapIterator<[string, KnowledgeEntity]> { for (const id of this.keys()) yield [id, this.get(id)!]; }
  [Symbol.iterator](): MapIterator<[string, KnowledgeEntity]> { return this.entries(); }
  forEach(f: (value: KnowledgeEntity, key: string, map: ReadonlyMap<string, KnowledgeEntity>) => void): void { for (const [k, v] of this.entries()) f(v, k, this); }
}

/**
 * Merges knowledge sources, later ones over earlier ones: an entry whose id exists adds names and
 * replaces the fields it gives; a new id adds an entity. Malformed entries are reported and skipped.
 * Gazetteers (generated places) come under every source: a source's entry with a place's id is
 * merged over it.
 */
export function createKnowledgeBase(sources: readonly KnowledgeSource[], gazetteers: readonly GazetteerSource[] = []): { knowledge: KnowledgeBase; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const own = new Map<string, KnowledgeEntity>();
  const names = new NameTrie();
  const keys = new Map<string, string[]>();
  const genericKeys = new Set<string>();
  const gaz = new Gazetteer(gazetteers, problems, (f) => addNames(f[0], f[1], namesOf(f), list(f[11]), list(f[12]), false));
  const merge = (raw: unknown, origin: string, i: number) => {
    const e = validate(raw, origin, i, problems);
    if (!e) return;
    const old = own.get(e.id) ?? gaz.take(e.id);
    if (!old) { own.set(e.id, e); return; }
    const names: Record<string, string[]> = { ...old.names };
    for (const [l, list] of Object.entries(e.names)) names[l] = [...new Set([...(names[l] ?? []), ...list])];
    const given = raw as Record<string, unknown>;
    own.set(e.id, {
      ...old,
      ...Object.fromEntries(Object.entries(e).filter(([k, v]) => v !== undefined && k in given)),
      names,
    } as KnowledgeEntity);
  };
  const notNames = new Set<string>();
  for (const src of sources) for (const w of Array.isArray(src.notNames) ? src.notNames : []) if (typeof w === 'string') notNames.add(foldWord(w));
  const givenNames = new Map<string, boolean>();
  for (const src of sources) {
    for (const w of Array.isArray(src.givenNamesCommon) ? src.givenNamesCommon : []) if (typeof w === 'string') givenNames.set(foldWord(w), true);
    for (const w of Array.isArray(src.givenNames) ? src.givenNames : []) if (typeof w === 'string' && !givenNames.has(foldWord(w))) givenNames.set(foldWord(w), false);
  }
  for (const src of sources) {
    if (!Array.isArray(src.entities)) { problems.push({ origin: src.origin, message: 'the file must be {"entities": [...]}' }); continue; }
    src.entities.forEach((raw, i) => merge(raw, src.origin, i));
  }
  // The gazetteer's names of curated entities (and of none, when no file has that id).
  gaz.additions.forEach((a, i) => { if (own.has(a.entry.id)) merge(a.entry, a.origin, i); });
  // A name whose key is that of a generic alias ("UAE Interior Ministry" and "Interior Ministry"
  // share one, vowels dropped) would make the generic name look like a variant spelling of it.
  // Keys of the names of this load: many entities share a name (people called Ali Hassan), whose key is made once.
  const keyCache = new Map<string, string>();
  const keyOf = (folded: string) => {
    let k = keyCache.get(folded);
    if (k === undefined) keyCache.set(folded, (k = crossScriptKeyUncached(folded)));
    return k;
  };
  for (const e of own.values()) if (e.geonames === undefined) for (const n of e.aliasesAmbiguous ?? []) genericKeys.add(keyOf(foldWord(n)));
  for (const e of own.values()) addNames(e.id, e.name, e.names, e.aliasesAmbiguous ?? [], e.commonWordNames ?? [], e.geonames === undefined, e.commonWordLanguages);

  /**
   * Files the names of one entity; with `keyed`, their cross-script keys too (places of the
   * generated gazetteer have none: tens of thousands of names would make any word of six letters
   * a variant spelling of some village).
   */
  function addNames(id: string, name: string, byLang: Record<string, string[]>, ambiguousNames: readonly string[], commonNames: readonly string[], keyed: boolean, commonIn?: readonly string[]): void {
    // Lists, not sets: an entity has a few names, and tens of thousands of entities are filed.
    const ambiguous = ambiguousNames.length ? ambiguousNames.map(foldWord) : NONE;
    const common = commonNames.length ? commonNames.map(foldWord) : NONE;
    const seen: string[] = [];
    // The usual case, a name of this entity alone, shares one list.
    let plain: readonly NameRef[] | undefined;
    const add = (f: string) => {
      if (!f || seen.includes(f)) return;
      seen.push(f);
      const amb = ambiguous.includes(f);
      const com = common.includes(f);
      const words = f.split(' ');
      for (let w = 0; w < words.length; w++) words[w] = ownCopy(words[w]);
      names.update(words, (old) => {
        if (!old && !amb && !com) return (plain ??= Object.freeze([{ id, ambiguous: false }]));
        if (old && old[old.length - 1].id === id) return old; // a place of the gazetteer that a file gives again
        // A shared list is copied once; a list of its own grows in place (each entity adds a name once).
        const refs = !old ? [] : Object.isFrozen(old) ? [...old] : (old as NameRef[]);
        refs.push(com ? (commonIn ? { id, ambiguous: amb, common: true, commonIn } : { id, ambiguous: amb, common: true }) : { id, ambiguous: amb });
        return refs;
      });
      if (amb || !keyed) return;
      const k = keyOf(f);
      if (k.length >= 3 && !genericKeys.has(k)) {
        const ids = keys.get(k);
        // Names are added entity by entity: the id is last in the list if it is there at all.
        if (!ids) keys.set(k, [id]);
        else if (ids[ids.length - 1] !== id) ids.push(id);
      }
    };
    // "Agence France-Presse" is written "Agence France Presse" as often: a curated name's hyphens may be spaces.
    const addSpelled = (f: string) => { add(f); if (keyed && f.includes('-')) add(f.replace(/(?<=[a-z])-(?=[a-z])/g, ' ')); };
    addSpelled(foldWord(name));
    for (const l in byLang) for (const n of byLang[l]) addSpelled(foldWord(n));
    for (const f of ambiguous) add(f);
  }

  const entities = new EntityMap(own, gaz);
  const keyPrefixes = new Set<string>();
  for (const k of keys.keys()) for (let n = 3; n <= k.length; n++) keyPrefixes.add(k.slice(0, n));
  const parentOf = (id: string): string | undefined => {
    const e = entities.get(id);
    if (!e) return undefined;
    if (e.within && e.within !== id) return e.within;
    if (e.country && e.country !== id) return e.country;
    return undefined;
  };
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = parentOf(id); p && !out.includes(p) && out.length < 12; p = parentOf(p)) out.push(p);
    return out;
  };
  return {
    knowledge: { entities, names, keys, keyPrefixes, notNames, givenNames, ancestors, contains: (area, place) => area === place || ancestors(place).includes(area), placesSpelledLike: skeletonIndex(own, gaz) },
    problems,
  };
}
