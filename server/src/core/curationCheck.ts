import { OPS_OF, type Correction, type Curation, type CurationTargetType } from './curation';

// The check of a parsed curation file: every entry that has the shape of docs/curation.md is kept,
// every other is a problem (with a code and where, the wording is the host's) and is skipped.

/** What a field must be, as a problem says it. */
export type Expected = 'object' | 'string' | 'number' | 'boolean' | 'numberOrNull' | 'date' | { oneOf: readonly string[] };

/** A problem of a curation file: a code, the entry it skips (if any) and the path of the value at fault. */
export interface CurationProblem {
  code: 'curation-shape' | 'curation-version' | 'curation-entry' | 'curation-field' | 'curation-op' | 'curation-duplicate-id';
  /** Index of the entry in `corrections`, when one entry is at fault (it is skipped). */
  index?: number;
  /** Keys from the top of the file to the value at fault: `['corrections', 2, 'change', 'low']`. */
  path: (string | number)[];
  /** For `curation-field`: what the value must be. */
  expected?: Expected;
  /** For `curation-op`: the op and the target type; for `curation-duplicate-id`: the id. */
  value?: string;
}

const KINDS = ['killed', 'injured', 'arrested'] as const;
const GROUPS = ['people', 'security', 'police', 'military', 'civilians', 'perpetrators'] as const;
const EVENT_TYPES = ['attack', 'armed_clash', 'bombing', 'arrest', 'protest', 'riot', 'other'] as const;
const PRECISIONS = ['day', 'month', 'year'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields each op needs besides `op`. */
const OP_FIELDS: Record<string, Record<string, Expected>> = {
  notCasualty: {}, adjudicate: {}, update: {}, notConflict: {}, notName: {}, split: {},
  kind: { kind: { oneOf: KINDS } },
  group: { group: { oneOf: GROUPS } },
  value: { low: 'number', high: 'numberOrNull' },
  approximate: { approximate: 'boolean' },
  sameAs: { entity: 'string' },
  moveTo: { document: 'string' },
  mergeWith: { document: 'string' },
  place: { entity: 'string' },
  date: { start: 'date', end: 'date', precision: { oneOf: PRECISIONS } },
  type: { type: { oneOf: EVENT_TYPES } },
};

/** Whether a value is what a field expects. */
function fits(v: unknown, expected: Expected): boolean {
  if (typeof expected === 'object') return typeof v === 'string' && expected.oneOf.includes(v);
  switch (expected) {
    case 'object': return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'string': return typeof v === 'string' && v.length > 0;
    case 'number': return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'numberOrNull': return v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
    case 'boolean': return typeof v === 'boolean';
    case 'date': return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  }
}

/** The first problem of one entry, or undefined when it is a correction. */
function entryProblem(e: unknown, index: number): CurationProblem | undefined {
  const at = (...keys: (string | number)[]) => ['corrections', index, ...keys];
  const field = (path: (string | number)[], expected: Expected): CurationProblem => ({ code: 'curation-field', index, path, expected });
  if (!fits(e, 'object')) return { code: 'curation-entry', index, path: at() };
  const x = e as Record<string, unknown>;
  for (const k of ['id', 'document'] as const) if (!fits(x[k], 'string')) return field(at(k), 'string');
  for (const k of ['reason', 'by', 'at'] as const) if (x[k] !== undefined && typeof x[k] !== 'string') return field(at(k), 'string');
  if (!fits(x.target, 'object')) return field(at('target'), 'object');
  const t = x.target as Record<string, unknown>;
  if (!fits(t.type, { oneOf: Object.keys(OPS_OF) })) return field(at('target', 'type'), { oneOf: Object.keys(OPS_OF) });
  if (t.type !== 'document' && !fits(t.exact, 'string')) return field(at('target', 'exact'), 'string');
  for (const k of ['prefix', 'suffix'] as const) if (t[k] !== undefined && typeof t[k] !== 'string') return field(at('target', k), 'string');
  if (t.start !== undefined && !fits(t.start, 'number')) return field(at('target', 'start'), 'number');
  if (!fits(x.change, 'object')) return field(at('change'), 'object');
  const c = x.change as Record<string, unknown>;
  const ops = OPS_OF[t.type as CurationTargetType] as readonly string[];
  if (typeof c.op !== 'string' || !OP_FIELDS[c.op]) return field(at('change', 'op'), { oneOf: ops });
  if (!ops.includes(c.op)) return { code: 'curation-op', index, path: at('change', 'op'), value: `${c.op} ${t.type}` };
  for (const [k, expected] of Object.entries(OP_FIELDS[c.op])) if (!fits(c[k], expected)) return field(at('change', k), expected);
  if (c.op === 'value' && typeof c.high === 'number' && c.high < (c.low as number)) return field(at('change', 'high'), 'numberOrNull');
  if (c.op === 'date' && (c.end as string) < (c.start as string)) return field(at('change', 'end'), 'date');
  return undefined;
}

/** Only the fields of the format, so that a stray key of a hand-edited entry goes nowhere. */
function correctionOf(x: Record<string, unknown>): Correction {
  const t = x.target as Record<string, unknown>;
  const c = x.change as Record<string, unknown>;
  const change: Record<string, unknown> = { op: c.op };
  for (const k of Object.keys(OP_FIELDS[c.op as string])) change[k] = c[k];
  const target = t.type === 'document' ? { type: 'document' as const } : {
    type: t.type as CurationTargetType, exact: t.exact as string,
    ...(typeof t.prefix === 'string' ? { prefix: t.prefix } : {}), ...(typeof t.suffix === 'string' ? { suffix: t.suffix } : {}),
    ...(typeof t.start === 'number' ? { start: t.start } : {}),
  };
  const optional = (k: 'reason' | 'by' | 'at') => (typeof x[k] === 'string' ? { [k]: x[k] as string } : {});
  return { id: x.id as string, document: (x.document as string).split('\\').join('/'), target, change: change as Correction['change'], ...optional('reason'), ...optional('by'), ...optional('at') };
}

/**
 * Checks a parsed curation file: the corrections that have the format's shape, in the file's
 * order, and a problem for each entry skipped (a later entry with an id already used is skipped
 * too). A file that is not an object with a `corrections` list gives no corrections. Never throws.
 */
export function checkCuration(data: unknown): { curation: Curation; problems: CurationProblem[] } {
  const curation: Curation = { version: 1, corrections: [] };
  if (!fits(data, 'object') || !Array.isArray((data as Record<string, unknown>).corrections)) return { curation, problems: [{ code: 'curation-shape', path: [] }] };
  const x = data as Record<string, unknown>;
  if (x.version !== undefined && x.version !== 1) return { curation, problems: [{ code: 'curation-version', path: ['version'] }] };
  const problems: CurationProblem[] = [];
  const ids = new Set<string>();
  (x.corrections as unknown[]).forEach((e, index) => {
    const problem = entryProblem(e, index);
    if (problem) { problems.push(problem); return; }
    const c = correctionOf(e as Record<string, unknown>);
    if (ids.has(c.id)) { problems.push({ code: 'curation-duplicate-id', index, path: ['corrections', index, 'id'], value: c.id }); return; }
    ids.add(c.id);
    curation.corrections.push(c);
  });
  return { curation, problems };
}
