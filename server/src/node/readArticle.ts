import { closeSync, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../articles';

/** The text of a file, or why it could not be read. */
export type ReadResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; warnings: string[] }
  | { ok: false; reason: string };

/** Default limit on the size of an article file: `khabar.maxFileSizeKB`'s default, for the editor and the command line. */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_FILE_SIZE_KB * 1024;

/**
 * Decodes the bytes of an article: UTF-8 (with or without a BOM) or UTF-16 with a BOM. Binary
 * content is refused; invalid UTF-8 is decoded with replacement characters and reported.
 */
// Made once: decoding without `stream` keeps no state from one call to the next.
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
// A UTF-8 BOM stays in the text (as U+FEFF) so that offsets match the file as other tools read it.
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_LENIENT = new TextDecoder('utf-8', { ignoreBOM: true });

export function decodeArticle(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: UTF16LE.decode(bytes.subarray(2)), encoding: 'utf-16le', warnings: [] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: UTF16BE.decode(bytes.subarray(2)), encoding: 'utf-16be', warnings: [] };
  const head = Math.min(bytes.length, 8192);
  let controls = 0;
  for (let i = 0; i < head; i++) {
    const b = bytes[i];
    if (b === 0) return { ok: false, reason: 'binary file (contains NUL bytes), not an article' };
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (head && controls / head > 0.1) return { ok: false, reason: 'binary file (mostly control bytes), not an article' };
  try {
    return { ok: true, text: UTF8_STRICT.decode(bytes), encoding: 'utf-8', warnings: [] };
  } catch {
    return { ok: true, text: UTF8_LENIENT.decode(bytes), encoding: 'utf-8', warnings: ['invalid UTF-8: undecodable bytes were replaced with U+FFFD'] };
  }
}

/** What reading an article file gave. */
export type FileText =
  | { kind: 'text'; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; warnings: string[] }
  | { kind: 'too-large'; sizeKB: number }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

const missing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException)?.code ?? '');
const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** What the bytes of a file are as an article. */
function fileText(bytes: Uint8Array): FileText {
  const r = decodeArticle(bytes);
  return r.ok ? { kind: 'text', text: r.text, encoding: r.encoding, warnings: r.warnings } : { kind: 'unreadable', reason: r.reason };
}

const failed = (e: unknown): FileText => (missing(e) ? { kind: 'missing' } : { kind: 'unreadable', reason: why(e) });

/** Reads an article file through one open handle: UTF-8 or UTF-16, binary refused, over `maxBytes` not read. */
export async function readArticleFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<FileText> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    return failed(e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'missing' };
    if (st.size > maxBytes) return { kind: 'too-large', sizeKB: st.size / 1024 };
    return fileText(await handle.readFile());
  } catch (e) {
    return failed(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * {@link readArticleFile}, blocking: for analysis worker threads, which have nothing else to do
 * meanwhile, and where it costs a tenth of the asynchronous calls' round trips.
 */
export function readArticleFileSync(file: string, maxBytes = DEFAULT_MAX_BYTES): FileText {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return failed(e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'missing' };
    if (st.size > maxBytes) return { kind: 'too-large', sizeKB: st.size / 1024 };
    return fileText(readFileSync(fd));
  } catch (e) {
    return failed(e);
  } finally {
    try { closeSync(fd); } catch { /* already gone */ }
  }
}

/** A size for a message: `3.6 KB`, `2 KB`, `50.0 MB`. */
function size(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Number.isInteger(kb) ? kb : kb.toFixed(1)} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

/** Reads an article file, refusing files over `maxBytes`. */
export async function readArticle(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  const r = await readArticleFile(path, maxBytes);
  switch (r.kind) {
    case 'text': return { ok: true, text: r.text, encoding: r.encoding, warnings: r.warnings };
    case 'too-large': return { ok: false, reason: `file is ${size(r.sizeKB * 1024)}, over the ${size(maxBytes)} limit` };
    case 'missing': return { ok: false, reason: 'not a regular file' };
    default: return { ok: false, reason: r.reason };
  }
}
