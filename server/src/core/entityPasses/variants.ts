// Variant spellings of known names that no list has.
import { crossScriptKey } from '../knowledge';
import { entityWord, textOf, type EntityScan } from './context';

/**
 * Pass (with a knowledge base): variant spellings no list has (توكاييف, نزار بايف), two or three
 * words or one long word whose cross-script key is that of exactly one known name.
 */
export function variantSpellings(scan: EntityScan): void {
  const { kb } = scan;
  if (!kb) return;
  const { tokens, forms, lex, from, to, out, taken, joinable } = scan;
  for (let i = from; i < to; i++) {
    if (taken.has(i) || !scan.capitalized(i) || tokens[i].digits) continue;
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
