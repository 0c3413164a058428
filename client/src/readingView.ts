/**
 * The reading view (Khabar: Open Reading View): the article beside its editor, laid out to be read.
 * Each line of the text is a paragraph with its own direction (`dir="rtl"` when its first strong
 * letter is right-to-left), so Arabic and Persian read as they should — what the editor cannot do —
 * and figures and names are highlighted inline with `<mark>`s in the theme's `khabar.*` colours,
 * each with a tooltip; page furniture is dimmed. It follows the server's `khabar/decorations`
 * notifications (every analysed edit), and a click on a word selects that word in the editor.
 *
 * The webview runs one inline script and one inline style, both allowed by a nonce in a strict
 * Content-Security-Policy (`default-src 'none'`): no remote content, no local resources.
 */
import * as vscode from 'vscode';
import { renderArticle } from './readingHtml';
import type { KhabarStore } from './store';

export const READING_VIEW_TYPE = 'khabarReadingView';

/** Messages from the webview. */
type FromWebview = { type: 'select'; line: number; character: number };

/** What the view last rendered, for tests. */
export interface ReadingRender {
  uri: string;
  version: number;
  /** The body's markup. */
  html: string;
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

const STYLE = `
  body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: calc(var(--vscode-font-size, 13px) * 1.25); line-height: 1.75; }
  main { max-width: 44em; margin: 0 auto; padding: 1em 1.5em 4em; }
  h1 { font-size: 1.4em; line-height: 1.4; margin: 0.6em 0 0.2em; }
  .meta { opacity: 0.75; margin-top: 0; }
  p { margin: 0 0 0.9em; text-align: start; }
  mark { color: inherit; background: transparent; border-radius: 2px; cursor: pointer; }
  mark.place { color: var(--vscode-khabar-placeForeground); }
  mark.person { color: var(--vscode-khabar-personForeground); }
  mark.organization { color: var(--vscode-khabar-organizationForeground); }
  mark.unknown { text-decoration: underline dotted; }
  mark.killed { background: var(--vscode-khabar-killedBackground); border-bottom: 2px solid var(--vscode-khabar-killedBorder); }
  mark.injured { background: var(--vscode-khabar-injuredBackground); border-bottom: 2px solid var(--vscode-khabar-injuredBorder); }
  mark.arrested { background: var(--vscode-khabar-arrestedBackground); border-bottom: 2px solid var(--vscode-khabar-arrestedBorder); }
  .boilerplate { opacity: 0.45; }
  p.selected { background: var(--vscode-editor-selectionHighlightBackground); outline: 1px solid var(--vscode-editor-selectionBackground); }
  .empty { opacity: 0.7; font-style: italic; }
`;

/** The script of the webview: replaces the article on `render` messages, and reports clicks as the line and character under them. */
const SCRIPT = `
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('khabar-reading');
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'render' && typeof m.html === 'string') {
      main.innerHTML = m.html;
      main.dataset.version = String(m.version);
      mark();
    } else if (m && m.type === 'selection') {
      selection = m;
      mark();
      const first = main.querySelector('p.selected');
      if (first) first.scrollIntoView({ block: 'nearest' });
    } else if (m && m.type === 'scroll') {
      const p = [...main.querySelectorAll('[data-line]')].find((x) => Number(x.dataset.line) >= m.line);
      if (p) p.scrollIntoView({ block: 'start' });
    }
  });
  // The editor's selection, as the paragraphs (lines) it covers.
  let selection = null;
  function mark() {
    for (const p of main.querySelectorAll('p.selected')) p.classList.remove('selected');
    if (!selection) return;
    for (const p of main.querySelectorAll('[data-line]')) {
      const line = Number(p.dataset.line);
      if (line >= selection.from && line <= selection.to) p.classList.add('selected');
    }
  }
  main.addEventListener('click', (event) => {
    const at = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
    const piece = (at && at.startContainer.parentElement && at.startContainer.parentElement.closest('[data-c]')) || (event.target && event.target.closest && event.target.closest('[data-c]'));
    const paragraph = piece && piece.closest('[data-line]');
    if (!piece || !paragraph) return;
    const offset = at && at.startContainer.parentElement === piece ? at.startOffset : 0;
    vscode.postMessage({ type: 'select', line: Number(paragraph.dataset.line), character: Number(piece.dataset.c) + offset });
  });
`;

export class ReadingView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  /** The editor column the document was shown in when the view was opened: clicks select there. */
  private editorColumn: vscode.ViewColumn | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderEmitter = new vscode.EventEmitter<ReadingRender>();
  /** Fires after the view was given a new rendering of its article. */
  readonly onDidRender = this.renderEmitter.event;
  /** What the view last rendered. */
  lastRender: ReadingRender | undefined;

  /** What the view was last told of the editor: the lines selected, the first line shown. */
  lastFollow: { selection?: { from: number; to: number }; scroll?: number } = {};

  constructor(private readonly store: KhabarStore) {
    this.disposables.push(
      store.onDidUpdate((p) => {
        if (this.panel && this.document && p.uri === this.document.uri.toString()) this.update();
      }),
      // The view follows the editor: it scrolls with it and marks the paragraphs selected there.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.follows(e.textEditor)) return;
        const s = e.selections[0];
        // An empty selection (a click) marks nothing: the paragraph of the cursor is not chosen text.
        this.lastFollow.selection = s.isEmpty ? undefined : { from: s.start.line, to: s.end.character === 0 && s.end.line > s.start.line ? s.end.line - 1 : s.end.line };
        void this.panel!.webview.postMessage({ type: 'selection', from: this.lastFollow.selection?.from ?? -1, to: this.lastFollow.selection?.to ?? -2 });
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (!this.follows(e.textEditor) || !e.visibleRanges.length) return;
        this.lastFollow.scroll = e.visibleRanges[0].start.line;
        void this.panel!.webview.postMessage({ type: 'scroll', line: this.lastFollow.scroll });
      }),
    );
  }

  /** Whether the view shows this editor's document (and is open). */
  private follows(editor: vscode.TextEditor): boolean {
    return !!this.panel && !!this.document && editor.document.uri.toString() === this.document.uri.toString();
  }

  /** The webview panel while it is open. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The document shown. */
  get shown(): vscode.TextDocument | undefined {
    return this.document;
  }

  /**
   * Opens the view beside the editor on a document (the active editor's by default; with the focus
   * elsewhere, a visible article's), or shows it that document.
   */
  open(editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => this.store.get(e.document.uri))): void {
    if (!editor) {
      void vscode.window.showInformationMessage('Khabar: open an article in the editor first, then its reading view.');
      return;
    }
    this.document = editor.document;
    this.editorColumn = editor.viewColumn;
    const title = `Reading: ${editor.document.uri.path.split('/').pop() || editor.document.uri.toString()}`;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(READING_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableCommandUris: false,
        enableForms: false,
        localResourceRoots: [],
      });
      this.panel = panel;
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastRender = undefined;
      }, undefined, this.disposables);
      panel.webview.onDidReceiveMessage((m: unknown) => void this.handleMessage(m), undefined, this.disposables);
      panel.webview.html = this.page(this.body() ?? '', this.document.version);
    } else {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.update();
  }

  /** The article's markup when the server's findings are for the document's current version. */
  private body(): string | undefined {
    const doc = this.document;
    if (!doc) return undefined;
    const entry = this.store.get(doc.uri);
    if (!entry || entry.version !== doc.version) return undefined;
    return renderArticle(doc.getText(), entry);
  }

  /** Sends the article as it is now, once the server analysed this version (else the next notification does). */
  private update(): void {
    const doc = this.document;
    const panel = this.panel;
    if (!doc || !panel) return;
    const html = this.body() ?? (this.store.get(doc.uri) ? undefined : '<p class="empty">Khabar has not analysed this document (is it an article? see khabar.articles.include).</p>');
    if (html === undefined) return;
    const render: ReadingRender = { uri: doc.uri.toString(), version: doc.version, html };
    this.lastRender = render;
    void panel.webview.postMessage({ type: 'render', html, version: doc.version });
    this.renderEmitter.fire(render);
  }

  private page(body: string, version: number): string {
    const n = nonce();
    return `<!DOCTYPE html>
<html lang="und">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Khabar reading view</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<main id="khabar-reading" data-version="${version}">${body}</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
  }

  /** A message of the webview: a click selects the word under it in the editor. */
  async handleMessage(message: unknown): Promise<void> {
    const m = message as FromWebview;
    const doc = this.document;
    if (!doc || !m || m.type !== 'select' || !Number.isInteger(m.line) || !Number.isInteger(m.character)) return;
    if (m.line < 0 || m.line >= doc.lineCount) return;
    const position = doc.validatePosition(new vscode.Position(m.line, m.character));
    const word = doc.getWordRangeAtPosition(position) ?? (position.character > 0 ? doc.getWordRangeAtPosition(position.translate(0, -1)) : undefined);
    const selection = word ?? new vscode.Range(position, position);
    await vscode.window.showTextDocument(doc, { viewColumn: this.editorColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.renderEmitter.dispose();
  }
}
