import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../server/src/core';
import { denseArchive } from './denseArchive';

const { knowledge, analyses } = denseArchive();
const URIS = Array.from({ length: 40 }, (_, i) => `file:///ws/${String(i).padStart(2, '0')}.txt`);

/** What a workspace shows: its export (without the time it was made) and every document's findings. */
function shown(ws: WorkspaceIndex, uris: readonly string[]) {
  const { data, uris: order } = ws.export();
  return { export: { ...data, generated: '' }, order, findings: Object.fromEntries(uris.map((u) => [u, ws.findings(u)])) };
}

test('the generated archive links: several sources per event, figures that disagree', () => {
  const ws = createWorkspaceIndex(knowledge);
  analyses.forEach((a, i) => ws.update(`file:///all/${i}.txt`, `${i}.txt`, a));
  const { data } = ws.export();
  assert.ok(data.events.filter((e) => e.sources.length > 1).length > 20, 'reports of one event are linked');
  assert.ok(data.events.some((e) => e.figures.some((f) => f.conflict)), 'some sources disagree');
});

test('after any sequence of edits and removals, the workspace shows what indexing from scratch shows', () => {
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('update' as const), uri: fc.nat(URIS.length - 1), analysis: fc.nat(analyses.length - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), uri: fc.nat(URIS.length - 1) }) },
  );
  fc.assert(
    fc.property(fc.array(fc.nat(analyses.length - 1), { minLength: URIS.length, maxLength: URIS.length }), fc.array(op, { minLength: 1, maxLength: 12 }), (initial, ops) => {
      const state = new Map<string, number>(URIS.map((u, i) => [u, initial[i]]));
      const ws = createWorkspaceIndex(knowledge);
      for (const [u, a] of state) ws.update(u, u.slice(8), analyses[a]);
      let before = shown(ws, URIS).findings;
      ws.changedSinceLastLink();
      for (const o of ops) {
        const uri = URIS[o.uri];
        if (o.kind === 'update') { state.set(uri, o.analysis); ws.update(uri, uri.slice(8), analyses[o.analysis]); }
        else { state.delete(uri); ws.remove(uri); }
        const after = shown(ws, URIS).findings;
        // Every document whose diagnostics changed is among those the index says to republish.
        const told = new Set(ws.changedSinceLastLink());
        for (const u of URIS) if (JSON.stringify(before[u]) !== JSON.stringify(after[u])) assert.ok(told.has(u), `${u} changed but was not reported`);
        before = after;
      }
      const fresh = createWorkspaceIndex(knowledge);
      for (const [u, a] of state) fresh.update(u, u.slice(8), analyses[a]);
      assert.deepEqual(shown(ws, URIS), shown(fresh, URIS));
    }),
    { numRuns: 20, seed: 20261122 },
  );
});

test('an edit re-links only the part of the workspace it touches', () => {
  const ws = createWorkspaceIndex(knowledge);
  analyses.forEach((a, i) => ws.update(`file:///all/${i}.txt`, `${i}.txt`, a));
  const first = ws.export().data.events.length;
  ws.changedSinceLastLink();
  ws.update('file:///all/5.txt', '5.txt', analyses[6]);
  const told = ws.changedSinceLastLink();
  assert.ok(told.includes('file:///all/5.txt'));
  assert.ok(told.length < analyses.length / 4, `${told.length} documents to republish after one edit`);
  assert.ok(Math.abs(ws.export().data.events.length - first) < 5);
});

test('the score of two frames does not depend on which is read first', async () => {
  const { framesOf } = await import('../../server/src/core/events');
  const { frameFacts, frameScore } = await import('../../server/src/core/linkScore');
  const frames = analyses.slice(0, 80).flatMap((a, i) => framesOf(a, i, knowledge).map((f) => frameFacts(f, a.published, knowledge)));
  let compared = 0;
  for (const a of frames) for (const b of frames) {
    if (a.frame.document >= b.frame.document) continue;
    compared++;
    assert.equal(frameScore(a, b, knowledge), frameScore(b, a, knowledge), `documents ${a.frame.document} and ${b.frame.document}`);
  }
  assert.ok(compared > 1000);
});
