import { crossScriptKey, romanize, type EntityType, type KnowledgeBase, type KnowledgeEntity, type NameRef } from './knowledge';
import type { CompiledLexicon } from './lexicon';
import { foldWord } from './normalize';
import type { Token } from './tokenize';

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

/** A place this large is meant by a name that is also a word when the article names its country. */
const LARGE = 100000;
/** The places an article has named so far, by the article's count of countries (one map per analysis). */
const seenPlaces = new WeakMap<Map<string, number>, [number, number][]>();
/** How near (degrees, about 200 km) a place of a shared name must lie to the article's other places to be the one meant. */
const NEAR = 2;
/** Distance in degrees (longitude scaled by latitude) from a point to the nearest of some points. */
function distanceTo(points: readonly [number, number][], [lon, lat]: [number, number]): number {
  let best = Infinity;
  const k = Math.cos((lat * Math.PI) / 180);
  for (const [x, y] of points) { const d = Math.hypot((x - lon) * k, y - lat); if (d < best) best = d; }
  return best;
}

/** A place this large is meant by its name in capitals (a dateline), not an acronym. */
const PROMINENT = 250000;

const KIND_RANK = ['city', 'town', 'village', 'district', 'landmark', 'province', 'region', 'country'];
const rank = (kind: string | undefined) => { const i = KIND_RANK.indexOf(kind ?? ''); return i < 0 ? 4 : i; };

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
type NameForms = readonly string[] & { entityWord?: EntityWord };

function entityWord(kb: KnowledgeBase, lex: CompiledLexicon, token: Token, forms: readonly string[]): EntityWord {
  const known = (forms as NameForms).entityWord;
  if (known !== undefined && known.kb === kb) return known;
  const k1 = crossScriptKey(token.text);
  const w: EntityWord = { kb, beginsName: kb.names.begins(forms), stop: forms.some((f) => lex.entityStop.has(f)), beginsKey: k1.length >= 3 && kb.keyPrefixes.has(k1) };
  // Form lists are made once per word and shared by its occurrences (CompiledLexicon.nameForms).
  if (Object.isExtensible(forms)) (forms as { entityWord?: EntityWord }).entityWord = w;
  return w;
}

/** The place a name spells with other vowels or spaces: the only one, or one ten times as populous as any other. */
function placeSpelledLike(kb: KnowledgeBase, name: string): KnowledgeEntity | undefined {
  const ids = kb.placesSpelledLike(name);
  if (ids.length === 1) return kb.entities.get(ids[0]);
  const ranked = ids.map((id) => kb.entities.get(id)!).sort((x, y) => (y.population ?? 0) - (x.population ?? 0));
  return ranked.length > 1 && (ranked[0].population ?? 0) >= 10 * Math.max(1, ranked[1].population ?? 0) ? ranked[0] : undefined;
}

/** Small words inside romanised names (al-, bin, ibn, abu; de, van, von…): not a name's end. */
const LATIN_NAME_PARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'at', 'az', 'an', 'ash', 'ud', 'bin', 'ibn', 'bint', 'abu', 'de', 'del', 'da', 'di', 'van', 'von', 'der']);

/** Words of Arabic-script names after which a word with the article is still the name's (folded): عبد الله, أبو الفضل, نور الدين. */
const NAME_PARTICLES = new Set(['عبد', 'ابو', 'ابي', 'بن', 'ابن', 'بنت', 'ام', 'نور', 'سيف', 'عز', 'صلاح', 'نصر']);

/** The cross-script keys of the Arabic-script given names of a knowledge base, made once. */
const givenKeySets = new WeakMap<KnowledgeBase, Set<string>>();
function arabicGivenKeys(kb: KnowledgeBase): Set<string> {
  let set = givenKeySets.get(kb);
  if (set) return set;
  set = new Set<string>();
  for (const [name, common] of kb.givenNames) if (!common && /[\u0600-\u06ff]/.test(name)) set.add(crossScriptKey(name));
  givenKeySets.set(kb, set);
  return set;
}

/** Whether a word is a given name (true: one that is also an ordinary word), kept on its shared list of forms. */
type GivenForms = readonly string[] & { givenKb?: KnowledgeBase; given?: boolean };
function givenName(kb: KnowledgeBase, latin: boolean, t: string, forms: readonly string[]): boolean | undefined {
  const cached = forms as GivenForms;
  if (cached.givenKb === kb) return cached.given;
  let g: boolean | undefined;
  // A given name is no word with the article (الدين is no name; نور الدين is one after نور).
  for (const f of forms) { const v = kb.givenNames.get(f); if (v !== undefined && (latin || !(t.startsWith('ال') && !f.startsWith('ال')))) { g = v; break; } }
  // Two given names written as one word (محمدرضا, علیرضا): a given name.
  if (g === undefined && !latin && !t.startsWith('ال')) for (let x = 3; x <= t.length - 3; x++) { const a = kb.givenNames.get(t.slice(0, x)), b = kb.givenNames.get(t.slice(x)); if (a !== undefined && b !== undefined && !(a && b)) { g = false; break; } }
  // A Latin spelling of an Arabic-script given name (Kazem: كاظم, Hossein: حسين), by its
  // cross-script key: as good as a given name that is also a word (the key may be a word's too).
  if (g === undefined && latin && t.length >= 4) { const key = crossScriptKey(t); if (key.length >= 3 && arabicGivenKeys(kb).has(key)) g = true; }
  if (Object.isExtensible(forms)) { (forms as { givenKb?: KnowledgeBase }).givenKb = kb; (forms as { given?: boolean }).given = g; }
  return g;
}

/** The countries' demonyms (folded), by knowledge base, made once. */
const demonymSets = new WeakMap<KnowledgeBase, Set<string>>();
function demonymsOf(kb: KnowledgeBase): Set<string> {
  let set = demonymSets.get(kb);
  if (set) return set;
  set = new Set<string>();
  // The countries are among the curated entities, whose names have cross-script keys: the
  // gazetteer's thousands of places are not decoded for them.
  const seen = new Set<string>();
  for (const ids of kb.keys.values()) for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const e = kb.entities.get(id);
    const d = e?.kind === 'country' ? (e as { demonyms?: Record<string, unknown> }).demonyms : undefined;
    if (d && typeof d === 'object') for (const list of Object.values(d)) if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') set.add(foldWord(w));
  }
  demonymSets.set(kb, set);
  return set;
}

const isUpper = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/**
 * Finds people, places and organizations in one sentence: names of the knowledge base (longest
 * match over folded, clitic-stripped tokens), and names in no knowledge base introduced by a cue
 * ("مدينة …", "President …", "وزارة …"). Context decides between entities sharing a name.
 */
/** A generic name of several bodies ("Interior Ministry") that the article's country will decide. */
export interface PendingEntity {
  from: number;
  to: number;
  /** Ids of the bodies it may name. */
  ids: string[];
}

/**
 * Picks the body a generic name means: the one of the country the article names most (all its
 * places, before and after the name), or none.
 */
export function resolvePending(ids: readonly string[], kb: KnowledgeBase, countries: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const id of ids) {
    const n = countries.get(kb.entities.get(id)?.country ?? '') ?? 0;
    if (n > most) { most = n; best = id; }
  }
  return best;
}

/** The words of tokens [from, to), one space between. */
function textOf(tokens: readonly Token[], from: number, to: number): string {
  let s = tokens[from].text;
  for (let k = from + 1; k < to; k++) s += ' ' + tokens[k].text;
  return s;
}

export function findEntities(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, kb: KnowledgeBase | undefined, original: string, originalStart: (t: Token) => number, from: number, to: number, countries: Map<string, number> = new Map(), pending?: PendingEntity[]): TokenEntity[] {
  const out: TokenEntity[] = [];
  const taken = new Set<number>();
  const latin = lex.source.script === 'Latin';
  const capitalized = (k: number) => !latin || isUpper(original[originalStart(tokens[k])]);
  // Romanised Arabic and European names keep small particles inside them: "Bir al-Abed", "Abu Bakr al-Baghdadi", "van der Berg".
  const particle = (k: number, limit: number) => {
    if (!latin) return false;
    const t = tokens[k].text.toLowerCase();
    const dash = t.indexOf('-');
    if (dash > 0) return LATIN_NAME_PARTICLES.has(t.slice(0, dash)) && isUpper(original[originalStart(tokens[k]) + dash + 1]);
    return LATIN_NAME_PARTICLES.has(t) && k + 1 < limit && capitalized(k + 1) && joinable(k + 1);
  };
  // A name does not run across quotation marks or punctuation: «سبوتنيك» after لوكالة is the name alone.
  const joinable = (j: number) => !/[«»"“”,،.;:()\[\]]/.test(tokens[j].gap);
  const cueBefore = (i: number): EntityType | undefined => {
    for (let s = Math.max(from, i - 3); s < i; s++) {
      const m = lex.entityCues.longest(forms, s, i);
      // A head that is part of a place's name ("خیابان مرکزی", a street) says nothing of the name after it.
      if (m && m.to === i) return m.value.include && m.value.type === 'place' ? undefined : m.value.type;
    }
    return undefined;
  };

  /** Where a body's name ends in its country: the generic name's end, and the country's span. */
  const countryAfterGenericName = (a: number, b: number, id: string): { nameTo: number; countryFrom: number; country: string } | undefined => {
    if (!kb) return undefined;
    for (let k = a + 1; k < b; k++) {
      const c = kb.names.longest(forms, k, b);
      const country = c && c.to === b ? c.value.find((x) => kb.entities.get(x.id)?.kind === 'country')?.id : undefined;
      if (!country) continue;
      // The generic name right before it, or one linking word before it ("في", "of", "در").
      for (const j of [k, k - 1]) {
        if (j <= a) continue;
        const g = kb.names.longest(forms, a, j);
        if (g && g.to === j && g.value.some((x) => x.id === id && x.ambiguous)) return { nameTo: j, countryFrom: k, country };
      }
      return undefined;
    }
    return undefined;
  };

  /**
   * Whether a name may mean this entity here without context: a name that is also an ordinary
   * word is one in Latin script only capitalised and not first in its sentence ("Nice"), and
   * elsewhere needs context as an ambiguous alias does (with a cue, `cued`, it may).
   */
  function usable(c: NameRef, i: number, end: number, cued: boolean): boolean {
    if (latin && !cued) {
      const e = kb!.entities.get(c.id);
      if (e?.geonames !== undefined && !standsAlone(i, end, e.population ?? 0)) return false;
    }
    if (!c.common) return true;
    // First in its sentence, or in a clause after a dash, colon or quotation mark ("— Police
    // stormed"), a capital says nothing.
    return latin ? i > from && capitalized(i) && !/[^\s,،]/.test(tokens[i].gap) : cued;
  }

  /**
   * Whether a Latin name of the gazetteer stands alone, not inside a longer capitalised name that
   * nothing knows, nor an acronym: "Pierre Janaszak", "Mike Bush" are people, not Pierre (South
   * Dakota) or Bush (Egypt).
   */
  function standsAlone(i: number, end: number, population: number): boolean {
    // An acronym (ISNA, the news agency) is no town's name (Isna, Egypt); a dateline in capitals
    // (PARIS, Nov 14 -) names a large city.
    const s = originalStart(tokens[i]);
    if (isUpper(original[s]) && isUpper(original[s + 1]) && population < PROMINENT) return false;
    if (end < to && joinable(end) && !tokens[end].digits && capitalized(end) && !forms[end].some((f) => lex.entityStop.has(f))) return false;
    if (i > from && joinable(i) && !tokens[i - 1].digits && capitalized(i - 1) && !forms[i - 1].some((f) => lex.entityStop.has(f))) return false;
    return true;
  }

  /** Countries that tokens [a, b) of the sentence name. */
  function countriesIn(kb: KnowledgeBase, a: number, b: number): Set<string> {
    const found = new Set<string>();
    for (let j = a; j < b; j++) {
      const m = kb.names.longest(forms, j, b);
      if (!m) continue;
      for (const c of m.value) {
        const e = kb.entities.get(c.id);
        if (c.ambiguous || !e || e.type !== 'place') continue;
        const country = e.kind === 'country' ? e.id : e.country;
        if (country) found.add(country);
      }
      j = m.to - 1;
    }
    return found;
  }
  /** Countries that the sentence names after token `k` (Paris, Texas, in the United States), found once. */
  let after: { at: number; countries: Set<string> } | undefined;
  function countriesAfter(kb: KnowledgeBase, k: number): Set<string> {
    if (after && after.at <= k) return after.countries;
    after = { at: k, countries: countriesIn(kb, k, to) };
    return after.countries;
  }

  /**
   * Of places sharing a name (or a name that is also a word), the one whose country the article
   * names (before it, or later in the sentence), the larger first; none when no country decides
   * or the name's plain meaning (`ids`) lies in such a country already.
   */
  function localPlace(kb: KnowledgeBase, refs: readonly NameRef[], start: number, end: number, ids: readonly string[], cued: boolean): string | undefined {
    let best: KnowledgeEntity | undefined;
    let bestN = 0;
    let plainLocal = false;
    let generated = false;
    // Failing a country: the one near the places the article has named (within NEAR degrees).
    const seen = seenPlaces.get(countries);
    let nearest: KnowledgeEntity | undefined;
    let nearestD = Infinity, secondD = Infinity;
    const distance = (e: KnowledgeEntity) => (seen && e.coordinates ? distanceTo(seen, e.coordinates) : Infinity);
    for (const c of refs) {
      const e = kb.entities.get(c.id);
      if (!e || e.type !== 'place' || e.kind === 'country') continue;
      if (e.geonames !== undefined) generated = true;
      // Hand-curated aliases that are words (مشهد, "scene") keep needing a cue of their own; a name
      // that is also a word, its country named or not, a cue or a large place.
      if ((c.ambiguous || c.common) && e.geonames === undefined && !cued) continue;
      if (c.common && !cued && (e.population ?? 0) < LARGE) continue;
      if (latin && !cued && e.geonames !== undefined && !standsAlone(start, end, e.population ?? 0)) continue;
      if (!c.common && seen) {
        const d = distance(e);
        if (d < nearestD) { secondD = nearestD; nearestD = d; nearest = e; } else if (d < secondD) secondD = d;
      }
      // A name that is also a word needs its country in the same sentence (هجوم نيس في فرنسا), not
      // only somewhere in the article (ميدان is a square in any article about Indonesia).
      const n = !e.country ? 0 : c.common && !cued
        ? (countriesAfter(kb, end).has(e.country) || countriesIn(kb, from, start).has(e.country) ? 1 : 0)
        : (countries.get(e.country) ?? 0) + (countriesAfter(kb, end).has(e.country) ? 1 : 0);
      if (!n) continue;
      if (ids.includes(c.id)) plainLocal = true;
      if (!best || n > bestN || (n === bestN && (rank(e.kind) - rank(best.kind) || distance(e) - distance(best) || (best.population ?? 0) - (e.population ?? 0)) < 0)) { best = e; bestN = n; }
    }
    // Only among the places of the gazetteer: the curated ones keep their own rules.
    if (!generated) return undefined;
    if (!best) return !ids.length && nearest?.geonames !== undefined && nearestD < NEAR && secondD - nearestD > NEAR / 2 ? nearest.id : undefined;
    return plainLocal && !ids.includes(best.id) ? undefined : best.id;
  }

  // Names in the knowledge base.
  if (kb) {
    knownNames(kb);
    variantSpellings(kb);
  }
  cuedNames();
  if (latin) namesBeforeHeads();
  apposedNames();
  if (kb?.givenNames.size) givenNamePeople(kb);
  return out.sort((a, b) => a.from - b.from);

  /** Lexicon lists a word of a name is none of: its words are the article's own (triggers, groups, event words, cues). */
  function lexiconWord(k: number): boolean { return [lex.triggers, lex.groups, lex.eventTypes, lex.entityCues, lex.nonPersonAfter].some((t) => (t as { longest(f: readonly string[][], i: number, lim?: number): unknown }).longest(forms, k, k + 1)); }
  /**
   * Whether token k may be a word of a name that no knowledge base knows: not taken, no number, a
   * capital in Latin script, no function word, no word of the lexicon's lists, no word read as a
   * clitic and a name (kb.notNames: وكالة), unless a given name (كريم).
   */
  function nameLike(k: number): boolean { return k >= from && k < to && !taken.has(k) && !tokens[k].digits && tokens[k].text.length > 1 && capitalized(k) && crossScriptKey(tokens[k].text).length > 0
    && !lex.entityStop.has(tokens[k].text) && !forms[k].some((f) => lex.entityStop.has(f)) && (!kb?.notNames.has(tokens[k].text) || kb.givenNames.has(tokens[k].text)) && !lexiconWord(k); }
  /** A name in no knowledge base over tokens [nameFrom, k) (the name's words from `start`); a known spelling of the same type is that entity. */
  function pushUnknown(nameFrom: number, start: number, k: number, type: EntityType): boolean {
    const words = textOf(tokens, start, k);
    const key = crossScriptKey(words);
    if (key.length < 2) return false;
    const known = kb?.keys.get(key)?.filter((id) => kb.entities.get(id)?.type === type);
    // Or a spelling of a place's name that adds or drops vowels and spaces (كرايست شيرش, "Bir al-Abed").
    const e = known && known.length === 1 ? kb!.entities.get(known[0]) : type === 'place' && kb ? placeSpelledLike(kb, words) : undefined;
    if (e) out.push({ from: start, to: k, type, id: e.id, name: e.name, inKnowledgeBase: true });
    else out.push({ from: nameFrom, to: k, type, id: `unk:${type}:${key}`, name: romanize(words), inKnowledgeBase: false });
    for (let x = nameFrom; x < k; x++) taken.add(x);
    return true;
  }
  // Arabic script has no capitals: a word of a name is no verb of the language's commonest shapes
  // (Persian می…, …ند), and a word with the article is a nisba (التسطري), not a noun (الهجوم, للقضاء).
  function arabicNameWord(k: number): boolean {
    const t = tokens[k].text;
    const persian = lex.language === 'fa';
    // After عبد, أبو, بن the article begins the rest of the name (عبد الكريم, أبو الفضل).
    if (forms[k].some((f) => f.startsWith('ال') && !f.endsWith('ي')) && !(k > from && NAME_PARTICLES.has(tokens[k - 1].text))) return false;
    return !persian || !(/^n?می/.test(t.replace(/^ن(?=می)/, 'n')) || (t.length > 4 && t.endsWith('ند')));
  }
  /** A word of a name that no knowledge base knows, in either script. */
  function nameWord(k: number): boolean { return nameLike(k) && (latin || arabicNameWord(k)); }
  // Where a name without capitals may begin and end: a punctuation mark, a function word, a word
  // of the lexicon, a number, another name, or a preposition with the article (للصحفيين, بالقرب).
  function edge(k: number): boolean { return k < from || k >= to || taken.has(k) || tokens[k].digits || lex.entityStop.has(tokens[k].text) || forms[k].some((f) => lex.entityStop.has(f)) || lexiconWord(k) || (!latin && /^(?:[وف]?(?:لل|[بلك]ال))/.test(tokens[k].text)); }
  /** Whether token k is a nationality's adjective (الإيطالية, آلمانی, Italian), by the countries' demonyms. */
  function isDemonym(k: number): boolean {
    if (!kb) return false;
    const d = demonymsOf(kb);
    const t = tokens[k].text;
    const bare = t.startsWith('ال') ? t.slice(2) : t;
    return d.has(t) || d.has(bare) || (bare.endsWith('ه') && d.has(bare.slice(0, -1)));
  }
  /** The country the knowledge base found over tokens [k, …), as an index into `out`. */
  function countryAt(k: number): number { return out.findIndex((e) => e.from === k && e.type === 'place' && kb?.entities.get(e.id)?.kind === 'country'); }

  // Each pass is a function of its own: V8 then optimises and re-optimises one at a time.
  function knownNames(kb: KnowledgeBase): void {
    for (let i = from; i < to; ) {
      const w = capitalized(i) ? entityWord(kb, lex, tokens[i], forms[i]) : undefined;
      const m = w?.beginsName ? kb.names.longest(forms, i, to, joinable) : undefined;
      if (!m || (m.to - m.from === 1 && (w!.stop || (kb.notNames.has(tokens[i].text) && !kb.names.begins([tokens[i].text]))) && !cueBefore(i))) { i++; continue; }
      // A name that is also an ordinary word or another entity's name (aliasesAmbiguous) needs a cue
      // of the entity's type: "العاصمة نور سلطان" is the city, "الرئيس نور سلطان" the man.
      const cue = cueBefore(i);
      // Built by push, never by filter/map: arrays of one kind, which V8's optimised code keeps to.
      let ids: string[] = [];
      let shared = m.value.length > 1;
      for (const c of m.value) if (c.ambiguous || c.common) shared = true;
      if (cue) for (const c of m.value) if (kb.entities.get(c.id)?.type === cue && usable(c, i, m.to, true)) ids.push(c.id);
      if (!ids.length) for (const c of m.value) if (!c.ambiguous && usable(c, i, m.to, false)) ids.push(c.id);
      // Places that share a name (Paris, Texas), or whose name is also a word: the one of a country
      // the article names, by the end of this sentence, wins over the others and over no cue.
      if (shared) {
        const local = localPlace(kb, m.value, m.from, m.to, ids, !!cue);
        if (local) ids = [local];
      }
      // A generic name of several bodies ("Interior Ministry", لجنة الأمن القومي, گارد ملی): the one of
      // the country the article is about, when the name is more than one word.
      if (!ids.length && m.to - m.from > 1) {
        const local = m.value.filter((c) => countries.has(kb.entities.get(c.id)?.country ?? ''));
        local.sort((a, b) => (countries.get(kb.entities.get(b.id)!.country!) ?? 0) - (countries.get(kb.entities.get(a.id)!.country!) ?? 0));
        if (local.length) ids = [local[0].id];
      }
      if (!ids.length && pending && m.to - m.from > 1 && m.value.some((c) => kb.entities.get(c.id)?.country)) {
        // Which country's: known once the whole article has been read.
        pending.push({ from: m.from, to: m.to, ids: m.value.map((c) => c.id) });
        for (let k = m.from; k < m.to; k++) taken.add(k);
        i = m.to;
        continue;
      }
      if (!ids.length) { i++; continue; }
      // A city and its province often share a name (Almaty, Aktobe): the name means the city; of
      // two towns, the larger.
      if (ids.length > 1) ids = [...ids].sort((a, b) => rank(kb.entities.get(a)?.kind) - rank(kb.entities.get(b)?.kind) || (kb.entities.get(b)?.population ?? 0) - (kb.entities.get(a)?.population ?? 0));
      const e = kb.entities.get(ids[0]);
      let end = m.to;
      if (e) {
        // "نور سلطان" + "نزار بايف": a longer span that is a spelling of the same name.
        for (let k = Math.min(to, m.to + 2); k > m.to; k--) {
          // A word with no letters of a name ("و", a number) adds nothing to the spelling: it is not part of the name.
          if (!joinable(m.to) || [...Array(k - m.to).keys()].some((x) => !joinable(m.to + x) || lex.entityStop.has(tokens[m.to + x].text) || tokens[m.to + x].digits || !crossScriptKey(tokens[m.to + x].text))) continue;
          if (kb.keys.get(crossScriptKey(textOf(tokens, m.from, k)))?.includes(e.id)) { end = k; break; }
        }
        // "وزارت كشور قزاقستان", "لجنة الأمن القومي في كازاخستان", "Ministry of Interior of Kazakhstan":
        // the body's generic name, then its country as a place of its own.
        const split = e.type === 'organization' ? countryAfterGenericName(m.from, end, e.id) : undefined;
        if (split) {
          out.push({ from: m.from, to: split.nameTo, type: e.type, id: e.id, name: e.name, inKnowledgeBase: true });
          out.push({ from: split.countryFrom, to: end, type: 'place', id: split.country, name: kb.entities.get(split.country)!.name, inKnowledgeBase: true });
          countries.set(split.country, (countries.get(split.country) ?? 0) + 1);
        } else out.push({ from: m.from, to: end, type: e.type, id: e.id, name: e.name, inKnowledgeBase: true });
        for (let k = m.from; k < end; k++) taken.add(k);
        const country = e.kind === 'country' ? e.id : e.type === 'place' ? e.country : undefined;
        if (country) countries.set(country, (countries.get(country) ?? 0) + 1);
        if (e.type === 'place' && e.kind !== 'country' && e.coordinates) {
          let seen = seenPlaces.get(countries);
          if (!seen) seenPlaces.set(countries, (seen = []));
          if (seen.length < 64) seen.push(e.coordinates);
        }
      }
      i = end;
    }
  }
  function variantSpellings(kb: KnowledgeBase): void {
    // Variant spellings no list has (توكاييف, نزار بايف): two or three words, or one long word,
    // whose cross-script key is that of exactly one known name.
    for (let i = from; i < to; i++) {
      if (taken.has(i) || !capitalized(i) || tokens[i].digits) continue;
      const w = entityWord(kb, lex, tokens[i], forms[i]);
      // A word whose key begins no known name's key starts no variant of one.
      if (w.stop || !w.beginsKey) continue;
      const words = (n: number) => textOf(tokens, i, i + n);
      // Keys are built letter by letter, so a longer name's key begins with the key of its first two words.
      let pair: boolean | undefined;
      for (let n = 3; n >= 1; n--) {
        if (i + n > to) continue;
        let usable = true;
        for (let x = 0; x < n && usable; x++) usable = !taken.has(i + x) && !tokens[i + x].digits && (x === 0 || joinable(i + x)) && !entityWord(kb, lex, tokens[i + x], forms[i + x]).stop;
        if (!usable) continue;
        if (n > 1) {
          if (pair === undefined) { const k2 = crossScriptKey(words(2)); pair = k2.length < 3 || kb.keyPrefixes.has(k2); }
          if (!pair) continue;
        }
        const key = crossScriptKey(words(n));
        if (key.length < (n === 1 ? 6 : 7)) continue;
        const ids = kb.keys.get(key)?.filter((id) => !kb.entities.get(id)?.aliasesAmbiguous?.length || n > 1);
        if (!ids || ids.length !== 1) continue;
        const e = kb.entities.get(ids[0])!;
        out.push({ from: i, to: i + n, type: e.type, id: e.id, name: e.name, inKnowledgeBase: true });
        for (let k = i; k < i + n; k++) taken.add(k);
        i += n - 1;
        break;
      }
    }
  }

  // Names in no knowledge base, introduced by a cue.
  function cuedNames(): void {
    for (let i = from; i < to; i++) {
      if (!lex.keyword(forms[i])) continue;
      const cue = lex.entityCues.longest(forms, i, to);
      if (!cue || taken.has(i)) continue;
      const { type, include, max } = cue.value;
      let k = cue.to;
      // A body's or a place's head keeps its adjectives ("السفارة الإيطالية", "مجلس الشورى", "ساحة
      // الجمهورية"); a head that names no one by itself (max 0: الخارجية) only a nationality's.
      if (include && type !== 'person' && k < to && joinable(k) && !taken.has(k) && lex.entitySkip.has(tokens[k].text) && (max > 0 || isDemonym(k))) {
        while (k < to && k - cue.to < Math.max(max, 1) && !taken.has(k) && joinable(k) && lex.entitySkip.has(tokens[k].text)) k++;
        // Named by the whole: السفارة المصرية and الخارجية المصرية are two bodies.
        pushUnknown(i, i, k, type);
        i = k - 1;
        continue;
      }
      while (k < to && lex.entitySkip.has(tokens[k].text) && k - cue.to < 2) k++;
      const start = k;
      // A head that names a body or a place with its country ("سفارت آلمان", "ملعب فرنسا"): the
      // country's name is part of the body's.
      const country = include && type !== 'person' && k < to && joinable(k) ? countryAt(k) : -1;
      if (country >= 0) {
        const c = out[country];
        out.splice(country, 1);
        for (let x = c.from; x < c.to; x++) taken.delete(x);
        k = c.to;
        // and its adjectives ("ملعب تركيا الدولي").
        while (k < to && k - c.to < 2 && !taken.has(k) && joinable(k) && lex.entitySkip.has(tokens[k].text)) k++;
        pushUnknown(i, i, k, type);
        i = k - 1;
        continue;
      }
      while (k < to && k - start < max && !taken.has(k) && !tokens[k].digits && (capitalized(k) || (k > start && particle(k, to))) && tokens[k].text.length > 1
        && !(k > start && /[,،.;:؛()«»"“”]/.test(tokens[k].gap)) && !lex.entityStop.has(tokens[k].text)
        && !forms[k].some((f) => lex.entityStop.has(f)) && !lexiconWord(k)) k++;
      if (k === start || lex.entitySkip.has(tokens[start].text)) continue;
      if (!pushUnknown(include ? i : start, start, k, type)) continue;
      i = k - 1;
    }
  }

  /**
   * Latin script: capitalised words before a head that is part of the name ("Linwood Avenue",
   * "Germany Embassy", "Noor mosque"), a country's name among them.
   */
  function namesBeforeHeads(): void {
    for (let i = from + 1; i < to; i++) {
      if (taken.has(i) || !lex.keyword(forms[i])) continue;
      const cue = lex.entityCues.longest(forms, i, to);
      if (!cue || !cue.value.include || cue.value.type === 'person' || !joinable(i)) continue;
      let start = i;
      let country = -1;
      while (start > from && i - start < 3 && (start === i || joinable(start))) {
        const c = out.findIndex((e) => e.to === start && e.type === 'place' && kb?.entities.get(e.id)?.kind === 'country');
        if (c >= 0 && country < 0 && start === i) { country = c; start = out[c].from; continue; }
        if (!nameLike(start - 1)) break;
        start--;
      }
      if (start === i) continue;
      // First in its sentence, a capital says nothing: the word must be a name there too.
      if (start === from && country < 0 && i - start < 2) continue;
      if (country >= 0) { const c = out[country]; out.splice(country, 1); for (let x = c.from; x < c.to; x++) taken.delete(x); }
      pushUnknown(start, start, cue.to, cue.value.type);
      i = cue.to - 1;
    }
  }

  /**
   * People named beside their role, between commas: "NAME, spokesman for …", "المتحدث باسم …،
   * NAME، …", "علی حسین زاده، معاون …" (a cue of a person, or a role word: an entityCues entry of
   * type person with max 0, which names no one after it by itself: عضو, معاون, member). Two or three
   * words of a name, no more; the words before them are no name's.
   */
  function apposedNames(): void {
    const personCueAt = (k: number) => { const c = lex.entityCues.longest(forms, k, to); return c && c.value.type === 'person' ? c : undefined; };
    for (let k = from + 2; k < to; k++) {
      if (!/[,،]/.test(tokens[k].gap)) continue;
      // NAME, ROLE: the role word right after the comma, or after one function word ("the").
      let role = personCueAt(k) ?? (k + 1 < to && lex.entityStop.has(tokens[k].text) && joinable(k + 1) ? personCueAt(k + 1) : undefined);
      if (role) {
        let start = k;
        while (start > from && k - start < 4 && nameWord(start - 1) && (start === k || joinable(start))) start--;
        if (k - start >= 2 && k - start <= 3 && (start === from || !joinable(start) || (latin ? !nameLike(start - 1) : edge(start - 1)))) pushUnknown(start, start, k, 'person');
        continue;
      }
      // ROLE …, NAME, : a role at most four words before the comma, in the same clause.
      role = undefined;
      for (let j = Math.max(from, k - 5); j < k && !role; j++) { const c = personCueAt(j); if (c && c.to <= k && c.to >= k - 4) role = c; }
      if (!role) continue;
      let clause = true;
      for (let j = role.from + 1; j < k; j++) if (!joinable(j)) clause = false;
      if (!clause) continue;
      let end = k;
      while (end < to && end - k < 4 && nameWord(end) && (end === k || joinable(end))) end++;
      if (end - k < 2 || end - k > 3 || (end < to && joinable(end))) continue;
      pushUnknown(k, k, end, 'person');
      k = end - 1;
    }
  }

  /**
   * People by their given name (knowledge/given-names.json): a given name and one to three words
   * of a name after it ("Iraj Nazari", "مجتبى ذوالنوري", "علی حسین زاده"). A given name that is also
   * an ordinary word (علي/على, "Mark") needs another given name after it or, in Latin script, a
   * place inside its sentence, not first. In Arabic script the name stands between edges (see edge()).
   */
  function givenNamePeople(kb: KnowledgeBase): void {
    const given = (k: number): boolean | undefined => givenName(kb, latin, tokens[k].text, forms[k]);
    for (let i = from; i < to; i++) {
      const common = given(i);
      if (common === undefined || !nameWord(i)) continue;
      let k = i + 1;
      while (k < to && k - i <= 3 && joinable(k) && nameWord(k)) k++;
      if (k === i + 1) continue;
      // عبد, أبو before the rest of a name (عبد الرحمن, أبو الفضل) begin one too.
      const particle = !latin && NAME_PARTICLES.has(tokens[i].text) && k - i > 2;
      if (common && !particle && given(i + 1) !== false && !(latin && i > from && /^\s+$/.test(tokens[i].gap))) continue;
      if (latin) {
        // The first word of a sentence is capitalised anyway: a given name that is also a word (Will, Grace) needs a given name or two words after it there.
        if ((i === from || !/^\s+$/.test(tokens[i].gap)) && common && k - i < 3 && given(i + 1) === undefined) continue;
      } else {
        if ((i > from && joinable(i) && !edge(i - 1)) || (k < to && joinable(k) && !edge(k))) continue;
        // A given name of three letters (حسن, جان) is a word as often: another given name must follow.
        if ([...tokens[i].text].length <= 3 && !particle && given(i + 1) === undefined) continue;
      }
      pushUnknown(i, i, k, 'person');
      i = k - 1;
    }
  }
}
