/**
 * Khabar's language server: analyses open news articles once per document version and feeds every
 * editor feature (decorations notification, diagnostics, hover) from that one result.
 *
 * Bundled to dist/server.js; the client starts it over IPC.
 */
import * as path from 'node:path';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  IPCMessageReader,
  IPCMessageWriter,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analyzer, type DocumentAnalysis, type Figure, type InputProblem } from './core';
import { loadLexicons } from './node/lexicons';
import { DecorationsNotification, type DecorationsParams, type FigureDecoration } from './protocol';
import { ArticleFilter } from './articles';
import { DEFAULT_SETTINGS, readSettings, SETTING_SECTIONS, type ServerSettings } from './settings';
import { figureAt, figureHoverMarkdown } from './hover';

/** The extension's root: the bundle lives in <root>/dist/server.js. */
const EXTENSION_ROOT = path.join(__dirname, '..');
const SOURCE = 'khabar';

const connection = createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
const documents = new TextDocuments(TextDocument);

// ---------------------------------------------------------------------------------------------------
// State

type Result =
  | { kind: 'analysed'; analysis: DocumentAnalysis }
  | { kind: 'not-article' }
  | { kind: 'too-large'; sizeKB: number; limitKB: number }
  | { kind: 'failed' };

interface Entry {
  version: number;
  result: Result;
  /** True once diagnostics and decorations for this version were sent. */
  published: boolean;
}

/** One analysis per uri + version; every feature reads it. Cleared when settings change. */
const cache = new Map<string, Entry>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
/** URIs we sent diagnostics or decorations for, which must be cleared when they stop being articles. */
const published = new Set<string>();

let settings: ServerSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let filter = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders });
let hasConfigurationCapability = false;
let resolveSettingsReady: () => void = () => undefined;
/** Settings are pulled from the client after initialisation; analyses wait for them. */
const settingsReady = new Promise<void>((resolve) => (resolveSettingsReady = resolve));

let analyzer: Analyzer | undefined;
let analyzerError: unknown;

function getAnalyzer(): Analyzer | undefined {
  if (analyzer || analyzerError) return analyzer;
  try {
    const dir = path.join(EXTENSION_ROOT, 'lexicons');
    analyzer = createAnalyzer({ lexicons: loadLexicons(dir) });
    connection.console.info(`Khabar analyzer ready (languages: ${analyzer.languages.join(', ') || 'none'}; lexicons from ${dir})`);
  } catch (e) {
    analyzerError = e;
    connection.console.error(`Khabar could not load its lexicons; no article will be analysed: ${describe(e)}`);
  }
  return analyzer;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

// ---------------------------------------------------------------------------------------------------
// Analysis, once per version

function analyse(doc: TextDocument): Result {
  if (!filter.isArticle(doc.uri, doc.languageId)) return { kind: 'not-article' };
  const text = doc.getText();
  const sizeKB = Buffer.byteLength(text, 'utf8') / 1024;
  if (sizeKB > settings.maxFileSizeKB) {
    connection.console.info(
      `Khabar skipped ${doc.uri}: ${Math.ceil(sizeKB)} KB is larger than khabar.maxFileSizeKB (${settings.maxFileSizeKB} KB)`,
    );
    return { kind: 'too-large', sizeKB, limitKB: settings.maxFileSizeKB };
  }
  const a = getAnalyzer();
  if (!a) return { kind: 'failed' };
  const started = Date.now();
  try {
    const analysis = a.analyze({ text, uri: doc.uri });
    if (!analysis || !Array.isArray(analysis.figures) || !Array.isArray(analysis.problems)) {
      throw new Error('the analyzer returned no figures or problems array');
    }
    if (analysis.length !== text.length) {
      connection.console.warn(`Khabar: analysis of ${doc.uri} reports length ${analysis.length}, the text has ${text.length}`);
    }
    connection.console.log(
      `Khabar analysed ${doc.uri} v${doc.version}: ${analysis.figures.length} figure(s), ${analysis.problems.length} problem(s) in ${Date.now() - started} ms`,
    );
    return { kind: 'analysed', analysis };
  } catch (e) {
    connection.console.error(`Khabar failed to analyse ${doc.uri} v${doc.version}: ${describe(e)}`);
    return { kind: 'failed' };
  }
}

/** The cached result for the document's current version, computing it if needed. */
function entryFor(doc: TextDocument): Entry {
  const cached = cache.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const entry: Entry = { version: doc.version, result: analyse(doc), published: false };
  cache.set(doc.uri, entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------------
// Publishing: diagnostics and the decorations notification

function validSpan(doc: TextDocument, s: { start: number; end: number }): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start && s.end <= doc.getText().length;
}

function toDiagnostic(doc: TextDocument, p: InputProblem): Diagnostic {
  const severity =
    p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
  const span = validSpan(doc, p) ? p : { start: 0, end: 0 };
  return {
    range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) },
    severity,
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
}

function toDecoration(doc: TextDocument, f: Figure): FigureDecoration {
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    kind: f.kind,
    group: f.group,
    low: f.low,
    high: f.high,
    approximate: f.approximate,
    explicit: f.explicit,
    text: f.text,
  };
}

function publish(doc: TextDocument, entry: Entry): void {
  if (entry.published) return;
  entry.published = true;
  const { result } = entry;
  let diagnostics: Diagnostic[] = [];
  let figures: FigureDecoration[] = [];
  switch (result.kind) {
    case 'not-article':
      if (!published.has(doc.uri)) return;
      published.delete(doc.uri);
      break;
    case 'too-large':
      diagnostics = [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: 'file-too-large',
          source: SOURCE,
          message: `Khabar did not analyse this file: ${Math.ceil(result.sizeKB)} KB is larger than the khabar.maxFileSizeKB setting (${result.limitKB} KB).`,
        },
      ];
      break;
    case 'failed':
      break;
    case 'analysed':
      try {
        diagnostics = result.analysis.problems.map((p) => toDiagnostic(doc, p));
        figures = result.analysis.figures.filter((f) => validSpan(doc, f)).map((f) => toDecoration(doc, f));
        const dropped = result.analysis.figures.length - figures.length;
        if (dropped) connection.console.warn(`Khabar: ${dropped} figure(s) of ${doc.uri} had spans outside the text`);
      } catch (e) {
        connection.console.error(`Khabar could not convert the analysis of ${doc.uri}: ${describe(e)}`);
        diagnostics = [];
        figures = [];
      }
      break;
  }
  if (result.kind !== 'not-article') published.add(doc.uri);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  const params: DecorationsParams = { uri: doc.uri, version: doc.version, figures };
  // By method name: vscode-languageserver carries its own copy of vscode-jsonrpc, whose
  // NotificationType class is nominally different from the one protocol.ts imports.
  void connection.sendNotification(DecorationsNotification.method, params);
}

function schedule(uri: string, delay = settings.debounceMs): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void settingsReady.then(() => {
        const doc = documents.get(uri);
        if (!doc) return;
        try {
          publish(doc, entryFor(doc));
        } catch (e) {
          connection.console.error(`Khabar: unexpected error while handling ${uri}: ${describe(e)}`);
        }
      });
    }, delay),
  );
}

// ---------------------------------------------------------------------------------------------------
// Settings

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
  await loadSettings();
  cache.clear();
  for (const doc of documents.all()) schedule(doc.uri);
}

// ---------------------------------------------------------------------------------------------------
// Wiring

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = params.capabilities.workspace?.configuration === true;
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
      await settingsChanged();
    });
  } catch {
    // the client does not support workspace folder changes
  }
  await loadSettings();
  resolveSettingsReady();
});

connection.onDidChangeConfiguration(() => {
  void settingsChanged();
});

documents.onDidChangeContent(({ document }) => schedule(document.uri));

documents.onDidClose(({ document }) => {
  const pending = timers.get(document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(document.uri);
  cache.delete(document.uri);
  if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onHover(async (params): Promise<Hover | null> => {
  try {
    await settingsReady;
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { result } = entryFor(doc);
    if (result.kind !== 'analysed') return null;
    const figure = figureAt(result.analysis.figures, doc.offsetAt(params.position));
    if (!figure || !validSpan(doc, figure)) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: figureHoverMarkdown(figure) },
      range: { start: doc.positionAt(figure.start), end: doc.positionAt(figure.end) },
    };
  } catch (e) {
    connection.console.error(`Khabar hover failed for ${params.textDocument.uri}: ${describe(e)}`);
    return null;
  }
});

process.on('uncaughtException', (e) => connection.console.error(`Khabar server: uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Khabar server: unhandled rejection: ${describe(e)}`));

documents.listen(connection);
connection.listen();
