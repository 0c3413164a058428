/**
 * Khabar's language server. Indexes every article of the workspace (open documents from the editor's
 * text, the others from disk), analyses each once per version, links events across them, and feeds
 * every editor feature from those results: the `khabar/decorations` notification (figures and
 * entities of open articles), diagnostics (problems of the text, conflicts, updates and vague
 * figures across sources), hovers (figures and entities), the `khabar/events` notification (the
 * Events view) and the `khabar/exportEvents` request.
 *
 * Bundled to dist/server.js; the client starts it over IPC.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  IPCMessageReader,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Disposable,
  type FileSystemWatcher,
  type Hover,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createAnalyzer,
  createWorkspaceIndex,
  type Analyzer,
  type IndexedAnalysis,
  type EntityMention,
  type Figure,
  type InputProblem,
  type KnowledgeBase,
  type Lexicon,
  type ReportFinding,
  type WorkspaceIndex,
} from './core';
import { toCsv, toGeoJson } from './core/formats';
import { loadLexicons } from './node/lexicons';
import { AnalysisCancelled, createAnalysisPool, forEachConcurrent, type AnalysisPool } from './node/parallelIndex';
import type { FileText } from './node/readArticle';
import { IpcWriter } from './node/ipcWriter';
import { tuneV8ForAnalysis } from './node/v8Tuning';
import {
  DecorationsNotification,
  EventsNotification,
  ExportEventsRequest,
  type DecorationsParams,
  type EntityDecoration,
  type EventsDocument,
  type EventsParams,
  type EventView,
  type ExportEventsParams,
  type ExportEventsResult,
  type FigureDecoration,
  type Range,
} from './protocol';
import { ArticleFilter, uriToPath } from './articles';
import { DEFAULT_SETTINGS, readSettings, SETTING_SECTIONS, type ServerSettings } from './settings';
import { figureAt, figureHoverMarkdown, type FigureEventContext } from './hover';
import { findingMessage, formatValue, isolate, type SourceValue } from './wording';
import { TextLines } from './textLines';
import { canonicalUri, languageIdForPath, listArticleFiles, pathToUri, readArticleFile } from './workspaceFiles';
import { isWorkspaceKnowledgePath, KnowledgeLoader, WORKSPACE_KNOWLEDGE_GLOB } from './knowledgeFiles';
import { entityAppearances, entityHoverMarkdown, eventsDocument, eventView } from './views';

/** The extension's root: the bundle lives in <root>/dist/server.js. */
const EXTENSION_ROOT = path.join(__dirname, '..');
const SOURCE = 'khabar';

tuneV8ForAnalysis();
const connection = createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IpcWriter(process));
const documents = new TextDocuments(TextDocument);

// ---------------------------------------------------------------------------------------------------
// State

type Result =
  | { kind: 'analysed'; analysis: IndexedAnalysis }
  | { kind: 'not-article' }
  | { kind: 'too-large'; sizeKB: number; limitKB: number }
  | { kind: 'failed' };

/** What the server knows of one document, open or on disk. */
interface Entry {
  /** The URI as the client spells it. */
  uri: string;
  /** The version of the open document analysed, or null when the text came from the file on disk. */
  version: number | null;
  /**
   * Which opening of the document ({@link openings}) the version belongs to: versions start again at 1
   * when a document is closed and opened again (Revert File, a checkout), so a version alone does not
   * tell the text. Absent when the text came from disk.
   */
  opening?: number;
  /** The {@link generation} it was computed in; older entries are recomputed. */
  generation: number;
  /** The lines of the analysed text: offsets become positions through them, also when the editor holds another version. */
  lines: TextLines | null;
  result: Result;
  /** True once the decorations of this version were sent (open documents). */
  decorated: boolean;
}

/** Every document by canonical URI ({@link canonicalUri}). */
const entries = new Map<string, Entry>();
/** A fresh number for each didOpen of a URI, while it is open. */
const openings = new Map<string, number>();
let openingCount = 0;
/** Debounce timers of open documents. */
const timers = new Map<string, ReturnType<typeof setTimeout>>();
/** URIs with decorations sent, which must be cleared when they stop being articles. */
const decorated = new Set<string>();
/** URIs with a non-empty diagnostics list sent. */
const diagnosed = new Set<string>();
/** URIs whose diagnostics must be sent again at the next re-link. */
const diagnosticsDirty = new Set<string>();
/** URIs whose findings changed at a re-link of the index not yet followed by {@link relink}. */
const findingsChanged = new Set<string>();

let settings: ServerSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let filter = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders });
let hasConfigurationCapability = false;
let canWatchFiles = false;
let resolveReady: () => void = () => undefined;
/** Settings are pulled from the client and the knowledge base is read after initialisation; everything waits for both. */
const ready = new Promise<void>((resolve) => (resolveReady = resolve));

const knowledgeLoader = new KnowledgeLoader(path.join(EXTENSION_ROOT, 'knowledge'));
let knowledge: KnowledgeBase | undefined;
/** URIs of the workspace knowledge files with diagnostics. */
const knowledgeDiagnosed = new Set<string>();
let lexicons: Lexicon[] | undefined;
let lexiconError: unknown;
let analyzer: Analyzer | undefined;
let index: WorkspaceIndex = createWorkspaceIndex();

/** Bumped when settings or the knowledge base change: every entry of an older generation is stale. */
let generation = 0;
let scanning = false;
let scanDone: Promise<void> = Promise.resolve();
let eventsSequence = 0;

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function keyOf(uri: string): string {
  return canonicalUri(uri);
}

/** The open document of a canonical URI, if any. */
function openDocument(key: string): TextDocument | undefined {
  return documents.get(key) ?? documents.all().find((d) => keyOf(d.uri) === key);
}

function folderPaths(): string[] {
  return workspaceFolders.map(uriToPath).filter((p): p is string => p !== null);
}

/** The export's path of a document: relative to its workspace folder (prefixed by the folder's name when there are several). */
function exportPath(key: string): string {
  const p = uriToPath(key);
  if (p === null) return key;
  const folder = filter.folderOf(p);
  if (!folder) return p;
  const rel = p.slice(folder.length + 1);
  return workspaceFolders.length > 1 ? `${path.posix.basename(folder)}/${rel}` : rel;
}

// ---------------------------------------------------------------------------------------------------
// The knowledge base and the analyzer

/** Workspace knowledge files as read at the last load: analysis workers build their knowledge base from them. */
let workspaceKnowledge: { origin: string; text: string }[] = [];
/** Worker threads for scans of many files; made for a scan, closed after it, and whenever the knowledge base changes. */
let pool: AnalysisPool | undefined;
/** A scan reads this many files from disk or more: worth starting worker threads for. */
const POOL_THRESHOLD = 64;

function analysisPool(): AnalysisPool | undefined {
  if (pool || !lexicons) return pool;
  try {
    pool = createAnalysisPool({
      lexiconsDir: path.join(EXTENSION_ROOT, 'lexicons'), knowledgeDir: path.join(EXTENSION_ROOT, 'knowledge'), extraKnowledge: workspaceKnowledge,
      workers: Math.max(1, Math.min(4, availableParallelism())), workerScript: path.join(__dirname, 'analysisWorker.js'),
    });
  } catch (e) {
    connection.console.warn(`Khabar indexes on one thread: its worker threads could not start (${describe(e)})`);
  }
  return pool;
}

/** Stops the worker threads; resolves when they are gone. */
function closePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  return p ? p.close().catch(() => undefined) : Promise.resolve();
}

function makeAnalyzer(): void {
  analyzer = undefined;
  void closePool();
  if (!lexicons && !lexiconError) {
    try {
      lexicons = loadLexicons(path.join(EXTENSION_ROOT, 'lexicons'));
    } catch (e) {
      lexiconError = e;
      connection.console.error(`Khabar could not load its lexicons; no article will be analysed: ${describe(e)}`);
    }
  }
  if (!lexicons) return;
  try {
    analyzer = createAnalyzer({ lexicons, knowledge });
    connection.console.info(`Khabar analyzer ready (languages: ${analyzer.languages.join(', ') || 'none'}; ${knowledge?.entities.size ?? 0} knowledge-base entities)`);
  } catch (e) {
    connection.console.error(`Khabar could not create its analyzer; no article will be analysed: ${describe(e)}`);
  }
}

/** Reads the bundled and workspace knowledge, publishes the workspace files' problems, and starts afresh. */
async function loadKnowledgeBase(): Promise<void> {
  const started = Date.now();
  try {
    const loaded = await knowledgeLoader.load(folderPaths());
    knowledge = loaded.knowledge;
    workspaceKnowledge = loaded.files.map((f) => ({ origin: f.path, text: f.text }));
    for (const p of loaded.bundledProblems) connection.console.warn(`Khabar knowledge base: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
    for (const s of loaded.skipped) {
      connection.console.warn(`Khabar knowledge base: ${s.path} ${s.message}`);
      void connection.window.showWarningMessage(`Khabar: ${s.path} ${s.message}.`);
    }
    const now = new Set<string>();
    for (const f of loaded.files) {
      const uri = pathToUri(f.path);
      const diagnostics: Diagnostic[] = f.problems.map((p) => ({
        range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + 1 } },
        severity: DiagnosticSeverity.Error,
        code: 'knowledge-malformed',
        source: SOURCE,
        message: p.message,
      }));
      if (diagnostics.length) now.add(uri);
      if (diagnostics.length || knowledgeDiagnosed.has(uri)) void connection.sendDiagnostics({ uri, diagnostics });
      if (f.problems.length) connection.console.warn(`Khabar: ${f.path}: ${f.problems.map((p) => `${p.line + 1}:${p.character + 1} ${p.message}`).join('; ')}`);
    }
    for (const uri of knowledgeDiagnosed) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    knowledgeDiagnosed.clear();
    now.forEach((u) => knowledgeDiagnosed.add(u));
    connection.console.info(
      `Khabar knowledge base: ${loaded.entityCount} entities${loaded.files.length ? ` (with ${loaded.files.map((f) => f.path).join(', ')})` : ''} in ${Date.now() - started} ms`,
    );
  } catch (e) {
    connection.console.error(`Khabar could not read its knowledge base: ${describe(e)}`);
  }
  makeAnalyzer();
  index = createWorkspaceIndex(knowledge);
}

// ---------------------------------------------------------------------------------------------------
// Analysis, once per version

function analyseText(uri: string, languageId: string, text: string, label: string, log: boolean): Result {
  if (!filter.isArticle(uri, languageId)) return { kind: 'not-article' };
  const sizeKB = Buffer.byteLength(text, 'utf8') / 1024;
  if (sizeKB > settings.maxFileSizeKB) {
    connection.console.info(`Khabar skipped ${uri}: ${Math.ceil(sizeKB)} KB is larger than khabar.maxFileSizeKB (${settings.maxFileSizeKB} KB)`);
    return { kind: 'too-large', sizeKB, limitKB: settings.maxFileSizeKB };
  }
  const a = analyzer;
  if (!a) return { kind: 'failed' };
  const started = Date.now();
  try {
    return checkedAnalysis(uri, text, a.analyze({ text, uri }), label, log ? started : undefined);
  } catch (e) {
    connection.console.error(`Khabar failed to analyse ${uri} ${label}: ${describe(e)}`);
    return { kind: 'failed' };
  }
}

/** An analysis made elsewhere (in this thread or a worker), checked before anything reads it. */
function checkedAnalysis(uri: string, text: string, analysis: IndexedAnalysis, label: string, loggedSince?: number): Result {
  if (!analysis || !Array.isArray(analysis.figures) || !Array.isArray(analysis.problems)) {
    throw new Error('the analyzer returned no figures or problems array');
  }
  if (!Array.isArray(analysis.entities)) analysis.entities = [];
  if (analysis.length !== text.length) {
    connection.console.warn(`Khabar: analysis of ${uri} reports length ${analysis.length}, the text has ${text.length}`);
  }
  if (loggedSince !== undefined) {
    connection.console.log(
      `Khabar analysed ${uri} ${label}: ${analysis.figures.length} figure(s), ${analysis.entities.length} entit${analysis.entities.length === 1 ? 'y' : 'ies'}, ${analysis.problems.length} problem(s) in ${Date.now() - loggedSince} ms`,
    );
  }
  return { kind: 'analysed', analysis };
}

/**
 * Reads a file from disk; in a scan's worker threads, which also analyse the text (the main thread
 * then neither waits on the disk nor analyses), else here. A worker that fails leaves both to this thread.
 */
async function readFromDisk(key: string, file: string, workers: AnalysisPool | undefined, signal: AbortSignal | undefined): Promise<{ file: FileText; analysis?: IndexedAnalysis } | 'cancelled'> {
  if (workers) {
    try {
      const f = await workers.analyzeFile({ path: file, maxBytes: settings.maxFileSizeKB * 1024, uri: key }, signal);
      return f.kind === 'text' ? { file: { kind: 'text', text: f.text, encoding: f.encoding, warnings: f.warnings }, analysis: f.analysis } : { file: f };
    } catch (e) {
      if (e instanceof AnalysisCancelled) return 'cancelled';
      connection.console.warn(`Khabar analyses ${key} again on the main thread: ${describe(e)}`);
    }
  }
  return { file: await readArticleFile(file, settings.maxFileSizeKB) };
}

/** The result of a worker's analysis, checked; without one, or when it fails the checks, an analysis here. */
function diskResult(uri: string, languageId: string, text: string, analysis: IndexedAnalysis | undefined): Result {
  if (analysis && filter.isArticle(uri, languageId)) {
    try {
      return checkedAnalysis(uri, text, analysis, '(on disk)');
    } catch (e) {
      connection.console.warn(`Khabar analyses ${uri} again on the main thread: ${describe(e)}`);
    }
  }
  return analyseText(uri, languageId, text, '(on disk)', false);
}

/** Stores an entry, updates the workspace index and schedules a re-link. */
function commit(key: string, entry: Entry): void {
  entries.set(key, entry);
  try {
    // Saved and untitled documents alike: a pasted article is linked into the events as a file is.
    if (entry.result.kind === 'analysed' && /^(file|untitled):/i.test(key)) index.update(key, exportPath(key), entry.result.analysis);
    else index.remove(key);
  } catch (e) {
    connection.console.error(`Khabar could not index ${key}: ${describe(e)}`);
  }
  diagnosticsDirty.add(key);
  scheduleRelink();
}

/** Forgets a document: out of the index, diagnostics cleared at the next re-link. */
function forget(key: string): void {
  const had = entries.delete(key);
  try {
    index.remove(key);
  } catch (e) {
    connection.console.error(`Khabar could not remove ${key} from the index: ${describe(e)}`);
  }
  if (had || diagnosed.has(key)) {
    diagnosticsDirty.add(key);
    scheduleRelink();
  }
}

/** The entry of an open document's current version, analysing it if needed. */
function entryForOpen(doc: TextDocument): Entry {
  const key = keyOf(doc.uri);
  const cached = entries.get(key);
  const opening = openings.get(doc.uri) ?? 0;
  if (cached && cached.version === doc.version && cached.opening === opening && cached.generation === generation) return cached;
  const text = doc.getText();
  // Opening a file indexed from disk, or undoing back to what was analysed: the same text, the same analysis.
  const same = cached && cached.generation === generation && cached.result.kind === 'analysed' && cached.lines?.isText(doc.languageId, text) === true;
  const entry: Entry = {
    uri: doc.uri,
    version: doc.version,
    opening,
    generation,
    lines: TextLines.of(doc.languageId, text),
    result: same ? cached.result : analyseText(doc.uri, doc.languageId, text, `v${doc.version}`, true),
    decorated: false,
  };
  commit(key, entry);
  return entry;
}

/** Reads a closed file from disk and indexes it (or forgets it when it is no article of the workspace). */
async function refreshFromDisk(key: string, workers?: AnalysisPool, signal?: AbortSignal): Promise<'text' | 'too-large' | 'unreadable' | 'gone' | 'open' | 'stale'> {
  const gen = generation;
  if (openDocument(key)) return 'open';
  const p = uriToPath(key);
  if (p === null || !filter.folderOf(p) || !filter.isArticle(key, languageIdForPath(p))) {
    forget(key);
    return 'gone';
  }
  const read = await readFromDisk(key, p, workers, signal);
  if (read === 'cancelled' || gen !== generation) return 'stale';
  const r = read.file;
  if (openDocument(key)) return 'open';
  switch (r.kind) {
    case 'missing':
      forget(key);
      return 'gone';
    case 'unreadable':
      connection.console.info(`Khabar skipped ${p}: ${r.reason}`);
      forget(key);
      return 'unreadable';
    case 'too-large':
      connection.console.info(`Khabar skipped ${p}: ${Math.ceil(r.sizeKB)} KB is larger than khabar.maxFileSizeKB (${settings.maxFileSizeKB} KB)`);
      commit(key, { uri: key, version: null, generation, lines: null, result: { kind: 'too-large', sizeKB: r.sizeKB, limitKB: settings.maxFileSizeKB }, decorated: false });
      return 'too-large';
    case 'text': {
      for (const w of r.warnings) connection.console.info(`Khabar: ${p}: ${w}`);
      const languageId = languageIdForPath(p);
      // A file saved from the editor, or touched without a change: already analysed as it is.
      const known = entries.get(key);
      const result = known && known.generation === gen && known.result.kind === 'analysed' && known.lines?.isText(languageId, r.text) === true
        ? known.result : diskResult(key, languageId, r.text, read.analysis);
      commit(key, { uri: key, version: null, generation, lines: TextLines.of(languageId, r.text), result, decorated: false });
      return 'text';
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Positions

function validSpan(lines: TextLines, s: { start: number; end: number }): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start && s.end <= lines.length;
}

function rangeIn(lines: TextLines | null | undefined, s: { start: number; end: number }): Range | null {
  if (!lines || !validSpan(lines, s)) return null;
  return { start: lines.positionAt(s.start), end: lines.positionAt(s.end) };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

// ---------------------------------------------------------------------------------------------------
// Decorations (open documents)

function toDecoration(lines: TextLines, f: Figure): FigureDecoration {
  return {
    range: { start: lines.positionAt(f.start), end: lines.positionAt(f.end) },
    kind: f.kind,
    group: f.group,
    low: f.low,
    high: f.high,
    approximate: f.approximate,
    explicit: f.explicit,
    text: f.text,
    ...(f.cumulative ? { cumulative: true } : {}),
  };
}

function toEntityDecoration(lines: TextLines, m: EntityMention): EntityDecoration {
  return { range: { start: lines.positionAt(m.start), end: lines.positionAt(m.end) }, type: m.type, id: m.entity, name: m.name, inKnowledgeBase: m.inKnowledgeBase };
}

function sendDecorations(doc: TextDocument, entry: Entry): void {
  if (entry.decorated || entry.version === null) return;
  entry.decorated = true;
  const { result } = entry;
  if (result.kind === 'not-article' && !decorated.has(doc.uri)) return;
  let figures: FigureDecoration[] = [];
  let entityDecorations: EntityDecoration[] = [];
  if (result.kind === 'analysed' && entry.lines) {
    const snapshot = entry.lines;
    try {
      figures = result.analysis.figures.filter((f) => validSpan(snapshot, f)).map((f) => toDecoration(snapshot, f));
      entityDecorations = result.analysis.entities.filter((m) => validSpan(snapshot, m)).map((m) => toEntityDecoration(snapshot, m));
      const dropped = result.analysis.figures.length - figures.length + result.analysis.entities.length - entityDecorations.length;
      if (dropped) connection.console.warn(`Khabar: ${dropped} figure(s) or entities of ${doc.uri} had spans outside the text`);
    } catch (e) {
      connection.console.error(`Khabar could not convert the analysis of ${doc.uri}: ${describe(e)}`);
      figures = [];
      entityDecorations = [];
    }
  }
  if (result.kind === 'not-article') decorated.delete(doc.uri);
  else decorated.add(doc.uri);
  const params: DecorationsParams = { uri: doc.uri, version: entry.version, figures, entities: entityDecorations };
  if (result.kind === 'analysed' && entry.lines) {
    // For the reading view: what to dim and the front matter's block (not painted in the editor).
    const lines = entry.lines;
    const boilerplate = (result.analysis.boilerplate ?? []).map((b) => rangeIn(lines, b)).filter((r): r is Range => r !== null);
    if (boilerplate.length) params.boilerplate = boilerplate;
    const fm = result.analysis.frontMatter;
    const fmRange = fm ? rangeIn(lines, fm.span) : null;
    if (fm && fmRange) params.frontMatter = { range: fmRange, title: fm.title, source: fm.source, published: fm.published, url: fm.url };
  }
  void connection.sendNotification(DecorationsNotification.type, params);
}

function schedule(uri: string, delay = settings.debounceMs): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void ready.then(() => {
        const doc = documents.get(uri);
        if (!doc) return;
        try {
          sendDecorations(doc, entryForOpen(doc));
        } catch (e) {
          connection.console.error(`Khabar: unexpected error while handling ${uri}: ${describe(e)}`);
        }
      });
    }, delay),
  );
}

// ---------------------------------------------------------------------------------------------------
// Diagnostics: problems of the text and what the workspace says about its figures

function problemDiagnostic(lines: TextLines | null, p: InputProblem): Diagnostic {
  const severity =
    p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
  return { range: rangeIn(lines, p) ?? ZERO, severity, code: p.code, source: SOURCE, message: p.message };
}

const FINDING_SEVERITY: Record<ReportFinding['severity'], DiagnosticSeverity> = {
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The event of the workspace a figure was linked to (one look over the events: a hover is rare). */
function figureEvent(uri: string, start: number): FigureEventContext | undefined {
  for (const ev of index.events().values()) {
    if (!ev.sources.includes(uri)) continue;
    if (!ev.figures.some((f) => f.reports.some((r) => r.uri === uri && r.start === start))) continue;
    return { type: ev.type, place: ev.location?.name, date: ev.date?.start, sources: ev.sources.length, dateInferred: ev.inferredDate.includes(uri) };
  }
  return undefined;
}

/** The name a document goes by in messages: its front matter's `source`, else its path. */
function sourceName(key: string): string {
  const result = entries.get(key)?.result;
  return (result?.kind === 'analysed' ? result.analysis.frontMatter?.source : undefined) ?? exportPath(key);
}

/** A finding's message, short and numbers first, names and quotes of another direction isolated (wording.ts), from the finding's data. */
function findingText(f: ReportFinding): string {
  // What each source says of the group, as the index compared them (a source's total, not one of its parts).
  const sources: SourceValue[] = f.sources.map((s) => ({ source: sourceName(s.uri), low: s.low, high: s.high, approximate: s.approximate }));
  return findingMessage({ code: f.code, kind: f.kind, group: f.group, sources, more: f.moreSources, where: f.code === 'vague' ? undefined : f.event });
}

function findingDiagnostic(key: string, entry: Entry, f: ReportFinding): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const r of f.related) {
    const other = entries.get(r.uri);
    const range = rangeIn(other?.lines, r.range);
    if (!range) continue;
    const message = `${isolate(sourceName(r.uri))}: ${formatValue(r)} — \u201C${isolate(r.text)}\u201D`;
    relatedInformation.push({ location: { uri: other?.uri ?? r.uri, range }, message });
  }
  return {
    range: rangeIn(entry.lines, f.range) ?? ZERO,
    severity: FINDING_SEVERITY[f.severity] ?? DiagnosticSeverity.Information,
    code: f.code,
    source: SOURCE,
    message: findingText(f),
    ...(relatedInformation.length ? { relatedInformation } : {}),
  };
}

function diagnosticsOf(key: string, entry: Entry): Diagnostic[] {
  const { result } = entry;
  switch (result.kind) {
    case 'too-large':
      // Closed files over the limit are only logged: a workspace may hold big text files that are no articles.
      if (entry.version === null) return [];
      return [
        {
          range: ZERO,
          severity: DiagnosticSeverity.Information,
          code: 'file-too-large',
          source: SOURCE,
          message: `Khabar did not analyse this file: ${Math.ceil(result.sizeKB)} KB is larger than the khabar.maxFileSizeKB setting (${result.limitKB} KB).`,
        },
      ];
    case 'analysed': {
      const out = result.analysis.problems.map((p) => problemDiagnostic(entry.lines, p));
      if (index.get(key)) for (const f of index.findings(key)) out.push(findingDiagnostic(key, entry, f));
      return out;
    }
    default:
      return [];
  }
}

/** Sends a document's diagnostics as they are now; the promise settles when the message has left the process. */
function publishDiagnostics(key: string): Promise<void> | undefined {
  const entry = entries.get(key);
  let diagnostics: Diagnostic[] = [];
  if (entry) {
    try {
      diagnostics = diagnosticsOf(key, entry);
    } catch (e) {
      connection.console.error(`Khabar could not compute the diagnostics of ${key}: ${describe(e)}`);
    }
  }
  if (!diagnostics.length && !diagnosed.has(key)) return undefined;
  if (diagnostics.length) diagnosed.add(key);
  else diagnosed.delete(key);
  try {
    return connection.sendDiagnostics({ uri: entry?.uri ?? key, ...(entry?.version != null ? { version: entry.version } : {}), diagnostics });
  } catch (e) {
    connection.console.error(`Khabar could not send the diagnostics of ${key}: ${describe(e)}`);
    return undefined;
  }
}

/** Documents whose diagnostics are to be sent; each is computed when its turn comes, from what is known then. */
const diagnosticsQueue = new Set<string>();
/** Open documents among them, sent first: the one being edited does not wait behind a whole workspace's. */
const urgentDiagnostics = new Set<string>();
/**
 * Diagnostics lists sent and not yet written to the client. The end of a scan sends thousands
 * (60 MB of JSON at 10,000 articles); written as the client reads them, they are not all held at once.
 */
const MAX_UNWRITTEN = 16;
const unwritten = new Set<Promise<void>>();
let publishing = false;

/** Sends the queued diagnostics, a few at a time, as the earlier ones are written. */
async function publishQueued(): Promise<void> {
  if (publishing) return;
  publishing = true;
  try {
    while (urgentDiagnostics.size || diagnosticsQueue.size) {
      const queue = urgentDiagnostics.size ? urgentDiagnostics : diagnosticsQueue;
      const key = queue.values().next().value as string;
      urgentDiagnostics.delete(key);
      diagnosticsQueue.delete(key);
      const written = publishDiagnostics(key);
      if (!written) continue;
      unwritten.add(written);
      void written.then(() => unwritten.delete(written));
      if (unwritten.size >= MAX_UNWRITTEN) await Promise.race(unwritten);
    }
  } finally {
    publishing = false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Re-linking: diagnostics of the documents whose findings changed and the events notification

/**
 * The index's export. The index re-links lazily on any call; the documents whose findings changed
 * are collected here whoever called, so that {@link relink} republishes them all.
 */
function linkedExport(): ReturnType<WorkspaceIndex['export']> {
  const r = index.export();
  for (const uri of index.changedSinceLastLink()) findingsChanged.add(uri);
  return r;
}

let relinkTimer: ReturnType<typeof setTimeout> | undefined;

/** Re-links after the last change (debounced); while the workspace is being scanned, at most every 2 s. */
function scheduleRelink(): void {
  if (scanning) {
    relinkTimer ??= setTimeout(relink, 2000);
    return;
  }
  if (relinkTimer) clearTimeout(relinkTimer);
  relinkTimer = setTimeout(relink, Math.max(30, settings.debounceMs));
}

/** What the client was last sent of the Events view's model, to send only what changes. */
let sent: { index: WorkspaceIndex; events: Set<string>; documents: Map<string, IndexedAnalysis> } | undefined;

function relink(): void {
  if (relinkTimer) clearTimeout(relinkTimer);
  relinkTimer = undefined;
  const started = Date.now();
  try {
    for (const uri of index.changedSinceLastLink()) findingsChanged.add(uri);
    const events = index.events();
    const linkedMs = Date.now() - started;
    for (const key of findingsChanged) diagnosticsDirty.add(key);
    findingsChanged.clear();
    // While a scan runs, findings change with every batch of articles: closed documents get theirs once, when it ends.
    let queued = 0;
    const openKeys = new Set(documents.all().map((d) => keyOf(d.uri)));
    for (const key of diagnosticsDirty) {
      const open = openKeys.has(key);
      if (scanning && !open) continue;
      diagnosticsDirty.delete(key);
      (open ? urgentDiagnostics : diagnosticsQueue).add(key);
      queued++;
    }
    void publishQueued();
    // The Events view: the whole model at first (and for a new index), then what changed.
    const full = !sent || sent.index !== index;
    if (full || !sent) sent = { index, events: new Set(), documents: new Map() };
    const rangeOf = (uri: string, start: number, end: number) => rangeIn(entries.get(uri)?.lines, { start, end });
    const changedEvents: EventView[] = [];
    for (const [key, ev] of events) if (!sent.events.has(key)) { changedEvents.push(eventView(ev, rangeOf)); sent.events.add(key); }
    const removedEvents: string[] = [];
    for (const key of sent.events) if (!events.has(key)) removedEvents.push(key);
    for (const key of removedEvents) sent.events.delete(key);
    const changedDocuments: EventsDocument[] = [];
    for (const uri of index.uris()) {
      const a = index.get(uri)!;
      if (sent.documents.get(uri) !== a) { changedDocuments.push(eventsDocument(uri, exportPath(uri), a)); sent.documents.set(uri, a); }
    }
    const removedDocuments: string[] = [];
    for (const uri of sent.documents.keys()) if (!index.get(uri)) removedDocuments.push(uri);
    for (const uri of removedDocuments) sent.documents.delete(uri);
    const params: EventsParams = {
      sequence: ++eventsSequence, documentCount: index.size, indexing: scanning, full, documents: changedDocuments, events: changedEvents,
      ...(removedDocuments.length ? { removedDocuments } : {}), ...(removedEvents.length ? { removedEvents } : {}),
    };
    void connection.sendNotification(EventsNotification.type, params);
    connection.console.log(
      `Khabar linked ${events.size} event(s) across ${index.size} article(s) in ${linkedMs} ms; ${queued} diagnostics list(s) to send; Events view: ${full ? 'whole model' : `${changedEvents.length} event(s) changed, ${removedEvents.length} gone`}${scanning ? ' (still indexing)' : ''}`,
    );
  } catch (e) {
    connection.console.error(`Khabar could not link the workspace's events: ${describe(e)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The workspace: a full scan with progress, and single files as they change

/** Scans the workspace again: every article on disk and every open document, in a new generation. */
function rescan(reason: string): Promise<void> {
  const gen = ++generation;
  scanning = true;
  const run = async (): Promise<void> => {
    const started = Date.now();
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      progress = await connection.window.createWorkDoneProgress();
      // Cancelling stops the scan where it is: what was indexed stays, the rest waits for the next scan or for being opened.
      progress.begin('Khabar', 0, 'Looking for articles…', true);
    } catch {
      progress = undefined;
    }
    const counts = { text: 0, 'too-large': 0, unreadable: 0, gone: 0, open: 0, stale: 0 };
    try {
      const listed = await listArticleFiles(folderPaths(), filter, { cancelled: () => gen !== generation });
      if (gen !== generation) return;
      if (listed.truncated) connection.console.warn(`Khabar indexes the first ${listed.files.length} article files of the workspace only`);
      const targets = new Set(listed.files.map(pathToUri));
      for (const doc of documents.all()) targets.add(keyOf(doc.uri));
      const total = targets.size;
      let done = 0;
      let lastReport = 0;
      // Many files on disk: analysed by worker threads while this thread reads the next ones and
      // stays free for edits and hovers; a few: here, one after another.
      const fromDisk = [...targets].filter((k) => !openDocument(k)).length;
      const workers = fromDisk >= POOL_THRESHOLD ? analysisPool() : undefined;
      const cancel = new AbortController();
      await forEachConcurrent(targets, workers ? workers.size * 4 : 1, async (key) => {
        const doc = openDocument(key);
        if (doc) {
          sendDecorations(doc, entryForOpen(doc));
          counts.open++;
        } else {
          counts[await refreshFromDisk(key, workers, cancel.signal)]++;
        }
        if (gen !== generation) cancel.abort();
        done++;
        if (Date.now() - lastReport > 150 || done === total) {
          lastReport = Date.now();
          progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} articles`);
          // Let hovers, edits and other messages in between files.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }, () => gen !== generation || !!progress?.token.isCancellationRequested);
      if (gen !== generation) return;
      if (progress?.token.isCancellationRequested) {
        cancel.abort();
        connection.console.info(`Khabar: indexing cancelled after ${done} of ${total} articles; the others are analysed when opened or at the next scan`);
        return;
      }
      for (const [key, e] of [...entries]) if (e.generation !== gen && !openDocument(key)) forget(key);
      connection.console.info(
        `Khabar indexed ${index.size} article(s) of the workspace in ${Date.now() - started} ms (${reason}; ${counts.text} read from disk${workers ? ` and analysed by ${workers.size} worker threads` : ''}, ${counts.open} open, ${counts['too-large']} too large, ${counts.unreadable} unreadable)`,
      );
    } catch (e) {
      connection.console.error(`Khabar could not scan the workspace: ${describe(e)}`);
    } finally {
      progress?.done();
      if (gen === generation) {
        // The workers' heaps are freed before the last link builds the whole Events view and every
        // diagnostic: the language server's peak of memory was at that moment, with them.
        await closePool();
        if (gen === generation) {
          scanning = false;
          relink();
        }
      }
    }
  };
  scanDone = run();
  return scanDone;
}

/** Files to read again from disk (watched-file changes, closed documents), one at a time. */
const diskQueue = new Set<string>();
let draining = false;

function queueDisk(key: string): void {
  diskQueue.add(key);
  void drain();
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    await ready;
    while (diskQueue.size) {
      const key = diskQueue.values().next().value as string;
      diskQueue.delete(key);
      try {
        await refreshFromDisk(key);
      } catch (e) {
        connection.console.error(`Khabar could not read ${key}: ${describe(e)}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    draining = false;
  }
}

/** A created folder: queues the articles inside it. */
async function queueFolder(key: string): Promise<void> {
  const p = uriToPath(key);
  if (p === null || !filter.folderOf(p) || filter.excludesFolder(p)) return;
  const { files } = await listArticleFiles([p], filter);
  for (const f of files) queueDisk(pathToUri(f));
}

let knowledgeTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleKnowledgeReload(): void {
  if (knowledgeTimer) clearTimeout(knowledgeTimer);
  knowledgeTimer = setTimeout(() => {
    knowledgeTimer = undefined;
    void ready.then(async () => {
      await loadKnowledgeBase();
      await rescan('the knowledge base changed');
    });
  }, Math.max(50, settings.debounceMs));
}

// ---------------------------------------------------------------------------------------------------
// Settings and file watchers

let watcherRegistration: Disposable | undefined;

async function registerWatchers(): Promise<void> {
  if (!canWatchFiles) return;
  const all = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
  const watchers: FileSystemWatcher[] = [
    ...settings.include.filter((g) => g.trim()).map((globPattern) => ({ globPattern, kind: all })),
    { globPattern: WORKSPACE_KNOWLEDGE_GLOB, kind: all },
    // Folders created or deleted (a moved folder of articles is reported as the folder only).
    { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
  ];
  try {
    const previous = watcherRegistration;
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    previous?.dispose();
  } catch (e) {
    connection.console.warn(`Khabar could not watch the workspace's files; changes on disk are not seen: ${describe(e)}`);
  }
}

async function loadSettings(): Promise<void> {
  if (hasConfigurationCapability) {
    try {
      const values = (await connection.workspace.getConfiguration(SETTING_SECTIONS.map((section) => ({ section })))) as unknown[];
      settings = readSettings(values);
    } catch (e) {
      connection.console.error(`Khabar could not read its settings, using defaults: ${describe(e)}`);
      settings = DEFAULT_SETTINGS;
    }
  }
  filter = new ArticleFilter({ include: settings.include, exclude: settings.exclude, workspaceFolders });
}

async function settingsChanged(): Promise<void> {
  const before = settings;
  await loadSettings();
  if (JSON.stringify(settings) === JSON.stringify(before)) return;
  if (JSON.stringify(settings.include) !== JSON.stringify(before.include)) await registerWatchers();
  await rescan('settings changed');
}

// ---------------------------------------------------------------------------------------------------
// Wiring

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'khabar' },
  };
});

connection.onInitialized(async () => {
  try {
    if (hasConfigurationCapability) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'khabar' });
    }
  } catch (e) {
    connection.console.warn(`Khabar could not register for configuration changes: ${describe(e)}`);
  }
  try {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      workspaceFolders = ((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri);
      await loadSettings();
      await loadKnowledgeBase();
      await rescan('workspace folders changed');
    });
  } catch {
    // the client does not support workspace folder changes
  }
  await loadSettings();
  await registerWatchers();
  await loadKnowledgeBase();
  resolveReady();
  await rescan('startup');
});

connection.onDidChangeConfiguration(() => {
  void ready.then(settingsChanged);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  let knowledgeChanged = false;
  for (const c of changes) {
    try {
      const key = keyOf(c.uri);
      const p = uriToPath(key);
      if (p === null) continue;
      if (isWorkspaceKnowledgePath(p)) {
        knowledgeChanged = true;
        continue;
      }
      if (c.type === FileChangeType.Deleted) {
        // A deleted folder is reported once, as the folder.
        for (const k of [...entries.keys()]) if ((k === key || k.startsWith(key + '/')) && !openDocument(k)) forget(k);
      } else if (c.type === FileChangeType.Created && !/\.[^/.]+$/.test(p)) {
        // Perhaps a folder (moved or copied in): its articles, if any.
        void queueFolder(key).then(() => queueDisk(key));
      } else {
        queueDisk(key);
      }
    } catch (e) {
      connection.console.error(`Khabar: could not handle the change of ${c.uri}: ${describe(e)}`);
    }
  }
  if (knowledgeChanged) scheduleKnowledgeReload();
});

documents.onDidOpen(({ document }) => openings.set(document.uri, ++openingCount));
documents.onDidChangeContent(({ document }) => schedule(document.uri));

documents.onDidClose(({ document }) => {
  const pending = timers.get(document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(document.uri);
  decorated.delete(document.uri);
  openings.delete(document.uri);
  const key = keyOf(document.uri);
  const p = uriToPath(key);
  // A file of the workspace goes back to its text on disk; anything else leaves the index.
  if (p !== null && filter.folderOf(p)) {
    queueDisk(key);
  } else {
    forget(key);
  }
});

connection.onHover(async (params): Promise<Hover | null> => {
  try {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const entry = entryForOpen(doc);
    const { result } = entry;
    if (result.kind !== 'analysed' || !entry.lines) return null;
    const offset = doc.offsetAt(params.position);
    const figure = figureAt(result.analysis.figures, offset);
    if (figure && validSpan(entry.lines, figure)) {
      return { contents: { kind: MarkupKind.Markdown, value: figureHoverMarkdown(figure, figureEvent(params.textDocument.uri, figure.start)) }, range: rangeIn(entry.lines, figure) ?? undefined };
    }
    const mention = figureAt(result.analysis.entities, offset);
    if (mention && validSpan(entry.lines, mention)) {
      const appearances = entityAppearances(index.mentions(mention.entity));
      return {
        contents: { kind: MarkupKind.Markdown, value: entityHoverMarkdown(mention, knowledge, appearances) },
        range: rangeIn(entry.lines, mention) ?? undefined,
      };
    }
    return null;
  } catch (e) {
    connection.console.error(`Khabar hover failed for ${params.textDocument.uri}: ${describe(e)}`);
    return null;
  }
});

connection.onRequest(ExportEventsRequest.type, async (params: ExportEventsParams): Promise<ExportEventsResult> => {
  await ready;
  await scanDone;
  // Open documents edited since their last analysis.
  for (const doc of documents.all()) {
    try {
      entryForOpen(doc);
    } catch (e) {
      connection.console.error(`Khabar could not analyse ${doc.uri} for the export: ${describe(e)}`);
    }
  }
  const format = params?.format;
  if (format !== 'json' && format !== 'csv' && format !== 'geojson') {
    throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format ${JSON.stringify(format)} (json, csv or geojson)`);
  }
  try {
    const { data } = linkedExport();
    const text =
      format === 'json'
        ? JSON.stringify(data, null, 1) + '\n'
        : format === 'csv'
          ? toCsv(data, knowledge)
          : JSON.stringify(toGeoJson(data, knowledge), null, 1) + '\n';
    return { format, text, documents: data.documents.length, events: data.events.length };
  } catch (e) {
    connection.console.error(`Khabar could not export the events: ${describe(e)}`);
    throw new ResponseError(ErrorCodes.InternalError, `Khabar could not export the events: ${e instanceof Error ? e.message : String(e)}`);
  }
});

process.on('uncaughtException', (e) => connection.console.error(`Khabar server: uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Khabar server: unhandled rejection: ${describe(e)}`));

documents.listen(connection);
connection.listen();
