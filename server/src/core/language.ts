import type { CompiledLexicon } from './lexicon';
import type { LanguageTag } from './types';

const SCRIPT_RES = new Map<string, RegExp>();
const scriptRe = (script: string): RegExp => {
  let re = SCRIPT_RES.get(script);
  if (!re) {
    try { re = new RegExp(`\\p{Script=${script}}`, 'gu'); } catch { re = /(?!)/gu; }
    SCRIPT_RES.set(script, re);
  }
  return re;
};

/**
 * Identifies the language of a passage: the script with most letters narrows the candidates;
 * frequent words and letters peculiar to one language decide among languages of one script.
 */
export function identifyLanguage(original: string, foldedWords: readonly string[], lexicons: readonly CompiledLexicon[]): LanguageTag {
  const scripts = new Map<string, number>();
  for (const l of lexicons) {
    if (scripts.has(l.source.script)) continue;
    scripts.set(l.source.script, original.match(scriptRe(l.source.script))?.length ?? 0);
  }
  let script = '';
  let most = 0;
  for (const [s, n] of scripts) if (n > most) { most = n; script = s; }
  if (most < 2) return 'und';
  const candidates = lexicons.filter((l) => l.source.script === script);
  if (candidates.length === 1) return candidates[0].language;
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
      for (const ch of original) if (l.identifyLetters.includes(ch)) letters++;
      score += Math.min(letters, foldedWords.length) * 0.5;
    }
    if (score > bestScore) { bestScore = score; best = l; }
  }
  return bestScore > 0 && best ? best.language : candidates[0].language;
}
