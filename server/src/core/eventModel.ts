import type { ActorRole, AppliedCorrection, EventType, Figure, FigureKind, VictimGroup } from './types';

// The shapes of events, shared by framing, linking, reconciling and exporting: a module of its own
// so that each of those imports it, and none imports another the other way round.

/** A date range with its precision. */
export interface DateRange {
  start: string;
  end: string;
  precision: 'day' | 'month' | 'year';
}

/** One event as one document reports it. */
export interface EventFrame {
  /** Index of the document in the list given to {@link linkEvents}. */
  document: number;
  /** Sentences of the document that belong to the frame. */
  sentences: number[];
  figures: Figure[];
  type: EventType;
  date: DateRange | null;
  /** Entity id of the most specific place, or null. */
  place: string | null;
  placeName: string | null;
  /** True for the article's main event (its first frame). */
  main: boolean;
  /** Who attacked, who claimed it, what was attacked, as the frame's sentences say. */
  actors: FrameActor[];
  /**
   * The event spread over its place (a country, the province of several towns): none of the
   * localities within is its place, though a report of one of them may be part of it.
   */
  wide?: true;
  /** People and organizations (knowledge-base ids) the frame's sentences name, sorted: evidence that two undated reports tell one event. */
  named: string[];
  /** Weekdays (0 = Sunday) its sentences name ("on Friday", يوم الجمعة, روز جمعه): evidence for reports without dates. */
  weekdays: number[];
}

/** An event across documents: frames linked as one real-world event. */
export interface LinkedEvent {
  frames: EventFrame[];
  type: EventType;
  date: DateRange | null;
  place: string | null;
  placeName: string | null;
  /** The analyst's corrections of the event (a report moved, split, merged; its place, date or type set), in the order applied: absent when none. */
  curation?: AppliedCorrection[];
}

/** A figure of a linked event: reports of one kind and group, reconciled across sources. */
export interface ReconciledFigure {
  kind: FigureKind;
  group: VictimGroup;
  reports: { document: number; figure: Figure }[];
  /**
   * What each source says of this group, one value per document, as it was compared: its total
   * for the group (the toll it rose to, else its largest definite count, its parts summed), and the
   * report whose words say it.
   */
  sources: { document: number; low: number; high: number | null; approximate: boolean; figure: Figure }[];
  estimate: { low: number; best: number | null; high: number | null };
  /** Reports that cannot all be true. */
  conflict: boolean;
  /** A later source says the toll rose: information, not a conflict. */
  update: boolean;
  /** The analyst chose this document's report as the best estimate (`adjudicate`). */
  adjudication?: { document: number; reason?: string; id: string };
  /** The analyst said the disagreement is an update over time or none at all. */
  resolution?: { kind: 'update' | 'notConflict'; reason?: string; id: string };
}

export const DAY = 86400000;
const TIMES = new Map<string, number>();
/** Milliseconds of an ISO date, cached. */
export const time = (iso: string): number => {
  let t = TIMES.get(iso);
  if (t === undefined) {
    if (TIMES.size > 100000) TIMES.clear();
    TIMES.set(iso, (t = Date.parse(`${iso}T00:00:00Z`)));
  }
  return t;
};

export function overlaps(a: DateRange, b: DateRange, slackDays = 1): boolean {
  return time(a.start) <= time(b.end) + slackDays * DAY && time(b.start) <= time(a.end) + slackDays * DAY;
}

/** Event types, the most telling first: an event reported as a bombing by one source and an attack by another is a bombing. */
export const TYPE_PRIORITY: EventType[] = ['bombing', 'armed_clash', 'riot', 'protest', 'attack', 'arrest', 'other'];

/** Families of victim groups: police and military are parts of security. */
export const FAMILY: Record<VictimGroup, VictimGroup> = { security: 'security', police: 'security', military: 'security', civilians: 'civilians', perpetrators: 'perpetrators', people: 'people' };

/** An actor of one event frame. */
export interface FrameActor {
  role: ActorRole;
  entity: string | null;
  name: string;
}

/** An actor of a linked event, with the documents that say so. */
export interface EventActor extends FrameActor {
  /** Indexes of the documents (as given to linking) whose frames name this actor. */
  documents: number[];
}

/**
 * A count as two reports are compared on it: "235 killed" and "at least 235 killed" give the same
 * count (a point and a lower bound of one number); a range ("between 20 and 30") only its own.
 */
export const countKey = (f: { low: number; high: number | null }): string => (f.high === null || f.high === f.low ? String(f.low) : `${f.low}-${f.high}`);

/** Compares two sort keys of numbers, the first number first (the export's order of events). */
export function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
