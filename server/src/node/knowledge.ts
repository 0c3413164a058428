import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { createKnowledgeBase, type GazetteerSource, type KnowledgeBase, type KnowledgeProblem, type KnowledgeSource } from '../core';

/** A knowledge file read and decoded, or why not: `missing` when there is none (nothing to say), else a sentence. */
export type KnowledgeFileText = { ok: true; text: string } | { ok: false; missing: boolean; folder: boolean; message: string };

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { ignoreBOM: true });

/**
 * The text of a knowledge file's bytes: UTF-8 (a byte-order mark is dropped, as editors do), or
 * UTF-16 with a byte-order mark. A NUL byte anywhere refuses the file: as UTF-16 without a
 * byte-order mark when the NULs fall on every other byte, saying how to convert it, else as binary.
 */
export function decodeKnowledgeFile(name: string, bytes: Uint8Array, what = 'knowledge file'): KnowledgeFileText {
  const refuse = (message: string): KnowledgeFileText => ({ ok: false, missing: false, folder: false, message });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: UTF16LE.decode(bytes.subarray(2)) };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: UTF16BE.decode(bytes.subarray(2)) };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) (i % 2 ? odd++ : even++);
    const pairs = bytes.length / 2;
    const order = odd >= pairs * 0.2 && even <= odd * 0.1 ? 'LE' : even >= pairs * 0.2 && odd <= even * 0.1 ? 'BE' : undefined;
    if (order) {
      return refuse(`looks like UTF-16 (${order === 'LE' ? 'little' : 'big'}-endian) without a byte-order mark; Khabar reads UTF-8: convert it, e.g. iconv -f UTF-16${order} -t UTF-8 ${name} > ${name}.utf8 && mv ${name}.utf8 ${name}`);
    }
    return refuse(`binary file (a NUL byte at offset ${nul}), not a ${what}: save it as UTF-8 text (JSON or YAML)`);
  }
  return { ok: true, text: UTF8.decode(bytes) };
}

/** Reads a knowledge file: see {@link decodeKnowledgeFile}; a folder in its place is said to be one. */
export async function readKnowledgeFile(file: string, what = 'knowledge file'): Promise<KnowledgeFileText> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, folder: false, message: 'no such file' };
    if (code === 'EISDIR') return { ok: false, missing: false, folder: true, message: `is a folder, not a ${what}, and is ignored: it must be a JSON or YAML file of that name` };
    return { ok: false, missing: false, folder: false, message: `cannot read it: ${e instanceof Error ? e.message : String(e)}` };
  }
  return decodeKnowledgeFile(basename(file), bytes, what);
}

/** Where in a file's text a problem lies (zero-based): a line and character, or a UTF-16 offset. */
export type ProblemPosition = { line: number; character: number } | { offset: number };

/** A problem of a knowledge file, placed in it when the parser said where. */
export type PlacedKnowledgeProblem = KnowledgeProblem & { at?: ProblemPosition };

/** Where a text fails to parse, as the parsers say: yaml's line and column, the offset of jsonc-parser's first error for strict JSON. */
function parseErrorPosition(text: string, yaml: boolean, error: unknown): ProblemPosition | undefined {
  if (yaml) {
    const pos = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    return pos ? { line: pos.line - 1, character: pos.col - 1 } : undefined;
  }
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.length ? { offset: errors[0].offset } : undefined;
}

/** Parses one knowledge-base file (JSON, or YAML by extension); a malformed file is a problem, placed where the parser failed, not an exception. */
export function parseKnowledgeFile(origin: string, text: string): { source?: KnowledgeSource; problems: PlacedKnowledgeProblem[] } {
  const yaml = /\.ya?ml$/i.test(origin);
  try {
    const data = yaml ? parseYaml(text, { logLevel: 'error' }) : JSON.parse(text);
    if (!data || typeof data !== 'object' || !Array.isArray((data as { entities?: unknown }).entities)) {
      return { problems: [{ origin, message: 'a knowledge file must be an object with an "entities" list' }] };
    }
    const { notNames, givenNames, givenNamesCommon } = data as { notNames?: unknown; givenNames?: unknown; givenNamesCommon?: unknown };
    return { source: { origin, entities: (data as { entities: unknown[] }).entities, ...(Array.isArray(notNames) ? { notNames } : {}), ...(Array.isArray(givenNames) ? { givenNames } : {}), ...(Array.isArray(givenNamesCommon) ? { givenNamesCommon } : {}) }, problems: [] };
  } catch (e) {
    const at = parseErrorPosition(text, yaml, e);
    return { problems: [{ origin, message: `cannot parse: ${e instanceof Error ? e.message : String(e)}`, ...(at ? { at } : {}) }] };
  }
}

/**
 * Reads the bundled knowledge files of a folder: `*.json`/`*.yaml` entity lists, and `*.tsv`
 * gazetteers (generated places, kept as bytes until a place is asked for).
 */
export function readBundledKnowledge(dir: string): { sources: KnowledgeSource[]; gazetteers: GazetteerSource[]; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const sources: KnowledgeSource[] = [];
  const gazetteers: GazetteerSource[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(json|ya?ml|tsv)$/i.test(f)).sort() : [];
  for (const f of files) {
    const origin = join(dir, f);
    try {
      if (/\.tsv$/i.test(f)) { gazetteers.push({ origin, bytes: readFileSync(origin) }); continue; }
      const r = parseKnowledgeFile(origin, readFileSync(origin, 'utf8'));
      problems.push(...r.problems);
      if (r.source) sources.push(r.source);
    } catch (e) {
      problems.push({ origin, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { sources, gazetteers, problems };
}

/** Reads the bundled knowledge base (`knowledge/*`) and, when given, a workspace file over it. */
export function loadKnowledge(dir: string, extra: { origin: string; text: string }[] = []): { knowledge: KnowledgeBase; problems: KnowledgeProblem[] } {
  const { sources, gazetteers, problems } = readBundledKnowledge(dir);
  for (const f of extra) {
    const r = parseKnowledgeFile(f.origin, f.text);
    problems.push(...r.problems);
    if (r.source) sources.push(r.source);
  }
  const kb = createKnowledgeBase(sources, gazetteers);
  return { knowledge: kb.knowledge, problems: [...problems, ...kb.problems] };
}
