import { DAY, FAMILY, time, type EventFrame, type LinkedEvent, type ReconciledFigure } from './eventModel';
import type { AppliedCorrection, Figure, FigureKind, VictimGroup } from './types';

const hi = (x: number | null) => (x === null ? Infinity : x);

/**
 * What one document says of a group, from its reports: the toll it rose to when it says so, else
 * its largest definite count ("at least 80", "80"), and a vague one ("dozens") only when it gives
 * no other; an earlier, lower count in the same article ("after IRNA had said 24") is superseded.
 */
function groupValue(reports: readonly Figure[]): Figure {
  let best: Figure | undefined;
  const rank = (f: Figure) => (f.superseded ? -1 : f.update ? 2 : f.approximate ? 0 : 1);
  for (const r of reports) if (!best || rank(r) > rank(best) || (rank(r) === rank(best) && r.low > best.low)) best = r;
  return best!;
}

/** One document's total for some reports: each group's value ({@link groupValue}), summed over groups. */
function documentTotal(reports: readonly Figure[]): { low: number; high: number | null; approximate: boolean } {
  const byGroup = new Map<VictimGroup, Figure[]>();
  for (const r of reports) {
    const l = byGroup.get(r.group);
    if (l) l.push(r); else byGroup.set(r.group, [r]);
  }
  let low = 0, high: number | null = 0, approximate = false;
  for (const list of byGroup.values()) {
    const r = groupValue(list);
    low += r.low;
    high = high === null || r.high === null ? null : high + r.high;
    approximate ||= r.approximate;
  }
  return { low, high, approximate };
}

/** The values a report may stand for: "about 320" is within 5% of 320; vague words ("dozens") keep their own range. */
function widen(v: { low: number; high: number | null; approximate: boolean }): [number, number] {
  if (!v.approximate || v.high !== v.low) return [v.low, hi(v.high)];
  return [Math.floor(v.low * 0.95), Math.ceil(v.low * 1.05)];
}

/** The report of a document whose words give its value: the one that says that count, else its largest. */
function wordsOf(reports: readonly { document: number; figure: Figure }[], document: number, low: number): Figure {
  let best: Figure | undefined;
  for (const r of reports) {
    if (r.document !== document) continue;
    if (r.figure.low === low) return r.figure;
    if (!best || r.figure.low > best.low) best = r.figure;
  }
  return best!;
}

/** Days after which a higher toll from a later source is taken for a count that rose, not a disagreement. */
const LATER_DAYS = 2;

/**
 * Whether `late` updates `early`: it is higher, and either was published clearly later (two days
 * or more), or says the toll rose ("rose to 17") and is not older, or says it rose from the very
 * count the other source gives ("… to 29, after the agency had said 24"). A source that says the
 * toll rose, on the same day as one with a lower count, still disagrees with it.
 */
function isUpdate(early: Total, late: Total, published: (document: number) => string | null): boolean {
  // "… 20 dead; earlier reports said 36": the other source's 36 is the count this one superseded.
  if (late.cited.includes(early.v.low)) return true;
  if (late.v.low < early.v.low) return false;
  const pe = published(early.d), pl = published(late.d);
  if (pe && pl && time(pl) - time(pe) >= LATER_DAYS * DAY) return true;
  if (!late.update) return false;
  if (pe && pl && pl >= pe) return true;
  return late.earlier.includes(early.v.low);
}

/** A source's value for a group, whether it says the toll rose, and the lower counts it gives besides (which it may have superseded). */
interface Total { d: number; v: { low: number; high: number | null; approximate: boolean }; update: boolean; earlier: number[]; cited: number[] }

/**
 * Reconciles the figures of one event across its sources, following the group hierarchy: reports
 * of police or military are lifted to `security` when another source reports `security` itself,
 * so that "7 national guardsmen" and "3 security men" are compared. A later report that the toll
 * rose is an update, not a conflict; uncertainty inside one source is never a conflict.
 */
const RECONCILED = new WeakMap<EventFrame, { frames: readonly EventFrame[]; figures: ReconciledFigure[] }>();

/** {@link reconcile}, reused while an event keeps exactly the same frames (most events, after an edit elsewhere). */
export function reconcileCached(event: LinkedEvent, published: (document: number) => string | null): ReconciledFigure[] {
  const head = event.frames[0];
  const hit = head && RECONCILED.get(head);
  if (hit && hit.frames.length === event.frames.length && hit.frames.every((f, i) => f === event.frames[i])) return hit.figures;
  const figures = reconcile(event, published);
  if (head) RECONCILED.set(head, { frames: [...event.frames], figures });
  return figures;
}

export function reconcile(event: LinkedEvent, published: (document: number) => string | null): ReconciledFigure[] {
  const reports = event.frames.flatMap((f) => f.figures.map((figure) => ({ document: f.document, figure })));
  // Documents reporting each kind and group, computed once (not once per report).
  const docsWith = new Map<string, Set<number>>();
  for (const r of reports) {
    const k = `${r.figure.kind}|${r.figure.group}`;
    let set = docsWith.get(k);
    if (!set) docsWith.set(k, (set = new Set()));
    set.add(r.document);
  }
  const lifted = (kind: FigureKind, group: VictimGroup): VictimGroup => {
    if (FAMILY[group] !== 'security' || group === 'security') return group;
    const children = docsWith.get(`${kind}|${group}`);
    for (const d of docsWith.get(`${kind}|security`) ?? []) if (!children?.has(d)) return 'security';
    return group;
  };
  const byKey = new Map<string, { kind: FigureKind; group: VictimGroup; reports: { document: number; figure: Figure }[] }>();
  for (const r of reports) {
    const group = lifted(r.figure.kind, r.figure.group);
    const key = `${r.figure.kind}|${group}`;
    if (!byKey.has(key)) byKey.set(key, { kind: r.figure.kind, group, reports: [] });
    byKey.get(key)!.reports.push(r);
  }
  const out: ReconciledFigure[] = [];
  for (const g of byKey.values()) {
    const docs = [...new Set(g.reports.map((r) => r.document))];
    // A source that also gives a larger total of anyone (people) names only some of this group:
    // its count is a lower bound, not a contradiction ("four killed, among them a Swiss").
    const totalOf = (d: number) => {
      const v = documentTotal(g.reports.filter((r) => r.document === d).map((r) => r.figure));
      // A toll of "people" counts the victims: the attackers killed are told apart ("4 cyclists killed; police shot dead 3 suspects").
      if (g.group === 'people' || g.group === 'perpetrators') return v;
      const people = reports.filter((r) => r.document === d && r.figure.kind === g.kind && r.figure.group === 'people').map((r) => r.figure);
      const total = people.length ? documentTotal(people) : undefined;
      return total && total.low > v.low ? { ...v, high: total.high } : v;
    };
    const totals: Total[] = docs.map((d) => {
      const own = g.reports.filter((r) => r.document === d);
      const v = totalOf(d);
      return { d, v, update: own.some((r) => r.figure.update), earlier: own.filter((r) => r.figure.low < v.low).map((r) => r.figure.low), cited: own.filter((r) => r.figure.superseded).map((r) => r.figure.low) };
    });
    let conflict = false;
    let update = false;
    for (let i = 0; i < totals.length; i++) {
      for (let j = i + 1; j < totals.length; j++) {
        const [al, ah] = widen(totals[i].v), [bl, bh] = widen(totals[j].v);
        if (Math.max(al, bl) <= Math.min(ah, bh)) continue;
        if (isUpdate(totals[i], totals[j], published) || isUpdate(totals[j], totals[i], published)) update = true;
        else conflict = true;
      }
    }
    const low = Math.min(...totals.map((t) => t.v.low));
    const high = totals.some((t) => t.v.high === null) ? null : Math.max(...totals.map((t) => t.v.high as number));
    const votes = new Map<number, number>();
    for (const t of totals) if (!t.v.approximate && t.v.high === t.v.low) votes.set(t.v.low, (votes.get(t.v.low) ?? 0) + 1);
    let best: number | null = null, n = 0;
    for (const [v, c] of votes) if (c > n || (c === n && best !== null && v < best)) { best = v; n = c; }
    const sources = totals.map((t) => ({ document: t.d, low: t.v.low, high: t.v.high, approximate: t.v.approximate, figure: wordsOf(g.reports, t.d, t.v.low) }));
    out.push(withVerdicts({ kind: g.kind, group: g.group, reports: g.reports, sources, estimate: { low, best, high }, conflict, update }));
  }
  return out;
}

/**
 * A reconciled figure with the analyst's verdicts on it (the curation file's `adjudicate`, `update`
 * and `notConflict` on one of its reports; the last in the file of each wins): the adjudicated
 * report's value is the best estimate (the lower bound of a range); a disagreement said to be an
 * update, or none, is no conflict.
 */
function withVerdicts(fig: ReconciledFigure): ReconciledFigure {
  let chosen: { document: number; figure: Figure; c: AppliedCorrection } | undefined;
  let resolved: AppliedCorrection | undefined;
  for (const r of fig.reports) {
    for (const c of r.figure.curation ?? []) {
      if (c.change.op === 'adjudicate' && (!chosen || c.order > chosen.c.order)) chosen = { ...r, c };
      if ((c.change.op === 'update' || c.change.op === 'notConflict') && (!resolved || c.order > resolved.order)) resolved = c;
    }
  }
  if (!chosen && !resolved) return fig;
  const out: ReconciledFigure = { ...fig };
  if (chosen) {
    out.estimate = { ...fig.estimate, best: chosen.figure.low };
    out.adjudication = { document: chosen.document, id: chosen.c.id, ...(chosen.c.reason !== undefined ? { reason: chosen.c.reason } : {}) };
  }
  if (resolved) {
    const kind = resolved.change.op as 'update' | 'notConflict';
    out.conflict = false;
    out.update = kind === 'update' && (fig.conflict || fig.update);
    out.resolution = { kind, id: resolved.id, ...(resolved.reason !== undefined ? { reason: resolved.reason } : {}) };
  }
  return out;
}
