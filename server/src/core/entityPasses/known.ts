// Names of the knowledge base: the longest known name at each token, and context deciding between
// the entities that share one.
import { crossScriptKey, type KnowledgeBase, type KnowledgeEntity, type NameRef } from '../knowledge';
import { entityWord, isUpper, textOf, type EntityScan } from './context';

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

/** Where a body's name ends in its country: the generic name's end, and the country's span. */
function countryAfterGenericName(scan: EntityScan, kb: KnowledgeBase, a: number, b: number, id: string): { nameTo: number; countryFrom: number; country: string } | undefined {
  const { forms } = scan;
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
}

/**
 * Whether a name may mean this entity here without context: a name that is also an ordinary
 * word is one in Latin script only capitalised and not first in its sentence ("Nice"), and
 * elsewhere needs context as an ambiguous alias does (with a cue, `cued`, it may).
 */
/** Whether a name is an ordinary word in the language of the sentence read. */
const commonIn = (scan: EntityScan, c: NameRef) => !!c.common && (!c.commonIn || c.commonIn.includes(scan.lex.language));

function usable(scan: EntityScan, kb: KnowledgeBase, c: NameRef, i: number, end: number, cued: boolean): boolean {
  const { latin } = scan;
  if (latin && !cued) {
    const e = kb.entities.get(c.id);
    if (e?.geonames !== undefined && !standsAlone(scan, i, end, e.population ?? 0)) return false;
  }
  if (!commonIn(scan, c)) return true;
  // First in its sentence, or in a clause after a dash, colon or quotation mark ("— Police
  // stormed"), a capital says nothing.
  return latin ? i > scan.from && scan.capitalized(i) && !/[^\s,،]/.test(scan.tokens[i].gap) : cued;
}

/**
 * Whether a Latin name of the gazetteer stands alone, not inside a longer capitalised name that
 * nothing knows, nor an acronym: "Pierre Janaszak", "Mike Bush" are people, not Pierre (South
 * Dakota) or Bush (Egypt).
 */
function standsAlone(scan: EntityScan, i: number, end: number, population: number): boolean {
  const { tokens, forms, lex, original, from, to } = scan;
  // An acronym (ISNA, the news agency) is no town's name (Isna, Egypt); a dateline in capitals
  // (PARIS, Nov 14 -) names a large city.
  const s = scan.originalStart(tokens[i]);
  if (isUpper(original[s]) && isUpper(original[s + 1]) && population < PROMINENT) return false;
  if (end < to && scan.joinable(end) && !tokens[end].digits && scan.capitalized(end) && !forms[end].some((f) => lex.entityStop.has(f))) return false;
  if (i > from && scan.joinable(i) && !tokens[i - 1].digits && scan.capitalized(i - 1) && !forms[i - 1].some((f) => lex.entityStop.has(f))) return false;
  return true;
}

/** Countries that tokens [a, b) of the sentence name. */
function countriesIn(scan: EntityScan, kb: KnowledgeBase, a: number, b: number): Set<string> {
  const found = new Set<string>();
  for (let j = a; j < b; j++) {
    const m = kb.names.longest(scan.forms, j, b);
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
function countriesAfter(scan: EntityScan, kb: KnowledgeBase, k: number): Set<string> {
  if (scan.afterCountries !== undefined && scan.afterAt <= k) return scan.afterCountries;
  scan.afterAt = k;
  scan.afterCountries = countriesIn(scan, kb, k, scan.to);
  return scan.afterCountries;
}

/**
 * Of places sharing a name (or a name that is also a word), the one whose country the article
 * names (before it, or later in the sentence), the larger first; none when no country decides
 * or the name's plain meaning (`ids`) lies in such a country already.
 */
function localPlace(scan: EntityScan, kb: KnowledgeBase, refs: readonly NameRef[], start: number, end: number, ids: readonly string[], cued: boolean): string | undefined {
  const { countries, latin, from } = scan;
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
    const common = commonIn(scan, c);
    if ((c.ambiguous || common) && e.geonames === undefined && !cued) continue;
    if (common && !cued && (e.population ?? 0) < LARGE) continue;
    if (latin && !cued && e.geonames !== undefined && !standsAlone(scan, start, end, e.population ?? 0)) continue;
    if (!common && seen) {
      const d = distance(e);
      if (d < nearestD) { secondD = nearestD; nearestD = d; nearest = e; } else if (d < secondD) secondD = d;
    }
    // A name that is also a word needs its country in the same sentence (هجوم نيس في فرنسا), not
    // only somewhere in the article (ميدان is a square in any article about Indonesia).
    const n = !e.country ? 0 : common && !cued
      ? (countriesAfter(scan, kb, end).has(e.country) || countriesIn(scan, kb, from, start).has(e.country) ? 1 : 0)
      : (countries.get(e.country) ?? 0) + (countriesAfter(scan, kb, end).has(e.country) ? 1 : 0);
    if (!n) continue;
    if (ids.includes(c.id)) plainLocal = true;
    if (!best || n > bestN || (n === bestN && (rank(e.kind) - rank(best.kind) || distance(e) - distance(best) || (best.population ?? 0) - (e.population ?? 0)) < 0)) { best = e; bestN = n; }
  }
  // Only among the places of the gazetteer: the curated ones keep their own rules.
  if (!generated) return undefined;
  if (!best) return !ids.length && nearest?.geonames !== undefined && nearestD < NEAR && secondD - nearestD > NEAR / 2 ? nearest.id : undefined;
  return plainLocal && !ids.includes(best.id) ? undefined : best.id;
}

/** A country's name that begins a body's longer name, ending before the body's does. */
function countryFirst(scan: EntityScan, kb: KnowledgeBase, start: number, end: number): { to: number; id: string } | undefined {
  const c = end - start > 1 ? kb.names.longest(scan.forms, start, end - 1) : undefined;
  const id = c ? c.value.find((x) => kb.entities.get(x.id)?.kind === 'country')?.id : undefined;
  return id && c ? { to: c.to, id } : undefined;
}

/** Records a known entity over tokens [start, end): its name, or its generic name and its country, and the country and place it adds to the article's. */
function pushKnown(scan: EntityScan, kb: KnowledgeBase, e: KnowledgeEntity, start: number, end: number): void {
  const { out, taken, countries } = scan;
  // "وزارت كشور قزاقستان", "لجنة الأمن القومي في كازاخستان", "Ministry of Interior of Kazakhstan":
  // the body's generic name, then its country as a place of its own.
  const split = e.type === 'organization' ? countryAfterGenericName(scan, kb, start, end, e.id) : undefined;
  if (split) {
    out.push({ from: start, to: split.nameTo, type: e.type, id: e.id, name: e.name, inKnowledgeBase: true });
    out.push({ from: split.countryFrom, to: end, type: 'place', id: split.country, name: kb.entities.get(split.country)!.name, inKnowledgeBase: true });
    countries.set(split.country, (countries.get(split.country) ?? 0) + 1);
  } else out.push({ from: start, to: end, type: e.type, id: e.id, name: e.name, inKnowledgeBase: true });
  // "Pakistan's foreign ministry", "وزارة خارجية باكستان" aside: a body named after its country
  // first names the country too (a mention inside the body's).
  const first = e.type === 'organization' && !split ? countryFirst(scan, kb, start, end) : undefined;
  if (first) {
    out.push({ from: start, to: first.to, type: 'place', id: first.id, name: kb.entities.get(first.id)!.name, inKnowledgeBase: true });
    countries.set(first.id, (countries.get(first.id) ?? 0) + 1);
  }
  for (let k = start; k < end; k++) taken.add(k);
  const country = e.kind === 'country' ? e.id : e.type === 'place' ? e.country : undefined;
  if (country) countries.set(country, (countries.get(country) ?? 0) + 1);
  if (e.type === 'place' && e.kind !== 'country' && e.coordinates) {
    let seen = seenPlaces.get(countries);
    if (!seen) seenPlaces.set(countries, (seen = []));
    if (seen.length < 64) seen.push(e.coordinates);
  }
}

/** Pass (with a knowledge base): names of the knowledge base, the longest at each token, context deciding between entities that share one. */
export function knownNames(scan: EntityScan): void {
  const { kb } = scan;
  if (!kb) return;
  const { tokens, forms, lex, from, to, countries, pending, taken, joinable } = scan;
  for (let i = from; i < to; ) {
    const w = scan.capitalized(i) ? entityWord(kb, lex, tokens[i], forms[i]) : undefined;
    const m = w?.beginsName ? kb.names.longest(forms, i, to, joinable) : undefined;
    if (!m || (m.to - m.from === 1 && (w!.stop || (kb.notNames.has(tokens[i].text) && !kb.names.begins([tokens[i].text]))) && !scan.cueBefore(i))) { i++; continue; }
    // A name that is also an ordinary word or another entity's name (aliasesAmbiguous) needs a cue
    // of the entity's type: "العاصمة نور سلطان" is the city, "الرئيس نور سلطان" the man.
    const cue = scan.cueBefore(i);
    // Built by push, never by filter/map: arrays of one kind, which V8's optimised code keeps to.
    let ids: string[] = [];
    let shared = m.value.length > 1;
    for (const c of m.value) if (c.ambiguous || commonIn(scan, c)) shared = true;
    if (cue) for (const c of m.value) if (kb.entities.get(c.id)?.type === cue && usable(scan, kb, c, i, m.to, true)) ids.push(c.id);
    if (!ids.length) for (const c of m.value) if (!c.ambiguous && usable(scan, kb, c, i, m.to, false)) ids.push(c.id);
    // Places that share a name (Paris, Texas), or whose name is also a word: the one of a country
    // the article names, by the end of this sentence, wins over the others and over no cue.
    if (shared) {
      const local = localPlace(scan, kb, m.value, m.from, m.to, ids, !!cue);
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
      pushKnown(scan, kb, e, m.from, end);
    }
    i = end;
  }
}
