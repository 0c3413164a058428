/**
 * A pool of worker threads that analyse article texts in parallel, for cold indexing of a large
 * workspace. Each worker loads the lexicons and the knowledge base itself and keeps its own
 * analyzer; texts go in, plain {@link DocumentAnalysis} objects (structured-cloned) come out.
 *
 * Workers run the bundle that created the pool (`__filename` unless `workerScript` says
 * otherwise), so the entry point of every bundle that uses the pool must start with
 *
 * ```ts
 * if (!runAnalysisWorkerIfAsked()) main();
 * ```
 *
 * which makes a worker thread serve analyses instead of running the program again.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData, type ResourceLimits } from 'node:worker_threads';
import { createAnalyzer, type DocumentAnalysis, type IndexedAnalysis } from '../core';
import { loadKnowledge } from './knowledge';
import { loadLexicons } from './lexicons';
import { readArticleFileSync, type FileText } from './readArticle';

const MARK = 'khabar-analysis-worker';

/**
 * Heap limits of each worker. Without them V8 lets each worker's heap grow far beyond what it
 * needs (measured on 10,000 articles: peak RSS 540 MB with two workers, 340 MB with an 8 MB young
 * generation); 24 MB of young generation scavenges less often, and indexing 10,000 took 0.5–1.6 s
 * less than with 8 MB in three runs taken in turn. 512 MB of old generation still analyses a 1 MB
 * single-line article.
 */
const DEFAULT_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 512 };
/** Times a slot's worker is replaced after dying before the pool gives up. */
const MAX_RESTARTS = 3;

/** What a worker needs to build its analyzer: plain data, sent to each worker at start. */
export interface AnalysisPoolOptions {
  /** Folder of the lexicons (`lexicons/`). */
  lexiconsDir: string;
  /** Folder of the bundled knowledge base (`knowledge/`). */
  knowledgeDir: string;
  /** Workspace knowledge files over the bundled base (`.khabar/knowledge.json`), already read. */
  extraKnowledge?: { origin: string; text: string }[];
  /** Number of worker threads; default: the machine's available parallelism. */
  workers?: number;
  /** Script the workers run; default: the current bundle (`__filename`). */
  workerScript?: string;
  /** Texts sent to a worker before it has answered; keeps workers busy while results travel back. */
  inFlight?: number;
  /** Heap limits of each worker (default: 8 MB young, 512 MB old generation). */
  resourceLimits?: ResourceLimits;
}

/** One text to analyse. */
export interface PoolInput {
  text: string;
  uri?: string;
}

/** One file to read and analyse in a worker. */
export interface PoolFile {
  path: string;
  /** Files larger than this are not read (`too-large`). */
  maxBytes: number;
  uri?: string;
}

/**
 * A file as a worker read it, with the analysis of its text when it had one: what a workspace
 * index keeps, without the quantities and paragraphs (a fifth less to copy between threads).
 */
export type FileAnalysis = Exclude<FileText, { kind: 'text' }> | (Extract<FileText, { kind: 'text' }> & { analysis: IndexedAnalysis });

/** Thrown (as a rejection) for work cancelled by an abort signal or by {@link AnalysisPool.close}. */
export class AnalysisCancelled extends Error {
  constructor(message = 'analysis cancelled') {
    super(message);
    this.name = 'AnalysisCancelled';
  }
}

/** Analyses texts in worker threads. */
export interface AnalysisPool {
  /** Number of worker threads. */
  readonly size: number;
  /** Resolves when every worker has built its analyzer (the first analysis waits for it anyway). */
  ready(): Promise<void>;
  /** Analyses one text; rejects with {@link AnalysisCancelled} when the signal aborts before it started. */
  analyze(input: PoolInput, signal?: AbortSignal): Promise<DocumentAnalysis>;
  /**
   * Reads a file in a worker and analyses its text: a scan's main thread then neither waits on
   * the disk nor decodes. Rejects as {@link analyze} does; a file that cannot be read resolves.
   */
  analyzeFile(file: PoolFile, signal?: AbortSignal): Promise<FileAnalysis>;
  /**
   * Analyses many texts; `onResult` is called as each one is done (in completion order), and the
   * promise resolves with the analyses in input order. Aborting the signal drops the texts not yet
   * started and rejects with {@link AnalysisCancelled}.
   */
  analyzeAll(inputs: readonly PoolInput[], options?: { signal?: AbortSignal; onResult?: (index: number, analysis: DocumentAnalysis) => void }): Promise<DocumentAnalysis[]>;
  /** Stops the workers; pending work is rejected with {@link AnalysisCancelled}. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  input: PoolInput | PoolFile;
  resolve: (a: DocumentAnalysis | FileAnalysis) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
}

type Request = { id: number; text: string; uri?: string } | { id: number; path: string; maxBytes: number; uri?: string };
type Reply = { id: number; analysis: DocumentAnalysis } | { id: number; file: FileAnalysis } | { id: number; error: string } | { ready: true } | { fatal: string };

/**
 * In a worker thread started by {@link createAnalysisPool}, serves analyses and returns true;
 * elsewhere does nothing and returns false.
 */
export function runAnalysisWorkerIfAsked(): boolean {
  if (isMainThread || !parentPort || (workerData as { mark?: string } | null)?.mark !== MARK) return false;
  const port = parentPort;
  const options = (workerData as { options: AnalysisPoolOptions }).options;
  try {
    const { knowledge } = loadKnowledge(options.knowledgeDir, options.extraKnowledge ?? []);
    const analyzer = createAnalyzer({ lexicons: loadLexicons(options.lexiconsDir), knowledge });
    port.on('message', (m: Request) => {
      try {
        if ('path' in m) {
          const r = readArticleFileSync(m.path, m.maxBytes);
          const file: FileAnalysis = r.kind === 'text' ? { ...r, analysis: indexed(analyzer.analyze({ text: r.text, uri: m.uri })) } : r;
          port.postMessage({ id: m.id, file } satisfies Reply);
          return;
        }
        port.postMessage({ id: m.id, analysis: analyzer.analyze({ text: m.text, uri: m.uri }) } satisfies Reply);
      } catch (e) {
        port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies Reply);
      }
    });
    port.postMessage({ ready: true } satisfies Reply);
  } catch (e) {
    port.postMessage({ fatal: e instanceof Error ? e.message : String(e) } satisfies Reply);
  }
  return true;
}

function indexed(a: DocumentAnalysis): IndexedAnalysis {
  const { quantities: _q, paragraphs: _p, ...kept } = a;
  return kept;
}

/**
 * Structured clone gives every string its own copy: "place", "ar", an entity's id, once per mention
 * of every article. Whoever keeps every analysis (the workspace index) keeps them all, so short
 * strings are shared through one table: the live heap after indexing 10,000 articles went from 151 to
 * 127 MB. Texts and other long strings are left alone.
 */
const SHARED = new Map<string, string>();
const SHARED_MAX_LENGTH = 40;
function shareStrings<T>(value: T): T {
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length > SHARED_MAX_LENGTH) return v;
      const known = SHARED.get(v);
      if (known !== undefined) return known;
      if (SHARED.size >= 200_000) SHARED.clear();
      SHARED.set(v, v);
      return v;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { const x = v[i]; if (typeof x === 'object' || typeof x === 'string') v[i] = visit(x); }
      return v;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) { const x = o[k]; if (typeof x === 'object' || typeof x === 'string') o[k] = visit(x); }
    return o;
  };
  return visit(value) as T;
}

/** Starts a pool of analysis workers. */
export function createAnalysisPool(options: AnalysisPoolOptions): AnalysisPool {
  const size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const inFlight = Math.max(1, options.inFlight ?? 4);
  const script = options.workerScript ?? __filename;
  const data = { mark: MARK, options: { lexiconsDir: options.lexiconsDir, knowledgeDir: options.knowledgeDir, extraKnowledge: options.extraKnowledge ?? [] } };
  const queue: Job[] = [];
  let head = 0;
  let nextId = 1;
  let closed = false;
  let fatal: string | undefined;

  interface Slot { worker: Worker; busy: Map<number, Job>; ready: Promise<void>; restarts: number }
  const slots: Slot[] = [];
  const limits = options.resourceLimits ?? DEFAULT_LIMITS;

  /** Starts the worker of a slot; a worker that dies (out of memory on a huge text…) is replaced, and only its texts fail. */
  function start(slot: Slot) {
    const worker = new Worker(script, { workerData: data, resourceLimits: limits });
    // An idle worker does not keep the process alive; a busy one does (see pump and the reply handler).
    worker.unref();
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    slot.ready = new Promise<void>((res, rej) => { markReady = res; failReady = rej; });
    slot.ready.catch(() => undefined);
    slot.worker = worker;
    let gone = false;
    worker.on('message', (m: Reply) => {
      if ('ready' in m) { markReady(); return; }
      if ('fatal' in m) { fatal = `analysis worker could not start: ${m.fatal}`; failReady(new Error(fatal)); failAll(new Error(fatal)); return; }
      const job = slot.busy.get(m.id);
      if (!job) return;
      slot.busy.delete(m.id);
      if (!slot.busy.size) worker.unref();
      if ('error' in m) job.reject(new Error(m.error));
      else job.resolve(shareStrings('file' in m ? m.file : m.analysis));
      pump();
    });
    const died = (why: string) => {
      if (gone || closed) return;
      gone = true;
      const e = new Error(`analysis worker stopped: ${why}`);
      for (const j of slot.busy.values()) j.reject(e);
      slot.busy.clear();
      if (fatal) return;
      if (++slot.restarts > MAX_RESTARTS) { fatal = `${e.message} (restarted ${MAX_RESTARTS} times)`; failReady(e); failAll(new Error(fatal)); return; }
      void worker.terminate();
      start(slot);
      pump();
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`exit code ${code}`));
  }

  for (let i = 0; i < size; i++) {
    const slot = { busy: new Map<number, Job>(), restarts: 0 } as Slot;
    start(slot);
    slots.push(slot);
  }

  function failAll(e: Error) {
    for (const s of slots) { for (const j of s.busy.values()) j.reject(e); s.busy.clear(); s.worker.unref(); }
    while (head < queue.length) queue[head++].reject(e);
  }

  function pump() {
    if (closed || fatal) return;
    for (;;) {
      // The least busy worker takes the next text.
      let best: Slot | undefined;
      for (const s of slots) if (s.busy.size < inFlight && (!best || s.busy.size < best.busy.size)) best = s;
      if (!best) return;
      let job: Job | undefined;
      while (head < queue.length && !job) {
        const j = queue[head++];
        if (j.signal?.aborted) j.reject(new AnalysisCancelled());
        else job = j;
      }
      if (head > 1024 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
      if (!job) return;
      if (!best.busy.size) best.worker.ref();
      best.busy.set(job.id, job);
      const input = job.input;
      best.worker.postMessage(('path' in input ? { id: job.id, path: input.path, maxBytes: input.maxBytes, uri: input.uri } : { id: job.id, text: input.text, uri: input.uri }) satisfies Request);
    }
  }

  function submit(input: PoolInput | PoolFile, signal?: AbortSignal): Promise<DocumentAnalysis | FileAnalysis> {
    if (closed) return Promise.reject(new AnalysisCancelled('analysis pool closed'));
    if (fatal) return Promise.reject(new Error(fatal));
    if (signal?.aborted) return Promise.reject(new AnalysisCancelled());
    return new Promise<DocumentAnalysis | FileAnalysis>((resolve, reject) => {
      queue.push({ id: nextId++, input, resolve, reject, signal });
      pump();
    });
  }
  const analyze = (input: PoolInput, signal?: AbortSignal) => submit(input, signal) as Promise<DocumentAnalysis>;

  return {
    size,
    ready: async () => { await Promise.all(slots.map((s) => s.ready)); },
    analyze,
    analyzeFile: (file, signal) => submit(file, signal) as Promise<FileAnalysis>,
    async analyzeAll(inputs, opts = {}) {
      const { signal, onResult } = opts;
      const out: DocumentAnalysis[] = new Array(inputs.length);
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new AnalysisCancelled());
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => undefined);
      try {
        await Promise.race([
          aborted,
          Promise.all(inputs.map((input, i) => analyze(input, signal).then((a) => { out[i] = a; if (!signal?.aborted) onResult?.(i, a); }))),
        ]);
      } finally {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      failAll(new AnalysisCancelled('analysis pool closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Runs `task` over `items` with at most `limit` tasks under way at once (reading files while
 * workers analyse others), and resolves when all are done. Stops starting tasks once `stop()` is
 * true. A task's rejection rejects the whole run after the running tasks have settled.
 */
export async function forEachConcurrent<T>(items: Iterable<T>, limit: number, task: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  const it = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    for (let n = it.next(); !n.done && !failure && !stop(); n = it.next()) {
      try {
        await task(n.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(limit)) }, lane));
  if (failure) throw failure.error;
}
