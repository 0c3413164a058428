import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildExport, createAnalyzer } from '../../server/src/core';
import { linkTasks, type PartFrame } from '../../server/src/core/partition';
import { analyzeStep, assembleStep, eventsStep, linksStep, type Line } from '../../server/src/node/batchParts';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { root, SAMPLE_ARTICLES } from './helpers';

const { knowledge } = loadKnowledge(join(root, 'knowledge'));
const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });

async function* linesOf(texts: readonly string[]): AsyncGenerator<Line> {
  let n = 0;
  for (const line of texts) yield { n: ++n, line };
}

/** Runs a step over lines, returns its output lines and its warnings. */
async function step(run: (lines: AsyncIterable<Line>, emit: (l: string) => Promise<void>, warn: (m: string) => void) => Promise<number>, input: readonly string[]) {
  const out: string[] = [], warnings: string[] = [];
  const code = await run(linesOf(input), async (l) => { out.push(l); }, (m) => warnings.push(m));
  return { out, warnings, code };
}

test('the steps of the partitioned job, chained in one process, give the export of the samples', async () => {
  const records = SAMPLE_ARTICLES.map((f, seq) => JSON.stringify({ seq, file: join(root, 'samples', f), path: f, shown: f }));
  const analysed = await step((l, e, w) => analyzeStep(l, e, w, analyzer, knowledge, 2 ** 21), records);
  assert.deepEqual(analysed.warnings, []);
  assert.match(analysed.out.at(-1)!, /^\{"done":true,"records":6,/);
  const body = analysed.out.slice(0, -1);
  const frames = body.filter((l) => !l.startsWith('{')).map((l) => JSON.parse(l.slice(l.indexOf('\t') + 1)) as PartFrame);
  // Chunks of two frames: partitions are cut into chunk pairs.
  const tasks = linkTasks(frames, 2);
  assert.ok(tasks.some((t) => t.right));
  const links = await step((l, e, w) => linksStep(l, e, w, knowledge), tasks.map((t) => JSON.stringify(t)));
  const events = await step((l, e, w) => eventsStep(l, e, w, knowledge), [JSON.stringify({ frames, links: links.out.slice(0, -1).map((x) => JSON.parse(x)) })]);
  const data = await assembleStep(linesOf([...events.out, ...body.filter((l) => l.startsWith('{'))].reverse()), () => assert.fail('no warning expected'), knowledge, new Date(0));
  const inputs = SAMPLE_ARTICLES.map((f) => ({ path: f, analysis: analyzer.analyze({ text: readFileSync(join(root, 'samples', f), 'utf8'), uri: join(root, 'samples', f) }) }));
  assert.equal(JSON.stringify(data), JSON.stringify(buildExport(inputs, new Date(0), knowledge)));
});

test('the steps say what is wrong with a line and do not crash', async () => {
  const analysed = await step((l, e, w) => analyzeStep(l, e, w, analyzer, knowledge, 2 ** 21), ['not json', '[1]', '{"seq": -1}', '{"seq": 3, "article": {"id": 7}}', '{"seq": 4, "article": {"id": "a", "text": "Two people were killed in Kabul on 3 May 2021."}}']);
  assert.equal(analysed.code, 0);
  assert.equal(analysed.warnings.length, 4, analysed.warnings.join('\n'));
  assert.match(analysed.warnings[0], /not JSON/);
  assert.match(analysed.warnings[2], /"seq" must be a whole number/);
  assert.match(analysed.warnings[3], /"text" must be a string/);
  assert.ok(analysed.out.some((l) => l.startsWith('{"seq":4,')));
  const links = await step((l, e, w) => linksStep(l, e, w, knowledge), ['{"part": 3}']);
  assert.equal(links.code, 1);
  assert.match(links.warnings[0], /not a link task/);
  const events = await step((l, e, w) => eventsStep(l, e, w, knowledge), ['{"frames": []}']);
  assert.equal(events.code, 1);
  const warnings: string[] = [];
  assert.equal(await assembleStep(linesOf(['{"what": 1}']), (m) => warnings.push(m), knowledge, new Date(0)), null);
  assert.match(warnings[0], /neither a document nor an event/);
});
