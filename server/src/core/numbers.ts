import type { CompiledLexicon, ModifierEffect } from './lexicon';
import type { Token } from './tokenize';

/** A quantity over tokens `[from, to)`, modifiers included; `coreFrom..coreTo` is the number itself. */
export interface QuantitySpan {
  from: number;
  to: number;
  coreFrom: number;
  coreTo: number;
  low: number;
  high: number | null;
  approximate: boolean;
  vague: boolean;
}

function parseDigits(s: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  if (/^\d+$/.test(s)) return Number(s);
  return undefined;
}

// A bit per class, so that the classes seen in a number are one integer.
const magnitudeClass = (v: number): number => (v < 10 ? 1 : v < 20 ? 2 : v < 100 ? 4 : 8);

interface Parsed {
  value: number;
  to: number;
}

/** The value of the number word or digits at token j, and where it ends. A function of its own: parseNumber runs at every number, and a closure would be made at each call. */
function wordValue(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, j: number, limit: number): { v: number; to: number } | undefined {
  const t = tokens[j];
  if (t.digits) {
    const v = parseDigits(t.text);
    return v === undefined ? undefined : { v, to: j + 1 };
  }
  if (lex.numberExclude.has(t.text)) return undefined;
  const m = lex.numberWords.longest(forms, j, limit);
  if (m) return { v: m.value, to: m.to };
  if (t.text.includes('-')) {
    const parts = t.text.split('-');
    let sum = 0;
    for (const p of parts) {
      const pm = lex.numberWords.longest([[p]], 0);
      if (!pm) return undefined;
      sum += pm.value;
    }
    return { v: sum, to: j + 1 };
  }
  return undefined;
}

/**
 * Reads one number starting at token `i`: digits, number words with joiners, multipliers and
 * scales ("ثلاثة آلاف وخمسمائة", "سیصد و پنجاه و دو", "twenty-five", "8 آلاف", "2.5 million").
 */
export function parseNumber(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, i: number, limit: number): Parsed | undefined {
  let total = 0;
  let current = 0;
  let classes = 0;
  let k = i;
  let end = -1;
  let sawAny = false;
  while (k < limit) {
    const t = tokens[k];
    if (sawAny && lex.joiners.has(t.text) && k + 1 < limit && !/[.,;:،؛]/.test(tokens[k + 1].gap)) {
      const nv = wordValue(tokens, forms, lex, k + 1, limit);
      if (nv && !tokens[k + 1].digits && !(classes & magnitudeClass(nv.v)) && (nv.v < 1000 || current === 0)) {
        k++;
        continue;
      }
      break;
    }
    if (sawAny && /[.,;:،؛()«»"“”]/.test(t.gap)) break;
    if (sawAny) {
      const mul = lex.multipliers.longest(forms, k, limit);
      if (mul && current > 0 && current < 10) {
        current *= mul.value;
        classes = magnitudeClass(1000);
        k = mul.to;
        end = k;
        continue;
      }
      const sc = lex.scales.longest(forms, k, limit);
      if (sc && current > 0) {
        total += current * sc.value;
        current = 0;
        classes = 0;
        k = sc.to;
        end = k;
        continue;
      }
    }
    const w = wordValue(tokens, forms, lex, k, limit);
    if (!w) break;
    if (sawAny) {
      if (t.digits || tokens[k - 1].digits) break;
      const cls = magnitudeClass(w.v);
      if (classes & cls || (cls === magnitudeClass(1000) && current > 0)) break;
      if (current > 0 && w.v > current && cls !== magnitudeClass(20)) break;
    }
    sawAny = true;
    k = w.to;
    end = k;
    // A word that is itself thousands ("ألف", "ألفان", "هزار", "thousand") closes its part like a
    // scale: "ألف وخمسمائة", "هزار و دویست" go on below it.
    if (w.v >= 1000 && current === 0 && !t.digits) {
      total += w.v;
      classes = 0;
      continue;
    }
    current += w.v;
    classes |= magnitudeClass(w.v);
  }
  if (!sawAny || end < 0) return undefined;
  const value = total + current;
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) return undefined;
  return { value, to: end };
}

function modifierEndingAt<T>(trie: { longest(forms: readonly string[][], i: number, limit?: number): { from: number; to: number; value: T } | undefined }, forms: readonly string[][], end: number, floor: number): { from: number; value: T } | undefined {
  for (let start = Math.max(floor, end - 4); start < end; start++) {
    const m = trie.longest(forms, start, end);
    if (m && m.to === end) return { from: start, value: m.value };
  }
  return undefined;
}

/**
 * A quantity with every field set, in one order. Spreads (`{ ...q, from }`) gave each object a
 * hidden class of its own once V8 optimised their site, garbage that only a full collection frees.
 */
function quantitySpan(from: number, to: number, coreFrom: number, coreTo: number, v: { low: number; high: number | null; approximate: boolean }, vague: boolean): QuantitySpan {
  return { from, to, coreFrom, coreTo, low: v.low, high: v.high, approximate: v.approximate, vague };
}

function applyModifier(effect: ModifierEffect | undefined, v: number): { low: number; high: number | null; approximate: boolean } {
  switch (effect) {
    case 'approximate': return { low: v, high: v, approximate: true };
    case 'atLeast': return { low: v, high: null, approximate: false };
    case 'moreThan': return { low: v + 1, high: null, approximate: false };
    case 'atMost': return { low: Math.min(1, v), high: v, approximate: false };
    case 'lessThan': return { low: Math.min(1, v - 1), high: Math.max(0, v - 1), approximate: false };
    default: return { low: v, high: v, approximate: false };
  }
}

/** Whether tokens `[i, limit)` begin with a number word read alone (not part of a number of several words). */
function numberOfOneWord(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, i: number, limit: number): boolean {
  const p = parseNumber(tokens, forms, lex, i, limit);
  if (!p || p.to > i + 1) return false;
  // "نود و نه": the word ends a number begun before it.
  return !(i >= 2 && lex.joiners.has(tokens[i - 1].text) && wordValue(tokens, forms, lex, i - 2, limit));
}

/**
 * Whether the one-word number at token i is one of the lexicon's ambiguous number words (نه, ست)
 * that says no number here. It counts only right before a counted noun (after a connector at
 * most: "خمس من النساء") or a word for victims ("خمس إصابات"); and not when the same word stands
 * alone again in the sentence ("نه پلیس و نه مردم") or a partner follows ("نه مردم بلکه پلیس"),
 * unless a counting word follows it ("نه تن"). Rare: most numbers are no such word, and the check
 * ends at the first test.
 */
function ambiguousAlone(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, i: number, from: number, to: number): boolean {
  if (tokens[i].digits || lex.numberAmbiguous.size === 0) return false;
  const f = forms[i];
  let ambiguous = false;
  for (const x of f) {
    if (lex.numberPlain.has(x)) return false;
    if (lex.numberAmbiguous.has(x)) ambiguous = true;
  }
  if (!ambiguous) return false;
  let k = i + 1;
  const c = k < to ? lex.connectors.longest(forms, k, to) : undefined;
  if (c) k = c.to;
  if (k >= to) return true;
  const nouns: string[][] = [];
  for (let m = k; m < Math.min(to, k + 4); m++) nouns.push(lex.nounForms(tokens[m]));
  if (!lex.groups.longest(nouns, 0)) {
    // "خمس إصابات": a word that counts victims or events of them.
    const t = lex.triggers.longest(forms, k, to);
    if (!t || (t.value.role !== 'person' && t.value.role !== 'noun')) return true;
  }
  for (const x of nouns[0]) if (lex.numberCounters.has(x)) return false;
  for (let j = i + 1; j < Math.min(to, i + 8); j++) if (lex.numberPartners.has(tokens[j].text)) return true;
  for (let j = from; j < to; j++) {
    if (j !== i && tokens[j].text === tokens[i].text && numberOfOneWord(tokens, forms, lex, j, to)) return true;
  }
  return false;
}

/** Finds every quantity in tokens `[from, to)`: numbers with their modifiers and ranges, and vague quantities. */
export function findQuantities(tokens: readonly Token[], forms: readonly string[][], lex: CompiledLexicon, from: number, to: number): QuantitySpan[] {
  const out: QuantitySpan[] = [];
  // "3 قتلى على الأقل وعشرات الجرحى": a number with "and" attached is not qualified by the words before "and".
  const joinedByAnd = (k: number) => lex.attachedCoordinator(tokens[k], forms[k]) !== undefined;
  let i = from;
  while (i < to) {
    if (!tokens[i].digits && !lex.keyword(forms[i]) && !tokens[i].text.includes('-')) { i++; continue; }
    const vagueHere = lex.vague.longest(forms, i, to);
    const parsed = parseNumber(tokens, forms, lex, i, to);
    // "ده‌ها" (dozens) is not "ده" (ten) with a plural suffix: the longer reading wins.
    const n = parsed && !(vagueHere && vagueHere.to >= parsed.to) && (parsed.to > i + 1 || !ambiguousAlone(tokens, forms, lex, i, from, to)) ? parsed : undefined;
    if (n) {
      let q = quantitySpan(i, n.to, i, n.to, applyModifier(undefined, n.value), false);
      const j = n.to;
      // A range: "one or two", "5 to 7", "اثنين أو شخص واحد" (a noun may sit between).
      const opened = i > from && lex.rangeOpeners.longest(forms, i - 1, i);
      const rj = j < to ? lex.rangeJoiners.longest(forms, j, to) ?? (opened ? lex.rangeOpenerJoiners.longest(forms, j, to) : undefined) : undefined;
      if (rj) {
        let k = rj.to;
        let n2 = k < to ? parseNumber(tokens, forms, lex, k, to) : undefined;
        if (!n2 && k + 1 < to && lex.groups.longest(forms, k, to)) {
          const g = lex.groups.longest(forms, k, to)!;
          n2 = parseNumber(tokens, forms, lex, g.to, to);
          if (n2) k = g.to;
        }
        if (n2 && n2.value !== n.value && Math.abs(n2.value - n.value) <= Math.max(3, Math.max(n.value, n2.value) / 2)) {
          q = quantitySpan(opened ? i - 1 : q.from, n2.to, q.coreFrom, n2.to, { low: Math.min(n.value, n2.value), high: Math.max(n.value, n2.value), approximate: q.approximate }, q.vague);
        }
      }
      const before = joinedByAnd(q.from) ? undefined : modifierEndingAt(lex.modifiersBefore, forms, q.from, from);
      if (before) q = quantitySpan(before.from, q.to, q.coreFrom, q.coreTo, q.low === q.high ? applyModifier(before.value, q.low) : { low: q.low, high: q.high, approximate: true }, q.vague);
      const after = q.to < to ? lex.modifiersAfter.longest(forms, q.to, to) : undefined;
      if (after && !before) q = quantitySpan(q.from, after.to, q.coreFrom, q.coreTo, q.low === q.high ? applyModifier(after.value, q.low) : { low: q.low, high: q.high, approximate: true }, q.vague);
      out.push(q);
      i = Math.max(q.coreTo, i + 1);
      continue;
    }
    const v = vagueHere;
    if (v) {
      let q = quantitySpan(i, v.to, i, v.to, { low: v.value.low, high: v.value.high, approximate: true }, true);
      const before = joinedByAnd(q.from) ? undefined : modifierEndingAt(lex.modifiersBefore, forms, q.from, from);
      if (before) q = quantitySpan(before.from, q.to, q.coreFrom, q.coreTo, q, q.vague);
      out.push(q);
      i = v.to;
      continue;
    }
    i++;
  }
  return out;
}
