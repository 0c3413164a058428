/**
 * Khabar's integration tests, run inside a real VS Code extension host. Bundled by esbuild.mjs to
 * dist/test/integration/index.js, which VS Code loads as `extensionTestsPath` and whose run() it
 * awaits (a rejection means failure).
 *
 * Here (no desktop VS Code): `npm run test:integration` (test/integration/run.sh) runs it in
 * code-server's VS Code, driven by headless chromium.
 *
 * On a desktop with network access the same module runs under @vscode/test-electron:
 *   npm install --no-save @vscode/test-electron && node esbuild.mjs && node test/integration/electron.mjs
 * which is, in short:
 *   runTests({ extensionDevelopmentPath: <repo>, extensionTestsPath: <repo>/dist/test/integration/index.js,
 *              launchArgs: [<a temporary copy of test/integration/workspace>, '--disable-extensions'] })
 *
 * The workspace folder must be a copy of test/integration/workspace/: the tests edit and create
 * files and change workspace settings.
 *
 * No mocha: a tiny runner prints `PASS name` / `FAIL name: error` per test and, last, a line
 * `N passed, M failed`. Tests wait on events (the extension's notifications, diagnostics changes)
 * with generous timeouts, never on fixed sleeps.
 */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KhabarApi } from '../../../client/src/extension';
import type { Painted } from '../../../client/src/decorations';
import type { ReadingRender } from '../../../client/src/readingView';
import type { DecorationsParams, EventsParams, EventView, FigureDecoration } from '../../../server/src/protocol';
import type { EventsNode } from '../../../client/src/eventsView';
import type { ExportOutcome } from '../../../client/src/exportEvents';

const EXTENSION_ID = 'khabar.khabar';
const TIMEOUT_MS = 60_000;

interface Case {
  name: string;
  fn: () => Promise<void>;
}
const cases: Case[] = [];
const test = (name: string, fn: () => Promise<void>) => cases.push({ name, fn });

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------
// Helpers

let api: KhabarApi;

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the tests need a copy of test/integration/workspace/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The decorations for the document's current version, waiting for the server's notification. */
function decorationsFor(doc: vscode.TextDocument, timeoutMs = TIMEOUT_MS): Promise<DecorationsParams> {
  return api.store.waitFor(doc.uri, (p) => p.version === doc.version, timeoutMs);
}

/** Resolves when `accept` holds for the document's diagnostics (checked now and on each change). */
function diagnosticsFor(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, timeoutMs = TIMEOUT_MS): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      clearTimeout(timer);
      sub.dispose();
      resolve(diagnostics);
      return true;
    };
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.toString()} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

function describeFigures(figures: readonly FigureDecoration[]): string {
  return JSON.stringify(figures.map((f) => ({ kind: f.kind, group: f.group, low: f.low, high: f.high, text: f.text })));
}

/** The workspace's events once `accept` holds for them (checked now and on each khabar/events notification). */
function eventsWhen(accept: (p: EventsParams) => boolean, timeoutMs = TIMEOUT_MS): Promise<EventsParams> {
  return api.store.waitForEvents(accept, timeoutMs);
}

const REPORT_EN = 'reports/qyzyltal.en.txt';
const REPORT_AR = 'reports/qyzyltal.ar.txt';

function hasDocument(p: EventsParams, name: string): boolean {
  return p.documents.some((d) => d.uri === workspaceUri(name).toString());
}

function conflictOf(d: readonly vscode.Diagnostic[]): vscode.Diagnostic | undefined {
  return d.find((x) => x.code === 'conflict' && x.source === 'khabar');
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverText(hovers ?? []);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}


// ---------------------------------------------------------------------------------------------------
// The rendered editor (its DOM), read by the driver (drive.js) on request

/** What the editor renders of one line (drive.js, snapshotEditorLines). */
interface RenderedLine {
  text: string;
  found: boolean;
  textContent?: string;
  /** The line's inner spans: one per token or decorated piece. */
  spans?: { className: string; text: string; style: string }[];
  /** Decorations painted over the line (view overlays) and in its margin (gutter icons). */
  overlays?: { className: string; left: number; width: number }[];
  margin?: string[];
  /** Each run of non-space characters, in the order of the text, with where it is laid out. */
  words?: { text: string; left: number; right: number }[];
  wholeLine?: boolean;
  inlineDecorated?: boolean;
}

let probes = 0;

/**
 * Asks the driver for what the active editor renders of these lines, once each is rendered with the
 * decorations asked for (`wholeLine`: a whole-line decoration; `inline`: a decorated range;
 * `gutter`: a gutter icon). The
 * request goes out as a console line, which the workbench hands to drive.js; the answer comes back
 * as a file this waits for (fs.watch), never a fixed sleep.
 */
async function renderedLines(lines: { text: string; wholeLine?: boolean; inline?: boolean; gutter?: boolean }[], timeoutMs = TIMEOUT_MS): Promise<RenderedLine[]> {
  const result = await probeDom<{ lines?: RenderedLine[] }>({ lines }, timeoutMs);
  return result.lines ?? [];
}

/** What the reading view shows (drive.js, snapshotReadingView). */
interface ReadingDom {
  csp: string | null;
  version: string;
  clicked?: boolean;
  paragraphs: { line: number; dir: string | null; className: string; text: string; color: string; marks: { className: string; text: string; title: string; background: string; color: string }[]; words: { text: string; left: number; top: number }[] }[];
}

/** What the reading view's webview shows once it shows `waitText` (at `version`); with `click`, after clicking that word in it. */
function readingViewDom(request: { waitText: string; version?: number; click?: string; waitClass?: string }, timeoutMs = TIMEOUT_MS): Promise<ReadingDom> {
  return probeDom<ReadingDom>({ kind: 'webview', ...request }, timeoutMs);
}

/** Sends a DOM probe to drive.js and waits for its answer file. */
async function probeDom<T>(request: object, timeoutMs: number): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-dom-'));
  const out = path.join(dir, `probe-${++probes}.json`);
  try {
    const answer = new Promise<string>((resolve, reject) => {
      const watcher = fs.watch(dir, () => {
        if (fs.existsSync(out)) done(null);
      });
      const timer = setTimeout(() => done(new Error(`drive.js did not answer the DOM probe within ${timeoutMs} ms`)), timeoutMs);
      const done = (e: Error | null) => {
        watcher.close();
        clearTimeout(timer);
        if (e) reject(e);
        else resolve(fs.readFileSync(out, 'utf8'));
      };
    });
    console.log(`KHABAR_DOM_PROBE ${JSON.stringify({ ...request, out, timeoutMs: timeoutMs - 5000 })}`);
    const result = JSON.parse(await answer) as T & { timedOut?: boolean; error?: string };
    assert.ok(!result.error, `the DOM probe failed: ${result.error}`);
    assert.ok(!result.timedOut, `the page never showed what was asked: ${JSON.stringify(result)}`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the suite runs under drive.js, which answers DOM probes (run.sh sets KHABAR_DOM_PROBE=1; electron.mjs 0). */
function canReadDom(): boolean {
  const v = process.env.KHABAR_DOM_PROBE;
  assert.ok(v === '1' || v === '0', 'KHABAR_DOM_PROBE is not set: run the suite through test/integration/run.sh (1) or electron.mjs (0)');
  return v === '1';
}

/** Words of a rendered line laid out right to left: each starts left of where the one before it starts. */
function laidOutRightToLeft(words: { left: number }[]): boolean {
  return words.every((w, i) => i === 0 || w.left < words[i - 1].left);
}

function laidOutLeftToRight(words: { left: number }[]): boolean {
  return words.every((w, i) => i === 0 || w.left > words[i - 1].left);
}

const decorationClass = (className: string) => /\bced-/.test(className);

// ---------------------------------------------------------------------------------------------------
// Tests

test('the extension activates and returns its API with a running client', async () => {
  const ext = vscode.extensions.getExtension<KhabarApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} not found`);
  // Opening an article activates it (onLanguage); activate() also works when it is already active.
  await open('en.article');
  api = await withTimeout(Promise.resolve(ext.activate()), TIMEOUT_MS, 'activation');
  assert.ok(ext.isActive, 'not active');
  assert.ok(api && api.store && api.client && api.onDidUpdate, 'activate() did not return the API');
  assert.ok(api.client.isRunning(), 'the language client is not running');
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['khabar.restartServer', 'khabar.toggleDecorations', 'khabar.toggleEntities', 'khabar.openReadingView', 'khabar.showOutput', 'khabar.exportEvents']) {
    assert.ok(commands.includes(id), `command ${id} not registered`);
  }
});

const FIXTURES = [
  { name: 'en.article', language: 'news-article', words: /three/i },
  { name: 'ar.txt', language: 'plaintext', words: /ثلاثة/ },
  { name: 'fa.md', language: 'markdown', words: /سه/ },
];

for (const fx of FIXTURES) {
  test(`${fx.name}: the server's khabar/decorations notification arrives for the open document`, async () => {
    const editor = await open(fx.name);
    assert.equal(editor.document.languageId, fx.language);
    const params = await decorationsFor(editor.document);
    assert.equal(params.uri, editor.document.uri.toString());
    assert.equal(params.version, editor.document.version);
    assert.ok(Array.isArray(params.figures));
    console.log(`  ${fx.name}: ${params.figures.length} figure(s) ${describeFigures(params.figures)}`);
    // The decoration controller painted that version on the visible editor.
    const painted = api.decorations.paintedFor(editor.document.uri);
    assert.ok(painted, 'nothing painted for the visible editor');
    assert.equal(painted.version, params.version);
    const total = painted.counts.killed + painted.counts.injured + painted.counts.arrested;
    assert.equal(total, params.figures.length, 'painted ranges differ from the figures received');
  });
}

for (const fx of FIXTURES) {
  test(`[engine] ${fx.name}: "three police … killed" is read as killed, police, 3..3`, async () => {
    const editor = await open(fx.name);
    const { figures } = await decorationsFor(editor.document);
    const killed = figures.filter((f) => f.kind === 'killed');
    assert.equal(killed.length, 1, `expected one killed figure, got ${describeFigures(figures)}`);
    const [f] = killed;
    assert.equal(f.group, 'police', describeFigures(figures));
    assert.equal(f.low, 3);
    assert.equal(f.high, 3);
    assert.equal(f.approximate, false);
    assert.equal(f.explicit, true);
    assert.match(f.text, fx.words);
    const range = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
    assert.equal(editor.document.getText(range), f.text, 'the range does not cover the figure text');
    assert.equal(api.decorations.paintedFor(editor.document.uri)?.counts.killed, 1, 'the killed figure was not painted');
  });

  test(`[engine] ${fx.name}: hovering the figure says killed and 3`, async () => {
    const editor = await open(fx.name);
    const { figures } = await decorationsFor(editor.document);
    const f = figures.find((x) => x.kind === 'killed');
    assert.ok(f, `no killed figure: ${describeFigures(figures)}`);
    const position = new vscode.Position(f.range.start.line, f.range.start.character + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers ?? []);
    assert.match(text, /Khabar/, `no Khabar hover: ${text}`);
    assert.match(text, /killed/);
    assert.match(text, /\b3\b/);
    assert.match(text, /police/);
  });
}

test('the hover provider answers outside figures without a Khabar hover', async () => {
  const editor = await open('en.article');
  await decorationsFor(editor.document);
  const last = editor.document.lineAt(editor.document.lineCount - 1).text.trim() ? editor.document.lineCount - 1 : editor.document.lineCount - 2;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(last, 2));
  assert.ok(Array.isArray(hovers), 'executeHoverProvider did not answer');
  assert.doesNotMatch(hoverText(hovers), /Khabar:/);
});

test('an untitled document is analysed', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Two soldiers were wounded.\n' });
  await vscode.window.showTextDocument(doc);
  const params = await decorationsFor(doc);
  assert.equal(params.uri, doc.uri.toString());
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('odd input (control characters, lone surrogates, marks, a 20 000-digit number) does not break the server', async () => {
  const content = [
    '\u0000\u0001\uD800 \uDC00 \u200F\u200E\u202E\uFEFF',
    '9'.repeat(20_000) + ' people were killed',
    '\u0661\u0662\u0663 \u06F4\u06F5 \u0642\u062A\u0644 \u06A9\u0634\u062A\u0647 \uD83D\uDE42',
    '---\ntitle: [unclosed\n---',
  ].join('\n');
  const doc = await vscode.workspace.openTextDocument({ language: 'news-article', content });
  await vscode.window.showTextDocument(doc);
  const params = await decorationsFor(doc);
  for (const f of params.figures) {
    assert.ok(f.range.end.line < doc.lineCount, `figure range outside the document: ${JSON.stringify(f.range)}`);
  }
  assert.ok(api.client.isRunning(), 'the client stopped');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('an edit is analysed again and notified with the new version', async () => {
  const editor = await open('ar.txt');
  const before = await decorationsFor(editor.document);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((b) => b.insert(end, '\nوأضافوا أن التحقيق جار.')));
  const after = await decorationsFor(editor.document);
  assert.ok(after.version > before.version, `version ${after.version} not after ${before.version}`);
  assert.ok(await editor.document.save(), 'save failed');
});

test('a README (excluded by khabar.articles.exclude) gets no notification', async () => {
  // Open the README first, then edit an article: the server handles both in order with the same
  // debounce, so had it analysed the README its notification would have come first.
  const readme = (await open('README.md')).document;
  assert.equal(readme.languageId, 'markdown');
  const editor = await open('en.article');
  await decorationsFor(editor.document);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((b) => b.insert(end, '\n')));
  await decorationsFor(editor.document);
  assert.equal(api.store.get(readme.uri), undefined, 'the README was analysed');
  assert.ok(await editor.document.save(), 'save failed');
});

test('khabar.maxFileSizeKB: a larger article is skipped with an information diagnostic', async () => {
  const uri = workspaceUri('large.txt');
  const paragraph = 'The ministry said the road north of the capital was closed for the day. ';
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(paragraph.repeat(40))); // ~2.9 KB
  const config = vscode.workspace.getConfiguration('khabar');
  await config.update('maxFileSizeKB', 2, vscode.ConfigurationTarget.Workspace);
  try {
    const editor = await open('large.txt');
    const diagnostics = await diagnosticsFor(uri, (d) => d.some((x) => x.code === 'file-too-large'));
    const d = diagnostics.find((x) => x.code === 'file-too-large')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.source, 'khabar');
    assert.match(d.message, /khabar\.maxFileSizeKB/);
    const params = await decorationsFor(editor.document);
    assert.equal(params.figures.length, 0);
  } finally {
    await config.update('maxFileSizeKB', undefined, vscode.ConfigurationTarget.Workspace);
  }
  // With the default limit again the file is analysed and the diagnostic goes away.
  await diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'file-too-large'));
});

// ---------------------------------------------------------------------------------------------------
// The workspace: every article indexed, events linked across sources

test('the workspace is indexed: closed articles in a subfolder are in the khabar/events notification', async () => {
  const en = workspaceUri(REPORT_EN);
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === en.toString()), `${REPORT_EN} is open already`);
  const p = await eventsWhen((e) => !e.indexing && hasDocument(e, REPORT_EN) && hasDocument(e, REPORT_AR));
  const paths = p.documents.map((d) => d.path).sort();
  console.log(`  indexed ${p.documentCount} article(s): ${paths.join(', ')}; ${p.events.length} event(s)`);
  assert.ok(paths.includes(REPORT_EN) && paths.includes('en.article'), `paths are relative to the workspace folder: ${paths.join(', ')}`);
  assert.ok(!paths.includes('README.md'), 'the excluded README was indexed');
  assert.equal(p.documents.find((d) => d.path === REPORT_EN)?.source, 'Steppe Wire');
});

test('[engine] conflict: a warning on the civilian toll of a closed article, related information in the other language\'s report', async () => {
  const en = workspaceUri(REPORT_EN);
  const ar = workspaceUri(REPORT_AR);
  const d = conflictOf(await diagnosticsFor(en, (x) => !!conflictOf(x)))!;
  console.log(`  ${REPORT_EN}: ${d.message}`);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(d.message, /civilians/);
  assert.match(d.message, /killed/);
  assert.match(d.message, /Qyzyltal/, 'the message names the event');
  assert.match(d.message, /^1 vs 2 civilians killed/, 'the message leads with the numbers');
  assert.match(d.message, /Steppe Wire: 1/, 'the message gives this source\'s figure');
  assert.ok(d.message.includes('\u2068وكالة السهوب\u2069: 2'), 'the message gives the other source\'s figure, its Arabic name isolated');
  const enDoc = await vscode.workspace.openTextDocument(en);
  assert.match(enDoc.getText(d.range), /one civilian/, `the warning is on "${enDoc.getText(d.range)}"`);
  const related = d.relatedInformation ?? [];
  assert.ok(related.length >= 1, 'no related information');
  assert.equal(related[0].location.uri.toString(), ar.toString(), 'related information points elsewhere');
  const arDoc = await vscode.workspace.openTextDocument(ar);
  assert.match(arDoc.getText(related[0].location.range), /مدنيين اثنين/, `related range covers "${arDoc.getText(related[0].location.range)}"`);
  // And the other way round.
  const back = conflictOf(await diagnosticsFor(ar, (x) => !!conflictOf(x)))!;
  assert.equal(back.relatedInformation?.[0]?.location.uri.toString(), en.toString());
  assert.match(enDoc.getText(back.relatedInformation![0].location.range), /one civilian/);
});

test('[engine] undated articles: reports without any date, linked by what they say, show their conflict as a diagnostic; the hover says the date is inferred', async () => {
  const en = workspaceUri('undated/herat-mosque.en.txt');
  const fa = workspaceUri('undated/herat-mosque.fa.txt');
  const d = conflictOf(await diagnosticsFor(en, (x) => !!conflictOf(x)))!;
  console.log(`  undated/herat-mosque.en.txt: ${d.message}`);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(d.message, /killed/);
  assert.match(d.message, /14/, 'the message gives this source\'s figure');
  assert.match(d.message, /19/, 'the message gives the other source\'s figure');
  const related = (d.relatedInformation ?? []).find((r) => r.location.uri.toString() === fa.toString());
  assert.ok(related, 'no related information leads to the Persian report');
  const faDoc = await vscode.workspace.openTextDocument(fa);
  assert.match(faDoc.getText(related.location.range), /۱۹/, `related range covers "${faDoc.getText(related.location.range)}"`);
  // The dated Arabic report gives the event its date; the English one's is inferred from it.
  const enDoc = await vscode.workspace.openTextDocument(en);
  const hover = await hoverAt(en, enDoc.positionAt(enDoc.getText().indexOf('14 worshippers') + 1));
  console.log(`  hover: ${hover.replace(/\n/g, ' | ')}`);
  assert.match(hover, /Event:\*\* bombing, Herat, 2021\\?-10\\?-22 \(3 sources\)/);
  assert.match(hover, /Date inferred/);
});

test('entities: places and people are painted, and their hover tells the knowledge base and the workspace', async () => {
  const editor = await open(REPORT_EN);
  const params = await decorationsFor(editor.document);
  const place = params.entities?.find((e) => e.id === 'qyzyltal');
  assert.ok(place, `no Qyzyltal mention: ${JSON.stringify(params.entities)}`);
  assert.equal(place.type, 'place');
  assert.equal(place.inKnowledgeBase, true);
  const painted = api.decorations.paintedFor(editor.document.uri);
  assert.ok(painted && painted.entities.place >= 1, `places not painted: ${JSON.stringify(painted)}`);
  const text = await hoverAt(editor.document.uri, new vscode.Position(place.range.start.line, place.range.start.character + 1));
  assert.match(text, /Khabar: Qyzyltal/);
  assert.match(text, /place/);
  assert.match(text, /قيزيلتال/, 'no Arabic name');
  assert.match(text, /Кызылтал/, 'no Russian name');
  assert.match(text, /44\.61° N, 75\.12° E/, 'no coordinates');
  assert.match(text, /Kazakhstan/i, 'no country');
  assert.match(text, /Q4115189/, 'no Wikidata id');
  assert.match(text, /In the workspace:\*\* 2 documents/, `no workspace appearances: ${text}`);
  const person = params.entities?.find((e) => e.id === 'daniyar-seitkali');
  assert.ok(person, 'no person mention');
  const personText = await hoverAt(editor.document.uri, new vscode.Position(person.range.start.line, person.range.start.character + 1));
  assert.match(personText, /person/);
  assert.match(personText, /spokesman of the regional police/, 'no role');
});

test('the Events view: event → figures → reports from the store; a report opens its words', async () => {
  await eventsWhen((p) => !p.indexing && p.events.some((e) => e.place?.entity === 'qyzyltal' && e.conflict));
  await vscode.commands.executeCommand('khabar.events.focus');
  const provider = api.events;
  const roots = provider.getChildren();
  const event = roots.find((n) => String(provider.getTreeItem(n).label).includes('Qyzyltal'));
  assert.ok(event, `no Qyzyltal event among ${roots.map((n) => provider.getTreeItem(n).label).join(' | ')}`);
  const eventItem = provider.getTreeItem(event);
  console.log(`  ${eventItem.label} — ${eventItem.description}`);
  assert.match(String(eventItem.label), /^Attack — Qyzyltal/);
  assert.match(String(eventItem.description), /2 sources/);
  assert.match(String(eventItem.description), /disagree/);
  const figures = provider.getChildren(event);
  const civilians = figures.find((n) => n.kind === 'figure' && n.figure.group === 'civilians' && n.figure.kind === 'killed');
  assert.ok(civilians, `no civilians killed figure: ${figures.map((n) => provider.getTreeItem(n).label).join(' | ')}`);
  const figureItem = provider.getTreeItem(civilians);
  assert.match(String(figureItem.description), /1–2/);
  assert.match(String(figureItem.description), /conflict/);
  assert.equal(provider.getParent(civilians), event);
  const reports = provider.getChildren(civilians) as Extract<EventsNode, { kind: 'report' }>[];
  assert.equal(reports.length, 2);
  const arReport = reports.find((r) => r.report.uri === workspaceUri(REPORT_AR).toString());
  assert.ok(arReport, 'no report of the Arabic article');
  const reportItem = provider.getTreeItem(arReport);
  // Arabic and Persian words are set between left-to-right marks in the tree.
  assert.match(String(reportItem.description).replace(/[\u200E\u2068\u2069]/g, ''), /2 — “ومدنيين اثنين”/);
  assert.ok(reportItem.command, 'a report item has no command');
  await vscode.commands.executeCommand(reportItem.command.command, ...(reportItem.command.arguments ?? []));
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.toString(), workspaceUri(REPORT_AR).toString(), 'the report did not open its document');
  assert.equal(editor.document.getText(editor.selection), 'ومدنيين اثنين');
  assert.ok((api.eventsView.badge?.value ?? 0) >= 1, 'no badge counting conflicted events');
});

test('a new article on disk joins the index and a deleted one leaves it (file watcher)', async () => {
  const name = 'reports/qyzyltal.fa.md';
  const uri = workspaceUri(name);
  const text = '---\ndate: 2024-03-14\nsource: خبرگزاری استپ\n---\nسه مامور پلیس و یک غیرنظامی در حمله به پاسگاه پلیس در قیزیل‌تال کشته شدند.\n';
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const added = await eventsWhen((p) => hasDocument(p, name));
  assert.equal(added.documents.find((d) => d.uri === uri.toString())?.language, 'fa');
  await vscode.workspace.fs.delete(uri);
  await eventsWhen((p) => !hasDocument(p, name));
});

test('Khabar: Export Events writes JSON, CSV with a byte-order mark and GeoJSON, and never overwrites unasked', async () => {
  const folder = workspaceUri('exports');
  await vscode.workspace.fs.createDirectory(folder);
  await eventsWhen((p) => !p.indexing && p.events.some((e) => e.place?.entity === 'qyzyltal'));

  const json = vscode.Uri.joinPath(folder, 'events.json');
  const out = await vscode.commands.executeCommand<ExportOutcome>('khabar.exportEvents', { uri: json, format: 'json' });
  assert.ok(out?.written, `not written: ${JSON.stringify(out)}`);
  const data = JSON.parse(await readText(json));
  assert.equal(data.format, 'khabar-events');
  assert.equal(data.version, 1);
  assert.ok(data.documents.some((d: { path: string }) => d.path === REPORT_EN), 'documents lack the report');
  assert.ok(data.events.some((e: { location: { entity: string } | null }) => e.location?.entity === 'qyzyltal'), 'no Qyzyltal event');

  const csv = vscode.Uri.joinPath(folder, 'events.csv');
  assert.ok((await vscode.commands.executeCommand<ExportOutcome>('khabar.exportEvents', { uri: csv.toString(), format: 'csv' }))?.written);
  const bytes = await vscode.workspace.fs.readFile(csv);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV does not start with the UTF-8 BOM');
  assert.match(new TextDecoder().decode(bytes), /Qyzyltal/);

  const geo = vscode.Uri.joinPath(folder, 'events.geojson');
  assert.ok((await vscode.commands.executeCommand<ExportOutcome>('khabar.exportEvents', { uri: geo, format: 'geojson' }))?.written);
  const collection = JSON.parse(await readText(geo));
  assert.equal(collection.type, 'FeatureCollection');
  assert.ok(collection.features.some((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates[0] === 75.12), 'no point at Qyzyltal');

  // An existing file is left alone unless overwrite is true.
  const existing = vscode.Uri.joinPath(folder, 'existing.json');
  await vscode.workspace.fs.writeFile(existing, new TextEncoder().encode('keep me'));
  const refused = await vscode.commands.executeCommand<ExportOutcome>('khabar.exportEvents', { uri: existing, format: 'json' });
  assert.equal(refused?.written, false);
  assert.equal(refused?.reason, 'exists');
  assert.equal(await readText(existing), 'keep me', 'the existing file was overwritten');
  const replaced = await vscode.commands.executeCommand<ExportOutcome>('khabar.exportEvents', { uri: existing, format: 'json', overwrite: true });
  assert.ok(replaced?.written);
  assert.equal(JSON.parse(await readText(existing)).format, 'khabar-events');
  const left = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).sort();
  assert.deepEqual(left, ['events.csv', 'events.geojson', 'events.json', 'existing.json'], 'temporary files were left behind');
});

test('a malformed .khabar/knowledge.json gets a diagnostic where JSON.parse failed; analysis goes on with the bundled knowledge', async () => {
  const file = workspaceUri('.khabar/knowledge.json');
  const original = await vscode.workspace.fs.readFile(file);
  const editor = await open(REPORT_EN);
  await decorationsFor(editor.document);
  try {
    const reanalysed = api.store.next(editor.document.uri, (p) => !!p.entities?.some((e) => e.id === 'kazakhstan') && !p.entities.some((e) => e.id === 'qyzyltal'));
    reanalysed.catch(() => undefined); // awaited below, unless an assertion fails first
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{\n  "entities": [\n    { "id": "broken",, "type": "place" }\n  ]\n}\n'));
    const d = (await diagnosticsFor(file, (x) => x.some((y) => y.code === 'knowledge-malformed'))).find((y) => y.code === 'knowledge-malformed')!;
    console.log(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 2, 'the diagnostic is not on the line of the error');
    await reanalysed; // the bundled knowledge still knows Kazakhstan; the workspace's Qyzyltal is gone
  } finally {
    await vscode.workspace.fs.writeFile(file, original);
  }
  await diagnosticsFor(file, (x) => !x.some((y) => y.code === 'knowledge-malformed'));
  await api.store.waitFor(editor.document.uri, (p) => !!p.entities?.some((e) => e.id === 'qyzyltal'));
});

// ---------------------------------------------------------------------------------------------------
// Right-to-left lines stay legible (issue 14)

const BIDI = 'bidi.article';
/** A right-to-left line with figures (Arabic-Indic and Latin digits), names, a quotation and a dateline. */
const RTL_LINE = 'كابول (رويترز) - قُتل ٧ جنود وأصيب 12 مدنياً في هجوم، وقال شاهد «رأيت 4 مسلحين» في كابول';
const LTR_LINE = 'Seven soldiers were killed and 12 civilians were injured in Kabul on Sunday, Reuters said.';
const RTL_AT = 4;
const LTR_AT = 5;

/** Opens bidi.article (written on first use), the cursor on its left-to-right line. */
async function openBidi(): Promise<vscode.TextEditor> {
  const uri = workspaceUri(BIDI);
  if (!fs.existsSync(uri.fsPath)) {
    const text = ['---', 'title: هجوم في كابول', 'date: 2021-05-02', '---', RTL_LINE, LTR_LINE, ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  const editor = await open(BIDI);
  // A selection renders the whitespace of its line apart: keep the right-to-left line free of it.
  editor.selection = new vscode.Selection(LTR_AT, 0, LTR_AT, 0);
  await api.store.waitFor(uri, (p) => p.version === editor.document.version && p.figures.some((f) => f.range.start.line === RTL_AT) && p.figures.some((f) => f.range.start.line === LTR_AT));
  return editor;
}

/** What is painted on a document once `accept` holds (checked now and after each paint). */
function paintedWhen(uri: vscode.Uri, accept: (p: Painted) => boolean, timeoutMs = TIMEOUT_MS): Promise<Painted> {
  const now = api.decorations.paintedFor(uri);
  if (now && accept(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`never painted as expected on ${uri.toString()}; last: ${JSON.stringify(api.decorations.paintedFor(uri))}`));
    }, timeoutMs);
    const sub = api.decorations.onDidPaint((e) => {
      if (e.uri !== uri.toString() || !e.painted || !accept(e.painted)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.painted);
    });
  });
}

function describeRendered(l: RenderedLine): string {
  return JSON.stringify({ spans: l.spans?.map((s) => [s.className, s.text]), words: l.words?.map((w) => [w.text, Math.round(w.left)]), margin: l.margin });
}

test('a right-to-left line renders as one run in logical order with highlighting on; a left-to-right line keeps inline highlighting (the editor DOM)', async () => {
  const editor = await openBidi();
  assert.equal(api.decorations.decorationMode, 'auto');
  const painted = await paintedWhen(editor.document.uri, (p) => p.version === editor.document.version);
  assert.ok(painted.wholeLines.includes(RTL_AT), `the right-to-left line is not marked whole: ${JSON.stringify(painted)}`);
  assert.ok(!painted.wholeLines.includes(LTR_AT), 'the left-to-right line is marked whole');
  assert.ok(painted.inline > 0, 'nothing painted inline');
  // The hover over the line lists its figures and names with their words (isolated).
  const hover = painted.lineHovers[RTL_AT];
  console.log(`  hover of the right-to-left line: ${hover.replace(/\n/g, ' | ')}`);
  assert.match(hover, /Khabar on this line/);
  assert.match(hover, /7 killed\*\* · military/);
  assert.ok(hover.includes('\u201C\u2068٧ جنود\u2069\u201D'), 'the figure\'s words are not quoted and isolated');
  assert.match(hover, /12 injured\*\* · civilians/);
  assert.match(hover, /place \*\*Kabul\*\* — \u201C\u2068كابول\u2069\u201D/);
  if (!canReadDom()) {
    console.log('  no driver to read the rendered editor: DOM checks skipped');
    return;
  }
  const [rtl, ltr] = await renderedLines([{ text: RTL_LINE, wholeLine: true, gutter: true }, { text: LTR_LINE, inline: true }]);
  console.log(`  rendered right-to-left line: ${describeRendered(rtl)}`);
  console.log(`  rendered left-to-right line: ${describeRendered(ltr)}`);
  assert.equal(rtl.textContent, RTL_LINE, 'the rendered text is not the document line');
  assert.equal(rtl.spans!.length, 1, `the right-to-left line is cut into ${rtl.spans!.length} spans`);
  assert.ok(!rtl.spans!.some((s) => decorationClass(s.className)), 'a decoration cuts the right-to-left line');
  assert.ok(rtl.wholeLine, 'no whole-line tint on the right-to-left line');
  assert.ok(rtl.margin!.some(decorationClass), 'no gutter icon on the right-to-left line');
  assert.ok(laidOutRightToLeft(rtl.words!), 'the right-to-left line\'s words are not laid out right to left, in the order of the text');
  assert.ok(ltr.inlineDecorated, 'the left-to-right line has no inline decoration');
  assert.ok(ltr.spans!.some((s) => decorationClass(s.className)), 'no name is coloured inside the left-to-right line');
  assert.ok(!ltr.wholeLine, 'the left-to-right line is tinted whole');
  assert.ok(laidOutLeftToRight(ltr.words!), 'the left-to-right line\'s words are out of order');
});

test('khabar.decorations.mode: inline cuts a right-to-left line into misordered pieces (what auto avoids); line marks every line whole', async () => {
  const editor = await openBidi();
  const uri = editor.document.uri;
  const config = vscode.workspace.getConfiguration('khabar');
  try {
    await config.update('decorations.mode', 'inline', vscode.ConfigurationTarget.Workspace);
    await paintedWhen(uri, (p) => p.wholeLines.length === 0 && p.inline > 0);
    if (canReadDom()) {
      const [rtl] = await renderedLines([{ text: RTL_LINE, inline: true }]);
      console.log(`  inline mode, right-to-left line: ${describeRendered(rtl)}`);
      assert.ok(rtl.spans!.length > 1, 'inline names did not cut the line');
      assert.ok(!laidOutRightToLeft(rtl.words!), 'the cut line still reads right to left (then auto mode would not be needed)');
    }
    await config.update('decorations.mode', 'line', vscode.ConfigurationTarget.Workspace);
    const line = await paintedWhen(uri, (p) => p.wholeLines.includes(RTL_AT) && p.wholeLines.includes(LTR_AT));
    assert.equal(line.inline, 0, 'line mode painted inside a line');
    if (canReadDom()) {
      const [ltr] = await renderedLines([{ text: LTR_LINE, wholeLine: true }]);
      assert.ok(!ltr.spans!.some((s) => decorationClass(s.className)), 'line mode cut the left-to-right line');
    }
  } finally {
    await config.update('decorations.mode', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await paintedWhen(uri, (p) => p.wholeLines.includes(RTL_AT) && !p.wholeLines.includes(LTR_AT));
});

test('figures and names are toggled apart (Toggle Figure Highlighting, Toggle Name Highlighting)', async () => {
  const editor = await openBidi();
  const uri = editor.document.uri;
  const total = (p: Painted | undefined) => (p ? p.counts.killed + p.counts.injured + p.counts.arrested : 0);
  const names = (p: Painted | undefined) => (p ? p.entities.place + p.entities.person + p.entities.organization : 0);
  const before = await paintedWhen(uri, (p) => total(p) > 0 && names(p) > 0);
  try {
    await vscode.commands.executeCommand('khabar.toggleDecorations');
    let now = api.decorations.paintedFor(uri);
    assert.equal(total(now), 0, 'figures still painted');
    assert.equal(names(now), names(before), 'turning figures off changed the names');
    assert.ok(now?.wholeLines.includes(RTL_AT), 'the right-to-left line lost its names\' mark');
    await vscode.commands.executeCommand('khabar.toggleEntities');
    assert.equal(api.decorations.paintedFor(uri), undefined, 'something is still painted with both off');
    await vscode.commands.executeCommand('khabar.toggleDecorations');
    now = api.decorations.paintedFor(uri);
    assert.equal(total(now), total(before));
    assert.equal(names(now), 0, 'turning figures on brought the names back');
  } finally {
    if (!api.decorations.isEnabled) await vscode.commands.executeCommand('khabar.toggleDecorations');
    if (!api.decorations.isEntitiesEnabled) await vscode.commands.executeCommand('khabar.toggleEntities');
  }
  assert.equal(names(api.decorations.paintedFor(uri)), names(before));
});

test('the reading view: right-to-left paragraphs, figures and names marked in the theme colours, a strict CSP; it follows edits, and a click selects the word in the editor', async () => {
  const editor = await openBidi();
  const doc = editor.document;
  const rendered = (accept: (r: ReadingRender) => boolean) => {
    const now = api.readingView.lastRender;
    if (now && accept(now)) return Promise.resolve(now);
    return withTimeout(new Promise<ReadingRender>((resolve) => {
      const sub = api.readingView.onDidRender((r) => {
        if (!accept(r)) return;
        sub.dispose();
        resolve(r);
      });
    }), TIMEOUT_MS, 'the reading view never rendered as expected');
  };
  try {
    await vscode.commands.executeCommand('khabar.openReadingView');
    assert.ok(api.readingView.webviewPanel, 'no reading view panel');
    assert.equal(api.readingView.shown?.uri.toString(), doc.uri.toString());
    const first = await rendered((r) => r.uri === doc.uri.toString() && r.version === doc.version);
    assert.match(first.html, new RegExp(`<p data-line="${RTL_AT}" dir="rtl">`));
    assert.match(first.html, new RegExp(`<p data-line="${LTR_AT}" dir="ltr">`));
    assert.match(first.html, /<mark [^>]*class="figure killed" title="7 killed · military — “٧ جنود”">٧ جنود<\/mark>/);
    assert.match(first.html, /<mark [^>]*class="entity place known" title="place: Kabul">كابول<\/mark>/);
    if (canReadDom()) {
      const view = await readingViewDom({ waitText: 'قُتل ٧ جنود', version: doc.version });
      assert.ok(view.csp && /default-src 'none'/.test(view.csp) && !/https?:|\*/.test(view.csp), `not a strict CSP: ${view.csp}`);
      const rtl = view.paragraphs.find((p) => p.line === RTL_AT)!;
      console.log(`  reading view, right-to-left paragraph: ${JSON.stringify({ dir: rtl.dir, marks: rtl.marks.map((m) => [m.className, m.text, m.background, m.color]) })}`);
      assert.equal(rtl.dir, 'rtl');
      assert.equal(rtl.text, RTL_LINE);
      const killed = rtl.marks.find((m) => /\bkilled\b/.test(m.className));
      assert.ok(killed && killed.background !== 'rgba(0, 0, 0, 0)' && killed.background !== '', `the killed mark has no theme background: ${JSON.stringify(killed)}`);
      assert.ok(killed.title.includes('7 killed'), 'no tooltip on the mark');
      const place = rtl.marks.find((m) => /\bplace\b/.test(m.className));
      assert.ok(place && place.color !== rtl.color, `the place is not coloured apart: ${JSON.stringify(place)} in ${rtl.color}`);
      // Laid out right to left: on its first visual line, each word starts left of the one before.
      const firstRow = rtl.words.filter((w) => Math.abs(w.top - rtl.words[0].top) < 2);
      assert.ok(firstRow.length > 3 && laidOutRightToLeft(firstRow), `the paragraph does not read right to left: ${JSON.stringify(firstRow)}`);
    }
    // An edit: the view follows once the server analysed it.
    const end = doc.lineAt(LTR_AT).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '\nوأصيب 3 من رجال الشرطة')));
    const edited = await rendered((r) => r.version === doc.version);
    const added = new RegExp(`<p data-line="${LTR_AT + 1}" dir="rtl">(.*?)</p>`).exec(edited.html)?.[1] ?? '';
    assert.equal(added.replace(/<[^>]+>/g, ''), 'وأصيب 3 من رجال الشرطة', `the new paragraph is not shown: ${edited.html.slice(-400)}`);
    assert.match(added, /class="figure injured"/, `the new figure is not marked: ${added}`);
    // A click on a word selects it in the editor.
    const word = 'جنود';
    const selected = withTimeout(new Promise<string>((resolve) => {
      const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
        const text = e.textEditor.document.getText(e.selections[0]);
        if (e.textEditor.document.uri.toString() !== doc.uri.toString() || text !== word) return;
        sub.dispose();
        resolve(text);
      });
    }), TIMEOUT_MS, `the editor never selected "${word}"`);
    if (canReadDom()) {
      const clicked = await readingViewDom({ waitText: 'وأصيب 3', version: doc.version, click: word });
      assert.ok(clicked.clicked, 'nothing was clicked');
    } else {
      await api.readingView.handleMessage({ type: 'select', line: RTL_AT, character: RTL_LINE.indexOf(word) + 1 });
    }
    await selected;
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the click did not go to the article\'s editor');
    // Selecting in the editor marks the paragraph in the view.
    const active = vscode.window.activeTextEditor!;
    const followed = withTimeout(new Promise<void>((resolve) => {
      const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== active || e.selections[0].isEmpty || e.selections[0].start.line !== RTL_AT) return;
        sub.dispose();
        resolve();
      });
    }), TIMEOUT_MS, 'the editor never reported the new selection');
    active.selection = new vscode.Selection(RTL_AT, 0, RTL_AT, 5);
    await followed;
    assert.deepEqual(api.readingView.lastFollow.selection, { from: RTL_AT, to: RTL_AT });
    if (canReadDom()) {
      const marked = await readingViewDom({ waitText: 'وأصيب 3', version: doc.version, waitClass: 'selected' });
      const lines = marked.paragraphs.filter((p) => /\bselected\b/.test(p.className)).map((p) => p.line);
      assert.deepEqual(lines, [RTL_AT], `the view marks lines ${JSON.stringify(lines)}`);
    }
  } finally {
    api.readingView.webviewPanel?.dispose();
    // Back to the text on disk.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
});

// ---------------------------------------------------------------------------------------------------
// Curation (issue 18): quick fixes and Events view actions write .khabar/curation.json; Undo restores it

const CURATION = '.khabar/curation.json';

interface CurationEntry {
  id: string;
  document: string;
  target: { type: string; exact?: string };
  change: { op: string; [field: string]: unknown };
  reason?: string;
  by?: string;
  at?: string;
}

/** The curation file as the editor has it (its open document, else the disk); null when there is none. */
async function curationText(): Promise<string | null> {
  const uri = workspaceUri(CURATION);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) return doc.getText();
  try {
    return await readText(uri);
  } catch {
    return null;
  }
}

async function curationEntries(): Promise<CurationEntry[]> {
  const text = await curationText();
  return text?.trim() ? (JSON.parse(text) as { corrections: CurationEntry[] }).corrections : [];
}

/** The quick fixes at a range, resolved (their edits made), as the light bulb lists them. */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The provider answers for documents the editor holds.
  await vscode.workspace.openTextDocument(uri);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 100);
  return (actions ?? []).filter((a) => a.title.startsWith('Khabar:'));
}

/** Runs a quick fix as the editor does: its edit, then its command. */
async function runFix(action: vscode.CodeAction): Promise<unknown> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was not applied`);
  return action.command ? vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? [])) : undefined;
}

/** The answers the curation commands get instead of asking: input boxes in turn, and what to pick in quick picks. */
function answers(inputs: string[], pick: (item: vscode.QuickPickItem) => boolean = () => false): void {
  api.curation.prompts = {
    inputBox: async () => inputs.shift(),
    quickPick: async (items) => items.find(pick),
  };
}

/** Undoes the last Khabar edit of the curation file in its editor (a file the edit created is deleted), and closes the editor. */
async function undoCuration(): Promise<void> {
  const uri = workspaceUri(CURATION);
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  await vscode.commands.executeCommand('undo');
  if (!editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/** The Qyzyltal event (the one that the English report is a source of), once `accept` holds for it. */
async function qyzyltalEvent(accept: (e: EventView) => boolean, what: string): Promise<EventView> {
  const en = workspaceUri(REPORT_EN).toString();
  const find = (p: EventsParams) => p.events.find((e) => e.sources.includes(en));
  const p = await eventsWhen((x) => { const e = find(x); return !!e && accept(e); }).catch((e: unknown) => {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}; the event: ${JSON.stringify(api.store.events && find(api.store.events))}`);
  });
  return find(p)!;
}

const civiliansKilled = (e: EventView) => e.figures.find((f) => f.kind === 'killed' && f.group === 'civilians');

/** Runs a fix (or command), checks the one entry it wrote and what the editor shows then, undoes it and checks that all is as before. */
async function correctAndUndo(run: () => Thenable<unknown>, expected: { op: string; document?: string; [field: string]: unknown }, shows: () => Promise<unknown>, restored: () => Promise<unknown>): Promise<CurationEntry> {
  assert.deepEqual(await curationEntries(), [], 'corrections are left from before');
  const outcome = (await run()) as { applied: boolean; message?: string };
  assert.equal(outcome?.applied, true, `not applied: ${JSON.stringify(outcome)}`);
  const entries = await curationEntries();
  assert.equal(entries.length, 1, JSON.stringify(entries));
  const [entry] = entries;
  for (const [k, v] of Object.entries(expected)) {
    if (k === 'document') assert.equal(entry.document, v);
    else if (k !== 'op') assert.deepEqual(entry.change[k], v, `${k} of ${JSON.stringify(entry.change)}`);
  }
  assert.equal(entry.change.op, expected.op);
  assert.match(entry.at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await shows();
  await undoCuration();
  assert.deepEqual(await curationEntries(), [], 'Undo left corrections');
  await restored();
  return entry;
}

test('curation: on a conflict, keep this source\'s figure with a reason (adjudicated: best estimate, the warning becomes information); Undo restores the warning', async () => {
  const en = workspaceUri(REPORT_EN);
  const d = conflictOf(await diagnosticsFor(en, (x) => conflictOf(x)?.severity === vscode.DiagnosticSeverity.Warning))!;
  const fixes = await quickFixes(en, d.range);
  console.log(`  quick fixes: ${fixes.map((f) => f.title).join(' | ')}`);
  const keep = fixes.find((f) => /best estimate/.test(f.title));
  assert.ok(keep, 'no fix to keep this source\'s figure');
  assert.equal(keep.isPreferred, true);
  assert.equal(await curationText(), null, 'a curation file exists already');
  await vscode.workspace.getConfiguration('khabar').update('curation.author', 'Leila', vscode.ConfigurationTarget.Workspace);
  answers(['the ministry confirmed one civilian']);
  const entry = await correctAndUndo(() => runFix(keep), { op: 'adjudicate', document: REPORT_EN }, async () => {
    const e = await qyzyltalEvent((e) => !!civiliansKilled(e)?.adjudication, 'adjudicated in the Events view');
    assert.equal(civiliansKilled(e)!.best, 1);
    assert.equal(civiliansKilled(e)!.adjudication?.reason, 'the ministry confirmed one civilian');
    await diagnosticsFor(en, (x) => conflictOf(x)?.severity === vscode.DiagnosticSeverity.Information);
  }, async () => {
    await qyzyltalEvent((e) => !civiliansKilled(e)?.adjudication, 'no longer adjudicated');
    await diagnosticsFor(en, (x) => conflictOf(x)?.severity === vscode.DiagnosticSeverity.Warning);
  });
  await vscode.workspace.getConfiguration('khabar').update('curation.author', undefined, vscode.ConfigurationTarget.Workspace);
  assert.equal(entry.reason, 'the ministry confirmed one civilian');
  assert.equal(entry.by, 'Leila');
  assert.equal(entry.target.exact, 'one civilian');
});

test('curation: on a conflict, "an update" and "not a disagreement" resolve it in the Events view; Undo restores the conflict', async () => {
  const en = workspaceUri(REPORT_EN);
  for (const op of ['update', 'notConflict'] as const) {
    const d = conflictOf(await diagnosticsFor(en, (x) => conflictOf(x)?.severity === vscode.DiagnosticSeverity.Warning))!;
    const fix = (await quickFixes(en, d.range)).find((f) => (op === 'update' ? /updated/.test(f.title) : /do not disagree/.test(f.title)));
    assert.ok(fix, `no fix for ${op}`);
    await correctAndUndo(() => runFix(fix), { op, document: REPORT_EN }, async () => {
      const e = await qyzyltalEvent((e) => civiliansKilled(e)?.resolution === op, `resolved as ${op}`);
      assert.equal(civiliansKilled(e)!.conflict, false);
    }, () => qyzyltalEvent((e) => !civiliansKilled(e)?.resolution && civiliansKilled(e)!.conflict, 'the conflict back'));
  }
});

test('curation: the quick fixes of a figure (not a casualty figure, kind, group, value, approximate) change its decoration, marked curated; Undo restores it', async () => {
  const editor = await open(REPORT_EN);
  const doc = editor.document;
  const at = doc.getText().indexOf('one civilian');
  const range = new vscode.Range(doc.positionAt(at + 1), doc.positionAt(at + 1));
  const figure = (p: DecorationsParams) => p.figures.find((f) => doc.offsetAt(new vscode.Position(f.range.start.line, f.range.start.character)) === at);
  const original = figure(await decorationsFor(doc));
  assert.ok(original, 'no figure "one civilian"');
  const fixes = await quickFixes(doc.uri, range);
  const byTitle = (re: RegExp) => { const f = fixes.find((x) => re.test(x.title)); assert.ok(f, `no fix ${re}: ${fixes.map((x) => x.title).join(' | ')}`); return f; };
  const cases: { fix: vscode.CodeAction; expected: { op: string; [k: string]: unknown }; input?: string; check: (f: FigureDecoration | undefined) => boolean }[] = [
    { fix: byTitle(/is not a casualty figure/), expected: { op: 'notCasualty' }, check: (f) => f === undefined },
    { fix: byTitle(/counts people injured/), expected: { op: 'kind', kind: 'injured' }, check: (f) => f?.kind === 'injured' && f.curated === true },
    { fix: byTitle(/are police$/), expected: { op: 'group', group: 'police' }, check: (f) => f?.group === 'police' && f.curated === true },
    { fix: byTitle(/correct the value/), input: '2-3', expected: { op: 'value', low: 2, high: 3 }, check: (f) => f?.low === 2 && f.high === 3 && f.curated === true },
    { fix: byTitle(/is approximate$/), expected: { op: 'approximate', approximate: true }, check: (f) => f?.approximate === true && f.curated === true },
  ];
  for (const c of cases) {
    if (c.input) answers([c.input]);
    await correctAndUndo(() => runFix(c.fix), { ...c.expected, document: REPORT_EN }, async () => {
      const p = await api.store.waitFor(doc.uri, (p) => c.check(figure(p)), TIMEOUT_MS).catch(() => { throw new Error(`${c.expected.op}: the decorations never showed it: ${describeFigures(api.store.get(doc.uri)?.figures ?? [])}`); });
      if (c.expected.op !== 'notCasualty') assert.ok(api.decorations.paintedFor(doc.uri), 'nothing painted');
      return p;
    }, () => api.store.waitFor(doc.uri, (p) => { const f = figure(p); return !!f && !f.curated && f.kind === original.kind && f.group === original.group && f.low === original.low; }, TIMEOUT_MS));
  }
});

test('curation: the quick fixes of a name (not a name, another spelling of…, a new place in the workspace knowledge base); Undo restores them', async () => {
  const name = 'curation-names.txt';
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('Gunmen killed two men in the village of Tuzkolbek on Tuesday, police in Qyzyltal said.\n'));
  try {
    const editor = await open(name);
    const doc = editor.document;
    const mentionAt = (p: DecorationsParams, words: string) => p.entities?.find((e) => doc.offsetAt(new vscode.Position(e.range.start.line, e.range.start.character)) === doc.getText().indexOf(words));
    await api.store.waitFor(doc.uri, (p) => p.version === doc.version && !!mentionAt(p, 'Tuzkolbek') && !!mentionAt(p, 'Qyzyltal'), TIMEOUT_MS);
    const fixesAt = (words: string) => quickFixes(doc.uri, new vscode.Range(doc.positionAt(doc.getText().indexOf(words) + 1), doc.positionAt(doc.getText().indexOf(words) + 1)));
    const known = await fixesAt('Qyzyltal');
    console.log(`  on a known name: ${known.map((f) => f.title).join(' | ')}`);
    const notName = known.find((f) => /is not a name/.test(f.title))!;
    await correctAndUndo(() => runFix(notName), { op: 'notName', document: name },
      () => api.store.waitFor(doc.uri, (p) => !mentionAt(p, 'Qyzyltal'), TIMEOUT_MS),
      () => api.store.waitFor(doc.uri, (p) => !!mentionAt(p, 'Qyzyltal'), TIMEOUT_MS));
    const sameAs = known.find((f) => /another spelling/.test(f.title))!;
    let picked: string | undefined;
    answers([], (item) => { if (picked || item.description === 'qyzyltal') return false; picked = item.description; return true; });
    await correctAndUndo(() => runFix(sameAs), { op: 'sameAs', document: name },
      () => api.store.waitFor(doc.uri, (p) => mentionAt(p, 'Qyzyltal')?.id === picked && mentionAt(p, 'Qyzyltal')?.curated === true, TIMEOUT_MS),
      () => api.store.waitFor(doc.uri, (p) => mentionAt(p, 'Qyzyltal')?.id === 'qyzyltal', TIMEOUT_MS));
    const unknown = await fixesAt('Tuzkolbek');
    console.log(`  on a name in no knowledge base: ${unknown.map((f) => f.title).join(' | ')}`);
    const asPlace = unknown.find((f) => /as a place/.test(f.title));
    assert.ok(asPlace, 'no fix to add the name as a place');
    const knowledge = workspaceUri('.khabar/knowledge.json');
    const before = await readText(knowledge);
    answers(['43.3, 76.9']);
    assert.equal(((await runFix(asPlace)) as { applied: boolean }).applied, true);
    const added = (JSON.parse(await readText(knowledge)) as { entities: { id: string; type: string; coordinates?: number[] }[] }).entities.at(-1);
    assert.deepEqual(added && { id: added.id, type: added.type, coordinates: added.coordinates }, { id: 'tuzkolbek', type: 'place', coordinates: [76.9, 43.3] });
    await api.store.waitFor(doc.uri, (p) => mentionAt(p, 'Tuzkolbek')?.inKnowledgeBase === true && mentionAt(p, 'Tuzkolbek')?.id === 'tuzkolbek', TIMEOUT_MS);
    await vscode.window.showTextDocument(knowledge, { preview: false });
    // Khabar saves the Undo of its edit, as it saved the edit.
    const saved = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.toString() === knowledge.toString()) { sub.dispose(); resolve(); } });
    });
    await vscode.commands.executeCommand('undo');
    await withTimeout(saved, TIMEOUT_MS, 'the Undo of the knowledge file was not saved');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await readText(knowledge), before, 'Undo did not restore the knowledge file');
    await api.store.waitFor(doc.uri, (p) => mentionAt(p, 'Tuzkolbek')?.inKnowledgeBase === false, TIMEOUT_MS);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  }
});

test('curation: the Events view\'s actions (type, date, place, split, move, merge) change the event, marked curated; Undo restores it', async () => {
  const en = workspaceUri(REPORT_EN).toString(), ar = workspaceUri(REPORT_AR).toString();
  const start = await qyzyltalEvent((e) => e.sources.includes(ar) && !e.curated, 'the event as the engine links it');
  const eventNode = () => api.events.getChildren().find((n) => n.kind === 'event' && n.event.sources.includes(en))!;
  const arReport = (): EventsNode => {
    for (const f of api.events.getChildren(eventNode())) for (const r of api.events.getChildren(f)) if (r.kind === 'report' && r.report.uri === ar) return r;
    throw new Error('no report of the Arabic article');
  };
  const other = api.store.events!.events.find((e) => !e.sources.includes(en) && e.sources.length);
  assert.ok(other, 'no other event to merge with');
  const same = () => qyzyltalEvent((e) => !e.curated && e.type === start.type && e.sources.includes(ar) && e.place?.entity === start.place?.entity && e.date?.start === start.date?.start, 'the event as it was');
  answers([], (item) => (item as { type?: string }).type === 'bombing');
  await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.setType', eventNode()), { op: 'type', type: 'bombing' },
    () => qyzyltalEvent((e) => e.type === 'bombing' && e.curated === true, 'the type set'), same);
  answers(['2024-03-13']);
  await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.setDate', eventNode()), { op: 'date', start: '2024-03-13', end: '2024-03-13', precision: 'day' },
    () => qyzyltalEvent((e) => e.date?.start === '2024-03-13' && e.curated === true, 'the date set'), same);
  answers([], (item) => item.description === 'daniyar-seitkali' || item.label === 'Almaty');
  const place = await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.setPlace', eventNode()), { op: 'place' },
    async () => { const e = await qyzyltalEvent((e) => e.place?.entity !== start.place?.entity && e.curated === true, 'the place set'); console.log(`  place set: ${JSON.stringify(e.place)}`); }, same);
  assert.ok(place.change.entity, 'no entity');
  await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.splitReport', arReport()), { op: 'split', document: REPORT_AR },
    () => qyzyltalEvent((e) => !e.sources.includes(ar), 'the Arabic report split off'), same);
  answers([], (item) => !!(item as { event?: EventView }).event?.sources.includes(other.sources[0]));
  await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.moveReport', arReport()), { op: 'moveTo', document: REPORT_AR },
    async () => { await qyzyltalEvent((e) => !e.sources.includes(ar), 'the Arabic report moved'); await eventsWhen((p) => p.events.some((e) => e.sources.includes(ar) && e.sources.includes(other.sources[0]))); }, same);
  answers([], (item) => !!(item as { event?: EventView }).event?.sources.includes(other.sources[0]));
  await correctAndUndo(() => vscode.commands.executeCommand('khabar.events.mergeEvents', eventNode()), { op: 'mergeWith' },
    () => qyzyltalEvent((e) => e.sources.includes(other.sources[0]) && e.curated === true, 'the events merged'), same);
});

test('curation: Khabar: List Corrections reveals a correction\'s words; Clear Corrections That No Longer Match takes out the stale one', async () => {
  const editor = await open(REPORT_EN);
  const doc = editor.document;
  const at = doc.getText().indexOf('one civilian');
  const fixes = await quickFixes(doc.uri, new vscode.Range(doc.positionAt(at + 1), doc.positionAt(at + 1)));
  assert.equal(((await runFix(fixes.find((f) => /is approximate$/.test(f.title))!)) as { applied: boolean }).applied, true);
  await vscode.window.showTextDocument(workspaceUri('en.article'));
  answers([], () => true);
  const listed = (await vscode.commands.executeCommand('khabar.listCorrections')) as { stale: boolean } | undefined;
  assert.equal(listed?.stale, false);
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the correction\'s article was not shown');
  assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), 'one civilian');
  const cleared = (await vscode.commands.executeCommand('khabar.clearStaleCorrections')) as { removed: number };
  assert.equal(cleared.removed, 0, 'a matching correction was cleared');
  // The words reworded: the correction no longer matches (a warning in the curation file), and is cleared.
  const reworded = new vscode.WorkspaceEdit();
  reworded.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'one civilian'.length)), 'a bystander');
  assert.ok(await vscode.workspace.applyEdit(reworded));
  const stale = await diagnosticsFor(workspaceUri(CURATION), (d) => d.some((x) => x.code === 'curation-stale'));
  console.log(`  stale: ${stale.map((x) => x.message).join(' | ')}`);
  assert.equal(((await vscode.commands.executeCommand('khabar.clearStaleCorrections')) as { removed: number }).removed, 1);
  assert.deepEqual(await curationEntries(), []);
  await diagnosticsFor(workspaceUri(CURATION), (d) => !d.some((x) => x.code === 'curation-stale'));
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  assert.equal(doc.getText().indexOf('one civilian'), at, 'the article was not restored');
  await doc.save();
  await vscode.workspace.fs.delete(workspaceUri(CURATION));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('an untitled article takes part in the Events view like a saved one', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'KABUL, Afghanistan, May 2, 2021 — Seven soldiers were killed in Kabul on Sunday, the ministry said.\n' });
  await vscode.window.showTextDocument(doc);
  await decorationsFor(doc);
  const key = doc.uri.toString();
  const linked = await eventsWhen((p) => p.documents.some((d) => d.uri === key) && p.events.some((e) => e.sources.includes(key)));
  const event = linked.events.find((e) => e.sources.includes(key))!;
  console.log(`  ${key}: in the ${event.type} event at ${event.place?.name ?? '?'} with ${event.sources.length} source(s)`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await eventsWhen((p) => !p.documents.some((d) => d.uri === key));
});

test('khabar.restartServer restarts the server, which analyses the open articles again', async () => {
  const editor = await open('fa.md');
  await decorationsFor(editor.document);
  const again = api.store.next(editor.document.uri, (p) => p.version === editor.document.version, TIMEOUT_MS);
  await vscode.commands.executeCommand('khabar.restartServer');
  await again;
  assert.ok(api.client.isRunning(), 'the client is not running after the restart');
});

/** What the client showed at the moment its store was cleared. */
interface ClearedSnapshot {
  size: number;
  events: EventsParams | undefined;
  decorations: DecorationsParams | undefined;
  painted: unknown;
  eventNodes: number;
  viewMessage: string | undefined;
  status: string;
  statusText: string;
  statusCommand: string | undefined;
}

/** Resolves with what the client showed when its store is next cleared (a server stopped). */
function nextClear(uri: vscode.Uri, timeoutMs = TIMEOUT_MS): Promise<ClearedSnapshot> {
  let sub: vscode.Disposable | undefined;
  const cleared = new Promise<ClearedSnapshot>((resolve) => {
    sub = api.store.onDidClear(() => {
      sub?.dispose();
      const command = api.statusItem.command;
      resolve({
        size: api.store.size,
        events: api.store.events,
        decorations: api.store.get(uri),
        painted: api.decorations.paintedFor(uri),
        eventNodes: api.events.getChildren().length,
        viewMessage: api.eventsView.message,
        status: api.serverStatus,
        statusText: api.statusItem.text,
        statusCommand: typeof command === 'string' ? command : command?.command,
      });
    });
  });
  return withTimeout(cleared, timeoutMs, 'the store was not cleared').finally(() => sub?.dispose());
}

function assertCleared(snap: ClearedSnapshot, status: 'restarting' | 'stopped'): void {
  assert.equal(snap.size, 0, 'decorations of the dead server are still in the store');
  assert.equal(snap.decorations, undefined);
  assert.equal(snap.painted, undefined, 'the editor still shows the dead server\'s decorations');
  assert.equal(snap.events, undefined, 'the dead server\'s events are still in the store');
  assert.equal(snap.eventNodes, 0, 'the Events view still lists the dead server\'s events');
  assert.match(snap.viewMessage ?? '', /Waiting for the Khabar language server/);
  assert.equal(snap.status, status);
  assert.match(snap.statusText, status === 'restarting' ? /Khabar: restarting/ : /Khabar: stopped/);
  if (status === 'stopped') assert.equal(snap.statusCommand, 'khabar.restartServer');
}

test('a crashed server is restarted by the client and analyses the open articles again; meanwhile nothing of the dead server is shown', async () => {
  const editor = await open('en.article');
  await decorationsFor(editor.document);
  await eventsWhen((p) => p.events.length > 0 && !p.indexing);
  assert.ok((api.decorations.paintedFor(editor.document.uri)?.counts.killed ?? 0) > 0, 'nothing painted before the crash');
  const pid = api.client.serverProcess?.pid;
  assert.ok(pid, 'no server process');
  const crashesBefore = api.serverCrashes;
  const cleared = nextClear(editor.document.uri);
  const again = api.store.next(editor.document.uri, (p) => p.version === editor.document.version, TIMEOUT_MS);
  process.kill(pid, 'SIGKILL');
  // After the crash, before the new server has sent anything: an empty store, nothing painted, "restarting".
  assertCleared(await cleared, 'restarting');
  await again;
  assert.equal(api.serverCrashes, crashesBefore + 1);
  const newPid = api.client.serverProcess?.pid;
  assert.ok(newPid && newPid !== pid, `the server was not restarted (pid ${pid} -> ${newPid})`);
  assert.ok(api.client.isRunning());
  assert.equal(api.serverStatus, 'running');
  await eventsWhen((p) => p.events.length > 0 && !p.indexing);
});

test('after the fifth crash within three minutes the client gives up: nothing stale is shown, the status bar says stopped and restarts it', async () => {
  const editor = await open('en.article');
  await decorationsFor(editor.document);
  let last: ClearedSnapshot | undefined;
  for (let i = 0; i < 6 && api.serverStatus !== 'stopped'; i++) {
    const pid = api.client.serverProcess?.pid;
    assert.ok(pid && api.client.isRunning(), `crash ${i}: no running server`);
    const cleared = nextClear(editor.document.uri);
    const settled = new Promise<void>((resolve) => {
      const sub = api.client.onDidChangeState((e) => {
        if (e.newState === 2 /* State.Running */ || api.serverStatus === 'stopped') {
          sub.dispose();
          resolve();
        }
      });
    });
    process.kill(pid, 'SIGKILL');
    last = await cleared;
    await withTimeout(settled, TIMEOUT_MS, `the client neither restarted nor gave up after crash ${i}`);
  }
  assert.equal(api.serverStatus, 'stopped', `the client never gave up (${api.serverCrashes} crashes)`);
  assert.ok(last);
  assertCleared(last, 'stopped');
  // For good: the store stays empty and the editor unpainted.
  assert.equal(api.store.size, 0);
  assert.equal(api.store.events, undefined);
  assert.equal(api.decorations.paintedFor(editor.document.uri), undefined);
  assert.match(api.statusItem.text, /Khabar: stopped/);
  assert.equal(api.statusItem.command, 'khabar.restartServer');
  // The command the status bar offers brings it back.
  const again = api.store.next(editor.document.uri, (p) => p.version === editor.document.version, TIMEOUT_MS);
  await vscode.commands.executeCommand('khabar.restartServer');
  await again;
  assert.ok(api.client.isRunning());
  assert.equal(api.serverStatus, 'running');
  await decorationsFor(editor.document);
});

// ---------------------------------------------------------------------------------------------------
// Runner

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  console.log(`Khabar integration tests in VS Code ${vscode.version}`);
  // KHABAR_TEST_FILTER (a regular expression): only the tests it matches, and the activation test.
  const only = process.env.KHABAR_TEST_FILTER ? new RegExp(process.env.KHABAR_TEST_FILTER) : undefined;
  const chosen = cases.filter((c, i) => !only || i === 0 || only.test(c.name));
  for (const c of chosen) {
    const started = Date.now();
    try {
      await withTimeout(c.fn(), 2 * TIMEOUT_MS, c.name);
      passed++;
      console.log(`PASS ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${c.name} (${Date.now() - started} ms): ${e instanceof Error ? e.message : String(e)}`);
    }
    // The activation test provides `api`; nothing else can run without it.
    if (!api) {
      failed += chosen.length - passed - failed;
      break;
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
