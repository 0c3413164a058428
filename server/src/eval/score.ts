import type { EventsExport, ExportFigure } from '../core/export';

/**
 * Scores an events export against a gold file in the annotation format of Khabar's corpora (the
 * format of `test/fixtures/samples.gold.json`): the same measures, computed the same way, as the
 * evaluation script that scores Khabar's development corpora, so that a user's own annotated
 * articles are scored as Khabar's are.
 */

/** One casualty or arrest figure as an annotator wrote it. */
export interface GoldFigure {
  event: string;
  kind: string;
  group: string;
  /** Other groups accepted for this figure. */
  groups?: string[];
  low: number;
  high: number | null;
  approximate?: boolean;
  explicit: boolean;
  /** A piece of the text the figure covers. */
  text: string;
}

/** One annotated document. */
export interface GoldDocument {
  language: string;
  figures?: GoldFigure[];
  entities?: { id: string; type: string; surfaces: string[]; optional?: boolean }[];
  boilerplate?: { from: string; to?: string }[];
}

/** A gold file: documents by file name, events by key, the conflicts a reader should be shown. */
export interface Gold {
  documents: Record<string, GoldDocument>;
  events?: Record<string, { type?: string; date: [string, string]; location: string }>;
  places?: Record<string, string[]>;
  conflicts?: GoldConflict[];
  optionalConflicts?: GoldConflict[];
}

export interface GoldConflict { event: string; kind: string; group?: string; documents: string[] }

/** The measures, each in [0, 1]. */
export interface Scores {
  figures: { precision: number; recallExplicit: number; recallAll: number; f1: number; predicted: number; gold: number };
  events: { pairF1: number; crossSourceLinkF1: number; locationAccuracy: number; dateAccuracy: number; dateCoverage: number };
  conflicts: { recall: number; precision: number; predicted: number; gold: number };
  entities: { precision: number; recall: number; f1: number; gold: number };
  documents: number;
}

/** Folds what annotators and readers write differently: diacritics, letter variants, digits, punctuation, case. */
export function norm(s: string | undefined): string {
  return (s ?? '').normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u00AD]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/[ىیئ]/g, 'ي').replace(/ک/g, 'ك').replace(/[ةۀ]/g, 'ه').replace(/ؤ/g, 'و')
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06F0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[«»"“”'()[\]،,.:؛]/g, ' ').toLowerCase().replace(/\s+/g, ' ').trim();
}

function surfaceMatch(pred: string, gold: string): boolean {
  const p = norm(pred), g = norm(gold);
  if (!p || !g) return false;
  if (p === g) return true;
  const [short, long] = p.length <= g.length ? [p, g] : [g, p];
  return long.includes(short) && short.length >= 3 && short.length >= 0.6 * long.length;
}

const PARENT: Record<string, string> = { police: 'security', military: 'security' };
const groupOk = (gf: { group?: string; groups?: string[] }, pg: string) => {
  const allowed = gf.groups ?? [gf.group ?? ''];
  return allowed.includes(pg) || allowed.some((a) => PARENT[pg] === a || PARENT[a] === pg);
};
const hi = (x: number | null | undefined) => (x === null || x === undefined ? Infinity : x);
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const ratio = (t: number, f: number) => (t + f ? t / (t + f) : 0);

interface Pred { key: string; event: string; kind: string; group: string; low: number; high: number | null; approximate: boolean; text: string; figure: ExportFigure; used: boolean }
interface Matched extends GoldFigure { key: string; match: Pred | null }

function valueOk(gf: GoldFigure, r: Pred): boolean {
  if (gf.approximate || r.approximate) return Math.max(gf.low, r.low ?? 0) <= Math.min(hi(gf.high), hi(r.high));
  return gf.low === r.low && (hi(gf.high) === hi(r.high) || gf.high === null || r.high === null);
}

/** Gold figures matched to predicted reports: first where their words meet, then anywhere in the document. */
function matchFigures(gold: Gold, preds: Pred[]): Matched[] {
  const out: Matched[] = [];
  for (const [key, g] of Object.entries(gold.documents)) for (const f of g.figures ?? []) out.push({ ...f, key, match: null });
  for (const pass of ['text', 'any']) {
    for (const gf of out) {
      if (gf.match) continue;
      const cand = preds.find((p) => !p.used && p.key === gf.key && p.kind === gf.kind && groupOk(gf, p.group) && valueOk(gf, p)
        && (pass === 'any' || norm(gf.text).includes(norm(p.text)) || norm(p.text).includes(norm(gf.text))));
      if (cand) { cand.used = true; gf.match = cand; }
    }
  }
  return out;
}

function linkScores(matched: readonly Matched[]): { pairF1: number; linkF1: number } {
  let tp = 0, fn = 0, fp = 0, xtp = 0, xfn = 0, xfp = 0;
  for (let i = 0; i < matched.length; i++) for (let j = i + 1; j < matched.length; j++) {
    const a = matched[i], b = matched[j];
    const sameGold = a.event === b.event, samePred = a.match!.event === b.match!.event, cross = a.key !== b.key;
    if (sameGold && samePred) { tp++; if (cross) xtp++; } else if (sameGold) { fn++; if (cross) xfn++; } else if (samePred) { fp++; if (cross) xfp++; }
  }
  return { pairF1: f1(ratio(tp, fp), ratio(tp, fn)), linkF1: f1(ratio(xtp, xfp), ratio(xtp, xfn)) };
}

function conflictScores(gold: Gold, matched: readonly Matched[], exp: EventsExport, docKey: Map<string, string>): Scores['conflicts'] {
  const found = (c: GoldConflict): ExportFigure | null => {
    const figs = matched.filter((g) => g.event === c.event && g.kind === c.kind && c.documents.includes(g.key) && (!c.group || groupOk({ group: c.group }, g.match!.group) || groupOk(g, c.group)));
    for (const g of figs) {
      const f = g.match!.figure;
      if (!f.conflict) continue;
      const docs = new Set(figs.filter((h) => h.match!.figure === f).map((h) => h.key));
      if (c.documents.every((d) => docs.has(d))) return f;
    }
    return null;
  };
  const goldConf = gold.conflicts ?? [];
  const foundConf = goldConf.map(found);
  const ok = new Set([...foundConf, ...(gold.optionalConflicts ?? []).map(found)].filter(Boolean));
  const predicted: ExportFigure[] = [];
  for (const ev of exp.events) for (const f of ev.figures) if (f.conflict && f.reports.some((r) => docKey.has(r.document))) predicted.push(f);
  return {
    recall: goldConf.length ? foundConf.filter(Boolean).length / goldConf.length : 1,
    precision: predicted.length ? predicted.filter((f) => ok.has(f)).length / predicted.length : goldConf.length ? 0 : 1,
    predicted: predicted.length, gold: goldConf.length,
  };
}

function locationScores(gold: Gold, matched: readonly Matched[], exp: EventsExport): { location: number; date: number; dateCoverage: number } {
  const byId = new Map(exp.events.map((e) => [e.id, e]));
  let hit = 0, total = 0, dateHit = 0, dateGiven = 0;
  for (const [id, ge] of Object.entries(gold.events ?? {})) {
    const figs = matched.filter((g) => g.event === id);
    if (!figs.length) continue;
    const votes = new Map<string, number>();
    for (const g of figs) votes.set(g.match!.event, (votes.get(g.match!.event) ?? 0) + 1);
    const pe = byId.get([...votes].sort((a, b) => b[1] - a[1])[0][0]);
    total++;
    const names = gold.places?.[ge.location] ?? [ge.location];
    if (pe?.location && (pe.location.entity === ge.location || names.some((n) => norm(n) === norm(pe.location!.name)))) hit++;
    if (pe?.date?.start) {
      dateGiven++;
      const day = 86400000, ps = Date.parse(pe.date.start), pend = Date.parse(pe.date.end ?? pe.date.start);
      if (ps <= Date.parse(ge.date[1]) + day && pend >= Date.parse(ge.date[0]) - day) dateHit++;
    }
  }
  return { location: total ? hit / total : 0, date: dateGiven ? dateHit / dateGiven : 0, dateCoverage: total ? dateGiven / total : 0 };
}

function entityScores(gold: Gold, exp: EventsExport, docKey: Map<string, string>, texts: Record<string, string>): Scores['entities'] {
  let found = 0, total = 0, tp = 0, predicted = 0;
  const idOf = new Map([...docKey].map(([id, key]) => [key, id]));
  for (const [key, g] of Object.entries(gold.documents)) {
    const zones = (g.boilerplate ?? []).map((b) => {
      const t = texts[key] ?? '', start = t.indexOf(b.from), to = b.to ? t.indexOf(b.to, start + 1) : -1;
      return [start, to < 0 ? t.length : to];
    });
    const inZone = (o: number) => zones.some(([s, e]) => o >= s && o < e);
    const docId = idOf.get(key);
    const preds = exp.entities.map((e) => ({ e, ms: e.mentions.filter((m) => m.document === docId && !inZone(m.start)) })).filter((x) => x.ms.length);
    const goldEntities = g.entities ?? [];
    for (const ge of goldEntities) {
      if (ge.optional) continue;
      total++;
      if (preds.some((x) => x.e.type === ge.type && x.ms.some((m) => ge.surfaces.some((s) => surfaceMatch(m.text, s))))) found++;
    }
    // Documents annotated without names are not scored for names.
    if (!goldEntities.length) continue;
    for (const x of preds) {
      predicted++;
      if (goldEntities.some((ge) => ge.type === x.e.type && x.ms.some((m) => ge.surfaces.some((s) => surfaceMatch(m.text, s))))) tp++;
    }
  }
  const p = predicted ? tp / predicted : 0, r = total ? found / total : 0;
  return { precision: p, recall: r, f1: f1(p, r), gold: total };
}

/** Scores an export; `texts` holds each gold document's text (by file name), `pathKey` gives a document's file name from its path. */
export function score(gold: Gold, exp: EventsExport, texts: Record<string, string>, pathKey: (path: string) => string): Scores {
  const docKey = new Map<string, string>();
  for (const d of exp.documents) { const key = pathKey(d.path); if (gold.documents[key]) docKey.set(d.id, key); }
  const preds: Pred[] = [];
  for (const ev of exp.events) for (const f of ev.figures) for (const r of f.reports) {
    const key = docKey.get(r.document);
    if (key) preds.push({ key, event: ev.id, kind: f.kind, group: f.group, low: r.low, high: r.high, approximate: r.approximate, text: r.text, figure: f, used: false });
  }
  const all = matchFigures(gold, preds);
  const matched = all.filter((g) => g.match);
  const explicit = all.filter((g) => g.explicit);
  const precision = preds.length ? preds.filter((p) => p.used).length / preds.length : 0;
  const recallExplicit = explicit.length ? explicit.filter((g) => g.match).length / explicit.length : 0;
  const { pairF1, linkF1 } = linkScores(matched);
  const where = locationScores(gold, matched, exp);
  return {
    figures: { precision, recallExplicit, recallAll: all.length ? matched.length / all.length : 0, f1: f1(precision, recallExplicit), predicted: preds.length, gold: all.length },
    events: { pairF1, crossSourceLinkF1: linkF1, locationAccuracy: where.location, dateAccuracy: where.date, dateCoverage: where.dateCoverage },
    conflicts: conflictScores(gold, matched, exp, docKey),
    entities: entityScores(gold, exp, docKey, texts),
    documents: docKey.size,
  };
}

/** The gold restricted to the documents of one language, with the conflicts among them. */
export function goldOfLanguage(gold: Gold, language: string): Gold {
  const documents = Object.fromEntries(Object.entries(gold.documents).filter(([, d]) => d.language === language));
  const within = (c: GoldConflict) => c.documents.every((d) => d in documents);
  return { ...gold, documents, conflicts: (gold.conflicts ?? []).filter(within), optionalConflicts: (gold.optionalConflicts ?? []).filter(within) };
}
