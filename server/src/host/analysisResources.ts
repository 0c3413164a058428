/**
 * The analyzer and what it is made of: the lexicons (read once), the knowledge base (bundled, with
 * the workspace's `.khabar/knowledge.*` over it; their problems published as diagnostics of those
 * files) and the worker threads that analyse files for a scan.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { createAnalyzer, createWorkspaceIndex, type IndexedAnalysis, type Lexicon } from '../core';
import { KnowledgeLoader } from '../knowledgeFiles';
import { loadLexicons } from '../node/lexicons';
import { createAnalysisPool, type AnalysisPool } from '../node/parallelIndex';
import { pathToUri } from '../workspaceFiles';
import { describe, type HostClient, type HostLogger } from './types';
import type { HostState } from './state';

/** Where the extension's files are. */
export interface ResourceOptions {
  /** The extension's root, holding `lexicons/` and `knowledge/`. */
  root: string;
  /** The script analysis worker threads run (dist/analysisWorker.js); none: no worker threads. */
  workerScript?: string;
}

/** The long documents' worker thread is closed after this long without work: its heap is the knowledge base again. */
const EDITOR_WORKER_IDLE_MS = 60_000;

export class AnalysisResources {
  private readonly loader: KnowledgeLoader;
  private lexicons: Lexicon[] | undefined;
  private lexiconError: unknown;
  /** Workspace knowledge files as read at the last load: analysis workers build their knowledge base from them. */
  private workspaceKnowledge: { origin: string; text: string }[] = [];
  /** Worker threads for scans of many files; made for a scan, closed after it, and whenever the knowledge base changes. */
  private workers: AnalysisPool | undefined;
  /** One worker thread for long open documents, kept while they are edited; closed when idle and when the knowledge base changes. */
  private editorWorker: AnalysisPool | undefined;
  private editorWorkerTimer: ReturnType<typeof setTimeout> | undefined;
  /** URIs of the workspace knowledge files with diagnostics. */
  private readonly knowledgeDiagnosed = new Set<string>();

  constructor(
    private readonly options: ResourceOptions,
    private readonly state: HostState,
    private readonly client: Pick<HostClient, 'sendDiagnostics' | 'showWarning'>,
    private readonly logger: HostLogger,
  ) {
    this.loader = new KnowledgeLoader(path.join(options.root, 'knowledge'));
  }

  /** The worker threads, started on first use. */
  pool(): AnalysisPool | undefined {
    if (this.workers || !this.lexicons || !this.options.workerScript) return this.workers;
    try {
      this.workers = createAnalysisPool({
        lexiconsDir: path.join(this.options.root, 'lexicons'), knowledgeDir: path.join(this.options.root, 'knowledge'), extraKnowledge: this.workspaceKnowledge,
        workers: Math.max(1, Math.min(4, availableParallelism())), workerScript: this.options.workerScript,
      });
    } catch (e) {
      this.logger.warn(`Khabar indexes on one thread: its worker threads could not start (${describe(e)})`);
    }
    return this.workers;
  }

  /**
   * Analyses a long open document's text in a worker thread, so that requests on other documents
   * do not wait for it; undefined when there can be no worker.
   */
  analyseOffThread(input: { text: string; uri: string }, signal?: AbortSignal): Promise<IndexedAnalysis> | undefined {
    if (!this.lexicons || !this.options.workerScript || !this.state.analyzer) return undefined;
    if (!this.editorWorker) {
      try {
        this.editorWorker = createAnalysisPool({
          lexiconsDir: path.join(this.options.root, 'lexicons'), knowledgeDir: path.join(this.options.root, 'knowledge'), extraKnowledge: this.workspaceKnowledge,
          // A long article needs more heap than the scan's workers are given.
          // One text at a time: the next waits in the pool, where a newer edit can still drop it.
          workers: 1, inFlight: 1, workerScript: this.options.workerScript, resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 2048 },
        });
      } catch (e) {
        this.logger.warn(`Khabar analyses long documents on the main thread: its worker thread could not start (${describe(e)})`);
        return undefined;
      }
    }
    const worker = this.editorWorker;
    if (this.editorWorkerTimer) clearTimeout(this.editorWorkerTimer);
    const analysis = worker.analyze(input, signal);
    const idle = () => {
      if (this.editorWorker !== worker) return;
      if (this.editorWorkerTimer) clearTimeout(this.editorWorkerTimer);
      this.editorWorkerTimer = setTimeout(() => { if (this.editorWorker === worker) void this.closeEditorWorker(); }, EDITOR_WORKER_IDLE_MS);
      this.editorWorkerTimer.unref?.();
    };
    analysis.then(idle, idle);
    return analysis;
  }

  /** Stops the long documents' worker thread. */
  closeEditorWorker(): Promise<void> {
    const w = this.editorWorker;
    this.editorWorker = undefined;
    if (this.editorWorkerTimer) clearTimeout(this.editorWorkerTimer);
    this.editorWorkerTimer = undefined;
    return w ? w.close().catch(() => undefined) : Promise.resolve();
  }

  /** Stops the worker threads; resolves when they are gone. */
  closePool(): Promise<void> {
    const p = this.workers;
    this.workers = undefined;
    return p ? p.close().catch(() => undefined) : Promise.resolve();
  }

  /** Reads the bundled and workspace knowledge, publishes the workspace files' problems, and starts afresh (a new analyzer and index). */
  async loadKnowledgeBase(): Promise<void> {
    const started = Date.now();
    try {
      const loaded = await this.loader.load(this.state.folderPaths());
      this.state.knowledge = loaded.knowledge;
      this.workspaceKnowledge = loaded.files.map((f) => ({ origin: f.path, text: f.text }));
      for (const p of loaded.bundledProblems) this.logger.warn(`Khabar knowledge base: ${p.origin}: ${p.index !== undefined ? `entry ${p.index + 1}: ` : ''}${p.message}`);
      for (const s of loaded.skipped) {
        this.logger.warn(`Khabar knowledge base: ${s.path} ${s.message}`);
        this.client.showWarning(`Khabar: ${s.path} ${s.message}.`);
      }
      this.publishKnowledgeProblems(loaded.files);
      this.logger.info(
        `Khabar knowledge base: ${loaded.entityCount} entities${loaded.files.length ? ` (with ${loaded.files.map((f) => f.path).join(', ')})` : ''} in ${Date.now() - started} ms`,
      );
    } catch (e) {
      this.logger.error(`Khabar could not read its knowledge base: ${describe(e)}`);
    }
    this.makeAnalyzer();
    this.state.index = createWorkspaceIndex(this.state.knowledge);
    this.state.index.setCuration(this.state.curation.corrections);
  }

  private publishKnowledgeProblems(files: Awaited<ReturnType<KnowledgeLoader['load']>>['files']): void {
    const now = new Set<string>();
    for (const f of files) {
      const uri = pathToUri(f.path);
      const diagnostics: Diagnostic[] = f.problems.map((p) => ({
        range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + 1 } },
        severity: DiagnosticSeverity.Error,
        code: 'knowledge-malformed',
        source: 'khabar',
        message: p.message,
      }));
      if (diagnostics.length) now.add(uri);
      if (diagnostics.length || this.knowledgeDiagnosed.has(uri)) void this.client.sendDiagnostics({ uri, diagnostics });
      if (f.problems.length) this.logger.warn(`Khabar: ${f.path}: ${f.problems.map((p) => `${p.line + 1}:${p.character + 1} ${p.message}`).join('; ')}`);
    }
    for (const uri of this.knowledgeDiagnosed) if (!now.has(uri)) void this.client.sendDiagnostics({ uri, diagnostics: [] });
    this.knowledgeDiagnosed.clear();
    now.forEach((u) => this.knowledgeDiagnosed.add(u));
  }

  private makeAnalyzer(): void {
    this.state.analyzer = undefined;
    void this.closePool();
    void this.closeEditorWorker();
    if (!this.lexicons && !this.lexiconError) {
      try {
        this.lexicons = loadLexicons(path.join(this.options.root, 'lexicons'));
      } catch (e) {
        this.lexiconError = e;
        this.logger.error(`Khabar could not load its lexicons; no article will be analysed: ${describe(e)}`);
      }
    }
    if (!this.lexicons) return;
    try {
      const analyzer = createAnalyzer({ lexicons: this.lexicons, knowledge: this.state.knowledge });
      this.state.analyzer = analyzer;
      this.logger.info(`Khabar analyzer ready (languages: ${analyzer.languages.join(', ') || 'none'}; ${this.state.knowledge?.entities.size ?? 0} knowledge-base entities)`);
    } catch (e) {
      this.logger.error(`Khabar could not create its analyzer; no article will be analysed: ${describe(e)}`);
    }
  }
}
