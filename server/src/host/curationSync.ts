/**
 * The workspace's curation file in the language server: read at start from each folder's
 * `.khabar/curation.json` (or `.yaml`, `.yml`) — the editor's buffer when the file is open, else the
 * file on disk — and again when either changes; its corrections go to the host state (figures and
 * names, applied to each analysis) and to the index (reports and events); its problems and its
 * stale corrections are published as diagnostics of the file, at their entries.
 */
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import type { Correction } from '../core/curation';
import type { CurationFinding } from '../core/curationApply';
import { correctionsByDocument } from '../core/curationLink';
import { CURATION_NAMES, parseCurationText, placeFindings, readCurationFile, type ParsedCuration } from '../curationFiles';
import type { CurationEntryView, CurationStatusResult } from '../protocol';
import { TextLines } from '../textLines';
import { curationSummary } from '../wording';
import { pathToUri } from '../workspaceFiles';
import { keyOf } from './articleStore';
import type { HostState } from './state';
import { describe, type HostClient, type HostLogger, type HostWorkspace } from './types';

/** One folder's curation file as last read. */
interface LoadedFile {
  uri: string;
  text: string;
  parsed: ParsedCuration;
  /** The document paths of its corrections are prefixed by this (the folder's name when there are several). */
  prefix: string;
}

export class CurationSync {
  private files: LoadedFile[] = [];
  /** URIs of curation files with diagnostics sent. */
  private readonly diagnosed = new Set<string>();

  constructor(
    private readonly state: HostState,
    private readonly workspace: HostWorkspace,
    private readonly client: Pick<HostClient, 'sendDiagnostics'>,
    private readonly logger: HostLogger,
  ) {}

  /**
   * Reads the curation files again and puts their corrections in force: returns the document paths
   * whose figure or name corrections changed (their analyses must be corrected again), or null
   * when no correction changed.
   */
  async load(): Promise<Set<string> | null> {
    const files: LoadedFile[] = [];
    const folders = this.state.folderPaths();
    for (const folder of folders) {
      try {
        const f = await this.readFolder(folder);
        if (f) files.push({ ...f, prefix: folders.length > 1 ? `${path.basename(folder)}/` : '' });
      } catch (e) {
        this.logger.error(`Khabar could not read the curation file of ${folder}: ${describe(e)}`);
      }
    }
    this.files = files;
    const corrections: Correction[] = files.flatMap((f) => f.parsed.curation.corrections.map((c) => (f.prefix ? { ...c, document: f.prefix + c.document } : c)));
    const before = this.state.curation;
    if (JSON.stringify(before.corrections) === JSON.stringify(corrections)) return null;
    const byDocument = correctionsByDocument(corrections);
    const affected = new Set<string>();
    for (const p of new Set([...before.byDocument.keys(), ...byDocument.keys()])) {
      if (JSON.stringify(before.byDocument.get(p) ?? []) !== JSON.stringify(byDocument.get(p) ?? [])) affected.add(p);
    }
    this.state.curation = { corrections, byDocument, version: before.version + 1 };
    this.state.index.setCuration(corrections);
    this.logger.info(`Khabar curation: ${corrections.length} correction(s)${files.length ? ` from ${files.map((f) => f.uri).join(', ')}` : ''}`);
    return affected;
  }

  /** Every correction in force, file by file, with whether it is stale (as {@link publish} says it). */
  status(): CurationStatusResult {
    const findings = this.findings();
    return {
      files: this.files.map((f) => {
        const lines = TextLines.of('json', f.text);
        const stale = new Map(placeFindings(f.parsed, findings.filter((x) => f.parsed.curation.corrections.some((c) => c.id === x.id))).map((p) => [p.id!, p.message.slice(p.id!.length + 2)]));
        const entries = f.parsed.curation.corrections.map((c): CurationEntryView => {
          const i = f.parsed.entryOf(c.id);
          const at = i === undefined ? { start: 0, end: 0 } : f.parsed.locate(['corrections', i]);
          const s = stale.get(c.id);
          return {
            id: c.id, document: c.document, target: c.target.type, op: c.change.op, summary: curationSummary(c),
            ...(c.target.exact !== undefined ? { quote: c.target.exact } : {}), ...(s ? { stale: s } : {}),
            range: { start: lines.positionAt(at.start), end: lines.positionAt(at.end) },
          };
        });
        return { uri: f.uri, entries };
      }),
    };
  }

  /** The corrections that changed nothing: of the analyses (figures, names) and of the index (reports, documents absent). */
  private findings(): CurationFinding[] {
    try {
      return [...this.state.curationFindings.values()].flat().concat(this.state.index.curationFindings());
    } catch (e) {
      this.logger.error(`Khabar could not tell which corrections are stale: ${describe(e)}`);
      return [];
    }
  }

  /** Publishes each curation file's problems (errors) and stale corrections (warnings), at their entries. */
  publish(): void {
    const findings = this.findings();
    const now = new Set<string>();
    for (const f of this.files) {
      const own = findings.filter((x) => f.parsed.curation.corrections.some((c) => c.id === x.id));
      const lines = TextLines.of('json', f.text);
      const diagnostics: Diagnostic[] = [...f.parsed.problems, ...placeFindings(f.parsed, own)].map((p) => ({
        range: { start: lines.positionAt(p.start), end: lines.positionAt(Math.max(p.start, p.end)) },
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: p.id ? 'curation-stale' : 'curation-malformed',
        source: 'khabar',
        message: p.message,
        ...(p.id ? { data: { id: p.id } } : {}),
      }));
      if (diagnostics.length) now.add(f.uri);
      if (diagnostics.length || this.diagnosed.has(f.uri)) void this.client.sendDiagnostics({ uri: f.uri, diagnostics });
    }
    for (const uri of this.diagnosed) if (!now.has(uri)) void this.client.sendDiagnostics({ uri, diagnostics: [] });
    this.diagnosed.clear();
    now.forEach((u) => this.diagnosed.add(u));
  }

  /** A folder's curation file: the open buffer of the first name found open, else the first on disk. */
  private async readFolder(folder: string): Promise<Omit<LoadedFile, 'prefix'> | undefined> {
    for (const name of CURATION_NAMES) {
      const file = path.join(folder, '.khabar', name);
      const uri = pathToUri(file);
      const open = this.workspace.documents().find((d) => keyOf(d.uri) === keyOf(uri));
      if (open) return { uri: open.uri, text: open.getText(), parsed: parseCurationText(file, open.getText()) };
    }
    for (const name of CURATION_NAMES) {
      const file = path.join(folder, '.khabar', name);
      const r = await readCurationFile(file);
      if (r.ok) return { uri: pathToUri(file), text: r.text, parsed: r.parsed };
      if (!r.missing) {
        this.logger.warn(`Khabar curation: ${file}: ${r.message}`);
        return { uri: pathToUri(file), text: '', parsed: { ...parseCurationText(file, '{"corrections": []}'), problems: [{ start: 0, end: 0, severity: 'error', message: r.message }] } };
      }
    }
    return undefined;
  }
}
