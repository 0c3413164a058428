import { parseDocument } from 'yaml';
import type { FrontMatter, InputProblem } from './types';

/** Front matter and where the article body starts. */
export interface FrontMatterResult {
  frontMatter: FrontMatter | null;
  bodyStart: number;
  problems: InputProblem[];
}

const OPEN = /^(\ufeff)?---[ \t]*\r?\n/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/m;

function isoDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(v.trim());
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    const d = new Date(v);
    if (!Number.isNaN(d.getTime()) && /\d{4}/.test(v)) return d.toISOString().slice(0, 10);
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const SIMPLE_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;
const PLAIN = /^[^\s\[\]{}&*!|>'"%@`#,?:-](?:[^#:]|:(?!\s|$)|#(?<!\s#))*$/;

/** YAML's core-schema reading of a plain scalar. */
function scalar(v: string): unknown {
  if (/^(?:null|Null|NULL|~)$/.test(v)) return null;
  if (/^(?:true|True|TRUE)$/.test(v)) return true;
  if (/^(?:false|False|FALSE)$/.test(v)) return false;
  if (/^[-+]?(?:\d+|\d*\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/.test(v) || /^0x[0-9a-fA-F]+$|^0o[0-7]+$/.test(v)) return Number(v);
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(v)) return undefined;
  return v;
}

/**
 * Front matter of `key: value` lines only (what nearly every article has), read without a YAML
 * parser; undefined when anything else appears, and the YAML parser reads it.
 */
function simpleFrontMatter(yamlText: string): Record<string, unknown> | undefined {
  const raw: Record<string, unknown> = {};
  for (const line of yamlText.split(/\r?\n/)) {
    if (!line.trim() || /^#/.test(line)) continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m || Object.prototype.hasOwnProperty.call(raw, m[1])) return undefined;
    const v = m[2] ?? '';
    let value: unknown;
    if (v === '') value = null;
    else if (/^"[^"\\]*"$/.test(v) || /^'[^']*'$/.test(v)) value = v.slice(1, -1);
    else if (PLAIN.test(v)) value = scalar(v);
    if (value === undefined) return undefined;
    raw[m[1]] = value;
  }
  return raw;
}

/** Reads YAML front matter (`---` … `---`) at the top of a document; a malformed block is reported, never thrown. */
export function readFrontMatter(text: string): FrontMatterResult {
  const open = OPEN.exec(text);
  if (!open) return { frontMatter: null, bodyStart: 0, problems: [] };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    return {
      frontMatter: null, bodyStart: 0,
      problems: [{ start: 0, end: open[0].length - 1, severity: 'warning', code: 'front-matter-unclosed', message: 'Front matter starts with "---" but has no closing "---" line; the whole file is read as the article.' }],
    };
  }
  const yamlStart = open[0].length;
  const yamlText = rest.slice(0, close.index);
  let end = yamlStart + close.index + close[0].length;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const span = { start: 0, end };
  const problems: InputProblem[] = [];
  const simple = simpleFrontMatter(yamlText);
  let raw: Record<string, unknown> = simple ?? {};
  if (!simple) try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    for (const e of doc.errors) {
      const [s, t] = e.pos ?? [0, 1];
      problems.push({ start: yamlStart + s, end: Math.max(yamlStart + s + 1, yamlStart + t), severity: 'warning', code: 'front-matter-malformed', message: `Front matter is not valid YAML: ${e.message.split('\n')[0]}` });
    }
    if (!doc.errors.length) {
      const value = doc.toJS({ maxAliasCount: 50 });
      if (value && typeof value === 'object' && !Array.isArray(value)) raw = value as Record<string, unknown>;
      else if (value !== null && value !== undefined) problems.push({ start: yamlStart, end: Math.max(yamlStart + 1, yamlStart + yamlText.length), severity: 'warning', code: 'front-matter-not-mapping', message: 'Front matter should be a mapping of keys (title, date, source, url).' });
    }
  } catch (e) {
    problems.push({ start: 0, end: Math.max(1, end), severity: 'warning', code: 'front-matter-malformed', message: `Front matter could not be read: ${String(e)}` });
  }
  const dateValue = raw.published ?? raw.date;
  const published = isoDate(dateValue);
  if (dateValue !== undefined && dateValue !== null && !published) {
    problems.push({ start: yamlStart, end: Math.max(yamlStart + 1, yamlStart + yamlText.length), severity: 'information', code: 'front-matter-date', message: `The date "${String(dateValue)}" is not a date Khabar can read (use yyyy-mm-dd).` });
  }
  return {
    frontMatter: { title: str(raw.title), published, source: str(raw.source), url: str(raw.url), raw, span },
    bodyStart: end,
    problems,
  };
}
