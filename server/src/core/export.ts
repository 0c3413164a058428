import type { KnowledgeBase } from './knowledge';
import type { DocumentAnalysis, Figure, FigureKind, VictimGroup } from './types';

/** One report of a figure in the export. */
export interface ExportReport {
  document: string;
  start: number;
  end: number;
  text: string;
  low: number;
  high: number | null;
  approximate: boolean;
}

/** A figure of an event across its sources. */
export interface ExportFigure {
  kind: FigureKind;
  group: VictimGroup;
  estimate: { low: number; best: number | null; high: number | null };
  conflict: boolean;
  reports: ExportReport[];
}

/** An event in the export. */
export interface ExportEvent {
  id: string;
  type: 'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot' | 'other';
  date: { start: string; end: string; precision: 'day' | 'month' | 'year' } | null;
  location: { entity: string; name: string } | null;
  sources: string[];
  figures: ExportFigure[];
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
  analysis: DocumentAnalysis;
}

const hi = (x: number | null) => (x === null ? Infinity : x);

/** Whether some single value satisfies every report (ranges that can all be true). */
export function reportsAgree(reports: readonly { low: number; high: number | null; approximate: boolean }[]): boolean {
  const exact = reports.filter((r) => !r.approximate);
  const set = exact.length ? exact : reports;
  const low = Math.max(...set.map((r) => r.low));
  const high = Math.min(...set.map((r) => hi(r.high)));
  return low <= high;
}

/** Summarises reports: low and high span what they say; best is the definite figure most give (ties to the lower). */
export function estimate(reports: readonly { low: number; high: number | null; approximate: boolean }[]): ExportFigure['estimate'] {
  const low = Math.min(...reports.map((r) => r.low));
  const high = reports.some((r) => r.high === null) ? null : Math.max(...reports.map((r) => r.high as number));
  const votes = new Map<number, number>();
  for (const r of reports) if (!r.approximate && r.high === r.low) votes.set(r.low, (votes.get(r.low) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [v, c] of votes) if (c > n || (c === n && best !== null && v < best)) { best = v; n = c; }
  return { low, best, high };
}

function eventType(figures: readonly Figure[]): ExportEvent['type'] {
  if (figures.every((f) => f.kind === 'arrested')) return 'arrest';
  return 'attack';
}

/** Groups a document's figures into events: figures within a sentence or two of each other describe one event. */
function clusterFigures(figures: readonly Figure[]): Figure[][] {
  const out: Figure[][] = [];
  for (const f of figures) {
    const last = out[out.length - 1];
    if (last && f.sentence - last[last.length - 1].sentence <= 1) last.push(f);
    else out.push([f]);
  }
  return out;
}

/** Builds the events export from analysed documents. At this stage an event is a cluster of figures within one document. */
export function buildExport(inputs: readonly ExportInput[], generated = new Date(), knowledge?: KnowledgeBase): EventsExport {
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
    for (const cluster of clusterFigures(a.figures)) {
      const byKey = new Map<string, Figure[]>();
      for (const f of cluster) {
        const key = `${f.kind}|${f.group}`;
        byKey.set(key, [...(byKey.get(key) ?? []), f]);
      }
      const figures: ExportFigure[] = [...byKey.values()].map((fs) => {
        const reports: ExportReport[] = fs.map((f) => ({ document: id, start: f.start, end: f.end, text: f.text, low: f.low, high: f.high, approximate: f.approximate }));
        return { kind: fs[0].kind, group: fs[0].group, estimate: estimate(reports), conflict: false, reports };
      });
      events.push({ id: `e${events.length + 1}`, type: eventType(cluster), date: null, location: null, sources: [id], figures });
    }
  });
  return { format: 'khabar-events', version: 1, generated: generated.toISOString().replace(/\.\d{3}Z$/, 'Z'), documents, entities: [...entities.values()], events };
}
