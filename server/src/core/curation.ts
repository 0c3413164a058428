import type { EventType, FigureKind, Span, VictimGroup } from './types';

// The analyst's corrections (issue 18): the shapes of `.khabar/curation.json` (docs/curation.md)
// and the anchoring of a correction to words of its article, pure so that the server, the command
// line and the editor's writer of entries agree on them.

/** What a correction points at: a figure, a name, or the whole report. */
export type CurationTargetType = 'figure' | 'name' | 'document';

/**
 * Which words a correction is about: a W3C Web Annotation TextQuoteSelector, with the offset where
 * the words were as a hint only (an edit of the article moves them).
 */
export interface CurationTarget {
  type: CurationTargetType;
  /** The quoted words; absent for `document`. */
  exact?: string;
  /** Up to {@link ANCHOR_CONTEXT} characters before the words. */
  prefix?: string;
  /** Up to {@link ANCHOR_CONTEXT} characters after the words. */
  suffix?: string;
  /** UTF-16 offset where the words were when the correction was made. */
  start?: number;
}

/** A change to a figure. */
export type FigureChange =
  | { op: 'notCasualty' }
  | { op: 'kind'; kind: FigureKind }
  | { op: 'group'; group: VictimGroup }
  | { op: 'value'; low: number; high: number | null }
  | { op: 'approximate'; approximate: boolean }
  | { op: 'adjudicate' }
  | { op: 'update' }
  | { op: 'notConflict' };

/** A change to a name mention. */
export type NameChange = { op: 'notName' } | { op: 'sameAs'; entity: string };

/** A change to a report (the whole document) or to its event. */
export type DocumentChange =
  | { op: 'moveTo'; document: string }
  | { op: 'split' }
  | { op: 'mergeWith'; document: string }
  | { op: 'place'; entity: string }
  | { op: 'date'; start: string; end: string; precision: 'day' | 'month' | 'year' }
  | { op: 'type'; type: EventType };

/** Every change a correction may make; which ones fit which target is {@link OPS_OF}. */
export type CurationChange = FigureChange | NameChange | DocumentChange;

/** The ops of each target type. */
export const OPS_OF: Record<CurationTargetType, readonly CurationChange['op'][]> = {
  figure: ['notCasualty', 'kind', 'group', 'value', 'approximate', 'adjudicate', 'update', 'notConflict'],
  name: ['notName', 'sameAs'],
  document: ['moveTo', 'split', 'mergeWith', 'place', 'date', 'type'],
};

/** One correction: one entry of the curation file. */
export interface Correction {
  /** Unique within the file. */
  id: string;
  /** Path of the article, relative to the workspace root (or the command line's input root), with `/`. */
  document: string;
  target: CurationTarget;
  change: CurationChange;
  /** Why, in the analyst's words. */
  reason?: string;
  /** Who (the setting `khabar.curation.author`). */
  by?: string;
  /** When (ISO date-time). */
  at?: string;
}

/** The curation file. */
export interface Curation {
  version: 1;
  corrections: Correction[];
}

/** Characters of context kept on each side of the quoted words. */
export const ANCHOR_CONTEXT = 32;

/** Characters of context that must still match on one side for a quote to be found again (fewer when the context is shorter). */
const MIN_CONTEXT_MATCH = 3;

/** The target of the words `[start, end)` of `text`: the words, the context around them and where they are. */
export function makeAnchor(text: string, start: number, end: number, type: CurationTargetType): CurationTarget {
  if (type === 'document') return { type };
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return {
    type,
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - ANCHOR_CONTEXT), s),
    suffix: text.slice(e, e + ANCHOR_CONTEXT),
    start: s,
  };
}

/** Characters at the end of `a` that are the end of `b`. */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Characters at the start of `a` that are the start of `b`. */
function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** How much of one side's context still surrounds an occurrence, and whether that is enough to count. */
function sideMatch(context: string, matched: number, atEdge: boolean): { n: number; ok: boolean } {
  // Words at the very start (end) of the article had no context on that side: being there still is a match.
  if (context.length === 0) return { n: atEdge ? 1 : 0, ok: atEdge };
  return { n: matched, ok: matched >= Math.min(MIN_CONTEXT_MATCH, context.length) };
}

/**
 * Finds a target's words again in the current text of its document: every occurrence of `exact`
 * is scored by how much of `prefix` and `suffix` still surrounds it, ties broken by the distance
 * from `start`; the best wins if its prefix or its suffix still matches at least in part. Returns
 * null when the words are gone or none of their context is left (the correction is stale). A
 * `document` target is the whole text.
 */
export function findAnchor(text: string, target: CurationTarget): Span | null {
  if (target.type === 'document') return { start: 0, end: text.length };
  const exact = target.exact ?? '';
  if (!exact) return null;
  const prefix = target.prefix ?? '', suffix = target.suffix ?? '';
  const hint = target.start ?? 0;
  let best: { at: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    const p = sideMatch(prefix, commonTail(text.slice(Math.max(0, at - prefix.length), at), prefix), at === 0);
    const s = sideMatch(suffix, commonHead(text.slice(end, end + suffix.length), suffix), end === text.length);
    const unanchored = prefix.length === 0 && suffix.length === 0;
    if (!p.ok && !s.ok && !unanchored) continue;
    const score = p.n + s.n, distance = Math.abs(at - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { at, score, distance };
  }
  return best ? { start: best.at, end: best.at + exact.length } : null;
}
