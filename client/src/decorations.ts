/**
 * Paints the figures in the store on the visible editors: one decoration type per kind, created
 * once, coloured with theme colours declared in package.json (`contributes.colors`).
 */
import * as vscode from 'vscode';
import type { FigureDecoration } from '../../server/src/protocol';
import type { DecorationStore } from './store';

type Kind = FigureDecoration['kind'];
export const KINDS: readonly Kind[] = ['killed', 'injured', 'arrested'];

function createTypes(): Record<Kind, vscode.TextEditorDecorationType> {
  const make = (background: vscode.ThemeColor, border: vscode.ThemeColor) =>
    vscode.window.createTextEditorDecorationType({
      backgroundColor: background,
      borderRadius: '2px',
      borderWidth: '0 0 2px 0',
      borderStyle: 'solid',
      borderColor: border,
      overviewRulerColor: border,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  return {
    killed: make(new vscode.ThemeColor('khabar.killedBackground'), new vscode.ThemeColor('khabar.killedBorder')),
    injured: make(new vscode.ThemeColor('khabar.injuredBackground'), new vscode.ThemeColor('khabar.injuredBorder')),
    arrested: make(new vscode.ThemeColor('khabar.arrestedBackground'), new vscode.ThemeColor('khabar.arrestedBorder')),
  };
}

function toRange(d: FigureDecoration): vscode.Range {
  return new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
}

export class DecorationController implements vscode.Disposable {
  private readonly types = createTypes();
  private readonly disposables: vscode.Disposable[] = [];
  /** What was last painted per document URI, for tests and diagnostics. */
  private readonly painted = new Map<string, { version: number; counts: Record<Kind, number> }>();
  private enabled: boolean;

  constructor(private readonly store: DecorationStore) {
    this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
    this.disposables.push(
      store.onDidUpdate((p) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.uri.toString() === p.uri) this.paint(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('khabar.decorations.enabled')) {
          this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
          this.refreshAll();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.painted.delete(doc.uri.toString())),
    );
    this.refreshAll();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Turns painting on or off for this window (the setting is not changed). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.refreshAll();
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** What was last painted for a document: its version and the number of ranges per kind. */
  paintedFor(uri: vscode.Uri | string): { version: number; counts: Record<Kind, number> } | undefined {
    return this.painted.get(typeof uri === 'string' ? uri : uri.toString());
  }

  private paint(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const entry = this.store.get(uri);
    if (!this.enabled || !entry) {
      for (const kind of KINDS) editor.setDecorations(this.types[kind], []);
      this.painted.delete(uri);
      return;
    }
    // Figures for an older version: keep what is painted (VS Code moves it with the edits) until the
    // server's notification for the current version arrives.
    if (entry.version !== editor.document.version) return;
    const counts = { killed: 0, injured: 0, arrested: 0 } as Record<Kind, number>;
    for (const kind of KINDS) {
      const options: vscode.DecorationOptions[] = entry.figures.filter((f) => f.kind === kind).map((f) => ({ range: toRange(f) }));
      counts[kind] = options.length;
      editor.setDecorations(this.types[kind], options);
    }
    this.painted.set(uri, { version: entry.version, counts });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    for (const t of Object.values(this.types)) t.dispose();
    this.painted.clear();
  }
}
