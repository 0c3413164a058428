/**
 * Property-based tests of the core (fast-check): on arbitrary text mixing Arabic and Persian
 * letters and words, digits of three systems, bidi marks, ZWNJ, newlines and front-matter-like
 * prefixes, `analyze` never throws nor fails inside, every range lies in the text, every quoted
 * text is the slice of its range, and the analysis is deterministic.
 *
 * A failure prints fast-check's seed and the shrunk counterexample; replay it with
 * `KHABAR_FC_SEED=<seed> node --test dist/test/unit/properties.test.js`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createAnalyzer, type DocumentAnalysis, type Span } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const { knowledge } = loadKnowledge(join(root, 'knowledge'));
const lexicons = loadLexicons(join(root, 'lexicons'));
const analyzer = createAnalyzer({ lexicons, knowledge });
const seed = process.env.KHABAR_FC_SEED ? Number(process.env.KHABAR_FC_SEED) : undefined;
const runs = (n: number) => ({ numRuns: n, ...(seed !== undefined ? { seed } : {}) });

const chars = (s: string) => fc.constantFrom(...[...s]);
const letterAr = chars('ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى');
const letterFa = chars('پچژگکیۀ');
const latin = chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéç');
const digit = chars('0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹');
const marks = chars('\u064b\u064e\u064f\u0650\u0651\u0652\u0640\u0670'); // harakat, shadda, sukun, tatweel
const invisible = chars('\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2067\u2069\u061c\ufeff\u00ad');
const space = chars('  \n\n\r\t\u00a0');
const punct = chars('.,،؛؟!?:;-—–«»"\'()[]/٫٬%');
const odd = chars('\u0000\u0001\ud800\udc00\ufffd😀𝟘');
// Words that make the analyzer work: triggers, groups, numbers, places, modifiers, dates.
const word = fc.constantFrom(
  'killed', 'were killed', 'wounded', 'arrested', 'soldiers', 'police officers', 'people', 'civilians', 'at least', 'dozens of', 'three', 'twenty-five', 'one or two', 'between', 'and', 'yesterday', 'on Tuesday', 'Kabul', 'Shiraz', 'Almaty', 'Islamic State', 'Oct. 26', '2022',
  'قتل', 'قُتل', 'مقتل', 'أصيب', 'اعتقال', 'شخصاً', 'أشخاص', 'من رجال الشرطة', 'مدنيين', 'على الأقل', 'عشرات', 'ثلاثة', 'خمسة وعشرون', 'بين', 'أمس', 'الثلاثاء', 'كابول', 'شيراز', 'تشرين الأول/أكتوبر', 'الدولة الإسلامية',
  'کشته', 'کشته شدند', 'زخمی شدند', 'بازداشت', 'نفر', 'مامور پلیس', 'سرباز', 'دست کم', 'ده‌ها', 'سه', 'سیصد و پنجاه و دو', 'دیروز', 'آبان', '۱۴۰۱', 'شیراز', 'کابل', 'را',
);
const piece = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(letterAr, letterFa, marks), minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: latin, minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.string({ unit: digit, minLength: 1, maxLength: 6 }) },
  { weight: 4, arbitrary: fc.string({ unit: space, minLength: 1, maxLength: 2 }) },
  { weight: 2, arbitrary: punct },
  { weight: 2, arbitrary: invisible },
  { weight: 1, arbitrary: odd },
);
const frontMatterish = fc.constantFrom(
  '', '', '', '---\n', '---\ntitle: x\ndate: 2022-10-26\n---\n', '---\ntitle: [unclosed\n---\n', '---\ndate: not a date\n---\n', '\ufeff---\nsource: outlet\n---\n',
  '---\n- a list\n---\n', '---\r\ntitle: crlf\r\n---\r\n', '---\ntitle: "unterminated\n', '---\n---\n', '...\n', '---\ndate: 2022-13-45\n...\n', '---\n: : :\n---\n',
);
const article = fc.tuple(frontMatterish, fc.array(piece, { maxLength: 120, size: 'medium' }).map((xs) => xs.join(' '))).map(([fm, body]) => fm + body);

/** Every span of an analysis with what it should quote, or null. */
function spans(a: DocumentAnalysis): { what: string; span: Span; quoted?: string }[] {
  const out: { what: string; span: Span; quoted?: string }[] = [];
  for (const p of a.paragraphs) out.push({ what: 'paragraph', span: p });
  for (const s of a.sentences) out.push({ what: 'sentence', span: s });
  for (const b of a.boilerplate) out.push({ what: 'boilerplate', span: b });
  for (const p of a.problems) out.push({ what: `problem ${p.code}`, span: p });
  for (const q of a.quantities) out.push({ what: 'quantity', span: q, quoted: q.text });
  for (const f of a.figures) {
    out.push({ what: 'figure', span: f, quoted: f.text }, { what: 'figure trigger', span: f.trigger });
    if (f.quantity) out.push({ what: 'figure quantity', span: f.quantity });
    if (f.groupWords) out.push({ what: 'figure group words', span: f.groupWords });
  }
  for (const e of a.entities) out.push({ what: 'entity', span: e, quoted: e.text });
  for (const d of a.dates) out.push({ what: 'date', span: d, quoted: d.text });
  for (const c of a.eventCues) out.push({ what: 'event cue', span: c });
  if (a.frontMatter) out.push({ what: 'front matter', span: a.frontMatter.span });
  return out;
}

function checkAnalysis(text: string, a: DocumentAnalysis): void {
  assert.equal(a.length, text.length);
  const internal = a.problems.find((p) => p.code === 'internal-error');
  assert.equal(internal, undefined, internal?.message);
  for (const { what, span, quoted } of spans(a)) {
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets`);
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what} [${span.start}, ${span.end}) inside [0, ${text.length}]`);
    if (quoted !== undefined) assert.equal(quoted, text.slice(span.start, span.end), `${what} quotes its range`);
  }
  for (const f of a.figures) assert.ok(f.sentence >= 0 && f.sentence < a.sentences.length, 'figure sentence index');
  for (const e of a.entities) assert.ok(e.sentence >= 0 && e.sentence < a.sentences.length, 'entity sentence index');
}

test('analyze never fails and every range lies inside the text and quotes it', () => {
  let withFigures = 0, withEntities = 0, withDates = 0, total = 0;
  fc.assert(fc.property(article, (text) => {
    const a = analyzer.analyze({ text });
    checkAnalysis(text, a);
    total++;
    if (a.figures.length) withFigures++;
    if (a.entities.length) withEntities++;
    if (a.dates.length) withDates++;
  }), runs(1000));
  // The texts are not noise the analyzer ignores: many give figures, entities and dates.
  assert.ok(withFigures > total / 10 && withEntities > total / 10 && withDates > total / 10, `figures in ${withFigures}, entities in ${withEntities}, dates in ${withDates} of ${total}`);
});

test('analysis is deterministic: same text, same analysis, from this analyzer or a fresh one', () => {
  const other = createAnalyzer({ lexicons, knowledge });
  fc.assert(fc.property(article, (text) => {
    const a = analyzer.analyze({ text });
    assert.deepEqual(analyzer.analyze({ text }), a);
    assert.deepEqual(other.analyze({ text }), a);
  }), runs(200));
});

test('plain strings of any code units never break the analysis either', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => { checkAnalysis(text, analyzer.analyze({ text })); }), runs(500));
});

// Sentences of one or more figures each, by language, for long texts of many figures.
const figureSentences = {
  en: ['Three soldiers were killed and 12 people wounded in Kabul on Tuesday.', 'At least 25 civilians were killed.', 'Police arrested dozens of protesters.', 'One or two policemen were injured, officials said.', 'Two soldiers were killed and a third wounded.', 'The death toll rose to 14.'],
  ar: ['قتل 3.', 'قتل ثلاثة جنود وأصيب 12 شخصاً في كابول.', 'أصيب ما لا يقل عن 25 مدنياً.', 'اعتقلت الشرطة عشرات المحتجين.', 'قتل شخص أو اثنان.'],
  fa: ['سه سرباز کشته شدند.', 'دست کم ۲۵ نفر زخمی شدند.', 'پلیس ده‌ها نفر را بازداشت کرد.', 'یک یا دو مامور پلیس زخمی شدند.'],
};
const longText = fc.constantFrom('en', 'ar', 'fa').chain((l: keyof typeof figureSentences) => fc.tuple(
  fc.array(fc.constantFrom(...figureSentences[l]), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(' ') + ' '),
  fc.integer({ min: 150, max: 600 }),
));

/**
 * Analyses `unit` repeated `n` times and checks that every passage but the first and the last (which
 * begin and end the text) gives what the second gives: `found` lists what the analysis says, each
 * with its start and a key whose offsets count from `p`, the start of its passage.
 */
function samePassages(unit: string, n: number, what: string, found: (a: ReturnType<typeof analyzer.analyze>, p: (start: number) => number) => [number, string][]): void {
  const text = unit.repeat(n);
  const a = analyzer.analyze({ text });
  checkAnalysis(text, a);
  const byPassage = new Map<number, string[]>();
  for (const [start, key] of found(a, (start) => Math.floor(start / unit.length) * unit.length)) {
    const p = Math.floor(start / unit.length);
    byPassage.set(p, [...(byPassage.get(p) ?? []), key]);
  }
  const first = byPassage.get(1) ?? [];
  assert.ok(first.length > 0, `no ${what} in ${JSON.stringify(unit)}`);
  for (let p = 2; p < n - 1; p++) assert.deepEqual(byPassage.get(p) ?? [], first, `passage ${p} of ${n}: ${JSON.stringify(unit)}`);
}

test('long texts of many figures: a repeated passage gives the same figures every time it comes', () => {
  fc.assert(fc.property(longText, ([unit, n]) => samePassages(unit, n, 'figure', (a, p) => a.figures.map((f) => {
    const at = (s: { start: number; end: number } | undefined) => (s ? `${s.start - p(f.start)}-${s.end - p(f.start)}` : '');
    return [f.start, [f.kind, f.group, f.low, f.high, f.approximate, f.explicit, f.text, at(f), at(f.trigger), at(f.quantity), at(f.groupWords), f.language, f.update, f.cumulative, f.superseded].join('|')];
  }))), runs(12));
});

// Sentences naming places and dates, by language, for long texts of many places and dates.
const placeDateSentences = {
  en: ['On 3 March 2021 a bomb exploded in Kabul, Afghanistan.', 'Two days later, police in Herat said the blast near Jalalabad was linked.', 'The attack in Karachi on Friday followed one in Quetta in May 2019.'],
  ar: ['انفجرت قنبلة في كابول يوم 3 آذار/مارس 2021.', 'وفي يوم الجمعة قالت الشرطة في الموصل إن الهجوم في بغداد مرتبط.', 'وقع هجوم في طهران في أيار/مايو 2019.'],
  fa: ['روز جمعه ۱۲ اسفند ۱۳۹۹ بمبی در کابل منفجر شد.', 'پلیس هرات روز شنبه گفت انفجار در نزدیکی جلال‌آباد بود.', 'حمله در زاهدان در ماه مه ۲۰۱۹ رخ داد.'],
};
const longPlacesAndDates = fc.constantFrom('en', 'ar', 'fa').chain((l: keyof typeof placeDateSentences) => fc.tuple(
  fc.shuffledSubarray(placeDateSentences[l], { minLength: 1 }).map((xs) => xs.join(' ') + '\n'),
  fc.integer({ min: 100, max: 400 }),
));

test('long texts of many places and dates: a repeated passage gives the same places and dates every time it comes', () => {
  fc.assert(fc.property(longPlacesAndDates, ([unit, n]) => samePassages(unit, n, 'place or date', (a, p) => [
    ...a.entities.filter((e) => e.type === 'place').map((e): [number, string] => [e.start, `${e.start - p(e.start)}|${e.entity}|${e.end - e.start}`]),
    ...a.dates.map((d): [number, string] => [d.start, `${d.start - p(d.start)}|${d.text}`]),
  ])), runs(9));
});
