import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExport } from '../../server/src/core/export';
import { fold } from '../../server/src/core/normalize';
import { decodeArticle } from '../../server/src/node/readArticle';
import { sharedAnalyzer } from './helpers';

const figures = (text: string) => sharedAnalyzer().analyze({ text }).figures.map((f) => `${f.kind} ${f.group} ${f.low}..${f.high ?? ''}${f.approximate ? '~' : ''}`);
const quantities = (text: string) => sharedAnalyzer().analyze({ text }).quantities.map((q) => `${q.low}..${q.high ?? ''}${q.approximate ? '~' : ''}`);

test('folding unifies letter variants and digits and keeps offsets into the original', () => {
  const original = 'قُتِلَ ثلاثةُ رجالٍ في كرمانشاه ی ک ۳ ٣ ـــ';
  const f = fold(original);
  assert.ok(!/[\u064b-\u065f\u0640]/.test(f.text));
  assert.ok(f.text.includes('3 3'));
  assert.ok(f.text.includes('ي ك'));
  for (let i = 0; i < f.text.length; i++) assert.ok(f.offsets[i] >= 0 && f.offsets[i] < original.length);
  assert.equal(f.offsets[f.text.length], original.length);
});

test('every figure range maps back to the words it names', () => {
  const text = 'وقال مسؤول إنّ ثلاثةً من رجالِ الشرطةِ قُتِلوا، وأصيب ٢٣ شخصاً.';
  const a = sharedAnalyzer().analyze({ text });
  assert.equal(a.figures.length, 2);
  for (const f of a.figures) assert.equal(text.slice(f.start, f.end), f.text);
  assert.match(a.figures[0].text, /ثلاثةً من رجالِ الشرطةِ/);
  assert.equal(a.figures[1].text, '٢٣ شخصاً');
});

test('numbers in words, three digit systems and separators', () => {
  assert.deepEqual(quantities('قتل خمسة وعشرون شخصا'), ['25..25']);
  assert.deepEqual(quantities('سیصد و پنجاه و دو نفر کشته شدند'), ['352..352']);
  assert.deepEqual(quantities('twenty-five people were killed'), ['25..25']);
  assert.deepEqual(quantities('three hundred and five people died'), ['305..305']);
  assert.deepEqual(quantities('أصيب ١٬٢٠٠ شخص'), ['1200..1200']);
  assert.deepEqual(quantities('۱۲۰۰ نفر زخمی شدند'), ['1200..1200']);
  assert.deepEqual(quantities('اعتقال نحو 8 آلاف مسلح'), ['8000..8000~']);
  assert.deepEqual(quantities('ثلاثة آلاف وخمسمائة'), ['3500..3500']);
});

test('vague quantities and modifiers follow the export spec', () => {
  assert.deepEqual(figures('At least 4 people were killed.'), ['killed people 4..']);
  assert.deepEqual(figures('One or two people were wounded.'), ['injured people 1..2']);
  assert.deepEqual(figures('Dozens of people were injured.'), ['injured people 24..99~']);
  assert.deepEqual(figures('أدت إلى إصابة الآلاف'), ['injured people 2000..~']);
  assert.deepEqual(figures('ده‌ها نفر زخمی شدند.'), ['injured people 24..99~']);
  assert.deepEqual(figures('more than 10 soldiers were killed'), ['killed military 11..']);
});

test('kind, group, voice and attackers', () => {
  assert.deepEqual(figures('Gunmen killed three soldiers at a checkpoint.'), ['killed military 3..3']);
  assert.deepEqual(figures('قتلت الشرطة خمسة مسلحين.'), ['killed perpetrators 5..5']);
  assert.deepEqual(figures('مهاجم سه مامور پلیس و یک غیر نظامی را به ضرب گلوله کشت.'), ['killed police 3..3', 'killed civilians 1..1']);
  assert.deepEqual(figures('The attacker was arrested by police.'), ['arrested perpetrators 1..1']);
  assert.deepEqual(figures('قتل شرطيان في الهجوم.'), ['killed police 2..2']);
  assert.deepEqual(figures('أصاب المسلحان ضابطي أمن بجروح قاتلة.'), ['killed security 2..2']);
  assert.deepEqual(figures('A suicide bomber blew himself up outside the station.'), ['killed perpetrators 1..1']);
  assert.deepEqual(figures('Three policemen and one civilian were killed.'), ['killed police 3..3', 'killed civilians 1..1']);
});

test('numbers that count no one stay silent', () => {
  for (const text of [
    'A 27-year-old man opened fire in 2016.',
    'قتل رجل عمره 34 عاما في عام 2011.',
    'قزاقستان با 18 میلیون جمعیت کشوری نفت‌خیز است.',
    'Three cars were burned and two witnesses said the attack lasted two hours.',
    'وقع تفجيران في المدينة يوم 31 أكتوبر.',
    'Police dismantled two cells on 5 June.',
  ]) {
    const f = figures(text).filter((x) => !/people 1\.\.1|perpetrators 1\.\.1/.test(x) || !/man|رجل/.test(text));
    assert.deepEqual(f.filter((x) => !x.includes('1..1')), [], text);
  }
});

test('front matter is read, malformed front matter is reported, the body is still analysed', () => {
  const ok = sharedAnalyzer().analyze({ text: '---\ntitle: Attack\ndate: 2016-07-18\nsource: Outlet\n---\nThree soldiers were killed.\n' });
  assert.equal(ok.published, '2016-07-18');
  assert.equal(ok.frontMatter?.source, 'Outlet');
  assert.deepEqual(ok.figures.map((f) => f.text), ['Three soldiers']);
  const bad = sharedAnalyzer().analyze({ text: '---\ntitle: [unclosed\ndate: 2016-07-18\n---\nThree soldiers were killed.\n' });
  assert.ok(bad.problems.some((p) => p.code === 'front-matter-malformed'));
  assert.equal(bad.figures.length, 1);
  const unclosed = sharedAnalyzer().analyze({ text: '---\ntitle: x\nThree soldiers were killed.' });
  assert.ok(unclosed.problems.some((p) => p.code === 'front-matter-unclosed'));
});

test('language per document and per paragraph, Persian typed with Arabic letters included', () => {
  const a = sharedAnalyzer().analyze({ text: 'روز گذشته يك فرد مسلح در خيابانهاي شهر سه مامور پليس را كشت و گريخت.\n\nThe police said the gunman fled.' });
  assert.deepEqual(a.paragraphs.map((p) => p.language), ['fa', 'en']);
  assert.equal(sharedAnalyzer().analyze({ text: '12345 678' }).language, 'und');
});

test('analysis never throws and stays inside the text on odd input', () => {
  for (const text of ['', '\u0000\u0001', '\u200f\u202e۳۳۳', '---', 'x'.repeat(10000), '\ud800 broken surrogate', '٣'.repeat(500)]) {
    const a = sharedAnalyzer().analyze({ text });
    for (const f of a.figures) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end);
  }
});

test('reading files: UTF-16 with a BOM, invalid UTF-8, binary', () => {
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('قتل ثلاثة', 'utf16le')]);
  const r = decodeArticle(u16);
  assert.ok(r.ok && r.text === 'قتل ثلاثة');
  const bad = decodeArticle(Buffer.from([0x61, 0xff, 0x62]));
  assert.ok(bad.ok && bad.warnings.length === 1);
  assert.equal(decodeArticle(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).ok, false);
});

test('export: estimates, agreement and the spec shape', () => {
  // The estimate and the conflict of an event's figure, as the export computes them from its reports.
  const report = (text: string) => sharedAnalyzer().analyze({ text: `---\ndate: 2024-03-14\n---\n${text}` });
  const figureOf = (...texts: string[]) => {
    const x = buildExport(texts.map((t, i) => ({ path: `${i}.txt`, analysis: report(t) })));
    assert.equal(x.events.length, 1, texts.join(' / '));
    return x.events[0].figures.find((f) => f.kind === 'killed')!;
  };
  const split = figureOf('One civilian was killed in Almaty on Monday.', 'Two civilians were killed in Almaty on Monday.', 'One civilian was killed in Almaty on Monday, police said.');
  assert.deepEqual([split.estimate, split.conflict], [{ low: 1, best: 1, high: 2 }, true]);
  const range = figureOf('One or two civilians were killed in Almaty on Monday.', 'Two civilians were killed in Almaty on Monday.');
  assert.deepEqual([range.estimate, range.conflict], [{ low: 1, best: 2, high: 2 }, false]);
  const analysis = sharedAnalyzer().analyze({ text: 'Three soldiers were killed and five others wounded.' });
  const e = buildExport([{ path: 'a.txt', analysis }], new Date('2026-11-22T10:00:00Z'));
  assert.equal(e.format, 'khabar-events');
  assert.equal(e.version, 1);
  assert.equal(e.generated, '2026-11-22T10:00:00Z');
  assert.equal(e.documents[0].language, 'en');
  assert.equal(e.events.length, 1);
  assert.deepEqual(e.events[0].figures.map((f) => [f.kind, f.group, f.estimate.low, f.reports[0].text]), [['killed', 'military', 3, 'Three soldiers'], ['injured', 'military', 5, 'five others']]);
});

test('denied casualties count nobody, in three languages', () => {
  for (const text of [
    'No one was injured in the blast.',
    'Nobody was killed, police said.',
    'لم يصب أحد بأذى في الانفجار.',
    'در این حادثه کسی کشته نشد.',
    'در این انفجار هیچ کس زخمی نشد.',
    'The attack caused no deaths.',
  ]) assert.deepEqual(figures(text), [], text);
  // A denial elsewhere in the sentence does not hide a figure.
  assert.deepEqual(figures('Three soldiers were killed, but no civilians were hurt.'), ['killed military 3..3']);
  assert.deepEqual(figures('قال الادعاء يوم الأحد إن ضابطين قتلا.'), ['killed security 2..2']);
});

test('front matter of plain key: value lines reads as the YAML parser reads it', async () => {
  const { readFrontMatter } = await import('../../server/src/core/frontMatter');
  const { parse } = await import('yaml');
  const fc = (await import('fast-check')).default;
  const value = fc.oneof(
    fc.constantFrom('2016-07-19', '12', '-3', '1.5', '1e3', '0x1F', 'true', 'False', 'null', '~', '', 'Reuters', 'BBC Persian', 'a: b', 'a:b', 'x #y', 'x#y',
      '"quoted"', "'single'", '"with \\"escape\\""', '[1, 2]', '{a: 1}', '- item', '&anchor x', '*alias', '!tag x', '|', '>', '%x', '@x', '`x`', '.inf', 'ends:', 'خبرگزاری ایسنا', 'https://example.org/a?b=c#d'),
    fc.string({ maxLength: 12 }),
  );
  const line = fc.tuple(fc.constantFrom('title', 'date', 'published', 'source', 'url', 'x-y', 'k_1', '# comment', '  indented', 'bad key'), value).map(([k, v]) => (k.startsWith('#') ? k : `${k}: ${v}`));
  fc.assert(fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
    const yamlText = lines.join('\n');
    const r = readFrontMatter(`---\n${yamlText}\n---\nBody.\n`);
    let expected: unknown;
    try { expected = parse(yamlText, { uniqueKeys: false, logLevel: 'error' }); } catch { return; }
    if (r.problems.some((p) => p.code.startsWith('front-matter-malformed'))) return;
    if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return;
    assert.deepEqual(r.frontMatter?.raw, expected);
  }), { numRuns: 400, seed: 7 });
});
