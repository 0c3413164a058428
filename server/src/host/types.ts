/**
 * What the host layer needs of its surroundings, and nothing more: the workspace (its files and
 * the documents open in the editor), the client (where results go) and a logger. The language
 * server implements them over an LSP connection; the unit tests over an in-memory workspace
 * (test/unit/inMemoryWorkspace.ts). Modelled on `IWorkspace` of vscode-markdown-languageservice.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ArticleFilter } from '../articles';
import type { DecorationsParams, EventsParams } from '../protocol';
import type { FileText } from '../node/readArticle';

/** Messages for the log (the Khabar output channel). */
export interface HostLogger {
  log(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of a walk over the workspace's files. */
export interface ListOptions {
  /** Stop after this many files (a safety net for huge folders). */
  maxFiles?: number;
  /** Checked between folders; the walk stops when it returns true. */
  cancelled?: () => boolean;
}

/** The files of the workspace and the documents open in the editor. */
export interface HostWorkspace {
  /** The open documents. */
  documents(): readonly TextDocument[];
  /** The open document of a URI as the client spells it. */
  document(uri: string): TextDocument | undefined;
  /** The article files (file-system paths, sorted) under the given folders that the filter takes. */
  listArticleFiles(folders: readonly string[], filter: ArticleFilter, options?: ListOptions): Promise<{ files: string[]; truncated: boolean }>;
  /** The text of a file, or why there is none; larger than `maxKB` not read. */
  readArticleFile(file: string, maxKB: number): Promise<FileText>;
}

/** A progress report shown while the workspace is indexed. */
export interface HostProgress {
  report(percentage: number, message: string): void;
  /** True once the user cancelled. */
  readonly cancelled: boolean;
  done(): void;
}

/** Where results go. */
export interface HostClient {
  /** Settles when the message has been written (the publisher's backpressure waits on it). */
  sendDiagnostics(params: PublishDiagnosticsParams): Promise<void>;
  sendDecorations(params: DecorationsParams): void;
  sendEvents(params: EventsParams): void;
  showWarning(message: string): void;
  /** A cancellable progress report, or undefined when the client shows none. */
  startProgress(title: string, message: string): Promise<HostProgress | undefined>;
}

/** An error's stack or message, for the log. */
export function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
