import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildExport, type DocumentAnalysis } from '../../server/src/core';
import type { EventFrame, LinkedEvent } from '../../server/src/core/eventModel';
import { framesOf } from '../../server/src/core/events';
import { linkEvents } from '../../server/src/core/linker';
import { linkInPartitions, linksIn, linkTasks, partFrames, type PartFrame } from '../../server/src/core/partition';
import { denseArchive } from './denseArchive';

// The archive the incremental linker's property test uses: dense (two months), a third of it
// without front matter; here some documents also lose their publication date, so that frames
// without any date link on exact figures and localities alone.
const { knowledge, analyses } = denseArchive();

/** An archive: documents drawn from the analyses (the same one several times: one event reported again and again), some without publication date. */
const archive = fc.array(fc.record({ analysis: fc.nat(analyses.length - 1), undated: fc.boolean() }), { minLength: 10, maxLength: 90 });

/** The archive's documents, numbered in order. */
const documentsOf = (picks: readonly { analysis: number; undated: boolean }[]) => picks.map((p) => {
  const a = analyses[p.analysis];
  // A copy each: frames are cached per analysis object and document number.
  return p.undated ? { ...a, published: null } : { ...a };
});

/** Events as the export orders them (stable sort of the linker's order), each as its frames (document:index). */
function exportOrder(events: readonly LinkedEvent[], idOf: (f: EventFrame) => string): string[][] {
  const key = (e: LinkedEvent) => e.frames.reduce((m, f) => Math.min(m, f.document * 1e9 + (f.figures[0]?.start ?? 0)), Infinity);
  return [...events].sort((x, y) => key(x) - key(y)).map((e) => e.frames.map(idOf));
}

/** The archive's frames as the shuffle carries them: through JSON. */
function shuffled(docs: readonly DocumentAnalysis[]): PartFrame[] {
  return JSON.parse(JSON.stringify(docs.flatMap((a, d) => partFrames(framesOf(a, d, knowledge), a.published, knowledge)))) as PartFrame[];
}

/** Names of frames: document:index. */
function frameIds(records: Iterable<{ frame: EventFrame; doc: number; index: number }>): Map<EventFrame, string> {
  const ids = new Map<EventFrame, string>();
  for (const r of records) ids.set(r.frame, `${r.doc}:${r.index}`);
  return ids;
}

test('linking partitions gives the events of linking the whole archive, in the same order, whatever the chunk size', () => {
  let split = 0, undated = 0;
  fc.assert(
    fc.property(archive, fc.integer({ min: 2, max: 12 }), (picks, chunk) => {
      const docs = documentsOf(picks);
      const frames = docs.flatMap((a, d) => framesOf(a, d, knowledge));
      const whole = linkEvents(frames, (d) => docs[d]?.published ?? null, knowledge);
      const wholeIds = frameIds(docs.flatMap((a, d) => framesOf(a, d, knowledge).map((frame, index) => ({ frame, doc: d, index }))));
      const records = shuffled(docs);
      const tasks = linkTasks(records, chunk);
      if (tasks.some((t) => t.right)) split++;
      // Each link is found by one task only: the tasks' outputs can simply be concatenated.
      const links = tasks.flatMap((t) => linksIn(t.part, t.left, t.right, knowledge)).map((l) => l.slice(0, 4).join(':'));
      assert.equal(new Set(links).size, links.length, 'a link found twice');
      if (records.some((r) => r.undated)) undated++;
      const parts = linkInPartitions(records, knowledge, chunk);
      const partIds = frameIds(records);
      assert.deepEqual(parts.map((p) => p.event.frames.map((f) => partIds.get(f)!)), exportOrder(whole, (f) => wholeIds.get(f)!));
    }),
    { numRuns: 60, seed: 20261207 },
  );
  assert.ok(split > 20, `skewed partitions were split into chunk pairs in ${split} runs`);
  assert.ok(undated > 20, `frames without any date in ${undated} runs`);
});

test('the export from partitioned events equals the export of the whole archive', () => {
  const docs = documentsOf(analyses.map((_, i) => ({ analysis: i, undated: i % 5 === 4 })));
  const inputs = docs.map((analysis, i) => ({ path: `${i}.txt`, analysis }));
  const whole = buildExport(inputs, new Date(0), knowledge);
  const parts = linkInPartitions(shuffled(docs), knowledge, 25);
  const published = (d: number) => docs[d]?.published ?? null;
  const fromParts = buildExport(inputs, new Date(0), knowledge, { events: parts.map((p) => p.event), position: (d) => d, published });
  assert.ok(whole.events.length > 50);
  assert.equal(JSON.stringify(fromParts), JSON.stringify(whole));
});
