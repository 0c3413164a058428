import { PhraseTrie } from './lexicon';
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
}

/** A knowledge-base file as read from disk, or its problems. */
export interface KnowledgeSource {
  /** Where it came from (a path), for messages. */
  origin: string;
  entities: unknown[];
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
  readonly names: PhraseTrie<{ id: string; ambiguous: boolean }[]>;
  /** Ids by cross-script key of their names (see {@link crossScriptKey}). */
  readonly keys: ReadonlyMap<string, string[]>;
  /** Every beginning (three letters or more) of those keys: a word whose key is none is no name's start. */
  readonly keyPrefixes: ReadonlySet<string>;
  /** Whether `place` lies within `area` (itself, its province, its country…). */
  contains(area: string, place: string): boolean;
  /** The chain of containing places of a place, nearest first (the place itself excluded). */
  ancestors(place: string): string[];
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
  };
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
  let s = romanize(folded).toLowerCase().replace(/^al-/, '').replace(/\bal-/g, '');
  s = s.replace(/dzh|zh|dj|j/g, 'j').replace(/sh|ch|tch|ts|tz|x/g, 's').replace(/kh/g, 'h').replace(/gh/g, 'g').replace(/th/g, 't')
    .replace(/dh/g, 'd').replace(/ph/g, 'f').replace(/[qc]/g, 'k').replace(/w/g, 'u').replace(/[^a-z]/g, '');
  const first = s[0] ?? '';
  const rest = s.slice(1).replace(/[aeiouy]/g, '');
  return (/[aeiouy]/.test(first) ? '' : first) + rest.replace(/(.)\1+/g, '$1');
}

/**
 * Merges knowledge sources, later ones over earlier ones: an entry whose id exists adds names and
 * replaces the fields it gives; a new id adds an entity. Malformed entries are reported and skipped.
 */
export function createKnowledgeBase(sources: readonly KnowledgeSource[]): { knowledge: KnowledgeBase; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const entities = new Map<string, KnowledgeEntity>();
  for (const src of sources) {
    if (!Array.isArray(src.entities)) { problems.push({ origin: src.origin, message: 'the file must be {"entities": [...]}' }); continue; }
    src.entities.forEach((raw, i) => {
      const e = validate(raw, src.origin, i, problems);
      if (!e) return;
      const old = entities.get(e.id);
      if (!old) { entities.set(e.id, e); return; }
      const names: Record<string, string[]> = { ...old.names };
      for (const [l, list] of Object.entries(e.names)) names[l] = [...new Set([...(names[l] ?? []), ...list])];
      const given = raw as Record<string, unknown>;
      entities.set(e.id, {
        ...old,
        ...Object.fromEntries(Object.entries(e).filter(([k, v]) => v !== undefined && k in given)),
        names,
      } as KnowledgeEntity);
    });
  }
  const names = new PhraseTrie<{ id: string; ambiguous: boolean }[]>();
  const byPhrase = new Map<string, Map<string, boolean>>();
  const keys = new Map<string, string[]>();
  // A name whose key is that of a generic alias ("UAE Interior Ministry" and "Interior Ministry"
  // share one, vowels dropped) would make the generic name look like a variant spelling of it.
  const genericKeys = new Set<string>();
  for (const e of entities.values()) for (const n of e.aliasesAmbiguous ?? []) genericKeys.add(crossScriptKey(foldWord(n)));
  for (const e of entities.values()) {
    const ambiguous = new Set((e.aliasesAmbiguous ?? []).map(foldWord));
    const all = new Set<string>([e.name, ...Object.values(e.names).flat(), ...(e.aliasesAmbiguous ?? [])]);
    for (const n of all) {
      const f = foldWord(n);
      if (!f) continue;
      let map = byPhrase.get(f);
      if (!map) byPhrase.set(f, (map = new Map()));
      map.set(e.id, (map.get(e.id) ?? true) && ambiguous.has(f));
      if (ambiguous.has(f)) continue;
      const k = crossScriptKey(f);
      if (k.length >= 3 && !genericKeys.has(k)) {
        const list = keys.get(k) ?? [];
        if (!list.includes(e.id)) keys.set(k, [...list, e.id]);
      }
    }
  }
  for (const [phrase, ids] of byPhrase) names.add(phrase, [...ids].map(([id, amb]) => ({ id, ambiguous: amb })));
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
    knowledge: { entities, names, keys, keyPrefixes, ancestors, contains: (area, place) => area === place || ancestors(place).includes(area) },
    problems,
  };
}
