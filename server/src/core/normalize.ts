/**
 * Folding of text for matching. Every character of the folded text keeps the offset of the
 * original character it came from, so ranges found in the folded text map back exactly.
 */

/** Folded text and, for each of its code units, the offset of the original code unit. */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /** `offsets[i]` is the original offset of `text[i]`; `offsets[text.length]` is the original length. */
  offsets: Int32Array;
}

const REMOVED = new Set<number>([
  0x0640, // tatweel
  0x00ad, // soft hyphen
  0x200b, 0x200c, 0x200d, 0x200e, 0x200f, // zero-width space, ZWNJ, ZWJ, LRM, RLM
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // bidi embeddings and overrides
  0x2066, 0x2067, 0x2068, 0x2069, // bidi isolates
  0x061c, // Arabic letter mark
  0xfeff, // byte order mark / zero-width no-break space
]);

function isRemoved(c: number): boolean {
  return REMOVED.has(c)
    || (c >= 0x064b && c <= 0x065f) // harakat, shadda, sukun, madda above, hamza above/below marks
    || c === 0x0670 // superscript alef
    || (c >= 0x06d6 && c <= 0x06ed) // Quranic annotation marks
    || (c >= 0x0300 && c <= 0x036f); // Latin combining diacritics
}

const MAPPED: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ئ': 'ي', 'ێ': 'ي', 'ې': 'ي',
  'ک': 'ك', 'ڪ': 'ك',
  'ة': 'ه', 'ۀ': 'ه', 'ە': 'ه', 'ھ': 'ه', 'ہ': 'ه',
  'ؤ': 'و',
  '٫': '.', '٬': ',', '،': '،',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-',
};

function foldChar(ch: string, c: number): string {
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(48 + c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(48 + c - 0x06f0);
  const m = MAPPED[ch];
  if (m !== undefined) return m;
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (c >= 0xc0 && c <= 0x24f) {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return base.toLowerCase();
  }
  return ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
}

// One table for the Basic Multilingual Plane: the folded code unit of each, 0 for removed,
// 0xffff for a character that keeps itself. Built once; folding is then one lookup per character.
const TABLE = (() => {
  const t = new Uint16Array(0x10000).fill(0xffff);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (isRemoved(c)) { t[c] = 0; continue; }
    const f = foldChar(String.fromCharCode(c), c);
    if (f.length === 1 && f.charCodeAt(0) !== c) t[c] = f.charCodeAt(0);
  }
  return t;
})();

/**
 * Folds text for matching: removes harakat, tatweel, ZWNJ and bidi marks; unifies Arabic and
 * Persian letter variants (ي/ی/ى, ك/ک, أ/إ/آ/ا, ة/ه); turns Arabic-Indic and Persian digits into
 * ASCII digits; lower-cases Latin letters and drops their accents.
 */
export function fold(text: string): FoldedText {
  const n = text.length;
  const codes = new Uint16Array(n);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  let same = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = TABLE[c];
    if (f === 0) { same = false; continue; }
    if (f !== 0xffff) same = false;
    codes[k] = f === 0xffff ? c : f;
    offsets[k++] = i;
  }
  offsets[k] = n;
  // Decoding the code units is many times faster than String.fromCharCode over an array of them.
  return { text: same ? text : UTF16.decode(codes.subarray(0, k)), offsets: offsets.subarray(0, k + 1) };
}

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Folds a lexicon entry or any short string; the offsets are not needed there. */
export function foldWord(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const f = TABLE[s.charCodeAt(i)];
    if (f === 0xffff) continue;
    out += s.slice(from, i);
    if (f !== 0) out += String.fromCharCode(f);
    from = i + 1;
  }
  out = from ? out + s.slice(from) : s;
  return SPACES.test(out) ? out.replace(/\s+/g, ' ').trim() : out;
}

const SPACES = /^\s|\s$|\s\s|[^\S ]/;
