/** The state the host's modules share: settings, workspace folders, the analyzer and the index. */
import * as path from 'node:path';
import { createWorkspaceIndex, type Analyzer, type KnowledgeBase, type WorkspaceIndex } from '../core';
import { ArticleFilter, uriToPath } from '../articles';
import { DEFAULT_SETTINGS, type ServerSettings } from '../settings';
import type { Correction } from '../core/curation';
import type { CurationFinding } from '../core/curationApply';

export class HostState {
  settings: ServerSettings = DEFAULT_SETTINGS;
  /** Workspace folder URIs. */
  folders: string[] = [];
  filter = new ArticleFilter({ ...DEFAULT_SETTINGS, workspaceFolders: [] });
  knowledge: KnowledgeBase | undefined;
  analyzer: Analyzer | undefined;
  index: WorkspaceIndex = createWorkspaceIndex();
  /** Bumped when settings or the knowledge base change: every entry of an older generation is stale. */
  generation = 0;
  /** True while the workspace is being scanned. */
  scanning = false;
  /** The curation file's corrections, by document path; `version` is bumped when they change (entries of another version are corrected again). */
  curation: { corrections: readonly Correction[]; byDocument: ReadonlyMap<string, { correction: Correction; order: number }[]>; version: number } = { corrections: [], byDocument: new Map(), version: 0 };
  /** Figure and name corrections that changed nothing, by document key. */
  readonly curationFindings = new Map<string, CurationFinding[]>();

  /** New settings or folders: the article filter follows them. */
  configure(settings: ServerSettings, folders: string[] = this.folders): void {
    this.settings = settings;
    this.folders = folders;
    this.filter = new ArticleFilter({ include: settings.include, exclude: settings.exclude, workspaceFolders: folders });
  }

  /** The workspace folders as file-system paths. */
  folderPaths(): string[] {
    return this.folders.map(uriToPath).filter((p): p is string => p !== null);
  }

  /** The export's path of a document: relative to its workspace folder (prefixed by the folder's name when there are several). */
  exportPath(key: string): string {
    const p = uriToPath(key);
    if (p === null) return key;
    const folder = this.filter.folderOf(p);
    if (!folder) return p;
    const rel = p.slice(folder.length + 1);
    return this.folders.length > 1 ? `${path.posix.basename(folder)}/${rel}` : rel;
  }
}
