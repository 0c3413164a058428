/**
 * Khabar never opens a network connection: articles may be sensitive and machines offline.
 *
 * - In process: the core and the node host analyse, index, link and export the samples with every
 *   way out of the process patched to record and throw (sockets, http, https, http2, tls, dns,
 *   dgram, fetch).
 * - As processes: the CLI (export in three formats, analyze --jsonl, link) and the language server
 *   (initialise on a folder of the samples, index it, answer) run with the same patches preloaded.
 * - In the bundles: no http/https/http2/tls/dgram module is required and no request is made to a
 *   literal URL (URLs as data, such as a Wikidata link in a hover, are fine).
 *
 * The process tests need the bundles: `node esbuild.mjs` (npm test builds before the unit tests).
 */
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { buildExport, createAnalyzer, createWorkspaceIndex, toCsv, toGeoJson } from '../../server/src/core';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { loadLexicons } from '../../server/src/node/lexicons';
import { readArticle } from '../../server/src/node/readArticle';
import { root, SAMPLE_ARTICLES, SAMPLE_PATHS } from './helpers';

/** Patches every way out; plain JavaScript, also written to a file to preload into child processes. */
const PATCH = String.raw`
(function () {
  const fs = require('fs');
  const logFile = process.env.KHABAR_NET_LOG;
  const calls = (globalThis.__khabarNetworkCalls = globalThis.__khabarNetworkCalls || []);
  const restore = (globalThis.__khabarNetworkRestore = []);
  const record = (what, args) => {
    const line = what + ' ' + args.map((a) => { try { return typeof a === 'function' ? 'fn' : JSON.stringify(a); } catch { return String(a); } }).join(' ').slice(0, 300);
    calls.push(line);
    if (logFile) try { fs.appendFileSync(logFile, line + '\n'); } catch {}
    throw new Error('Khabar test: network access attempted: ' + line);
  };
  const patch = (obj, name, label) => {
    if (!obj || typeof obj[name] !== 'function') return;
    const original = obj[name];
    obj[name] = function (...args) { return record(label, args); };
    restore.push(() => { obj[name] = original; });
  };
  const net = require('net');
  patch(net.Socket.prototype, 'connect', 'net.Socket.connect');
  patch(net, 'connect', 'net.connect');
  patch(net, 'createConnection', 'net.createConnection');
  for (const m of ['http', 'https']) { const mod = require(m); patch(mod, 'request', m + '.request'); patch(mod, 'get', m + '.get'); }
  patch(require('http2'), 'connect', 'http2.connect');
  patch(require('tls'), 'connect', 'tls.connect');
  const dns = require('dns');
  for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) patch(dns, f, 'dns.' + f);
  for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) patch(dns.promises, f, 'dns.promises.' + f);
  patch(require('dgram'), 'createSocket', 'dgram.createSocket');
  patch(globalThis, 'fetch', 'fetch');
})();
`;

const sampleFiles = () => [...SAMPLE_ARTICLES];

test('in process: analysing, indexing, linking and exporting the samples makes no network call', async () => {
  const g = globalThis as unknown as { __khabarNetworkCalls?: string[]; __khabarNetworkRestore?: (() => void)[] };
  // eslint-disable-next-line no-new-func
  new Function('require', PATCH)(require);
  try {
    // The patches work: a connection attempt is recorded and refused.
    const net = await import('node:net');
    assert.throws(() => new net.Socket().connect(9, '127.0.0.1'), /network access attempted/);
    assert.throws(() => fetch('http://127.0.0.1:9/'), /network access attempted/);
    g.__khabarNetworkCalls!.length = 0;

    const { knowledge } = loadKnowledge(join(root, 'knowledge'));
    const analyzer = createAnalyzer({ lexicons: loadLexicons(join(root, 'lexicons')), knowledge });
    const index = createWorkspaceIndex(knowledge);
    for (const f of sampleFiles()) {
      const r = await readArticle(join(root, 'samples', f));
      assert.ok(r.ok);
      index.update(`file:///samples/${f}`, f, analyzer.analyze({ text: r.text, uri: f }));
    }
    const { data } = index.export();
    assert.ok(data.events.length > 0);
    for (const f of sampleFiles()) index.findings(`file:///samples/${f}`);
    toCsv(data, knowledge);
    toGeoJson(data, knowledge);
    buildExport([], new Date(), knowledge);
    assert.deepEqual(g.__khabarNetworkCalls, []);
  } finally {
    for (const r of g.__khabarNetworkRestore ?? []) r();
  }
});

function preload(): { dir: string; script: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-net-'));
  const script = join(dir, 'no-network.js');
  writeFileSync(script, PATCH);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  return { dir, script, log };
}

const CLI = join(root, 'dist', 'cli.js');
const SERVER = join(root, 'dist', 'server.js');

test('the CLI makes no network call (export, analyze --jsonl, link)', { skip: !existsSync(CLI) && 'dist/cli.js not built' }, () => {
  const p = preload();
  try {
    const env = { ...process.env, KHABAR_NET_LOG: p.log };
    const run = (args: string[], input = '') => spawnSync(process.execPath, ['--require', p.script, CLI, ...args], { cwd: root, env, input, encoding: 'utf8', maxBuffer: 64 * 1048576 });
    for (const format of ['json', 'csv', 'geojson']) {
      const r = run(['export', ...SAMPLE_PATHS, '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.length > 100);
    }
    const lines = sampleFiles().map((f) => JSON.stringify({ id: f, text: readFileSync(join(root, 'samples', f), 'utf8') })).join('\n');
    const analyzed = run(['analyze', '--jsonl'], lines);
    assert.equal(analyzed.status, 0, analyzed.stderr);
    const linked = run(['link'], analyzed.stdout);
    assert.equal(linked.status, 0, linked.stderr);
    // A process whose patches work records an attempt (the check of the check).
    const probe = spawnSync(process.execPath, ['--require', p.script, '-e', 'try { fetch("http://127.0.0.1:9") } catch {}'], { env, encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.match(readFileSync(p.log, 'utf8'), /^fetch /);
    writeFileSync(p.log, '');
    const again = run(['export', ...SAMPLE_PATHS]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(p.log, 'utf8'), '');
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('the language server makes no network call while it indexes a folder and answers', { skip: !existsSync(SERVER) && 'dist/server.js not built', timeout: 60_000 }, async () => {
  const p = preload();
  const folder = mkdtempSync(join(tmpdir(), 'khabar-net-ws-'));
  for (const f of sampleFiles()) cpSync(join(root, 'samples', f), join(folder, f));
  const child = fork(SERVER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--require', p.script], env: { ...process.env, KHABAR_NET_LOG: p.log } });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const folderUri = `file://${folder}`;
  let indexed!: () => void;
  const done = new Promise<void>((resolve) => (indexed = resolve));
  let diagnostics = 0;
  try {
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: folderUri, name: 'ws' }]);
    connection.onNotification('textDocument/publishDiagnostics', () => { diagnostics++; });
    connection.onNotification('khabar/events', (e: { indexing?: boolean }) => { if (!e.indexing) indexed(); });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'ws' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await connection.sendNotification('initialized', {});
    const f = sampleFiles()[0];
    const uri = `${folderUri}/${f}`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news-article', version: 1, text: readFileSync(join(folder, f), 'utf8') } });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the server did not finish indexing\n${stderr}`)), 45_000); })]).finally(() => clearTimeout(timer));
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 10 } });
    assert.equal(readFileSync(p.log, 'utf8'), '', 'network calls recorded');
    assert.ok(diagnostics > 0, 'the opened article got its diagnostics');
  } finally {
    try { await connection.sendRequest('shutdown'); await connection.sendNotification('exit'); } catch { /* gone */ }
    connection.dispose();
    if (child.exitCode === null) child.kill();
    rmSync(p.dir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the bundles load no network module and request no literal URL', { skip: ![SERVER, CLI, join(root, 'dist', 'client.js')].every(existsSync) && 'bundles not built' }, () => {
  for (const name of ['server.js', 'client.js', 'cli.js']) {
    const code = readFileSync(join(root, 'dist', name), 'utf8');
    const modules = [...code.matchAll(/require\(["'](?:node:)?(http|https|http2|tls|dgram|undici|ws)["']\)/g)].map((m) => m[1]);
    assert.deepEqual(modules, [], `${name} requires ${modules.join(', ')}`);
    const calls = [...code.matchAll(/\b(fetch|request|get|open|connect|WebSocket|EventSource|XMLHttpRequest)\s*\(\s*["'`]https?:\/\/[^"'`]*/g)].map((m) => m[0]);
    assert.deepEqual(calls, [], `${name} requests ${calls.join(', ')}`);
    assert.doesNotMatch(code, /\bnew\s+(WebSocket|EventSource|XMLHttpRequest)\b/, name);
    assert.doesNotMatch(code, /(?<![.\w])fetch\s*\(/, `${name} calls fetch`);
  }
});
