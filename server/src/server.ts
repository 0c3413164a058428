/**
 * Khabar's language server: the LSP wiring of the host layer (server/src/host), which indexes every
 * article of the workspace, analyses each once per text, links events across them and feeds every
 * editor feature: the `khabar/decorations` notification, diagnostics, hovers, the `khabar/events`
 * notification (the Events view) and the `khabar/exportEvents` request.
 *
 * Bundled to dist/server.js; the client starts it over IPC.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  IPCMessageReader,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type Disposable,
  type FileSystemWatcher,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IpcWriter } from './node/ipcWriter';
import { tuneV8ForAnalysis } from './node/v8Tuning';
import { CurationStatusRequest, DecorationsNotification, EventsNotification, ExportEventsRequest, type ExportEventsParams, type ExportEventsResult } from './protocol';
import { DEFAULT_SETTINGS, readSettings, SETTING_SECTIONS, type ServerSettings } from './settings';
import { WORKSPACE_KNOWLEDGE_GLOB } from './knowledgeFiles';
import { CURATION_GLOB } from './curationFiles';
import { KhabarHost, type FileChange } from './host/khabarHost';
import { registerCuration } from './curationRequests';
import { nodeWorkspace } from './host/nodeWorkspace';
import { describe, type HostProgress } from './host/types';

tuneV8ForAnalysis();
const connection = createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IpcWriter(process));
const documents = new TextDocuments(TextDocument);

const host = new KhabarHost({
  // The bundle lives in <root>/dist/server.js, its worker threads' script beside it.
  root: path.join(__dirname, '..'),
  workerScript: path.join(__dirname, 'analysisWorker.js'),
  workspace: nodeWorkspace(documents),
  logger: connection.console,
  client: {
    sendDiagnostics: (params) => connection.sendDiagnostics(params),
    sendDecorations: (params) => void connection.sendNotification(DecorationsNotification.type, params),
    sendEvents: (params) => void connection.sendNotification(EventsNotification.type, params),
    showWarning: (message) => void connection.window.showWarningMessage(message),
    startProgress: async (title, message): Promise<HostProgress> => {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin(title, 0, message, true);
      return {
        report: (percentage, text) => progress.report(percentage, text),
        get cancelled() { return progress.token.isCancellationRequested; },
        done: () => progress.done(),
      };
    },
  },
});


let hasConfigurationCapability = false;
let canWatchFiles = false;
let workspaceFolders: string[] = [];
let watcherRegistration: Disposable | undefined;

/** The settings as the client has them now (the defaults when it cannot say). */
async function fetchSettings(current: ServerSettings): Promise<ServerSettings> {
  if (!hasConfigurationCapability) return current;
  try {
    const values = (await connection.workspace.getConfiguration(SETTING_SECTIONS.map((section) => ({ section })))) as unknown[];
    return readSettings(values);
  } catch (e) {
    connection.console.error(`Khabar could not read its settings, using defaults: ${describe(e)}`);
    return DEFAULT_SETTINGS;
  }
}

async function registerWatchers(): Promise<void> {
  if (!canWatchFiles) return;
  const all = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
  const watchers: FileSystemWatcher[] = [
    ...host.state.settings.include.filter((g) => g.trim()).map((globPattern) => ({ globPattern, kind: all })),
    { globPattern: WORKSPACE_KNOWLEDGE_GLOB, kind: all },
    { globPattern: CURATION_GLOB, kind: all },
    // Folders created or deleted (a moved folder of articles is reported as the folder only).
    { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
  ];
  try {
    const previous = watcherRegistration;
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    previous?.dispose();
  } catch (e) {
    connection.console.warn(`Khabar could not watch the workspace's files; changes on disk are not seen: ${describe(e)}`);
  }
}

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'khabar' },
  };
});

connection.onInitialized(async () => {
  try {
    if (hasConfigurationCapability) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'khabar' });
    }
  } catch (e) {
    connection.console.warn(`Khabar could not register for configuration changes: ${describe(e)}`);
  }
  try {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      workspaceFolders = ((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri);
      await host.foldersChanged(workspaceFolders, await fetchSettings(host.state.settings));
    });
  } catch {
    // the client does not support workspace folder changes
  }
  host.configure(await fetchSettings(host.state.settings), workspaceFolders);
  await registerWatchers();
  await host.start();
});

connection.onDidChangeConfiguration(() => {
  void host.ready.then(async () => {
    const change = host.settingsChanged(await fetchSettings(host.state.settings));
    if (change === 'same') return;
    if (change === 'include-changed') await registerWatchers();
    await host.rescan('settings changed');
  });
});

const CHANGE_TYPES: Record<number, FileChange['type']> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };

connection.onDidChangeWatchedFiles(({ changes }) => host.filesChanged(changes.map((c) => ({ uri: c.uri, type: CHANGE_TYPES[c.type] ?? 'changed' }))));

documents.onDidOpen(({ document }) => host.documentOpened(document.uri));
documents.onDidChangeContent(({ document }) => host.documentChanged(document.uri));
documents.onDidClose(({ document }) => host.documentClosed(document.uri));

connection.onHover(async (params): Promise<Hover | null> => {
  try {
    return await host.hover(params.textDocument.uri, params.position);
  } catch (e) {
    connection.console.error(`Khabar hover failed for ${params.textDocument.uri}: ${describe(e)}`);
    return null;
  }
});

registerCuration(connection, host, documents, () => hasConfigurationCapability);
connection.onRequest(ExportEventsRequest.type, (params: ExportEventsParams): Promise<ExportEventsResult> => host.exportEvents(params?.format));
connection.onRequest(CurationStatusRequest.type, () => host.curationStatus());

process.on('uncaughtException', (e) => connection.console.error(`Khabar server: uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Khabar server: unhandled rejection: ${describe(e)}`));

documents.listen(connection);
connection.listen();
