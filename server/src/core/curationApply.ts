import { findAnchor, type Correction, type CurationTargetType } from './curation';
import type { EventFrame, LinkedEvent } from './eventModel';
import type { KnowledgeBase } from './knowledge';
import { eventOfFrames } from './linker';
import type { AppliedCorrection, EntityMention, Figure, IndexedAnalysis, Span } from './types';

// Applying the analyst's corrections on top of the analysis, deterministically, in the order of the
// curation file: figure and name corrections on a document's analysis before it is linked
// ({@link curateDocument}); report corrections on the linked events ({@link curateEvents}); the
// verdicts on disagreements where an event's figures are reconciled (reconcile.ts reads the
// corrections this module leaves on the figures).

/** A correction that changed nothing, and why (the wording is the host's: wording.ts). */
export interface CurationFinding {
  /** The correction's id. */
  id: string;
  code: 'curation-no-document' | 'curation-anchor-lost' | 'curation-no-target' | 'curation-unknown-entity' | 'curation-no-event';
  /** The correction's document. */
  document: string;
  target: CurationTargetType;
  /** The words, the entity id or the document path at fault. */
  value?: string;
}

/** A correction as figures, names and events keep it. */
export function applied(c: Correction, order: number): AppliedCorrection {
  return { id: c.id, change: c.change, order, ...(c.reason !== undefined ? { reason: c.reason } : {}), ...(c.by !== undefined ? { by: c.by } : {}), ...(c.at !== undefined ? { at: c.at } : {}) };
}

/** Index of the item whose span overlaps `span` the most (the first of equals), or -1. */
function overlapping(items: readonly Span[], span: Span): number {
  let best = -1, most = 0;
  items.forEach((x, i) => {
    const o = Math.min(x.end, span.end) - Math.max(x.start, span.start);
    if (o > most) { best = i; most = o; }
  });
  return best;
}

/** A figure changed by a correction (a copy; the analysis as made is never changed). */
function changedFigure(f: Figure, c: Correction, a: AppliedCorrection): Figure {
  const out: Figure = { ...f, curation: [...(f.curation ?? []), a] };
  const ch = c.change;
  if (ch.op === 'kind') out.kind = ch.kind;
  else if (ch.op === 'group') out.group = ch.group;
  else if (ch.op === 'value') { out.low = ch.low; out.high = ch.high; }
  else if (ch.op === 'approximate') out.approximate = ch.approximate;
  return out;
}

/** Whether an entity id names something: in the knowledge base (when there is one), or a name of no knowledge base (`unk:`) already seen. */
const knownEntity = (id: string, kb: KnowledgeBase | undefined) => !kb || kb.entities.has(id);

/** A name mention made another entity's (`sameAs`). */
function sameAs(m: EntityMention, entity: string, kb: KnowledgeBase | undefined, a: AppliedCorrection): EntityMention {
  const k = kb?.entities.get(entity);
  return { ...m, entity, name: k?.name ?? m.name, type: k?.type ?? m.type, inKnowledgeBase: !!k, curation: [...(m.curation ?? []), a] };
}

/**
 * A document's analysis with its figure and name corrections applied, in the order given (the
 * file's); `order` is each correction's position in the file. The same object when none applies.
 * A correction whose words are gone, or that no figure or name is read from, is a finding and
 * changes nothing. Report corrections (`document` targets) are left to {@link curateEvents}.
 */
export function curateDocument<A extends IndexedAnalysis>(text: string, analysis: A, corrections: readonly { correction: Correction; order: number }[], kb?: KnowledgeBase): { analysis: A; findings: CurationFinding[] } {
  const own = corrections.filter((x) => x.correction.target.type !== 'document');
  if (!own.length) return { analysis, findings: [] };
  const findings: CurationFinding[] = [];
  let figures = analysis.figures, entities = analysis.entities;
  for (const { correction: c, order } of own) {
    const finding = (code: CurationFinding['code'], value = c.target.exact) => findings.push({ id: c.id, code, document: c.document, target: c.target.type, ...(value !== undefined ? { value } : {}) });
    const span = findAnchor(text, c.target);
    if (!span) { finding('curation-anchor-lost'); continue; }
    const a = applied(c, order);
    if (c.target.type === 'figure') {
      const i = overlapping(figures, span);
      if (i < 0) { finding('curation-no-target'); continue; }
      figures = c.change.op === 'notCasualty' ? figures.filter((_, j) => j !== i) : figures.map((f, j) => (j === i ? changedFigure(f, c, a) : f));
    } else {
      const i = overlapping(entities, span);
      if (i < 0) { finding('curation-no-target'); continue; }
      if (c.change.op === 'sameAs' && !knownEntity(c.change.entity, kb)) { finding('curation-unknown-entity', c.change.entity); continue; }
      const ch = c.change;
      entities = ch.op === 'notName' ? entities.filter((_, j) => j !== i) : entities.map((m, j) => (j === i && ch.op === 'sameAs' ? sameAs(m, ch.entity, kb, a) : m));
    }
  }
  return { analysis: figures === analysis.figures && entities === analysis.entities ? analysis : { ...analysis, figures, entities }, findings };
}

/** Ops that change which reports an event has, applied before those that set its place, date or type. */
const MEMBERSHIP = new Set(['moveTo', 'split', 'mergeWith']);

/** Whether two events are the same: the same frames (the same objects, in order), attributes and corrections. */
function sameEvent(a: LinkedEvent, b: LinkedEvent): boolean {
  return a.frames.length === b.frames.length && a.frames.every((f, i) => f === b.frames[i]) && a.type === b.type && a.place === b.place && a.placeName === b.placeName
    && a.date?.start === b.date?.start && a.date?.end === b.date?.end && a.date?.precision === b.date?.precision
    && (a.curation ?? []).length === (b.curation ?? []).length && (a.curation ?? []).every((c, i) => c.id === b.curation![i].id && c.order === b.curation![i].order && c.change === b.curation![i].change && c.reason === b.curation![i].reason);
}

/**
 * Curated events made before, by their first frame: the same event made again is the same object,
 * so that a re-link after an edit elsewhere changes no curated event (nor its key in the editor).
 */
const MADE = new WeakMap<EventFrame, LinkedEvent[]>();

/** The event made before that is the same as `made`, else `made` (kept for the next time). */
function canonical(made: LinkedEvent): LinkedEvent {
  const head = made.frames[0];
  if (!head) return made;
  const list = MADE.get(head) ?? [];
  const found = list.find((e) => sameEvent(e, made));
  if (found) return found;
  list.push(made);
  if (list.length > 8) list.shift();
  MADE.set(head, list);
  return made;
}

/** The events being curated: which event each frame is in, and the events made anew. */
class EventSet {
  readonly eventOf = new Map<EventFrame, LinkedEvent>();
  private readonly list: (LinkedEvent | null)[];
  private readonly position = new Map<LinkedEvent, number>();
  private readonly framesBy = new Map<number, EventFrame[]>();

  constructor(events: readonly LinkedEvent[], private readonly kb: KnowledgeBase | undefined) {
    this.list = [...events];
    events.forEach((ev, i) => {
      this.position.set(ev, i);
      for (const f of ev.frames) {
        this.eventOf.set(f, ev);
        const l = this.framesBy.get(f.document);
        if (l) l.push(f); else this.framesBy.set(f.document, [f]);
      }
    });
  }

  /** A document's report: its main frame (else its first) with its event. */
  reportOf(document: number): { frame: EventFrame; event: LinkedEvent } | undefined {
    const frames = this.framesBy.get(document);
    const found = frames?.find((f) => f.main) ?? frames?.[0];
    return found && { frame: found, event: this.eventOf.get(found)! };
  }

  /** Puts `made` where `old` was (or at the end when there was none), its frames in it. */
  put(old: LinkedEvent | null, made: LinkedEvent | null): void {
    const i = old ? this.position.get(old) : undefined;
    if (old) this.position.delete(old);
    if (made) made = canonical(made);
    if (i !== undefined) this.list[i] = made; else if (made) this.list.push(made);
    if (made) {
      this.position.set(made, i ?? this.list.length - 1);
      for (const f of made.frames) this.eventOf.set(f, made);
    }
  }

  /** Puts the event of some frames (none: no event) where `old` was, or at the end. */
  replace(old: LinkedEvent | null, frames: EventFrame[] | null, curation: AppliedCorrection[]): void {
    this.put(old, frames && frames.length ? { ...eventOfFrames(frames, this.kb), curation } : null);
  }

  /** The events as they are now. */
  events(): LinkedEvent[] {
    return this.list.filter((e): e is LinkedEvent => e !== null);
  }
}

const withCorrection = (...lists: (AppliedCorrection[] | undefined)[]): AppliedCorrection[] => lists.flatMap((l) => l ?? []).sort((x, y) => x.order - y.order);

/** Applies one report correction that moves, splits or merges (a report already where it is asked to be keeps its event, marked curated). */
function applyMembership(set: EventSet, report: { frame: EventFrame; event: LinkedEvent }, other: { frame: EventFrame; event: LinkedEvent } | undefined, a: AppliedCorrection): void {
  const { frame, event } = report;
  const rest = event.frames.filter((f) => f !== frame);
  if (a.change.op === 'split') {
    set.replace(event, rest, withCorrection(event.curation, [a]));
    set.replace(null, [frame], withCorrection(event.curation, [a]));
  } else if (other && other.event !== event && a.change.op === 'moveTo') {
    set.replace(event, rest, withCorrection(event.curation, [a]));
    set.replace(other.event, [...other.event.frames, frame], withCorrection(other.event.curation, [a]));
  } else if (other && other.event !== event && a.change.op === 'mergeWith') {
    set.replace(other.event, null, []);
    set.replace(event, [...event.frames, ...other.event.frames], withCorrection(event.curation, other.event.curation, [a]));
  } else {
    set.replace(event, event.frames, withCorrection(event.curation, [a]));
  }
}

/** Applies one correction that sets an event's place, date or type. */
function applyAttribute(set: EventSet, event: LinkedEvent, a: AppliedCorrection, kb: KnowledgeBase | undefined): void {
  const ch = a.change;
  const made: LinkedEvent = { ...event, curation: withCorrection(event.curation, [a]) };
  if (ch.op === 'place') { made.place = ch.entity; made.placeName = kb?.entities.get(ch.entity)?.name ?? ch.entity; }
  else if (ch.op === 'date') made.date = { start: ch.start, end: ch.end, precision: ch.precision };
  else if (ch.op === 'type') made.type = ch.type;
  set.put(event, made);
}

/**
 * The linked events with the report corrections applied: reports moved, split and merged first,
 * in the order of the file, then places, dates and types set, in the order of the file (so that
 * they hold for the event the report ends in). An event no correction touches is the same object.
 * Also says which corrections name a document that is not there (of any target), an unknown
 * place, or a report in no event.
 * @param documentOf the number of the document of a path, undefined when there is none
 */
export function curateEvents(events: readonly LinkedEvent[], corrections: readonly Correction[], documentOf: (path: string) => number | undefined, kb?: KnowledgeBase): { events: LinkedEvent[]; findings: CurationFinding[] } {
  const findings: CurationFinding[] = [];
  const set = new EventSet(events, kb);
  const finding = (c: Correction, code: CurationFinding['code'], value?: string) => findings.push({ id: c.id, code, document: c.document, target: c.target.type, ...(value !== undefined ? { value } : {}) });
  const reports: { c: Correction; a: AppliedCorrection; d: number }[] = [];
  corrections.forEach((c, order) => {
    const d = documentOf(c.document);
    if (d === undefined) finding(c, 'curation-no-document', c.document);
    else if (c.target.type === 'document') reports.push({ c, a: applied(c, order), d });
  });
  for (const pass of [true, false]) {
    for (const { c, a, d } of reports) {
      if (MEMBERSHIP.has(c.change.op) !== pass) continue;
      const report = set.reportOf(d);
      if (!report) { finding(c, 'curation-no-event'); continue; }
      const ch = c.change;
      if (ch.op === 'moveTo' || ch.op === 'mergeWith') {
        const od = documentOf(ch.document);
        const other = od === undefined ? undefined : set.reportOf(od);
        if (od === undefined) { finding(c, 'curation-no-document', ch.document); continue; }
        if (!other) { findings.push({ id: c.id, code: 'curation-no-event', document: ch.document, target: 'document' }); continue; }
        applyMembership(set, report, other, a);
      } else if (ch.op === 'split') applyMembership(set, report, undefined, a);
      else if (ch.op === 'place' && !knownEntity(ch.entity, kb)) finding(c, 'curation-unknown-entity', ch.entity);
      else applyAttribute(set, report.event, a, kb);
    }
  }
  return { events: set.events(), findings };
}
