/**
 * The steps of the partitioned batch job (`khabar part <step>`), each reading JSON lines and writing
 * JSON lines, so that a distributed engine runs them as subprocesses over its partitions:
 *
 * - `analyze`: articles → per document its export entry, its entity mentions and its frames with
 *   their linker keys ({@link PartFrame});
 * - `links`: link tasks (a partition, or a pair of chunks of a skewed one) → links;
 * - `events`: whole connected parts of the link graph (frames and links) → events with their order;
 * - `assemble`: documents and events → the export, the same as `khabar export` of the same files.
 *
 * Every step ends its output with a line `{"done": …}` saying how much it read and its peak memory:
 * a job that does not see it knows the step did not finish.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import type { Analyzer, DocumentAnalysis, EntityMention, KnowledgeBase } from '../core';
import { buildExport, eventRecord, type EventsExport, type ExportEvent, type ExportInput } from '../core/export';
import { framesOf } from '../core/events';
import { compareOrder, eventsOfParts, linksIn, partFrames, type PartFrame, type PartLink } from '../core/partition';
import { analyzeWithPublished, articleProblem, ISO_DATE } from './batch';
import { readArticle } from './readArticle';

/** A line of input, numbered from 1. */
export interface Line { n: number; line: string }
/** Writes one line of output (waits while the pipe is full). */
export type Emit = (line: string) => Promise<void>;
/** Says a problem with one input on stderr. */
export type Warn = (message: string) => void;

/** One analysed document as `analyze` writes it. */
export interface PartDocument {
  seq: number;
  document: { path: string; language: string; published: string | null; boilerplate: { start: number; end: number }[] };
  mentions: Pick<EntityMention, 'entity' | 'type' | 'name' | 'inKnowledgeBase' | 'start' | 'end' | 'text'>[];
  frames: PartFrame[];
}

/**
 * The peak resident memory of this process in KB: Linux's VmHWM, which starts anew at exec (the
 * maximum that getrusage reports keeps the peak of the parent that forked it: a Dask worker's).
 */
function peakRssKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch { /* not Linux */ }
  return resourceUsage().maxRSS;
}

/** The last line of a step's output: how many frames it read, in all and in its largest input line, and its peak memory. */
export const doneLine = (records: number, largestLine = 0) => JSON.stringify({ done: true, records, largestLine, maxRssKb: peakRssKb() });

/** Parses the JSON object of an input line, or says why not (null). */
function objectOf({ n, line }: Line, warn: Warn): Record<string, unknown> | null {
  let value: unknown;
  try { value = JSON.parse(line); } catch (e) { warn(`input line ${n}: not JSON (${e instanceof Error ? e.message : String(e)}); skipped`); return null; }
  if (!value || typeof value !== 'object' || Array.isArray(value)) { warn(`input line ${n}: not a JSON object; skipped`); return null; }
  return value as Record<string, unknown>;
}

/** The record of one analysed document. */
function partDocument(seq: number, path: string, a: DocumentAnalysis, kb: KnowledgeBase): PartDocument {
  return {
    seq,
    document: { path, language: a.language, published: a.published, boilerplate: a.boilerplate.map((b) => ({ start: b.start, end: b.end })) },
    mentions: a.entities.map((m) => ({ entity: m.entity, type: m.type, name: m.name, inKnowledgeBase: m.inKnowledgeBase, start: m.start, end: m.end, text: m.text })),
    frames: partFrames(framesOf(a, seq, kb), a.published, kb),
  };
}

/**
 * Analyses one input record: `{seq, file, path, shown}` (a file, as `khabar export` reads it) or
 * `{seq, article}` (a line of `khabar analyze --jsonl`'s input, as it reads it). Null when skipped.
 */
async function analyzeRecord(r: Record<string, unknown>, n: number, analyzer: Analyzer, kb: KnowledgeBase, maxBytes: number, warn: Warn): Promise<PartDocument | null> {
  const seq = r.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) { warn(`input line ${n}: "seq" must be a whole number; skipped`); return null; }
  if (typeof r.file === 'string') {
    const shown = typeof r.shown === 'string' ? r.shown : r.file;
    const read = await readArticle(r.file, maxBytes);
    if (!read.ok) { warn(`${shown}: skipped: ${read.reason}`); return null; }
    if (!read.text.trim()) { warn(`${shown}: skipped: empty file, nothing to analyse`); return null; }
    for (const w of read.warnings) warn(`${shown}: ${w}`);
    const analysis = analyzer.analyze({ text: read.text, uri: r.file });
    for (const p of analysis.problems) if (p.severity !== 'information') warn(`${shown}: ${p.message}`);
    return partDocument(seq, typeof r.path === 'string' ? r.path : shown, analysis, kb);
  }
  const article = articleProblem(r.article, maxBytes);
  if (typeof article === 'string') { warn(`input line ${typeof r.line === 'number' ? r.line : n}: ${article}; skipped`); return null; }
  const analysis = analyzeWithPublished(analyzer, article.text, article.published ?? undefined, String(article.id));
  for (const p of analysis.problems) if (p.severity !== 'information') warn(`${JSON.stringify(article.id)}: ${p.message}`);
  const published = analysis.published ?? (article.published && ISO_DATE.test(article.published) ? article.published : null);
  return partDocument(seq, article.path ?? String(article.id), { ...analysis, published }, kb);
}

/**
 * A frame's line of `analyze`'s output: a short head (document, index, undated, partition keys), a
 * tab, then the frame's record, so that a job routes frames by reading their heads alone.
 */
export const frameLine = (f: PartFrame) => `${JSON.stringify([f.doc, f.index, f.undated ? 1 : 0, f.parts])}\t${JSON.stringify(f)}`;

/** `khabar part analyze`: input records to documents (see {@link analyzeRecord}), each a line followed by a line per frame ({@link frameLine}). */
export async function analyzeStep(lines: AsyncIterable<Line>, emit: Emit, warn: Warn, analyzer: Analyzer, kb: KnowledgeBase, maxBytes: number): Promise<number> {
  let records = 0;
  for await (const l of lines) {
    if (!l.line.trim()) continue;
    const r = objectOf(l, warn);
    if (!r) continue;
    records++;
    const doc = await analyzeRecord(r, l.n, analyzer, kb, maxBytes, warn);
    if (!doc) continue;
    const { frames, ...rest } = doc;
    await emit(JSON.stringify(rest));
    for (const f of frames) await emit(frameLine(f));
  }
  await emit(doneLine(records));
  return 0;
}

/** `khabar part links`: each input line a task `{part, left, right}`, the output its links, one a line. */
export async function linksStep(lines: AsyncIterable<Line>, emit: Emit, warn: Warn, kb: KnowledgeBase): Promise<number> {
  let records = 0, largest = 0;
  for await (const l of lines) {
    if (!l.line.trim()) continue;
    const r = objectOf(l, warn);
    if (!r) return 1;
    if (typeof r.part !== 'string' || !Array.isArray(r.left) || !(r.right === null || r.right === undefined || Array.isArray(r.right))) { warn(`input line ${l.n}: not a link task ({part, left, right}); stopped`); return 1; }
    const left = r.left as PartFrame[], right = (r.right as PartFrame[] | null | undefined) ?? null;
    records += left.length + (right?.length ?? 0);
    largest = Math.max(largest, left.length + (right?.length ?? 0));
    for (const link of linksIn(r.part, left, right, kb)) await emit(JSON.stringify(link));
  }
  await emit(doneLine(records, largest));
  return 0;
}

/** Document refs of events before the documents' positions are known: the document number after `#`. */
const seqRef = (d: number) => `#${d}`;

/** `khabar part events`: each input line `{frames, links}` (whole connected parts), the output its events `{order, event}`. */
export async function eventsStep(lines: AsyncIterable<Line>, emit: Emit, warn: Warn, kb: KnowledgeBase): Promise<number> {
  let records = 0, largest = 0;
  for await (const l of lines) {
    if (!l.line.trim()) continue;
    const r = objectOf(l, warn);
    if (!r) return 1;
    if (!Array.isArray(r.frames) || !Array.isArray(r.links)) { warn(`input line ${l.n}: not a group of frames and links ({frames, links}); stopped`); return 1; }
    const frames = r.frames as PartFrame[];
    records += frames.length;
    largest = Math.max(largest, frames.length);
    const published = new Map(frames.map((f) => [f.doc, f.published]));
    for (const { event, order } of eventsOfParts(frames, r.links as PartLink[], kb)) {
      await emit(JSON.stringify({ order, event: eventRecord(event, (d) => published.get(d) ?? null, kb, seqRef) }));
    }
  }
  await emit(doneLine(records, largest));
  return 0;
}

/** An event's document refs, from document numbers to the export's ids. */
function renumber(ev: Omit<ExportEvent, 'id'>, id: (ref: string) => string): Omit<ExportEvent, 'id'> {
  return {
    ...ev,
    sources: ev.sources.map(id),
    figures: ev.figures.map((f) => ({ ...f, reports: f.reports.map((r) => ({ ...r, document: id(r.document) })) })),
    actors: ev.actors?.map((a) => ({ ...a, documents: a.documents.map(id) })),
    sourceDates: ev.sourceDates?.map((s) => ({ ...s, document: id(s.document) })),
  };
}

/**
 * `khabar part assemble`: documents (`analyze`'s lines, frames not needed) and events (`events`'
 * lines), in any order, to the export: documents by their numbers, entities as `buildExport` makes
 * them, events by their order.
 */
export async function assembleStep(lines: AsyncIterable<Line>, warn: Warn, kb: KnowledgeBase, generated: Date): Promise<EventsExport | null> {
  const docs: PartDocument[] = [];
  const events: { order: number[]; event: Omit<ExportEvent, 'id'> }[] = [];
  for await (const l of lines) {
    if (!l.line.trim()) continue;
    const r = objectOf(l, warn);
    if (!r) return null;
    if (r.done) continue;
    if (typeof r.seq === 'number' && r.document) docs.push(r as unknown as PartDocument);
    else if (Array.isArray(r.order) && r.event) events.push(r as unknown as { order: number[]; event: Omit<ExportEvent, 'id'> });
    else { warn(`input line ${l.n}: neither a document nor an event; stopped`); return null; }
  }
  docs.sort((a, b) => a.seq - b.seq);
  const position = new Map(docs.map((d, i) => [`#${d.seq}`, `d${i + 1}`]));
  const inputs: ExportInput[] = docs.map((d) => ({ path: d.document.path, analysis: { ...d.document, entities: d.mentions } as unknown as ExportInput['analysis'] }));
  const data = buildExport(inputs, generated, kb, { events: [], position: (d) => d, published: () => null });
  events.sort((a, b) => compareOrder(a.order, b.order));
  const id = (ref: string) => position.get(ref) ?? ref;
  data.events = events.map((e, i) => ({ id: `e${i + 1}`, ...renumber(e.event, id) }));
  return data;
}
