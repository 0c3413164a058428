/**
 * An in-memory workspace and client for the host layer (server/src/host): files by path, open
 * documents, and everything the host sends, recorded. Modelled on vscode-markdown-languageservice's
 * `src/test/inMemoryWorkspace.ts`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ARTICLE_LANGUAGE, type ArticleFilter } from '../../server/src/articles';
import type { FileText } from '../../server/src/node/readArticle';
import type { DecorationsParams, EventsParams } from '../../server/src/protocol';
import type { HostClient, HostLogger, HostProgress, HostWorkspace, ListOptions } from '../../server/src/host/types';
import { canonicalUri, languageIdForPath, pathToUri } from '../../server/src/workspaceFiles';

export class InMemoryWorkspace implements HostWorkspace {
  /** Files on "disk" by absolute path. */
  readonly files = new Map<string, string>();
  private readonly open = new Map<string, TextDocument>();
  /** Paths read, in order. */
  readonly reads: string[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.files.set(p, text);
  }

  documents(): readonly TextDocument[] {
    return [...this.open.values()];
  }

  document(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  async listArticleFiles(folders: readonly string[], filter: ArticleFilter, options: ListOptions = {}): Promise<{ files: string[]; truncated: boolean }> {
    const files = [...this.files.keys()]
      .filter((p) => folders.some((f) => p.startsWith(f.replace(/\/+$/, '') + '/')))
      .filter((p) => !p.split('/').slice(0, -1).some((_, i, parts) => i > 0 && filter.excludesFolder(parts.slice(0, i + 1).join('/'))))
      .filter((p) => filter.isArticle(pathToUri(p), languageIdForPath(p)))
      .sort();
    const max = options.maxFiles ?? Infinity;
    return { files: files.slice(0, max), truncated: files.length > max };
  }

  async readArticleFile(file: string, maxKB: number): Promise<FileText> {
    this.reads.push(file);
    const text = this.files.get(file);
    if (text === undefined) return { kind: 'missing' };
    const sizeKB = Buffer.byteLength(text) / 1024;
    return sizeKB > maxKB ? { kind: 'too-large', sizeKB } : { kind: 'text', text, encoding: 'utf-8', warnings: [] };
  }

  /** Opens a document (the host is told by the caller, as TextDocuments tells the server). */
  openDocument(uri: string, text: string, version = 1, languageId?: string): TextDocument {
    const p = uri.startsWith('file:') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
    const doc = TextDocument.create(uri, languageId ?? (uri.startsWith('file:') ? languageIdForPath(p) : ARTICLE_LANGUAGE), version, text);
    this.open.set(uri, doc);
    return doc;
  }

  /** Replaces an open document's text with a new version. */
  editDocument(uri: string, text: string): TextDocument {
    const doc = this.open.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const next = TextDocument.update(doc, [{ text }], doc.version + 1);
    this.open.set(uri, next);
    return next;
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
  }

  /** The `file:` URI of a path, as the host keys it. */
  static uri(path: string): string {
    return canonicalUri(pathToUri(path));
  }
}

/** A client that records what the host sends; `hold` keeps diagnostics unwritten until released. */
export class RecordingClient implements HostClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly diagnosticsSent: PublishDiagnosticsParams[] = [];
  readonly decorations = new Map<string, DecorationsParams>();
  readonly events: EventsParams[] = [];
  readonly warnings: string[] = [];
  hold = false;
  /** Diagnostics sent and not yet written (while `hold`). */
  readonly pending: (() => void)[] = [];

  sendDiagnostics(params: PublishDiagnosticsParams): Promise<void> {
    this.diagnostics.set(params.uri, params);
    this.diagnosticsSent.push(params);
    if (!this.hold) return Promise.resolve();
    return new Promise((resolve) => this.pending.push(resolve));
  }

  /** Writes the held diagnostics. */
  release(): void {
    this.hold = false;
    for (const r of this.pending.splice(0)) r();
  }

  sendDecorations(params: DecorationsParams): void {
    this.decorations.set(params.uri, params);
  }

  sendEvents(params: EventsParams): void {
    this.events.push(params);
  }

  showWarning(message: string): void {
    this.warnings.push(message);
  }

  async startProgress(): Promise<HostProgress | undefined> {
    return undefined;
  }
}

/** A logger that keeps the lines. */
export class MemoryLogger implements HostLogger {
  readonly lines: string[] = [];
  log(m: string): void { this.lines.push(m); }
  info(m: string): void { this.lines.push(m); }
  warn(m: string): void { this.lines.push(m); }
  error(m: string): void { this.lines.push(`ERROR ${m}`); }
}

/** Waits until `value()` gives something truthy, or fails after `ms`. */
export async function until<T>(what: string, value: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = value();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
