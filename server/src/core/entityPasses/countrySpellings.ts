// Countries' names spelled otherwise than any list has them.
import { spellingSkeleton, type KnowledgeBase } from '../knowledge';
import { foldWord } from '../normalize';
import { countriesOf, type EntityScan } from './context';

/** The countries of a knowledge base by the spelling skeleton of each of their names (one country per skeleton; shared ones dropped), made once. */
const skeletonSets = new WeakMap<KnowledgeBase, Map<string, string | null>>();
function countrySkeletons(kb: KnowledgeBase): Map<string, string | null> {
  let map = skeletonSets.get(kb);
  if (map) return map;
  map = new Map();
  for (const e of countriesOf(kb)) for (const list of Object.values(e.names)) for (const n of list) {
    const s = spellingSkeleton(foldWord(n));
    if (s.length < MIN_LETTERS) continue;
    const had = map.get(s);
    map.set(s, had === undefined || had === e.id ? e.id : null);
  }
  skeletonSets.set(kb, map);
  return map;
}
/** Skeletons shorter than this are shared by too many words (ایران and اران would both be Iran). */
const MIN_LETTERS = 5;

/**
 * Pass (with a knowledge base): a word no pass took that is a country's name with other vowels
 * or spaces ("نیوزلند" for نیوزیلند, New Zealand), by the spelling skeleton of one country's name only.
 */
export function countrySpellings(scan: EntityScan): void {
  const { kb } = scan;
  if (!kb) return;
  const { tokens, forms, from, to, out, taken, countries } = scan;
  const skeletons = countrySkeletons(kb);
  for (let i = from; i < to; i++) {
    if (taken.has(i) || tokens[i].digits) continue;
    const id = countryOf(kb, skeletons, forms[i]);
    if (!id || !scan.nameLike(i)) continue;
    out.push({ from: i, to: i + 1, type: 'place', id, name: kb.entities.get(id)!.name, inKnowledgeBase: true });
    taken.add(i);
    countries.set(id, (countries.get(id) ?? 0) + 1);
  }
}

/** The country a word's forms spell, kept on the word's shared list of forms (most words are asked often). */
type CountryForms = readonly string[] & { countryKb?: KnowledgeBase; country?: string | null };
function countryOf(kb: KnowledgeBase, skeletons: Map<string, string | null>, forms: readonly string[]): string | null | undefined {
  const cached = forms as CountryForms;
  if (cached.countryKb === kb) return cached.country;
  let id: string | null | undefined;
  for (const f of forms) { const s = spellingSkeleton(f); if (s.length >= MIN_LETTERS && (id = skeletons.get(s))) break; }
  if (Object.isExtensible(forms)) { (forms as { countryKb?: KnowledgeBase }).countryKb = kb; (forms as { country?: string | null }).country = id ?? null; }
  return id;
}
