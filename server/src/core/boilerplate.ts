import type { CompiledLexicon } from './lexicon';
import { foldWord } from './normalize';
import type { Span } from './types';

/** The `boilerplate` lists of every lexicon together (a page's furniture is often in another language than its article). */
export interface BoilerplateWords {
  heads: ReadonlySet<string>;
  share: ReadonlySet<string>;
  rights: readonly string[];
}

/** Gathers the `boilerplate` lists of the lexicons, once per analyzer. */
export function boilerplateWords(lexicons: readonly CompiledLexicon[]): BoilerplateWords {
  const heads = new Set<string>();
  const share = new Set<string>();
  const rights: string[] = [];
  for (const l of lexicons) {
    for (const h of l.boilerplate.heads) heads.add(h);
    for (const w of l.boilerplate.share) share.add(w);
    rights.push(...l.boilerplate.rights);
  }
  return { heads, share, rights };
}

/**
 * Page furniture saved with an article: navigation and breadcrumb lines, share and copyright lines,
 * blocks of links or teasers to other articles ("Related articles", مواضيع ذات صلة, اخبار مرتبط),
 * and another article appended after this one. Found from the shape of lines and the lexicons'
 * `boilerplate` lists (see {@link boilerplateWords}).
 *
 * Returns spans of the original text, in order, none overlapping; `bodyStart` is where the body
 * begins (after front matter).
 */
export function findBoilerplate(text: string, words: BoilerplateWords, bodyStart = 0): Span[] {
  const lines = linesOf(text, bodyStart);
  if (!lines.length) return [];
  const kinds = lines.map((line) => kindOf(line.text, words));
  const out: Span[] = [];
  const add = (start: number, end: number) => {
    const last = out[out.length - 1];
    if (last && start <= last.end + 2 && text.slice(last.end, start).trim() === '') last.end = Math.max(last.end, end);
    else out.push({ start, end });
  };
  let proseSeen = false;
  // Paragraphs of this article's prose: one is not enough to call a repeated line another article's
  // headline (a promotion such as "Chat with us …" reads like prose above a video caption repeated).
  let proseLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i];
    if (kind === 'furniture') { add(lines[i].start, lines[i].end); continue; }
    if (kind === 'head') {
      // A block of links or teasers: the head, then every line up to the next paragraph of prose.
      let j = i + 1;
      while (j < lines.length && kinds[j] !== 'prose') j++;
      // Teasers of other articles read like prose but end in an ellipsis; a block at the end of a
      // page that holds only those runs to the end.
      if (proseSeen && lines.slice(j).every((l, k) => kinds[j + k] !== 'prose' || ELLIPSIS.test(l.text))) j = lines.length;
      add(lines[i].start, j > i + 1 ? lines[j - 1].end : lines[i].end);
      i = j - 1;
      continue;
    }
    if (kind === 'prose' && !ELLIPSIS.test(lines[i].text)) { proseSeen = true; proseLines++; continue; }
    // Another article after this one: its headline repeated within a few lines (title, caption,
    // title again), once this article's prose has begun.
    if (proseLines >= 2 && kind === 'short' && !SENTENCE_END.test(lines[i].text)) {
      const again = lines.slice(i + 1, i + 7).some((l) => l.text === lines[i].text);
      if (again) { add(lines[i].start, lines[lines.length - 1].end); break; }
    }
  }
  return out;
}

interface Line { start: number; end: number; text: string }

/** Non-empty lines from `from` on, trimmed, with the offsets of their trimmed text. */
function linesOf(text: string, from: number): Line[] {
  const out: Line[] = [];
  let start = from;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    start = end + 1;
  }
  return out;
}

const ELLIPSIS = /(\.\.\.|…)\s*$/;
const SENTENCE_END = /[.!?؟۔]["»”)]*\s*$/;
/** Separators of menus and breadcrumbs: "Home | News | World", "الرئيسية » حول العالم". */
const SEPARATOR = /\s[|»›·•]\s|\s>\s/g;
const WORDS = /[\p{L}\p{N}]+/gu;

type Kind = 'head' | 'furniture' | 'prose' | 'short';

/** Words of a line, counted up to `max`: a paragraph is often one long line. */
function wordCount(line: string, max: number): number {
  WORD.lastIndex = 0;
  let n = 0;
  // test() moves lastIndex without making a match array.
  while (n < max && WORD.test(line)) n++;
  return n;
}
const WORD = /[\p{L}\p{N}]+/gu;

function kindOf(line: string, { heads, share, rights }: BoilerplateWords): Kind {
  const count = wordCount(line, 17);
  const folded = count <= 16 ? foldWord(line) : '';
  // A head, its punctuation and bullet aside ("Related articles:", "- اقرأ أيضاً").
  if (count <= 8 && heads.has(folded.replace(/[:：\-–—|»›.…]+\s*$/, '').replace(/^[\-–—•*#]+\s*/, ''))) return 'head';
  const separators = line.match(SEPARATOR)?.length ?? 0;
  // Two separators make a menu; one only between short items ("Home | News"), not after a headline ("Blast kills 7 | Reuters").
  if (separators >= 2 || (separators === 1 && line.split(SEPARATOR).every((part) => (part.match(WORDS)?.length ?? 0) <= 3))) return 'furniture';
  if (line.includes('©')) return 'furniture';
  if (count <= 16) {
    if (rights.some((r) => folded.includes(r))) return 'furniture';
    const words = line.match(WORDS) ?? [];
    // "Share: Facebook Twitter WhatsApp", "x", "TT": a line of share buttons or a lone widget label.
    if (words.length && words.every((w) => share.has(foldWord(w)))) return 'furniture';
    if (words.length <= 1 && line.length <= 3) return 'furniture';
  }
  return count >= 12 && /[.،,؛;!?؟]/.test(line) ? 'prose' : 'short';
}
