/**
 * The language server's state and what it does, without the LSP connection: the documents the
 * editor opens, edits and closes, files changed on disk, settings and workspace folders come in;
 * decorations, diagnostics, the Events view, hovers and exports go out through a {@link HostClient}.
 * server.ts wires it to the connection; the unit tests drive it over an in-memory workspace.
 */
import { ErrorCodes, MarkupKind, ResponseError, type Hover, type Position } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../core';
import { formatExport } from '../core/formats';
import { uriToPath } from '../articles';
import { figureAt, figureHoverMarkdown, type FigureEventContext } from '../hover';
import { isWorkspaceKnowledgePath } from '../knowledgeFiles';
import { isCurationPath } from '../curationFiles';
import type { CurationStatusResult, ExportEventsResult } from '../protocol';
import type { ServerSettings } from '../settings';
import { dateInferred, entityAppearances, entityHoverMarkdown } from '../views';
import { AnalysisResources, type ResourceOptions } from './analysisResources';
import { ArticleStore, keyOf } from './articleStore';
import { CurationSync } from './curationSync';
import { DecorationsSender } from './decorations';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { EventsSync } from './eventsSync';
import { rangeIn, validSpan } from './positions';
import { WorkspaceScanner } from './scanner';
import { HostState } from './state';
import { describe, type HostClient, type HostLogger, type HostWorkspace } from './types';

/** A change of a file on disk, as a file watcher reports it. */
export interface FileChange {
  uri: string;
  type: 'created' | 'changed' | 'deleted';
}

export interface KhabarHostOptions extends ResourceOptions {
  workspace: HostWorkspace;
  client: HostClient;
  logger: HostLogger;
}

export class KhabarHost {
  readonly state = new HostState();
  readonly store: ArticleStore;
  readonly diagnostics: DiagnosticsPublisher;
  private readonly resources: AnalysisResources;
  private readonly scanner: WorkspaceScanner;
  private readonly decorations: DecorationsSender;
  private readonly eventsSync = new EventsSync();
  private readonly curation: CurationSync;
  private curationTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly workspace: HostWorkspace;
  private readonly client: HostClient;
  private readonly logger: HostLogger;
  /** Settles once settings and the knowledge base are in; everything waits for it. */
  readonly ready: Promise<void>;
  private resolveReady: () => void = () => undefined;
  /** Debounce timers of open documents. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** URIs whose diagnostics must be sent again at the next re-link. */
  private readonly diagnosticsDirty = new Set<string>();
  /** URIs whose findings changed at a re-link of the index not yet followed by {@link relink}. */
  private readonly findingsChanged = new Set<string>();
  private relinkTimer: ReturnType<typeof setTimeout> | undefined;
  private knowledgeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: KhabarHostOptions) {
    const { workspace, client, logger } = options;
    this.workspace = workspace;
    this.client = client;
    this.logger = logger;
    this.ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
    this.resources = new AnalysisResources(options, this.state, client, logger);
    this.store = new ArticleStore(this.state, workspace, logger, {
      stored: (key) => this.dirty(key),
      forgotten: (key, had) => { if (had || this.diagnostics.hasDiagnostics(key)) this.dirty(key); },
    }, (input, signal) => this.resources.analyseOffThread(input, signal));
    this.diagnostics = new DiagnosticsPublisher(this.state, this.store, (p) => client.sendDiagnostics(p), logger);
    this.decorations = new DecorationsSender((p) => client.sendDecorations(p), logger);
    this.curation = new CurationSync(this.state, workspace, client, logger);
    this.scanner = new WorkspaceScanner({
      state: this.state, store: this.store, workspace, client, logger,
      pool: () => this.resources.pool(), closePool: () => this.resources.closePool(),
      analysedOpen: async (doc) => this.decorations.update(doc.uri, await this.store.entryFor(doc)),
      relink: () => this.relink(), ready: this.ready,
    });
  }

  /** Settings and workspace folders (URIs). */
  configure(settings: ServerSettings, folders?: string[]): void {
    this.state.configure(settings, folders);
  }

  /** The knowledge base, then the first scan. */
  async start(): Promise<void> {
    await this.resources.loadKnowledgeBase();
    await this.curation.load();
    this.resolveReady();
    await this.scanner.rescan('startup');
  }

  /** Scans the workspace again. */
  rescan(reason: string): Promise<void> {
    return this.scanner.rescan(reason);
  }

  /** Settles when the last scan has ended. */
  scanned(): Promise<void> {
    return this.scanner.done();
  }

  /** New settings: whether they differ from the current ones, and whether the include globs do (the file watchers follow them); the caller rescans. */
  settingsChanged(settings: ServerSettings): 'same' | 'changed' | 'include-changed' {
    const before = this.state.settings;
    this.state.configure(settings);
    if (JSON.stringify(settings) === JSON.stringify(before)) return 'same';
    return JSON.stringify(settings.include) !== JSON.stringify(before.include) ? 'include-changed' : 'changed';
  }

  /** New workspace folders (and the settings read for them): their knowledge and their articles. */
  async foldersChanged(folders: string[], settings: ServerSettings): Promise<void> {
    this.state.configure(settings, folders);
    await this.resources.loadKnowledgeBase();
    await this.curation.load();
    await this.scanner.rescan('workspace folders changed');
  }

  documentOpened(uri: string): void {
    this.store.opened(uri);
  }

  /** An edit: the document is analysed after the debounce delay (the curation file's buffer is read again). */
  documentChanged(uri: string, delay = this.state.settings.debounceMs): void {
    if (this.isCurationFile(uri)) { this.scheduleCurationReload(); return; }
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.ready.then(() => {
        const doc = this.workspace.document(uri);
        if (!doc) return;
        this.store.entryFor(doc).then(
          (entry) => this.decorations.update(doc.uri, entry),
          (e: unknown) => this.logger.error(`Khabar: unexpected error while handling ${uri}: ${describe(e)}`),
        );
      });
    }, delay));
  }

  documentClosed(uri: string): void {
    // The curation file goes back to its text on disk.
    if (this.isCurationFile(uri)) this.scheduleCurationReload();
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.decorations.closed(uri);
    this.store.closed(uri);
    const key = keyOf(uri);
    const p = uriToPath(key);
    // A file of the workspace goes back to its text on disk; anything else leaves the index.
    if (p !== null && this.state.filter.folderOf(p)) this.scanner.queueDisk(key);
    else this.store.forget(key);
  }

  /** Files created, changed or deleted on disk. */
  filesChanged(changes: readonly FileChange[]): void {
    let knowledgeChanged = false;
    for (const c of changes) {
      try {
        const key = keyOf(c.uri);
        const p = uriToPath(key);
        if (p === null) continue;
        if (isWorkspaceKnowledgePath(p)) {
          knowledgeChanged = true;
        } else if (isCurationPath(p)) {
          this.scheduleCurationReload();
        } else if (c.type === 'deleted') {
          this.store.forgetUnder(key);
        } else if (c.type === 'created' && !/\.[^/.]+$/.test(p)) {
          // Perhaps a folder (moved or copied in): its articles, if any.
          void this.scanner.queueFolder(key).then(() => this.scanner.queueDisk(key));
        } else {
          this.scanner.queueDisk(key);
        }
      } catch (e) {
        this.logger.error(`Khabar: could not handle the change of ${c.uri}: ${describe(e)}`);
      }
    }
    if (knowledgeChanged) this.scheduleKnowledgeReload();
  }

  /** The hover at a position of an open document: a figure (and its event) or an entity (and where else it appears). */
  async hover(uri: string, position: Position): Promise<Hover | null> {
    await this.ready;
    const doc = this.workspace.document(uri);
    if (!doc) return null;
    const entry = await this.store.entryFor(doc);
    const { result, lines } = entry;
    if (result.kind !== 'analysed' || !lines) return null;
    const offset = doc.offsetAt(position);
    const figure = figureAt(result.analysis.figures, offset);
    if (figure && validSpan(lines, figure)) {
      return { contents: { kind: MarkupKind.Markdown, value: figureHoverMarkdown(figure, this.figureEvent(uri, figure.start)) }, range: rangeIn(lines, figure) ?? undefined };
    }
    const mention = figureAt(result.analysis.entities, offset);
    if (mention && validSpan(lines, mention)) {
      const appearances = entityAppearances(this.state.index.mentions(mention.entity));
      return { contents: { kind: MarkupKind.Markdown, value: entityHoverMarkdown(mention, this.state.knowledge, appearances) }, range: rangeIn(lines, mention) ?? undefined };
    }
    return null;
  }

  /** The workspace's events as a file (`khabar/exportEvents`), after the scan and with open documents as they are now. */
  async exportEvents(format: unknown): Promise<ExportEventsResult> {
    await this.ready;
    await this.scanner.done();
    // Open documents edited since their last analysis.
    for (const doc of this.workspace.documents()) {
      try {
        await this.store.entryFor(doc);
      } catch (e) {
        this.logger.error(`Khabar could not analyse ${doc.uri} for the export: ${describe(e)}`);
      }
    }
    if (format !== 'json' && format !== 'csv' && format !== 'geojson') {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format ${JSON.stringify(format)} (json, csv or geojson)`);
    }
    try {
      const { data } = this.linkedExport();
      return { format, text: formatExport(data, this.state.knowledge, format), documents: data.documents.length, events: data.events.length };
    } catch (e) {
      this.logger.error(`Khabar could not export the events: ${describe(e)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Khabar could not export the events: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The corrections in force and which are stale (`khabar/curationStatus`), after the scan and with the curation file as it is now. */
  async curationStatus(): Promise<CurationStatusResult> {
    await this.ready;
    // An edit of the file still in its debounce delay: read it now.
    if (this.curationTimer) {
      clearTimeout(this.curationTimer);
      this.curationTimer = undefined;
      const affected = await this.curation.load();
      if (affected) this.recorrect(affected);
      this.scheduleRelink();
    }
    await this.scanner.done();
    // Open documents edited since their last analysis, as the export does: their corrections' findings are current.
    for (const doc of this.workspace.documents()) await this.store.entryFor(doc).catch(() => undefined);
    return this.curation.status();
  }

  /** Stops timers and worker threads (tests; the server ends with its process). */
  async dispose(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    if (this.knowledgeTimer) clearTimeout(this.knowledgeTimer);
    if (this.curationTimer) clearTimeout(this.curationTimer);
    this.state.generation++;
    await Promise.all([this.resources.closePool(), this.resources.closeEditorWorker()]);
  }

  /** A document's diagnostics are due at the next re-link. */
  private dirty(key: string): void {
    this.diagnosticsDirty.add(key);
    this.scheduleRelink();
  }

  private scheduleKnowledgeReload(): void {
    if (this.knowledgeTimer) clearTimeout(this.knowledgeTimer);
    this.knowledgeTimer = setTimeout(() => {
      this.knowledgeTimer = undefined;
      void this.ready.then(async () => {
        await this.resources.loadKnowledgeBase();
        await this.scanner.rescan('the knowledge base changed');
      });
    }, Math.max(50, this.state.settings.debounceMs));
  }

  /** Whether a URI is a curation file (`.khabar/curation.json|yaml|yml`). */
  private isCurationFile(uri: string): boolean {
    const p = uriToPath(keyOf(uri));
    return p !== null && isCurationPath(p);
  }

  /** Reads the curation file again after the debounce delay; the documents whose corrections changed are corrected again (not analysed again). */
  private scheduleCurationReload(): void {
    if (this.curationTimer) clearTimeout(this.curationTimer);
    this.curationTimer = setTimeout(() => {
      this.curationTimer = undefined;
      void this.ready.then(async () => {
        const affected = await this.curation.load();
        if (affected) this.recorrect(affected);
        // The report corrections and the stale ones are the index's: published at the re-link.
        this.scheduleRelink();
      }).catch((e: unknown) => this.logger.error(`Khabar could not apply the curation file: ${describe(e)}`));
    }, Math.max(30, this.state.settings.debounceMs));
  }

  /** Corrects the documents of these paths again: open ones here (and their decorations sent), closed ones from disk. */
  private recorrect(paths: ReadonlySet<string>): void {
    for (const key of this.store.keys()) {
      if (!paths.has(this.state.exportPath(key))) continue;
      const doc = this.store.openDocument(key);
      if (!doc) { this.scanner.queueDisk(key); continue; }
      this.store.entryFor(doc).then(
        (entry) => this.decorations.update(doc.uri, entry),
        (e: unknown) => this.logger.error(`Khabar could not correct ${doc.uri}: ${describe(e)}`),
      );
    }
  }

  /** The event of the workspace a figure was linked to (one look over the events: a hover is rare). */
  private figureEvent(uri: string, start: number): FigureEventContext | undefined {
    for (const ev of this.state.index.events().values()) {
      if (!ev.sources.includes(uri)) continue;
      if (!ev.figures.some((f) => f.reports.some((r) => r.document === uri && r.start === start))) continue;
      return { type: ev.type, place: ev.location?.name, date: ev.date?.start, sources: ev.sources.length, dateInferred: dateInferred(ev, uri) };
    }
    return undefined;
  }

  /**
   * The index's export. The index re-links lazily on any call; the documents whose findings changed
   * are collected here whoever called, so that {@link relink} republishes them all.
   */
  private linkedExport(): ReturnType<WorkspaceIndex['export']> {
    const r = this.state.index.export();
    for (const uri of this.state.index.changedSinceLastLink()) this.findingsChanged.add(uri);
    return r;
  }

  /** Re-links after the last change (debounced); while the workspace is being scanned, at most every 2 s. */
  private scheduleRelink(): void {
    if (this.state.scanning) {
      this.relinkTimer ??= setTimeout(() => this.relink(), 2000);
      return;
    }
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => this.relink(), Math.max(30, this.state.settings.debounceMs));
  }

  /** Links the events: the diagnostics of the documents whose findings changed, and the Events view. */
  private relink(): void {
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = undefined;
    const { state } = this;
    const started = Date.now();
    try {
      const index = state.index;
      for (const uri of index.changedSinceLastLink()) this.findingsChanged.add(uri);
      const events = index.events();
      const linkedMs = Date.now() - started;
      for (const key of this.findingsChanged) this.diagnosticsDirty.add(key);
      this.findingsChanged.clear();
      // While a scan runs, findings change with every batch of articles: closed documents get theirs once, when it ends.
      let queued = 0;
      const openKeys = new Set(this.workspace.documents().map((d) => keyOf(d.uri)));
      for (const key of this.diagnosticsDirty) {
        const open = openKeys.has(key);
        if (state.scanning && !open) continue;
        this.diagnosticsDirty.delete(key);
        this.diagnostics.enqueue(key, open);
        queued++;
      }
      void this.diagnostics.flush();
      const rangeOf = (uri: string, start: number, end: number) => rangeIn(this.store.get(uri)?.lines, { start, end });
      const { params, full } = this.eventsSync.update(index, events, state.scanning, rangeOf, (uri) => state.exportPath(uri));
      this.client.sendEvents(params);
      if (!state.scanning) this.curation.publish();
      const removed = params.removedEvents?.length ?? 0;
      this.logger.log(
        `Khabar linked ${events.size} event(s) across ${index.size} article(s) in ${linkedMs} ms; ${queued} diagnostics list(s) to send; Events view: ${full ? 'whole model' : `${params.events.length} event(s) changed, ${removed} gone`}${state.scanning ? ' (still indexing)' : ''}`,
      );
    } catch (e) {
      this.logger.error(`Khabar could not link the workspace's events: ${describe(e)}`);
    }
  }
}
