import type { KnowledgeBase } from './knowledge';

// Where events are: how specific a place is, which places can be one, what contains several.

/** The most specific of several places: a locality before a province before a country; world regions last. */
export function mostSpecific(places: string[], kb: KnowledgeBase | undefined): string | null {
  if (!places.length) return null;
  if (!kb) return places[0];
  let best = places[0];
  for (const p of places.slice(1)) {
    if ((kb.contains(best, p) && p !== best) || specificity(p, kb) < specificity(best, kb)) best = p;
  }
  return best;
}

export const SPECIFIC = ['landmark', 'village', 'district', 'town', 'city', 'province', 'region', 'country'];
export const specificity = (id: string, kb: KnowledgeBase) => {
  const e = kb.entities.get(id);
  // A place in no knowledge base ("حي سكني", a street) is too uncertain to win over a known locality
  // named with it; it still wins over a province or a country.
  if (!e) return SPECIFIC.indexOf('city') + 0.5;
  if (e.kind === 'region' && !e.country) return SPECIFIC.length;
  const i = SPECIFIC.indexOf(e.kind ?? '');
  return i < 0 ? 5 : i;
};

export const LOCAL = new Set(['city', 'town', 'village', 'district', 'landmark']);

/** Kilometres between two [lon, lat] points. */
function distanceKm(p: [number, number], q: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (q[1] - p[1]) * rad, dLon = (q[0] - p[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[1] * rad) * Math.cos(q[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

const COMPATIBLE = new WeakMap<KnowledgeBase, Map<string, Map<string, boolean>>>();

/** One place lies within the other, or two localities lie within 50 km of each other (a village near a city). */
export function placesCompatible(a: string | null, b: string | null, kb: KnowledgeBase | undefined): boolean {
  if (!a || !b || a === b) return true;
  if (!kb) return false;
  let cache = COMPATIBLE.get(kb);
  if (!cache) COMPATIBLE.set(kb, (cache = new Map()));
  const x = a < b ? a : b, y = a < b ? b : a;
  let row = cache.get(x);
  if (!row) cache.set(x, (row = new Map()));
  let v = row.get(y);
  if (v === undefined) row.set(y, (v = placesCompatibleUncached(x, y, kb)));
  return v;
}

function placesCompatibleUncached(a: string, b: string, kb: KnowledgeBase): boolean {
  if (kb.contains(a, b) || kb.contains(b, a)) return true;
  const ea = kb.entities.get(a), eb = kb.entities.get(b);
  return !!(ea?.coordinates && eb?.coordinates && LOCAL.has(ea.kind ?? '') && LOCAL.has(eb.kind ?? '') && distanceKm(ea.coordinates, eb.coordinates) <= 50);
}

/** The country a place lies in (itself for a country), or null. */
export function countryIdOf(place: string | null, kb: KnowledgeBase | undefined): string | null {
  if (!place || !kb) return null;
  return [place, ...kb.ancestors(place)].find((id) => kb.entities.get(id)?.kind === 'country') ?? kb.entities.get(place)?.country ?? null;
}

/** The lowest place containing all of these (a province, a country), or null when none does. */
export function commonAncestor(places: readonly string[], kb: KnowledgeBase): string | null {
  if (!places.length) return null;
  let chain = [places[0], ...kb.ancestors(places[0])];
  for (const p of places.slice(1)) {
    const other = new Set([p, ...kb.ancestors(p)]);
    chain = chain.filter((id) => other.has(id));
  }
  return chain[0] ?? null;
}

/** Whether some of these localities cannot be one place (different cities, not within 50 km). */
export function incompatible(places: readonly string[], kb: KnowledgeBase | undefined): boolean {
  for (let i = 0; i < places.length; i++) for (let j = i + 1; j < places.length; j++) if (!placesCompatible(places[i], places[j], kb)) return true;
  return false;
}
