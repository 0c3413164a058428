// Number words from 1 to 999,999 as other libraries write them (npm `number-to-arabic-words`,
// `@persian-tools/persian-tools`) and as this test spells them systematically (both genders and
// cases of Arabic cardinals, مائة/مئة, joined and spaced و, hamza and ة/ه spellings; Persian
// یک هزار/هزار, نه صد/نهصد, ZWNJ, Arabic letters), read two ways: (a) the number in a noun phrase
// ("N شخص") is one quantity of exactly that value and those words, (b) in a plain casualty
// sentence the analyzer finds a killed figure of that value. Each language must read ≥ 99%.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { numberToWords as persianWords } from '@persian-tools/persian-tools';
import { toArabicWord } from 'number-to-arabic-words/dist/index-node.js';
import { rng as random } from '../../bench/generate';
import { sharedAnalyzer } from './helpers';


/** About 2,000 values over 1..999,999: all of 1..120, round hundreds and thousands, the rest spread evenly over the orders of magnitude. */
export function sampleValues(size = 2000, seed = 15): number[] {
  const out = new Set<number>();
  for (let n = 1; n <= 120; n++) out.add(n);
  for (let n = 100; n <= 1000; n += 100) out.add(n);
  for (let n = 1000; n <= 20000; n += 1000) out.add(n);
  for (let n = 30000; n <= 100000; n += 10000) out.add(n);
  for (let n = 100000; n <= 900000; n += 100000) out.add(n);
  for (const n of [101000, 102000, 111000, 125000, 203000, 999999, 999000, 1001, 1100, 2500, 11000, 12000]) out.add(n);
  const r = random(seed);
  while (out.size < size) {
    // log-uniform, so that each order of magnitude gets its share
    const n = Math.floor(Math.exp(r() * Math.log(1_000_000)));
    if (n >= 1 && n <= 999_999) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- Arabic, spelled systematically

interface ArabicStyle {
  /** Forms for feminine counted nouns (ثلاث, إحدى عشرة) instead of masculine ones (ثلاثة, أحد عشر). */
  fem: boolean;
  /** Accusative/genitive (عشرين, اثنين, مائتين) instead of nominative. */
  oblique: boolean;
  /** و joined to the next word (وعشرون) or spaced (و عشرون). */
  joined: boolean;
  /** مائة or مئة. */
  mia: 'مائة' | 'مئة';
  /** ثلاثمائة or ثلاث مائة. */
  hundredsSpaced: boolean;
  /** ألفاً (with tanween) or ألف after 11..99 thousand. */
  tanween: boolean;
}

const AR_UNITS_M = ['', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة', 'عشرة'];
const AR_UNITS_F = ['', 'واحدة', 'اثنتان', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثماني', 'تسع', 'عشر'];
const AR_TENS = ['', 'عشرة', 'عشرون', 'ثلاثون', 'أربعون', 'خمسون', 'ستون', 'سبعون', 'ثمانون', 'تسعون'];
const AR_HUNDRED_PREFIX = ['', '', '', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع'];

function arabicBelow100(n: number, s: ArabicStyle, gender = s.fem): string {
  const obl = (w: string) => (s.oblique ? w.replace(/ون$/, 'ين').replace(/ان$/, 'ين') : w);
  const units = gender ? AR_UNITS_F : AR_UNITS_M;
  if (n <= 10) return obl(units[n]);
  if (n < 20) {
    const ten = gender ? 'عشرة' : 'عشر';
    if (n === 11) return `${gender ? 'إحدى' : 'أحد'} ${ten}`;
    if (n === 12) return `${s.oblique ? (gender ? 'اثنتي' : 'اثني') : gender ? 'اثنتا' : 'اثنا'} ${ten}`;
    return `${units[n - 10]} ${ten}`;
  }
  const t = Math.floor(n / 10);
  const u = n % 10;
  const tens = obl(AR_TENS[t]);
  if (!u) return tens;
  const unit = u === 1 ? (gender ? 'إحدى' : 'واحد') : obl(units[u]);
  return `${unit} ${s.joined ? 'و' + tens : 'و ' + tens}`;
}

function arabicBelow1000(n: number, s: ArabicStyle, gender = s.fem): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  let hw = '';
  if (h === 1) hw = s.mia;
  else if (h === 2) hw = (s.mia === 'مائة' ? 'مائت' : 'مئت') + (s.oblique ? 'ين' : 'ان');
  else if (h > 2) hw = AR_HUNDRED_PREFIX[h] + (s.hundredsSpaced ? ' ' : '') + s.mia;
  if (!rest) return hw;
  const r = arabicBelow100(rest, s, gender);
  return hw ? `${hw} ${s.joined ? 'و' + r : 'و ' + r}` : r;
}

export function arabicWords(n: number, s: ArabicStyle): string {
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  let tw = '';
  if (th === 1) tw = 'ألف';
  else if (th === 2) tw = s.oblique ? 'ألفين' : 'ألفان';
  else if (th >= 3 && th <= 10) tw = `${arabicBelow100(th, s, false)} آلاف`; // ألف is masculine: ثلاثة آلاف
  else if (th > 10) {
    const last = th % 100;
    let base = arabicBelow1000(th, s, false);
    // مائتا ألف, مائتي ألف: a dual in construct loses its ن
    if (th === 200) base = (s.mia === 'مائة' ? 'مائت' : 'مئت') + (s.oblique ? 'ي' : 'ا');
    const word = last >= 3 && last <= 10 ? 'آلاف' : last >= 11 && s.tanween ? 'ألفاً' : 'ألف';
    tw = `${base} ${word}`;
  }
  if (!rest) return tw;
  const r = arabicBelow1000(rest, s);
  return tw ? `${tw} ${s.joined ? 'و' + r : 'و ' + r}` : r;
}

const AR_STYLES: ArabicStyle[] = [
  { fem: false, oblique: false, joined: true, mia: 'مائة', hundredsSpaced: false, tanween: true },
  { fem: true, oblique: true, joined: false, mia: 'مئة', hundredsSpaced: true, tanween: false },
  { fem: false, oblique: true, joined: true, mia: 'مئة', hundredsSpaced: false, tanween: true },
  { fem: true, oblique: false, joined: true, mia: 'مائة', hundredsSpaced: false, tanween: true },
];

/** Spellings a writer may use for the same words: no hamza on alif, ه for ة, ى for final ي. */
const arabicBare = (s: string) => s.replace(/[أإآ]/g, 'ا').replace(/ة(?=\s|$)/g, 'ه').replace(/ى(?=\s|$)/g, 'ي');

/** The Arabic spellings of n tested: the library's, the library's without hamza and with و joined, and the systematic styles. */
export function arabicVariants(n: number): string[] {
  const lib = toArabicWord(n).trim();
  const out = [lib, arabicBare(lib).replace(/و /g, 'و'), ...AR_STYLES.map((s) => arabicWords(n, s))];
  out.push(arabicBare(out[2 + (n % AR_STYLES.length)]));
  // duals in construct before their noun: مائتا شخص, مئتي شخص, ألفا شخص, ألفي شخص
  if (n === 200) out.push('مائتا', 'مئتي');
  if (n === 2000) out.push('ألفا', 'ألفي');
  return [...new Set(out)];
}

// ---------------------------------------------------------------- Persian

const ZWNJ = '\u200c';

/** The Persian spellings of n tested: the library's, then with هزار for یک هزار, نهصد for نه صد, یکصد and یک صد, ZWNJ, Arabic ي/ك. */
export function persianVariants(n: number): string[] {
  const lib = String(persianWords(n)).trim();
  const out = [lib];
  // "هزار و دویست" for "یک هزار و دویست"; hundreds joined ("چهارصد", "نهصد")
  out.push(lib.replace(/^یک هزار/, 'هزار').replace(/(^|\s)(دو|سه|چهار|پنج|شش|هفت|هشت|نه) صد/g, (_m, a, b) => `${a}${b}صد`));
  // ZWNJ inside compounds ("چهار‌صد", "یک‌هزار", "سی‌ و ‌دو"), "یکصد" for a lone hundred
  out.push(lib.replace(/(دو|سه|چهار|پنج|شش|هفت|هشت|نه) صد/g, `$1${ZWNJ}صد`).replace(/^یک هزار/, `یک${ZWNJ}هزار`).replace(/(^|\s)صد(?=\s|$)/g, '$1یکصد'));
  // Arabic letters, as some sites type Persian
  out.push(out[n % 2 ? 1 : 0].replace(/ی/g, 'ي').replace(/ک/g, 'ك'));
  // "یک صد" spaced, and ZWNJ typed beside the spaces around و ("بیست‌ و ‌پنج")
  out.push(lib.replace(/(^|و\s)صد(?=\s|$)/g, '$1یک صد').replace(/ و /g, `${ZWNJ} و ${ZWNJ}`));
  // tens and units as one word, و glued with ZWNJ ("بیست‌وپنج", "سی‌و‌سه")
  out.push(lib.replace(/(بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود) و (یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه)(?=\s|$)/g, (_m, t, u) => `${t}${ZWNJ}و${n % 2 ? ZWNJ : ''}${u}`));
  return [...new Set(out)];
}

// ---------------------------------------------------------------- English (own spelling: a sanity check)

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function englishBelow1000(n: number, and: boolean): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const rw = r < 20 ? EN_UNITS[r] : EN_TENS[Math.floor(r / 10)] + (r % 10 ? '-' + EN_UNITS[r % 10] : '');
  if (!h) return rw;
  return `${EN_UNITS[h]} hundred${r ? (and ? ' and ' : ' ') + rw : ''}`;
}

export function englishVariants(n: number): string[] {
  const words = (and: boolean) => {
    const th = Math.floor(n / 1000);
    const rest = n % 1000;
    const parts = [];
    if (th) parts.push(`${englishBelow1000(th, and)} thousand`);
    if (rest) parts.push(th && rest < 100 && and ? `and ${englishBelow1000(rest, and)}` : englishBelow1000(rest, and));
    return parts.join(' ');
  };
  return [...new Set([words(true), words(false), n.toLocaleString('en-US')])];
}

// ---------------------------------------------------------------- the check

interface Language {
  variants: (n: number) => string[];
  /** A noun phrase around the number: the quantity read must be exactly the number's words. */
  phrase: (w: string) => string;
  /** Casualty sentences whose killed figure is the number. */
  templates: ((w: string) => string)[];
}

const languages: Record<'ar' | 'fa' | 'en', Language> = {
  ar: {
    variants: arabicVariants,
    phrase: (w) => `${w} شخص`,
    templates: [
      (w) => `قتل ${w} شخصا في الهجوم.`,
      (w) => `أسفر الانفجار عن مقتل ${w} مدنيا وإصابة آخرين.`,
      (w) => `وقالت الشرطة إن ${w} من الجنود قتلوا في الاشتباكات.`,
      (w) => `ارتفعت حصيلة القتلى إلى ${w} قتيلا.`,
      (w) => `لقي ${w} أشخاص حتفهم في الانفجار.`,
    ],
  },
  fa: {
    variants: persianVariants,
    phrase: (w) => `${w} نفر`,
    templates: [
      (w) => `${w} نفر در این حمله کشته شدند.`,
      (w) => `در این حمله ${w} تن کشته شدند.`,
      (w) => `بر اثر انفجار دیروز ${w} سرباز جان باختند.`,
      (w) => `شمار کشته‌شدگان این حمله به ${w} نفر رسید.`,
      (w) => `نیروهای امنیتی ${w} تروریست را به هلاکت رساندند.`,
    ],
  },
  en: {
    variants: englishVariants,
    phrase: (w) => `${w} people`,
    templates: [
      (w) => `${w} people were killed in the attack.`,
      (w) => `The blast killed ${w} civilians on Monday.`,
      (w) => `The death toll rose to ${w}, officials said.`,
    ],
  },
};

export interface NumberWordResult { total: number; read: number; figures: number; failures: string[] }

export function checkLanguage(lang: 'ar' | 'fa' | 'en', values = sampleValues()): NumberWordResult {
  const L = languages[lang];
  const analyzer = sharedAnalyzer();
  const failures: string[] = [];
  let total = 0;
  let read = 0;
  let figures = 0;
  let t = 0;
  for (const n of values) {
    for (const w of L.variants(n)) {
      total++;
      const text = L.phrase(w);
      const qs = analyzer.analyze({ text }).quantities;
      const okRead = qs.length === 1 && qs[0].low === n && qs[0].high === n && qs[0].text === w;
      if (okRead) read++;
      else failures.push(`${n} read: «${w}» → ${qs.map((q) => `${q.low}«${q.text}»`).join(' ') || 'nothing'}`);
      const sentence = L.templates[t++ % L.templates.length](w);
      const fs = analyzer.analyze({ text: sentence }).figures;
      if (fs.some((f) => f.kind === 'killed' && f.low === n && f.high === n)) figures++;
      else failures.push(`${n} figure: «${sentence}» → ${fs.map((f) => `${f.kind} ${f.group} ${f.low}..${f.high}`).join(', ') || 'nothing'}`);
    }
  }
  return { total, read, figures, failures };
}

for (const lang of ['ar', 'fa', 'en'] as const) {
  test(`number words 1..999,999 in ${lang}, as independent libraries and systematic spellings write them`, () => {
    const r = checkLanguage(lang);
    const readRate = r.read / r.total;
    const figureRate = r.figures / r.total;
    console.log(`${lang}: ${r.total} spellings; read ${(100 * readRate).toFixed(2)}%, killed figure ${(100 * figureRate).toFixed(2)}%`);
    if (r.failures.length) console.log(r.failures.slice(0, 12).join('\n'));
    if (process.env.NUMBER_WORDS_FAILURES) writeFileSync(`${process.env.NUMBER_WORDS_FAILURES}.${lang}.txt`, r.failures.join('\n') + '\n');
    assert.ok(readRate >= 0.99, `${lang}: only ${(100 * readRate).toFixed(2)}% of number words read right`);
    assert.ok(figureRate >= 0.99, `${lang}: only ${(100 * figureRate).toFixed(2)}% of casualty sentences give the figure`);
  });
}

test('number words that are also other words count only where they are numbers (نه, ست, خمس)', () => {
  const figures = (text: string) => sharedAnalyzer().analyze({ text }).figures.map((f) => `${f.kind} ${f.group} ${f.low}..${f.high ?? ''}`);
  const values = (text: string) => sharedAnalyzer().analyze({ text }).quantities.map((q) => q.low);
  // Persian نه: "no", "not", "neither … nor"
  assert.deepEqual(values('نه تنها پلیس بلکه مردم عادی نیز در این حمله زخمی شدند.'), []);
  assert.deepEqual(values('در این حادثه نه نیروهای پلیس آسیب دیدند و نه مردم.'), []);
  assert.deepEqual(figures('این انفجار نه کسی را کشت و نه کسی را زخمی کرد.'), []);
  assert.deepEqual(figures('او گفت نه، هیچ کس در این حادثه کشته نشد.'), []);
  assert.deepEqual(figures('نه سرباز و نه غیرنظامی در این درگیری کشته نشد.'), []);
  assert.deepEqual(figures('در این حادثه نه مردم بلکه سه مامور پلیس زخمی شدند.'), ['injured police 3..3']);
  // … and nine
  assert.deepEqual(figures('نه نفر در این حمله کشته شدند.'), ['killed people 9..9']);
  assert.deepEqual(figures('نه سرباز در این حمله کشته شدند اما مقامات جزئیات بیشتری نگفتند.'), ['killed military 9..9']);
  assert.deepEqual(figures('در این حمله نه تن کشته و نه تن دیگر زخمی شدند.'), ['killed people 9..9', 'injured people 9..9']);
  assert.deepEqual(figures('نه هزار و نهصد نفر بازداشت شدند.'), ['arrested people 9900..9900']);
  assert.deepEqual(figures('در این حمله بیست و نه نفر کشته شدند.'), ['killed people 29..29']);
  // Arabic ست (also "lady"), خمس (also "a fifth"), ثمان
  assert.deepEqual(figures('ذكرت مصادر أن خمس السكان نزحوا بسبب المعارك.'), []);
  assert.deepEqual(figures('قتلت ست نساء وأصيب ثمان أطفال.'), ['killed civilians 6..6', 'injured civilians 8..8']);
  assert.deepEqual(figures('أصيب ستة وعشرون شخصا وقتل خمس من رجال الشرطة.'), ['injured people 26..26', 'killed police 5..5']);
});
