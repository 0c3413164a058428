/**
 * Batch mode: `khabar analyze --jsonl` (a map over documents) and `khabar link` (the reduce) give
 * the export of `khabar export`; bad lines are reported with their numbers and skipped; a
 * publication date given beside the text dates it when the text does not.
 *
 * The CLI tests need the bundle: `node esbuild.mjs` (npm test builds before it runs the unit tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analysisProblem, analyzeWithPublished } from '../../server/src/node/batch';
import { root, SAMPLE_ARTICLES, SAMPLE_PATHS, sharedAnalyzer } from './helpers';

const CLI = join(root, 'dist', 'cli.js');
const skip = !existsSync(CLI) && 'dist/cli.js not built';
const cli = (args: string[], input: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd: root, maxBuffer: 64 * 1048576 });
const samples = () => [...SAMPLE_ARTICLES];
const withoutGenerated = (json: string) => { const x = JSON.parse(json) as Record<string, unknown>; delete x.generated; return x; };

test('analyze --jsonl then link gives the export of the same articles', { skip }, () => {
  const lines = samples().map((f) => JSON.stringify({ id: f, path: f, text: readFileSync(join(root, 'samples', f), 'utf8') })).join('\n') + '\n';
  const analyzed = cli(['analyze', '--jsonl'], lines);
  assert.equal(analyzed.status, 0, analyzed.stderr);
  const rows = analyzed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; path: string; published: string | null; analysis: { figures: { start: number; end: number; text: string }[] } });
  assert.deepEqual(rows.map((r) => r.id), samples());
  for (const r of rows) {
    const text = readFileSync(join(root, 'samples', r.id), 'utf8');
    for (const f of r.analysis.figures) assert.equal(text.slice(f.start, f.end), f.text);
    assert.ok(r.published, `${r.id} has a publication date`);
  }
  // The reduce does not depend on the order the map wrote its lines in.
  const linked = cli(['link'], [...analyzed.stdout.trim().split('\n')].reverse().join('\n') + '\n');
  assert.equal(linked.status, 0, linked.stderr);
  const exported = cli(['export', ...SAMPLE_PATHS], '');
  assert.equal(exported.status, 0, exported.stderr);
  assert.deepEqual(withoutGenerated(linked.stdout), withoutGenerated(exported.stdout));
  const csv = cli(['link', '--format', 'csv'], analyzed.stdout);
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stdout, /^\ufeffevent_id,type,/);
  const geo = cli(['link', '--format', 'geojson'], analyzed.stdout);
  assert.equal((JSON.parse(geo.stdout) as { type: string }).type, 'FeatureCollection');
});

test('malformed lines are reported with their line numbers and skipped; the exit code is 1', { skip }, () => {
  const input = [
    JSON.stringify({ id: 'ok', text: 'Three soldiers were killed.' }),
    '{"id": "broken", "text": ',
    JSON.stringify({ id: 'notext' }),
    '',
    JSON.stringify([1, 2]),
    JSON.stringify({ id: 'date', text: 'x', published: '4 May' }),
    JSON.stringify({ id: 7, text: 'Two police officers were wounded.' }),
  ].join('\n');
  const r = cli(['analyze', '--jsonl'], input);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: unknown }).id), ['ok', 7]);
  for (const n of [2, 3, 5, 6]) assert.match(r.stderr, new RegExp(`stdin line ${n}: .*skipped`));
  assert.doesNotMatch(r.stderr, /line (1|4|7):/);

  const good = r.stdout.trim().split('\n')[0];
  const links = cli(['link'], [good, 'garbage', JSON.stringify({ id: 'x', analysis: { figures: 'no' } }), good].join('\n'));
  assert.equal(links.status, 1);
  assert.match(links.stderr, /stdin line 2: not JSON/);
  assert.match(links.stderr, /stdin line 3: "x": "analysis\.\w+" must be a list/);
  assert.match(links.stderr, /stdin line 4: "ok": duplicate id/);
  const data = JSON.parse(links.stdout) as { documents: unknown[]; events: unknown[] };
  assert.equal(data.documents.length, 1);
  assert.equal(data.events.length, 1);

  const usage = cli(['analyze'], '');
  assert.equal(usage.status, 2);
});

test('a publication date beside the text dates it, and offsets stay in the text as given', () => {
  const analyzer = sharedAnalyzer();
  const text = 'Three soldiers were killed yesterday in an attack on a checkpoint.';
  const a = analyzeWithPublished(analyzer, text, '2021-05-04');
  assert.equal(a.published, '2021-05-04');
  assert.equal(a.length, text.length);
  assert.equal(a.frontMatter, null);
  assert.deepEqual(a.dates.map((d) => [d.text, d.value.start]), [['yesterday', '2021-05-03']]);
  for (const f of a.figures) assert.equal(text.slice(f.start, f.end), f.text);
  for (const s of [...a.sentences, ...a.paragraphs]) assert.ok(s.start >= 0 && s.end <= text.length);
  // Figures, entities and sentences are where the text alone puts them.
  const plain = analyzer.analyze({ text });
  assert.deepEqual(a.figures, plain.figures);
  assert.deepEqual(a.sentences, plain.sentences);
  assert.deepEqual(a.entities, plain.entities);
  // The text's own date wins.
  const dated = analyzeWithPublished(analyzer, `---\ndate: 2020-01-02\n---\n${text}`, '2021-05-04');
  assert.equal(dated.published, '2020-01-02');
  // Without a date anywhere, none is made up.
  assert.equal(analyzeWithPublished(analyzer, text, undefined).published, null);
});

test('linking refuses analyses it cannot read', () => {
  const good = sharedAnalyzer().analyze({ text: 'Three soldiers were killed.' });
  assert.equal(analysisProblem(JSON.parse(JSON.stringify(good))), undefined);
  assert.match(analysisProblem(null) ?? '', /must be an object/);
  assert.match(analysisProblem({ ...good, figures: [{ start: 0, end: 3 }] }) ?? '', /figures\[0\]/);
  assert.match(analysisProblem({ ...good, published: 'yesterday' }) ?? '', /published/);
  assert.match(analysisProblem({ ...good, entities: [{ start: 0, end: 1, sentence: 0 }] }) ?? '', /entities\[0\]/);
});
