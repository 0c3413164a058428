/**
 * The curation file of a workspace (`.khabar/curation.json`, or `.yaml`, `.yml`): read, parsed
 * (JSON, comments allowed, or YAML), checked, and every problem placed at its entry, for the
 * language server's diagnostics and the command line's messages. A bad entry is skipped, never thrown.
 */
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parseDocument, type Document } from 'yaml';
import type { Curation } from './core/curation';
import type { CurationFinding } from './core/curationApply';
import { checkCuration } from './core/curationCheck';
import { readKnowledgeFile } from './node/knowledge';
import { curationFindingMessage, curationProblemMessage } from './wording';

/** The names a curation file may have, inside a folder's `.khabar/`, the first found is read. */
export const CURATION_NAMES = ['curation.json', 'curation.yaml', 'curation.yml'] as const;
/** The glob of curation files, for file watchers. */
export const CURATION_GLOB = '**/.khabar/curation.{json,yaml,yml}';

/** Whether a path (with `/` or `\` separators) is a curation file. */
export function isCurationPath(p: string): boolean {
  return /(^|[\\/])\.khabar[\\/]curation\.(json|ya?ml)$/i.test(p);
}

/** A problem or a stale correction, placed in the curation file (UTF-16 offsets). */
export interface CurationFileProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
  /** The correction's id, for a stale one. */
  id?: string;
}

/** A parsed curation file: its corrections and where each entry and value is. */
export interface ParsedCuration {
  curation: Curation;
  problems: CurationFileProblem[];
  /** The span of the value at a path of keys (or of the nearest enclosing value found). */
  locate(keys: readonly (string | number)[]): { start: number; end: number };
  /** The index in the file of the entry of a correction id. */
  entryOf(id: string): number | undefined;
}

type Locator = (keys: readonly (string | number)[]) => { start: number; end: number } | undefined;

/** Parses JSON (comments allowed) with a locator; a syntax error is a problem at its place. */
function parseJson(text: string): { data?: unknown; error?: CurationFileProblem; locate: Locator } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false });
  const locate: Locator = (keys) => {
    const n: JsonNode | undefined = tree && findNodeAtLocation(tree, [...keys]);
    return n && { start: n.offset, end: n.offset + n.length };
  };
  if (errors.length || !tree) {
    const e = errors[0] ?? { offset: 0, length: 0, error: 0 };
    return { error: { start: e.offset, end: e.offset + e.length, severity: 'error', message: `cannot parse: ${printParseErrorCode(e.error)}` }, locate };
  }
  return { data: valueOf(tree), locate };
}

/** The value of a jsonc-parser node (the same parse gives the values and where they are). */
function valueOf(n: JsonNode): unknown {
  if (n.type === 'object') return Object.fromEntries((n.children ?? []).map((p) => [p.children![0].value as string, p.children![1] ? valueOf(p.children![1]) : null]));
  if (n.type === 'array') return (n.children ?? []).map(valueOf);
  return n.value;
}

/** Parses YAML with a locator; a syntax error is a problem at its place. */
function parseYamlText(text: string): { data?: unknown; error?: CurationFileProblem; locate: Locator } {
  const doc: Document = parseDocument(text, { prettyErrors: false });
  const locate: Locator = (keys) => {
    const n = doc.getIn([...keys], true) as { range?: [number, number, number] } | undefined;
    return n && typeof n === 'object' && n.range ? { start: n.range[0], end: n.range[1] } : undefined;
  };
  const e = doc.errors[0];
  if (e) return { error: { start: e.pos[0], end: e.pos[1], severity: 'error', message: `cannot parse: ${e.message.split('\n')[0]}` }, locate };
  return { data: doc.toJS(), locate };
}

/** Parses and checks the text of a curation file (YAML by its extension, else JSON). */
export function parseCurationText(origin: string, text: string): ParsedCuration {
  let parsed: ReturnType<typeof parseJson>;
  try {
    parsed = /\.ya?ml$/i.test(origin) ? parseYamlText(text) : parseJson(text);
  } catch (e) {
    // Beyond what the parsers report: nesting too deep for the stack, YAML aliases past their limit.
    const message = `cannot parse: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    return { curation: { version: 1, corrections: [] }, problems: [{ start: 0, end: 0, severity: 'error', message }], locate: () => ({ start: 0, end: 0 }), entryOf: () => undefined };
  }
  const locate = (keys: readonly (string | number)[]) => {
    for (let n = keys.length; n >= 0; n--) { const at = parsed.locate(keys.slice(0, n)); if (at) return at; }
    return { start: 0, end: 0 };
  };
  if (parsed.error) return { curation: { version: 1, corrections: [] }, problems: [parsed.error], locate, entryOf: () => undefined };
  const { curation, problems } = checkCuration(parsed.data);
  const entries = new Map<string, number>();
  const list = (parsed.data as { corrections?: unknown }).corrections;
  if (Array.isArray(list)) list.forEach((e, i) => { const id = (e as { id?: unknown } | null)?.id; if (typeof id === 'string' && !entries.has(id)) entries.set(id, i); });
  const placed = problems.map((p): CurationFileProblem => {
    const skipped = p.index !== undefined ? ' (this entry is skipped)' : ' (no correction is applied)';
    return { ...locate(p.path), severity: 'error', message: `${curationProblemMessage(p)}${skipped}.` };
  });
  return { curation, problems: placed, locate, entryOf: (id) => entries.get(id) };
}

/** Stale corrections placed at their entries (warnings of the curation file). */
export function placeFindings(parsed: ParsedCuration, findings: readonly CurationFinding[]): CurationFileProblem[] {
  return findings.map((f) => {
    const i = parsed.entryOf(f.id);
    const at = i === undefined ? { start: 0, end: 0 } : parsed.locate(['corrections', i]);
    return { ...at, severity: 'warning' as const, id: f.id, message: `${f.id}: ${curationFindingMessage(f)}.` };
  });
}

/** A curation file read from disk: its path and parse, or why there is none (`missing`: nothing to say). */
export type ReadCuration = { ok: true; path: string; text: string; parsed: ParsedCuration } | { ok: false; path: string; missing: boolean; message: string };

/** Reads and parses a curation file (UTF-8, or UTF-16 with a byte-order mark). */
export async function readCurationFile(file: string): Promise<ReadCuration> {
  const read = await readKnowledgeFile(file, 'curation file');
  if (!read.ok) return { ok: false, path: file, missing: read.missing, message: read.message };
  return { ok: true, path: file, text: read.text, parsed: parseCurationText(file, read.text) };
}

/** The curation file of a folder: the first of `.khabar/curation.json`, `.yaml`, `.yml` there; undefined when none. */
export async function findCurationFile(folder: string): Promise<ReadCuration | undefined> {
  for (const name of CURATION_NAMES) {
    const r = await readCurationFile(path.join(folder, '.khabar', name));
    if (r.ok || !r.missing) return r;
  }
  return undefined;
}
