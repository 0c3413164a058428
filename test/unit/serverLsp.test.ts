/**
 * The language server as a process (dist/server.js, as the client starts it: forked, over IPC),
 * driven by a minimal LSP client in plain Node on a copy of test/integration/workspace: the
 * workspace is indexed with work-done progress, closed articles get conflict diagnostics with
 * related information, watched-file changes are followed, a malformed workspace knowledge file gets
 * a diagnostic, exports come back in three formats, and bad input does not stop it.
 *
 * Needs the bundle: `node esbuild.mjs` (npm test builds before it runs the unit tests).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { applyEvents, type DecorationsParams, type EventsParams, type ExportEventsResult } from '../../server/src/protocol';
import { pathToUri } from '../../server/src/workspaceFiles';
import { root } from './helpers';

const SERVER = join(root, 'dist', 'server.js');

interface Session {
  connection: ProtocolConnection;
  diagnostics: Map<string, Diagnostic[]>;
  /** The last khabar/decorations of each open document. */
  decorations: Map<string, DecorationsParams>;
  events: EventsParams[];
  progress: unknown[];
  progressTokens: unknown[];
  log: string[];
  /** Resolves when `accept` holds, checked after every message from the server. */
  until<T>(what: string, accept: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

async function start(folder: string): Promise<Session> {
  const child = fork(SERVER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const diagnostics = new Map<string, Diagnostic[]>();
  const decorations = new Map<string, DecorationsParams>();
  const events: EventsParams[] = [];
  const progress: unknown[] = [];
  const progressTokens: unknown[] = [];
  const log: string[] = [];
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
    progressTokens.push(p.token);
    return null;
  });
  connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToUri(folder), name: 'ws' }]);
  connection.onNotification('$/progress', (p: unknown) => {
    progress.push(p);
    poke();
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    poke();
  });
  connection.onNotification('khabar/events', (p: EventsParams) => {
    // As the client's store does: changes applied to the model so far.
    events.push(applyEvents(events.at(-1), p));
    poke();
  });
  connection.onNotification('khabar/decorations', (p: DecorationsParams) => {
    decorations.set(p.uri, p);
    poke();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    log.push(p.message);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToUri(folder),
    workspaceFolders: [{ uri: pathToUri(folder), name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
      textDocument: { hover: { contentFormat: ['markdown'] } },
    },
  });
  await connection.sendNotification('initialized', {});
  const until = <T>(what: string, accept: () => T | undefined | false, timeoutMs = 30_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined | false;
        try {
          value = accept();
        } catch (e) {
          value = undefined;
          void e;
        }
        if (value) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; server log:\n${log.slice(-20).join('\n')}\n${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const stop = async () => {
    try {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } catch {
      // already gone
    }
    connection.dispose();
    if (child.exitCode === null) child.kill();
  };
  return { connection, diagnostics, decorations, events, progress, progressTokens, log, until, stop };
}

test('the language server indexes a workspace, links events across closed articles and follows changes', { timeout: 120_000, skip: !existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-lsp-'));
  cpSync(join(root, 'test', 'integration', 'workspace'), folder, { recursive: true });
  const uri = (name: string) => pathToUri(join(folder, name));
  const started = Date.now();
  const s = await start(folder);
  try {
    // Indexing with progress, then the events of the whole workspace.
    const first = await s.until('the first complete khabar/events', () => s.events.find((e) => !e.indexing));
    const indexedMs = Date.now() - started;
    assert.ok(s.progressTokens.length >= 1, 'no window/workDoneProgress/create');
    const kinds = s.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('end'), `progress never ended: ${kinds.join(',')}`);
    const paths = first.documents.map((d) => d.path).sort();
    assert.deepEqual(paths, ['ar.txt', 'en.article', 'fa.md', 'reports/qyzyltal.ar.txt', 'reports/qyzyltal.en.txt', 'undated/herat-mosque.ar.txt', 'undated/herat-mosque.en.txt', 'undated/herat-mosque.fa.txt']);
    console.log(`# server started and indexed ${first.documentCount} articles in ${indexedMs} ms (${first.events.length} events)`);

    // Conflict diagnostics in closed files, with related information placed in the other file.
    const en = uri('reports/qyzyltal.en.txt');
    const ar = uri('reports/qyzyltal.ar.txt');
    const conflict = await s.until('a conflict in the English report', () => s.diagnostics.get(en)?.find((d) => d.code === 'conflict'));
    assert.equal(conflict.severity, 2);
    assert.equal(conflict.relatedInformation?.[0]?.location.uri, ar);
    const arLines = '---\ntitle: هجوم على مركز للشرطة في قيزيلتال\ndate: 2024-03-14\nsource: وكالة السهوب\n---\n';
    assert.equal(conflict.relatedInformation?.[0]?.location.range.start.line, arLines.split('\n').length - 1);
    const event = first.events.find((e) => e.place?.entity === 'qyzyltal');
    assert.ok(event?.conflict, 'the Qyzyltal event is not marked as conflicted');

    // Hover over an entity of an open document: the knowledge base and the workspace.
    const enText = '---\ndate: 2024-03-14\nsource: Steppe Wire\n---\nOne civilian was killed in Qyzyltal.\n';
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: en, languageId: 'plaintext', version: 1, text: enText } });
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: en }, position: { line: 4, character: 28 } })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /Khabar: Qyzyltal/);
    assert.match(hover?.contents.value ?? '', /In the workspace:\*\* 2 documents/);

    // A new article on disk, then its deletion (watched files).
    const fa = join(folder, 'reports', 'new.fa.md');
    writeFileSync(fa, 'سه مامور پلیس در قیزیل‌تال کشته شدند.\n');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(fa), type: 1 }] });
    await s.until('the new article indexed', () => s.events.at(-1)?.documents.some((d) => d.path === 'reports/new.fa.md'));
    rmSync(fa);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(fa), type: 3 }] });
    await s.until('the deleted article gone', () => !s.events.at(-1)?.documents.some((d) => d.path === 'reports/new.fa.md'));

    // Bad input: garbage URIs, a binary "article", a missing file. The server answers afterwards.
    writeFileSync(join(folder, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255]));
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'not a uri at all', type: 1 },
        { uri: 'file:///%E0%A4%A', type: 2 },
        { uri: pathToUri(join(folder, 'binary.txt')), type: 1 },
        { uri: pathToUri(join(folder, 'missing.txt')), type: 2 },
      ],
    });
    await assert.rejects(s.connection.sendRequest('khabar/exportEvents', { format: 'xml' }), /unknown export format/);

    // Exports.
    const json = (await s.connection.sendRequest('khabar/exportEvents', { format: 'json' })) as ExportEventsResult;
    const data = JSON.parse(json.text);
    assert.equal(data.format, 'khabar-events');
    assert.ok(!data.documents.some((d: { path: string }) => d.path === 'binary.txt'), 'the binary file was indexed');
    const csv = (await s.connection.sendRequest('khabar/exportEvents', { format: 'csv' })) as ExportEventsResult;
    assert.ok(csv.text.startsWith('\uFEFF'), 'the CSV has no byte-order mark');
    const geo = (await s.connection.sendRequest('khabar/exportEvents', { format: 'geojson' })) as ExportEventsResult;
    assert.equal(JSON.parse(geo.text).type, 'FeatureCollection');

    // A malformed workspace knowledge file: a diagnostic where JSON.parse failed; analysis goes on.
    const kb = join(folder, '.khabar', 'knowledge.json');
    writeFileSync(kb, '{\n  "entities": [\n    { "id": "broken",, }\n  ]\n}\n');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(kb), type: 2 }] });
    const bad = await s.until('a diagnostic in the knowledge file', () => s.diagnostics.get(pathToUri(kb))?.[0]);
    assert.equal(bad.range.start.line, 2);
    assert.match(String(bad.message), /cannot parse/);
    const after = await s.until('events after the knowledge reload', () => s.events.at(-1)?.indexing === false && s.events.at(-1)?.events.every((e) => e.place?.entity !== 'qyzyltal') && s.events.at(-1));
    assert.equal(after.documentCount, 8, 'analysis stopped');
  } finally {
    await s.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a large workspace is analysed by worker threads that know the workspace knowledge base', { timeout: 120_000, skip: !existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-lsp-many-'));
  cpSync(join(root, 'test', 'integration', 'workspace'), folder, { recursive: true });
  // Enough other articles to start the worker threads: one event each, in places of the bundled knowledge base.
  const places = ['Almaty', 'Taraz', 'Aktobe', 'Atyrau', 'Shymkent'];
  for (let i = 0; i < 90; i++) {
    writeFileSync(join(folder, `archive-${String(i).padStart(2, '0')}.txt`), `---\ndate: 2023-${String((i % 12) + 1).padStart(2, '0')}-10\nsource: Outlet ${i % 3}\n---\n${(i % 7) + 2} people were injured in a fire in ${places[i % places.length]} on Monday.\n`);
  }
  const s = await start(folder);
  try {
    const first = await s.until('the first complete khabar/events', () => s.events.find((e) => !e.indexing), 90_000);
    assert.equal(first.documentCount, 98);
    assert.ok(s.log.some((l) => /analysed by \d+ worker threads/.test(l)), `no worker threads in the log:\n${s.log.join('\n')}`);
    // The Qyzyltal reports were analysed in workers: the place comes from the workspace's .khabar/knowledge.json.
    const event = first.events.find((e) => e.place?.entity === 'qyzyltal');
    assert.ok(event?.conflict, 'the Qyzyltal event is missing or not conflicted');
    const en = pathToUri(join(folder, 'reports', 'qyzyltal.en.txt'));
    await s.until('a conflict in the English report', () => s.diagnostics.get(en)?.find((d) => d.code === 'conflict'));
  } finally {
    await s.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('cancelling the indexing progress stops the scan and keeps what was indexed', { timeout: 120_000, skip: !existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-lsp-cancel-'));
  for (let i = 0; i < 600; i++) writeFileSync(join(folder, `a${i}.txt`), `---\ndate: 2023-05-10\n---\n${(i % 9) + 2} people were injured in a fire in Almaty on Monday.\n`);
  const s = await start(folder);
  try {
    const token = await s.until('the indexing progress', () => s.progressTokens[0]);
    await s.until('the progress begun', () => s.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'begin'));
    await s.connection.sendNotification('window/workDoneProgress/cancel', { token });
    const first = await s.until('events after the cancelled scan', () => s.events.find((e) => !e.indexing), 90_000);
    assert.ok(s.log.some((l) => /indexing cancelled after \d+ of 600 articles/.test(l)), `no cancellation in the log:\n${s.log.slice(-5).join('\n')}`);
    assert.ok(first.documentCount < 600, `${first.documentCount} articles indexed`);
    // The server goes on: an article opened now is analysed.
    const uri = pathToUri(join(folder, 'a599.txt'));
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'Two people were killed in Almaty.\n' } });
    await s.until('the opened article indexed', () => s.events.at(-1)?.documents.some((d) => d.uri === uri));
  } finally {
    await s.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the decorations of an open article mark a running total, which no event takes', { timeout: 60_000, skip: !existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-lsp-'));
  const s = await start(folder);
  try {
    await s.until('the first complete khabar/events', () => s.events.find((e) => !e.indexing));
    const uri = pathToUri(join(folder, 'total.txt'));
    const text = '---\ndate: 2024-05-12\n---\nFour policemen were killed on Monday, bringing the number of officers killed this year to 57.\n';
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const painted = await s.until('the decorations of the open article', () => s.decorations.get(uri));
    const figures = painted.figures.map((f) => `${f.kind} ${f.low}${f.cumulative ? ' running total' : ''}`).sort();
    assert.deepEqual(figures, ['killed 4', 'killed 57 running total']);
    const model = await s.until('the article in the Events view', () => {
      const m = s.events.at(-1);
      return m?.events.some((e) => e.figures.some((f) => f.reports.some((r) => r.uri === uri))) ? m : undefined;
    });
    const reported = model.events.flatMap((e) => e.figures.flatMap((f) => f.reports.filter((r) => r.uri === uri).map((r) => r.low)));
    assert.deepEqual(reported, [4]);
  } finally {
    await s.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('closing an article and at once opening it again at version 1 with other text (Revert File, a checkout) analyses the new text', { timeout: 120_000, skip: !existsSync(SERVER) && 'dist/server.js not built' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-lsp-reopen-'));
  const file = join(folder, 'reopened.txt');
  writeFileSync(file, '---\ndate: 2024-05-12\n---\nOne person was injured in Almaty.\n');
  const uri = pathToUri(file);
  const s = await start(folder);
  try {
    await s.until('the first complete khabar/events', () => s.events.find((e) => !e.indexing));
    const words = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
    // Each text has its own toll, at its own place: lines before it, a word of its own length.
    const textOf = (i: number) => `---\ndate: 2024-05-12\n---\n${'\n'.repeat(i % 4)}${'Reportedly, '.repeat(i % 3)}Police said ${words[i % words.length]} soldiers were killed in Almaty on Monday.\n`;
    const expected = (i: number) => {
      const text = textOf(i);
      const at = text.indexOf(words[i % words.length]);
      const before = text.slice(0, at).split('\n');
      return { low: i % words.length + 2, line: before.length - 1, character: before.at(-1)!.length };
    };
    let decorationsSeen = 0;
    for (let i = 0; i < 24; i++) {
      if (i > 0) await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      s.decorations.delete(uri);
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: textOf(i) } });
      const want = expected(i);
      const painted = await s.until(`the decorations of text ${i} (${want.low} killed)`, () => s.decorations.get(uri), 10_000);
      decorationsSeen++;
      const killed = painted.figures.filter((f) => f.kind === 'killed');
      assert.deepEqual(killed.map((f) => [f.low, f.range.start.line, f.range.start.character]), [[want.low, want.line, want.character]], `reopen ${i}: the decorations are of another text`);
    }
    assert.equal(decorationsSeen, 24);
    // The Events view and the index hold the last text's figure, not an earlier one's.
    const last = expected(23).low;
    const model = await s.until('the last text in the Events view', () => {
      const m = s.events.at(-1);
      const lows = m?.events.flatMap((e) => e.figures.flatMap((f) => f.reports.filter((r) => r.uri === uri).map((r) => r.low)));
      return lows?.length === 1 && lows[0] === last ? m : undefined;
    }, 10_000);
    assert.ok(model);
  } finally {
    await s.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
