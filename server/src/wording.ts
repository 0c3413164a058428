/**
 * How Khabar words values and foreign-script text in what it shows: hovers, diagnostics, the Events
 * view and the editor's line summaries. Pure: no LSP or VS Code imports; the client and the server
 * both import it, so that a figure reads the same everywhere.
 */
import type { CurationChange } from './core/curation';
import type { CurationFinding } from './core/curationApply';
import type { CurationProblem } from './core/curationCheck';

/** A number with English thousands separators: `8,000`. */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(n);
}

/**
 * The one wording of a figure's value: `3`, `1–2`, `at least 4`; a vague quantity is `about …`
 * (`about 24–99`, `about 8,000`, `at least about 10`).
 */
export function formatValue(v: { low: number; high: number | null; approximate?: boolean }): string {
  const { low, high } = v;
  if (high === null) return v.approximate ? `at least about ${formatNumber(low)}` : `at least ${formatNumber(low)}`;
  const value = high === low ? formatNumber(low) : `${formatNumber(low)}–${formatNumber(high)}`;
  return v.approximate ? `about ${value}` : value;
}

/** First strong character of the right-to-left scripts (bidi classes R and AL), RLM and ALM. */
const STRONG_RTL = /[\u0590-\u05FF\u0600-\u07BF\u07C0-\u085F\u0860-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u061C]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]|\uD83B[\uDC00-\uDFFF]/;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
const LETTER = /[\p{L}\p{Mc}]/u;
const ISOLATE_OPEN = new Set([0x2066, 0x2067, 0x2068]);
const PDI = 0x2069;

/**
 * The direction of a paragraph as the Unicode bidi algorithm decides it (rules P2 and P3): the first
 * strong character outside isolates (LRI, RLI, FSI … PDI) — a letter of a right-to-left script, RLM
 * or ALM makes it `rtl`; any other letter, or LRM, `ltr`. Null when there is none (digits and
 * punctuation only): such a line follows its context.
 */
export function paragraphDirection(text: string): 'ltr' | 'rtl' | null {
  let depth = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ISOLATE_OPEN.has(c)) {
      depth++;
      continue;
    }
    if (c === PDI) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth > 0) continue;
    if (c === 0x200e) return 'ltr';
    if (c === 0x200f || c === 0x061c) return 'rtl';
    if (!LETTER.test(ch)) continue;
    return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
  }
  return null;
}

/** Whether a text has any right-to-left character. */
export function hasRtl(text: string): boolean {
  return STRONG_RTL.test(text);
}

/**
 * Text of the other direction set inside a left-to-right message: between FIRST STRONG ISOLATE and
 * POP DIRECTIONAL ISOLATE (U+2068 … U+2069), so that an Arabic or Persian name neither turns the
 * message around it right-to-left nor takes the number after it into its run ("⁨وكالة السهوب⁩: 2").
 * Text without right-to-left characters is returned as it is.
 */
export function isolate(text: string): string {
  return hasRtl(text) ? `\u2068${text}\u2069` : text;
}

const GROUP_WORDS: Record<string, string> = {
  people: 'people',
  security: 'security forces',
  police: 'police',
  military: 'military',
  civilians: 'civilians',
  perpetrators: 'perpetrators',
};

/** A victim group as a short phrase: `civilians`, `security forces`. */
export function groupWord(group: string): string {
  return GROUP_WORDS[group] ?? group;
}

/** One source's value of a figure in a message: `⁨وكالة السهوب⁩: 2`. */
export interface SourceValue {
  source: string;
  low: number;
  high: number | null;
  approximate: boolean;
}

/** At most this many sources are named in one diagnostic. */
export const MAX_NAMED_SOURCES = 8;

/**
 * The short message of a finding of the workspace, numbers first: `1 vs 2 civilians killed: sources
 * disagree — Steppe Wire: 1; ⁨وكالة السهوب⁩: 2 (attack, Qyzyltal, 2024-03-14)`. `sources` begins with
 * the document the diagnostic is in; `more` counts the sources not in the list.
 */
export function findingMessage(f: {
  code: 'conflict' | 'update' | 'vague';
  kind: string;
  group: string;
  sources: SourceValue[];
  more?: number;
  where?: string[];
  /** The analyst's choice: the best estimate, the chosen source's name and why. */
  adjudicated?: { best: number | null; source: string; reason?: string };
}): string {
  const what = `${groupWord(f.group)} ${f.kind}`;
  const [here] = f.sources;
  if (f.code === 'vague' || f.sources.length < 2) return `${formatValue(here)} ${what}: an approximate figure`;
  const values: string[] = [];
  for (const s of f.sources) {
    const v = formatValue(s);
    if (!values.includes(v)) values.push(v);
  }
  const named = f.sources.slice(0, MAX_NAMED_SOURCES);
  const more = (f.more ?? 0) + f.sources.length - named.length;
  const list = named.map((s) => `${isolate(s.source)}: ${formatValue(s)}`).join('; ') + (more > 0 ? `; and ${more} more` : '');
  const where = f.where?.length ? ` (${f.where.map(isolate).join(', ')})` : '';
  const a = f.adjudicated;
  const chosen = a ? ` — best estimate chosen by the analyst: ${a.best === null ? '?' : formatNumber(a.best)} (${isolate(a.source)}${a.reason ? `, \u201C${isolate(a.reason)}\u201D` : ''})` : '';
  return f.code === 'conflict'
    ? `${values.join(' vs ')} ${what}: sources disagree — ${list}${where}${chosen}`
    : `${values.join(', ')} ${what}: a later report raised the toll — ${list}${where}${chosen}`;
}

/** What a field of a curation entry must be, in words. */
function expectedWords(e: NonNullable<CurationProblem['expected']>): string {
  if (typeof e === 'object') return `one of ${e.oneOf.join(', ')}`;
  return { object: 'an object', string: 'a non-empty string', number: 'a number (0 or more)', boolean: 'true or false', numberOrNull: 'a number (0 or more, not below "low") or null', date: 'a date yyyy-mm-dd (not before "start")' }[e];
}

/** The message of a problem of a curation file (without the file's name). */
export function curationProblemMessage(p: CurationProblem): string {
  const entry = p.index !== undefined ? `entry ${p.index + 1}: ` : '';
  const field = p.path.slice(2).join('.');
  switch (p.code) {
    case 'curation-shape': return 'a curation file must be an object with a "corrections" list';
    case 'curation-version': return 'unknown "version": this Khabar reads version 1';
    case 'curation-entry': return `${entry}a correction must be an object`;
    case 'curation-field': return `${entry}"${field}" must be ${expectedWords(p.expected ?? 'string')}`;
    case 'curation-op': { const [op, type] = (p.value ?? '').split(' '); return `${entry}"${op}" is not a change of a ${type}`; }
    case 'curation-duplicate-id': return `${entry}the id "${p.value}" is used by an earlier entry`;
  }
}

/** The message of a correction that changed nothing (stale), without its entry. */
export function curationFindingMessage(f: CurationFinding): string {
  switch (f.code) {
    case 'curation-no-document': return `no article "${f.value}" in the workspace: the correction changes nothing`;
    case 'curation-anchor-lost': return `the words “${isolate(f.value ?? '')}” are no longer in ${f.document}: the correction changes nothing (clear it, or make it again)`;
    case 'curation-no-target': return `“${isolate(f.value ?? '')}” in ${f.document} is no longer read as a ${f.target}: the correction changes nothing`;
    case 'curation-unknown-entity': return `"${f.value}" is in no knowledge base: the correction changes nothing`;
    case 'curation-no-event': return `${f.document} is in no event: the correction changes nothing`;
  }
}

/** What a correction changed, in a few words: `value set to at least 150`, `kept as the event's best estimate`. */
export function curationChangeWords(change: CurationChange): string {
  switch (change.op) {
    case 'notCasualty': return 'not a casualty figure';
    case 'kind': return `kind set to ${change.kind}`;
    case 'group': return `victims set to ${groupWord(change.group)}`;
    case 'value': return `value set to ${formatValue(change)}`;
    case 'approximate': return change.approximate ? 'marked approximate' : 'marked exact';
    case 'adjudicate': return 'kept as the event\'s best estimate';
    case 'update': return 'the disagreement is an update over time';
    case 'notConflict': return 'the disagreement is no disagreement';
    case 'notName': return 'not a name';
    case 'sameAs': return `the same as ${change.entity}`;
    case 'moveTo': return `moved to the event of ${change.document}`;
    case 'split': return 'split into an event of its own';
    case 'mergeWith': return `merged with the event of ${change.document}`;
    case 'place': return `place set to ${change.entity}`;
    case 'date': return `date set to ${change.start === change.end ? change.start : `${change.start} – ${change.end}`}`;
    case 'type': return `type set to ${change.type.replace('_', ' ')}`;
  }
}

/** One correction as a hover tells it: what changed, why, who and when. */
export function curationSummary(c: { change: CurationChange; reason?: string; by?: string; at?: string }): string {
  const who = [c.by, c.at?.slice(0, 10)].filter(Boolean).join(', ');
  return `${curationChangeWords(c.change)}${c.reason ? ` — \u201C${isolate(c.reason)}\u201D` : ''}${who ? ` (${isolate(who)})` : ''}`;
}
