/**
 * The one store of what the server found, fed by its notifications: `khabar/decorations` per open
 * document (figures and entities, keyed by document URI) and `khabar/events` for the workspace (the
 * events linked across its articles). The decorations and the Events view both read it.
 */
import * as vscode from 'vscode';
import { applyEvents, type DecorationsParams, type EventsParams } from '../../server/src/protocol';

export class KhabarStore implements vscode.Disposable {
  private readonly entries = new Map<string, DecorationsParams>();
  private readonly emitter = new vscode.EventEmitter<DecorationsParams>();
  private workspaceEvents: EventsParams | undefined;
  private readonly eventsEmitter = new vscode.EventEmitter<EventsParams | undefined>();
  private readonly clearEmitter = new vscode.EventEmitter<void>();
  /** Fires after each `khabar/decorations` notification is stored (also for one with no figures). */
  readonly onDidUpdate = this.emitter.event;
  /** Fires after each `khabar/events` notification is stored, with the events; with undefined when the store was {@link clear}ed. */
  readonly onDidUpdateEvents = this.eventsEmitter.event;
  /** Fires after the store was {@link clear}ed (after onDidUpdateEvents): whoever paints decorations must paint them again. */
  readonly onDidClear = this.clearEmitter.event;

  /** Stores a notification unless one for a newer version of the same document is already stored. */
  update(params: DecorationsParams): void {
    const current = this.entries.get(params.uri);
    if (current && current.version > params.version) return;
    this.entries.set(params.uri, params);
    this.emitter.fire(params);
  }

  get(uri: vscode.Uri | string): DecorationsParams | undefined {
    return this.entries.get(typeof uri === 'string' ? uri : uri.toString());
  }

  delete(uri: vscode.Uri | string): void {
    this.entries.delete(typeof uri === 'string' ? uri : uri.toString());
  }

  /**
   * Forgets everything the server sent: its server stopped (crashed, gave up, restarted), and a new
   * one sends everything again once it has indexed. Until then nothing stale is shown.
   */
  clear(): void {
    this.entries.clear();
    this.workspaceEvents = undefined;
    this.eventsEmitter.fire(undefined);
    this.clearEmitter.fire();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores the workspace's events: a whole model replaces the stored one (a restarted server sends one first), changes are applied to it. */
  updateEvents(params: EventsParams): void {
    this.workspaceEvents = applyEvents(this.workspaceEvents, params);
    this.eventsEmitter.fire(this.workspaceEvents);
  }

  /** The workspace's events as of the last `khabar/events` notification (always a whole model), if one came. */
  get events(): EventsParams | undefined {
    return this.workspaceEvents;
  }

  /**
   * Resolves with the first stored notification for `uri` that satisfies `accept` (by default: any),
   * looking at what is already stored first. Rejects after `timeoutMs`.
   */
  waitFor(uri: vscode.Uri | string, accept: (p: DecorationsParams) => boolean = () => true, timeoutMs = 30_000): Promise<DecorationsParams> {
    const key = typeof uri === 'string' ? uri : uri.toString();
    const existing = this.entries.get(key);
    if (existing && accept(existing)) return Promise.resolve(existing);
    return this.next(key, accept, timeoutMs);
  }

  /** Resolves with the next notification for `uri` that satisfies `accept`, ignoring what is stored. */
  next(uri: vscode.Uri | string, accept: (p: DecorationsParams) => boolean = () => true, timeoutMs = 30_000): Promise<DecorationsParams> {
    const key = typeof uri === 'string' ? uri : uri.toString();
    return waitOn(this.onDidUpdate, (p) => p.uri === key && accept(p), timeoutMs, `no khabar/decorations notification for ${key}`);
  }

  /** Resolves with the stored events when `accept` holds for them, else with the next notification for which it does. */
  waitForEvents(accept: (p: EventsParams) => boolean = () => true, timeoutMs = 30_000): Promise<EventsParams> {
    if (this.workspaceEvents && accept(this.workspaceEvents)) return Promise.resolve(this.workspaceEvents);
    return this.nextEvents(accept, timeoutMs);
  }

  /** Resolves with the next `khabar/events` notification that satisfies `accept`, ignoring what is stored. */
  nextEvents(accept: (p: EventsParams) => boolean = () => true, timeoutMs = 30_000): Promise<EventsParams> {
    return waitOn(this.onDidUpdateEvents, (p): p is EventsParams => p !== undefined && accept(p), timeoutMs, 'no matching khabar/events notification') as Promise<EventsParams>;
  }

  dispose(): void {
    this.emitter.dispose();
    this.eventsEmitter.dispose();
    this.clearEmitter.dispose();
    this.entries.clear();
    this.workspaceEvents = undefined;
  }
}

function waitOn<T>(event: vscode.Event<T>, accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = event((value) => {
      if (accept(value)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      }
    });
  });
}
