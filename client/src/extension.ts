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
  State,
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
import { CurationCommands } from './curationCommands';

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
  /** Whether the server runs, is being (re)started, or stopped for good (after the fifth crash in three minutes). */
  readonly serverStatus: ServerStatus;
  /** The status bar item that says so while the server is not running, and offers to restart it. */
  readonly statusItem: vscode.StatusBarItem;
  /** The corrections' commands (their prompts can be replaced by the tests). */
  readonly curation: CurationCommands;
}

export type ServerStatus = 'running' | 'restarting' | 'stopped';

export const LANGUAGES = ['plaintext', 'markdown', 'news-article'] as const;

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...['file', 'untitled'].flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
  // The curation file's buffer: a correction made by a quick fix takes effect before it is saved.
  { scheme: 'file', pattern: '**/.khabar/curation.{json,yaml,yml}' },
];

let client: LanguageClient | undefined;

/** The status bar item that says the server is restarting or stopped (hidden while it runs). */
function serverStatusItem(): { item: vscode.StatusBarItem; readonly current: ServerStatus; set(status: ServerStatus): void } {
  const item = vscode.window.createStatusBarItem('khabar-server-status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Khabar language server';
  let current: ServerStatus = 'restarting';
  return {
    item,
    get current() {
      return current;
    },
    set(status: ServerStatus): void {
      current = status;
      if (status === 'running') {
        item.hide();
        return;
      }
      if (status === 'restarting') {
        item.text = '$(sync~spin) Khabar: restarting';
        item.tooltip = 'The Khabar language server is starting; figures, names and events come back when it has read the workspace again. Click to see its output.';
        item.command = 'khabar.showOutput';
        item.backgroundColor = undefined;
      } else {
        item.text = '$(error) Khabar: stopped';
        item.tooltip = 'The Khabar language server stopped and was not restarted: nothing is analysed. Click to restart it.';
        item.command = 'khabar.restartServer';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      }
      item.show();
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<KhabarApi> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...ANALYSIS_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...ANALYSIS_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };

  // The default handler restarts a crashed server (up to 4 times in 3 minutes); tell the user once.
  // Whenever a server stops, what it sent is forgotten (the store is cleared) and the status bar
  // says that Khabar is restarting, or stopped with the command that restarts it.
  let toldAboutCrash = false;
  let serverCrashes = 0;
  let defaultHandler: ErrorHandler | undefined;
  const status = serverStatusItem();
  const statusItem = status.item;
  const setStatus = status.set;
  // Set when a stopping server is to be followed by a new one (a crash the handler restarts, the restart command).
  let restartExpected = false;
  let everRunning = false;
  const store = new KhabarStore();
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => defaultHandler!.error(error, message, count),
    closed: async (): Promise<CloseHandlerResult> => {
      serverCrashes++;
      const result = await defaultHandler!.closed();
      restartExpected = result.action === CloseAction.Restart;
      setStatus(restartExpected ? 'restarting' : 'stopped');
      store.clear();
      if (result.action === CloseAction.Restart) {
        if (!toldAboutCrash) {
          toldAboutCrash = true;
          void vscode.window
            .showWarningMessage('The Khabar language server stopped unexpectedly and was restarted.', 'Show Output')
            .then((choice) => choice && client?.outputChannel.show());
        }
        return { ...result, handled: true };
      }
      void vscode.window
        .showErrorMessage('The Khabar language server stopped unexpectedly five times in three minutes and was not restarted: nothing is analysed.', 'Restart', 'Show Output')
        .then((choice) => {
          if (choice === 'Restart') void vscode.commands.executeCommand('khabar.restartServer');
          else if (choice === 'Show Output') client?.outputChannel.show();
        });
      return { ...result, handled: true };
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

  const decorations = new DecorationController(store, context.extensionUri);
  const events = new EventsTreeProvider(store);
  const eventsView = createEventsView(store, events);
  const readingView = new ReadingView(store);
  const curation = new CurationCommands(languageClient, events, () => eventsView.view.selection);
  context.subscriptions.push(
    readingView,
    vscode.commands.registerCommand('khabar.openReadingView', () => readingView.open()),
    store,
    statusItem,
    // A cleared store: every visible editor is painted again, without the stopped server's figures.
    store.onDidClear(() => decorations.refreshAll()),
    languageClient.onDidChangeState(({ oldState, newState }) => {
      if (newState === State.Running) {
        everRunning = true;
        setStatus('running');
      } else if (newState === State.Stopped) {
        // A server that failed to start, or stopped otherwise than by a crash (the restart command).
        setStatus(restartExpected && oldState !== State.Starting ? 'restarting' : 'stopped');
        restartExpected = false;
        store.clear();
      } else if (everRunning || status.current === 'stopped') {
        // Starting again (the first start shows nothing).
        setStatus('restarting');
      }
    }),
    decorations,
    events,
    ...eventsView.disposables,
    ...curation.register(),
    languageClient.onNotification(DecorationsNotification.type, (params) => store.update(params)),
    languageClient.onNotification(EventsNotification.type, (params) => store.updateEvents(params)),
    vscode.workspace.onDidCloseTextDocument((doc) => store.delete(doc.uri)),
    vscode.commands.registerCommand('khabar.restartServer', async () => {
      // Restarted by hand: a fresh allowance of automatic restarts.
      defaultHandler = languageClient.createDefaultErrorHandler(4);
      restartExpected = true;
      setStatus('restarting');
      if (languageClient.isRunning()) {
        try {
          await languageClient.restart();
          return;
        } catch (e) {
          // Stopping a server that died meanwhile rejects the shutdown it had pending ("connection got
          // disposed") and leaves the client stopped: start it below.
          if (languageClient.isRunning()) throw e;
        }
      }
      // A stop under way (the client giving up after its last crash) must end before a start:
      // stop() returns that stop, or at once when the client is stopped.
      await languageClient.stop().catch(() => undefined);
      await languageClient.start();
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
    store: store,
    client: languageClient,
    decorations,
    events,
    eventsView: eventsView.view,
    readingView,
    onDidUpdate: store.onDidUpdate,
    get serverCrashes() {
      return serverCrashes;
    },
    get serverStatus() {
      return status.current;
    },
    statusItem,
    curation,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
