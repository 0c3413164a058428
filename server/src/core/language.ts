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

const OWN_LETTERS = new WeakMap<CompiledLexicon, Uint8Array>();
const ownLetters = (l: CompiledLexicon): Uint8Array => {
  let table = OWN_LETTERS.get(l);
  if (!table) {
    OWN_LETTERS.set(l, (table = new Uint8Array(0x10000)));
    for (const c of l.identifyLetters) table[c.charCodeAt(0)] = 1;
  }
  return table;
};

/** The scripts of a list of lexicons and their table, made once per list (an analyzer keeps one). */
const SCRIPTS_OF = new WeakMap<readonly CompiledLexicon[], { names: string[]; table: Uint8Array }>();
function scriptsOf(lexicons: readonly CompiledLexicon[]): { names: string[]; table: Uint8Array } {
  let v = SCRIPTS_OF.get(lexicons);
  if (!v) {
    const names = [...new Set(lexicons.map((l) => l.source.script))];
    SCRIPTS_OF.set(lexicons, (v = { names, table: scriptTable(names) }));
  }
  return v;
}

/**
 * Identifies the language of a passage: the script with most letters narrows the candidates;
 * frequent words and letters peculiar to one language decide among languages of one script.
 * `words` gives the passage's folded words; it is called only when the script leaves several languages.
 */
export function identifyLanguage(original: string, words: () => readonly string[], lexicons: readonly CompiledLexicon[]): LanguageTag {
  const { names, table } = scriptsOf(lexicons);
  const counts = new Int32Array(names.length + 1);
  for (let i = 0; i < original.length; i++) counts[table[original.charCodeAt(i)]]++;
  let script = '';
  let most = 0;
  for (let i = 0; i < names.length; i++) if (counts[i + 1] > most) { most = counts[i + 1]; script = names[i]; }
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
      for (let i = 0; i < original.length; i++) letters += own[original.charCodeAt(i)];
      score += Math.min(letters, foldedWords.length) * 0.5;
    }
    if (score > bestScore) { bestScore = score; best = l; }
  }
  return bestScore > 0 && best ? best.language : candidates[0].language;
}
