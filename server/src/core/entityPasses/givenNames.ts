// People by their given name.
import { crossScriptKey, type KnowledgeBase } from '../knowledge';
import { NAME_PARTICLES, type EntityScan } from './context';

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

/**
 * Pass (with given names in the knowledge base): people by their given name
 * (knowledge/given-names.json), a given name and one to three words of a name after it ("Iraj
 * Nazari", "مجتبى ذوالنوري", "علی حسین زاده"). A given name that is also an ordinary word (علي/على,
 * "Mark") needs another given name after it or, in Latin script, a place inside its sentence, not
 * first. In Arabic script the name stands between edges (see EntityScan.edge).
 */
export function givenNamePeople(scan: EntityScan): void {
  const { kb } = scan;
  if (!kb?.givenNames.size) return;
  const { tokens, forms, from, to, latin } = scan;
  const given = (k: number): boolean | undefined => givenName(kb, latin, tokens[k].text, forms[k]);
  for (let i = from; i < to; i++) {
    const common = given(i);
    if (common === undefined && latin && surnameFirst(scan, given, i)) { scan.pushUnknown(i, i, i + 2, 'person'); i++; continue; }
    if (common === undefined || !scan.nameWord(i)) continue;
    let k = i + 1;
    while (k < to && k - i <= 3 && scan.joinable(k) && scan.nameWord(k)) k++;
    if (k === i + 1) continue;
    // عبد, أبو before the rest of a name (عبد الرحمن, أبو الفضل) begin one too.
    const particle = !latin && NAME_PARTICLES.has(tokens[i].text) && k - i > 2;
    if (common && !particle && given(i + 1) !== false && !(latin && i > from && /^\s+$/.test(tokens[i].gap))) continue;
    if (latin) {
      // The first word of a sentence is capitalised anyway: a given name that is also a word (Will, Grace) needs a given name or two words after it there.
      if ((i === from || !/^\s+$/.test(tokens[i].gap)) && common && k - i < 3 && given(i + 1) === undefined) continue;
    } else {
      if ((i > from && scan.joinable(i) && !scan.edge(i - 1)) || (k < to && scan.joinable(k) && !scan.edge(k))) continue;
      // A given name of three letters (حسن, جان) is a word as often: another given name must follow.
      if ([...tokens[i].text].length <= 3 && !particle && given(i + 1) === undefined) continue;
    }
    scan.pushUnknown(i, i, k, 'person');
    i = k - 1;
  }
}

/**
 * Latin script: a capitalised word inside its sentence before a given name that is no ordinary
 * word ("Razman Ali"; "Omar Ali" is found from its first word): a person's two names.
 */
function surnameFirst(scan: EntityScan, given: (k: number) => boolean | undefined, i: number): boolean {
  return i > scan.from && i + 1 < scan.to && given(i + 1) === false && /^\s+$/.test(scan.tokens[i].gap) && scan.joinable(i + 1)
    && scan.nameWord(i) && scan.nameWord(i + 1) && !(i + 2 < scan.to && scan.joinable(i + 2) && scan.nameWord(i + 2));
}
