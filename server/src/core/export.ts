import { actorsOf } from './actors';
import { compareOrder, type EventFrame, type LinkedEvent } from './eventModel';
import { framesOf } from './events';
import { reconcileCached } from './reconcile';
import { linkEvents } from './linker';
import type { KnowledgeBase } from './knowledge';
import type { ActorRole, IndexedAnalysis, FigureKind, VictimGroup } from './types';

/** One report of a figure in the export. */
export interface ExportReport {
  document: string;
  start: number;
  end: number;
  text: string;
  low: number;
  high: number | null;
  approximate: boolean;
  /** The analyst corrected this report's figure or gave a verdict on it (the curation file); absent otherwise. */
  curated?: true;
}

/** A figure of an event across its sources. */
export interface ExportFigure {
  kind: FigureKind;
  group: VictimGroup;
  estimate: { low: number; best: number | null; high: number | null };
  conflict: boolean;
  /** A later source says the toll rose (not a conflict). */
  update: boolean;
  reports: ExportReport[];
  /** The report the analyst chose as the best estimate (`estimate.best` is its value), and why; absent otherwise. */
  adjudication?: { document: string; reason?: string };
  /** The analyst said the disagreement is an update over time, or none (`conflict` is then false); absent otherwise. */
  resolution?: 'update' | 'notConflict';
}

/** An event in the export. */
export interface ExportEvent {
  id: string;
  type: 'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot' | 'other';
  date: { start: string; end: string; precision: 'day' | 'month' | 'year' } | null;
  location: { entity: string; name: string } | null;
  sources: string[];
  figures: ExportFigure[];
  /** Who attacked, who claimed it, what was attacked, with the documents that say so (a field added to the spec's). */
  actors?: ExportActor[];
  /** Each source's date of the event (a field added to the spec's). */
  sourceDates?: ExportSourceDate[];
  /** The analyst moved, split or merged its reports or set its place, date or type (the curation file); absent otherwise. */
  curated?: true;
}

/**
 * When one source says the event happened: `text` when its own words date it, `inferred` when they
 * do not and it takes the date of the event its content was linked to.
 */
export interface ExportSourceDate {
  document: string;
  date: { start: string; end: string; precision: 'day' | 'month' | 'year' };
  basis: 'text' | 'inferred';
}

/** Each source's date of an event: its own words', else the event's, marked inferred; none when neither is known. */
export function sourceDatesOf(ev: LinkedEvent): { document: number; date: NonNullable<LinkedEvent['date']>; basis: 'text' | 'inferred' }[] {
  const out: { document: number; date: NonNullable<LinkedEvent['date']>; basis: 'text' | 'inferred' }[] = [];
  const seen = new Set<number>();
  for (const f of ev.frames) if (f.date && !seen.has(f.document)) { seen.add(f.document); out.push({ document: f.document, date: f.date, basis: 'text' }); }
  if (ev.date) for (const f of ev.frames) if (!seen.has(f.document)) { seen.add(f.document); out.push({ document: f.document, date: ev.date, basis: 'inferred' }); }
  return out;
}

/** A party to an event in the export: `entity` is null for a target known only by its category (`name`). */
export interface ExportActor {
  role: ActorRole;
  entity: string | null;
  name: string;
  documents: string[];
}

/** The events export, version 1 (`shared/spec/events-export.md`). */
export interface EventsExport {
  format: 'khabar-events';
  version: 1;
  generated: string;
  documents: { id: string; path: string; language: string; published: string | null; boilerplate: { start: number; end: number }[] }[];
  entities: ExportEntity[];
  events: ExportEvent[];
}

/** An entity with every mention, in the export. */
export interface ExportEntity {
  id: string;
  type: 'place' | 'person' | 'organization';
  name: string;
  inKnowledgeBase: boolean;
  coordinates: [number, number] | null;
  mentions: { document: string; start: number; end: number; text: string }[];
}

/** An analysed document to export. */
export interface ExportInput {
  path: string;
  analysis: IndexedAnalysis;
}

/** Events already linked, with the numbers their frames give documents. */
export interface PreLinked {
  events: Iterable<LinkedEvent>;
  /** Position in the inputs of the document a frame numbers `document`. */
  position(document: number): number;
  /** Publication date of the document a frame numbers `document`. */
  published(document: number): string | null;
}

/**
 * One linked event as the exports and the editor show it, without its id, its documents named by
 * `ref` (`d3` in an export, a uri in the editor): the one mapper from a linked event to what is shown.
 */
export function eventRecord(ev: LinkedEvent, published: (document: number) => string | null, knowledge: KnowledgeBase | undefined, ref: (document: number) => string): Omit<ExportEvent, 'id'> {
  const figures: ExportFigure[] = reconcileCached(ev, published).map((f) => ({
    kind: f.kind, group: f.group, estimate: f.estimate, conflict: f.conflict, update: f.update,
    reports: f.reports.map((r) => ({ document: ref(r.document), start: r.figure.start, end: r.figure.end, text: r.figure.text, low: r.figure.low, high: r.figure.high, approximate: r.figure.approximate, ...(r.figure.curation?.length ? { curated: true as const } : {}) })),
    ...(f.adjudication ? { adjudication: { document: ref(f.adjudication.document), ...(f.adjudication.reason !== undefined ? { reason: f.adjudication.reason } : {}) } } : {}),
    ...(f.resolution ? { resolution: f.resolution.kind } : {}),
  }));
  return {
    type: ev.type, date: ev.date, location: ev.place ? { entity: ev.place, name: knowledge?.entities.get(ev.place)?.name ?? ev.placeName ?? ev.place } : null,
    sources: [...new Set(ev.frames.map((f) => ref(f.document)))], figures,
    actors: actorsOf(ev).map((x) => ({ role: x.role, entity: x.entity, name: x.name, documents: x.documents.map(ref) })),
    sourceDates: sourceDatesOf(ev).map((x) => ({ document: ref(x.document), date: { start: x.date.start, end: x.date.end, precision: x.date.precision }, basis: x.basis })),
    ...(ev.curation?.length ? { curated: true as const } : {}),
  };
}

/**
 * Builds the events export from analysed documents, linking their events, or taking events
 * already linked (a workspace keeps them linked as documents change).
 */
export function buildExport(inputs: readonly ExportInput[], generated = new Date(), knowledge?: KnowledgeBase, linked?: PreLinked): EventsExport {
  const documents: EventsExport['documents'] = [];
  const entities = new Map<string, ExportEntity>();
  const events: ExportEvent[] = [];
  inputs.forEach((input, i) => {
    const id = `d${i + 1}`;
    const a = input.analysis;
    documents.push({ id, path: input.path, language: a.language, published: a.published, boilerplate: a.boilerplate.map((b) => ({ start: b.start, end: b.end })) });
    for (const m of a.entities) {
      let e = entities.get(m.entity);
      if (!e) {
        const k = knowledge?.entities.get(m.entity);
        entities.set(m.entity, (e = { id: m.entity, type: m.type, name: k?.name ?? m.name, inKnowledgeBase: m.inKnowledgeBase, coordinates: k?.coordinates ?? null, mentions: [] }));
      }
      e.mentions.push({ document: id, start: m.start, end: m.end, text: m.text });
    }
  });
  if (!linked) {
    const frames: EventFrame[] = inputs.flatMap((input, i) => framesOf(input.analysis, i, knowledge));
    const published = (d: number) => inputs[d]?.analysis.published ?? null;
    linked = { events: linkEvents(frames, published, knowledge), position: (d) => d, published };
  }
  const { position, published } = linked;
  // Events in the order of their first report in the documents' order, then of their first frame
  // (an order of the events alone, whatever order the linker made them in).
  const order = new Map<LinkedEvent, [number, number]>();
  for (const e of linked.events) {
    const first = e.frames[0];
    order.set(e, [e.frames.reduce((m, f) => Math.min(m, position(f.document) * 1e9 + (f.figures[0]?.start ?? 0)), Infinity), position(first.document) * 1e9 + (first.sentences[0] ?? 0)]);
  }
  const ref = (d: number) => `d${position(d) + 1}`;
  for (const ev of [...order.keys()].sort((x, y) => compareOrder(order.get(x)!, order.get(y)!))) events.push({ id: `e${events.length + 1}`, ...eventRecord(ev, published, knowledge, ref) });
  return { format: 'khabar-events', version: 1, generated: generated.toISOString().replace(/\.\d{3}Z$/, 'Z'), documents, entities: [...entities.values()], events };
}
