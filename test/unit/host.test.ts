/**
 * The host layer (server/src/host) in process, over an in-memory workspace: the scan, the article
 * store (analysis once per text, close and reopen), the diagnostics publisher's queue and
 * backpressure, the Events view's changes and the export, which is the command line's.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KhabarHost } from '../../server/src/host/khabarHost';
import { EventsSync } from '../../server/src/host/eventsSync';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/src/settings';
import { createWorkspaceIndex } from '../../server/src/core';
import { InMemoryWorkspace, MemoryLogger, RecordingClient, until } from './inMemoryWorkspace';
import { root, SAMPLE_ARTICLES, sharedAnalyzer } from './helpers';

const WS = '/ws';
const SETTINGS: ServerSettings = { ...DEFAULT_SETTINGS, debounceMs: 0 };

function samples(): Record<string, string> {
  return Object.fromEntries(SAMPLE_ARTICLES.map((f) => [`${WS}/${f}`, readFileSync(join(root, 'samples', f), 'utf8')]));
}

async function started(files: Record<string, string>, settings = SETTINGS) {
  const workspace = new InMemoryWorkspace(files);
  const client = new RecordingClient();
  const logger = new MemoryLogger();
  const host = new KhabarHost({ root, workspace, client, logger });
  host.configure(settings, [InMemoryWorkspace.uri(WS)]);
  await host.start();
  return { host, workspace, client, logger };
}

test('host: a scan indexes the articles of the workspace, links their events and publishes conflicts', async () => {
  const { host, client, logger } = await started({ ...samples(), [`${WS}/README.md`]: 'Two people were killed in Kabul.', [`${WS}/node_modules/x/a.txt`]: 'x' });
  try {
    assert.equal(host.state.index.size, SAMPLE_ARTICLES.length, 'README and node_modules are no articles');
    const last = client.events.at(-1)!;
    assert.equal(last.full, true);
    assert.equal(last.indexing, false);
    assert.equal(last.documentCount, SAMPLE_ARTICLES.length);
    assert.ok(last.events.length >= 2, `${last.events.length} events`);
    await until('a conflict diagnostic', () => [...client.diagnostics.values()].some((d) => d.diagnostics.some((x) => x.code === 'conflict')));
    assert.ok(!logger.lines.some((l) => l.startsWith('ERROR')), logger.lines.join('\n'));
  } finally {
    await host.dispose();
  }
});

test('host: the export of the editor is the command line\'s, byte for byte (but for "generated")', async () => {
  const { host } = await started(samples());
  try {
    const strip = (s: string) => s.split('\n').filter((l) => !l.includes('"generated"')).join('\n');
    const cli = (format: string) => execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'export', join(root, 'samples'), '--format', format], { encoding: 'utf8' });
    assert.equal(strip((await host.exportEvents('json')).text), strip(cli('json')));
    assert.equal((await host.exportEvents('csv')).text, cli('csv'));
    await assert.rejects(host.exportEvents('xml'), /unknown export format/);
  } finally {
    await host.dispose();
  }
});

test('host: an open document is analysed once per text; closing and reopening at version 1 with other text analyses the new text', async () => {
  const { host, workspace, client } = await started({});
  try {
    const uri = InMemoryWorkspace.uri(`${WS}/new.txt`);
    const analyses = () => host.store.get(uri)?.result;
    workspace.openDocument(uri, 'Two people were killed in Almaty.\n');
    host.documentOpened(uri);
    host.documentChanged(uri);
    const first = await until('decorations of version 1', () => client.decorations.get(uri));
    assert.deepEqual(first.figures.map((f) => [f.kind, f.low]), [['killed', 2]]);
    const result = analyses();
    // A hover reads the same analysis: no new one for the same version.
    const hover = await host.hover(uri, first.figures[0].range.start);
    assert.match(String((hover?.contents as { value: string }).value), /2/);
    assert.equal(analyses(), result);
    workspace.closeDocument(uri);
    host.documentClosed(uri);
    workspace.openDocument(uri, '\n\nSeven people were injured in Almaty.\n');
    host.documentOpened(uri);
    host.documentChanged(uri);
    const second = await until('decorations of the reopened text', () => client.decorations.get(uri) !== first && client.decorations.get(uri));
    assert.deepEqual(second.figures.map((f) => [f.kind, f.low, f.range.start.line]), [['injured', 7, 2]]);
  } finally {
    await host.dispose();
  }
});

test('host: closing and reopening one URI at version 1 with other texts, again and again: the decorations are always of the text open (property)', async () => {
  const { host, workspace, client } = await started({});
  try {
    const uri = InMemoryWorkspace.uri(`${WS}/reopened.txt`);
    const text = fc.tuple(fc.integer({ min: 2, max: 90 }), fc.constantFrom('killed', 'injured', 'arrested'), fc.integer({ min: 0, max: 6 }))
      .map(([n, kind, lines]) => ({ n, kind, line: lines, text: `${'\n'.repeat(lines)}Police said ${n} people were ${kind} in Almaty.\n` }));
    let previous: unknown;
    let run = 0;
    await fc.assert(fc.asyncProperty(text, async (t) => {
      // Every text differs from the one before, as after a checkout, even when fast-check repeats one.
      workspace.openDocument(uri, `${t.text}Report ${++run}.\n`);
      host.documentOpened(uri);
      host.documentChanged(uri);
      const shown = await until('decorations of the text open', () => client.decorations.get(uri) !== previous && client.decorations.get(uri));
      previous = shown;
      assert.deepEqual(shown.figures.map((f) => [f.kind, f.low, f.range.start.line]), [[t.kind, t.n, t.line]]);
      workspace.closeDocument(uri);
      host.documentClosed(uri);
    }), { numRuns: 12, seed: 20261207 });
  } finally {
    await host.dispose();
  }
});

test('host: a file deleted on disk leaves the index, its diagnostics are cleared and the Events view is told', async () => {
  const files = samples();
  const { host, workspace, client } = await started(files);
  try {
    const gone = `${WS}/${SAMPLE_ARTICLES[0]}`;
    const uri = InMemoryWorkspace.uri(gone);
    const had = client.diagnostics.get(uri);
    workspace.files.delete(gone);
    const before = client.events.length;
    host.filesChanged([{ uri, type: 'deleted' }]);
    assert.equal(host.state.index.get(uri), undefined);
    const update = await until('an Events view update', () => client.events.length > before && client.events.at(-1));
    assert.equal(update.full, false);
    assert.deepEqual(update.removedDocuments, [uri]);
    assert.equal(update.documentCount, SAMPLE_ARTICLES.length - 1);
    if (had?.diagnostics.length) await until('the diagnostics cleared', () => client.diagnostics.get(uri)?.diagnostics.length === 0);
    // A file changed on disk is read again.
    const changed = `${WS}/${SAMPLE_ARTICLES[1]}`;
    workspace.files.set(changed, 'Nine people were arrested in Almaty on Monday.\n');
    host.filesChanged([{ uri: InMemoryWorkspace.uri(changed), type: 'changed' }]);
    await until('the changed file read again', () => {
      const r = host.store.get(InMemoryWorkspace.uri(changed))?.result;
      return r?.kind === 'analysed' && r.analysis.figures.some((f) => f.kind === 'arrested' && f.low === 9);
    });
  } finally {
    await host.dispose();
  }
});

test('host: diagnostics are written a few at a time, open documents first', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`${WS}/a${String(i).padStart(2, '0')}.txt`] = `---\ndate: 2023-05-10\nsource: Outlet ${i}\n---\n${i + 2} people were injured in a fire in Almaty on Monday.\n`;
  const workspace = new InMemoryWorkspace(files);
  const client = new RecordingClient();
  client.hold = true;
  const host = new KhabarHost({ root, workspace, client, logger: new MemoryLogger() });
  try {
    host.configure(SETTINGS, [InMemoryWorkspace.uri(WS)]);
    const open = InMemoryWorkspace.uri(`${WS}/a39.txt`);
    workspace.openDocument(open, files[`${WS}/a39.txt`]);
    host.documentOpened(open);
    await host.start();
    await until('the first diagnostics', () => client.diagnosticsSent.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(client.diagnosticsSent.length, 16, 'at most 16 lists unwritten');
    assert.equal(client.diagnosticsSent[0].uri, open, 'the open document first');
    client.release();
    await host.diagnostics.flush();
    assert.equal(new Set(client.diagnosticsSent.map((d) => d.uri)).size, 40);
  } finally {
    client.release();
    await host.dispose();
  }
});

test('Events view sync: the whole model first, then only what changed', () => {
  const analyzer = sharedAnalyzer();
  const index = createWorkspaceIndex();
  const sync = new EventsSync();
  const add = (uri: string, text: string) => index.update(uri, uri, analyzer.analyze({ text, uri }));
  add('file:///a.txt', '---\ndate: 2024-03-14\n---\nThree people were killed in Almaty on Monday.\n');
  add('file:///b.txt', '---\ndate: 2024-03-14\n---\nFour people were killed in Almaty on Monday.\n');
  const rangeOf = () => null;
  const first = sync.update(index, index.events(), false, rangeOf, (u) => u);
  assert.equal(first.full, true);
  assert.equal(first.params.documents.length, 2);
  const again = sync.update(index, index.events(), false, rangeOf, (u) => u);
  assert.equal(again.full, false);
  assert.deepEqual([again.params.documents.length, again.params.events.length, again.params.removedEvents, again.params.removedDocuments], [0, 0, undefined, undefined]);
  assert.equal(again.params.sequence, first.params.sequence + 1);
  index.remove('file:///b.txt');
  const after = sync.update(index, index.events(), false, rangeOf, (u) => u);
  assert.deepEqual(after.params.removedDocuments, ['file:///b.txt']);
  const fresh = sync.update(createWorkspaceIndex(), new Map(), false, rangeOf, (u) => u);
  assert.equal(fresh.full, true, 'a new index sends the whole model');
});

test('host: an edit of a long open article does not hold up a hover on another document (analysed in a worker thread)', { timeout: 180_000 }, async () => {
  const workspace = new InMemoryWorkspace();
  const client = new RecordingClient();
  const logger = new MemoryLogger();
  const host = new KhabarHost({ root, workerScript: join(root, 'dist/analysisWorker.js'), workspace, client, logger });
  try {
    host.configure(SETTINGS, [InMemoryWorkspace.uri(WS)]);
    await host.start();
    const body = readFileSync(join(root, 'samples/shiraz-shrine-attack.en.article'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
    const longText = body.repeat(Math.ceil(1_500_000 / body.length));
    const long = InMemoryWorkspace.uri(`${WS}/long.txt`);
    const small = InMemoryWorkspace.uri(`${WS}/small.txt`);
    workspace.openDocument(small, 'Two people were killed in Almaty.\n');
    host.documentOpened(small);
    host.documentChanged(small);
    const figure = (await until('the small document decorated', () => client.decorations.get(small))).figures[0];
    workspace.openDocument(long, longText);
    host.documentOpened(long);
    host.documentChanged(long);
    const linked = client.events.length;
    await until('the long document decorated', () => client.decorations.get(long), 120_000);
    // Its events linked (on this thread: linking is not analysis).
    await until('the long document linked', () => client.events.length > linked && client.events.at(-1)!.documents.some((d) => d.uri === long), 120_000);
    // An edit of the long document, then a hover on the other one once the edit's analysis has begun.
    workspace.editDocument(long, longText + 'Three people were injured in Almaty.\n');
    const edited = Date.now();
    host.documentChanged(long, 0);
    await new Promise((r) => setTimeout(r, 20));
    const hover = await host.hover(small, figure.range.start);
    const waited = Date.now() - edited;
    assert.ok(hover, 'no hover');
    assert.ok(waited < 500, `the hover waited ${waited} ms for the long document's analysis`);
    const again = await until('the edit decorated', () => client.decorations.get(long)?.version === 2 && client.decorations.get(long), 120_000);
    assert.ok(again.figures.some((f) => f.kind === 'injured' && f.low === 3));
    assert.ok(logger.lines.some((l) => /in a worker thread/.test(l)), 'analysed in a worker thread');
    // Typing on: the texts typed over are not analysed one after another, the last one is.
    for (let v = 3; v <= 6; v++) {
      workspace.editDocument(long, `${longText}${v} people were arrested in Almaty.\n`);
      host.documentChanged(long, 0);
      await new Promise((r) => setTimeout(r, 5));
    }
    const last = await until('the last edit decorated', () => client.decorations.get(long)?.version === 6 && client.decorations.get(long), 120_000);
    assert.ok(last.figures.some((f) => f.kind === 'arrested' && f.low === 6));
    const analyses = logger.lines.filter((l) => /long\.txt v\d+ \(in a worker thread\)/.test(l)).length;
    assert.ok(analyses < 6, `${analyses} analyses of 6 versions: the versions typed over were analysed too`);
  } finally {
    await host.dispose();
  }
});
