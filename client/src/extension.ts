/**
 * Khabar's VS Code extension (the language client). Starts the language server (dist/server.js)
 * over IPC, keeps what it sends in one store, paints figures and entities on the visible editors,
 * shows the workspace's events in the Events view and exports them.
 *
 * activate() returns a small API ({@link KhabarApi}) that the integration tests use to wait for the
 * server's notifications instead of sleeping.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DecorationsNotification, EventsNotification, type DecorationsParams } from '../../server/src/protocol';
import { ANALYSIS_EXEC_ARGV } from '../../server/src/node/v8Tuning';
import { KhabarStore } from './store';
import { DecorationController } from './decorations';
import { createEventsView, EventsTreeProvider, type EventsNode } from './eventsView';
import { exportEvents, type ExportOutcome } from './exportEvents';
import { ReadingView } from './readingView';

/** What activate() returns; for tests and other extensions. */
export interface KhabarApi {
  /** Everything the server sent: decorations by document URI, the workspace's events. */
  readonly store: KhabarStore;
  readonly client: LanguageClient;
  readonly decorations: DecorationController;
  /** The Events view's data provider (reads the store). */
  readonly events: EventsTreeProvider;
  readonly eventsView: vscode.TreeView<EventsNode>;
  /** Fires after each `khabar/decorations` notification is stored. */
  readonly onDidUpdate: vscode.Event<DecorationsParams>;
  /** How many times the server stopped unexpectedly in this session (the user is told the first time). */
  readonly serverCrashes: number;
  /** The reading view (Khabar: Open Reading View). */
  readonly readingView: ReadingView;
}

export const LANGUAGES = ['plaintext', 'markdown', 'news-article'] as const;

export const DOCUMENT_SELECTOR: DocumentSelector = ['file', 'untitled'].flatMap((scheme) =>
  LANGUAGES.map((language) => ({ scheme, language })),
);

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KhabarApi> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...ANALYSIS_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...ANALYSIS_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };

  // The default handler restarts a crashed server (up to 4 times in 3 minutes); tell the user once.
  let toldAboutCrash = false;
  let serverCrashes = 0;
  let defaultHandler: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaultHandler!.error(error, message, count),
    closed: async (): Promise<CloseHandlerResult> => {
      serverCrashes++;
      const result = await defaultHandler!.closed();
      if (result.action === CloseAction.Restart) {
        if (!toldAboutCrash) {
          toldAboutCrash = true;
          void vscode.window
            .showWarningMessage('The Khabar language server stopped unexpectedly and was restarted.', 'Show Output')
            .then((choice) => choice && client?.outputChannel.show());
        }
        return { ...result, handled: true };
      }
      return result;
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    errorHandler,
    // The server pulls the khabar.* settings (workspace/configuration) and registers for changes itself.
  };

  client = new LanguageClient('khabar', 'Khabar', serverOptions, clientOptions);
  defaultHandler = client.createDefaultErrorHandler(4);
  const languageClient = client;

  const store = new KhabarStore();
  const decorations = new DecorationController(store, context.extensionUri);
  const events = new EventsTreeProvider(store);
  const eventsView = createEventsView(store, events);
  const readingView = new ReadingView(store);
  context.subscriptions.push(
    readingView,
    vscode.commands.registerCommand('khabar.openReadingView', () => readingView.open()),
    store,
    decorations,
    events,
    ...eventsView.disposables,
    languageClient.onNotification(DecorationsNotification.type, (params) => store.update(params)),
    languageClient.onNotification(EventsNotification.type, (params) => store.updateEvents(params)),
    vscode.workspace.onDidCloseTextDocument((doc) => store.delete(doc.uri)),
    vscode.commands.registerCommand('khabar.restartServer', async () => {
      await languageClient.restart();
    }),
    // Figures and names are toggled apart: turning figures off leaves the names painted, and the other way round.
    vscode.commands.registerCommand('khabar.toggleDecorations', () => {
      decorations.setEnabled(!decorations.isEnabled);
    }),
    vscode.commands.registerCommand('khabar.toggleEntities', () => {
      decorations.setEntitiesEnabled(!decorations.isEntitiesEnabled);
    }),
    vscode.commands.registerCommand('khabar.showOutput', () => {
      languageClient.outputChannel.show(true);
    }),
    vscode.commands.registerCommand('khabar.exportEvents', (args?: unknown): Promise<ExportOutcome> => exportEvents(languageClient, args)),
  );

  try {
    await languageClient.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`Khabar could not start its language server: ${e instanceof Error ? e.message : String(e)}`);
  }

  return {
    store,
    client: languageClient,
    decorations,
    events,
    eventsView: eventsView.view,
    readingView,
    onDidUpdate: store.onDidUpdate,
    get serverCrashes() {
      return serverCrashes;
    },
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
