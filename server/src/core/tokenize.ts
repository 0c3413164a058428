import type { FoldedText } from './normalize';
import type { Span } from './types';

/** A word or a number in folded text. */
export interface Token {
  /** Folded text of the token. */
  text: string;
  /** Offsets in the folded text. */
  start: number;
  end: number;
  /** True for a run of digits with its separators. */
  digits: boolean;
  /** Folded text between the previous token (or sentence start) and this one: punctuation lives here. */
  gap: string;
}

// A Unicode-aware regular expression: Intl.Segmenter's word mode is super-linear on long Arabic text.
const TOKEN = /\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/uy;
/**
 * For each BMP code unit: 1 when a token may begin with it (a digit, a letter, a mark); 2 for a
 * surrogate, which the expression itself must judge. Tokens are then found without a match array each.
 */
const TOKEN_START = (() => {
  const t = new Uint8Array(0x10000);
  const begins = /^[\d\p{L}\p{M}]$/u;
  for (let c = 0; c < 0x10000; c++) t[c] = c >= 0xd800 && c <= 0xdfff ? 2 : begins.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
})();
const SENTENCE_END = /[.!?؟؛;]+["'»”)\]]*(?=\s|$)|\n+/g;

/** Longest sentence analysed as one, in folded code units: a longer run without a full stop is cut. */
export const MAX_SENTENCE = 2000;
const SOFT_CUT = /[,،;؛:]\s|\s/g;

/** Pushes `[start, end)`, cut into pieces of at most MAX_SENTENCE at the last comma (or space) before the limit. */
function pushSentence(text: string, start: number, end: number, out: Span[]): void {
  while (end - start > MAX_SENTENCE) {
    const limit = start + MAX_SENTENCE;
    let cut = -1;
    let space = -1;
    SOFT_CUT.lastIndex = start + (MAX_SENTENCE >> 1);
    for (let m = SOFT_CUT.exec(text); m && m.index < limit; m = SOFT_CUT.exec(text)) {
      if (m[0].length > 1) cut = m.index + m[0].length;
      else space = m.index + 1;
    }
    const at = cut > 0 ? cut : space > 0 ? space : limit;
    if (text.slice(start, at).trim()) out.push({ start, end: at });
    start = at;
  }
  if (text.slice(start, end).trim()) out.push({ start, end });
}

/** Splits folded text into sentence spans (folded offsets); a run of text with no full stop is cut every MAX_SENTENCE units. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const end = m.index + m[0].length;
    pushSentence(text, start, end, out);
    start = end;
  }
  pushSentence(text, start, text.length, out);
  return out;
}

/** Tokenizes the sentences of folded text from `start` on, assigning each token its sentence. */
export function tokenize(text: string, sentences: readonly Span[], start = 0): Token[] {
  const tokens: Token[] = [];
  let s = 0;
  let prevEnd = start;
  for (let at = start; at < text.length; ) {
    if (TOKEN_START[text.charCodeAt(at)] === 0) { at++; continue; }
    TOKEN.lastIndex = at;
    if (!TOKEN.test(text)) { at++; continue; }
    const end = TOKEN.lastIndex;
    while (s < sentences.length - 1 && at >= sentences[s].end) s++;
    // Text outside every sentence (page furniture cut out of them) has no tokens.
    if (sentences.length && (at < sentences[s].start || at >= sentences[s].end)) { at = end; continue; }
    const sentenceStart = sentences[s]?.start ?? 0;
    const gapFrom = Math.max(prevEnd, sentenceStart);
    const first = text.charCodeAt(at);
    tokens.push({
      text: text.slice(at, end), start: at, end,
      digits: first >= 48 && first <= 57,
      gap: at > gapFrom ? text.slice(gapFrom, at) : '',
    });
    prevEnd = end;
    at = end;
  }
  return tokens;
}

const COMBINING = /[\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u0300-\u036f]/;

/** Maps a folded span back to the original text, keeping trailing diacritics inside it. */
export function toOriginal(folded: FoldedText, original: string, start: number, end: number): Span {
  const s = folded.offsets[start];
  let e = end > start ? folded.offsets[end - 1] + 1 : s;
  while (e < original.length && COMBINING.test(original[e])) e++;
  return { start: s, end: e };
}
