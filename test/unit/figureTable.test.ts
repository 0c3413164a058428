// Checks the hand-annotated figure table in test/fixtures/figures/ (its shape and coverage, not
// the engine): every entry is well formed, every `words` occurs exactly once in its text, and each
// language has enough sentences, negatives and script variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

function repoRoot(): string {
  const candidates = [process.cwd(), resolve(__dirname, '..', '..', '..')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'test', 'fixtures', 'figures'))) return dir;
  }
  throw new Error(`cannot find the repository root from ${candidates.join(' or ')}`);
}

const dir = join(repoRoot(), 'test', 'fixtures', 'figures');
const KINDS = ['killed', 'injured', 'arrested'];
const GROUPS = ['people', 'security', 'police', 'military', 'civilians', 'perpetrators'];
const FIGURE_KEYS = ['kind', 'group', 'low', 'high', 'approximate', 'explicit', 'words'].sort();

interface FixtureFigure {
  kind: string;
  group: string;
  low: number;
  high: number | null;
  approximate: boolean;
  explicit: boolean;
  words: string;
}

interface Fixture {
  text: string;
  figures: FixtureFigure[];
  note: string;
}

function load(lang: string): Fixture[] {
  const data: unknown = JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'));
  assert.ok(Array.isArray(data), `${lang}.json is an array`);
  return data as Fixture[];
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

for (const lang of ['en', 'ar', 'fa']) {
  test(`figure fixtures (${lang}): every entry is well formed`, () => {
    const entries = load(lang);
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const at = `${lang}[${i}] ${JSON.stringify(e.text)}`;
      assert.deepEqual(Object.keys(e).sort(), ['figures', 'note', 'text'], `${at}: keys`);
      assert.equal(typeof e.text, 'string', at);
      assert.ok(e.text.trim().length > 0 && e.text === e.text.trim(), `${at}: text is trimmed and not empty`);
      assert.ok(!seen.has(e.text), `${at}: duplicate text`);
      seen.add(e.text);
      assert.equal(typeof e.note, 'string', at);
      assert.ok(e.note.length > 0, `${at}: has a note`);
      assert.ok(Array.isArray(e.figures), `${at}: figures is an array`);
      let last = -1;
      for (const f of e.figures) {
        assert.deepEqual(Object.keys(f).sort(), FIGURE_KEYS, `${at}: figure keys`);
        assert.ok(KINDS.includes(f.kind), `${at}: kind ${f.kind}`);
        assert.ok(GROUPS.includes(f.group), `${at}: group ${f.group}`);
        assert.ok(Number.isInteger(f.low) && f.low >= 0, `${at}: low ${f.low}`);
        assert.ok(f.high === null || (Number.isInteger(f.high) && f.high >= f.low), `${at}: high ${f.high}`);
        assert.equal(typeof f.approximate, 'boolean', at);
        assert.equal(typeof f.explicit, 'boolean', at);
        assert.ok(f.words.length > 0, `${at}: words`);
        assert.equal(count(e.text, f.words), 1, `${at}: "${f.words}" occurs exactly once`);
        const pos = e.text.indexOf(f.words);
        assert.ok(pos >= last, `${at}: figures are listed in the order of their words`);
        last = pos;
      }
    });
  });

  test(`figure fixtures (${lang}): coverage`, () => {
    const entries = load(lang);
    const negatives = entries.filter((e) => e.figures.length === 0);
    const figures = entries.flatMap((e) => e.figures);
    assert.ok(entries.length >= 60, `${lang}: ${entries.length} entries, want at least 60`);
    assert.ok(negatives.length >= 10, `${lang}: ${negatives.length} negatives, want at least 10`);
    for (const kind of KINDS) assert.ok(figures.some((f) => f.kind === kind), `${lang}: has a ${kind} figure`);
    for (const group of GROUPS) assert.ok(figures.some((f) => f.group === group), `${lang}: has a ${group} figure`);
    assert.ok(figures.some((f) => f.high === null), `${lang}: has an open-ended figure`);
    assert.ok(figures.some((f) => f.approximate), `${lang}: has an approximate figure`);
    assert.ok(figures.some((f) => !f.explicit), `${lang}: has a figure carried by a noun`);
    assert.ok(figures.some((f) => f.high !== null && f.high > f.low), `${lang}: has a range`);
    assert.ok(entries.some((e) => e.figures.length >= 2), `${lang}: has a sentence with two figures`);
  });
}

test('figure fixtures: script variants are covered', () => {
  const ar = load('ar').map((e) => e.text).join('\n');
  const fa = load('fa').map((e) => e.text).join('\n');
  const en = load('en').map((e) => e.text).join('\n');
  assert.match(en, /\d,\d{3}/, 'en: a Latin number with a thousands separator');
  assert.match(ar, /[\u0660-\u0669]/, 'ar: Arabic-Indic digits');
  assert.match(ar, /[\u0660-\u0669]\u066C[\u0660-\u0669]{3}/, 'ar: Arabic-Indic digits with the Arabic thousands separator');
  assert.match(ar, /[0-9]/, 'ar: Latin digits');
  assert.match(fa, /[\u06F0-\u06F9]/, 'fa: Persian digits');
  assert.match(fa, /[\u06F0-\u06F9]\u066C[\u06F0-\u06F9]{3}/, 'fa: Persian digits with a thousands separator');
  const faEntries = load('fa');
  const arabicYehKaf = faEntries.filter((e) => /[\u064A\u0643]/.test(e.text) && !/[\u06CC\u06A9]/.test(e.text));
  const persianYehKaf = faEntries.filter((e) => /[\u06CC\u06A9]/.test(e.text));
  assert.ok(arabicYehKaf.length >= 5, `fa: ${arabicYehKaf.length} entries typed with Arabic ي/ك`);
  assert.ok(persianYehKaf.length > faEntries.length / 2, 'fa: most entries use ی/ک');
  assert.ok(faEntries.some((e) => e.text.includes('\u200C')), 'fa: some entries use ZWNJ');
  assert.ok(faEntries.some((e) => /\bمی(?!\u200C)|میشود|ميشود|دهها/.test(e.text)), 'fa: some entries do without ZWNJ');
});
