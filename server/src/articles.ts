/**
 * Which files are news articles Khabar analyses: one set of rules for the language server (settings
 * `khabar.articles.include` / `khabar.articles.exclude`, `khabar.maxFileSizeKB`) and the command line
 * (`khabar export <folder>`), which walk folders with the same {@link ArticleFilter} and defaults.
 *
 * Globs are matched by picomatch, as vscode-markdown-languageservice does: `**`, `*`, `?`, `{a,b}`,
 * `[...]`, paths with `/` separators, against the absolute path and the path relative to each
 * workspace folder (for the command line, each folder named). Hidden files and folders inside a
 * workspace folder (`.git`, `.vscode`, `.khabar`, a test rig's downloads) are not articles unless an
 * include glob names one (`.notes/*.txt`).
 */
import { URI } from 'vscode-uri';
import picomatch from 'picomatch';

export const ARTICLE_LANGUAGE = 'news-article';

/** The default of `khabar.articles.include`: the files that are articles. */
export const DEFAULT_ARTICLE_INCLUDE: readonly string[] = ['**/*.article', '**/*.txt', '**/*.md', '**/*.markdown'];
/** The default of `khabar.articles.exclude`: files that are never articles, even when included. */
export const DEFAULT_ARTICLE_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/{README,CHANGELOG,LICENSE,CONTRIBUTING}*'];
/**
 * The default of `khabar.maxFileSizeKB` and of the command line's `--max-size-kb`: a larger file is
 * not read (2 MB of text, some 300,000 words, is analysed in about ten seconds).
 */
export const DEFAULT_MAX_FILE_SIZE_KB = 2048;

export interface ArticleFilterOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Workspace folder URIs; globs are matched against the path relative to each containing folder too. */
  workspaceFolders: readonly string[];
  /** Defaults to the platform's convention (case-insensitive on Windows and macOS). */
  ignoreCase?: boolean;
}

/** A set of globs compiled once (empty ones ignored; a malformed one matches nothing rather than throw). */
export class GlobSet {
  private readonly matchers: ((path: string) => boolean)[];
  constructor(readonly globs: readonly string[], options: { ignoreCase?: boolean } = {}) {
    this.matchers = globs
      .filter((g) => typeof g === 'string' && g.trim() !== '')
      .map((g) => {
        try {
          // As in VS Code's globs: `[!…]` negates a class (picomatch reads only `[^…]` so), a leading `!` is no negation.
          return picomatch(g.trim().replace(/\\/g, '/').replace(/\[!/g, '[^'), { dot: true, nonegate: true, nocase: options.ignoreCase ?? false });
        } catch {
          return () => false;
        }
      });
  }
  /** True when any glob matches any of the given paths. */
  matches(...paths: string[]): boolean {
    return this.matchers.some((m) => paths.some((p) => m(p)));
  }
}

/** A glob that names a hidden file or folder itself (a segment starting with a dot, not `./` or `../`). */
const NAMES_HIDDEN = /(^|[/{,])\.(?![./]|$)/;

/** Decides from a document's URI and language whether it is an article. */
export class ArticleFilter {
  private readonly include: GlobSet;
  private readonly exclude: GlobSet;
  private readonly folders: string[];
  private readonly includesHidden: boolean;

  constructor(private readonly options: ArticleFilterOptions) {
    const ignoreCase = options.ignoreCase ?? (process.platform === 'win32' || process.platform === 'darwin');
    this.include = new GlobSet(options.include, { ignoreCase });
    this.exclude = new GlobSet(options.exclude, { ignoreCase });
    this.includesHidden = options.include.some((g) => typeof g === 'string' && NAMES_HIDDEN.test(g));
    this.folders = options.workspaceFolders.map(uriToPath).filter((p): p is string => p !== null).map((p) => p.replace(/\/+$/, ''));
  }

  /**
   * Untitled documents are always articles (the client only sends plaintext, markdown and
   * news-article ones). A file is one unless an exclude glob matches it or it is hidden (a name
   * starting with a dot on its path inside the workspace folder, unless an include glob names
   * hidden files); then a file whose language is news-article is one, and any other file only
   * when an include glob matches it.
   */
  isArticle(uri: string, languageId: string): boolean {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
    if (scheme === 'untitled') return true;
    const path = uriToPath(uri);
    if (path === null) return false;
    const relative = this.relativePaths(path);
    if (this.hidden(relative)) return false;
    const candidates = [path, ...relative];
    if (this.exclude.matches(...candidates)) return false;
    if (languageId === ARTICLE_LANGUAGE) return true;
    return this.include.matches(...candidates);
  }

  /**
   * Whether a walk of the workspace can skip a folder: an exclude glob covers every file under it
   * (such as the default node_modules one), or it is hidden (`.git`, `.vscode-test`) and no include
   * glob names a hidden folder. `folderPath` is a file-system path with `/` separators.
   */
  excludesFolder(folderPath: string): boolean {
    const probe = folderPath.replace(/\/+$/, '') + '/\u0000';
    const relative = this.relativePaths(probe);
    return this.hidden(relative) || this.exclude.matches(probe, ...relative);
  }

  /**
   * Whether a path inside a workspace folder goes through a hidden file or folder that no include
   * glob names (the folder itself may be hidden: only the path below it counts).
   */
  private hidden(relativePaths: string[]): boolean {
    return !this.includesHidden && relativePaths.some((r) => /(^|\/)\./.test(r));
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

/** The file-system path of a `file:` URI (vscode-uri's `fsPath`) with `/` separators, or null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!/^file:/i.test(uri)) return null;
  try {
    return URI.parse(uri).fsPath.replace(/\\/g, '/');
  } catch {
    return null;
  }
}
