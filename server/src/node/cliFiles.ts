/**
 * The command line's paths: where the user ran it from, and which article files the paths named on
 * it stand for, picked from folders by the same rules as the language server's
 * ({@link ArticleFilter} with the default `khabar.articles.include` / `exclude`).
 */
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ArticleFilter, DEFAULT_ARTICLE_EXCLUDE, DEFAULT_ARTICLE_INCLUDE } from '../articles';
import { listArticleFiles, pathToUri } from '../workspaceFiles';

/**
 * The directory the user ran the command from, against which its paths are resolved. `npm run
 * khabar` runs the script in the package's root and sets INIT_CWD to where it was run from; only
 * then (our own `khabar` script, from our own package.json) is INIT_CWD used, so that a test or a
 * script run by npm that starts `node dist/cli.js` in another directory keeps its working directory.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), packageJson = join(__dirname, '..', 'package.json')): string {
  const init = env.INIT_CWD;
  if (init && env.npm_lifecycle_event === 'khabar' && env.npm_package_json && resolve(env.npm_package_json) === resolve(packageJson)) return resolve(init);
  return cwd;
}

/** An article file to read, and the folder its exported path is relative to. */
export interface ArticleTarget { file: string; root: string }

export interface ArticleListing {
  /** Files, each once, in the order of the paths named (a folder's files sorted). */
  targets: ArticleTarget[];
  /** The folders named (absolute), where a `.khabar/knowledge.json` may extend the knowledge base. */
  folders: string[];
  /** Paths named that are no file or folder: a usage error. */
  missing: string[];
  /** Paths that exist but could not be looked at (permissions), with why. */
  failed: { path: string; reason: string }[];
}

/**
 * The article files that paths named on the command line stand for, resolved against `base`. A file
 * named is read whatever its name (reading refuses what is no text); a folder stands for its
 * articles by the shared rules: `.article`, `.txt`, `.md`, `.markdown`, not README, CHANGELOG,
 * LICENSE or CONTRIBUTING, not in node_modules nor in hidden folders.
 */
export async function listArticles(paths: readonly string[], base: string): Promise<ArticleListing> {
  const out: ArticleListing = { targets: [], folders: [], missing: [], failed: [] };
  const seen = new Set<string>();
  const add = (file: string, root: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    out.targets.push({ file, root });
  };
  for (const p of paths) {
    const abs = resolve(base, p);
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') out.missing.push(p);
      else out.failed.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (stat.isFile()) {
      add(abs, dirname(abs));
    } else if (stat.isDirectory()) {
      out.folders.push(abs);
      const filter = new ArticleFilter({ include: DEFAULT_ARTICLE_INCLUDE, exclude: DEFAULT_ARTICLE_EXCLUDE, workspaceFolders: [pathToUri(abs)] });
      const { files } = await listArticleFiles([abs], filter, { maxFiles: Number.MAX_SAFE_INTEGER });
      for (const f of files) add(f, abs);
    } else {
      out.missing.push(p);
    }
  }
  return out;
}
