/**
 * Khabar: Export Events. Asks the format (quick pick) and the file (save dialog), asks the server for
 * the content (`khabar/exportEvents`) and writes it whole: a temporary file in the same folder,
 * renamed over the target. An existing file is replaced only when the save dialog confirmed it or
 * the caller passed `overwrite: true`.
 *
 * Programmatic use (and tests): `executeCommand('khabar.exportEvents', { uri, format, overwrite })`
 * asks nothing and resolves with an {@link ExportOutcome}.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportEventsRequest, type ExportEventsResult, type ExportFormat } from '../../server/src/protocol';

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; detail: string; extension: string; filter: string }[] = [
  { format: 'json', label: 'JSON', detail: 'The events export (format khabar-events, version 1): documents, entities, events, figures and reports', extension: 'json', filter: 'JSON' },
  { format: 'csv', label: 'CSV', detail: 'One row per event and figure, UTF-8 with a byte-order mark (opens in spreadsheets)', extension: 'csv', filter: 'CSV' },
  { format: 'geojson', label: 'GeoJSON', detail: 'A point per event whose place has coordinates (opens in map tools)', extension: 'geojson', filter: 'GeoJSON' },
];

/** Arguments of the command for programmatic use. */
export interface ExportArgs {
  /** Where to write (a Uri or its string); no save dialog when given. */
  uri?: vscode.Uri | string;
  /** The format; no quick pick when given. */
  format?: ExportFormat;
  /** Replace an existing file; when false (the default) an existing file is left alone and the command says so. */
  overwrite?: boolean;
}

/** What the command did. */
export interface ExportOutcome {
  written: boolean;
  uri?: string;
  format?: ExportFormat;
  bytes?: number;
  events?: number;
  documents?: number;
  /** Why nothing was written. */
  reason?: 'cancelled' | 'exists' | 'bad-arguments' | 'failed';
  message?: string;
}

function parseArgs(raw: unknown): ExportArgs | undefined {
  // From a menu VS Code passes the clicked resource or tree node: that is no argument for us.
  if (!raw || typeof raw !== 'object' || raw instanceof vscode.Uri || !('format' in raw || 'uri' in raw || 'overwrite' in raw)) return undefined;
  return raw as ExportArgs;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * Writes `bytes` to `target` through a temporary file in the same folder renamed over it, so that
 * the target is never half-written. With `overwrite` false the rename fails if the target exists.
 */
export async function writeWhole(target: vscode.Uri, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const folder = vscode.Uri.joinPath(target, '..');
  const tmp = vscode.Uri.joinPath(folder, `.${basename(target)}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  await vscode.workspace.fs.writeFile(tmp, bytes);
  try {
    await vscode.workspace.fs.rename(tmp, target, { overwrite });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp, { useTrash: false }).then(undefined, () => undefined);
    throw e;
  }
}

export async function exportEvents(client: LanguageClient, rawArgs?: unknown): Promise<ExportOutcome> {
  const args = parseArgs(rawArgs);
  const programmatic = args !== undefined;
  const fail = (reason: ExportOutcome['reason'], message: string): ExportOutcome => {
    void vscode.window.showErrorMessage(message);
    return { written: false, reason, message };
  };

  let format = args?.format;
  if (format !== undefined && !EXPORT_FORMATS.some((f) => f.format === format)) {
    return fail('bad-arguments', `Khabar: unknown export format "${String(format)}" (json, csv or geojson).`);
  }
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f.format })),
      { title: 'Khabar: Export Events', placeHolder: 'Format of the export' },
    );
    if (!picked) return { written: false, reason: 'cancelled' };
    format = picked.format;
  }
  const spec = EXPORT_FORMATS.find((f) => f.format === format)!;

  let target: vscode.Uri;
  /** The save dialog asked about replacing an existing file (VS Code's dialogs do, desktop and web). */
  let confirmedByDialog = false;
  if (args?.uri !== undefined) {
    try {
      target = typeof args.uri === 'string' ? (/^[a-z][\w+.-]+:/i.test(args.uri) ? vscode.Uri.parse(args.uri, true) : vscode.Uri.file(args.uri)) : args.uri;
    } catch (e) {
      return fail('bad-arguments', `Khabar: not a file: ${String(args.uri)} (${e instanceof Error ? e.message : String(e)})`);
    }
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const chosen = await vscode.window.showSaveDialog({
      title: 'Khabar: Export Events',
      saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `events.${spec.extension}`) : undefined,
      filters: { [spec.filter]: [spec.extension] },
    });
    if (!chosen) return { written: false, reason: 'cancelled' };
    target = chosen;
    confirmedByDialog = await exists(target);
  }

  let result: ExportEventsResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Khabar: exporting events' },
      () => client.sendRequest(ExportEventsRequest.type, { format: spec.format }),
    );
  } catch (e) {
    return fail('failed', `Khabar could not export the events: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = spec.format === 'csv' && !result.text.startsWith('\uFEFF') ? '\uFEFF' + result.text : result.text;
  const bytes = new TextEncoder().encode(text);

  let overwrite = args?.overwrite === true || confirmedByDialog;
  if (!overwrite && (await exists(target))) {
    if (programmatic) {
      return fail('exists', `Khabar did not export the events: ${target.fsPath || target.toString()} already exists (pass overwrite: true to replace it).`);
    }
    // The file appeared after the dialog closed: ask before replacing it.
    const replace = await vscode.window.showWarningMessage(`${basename(target)} already exists. Replace it?`, { modal: true }, 'Replace');
    if (replace !== 'Replace') return { written: false, reason: 'exists' };
    overwrite = true;
  }
  try {
    await writeWhole(target, bytes, overwrite);
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === 'FileExists' || /FileExists|EEXIST/.test(String((e as Error)?.message))) {
      return fail('exists', `Khabar did not export the events: ${target.fsPath || target.toString()} already exists.`);
    }
    return fail('failed', `Khabar could not write ${target.fsPath || target.toString()}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const outcome: ExportOutcome = { written: true, uri: target.toString(), format: spec.format, bytes: bytes.length, events: result.events, documents: result.documents };
  const message = `Khabar exported ${result.events} event${result.events === 1 ? '' : 's'} from ${result.documents} article${result.documents === 1 ? '' : 's'} to ${basename(target)}.`;
  if (programmatic) {
    void vscode.window.showInformationMessage(message);
  } else {
    void vscode.window.showInformationMessage(message, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.window.showTextDocument(target);
    });
  }
  return outcome;
}
