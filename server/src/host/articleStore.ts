/**
 * The article store: what the server knows of every document, open or on disk, analysed once per
 * text. An entry is recomputed when its generation is older than the state's (settings or the
 * knowledge base changed), or when an open document's version or opening differs; the same text
 * again (opening a file indexed from disk, an undo) keeps its analysis.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexedAnalysis } from '../core';
import { framesOf } from '../core/events';
import type { EventFrame } from '../core/eventModel';
import { curateDocument } from '../core/curationApply';
import { uriToPath } from '../articles';
import { AnalysisCancelled, type AnalysisPool } from '../node/parallelIndex';
import type { FileText } from '../node/readArticle';
import { TextLines } from '../textLines';
import { canonicalUri, languageIdForPath } from '../workspaceFiles';
import type { HostState } from './state';
import { describe, type HostLogger, type HostWorkspace } from './types';

/** What became of a document's text. */
export type Result =
  | { kind: 'analysed'; analysis: IndexedAnalysis }
  | { kind: 'not-article' }
  | { kind: 'too-large'; sizeKB: number; limitKB: number }
  | { kind: 'failed' };

/** What the server knows of one document, open or on disk. */
export interface Entry {
  /** The URI as the client spells it. */
  uri: string;
  /** The version of the open document analysed, or null when the text came from the file on disk. */
  version: number | null;
  /**
   * Which opening of the document the version belongs to: versions start again at 1 when a document
   * is closed and opened again (Revert File, a checkout), so a version alone does not tell the
   * text. Absent when the text came from disk.
   */
  opening?: number;
  /** The generation it was computed in; older entries are recomputed. */
  generation: number;
  /** The lines of the analysed text: offsets become positions through them, also when the editor holds another version. */
  lines: TextLines | null;
  result: Result;
  /** True once the decorations of this version were sent (open documents). */
  decorated: boolean;
  /** The analysis as made, before the curation file's corrections (`result` has them applied). */
  raw?: IndexedAnalysis;
  /** The version of the curation the result was corrected by ({@link HostState.curation}). */
  curation?: number;
}

/** The analysis of an entry as made, before corrections. */
const rawOf = (e: Entry): Result => (e.result.kind === 'analysed' ? { kind: 'analysed', analysis: e.raw ?? e.result.analysis } : e.result);

/** How a file read from disk ended. */
export type DiskOutcome = 'text' | 'too-large' | 'unreadable' | 'gone' | 'open' | 'stale';

/** Told of every entry stored or forgotten (its diagnostics are due, the events to re-link). */
export interface StoreListener {
  stored(key: string): void;
  /** `had`: whether there was an entry. */
  forgotten(key: string, had: boolean): void;
}

/** The key of a URI: `file:` URIs spelled as VS Code spells them. */
export const keyOf = canonicalUri;

/**
 * Open documents at least this long (UTF-16 units) are analysed off the main thread when a worker
 * is at hand: a 2 MB article takes seconds, which every request on any other document would wait for.
 */
export const OFF_THREAD_LENGTH = 128 * 1024;

/** Analyses a text in another thread (dropped if `signal` aborts before it starts); undefined when there is no thread to do it. */
/**
 * Lets the requests that came meanwhile (a hover on another document) be answered: a long document's
 * analysis from a worker is checked, then indexed, each after a turn of the event loop, not in one
 * stretch of a few hundred milliseconds.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether an entry goes into the workspace index: an analysed saved or untitled document. */
const linked = (key: string, entry: Entry): entry is Entry & { result: { kind: 'analysed'; analysis: IndexedAnalysis } } => entry.result.kind === 'analysed' && /^(file|untitled):/i.test(key);

export type OffThreadAnalysis = (input: { text: string; uri: string }, signal: AbortSignal) => Promise<IndexedAnalysis> | undefined;

/** An open document's analysis under way in another thread. */
interface Pending {
  version: number;
  opening: number;
  generation: number;
  entry: Promise<Entry>;
  /** Drops the analysis if it has not started: a newer text of the document was asked for. */
  cancel: AbortController;
}

export class ArticleStore {
  private readonly entries = new Map<string, Entry>();
  /** A fresh number for each opening of a URI, while it is open. */
  private readonly openings = new Map<string, number>();
  private openingCount = 0;
  /** Analyses of open documents under way in another thread, by key. */
  private readonly pending = new Map<string, Pending>();
  /** The last analysis asked for of each open document: an older one that ends later is not stored. */
  private readonly requests = new Map<string, number>();
  private requestCount = 0;

  constructor(
    private readonly state: HostState,
    private readonly workspace: HostWorkspace,
    private readonly logger: HostLogger,
    private readonly listener: StoreListener,
    private readonly offThread: OffThreadAnalysis = () => undefined,
  ) {}

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  opened(uri: string): void {
    this.openings.set(uri, ++this.openingCount);
  }

  closed(uri: string): void {
    this.openings.delete(uri);
  }

  /** The open document of a canonical URI, if any. */
  openDocument(key: string): TextDocument | undefined {
    return this.workspace.document(key) ?? this.workspace.documents().find((d) => keyOf(d.uri) === key);
  }

  /** The name a document goes by in messages: its front matter's `source`, else its path. */
  sourceName(key: string): string {
    const result = this.entries.get(key)?.result;
    return (result?.kind === 'analysed' ? result.analysis.frontMatter?.source : undefined) ?? this.state.exportPath(key);
  }

  /**
   * The entry of an open document's current version, analysing it if needed: here and at once (the
   * entry is stored before this returns), or, for a long text, in another thread while this one
   * answers other requests.
   */
  async entryFor(doc: TextDocument): Promise<Entry> {
    const key = keyOf(doc.uri);
    const cached = this.entries.get(key);
    const opening = this.openings.get(doc.uri) ?? 0;
    const generation = this.state.generation;
    if (cached && cached.version === doc.version && cached.opening === opening && cached.generation === generation && cached.curation === this.state.curation.version) return cached;
    const under = this.pending.get(key);
    if (under && under.version === doc.version && under.opening === opening && under.generation === generation) return under.entry;
    const request = ++this.requestCount;
    this.requests.set(key, request);
    const text = doc.getText();
    const lines = TextLines.of(doc.languageId, text);
    const entry = (result: Result): Entry => ({ uri: doc.uri, version: doc.version, opening, generation, lines, result, decorated: false });
    // Opening a file indexed from disk, or undoing back to what was analysed: the same text, the same analysis.
    const same = cached && cached.generation === generation && cached.result.kind === 'analysed' && cached.lines?.isText(doc.languageId, text) === true;
    // Typing in a long document: the analyses of the texts typed over are dropped before they start, not queued.
    this.pending.get(key)?.cancel.abort();
    const cancel = new AbortController();
    const elsewhere = !same && text.length >= OFF_THREAD_LENGTH && this.analysable(doc.uri, doc.languageId, text) ? this.offThread({ text, uri: doc.uri }, cancel.signal) : undefined;
    if (!elsewhere) {
      const e = entry(same ? rawOf(cached) : this.analyseText(doc.uri, doc.languageId, text, `v${doc.version}`, true));
      this.commit(key, e, text);
      return e;
    }
    const started = Date.now();
    const label = `v${doc.version}`;
    const done = elsewhere.then(
      async (analysis) => { await turn(); return this.checkedAnalysis(doc.uri, text, analysis, `${label} (in a worker thread)`, started); },
      (e: unknown): Result => {
        if (e instanceof AnalysisCancelled) return { kind: 'failed' };
        this.logger.warn(`Khabar analyses ${doc.uri} ${label} on the main thread: ${describe(e)}`);
        return this.analyseText(doc.uri, doc.languageId, text, label, true);
      },
    ).catch((e: unknown): Result => {
      this.logger.error(`Khabar failed to analyse ${doc.uri} ${label}: ${describe(e)}`);
      return { kind: 'failed' };
    }).then(async (result) => {
      await turn();
      if (this.pending.get(key)?.entry === promise) this.pending.delete(key);
      const e = entry(result);
      // An edit, a reopening or a new generation asked for another analysis meanwhile: this one is of a text gone.
      if (this.requests.get(key) === request && this.state.generation === generation) await this.commitInTurns(key, e, text);
      else e.decorated = true;
      // Its decorations are made by whoever awaits the entry: after another turn.
      await turn();
      return e;
    });
    const promise = done;
    this.pending.set(key, { version: doc.version, opening, generation, entry: promise, cancel });
    return promise;
  }

  /** Reads a closed file from disk and indexes it (or forgets it when it is no article of the workspace). */
  async refreshFromDisk(key: string, workers?: AnalysisPool, signal?: AbortSignal): Promise<DiskOutcome> {
    const { state } = this;
    const gen = state.generation;
    if (this.openDocument(key)) return 'open';
    const p = uriToPath(key);
    if (p === null || !state.filter.folderOf(p) || !state.filter.isArticle(key, languageIdForPath(p))) {
      this.forget(key);
      return 'gone';
    }
    const read = await this.readFromDisk(key, p, workers, signal);
    if (read === 'cancelled' || gen !== state.generation) return 'stale';
    const r = read.file;
    if (this.openDocument(key)) return 'open';
    switch (r.kind) {
      case 'missing':
        this.forget(key);
        return 'gone';
      case 'unreadable':
        this.logger.info(`Khabar skipped ${p}: ${r.reason}`);
        this.forget(key);
        return 'unreadable';
      case 'too-large':
        this.logger.info(`Khabar skipped ${p}: ${Math.ceil(r.sizeKB)} KB is larger than khabar.maxFileSizeKB (${state.settings.maxFileSizeKB} KB)`);
        this.commit(key, { uri: key, version: null, generation: gen, lines: null, result: { kind: 'too-large', sizeKB: r.sizeKB, limitKB: state.settings.maxFileSizeKB }, decorated: false });
        return 'too-large';
      case 'text': {
        for (const w of r.warnings) this.logger.info(`Khabar: ${p}: ${w}`);
        const languageId = languageIdForPath(p);
        // A file saved from the editor, or touched without a change: already analysed as it is.
        const known = this.entries.get(key);
        const result = known && known.generation === gen && known.result.kind === 'analysed' && known.lines?.isText(languageId, r.text) === true
          ? rawOf(known) : this.diskResult(key, languageId, r.text, read.analysis);
        this.commit(key, { uri: key, version: null, generation: gen, lines: TextLines.of(languageId, r.text), result, decorated: false }, r.text);
        return 'text';
      }
    }
  }

  /** Forgets a document: out of the index, diagnostics cleared at the next re-link. */
  forget(key: string): void {
    const had = this.entries.delete(key);
    this.state.curationFindings.delete(key);
    try {
      this.state.index.remove(key);
    } catch (e) {
      this.logger.error(`Khabar could not remove ${key} from the index: ${describe(e)}`);
    }
    this.listener.forgotten(key, had);
  }

  /** Forgets the closed documents a scan of generation `gen` did not see. */
  forgetUnseen(gen: number): void {
    for (const [key, e] of [...this.entries]) if (e.generation !== gen && !this.openDocument(key)) this.forget(key);
  }

  /** Forgets the closed documents at or under a deleted path (a deleted folder is reported once, as the folder). */
  forgetUnder(key: string): void {
    for (const k of [...this.entries.keys()]) if ((k === key || k.startsWith(key + '/')) && !this.openDocument(k)) this.forget(k);
  }

  /** Stores an entry (its analysis corrected by the curation file, when its text is given) and updates the workspace index. */
  private commit(key: string, entry: Entry, text?: string): void {
    this.store(key, entry, text);
    this.index(key, entry);
  }

  /** Stores an entry, its corrections applied, without indexing it yet. */
  private store(key: string, entry: Entry, text?: string): void {
    if (text !== undefined) this.curate(key, entry, text);
    this.entries.set(key, entry);
  }

  /** Indexes an entry stored (with its event frames when made beforehand) and says so. */
  private index(key: string, entry: Entry, frames?: EventFrame[]): void {
    try {
      // Saved and untitled documents alike: a pasted article is linked into the events as a file is.
      if (linked(key, entry)) this.state.index.update(key, this.state.exportPath(key), entry.result.analysis, frames);
      else this.state.index.remove(key);
    } catch (e) {
      this.logger.error(`Khabar could not index ${key}: ${describe(e)}`);
    }
    this.listener.stored(key);
  }

  /** {@link commit} of a long document's analysis in three turns of the event loop (store, frames, index), each a fraction of the whole. */
  private async commitInTurns(key: string, entry: Entry, text: string): Promise<void> {
    const { generation } = this.state;
    this.store(key, entry, text);
    await turn();
    const frames = linked(key, entry) ? framesOf(entry.result.analysis, 0, this.state.knowledge) : undefined;
    await turn();
    // A newer analysis stored meanwhile is indexed by its own commit; a new knowledge base indexes afresh.
    if (this.entries.get(key) === entry && this.state.generation === generation) this.index(key, entry, frames);
  }

  /** Applies the curation file's figure and name corrections of a document to its analysis, keeping the analysis as made. */
  private curate(key: string, entry: Entry, text: string): void {
    const { curation } = this.state;
    entry.curation = curation.version;
    if (entry.result.kind !== 'analysed') return;
    const raw = entry.result.analysis;
    entry.raw = raw;
    try {
      const made = curateDocument(text, raw, curation.byDocument.get(this.state.exportPath(key)) ?? [], this.state.knowledge);
      entry.result = { kind: 'analysed', analysis: made.analysis };
      if (made.findings.length) this.state.curationFindings.set(key, made.findings);
      else this.state.curationFindings.delete(key);
    } catch (e) {
      this.logger.error(`Khabar could not apply the corrections of ${key}: ${describe(e)}`);
    }
  }

  /** Whether a text is an article within the size limit, which the analyzer would analyse. */
  private analysable(uri: string, languageId: string, text: string): boolean {
    return this.state.filter.isArticle(uri, languageId) && Buffer.byteLength(text, 'utf8') / 1024 <= this.state.settings.maxFileSizeKB && !!this.state.analyzer;
  }

  private analyseText(uri: string, languageId: string, text: string, label: string, log: boolean): Result {
    const { settings, filter, analyzer } = this.state;
    if (!filter.isArticle(uri, languageId)) return { kind: 'not-article' };
    const sizeKB = Buffer.byteLength(text, 'utf8') / 1024;
    if (sizeKB > settings.maxFileSizeKB) {
      this.logger.info(`Khabar skipped ${uri}: ${Math.ceil(sizeKB)} KB is larger than khabar.maxFileSizeKB (${settings.maxFileSizeKB} KB)`);
      return { kind: 'too-large', sizeKB, limitKB: settings.maxFileSizeKB };
    }
    if (!analyzer) return { kind: 'failed' };
    const started = Date.now();
    try {
      return this.checkedAnalysis(uri, text, analyzer.analyze({ text, uri }), label, log ? started : undefined);
    } catch (e) {
      this.logger.error(`Khabar failed to analyse ${uri} ${label}: ${describe(e)}`);
      return { kind: 'failed' };
    }
  }

  /** An analysis made elsewhere (in this thread or a worker), checked before anything reads it. */
  private checkedAnalysis(uri: string, text: string, analysis: IndexedAnalysis, label: string, loggedSince?: number): Result {
    if (!analysis || !Array.isArray(analysis.figures) || !Array.isArray(analysis.problems)) {
      throw new Error('the analyzer returned no figures or problems array');
    }
    if (!Array.isArray(analysis.entities)) analysis.entities = [];
    if (analysis.length !== text.length) {
      this.logger.warn(`Khabar: analysis of ${uri} reports length ${analysis.length}, the text has ${text.length}`);
    }
    if (loggedSince !== undefined) {
      this.logger.log(
        `Khabar analysed ${uri} ${label}: ${analysis.figures.length} figure(s), ${analysis.entities.length} entit${analysis.entities.length === 1 ? 'y' : 'ies'}, ${analysis.problems.length} problem(s) in ${Date.now() - loggedSince} ms`,
      );
    }
    return { kind: 'analysed', analysis };
  }

  /**
   * Reads a file from disk; in a scan's worker threads, which also analyse the text (the main thread
   * then neither waits on the disk nor analyses), else here. A worker that fails leaves both to this thread.
   */
  private async readFromDisk(key: string, file: string, workers: AnalysisPool | undefined, signal: AbortSignal | undefined): Promise<{ file: FileText; analysis?: IndexedAnalysis } | 'cancelled'> {
    const maxKB = this.state.settings.maxFileSizeKB;
    if (workers) {
      try {
        const f = await workers.analyzeFile({ path: file, maxBytes: maxKB * 1024, uri: key }, signal);
        return f.kind === 'text' ? { file: { kind: 'text', text: f.text, encoding: f.encoding, warnings: f.warnings }, analysis: f.analysis } : { file: f };
      } catch (e) {
        if (e instanceof AnalysisCancelled) return 'cancelled';
        this.logger.warn(`Khabar analyses ${key} again on the main thread: ${describe(e)}`);
      }
    }
    return { file: await this.workspace.readArticleFile(file, maxKB) };
  }

  /** The result of a worker's analysis, checked; without one, or when it fails the checks, an analysis here. */
  private diskResult(uri: string, languageId: string, text: string, analysis: IndexedAnalysis | undefined): Result {
    if (analysis && this.state.filter.isArticle(uri, languageId)) {
      try {
        return this.checkedAnalysis(uri, text, analysis, '(on disk)');
      } catch (e) {
        this.logger.warn(`Khabar analyses ${uri} again on the main thread: ${describe(e)}`);
      }
    }
    return this.analyseText(uri, languageId, text, '(on disk)', false);
  }
}
