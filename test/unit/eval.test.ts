import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAnalyzer } from '../../server/src/core';
import { buildExport } from '../../server/src/core/export';
import { goldOfLanguage, score, type Gold } from '../../server/src/eval/score';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root } from './helpers';

const { knowledge } = loadKnowledge(join(root, 'knowledge'));
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
const texts: Record<string, string> = {
  'a.txt': '---\ndate: 2021-04-10\n---\nA car bomb killed 20 people in Kabul on Saturday.\n',
  'b.txt': '---\ndate: 2021-04-10\n---\nقتل 26 شخصا في انفجار سيارة مفخخة في كابل يوم السبت.\n',
};
const exportOf = () => buildExport(Object.entries(texts).map(([path, text]) => ({ path, analysis: analyzer.analyze({ text }) })), new Date(0), knowledge);
const gold = (): Gold => ({
  events: { kabul: { date: ['2021-04-10', '2021-04-10'], location: 'kabul' } },
  documents: {
    'a.txt': { language: 'en', figures: [{ event: 'kabul', kind: 'killed', group: 'people', low: 20, high: 20, text: '20 people', explicit: true }] },
    'b.txt': { language: 'ar', figures: [{ event: 'kabul', kind: 'killed', group: 'people', low: 26, high: 26, text: '26 شخصا', explicit: true }] },
  },
  conflicts: [{ event: 'kabul', kind: 'killed', group: 'people', documents: ['a.txt', 'b.txt'] }],
});

test('eval: what Khabar reads right scores 1 on every measure', () => {
  const s = score(gold(), exportOf(), texts, (p) => p);
  assert.equal(s.figures.f1, 1);
  assert.equal(s.events.crossSourceLinkF1, 1);
  assert.equal(s.events.locationAccuracy, 1);
  assert.equal(s.conflicts.recall, 1);
  assert.equal(s.conflicts.precision, 1);
});

test('eval: a gold figure Khabar misses lowers recall, a conflict it does not see lowers conflict recall; per language', () => {
  const g = gold();
  g.documents['a.txt'].figures!.push({ event: 'kabul', kind: 'injured', group: 'people', low: 31, high: 31, text: '31 wounded', explicit: true });
  g.documents['a.txt'].figures![0].low = 21; g.documents['a.txt'].figures![0].high = 21;
  const s = score(g, exportOf(), texts, (p) => p);
  assert.ok(s.figures.recallExplicit < 0.5, JSON.stringify(s.figures));
  assert.equal(s.conflicts.recall, 0);
  const ar = score(goldOfLanguage(g, 'ar'), exportOf(), texts, (p) => p);
  assert.equal(ar.figures.f1, 1);
  assert.equal(ar.documents, 1);
});

test('npm run eval: scores a folder, and exits 1 below a floor', { skip: !existsSync(join(root, 'dist', 'eval.js')) && 'dist/eval.js not built' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-eval-'));
  for (const [k, v] of Object.entries(texts)) writeFileSync(join(dir, k), v);
  writeFileSync(join(dir, 'gold.json'), JSON.stringify(gold()));
  const ok = spawnSync(process.execPath, [join(root, 'dist', 'eval.js'), dir, '--min', 'figuresF1=0.9,linkF1=0.9'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /figuresF1=1\.000/);
  assert.match(ok.stdout, /\(ar\): 1 documents/);
  const g = gold();
  g.documents['a.txt'].figures![0].low = 21;
  writeFileSync(join(dir, 'gold.json'), JSON.stringify(g));
  const low = spawnSync(process.execPath, [join(root, 'dist', 'eval.js'), dir, '--min', 'figuresF1=0.9'], { encoding: 'utf8' });
  assert.equal(low.status, 1);
  assert.match(low.stderr, /figuresF1 0\.\d+ is below its floor 0\.9/);
  const bad = spawnSync(process.execPath, [join(root, 'dist', 'eval.js'), dir, '--min', 'nonsense=1'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
