/**
 * The writer of the workspace's curation and knowledge files: the LSP workspace edits that add an
 * entry to `.khabar/curation.json` (or `.yaml`) or `.khabar/knowledge.json` (or `.yaml`), or take
 * entries out. The files are only ever changed through such edits, so that the editor's Undo
 * restores them. Pure: the file's current text comes in, an edit goes out.
 */
import { applyEdits, modify, parse as parseJsonc, parseTree, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Correction } from '../core/curation';
import { positionOf } from '../knowledgeFiles';

/** A file of `.khabar/` as it is now: its text, or null when there is none. */
export interface KhabarFile {
  uri: string;
  text: string | null;
}

/** A JSON value that can be written to a file. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Why an edit cannot be made (the file does not parse): the message is for the user. */
export class CurationEditError extends Error {}

const isYaml = (uri: string) => /\.ya?ml$/i.test(uri);

/** The indentation and line ends of a JSON text, so that an added entry looks like its neighbours. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const tabs = indent.startsWith('\t');
  return { insertSpaces: !tabs, tabSize: tabs ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The whole text of a new file holding `entries` under `key` (with `header`'s keys first). */
function newFileText(uri: string, key: string, header: Record<string, JsonValue>, entries: JsonValue[]): string {
  const value = { ...header, [key]: entries };
  if (isYaml(uri)) {
    const doc = parseDocument('');
    doc.contents = doc.createNode(value) as typeof doc.contents;
    return doc.toString();
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The one edit that replaces `from` by `to`: the span where they differ, so that the edit (and its undo) touches no more. */
function diffEdit(from: string, to: string): TextEdit {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  return { range: { start: positionOf(from, start), end: positionOf(from, from.length - end) }, newText: to.slice(start, to.length - end) };
}

/** The white space that begins the line of `offset`, up to it (empty when other text comes first). */
function indentAt(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const lead = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : '';
}

/** An entry pretty-printed as the file is, its lines after the first indented by `indent`. */
function printed(entry: JsonValue, indent: string, f: FormattingOptions): string {
  return JSON.stringify(entry, null, f.insertSpaces ? ' '.repeat(f.tabSize ?? 2) : '\t').replace(/\n/g, `${f.eol}${indent}`);
}

/**
 * The JSON text with `entries` appended to the array under `key` (created when missing). The new
 * entries are written after the last one, indented like it; the entries before are left as they
 * are (jsonc-parser's modify would format the one before too).
 */
function appendJson(name: string, text: string, key: string, entries: JsonValue[]): string {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length || !root || root.type !== 'object') throw new CurationEditError(`${name} is not a JSON object; correct it (or delete it) and try again.`);
  const property = root.children?.find((p) => p.children?.[0]?.value === key);
  const list = property?.children?.[1];
  const f = formattingOf(text);
  if (!property || !list) return applyEdits(text, modify(text, [key], entries, { formattingOptions: f }));
  if (list.type !== 'array') throw new CurationEditError(`"${key}" of ${name} is not a list; correct it and try again.`);
  const unit = f.insertSpaces ? ' '.repeat(f.tabSize ?? 2) : '\t';
  const last = list.children?.at(-1);
  if (!last) {
    const outer = indentAt(text, property.offset);
    const body = entries.map((e) => `${outer}${unit}${printed(e, outer + unit, f)}`).join(`,${f.eol}`);
    return `${text.slice(0, list.offset)}[${f.eol}${body}${f.eol}${outer}]${text.slice(list.offset + list.length)}`;
  }
  const indent = indentAt(text, last.offset) || indentAt(text, property.offset) + unit;
  const end = last.offset + last.length;
  return `${text.slice(0, end)}${entries.map((e) => `,${f.eol}${indent}${printed(e, indent, f)}`).join('')}${text.slice(end)}`;
}

/** The YAML text with `entries` appended to the sequence under `key` (created when missing); comments are kept. */
function appendYaml(name: string, text: string, key: string, entries: JsonValue[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new CurationEditError(`${name} is not valid YAML (${doc.errors[0].message.split('\n')[0]}); correct it and try again.`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new CurationEditError(`${name} is not a YAML mapping; correct it (or delete it) and try again.`);
  const list = doc.getIn([key], true);
  if (list !== undefined && list !== null && !isSeq(list)) throw new CurationEditError(`"${key}" of ${name} is not a list; correct it and try again.`);
  for (const entry of entries) doc.addIn([key], doc.createNode(entry));
  return doc.toString();
}

/**
 * The workspace edit that appends `entries` to the list under `key` of a `.khabar/` file: a new
 * file (created, then filled) when there is none, else the entries added after the last one,
 * formatted like the file. Throws a {@link CurationEditError} when the file does not parse.
 */
export function appendEntriesEdit(file: KhabarFile, key: string, entries: JsonValue[], header: Record<string, JsonValue> = {}): WorkspaceEdit {
  const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
  if (file.text === null || !file.text.trim()) {
    const text = newFileText(file.uri, key, header, entries);
    const fill = { textDocument: { uri: file.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: positionOf(file.text ?? '', (file.text ?? '').length) }, newText: text }] };
    return { documentChanges: file.text === null ? [{ kind: 'create', uri: file.uri, options: { ignoreIfExists: true } }, fill] : [fill] };
  }
  const to = isYaml(file.uri) ? appendYaml(name, file.text, key, entries) : appendJson(name, file.text, key, entries);
  return { documentChanges: [{ textDocument: { uri: file.uri, version: null }, edits: [diffEdit(file.text, to)] }] };
}

/** The JSON text without the entries at `indices` of the array under `key`. */
function removeJson(text: string, key: string, indices: number[]): string {
  let out = text;
  const formattingOptions = formattingOf(text);
  for (const i of [...indices].sort((a, b) => b - a)) out = applyEdits(out, modify(out, [key, i], undefined, { formattingOptions }));
  return out;
}

function removeYaml(text: string, key: string, indices: number[]): string {
  const doc = parseDocument(text);
  for (const i of [...indices].sort((a, b) => b - a)) doc.deleteIn([key, i]);
  return doc.toString();
}

/** The workspace edit that takes the entries at `indices` (of the list under `key`) out of a `.khabar/` file; null when there is nothing to take out. */
export function removeEntriesEdit(file: KhabarFile, key: string, indices: readonly number[]): WorkspaceEdit | null {
  if (file.text === null || !indices.length) return null;
  const unique = [...new Set(indices)];
  const to = isYaml(file.uri) ? removeYaml(file.text, key, unique) : removeJson(file.text, key, unique);
  if (to === file.text) return null;
  return { documentChanges: [{ textDocument: { uri: file.uri, version: null }, edits: [diffEdit(file.text, to)] }] };
}

/** A correction as a quick fix or a command makes it: the file's entry without its id, author and time. */
export type CorrectionDraft = Omit<Correction, 'id' | 'by' | 'at'>;

/** The ids of the entries of a curation file's text (none when it does not parse). */
export function correctionIds(file: KhabarFile): Set<string> {
  const ids = new Set<string>();
  if (!file.text) return ids;
  try {
    // JSON with comments, as the server reads it.
    const doc = isYaml(file.uri) ? (parseDocument(file.text).toJS() as unknown) : (parseJsonc(file.text) as unknown);
    const list = (doc as { corrections?: unknown } | null)?.corrections;
    if (Array.isArray(list)) for (const c of list) if (typeof (c as { id?: unknown })?.id === 'string') ids.add((c as { id: string }).id);
  } catch {
    // not parsed: the writer says so
  }
  return ids;
}

/** A short id not in `taken`: `c-` and six hex digits of a hash of the entry (FNV-1a), then of its retries. */
export function newCorrectionId(seed: string, taken: ReadonlySet<string>): string {
  for (let attempt = 0; ; attempt++) {
    let h = 0x811c9dc5;
    for (const ch of `${seed}#${attempt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    const id = `c-${h.toString(16).padStart(8, '0').slice(0, 6)}`;
    if (!taken.has(id)) return id;
  }
}

/** Who and when a correction is made: `by` only when the user set a name (setting `khabar.curation.author`). */
export interface Authorship {
  author?: string;
  /** The time, ISO 8601 to the second. */
  now: Date;
}

/** The file's entry of a draft: an id first, then the draft, then who and when. */
export function correctionEntry(draft: CorrectionDraft, taken: ReadonlySet<string>, who: Authorship): JsonValue {
  const at = who.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = newCorrectionId(`${JSON.stringify(draft)}@${at}`, taken);
  const reason = draft.reason?.trim();
  const author = who.author?.trim();
  return { id, document: draft.document, target: { ...draft.target }, change: { ...draft.change }, ...(reason ? { reason } : {}), ...(author ? { by: author } : {}), at };
}

/** The workspace edit that adds corrections to a curation file (a new `{"version": 1, "corrections": […]}` when there is none). */
export function addCorrectionsEdit(file: KhabarFile, drafts: readonly CorrectionDraft[], who: Authorship): { edit: WorkspaceEdit; ids: string[] } {
  const taken = new Set(correctionIds(file));
  const entries = drafts.map((d) => {
    const entry = correctionEntry(d, taken, who) as { id: string };
    taken.add(entry.id);
    return entry;
  });
  return { edit: appendEntriesEdit(file, 'corrections', entries as unknown as JsonValue[], { version: 1 }), ids: entries.map((e) => e.id) };
}
