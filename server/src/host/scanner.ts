/**
 * The workspace scanner: a full scan with progress (every article on disk and every open
 * document, in a new generation), and single files read again as they change on disk, one at a
 * time.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../articles';
import { forEachConcurrent, type AnalysisPool } from '../node/parallelIndex';
import { pathToUri } from '../workspaceFiles';
import { keyOf, type ArticleStore } from './articleStore';
import type { HostState } from './state';
import { describe, type HostClient, type HostLogger, type HostProgress, type HostWorkspace } from './types';

/** A scan reads this many files from disk or more: worth starting worker threads for. */
const POOL_THRESHOLD = 64;

/** What the scanner calls on. */
export interface ScannerDeps {
  state: HostState;
  store: ArticleStore;
  workspace: HostWorkspace;
  client: Pick<HostClient, 'startProgress'>;
  logger: HostLogger;
  /** The worker threads, if any, and their end. */
  pool(): AnalysisPool | undefined;
  closePool(): Promise<void>;
  /** An open document analysed by the scan: its decorations are due. */
  analysedOpen(doc: TextDocument): Promise<void>;
  /** Re-links the events (the end of a scan). */
  relink(): void;
  /** Settles once settings and the knowledge base are in: files read before then would be analysed without them. */
  ready: Promise<void>;
}

export class WorkspaceScanner {
  private scanDone: Promise<void> = Promise.resolve();
  /** Files to read again from disk (watched-file changes, closed documents). */
  private readonly diskQueue = new Set<string>();
  private draining = false;

  constructor(private readonly deps: ScannerDeps) {}

  /** Settles when the last scan started has ended. */
  done(): Promise<void> {
    return this.scanDone;
  }

  /** Scans the workspace again: every article on disk and every open document, in a new generation. */
  rescan(reason: string): Promise<void> {
    const { state } = this.deps;
    const gen = ++state.generation;
    state.scanning = true;
    this.scanDone = this.scan(gen, reason);
    return this.scanDone;
  }

  /** Queues a file to read again from disk. */
  queueDisk(key: string): void {
    this.diskQueue.add(key);
    void this.drain();
  }

  /** A created folder: queues the articles inside it. */
  async queueFolder(key: string): Promise<void> {
    const { state, workspace } = this.deps;
    const p = uriToPath(key);
    if (p === null || !state.filter.folderOf(p) || state.filter.excludesFolder(p)) return;
    const { files } = await workspace.listArticleFiles([p], state.filter);
    for (const f of files) this.queueDisk(pathToUri(f));
  }

  private async scan(gen: number, reason: string): Promise<void> {
    const { state, store, workspace, logger } = this.deps;
    const started = Date.now();
    const stale = () => gen !== state.generation;
    let progress: HostProgress | undefined;
    try {
      // Cancelling stops the scan where it is: what was indexed stays, the rest waits for the next scan or for being opened.
      progress = await this.deps.client.startProgress('Khabar', 'Looking for articles…');
    } catch {
      progress = undefined;
    }
    const counts = { text: 0, 'too-large': 0, unreadable: 0, gone: 0, open: 0, stale: 0 };
    try {
      const listed = await workspace.listArticleFiles(state.folderPaths(), state.filter, { cancelled: stale });
      if (stale()) return;
      if (listed.truncated) logger.warn(`Khabar indexes the first ${listed.files.length} article files of the workspace only`);
      const targets = new Set(listed.files.map(pathToUri));
      for (const doc of workspace.documents()) targets.add(keyOf(doc.uri));
      const total = targets.size;
      let done = 0;
      let lastReport = 0;
      // Many files on disk: analysed by worker threads while this thread reads the next ones and
      // stays free for edits and hovers; a few: here, one after another.
      const fromDisk = [...targets].filter((k) => !store.openDocument(k)).length;
      const workers = fromDisk >= POOL_THRESHOLD ? this.deps.pool() : undefined;
      const cancel = new AbortController();
      await forEachConcurrent(targets, workers ? workers.size * 4 : 1, async (key) => {
        const doc = store.openDocument(key);
        if (doc) {
          await this.deps.analysedOpen(doc);
          counts.open++;
        } else {
          counts[await store.refreshFromDisk(key, workers, cancel.signal)]++;
        }
        if (stale()) cancel.abort();
        done++;
        if (Date.now() - lastReport > 150 || done === total) {
          lastReport = Date.now();
          progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} articles`);
          // Let hovers, edits and other messages in between files.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }, () => stale() || !!progress?.cancelled);
      if (stale()) return;
      if (progress?.cancelled) {
        cancel.abort();
        logger.info(`Khabar: indexing cancelled after ${done} of ${total} articles; the others are analysed when opened or at the next scan`);
        return;
      }
      store.forgetUnseen(gen);
      logger.info(
        `Khabar indexed ${state.index.size} article(s) of the workspace in ${Date.now() - started} ms (${reason}; ${counts.text} read from disk${workers ? ` and analysed by ${workers.size} worker threads` : ''}, ${counts.open} open, ${counts['too-large']} too large, ${counts.unreadable} unreadable)`,
      );
    } catch (e) {
      logger.error(`Khabar could not scan the workspace: ${describe(e)}`);
    } finally {
      progress?.done();
      if (!stale()) {
        // The workers' heaps are freed before the last link builds the whole Events view and every
        // diagnostic: the language server's peak of memory was at that moment, with them.
        await this.deps.closePool();
        if (!stale()) {
          state.scanning = false;
          this.deps.relink();
        }
      }
    }
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      await this.deps.ready;
      while (this.diskQueue.size) {
        const key = this.diskQueue.values().next().value as string;
        this.diskQueue.delete(key);
        try {
          await this.deps.store.refreshFromDisk(key);
        } catch (e) {
          this.deps.logger.error(`Khabar could not read ${key}: ${describe(e)}`);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }
}
