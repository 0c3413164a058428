/**
 * The article files of the workspace on disk: which there are (a walk of the workspace folders under
 * `khabar.articles.include` / `khabar.articles.exclude`) and their text (size limit, encodings).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ARTICLE_LANGUAGE, uriToPath, type ArticleFilter } from './articles';
import { readArticleFile as readArticleBytes, type FileText } from './node/readArticle';

/** The language VS Code gives a file by its extension, for files that are not open. */
export function languageIdForPath(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.article') return ARTICLE_LANGUAGE;
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  return 'plaintext';
}

/**
 * The `file:` URI of a path as VS Code spells it (vscode-uri's `URI.file(p).toString()`; `\\`
 * separators read as `/` on every platform): documents of the editor and files read from disk then
 * share one key.
 */
export function pathToUri(file: string): string {
  return URI.file(file.replace(/\\/g, '/')).toString();
}

/** A `file:` URI respelled as VS Code spells it ({@link pathToUri}); other URIs unchanged. */
export function canonicalUri(uri: string): string {
  const p = uriToPath(uri);
  return p === null || /^file:\/\/[^/]/i.test(uri) ? uri : pathToUri(p);
}

export interface ListOptions {
  /** Stop after this many files (a safety net for huge folders). */
  maxFiles?: number;
  /** Checked between folders; the walk stops when it returns true. */
  cancelled?: () => boolean;
}

/**
 * Every article file under the given folders (file-system paths), sorted. Folders an exclude glob
 * covers are not entered; symbolic links to folders are not followed. Unreadable folders are skipped.
 */
export async function listArticleFiles(folders: readonly string[], filter: ArticleFilter, options: ListOptions = {}): Promise<{ files: string[]; truncated: boolean }> {
  const max = options.maxFiles ?? 50_000;
  const files: string[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const walk = async (dir: string): Promise<void> => {
    if (truncated || options.cancelled?.()) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const slashed = p.replace(/\\/g, '/');
      if (e.isDirectory()) {
        if (!filter.excludesFolder(slashed)) await walk(p);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (seen.has(p)) continue;
        const uri = pathToUri(p);
        if (!filter.isArticle(uri, languageIdForPath(p))) continue;
        if (e.isSymbolicLink()) {
          const st = await fs.stat(p).catch(() => undefined);
          if (!st?.isFile()) continue;
        }
        seen.add(p);
        files.push(p);
        if (files.length >= max) {
          truncated = true;
          return;
        }
      }
      if (truncated) return;
    }
  };
  for (const folder of folders) await walk(folder);
  return { files: files.sort(), truncated };
}

export type { FileText } from './node/readArticle';

/** Reads an article file: UTF-8 or UTF-16, binary refused, larger than `maxKB` not read. */
export function readArticleFile(file: string, maxKB: number): Promise<FileText> {
  return readArticleBytes(file, maxKB * 1024);
}
