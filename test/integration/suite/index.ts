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
import type { KhabarApi } from '../../../client/src/extension';
import type { DecorationsParams, EventsParams, FigureDecoration } from '../../../server/src/protocol';
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
  for (const id of ['khabar.restartServer', 'khabar.toggleDecorations', 'khabar.showOutput', 'khabar.exportEvents']) {
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
  assert.match(d.message, /Steppe Wire 1/, 'the message gives this source\'s figure');
  assert.match(d.message, /وكالة السهوب 2/, 'the message gives the other source\'s figure');
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

test('[engine] undated articles: two reports without any date, linked by what they say, show their conflict as a diagnostic', async () => {
  const en = workspaceUri('undated/herat-mosque.en.txt');
  const fa = workspaceUri('undated/herat-mosque.fa.txt');
  const d = conflictOf(await diagnosticsFor(en, (x) => !!conflictOf(x)))!;
  console.log(`  undated/herat-mosque.en.txt: ${d.message}`);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(d.message, /killed/);
  assert.match(d.message, /14/, 'the message gives this source\'s figure');
  assert.match(d.message, /19/, 'the message gives the other source\'s figure');
  const related = d.relatedInformation ?? [];
  assert.equal(related[0]?.location.uri.toString(), fa.toString(), 'related information leads to the Persian report');
  const faDoc = await vscode.workspace.openTextDocument(fa);
  assert.match(faDoc.getText(related[0].location.range), /۱۹/, `related range covers "${faDoc.getText(related[0].location.range)}"`);
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
  for (const c of cases) {
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
      failed += cases.length - passed - failed;
      break;
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
