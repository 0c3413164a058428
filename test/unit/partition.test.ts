import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildExport, type DocumentAnalysis } from '../../server/src/core';
import { compareOrder, type EventFrame, type LinkedEvent } from '../../server/src/core/eventModel';
import { framesOf } from '../../server/src/core/events';
import { linkEvents } from '../../server/src/core/linker';
import { chosenLinks, linkInPartitions, linksIn, linkTasks, partFrames, type PartFrame } from '../../server/src/core/partition';
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
  const key = (e: LinkedEvent) => [e.frames.reduce((m, f) => Math.min(m, f.document * 1e9 + (f.figures[0]?.start ?? 0)), Infinity), e.frames[0].document, e.frames[0].sentences[0] ?? 0];
  return [...events].sort((x, y) => compareOrder(key(x), key(y))).map((e) => e.frames.map(idOf));
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

test('a report of vague time joins no two events: each part of the chosen links holds at most one part of precisely timed frames', () => {
  let pruned = 0, bridged = 0;
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: analyses.length, maxLength: analyses.length }), (dating) => {
      // Every analysis once: as it is, without its date, or without the dates its sentences give.
      const docs = analyses.map((a, i) => (dating[i] === 1 ? { ...a, published: null } : dating[i] === 2 ? { ...a, dates: [] } : { ...a }));
      const records = shuffled(docs);
      const all = linkTasks(records, 1000).flatMap((t) => linksIn(t.part, t.left, t.right, knowledge));
      const links = chosenLinks(all);
      const key = (d: number, i: number) => `${d}:${i}`;
      const precise = unionOf(links.filter((l) => !l[5]).map((l) => [key(l[0], l[1]), key(l[2], l[3])]));
      /** The parts of precise frames that each part of some links holds. */
      const held = (ls: typeof links) => {
        const parts = unionOf(ls.map((l) => [key(l[0], l[1]), key(l[2], l[3])]));
        const out = new Map<string, Set<string>>();
        for (const l of ls) for (const [d, i, bit] of [[l[0], l[1], 1], [l[2], l[3], 2]]) {
          if (l[5] & bit) continue;
          const k = key(d, i), part = parts.root(k);
          if (!out.has(part)) out.set(part, new Set());
          out.get(part)!.add(precise.root(k));
        }
        return [...out.values()];
      };
      for (const s of held(links)) assert.equal(s.size, 1, 'a part of the chosen links joins parts of precise frames');
      if (all.length > links.length) pruned++;
      if (held(all).some((s) => s.size > 1)) bridged++;
    }),
    { numRuns: 12, seed: 20261208 },
  );
  // Without the choice, vague frames did join parts of precise frames.
  assert.ok(pruned > 8, `links of vague frames were left out in ${pruned} runs`);
  assert.ok(bridged > 4, `all the links joined parts of precise frames in ${bridged} runs`);
});

/** Union-find over string keys. */
function unionOf(pairs: readonly string[][]): { root: (k: string) => string } {
  const parent = new Map<string, string>();
  const root = (k: string): string => { let r = k; while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!; return r; };
  for (const [a, b] of pairs) { const ra = root(a), rb = root(b); if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb); }
  return { root };
}
