import { countKey, DAY, FAMILY, time, type EventFrame } from './eventModel';
import { LOCAL, placesCompatible } from './places';
import type { KnowledgeBase } from './knowledge';
import type { EventType, Figure, FigureKind, VictimGroup } from './types';

// "people" counts anyone: one person killed may be the one civilian another source names.
const related = (x: VictimGroup, y: VictimGroup) => FAMILY[x] === FAMILY[y] || x === 'people' || y === 'people';

/** What a's figures find in b's, family by family (kind and group family): the best of each family's figures. */
interface Evidence { agree: number; exact: number; differ: number; strong: number; vague: number }
const NO_EVIDENCE: Readonly<Evidence> = { agree: 0, exact: 0, differ: 0, strong: 0, vague: 0 };

function figureEvidence(a: FrameFacts, b: FrameFacts): Readonly<Evidence> {
  // Most pairs compared are frames of other events, often without figures on one side.
  if (!a.figures.length || !b.figures.length) return NO_EVIDENCE;
  const out = { agree: 0, exact: 0, differ: 0, strong: 0, vague: 0 };
  for (const fas of a.families) {
    let exact = false, strong = false, vague = false, agree = false, any = false;
    for (const fa of fas) {
      // What b says of the same people: the same exact count, the same vague one, a close one.
      let same = false, sameExact = false, sameVague = false, close = false;
      for (const fb of b.figures) {
        if (fb.kind !== fa.kind || !related(fa.group, fb.group)) continue;
        same = true;
        if (countKey(fb) !== countKey(fa)) { close ||= Math.abs(fa.low - fb.low) <= Math.max(1, 0.2 * Math.max(fa.low, fb.low)); continue; }
        close = true;
        if (!fa.approximate && !fb.approximate && fa.low > 0 && (fb.group === fa.group || fa.group === 'people' || fb.group === 'people')) sameExact = true;
        // "Dozens of rioters killed" in both: the same vague count of the same people.
        else if (fa.approximate && fb.approximate && fb.group === fa.group) sameVague = true;
      }
      if (!same) continue;
      any = true;
      if (sameExact && !fa.approximate) {
        exact = true;
        if (fa.low > 1) strong = true;
        continue;
      }
      if (sameVague) vague = true;
      if (close) agree = true;
    }
    if (!any) continue;
    if (exact) { out.exact++; if (strong) out.strong++; continue; }
    if (vague) out.vague++;
    if (agree) out.agree++;
    else out.differ++;
  }
  return out;
}

/** A frame's figures by kind and family of victims. */
function familiesOf(f: EventFrame): Figure[][] {
  const byKey = new Map<string, Figure[]>();
  for (const x of f.figures) {
    const key = `${x.kind}|${FAMILY[x.group]}`;
    const l = byKey.get(key);
    if (l) l.push(x); else byKey.set(key, [x]);
  }
  return [...byKey.values()];
}

/** Whether two frames give a count of the same kind (the condition of an exact or a vague count in common, see {@link figureEvidence}). */
function sharesCount(a: FrameFacts, b: FrameFacts): boolean {
  for (const k of b.counts) if (a.counts.includes(k)) return true;
  return false;
}

/** Types that may name one event: an attack told as a bombing by one source, a shooting by another. */
const VIOLENT = new Set<EventType>(['attack', 'bombing', 'armed_clash']);
const typesFit = (x: EventType, y: EventType) => x === y || (VIOLENT.has(x) && VIOLENT.has(y));

/**
 * A frame's tolls of one kind: every count of anyone (`totals`: the definite ones, or the vague
 * ones when there is no other), and the largest count of a part (`part`: civilians, police…),
 * which is a lower bound of the toll. Attackers are counted apart: "two bombers blew themselves
 * up" is no toll of the victims. Every count is kept, not only the largest: an article gives
 * earlier and later tolls, and one misread number must not part two reports of one event.
 */
interface Toll { totals: number[]; part: number }

function tollOf(f: EventFrame, kind: FigureKind): Toll {
  const exact: number[] = [], vague: number[] = [];
  let part = -1;
  for (const x of f.figures) {
    if (x.kind !== kind || x.group === 'perpetrators') continue;
    if (x.group !== 'people') part = Math.max(part, x.low);
    else (x.approximate ? vague : exact).push(x.low);
  }
  return exact.length || vague.length || part >= 0 ? { totals: exact.length ? exact : vague, part } : NO_TOLL;
}
/** The toll of a frame without figures of the kind: shared, as most frames have none (the linker keeps the facts of every frame). */
const NO_TOLL: Toll = { totals: [], part: -1 };
const NONE: readonly never[] = [];

/**
 * Whether two tolls can be one event's: the same, a few apart, or one a later count of the
 * other (a toll that rose, or an early count): within a factor of three. "2 killed" and "150
 * killed" are two events.
 */
function tollsFit(x: number, y: number): boolean {
  const lo = Math.min(x, y), hi = Math.max(x, y);
  return hi - lo <= 3 || hi <= 3 * lo;
}

/**
 * What two frames' tolls of one kind say: 1 when some total of each fits the other (only for tolls
 * large enough to tell events apart, or equal ones), -1 when no total of one can be the other's
 * event's, 0 when nothing is known (a part of the toll only, which any larger total may hold).
 */
function tollEvidence(x: Toll, y: Toll): number {
  if (x.totals.length && y.totals.length) {
    let fits = false;
    for (const p of x.totals) for (const q of y.totals) {
      if (!tollsFit(p, q)) continue;
      if (p === q || Math.max(p, q) >= 5) return 1;
      fits = true; // but too small a toll to tell events apart
    }
    return fits ? 0 : -1;
  }
  // A part larger than three times every total of the other: not the same event.
  const most = (t: number[]) => Math.max(1, ...t);
  if (x.totals.length && y.part > 3 * most(x.totals) + 3) return -1;
  if (y.totals.length && x.part > 3 * most(y.totals) + 3) return -1;
  return 0;
}

/** What was attacked, by category: two reports that name what was attacked, and name different things, tell of two attacks. */
function targetsOf(f: EventFrame): readonly string[] {
  let out: string[] | undefined;
  for (const a of f.actors) if (a.role === 'target') (out ??= []).push(a.name);
  return out ?? NONE;
}

function sharedCount<T>(x: readonly T[], y: readonly T[]): number {
  let n = 0;
  for (const v of x) if (y.includes(v)) n++;
  return n;
}

/**
 * What the words of two reports without dates that meet say of their being one event: the same
 * locality, a type that fits, tolls that can be one event's, the same people and groups named, the
 * same target. Returns the score it adds, or -Infinity when the reports cannot be one event or
 * nothing beyond the place and type ties them.
 */
function contentScore(a: FrameFacts, b: FrameFacts): number {
  if (!a.local || !b.local || a.wide || b.wide) return -Infinity;
  if (!typesFit(a.type, b.type)) return -Infinity;
  let evidence = 0;
  const killed = tollEvidence(a.killed, b.killed);
  if (killed < 0) return -Infinity;
  // Sources count the wounded more loosely (those treated, those still in hospital): a gap there only weighs against.
  evidence += killed + tollEvidence(a.injured, b.injured);
  const ta = a.targets, tb = b.targets;
  if (ta.length && tb.length) {
    if (!sharedCount(ta, tb)) return -Infinity;
    evidence++;
  }
  evidence += Math.min(2, sharedCount(a.named, b.named));
  // The same weekday named ("on Friday", يوم الجمعة): weak, as a follow-up names another day.
  if (sharedCount(a.weekdays, b.weekdays)) evidence++;
  return evidence > 0 ? Math.min(3, evidence) : -Infinity;
}

/** A place as specific as a locality (a city or within one): an event there is one event of that place. */
export function localPlace(place: string, kb: KnowledgeBase | undefined): boolean {
  if (place.startsWith('unk:')) return true;
  const kind = kb?.entities.get(place)?.kind;
  return !!kind && LOCAL.has(kind);
}

/**
 * What {@link frameScore} reads of a frame, worked out once: a frame is scored against hundreds of
 * others, and its times, tolls and counts would otherwise be looked up again for every pair.
 */
export interface FrameFacts {
  readonly frame: EventFrame;
  readonly place: string | null;
  /** The place is a locality ({@link localPlace}). */
  readonly local: boolean;
  readonly wide: boolean;
  readonly type: EventType;
  readonly figures: readonly Figure[];
  /** The frame's date: milliseconds of its first and last day, NaN without one; whether it is a day. */
  readonly start: number;
  readonly end: number;
  readonly day: boolean;
  /** When the frame is known to have happened by: its date's last day, else its document's publication (NaN: neither). */
  readonly reference: number;
  /** The frame has a date or is its article's main event: the publication dates it. */
  readonly anchored: boolean;
  readonly families: readonly Figure[][];
  /** Kind and count of its figures (`killed|3`), each once. */
  readonly counts: readonly string[];
  readonly killed: Toll;
  readonly injured: Toll;
  readonly targets: readonly string[];
  readonly named: readonly string[];
  readonly weekdays: readonly number[];
}

/** The facts of a frame whose document was published on `published` (ISO date, or null). */
export function frameFacts(f: EventFrame, published: string | null, kb: KnowledgeBase | undefined): FrameFacts {
  const start = f.date ? time(f.date.start) : NaN, end = f.date ? time(f.date.end) : NaN;
  const pub = published ? time(published) : NaN;
  return {
    frame: f, place: f.place, local: !!f.place && localPlace(f.place, kb), wide: !!f.wide, type: f.type, figures: f.figures,
    start, end, day: f.date?.precision === 'day', reference: f.date ? end : pub, anchored: f.main || !!f.date,
    families: f.figures.length ? familiesOf(f) : NONE, counts: f.figures.length ? [...new Set(f.figures.map((x) => `${x.kind}|${countKey(x)}`))] : NONE,
    killed: tollOf(f, 'killed'), injured: tollOf(f, 'injured'), targets: targetsOf(f), named: f.named, weekdays: f.weekdays,
  };
}

/**
 * How much two frames of different documents look like one event: at least the linker's minimum
 * for a candidate link, or -Infinity when they cannot be one (places or dates that cannot meet).
 * Symmetric, so that incremental linking gives what linking from scratch gives.
 */
export function frameScore(a: FrameFacts, b: FrameFacts, kb: KnowledgeBase | undefined): number {
  let score = 0;
  if (a.place && b.place) {
    if (!placesCompatible(a.place, b.place, kb)) return -Infinity;
    score += a.place === b.place ? 3 : 2;
  }
  let timed = false;
  if (a.frame.date && b.frame.date) {
    if (!(a.start <= b.end + DAY && b.start <= a.end + DAY)) return -Infinity;
    score += a.day && b.day ? 3 : 1;
    timed = true;
  } else if (a.reference === a.reference && b.reference === b.reference && a.anchored && b.anchored) {
    const gap = Math.abs(a.reference - b.reference) / DAY;
    if (gap > 30) return -Infinity;
    // Published within three days of the other's publication, or of its date and not before it: most likely the same news.
    const before = b.reference < a.start - DAY || a.reference < b.start - DAY;
    if (gap <= 3 && !before) { score += 1; timed = true; }
  }
  if (a.type === b.type) score += 1;
  else if ((a.type === 'arrest') !== (b.type === 'arrest')) score -= 1;
  // Without dates that agree and without a count in common, only what the words say can link two
  // reports: asked first, as it rejects most such pairs before their figures are compared.
  let content = 0;
  if (!timed && !sharesCount(a, b)) {
    content = contentScore(a, b);
    if (content === -Infinity) return -Infinity;
  }
  // Figures: the same count of the same people is distinctive; a family counted differently weighs a
  // little against. Read from both sides, so that the score of two frames does not depend on which
  // came first (incremental linking must give what linking from scratch gives).
  const ab = figureEvidence(a, b), ba = figureEvidence(b, a);
  const exact = Math.max(ab.exact, ba.exact), strong = Math.max(ab.strong, ba.strong), vague = Math.max(ab.vague, ba.vague);
  const agree = Math.max(ab.agree, ba.agree), differ = Math.min(ab.differ, ba.differ);
  // Without dates that agree, the same count of the same people links two reports, or what their
  // words say: the same locality and kind of event, tolls that can be one event's, the same names.
  // A single victim, or the same vague count, is weak: it takes the same place and the same kind of event too.
  if (!timed && !strong && !((exact || vague) && a.place === b.place && a.type === b.type)) {
    if (content === 0) content = contentScore(a, b);
    if (content === -Infinity) return -Infinity;
    score += content;
  }
  // A report of an event over a wide area and one of a single place meet on the same day during
  // unrest without being one event ("1,200 arrested across Iran", "5 killed in Zahedan"): only a
  // figure they share links them.
  if (a.wide !== b.wide && !exact && !agree) return -Infinity;
  // Reports whose dates were not compared and that name weekdays, none the same ("on Sunday", "on
  // Wednesday"): two attacks on one place, unless a distinctive count ties them.
  if (!timed && !strong && a.weekdays.length && b.weekdays.length && !sharedCount(a.weekdays, b.weekdays)) score -= 3;
  return score + Math.min(4, 2 * exact) + Math.min(2, agree) - 0.5 * differ;
}
