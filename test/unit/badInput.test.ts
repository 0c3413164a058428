/**
 * Bad input never stops Khabar: each case gets a clear message (a problem in the analysis or a line
 * on stderr) and everything else goes on being analysed. Complements the odd-input cases of
 * core.test.ts (NUL bytes, broken surrogates, UTF-16 LE, invalid UTF-8 decoding).
 *
 * The CLI tests need the bundle: `node esbuild.mjs` (npm test builds before it runs the unit tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createAnalyzer, type DocumentAnalysis } from '../../server/src/core';
import { MAX_SENTENCE } from '../../server/src/core/tokenize';
import { loadKnowledge, parseKnowledgeFile } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { decodeArticle, readArticle } from '../../server/src/node/readArticle';
import { root } from './helpers';

const { knowledge } = loadKnowledge(join(root, 'knowledge'));
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
const tmp = mkdtempSync(join(tmpdir(), 'khabar-bad-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SENTENCE = 'Three soldiers were killed in Kabul on Tuesday.\n';
const utf16be = (s: string) => { const b = Buffer.from(s, 'utf16le'); for (let i = 0; i + 1 < b.length; i += 2) { const x = b[i]; b[i] = b[i + 1]; b[i + 1] = x; } return Buffer.concat([Buffer.from([0xfe, 0xff]), b]); };
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const figures = (a: DocumentAnalysis) => a.figures.map((f) => `${f.kind} ${f.group} ${f.low}`);
function inside(text: string, a: DocumentAnalysis) {
  for (const x of [...a.figures, ...a.entities, ...a.dates, ...a.quantities]) {
    assert.ok(x.start >= 0 && x.start <= x.end && x.end <= text.length);
    assert.equal(x.text, text.slice(x.start, x.end));
  }
}

test('UTF-16 BE and LE with a BOM decode to the same text, and its figures are found', () => {
  for (const bytes of [utf16be(SENTENCE), utf16le(SENTENCE)]) {
    const r = decodeArticle(bytes);
    assert.ok(r.ok);
    assert.equal(r.text, SENTENCE);
    assert.deepEqual(figures(analyzer.analyze({ text: r.text })), ['killed military 3']);
  }
  assert.equal((decodeArticle(utf16be(SENTENCE)) as { encoding: string }).encoding, 'utf-16be');
  // A UTF-8 BOM stays in the text (offsets match the file) and does not hide the first word.
  const bom = decodeArticle(Buffer.from('\ufeff' + SENTENCE, 'utf8'));
  assert.ok(bom.ok && bom.text.startsWith('\ufeff'));
  const a = analyzer.analyze({ text: bom.text });
  assert.deepEqual(figures(a), ['killed military 3']);
  inside(bom.text, a);
});

test('binary content is refused with a reason; invalid UTF-8 is analysed with a warning', () => {
  const controls = Buffer.alloc(2000, 0x01);
  const r = decodeArticle(controls);
  assert.ok(!r.ok && /binary/.test(r.reason));
  const png = decodeArticle(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  assert.ok(!png.ok && /NUL/.test(png.reason));
  const bad = decodeArticle(Buffer.concat([Buffer.from('Three soldiers were killed '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' in Kabul.')]));
  assert.ok(bad.ok);
  assert.match(bad.warnings.join(), /invalid UTF-8/);
  assert.deepEqual(figures(analyzer.analyze({ text: bad.text })), ['killed military 3']);
});

test('a 50 MB file is refused from its size, quickly, without being read', async () => {
  const file = join(tmp, 'huge.txt');
  const fd = openSync(file, 'w');
  ftruncateSync(fd, 50 * 1048576);
  closeSync(fd);
  const t = performance.now();
  const r = await readArticle(file);
  const elapsed = performance.now() - t;
  assert.ok(!r.ok);
  assert.match(r.reason, /50\.0 MB, over the 2\.0 MB limit/);
  assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
});

test('a single 1 MB line is analysed in seconds, in sentences of bounded length', () => {
  const unit = 'Three soldiers were killed and 12 people wounded in Kabul on Tuesday, officials said, ';
  const text = unit.repeat(Math.ceil(1048576 / unit.length)).slice(0, 1048576);
  const t = performance.now();
  const a = analyzer.analyze({ text });
  const elapsed = performance.now() - t;
  assert.deepEqual(a.problems, []);
  assert.ok(elapsed < 30_000, `took ${(elapsed / 1000).toFixed(1)} s`);
  assert.ok(a.figures.length > 20000, `${a.figures.length} figures`);
  for (const s of a.sentences) assert.ok(s.end - s.start <= MAX_SENTENCE + 10);
  inside(text, a);
  // Arabic and Persian lines too.
  for (const u of ['قُتل ثلاثة جنود وأصيب 12 شخصاً في كابول يوم الثلاثاء، بحسب مسؤولين، ', 'سه سرباز کشته و ۱۲ نفر زخمی شدند در کابل روز سه‌شنبه، به گفته مقامات، ']) {
    const line = u.repeat(Math.ceil(262144 / u.length));
    const t2 = performance.now();
    const b = analyzer.analyze({ text: line });
    assert.ok(performance.now() - t2 < 15_000);
    assert.ok(b.figures.length > 1000);
  }
});

test('empty text, only digits, only marks: nothing found, nothing thrown', () => {
  for (const text of ['', '   \n\n\t', '1234567890 ٣٣٣ ۴۴۴\n'.repeat(200), '٣'.repeat(5000), '\u200f\u200e\u200c'.repeat(1000), '0'.repeat(100000)]) {
    const a = analyzer.analyze({ text });
    assert.deepEqual(a.figures, []);
    assert.deepEqual(a.problems, []);
    assert.equal(a.length, text.length);
  }
});

test('mixed scripts and right-to-left marks: each language read, every range in the text', () => {
  const text = '\u200fقُتل ثلاثة جنود في كابول.\u200f\nThree soldiers were killed in Kabul.\n\u202bسه سرباز در کابل کشته شدند.\u202c\n\u2067قتل ٣ جنود\u2069 and 3 soldiers were killed، ۳ سرباز کشته شدند.';
  const a = analyzer.analyze({ text });
  inside(text, a);
  assert.deepEqual(a.paragraphs.slice(0, 3).map((p) => p.language), ['ar', 'en', 'fa']);
  assert.ok(a.figures.filter((f) => f.kind === 'killed' && f.group === 'military' && f.low === 3).length >= 3, figures(a).join('; '));
});

test('malformed front matter is a problem and the body is still analysed', () => {
  const cases: [string, string][] = [
    ['---\ntitle: [unclosed\ndate: 2016-07-18\n---\n', 'front-matter-malformed'],
    ['---\ntitle: x\n', 'front-matter-unclosed'],
    ['---\n- a\n- list\n---\n', 'front-matter-not-mapping'],
    ['---\ndate: someday\n---\n', 'front-matter-date'],
    ['---\ntitle: "a\n---\n', 'front-matter-malformed'],
    ['---\ntitle: a: b\n---\n', 'front-matter-malformed'],
  ];
  for (const [fm, code] of cases) {
    const text = fm + SENTENCE;
    const a = analyzer.analyze({ text });
    assert.ok(a.problems.some((p) => p.code === code), `${JSON.stringify(fm)}: ${a.problems.map((p) => p.code).join()}`);
    for (const p of a.problems) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length && p.message.length > 10);
    assert.deepEqual(figures(a), ['killed military 3'], JSON.stringify(fm));
  }
});

test('a malformed workspace knowledge file is a problem, and the bundled knowledge still works', () => {
  for (const text of ['{ "entities": [ {"id": 1}, ', '[]', '{"entities": "no"}', 'null']) {
    const r = parseKnowledgeFile('/ws/.khabar/knowledge.json', text);
    assert.equal(r.source, undefined);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /cannot parse|must be an object with an "entities" list/);
  }
  const loaded = loadKnowledge(join(root, 'knowledge'), [{ origin: '/ws/.khabar/knowledge.json', text: '{"entities": [{"id": 1}, {"id": "x", "coordinates": [500, 0]}, {"id": "ok-place", "names": {"en": ["Okplace"]}}]}' }]);
  assert.ok(loaded.problems.filter((p) => p.origin === '/ws/.khabar/knowledge.json').length >= 2);
  assert.ok(loaded.knowledge.entities.has('ok-place'));
  assert.ok(loaded.knowledge.entities.has('kabul') || loaded.knowledge.entities.size > 500);
});

const CLI = join(root, 'dist', 'cli.js');

test('the CLI skips what it cannot read, says why, and exports the rest (exit code 1)', { skip: !existsSync(CLI) && 'dist/cli.js not built', timeout: 120_000 }, () => {
  const dir = join(tmp, 'folder');
  mkdirSync(join(dir, '.khabar'), { recursive: true });
  copyFileSync(join(root, 'samples', 'danghara-cyclists.en.txt'), join(dir, 'good.txt'));
  copyFileSync(join(root, 'samples', 'shiraz-shrine-attack.ar.txt'), join(dir, 'good-ar.txt'));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00]));
  writeFileSync(join(dir, 'invalid-utf8.txt'), Buffer.concat([Buffer.from('Three soldiers were killed '), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(' in Kabul.\n')]));
  writeFileSync(join(dir, 'utf16be.txt'), utf16be(SENTENCE));
  writeFileSync(join(dir, 'utf16le.md'), utf16le(SENTENCE));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'digits.txt'), '1234567890 ٣٣٣ ۴۴۴\n'.repeat(100));
  writeFileSync(join(dir, 'mixed.article'), '\u200fقُتل ثلاثة جنود\u200f in Kabul \u202bسه سرباز کشته شدند\u202c\n');
  writeFileSync(join(dir, 'bad-front-matter.article'), '---\ntitle: [unclosed\ndate: 2016-07-18\n---\nThree soldiers were killed.\n');
  writeFileSync(join(dir, 'long-line.txt'), 'Three soldiers were killed in Kabul, officials said, '.repeat(2000));
  writeFileSync(join(dir, '.khabar', 'knowledge.json'), '{ "entities": [ {"id": 1}, ');
  const fd = openSync(join(dir, 'huge.txt'), 'w');
  ftruncateSync(fd, 50 * 1048576);
  closeSync(fd);
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'export', dir], { encoding: 'utf8', cwd: root, maxBuffer: 256 * 1048576 });
  const elapsed = performance.now() - t;
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  const said = (file: string, what: RegExp) => assert.ok(lines.some((l) => l.includes(file) && what.test(l)), `${file}: ${what}\n${r.stderr}`);
  said('binary.txt', /skipped: binary file/);
  said('huge.txt', /skipped: file is 50\.0 MB, over the 2\.0 MB limit/);
  said('invalid-utf8.txt', /invalid UTF-8/);
  said('empty.txt', /skipped: empty file/);
  said('bad-front-matter.article', /Front matter is not valid YAML/);
  said('knowledge.json', /cannot parse/);
  assert.ok(lines.every((l) => l.startsWith('khabar: ')), r.stderr);
  assert.doesNotMatch(r.stderr, /at \w+ \(|TypeError|RangeError/);
  const data = JSON.parse(r.stdout) as { documents: { path: string; language: string }[]; events: { sources: string[] }[] };
  assert.deepEqual(data.documents.map((d) => d.path).sort(), ['bad-front-matter.article', 'digits.txt', 'good-ar.txt', 'good.txt', 'invalid-utf8.txt', 'long-line.txt', 'mixed.article', 'utf16be.txt', 'utf16le.md']);
  assert.ok(data.events.length >= 3);
  assert.ok(elapsed < 60_000, `took ${(elapsed / 1000).toFixed(1)} s`);
});

test('the CLI batch mode reads a 1 MB line of JSON as one article', { skip: !existsSync(CLI) && 'dist/cli.js not built', timeout: 120_000 }, () => {
  const unit = 'Three soldiers were killed and 12 people wounded in Kabul on Tuesday, officials said, ';
  const text = unit.repeat(Math.ceil(1048576 / unit.length));
  const input = [JSON.stringify({ id: 'big', text }), JSON.stringify({ id: 'small', text: SENTENCE })].join('\n');
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--jsonl'], { input, encoding: 'utf8', cwd: root, maxBuffer: 512 * 1048576 });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; analysis: DocumentAnalysis });
  assert.deepEqual(rows.map((x) => x.id), ['big', 'small']);
  assert.ok(rows[0].analysis.figures.length > 20000);
});

test('a single 1 MB line through export, linking included, in seconds', { skip: !existsSync(CLI) && 'dist/cli.js not built', timeout: 120_000 }, () => {
  const dir = join(tmp, 'one-line');
  mkdirSync(dir, { recursive: true });
  const unit = 'Three soldiers were killed and 12 people wounded in Kabul on Tuesday, officials said, ';
  writeFileSync(join(dir, 'line.txt'), unit.repeat(Math.ceil(1048576 / unit.length)).slice(0, 1048576));
  copyFileSync(join(root, 'samples', 'danghara-cyclists.en.txt'), join(dir, 'good.txt'));
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'export', dir], { encoding: 'utf8', cwd: root, maxBuffer: 512 * 1048576 });
  const elapsed = performance.now() - t;
  assert.equal(r.status, 0, r.stderr);
  const data = JSON.parse(r.stdout) as { documents: unknown[]; events: { figures: unknown[] }[] };
  assert.equal(data.documents.length, 2);
  assert.ok(data.events.length >= 2);
  assert.ok(elapsed < 60_000, `took ${(elapsed / 1000).toFixed(1)} s`);
});
