/**
 * The bench's long inputs (issue 16): analysis of a 1 MB and an 8 MB article (linear: at most 10×),
 * a knowledge base of 100,000 entities whose names share keys (under 2 s), and the language server
 * with a 2 MB article open: how long a hover on another document waits after each edit of it (at
 * most 200 ms). The first two run in child processes with a time bound, so that a slow case is
 * reported instead of holding up the bench.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { createAnalyzer, createKnowledgeBase } from '../server/src/core';
import { loadKnowledge } from '../server/src/node/knowledge';
import { loadLexicons } from '../server/src/node/lexicons';
import { ANALYSIS_EXEC_ARGV } from '../server/src/node/v8Tuning';
import { DecorationsNotification, type DecorationsParams } from '../server/src/protocol';
import { pathToUri } from '../server/src/workspaceFiles';

/**
 * One long article of `bytes` of UTF-8: the prose paragraphs of the generated articles (their page
 * furniture and headlines left out, else all but the first would be read as other articles
 * appended to it and not analysed), one after another.
 */
export function longArticle(texts: readonly string[], bytes: number): string {
  const prose = texts.flatMap((t) => t.split('\n').filter((l) => l.length >= 60 && /[.!?\u061F]\s*$/.test(l) && !/https?:|©|\|/.test(l)));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = prose[i % prose.length];
    parts.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return parts.join('\n\n');
}

/** In a child: analyses the articles of a JSON file of texts, joined to each size in MB, and prints the times. */
export function childLong(textsFile: string, sizesMb: number[], lexicons: string, knowledgeDir: string): void {
  const texts = JSON.parse(readFileSync(textsFile, 'utf8')) as string[];
  const analyzer = createAnalyzer({ lexicons: loadLexicons(lexicons), knowledge: loadKnowledge(knowledgeDir).knowledge });
  analyzer.analyze({ text: longArticle(texts, 64 * 1024) }); // warm-up
  for (const mb of sizesMb) {
    const text = longArticle(texts, mb * 1048576);
    const t = performance.now();
    const a = analyzer.analyze({ text });
    process.stdout.write(JSON.stringify({ mb, ms: performance.now() - t, figures: a.figures.length, boilerplate: a.boilerplate.reduce((n, b) => n + b.end - b.start, 0) / text.length }) + '\n');
  }
}

/** In a child: a knowledge base of `count` people who share one name (every name key shared), and the time it takes to build. */
export function childKnowledge(count: number): void {
  const entities = Array.from({ length: count }, (_, i) => ({ id: `Q${9_000_000 + i}`, type: 'person', names: { en: ['Ali Hassan', `Ali Hassan ${i % 100}`], ar: ['علي حسن'] } }));
  const t = performance.now();
  const { knowledge } = createKnowledgeBase([{ origin: 'bench', entities }]);
  process.stdout.write(JSON.stringify({ count: knowledge.entities.size, ms: performance.now() - t }) + '\n');
}

/** Calls `f` with each line of a child's output that is JSON (its reports); other lines are passed over. */
export function onJsonLines<T>(stream: NodeJS.ReadableStream, f: (line: T) => void): void {
  let buf = '';
  stream.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let line: T;
      try { line = JSON.parse(l) as T; } catch { continue; }
      f(line);
    }
  });
}

/** Runs `script args` in a child, collecting its JSON lines, killed after `timeoutS`. */
export function runJsonChild<T>(script: string, args: string[], timeoutS: number): Promise<{ lines: T[]; timedOut: boolean; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...ANALYSIS_EXEC_ARGV, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: T[] = [];
    let err = '';
    let timedOut = false;
    onJsonLines<T>(child.stdout, (l) => lines.push(l));
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ lines, timedOut, ...(code && !timedOut ? { error: err.trim().split('\n').slice(-3).join(' | ') || `exit code ${code}` } : {}) });
    });
  });
}

/** What the editor measurement found: each hover's wait after an edit of the long article. */
export interface EditorHoverRun { hoverMs: number[]; firstAnalysisS?: number; error?: string }

/**
 * The language server (dist/server.js) with a long article and a short one open: after each of
 * `edits` edits of the long one, hovers on the short one at 200, 400, 800 and 1,600 ms, each timed.
 */
export async function editorHover(serverJs: string, longText: string, edits: number, timeoutS: number): Promise<EditorHoverRun> {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-bench-editor-'));
  const child = fork(serverJs, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [...ANALYSIS_EXEC_ARGV] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const run: EditorHoverRun = { hoverMs: [] };
  const decorated = new Map<string, number>();
  const timer = setTimeout(() => { run.error = `timed out after ${timeoutS} s`; child.kill('SIGKILL'); }, timeoutS * 1000);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const until = async (what: () => boolean) => { while (!what()) { if (run.error || child.exitCode !== null) throw new Error(run.error ?? 'the server exited'); await sleep(20); } };
  try {
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification(DecorationsNotification.type, (p: DecorationsParams) => { decorated.set(p.uri, p.version); });
    connection.listen();
    const root = pathToUri(folder);
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const small = `${root}/small.txt`;
    const long = `${root}/long.txt`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'plaintext', version: 1, text: 'Two people were killed in Almaty.\n' } });
    await until(() => decorated.get(small) === 1);
    const opened = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: long, languageId: 'plaintext', version: 1, text: longText } });
    await until(() => decorated.get(long) === 1);
    run.firstAnalysisS = (performance.now() - opened) / 1000;
    for (let k = 0; k < edits; k++) {
      const version = k + 2;
      const edited = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri: long, version }, contentChanges: [{ text: `${longText}\n${k + 3} people were injured in Almaty.\n` }] });
      for (const at of [200, 400, 800, 1600]) {
        await sleep(Math.max(0, edited + at - performance.now()));
        const t = performance.now();
        await connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 1 } });
        run.hoverMs.push(performance.now() - t);
      }
      await until(() => decorated.get(long) === version);
    }
  } catch (e) {
    run.error ??= e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
    connection.dispose();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
  return run;
}
