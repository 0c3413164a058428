/**
 * The one store of what the server found, fed by its `khabar/decorations` notifications and keyed
 * by document URI. Everything that paints or inspects figures reads it.
 */
import * as vscode from 'vscode';
import type { DecorationsParams } from '../../server/src/protocol';

export class DecorationStore implements vscode.Disposable {
  private readonly entries = new Map<string, DecorationsParams>();
  private readonly emitter = new vscode.EventEmitter<DecorationsParams>();
  /** Fires after each notification is stored (also for one with no figures). */
  readonly onDidUpdate = this.emitter.event;

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

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
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
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no khabar/decorations notification for ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onDidUpdate((p) => {
        if (p.uri === key && accept(p)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(p);
        }
      });
    });
  }

  dispose(): void {
    this.emitter.dispose();
    this.entries.clear();
  }
}
