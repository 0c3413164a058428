/**
 * The partitioned link: linking an archive in pieces, each on its own worker, with exactly the
 * events that linking it whole ({@link linkEvents}) gives.
 *
 * The linker's events come in two steps. (1) Links: two frames of different documents are linked
 * when they meet in one of the linker's blocks (a probe key of the later one is a key the earlier
 * one is filed under) and their {@link frameScore} reaches {@link MIN_SCORE}; a frame of vague time
 * follows only its best link ({@link chosenLinks}). (2) Clusters: each connected part of the links
 * followed is clustered on its own (best links first, with vetoes on dates, places and documents),
 * which depends on that part alone. So links are found per partition key, chosen per task and then
 * among the tasks' choices, and events are made per connected part.
 *
 * Partition keys are coarse blocks: a country and a month for the time blocks, an exact figure or a
 * locality for the keys where undated reports meet. A pair that meets is found in the partition of
 * the smallest key it meets by, and only there, so that partitions give each link once.
 */
import { compareOrder, DAY, type EventFrame, type LinkedEvent } from './eventModel';

export { compareOrder };
import { blocksOf, cluster, countryIn, eventOf, figureKey, frameSpan, GROUPS, isVague, keyFigures, localityOf, MIN_SCORE, PRECISE, spanIn, type LinkNode } from './linker';
import { frameFacts, frameScore, type FrameFacts } from './linkScore';
import type { KnowledgeBase } from './knowledge';

/** A frame with its document's publication date and its linker keys: one record of the shuffle. */
export interface PartFrame {
  /** Document number: any numbers in the documents' order (gaps allowed). */
  doc: number;
  /** Position of the frame in its document. */
  index: number;
  published: string | null;
  frame: EventFrame;
  /** Keys it is filed under, and keys it looks others up by, as the linker files it. */
  filed: string[];
  probes: string[];
  /** Partition keys: the coarse blocks of its keys. */
  parts: string[];
  /** Neither a date of its own nor a publication date: it meets others only by figures and localities. */
  undated: boolean;
}

/**
 * A link: the later frame (document, index), the earlier one, the score, and which of the two frames
 * have a vague time ({@link isVague}: 1 the later, 2 the earlier), whose best link alone counts.
 */
export type PartLink = [number, number, number, number, number, number];

/** An event of a partitioned link, with what orders it in the export. */
export interface PartEvent {
  event: LinkedEvent;
  /**
   * Sort key, smallest first, as the export orders events: the first report (document, offset of its
   * first figure), then the event's first frame (document, first sentence).
   */
  order: [number, number, number, number];
}

const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * The linker's keys of a frame: blocks of time, exact figures (`F|`, and `FU|` for undated frames),
 * localities (`L|`, `LU|`). Two frames are compared by the linker exactly when a probe of the later
 * one is a filed key of the earlier one.
 */
export function filingOf(frame: EventFrame, published: string | null, kb: KnowledgeBase | undefined): { filed: string[]; probes: string[]; undated: boolean } {
  const country = countryIn(frame.place, kb);
  const time = blocksOf(frame, country, published);
  const undated = time.blocks.length === 0;
  const where = { country, place: frame.place };
  const filed = [...time.blocks];
  const probes = [...time.probes];
  const figures = keyFigures(frame);
  for (const f of figures) for (const g of f.group === 'people' ? GROUPS : [f.group, 'people']) probes.push((undated ? 'F|' : 'FU|') + figureKey(where, f, g));
  for (const k of new Set(figures.map((f) => figureKey(where, f, f.group)))) { filed.push('F|' + k); if (undated) filed.push('FU|' + k); }
  const locality = localityOf(frame.place, kb);
  if (locality) {
    probes.push((undated ? 'L|' : 'LU|') + locality);
    filed.push('L|' + locality);
    if (undated) filed.push('LU|' + locality);
  }
  return { filed: uniq(filed), probes: uniq(probes), undated };
}

const monthOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 7);

/**
 * The partition key of a linker key: `T|country|month` for the blocks of time (a week by the month
 * of its Monday), `X|…` for an exact figure, `Y|…` for a locality.
 */
export function partOf(key: string): string {
  const bar = key.indexOf('|');
  const kind = key.slice(0, bar);
  if (kind === 'W') {
    const last = key.lastIndexOf('|');
    return `T|${key.slice(bar + 1, last)}|${monthOfDay(Number(key.slice(last + 1)) * 7 - 3)}`;
  }
  if (kind === 'D' || kind === 'P') return `T|${key.slice(bar + 1)}`;
  if (kind === 'F' || kind === 'FU') return `X|${key.slice(bar + 1)}`;
  return `Y|${key.slice(bar + 1)}`;
}

/** The frames of a document as records of the shuffle. */
export function partFrames(frames: readonly EventFrame[], published: string | null, kb: KnowledgeBase | undefined): PartFrame[] {
  return frames.map((frame, index) => {
    const { filed, probes, undated } = filingOf(frame, published, kb);
    return { doc: frame.document, index, published, frame, filed, probes, parts: uniq([...filed, ...probes].map(partOf)), undated };
  });
}

/**
 * Whether a frame goes to a partition. Keys of figures and localities link only where an undated
 * frame is (one side of each such pair is undated): a dated frame goes to them only when an undated
 * frame has that key, which keeps the many figures of dated reports out of the shuffle.
 */
export function routed(part: string, undatedParts: ReadonlySet<string>): boolean {
  return part.startsWith('T|') || undatedParts.has(part);
}

/**
 * The links found in one partition: pairs of `left` (or of `left` with `right`: a skewed partition
 * is split into chunks, and each pair of chunks is a task) that meet by a key of this partition and
 * by no smaller key of another one.
 */
export function linksIn(part: string, left: readonly PartFrame[], right: readonly PartFrame[] | null, kb: KnowledgeBase | undefined): PartLink[] {
  const facts = new Map<PartFrame, FrameFacts>();
  const factsOf = (f: PartFrame) => { let x = facts.get(f); if (!x) facts.set(f, (x = frameFacts(f.frame, f.published, kb))); return x; };
  const sideOf = new Map<PartFrame, number>();
  for (const f of left) sideOf.set(f, 0);
  for (const f of right ?? []) sideOf.set(f, 1);
  const index = new Map<string, PartFrame[]>();
  for (const f of sideOf.keys()) for (const k of f.filed) if (partOf(k) === part) { const l = index.get(k); if (l) l.push(f); else index.set(k, [f]); }
  const vague = new Map<PartFrame, number>();
  for (const f of sideOf.keys()) vague.set(f, isVague(frameSpan(f.frame, f.published)) ? 1 : 0);
  const out: PartLink[] = [];
  for (const a of sideOf.keys()) {
    const seen = new Set<PartFrame>();
    for (const k of a.probes) {
      if (partOf(k) !== part) continue;
      for (const b of index.get(k) ?? []) {
        if (b.doc >= a.doc || seen.has(b) || (right && sideOf.get(a) === sideOf.get(b))) continue;
        seen.add(b);
        if (partOf(firstShared(a.probes, b.filed)) !== part) continue;
        const s = frameScore(factsOf(a), factsOf(b), kb);
        if (s >= MIN_SCORE) out.push([a.doc, a.index, b.doc, b.index, s, vague.get(a)! | (vague.get(b)! << 1)]);
      }
    }
  }
  return chosenLinks(out);
}

/**
 * The links clustering follows (as the linker's own clustering chooses them): those between frames
 * of precise time, and each vague frame's best (one to a frame of precise time when it has any,
 * then the highest score, then the frame first in order).
 * Choosing again among the chosen keeps them all, so links can be chosen per task, then among the
 * tasks' choices of the whole archive.
 */
export function chosenLinks(links: readonly PartLink[]): PartLink[] {
  const best = new Map<string, { score: number; doc: number; index: number; link: PartLink }>();
  const offer = (key: string, doc: number, index: number, l: PartLink, score: number) => {
    const b = best.get(key);
    if (!b || score > b.score || (score === b.score && (doc < b.doc || (doc === b.doc && index < b.index)))) best.set(key, { score, doc, index, link: l });
  };
  for (const l of links) {
    if (l[5] & 1) offer(`${l[0]}:${l[1]}`, l[2], l[3], l, l[5] & 2 ? l[4] : l[4] + PRECISE);
    if (l[5] & 2) offer(`${l[2]}:${l[3]}`, l[0], l[1], l, l[5] & 1 ? l[4] : l[4] + PRECISE);
  }
  return links.filter((l) => !l[5] || best.get(`${l[0]}:${l[1]}`)?.link === l || best.get(`${l[2]}:${l[3]}`)?.link === l);
}

/** The smallest key in both lists. */
function firstShared(probes: readonly string[], filed: readonly string[]): string {
  const set = new Set(filed);
  let min: string | undefined;
  for (const k of probes) if (set.has(k) && (min === undefined || k < min)) min = k;
  return min!;
}

/**
 * Events of whole connected parts of the link graph: `frames` holds every frame of the parts, `links`
 * every link among them. Each part is clustered as the linker clusters it.
 */
export function eventsOfParts(frames: readonly PartFrame[], links: readonly PartLink[], kb: KnowledgeBase | undefined): PartEvent[] {
  const published = new Map<number, string | null>();
  const nodes = new Map<string, LinkNode>();
  for (const f of frames) {
    published.set(f.doc, f.published);
    nodes.set(`${f.doc}:${f.index}`, { frame: f.frame, facts: frameFacts(f.frame, f.published, kb), document: f.doc, index: f.index, country: '', dated: !f.undated, filed: [], edges: new Map(), alive: true, seenBy: 0 });
  }
  for (const [ad, ai, bd, bi, s] of links) {
    const a = nodes.get(`${ad}:${ai}`), b = nodes.get(`${bd}:${bi}`);
    if (!a || !b) throw new Error(`a link to a frame not given: ${ad}:${ai} – ${bd}:${bi}`);
    a.edges.set(b, s);
    b.edges.set(a, s);
  }
  const rank = (a: LinkNode, b: LinkNode) => a.document - b.document || a.index - b.index;
  const spanOf = spanIn((d) => published.get(d) ?? null);
  const out: PartEvent[] = [];
  for (const part of connectedParts([...nodes.values()])) {
    for (const members of cluster(part, rank, spanOf, kb)) {
      const event = eventOf(members, kb);
      const report = event.frames.reduce<[number, number]>((m, f) => {
        const k: [number, number] = [f.document, f.figures[0]?.start ?? 0];
        return k[0] < m[0] || (k[0] === m[0] && k[1] < m[1]) ? k : m;
      }, [Infinity, Infinity]);
      out.push({ event, order: [report[0], report[1], members[0].document, members[0].frame.sentences[0] ?? 0] });
    }
  }
  return out;
}

/** The connected parts of a link graph. */
function connectedParts(nodes: readonly LinkNode[]): LinkNode[][] {
  const seen = new Set<LinkNode>();
  const parts: LinkNode[][] = [];
  for (const start of nodes) {
    if (seen.has(start)) continue;
    seen.add(start);
    const part = [start];
    for (let k = 0; k < part.length; k++) for (const m of part[k].edges.keys()) if (!seen.has(m)) { seen.add(m); part.push(m); }
    parts.push(part);
  }
  return parts;
}


/** A task of the link step: a partition, or a pair of chunks of a skewed one (`right` the second chunk). */
export interface LinkTask { part: string; left: PartFrame[]; right: PartFrame[] | null }

/** A stable chunk number of a frame, in [0, chunks). */
export const chunkOf = (f: { doc: number; index: number }, chunks: number) => (f.doc * 31 + f.index) % chunks;

/**
 * The link tasks of an archive's frames. A partition of more than `chunk` frames (an event reported
 * ten thousand times, a busy country's month) is cut into m = ⌈n / chunk⌉ chunks, and each pair of
 * chunks (m(m+1)/2 of them) is a task of at most 2 × `chunk` frames: each frame goes to m tasks.
 */
export function linkTasks(frames: readonly PartFrame[], chunk: number): LinkTask[] {
  const undated = new Set(frames.filter((f) => f.undated).flatMap((f) => f.parts));
  const members = new Map<string, PartFrame[]>();
  for (const f of frames) for (const p of f.parts) if (routed(p, undated)) { const l = members.get(p); if (l) l.push(f); else members.set(p, [f]); }
  const tasks: LinkTask[] = [];
  for (const [part, fs] of members) {
    const m = Math.ceil(fs.length / chunk);
    if (m <= 1) { tasks.push({ part, left: fs, right: null }); continue; }
    const chunks: PartFrame[][] = Array.from({ length: m }, () => []);
    for (const f of fs) chunks[chunkOf(f, m)].push(f);
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) tasks.push({ part, left: chunks[i], right: i === j ? null : chunks[j] });
  }
  return tasks;
}

/**
 * The whole partitioned link in one process, as the distributed job runs it: link tasks, the
 * connected parts of their links, events per part, in the export's order. What the job must equal.
 */
export function linkInPartitions(frames: readonly PartFrame[], kb: KnowledgeBase | undefined, chunk: number): PartEvent[] {
  const links = chosenLinks(linkTasks(frames, chunk).flatMap((t) => linksIn(t.part, t.left, t.right, kb)));
  return eventsOfParts(frames, links, kb).sort((a, b) => compareOrder(a.order, b.order));
}
