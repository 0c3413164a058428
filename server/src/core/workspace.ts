import { buildExport, type EventsExport } from './export';
import type { KnowledgeBase } from './knowledge';
import type { DocumentAnalysis, Span } from './types';

/** A place in a document of the workspace. */
export interface Location {
  uri: string;
  range: Span;
}

/** What the workspace says about one figure report, for diagnostics in its document. */
export interface ReportFinding {
  range: Span;
  severity: 'warning' | 'information' | 'hint';
  /** conflict: sources cannot all be true; update: a later source raised the toll; vague: an approximate figure. */
  code: 'conflict' | 'update' | 'vague';
  message: string;
  /** The other sources' reports of the same figure. */
  related: (Location & { message: string })[];
}

/**
 * Every analysed article of a workspace and the events linked across them. Documents are
 * updated one at a time; events are re-linked lazily, once, when next asked for.
 */
export interface WorkspaceIndex {
  /** Adds or replaces the analysis of one document. */
  update(uri: string, path: string, analysis: DocumentAnalysis): void;
  /** Forgets a document. */
  remove(uri: string): void;
  /** The analysis of a document, if indexed. */
  get(uri: string): DocumentAnalysis | undefined;
  /** Number of documents indexed. */
  readonly size: number;
  /** The events export of the whole workspace (the spec's JSON), with the uri of every `dN`. */
  export(): { data: EventsExport; uris: string[] };
  /** Conflicts, updates and vague figures to show in one document. */
  findings(uri: string): ReportFinding[];
  /** Uris whose findings changed at the last re-link (to republish their diagnostics). */
  changedSinceLastLink(): string[];
}

const MAX_NAMED = 8;
const MAX_RELATED = 20;

const value = (r: { low: number; high: number | null; approximate: boolean }) =>
  `${r.approximate ? 'about ' : ''}${r.high === null ? `at least ${r.low}` : r.low === r.high ? r.low : `${r.low}–${r.high}`}`;

/** Creates an empty workspace index over a knowledge base. */
export function createWorkspaceIndex(knowledge?: KnowledgeBase): WorkspaceIndex {
  const docs = new Map<string, { path: string; analysis: DocumentAnalysis }>();
  let cache: { data: EventsExport; uris: string[]; findings: Map<string, ReportFinding[]> } | undefined;
  let lastFindings = new Map<string, string>();
  let changed: string[] = [];

  const relink = () => {
    if (cache) return cache;
    const uris = [...docs.keys()].sort();
    const data = buildExport(uris.map((u) => docs.get(u)!), new Date(), knowledge);
    const uriOf = (id: string) => uris[Number(id.slice(1)) - 1];
    const nameOf = (id: string) => docs.get(uriOf(id))?.analysis.frontMatter?.source ?? docs.get(uriOf(id))?.path ?? id;
    const findings = new Map<string, ReportFinding[]>();
    const add = (uri: string, f: ReportFinding) => findings.set(uri, [...(findings.get(uri) ?? []), f]);
    for (const ev of data.events) {
      const where = [ev.type.replace('_', ' '), ev.location?.name, ev.date?.start].filter(Boolean).join(', ');
      for (const fig of ev.figures) {
        if (!fig.conflict && !fig.update && !fig.reports.some((r) => r.approximate)) continue;
        // An event reported by hundreds of sources: name a few of them, point at a few more.
        const shown = fig.reports.slice(0, MAX_NAMED);
        const all = shown.map((o) => `${nameOf(o.document)} ${value(o)}`).join('; ') + (fig.reports.length > MAX_NAMED ? `; and ${fig.reports.length - MAX_NAMED} more` : '');
        const relatedOf = new Map<string, ReportFinding['related']>();
        for (const r of fig.reports) {
          let related = relatedOf.get(r.document);
          if (!related) {
            related = [];
            for (const o of fig.reports) {
              if (o.document === r.document) continue;
              related.push({ uri: uriOf(o.document), range: { start: o.start, end: o.end }, message: `${nameOf(o.document)}: ${value(o)} (“${o.text}”)` });
              if (related.length >= MAX_RELATED) break;
            }
            relatedOf.set(r.document, related);
          }
          const others = related;
          if (fig.conflict && others.length) {
            add(uriOf(r.document), { range: { start: r.start, end: r.end }, severity: 'warning', code: 'conflict', related,
              message: `Sources disagree on ${fig.group} ${fig.kind} in the ${where} event: ${all}.` });
          } else if (fig.update && others.length) {
            add(uriOf(r.document), { range: { start: r.start, end: r.end }, severity: 'information', code: 'update', related,
              message: `A later report raised the toll of ${fig.group} ${fig.kind} in the ${where} event: ${all}.` });
          } else if (r.approximate) {
            add(uriOf(r.document), { range: { start: r.start, end: r.end }, severity: 'hint', code: 'vague', related, message: `Approximate figure: ${value(r)} ${fig.group} ${fig.kind}.` });
          }
        }
      }
    }
    const now = new Map<string, string>();
    for (const u of uris) now.set(u, JSON.stringify(findings.get(u) ?? []));
    changed = [...new Set([...now.keys(), ...lastFindings.keys()])].filter((u) => now.get(u) !== lastFindings.get(u));
    lastFindings = now;
    cache = { data, uris, findings };
    return cache;
  };

  return {
    update(uri, path, analysis) { docs.set(uri, { path, analysis }); cache = undefined; },
    remove(uri) { if (docs.delete(uri)) cache = undefined; },
    get: (uri) => docs.get(uri)?.analysis,
    get size() { return docs.size; },
    export() { const c = relink(); return { data: c.data, uris: c.uris }; },
    findings: (uri) => relink().findings.get(uri) ?? [],
    changedSinceLastLink() { relink(); return changed; },
  };
}
