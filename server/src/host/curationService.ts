/**
 * The editor's side of curation in the server: where an article's curation and knowledge files
 * are (`.khabar/` of its workspace folder), the corrections and entities the client and the quick
 * fixes ask for turned into workspace edits of those files, and the edits applied through the
 * client (`workspace/applyEdit`), so that Undo restores them.
 */
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnowledgeBase } from '../core';
import { uriToPath } from '../articles';
import { CURATION_NAMES, parseCurationText } from '../curationFiles';
import { findAnchor } from '../core/curation';
import { checkCuration } from '../core/curationCheck';
import { curationProblemMessage } from '../wording';
import { positionOf, WORKSPACE_KNOWLEDGE_NAMES } from '../knowledgeFiles';
import { readKnowledgeFile } from '../node/knowledge';
import type { AddKnowledgeParams, CorrectionParams, CorrectionView, KhabarFileEditResult, KnowledgeEntityItem } from '../protocol';
import { pathToUri, readArticleFile } from '../workspaceFiles';
import type { Entry } from './articleStore';
import { curationActions } from './curationActions';
import { addCorrectionsEdit, appendEntriesEdit, CurationEditError, removeEntriesEdit, type CorrectionDraft, type JsonValue, type KhabarFile } from './curationEdits';
import type { HostState } from './state';

/** What the service needs of the server. */
export interface CurationServiceHost {
  state: HostState;
  /** Applies an edit in the editor (`workspace/applyEdit`); true when it was applied. */
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  /** The setting `khabar.curation.author`, when set. */
  author(): Promise<string | undefined>;
  /** The text of an article: the open document's, else the file's; null when there is none. */
  articleText(uri: string): Promise<string | null>;
  /** The text of a file the editor holds open and syncs (the curation file), else undefined. */
  openText(uri: string): string | undefined;
}

/** An edit of one `.khabar/` file, or why there is none. */
type FileEdit = { edit: WorkspaceEdit; file: string; ids: string[] } | { message: string };

/**
 * The first of `names` in the folder's `.khabar/` that the editor holds open (its buffer), else that
 * exists (its text), else the first name (no text).
 */
async function firstFile(folder: string, names: readonly string[], openText: (uri: string) => string | undefined = () => undefined): Promise<KhabarFile> {
  for (const name of names) {
    const uri = pathToUri(path.join(folder, '.khabar', name));
    const text = openText(uri);
    if (text !== undefined) return { uri, text };
  }
  for (const name of names) {
    const p = path.join(folder, '.khabar', name);
    const read = await readKnowledgeFile(p);
    if (read.ok) return { uri: pathToUri(p), text: read.text };
    if (!read.missing) throw new CurationEditError(`${p}: ${read.message}`);
  }
  return { uri: pathToUri(path.join(folder, '.khabar', names[0])), text: null };
}

/** The text of an article file on disk (a `file:` uri), or null when there is none or it is too large. */
export async function diskText(uri: string, maxKB: number): Promise<string | null> {
  const p = uriToPath(uri);
  if (p === null) return null;
  const read = await readArticleFile(p, maxKB);
  return read.kind === 'text' ? read.text : null;
}

/** A name as a knowledge-base id: lower-case words of letters and digits joined by `-`, not one the knowledge base has. */
export function newEntityId(name: string, taken: (id: string) => boolean): string {
  const base = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'entity';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** The knowledge file's entry of a new entity. */
export function knowledgeEntry(p: AddKnowledgeParams, id: string): JsonValue {
  const names: Record<string, string[]> = { [p.language]: [p.text] };
  if (p.language !== 'en' && p.name && p.name !== p.text) names.en = [p.name];
  return { id, type: p.type, name: p.name || p.text, names, ...(p.type === 'place' && p.coordinates ? { coordinates: p.coordinates } : {}) };
}

export class CurationService {
  constructor(private readonly host: CurationServiceHost) {}

  /** The workspace folder of an article (a file-system path) and its path in it (with `/`), or null when it lies in none. */
  articlePath(uri: string): { folder: string; path: string } | null {
    const p = uriToPath(uri);
    const folder = p === null ? undefined : this.host.state.filter.folderOf(p);
    if (p === null || !folder || p === folder) return null;
    return { folder, path: p.slice(folder.length + 1) };
  }

  /** The curation file of a workspace folder. */
  curationFile(folder: string): Promise<KhabarFile> {
    return firstFile(folder, CURATION_NAMES, (uri) => this.host.openText(uri));
  }

  /** A correction of the client as the file's entry, in its article's folder; the other article of `moveTo`/`mergeWith` must be in the same folder. */
  private draftOf(c: CorrectionParams): { folder: string; draft: CorrectionDraft } {
    if (!c || typeof c.uri !== 'string' || !c.change || typeof c.change !== 'object') throw new CurationEditError('A correction needs an article (uri) and a change.');
    const at = this.articlePath(c.uri);
    if (!at) throw new CurationEditError(`Khabar keeps corrections in the .khabar folder of a workspace folder; ${c.uri} is in none.`);
    let change = c.change;
    if (change.op === 'moveTo' || change.op === 'mergeWith') {
      const other = this.articlePath(change.document);
      if (!other || other.folder !== at.folder) throw new CurationEditError(`Khabar can only join reports of the same workspace folder (${change.document}).`);
      change = { ...change, document: other.path };
    }
    return { folder: at.folder, draft: { document: at.path, target: c.target, change, ...(c.reason?.trim() ? { reason: c.reason.trim() } : {}) } };
  }

  /** The edit that adds corrections to their folder's curation file. */
  async correctionsEdit(corrections: readonly CorrectionParams[]): Promise<FileEdit> {
    try {
      if (!corrections.length) return { message: 'No correction to add.' };
      const drafts = corrections.map((c) => this.draftOf(c));
      // Checked as the server will read it: nothing is written that the file would skip.
      const { problems } = checkCuration({ version: 1, corrections: drafts.map((d, i) => ({ id: `new-${i}`, ...d.draft })) });
      if (problems.length) throw new CurationEditError(`Khabar cannot write this correction: ${curationProblemMessage(problems[0]).replace(/^entry \d+: /, '')}.`);
      if (drafts.some((d) => d.folder !== drafts[0].folder)) throw new CurationEditError('Khabar adds corrections of one workspace folder at a time.');
      const file = await this.curationFile(drafts[0].folder);
      const { edit, ids } = addCorrectionsEdit(file, drafts.map((d) => d.draft), { author: await this.host.author(), now: new Date() });
      return { edit, file: file.uri, ids };
    } catch (e) {
      if (e instanceof CurationEditError) return { message: e.message };
      throw e;
    }
  }

  /** The edit that adds an entity to the workspace knowledge file of the article's folder. */
  async knowledgeEdit(p: AddKnowledgeParams): Promise<FileEdit> {
    try {
      const at = this.articlePath(p.uri);
      if (!at) throw new CurationEditError(`Khabar keeps the workspace knowledge base in the .khabar folder of a workspace folder; ${p.uri} is in none.`);
      if (!p.text?.trim()) throw new CurationEditError('A name is needed.');
      const file = await firstFile(at.folder, WORKSPACE_KNOWLEDGE_NAMES);
      const kb = this.host.state.knowledge;
      const id = newEntityId(p.name || p.text, (id) => kb?.entities.has(id) === true || (file.text ?? '').includes(`"${id}"`));
      return { edit: appendEntriesEdit(file, 'entities', [knowledgeEntry(p, id)]), file: file.uri, ids: [id] };
    } catch (e) {
      if (e instanceof CurationEditError) return { message: e.message };
      throw e;
    }
  }

  /** Applies an edit of a `.khabar/` file in the editor. */
  private async apply(label: string, made: FileEdit): Promise<KhabarFileEditResult> {
    if ('message' in made) return { applied: false, message: made.message };
    const applied = await this.host.applyEdit(label, made.edit);
    return { applied, file: made.file, ids: made.ids, ...(applied ? {} : { message: 'The editor did not apply the edit.' }) };
  }

  /** `khabar/addCorrections`. */
  async addCorrections(corrections: readonly CorrectionParams[]): Promise<KhabarFileEditResult> {
    return this.apply('Khabar: correction', await this.correctionsEdit(corrections ?? []));
  }

  /** `khabar/addKnowledge`. */
  async addKnowledge(p: AddKnowledgeParams): Promise<KhabarFileEditResult> {
    return this.apply('Khabar: new entity', await this.knowledgeEdit(p));
  }

  /** The quick fixes at a range of an open article, as analysed in `entry` (its current version). */
  codeActions(doc: TextDocument, entry: Entry, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
    if (entry.result.kind !== 'analysed' || !this.articlePath(doc.uri)) return [];
    const text = doc.getText();
    if (text.length !== entry.result.analysis.length) return [];
    return curationActions({
      uri: doc.uri, text, analysis: entry.result.analysis,
      start: doc.offsetAt(range.start), end: doc.offsetAt(range.end),
      diagnostics: diagnostics.map((diagnostic) => ({ diagnostic, start: doc.offsetAt(diagnostic.range.start), end: doc.offsetAt(diagnostic.range.end) })),
    });
  }

  /** `khabar/knowledgeEntities`: the entities of a type from the knowledge files (the world gazetteer's places left out: too many to pick from), by name. */
  knowledgeEntities(type: unknown): KnowledgeEntityItem[] {
    const kb: KnowledgeBase | undefined = this.host.state.knowledge;
    if (!kb || (type !== 'place' && type !== 'person' && type !== 'organization')) return [];
    const out: KnowledgeEntityItem[] = [];
    for (const e of kb.entities.values()) {
      if (e.type !== type || e.geonames !== undefined) continue;
      const detail = [e.kind, e.country, e.roles?.[0]?.role].filter(Boolean).join(', ');
      out.push({ id: e.id, name: e.name, ...(detail ? { detail } : {}) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The ids of the corrections the server found stale (anchor lost, no figure or name there, unknown entity or document). */
  private staleIds(): Set<string> {
    const { state } = this.host;
    return new Set([...[...state.curationFindings.values()].flat(), ...state.index.curationFindings()].map((f) => f.id));
  }

  /** `khabar/corrections`: every correction of the workspace folders' curation files, found again in its article (or stale). */
  async corrections(): Promise<CorrectionView[]> {
    const out: CorrectionView[] = [];
    const stale = this.staleIds();
    for (const folder of this.host.state.folderPaths()) {
      const file = await this.curationFile(folder);
      if (file.text === null) continue;
      const parsed = parseCurationText(uriToPath(file.uri) ?? file.uri, file.text);
      for (const c of parsed.curation.corrections) {
        const uri = pathToUri(path.join(folder, ...c.document.split('/')));
        const text = await this.host.articleText(uri);
        const span = text === null ? null : findAnchor(text, c.target);
        const range = span && text !== null && c.target.type !== 'document' ? { start: positionOf(text, span.start), end: positionOf(text, span.end) } : null;
        out.push({ ...c, file: file.uri, index: parsed.entryOf(c.id) ?? -1, uri: text === null ? null : uri, range, stale: span === null || stale.has(c.id) });
      }
    }
    return out;
  }

  /** `khabar/clearStaleCorrections`: the stale corrections taken out of their files, in one workspace edit. */
  async clearStale(): Promise<KhabarFileEditResult & { removed: number }> {
    const stale = (await this.corrections()).filter((c) => c.stale && c.index >= 0);
    const byFile = new Map<string, number[]>();
    for (const c of stale) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c.index]);
    const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
    for (const [uri, indices] of byFile) {
      const p = uriToPath(uri);
      const open = this.host.openText(uri);
      const read = open !== undefined ? { ok: true as const, text: open } : p === null ? undefined : await readKnowledgeFile(p);
      const edit = read?.ok ? removeEntriesEdit({ uri, text: read.text }, 'corrections', indices) : null;
      if (edit?.documentChanges) documentChanges.push(...edit.documentChanges);
    }
    if (!documentChanges.length) return { applied: false, removed: 0 };
    const applied = await this.host.applyEdit('Khabar: clear stale corrections', { documentChanges });
    return { applied, removed: applied ? stale.length : 0, ids: stale.map((c) => c.id), ...(applied ? {} : { message: 'The editor did not apply the edit.' }) };
  }
}
