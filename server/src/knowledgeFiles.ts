/**
 * The knowledge base of the language server: the bundled `knowledge/` folder (read once) with the
 * workspace's `.khabar/knowledge.json` (or `.yaml`, `.yml`) merged over it, and where a problem of a
 * workspace file lies in that file (for its diagnostics).
 */
import * as path from 'node:path';
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeProblem } from './core';
import { parseKnowledgeFile, readBundledKnowledge, readKnowledgeFile, type PlacedKnowledgeProblem, type ProblemPosition } from './node/knowledge';

/** The names a workspace knowledge file may have, inside the folder's `.khabar/`. */
export const WORKSPACE_KNOWLEDGE_NAMES = ['knowledge.json', 'knowledge.yaml', 'knowledge.yml'] as const;
/** The glob of the workspace knowledge files, for file watchers. */
export const WORKSPACE_KNOWLEDGE_GLOB = '**/.khabar/knowledge.{json,yaml,yml}';

/** Whether a path (with `/` or `\` separators) is a workspace knowledge file. */
export function isWorkspaceKnowledgePath(p: string): boolean {
  return /(^|[\\/])\.khabar[\\/]knowledge\.(json|ya?ml)$/i.test(p);
}

/** A problem located in a file, zero-based. */
export interface LocatedProblem {
  line: number;
  character: number;
  message: string;
}

/** Line and character (zero-based) of a UTF-16 offset into `text`. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const o = Math.max(0, Math.min(text.length, Math.floor(offset)));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: o - lineStart };
}

/** The line and character of a problem's position in `text`. */
function placeOf(text: string, at: ProblemPosition): { line: number; character: number } {
  return 'offset' in at ? positionOf(text, at.offset) : { line: Math.max(0, at.line), character: Math.max(0, at.character) };
}

/** The problems of one workspace knowledge file, placed in it (where the parser failed, else line 0). */
export function locateProblems(text: string, problems: readonly PlacedKnowledgeProblem[]): LocatedProblem[] {
  return problems.map((p) => {
    const where = p.at ? placeOf(text, p.at) : { line: 0, character: 0 };
    const skipped = p.index !== undefined ? 'this entry is skipped' : 'analysis goes on with the bundled knowledge base';
    return { ...where, message: `Khabar knowledge base: ${p.message} (${skipped}).` };
  });
}

/** One workspace knowledge file and what became of it. */
export interface WorkspaceKnowledgeFile {
  path: string;
  text: string;
  /** Its problems, placed in it. */
  problems: LocatedProblem[];
  /** Its problems as the core gave them (`origin`: the path as given, `index`: the entry). */
  raw: KnowledgeProblem[];
}

/** The merged knowledge base and the workspace files it came from. */
export interface LoadedKnowledge {
  knowledge: KnowledgeBase;
  files: WorkspaceKnowledgeFile[];
  /** Problems of the bundled files (for the log; users cannot fix them). */
  bundledProblems: KnowledgeProblem[];
  /** Paths where a knowledge file was looked for and a folder found (`.khabar/knowledge.json/`): ignored, and why. */
  skipped: { path: string; message: string }[];
  /** Paths where no file was found. */
  missing: string[];
  entityCount: number;
}

/**
 * Reads the bundled knowledge files once and merges workspace files over them on each load: one
 * loader for the language server and the command line.
 */
export class KnowledgeLoader {
  private bundled: ReturnType<typeof readBundledKnowledge> | undefined;

  constructor(private readonly bundledDir: string) {}

  private readBundled(): ReturnType<typeof readBundledKnowledge> {
    return (this.bundled ??= readBundledKnowledge(this.bundledDir));
  }

  /** The bundled knowledge with the `.khabar/knowledge.*` files of the given folders (file-system paths) over it. */
  load(folders: readonly string[]): Promise<LoadedKnowledge> {
    return this.loadFiles(folders.flatMap((folder) => WORKSPACE_KNOWLEDGE_NAMES.map((name) => path.join(folder, '.khabar', name))));
  }

  /**
   * The bundled knowledge with the given files over it, in order; a file is named in messages by its
   * path as given and read from `resolve(path)`.
   */
  async loadFiles(paths: readonly string[], resolve: (p: string) => string = (p) => p): Promise<LoadedKnowledge> {
    const bundled = this.readBundled();
    const files: { path: string; text: string; problems: PlacedKnowledgeProblem[] }[] = [];
    const sources = [...bundled.sources];
    const skipped: { path: string; message: string }[] = [];
    const missing: string[] = [];
    for (const p of paths) {
      // A UTF-8 byte-order mark is dropped, as VS Code drops it from the text it shows: positions are counted without it.
      const read = await readKnowledgeFile(resolve(p));
      if (!read.ok) {
        if (read.folder) skipped.push({ path: p, message: read.message });
        else if (read.missing) missing.push(p);
        // Not text (UTF-16 without a byte-order mark, binary): an error at the top of the file.
        else files.push({ path: p, text: '', problems: [{ origin: p, message: read.message }] });
        continue;
      }
      const r = parseKnowledgeFile(p, read.text);
      if (r.source) sources.push(r.source);
      files.push({ path: p, text: read.text, problems: r.problems });
    }
    const merged = createKnowledgeBase(sources, bundled.gazetteers);
    for (const pr of merged.problems) files.find((f) => f.path === pr.origin)?.problems.push(pr);
    const bundledProblems = [...bundled.problems, ...merged.problems.filter((pr) => !files.some((f) => f.path === pr.origin))];
    return {
      knowledge: merged.knowledge,
      files: files.map((f) => ({ path: f.path, text: f.text, problems: locateProblems(f.text, f.problems), raw: f.problems.map(({ at: _at, ...p }) => p) })),
      bundledProblems,
      skipped,
      missing,
      entityCount: merged.knowledge.entities.size,
    };
  }
}
