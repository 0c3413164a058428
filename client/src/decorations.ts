/**
 * Paints the figures and entity mentions in the store on the visible editors, with decoration types
 * created once and coloured with theme colours declared in package.json (`contributes.colors`).
 *
 * VS Code lays a line out left to right and renders every decorated range of it as its own span,
 * isolated for bidi (`unicode-bidi: isolate`): a right-to-left line cut by a highlighted figure or
 * name shows its pieces in the wrong order. So a line whose paragraph is right-to-left (its first
 * strong character, as the bidi algorithm's P2/P3 decide; `khabar.decorations.mode` `auto`), or
 * every line (`line`), is marked without touching its text: a whole-line tint by the strongest
 * figure kind, a gutter icon, an overview-ruler mark, and a hover over the line that lists its
 * figures and names with their words. Other lines (and every line in `inline` mode) keep the
 * figures and names highlighted where they are.
 */
import * as vscode from 'vscode';
import type { EntityDecoration, FigureDecoration } from '../../server/src/protocol';
import { formatValue, groupWord, isolate, paragraphDirection } from '../../server/src/wording';
import type { KhabarStore } from './store';

type Kind = FigureDecoration['kind'];
/** Strongest first: a line with a killed and an injured figure is tinted as killed. */
export const KINDS: readonly Kind[] = ['killed', 'injured', 'arrested'];
type EntityType = EntityDecoration['type'];
export const ENTITY_TYPES: readonly EntityType[] = ['place', 'person', 'organization'];

/** `auto`: inline on left-to-right lines, whole-line marks on right-to-left ones; `inline`, `line`: everywhere. */
export type DecorationMode = 'auto' | 'inline' | 'line';
export const DECORATION_MODES: readonly DecorationMode[] = ['auto', 'inline', 'line'];

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

/** Whole-line marks: a tint by the strongest kind, its gutter icon and overview-ruler mark; `names` for lines with names only (no tint, the hover). */
type LineTypes = Record<Kind | 'names', vscode.TextEditorDecorationType>;

function createLineTypes(extensionUri: vscode.Uri): LineTypes {
  const icon = (kind: Kind, theme: 'light' | 'dark') => vscode.Uri.joinPath(extensionUri, 'media', `gutter-${kind}-${theme}.svg`);
  const make = (kind: Kind, background: vscode.ThemeColor, border: vscode.ThemeColor) =>
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: background,
      overviewRulerColor: border,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      gutterIconSize: 'contain',
      light: { gutterIconPath: icon(kind, 'light') },
      dark: { gutterIconPath: icon(kind, 'dark') },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  return {
    killed: make('killed', new vscode.ThemeColor('khabar.killedLineBackground'), new vscode.ThemeColor('khabar.killedBorder')),
    injured: make('injured', new vscode.ThemeColor('khabar.injuredLineBackground'), new vscode.ThemeColor('khabar.injuredBorder')),
    arrested: make('arrested', new vscode.ThemeColor('khabar.arrestedLineBackground'), new vscode.ThemeColor('khabar.arrestedBorder')),
    names: vscode.window.createTextEditorDecorationType({ isWholeLine: true, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }),
  };
}

/** A running total ("killed this year") is marked after its words: it belongs to no event. */
const RUNNING_TOTAL: vscode.DecorationInstanceRenderOptions = { after: { contentText: ' Σ', color: new vscode.ThemeColor('editorCodeLens.foreground') } };

/** A figure or name the analyst corrected (`.khabar/curation.json`) is marked after its words, inline or marked by its line alike. */
function createCuratedType(): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({ after: { contentText: ' ✎', color: new vscode.ThemeColor('khabar.curatedForeground') }, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
}

function toRange(d: { range: FigureDecoration['range'] }): vscode.Range {
  return new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
}

/** What the controller last painted on a document. */
export interface Painted {
  version: number;
  /** Figures shown per kind, inline or in a line's marks. */
  counts: Record<Kind, number>;
  /** Names shown per type, inline or in a line's hover. */
  entities: Record<EntityType, number>;
  /** Ranges painted inside lines (figures and names). */
  inline: number;
  /** Zero-based lines marked as whole lines (their text untouched), in order. */
  wholeLines: number[];
  /** The hover (markdown) of each line marked whole. */
  lineHovers: Record<number, string>;
}

/** Escapes text for a MarkdownString (hover text is never trusted). */
function md(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** What one line marked whole holds. */
interface LineMarks {
  figures: FigureDecoration[];
  entities: EntityDecoration[];
}

export class DecorationController implements vscode.Disposable {
  private readonly types = createTypes();
  private readonly entityTypes = createEntityTypes();
  private readonly curatedType = createCuratedType();
  private readonly lineTypes: LineTypes;
  private readonly disposables: vscode.Disposable[] = [];
  /** What was last painted per document URI, for tests and diagnostics. */
  private readonly painted = new Map<string, Painted>();
  private enabled: boolean;
  private entitiesEnabled: boolean;
  private mode: DecorationMode;
  private readonly paintEmitter = new vscode.EventEmitter<{ uri: string; painted: Painted | undefined }>();
  /** Fires after the decorations of a document were set on an editor (or cleared: `painted` undefined). */
  readonly onDidPaint = this.paintEmitter.event;

  constructor(private readonly store: KhabarStore, extensionUri: vscode.Uri) {
    this.lineTypes = createLineTypes(extensionUri);
    this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
    this.entitiesEnabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.entities', true);
    this.mode = readMode();
    this.disposables.push(
      store.onDidUpdate((p) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.uri.toString() === p.uri) this.paint(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.paint(e))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        let changed = false;
        if (e.affectsConfiguration('khabar.decorations.enabled')) {
          this.enabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.enabled', true);
          changed = true;
        }
        if (e.affectsConfiguration('khabar.decorations.entities')) {
          this.entitiesEnabled = vscode.workspace.getConfiguration().get<boolean>('khabar.decorations.entities', true);
          changed = true;
        }
        if (e.affectsConfiguration('khabar.decorations.mode')) {
          this.mode = readMode();
          changed = true;
        }
        if (changed) this.refreshAll();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.painted.delete(doc.uri.toString())),
    );
    this.refreshAll();
  }

  /** Whether figures are painted. */
  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Whether names are painted. */
  get isEntitiesEnabled(): boolean {
    return this.entitiesEnabled;
  }

  get decorationMode(): DecorationMode {
    return this.mode;
  }

  /** Turns the painting of figures on or off for this window (names stay as they are; the setting is not changed). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.refreshAll();
  }

  /** Turns the painting of names on or off for this window (figures stay as they are; the setting is not changed). */
  setEntitiesEnabled(enabled: boolean): void {
    this.entitiesEnabled = enabled;
    this.refreshAll();
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** What was last painted for a document: its version, the figures per kind and names per type shown, and how. */
  paintedFor(uri: vscode.Uri | string): Painted | undefined {
    return this.painted.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /** Whether a line of a document is marked as a whole line (in the current mode) rather than highlighted inside. */
  marksWholeLine(document: vscode.TextDocument, line: number): boolean {
    if (this.mode === 'line') return true;
    if (this.mode === 'inline') return false;
    return line < document.lineCount && paragraphDirection(document.lineAt(line).text) === 'rtl';
  }

  private clear(editor: vscode.TextEditor): void {
    for (const kind of KINDS) editor.setDecorations(this.types[kind], []);
    for (const type of ENTITY_TYPES) {
      editor.setDecorations(this.entityTypes[type].known, []);
      editor.setDecorations(this.entityTypes[type].unknown, []);
    }
    for (const t of Object.values(this.lineTypes)) editor.setDecorations(t, []);
    editor.setDecorations(this.curatedType, []);
  }

  private paint(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const entry = this.store.get(uri);
    if ((!this.enabled && !this.entitiesEnabled) || !entry) {
      this.clear(editor);
      this.painted.delete(uri);
      this.paintEmitter.fire({ uri, painted: undefined });
      return;
    }
    // Figures for an older version: keep what is painted (VS Code moves it with the edits) until the
    // server's notification for the current version arrives.
    if (entry.version !== editor.document.version) return;
    const document = editor.document;
    const whole = new Map<number, boolean>();
    const isWhole = (line: number) => {
      let w = whole.get(line);
      if (w === undefined) whole.set(line, (w = this.marksWholeLine(document, line)));
      return w;
    };
    /** Empty when a range can be painted inline; else every line it touches (one of them is marked whole, and it is not cut). */
    const wholeLinesOf = (r: FigureDecoration['range']): number[] => {
      const lines: number[] = [];
      for (let l = r.start.line; l <= r.end.line && l < document.lineCount; l++) lines.push(l);
      return lines.some(isWhole) ? lines : [];
    };
    const marks = new Map<number, LineMarks>();
    const marksOf = (line: number) => {
      let m = marks.get(line);
      if (!m) marks.set(line, (m = { figures: [], entities: [] }));
      return m;
    };
    let inline = 0;

    const counts = { killed: 0, injured: 0, arrested: 0 } as Record<Kind, number>;
    const inlineFigures: Record<Kind, vscode.DecorationOptions[]> = { killed: [], injured: [], arrested: [] };
    for (const f of this.enabled ? entry.figures : []) {
      if (!(f.kind in inlineFigures)) continue; // a kind this client does not know
      counts[f.kind]++;
      const lines = wholeLinesOf(f.range);
      if (lines.length) for (const l of lines) marksOf(l).figures.push(f);
      else inlineFigures[f.kind].push(f.cumulative ? { range: toRange(f), renderOptions: RUNNING_TOTAL } : { range: toRange(f) });
    }
    for (const kind of KINDS) {
      editor.setDecorations(this.types[kind], inlineFigures[kind]);
      inline += inlineFigures[kind].length;
    }
    const curated = [...(this.enabled ? entry.figures : []), ...(this.entitiesEnabled ? (entry.entities ?? []) : [])].filter((x) => x.curated);
    editor.setDecorations(this.curatedType, curated.map((x) => ({ range: toRange(x) })));

    const entities = { place: 0, person: 0, organization: 0 } as Record<EntityType, number>;
    const inlineEntities = new Map<EntityType, { known: vscode.DecorationOptions[]; unknown: vscode.DecorationOptions[] }>(ENTITY_TYPES.map((t) => [t, { known: [], unknown: [] }]));
    for (const m of this.entitiesEnabled ? (entry.entities ?? []) : []) {
      const ofType = inlineEntities.get(m.type);
      if (!ofType) continue;
      entities[m.type]++;
      const lines = wholeLinesOf(m.range);
      if (lines.length) for (const l of lines) marksOf(l).entities.push(m);
      else (m.inKnowledgeBase ? ofType.known : ofType.unknown).push({ range: toRange(m) });
    }
    for (const type of ENTITY_TYPES) {
      const { known, unknown } = inlineEntities.get(type)!;
      editor.setDecorations(this.entityTypes[type].known, known);
      editor.setDecorations(this.entityTypes[type].unknown, unknown);
      inline += known.length + unknown.length;
    }

    // Lines marked whole: the strongest kind's tint, icon and ruler mark, and the hover listing everything on the line.
    const lineOptions: Record<Kind | 'names', vscode.DecorationOptions[]> = { killed: [], injured: [], arrested: [], names: [] };
    const wholeLines = [...marks.keys()].sort((a, b) => a - b);
    const lineHovers: Record<number, string> = {};
    for (const line of wholeLines) {
      const m = marks.get(line)!;
      const strongest = KINDS.find((k) => m.figures.some((f) => f.kind === k)) ?? 'names';
      const hoverMessage = lineHover(document, m);
      lineHovers[line] = hoverMessage.value;
      lineOptions[strongest].push({ range: document.lineAt(line).range, hoverMessage });
    }
    for (const key of [...KINDS, 'names'] as const) editor.setDecorations(this.lineTypes[key], lineOptions[key]);

    const painted: Painted = { version: entry.version, counts, entities, inline, wholeLines, lineHovers };
    this.painted.set(uri, painted);
    this.paintEmitter.fire({ uri, painted });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.paintEmitter.dispose();
    for (const t of Object.values(this.types)) t.dispose();
    this.curatedType.dispose();
    for (const t of Object.values(this.lineTypes)) t.dispose();
    for (const t of Object.values(this.entityTypes)) {
      t.known.dispose();
      t.unknown.dispose();
    }
    this.painted.clear();
  }
}

function readMode(): DecorationMode {
  const value = vscode.workspace.getConfiguration().get<string>('khabar.decorations.mode', 'auto');
  return (DECORATION_MODES as readonly string[]).includes(value) ? (value as DecorationMode) : 'auto';
}

const ENTITY_WORDS: Record<EntityType, string> = { place: 'place', person: 'person', organization: 'organization' };

/** The hover over a line marked whole: its figures (value, kind, group, words) and names (type, name, words), in the order of the text. */
export function lineHover(document: vscode.TextDocument, marks: LineMarks): vscode.MarkdownString {
  const byStart = (a: { range: FigureDecoration['range'] }, b: { range: FigureDecoration['range'] }) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const lines: string[] = [];
  const n = marks.figures.length;
  const e = marks.entities.length;
  lines.push(`**Khabar on this line:** ${[n ? `${n} figure${n === 1 ? '' : 's'}` : '', e ? `${e} name${e === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}`, '');
  for (const f of [...marks.figures].sort(byStart)) {
    const value = formatValue(f);
    lines.push(`- **${md(value)} ${f.kind}** · ${md(groupWord(f.group))} — \u201C${isolate(md(f.text))}\u201D${f.cumulative ? ' · running total, in no event' : ''}`);
  }
  for (const m of [...marks.entities].sort(byStart)) {
    const words = document.getText(toRange(m));
    lines.push(`- ${ENTITY_WORDS[m.type]} **${isolate(md(m.name))}** — \u201C${isolate(md(words))}\u201D${m.inKnowledgeBase ? '' : ' · not in the knowledge base'}`);
  }
  return new vscode.MarkdownString(lines.join('\n'));
}
