import type { CompiledLexicon } from './lexicon';
import type { LanguageTag } from './types';

/** For each BMP code unit, 1 + the index of its script among `scripts` (0: none of them); made once per list of scripts. */
const SCRIPT_TABLES = new Map<string, Uint8Array>();
function scriptTable(scripts: readonly string[]): Uint8Array {
  const key = scripts.join(',');
  let table = SCRIPT_TABLES.get(key);
  if (!table) {
    table = new Uint8Array(0x10000);
    scripts.forEach((script, i) => {
      let re: RegExp;
      try { re = new RegExp(`^\\p{Script=${script}}$`, 'u'); } catch { return; }
      for (let c = 0; c < 0x10000; c++) if (!table![c] && (c < 0xd800 || c > 0xdfff) && re.test(String.fromCharCode(c))) table![c] = i + 1;
    });
    SCRIPT_TABLES.set(key, table);
  }
  return table;
}

const OWN_LETTERS = new WeakMap<CompiledLexicon, Set<number>>();
const ownLetters = (l: CompiledLexicon): Set<number> => {
  let set = OWN_LETTERS.get(l);
  if (!set) OWN_LETTERS.set(l, (set = new Set([...l.identifyLetters].map((c) => c.charCodeAt(0)))));
  return set;
};

/**
 * Identifies the language of a passage: the script with most letters narrows the candidates;
 * frequent words and letters peculiar to one language decide among languages of one script.
 * `words` gives the passage's folded words; it is called only when the script leaves several languages.
 */
export function identifyLanguage(original: string, words: () => readonly string[], lexicons: readonly CompiledLexicon[]): LanguageTag {
  const names = [...new Set(lexicons.map((l) => l.source.script))];
  const table = scriptTable(names);
  const counts = new Array<number>(names.length + 1).fill(0);
  for (let i = 0; i < original.length; i++) counts[table[original.charCodeAt(i)]]++;
  const scripts = new Map<string, number>(names.map((n, i) => [n, counts[i + 1]]));
  let script = '';
  let most = 0;
  for (const [s, n] of scripts) if (n > most) { most = n; script = s; }
  if (most < 2) return 'und';
  const candidates = lexicons.filter((l) => l.source.script === script);
  if (candidates.length === 1) return candidates[0].language;
  const foldedWords = words();
  let best: CompiledLexicon | undefined;
  let bestScore = -1;
  for (const l of candidates) {
    let score = 0;
    for (const w of foldedWords) {
      if (l.identifyWords.has(w)) score++;
      else if (w.length > 3 && l.identifyPrefixes.some((p) => w.startsWith(p))) score += 0.5;
    }
    if (l.identifyLetters) {
      let letters = 0;
      const own = ownLetters(l);
      for (let i = 0; i < original.length; i++) if (own.has(original.charCodeAt(i))) letters++;
      score += Math.min(letters, foldedWords.length) * 0.5;
    }
    if (score > bestScore) { bestScore = score; best = l; }
  }
  return bestScore > 0 && best ? best.language : candidates[0].language;
}
