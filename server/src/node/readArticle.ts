import { promises as fs } from 'node:fs';

/** The text of a file, or why it could not be read. */
export type ReadResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; warnings: string[] }
  | { ok: false; reason: string };

/** Default limit on the size of an article file. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Decodes the bytes of an article: UTF-8 (with or without a BOM) or UTF-16 with a BOM. Binary
 * content is refused; invalid UTF-8 is decoded with replacement characters and reported.
 */
export function decodeArticle(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', warnings: [] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', warnings: [] };
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return { ok: false, reason: 'binary file (contains NUL bytes), not an article' };
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (head.length && controls / head.length > 0.1) return { ok: false, reason: 'binary file (mostly control bytes), not an article' };
  // A UTF-8 BOM stays in the text (as U+FEFF) so that offsets match the file as other tools read it.
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', warnings: [] };
  } catch {
    return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: 'utf-8', warnings: ['invalid UTF-8: undecodable bytes were replaced with U+FFFD'] };
  }
}

/** Reads an article file, refusing files over `maxBytes`. */
export async function readArticle(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: `file is ${(stat.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
    return decodeArticle(await fs.readFile(path));
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
