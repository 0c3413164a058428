/**
 * Which open documents are news articles Khabar should analyse (settings `khabar.articles.include`
 * and `khabar.articles.exclude`).
 */
import { fileURLToPath } from 'node:url';
import { GlobSet } from './glob';

export const ARTICLE_LANGUAGE = 'news-article';

export interface ArticleFilterOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Workspace folder URIs; globs are matched against the path relative to each containing folder too. */
  workspaceFolders: readonly string[];
  /** Defaults to the platform's convention (case-insensitive on Windows and macOS). */
  ignoreCase?: boolean;
}

/** Decides from a document's URI and language whether it is an article. */
export class ArticleFilter {
  private readonly include: GlobSet;
  private readonly exclude: GlobSet;
  private readonly folders: string[];

  constructor(private readonly options: ArticleFilterOptions) {
    const ignoreCase = options.ignoreCase ?? (process.platform === 'win32' || process.platform === 'darwin');
    this.include = new GlobSet(options.include, { ignoreCase });
    this.exclude = new GlobSet(options.exclude, { ignoreCase });
    this.folders = options.workspaceFolders.map(uriToPath).filter((p): p is string => p !== null).map((p) => p.replace(/\/+$/, ''));
  }

  /**
   * Untitled documents are always articles (the client only sends plaintext, markdown and
   * news-article ones). A file is one unless an exclude glob matches it; then a file whose language
   * is news-article is one, and any other file only when an include glob matches it.
   */
  isArticle(uri: string, languageId: string): boolean {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
    if (scheme === 'untitled') return true;
    const path = uriToPath(uri);
    if (path === null) return false;
    const candidates = [path, ...this.relativePaths(path)];
    if (this.exclude.matches(...candidates)) return false;
    if (languageId === ARTICLE_LANGUAGE) return true;
    return this.include.matches(...candidates);
  }

  /**
   * Whether an exclude glob covers every file under a folder (such as the default node_modules one),
   * so that a walk of the workspace can skip it. `folderPath` is a file-system path with `/` separators.
   */
  excludesFolder(folderPath: string): boolean {
    const probe = folderPath.replace(/\/+$/, '') + '/\u0000';
    return this.exclude.matches(probe, ...this.relativePaths(probe));
  }

  /** The workspace folder path (from the options) that contains a file-system path, if any. */
  folderOf(path: string): string | undefined {
    return this.folders.find((folder) => path === folder || path.startsWith(folder + '/'));
  }

  private relativePaths(path: string): string[] {
    const out: string[] = [];
    for (const folder of this.folders) {
      if (path.startsWith(folder + '/')) out.push(path.slice(folder.length + 1));
    }
    return out;
  }
}

/** The file-system path of a `file:` URI with `/` separators, or null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!/^file:/i.test(uri)) return null;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    try {
      return decodeURIComponent(uri.replace(/^file:\/\//i, '')).replace(/\\/g, '/');
    } catch {
      return null;
    }
  }
}
