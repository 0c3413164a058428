import { actorsOf } from './actors';
import type { LinkedEvent, ReconciledFigure } from './eventModel';
import { framesOf } from './events';
import type { EventFrame } from './eventModel';
import { reconcileCached } from './reconcile';
import { buildExport, eventRecord, type EventsExport, type ExportEvent } from './export';
import { createLinker } from './linker';
import type { KnowledgeBase } from './knowledge';
import type { IndexedAnalysis, Span } from './types';
import type { Correction } from './curation';
import { curateEvents, type CurationFinding } from './curationApply';

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
  kind: ReconciledFigure['kind'];
  group: ReconciledFigure['group'];
  /** The other sources' reports of the same figure, with what each says. */
  related: (Location & { low: number; high: number | null; approximate: boolean; text: string })[];
  /**
   * What each source says of the group, once per source, as the sources were compared (this
   * document's first), with the words of the report that says it; of a vague figure, this report.
   */
  sources: { uri: string; low: number; high: number | null; approximate: boolean; text: string }[];
  /** Sources left out of {@link sources}. */
  moreSources: number;
  /** The event, as type, place and date. */
  event: string[];
  /** The analyst chose the best estimate of this disagreement (the curation file): its value, the chosen report's document and why. */
  adjudicated?: { best: number | null; uri: string; reason?: string };
}

/**
 * An event of the workspace as the editor shows it: the export's event ({@link eventRecord}) with
 * its documents named by uri, and a key that stays while the event's reports do.
 */
export type WorkspaceEvent = Omit<ExportEvent, 'id'> & { key: string };

/**
 * Every analysed article of a workspace and the events linked across them. Documents are
 * updated one at a time; events are re-linked lazily, once, when next asked for.
 */
export interface WorkspaceIndex {
  /**
   * Adds or replaces the analysis of one document. `frames`: its event frames made beforehand
   * ({@link framesOf}, with any document number), so that a host can make them in a turn of its own.
   */
  update(uri: string, path: string, analysis: IndexedAnalysis, frames?: EventFrame[]): void;
  /** Forgets a document. */
  remove(uri: string): void;
  /** The analysis of a document, if indexed. */
  get(uri: string): IndexedAnalysis | undefined;
  /** Number of documents indexed. */
  readonly size: number;
  /** The events export of the whole workspace (the spec's JSON), with the uri of every `dN`. */
  export(): { data: EventsExport; uris: string[] };
  /** Conflicts, updates and vague figures to show in one document. */
  findings(uri: string): ReportFinding[];
  /** The documents that mention an entity, with their number of mentions, in no particular order. */
  mentions(entity: string): { uri: string; path: string; count: number }[];
  /** The events as of the last re-link, by key; an event whose reports did not change keeps its key and object. */
  events(): ReadonlyMap<string, WorkspaceEvent>;
  /** Uris of the documents indexed. */
  uris(): IterableIterator<string>;
  /** Uris whose findings may have changed since this was last asked (to republish their diagnostics). */
  changedSinceLastLink(): string[];
  /**
   * The corrections of the curation file, in its order: the report corrections are applied to the
   * events at the next re-link (figure and name corrections are the host's, on each analysis).
   */
  setCuration(corrections: readonly Correction[]): void;
  /** The corrections that changed nothing at the last re-link: an absent document, a report in no event, an unknown place. */
  curationFindings(): CurationFinding[];
}

const MAX_NAMED = 8;
const MAX_RELATED = 20;

const CODE_ORDER: Record<ReportFinding['code'], number> = { update: 0, vague: 1, conflict: 2 };
const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
/** Findings in the order of their words, then by code, group and kind: the same list for the same workspace. */
const findingOrder = (a: ReportFinding, b: ReportFinding) =>
  a.range.start - b.range.start || a.range.end - b.range.end || CODE_ORDER[a.code] - CODE_ORDER[b.code] || compare(a.group, b.group) || compare(a.kind, b.kind);

/** Whether a figure gives findings: its sources disagree on it, it rose, or one gives it vaguely. */
const notable = (fig: ReconciledFigure) => fig.conflict || fig.update || fig.reports.some((r) => r.figure.approximate);

/** What the findings of an event need of the index. */
interface FindingsContext {
  /** The uri of a document's number. */
  uriOf(document: number): string | undefined;
  placeNameOf(ev: LinkedEvent): string | undefined;
  published: Parameters<typeof reconcileCached>[1];
}

/** Each source's value of a figure, the given document's first, at most {@link MAX_NAMED} of the others. */
function sourcesFirst(fig: ReconciledFigure, document: number, ctx: FindingsContext): NonNullable<ReportFinding['sources']> {
  const out: NonNullable<ReportFinding['sources']> = [];
  const of = (o: ReconciledFigure['sources'][number]) => ({ uri: ctx.uriOf(o.document)!, low: o.low, high: o.high, approximate: o.approximate, text: o.figure.text });
  for (const o of fig.sources) if (o.document === document) out.push(of(o));
  for (const o of fig.sources) if (o.document !== document && out.length <= MAX_NAMED) out.push(of(o));
  return out;
}

/**
 * The findings an event gives in one document. Made when asked for, not kept: an event reported by
 * hundreds of sources gives each of them a list of the others, and kept they would be most of the index's memory.
 */
function findingsIn(ev: LinkedEvent, uri: string, out: ReportFinding[], ctx: FindingsContext): void {
  let event: string[] | undefined;
  for (const fig of reconcileCached(ev, ctx.published)) {
    if (!notable(fig)) continue;
    // The other documents' reports, the same for every report of this one.
    let related: ReportFinding['related'] | undefined;
    for (const r of fig.reports) {
      if (ctx.uriOf(r.document) !== uri) continue;
      if (!related) {
        related = [];
        for (const o of fig.reports) {
          if (o.document === r.document) continue;
          const f = o.figure;
          related.push({ uri: ctx.uriOf(o.document)!, range: { start: f.start, end: f.end }, low: f.low, high: f.high, approximate: f.approximate, text: f.text });
          if (related.length >= MAX_RELATED) break;
        }
      }
      const range = { start: r.figure.start, end: r.figure.end };
      event ??= [ev.type.replace('_', ' '), ctx.placeNameOf(ev), ev.date?.start].filter((x): x is string => !!x);
      // Fields, not spreads of a shared base: a spread's object got a hidden class of its own (see docs/performance.md).
      if ((fig.conflict || fig.update) && related.length) {
        // An event reported by hundreds of sources: name a few of them, count the others.
        const sources = sourcesFirst(fig, r.document, ctx);
        // A disagreement the analyst has decided is no longer a warning: it stays, told with the decision.
        const adjudicated = fig.adjudication && { best: fig.estimate.best, uri: ctx.uriOf(fig.adjudication.document)!, ...(fig.adjudication.reason !== undefined ? { reason: fig.adjudication.reason } : {}) };
        const finding: ReportFinding = { range, kind: fig.kind, group: fig.group, related, event, severity: fig.conflict && !adjudicated ? 'warning' : 'information', code: fig.conflict ? 'conflict' : 'update', sources, moreSources: fig.sources.length - sources.length };
        if (adjudicated) finding.adjudicated = adjudicated;
        out.push(finding);
      } else if (r.figure.approximate) {
        const f = r.figure;
        out.push({ range, kind: fig.kind, group: fig.group, related, event, severity: 'hint', code: 'vague', sources: [{ uri, low: f.low, high: f.high, approximate: f.approximate, text: f.text }], moreSources: 0 });
      }
    }
  }
}

/** Creates an empty workspace index over a knowledge base. */
export function createWorkspaceIndex(knowledge?: KnowledgeBase): WorkspaceIndex {
  // Documents keep a number for as long as they are indexed, so that their frames (and what
  // linking learnt about them) survive other documents coming and going.
  const docs = new Map<string, { id: number; path: string; analysis: IndexedAnalysis }>();
  const uriOf = new Map<number, string>();
  let nextId = 0;
  const linker = createLinker({
    knowledge,
    compareDocuments: (a, b) => { const x = uriOf.get(a)!, y = uriOf.get(b)!; return x < y ? -1 : x > y ? 1 : 0; },
  });
  /** The events that give a document findings ({@link flagged}), by uri. */
  const findingsBy = new Map<string, Set<LinkedEvent>>();
  const shown = new Map<string, WorkspaceEvent>();
  /** Events linked since the Events view last asked, by key: made into {@link WorkspaceEvent}s only when asked (an export never asks). */
  const unshown = new Map<string, LinkedEvent>();
  const keyOf = new WeakMap<LinkedEvent, string>();
  let nextKey = 0;
  const placeNameOf = (ev: LinkedEvent) => (ev.place ? knowledge?.entities.get(ev.place)?.name ?? ev.placeName ?? ev.place : undefined);
  const workspaceEvent = (ev: LinkedEvent, key: string): WorkspaceEvent => ({ key, ...eventRecord(ev, linker.published, knowledge, (d) => uriOf.get(d)!) });
  let stale = false;
  /** Uris whose findings may have changed since {@link WorkspaceIndex.changedSinceLastLink} was last asked. */
  const changed = new Set<string>();
  /** Numbers of removed documents, readable until the next re-link has taken their events out. */
  const gone: number[] = [];

  /** Whether an event gives any finding. */
  const flagged = (ev: LinkedEvent) => reconcileCached(ev, linker.published).some(notable);
  const findingsContext: FindingsContext = { uriOf: (id) => uriOf.get(id), placeNameOf, get published() { return linker.published; } };

  let corrections: readonly Correction[] = [];
  let curationFindings: CurationFinding[] = [];
  /** The events as shown: the linker's, or with corrections the curated ones. */
  let current: ReadonlySet<LinkedEvent> = linker.events;
  /** The linker's change made the change of the curated events: an event no correction touches is the same object in both. */
  const curated = (change: { added: LinkedEvent[]; removed: LinkedEvent[] }) => {
    if (!corrections.length && current === linker.events) return change;
    const byPath = new Map([...docs.values()].map((d) => [d.path, d.id]));
    const made = corrections.length ? curateEvents([...linker.events], corrections, (p) => byPath.get(p), knowledge) : { events: [...linker.events], findings: [] };
    curationFindings = made.findings;
    const next = corrections.length ? new Set(made.events) : linker.events;
    // The linker's own set has this link's change in it already: the events as they were shown are without it.
    const before = current === linker.events ? new Set([...linker.events].filter((e) => !change.added.includes(e)).concat(change.removed)) : current;
    const out = { added: made.events.filter((e) => !before.has(e)), removed: [...before].filter((e) => !next.has(e)) };
    current = next;
    return out;
  };

  /** Re-links what changed since the last call; only the events an edit touches are looked at again. */
  const relink = () => {
    if (!stale) return;
    stale = false;
    const { added, removed } = curated(linker.link());
    const touched = changed;
    for (const ev of removed) {
      const key = keyOf.get(ev);
      if (key) { shown.delete(key); unshown.delete(key); }
      for (const f of ev.frames) {
        const uri = uriOf.get(f.document);
        if (uri === undefined) continue;
        touched.add(uri);
        const set = findingsBy.get(uri);
        if (set?.delete(ev) && !set.size) findingsBy.delete(uri);
      }
    }
    for (const ev of added) {
      const key = `w${++nextKey}`;
      keyOf.set(ev, key);
      unshown.set(key, ev);
      const givesFindings = flagged(ev);
      for (const f of ev.frames) {
        const uri = uriOf.get(f.document);
        if (uri === undefined) continue;
        touched.add(uri);
        if (!givesFindings) continue;
        const set = findingsBy.get(uri);
        if (set) set.add(ev); else findingsBy.set(uri, new Set([ev]));
      }
    }
    for (const id of gone.splice(0)) uriOf.delete(id);
  };

  const forget = (uri: string) => {
    const d = docs.get(uri);
    if (!d) return;
    docs.delete(uri);
    linker.remove(d.id);
    stale = true;
  };

  return {
    update(uri, path, analysis, frames) {
      let d = docs.get(uri);
      if (!d) { d = { id: nextId++, path, analysis }; docs.set(uri, d); uriOf.set(d.id, uri); }
      d.path = path;
      d.analysis = analysis;
      if (frames) for (const f of frames) f.document = d.id;
      linker.set(d.id, frames ?? framesOf(analysis, d.id, knowledge), analysis.published);
      stale = true;
    },
    remove(uri) {
      const d = docs.get(uri);
      forget(uri);
      if (d) gone.push(d.id);
    },
    get: (uri) => docs.get(uri)?.analysis,
    mentions(entity) {
      const out: { uri: string; path: string; count: number }[] = [];
      for (const [uri, d] of docs) {
        let count = 0;
        for (const m of d.analysis.entities) if (m.entity === entity) count++;
        if (count) out.push({ uri, path: d.path, count });
      }
      return out;
    },
    events() {
      relink();
      for (const [key, ev] of unshown) shown.set(key, workspaceEvent(ev, key));
      unshown.clear();
      return shown;
    },
    uris: () => docs.keys(),
    get size() { return docs.size; },
    export() {
      relink();
      const uris = [...docs.keys()].sort();
      const position = new Map(uris.map((u, i) => [docs.get(u)!.id, i]));
      const data = buildExport(uris.map((u) => docs.get(u)!), new Date(), knowledge, {
        events: current, position: (id) => position.get(id) ?? -1, published: linker.published,
      });
      return { data, uris };
    },
    findings(uri) {
      relink();
      const set = findingsBy.get(uri);
      if (!set) return [];
      const out: ReportFinding[] = [];
      for (const ev of set) findingsIn(ev, uri, out, findingsContext);
      return out.sort(findingOrder);
    },
    changedSinceLastLink() { relink(); const out = [...changed]; changed.clear(); return out; },
    setCuration(list) { corrections = [...list]; stale = true; },
    curationFindings() { relink(); return curationFindings; },
  };
}
