/**
 * Paints the figures and entity mentions in the store on the visible editors: one decoration type per
 * figure kind and per entity type, created once, coloured with theme colours declared in
 * package.json (`contributes.colors`).
 */
import * as vscode from 'vscode';
import type { EntityDecoration, FigureDecoration } from '../../server/src/protocol';
import type { KhabarStore } from './store';

type Kind = FigureDecoration['kind'];
export const KINDS: readonly Kind[] = ['killed', 'injured', 'arrested'];
type EntityType = EntityDecoration['type'];
export const ENTITY_TYPES: readonly EntityType[] = ['place', 'person', 'organization'];

/** Entity mentions by type, and whether the knowledge base knows them (unknown names get a dotted underline). */
type EntityTypes = Record<EntityType, { known: vscode.TextEditorDecorationType; unknown: vscode.TextEditorDecorationType }>;

function createEntityTypes(): EntityTypes {
  const make = (color: vscode.ThemeColor, known: boolean) =>
    vscode.window.createTextEditorDecorationType({
      color,
      ...(known ? {} : { textDecoration: 'underline dotted' }),
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  const pair = (color: vscode.ThemeColor) => ({ known: make(color, true), unknown: make(color, false) });
  return {
    place: pair(new vscode.ThemeColor('khabar.placeForeground')),
    person: pair(new vscode.ThemeColor('khabar.personForeground')),
    organization: pair(new vscode.ThemeColor('khabar.organizationForeground')),
  };
}

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

/** A running total ("killed this year") is marked after its words: it belongs to no event. */
const RUNNING_TOTAL: vscode.DecorationInstanceRenderOptions = { after: { contentText: ' Σ', color: new vscode.ThemeColor('editorCodeLens.foreground') } };

function toRange(d: { range: FigureDecoration['range'] }): vscode.Range {
  return new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
}

/** What the controller last painted on a document. */
export interface Painted {
  version: number;
  counts: Record<Kind, number>;
  entities: Record<EntityType, number>;
}

export class DecorationController implements vscode.Disposable {
  private readonly types = createTypes();
  private readonly entityTypes = createEntityTypes();
  private readonly disposables: vscode.Disposable[] = [];
  /** What was last painted per document URI, for tests and diagnostics. */
  private readonly painted = new Map<string, Painted>();
  private enabled: boolean;
  private entitiesEnabled: boolean;

  constructor(private readonly store: KhabarStore) {
    this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
    this.entitiesEnabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.entities', true);
    this.disposables.push(
      store.onDidUpdate((p) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.uri.toString() === p.uri) this.paint(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('khabar.decorations.enabled') || e.affectsConfiguration('khabar.decorations.entities')) {
          this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
          this.entitiesEnabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.entities', true);
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

  /** What was last painted for a document: its version, the number of figure ranges per kind and of entity ranges per type. */
  paintedFor(uri: vscode.Uri | string): Painted | undefined {
    return this.painted.get(typeof uri === 'string' ? uri : uri.toString());
  }

  private paint(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const entry = this.store.get(uri);
    if (!this.enabled || !entry) {
      for (const kind of KINDS) editor.setDecorations(this.types[kind], []);
      for (const type of ENTITY_TYPES) {
        editor.setDecorations(this.entityTypes[type].known, []);
        editor.setDecorations(this.entityTypes[type].unknown, []);
      }
      this.painted.delete(uri);
      return;
    }
    // Figures for an older version: keep what is painted (VS Code moves it with the edits) until the
    // server's notification for the current version arrives.
    if (entry.version !== editor.document.version) return;
    const counts = { killed: 0, injured: 0, arrested: 0 } as Record<Kind, number>;
    for (const kind of KINDS) {
      const options: vscode.DecorationOptions[] = entry.figures.filter((f) => f.kind === kind).map((f) => (f.cumulative ? { range: toRange(f), renderOptions: RUNNING_TOTAL } : { range: toRange(f) }));
      counts[kind] = options.length;
      editor.setDecorations(this.types[kind], options);
    }
    const entities = { place: 0, person: 0, organization: 0 } as Record<EntityType, number>;
    const mentions = this.entitiesEnabled ? (entry.entities ?? []) : [];
    for (const type of ENTITY_TYPES) {
      const ofType = mentions.filter((m) => m.type === type);
      entities[type] = ofType.length;
      editor.setDecorations(this.entityTypes[type].known, ofType.filter((m) => m.inKnowledgeBase).map((m) => ({ range: toRange(m) })));
      editor.setDecorations(this.entityTypes[type].unknown, ofType.filter((m) => !m.inKnowledgeBase).map((m) => ({ range: toRange(m) })));
    }
    this.painted.set(uri, { version: entry.version, counts, entities });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    for (const t of Object.values(this.types)) t.dispose();
    for (const t of Object.values(this.entityTypes)) {
      t.known.dispose();
      t.unknown.dispose();
    }
    this.painted.clear();
  }
}
