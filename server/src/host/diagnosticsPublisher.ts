/**
 * Diagnostics of the documents: problems of the text and what the workspace says about its
 * figures. Documents are queued and each list is computed when its turn comes, from what is known
 * then; open documents go first; a few lists at a time are in flight, so that the end of a scan
 * (thousands of lists, 60 MB of JSON at 10,000 articles) is written as the client reads it.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { InputProblem, ReportFinding } from '../core';
import { findingMessage, formatValue, isolate, type SourceValue } from '../wording';
import type { TextLines } from '../textLines';
import type { ArticleStore, Entry } from './articleStore';
import { rangeIn, ZERO } from './positions';
import type { HostState } from './state';
import { describe, type HostLogger } from './types';

const SOURCE = 'khabar';

/** Diagnostics lists sent and not yet written to the client, at most. */
const MAX_UNWRITTEN = 16;

const FINDING_SEVERITY: Record<ReportFinding['severity'], DiagnosticSeverity> = {
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function problemDiagnostic(lines: TextLines | null, p: InputProblem): Diagnostic {
  const severity =
    p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
  return { range: rangeIn(lines, p) ?? ZERO, severity, code: p.code, source: SOURCE, message: p.message };
}

export class DiagnosticsPublisher {
  /** URIs with a non-empty diagnostics list sent. */
  private readonly diagnosed = new Set<string>();
  private readonly queue = new Set<string>();
  /** Open documents among the queued, sent first: the one being edited does not wait behind a whole workspace's. */
  private readonly urgent = new Set<string>();
  private readonly unwritten = new Set<Promise<void>>();
  private publishing = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: HostState,
    private readonly store: ArticleStore,
    private readonly send: (params: PublishDiagnosticsParams) => Promise<void>,
    private readonly logger: HostLogger,
  ) {}

  /** Whether a non-empty list was sent for the document (it must be cleared when it goes). */
  hasDiagnostics(key: string): boolean {
    return this.diagnosed.has(key);
  }

  /** Queues a document's diagnostics; `urgent` for open documents. */
  enqueue(key: string, urgent: boolean): void {
    (urgent ? this.urgent : this.queue).add(key);
  }

  /** Sends the queued diagnostics, a few at a time, as the earlier ones are written; resolves when the queue is empty. */
  flush(): Promise<void> {
    if (this.publishing) return this.current;
    this.publishing = true;
    return (this.current = this.drain());
  }

  /** The diagnostics of a document as they are now. */
  diagnosticsOf(key: string, entry: Entry): Diagnostic[] {
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
        const { index } = this.state;
        if (index.get(key)) for (const f of index.findings(key)) out.push(this.findingDiagnostic(entry, f));
        return out;
      }
      default:
        return [];
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.urgent.size || this.queue.size) {
        const queue = this.urgent.size ? this.urgent : this.queue;
        const key = queue.values().next().value as string;
        this.urgent.delete(key);
        this.queue.delete(key);
        const written = this.publish(key);
        if (!written) continue;
        this.unwritten.add(written);
        void written.then(() => this.unwritten.delete(written));
        if (this.unwritten.size >= MAX_UNWRITTEN) await Promise.race(this.unwritten);
      }
    } finally {
      this.publishing = false;
    }
  }

  /** Sends a document's diagnostics as they are now; the promise settles when the message has left the process. */
  private publish(key: string): Promise<void> | undefined {
    const entry = this.store.get(key);
    let diagnostics: Diagnostic[] = [];
    if (entry) {
      try {
        diagnostics = this.diagnosticsOf(key, entry);
      } catch (e) {
        this.logger.error(`Khabar could not compute the diagnostics of ${key}: ${describe(e)}`);
      }
    }
    if (!diagnostics.length && !this.diagnosed.has(key)) return undefined;
    if (diagnostics.length) this.diagnosed.add(key);
    else this.diagnosed.delete(key);
    try {
      return this.send({ uri: entry?.uri ?? key, ...(entry?.version != null ? { version: entry.version } : {}), diagnostics });
    } catch (e) {
      this.logger.error(`Khabar could not send the diagnostics of ${key}: ${describe(e)}`);
      return undefined;
    }
  }

  /** A finding's message, short and numbers first, names and quotes of another direction isolated (wording.ts), from the finding's data. */
  private findingText(f: ReportFinding): string {
    // What each source says of the group, as the index compared them (a source's total, not one of its parts).
    const sources: SourceValue[] = f.sources.map((s) => ({ source: this.store.sourceName(s.uri), low: s.low, high: s.high, approximate: s.approximate }));
    const adjudicated = f.adjudicated && { best: f.adjudicated.best, source: this.store.sourceName(f.adjudicated.uri), ...(f.adjudicated.reason !== undefined ? { reason: f.adjudicated.reason } : {}) };
    return findingMessage({ code: f.code, kind: f.kind, group: f.group, sources, more: f.moreSources, where: f.code === 'vague' ? undefined : f.event, ...(adjudicated ? { adjudicated } : {}) });
  }

  private findingDiagnostic(entry: Entry, f: ReportFinding): Diagnostic {
    const relatedInformation: DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      const other = this.store.get(r.uri);
      const range = rangeIn(other?.lines, r.range);
      if (!range) continue;
      const message = `${isolate(this.store.sourceName(r.uri))}: ${formatValue(r)} — \u201C${isolate(r.text)}\u201D`;
      relatedInformation.push({ location: { uri: other?.uri ?? r.uri, range }, message });
    }
    return {
      range: rangeIn(entry.lines, f.range) ?? ZERO,
      severity: FINDING_SEVERITY[f.severity] ?? DiagnosticSeverity.Information,
      code: f.code,
      source: SOURCE,
      message: this.findingText(f),
      ...(relatedInformation.length ? { relatedInformation } : {}),
    };
  }
}
