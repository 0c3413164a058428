import { countKey, DAY, time, TYPE_PRIORITY, type EventFrame, type LinkedEvent } from './eventModel';
import { countryIdOf, mostSpecific, placesCompatible } from './places';
import { frameFacts, frameScore, localPlace, type FrameFacts } from './linkScore';
import type { KnowledgeBase } from './knowledge';
import type { Figure } from './types';

/** What a linker needs from its host. */
export interface LinkerOptions {
  knowledge?: KnowledgeBase;
  /**
   * Orders documents (default: by number). Equally good links are taken in this order, which is
   * what makes re-linking after an edit give exactly what linking from scratch gives.
   */
  compareDocuments?: (a: number, b: number) => number;
}

/** What one call of {@link Linker.link} changed. */
export interface LinkChange {
  /** Events made by this call. */
  added: LinkedEvent[];
  /** Events of earlier calls that are gone. */
  removed: LinkedEvent[];
}

/**
 * Links the event frames of many documents into events, incrementally: documents are set and
 * removed one at a time, and {@link Linker.link} re-links only the part of the workspace they
 * touch. Frames are compared only within blocks — never every pair: a country and a week or a month
 * (dated reports), an exact figure, and a locality (a city; a district or a landmark under its city),
 * where a report without a date of its own meets the reports of its place. Each block key is a
 * partition key: reports that share none are never linked.
 */
export interface Linker {
  /** Sets the frames of a document and its publication date, replacing what it had. */
  set(document: number, frames: readonly EventFrame[], published: string | null): void;
  /** Forgets a document. */
  remove(document: number): void;
  /** The publication date given for a document. */
  published(document: number): string | null;
  /** Re-links what changed since the last call and says which events came and went. */
  link(): LinkChange;
  /** Every event as of the last {@link Linker.link}. */
  readonly events: ReadonlySet<LinkedEvent>;
}

/** A frame as the linker holds it (exported for the partitioned link, which clusters with the same code). */
export interface LinkNode {
  frame: EventFrame;
  /** What scoring reads of the frame (with its document's publication date). */
  facts: FrameFacts;
  document: number;
  /** Position of the frame in its document. */
  index: number;
  country: string;
  /** Whether the frame has a date or its document a publication date (then it is filed in blocks). */
  dated: boolean;
  /** Where it is filed: blocks, and its exact figures in the figure indexes (the buckets, not copies of their keys). */
  filed: Bucket[];
  /** Candidate links: neighbours and scores (at least {@link MIN_SCORE}). */
  edges: Map<Node, number>;
  event?: LinkedEvent;
  alive: boolean;
  /** The last {@link place} call that compared a frame with this one: no Set of the frames seen per call. */
  seenBy: number;
}

/** The least frame score that links two frames. */
export const MIN_SCORE = 4;

type Node = LinkNode;

/** The frames filed under one key of an index, with the key and the index. */
interface Bucket { key: string; nodes: Set<Node>; index: Map<string, Bucket> }

/** Links by score, best first, then by position: defined once, as a closure made per call deoptimised cluster at every call. */
const bestFirst = (p: [number, number, number], q: [number, number, number]) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2];

/** Clusters during {@link createLinker}'s clustering, by the position of their first member: a union-find forest with what each root's cluster holds. */
interface Parts { parent: number[]; docs: Set<number>[]; spans: ([number, number] | null)[]; places: (string | null)[] }

/** Each member a cluster of its own. */
function partsOf(members: readonly Node[], spanOf: (n: Node) => [number, number] | null): Parts {
  const parts: Parts = { parent: [], docs: [], spans: [], places: [] };
  for (let i = 0; i < members.length; i++) {
    const n = members[i];
    parts.parent.push(i);
    parts.docs.push(new Set([n.document]));
    parts.spans.push(spanOf(n));
    parts.places.push(n.frame.place);
  }
  return parts;
}

/** A frame's time is vague when it has no span or one of more than a week (a month, a publication's 30 days). */
export const isVague = (span: readonly [number, number] | null) => !span || span[1] - span[0] > 7 * DAY;

/**
 * The links among members that clustering follows, as [score, i, j] by position (i < j): every link
 * between two frames of a precise time, and of a frame of vague time ({@link isVague}) only its best
 * (the highest score, then the first in rank). A report dated only by its publication meets every
 * event of its country and month; kept whole, its links chained a busy country's events into one
 * part of the graph (29% of the frames of a generated archive), which then had to be clustered at
 * once. With one link chosen per vague frame, no path joins two precise frames through vague ones
 * alone (it would need more choices than it has vague frames), so a part is at most a part of
 * precise frames with the vague ones that chose it.
 */
function linksOf(members: readonly Node[], spans: readonly ([number, number] | null)[]): [number, number, number][] {
  const pos = new Map<Node, number>();
  for (let i = 0; i < members.length; i++) pos.set(members[i], i);
  const best = bestLinks(members, spans, pos);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < members.length; i++) {
    for (const [m, s] of members[i].edges) {
      const j = pos.get(m)!;
      if (i < j && (best[i] === j || best[j] === i || (best[i] === -1 && best[j] === -1))) edges.push([s, i, j]);
    }
  }
  return edges;
}

/** Added to a score of a link to a frame of precise time: a vague frame chooses one of those when it has any. */
export const PRECISE = 1000;

/** For each member, -1 when its time is precise, else the position of its best link (a vague frame in a link has one). */
function bestLinks(members: readonly Node[], spans: readonly ([number, number] | null)[], pos: Map<Node, number>): number[] {
  const vague: boolean[] = [];
  for (let i = 0; i < members.length; i++) vague.push(isVague(spans[i]));
  const best: number[] = [];
  for (let i = 0; i < members.length; i++) {
    let b = -1, top = -Infinity;
    if (vague[i]) {
      for (const [m, s] of members[i].edges) {
        const j = pos.get(m)!, v = vague[j] ? s : s + PRECISE;
        if (v > top || (v === top && j < b)) { top = v; b = j; }
      }
    }
    best.push(b);
  }
  return best;
}

/** Merges clusters along links, best first, while they share no document and their dates and places agree. */
function mergeAlong(parts: Parts, edges: readonly [number, number, number][], kb: KnowledgeBase | undefined): void {
  const { parent, docs, spans, places } = parts;
  for (const [, i, j] of edges) {
    const ri = root(parent, i), rj = root(parent, j);
    if (ri === rj) continue;
    const di = docs[ri], dj = docs[rj];
    const [few, many] = di.size <= dj.size ? [di, dj] : [dj, di];
    let shared = false;
    for (const d of few) if (many.has(d)) { shared = true; break; }
    if (shared) continue;
    const si = spans[ri], sj = spans[rj];
    if (si && sj && (si[0] > sj[1] + DAY || sj[0] > si[1] + DAY)) continue;
    // Nor where: a cluster keeps its most specific place, and another cluster must be compatible with it.
    const pi = places[ri], pj = places[rj];
    if (!placesCompatible(pi, pj, kb)) continue;
    const lo = Math.max(si?.[0] ?? -Infinity, sj?.[0] ?? -Infinity), hi = Math.min(si?.[1] ?? Infinity, sj?.[1] ?? Infinity);
    spans[ri] = si && sj ? (lo <= hi ? [lo, hi] : [hi, lo]) : si ?? sj;
    places[ri] = pi && pj ? mostSpecific([pi, pj], kb) : pi ?? pj;
    parent[rj] = ri;
    for (const d of dj) di.add(d);
  }
}

/** The members of each cluster, in the order of their first member. */
function groupsOf(members: readonly Node[], parent: number[]): Node[][] {
  const groups = new Map<number, Node[]>();
  for (let i = 0; i < members.length; i++) { const r = root(parent, i); const g = groups.get(r); if (g) g.push(members[i]); else groups.set(r, [members[i]]); }
  return [...groups.values()];
}

/** The root of i in a union-find forest, halving the path on the way. */
function root(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
}

/** The country of a place (the top of its chain when it has none), or `*`: dated reports are blocked by country. */
export function countryIn(p: string | null, kb: KnowledgeBase | undefined): string {
  if (!p) return '*';
  return countryIdOf(p, kb) ?? (kb ? [p, ...kb.ancestors(p)].pop()! : p);
}
const monthBefore = (m: string) => { const [y, mo] = m.split('-').map(Number); return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`; };
const monthAfter = (m: string) => { const [y, mo] = m.split('-').map(Number); return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`; };
function monthsOf(d: { start: string; end: string }): string[] {
  const out: string[] = [];
  for (let t = time(d.start.slice(0, 7) + '-01'); t <= time(d.end) && out.length < 4; t += 31 * DAY) out.push(new Date(t).toISOString().slice(0, 7));
  return out.length ? out : [d.start.slice(0, 7)];
}
/** Weeks counted from a Monday. */
function weeksOf(start: number, end: number): number[] {
  const out: number[] = [];
  for (let w = Math.floor((start / DAY + 3) / 7); w <= Math.floor((end / DAY + 3) / 7) && out.length < 22; w++) out.push(w);
  return out;
}

/**
 * Blocks of a frame. Two frames with dates link only when their dates meet within a day
 * (frameScore), so they meet by week; a frame dated by its publication alone meets, by month,
 * the others of its month.
 */
export function blocksOf(f: EventFrame, country: string, pub: string | null): { blocks: string[]; probes: string[] } {
  if (f.date) {
    const months = monthsOf(f.date);
    const s = time(f.date.start), e = time(f.date.end);
    return {
      blocks: [...weeksOf(s, e).slice(0, 20).map((w) => `W|${country}|${w}`), ...months.map((m) => `D|${country}|${m}`)],
      // A report published the month after tells of this month's event too.
      probes: [...weeksOf(s - DAY, e + DAY).map((w) => `W|${country}|${w}`), ...months.map((m) => `P|${country}|${m}`), `P|${country}|${monthAfter(months[months.length - 1])}`],
    };
  }
  if (!pub) return { blocks: [], probes: [] };
  const m = pub.slice(0, 7);
  return { blocks: [`P|${country}|${m}`], probes: [`P|${country}|${m}`, `D|${country}|${m}`, `D|${country}|${monthBefore(m)}`] };
}

/**
 * An exact figure, filed by country; a single victim is too common for that, and links (frameScore)
 * only within the same place anyway, so it is filed by place. A vague count ("dozens") links only
 * within the same place too.
 */
export const figureKey = (where: { country: string; place: string | null }, f: Figure, group: string) =>
  f.approximate ? `~${where.place}|${f.kind}|${countKey(f)}|${group}`
    : f.low > 1 ? `${where.country}|${f.kind}|${countKey(f)}|${group}` : `@${where.place}|${f.kind}|${countKey(f)}|${group}`;
export const GROUPS = ['people', 'security', 'police', 'military', 'civilians', 'perpetrators'];
/** Figures a frame is filed under: exact counts, and vague ones ("dozens") when the frame has a place. */
export const keyFigures = (f: EventFrame) => f.figures.filter((x) => x.low > 0 && (!x.approximate || f.place));
/** Files a node under a key of an index. */
function file(index: Map<string, Bucket>, key: string, n: Node): void {
  let bucket = index.get(key);
  if (!bucket) index.set(key, (bucket = { key, nodes: new Set(), index }));
  bucket.nodes.add(n);
  n.filed.push(bucket);
}

/** The locality a frame is filed under (a district or a landmark under its city), or null for a wider place. */
export function localityOf(p: string | null, kb: KnowledgeBase | undefined): string | null {
  if (!p || !localPlace(p, kb)) return null;
  const e = kb?.entities.get(p);
  return e && (e.kind === 'district' || e.kind === 'landmark') && e.within && localPlace(e.within, kb) ? e.within : p;
}

/** The event of a cluster's frames: the same object as before when its frames are the same (what was derived from it stays valid). */
export function eventOf(nodes: Node[], kb: KnowledgeBase | undefined): LinkedEvent {
  const old = nodes[0].event;
  if (old && old.frames.length === nodes.length && nodes.every((n, i) => n.frame === old.frames[i])) return old;
  return eventOfFrames(nodes.map((n) => n.frame), kb);
}

/** The event of some frames: the most telling type, the first day-precise date, the most specific place. */
export function eventOfFrames(fs: EventFrame[], kb: KnowledgeBase | undefined): LinkedEvent {
  const dated = fs.filter((f) => f.date).sort((p, q) => (p.date!.precision === 'day' ? 0 : 1) - (q.date!.precision === 'day' ? 0 : 1));
  const place = mostSpecific(fs.map((f) => f.place).filter((p): p is string => !!p), kb);
  const types = fs.map((f) => f.type);
  return {
    frames: fs, type: TYPE_PRIORITY.find((t) => types.includes(t)) ?? 'other', date: dated[0]?.date ?? null,
    place, placeName: fs.find((f) => f.place === place)?.placeName ?? null,
  };
}

/** The parts of the link graph that hold a changed node: nothing else can link differently. */
function partsHolding(dirty: ReadonlySet<Node>): Node[][] {
  const seen = new Set<Node>();
  const parts: Node[][] = [];
  for (const start of dirty) {
    if (seen.has(start) || !start.alive) continue;
    seen.add(start);
    const part = [start];
    for (let k = 0; k < part.length; k++) for (const m of part[k].edges.keys()) if (!seen.has(m)) { seen.add(m); part.push(m); }
    parts.push(part);
  }
  return parts;
}

/**
 * Greedy clustering of one connected part of the link graph: best links first, clusters merge
 * while their dates and places still agree.
 *
 * Each loop is a function of its own that only returns after it. V8 compiles a long-running loop
 * on the spot (on-stack replacement) and keeps that code for later calls; code after the loop that
 * had never run then had no type feedback, and that code gave up at almost every call (1,468 times
 * in one link of 10,000 articles, the link taking three times as long).
 */
export function cluster(members: Node[], rank: (a: Node, b: Node) => number, spanOf: (n: Node) => [number, number] | null, kb: KnowledgeBase | undefined): Node[][] {
  members.sort(rank);
  const parts = partsOf(members, spanOf);
  const edges = linksOf(members, parts.spans);
  edges.sort(bestFirst);
  mergeAlong(parts, edges, kb);
  return groupsOf(members, parts.parent);
}

/** When a frame happened, for clustering: its date, else up to 30 days before publication. */
export function frameSpan(frame: EventFrame, published: string | null): [number, number] | null {
  if (frame.date) return [time(frame.date.start), time(frame.date.end)];
  // A report without a date tells of something before it was published: an early toll, or one
  // that rose over the following weeks.
  return published ? [time(published) - 30 * DAY, time(published)] : null;
}

/** {@link frameSpan} of a node, with its document's publication date. */
export function spanIn(published: (document: number) => string | null): (n: Node) => [number, number] | null {
  return (n) => frameSpan(n.frame, published(n.document));
}

/** Creates an empty linker. */
export function createLinker(options: LinkerOptions = {}): Linker {
  const kb = options.knowledge;
  const compareDocuments = options.compareDocuments ?? ((a: number, b: number) => a - b);
  const docs = new Map<number, { frames: readonly EventFrame[]; nodes: Node[]; published: string | null }>();
  const blocks = new Map<string, Bucket>();
  const byFigure = new Map<string, Bucket>();
  /** The frames of {@link byFigure} without any date: the only ones a dated frame meets by a figure (most frames are dated). */
  const byFigureUndated = new Map<string, Bucket>();
  /** Frames by locality, and those of them without a date of their own: a report that gives no date meets the reports of its place. */
  const byPlace = new Map<string, Bucket>();
  const byPlaceUndated = new Map<string, Bucket>();
  const events = new Set<LinkedEvent>();
  /** Nodes whose links must be looked at again: new frames, and the neighbours of removed ones. */
  let dirty = new Set<Node>();
  const removedEvents = new Set<LinkedEvent>();
  const published = (d: number) => docs.get(d)?.published ?? null;

  const removeNodes = (nodes: Node[]) => {
    for (const n of nodes) {
      n.alive = false;
      for (const bucket of n.filed) {
        bucket.nodes.delete(n);
        if (!bucket.nodes.size && bucket.index.get(bucket.key) === bucket) bucket.index.delete(bucket.key);
      }
      n.filed = [];
      for (const m of n.edges.keys()) { m.edges.delete(n); dirty.add(m); }
      n.edges.clear();
      dirty.delete(n);
      if (n.event) removedEvents.add(n.event);
    }
  };

  const remove = (document: number) => {
    const d = docs.get(document);
    if (!d) return;
    docs.delete(document);
    removeNodes(d.nodes);
  };

  const set = (document: number, frames: readonly EventFrame[], pub: string | null) => {
    const old = docs.get(document);
    if (old && old.published === pub && old.frames.length === frames.length && old.frames.every((f, i) => f === frames[i])) return;
    if (old) remove(document);
    const nodes: Node[] = [];
    docs.set(document, { frames, nodes, published: pub });
    frames.forEach((frame, index) => {
      const country = countryIn(frame.place, kb);
      const { blocks: filedIn, probes } = blocksOf(frame, country, pub);
      const n: Node = { frame, facts: frameFacts(frame, pub, kb), document, index, country, dated: filedIn.length > 0, filed: [], edges: new Map(), alive: true, seenBy: 0 };
      nodes.push(n);
      // Compared with the frames already filed now, not at the next link: while a workspace is indexed,
      // this work then runs as analyses arrive, and the link after the last one only clusters.
      place(n, filedIn, probes);
      dirty.add(n);
    });
  };

  const score = (a: Node, b: Node) => frameScore(a.facts, b.facts, kb);
  const connect = (a: Node, b: Node) => {
    if (a.document === b.document || a.edges.has(b)) return;
    const s = score(a, b);
    if (s >= MIN_SCORE) { a.edges.set(b, s); b.edges.set(a, s); }
  };

  let placing = 0;
  /** Compares a new frame with the frames it may link to, then files it. */
  const place = (n: Node, filedIn: readonly string[], probes: readonly string[]) => {
    const where = { country: n.country, place: n.frame.place };
    const undated = !n.dated;
    const mark = ++placing;
    for (const k of probes) {
      const block = blocks.get(k);
      if (block) for (const m of block.nodes) if (m.seenBy !== mark) { m.seenBy = mark; connect(n, m); }
    }
    // Frames without any date meet the frames that give one of their exact figures (frameScore links them on nothing else).
    const filed = keyFigures(n.frame);
    for (const f of filed) {
      for (const g of f.group === 'people' ? GROUPS : [f.group, 'people']) {
        const filedWith = (undated ? byFigure : byFigureUndated).get(figureKey(where, f, g));
        if (filedWith) for (const m of filedWith.nodes) {
          if (m.seenBy === mark) continue;
          m.seenBy = mark;
          connect(n, m);
        }
      }
    }
    // Reports without any date (neither their words nor a publication date) meet the reports of
    // their locality, which frameScore weighs on what their words say; reports with a date meet the
    // others by their blocks of time.
    const locality = localityOf(n.frame.place, kb);
    if (locality) {
      const met = (undated ? byPlace : byPlaceUndated).get(locality);
      if (met) for (const m of met.nodes) if (m.seenBy !== mark) { m.seenBy = mark; connect(n, m); }
      file(byPlace, locality, n);
      if (undated) file(byPlaceUndated, locality, n);
    }
    for (const k of filedIn) file(blocks, k, n);
    for (const k of new Set(filed.map((f) => figureKey(where, f, f.group)))) { file(byFigure, k, n); if (undated) file(byFigureUndated, k, n); }
  };

  const rank = (a: Node, b: Node) => compareDocuments(a.document, b.document) || a.index - b.index;

  // When a frame happened: its date, else up to 30 days before publication. Clusters merge only when
  // these meet, and keep where they meet, so links cannot chain reports of different dates.
  const spanOf = spanIn(published);

  const link = (): LinkChange => {
    const parts = partsHolding(dirty);
    dirty = new Set();
    for (const part of parts) for (const n of part) if (n.event) removedEvents.add(n.event);
    const added: LinkedEvent[] = [];
    for (const part of parts) {
      for (const nodes of cluster(part, rank, spanOf, kb)) {
        const ev = eventOf(nodes, kb);
        for (const n of nodes) n.event = ev;
        if (removedEvents.has(ev)) removedEvents.delete(ev);
        else if (!events.has(ev)) { events.add(ev); added.push(ev); }
      }
    }
    const removed = [...removedEvents].filter((e) => events.delete(e));
    removedEvents.clear();
    return { added, removed };
  };

  return { set, remove, link, published, events };
}

/**
 * Links the frames of many documents (numbered by their order) into events, all at once.
 * `published(d)` gives document d's publication date.
 */
export function linkEvents(frames: readonly EventFrame[], published: (document: number) => string | null, kb: KnowledgeBase | undefined): LinkedEvent[] {
  const linker = createLinker({ knowledge: kb });
  const byDoc = new Map<number, EventFrame[]>();
  for (const f of frames) { const l = byDoc.get(f.document); if (l) l.push(f); else byDoc.set(f.document, [f]); }
  for (const [d, fs] of byDoc) linker.set(d, fs, published(d));
  linker.link();
  return [...linker.events];
}
